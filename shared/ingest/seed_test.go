package ingest

import (
	"context"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

// TestSeed imports the seed's OCR text: every table cell and every section
// of ../shared/examples/seed-2020.json, transcribed by hand; the credit code
// and the region, which the text does not print, come back as findings.
func TestSeed(t *testing.T) {
	want, fs := report.Decode(testkit.Shared(t, "examples/seed-2020.json"))
	if want == nil || report.HasErrors(fs) {
		t.Fatalf("the example does not decode: %v", fs)
	}
	res, err := Import(context.Background(), testkit.Shared(t, "seed/000_b595ca60544e1bdc.txt"), Options{Name: "seed"})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Draft()
	if got == nil {
		t.Fatalf("refused: %v", res.Refusal())
	}
	if got.FormatVersion != want.FormatVersion || got.ReportYear != want.ReportYear || got.Title != want.Title || got.Agency.Name != want.Agency.Name {
		t.Errorf("metadata %s %d %q %q, want %s %d %q %q", got.FormatVersion, got.ReportYear, got.Title, got.Agency.Name,
			want.FormatVersion, want.ReportYear, want.Title, want.Agency.Name)
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
	for _, path := range []string{"agency.creditCode", "agency.region"} {
		if !slices.ContainsFunc(res.Findings, func(f report.Finding) bool { return f.Path == path }) {
			t.Errorf("no finding at %s", path)
		}
	}
	if res.Valid() {
		t.Error("the draft lacks a credit code but is valid")
	}
}
