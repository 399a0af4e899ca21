package pdftext

import (
	"math"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// tcell is a cell of a table being assembled: its rectangle in the table's
// own coordinates (a table continued on the next page is stacked below its
// first part), its text, and where it is on its page.
type tcell struct {
	r    rect
	text string
	loc  source.Location
}

// ptable is a table found on one page, later possibly joined with its
// continuation on the following pages.
type ptable struct {
	page   int
	box    rect    // on its first page
	bottom float64 // in the joined table's coordinates
	tail   float64 // the bottom of its last part, on that part's page
	cells  []tcell
	ruled  bool
	last   int // the page its last part is on
}

// placed is a table's cells on a grid: each origin cell with its slot and
// spans, every slot owned by one cell or empty.
type placed struct {
	rows, cols int
	cells      []pcell
	owner      []int // per slot: index into cells, -1 when empty
}

type pcell struct {
	r, c, rs, cs int
	cell         tcell
}

// place lays the cells on the grid of their distinct edges. Overlapping
// cells (lines that do not quite tile) are cut back so that no slot has two
// owners; a cell whose origin is taken gives its text to the owner.
func place(cells []tcell, maxCells int) (*placed, bool) {
	var xv, yv []float64
	for _, c := range cells {
		xv = append(xv, c.r.x0, c.r.x1)
		yv = append(yv, c.r.y0, c.r.y1)
	}
	xs, ys := cluster(xv), cluster(yv)
	p := &placed{rows: len(ys) - 1, cols: len(xs) - 1}
	if p.rows < 1 || p.cols < 1 {
		return p, true
	}
	if p.rows*p.cols > maxCells {
		return nil, false
	}
	p.owner = make([]int, p.rows*p.cols)
	for i := range p.owner {
		p.owner[i] = -1
	}
	sorted := slices.Clone(cells)
	slices.SortStableFunc(sorted, func(a, b tcell) int {
		if c := cmpf(a.r.y0, b.r.y0); math.Abs(a.r.y0-b.r.y0) > snap {
			return c
		}
		return cmpf(a.r.x0, b.r.x0)
	})
	for _, c := range sorted {
		r0, r1 := nearest(ys, c.r.y0), nearest(ys, c.r.y1)
		c0, c1 := nearest(xs, c.r.x0), nearest(xs, c.r.x1)
		if r1 <= r0 || c1 <= c0 {
			continue // thinner than a row or column
		}
		if o := p.owner[r0*p.cols+c0]; o >= 0 {
			if c.text != "" {
				p.cells[o].cell.text = joinLines([]string{p.cells[o].cell.text, c.text})
			}
			continue
		}
		cs := 0
		for c0+cs < c1 && p.owner[r0*p.cols+c0+cs] < 0 {
			cs++
		}
		rs := 1
	rows:
		for r0+rs < r1 {
			for k := range cs {
				if p.owner[(r0+rs)*p.cols+c0+k] >= 0 {
					break rows
				}
			}
			rs++
		}
		idx := len(p.cells)
		p.cells = append(p.cells, pcell{r: r0, c: c0, rs: rs, cs: cs, cell: c})
		for dr := range rs {
			for dc := range cs {
				p.owner[(r0+dr)*p.cols+c0+dc] = idx
			}
		}
	}
	return p, true
}

func nearest(vs []float64, v float64) int {
	best, d := 0, math.Inf(1)
	for i, x := range vs {
		if e := math.Abs(x - v); e < d {
			best, d = i, e
		}
	}
	return best
}

// texts returns the grid's text, row by row, merged cells repeated.
func (p *placed) texts() [][]string {
	out := make([][]string, p.rows)
	for r := range p.rows {
		out[r] = make([]string, p.cols)
		for c := range p.cols {
			if o := p.owner[r*p.cols+c]; o >= 0 {
				out[r][c] = p.cells[o].cell.text
			}
		}
	}
	return out
}

// source lays the placed cells out as a source.Table numbered n.
func (p *placed) source(n int, lim source.Limits) (*source.Table, bool) {
	rows := make([][]source.SourceCell, p.rows)
	for r := range p.rows {
		for c := 0; c < p.cols; {
			o := p.owner[r*p.cols+c]
			if o < 0 {
				rows[r] = append(rows[r], source.SourceCell{})
				c++
				continue
			}
			pc := p.cells[o]
			if pc.r == r && pc.c == c {
				rows[r] = append(rows[r], source.SourceCell{Text: pc.cell.text, RowSpan: pc.rs, ColSpan: pc.cs, Loc: pc.cell.loc})
			}
			c += max(1, pc.c+pc.cs-c)
		}
	}
	return source.Layout(rows, n, lim.MaxSpan, lim.MaxCells)
}

// cellText is the text of the glyphs inside one cell: its lines joined.
func cellText(gs []glyph) string {
	lines := buildLines(gs)
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.text()
	}
	return joinLines(parts)
}

// numeric reports whether a cell holds a figure (or the "/" marker) rather
// than a label: labels continue over a page break, figures never do.
func numeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789.,-+/%％．， ", r) {
			return false
		}
	}
	return true
}
