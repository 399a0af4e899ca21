package ingest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/validate"
)

// variant is reporttest.Tables checked by the validator: the identities
// hold.
func variant(t testing.TB, base *report.Report, rng *rand.Rand) *report.Report {
	t.Helper()
	m := reporttest.Tables(base, rng)
	for _, f := range validate.Check(m, validate.Options{}) {
		if strings.HasPrefix(f.Rule, "H") && f.Severity == report.Error {
			t.Fatalf("variant breaks %s at %s: %s", f.Rule, f.Path, f.Message)
		}
	}
	return m
}

// variants are n variants of each repository report, the same every run.
func variants(t testing.TB, n int) []*report.Report {
	t.Helper()
	var out []*report.Report
	for i, name := range []string{"seed-2020.json", "example-2021.json"} {
		base := loadReport(t, name)
		rng := rand.New(rand.NewPCG(uint64(i+1), 13))
		for range n {
			out = append(out, variant(t, base, rng))
		}
	}
	return out
}
