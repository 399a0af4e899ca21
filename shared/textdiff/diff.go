package textdiff

// Op says what happened to a run of elements.
type Op uint8

// The operations of an edit script.
const (
	Equal Op = iota
	Delete
	Insert
)

var opNames = [...]string{Equal: "equal", Delete: "delete", Insert: "insert"}

func (o Op) String() string { return opNames[o] }

// MarshalText names the operation in JSON: equal, delete or insert.
func (o Op) MarshalText() ([]byte, error) { return []byte(opNames[o]), nil }

// Edit is a run of one operation: a[A0:A1] kept as b[B0:B1] (Equal),
// a[A0:A1] deleted (B0 == B1), or b[B0:B1] inserted (A0 == A1).
type Edit struct {
	Op             Op
	A0, A1, B0, B1 int
}

// Limit bounds the work of diffs. Steps is shared by every call given the
// same Limit and counts down; when it runs out, or when two sequences need
// more than MaxEdits insertions and deletions, Diff gives up.
type Limit struct {
	MaxEdits int
	Steps    int
}

// Diff returns a shortest edit script turning a into b, with adjacent
// elements of one operation joined into runs and deletions before
// insertions. ok is false, and the script nil, when the limit was reached.
func Diff[T comparable](a, b []T, lim *Limit) (edits []Edit, ok bool) {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	lim.Steps -= pre + suf
	if lim.Steps < 0 {
		return nil, false
	}
	var s script
	s.add(Equal, 0, pre, 0, pre)
	if !myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre, lim, &s) {
		return nil, false
	}
	s.add(Equal, len(a)-suf, len(a), len(b)-suf, len(b))
	return s.edits, true
}

// script collects edits, joining each onto a run of the same operation.
type script struct{ edits []Edit }

func (s *script) add(op Op, a0, a1, b0, b1 int) {
	if a0 == a1 && b0 == b1 {
		return
	}
	if n := len(s.edits); n > 0 {
		last := &s.edits[n-1]
		if last.Op == op && last.A1 == a0 && last.B1 == b0 {
			last.A1, last.B1 = a1, b1
			return
		}
	}
	s.edits = append(s.edits, Edit{op, a0, a1, b0, b1})
}

// myers appends the edit script from a to b (offsets oa, ob in the whole
// sequences) to s. It keeps, for each number of edits d, the furthest point
// reached on each diagonal k = x − y, and walks back through them; the
// memory is O(D²) in the number of edits, which MaxEdits caps.
func myers[T comparable](a, b []T, oa, ob int, lim *Limit, s *script) bool {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		s.add(Delete, oa, oa+n, ob, ob)
		s.add(Insert, oa+n, oa+n, ob, ob+m)
		return true
	}
	maxD := min(n+m, lim.MaxEdits)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int // trace[d]: v[k] for k in [-d-1, d+1] before step d
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		lim.Steps -= 2*d + 1
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			start := x
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			lim.Steps -= x - start
			v[off+k] = x
			if x >= n && y >= m {
				backtrack(trace, n, m, oa, ob, s)
				return true
			}
		}
		if lim.Steps < 0 {
			return false
		}
	}
	return false
}

// backtrack turns the trace into edits, from the end back to the start, and
// appends them to s in order.
func backtrack(trace [][]int, n, m, oa, ob int, s *script) {
	type move struct {
		op             Op
		a0, a1, b0, b1 int
	}
	var moves []move
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		// (mx, my) is where the d-th edit left off; the snake from there to
		// (x, y) keeps elements.
		mx, my, px, py := 0, 0, 0, 0
		op := Equal
		if d > 0 {
			v := trace[d]
			at := func(k int) int { return v[k+d+1] }
			k := x - y
			pk := k - 1
			if k == -d || (k != d && at(k-1) < at(k+1)) {
				pk = k + 1
			}
			px = at(pk)
			py = px - pk
			if pk == k+1 {
				op, mx, my = Insert, px, py+1
			} else {
				op, mx, my = Delete, px+1, py
			}
		}
		if x > mx {
			moves = append(moves, move{Equal, mx, x, my, y})
		}
		if op != Equal {
			moves = append(moves, move{op, px, mx, py, my})
		}
		x, y = px, py
	}
	// Within each run of changes, deletions come first: a reader sees what
	// was removed, then what replaced it.
	for i := len(moves) - 1; i >= 0; {
		if moves[i].op == Equal {
			mv := moves[i]
			s.add(Equal, oa+mv.a0, oa+mv.a1, ob+mv.b0, ob+mv.b1)
			i--
			continue
		}
		j := i
		for j >= 0 && moves[j].op != Equal {
			j--
		}
		a0, b0 := moves[i].a0, moves[i].b0
		a1, b1 := moves[j+1].a1, moves[j+1].b1
		s.add(Delete, oa+a0, oa+a1, ob+b0, ob+b0)
		s.add(Insert, oa+a1, oa+a1, ob+b0, ob+b1)
		i = j
	}
}
