package validate

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

var update = flag.Bool("update", false, "rewrite fontranges.go and the golden files under testdata/golden")

// testNow pins "now" so that the year bound never depends on the clock.
var testNow = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func decode(t testing.TB, name string) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, name))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("decode %s: %v", name, fs)
	}
	return r
}

// pathsOf returns the sorted paths of the findings with rule and severity.
func pathsOf(fs []report.Finding, rule string, sev report.Severity) []string {
	var out []string
	for _, f := range fs {
		if f.Rule == rule && f.Severity == sev {
			out = append(out, f.Path)
		}
	}
	slices.Sort(out)
	return out
}

func summary(fs []report.Finding) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s/%s@%s", f.Rule, f.Severity, f.Path))
	}
	return "[" + strings.Join(parts, " ") + "]"
}
