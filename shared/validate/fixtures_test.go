package validate

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
)

// TestFixtures runs the failing fixture of every rule in testdata/fixtures and
// checks the exact set of cells the rule points at.
func TestFixtures(t *testing.T) {
	const (
		seed    = "seed-2020.json"
		example = "example-2021.json"
	)
	tests := []struct {
		file     string // under testdata/; fixtures/<rule>.json unless a base example
		previous string
		rule     string
		severity report.Severity
		paths    []string
	}{
		{"fixtures/H1.json", "", "H1", report.Error, []string{"table3.carriedToNextYear.commercialEnterprise", "table3.carriedToNextYear.naturalPerson"}},
		{"fixtures/H2.json", "", "H2", report.Error, []string{"table3.results.resultsTotal.commercialEnterprise", "table3.results.resultsTotal.naturalPerson"}},
		{"fixtures/H3.json", "", "H3", report.Error, []string{"table3.results.granted.total", "table3.results.partiallyGranted.total"}},
		{"fixtures/H4.json", "", "H4", report.Error, []string{"table4.reconsideration.total"}},
		{"fixtures/H5.json", "", "H5", report.Error, []string{"table2.art20_6.penalty.decisions"}},
		{example, "fixtures/S1-previous.json", "S1", report.Warning, []string{
			"table3.carriedOverFromLastYear.naturalPerson", "table3.carriedOverFromLastYear.otherOrg", "table3.carriedOverFromLastYear.total"}},
		{seed, "fixtures/S3-previous.json", "S3", report.Warning, []string{"table2.art20_5.licensing.prevYearItemCount"}},
		{"fixtures/S4.json", "", "S4", report.Warning, []string{"table3.newReceived.total"}},
		{"fixtures/S5.json", "", "S5", report.Warning, []string{"sections.problemsAndImprovements"}},
		{"fixtures/S7.json", "", "S7", report.Warning, []string{"table3.results.refused.stateSecret.researchInstitution"}},
		{"fixtures/S7.json", "", "H2", report.NotAssessable, []string{"table3.results.resultsTotal.researchInstitution"}},
		{"fixtures/S7.json", "", "H3", report.NotAssessable, []string{"table3.results.refused.stateSecret.total"}},
		{"fixtures/S9.json", "", "S9", report.Warning, []string{"table2.art20_1.regulations.totalPublished"}},
		{"fixtures/S10.json", "", "S10", report.Warning, []string{
			"table2.art20_9.centralizedProcurement.procurementProjectCount", "table2.art20_9.centralizedProcurement.procurementTotalAmount"}},
		{"fixtures/S11.json", "", "S11", report.Warning, []string{"title"}},
		{"fixtures/S12.json", "", "S12", report.Warning, []string{"formatVersion"}},
		{"fixtures/glyph.json", "", report.RuleGlyph, report.Error, []string{"sections.overview"}},
		{"fixtures/credit-code.json", "", report.RuleCreditCode, report.Error, []string{"agency.creditCode"}},
		{"fixtures/required.json", "", report.RuleRequired, report.Error, []string{"sections.overview"}},
		{"fixtures/unknown-field.json", "", report.RuleUnknownField, report.Error, []string{"table3.newReceived.legalPersonSubtotal"}},
		{"fixtures/duplicate-key.json", "", report.RuleDuplicateKey, report.Error, []string{"reportYear"}},
		{"fixtures/type.json", "", report.RuleType, report.Error, []string{"table3.newReceived.naturalPerson"}},
		{"fixtures/range.json", "", report.RuleRange, report.Error, []string{"reportYear"}},
		{"fixtures/format-version.json", "", report.RuleFormatVersion, report.Error, []string{"formatVersion"}},
		{"fixtures/text-length.json", "", report.RuleTextLength, report.Error, []string{"agency.name"}},
		{"fixtures/syntax.json", "", report.RuleSyntax, report.Error, []string{"table3.results.refused.securityStability.total"}},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.file, func(t *testing.T) {
			opts := Options{Now: testNow}
			if tt.previous != "" {
				opts.Previous = decode(t, tt.previous)
			}
			_, fs := Document(readTestdata(t, tt.file), opts)
			if got := pathsOf(fs, tt.rule, tt.severity); !slices.Equal(got, tt.paths) {
				t.Errorf("%s findings of %s at %v, want %v\nall findings: %s", tt.rule, tt.file, got, tt.paths, summary(fs))
			}
			for _, f := range fs {
				if f.Severity == report.Error && f.Rule != tt.rule {
					t.Errorf("unexpected error finding %+v", f)
				}
				if f.Message == "" {
					t.Errorf("finding %+v has no message", f)
				}
			}
		})
	}
}

// The seed is valid and its prose contradicts 表二 (report-format.md Appendix A).
func TestSeed(t *testing.T) {
	_, fs := Document(readTestdata(t, "seed-2020.json"), Options{Now: testNow})
	if report.HasErrors(fs) {
		t.Fatalf("seed has errors: %s", summary(fs))
	}
	want := []string{
		"table2.art20_5.licensing.itemCountChange",
		"table2.art20_5.licensing.prevYearItemCount",
		"table2.art20_5.otherExternalServices.itemCountChange",
		"table2.art20_5.otherExternalServices.prevYearItemCount",
	}
	if got := pathsOf(fs, "S4", report.Warning); !slices.Equal(got, want) {
		t.Errorf("seed S4 warnings at %v, want %v", got, want)
	}
	if len(fs) != len(want) {
		t.Errorf("seed findings %s, want only the four S4 warnings", summary(fs))
	}
}

func TestExample2021IsClean(t *testing.T) {
	_, fs := Document(readTestdata(t, "example-2021.json"), Options{Now: testNow})
	if len(fs) != 0 {
		t.Errorf("example-2021 findings %s, want none", summary(fs))
	}
}
