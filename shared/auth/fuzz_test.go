package auth_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/auth"
)

func FuzzVerify(f *testing.F) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	ks, err := auth.HMACSecret(secret)
	if err != nil {
		f.Fatal(err)
	}
	now := time.Unix(1616205000, 0)
	v := auth.NewVerifier(ks, auth.Options{Issuer: "https://login.example.gov.cn/nianbao", Now: func() time.Time { return now }})
	f.Add(signHS256(f, secret, map[string]any{"iss": "https://login.example.gov.cn/nianbao", "exp": now.Add(time.Hour).Unix(), "creditCode": "11410303MB0000001X"}))
	f.Add(signHS256(f, secret, map[string]any{"exp": "soon", "aud": 7}))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("a.b.c")
	f.Add("")
	f.Fuzz(func(t *testing.T, token string) {
		claims, err := v.Verify(token)
		if err == nil && claims == nil {
			t.Errorf("Verify(%q) accepted a token without claims", token)
		}
		if err != nil && claims != nil {
			t.Errorf("Verify(%q) returned claims with error %v", token, err)
		}
	})
}

func FuzzParseKeys(f *testing.F) {
	f.Add([]byte("0123456789abcdef0123456789abcdef\n"))
	f.Add([]byte(`{"keys":[{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}]}`))
	f.Add([]byte(`{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`))
	f.Add([]byte("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ks, err := auth.ParseKeys(data)
		if err == nil && ks.Len() == 0 {
			t.Errorf("ParseKeys(%q) returned an empty key set without error", data)
		}
	})
}

// FuzzScopes: a scope claim yields only valid scope tokens, and they read
// back the same once joined as OAuth joins them.
func FuzzScopes(f *testing.F) {
	f.Add("openid nianbao/admin")
	f.Add("[nianbao/admin]")
	f.Add(" a\tb  c\u00a0 ")
	f.Fuzz(func(t *testing.T, scope string) {
		got := auth.FromClaims(map[string]string{"scope": scope}, nil).Scopes
		for _, s := range got {
			if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r > '~' || r == '"' || r == '\\' }) {
				t.Fatalf("scope %q from %q is no scope token", s, scope)
			}
		}
		again := auth.FromClaims(map[string]string{"scp": strings.Join(got, " ")}, nil).Scopes
		if !slices.Equal(got, again) {
			t.Fatalf("scopes %q read back as %q", got, again)
		}
	})
}
