package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/template/templatetest"
	"github.com/nianbao/nianbao/shared/validate"
)

// TestMutants changes one cell of a report at a time, publishes it through
// each fast producer and imports it: exactly that cell changes, and when
// the change breaks an identity the validator reports that identity's
// finding from the imported draft — the importer never mends it.
func TestMutants(t *testing.T) {
	reports := repositoryReports(t)
	for i, p := range fastProducers {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			every := max(p.sample, 1)
			if testing.Short() {
				every = 10
			}
			for _, base := range reports {
				// Producers sampling the same report sample different cells.
				paths := cellPaths(base, every, i)
				checkMutants(t, p, base, paths, p.make(t, withMutants(base, paths)))
			}
		})
	}
}

// cellPaths lists every every-th cell of r's layout from the offset-th
// (modulo every), 表二 to 表四.
func cellPaths(r *report.Report, every, offset int) []string {
	var out []string
	for i, spec := range r.Layout().Cells() {
		if i%every == offset%every {
			out = append(out, spec.Path)
		}
	}
	return out
}

// withMutants is base followed by one mutant per path.
func withMutants(base *report.Report, paths []string) []*report.Report {
	out := []*report.Report{base}
	for _, p := range paths {
		out = append(out, templatetest.Mutant(base, p))
	}
	return out
}

// checkMutants imports docs — base's document, then one per mutated path —
// and checks each mutant's import against the base's.
func checkMutants(t *testing.T, p producer, base *report.Report, paths []string, docs [][]byte) {
	t.Helper()
	baseRes := importDoc(t, docs[0], p.name)
	for i, path := range paths {
		mutant := templatetest.Mutant(base, path)
		res := importDoc(t, docs[i+1], p.name+" mutant "+path)
		for _, d := range mutantDiffs(p, mutant, path, baseRes, res) {
			t.Errorf("%s, %s mutated: %s", name(base), path, d)
		}
	}
}

// mutantDiffs returns what is wrong with the import res of a document made
// from mutant, whose cell at path differs from the base's.
func mutantDiffs(p producer, mutant *report.Report, path string, baseRes, res *Result) []string {
	var diffs []string
	got, l := res.Draft(), mutant.Layout()
	fl := importFlags(res)
	for _, spec := range l.Cells() {
		g, _ := got.Cell(spec.Path)
		w, _ := mutant.Cell(spec.Path)
		if p.exact && g != w {
			diffs = append(diffs, fmt.Sprintf("%s = %q, want %q (%+v)", l.Describe(spec.Path), g, w, res.Provenance[spec.Path]))
		}
		if msg := rightOrFlagged(g, w, fl.of(spec.Path)); !p.exact && msg != "" {
			diffs = append(diffs, l.Describe(spec.Path)+": "+msg)
		}
	}
	if !p.exact {
		return diffs
	}
	// The published identity errors come out as the validator finds them
	// in the mutant itself.
	want := identityFindings(validate.Check(mutant, validate.Options{}))
	if g := identityFindings(res.Findings); !slices.Equal(g, want) {
		diffs = append(diffs, fmt.Sprintf("identity findings %q, want %q", g, want))
	}
	// And the import says nothing new about the document.
	if g, w := importFindings(res), importFindings(baseRes); !slices.Equal(g, w) {
		diffs = append(diffs, fmt.Sprintf("import findings %q, the unchanged document's %q", g, w))
	}
	return diffs
}

// TestMutantsBreakIdentities checks the mutants themselves: each one of a
// 表三 or 表四 cell breaks an identity, so TestMutants sees them reach the
// validator.
func TestMutantsBreakIdentities(t *testing.T) {
	for _, base := range repositoryReports(t) {
		broken := 0
		for _, path := range cellPaths(base, 1, 0) {
			if len(identityFindings(validate.Check(templatetest.Mutant(base, path), validate.Options{}))) > 0 {
				broken++
			}
		}
		// Every 表三 and 表四 cell is in an identity; 表二's are not.
		if n := countPrefix(cellPaths(base, 1, 0), "table3.", "table4."); broken != n {
			t.Errorf("%s: %d mutants break an identity, want the %d of 表三 and 表四", name(base), broken, n)
		}
	}
}

func countPrefix(paths []string, prefixes ...string) int {
	n := 0
	for _, p := range paths {
		for _, pre := range prefixes {
			if strings.HasPrefix(p, pre) {
				n++
			}
		}
	}
	return n
}
