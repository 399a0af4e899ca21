package ingest

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

func loadReport(t testing.TB, name string) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, name))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("%s does not decode: %v", name, fs)
	}
	return r
}

func importPage(t testing.TB, r *report.Report) *Result {
	t.Helper()
	res, err := Import(context.Background(), govPage(t, r), Options{Name: "page.html"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Refusal() != nil {
		t.Fatalf("refused: %v", res.Refusal())
	}
	return res
}

// TestGovPageRoundTrip publishes the repository's reports as government
// pages and imports them back: every cell, the sections and the metadata
// come back equal.
func TestGovPageRoundTrip(t *testing.T) {
	for _, name := range []string{"seed-2020.json", "example-2021.json"} {
		t.Run(name, func(t *testing.T) {
			want := loadReport(t, name)
			res := importPage(t, want)
			got := res.Draft()
			if res.Kind != "html" {
				t.Errorf("kind %q", res.Kind)
			}
			if got.FormatVersion != want.FormatVersion || got.ReportYear != want.ReportYear || got.Agency.Name != want.Agency.Name || got.DisplayTitle() != want.DisplayTitle() {
				t.Errorf("metadata %s %d %q %q", got.FormatVersion, got.ReportYear, got.Agency.Name, got.DisplayTitle())
			}
			for _, spec := range want.Layout().Cells() {
				w, _ := want.Cell(spec.Path)
				g, _ := got.Cell(spec.Path)
				if g != w {
					t.Errorf("%s = %q, want %q (%+v)", want.Layout().Describe(spec.Path), g, w, res.Provenance[spec.Path])
				}
			}
			if g, w := got.Sections.InOrder(), want.Sections.InOrder(); g != w {
				for i := range w {
					if g[i] != w[i] {
						t.Errorf("%s:\n got %q\nwant %q", report.SectionHeadings[i], g[i], w[i])
					}
				}
			}
		})
	}
}

// TestGovPageMutants changes one cell of a published page at a time: the
// import must change exactly that cell.
func TestGovPageMutants(t *testing.T) {
	for _, name := range []string{"seed-2020.json", "example-2021.json"} {
		t.Run(name, func(t *testing.T) {
			base := loadReport(t, name)
			for _, spec := range base.Layout().Cells() {
				mutant := base.Clone()
				c, _ := mutant.Cell(spec.Path)
				c.Value += report.Int(7)
				mutant.SetCell(spec.Path, c)
				got := importPage(t, mutant).Draft()
				for _, other := range base.Layout().Cells() {
					g, _ := got.Cell(other.Path)
					w, _ := mutant.Cell(other.Path)
					if g != w {
						t.Errorf("mutating %s: %s = %q, want %q", spec.Path, other.Path, g, w)
					}
				}
			}
		})
	}
}
