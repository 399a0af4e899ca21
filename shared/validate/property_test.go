package validate

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
)

// randomReport returns a report of version v whose every hard identity holds,
// with no figures in its prose.
func randomReport(rng *rand.Rand, v report.Version) *report.Report {
	year := 2020
	if v == report.Format2021 {
		year = 2023
	}
	r := report.New(v, year)
	r.Agency = report.Agency{Name: "某某县测试局", CreditCode: "11410303MB0000001X"}
	r.Sections = report.Sections{Overview: "本年度工作情况良好。", ProblemsAndImprovements: "存在问题已整改。", OtherMatters: "无其他事项。"}
	l := r.Layout()
	for _, c := range l.Cells() {
		if c.Table == 2 {
			r.SetCell(c.Path, report.Num(rng.Int64N(50)))
		}
	}
	t3 := l.Table3
	totals := map[string]int64{} // row key → running total over the applicant columns
	for _, col := range t3.Columns[:len(t3.Columns)-1] {
		var results int64
		for _, row := range t3.Rows {
			if row.Outcome {
				n := rng.Int64N(12)
				results += n
				r.SetCell(row.Path()+"."+col.Key, report.Num(n))
				totals[row.Key] += n
			}
		}
		toNext := rng.Int64N(6)
		carried := rng.Int64N(results + toNext + 1)
		for key, n := range map[string]int64{
			"results.resultsTotal": results, "carriedToNextYear": toNext,
			"carriedOverFromLastYear": carried, "newReceived": results + toNext - carried,
		} {
			r.SetCell("table3."+key+"."+col.Key, report.Num(n))
			totals[key] += n
		}
	}
	for _, row := range t3.Rows {
		r.SetCell(row.Path()+".total", report.Num(totals[row.Key]))
	}
	for _, g := range l.Table4.Groups {
		var total int64
		for _, col := range l.Table4.Columns[:4] {
			n := rng.Int64N(5)
			total += n
			r.SetCell("table4."+g.Key+"."+col.Key, report.Num(n))
		}
		r.SetCell("table4."+g.Key+".total", report.Num(total))
	}
	return r
}

// expectedIdentities lists, from the format's structure alone, the rule@target
// of every identity that the cell at path takes part in.
func expectedIdentities(l *report.Layout, path string) []string {
	if group, ok := strings.CutPrefix(path, "table4."); ok {
		group, _, _ = strings.Cut(group, ".")
		return []string{"H4@table4." + group + ".total"}
	}
	i := strings.LastIndexByte(path, '.')
	rowKey, col := strings.TrimPrefix(path[:i], "table3."), path[i+1:]
	want := []string{"H3@table3." + rowKey + ".total"}
	for _, row := range l.Table3.Rows {
		if row.Key == rowKey && row.Outcome || rowKey == "results.resultsTotal" && row.Key == rowKey {
			want = append(want, "H2@table3.results.resultsTotal."+col)
		}
	}
	switch rowKey {
	case "newReceived", "carriedOverFromLastYear", "results.resultsTotal", "carriedToNextYear":
		want = append(want, "H1@table3.carriedToNextYear."+col)
	}
	slices.Sort(want)
	return want
}

func identityFindings(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		switch f.Rule {
		case "H1", "H2", "H3", "H4":
			out = append(out, f.Rule+"@"+f.Path)
		}
	}
	slices.Sort(out)
	return out
}

// Changing any single 表三 or 表四 cell of a valid report by a non-zero amount
// produces exactly the identity findings that the cell takes part in.
func TestSingleCellChangeBreaksItsIdentities(t *testing.T) {
	rng := rand.New(rand.NewPCG(2019, 2021))
	for _, v := range report.Versions {
		for n := 0; n < 12; n++ {
			base := randomReport(rng, v)
			if fs := Check(base, Options{Now: testNow}); report.HasErrors(fs) || len(identityFindings(fs)) != 0 {
				t.Fatalf("%s: random report is not valid: %s", v, summary(fs))
			}
			for _, spec := range base.Layout().Cells() {
				if spec.Table == 2 {
					continue
				}
				cell, _ := base.Cell(spec.Path)
				delta := report.Int(1 + rng.Int64N(9))
				if cell.Value >= delta && rng.IntN(2) == 0 {
					delta = -delta
				}
				changed := base.Clone()
				changed.SetCell(spec.Path, report.Cell{State: report.Number, Value: cell.Value + delta})
				got := identityFindings(Check(changed, Options{Now: testNow}))
				if want := expectedIdentities(base.Layout(), spec.Path); !slices.Equal(got, want) {
					t.Errorf("%s: %s %+d: identity findings %v, want %v", v, spec.Path, delta/report.Unit, got, want)
				}
			}
		}
	}
}
