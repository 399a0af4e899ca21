package render

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// gridCell is a cell placed on the grid with its wrapped text.
type gridCell struct {
	row, col, rows, cols int
	align                Align
	rowHeader            bool
	lines                []line
	need                 float64 // height the text needs, padding included
}

// section is the header or the body of a table: a grid of rows.
type section struct {
	cells []gridCell
	rowH  []float64
}

func (s *section) height() float64 {
	h := 0.0
	for _, v := range s.rowH {
		h += v
	}
	return h
}

// tabLay is a table ready to be placed.
type tabLay struct {
	colX []float64 // left edge of each column, plus the right edge of the table
	head section
	body section
}

func (t *tabLay) firstRowH() float64 {
	if len(t.body.rowH) == 0 {
		return 0
	}
	return t.body.rowH[0]
}

// table prepares (once) the table that is block i.
func (lo *layout) table(blocks []Block, i int) (*tabLay, error) {
	if t, ok := lo.tables[i]; ok {
		return t, nil
	}
	var tb *Table
	switch b := blocks[i].(type) {
	case Table:
		tb = &b
	case *Table:
		tb = b
	}
	if tb == nil {
		return nil, fmt.Errorf("block %d: %w", i, ErrNilBlock)
	}
	t, err := lo.prepareTable(tb)
	if err != nil {
		return nil, fmt.Errorf("table (block %d): %w", i, err)
	}
	lo.tables[i] = t
	return t, nil
}

func (lo *layout) prepareTable(tb *Table) (*tabLay, error) {
	if len(tb.Widths) == 0 {
		return nil, fmt.Errorf("no columns: %w", ErrTableGrid)
	}
	sum := 0.0
	for i, w := range tb.Widths {
		if !(w > 0) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("column %d width %v: %w", i+1, w, ErrTableGrid)
		}
		sum += w
	}
	t := &tabLay{colX: make([]float64, len(tb.Widths)+1)}
	x := marginL
	for i, w := range tb.Widths {
		t.colX[i] = x
		x += textW * w / sum
	}
	t.colX[len(tb.Widths)] = marginL + textW
	var err error
	if t.head, err = lo.buildSection(tb.Header, t.colX, "header"); err != nil {
		return nil, err
	}
	if t.body, err = lo.buildSection(tb.Body, t.colX, "body"); err != nil {
		return nil, err
	}
	return t, nil
}

// buildSection places the cells of rows on the grid, checking that the
// spans tile it exactly, wraps their text and sizes the rows.
func (lo *layout) buildSection(rows [][]Cell, colX []float64, name string) (section, error) {
	ncols := len(colX) - 1
	taken := make([][]bool, len(rows))
	for r := range taken {
		taken[r] = make([]bool, ncols)
	}
	var s section
	for r, row := range rows {
		c := 0
		for k, cell := range row {
			for c < ncols && taken[r][c] {
				c++
			}
			rs, cs := max(cell.RowSpan, 1), max(cell.ColSpan, 1)
			switch {
			case cell.RowSpan < 0 || cell.ColSpan < 0:
				return s, fmt.Errorf("%s row %d cell %d: negative span: %w", name, r+1, k+1, ErrTableGrid)
			case c >= ncols:
				return s, fmt.Errorf("%s row %d: cell %d %q has no free column left: %w", name, r+1, k+1, cell.Text, ErrTableGrid)
			case c+cs > ncols:
				return s, fmt.Errorf("%s row %d: cell %d %q spans columns %d–%d of %d: %w", name, r+1, k+1, cell.Text, c+1, c+cs, ncols, ErrTableGrid)
			case r+rs > len(rows):
				return s, fmt.Errorf("%s row %d: cell %d %q spans rows %d–%d of %d: %w", name, r+1, k+1, cell.Text, r+1, r+rs, len(rows), ErrTableGrid)
			}
			for rr := r; rr < r+rs; rr++ {
				for cc := c; cc < c+cs; cc++ {
					if taken[rr][cc] {
						return s, fmt.Errorf("%s row %d: cell %d %q overlaps row %d column %d: %w", name, r+1, k+1, cell.Text, rr+1, cc+1, ErrTableGrid)
					}
					taken[rr][cc] = true
				}
			}
			s.cells = append(s.cells, lo.wrapCell(cell, r, c, rs, cs, colX))
			c += cs
		}
		if n := countTrue(taken[r]); n != ncols {
			return s, fmt.Errorf("%s row %d covers %d of %d columns: %w", name, r+1, n, ncols, ErrTableGrid)
		}
	}
	s.rowH = rowHeights(s.cells, len(rows))
	return s, nil
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}

