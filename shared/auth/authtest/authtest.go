// Package authtest mints signed tokens for tests: an Issuer holds a fresh
// key, writes the key file a verifier or `nianbao serve --jwt-key` reads, and
// signs tokens for an agency, an administrator, or any claims at all.
package authtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/nianbao/nianbao/shared/auth"
)

// The issuer and audience tokens carry; pass them to auth.Options.
const (
	IssuerURL = "https://login.example.gov.cn/nianbao"
	Audience  = "nianbao"
)

// Issuer signs tokens with one key.
type Issuer struct {
	signer  jose.Signer
	keyFile []byte // what a verifier reads: secret, PEM or JWKS
	// Now is the clock tokens are issued by; time.Now unless set.
	Now func() time.Time
}

// HS256 returns an issuer with a random 32-byte shared secret; its key file
// is the secret itself.
func HS256(t testing.TB) *Issuer {
	t.Helper()
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	// The secret must survive as a file: no line breaks at its end.
	for i, b := range secret {
		secret[i] = 'a' + b%26
	}
	return newIssuer(t, jose.HS256, secret, "", secret)
}

// RS256 returns an issuer with a fresh 2048-bit RSA key; its key file is the
// public key in PEM.
func RS256(t testing.TB) *Issuer {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("generate RSA key: %v", err)
	}
	return newIssuer(t, jose.RS256, k, "", pemPublic(t, &k.PublicKey))
}

// ES256 returns an issuer with a fresh P-256 key, published as a JWKS with
// the key ID "test-es256".
func ES256(t testing.TB) *Issuer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("generate EC key: %v", err)
	}
	const kid = "test-es256"
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &k.PublicKey, KeyID: kid, Algorithm: string(jose.ES256), Use: "sig"}}}
	jwks, err := json.Marshal(set)
	if err != nil {
		t.Fatalf("JWKS: %v", err)
	}
	return newIssuer(t, jose.ES256, k, kid, jwks)
}

func newIssuer(t testing.TB, alg jose.SignatureAlgorithm, key any, kid string, keyFile []byte) *Issuer {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	if kid != "" {
		opts = opts.WithHeader(jose.HeaderKey("kid"), kid)
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	if err != nil {
		t.Fatalf("signer: %v", err)
	}
	return &Issuer{signer: s, keyFile: keyFile, Now: time.Now}
}

func pemPublic(t testing.TB, pub any) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatalf("marshal public key: %v", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// KeyFile returns the key file's contents.
func (i *Issuer) KeyFile() []byte { return i.keyFile }

// WriteKeyFile writes the key file into a test directory and returns its path.
func (i *Issuer) WriteKeyFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "jwt-key")
	if err := os.WriteFile(path, i.keyFile, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Verifier returns a verifier for this issuer's tokens, expecting IssuerURL
// and Audience.
func (i *Issuer) Verifier(t testing.TB) *auth.Verifier {
	t.Helper()
	ks, err := auth.ParseKeys(i.keyFile)
	if err != nil {
		t.Fatalf("parse the issuer's own key file: %v", err)
	}
	return auth.NewVerifier(ks, auth.Options{Issuer: IssuerURL, Audience: Audience, Now: i.Now})
}

// Claims are the claims of a token valid for an hour from now: issuer,
// audience, subject, times, the agency's credit code (when not empty) and
// the scopes, space-separated.
func (i *Issuer) Claims(creditCode string, scopes ...string) map[string]any {
	now := i.Now()
	sub := "admin"
	if creditCode != "" {
		sub = "uploader-" + creditCode
	}
	c := map[string]any{
		"iss": IssuerURL,
		"aud": Audience,
		"sub": sub,
		"iat": now.Unix(),
		"nbf": now.Unix(),
		"exp": now.Add(time.Hour).Unix(),
	}
	if creditCode != "" {
		c["creditCode"] = creditCode
	}
	if len(scopes) > 0 {
		c["scope"] = strings.Join(scopes, " ")
	}
	return c
}

// Sign returns a compact token with exactly these claims.
func (i *Issuer) Sign(t testing.TB, claims map[string]any) string {
	t.Helper()
	tok, err := jwt.Signed(i.signer).Claims(claims).Serialize()
	if err != nil {
		t.Fatalf("sign %v: %v", claims, err)
	}
	return tok
}

// Agency returns a valid token for the agency's uploader.
func (i *Issuer) Agency(t testing.TB, creditCode string) string {
	t.Helper()
	return i.Sign(t, i.Claims(creditCode, "nianbao/reports.write"))
}

// Admin returns a valid token with the administrator scope and no agency.
func (i *Issuer) Admin(t testing.TB) string {
	t.Helper()
	return i.Sign(t, i.Claims("", auth.AdminScope))
}

// Expired returns the agency's token as it was, issued two hours ago and
// expired an hour ago.
func (i *Issuer) Expired(t testing.TB, creditCode string) string {
	t.Helper()
	c := i.Claims(creditCode, "nianbao/reports.write")
	now := i.Now()
	c["iat"], c["nbf"], c["exp"] = now.Add(-2*time.Hour).Unix(), now.Add(-2*time.Hour).Unix(), now.Add(-time.Hour).Unix()
	return i.Sign(t, c)
}
