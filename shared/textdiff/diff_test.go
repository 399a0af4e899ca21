package textdiff

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// lcs is the length of a longest common subsequence, by dynamic programming:
// the reference a shortest edit script is checked against.
func lcs(a, b []byte) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// checkScript fails unless edits turn a into b: runs cover both sequences
// in order, kept runs are equal, runs of one operation are joined, and each
// change deletes before it inserts.
func checkScript(t *testing.T, a, b []byte, edits []Edit) {
	t.Helper()
	x, y := 0, 0
	for i, e := range edits {
		if e.A0 != x || e.B0 != y {
			t.Fatalf("diff(%q, %q): edit %d %+v starts at (%d, %d), want (%d, %d); script %+v", a, b, i, e, e.A0, e.B0, x, y, edits)
		}
		switch e.Op {
		case Equal:
			if string(a[e.A0:e.A1]) != string(b[e.B0:e.B1]) {
				t.Fatalf("diff(%q, %q): edit %d keeps %q as %q", a, b, i, a[e.A0:e.A1], b[e.B0:e.B1])
			}
		case Delete:
			if e.B0 != e.B1 || e.A1 <= e.A0 {
				t.Fatalf("diff(%q, %q): bad deletion %+v", a, b, e)
			}
		case Insert:
			if e.A0 != e.A1 || e.B1 <= e.B0 {
				t.Fatalf("diff(%q, %q): bad insertion %+v", a, b, e)
			}
		}
		if i > 0 {
			prev := edits[i-1].Op
			if prev == e.Op || prev == Insert && e.Op == Delete {
				t.Fatalf("diff(%q, %q): %v after %v at edit %d; script %+v", a, b, e.Op, prev, i, edits)
			}
		}
		x, y = e.A1, e.B1
	}
	if x != len(a) || y != len(b) {
		t.Fatalf("diff(%q, %q): script ends at (%d, %d), want (%d, %d)", a, b, x, y, len(a), len(b))
	}
}

func cost(edits []Edit) int {
	n := 0
	for _, e := range edits {
		if e.Op != Equal {
			n += e.A1 - e.A0 + e.B1 - e.B0
		}
	}
	return n
}

func TestDiff(t *testing.T) {
	tests := []struct {
		a, b string
		want []Edit
	}{
		{"", "", nil},
		{"abc", "abc", []Edit{{Equal, 0, 3, 0, 3}}},
		{"", "ab", []Edit{{Insert, 0, 0, 0, 2}}},
		{"ab", "", []Edit{{Delete, 0, 2, 0, 0}}},
		{"abc", "axc", []Edit{{Equal, 0, 1, 0, 1}, {Delete, 1, 2, 1, 1}, {Insert, 2, 2, 1, 2}, {Equal, 2, 3, 2, 3}}},
		{"abcabba", "cbabac", nil}, // Myers' own example: checked for length below
		{"xaby", "xy", []Edit{{Equal, 0, 1, 0, 1}, {Delete, 1, 3, 1, 1}, {Equal, 3, 4, 1, 2}}},
	}
	for _, tt := range tests {
		lim := Limit{MaxEdits: 100, Steps: 1000}
		got, ok := Diff([]byte(tt.a), []byte(tt.b), &lim)
		if !ok {
			t.Fatalf("Diff(%q, %q) gave up", tt.a, tt.b)
		}
		checkScript(t, []byte(tt.a), []byte(tt.b), got)
		if want := len(tt.a) + len(tt.b) - 2*lcs([]byte(tt.a), []byte(tt.b)); cost(got) != want {
			t.Errorf("Diff(%q, %q) costs %d edits, want %d: %+v", tt.a, tt.b, cost(got), want, got)
		}
		if tt.want != nil && fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Diff(%q, %q) = %+v, want %+v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDiffShortest compares the script's length with the LCS on many
// random pairs over small alphabets, where common runs abound.
func TestDiffShortest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	gen := func(n, alphabet int) []byte {
		s := make([]byte, n)
		for i := range s {
			s[i] = byte('a' + rng.IntN(alphabet))
		}
		return s
	}
	for range 3000 {
		a, b := gen(rng.IntN(30), 1+rng.IntN(4)), gen(rng.IntN(30), 1+rng.IntN(4))
		lim := Limit{MaxEdits: 1000, Steps: 1 << 30}
		edits, ok := Diff(a, b, &lim)
		if !ok {
			t.Fatalf("Diff(%q, %q) gave up", a, b)
		}
		checkScript(t, a, b, edits)
		if got, want := cost(edits), len(a)+len(b)-2*lcs(a, b); got != want {
			t.Fatalf("Diff(%q, %q) costs %d edits, want %d: %+v", a, b, got, want, edits)
		}
	}
}

func TestDiffLimits(t *testing.T) {
	a, b := []byte("aaaaaaaaaa"), []byte("bbbbbbbbbb")
	tests := []struct {
		name string
		lim  Limit
		ok   bool
	}{
		{"enough", Limit{MaxEdits: 20, Steps: 1000}, true},
		{"too many edits", Limit{MaxEdits: 19, Steps: 1000}, false},
		{"out of steps", Limit{MaxEdits: 20, Steps: 50}, false},
	}
	for _, tt := range tests {
		lim := tt.lim
		edits, ok := Diff(a, b, &lim)
		if ok != tt.ok || (ok && cost(edits) != 20) || (!ok && edits != nil) {
			t.Errorf("%s: Diff with %+v = %+v, %v; want ok %v", tt.name, tt.lim, edits, ok, tt.ok)
		}
		if tt.ok && lim.Steps < 0 {
			t.Errorf("%s: steps went negative (%d) on a diff that succeeded", tt.name, lim.Steps)
		}
	}
}
