package recognize

import (
	"slices"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// run is a row's cells with the candidate readings of its printed values.
type run struct {
	cells  []int // layout indices
	kinds  []report.Kind
	cands  [][]cellVal
	mode   readMode
	method Method // how the row was found
	loc    source.Location
	text   string // the values as printed
	name   string // the row in the table's own words
}

// variable is true when the run's cells are not all known from the page:
// several readings, or cells blank or lost.
func (r *run) variable() bool {
	if len(r.cands) != 1 {
		return true
	}
	for _, c := range r.cands[0] {
		if !c.known() || c.joined {
			return true
		}
	}
	return false
}

// constraint is an identity over layout cells: Σ left = Σ right + konst.
type constraint struct {
	left, right []int
	konst       report.Decimal
}

// Bounds of the search for readings that satisfy the identities. A
// reading takes a few microseconds; the documents of ../shared/corpus need
// fewer than 30 and 1,500 random mixes of the perturbation tests at most
// 159, while a 表三 whose every row lost a value without a header to say
// where reaches the bound (10–20 ms) and is flagged.
const (
	maxSolveNodes = 2_000
	maxSolutions  = 256
)

// solved is what the identities decided.
type solved struct {
	value     map[int]cellVal // cells decided, fixed or inferred
	inferred  map[int]bool    // decided by the identities, not read
	ambiguous map[*run][][]cellVal
	unknown   map[int]string // cells left unknown, and why
	failed    map[*run]bool  // no reading of the run satisfies the identities
}

// solve decides every cell the runs cover. A run with one full reading is
// taken as printed, whatever the identities say (a published error must
// reach the validator). The others are decided together with the cells they
// share identities with: a cell is set when every reading that satisfies
// the identities gives it the same value.
func solve(cells []report.CellSpec, runs []*run, cons []constraint) *solved {
	s := &solved{value: map[int]cellVal{}, inferred: map[int]bool{}, ambiguous: map[*run][][]cellVal{},
		unknown: map[int]string{}, failed: map[*run]bool{}}
	owner := make([]*run, len(cells))
	uf := newUnionFind(len(cells))
	for _, r := range runs {
		for _, c := range r.cells {
			owner[c] = r
		}
		for _, c := range r.cells[1:] {
			uf.union(r.cells[0], c)
		}
		switch {
		case r.variable():
		case r.mode != readExact && !holdsWithin(r, cons):
			// Digits split the one way they can, against the row's own
			// sum: a lost or misread value, not what was printed.
			s.ambiguous[r], s.failed[r] = r.cands, true
		default:
			for i, c := range r.cells {
				s.value[c] = r.cands[0][i]
			}
		}
	}
	for _, k := range cons {
		all := append(append([]int(nil), k.left...), k.right...)
		for _, c := range all[1:] {
			uf.union(all[0], c)
		}
	}
	components := map[int][]*run{}
	var roots []int
	for _, r := range runs {
		if !r.variable() {
			continue
		}
		root := uf.find(r.cells[0])
		if _, ok := components[root]; !ok {
			roots = append(roots, root)
		}
		components[root] = append(components[root], r)
	}
	for _, root := range roots {
		comp := components[root]
		var mine []constraint
		for _, k := range cons {
			if uf.find(k.left[0]) != root {
				continue
			}
			if involves(k, owner, comp) {
				mine = append(mine, k)
			}
		}
		s.component(cells, comp, mine)
	}
	return s
}

// holdsWithin reports whether a run's one reading satisfies the
// identities among its own cells (a 表三 row's 总计).
func holdsWithin(r *run, cons []constraint) bool {
	get := func(c int) (cellVal, bool) {
		if i := slices.Index(r.cells, c); i >= 0 {
			return r.cands[0][i], true
		}
		return cellVal{}, false
	}
	for _, k := range cons {
		l, lok, lna := sumOf(k.left, get)
		rt, rok, rna := sumOf(k.right, get)
		if lok && rok && !lna && !rna && l != rt+k.konst {
			return false
		}
	}
	return true
}

func involves(k constraint, owner []*run, comp []*run) bool {
	for _, c := range append(append([]int(nil), k.left...), k.right...) {
		if slices.Contains(comp, owner[c]) {
			return true
		}
	}
	return false
}

// search tries the readings of a component's runs. A cell's value in the
// reading being tried is val[c] when has[c]: placed by a run, or fixed
// (read with certainty); slices indexed by cell keep the hot path free of
// maps.
type search struct {
	cells     []report.CellSpec
	vars      []*run
	cons      []constraint
	val       []cellVal
	has       []bool
	mine      []int    // the cells of the component's runs
	complete  [][]int  // constraints to check once run i is placed
	undo      []undone // cells the leaf derived, to restore
	nodes     int
	solutions []map[int]cellVal
	aborted   bool
}

type undone struct {
	c   int
	v   cellVal
	has bool
}

func (s *solved) component(cells []report.CellSpec, vars []*run, cons []constraint) {
	sr := &search{cells: cells, vars: vars, cons: cons,
		val: make([]cellVal, len(cells)), has: make([]bool, len(cells))}
	for c, v := range s.value {
		sr.val[c], sr.has[c] = v, true
	}
	at := map[int]int{}
	for i, r := range vars {
		for _, c := range r.cells {
			at[c] = i
			sr.mine = append(sr.mine, c)
		}
	}
	sr.complete = make([][]int, len(vars))
	for ki, k := range cons {
		last := -1
		for _, c := range append(append([]int(nil), k.left...), k.right...) {
			if i, ok := at[c]; ok {
				last = max(last, i)
			}
		}
		if last >= 0 {
			sr.complete[last] = append(sr.complete[last], ki)
		}
	}
	sr.dfs(0)
	if sr.aborted || len(sr.solutions) == 0 {
		for _, r := range vars {
			if len(r.cands) == 1 {
				for i, c := range r.cells {
					if v := r.cands[0][i]; v.known() && !v.joined {
						s.value[c] = v
					} else {
						s.unknown[c] = v.why
					}
				}
				continue
			}
			// The cells every reading agrees on are what was printed.
			for i, c := range r.cells {
				if v := r.cands[0][i]; v.known() && !slices.ContainsFunc(r.cands[1:], func(o []cellVal) bool { return !sameValue(o[i], v) }) {
					s.value[c], s.inferred[c] = v, true
				}
			}
			s.ambiguous[r] = distinct(r.cands)
			s.failed[r] = !sr.aborted
		}
		return
	}
	for _, r := range vars {
		var tuples [][]cellVal
		agreed := true
		for i, c := range r.cells {
			first := sr.solutions[0][c]
			same := first.known()
			for _, sol := range sr.solutions[1:] {
				if !sameValue(sol[c], first) {
					same = false
					break
				}
			}
			switch {
			case same:
				s.value[c] = first
				if r.mode != readExact || len(r.cands) > 1 || !r.cands[0][i].known() || r.cands[0][i].joined {
					s.inferred[c] = true
				}
			case len(r.cands) == 1:
				s.unknown[c] = r.cands[0][i].why
			default:
				agreed = false
			}
		}
		if !agreed {
			for _, sol := range sr.solutions {
				t := make([]cellVal, len(r.cells))
				for i, c := range r.cells {
					t[i] = sol[c]
				}
				tuples = append(tuples, t)
			}
			s.ambiguous[r] = distinct(tuples)
		}
	}
}

func (sr *search) dfs(i int) {
	sr.nodes++
	if sr.aborted || sr.nodes > maxSolveNodes {
		sr.aborted = true
		return
	}
	if i == len(sr.vars) {
		sr.leaf()
		return
	}
	r := sr.vars[i]
	for _, cand := range r.cands {
		for j, c := range r.cells {
			sr.val[c], sr.has[c] = cand[j], true
		}
		if sr.holds(sr.complete[i]) {
			sr.dfs(i + 1)
		}
		if sr.aborted {
			break
		}
	}
	for _, c := range r.cells {
		sr.val[c], sr.has[c] = cellVal{}, false
	}
}

// get returns a cell's value in the reading being tried: placed, fixed, or
// unknown (state Absent); ok is false for a cell not in the document.
func (sr *search) get(c int) (cellVal, bool) { return sr.val[c], sr.has[c] }

// holds checks the constraints idx whose cells are all known; one with a
// cell unknown or not in the document says nothing yet.
func (sr *search) holds(idx []int) bool {
	for _, ki := range idx {
		k := sr.cons[ki]
		l, lok, lna := sumOf(k.left, sr.get)
		r, rok, rna := sumOf(k.right, sr.get)
		if !lok || !rok || lna || rna {
			continue
		}
		if l != r+k.konst {
			return false
		}
	}
	return true
}

// set derives a cell in a leaf, remembering what it held.
func (sr *search) set(c int, v cellVal) {
	sr.undo = append(sr.undo, undone{c, sr.val[c], sr.has[c]})
	sr.val[c], sr.has[c] = v, true
}

// leaf completes a placement: cells still unknown are derived from the
// identities where one unknown remains (or several must all be zero), and
// the placement is kept when every identity that can be checked holds.
func (sr *search) leaf() {
	defer func() {
		for i := len(sr.undo) - 1; i >= 0; i-- {
			u := sr.undo[i]
			sr.val[u.c], sr.has[u.c] = u.v, u.has
		}
		sr.undo = sr.undo[:0]
	}()
	for changed := true; changed; {
		changed = false
		for _, k := range sr.cons {
			known, na := report.Decimal(0), false
			var unknownL, unknownR []int
			ok := true
			for side, cells := range [2][]int{k.left, k.right} {
				for _, c := range cells {
					v, found := sr.val[c], sr.has[c]
					switch {
					case !found:
						ok = false // a cell of a row not in the document: the identity says nothing
					case v.state == report.NotApplicable:
						na = true
					case !v.known() && side == 0:
						unknownL = append(unknownL, c)
					case !v.known():
						unknownR = append(unknownR, c)
					case side == 0:
						known += v.v
					default:
						known -= v.v
					}
				}
			}
			if !ok || na || len(unknownL)+len(unknownR) == 0 {
				continue
			}
			// Σ unknownL − Σ unknownR = konst − known
			need := k.konst - known
			switch {
			case len(unknownL)+len(unknownR) == 1:
				c, x := 0, need
				if len(unknownL) == 1 {
					c = unknownL[0]
				} else {
					c, x = unknownR[0], -need
				}
				if !fits(sr.cells[c].Kind, x) {
					return
				}
				sr.set(c, cellVal{state: report.Number, v: x, raw: sr.val[c].raw, why: sr.val[c].why})
				changed = true
			case len(unknownR) == 0 && need == 0 && nonNegative(sr.cells, unknownL),
				len(unknownL) == 0 && need == 0 && nonNegative(sr.cells, unknownR):
				for _, c := range append(unknownL, unknownR...) {
					sr.set(c, cellVal{state: report.Number, raw: sr.val[c].raw, why: sr.val[c].why})
				}
				changed = true
			}
		}
	}
	for _, k := range sr.cons {
		l, lok, lna := sumOf(k.left, sr.get)
		r, rok, rna := sumOf(k.right, sr.get)
		if lok && rok && !lna && !rna && l != r+k.konst {
			return
		}
	}
	if len(sr.solutions) >= maxSolutions {
		sr.aborted = true
		return
	}
	sol := make(map[int]cellVal, len(sr.mine))
	for _, c := range sr.mine {
		sol[c] = sr.val[c]
	}
	sr.solutions = append(sr.solutions, sol)
}

func sumOf(cells []int, get func(int) (cellVal, bool)) (total report.Decimal, ok, na bool) {
	for _, c := range cells {
		v, found := get(c)
		switch {
		case !found || !v.known():
			return 0, false, false
		case v.state == report.NotApplicable:
			na = true
		default:
			total += v.v
		}
	}
	return total, true, na
}

// fits is true when x may stand in a cell of kind k.
func fits(k report.Kind, x report.Decimal) bool {
	switch k {
	case report.Count:
		return x.IsInt() && x >= 0 && x <= report.Int(report.MaxCount)
	case report.SignedCount:
		return x.IsInt() && x <= report.Int(report.MaxCount) && x >= -report.Int(report.MaxCount)
	}
	return x >= 0
}

func nonNegative(cells []report.CellSpec, idx []int) bool {
	for _, c := range idx {
		if cells[c].Kind == report.SignedCount {
			return false
		}
	}
	return true
}

// sameValue is true for two known cells of the same value.
func sameValue(a, b cellVal) bool {
	return a.known() && b.known() && a.state == b.state && a.v == b.v
}

// distinct drops repeated readings.
func distinct(cands [][]cellVal) [][]cellVal {
	var out [][]cellVal
	for _, c := range cands {
		dup := slices.ContainsFunc(out, func(o []cellVal) bool {
			return slices.EqualFunc(o, c, func(a, b cellVal) bool { return a.state == b.state && a.v == b.v })
		})
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(a, b int) { u[u.find(a)] = u.find(b) }
