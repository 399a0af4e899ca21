package gateway

import (
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/auth/authtest"
)

// claimsEcho answers with the authorizer claims the event carries.
func claimsEcho(_ context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	var claims map[string]string
	if a := req.RequestContext.Authorizer; a != nil && a.JWT != nil {
		claims = a.JWT.Claims
	}
	body, err := json.Marshal(claims)
	return events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: string(body)}, err
}

func TestGatewayAuthorizer(t *testing.T) {
	const code = "11410303MB0000001X"
	iss := authtest.RS256(t)
	stranger := authtest.RS256(t)
	routes := []Route{
		{Method: "POST", Path: "/reports", Handler: claimsEcho, Protected: true},
		{Method: "GET", Path: "/reports", Handler: claimsEcho},
	}
	verified := New(routes, WithVerifier(iss.Verifier(t)))
	open := New(routes)
	tests := []struct {
		name          string
		g             *Gateway
		method        string
		authorization string
		wantStatus    int
		wantBody      string // substring
		wantChallenge string
	}{
		{"valid token: claims reach the handler", verified, "POST", "Bearer " + iss.Agency(t, code), 200, `"creditCode":"` + code + `"`, ""},
		{"numbers arrive as strings", verified, "POST", "Bearer " + iss.Agency(t, code), 200, `"exp":"`, ""},
		{"admin scope", verified, "POST", "Bearer " + iss.Admin(t), 200, `"scope":"` + auth.AdminScope + `"`, ""},
		{"no token", verified, "POST", "", 401, `{"message":"Unauthorized"}`, "Bearer"},
		{"expired token", verified, "POST", "Bearer " + iss.Expired(t, code), 401, `{"message":"Unauthorized"}`, `Bearer error="invalid_token"`},
		{"wrong signature", verified, "POST", "Bearer " + stranger.Agency(t, code), 401, `{"message":"Unauthorized"}`, `Bearer error="invalid_token"`},
		{"another scheme", verified, "POST", "Basic dXNlcjpwYXNz", 401, `{"message":"Unauthorized"}`, `Bearer error="invalid_token"`},
		{"public route needs no token", verified, "GET", "", 200, "null", ""},
		{"public route ignores a bad token", verified, "GET", "Bearer nonsense", 200, "null", ""},
		{"without a verifier no claims pass", open, "POST", "Bearer " + iss.Agency(t, code), 200, "null", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "/reports", strings.NewReader("{}"))
			if tt.authorization != "" {
				req.Header.Set("Authorization", tt.authorization)
			}
			rec := httptest.NewRecorder()
			tt.g.ServeHTTP(rec, req)
			body, _ := io.ReadAll(rec.Body)
			if rec.Code != tt.wantStatus || !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("%s /reports (Authorization %.30q) = %d %s; want %d containing %s", tt.method, tt.authorization, rec.Code, body, tt.wantStatus, tt.wantBody)
			}
			if got := rec.Header().Get("WWW-Authenticate"); got != tt.wantChallenge {
				t.Errorf("WWW-Authenticate = %q, want %q", got, tt.wantChallenge)
			}
		})
	}
}

// A client cannot smuggle claims in: the event is built from the request,
// and only the verifier fills the authorizer.
func TestGatewayIgnoresClientClaims(t *testing.T) {
	g := New([]Route{{Method: "POST", Path: "/reports", Handler: claimsEcho, Protected: true}})
	req := httptest.NewRequest("POST", "/reports", strings.NewReader(`{"requestContext":{"authorizer":{"jwt":{"claims":{"scope":"nianbao/admin"}}}}}`))
	req.Header.Set("X-Amzn-Authorizer", `{"scope":"nianbao/admin"}`)
	rec := httptest.NewRecorder()
	g.ServeHTTP(rec, req)
	if body := rec.Body.String(); body != "null" {
		t.Errorf("handler saw claims %s, want none", body)
	}
}
