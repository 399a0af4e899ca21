package nextyear

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
	"github.com/nianbao/nianbao/shared/validate"
)

func decode(t *testing.T, name string, edit func(*report.Report)) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, name))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("%s: %v", name, fs)
	}
	if edit != nil {
		edit(r)
	}
	return r
}

func set(r *report.Report, path string, c report.Cell) {
	if !r.SetCell(path, c) {
		panic("no cell " + path)
	}
}

var na = report.Cell{State: report.NotApplicable}

// applicants returns 上年结转 of each applicant column carried from 结转下年度 with value v.
func applicants(v string) map[string]string {
	out := map[string]string{}
	for _, c := range report.LayoutOf(report.Format2021).Table3.Columns {
		out[carriedOver+c.Key] = v
	}
	return out
}

func TestFrom(t *testing.T) {
	tests := []struct {
		name      string
		r         *report.Report
		version   report.Version
		year      int
		title     string
		wantCells map[string]string // every filled cell of the draft, as a person reads it
	}{
		{"2020 trial format into the 2021 format: only 上年结转 maps",
			decode(t, "seed-2020.json", func(r *report.Report) {
				set(r, "table3.carriedToNextYear.naturalPerson", report.Num(3))
				set(r, "table3.carriedToNextYear.total", report.Num(3))
			}),
			report.Format2021, 2021, "西工区教育体育局2021年政府信息公开工作年度报告",
			func() map[string]string {
				m := applicants("0")
				m[carriedOver+"naturalPerson"], m[carriedOver+"total"] = "3", "3"
				return m
			}()},
		{"2019 into 2020: the items chain too",
			decode(t, "seed-2020.json", func(r *report.Report) {
				r.ReportYear, r.Title = 2019, ""
				set(r, "table2.art20_5.licensing.itemCountChange", report.Num(-3))         // 7 − 3
				set(r, "table2.art20_6.penalty.itemCountChange", report.Num(-9))           // 5 − 9 < 0: left empty
				set(r, "table2.art20_6.coercion.prevYearItemCount", na)                    // "/": left empty
				set(r, "table2.art20_8.administrativeFees.itemCountChange", report.Num(2)) // 0 + 2
				set(r, "table3.carriedToNextYear.otherOrg", na)                            // "/" carries as "/"
			}),
			report.Trial2019, 2020, "",
			func() map[string]string {
				m := applicants("0")
				m[carriedOver+"otherOrg"] = "/"
				maps.Copy(m, map[string]string{
					"table2.art20_5.licensing.prevYearItemCount":             "4",
					"table2.art20_5.otherExternalServices.prevYearItemCount": "0",
					"table2.art20_8.administrativeFees.prevYearItemCount":    "2",
				})
				return m
			}()},
		{"2021 format into the next year", decode(t, "example-2021.json", nil), report.Format2021, 2024, "",
			func() map[string]string {
				r := decode(t, "example-2021.json", nil)
				m := map[string]string{}
				for _, c := range r.Layout().Table3.Columns {
					v, _ := r.Cell(carriedToNew + c.Key)
					m[carriedOver+c.Key] = v.String()
				}
				return m
			}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.r.Clone()
			d, err := From(tt.r)
			if err != nil {
				t.Fatal(err)
			}
			n := d.Report
			if n.FormatVersion != tt.version || n.ReportYear != tt.year {
				t.Errorf("draft is %s %d, want %s %d", n.FormatVersion, n.ReportYear, tt.version, tt.year)
			}
			if tt.title != "" && n.Title != tt.title {
				t.Errorf("title %q, want %q", n.Title, tt.title)
			}
			if n.Agency != tt.r.Agency || n.Sections != tt.r.Sections || n.PublishedOn != "" {
				t.Errorf("agency %+v, published %q, sections copied %v", n.Agency, n.PublishedOn, n.Sections == tt.r.Sections)
			}
			got := map[string]string{}
			for i, c := range n.Layout().Cells() {
				if cell := n.CellAt(i); cell.State != report.Absent {
					got[c.Path] = cell.String()
				}
			}
			if !maps.Equal(got, tt.wantCells) {
				t.Errorf("filled cells\n got %v\nwant %v", got, tt.wantCells)
			}
			var carried []string
			for _, c := range d.Carried {
				carried = append(carried, c.Path)
				if len(c.From) == 0 {
					t.Errorf("%s carried from nothing", c.Path)
				}
			}
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(slices.Values(carried))) {
				t.Errorf("Carried lists %v, but the filled cells are %v", carried, slices.Sorted(maps.Keys(got)))
			}
			if !slices.IsSortedFunc(carried, func(a, b string) int {
				i, _ := n.Layout().Index(a)
				j, _ := n.Layout().Index(b)
				return i - j
			}) {
				t.Errorf("Carried is not in layout order: %v", carried)
			}
			if string(before.Canonical()) != string(tt.r.Canonical()) {
				t.Error("From changed this year's report")
			}
			// What the draft carries passes the cross-year checks against its source.
			for _, f := range validate.Check(n, validate.Options{Previous: tt.r}) {
				if f.Rule == "S1" || f.Rule == "S3" {
					t.Errorf("the draft fails %s against its source: %s", f.Rule, f.Message)
				}
			}
			// The draft's JSON is the contract's, with only blanks to fill.
			back, fs := report.Decode(n.Canonical())
			if back == nil {
				t.Fatalf("the draft's JSON does not decode: %v", fs)
			}
			for _, f := range fs {
				if f.Rule != report.RuleRequired {
					t.Errorf("the draft's JSON has a %s finding at %s: %s", f.Rule, f.Path, f.Message)
				}
			}
		})
	}
}

func TestNextTitle(t *testing.T) {
	tests := []struct {
		title string
		year  int
		want  string
	}{
		{"西工区教育体育局2020年政府信息公开工作年度报告", 2020, "西工区教育体育局2021年政府信息公开工作年度报告"},
		{"某局2020年度政府信息公开工作报告", 2020, "某局2021年度政府信息公开工作报告"},
		{"某局政府信息公开工作年度报告", 2020, ""},
		{"某局2019年政府信息公开工作年度报告", 2020, ""},
		{"", 2020, ""},
	}
	for _, tt := range tests {
		if got := nextTitle(tt.title, tt.year); got != tt.want {
			t.Errorf("nextTitle(%q, %d) = %q, want %q", tt.title, tt.year, got, tt.want)
		}
	}
}

func TestFromRefuses(t *testing.T) {
	last := decode(t, "example-2021.json", func(r *report.Report) { r.ReportYear = report.MaxYear })
	if _, err := From(last); !errors.Is(err, ErrNoNextYear) {
		t.Errorf("From(a report on %d) = %v, want ErrNoNextYear", report.MaxYear, err)
	}
	if _, err := From(&report.Report{FormatVersion: "1999", ReportYear: 2020}); !errors.Is(err, ErrNoNextYear) || !strings.Contains(err.Error(), "1999") {
		t.Errorf("From(an unknown format) = %v, want ErrNoNextYear naming it", err)
	}
}