// tableGap is the space above a table.
func tableGap() float64 { return bodyLineH() / 4 }

func cellLineH() float64 { return ptToMM(cellPt) * cellLead }

func (lo *layout) wrapCell(cell Cell, r, c, rs, cs int, colX []float64) gridCell {
	g := gridCell{row: r, col: c, rows: rs, cols: cs, align: cell.Align, rowHeader: cell.RowHeader}
	w := colX[c+cs] - colX[c] - 2*cellPadX
	m := lo.serif.measure(cellPt)
	for _, part := range strings.Split(cell.Text, "\n") {
		if part = strings.TrimSpace(part); part != "" || cell.Text == "" {
			g.lines = append(g.lines, breakTextScratch(&lo.units, part, m, w, w)...)
		}
	}
	g.need = float64(max(len(g.lines), 1))*cellLineH() + 2*cellPadY
	return g
}

// rowHeights sizes rows so that every cell's text fits: single-row cells
// first, then spanning cells, narrowest span first, spreading any shortfall
// evenly over the rows they span.
func rowHeights(cells []gridCell, n int) []float64 {
	h := make([]float64, n)
	for i := range h {
		h[i] = cellLineH() + 2*cellPadY
	}
	var spans []gridCell
	for _, c := range cells {
		if c.rows == 1 {
			h[c.row] = max(h[c.row], c.need)
		} else {
			spans = append(spans, c)
		}
	}
	slices.SortStableFunc(spans, func(a, b gridCell) int { return a.rows - b.rows })
	for _, c := range spans {
		if have := sumRange(h, c.row, c.row+c.rows); have < c.need {
			add := (c.need - have) / float64(c.rows)
			for r := c.row; r < c.row+c.rows; r++ {
				h[r] += add
			}
		}
	}
	return h
}

func sumRange(h []float64, from, to int) float64 {
	s := 0.0
	for _, v := range h[from:to] {
		s += v
	}
	return s
}

// placeTable places the table, repeating the header on every page it
// crosses. A row-spanning cell cut by a page break is drawn on both pages,
// each part with its text; the break moves up to the start of the span if
// the part left behind would be too short for the text. What is drawn
// again after a break is an artifact: the structure under the Table tag
// tab holds each cell once.
func (lo *layout) placeTable(t *tabLay, tab int) {
	head := lo.tagSection(&t.head, tagTHead, tab, tagTH, scopeColumn)
	body := lo.tagSection(&t.body, tagTBody, tab, tagTD, scopeRow)
	lo.linkHeaders(t, head, body)
	lo.gap(tableGap())
	lo.ensure(t.head.height() + t.firstRowH())
	rowH := slices.Clone(t.body.rowH)
	start := 0 // first body row on the current page
	for start < len(rowH) || start == 0 {
		lo.placeRows(&t.head, head, start > 0, t.head.rowH, 0, len(t.head.rowH), t.colX)
		end, y := start, lo.y
		for end < len(rowH) && (y+rowH[end] <= bottom+eps || end == start) {
			y += rowH[end]
			end++
		}
		if end < len(rowH) {
			end = keepSpans(t.body.cells, rowH, start, end)
		}
		lo.placeRows(&t.body, body, false, rowH, start, end, t.colX)
		if end >= len(rowH) {
			break
		}
		growRemainders(t.body.cells, rowH, end)
		lo.newPage()
		start = end
	}
	lo.y += bodyLineH() / 2
}

// tagSection opens the THead or TBody tag of s under the table tag tab,
// a TR for each row and a tag for each cell, and returns the cells' tags.
// Header cells are TH for their columns; body cells are TD, or TH for
// their rows when the document marks them as row headers.
func (lo *layout) tagSection(s *section, typ string, tab int, cellType, scope string) []int {
	if len(s.rowH) == 0 {
		return nil
	}
	sec := lo.tag(typ, tab)
	rows := make([]int, len(s.rowH))
	for r := range rows {
		rows[r] = lo.tag(tagTR, sec)
	}
	tags := make([]int, len(s.cells))
	for i, c := range s.cells {
		tg := Tag{Type: cellType, Parent: rows[c.row]}
		if cellType == tagTH || c.rowHeader {
			tg.Type, tg.Scope = tagTH, scope
		}
		if c.rows > 1 {
			tg.RowSpan = c.rows
		}
		if c.cols > 1 {
			tg.ColSpan = c.cols
		}
		lo.tr.Tags = append(lo.tr.Tags, tg)
		tags[i] = len(lo.tr.Tags) - 1
	}
	return tags
}

