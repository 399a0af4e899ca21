package auth

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Claims are a verified token's claims as its JSON payload decoded them.
type Claims map[string]any

// Flat returns the claims as API Gateway's HTTP API hands them to a function
// in requestContext.authorizer.jwt.claims: every value a string, numbers in
// decimal, arrays as "[a b]", objects as JSON. The one difference: a scope
// claim ("scope", "scp") that is an array of scope tokens becomes the
// space-separated string OAuth defines, because here, unlike in an event,
// it is known to be an array (see scope.go).
func (c Claims) Flat() map[string]string {
	out := make(map[string]string, len(c))
	for k, v := range c {
		if list, ok := v.([]any); ok && isScopeClaim(k) {
			out[k] = joinScopes(list)
			continue
		}
		out[k] = flatten(v)
	}
	return out
}

func flatten(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = flatten(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}
