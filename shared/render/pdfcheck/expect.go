package pdfcheck

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/shared/render"
)

// Expect is an element that should hold text of its own in the structure
// tree: its type, its text (whitespace aside) and the table attributes it
// should carry.
type Expect struct {
	Type  string
	Text  string
	Attrs map[string]string // Scope, RowSpan, ColSpan
}

func (e Expect) String() string {
	s := e.Type + " " + strconv.Quote(e.Text)
	if len(e.Attrs) > 0 {
		s += fmt.Sprint(e.Attrs)
	}
	return s
}

// FromDocument lists, in reading order, what the structure tree of doc's
// PDF must hold: the title (H1), headings (H2), paragraphs (P), captions
// (Caption) and every non-empty table cell (TH for header cells and row
// headers, with their Scope, TD otherwise, with their spans).
func FromDocument(doc *render.Document) []Expect {
	var out []Expect
	add := func(typ, text string, attrs map[string]string) {
		if text = squeeze(text); text != "" {
			out = append(out, Expect{typ, text, attrs})
		}
	}
	add("H1", doc.Title, nil)
	blocks := make([]render.Block, len(doc.Blocks))
	for i, b := range doc.Blocks {
		blocks[i] = deref(b)
	}
	for i, b := range blocks {
		switch b := b.(type) {
		case render.Heading:
			add("H2", b.Text, nil)
		case render.Subheading:
			typ := "P"
			if i+1 < len(blocks) {
				if _, ok := blocks[i+1].(render.Table); ok {
					typ = "Caption"
				}
			}
			add(typ, b.Text, nil)
		case render.Paragraph:
			for p := range strings.SplitSeq(b.Text, "\n") {
				add("P", p, nil)
			}
		case render.Table:
			for _, row := range b.Header {
				for _, c := range row {
					add("TH", c.Text, attrs(c, "Column"))
				}
			}
			for _, row := range b.Body {
				for _, c := range row {
					if c.RowHeader {
						add("TH", c.Text, attrs(c, "Row"))
					} else {
						add("TD", c.Text, attrs(c, ""))
					}
				}
			}
		}
	}
	return out
}

// deref turns a block given by pointer into its value.
func deref(b render.Block) render.Block {
	switch p := b.(type) {
	case *render.Heading:
		return *p
	case *render.Subheading:
		return *p
	case *render.Paragraph:
		return *p
	case *render.Table:
		return *p
	}
	return b
}

func attrs(c render.Cell, scope string) map[string]string {
	m := map[string]string{}
	if scope != "" {
		m["Scope"] = scope
	}
	if c.RowSpan > 1 {
		m["RowSpan"] = strconv.Itoa(c.RowSpan)
	}
	if c.ColSpan > 1 {
		m["ColSpan"] = strconv.Itoa(c.ColSpan)
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// Compare checks that the elements below root that hold text are exactly
// want, in order, and returns the differences (the first few).
func Compare(root *Elem, want []Expect) []string {
	got := root.Content()
	var diffs []string
	for i := 0; i < max(len(got), len(want)) && len(diffs) < 5; i++ {
		switch {
		case i >= len(got):
			diffs = append(diffs, fmt.Sprintf("element %d: missing, want %v", i+1, want[i]))
		case i >= len(want):
			diffs = append(diffs, fmt.Sprintf("element %d: %s %q, want nothing more", i+1, got[i].Type, got[i].Text))
		default:
			g := Expect{got[i].Type, squeeze(got[i].Text), tableAttrs(got[i].Attrs)}
			if g.String() != want[i].String() {
				diffs = append(diffs, fmt.Sprintf("element %d: got %v, want %v", i+1, g, want[i]))
			}
		}
	}
	return diffs
}

// tableAttrs keeps the attributes FromDocument predicts: Headers are
// checked on their own (Elem.Headers).
func tableAttrs(a map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"Scope", "RowSpan", "ColSpan"} {
		if v, ok := a[k]; ok {
			out[k] = v
		}
	}
	return out
}

// squeeze drops all white space: runs are joined without the line breaks
// between them.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
