package store

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// MaxPresignTTL is the longest validity of a presigned URL (the SigV4 limit).
const MaxPresignTTL = 7 * 24 * time.Hour

// ValidateTTL checks a presigned URL lifetime.
func ValidateTTL(ttl time.Duration) error {
	if ttl <= 0 || ttl > MaxPresignTTL {
		return fmt.Errorf("%w: presign TTL %v outside (0, %v]", ErrInvalidArgument, ttl, MaxPresignTTL)
	}
	return nil
}

// ContentDisposition returns an "attachment" Content-Disposition value for
// filename. Browsers that read RFC 5987 use filename* (UTF-8, so Chinese
// names survive); the plain filename parameter is an ASCII fallback with
// other characters replaced by "_". An empty filename gives "attachment".
func ContentDisposition(filename string) string {
	if filename == "" {
		return "attachment"
	}
	// Control characters in a header parameter are never wanted, even
	// percent-encoded: they would reach the user's file system.
	clean := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '_'
		}
		return r
	}, strings.ToValidUTF8(filename, "_"))
	var ascii, ext strings.Builder
	for _, r := range clean {
		// Quotes and backslashes are escaped badly by some browsers.
		if r >= 0x80 || r == '"' || r == '\\' {
			r = '_'
		}
		ascii.WriteRune(r)
	}
	for _, b := range []byte(clean) {
		if isAttrChar(b) {
			ext.WriteByte(b)
		} else {
			fmt.Fprintf(&ext, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + ext.String()
}

// isAttrChar reports whether b may appear unescaped in an RFC 5987
// ext-value (attr-char).
func isAttrChar(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", b) >= 0
}
