package xlsx

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// unescape decodes the _xHHHH_ escapes of a cell's text (ECMA-376 Part 1,
// 22.9.2.19 ST_Xstring): Excel writes a carriage return as _x000D_, other
// control characters likewise, and an underscore that would start such an
// escape as _x005F_. A pair of escaped surrogates is one character; a lone
// surrogate is U+FFFD.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		u, ok := escaped(s[i:])
		if !ok {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += 7
		r := rune(u)
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
			if lo, ok := escaped(s[i:]); ok && u < 0xDC00 {
				if pair := utf16.DecodeRune(rune(u), rune(lo)); pair != utf8.RuneError {
					r = pair
					i += 7
				}
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escaped reads _xHHHH_ at the start of s.
func escaped(s string) (uint16, bool) {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return 0, false
	}
	var u uint16
	for _, c := range []byte(s[2:6]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		u = u<<4 | uint16(c)
	}
	return u, true
}
