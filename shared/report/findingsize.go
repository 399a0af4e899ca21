package report

import "unicode/utf8"

// jsonSize is the length of f encoded by encoding/json without HTML
// escaping, as the API answers it; a test holds the two in agreement.
func jsonSize(f Finding) int {
	n := len(`{"rule":,"severity":,"message":}`) + quotedSize(f.Rule) + quotedSize(string(f.Severity)) + quotedSize(f.Message)
	if f.Path != "" {
		n += len(`"path":,`) + quotedSize(f.Path)
	}
	if len(f.Related) > 0 {
		n += len(`"related":[],`) + len(f.Related) - 1
		for _, r := range f.Related {
			n += quotedSize(r)
		}
	}
	if f.Got != "" {
		n += len(`"got":,`) + quotedSize(f.Got)
	}
	if f.Want != "" {
		n += len(`"want":,`) + quotedSize(f.Want)
	}
	return n
}

// quotedSize is the length of s as a JSON string: quotes, two-byte escapes
// for \ " \b \f \n \r \t, \u00XX for other control bytes, \ufffd for each
// invalid byte, \u2028 and \u2029 escaped, everything else as it is.
func quotedSize(s string) int {
	n := 2
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == '\\' || b == '"' || b == '\b' || b == '\f' || b == '\n' || b == '\r' || b == '\t':
				n += 2
			case b < 0x20:
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == '\u2028', r == '\u2029':
			n += 6
		default:
			n += size
		}
		i += size
	}
	return n
}
