package webpage

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeWords are the class and id words of a site's navigation, headers,
// footers, share bars and the like.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "menu": true, "header": true, "footer": true, "foot": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "share": true, "bdshare": true, "sidebar": true, "login": true,
	"search": true, "qrcode": true, "copyright": true, "toolbar": true, "topbar": true, "skip": true, "location": true,
	"position": true, "weizhi": true, "dqwz": true,
}

// isChrome reports whether a class or id names chrome: one of its words,
// split at spaces, _, - and digits, is a chrome word.
func isChrome(s string) bool {
	if s == "" {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '\t' || r >= '0' && r <= '9'
	}) {
		if chromeWords[w] {
			return true
		}
	}
	return false
}

// attrs are the attributes the reader looks at.
type attrs struct {
	class, id, rowspan, colspan, name, content, property string
}

// withAttrs are the elements whose attributes matter: cells for their
// spans, meta tags, and the containers a site's chrome is marked on.
var withAttrs = map[atom.Atom]bool{
	atom.Meta: true, atom.Td: true, atom.Th: true, atom.Div: true, atom.Ul: true, atom.Ol: true, atom.Section: true,
	atom.Table: true, atom.Dl: true,
}

// tagName reads a tag's name from its raw text (“<TD rowspan=2>”, “</p>”),
// without the copy Tokenizer.TagName makes.
func tagName(raw []byte) (atom.Atom, string) {
	i := 1
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	j := i
	for ; j < len(raw); j++ {
		if c := raw[j]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' {
			break
		}
	}
	var buf [16]byte
	if n := j - i; n <= len(buf) {
		for k, c := range raw[i:j] {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[k] = c
		}
		if a := atom.Lookup(buf[:n]); a != 0 {
			return a, a.String()
		}
	}
	return 0, strings.ToLower(string(raw[i:j]))
}

// tagOf reads a tag's name and, for the elements that need them, its
// attributes; links and images, whose long attributes do not matter, are
// not looked at.
func tagOf(z *html.Tokenizer) (string, attrs) {
	raw := z.Raw()
	tag, name := tagName(raw)
	var a attrs
	if withAttrs[tag] {
		scanAttrs(raw, &a)
	}
	return name, a
}

// scanAttrs reads the attributes the reader uses from a start tag's raw
// text, without the copies Tokenizer.TagAttr makes of every attribute.
func scanAttrs(raw []byte, a *attrs) {
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	i := 1
	for i < len(raw) && !space(raw[i]) && raw[i] != '>' && raw[i] != '/' {
		i++ // the name
	}
	for i < len(raw) {
		for i < len(raw) && (space(raw[i]) || raw[i] == '/') {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			return
		}
		k := i
		for i < len(raw) && !space(raw[i]) && raw[i] != '=' && raw[i] != '>' && raw[i] != '/' {
			i++
		}
		key := raw[k:i]
		for i < len(raw) && space(raw[i]) {
			i++
		}
		var val []byte
		if i < len(raw) && raw[i] == '=' {
			i++
			for i < len(raw) && space(raw[i]) {
				i++
			}
			if i < len(raw) && (raw[i] == '"' || raw[i] == '\'') {
				q := raw[i]
				end := bytes.IndexByte(raw[i+1:], q)
				if end < 0 {
					return
				}
				val, i = raw[i+1:i+1+end], i+2+end
			} else {
				v := i
				for i < len(raw) && !space(raw[i]) && raw[i] != '>' {
					i++
				}
				val = raw[v:i]
			}
		}
		switch {
		case bytes.EqualFold(key, []byte("class")):
			a.class = string(val)
		case bytes.EqualFold(key, []byte("id")):
			a.id = string(val)
		case bytes.EqualFold(key, []byte("rowspan")):
			a.rowspan = string(val)
		case bytes.EqualFold(key, []byte("colspan")):
			a.colspan = string(val)
		case bytes.EqualFold(key, []byte("name")):
			a.name = html.UnescapeString(string(val))
		case bytes.EqualFold(key, []byte("content")):
			a.content = html.UnescapeString(string(val))
		case bytes.EqualFold(key, []byte("property")):
			a.property = string(val)
		}
	}
}
