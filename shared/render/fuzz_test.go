package render

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

// FuzzRender renders documents of arbitrary text, in a paragraph, a
// heading and a table cell spanning two rows: the result is a glyph error
// or a complete PDF, never a panic, and every run drawn is either an
// artifact or part of exactly one leaf of the structure.
func FuzzRender(f *testing.F) {
	for _, s := range []string{"一、总体情况", "（一）主动公开情况。2020年", "a\nb", "　", "", "\xff", "𫖮", "——……"} {
		f.Add(s, s)
	}
	r, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, cell string) {
		doc := &Document{
			Title: "标题",
			Date:  seedDate,
			Blocks: []Block{
				Heading{text},
				Paragraph{text},
				Subheading{cell},
				Table{Widths: []float64{1, 2}, Header: [][]Cell{{{Text: cell}, {Text: text}}},
					Body: [][]Cell{{{Text: cell, RowSpan: 2, RowHeader: true}, {Text: text}}, {{Text: cell}}}},
			},
		}
		var buf bytes.Buffer
		err := r.Render(context.Background(), &buf, doc)
		if errors.Is(err, ErrGlyph) {
			return
		}
		if err != nil {
			t.Fatalf("Render(%q, %q): %v", text, cell, err)
		}
		if out := buf.Bytes(); !bytes.HasPrefix(out, []byte("%PDF-1.7\n")) || !bytes.HasSuffix(out, []byte("%%EOF\n")) {
			t.Fatalf("Render(%q, %q): not a complete PDF", text, cell)
		}
		tr, err := r.Layout(doc)
		if err != nil {
			t.Fatal(err)
		}
		parent := make([]bool, len(tr.Tags))
		for _, tg := range tr.Tags[1:] {
			parent[tg.Parent] = true
		}
		for n, p := range tr.Pages {
			for _, txt := range p.Texts {
				if txt.Artifact == "" && (txt.Tag <= 0 || txt.Tag >= len(tr.Tags) || parent[txt.Tag]) {
					t.Fatalf("page %d: %q in tag %d, not a leaf", n+1, txt.Text, txt.Tag)
				}
			}
		}
	})
}
