package pdftext

import (
	"math"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// item is a piece of a page's flow: a line of text or a table.
type item struct {
	line  *line
	table *ptable
	page  int
}

func (it item) top() float64 {
	if it.table != nil {
		return it.table.box.y0
	}
	return it.line.box.y0
}

func (it item) bottom() float64 {
	if it.table != nil {
		return it.table.box.y1
	}
	return it.line.box.y1
}

// lay finds a page's tables and lines and puts them in reading order.
func lay(p *page) []item {
	regs := regions(p.segs)
	inCell := make([][][]glyph, len(regs))
	for i := range regs {
		inCell[i] = make([][]glyph, len(regs[i].cells))
	}
	var flow []glyph
	type at struct{ reg, cell int }
	prev := at{-1, -1} // the cell the glyph before went into
next:
	for k, g := range p.glyphs {
		x, y := g.cx(), g.cy()
		for i, reg := range regs {
			if !reg.box.contains(x, y) {
				continue
			}
			for j, c := range reg.cells {
				if c.contains(x, y) {
					inCell[i][j] = append(inCell[i][j], g)
					prev = at{i, j}
					continue next
				}
			}
		}
		// A word or number that runs past its cell's edge and out of the
		// table (its last column cut at the page's edge) stays whole.
		if prev.reg >= 0 && k > 0 && continues(&p.glyphs[k-1], &g) {
			inCell[prev.reg][prev.cell] = append(inCell[prev.reg][prev.cell], g)
			continue
		}
		prev = at{-1, -1}
		flow = append(flow, g)
	}
	var items []item
	for i, reg := range regs {
		t := &ptable{page: p.number, last: p.number, box: reg.box, bottom: reg.box.y1, tail: reg.box.y1, ruled: true}
		for j, c := range reg.cells {
			t.cells = append(t.cells, tcell{r: c, text: cellText(inCell[i][j]),
				loc: source.Location{Page: p.number, X: round1(c.x0), Y: round1(c.y0)}})
		}
		items = append(items, item{table: t, page: p.number})
	}
	lines := buildLines(flow)
	items = append(items, alignedTables(lines, p.number)...)
	for _, it := range items {
		if it.line != nil { // what follows needs the text and the box only
			it.line.glyphs, it.line.chunks = nil, nil
		}
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmpf(a.top(), b.top()) })
	return items
}

// continues is true for a glyph drawn right after the glyph before it on
// the same baseline in the same size, as the characters of one word are.
func continues(before, g *glyph) bool {
	gap := g.x0 - before.x1
	return strings.TrimSpace(g.text) != "" && strings.TrimSpace(before.text) != "" && !g.vertical && !before.vertical &&
		math.Abs(g.y-before.y) < 0.2*g.size && math.Abs(g.size-before.size) < 0.1*g.size &&
		gap > -0.2*g.size && gap < 0.3*g.size
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// alignedTables turns runs of lines cut into three or more chunks into
// tables without rulings: the columns are the chunks' extents merged over
// the run, each line a row. The lines of other runs stay lines.
func alignedTables(lines []line, pageNo int) []item {
	var out []item
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && len(lines[j].chunks) >= 3 && !lines[j].vert {
			j++
		}
		if j-i >= 2 {
			if t, ok := alignedTable(lines[i:j], pageNo); ok {
				out = append(out, item{table: t, page: pageNo})
				i = j
				continue
			}
		}
		if j == i {
			j = i + 1
		}
		for k := i; k < j; k++ {
			out = append(out, item{line: &lines[k], page: pageNo})
		}
		i = j
	}
	return out
}

func alignedTable(lines []line, pageNo int) (*ptable, bool) {
	type span struct{ x0, x1 float64 }
	var spans []span
	for _, l := range lines {
		for _, ch := range l.chunks {
			spans = append(spans, span{ch[0].x0, ch[len(ch)-1].x1})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmpf(a.x0, b.x0) })
	var cols []span
	for _, s := range spans {
		if n := len(cols); n > 0 && s.x0 <= cols[n-1].x1 {
			cols[n-1].x1 = math.Max(cols[n-1].x1, s.x1)
			continue
		}
		cols = append(cols, s)
	}
	if len(cols) < 3 {
		return nil, false
	}
	// Column edges halfway between the columns' extents.
	edges := []float64{cols[0].x0}
	for k := 1; k < len(cols); k++ {
		edges = append(edges, (cols[k-1].x1+cols[k].x0)/2)
	}
	edges = append(edges, cols[len(cols)-1].x1)
	t := &ptable{page: pageNo, last: pageNo}
	for i, l := range lines {
		y0, y1 := l.box.y0, l.box.y1
		if i > 0 {
			y0 = (lines[i-1].box.y1 + l.box.y0) / 2
		}
		if i+1 < len(lines) {
			y1 = (l.box.y1 + lines[i+1].box.y0) / 2
		}
		byCol := make([][]glyph, len(cols))
		for _, ch := range l.chunks {
			k := 0
			for k+1 < len(cols) && ch[0].x0 >= edges[k+1] {
				k++
			}
			if byCol[k] != nil {
				return nil, false // two chunks in one column: not a table
			}
			byCol[k] = ch
		}
		for k := range cols {
			r := rect{edges[k], y0, edges[k+1], y1}
			t.cells = append(t.cells, tcell{r: r, text: text(byCol[k]),
				loc: source.Location{Page: pageNo, X: round1(r.x0), Y: round1(r.y0)}})
		}
		if i == 0 {
			t.box = rect{edges[0], y0, edges[len(edges)-1], y1}
		}
		t.box = t.box.union(rect{edges[0], y0, edges[len(edges)-1], y1})
	}
	t.bottom, t.tail = t.box.y1, t.box.y1
	return t, true
}
