package auth_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/nianbao/nianbao/shared/auth"
)

// Generated once: RSA key generation takes a noticeable fraction of a second.
var testKeys = sync.OnceValue(func() (k struct {
	rsa  *rsa.PrivateKey
	weak *rsa.PrivateKey
	p256 *ecdsa.PrivateKey
	p384 *ecdsa.PrivateKey
}) {
	k.rsa, _ = rsa.GenerateKey(rand.Reader, 2048)
	k.weak, _ = rsa.GenerateKey(rand.Reader, 1024)
	k.p256, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	k.p384, _ = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	return k
})

func pemBlock(t *testing.T, typ string, der []byte) string {
	t.Helper()
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func pkixPEM(t *testing.T, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pemBlock(t, "PUBLIC KEY", der)
}

func certificate(t *testing.T, priv *ecdsa.PrivateKey) string {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "nianbao test"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<32, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	return pemBlock(t, "CERTIFICATE", der)
}

func jwks(t *testing.T, keys ...jose.JSONWebKey) string {
	t.Helper()
	b, err := json.Marshal(jose.JSONWebKeySet{Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseKeys(t *testing.T) {
	k := testKeys()
	secret := strings.Repeat("s", 32)
	privDER, _ := x509.MarshalPKCS8PrivateKey(k.rsa)
	tests := []struct {
		name     string
		file     string
		wantDesc string // KeySet.String(); "" when an error is wanted
		wantErr  string
	}{
		{"HS256 secret", secret, "1 key (HS256)", ""},
		{"HS256 secret with a final line break", secret + "\n", "1 key (HS256)", ""},
		{"short secret", "hunter2\n", "", "at least 32"},
		{"PKIX RSA", pkixPEM(t, &k.rsa.PublicKey), "1 key (RS256)", ""},
		{"PKCS#1 RSA", pemBlock(t, "RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)), "1 key (RS256)", ""},
		{"PKIX P-256", pkixPEM(t, &k.p256.PublicKey), "1 key (ES256)", ""},
		{"certificate", certificate(t, k.p256), "1 key (ES256)", ""},
		{"two PEM keys", pkixPEM(t, &k.rsa.PublicKey) + pkixPEM(t, &k.p256.PublicKey), "2 keys (RS256, ES256)", ""},
		{"private key", pemBlock(t, "PRIVATE KEY", privDER), "", "public key, not the private"},
		{"weak RSA", pkixPEM(t, &k.weak.PublicKey), "", "1024 bits"},
		{"P-384", pkixPEM(t, &k.p384.PublicKey), "", "P-384"},
		{"text after PEM", pkixPEM(t, &k.rsa.PublicKey) + "junk", "", "after the last PEM block"},
		{"broken PEM", "-----BEGIN PUBLIC KEY-----\nnot base64\n", "", "no PEM block"},
		{"JWKS", jwks(t, jose.JSONWebKey{Key: &k.rsa.PublicKey, KeyID: "a", Algorithm: "RS256", Use: "sig"},
			jose.JSONWebKey{Key: &k.p256.PublicKey, KeyID: "b"}), "2 keys (RS256, ES256)", ""},
		{"JWKS skips encryption keys and other algorithms", jwks(t,
			jose.JSONWebKey{Key: &k.rsa.PublicKey, KeyID: "enc", Use: "enc"},
			jose.JSONWebKey{Key: &k.rsa.PublicKey, KeyID: "ps", Algorithm: "PS256"},
			jose.JSONWebKey{Key: &k.p256.PublicKey, KeyID: "ok"}), "1 key (ES256)", ""},
		{"JWKS oct secret", jwks(t, jose.JSONWebKey{Key: []byte(secret), KeyID: "h"}), "1 key (HS256)", ""},
		{"single JWK", jwks(t, jose.JSONWebKey{Key: &k.p256.PublicKey})[len(`{"keys":[`) : len(jwks(t, jose.JSONWebKey{Key: &k.p256.PublicKey}))-2], "1 key (ES256)", ""},
		{"JWKS private key", jwks(t, jose.JSONWebKey{Key: k.p256, KeyID: "p"}), "", "private key"},
		{"JWKS alg does not fit the key", jwks(t, jose.JSONWebKey{Key: &k.p256.PublicKey, Algorithm: "RS256"}), "", "declares alg RS256"},
		{"JWKS with nothing usable", jwks(t, jose.JSONWebKey{Key: &k.rsa.PublicKey, Use: "enc"}), "", "no signing key"},
		{"JWKS not JSON", `{"keys": [`, "", "JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ks, err := auth.ParseKeys([]byte(tt.file))
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, auth.ErrKeyFile) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseKeys(%.80q) error = %v, want ErrKeyFile containing %q", tt.file, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseKeys(%.80q): %v", tt.file, err)
			}
			if got := ks.String(); got != tt.wantDesc {
				t.Errorf("ParseKeys(%.80q) = %s, want %s", tt.file, got, tt.wantDesc)
			}
		})
	}
}

func TestLoadKeys(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, auth.MaxKeyFileBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing"), big} {
		if _, err := auth.LoadKeys(path); !errors.Is(err, auth.ErrKeyFile) {
			t.Errorf("LoadKeys(%s) error = %v, want ErrKeyFile", path, err)
		}
	}
	good := filepath.Join(dir, "secret")
	if err := os.WriteFile(good, []byte(strings.Repeat("k", 40)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ks, err := auth.LoadKeys(good); err != nil || ks.Len() != 1 {
		t.Errorf("LoadKeys(%s) = %v, %v; want 1 key", good, ks, err)
	}
}
