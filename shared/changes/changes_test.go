package changes

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
	"github.com/nianbao/nianbao/shared/textdiff"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/changes-seed.json")

func seed(t *testing.T, edit func(*report.Report)) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, "seed-2020.json"))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("seed: %v", fs)
	}
	if edit != nil {
		edit(r)
	}
	return r
}

func TestBetween(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(*report.Report)
		fields   []string // paths
		cells    []string // "path old→new"
		sections []string // paths
	}{
		{"nothing", nil, nil, nil, nil},
		{"a cell corrected", func(r *report.Report) {
			r.SetCell("table3.results.refused.stateSecret.commercialEnterprise", report.Num(2))
		}, nil, []string{"table3.results.refused.stateSecret.commercialEnterprise 0→2"}, nil},
		{"a cell marked not applicable", func(r *report.Report) {
			r.SetCell("table2.art20_9.centralizedProcurement.procurementTotalAmount", report.Cell{State: report.NotApplicable})
		}, nil, []string{"table2.art20_9.centralizedProcurement.procurementTotalAmount 768→/"}, nil},
		{"the region and the date", func(r *report.Report) {
			r.Agency.Region = "河南省洛阳市"
			r.PublishedOn = "2021-01-30"
		}, []string{"agency.region", "publishedOn"}, nil, nil},
		{"a sentence of the prose", func(r *report.Report) {
			r.Sections.Overview = strings.Replace(r.Sections.Overview, "268项", "270项", 1)
			r.Sections.OtherMatters += "\n新增一段。"
		}, nil, nil, []string{"sections.overview", "sections.otherMatters"}},
		{"an explicit title equal to the default is no change", func(r *report.Report) {
			r.Title = ""
		}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := seed(t, nil), seed(t, tt.edit)
			got := Between(old, new, &textdiff.Budget{Steps: textdiff.DefaultSteps})
			var fields, cells, sections []string
			for _, f := range got.Fields {
				fields = append(fields, f.Path)
				if f.Label == "" || f.Old == f.New {
					t.Errorf("field change %+v", f)
				}
			}
			for _, c := range got.Cells {
				cells = append(cells, c.Path+" "+c.Old+"→"+c.New)
				if c.Table == 0 || !strings.HasPrefix(c.Row, "表") || c.Column == "" {
					t.Errorf("cell change %+v lacks its table, row or column", c)
				}
			}
			for _, s := range got.Sections {
				sections = append(sections, s.Path)
			}
			if strings.Join(fields, ",") != strings.Join(tt.fields, ",") || strings.Join(cells, ",") != strings.Join(tt.cells, ",") ||
				strings.Join(sections, ",") != strings.Join(tt.sections, ",") {
				t.Errorf("Between: fields %q cells %q sections %q; want %q %q %q", fields, cells, sections, tt.fields, tt.cells, tt.sections)
			}
			if got.Empty() != (tt.edit == nil || tt.name == "an explicit title equal to the default is no change") {
				t.Errorf("Empty() = %v", got.Empty())
			}
		})
	}
}

// A change of format: the cells only one version has are listed with an
// empty value on the other side, named by that version's layout.
func TestBetweenFormats(t *testing.T) {
	old := seed(t, nil)
	new, fs := report.Decode(testkit.Testdata(t, "example-2021.json"))
	if new == nil || report.HasErrors(fs) {
		t.Fatal(fs)
	}
	got := Between(old, new, &textdiff.Budget{Steps: textdiff.DefaultSteps})
	byPath := map[string]Cell{}
	for _, c := range got.Cells {
		byPath[c.Path] = c
	}
	if c, ok := byPath["table2.art20_9.centralizedProcurement.procurementTotalAmount"]; !ok || c.Old != "768" || c.New != "" || c.Row != "表二 第二十条第（九）项 政府集中采购" {
		t.Errorf("a 2019-only cell: %+v, %v", c, ok)
	}
	if c, ok := byPath["table2.art20_8.administrativeFees.feeAmountWanYuan"]; !ok || c.Old != "" || c.New == "" {
		t.Errorf("a 2021-only cell: %+v, %v", c, ok)
	}
	if len(got.Fields) == 0 || got.Fields[0].Path != "formatVersion" || got.Fields[0].New != "2021年格式" {
		t.Errorf("fields %+v, want the format first", got.Fields)
	}
}

// The seed corrected as agencies do (a figure in the prose and its cell, a
// paragraph added), against a golden file checked by hand.
func TestBetweenGolden(t *testing.T) {
	old := seed(t, nil)
	new := seed(t, func(r *report.Report) {
		r.SetCell("table2.art20_5.licensing.decisions", report.Num(270))
		r.Sections.Overview = strings.Replace(r.Sections.Overview, "共有行政许可268项", "共有行政许可270项", 1)
		r.Sections.ProblemsAndImprovements += "\n下一步，我局将进一步规范依申请公开办理流程。"
	})
	got, err := json.MarshalIndent(Between(old, new, &textdiff.Budget{Steps: textdiff.DefaultSteps}), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := testkit.Path(t, "testdata", "golden", "changes-seed.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("changes differ from %s (run with -update and check by hand):\n%s", path, got)
	}
}
