package auth

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/go-jose/go-jose/v4"
)

// The signature algorithms nianbao accepts. Each key verifies exactly one of
// them, fixed by the key's type, so a token cannot choose how it is checked
// (no HS256 "signed" with an RSA public key, no "none").
const (
	HS256 = jose.HS256
	RS256 = jose.RS256
	ES256 = jose.ES256
)

// MaxKeyFileBytes bounds a key file: a JWKS with a handful of RSA keys is a
// few kilobytes.
const MaxKeyFileBytes = 256 << 10

// minSecretBytes is HS256's hash size; RFC 7518 §3.2 requires at least that.
const minSecretBytes = 32

// errKeyType marks a key of a type no accepted algorithm uses; a JWKS may
// publish such keys for other clients.
var errKeyType = errors.New("unsupported key type")

// minRSABits refuses RSA keys that are too weak to trust.
const minRSABits = 2048

type key struct {
	id  string // JWKS "kid"; empty for PEM files and secrets
	alg jose.SignatureAlgorithm
	pub any // []byte, *rsa.PublicKey or *ecdsa.PublicKey
}

// KeySet is the keys a Verifier accepts signatures from.
type KeySet struct {
	keys []key
}

// Len is the number of keys in the set.
func (s *KeySet) Len() int { return len(s.keys) }

// String describes the set for start-up logs, e.g. "2 keys (RS256, ES256)".
func (s *KeySet) String() string {
	algs := s.algorithms()
	names := make([]string, len(algs))
	for i, a := range algs {
		names[i] = string(a)
	}
	unit := "keys"
	if len(s.keys) == 1 {
		unit = "key"
	}
	return fmt.Sprintf("%d %s (%s)", len(s.keys), unit, strings.Join(names, ", "))
}

func (s *KeySet) algorithms() []jose.SignatureAlgorithm {
	var algs []jose.SignatureAlgorithm
	for _, k := range s.keys {
		if !slices.Contains(algs, k.alg) {
			algs = append(algs, k.alg)
		}
	}
	return algs
}

// candidates are the keys that may have signed a token with this header:
// same algorithm, and the named key ID unless the key has none.
func (s *KeySet) candidates(kid string, alg jose.SignatureAlgorithm) []key {
	var out []key
	for _, k := range s.keys {
		if k.alg == alg && (k.id == "" || k.id == kid) {
			out = append(out, k)
		}
	}
	return out
}

// LoadKeys reads a key file; see ParseKeys for the formats.
func LoadKeys(path string) (*KeySet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeyFile, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxKeyFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read %s: %w", ErrKeyFile, path, err)
	}
	if len(data) > MaxKeyFileBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrKeyFile, path, MaxKeyFileBytes)
	}
	ks, err := ParseKeys(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ks, nil
}

// ParseKeys reads verification keys in one of three formats, told apart by
// their first bytes:
//
//   - PEM ("-----BEGIN"): PUBLIC KEY (RSA or P-256), RSA PUBLIC KEY or
//     CERTIFICATE blocks, for RS256 and ES256;
//   - JWKS ("{"): a JSON Web Key Set, or a single JWK, as identity providers
//     publish them; RSA and P-256 public keys and "oct" secrets, keys for
//     encryption or other algorithms skipped;
//   - anything else: the HS256 shared secret itself (at least 32 bytes; a
//     final line break is not part of it).
//
// Private keys are refused: a verifier needs only the public half.
func ParseKeys(data []byte) (*KeySet, error) {
	trimmed := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(trimmed, []byte("-----BEGIN")):
		return parsePEM(trimmed)
	case bytes.HasPrefix(trimmed, []byte("{")):
		return parseJWKS(trimmed)
	}
	return HMACSecret(bytes.TrimRight(data, "\r\n"))
}

// HMACSecret returns the set holding one HS256 shared secret.
func HMACSecret(secret []byte) (*KeySet, error) {
	if len(secret) < minSecretBytes {
		return nil, fmt.Errorf("%w: HS256 secret has %d bytes, want at least %d", ErrKeyFile, len(secret), minSecretBytes)
	}
	return &KeySet{keys: []key{{alg: HS256, pub: bytes.Clone(secret)}}}, nil
}

