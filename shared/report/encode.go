package report

import (
	"strconv"
	"unicode/utf8"
)

// Canonical returns the report as canonical JSON: RFC 8785 (JSON Canonicalization
// Scheme) output of the normalised document: members in byte order, no
// whitespace, counts as integers, amounts as plain decimal strings without
// trailing zeros, CRLF in prose folded to LF, absent optional fields omitted.
// The same report therefore always hashes the same, and any JCS implementation
// reproduces the bytes from the document.
//
// Only a report whose decoding found no error should be encoded: cells that
// failed to decode are Absent and are left out.
func (r *Report) Canonical() []byte {
	e := encoder{buf: make([]byte, 0, 8<<10)}
	e.open()
	e.member("agency")
	e.open()
	e.stringMember("creditCode", r.Agency.CreditCode)
	e.stringMember("name", r.Agency.Name)
	e.stringMember("region", r.Agency.Region)
	e.close()
	e.stringMember("formatVersion", string(r.FormatVersion))
	e.stringMember("publishedOn", r.PublishedOn)
	e.member("reportYear")
	e.buf = strconv.AppendInt(e.buf, int64(r.ReportYear), 10)
	e.member("sections")
	e.open()
	s := &r.Sections
	e.stringMember("otherMatters", s.OtherMatters)
	e.stringMember("overview", s.Overview)
	e.stringMember("proactive", s.Proactive)
	e.stringMember("problemsAndImprovements", s.ProblemsAndImprovements)
	e.stringMember("requests", s.Requests)
	e.stringMember("reviewLitigation", s.ReviewLitigation)
	e.close()
	if r.layout != nil {
		for _, t := range r.layout.root.sorted {
			e.member(t.key)
			e.tree(t, r.cells)
		}
	}
	e.stringMember("title", r.Title)
	e.close()
	return e.buf
}

type encoder struct {
	buf   []byte
	first bool // no member written yet in the current object
}

func (e *encoder) open() {
	e.buf = append(e.buf, '{')
	e.first = true
}

func (e *encoder) close() {
	e.buf = append(e.buf, '}')
	e.first = false
}

func (e *encoder) member(name string) {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.buf = appendString(e.buf, name)
	e.buf = append(e.buf, ':')
}

// stringMember writes a string member; empty strings are absent optional fields.
func (e *encoder) stringMember(name, value string) {
	if value == "" {
		return
	}
	e.member(name)
	e.buf = appendString(e.buf, value)
}

func (e *encoder) tree(n *node, cells []Cell) {
	e.open()
	for _, k := range n.sorted {
		if k.kind == 0 {
			e.member(k.key)
			e.tree(k, cells)
			continue
		}
		c := cells[k.cell]
		switch c.State {
		case Absent:
			continue
		case NotApplicable:
			e.stringMember(k.key, NAMarker)
		case Number:
			e.member(k.key)
			if k.kind == Amount {
				e.buf = appendString(e.buf, c.Value.String())
			} else {
				e.buf = strconv.AppendInt(e.buf, int64(c.Value/Unit), 10)
			}
		}
	}
	e.close()
}

// appendString quotes s as RFC 8785 requires (ECMAScript JSON.stringify): only
// '"', '\\' and control characters are escaped, everything else is raw UTF-8.
func appendString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			_, size := utf8.DecodeRuneInString(s[i:])
			buf = append(buf, s[i:i+size]...)
			i += size
			continue
		}
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\b':
			buf = append(buf, '\\', 'b')
		case c == '\f':
			buf = append(buf, '\\', 'f')
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			buf = append(buf, c)
		}
		i++
	}
	return append(buf, '"')
}
