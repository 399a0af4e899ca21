package validate

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
)

// Each sentence replaces the prose of the 2021 example (116 new, 5 carried over,
// 7 carried forward; 5 reconsiderations, 3 + 1 lawsuits; 1346 licences; 5
// documents issued, 3 repealed, 27 in force; fees 326.58 万元).
func TestNarrative(t *testing.T) {
	tests := []struct {
		name  string
		prose string
		want  []string // paths of S4 warnings
	}{
		{"agreeing figures", "本年新收政府信息公开申请116件，上年结转政府信息公开申请5件，结转下年度继续办理7件。", nil},
		{"new requests wrong", "本年度新收政府信息公开申请120件。", []string{"table3.newReceived.total"}},
		{"full-width digits", "本年新收政府信息公开申请１１６件。", nil},
		{"carried over wrong", "上年结转政府信息公开申请4件。", []string{"table3.carriedOverFromLastYear.total"}},
		{"carried forward wrong", "结转下年度继续办理9件。", []string{"table3.carriedToNextYear.total"}},
		{"reconsideration wrong", "被申请行政复议6件。", []string{"table4.reconsideration.total"}},
		{"litigation is the sum of both groups", "被提起行政诉讼4件。", nil},
		{"litigation wrong", "被提起行政诉讼3件。", []string{"table4.litigationDirect.total"}},
		{"received, read as new only", "全年共收到政府信息公开申请116件。", nil},
		{"received, read as new plus carried", "全年共收到政府信息公开申请121件。", nil},
		{"received matches neither reading", "全年共收到政府信息公开申请130件。", []string{"table3.newReceived.total"}},
		{"licensing decisions", "全年办理行政许可事项1346件。", nil},
		{"licensing wrong", "全年办理行政许可1300件。", []string{"table2.art20_5.licensing.decisions"}},
		{"repealed documents by verb", "废止规范性文件3件。", nil},
		{"repealed documents wrong", "废止规范性文件4件。", []string{"table2.art20_1.normativeDocuments.repealed"}},
		{"documents without a verb match any column", "规范性文件27件。", nil},
		{"fee amount", "行政事业性收费本年收费金额为326.58万元。", nil},
		{"fee amount wrong", "行政事业性收费本年收费金额为300万元。", []string{"table2.art20_8.administrativeFees.feeAmountWanYuan"}},
		{"figure in another clause is not claimed", "新收申请情况良好。另有116人次咨询。", nil},
		{"another phrase's keyword between stops the search", "新收及上年结转申请共121件。", nil},
		{"a number without the unit is skipped", "本年新收政府信息公开申请（2023年）116件。", nil},
		{"none received contradicts the table", "本年度未收到政府信息公开申请。", []string{"table3.newReceived.total"}},
	}
	base := decode(t, "example-2021.json")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base.Clone()
			r.Sections = report.Sections{Overview: tt.prose, ProblemsAndImprovements: "有问题。", OtherMatters: "无。"}
			fs := Check(r, Options{Now: testNow})
			if got := pathsOf(fs, "S4", report.Warning); !slices.Equal(got, tt.want) {
				t.Errorf("prose %q: S4 warnings at %v, want %v: %s", tt.prose, got, tt.want, summary(fs))
			}
		})
	}
}

// Characters outside the fonts (䶮 U+4DAE and 㐀 U+3400, CJK extension A),
// controls and characters outside the BMP are each reported once per field;
// the paragraph break and common characters pass.
func TestGlyphs(t *testing.T) {
	r := decode(t, "example-2021.json")
	r.Sections.OtherMatters = "本年度收取信息处理费0元。\n䶮与\u0007及𠀀，再如䶮、㐀。"
	r.Title = "湖州市自然资源和规划局2023年政府信息公开工作年度报告\n"
	var got []string
	for _, f := range Check(r, Options{Now: testNow}) {
		if f.Rule == report.RuleGlyph {
			got = append(got, f.Path+" "+f.Got)
		}
	}
	want := []string{"title U+000A", "sections.otherMatters 䶮 U+4DAE", "sections.otherMatters U+0007",
		"sections.otherMatters 𠀀 U+20000", "sections.otherMatters 㐀 U+3400"}
	if !slices.Equal(got, want) {
		t.Errorf("glyph findings %q, want %q", got, want)
	}
}

func TestFutureYear(t *testing.T) {
	r := decode(t, "example-2021.json")
	r.ReportYear = testNow.Year() + 1
	if got := pathsOf(Check(r, Options{Now: testNow}), report.RuleRange, report.Error); !slices.Equal(got, []string{"reportYear"}) {
		t.Errorf("range findings at %v, want [reportYear]", got)
	}
}
