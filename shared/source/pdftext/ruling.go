package pdftext

import (
	"math"
	"slices"
)

// Tables drawn with lines: the rulings of a page fall into connected groups;
// each group's distinct x positions of vertical lines and y positions of
// horizontal lines make a grid, and two neighbouring grid slots belong to
// one cell when no line separates them. The result is the cells as
// rectangles, from which grid.go builds rows and columns.

// snap is how far apart two rulings may be and still be one line: borders
// drawn twice, as thin rectangles, or with a width offset.
const snap = 2.0

// region is a ruled table on one page: its cells as rectangles.
type region struct {
	box   rect
	cells []rect
}

// regions finds the ruled tables among a page's rulings.
func regions(segs []segment) []region {
	segs = mergeSegments(segs)
	if len(segs) < 2 {
		return nil
	}
	// Connected groups: a horizontal and a vertical line touch when they
	// cross or meet within snap.
	parent := make([]int, len(segs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, a := range segs {
		for j := i + 1; j < len(segs); j++ {
			if touch(a, segs[j]) {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]segment{}
	var order []int
	for i, s := range segs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], s)
	}
	var out []region
	for _, r := range order {
		if reg, ok := grid(groups[r]); ok {
			out = append(out, reg)
		}
	}
	slices.SortFunc(out, func(a, b region) int { return cmpf(a.box.y0, b.box.y0) })
	return out
}

func touch(a, b segment) bool {
	ah, bh := a.horizontal(), b.horizontal()
	switch {
	case ah && !bh:
		return b.x0 >= a.x0-snap && b.x0 <= a.x1+snap && a.y0 >= b.y0-snap && a.y0 <= b.y1+snap
	case !ah && bh:
		return touch(b, a)
	case ah && bh: // a border split in pieces
		return math.Abs(a.y0-b.y0) <= snap && a.x0 <= b.x1+snap && b.x0 <= a.x1+snap
	}
	return math.Abs(a.x0-b.x0) <= snap && a.y0 <= b.y1+snap && b.y0 <= a.y1+snap
}

// mergeSegments joins collinear pieces that overlap or nearly meet, so that
// a border drawn cell by cell becomes one line.
func mergeSegments(segs []segment) []segment {
	var hs, vs []segment
	for _, s := range segs {
		if s.horizontal() {
			hs = append(hs, s)
		} else {
			vs = append(vs, s)
		}
	}
	merge := func(ss []segment, pos func(segment) float64, lo, hi func(segment) float64, mk func(p, a, b float64) segment) []segment {
		slices.SortFunc(ss, func(a, b segment) int {
			if c := cmpf(pos(a), pos(b)); math.Abs(pos(a)-pos(b)) > snap/2 {
				return c
			}
			return cmpf(lo(a), lo(b))
		})
		var out []segment
		for i := 0; i < len(ss); {
			p, a, b := pos(ss[i]), lo(ss[i]), hi(ss[i])
			j := i + 1
			for j < len(ss) && math.Abs(pos(ss[j])-p) <= snap/2 && lo(ss[j]) <= b+snap {
				b = math.Max(b, hi(ss[j]))
				j++
			}
			out = append(out, mk(p, a, b))
			i = j
		}
		return out
	}
	hs = merge(hs, func(s segment) float64 { return s.y0 }, func(s segment) float64 { return s.x0 }, func(s segment) float64 { return s.x1 },
		func(p, a, b float64) segment { return segment{a, p, b, p} })
	vs = merge(vs, func(s segment) float64 { return s.x0 }, func(s segment) float64 { return s.y0 }, func(s segment) float64 { return s.y1 },
		func(p, a, b float64) segment { return segment{p, a, p, b} })
	return append(hs, vs...)
}

// cluster returns the distinct positions among vs, those within snap of
// each other averaged.
func cluster(vs []float64) []float64 {
	slices.Sort(vs)
	var out []float64
	for i := 0; i < len(vs); {
		j, sum := i, 0.0
		for j < len(vs) && vs[j]-vs[i] <= snap {
			sum += vs[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

// grid turns one group of rulings into cells. A table needs lines in both
// directions; open sides (no outer border) get a virtual line at the
// extreme of the other direction's lines.
func grid(segs []segment) (region, bool) {
	var hs, vs []segment
	box := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, s := range segs {
		box = box.union(rect{s.x0, s.y0, s.x1, s.y1})
		if s.horizontal() {
			hs = append(hs, s)
		} else {
			vs = append(vs, s)
		}
	}
	if len(hs) < 2 || box.w() < 20 || box.h() < 8 {
		return region{}, false
	}
	var xv, yv []float64
	for _, s := range vs {
		xv = append(xv, s.x0)
	}
	for _, s := range hs {
		yv = append(yv, s.y0)
	}
	xs, ys := cluster(append(xv, box.x0, box.x1)), cluster(append(yv, box.y0, box.y1))
	if !hasLine(vs, box.x0, box.y0, box.y1, false) {
		vs = append(vs, segment{box.x0, box.y0, box.x0, box.y1})
	}
	if !hasLine(vs, box.x1, box.y0, box.y1, false) {
		vs = append(vs, segment{box.x1, box.y0, box.x1, box.y1})
	}
	if !hasLine(hs, box.y0, box.x0, box.x1, true) {
		hs = append(hs, segment{box.x0, box.y0, box.x1, box.y0})
	}
	if !hasLine(hs, box.y1, box.x0, box.x1, true) {
		hs = append(hs, segment{box.x0, box.y1, box.x1, box.y1})
	}
	nr, nc := len(ys)-1, len(xs)-1
	if nr < 1 || nc < 1 || nr*nc > 20_000 {
		return region{}, false
	}
	// Union the slots no line separates.
	parent := make([]int, nr*nc)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for r := range nr {
		for c := range nc {
			if c+1 < nc && !covered(vs, xs[c+1], ys[r], ys[r+1], false) {
				parent[find(r*nc+c)] = find(r*nc + c + 1)
			}
			if r+1 < nr && !covered(hs, ys[r+1], xs[c], xs[c+1], true) {
				parent[find(r*nc+c)] = find((r+1)*nc + c)
			}
		}
	}
	type span struct{ r0, c0, r1, c1 int }
	spans := map[int]*span{}
	var order []int
	for r := range nr {
		for c := range nc {
			k := find(r*nc + c)
			s, ok := spans[k]
			if !ok {
				spans[k] = &span{r, c, r, c}
				order = append(order, k)
				continue
			}
			s.r0, s.c0, s.r1, s.c1 = min(s.r0, r), min(s.c0, c), max(s.r1, r), max(s.c1, c)
		}
	}
	if len(order) < 2 {
		return region{}, false // a frame around text, not a table
	}
	reg := region{box: rect{xs[0], ys[0], xs[nc], ys[nr]}}
	for _, k := range order {
		s := spans[k]
		reg.cells = append(reg.cells, rect{xs[s.c0], ys[s.r0], xs[s.c1+1], ys[s.r1+1]})
	}
	return reg, true
}

// covered reports whether lines at pos cover most of [a, b] (a boundary
// between two slots).
func covered(ss []segment, pos, a, b float64, horizontal bool) bool {
	need := (b - a) * 0.6
	got := 0.0
	for _, s := range ss {
		p, lo, hi := s.x0, s.y0, s.y1
		if horizontal {
			p, lo, hi = s.y0, s.x0, s.x1
		}
		if s.horizontal() != horizontal || math.Abs(p-pos) > snap {
			continue
		}
		got += math.Max(0, math.Min(hi, b)-math.Max(lo, a))
	}
	return got >= need
}

// hasLine reports whether a line at pos runs along most of [a, b].
func hasLine(ss []segment, pos, a, b float64, horizontal bool) bool {
	return covered(ss, pos, a, b, horizontal)
}
