package auth

import "strings"

// Scopes travel in a token in one of two forms, and only these two grant
// anything:
//
//   - a string of scope tokens separated by spaces, as OAuth 2.0 defines it
//     (RFC 6749 §3.3; the "scope" claim of RFC 8693, Cognito, Azure AD);
//   - a JSON array of scope tokens (Okta's "scp").
//
// API Gateway's JWT authorizer hands the functions every claim as a string
// and flattens an array to "[a b]" — the same text as a string claim
// "[a b]", which is one token "[a" and another "b]", not a list. So where
// the token itself is at hand (the local gateway, through Claims.Flat), a
// real array is joined into the space-separated form before it is
// flattened; in an event (FromClaims) a scope claim is only ever read as
// the space-separated form, brackets and all. On AWS, an array claim thus
// grants nothing: issue scopes in the string form there.

// isScopeClaim reports whether a claim lists scopes.
func isScopeClaim(name string) bool {
	for _, c := range scopeClaims {
		if c == name {
			return true
		}
	}
	return false
}

// parseScopes splits a scope claim's string into its scope tokens. Runs of
// spaces are tolerated; a token with a character RFC 6749 does not allow in
// one (a control, a tab, a quote, a backslash, anything outside ASCII) is
// dropped, never split further.
func parseScopes(v string) []string {
	var out []string
	for tok := range strings.SplitSeq(v, " ") {
		if validScopeToken(tok) {
			out = append(out, tok)
		}
	}
	return out
}

// validScopeToken: 1*( %x21 / %x23-5B / %x5D-7E ).
func validScopeToken(tok string) bool {
	if tok == "" {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c < 0x21 || c > 0x7E || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// joinScopes turns a scope claim that is a JSON array of scope tokens into
// the space-separated form. Anything else in the array (a number, a
// token with a space, which would split into two) makes the whole claim
// grant nothing: "".
func joinScopes(list []any) string {
	toks := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok || !validScopeToken(s) {
			return ""
		}
		toks = append(toks, s)
	}
	return strings.Join(toks, " ")
}