func parsePEM(data []byte) (*KeySet, error) {
	ks := &KeySet{}
	for n := 1; ; n++ {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		pub, err := pemPublicKey(block)
		if err != nil {
			return nil, fmt.Errorf("%w: PEM block %d: %w", ErrKeyFile, n, err)
		}
		k, err := publicKey("", "", pub)
		if err != nil {
			return nil, fmt.Errorf("%w: PEM block %d: %w", ErrKeyFile, n, err)
		}
		ks.keys = append(ks.keys, k)
	}
	if len(ks.keys) == 0 {
		return nil, fmt.Errorf("%w: no PEM block", ErrKeyFile)
	}
	if len(bytes.TrimSpace(data)) > 0 {
		return nil, fmt.Errorf("%w: text after the last PEM block is not PEM", ErrKeyFile)
	}
	return ks, nil
}

func pemPublicKey(b *pem.Block) (any, error) {
	switch b.Type {
	case "PUBLIC KEY":
		return x509.ParsePKIXPublicKey(b.Bytes)
	case "RSA PUBLIC KEY":
		return x509.ParsePKCS1PublicKey(b.Bytes)
	case "CERTIFICATE":
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, err
		}
		return c.PublicKey, nil
	}
	if strings.Contains(b.Type, "PRIVATE KEY") {
		return nil, fmt.Errorf("%s: give the verifier the public key, not the private one", b.Type)
	}
	return nil, fmt.Errorf("unsupported block type %q", b.Type)
}

// publicKey fixes a key's algorithm from its type, checking a declared one.
func publicKey(id, declared string, pub any) (key, error) {
	k := key{id: id, pub: pub}
	switch p := pub.(type) {
	case *rsa.PublicKey:
		if p.N.BitLen() < minRSABits {
			return key{}, fmt.Errorf("RSA key of %d bits, want at least %d", p.N.BitLen(), minRSABits)
		}
		k.alg = RS256
	case *ecdsa.PublicKey:
		if p.Curve != elliptic.P256() {
			return key{}, fmt.Errorf("EC key on %s, want P-256 (ES256)", p.Curve.Params().Name)
		}
		k.alg = ES256
	case []byte:
		if len(p) < minSecretBytes {
			return key{}, fmt.Errorf("HS256 secret has %d bytes, want at least %d", len(p), minSecretBytes)
		}
		k.alg = HS256
	default:
		return key{}, fmt.Errorf("%w %T (want RSA, P-256 or an HS256 secret)", errKeyType, pub)
	}
	if declared != "" && declared != string(k.alg) {
		return key{}, fmt.Errorf("key declares alg %s, but its type is for %s", declared, k.alg)
	}
	return k, nil
}

func parseJWKS(data []byte) (*KeySet, error) {
	var probe struct {
		Keys json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%w: JSON: %w", ErrKeyFile, err)
	}
	var set jose.JSONWebKeySet
	if probe.Keys == nil {
		var one jose.JSONWebKey
		if err := one.UnmarshalJSON(data); err != nil {
			return nil, fmt.Errorf("%w: JWK: %w", ErrKeyFile, err)
		}
		set.Keys = []jose.JSONWebKey{one}
	} else if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("%w: JWKS: %w", ErrKeyFile, err)
	}
	ks := &KeySet{}
	for i, jwk := range set.Keys {
		if jwk.Use != "" && jwk.Use != "sig" {
			continue // an encryption key published alongside
		}
		if jwk.Algorithm != "" && !slices.Contains([]string{string(HS256), string(RS256), string(ES256)}, jwk.Algorithm) {
			continue // an algorithm nianbao does not accept
		}
		if _, secret := jwk.Key.([]byte); !secret && !jwk.IsPublic() {
			return nil, fmt.Errorf("%w: JWKS key %d (kid %q) is a private key: give the verifier the public key", ErrKeyFile, i, jwk.KeyID)
		}
		k, err := publicKey(jwk.KeyID, jwk.Algorithm, jwk.Key)
		if errors.Is(err, errKeyType) && jwk.Algorithm == "" {
			continue // e.g. an Ed25519 key for other clients
		}
		if err != nil {
			return nil, fmt.Errorf("%w: JWKS key %d (kid %q): %w", ErrKeyFile, i, jwk.KeyID, err)
		}
		ks.keys = append(ks.keys, k)
	}
	if len(ks.keys) == 0 {
		return nil, fmt.Errorf("%w: no signing key for HS256, RS256 or ES256 in the JWKS", ErrKeyFile)
	}
	return ks, nil
}
