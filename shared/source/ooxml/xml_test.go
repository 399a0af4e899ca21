package ooxml

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
)

// walk renders a part as the decoder sees it: elements with their val
// attribute, and text.
func walk(d *Decoder) (string, error) {
	var b strings.Builder
	var elem func(el Elem) error
	elem = func(el Elem) error {
		b.WriteString("<" + el.Local)
		if v := el.Attr("val"); v != "" {
			b.WriteString(" val=" + v)
		}
		b.WriteString(">")
		if el.Local == "t" {
			t, err := d.Text()
			b.WriteString(t)
			b.WriteString("</>")
			return err
		}
		err := d.Children(elem)
		b.WriteString("</>")
		return err
	}
	root, err := d.Root()
	if err != nil {
		return "", err
	}
	err = elem(root)
	return b.String(), err
}

func TestDecoder(t *testing.T) {
	tests := []struct {
		name, in, want, code string
	}{
		{"prefixes dropped, attributes read", `<?xml version="1.0"?><w:doc xmlns:w="x"><w:p w:val="a&amp;b"/><w:t>x</w:t></w:doc>`, "<doc><p val=a&b></><t>x</></>", ""},
		{"entities, character references, CDATA", `<r><t>&lt;&gt;&quot;&apos;&#20013;&#x6587;<![CDATA[<&>]]></t></r>`, "<r><t><>\"'中文<&></></>", ""},
		{"comments and white space between elements", "<r>\n <!-- c --> <a val='1' /> <b val=\"x>y\"></b></r>", "<r><a val=1></><b val=x>y></></>", ""},
		{"nested text joined", `<r><t>a<i>b</i>c</t></r>`, "<r><t>abc</></>", ""},
		{"byte order mark", "\xEF\xBB\xBF<r/>", "<r></>", ""},
		{"a DOCTYPE is refused", `<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>`, "", source.Malformed},
		{"an undeclared entity is malformed", `<r><t>&a;</t></r>`, "", source.Malformed},
		{"mismatched tags", `<r><a></b></r>`, "", source.Malformed},
		{"truncated", `<r><a>`, "", source.Malformed},
		{"unterminated tag", `<r><a val="x`, "", source.Malformed},
		{"too deep", strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300), "", source.TooComplex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := walk(NewDecoder("test.xml", []byte(tt.in), 256))
			var refused *source.RefusedError
			switch {
			case tt.code == "" && err != nil:
				t.Fatalf("walk(%q): %v", tt.in, err)
			case tt.code != "" && !errors.As(err, &refused):
				t.Fatalf("walk(%q) = %q, %v; want refusal %s", tt.in, got, err, tt.code)
			case tt.code != "" && refused.Code != tt.code:
				t.Fatalf("walk(%q): refusal %s, want %s", tt.in, refused.Code, tt.code)
			case tt.code == "" && got != tt.want:
				t.Errorf("walk(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzDecoder: whatever the bytes, the decoder ends with a result or an
// error, and never nests past its limit.
func FuzzDecoder(f *testing.F) {
	for _, s := range []string{`<r><t>a&amp;b</t><x val="1"/></r>`, `<?xml?><!-- c --><a><![CDATA[x]]></a>`, `<a><b></a>`, `&#x110000;`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder("fuzz.xml", data, 16)
		_, _ = walk(d)
		if d.Depth() > 16 {
			t.Fatalf("depth %d past the limit", d.Depth())
		}
	})
}