// keepSpans moves a page break at row end up to the start of any span
// whose part above the break would be too short for its text, as long as
// that leaves at least one row on the page.
func keepSpans(cells []gridCell, rowH []float64, start, end int) int {
	for moved := true; moved; {
		moved = false
		for _, c := range cells {
			if c.row < end && c.row+c.rows > end && c.row > start && sumRange(rowH, c.row, end) < c.need {
				end, moved = c.row, true
			}
		}
	}
	return end
}

// growRemainders makes the part of each span continued after a page break
// at row end tall enough for the span's text, which is drawn again there.
func growRemainders(cells []gridCell, rowH []float64, end int) {
	for _, c := range cells {
		last := c.row + c.rows
		if c.row < end && last > end {
			if have := sumRange(rowH, end, last); have < c.need {
				rowH[last-1] += c.need - have
			}
		}
	}
}

// linkHeaders lists for every cell the header cells that describe it
// (the Headers attribute): the header cells above whose columns meet its
// columns, then the row headers to its left whose rows meet its rows. Scope
// alone leaves a reader to work out 表三's two levels of column headers and
// three of row headers across the spans; Headers says it outright.
func (lo *layout) linkHeaders(t *tabLay, head, body []int) {
	overlap := func(a0, an, b0, bn int) bool { return a0 < b0+bn && b0 < a0+an }
	// The lists share one backing array; each is capped, so appending to
	// the next cannot reach it.
	all := make([]int, 0, 6*(len(t.head.cells)+len(t.body.cells)))
	set := func(tag, start int) {
		if len(all) > start {
			lo.tr.Tags[tag].Headers = all[start:len(all):len(all)]
		}
	}
	for i, c := range t.head.cells {
		start := len(all)
		for j, h := range t.head.cells[:i] {
			if h.row+h.rows <= c.row && overlap(h.col, h.cols, c.col, c.cols) {
				all = append(all, head[j])
			}
		}
		set(head[i], start)
	}
	var rowHeaders []int // indexes in t.body.cells
	for j, r := range t.body.cells {
		if r.rowHeader {
			rowHeaders = append(rowHeaders, j)
		}
	}
	for i, c := range t.body.cells {
		start := len(all)
		for j, h := range t.head.cells {
			if overlap(h.col, h.cols, c.col, c.cols) {
				all = append(all, head[j])
			}
		}
		for _, j := range rowHeaders {
			if r := t.body.cells[j]; j != i && r.col+r.cols <= c.col && overlap(r.row, r.rows, c.row, c.rows) {
				all = append(all, body[j])
			}
		}
		set(body[i], start)
	}
}

// placeRows draws rows [from, to) of s at the current position: each cell
// that has a row in the range gets a box over its rows in the range and its
// text centred vertically in that box. The text belongs to the cell's tag
// unless it is drawn again: the header on a later page (repeat), or a
// spanning cell continued from the page before.
func (lo *layout) placeRows(s *section, tags []int, repeat bool, rowH []float64, from, to int, colX []float64) {
	top := make([]float64, to-from+1)
	top[0] = lo.y
	for r := from; r < to; r++ {
		top[r-from+1] = top[r-from] + rowH[r]
	}
	lineH := cellLineH()
	p := lo.page()
	for i, c := range s.cells {
		r0, r1 := max(c.row, from), min(c.row+c.rows, to)
		if r0 >= r1 {
			continue
		}
		o := owner{tag: tags[i]}
		if repeat || c.row < from {
			o = owner{tag: -1, artifact: ArtifactRepeat}
		}
		x, w := colX[c.col], colX[c.col+c.cols]-colX[c.col]
		y, h := top[r0-from], top[r1-from]-top[r0-from]
		p.Boxes = append(p.Boxes, Box{X: round2(x), Y: round2(y), W: round2(w), H: round2(h)})
		ty := y + (h-float64(len(c.lines))*lineH)/2
		inner := w - 2*cellPadX
		for _, l := range c.lines {
			var lx float64
			justify := false
			switch c.align {
			case AlignLeft:
				lx, justify = x+cellPadX, true
			case AlignRight:
				lx = x + w - cellPadX - l.width
			default:
				lx = x + (w-l.width)/2
			}
			lo.runs = placeLine(lo.runs[:0], l, lx, inner, justify, ptToMM(cellPt))
			for _, r := range lo.runs {
				lo.text(roleCell, o, lo.serif, cellPt, r, baseline(ty, lineH, cellPt))
			}
			ty += lineH
		}
	}
	lo.y = top[len(top)-1]
}
