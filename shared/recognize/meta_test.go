package recognize

import (
	"context"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

func TestMetadata(t *testing.T) {
	tests := []struct {
		name, head    string
		meta          map[string]string
		agency, title string
		year          int
		published     string
	}{
		{"body before the year", "西工区教育体育局2020年政府信息公开工作年度报告", nil, "西工区教育体育局", "西工区教育体育局2020年政府信息公开工作年度报告", 2020, ""},
		{"year before the body", "2024 年上海市科委政府信息公开工作\n年度报告", nil, "上海市科委", "2024年上海市科委政府信息公开工作年度报告", 2024, ""},
		{"OCR spacing", "# 沐阳县人民政府 2025 年 政府信息公开工作年度报告", nil, "沐阳县人民政府", "沐阳县人民政府2025年政府信息公开工作年度报告", 2025, ""},
		{"年度", "某局2019年度政府信息公开工作年度报告", nil, "某局", "某局2019年度政府信息公开工作年度报告", 2019, ""},
		{"from the page's metadata", "当前位置：首页", map[string]string{"ArticleTitle": "某某局2022年政府信息公开工作年度报告", "PubDate": "2023-01-09 10:07"},
			"某某局", "某某局2022年政府信息公开工作年度报告", 2022, "2023-01-09"},
		{"body from the metadata", "2022年政府信息公开工作年度报告", map[string]string{"ContentSource": "某某区人民政府"}, "某某区人民政府", "2022年政府信息公开工作年度报告", 2022, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := readText(t, tt.head+"\n\n一、总体情况\n\n正文。\n")
			doc.Meta = tt.meta
			d, err := Recognize(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			r := d.Report
			if r.Agency.Name != tt.agency || r.Title != tt.title || r.ReportYear != tt.year || r.PublishedOn != tt.published {
				t.Errorf("got %q %q %d %q, want %q %q %d %q", r.Agency.Name, r.Title, r.ReportYear, r.PublishedOn, tt.agency, tt.title, tt.year, tt.published)
			}
			if d.Provenance["agency.name"].Method != LabelMatched || d.Provenance["reportYear"].Method != LabelMatched {
				t.Errorf("provenance %+v %+v", d.Provenance["agency.name"], d.Provenance["reportYear"])
			}
		})
	}
}

func TestVersion(t *testing.T) {
	tests := []struct {
		name, text string
		want       report.Version
		method     Method
	}{
		{"2019 labels", "某局2021年政府信息公开工作年度报告\n一、总体情况\n信息内容\t本年新制作数量\t对外公开总数量\n", report.Trial2019, LabelMatched},
		{"2021 labels", "某局2020年政府信息公开工作年度报告\n一、总体情况\n信息内容\t本年制发件数\t现行有效件数\n", report.Format2021, LabelMatched},
		{"no labels: by the year", "某局2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n", report.Trial2019, Inferred},
		{"no labels: by the year (2021)", "某局2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n", report.Format2021, Inferred},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := recognizeText(t, tt.text)
			if d.Report.FormatVersion != tt.want || d.Provenance["formatVersion"].Method != tt.method {
				t.Errorf("version %s (%+v), want %s by %s", d.Report.FormatVersion, d.Provenance["formatVersion"], tt.want, tt.method)
			}
		})
	}
}

