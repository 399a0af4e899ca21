package xlsxwrite

import (
	"unicode/utf8"
)

const hexDigits = "0123456789ABCDEF"

// appendXstring appends s as the text of a cell (ST_Xstring): XML's markup
// characters escaped, and what XML cannot carry — control characters, a
// carriage return (which XML turns into a line feed), U+FFFE and U+FFFF —
// written as _xHHHH_, as Excel writes them; an underscore that would start
// such an escape is escaped itself (_x005F_). Invalid UTF-8 becomes U+FFFD.
func appendXstring(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '_' && escapeLike(s[i:]):
				b = append(b, "_x005F_"...)
			case c < 0x20 && c != '\t' && c != '\n':
				b = appendEscape(b, rune(c))
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = utf8.AppendRune(b, utf8.RuneError)
		case r == 0xFFFE || r == 0xFFFF:
			b = appendEscape(b, r)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// escapeLike reports whether s starts with _xHHHH_.
func escapeLike(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func appendEscape(b []byte, r rune) []byte {
	return append(b, '_', 'x', hexDigits[r>>12&15], hexDigits[r>>8&15], hexDigits[r>>4&15], hexDigits[r&15], '_')
}

// needsPreserve reports whether s has white space at either end, which an
// application would trim without xml:space="preserve".
func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	return space(s[0]) || space(s[len(s)-1])
}

// appendText appends s as XML character data: markup escaped, a carriage
// return as a character reference, and what XML 1.0 cannot carry at all
// (other control characters, U+FFFE, U+FFFF, invalid UTF-8) as U+FFFD. For
// text that is not a cell's: properties, formulas, defined names.
func appendText(b []byte, s string) []byte {
	return appendEscaped(b, s, false)
}

// appendAttr appends s escaped for an attribute value in double quotes.
func appendAttr(b []byte, s string) []byte {
	return appendEscaped(b, s, true)
}

func appendEscaped(b []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"' && attr:
				b = append(b, "&quot;"...)
			case c == '\r' || (attr && (c == '\n' || c == '\t')):
				b = append(b, "&#"...)
				b = append(b, '0'+c/10, '0'+c%10, ';')
			case c < 0x20 && c != '\t' && c != '\n':
				b = utf8.AppendRune(b, utf8.RuneError)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0xFFFE || r == 0xFFFF || (r == utf8.RuneError && n == 1) {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}
