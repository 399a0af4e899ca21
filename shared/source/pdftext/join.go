package pdftext

import (
	"math"
	"slices"
	"strings"
)

// A table cut by a page break goes on at the top of the next page. It is
// the same table when the columns line up (the edges of one part are among
// the other's) and either its header rows are repeated or the first part
// ran into the bottom of the page, with no room left for another row.

// edges returns the distinct x positions of a table's cell edges.
func (t *ptable) edges() []float64 {
	var xs []float64
	for _, c := range t.cells {
		xs = append(xs, c.r.x0, c.r.x1)
	}
	return cluster(xs)
}

// alignedEdges: the outer edges match and one part's edges are all among
// the other's (a continuation may merge or split columns of the header).
func alignedEdges(a, b []float64) bool {
	if len(a) < 2 || len(b) < 2 || math.Abs(a[0]-b[0]) > 2*snap || math.Abs(a[len(a)-1]-b[len(b)-1]) > 2*snap {
		return false
	}
	subset := func(s, of []float64) bool {
		for _, x := range s {
			if math.Abs(of[nearest(of, x)]-x) > snap {
				return false
			}
		}
		return true
	}
	return subset(a, b) || subset(b, a)
}

// continuation tells whether u continues t and how many of u's first rows
// repeat t's header. contentBottom is the lowest text or table bottom of
// any page: how far down this document's pages fill.
func continuation(t, u *ptable, contentBottom float64, maxCells int) (drop int, ok bool) {
	if !t.ruled || !u.ruled || !alignedEdges(t.edges(), u.edges()) {
		return 0, false
	}
	pt, ok1 := place(t.cells, maxCells)
	pu, ok2 := place(u.cells, maxCells)
	if !ok1 || !ok2 || pu.rows < 1 {
		return 0, false
	}
	tt, ut := pt.texts(), pu.texts()
	for drop < len(tt)-1 && drop < len(ut)-1 && slices.EqualFunc(tt[drop], ut[drop], sameText) && !allNumeric(ut[drop]) {
		drop++
	}
	if drop > 0 {
		return drop, true
	}
	firstRow := math.Inf(1)
	for _, c := range u.cells {
		if math.Abs(c.r.y0-u.box.y0) <= snap {
			firstRow = math.Min(firstRow, c.r.h())
		}
	}
	return 0, t.tail >= contentBottom-firstRow-6
}

func sameText(a, b string) bool { return compact(a) == compact(b) }

func compact(s string) string { return strings.Join(strings.Fields(s), "") }

func allNumeric(row []string) bool {
	for _, s := range row {
		if s != "" && !numeric(s) {
			return false
		}
	}
	return true
}

// join appends u below t, without u's first drop rows (a repeated header).
// A label cell of t's last row goes on into the cell below it when that
// cell repeats the label or is empty: a merged cell cut by the page break.
func join(t, u *ptable, drop int, maxCells int) {
	cut := u.box.y0
	if drop > 0 {
		if pu, ok := place(u.cells, maxCells); ok {
			var ys []float64
			for _, c := range u.cells {
				ys = append(ys, c.r.y0, c.r.y1)
			}
			ys = cluster(ys)
			if drop < len(ys) && drop <= pu.rows {
				cut = ys[drop]
			}
		}
	}
	dy := t.bottom - cut
	seam := t.bottom
	for _, c := range u.cells {
		if c.r.y1 <= cut+snap {
			continue // a repeated header row
		}
		c.r.y0 = math.Max(c.r.y0, cut) + dy
		c.r.y1 += dy
		if math.Abs(c.r.y0-seam) <= snap && extend(t, c, seam) {
			continue
		}
		t.cells = append(t.cells, c)
	}
	t.bottom = u.box.y1 + dy
	t.tail = u.box.y1
	t.last = u.page
}

// extend lengthens the cell of t ending at the seam above c when c
// continues it; it reports whether it did.
func extend(t *ptable, c tcell, seam float64) bool {
	for i := range t.cells {
		a := &t.cells[i]
		if math.Abs(a.r.y1-seam) > snap || math.Abs(a.r.x0-c.r.x0) > snap || math.Abs(a.r.x1-c.r.x1) > snap {
			continue
		}
		if a.text == "" || numeric(a.text) || c.text != "" && !sameText(a.text, c.text) {
			return false
		}
		a.r.y1 = c.r.y1
		return true
	}
	return false
}