func TestSections(t *testing.T) {
	text := strings.Join([]string{
		"某局2020年政府信息公开工作年度报告",
		"根据《条例》编制本报告。", // preamble
		"一、总体情况", "某局2020年信息公开工作年度报告", "(一) 主动公开情况。全年公开信息10条,较去年增加2条;",
		"二、工作机制保障", "设立领导小组。", // Shanghai's own heading: part of 一
		"二、收到和处理政府信息公开申请情况", "本年新收申请5件。", // misnumbered
		"五、政府信息公开工作存在的主要问题及改进情况", "（一）主要问题", "人员不足，工作有待加强，下一步将采取措施认真加以解决并持续跟踪落实",
		"情况。",
		"六、其他需要报告的事项", "六、其他需要报告的事项", "无。", "某局", "2021年1月28日",
	}, "\n\n")
	d := recognizeText(t, text)
	s := d.Report.Sections
	want := report.Sections{
		Overview:                "（一）主动公开情况。全年公开信息10条，较去年增加2条；\n二、工作机制保障\n设立领导小组。",
		Requests:                "本年新收申请5件。",
		ProblemsAndImprovements: "（一）主要问题\n人员不足，工作有待加强，下一步将采取措施认真加以解决并持续跟踪落实情况。",
		OtherMatters:            "无。",
	}
	if s != want {
		t.Errorf("sections\n got %#v\nwant %#v", s, want)
	}
	for _, snippet := range []string{"标题与“一、总体情况”之间", "重复的报告标题", "出现了不止一次", "署名"} {
		found := false
		for _, f := range d.Findings {
			found = found || f.Rule == RuleText && strings.Contains(f.Message, snippet)
		}
		if !found {
			t.Errorf("no import-text finding about %s: %v", snippet, rules(d))
		}
	}
}

// TestMissingHeading takes the text after 表四 as 五 when its heading is
// lost, and flags it.
func TestMissingHeading(t *testing.T) {
	text := strings.Replace(report2021("", "", ""), "五、存在的主要问题及改进情况\n", "", 1)
	d := recognizeText(t, text)
	if got := d.Report.Sections.ProblemsAndImprovements; got != "本局将继续改进。" {
		t.Errorf("五 = %q", got)
	}
	if f, ok := findingAt(d, RuleLabel, "sections.problemsAndImprovements"); !ok || f.Severity != report.Warning {
		t.Errorf("no finding: %v", rules(d))
	}
}

// TestKeyed reads a filled template whose cells name their contract paths:
// exactly, whatever the labels say.
func TestKeyed(t *testing.T) {
	rows := [][]source.SourceCell{
		{{Text: "标题随便写"}, {Text: "12", Key: "table2.art20_5.licensing.decisions"}},
		{{Text: "规章"}, {Text: "3", Key: "table2.art20_1.regulations.inForce"}},
		{{Text: "名称"}, {Text: "某某局", Key: "agency.name"}},
		{{Text: "年度"}, {Text: "2023", Key: "reportYear"}},
		{{Text: "收费"}, {Text: "", Key: "table2.art20_8.administrativeFees.feeAmountWanYuan"}},
	}
	tb, _ := source.Layout(rows, 1, 64, 1000)
	doc := &source.Document{Kind: source.XLSX, Meta: map[string]string{"nianbao:formatVersion": "2021"},
		Blocks: []source.Block{{Kind: source.TableBlock, Table: tb}}}
	d, err := Recognize(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	r := d.Report
	if r.FormatVersion != report.Format2021 || r.ReportYear != 2023 || r.Agency.Name != "某某局" {
		t.Errorf("metadata %s %d %q", r.FormatVersion, r.ReportYear, r.Agency.Name)
	}
	for path, want := range map[string]string{"table2.art20_5.licensing.decisions": "12", "table2.art20_1.regulations.inForce": "3"} {
		if got := cellOf(d, path); got != want || d.Provenance[path].Method != Exact {
			t.Errorf("%s = %q (%+v), want %s exactly", path, got, d.Provenance[path], want)
		}
	}
	if got := cellOf(d, "table2.art20_1.regulations.issued"); got != "" {
		t.Errorf("an unkeyed cell read from a template: %q", got)
	}
	if _, ok := findingAt(d, RuleMissing, "table2.art20_8.administrativeFees.feeAmountWanYuan"); !ok {
		t.Errorf("a blank keyed cell without a finding: %v", rules(d))
	}
}

func readText(t *testing.T, text string) *source.Document {
	t.Helper()
	doc, err := readDoc(text)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
