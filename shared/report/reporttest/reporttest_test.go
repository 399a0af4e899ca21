package reporttest

import (
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/nianbao/nianbao/shared/report"
)

func TestVariantsAreValidAndDistinct(t *testing.T) {
	example := testkit.Testdata(t, "example-2021.json")
	seen := map[string]bool{}
	for _, v := range []struct{ agency, version int }{{-1, 0}, {-1, 1}, {0, 0}, {1, 0}, {1, 1}} {
		r, fs := report.Decode(Variant(example, v.agency, v.version))
		if r == nil || len(fs) != 0 {
			t.Fatalf("variant %+v: %v", v, fs)
		}
		key := string(r.Canonical())
		if seen[key] {
			t.Errorf("variant %+v repeats another", v)
		}
		seen[key] = true
		if want := CreditCode(v.agency); v.agency >= 0 && r.Agency.CreditCode != want {
			t.Errorf("variant %+v files for %s, want %s", v, r.Agency.CreditCode, want)
		}
	}
}
