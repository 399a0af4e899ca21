package render

import (
	"errors"
	"strings"
	"testing"
)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTableGridErrors(t *testing.T) {
	c := func(s string) Cell { return Cell{Text: s} }
	tests := []struct {
		name string
		tb   Table
		want string // in the error message
	}{
		{"no columns", Table{}, "no columns"},
		{"bad width", Table{Widths: []float64{1, 0}}, "column 2 width 0"},
		{"short row", Table{Widths: []float64{1, 1}, Body: [][]Cell{{c("a")}}}, "body row 1 covers 1 of 2 columns"},
		{"long row", Table{Widths: []float64{1}, Body: [][]Cell{{c("a"), c("b")}}}, `cell 2 "b" has no free column`},
		{"colspan too wide", Table{Widths: []float64{1, 1}, Body: [][]Cell{{c("a"), {Text: "b", ColSpan: 2}}}}, "spans columns 2–3 of 2"},
		{"rowspan past body", Table{Widths: []float64{1}, Body: [][]Cell{{{Text: "a", RowSpan: 2}}}}, "spans rows 1–2 of 1"},
		{"header span into body", Table{Widths: []float64{1, 1}, Header: [][]Cell{{{Text: "h", RowSpan: 2}, c("x")}}, Body: [][]Cell{{c("b")}}}, "header row 1"},
		{"negative span", Table{Widths: []float64{1}, Body: [][]Cell{{{Text: "a", RowSpan: -1}}}}, "negative span"},
		{"row under a rowspan too long", Table{Widths: []float64{1, 1}, Body: [][]Cell{{{Text: "a", RowSpan: 2}, c("b")}, {c("c"), c("d")}}}, `cell 2 "d" has no free column`},
	}
	r := newRenderer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Layout(&Document{Blocks: []Block{tt.tb}})
			if !errors.Is(err, ErrTableGrid) {
				t.Fatalf("Layout(%+v) error = %v, want ErrTableGrid", tt.tb, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestTableGridAccepts(t *testing.T) {
	r := newRenderer(t)
	for name, tb := range map[string]Table{"表三 2019": table3(false), "表三 2021": table3(true), "表四": table4()} {
		if _, err := r.Layout(&Document{Blocks: []Block{tb}}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// pagesWith returns the 1-based pages holding a text run equal to s.
func pagesWith(tr *Trace, s string) []int {
	var pages []int
	for i, p := range tr.Pages {
		for _, t := range p.Texts {
			if t.Text == s {
				pages = append(pages, i+1)
				break
			}
		}
	}
	return pages
}

func TestTableAcrossPages(t *testing.T) {
	r := newRenderer(t)
	tr, err := r.Layout(seedDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	// In the seed layout 表三 starts on one page and ends on the next.
	rows := pagesWith(tr, "四、结转下年度继续办理")
	first := pagesWith(tr, "一、本年新收政府信息公开申请数量")
	if len(rows) != 1 || len(first) != 1 || rows[0] != first[0]+1 {
		t.Fatalf("表三 first row on pages %v, last row on %v: want consecutive pages", first, rows)
	}
	// The header is repeated on both pages.
	if got := pagesWith(tr, "申请人情况"); len(got) != 2 || got[0] != first[0] || got[1] != rows[0] {
		t.Errorf("header 申请人情况 on pages %v, want %v and %v", got, first[0], rows[0])
	}
	// The 20-row 三、本年度办理结果 label, cut by the break, is drawn on both.
	label := pagesWith(tr, "三") // the label column holds one character per line
	if len(label) != 2 {
		t.Errorf("spanning label 三、本年度办理结果 on pages %v, want two pages", label)
	}
	// No text or box runs past the bottom of the text block.
	for n, p := range tr.Pages {
		for _, b := range p.Boxes {
			if b.Y+b.H > bottom+0.01 || b.Y < marginT-0.01 {
				t.Errorf("page %d: box %+v outside the text block", n+1, b)
			}
		}
	}
}

// Every cell's text must lie inside its box on the same page.
func TestCellTextInsideBoxes(t *testing.T) {
	r := newRenderer(t)
	for _, doc := range []*Document{seedDocument(t), longDocument(t)} {
		tr, err := r.Layout(doc)
		if err != nil {
			t.Fatal(err)
		}
		m := r.serif.measure(cellPt)
		for n, p := range tr.Pages {
			for _, txt := range p.Texts {
				if txt.Role != roleCell {
					continue
				}
				w := 0.0
				for _, c := range txt.Text {
					w += m(c) + txt.Spacing
				}
				w -= txt.Spacing
				inside := false
				for _, b := range p.Boxes {
					if txt.X >= b.X && txt.X+w <= b.X+b.W+0.02 && txt.Y > b.Y && txt.Y <= b.Y+b.H {
						inside = true
						break
					}
				}
				if !inside {
					t.Errorf("page %d: cell text %q at (%v, %v) width %v is in no box", n+1, txt.Text, txt.X, txt.Y, w)
				}
			}
		}
	}
}
