package auth

import (
	"fmt"
	"strings"
)

// BearerToken returns the token of an Authorization header value. Like API
// Gateway's JWT authorizer it takes "Bearer <token>" or the bare token.
func BearerToken(authorization string) (string, error) {
	v := strings.TrimSpace(authorization)
	if v == "" {
		return "", ErrNoToken
	}
	if strings.EqualFold(v, "Bearer") {
		return "", ErrNoToken
	}
	if scheme, rest, ok := strings.Cut(v, " "); ok {
		if !strings.EqualFold(scheme, "Bearer") {
			return "", fmt.Errorf("%w: authorization scheme %.20q, want Bearer", ErrMalformed, scheme)
		}
		v = strings.TrimSpace(rest)
	}
	if v == "" {
		return "", ErrNoToken
	}
	if strings.ContainsAny(v, " \t") {
		return "", fmt.Errorf("%w: spaces in the token", ErrMalformed)
	}
	return v, nil
}
