package reporttest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
	"github.com/nianbao/nianbao/shared/validate"
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

// Tables keeps every identity, whatever it draws.
func TestTablesKeepTheIdentities(t *testing.T) {
	for _, name := range []string{"seed-2020.json", "example-2021.json"} {
		base, fs := report.Decode(testkit.Testdata(t, name))
		if base == nil || len(fs) != 0 {
			t.Fatalf("%s: %v", name, fs)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for range 50 {
			r := Tables(base, rng)
			for _, f := range validate.Check(r, validate.Options{}) {
				if strings.HasPrefix(f.Rule, "H") && f.Severity == report.Error {
					t.Fatalf("%s: %s at %s: %s", name, f.Rule, f.Path, f.Message)
				}
			}
		}
	}
}
