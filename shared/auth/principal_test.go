package auth_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/auth/authtest"
)

func TestFromEvent(t *testing.T) {
	const code = "11410303MB0000001X"
	jwtCtx := func(claims map[string]string, scopes []string) events.APIGatewayV2HTTPRequestContext {
		return events.APIGatewayV2HTTPRequestContext{Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims, Scopes: scopes}}}
	}
	tests := []struct {
		name       string
		rc         events.APIGatewayV2HTTPRequestContext
		wantOK     bool
		wantCode   string
		wantAdmin  bool
		wantScopes []string
	}{
		{"no authorizer", events.APIGatewayV2HTTPRequestContext{}, false, "", false, nil},
		{"authorizer without JWT", events.APIGatewayV2HTTPRequestContext{Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{}}, false, "", false, nil},
		{"empty claims", jwtCtx(map[string]string{}, nil), false, "", false, nil},
		{"agency", jwtCtx(map[string]string{"sub": "u", "creditCode": code, "scope": "nianbao/reports.write"}, nil), true, code, false, []string{"nianbao/reports.write"}},
		{"Cognito custom attribute, lower case", jwtCtx(map[string]string{"custom:creditCode": " 11410303mb0000001x "}, nil), true, code, false, nil},
		{"admin in scope", jwtCtx(map[string]string{"scope": "openid nianbao/admin"}, nil), true, "", true, []string{"openid", "nianbao/admin"}},
		{"admin in scope, runs of spaces", jwtCtx(map[string]string{"scope": " openid  nianbao/admin "}, nil), true, "", true, []string{"openid", "nianbao/admin"}},
		{"bracketed string is one token", jwtCtx(map[string]string{"scope": "[nianbao/admin]"}, nil), true, "", false, []string{"[nianbao/admin]"}},
		{"array flattened by API Gateway grants nothing", jwtCtx(map[string]string{"scp": "[nianbao/admin profile]"}, nil), true, "", false, []string{"[nianbao/admin", "profile]"}},
		{"tab is no separator", jwtCtx(map[string]string{"scope": "x\tnianbao/admin"}, nil), true, "", false, nil},
		{"non-ASCII token dropped", jwtCtx(map[string]string{"scope": "nianbao/admin\u00a0 openid"}, nil), true, "", false, []string{"openid"}},
		{"admin in route scopes", jwtCtx(map[string]string{"sub": "x"}, []string{auth.AdminScope}), true, "", true, []string{auth.AdminScope}},
		{"admin-like scope is not admin", jwtCtx(map[string]string{"scope": "nianbao/administrator nianbao/admin:read"}, nil), true, "", false, []string{"nianbao/administrator", "nianbao/admin:read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := auth.FromEvent(tt.rc)
			if ok != tt.wantOK || p.CreditCode != tt.wantCode || p.Admin() != tt.wantAdmin || !slices.Equal(p.Scopes, tt.wantScopes) {
				t.Errorf("FromEvent = %+v (admin %t), %t; want code %q admin %t scopes %q, %t",
					p, p.Admin(), ok, tt.wantCode, tt.wantAdmin, tt.wantScopes, tt.wantOK)
			}
		})
	}
}

// TestScopeForms: a token's scope claim, from signing to the handler's
// principal as the local gateway passes it (Verify, Flat, FromClaims):
// only OAuth's space-separated string or a real array of scope tokens
// grants the administrator scope.
func TestScopeForms(t *testing.T) {
	iss := authtest.HS256(t)
	v := iss.Verifier(t)
	tests := []struct {
		name      string
		claim     string
		value     any
		wantAdmin bool
	}{
		{"space-separated string", "scope", "openid nianbao/admin", true},
		{"array of scope tokens", "scp", []any{"profile", auth.AdminScope}, true},
		{"array in scope", "scope", []any{auth.AdminScope}, true},
		{"string that looks like an array", "scope", "[nianbao/admin]", false},
		{"string that looks like a longer array", "scp", "[nianbao/admin profile]", false},
		{"array element with a space", "scp", []any{"openid nianbao/admin"}, false},
		{"array with a number", "scp", []any{auth.AdminScope, 1.0}, false},
		{"nested array", "scp", []any{[]any{auth.AdminScope}}, false},
		{"object", "scope", map[string]any{"nianbao/admin": true}, false},
		{"number", "scope", 1.0, false},
		{"admin-like scope", "scope", "nianbao/admin2 xnianbao/admin", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := iss.Claims("")
			c[tt.claim] = tt.value
			claims, err := v.Verify(iss.Sign(t, c))
			if err != nil {
				t.Fatal(err)
			}
			flat := claims.Flat()
			if p := auth.FromClaims(flat, nil); p.Admin() != tt.wantAdmin {
				t.Errorf("%s = %#v (flattened %q): admin %t, want %t", tt.claim, tt.value, flat[tt.claim], p.Admin(), tt.wantAdmin)
			}
		})
	}
}

func TestMayFile(t *testing.T) {
	const own, other = "11410303MB0000001X", "91110000100000000X"
	tests := []struct {
		p    auth.Principal
		code string
		want bool
	}{
		{auth.Principal{CreditCode: own}, own, true},
		{auth.Principal{CreditCode: own}, other, false},
		{auth.Principal{CreditCode: own}, "", false},
		{auth.Principal{}, "", false},
		{auth.Principal{}, own, false},
		{auth.Principal{Scopes: []string{auth.AdminScope}}, other, true},
	}
	for _, tt := range tests {
		if got := tt.p.MayFile(tt.code); got != tt.want {
			t.Errorf("%+v.MayFile(%q) = %t, want %t", tt.p, tt.code, got, tt.want)
		}
	}
}

func TestFlat(t *testing.T) {
	c := auth.Claims{"s": "文本", "n": float64(1616208600), "f": 1.5, "b": true, "a": []any{"x", float64(2)}, "o": map[string]any{"k": "v"}, "z": nil,
		"scp": []any{"openid", "nianbao/admin"}, "scope": []any{"openid nianbao/admin"}}
	want := map[string]string{"s": "文本", "n": "1616208600", "f": "1.5", "b": "true", "a": "[x 2]", "o": `{"k":"v"}`, "z": "",
		"scp": "openid nianbao/admin", "scope": ""}
	got := c.Flat()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("Flat()[%q] = %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("Flat() has %d claims, want %d", len(got), len(want))
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct {
		header, want string
		wantErr      error
	}{
		{"Bearer abc.def.ghi", "abc.def.ghi", nil},
		{"bearer   abc.def.ghi ", "abc.def.ghi", nil},
		{"abc.def.ghi", "abc.def.ghi", nil},
		{"", "", auth.ErrNoToken},
		{"Bearer ", "", auth.ErrNoToken},
		{"Basic dXNlcjpwYXNz", "", auth.ErrMalformed},
		{"Bearer a b", "", auth.ErrMalformed},
	}
	for _, tt := range tests {
		got, err := auth.BearerToken(tt.header)
		if got != tt.want || !errorsIs(err, tt.wantErr) {
			t.Errorf("BearerToken(%q) = %q, %v; want %q, %v", tt.header, got, err, tt.want, tt.wantErr)
		}
	}
}
