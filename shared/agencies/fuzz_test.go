package agencies

import (
	"testing"

	"github.com/nianbao/nianbao/shared/roster"
)

// FuzzMatch: names and regions from outside never panic; normalising is
// idempotent; an agency alone on its list is found by its own name, and a
// match is always an agency of the list.
func FuzzMatch(f *testing.F) {
	f.Add("西工区教育体育局", "河南省洛阳市西工区", "洛阳市西工区教育体育局")
	f.Add("教育局", "市中区", "市中区教育局")
	f.Add("（）", "区区区", "区")
	f.Fuzz(func(t *testing.T, name, region, printed string) {
		if n := Normalize(printed); Normalize(n) != n {
			t.Fatalf("Normalize(%q) = %q, not idempotent", printed, n)
		}
		l := New([]roster.Agency{{Name: name, CreditCode: "11410303MB0000001X", Region: region}})
		if Normalize(name) != "" && !l.Match(name, "").Found() {
			t.Fatalf("%q in %q is not found by its own name", name, region)
		}
		if m := l.Match(printed, region); m.Found() && m.Agency.Name != name {
			t.Fatalf("Match(%q) = %+v, not on the list", printed, m.Agency)
		}
	})
}
