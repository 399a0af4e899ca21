package ingest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/validate"
)

// A publishedError makes from a valid report the arithmetic error real
// reports publish.
type publishedError struct {
	name string
	add  map[string]int64 // cells and what is added to them
}

var publishedErrors = []publishedError{
	// 平潭君山 2022 (../shared/corpus/web/junshan-2022): 3 + 2 requests
	// counted under 本机关不掌握相关政府信息 while 新收 and （七）总计 say 0.
	{"a row counted, the totals not", map[string]int64{
		"table3.results.unableToProvide.notHeld.naturalPerson": 3,
		"table3.results.unableToProvide.notHeld.otherOrg":      2,
		"table3.results.unableToProvide.notHeld.total":         5}},
	{"a row's 总计 off by one", map[string]int64{"table3.results.granted.total": 1}},
	{"结转下年度 that does not follow", map[string]int64{
		"table3.carriedToNextYear.naturalPerson": 2,
		"table3.carriedToNextYear.total":         2}},
	{"表四's 总计 not the sum", map[string]int64{"table4.reconsideration.total": 1}},
}

// apply returns r with the error made.
func (e publishedError) apply(t testing.TB, r *report.Report) *report.Report {
	t.Helper()
	m := r.Clone()
	for path, n := range e.add {
		c, ok := m.Cell(path)
		if !ok || c.State != report.Number {
			t.Fatalf("%s: %s is not a number in %s", e.name, path, name(r))
		}
		c.Value += report.Int(n)
		m.SetCell(path, c)
	}
	if len(identityFindings(validate.Check(m, validate.Options{}))) == 0 {
		t.Fatalf("%s breaks no identity of %s", e.name, name(r))
	}
	return m
}

// TestPublishedErrors publishes reports with the arithmetic errors real
// ones have through every producer: the import reads the cells as printed
// and the validator reports each broken identity at its cell, as it does
// on the report itself — or, where a producer loses a cell, the import
// flags a cell of that identity for a person.
func TestPublishedErrors(t *testing.T) {
	var published []*report.Report
	for _, e := range publishedErrors {
		for _, r := range repositoryReports(t) {
			published = append(published, e.apply(t, r))
		}
	}
	for _, p := range fastProducers {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			for i, doc := range p.make(t, published) {
				res := importDoc(t, doc, p.name)
				for _, d := range publishedDiffs(p, published[i], res) {
					t.Errorf("%s, %s: %s", publishedErrors[i/len(repositoryReports(t))].name, name(published[i]), d)
				}
			}
		})
	}
}

// publishedDiffs returns what is wrong with the import res of a document
// made from the published report pub.
func publishedDiffs(p producer, pub *report.Report, res *Result) []string {
	var diffs []string
	got, l := res.Draft(), pub.Layout()
	fl := importFlags(res)
	for _, spec := range l.Cells() {
		g, _ := got.Cell(spec.Path)
		w, _ := pub.Cell(spec.Path)
		switch {
		case p.exact && g != w:
			diffs = append(diffs, fmt.Sprintf("%s = %q, printed %q (%+v)", l.Describe(spec.Path), g, w, res.Provenance[spec.Path]))
		case !p.exact:
			if msg := rightOrFlagged(g, w, fl.of(spec.Path)); msg != "" {
				diffs = append(diffs, l.Describe(spec.Path)+": "+msg)
			}
		}
	}
	gotIDs := identityFindings(res.Findings)
	for _, f := range validate.Check(pub, validate.Options{}) {
		want := identityFindings([]report.Finding{f})
		if len(want) == 0 || slices.Contains(gotIDs, want[0]) {
			continue
		}
		flagged := slices.ContainsFunc(append([]string{f.Path}, f.Related...), func(path string) bool { return fl.of(path) == report.Error })
		if p.exact || !flagged {
			diffs = append(diffs, fmt.Sprintf("the validator did not report %s from the import, nor did the import flag its cells", want[0]))
		}
	}
	if p.exact && !slices.Equal(gotIDs, identityFindings(validate.Check(pub, validate.Options{}))) {
		diffs = append(diffs, fmt.Sprintf("identity findings %q, the published report's %q", gotIDs, identityFindings(validate.Check(pub, validate.Options{}))))
	}
	return diffs
}
