package auth_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/auth/authtest"
)

var t0 = time.Date(2021, 3, 20, 10, 0, 0, 0, time.UTC)

func issuers(t *testing.T) map[string]*authtest.Issuer {
	t.Helper()
	out := map[string]*authtest.Issuer{"HS256": authtest.HS256(t), "RS256": authtest.RS256(t), "ES256": authtest.ES256(t)}
	for _, iss := range out {
		iss.Now = func() time.Time { return t0 }
	}
	return out
}

func TestVerify(t *testing.T) {
	const code = "11410303MB0000001X"
	for alg, iss := range issuers(t) {
		other := authtest.HS256(t)
		if alg == "HS256" {
			other = authtest.RS256(t)
		}
		same := map[string]func(testing.TB) *authtest.Issuer{"HS256": authtest.HS256, "RS256": authtest.RS256, "ES256": authtest.ES256}[alg](t)
		same.Now = iss.Now
		v := iss.Verifier(t)
		with := func(change func(c map[string]any)) string {
			c := iss.Claims(code, "nianbao/reports.write")
			change(c)
			return iss.Sign(t, c)
		}
		valid := iss.Agency(t, code)
		parts := strings.Split(valid, ".")
		tests := []struct {
			name    string
			token   string
			wantErr error // nil: accepted
		}{
			{"valid", valid, nil},
			{"audience in an array", with(func(c map[string]any) { c["aud"] = []string{"other", authtest.Audience} }), nil},
			{"expired within leeway", with(func(c map[string]any) { c["exp"] = t0.Add(-20 * time.Second).Unix() }), nil},
			{"expired", iss.Expired(t, code), auth.ErrExpired},
			{"expired beyond leeway", with(func(c map[string]any) { c["exp"] = t0.Add(-time.Minute).Unix() }), auth.ErrExpired},
			{"not valid yet", with(func(c map[string]any) { c["nbf"] = t0.Add(time.Hour).Unix() }), auth.ErrNotValidYet},
			{"issued in the future", with(func(c map[string]any) { c["iat"] = t0.Add(time.Hour).Unix() }), auth.ErrNotValidYet},
			{"no exp", with(func(c map[string]any) { delete(c, "exp") }), auth.ErrMalformed},
			{"wrong issuer", with(func(c map[string]any) { c["iss"] = "https://evil.example" }), auth.ErrIssuer},
			{"no issuer", with(func(c map[string]any) { delete(c, "iss") }), auth.ErrIssuer},
			{"wrong audience", with(func(c map[string]any) { c["aud"] = "someone-else" }), auth.ErrAudience},
			{"signed by another key, same algorithm", same.Agency(t, code), auth.ErrSignature},
			{"signed with another algorithm", other.Agency(t, code), auth.ErrMalformed},
			{"payload swapped", parts[0] + "." + iss.Admin(t)[len(parts[0])+1:strings.LastIndex(iss.Admin(t), ".")] + "." + parts[2], auth.ErrSignature},
			{"signature stripped", parts[0] + "." + parts[1] + ".", auth.ErrSignature},
			{"alg none", b64(`{"alg":"none","typ":"JWT"}`) + "." + parts[1] + ".", auth.ErrMalformed},
			{"two parts", parts[0] + "." + parts[1], auth.ErrMalformed},
			{"garbage", "not a token", auth.ErrMalformed},
			{"empty", "", auth.ErrNoToken},
			{"oversized", valid + strings.Repeat("A", auth.MaxTokenBytes), auth.ErrMalformed},
			{"payload not an object", iss.Sign(t, nil), auth.ErrMalformed},
		}
		for _, tt := range tests {
			t.Run(alg+"/"+tt.name, func(t *testing.T) {
				claims, err := v.Verify(tt.token)
				if tt.wantErr == nil {
					if err != nil {
						t.Fatalf("Verify(%.60s…) = %v, want success", tt.token, err)
					}
					if claims["creditCode"] != code {
						t.Errorf("creditCode claim = %v, want %s", claims["creditCode"], code)
					}
					return
				}
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("Verify(%.60s…) error = %v, want %v", tt.token, err, tt.wantErr)
				}
				if claims != nil {
					t.Errorf("Verify(%.60s…) returned claims %v with an error", tt.token, claims)
				}
			})
		}
	}
}

// A token must not choose how it is checked: an HS256 token "signed" with
// the RSA public key (which any client may know) is refused.
func TestVerifyAlgorithmConfusion(t *testing.T) {
	rs := authtest.RS256(t)
	forged := signHS256(t, rs.KeyFile(), rs.Claims("11410303MB0000001X", auth.AdminScope))
	if _, err := rs.Verifier(t).Verify(forged); !errors.Is(err, auth.ErrMalformed) {
		t.Fatalf("an HS256 token keyed with the RSA public key: error %v, want %v", err, auth.ErrMalformed)
	}
}

func TestVerifyWithoutIssuerOrAudience(t *testing.T) {
	iss := authtest.HS256(t)
	ks, err := auth.ParseKeys(iss.KeyFile())
	if err != nil {
		t.Fatal(err)
	}
	c := iss.Claims("11410303MB0000001X")
	delete(c, "iss")
	delete(c, "aud")
	if _, err := auth.NewVerifier(ks, auth.Options{}).Verify(iss.Sign(t, c)); err != nil {
		t.Errorf("with no issuer or audience configured, a token without them: %v", err)
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
