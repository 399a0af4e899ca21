package auth

import (
	"slices"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// AdminScope lets a token file any agency's report and start archive runs.
const AdminScope = "nianbao/admin"

// The claims a token names its agency with; Cognito prefixes custom
// attributes with "custom:".
var creditCodeClaims = []string{"creditCode", "custom:creditCode"}

// The claims OAuth providers list scopes in: "scope" (RFC 8693, Cognito),
// "scp" (Azure AD, Okta). Which forms count is in scope.go.
var scopeClaims = []string{"scope", "scp"}

// Principal is who the verified claims of a request say the caller is.
type Principal struct {
	Subject    string
	CreditCode string // upper case; empty when the token names no agency
	Scopes     []string
}

// FromEvent reads the principal from the claims a JWT authorizer put in an
// HTTP API event. It reports false when there are none: the route has no
// authorizer, or (locally) no gateway verified a token.
func FromEvent(rc events.APIGatewayV2HTTPRequestContext) (Principal, bool) {
	a := rc.Authorizer
	if a == nil || a.JWT == nil || len(a.JWT.Claims) == 0 {
		return Principal{}, false
	}
	return FromClaims(a.JWT.Claims, a.JWT.Scopes), true
}

// FromClaims reads a principal from claims in API Gateway's flat form and
// the scopes API Gateway lists separately when a route requires some. A
// scope claim is read as OAuth's space-separated string and nothing else:
// "[nianbao/admin]" is one token, with its brackets, whether a client made
// it a string or API Gateway flattened an array into it.
func FromClaims(claims map[string]string, scopes []string) Principal {
	p := Principal{Subject: claims["sub"], Scopes: slices.Clone(scopes)}
	for _, name := range creditCodeClaims {
		if v := strings.TrimSpace(claims[name]); v != "" {
			p.CreditCode = strings.ToUpper(v)
			break
		}
	}
	for _, name := range scopeClaims {
		p.Scopes = append(p.Scopes, parseScopes(claims[name])...)
	}
	return p
}

// Admin reports whether the principal holds the administrator scope.
func (p Principal) Admin() bool { return slices.Contains(p.Scopes, AdminScope) }

// MayFile reports whether the principal may file a report for the agency
// with this credit code: its own agency's, or any as administrator.
func (p Principal) MayFile(creditCode string) bool {
	return p.Admin() || p.CreditCode != "" && p.CreditCode == creditCode
}
