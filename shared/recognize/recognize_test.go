package recognize

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

func TestWholeReport(t *testing.T) {
	d := recognizeText(t, report2021("", "", ""))
	r := d.Report
	if r.FormatVersion != report.Format2021 || r.ReportYear != 2023 || r.Agency.Name != "某某市自然资源和规划局" {
		t.Errorf("metadata %s %d %q", r.FormatVersion, r.ReportYear, r.Agency.Name)
	}
	for path, want := range map[string]string{
		"table2.art20_1.normativeDocuments":     "5 3 27",
		"table2.art20_8.administrativeFees":     "326.58",
		"table3.newReceived":                    "21 0 0 0 0 0 21",
		"table3.results.otherHandling.other":    "1 0 0 0 0 0 1",
		"table4.litigationDirect":               "2 0 0 1 3",
		"table4.litigationAfterReconsideration": "1 0 0 0 1",
	} {
		if got := row(d, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	for _, f := range d.Findings {
		if f.Severity == report.Error {
			t.Errorf("unexpected error %s %s: %s", f.Rule, f.Path, f.Message)
		}
	}
	if p := d.Provenance["table3.newReceived.total"]; p.Method != LabelMatched || p.Text != "21" || !strings.Contains(p.Source, "行") {
		t.Errorf("provenance %+v", p)
	}
	if got := r.Sections.Overview; got != "本年度本局认真贯彻条例。" {
		t.Errorf("overview %q", got)
	}
}

// TestLabelVariants renames one row of 表三 the ways real reports print it.
func TestLabelVariants(t *testing.T) {
	tests := []struct {
		name, key, label string
		flagged          bool // an import-label warning names the row
	}{
		{"typo", "results.refused.prohibitedByLaw", "（三）不予公开\t2.其他法律行政止公开", true},
		{"numbering 1、", "results.refused.stateSecret", "（三）不予公开\t1、属于国家秘密", false},
		{"numbering （1）", "results.refused.stateSecret", "（三）不予公开\t（1）属于国家秘密", false},
		{"numbering (1) half-width", "results.refused.stateSecret", "(三)不予公开\t(1)属于国家秘密", false},
		{"no numbering", "results.refused.stateSecret", "不予公开\t属于国家秘密", false},
		{"spaces inside", "results.unableToProvide.notHeld", "（四）无法 提供\t1.本机关不 掌握相关政府 信息", false},
		{"note left out", "results.partiallyGranted", "（二）部分公开", false},
		{"note on its own cell", "results.partiallyGranted", "（二）部分公开\t（区分处理的,只计这一情形,不计其他情形）", false},
		{"straight quotes", "results.refused.securityStability", "\t3.危及\"三安全一稳定\"", false},
		{"abbreviation", "results.otherHandling.overdueFee", "（六）其他处理\t2.逾期不缴费", true},
		{"fragment of a wrapped label", "results.otherHandling.overdueFee", "缴纳费用、行政机关不再处理其政", true},
		{"label split over two cells", "newReceived", "一、本年新收\t政府信息公开申请数量", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := recognizeText(t, report2021("", table3Rows(report.Format2021, map[string]string{tt.key: tt.label}), ""))
			want := "1 0 0 0 0 0 1"
			if tt.key == "newReceived" {
				want = "21 0 0 0 0 0 21"
			}
			path := "table3." + tt.key
			if got := row(d, path); got != want {
				t.Errorf("%s = %s, want %s; findings %v", path, got, want, rules(d))
			}
			if _, ok := findingAt(d, RuleLabel, path+".naturalPerson"); ok != tt.flagged {
				t.Errorf("import-label at %s: %v, want %v", path, ok, tt.flagged)
			}
		})
	}
}

func TestTable2Variants(t *testing.T) {
	t2 := "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\n规范性文件\t4\t5\t6\n" +
		"第二十条第（五）项\n信息内容\t上一年项目数量\t本年増/减\t处理决定数量\n行政许可\t7\t-2\t268\n其他对外管理服务事项\t0\t+3\t0\n" +
		"行政处罚\t5\t0\t3\n行政强制\t0\t0\t0\n第二十条第（八）项\n信息内容\t上一年项目数量\t本年增/减量\n行政事业性收费\t0\t0\n" +
		"第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t2个\t251000元\n"
	text := strings.Replace(report2021(t2, table3Rows(report.Trial2019, nil), ""), "2023年", "2020年", 1)
	d := recognizeText(t, text)
	if d.Report.FormatVersion != report.Trial2019 {
		t.Fatalf("version %s", d.Report.FormatVersion)
	}
	for path, want := range map[string]string{
		"table2.art20_1.normativeDocuments":     "4 5 6",
		"table2.art20_5.licensing":              "7 -2 268",
		"table2.art20_5.otherExternalServices":  "0 3 0",
		"table2.art20_6.penalty":                "5 0 3", // under （五）'s caption: rows are found by their own label
		"table2.art20_9.centralizedProcurement": "2 25.1",
	} {
		if got := row(d, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	const amount = "table2.art20_9.centralizedProcurement.procurementTotalAmount"
	if f, ok := findingAt(d, RuleUnit, amount); !ok || f.Got != "251000元" {
		t.Errorf("no import-unit finding at %s: %v", amount, rules(d))
	}
	if p := d.Provenance[amount]; p.Method != Converted {
		t.Errorf("provenance %+v", p)
	}
}

func TestAmounts(t *testing.T) {
	tests := []struct {
		cell, want string
		unit       bool
	}{
		{"326.58", "326.58", false},
		{"326.58万元", "326.58", false},
		{"3265800元", "326.58", true},
		{"1,234.5元", "0.12345", true},
		{"0.5亿元", "5000", true},
		{"/", "/", false},
		{"1.2345678元", "", false}, // finer than the contract's six decimals of 万元: not read
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			t2 := "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t" + tt.cell + "\n"
			d := recognizeText(t, report2021(t2, "", ""))
			const path = "table2.art20_8.administrativeFees.feeAmountWanYuan"
			if got := cellOf(d, path); got != tt.want {
				t.Errorf("%s read as %q, want %q", tt.cell, got, tt.want)
			}
			if _, ok := findingAt(d, RuleUnit, path); ok != tt.unit {
				t.Errorf("import-unit %v, want %v", ok, tt.unit)
			}
			if tt.want == "" {
				if _, ok := findingAt(d, RuleMissing, path); !ok {
					t.Errorf("an unreadable amount without a finding: %v", rules(d))
				}
			}
		})
	}
}

func TestAnnotation(t *testing.T) {
	t2 := "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t22（其中修订 16 件）\t55（含自然失效29件）\t235\n"
	d := recognizeText(t, report2021(t2, "", ""))
	if got := row(d, "table2.art20_1.regulations"); got != "22 55 235" {
		t.Errorf("regulations = %s", got)
	}
	if f, ok := findingAt(d, RuleAnnotation, "table2.art20_1.regulations.issued"); !ok || !strings.Contains(f.Message, "其中修订 16 件") {
		t.Errorf("annotation finding %+v %v", f, ok)
	}
}

// TestMarkers keeps “/” as not applicable and never reads a dash or 无 as 0.
func TestMarkers(t *testing.T) {
	t2 := "第二十条第（六）项\n行政处罚\t/\n行政强制\t—\n"
	d := recognizeText(t, report2021(t2, "", ""))
	if got := cellOf(d, "table2.art20_6.penalty.decisions"); got != "/" {
		t.Errorf("penalty = %q, want /", got)
	}
	if got := cellOf(d, "table2.art20_6.coercion.decisions"); got != "" {
		t.Errorf("coercion = %q, want unset", got)
	}
	if f, ok := findingAt(d, RuleMissing, "table2.art20_6.coercion.decisions"); !ok || !strings.Contains(f.Message, "—") {
		t.Errorf("no finding saying what was printed: %v", rules(d))
	}
}

func TestTable4Shapes(t *testing.T) {
	tests := []struct{ name, t4 string }{
		{"one row of 15", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n2 1 1 1 5 2 0 0 1 3 1 0 0 0 1\n"},
		{"fifteen digits run together", "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计211152001310001\n"},
		{"three rows by label", "行政复议\t2\t1\t1\t1\t5\n未经复议直接起诉\t2\t0\t0\t1\t3\n复议后起诉\t1\t0\t0\t0\t1\n"},
		{"three small tables under headings", "### 行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 2 | 1 | 1 | 1 | 5 |\n" +
			"### 行政诉讼（未经复议直接起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 2 | 0 | 0 | 1 | 3 |\n" +
			"### 行政诉讼（复议后起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 1 | 0 | 0 | 0 | 1 |\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := recognizeText(t, report2021("", "", tt.t4))
			got := row(d, "table4.reconsideration") + " | " + row(d, "table4.litigationDirect") + " | " + row(d, "table4.litigationAfterReconsideration")
			if want := "2 1 1 1 5 | 2 0 0 1 3 | 1 0 0 0 1"; got != want {
				t.Errorf("表四 = %s, want %s; %v", got, want, rules(d))
			}
		})
	}
}

// TestLostLabel places rows whose label OCR lost by their position between
// rows found, and flags them.
func TestLostLabel(t *testing.T) {
	t3 := table3Rows(report.Format2021, map[string]string{"carriedOverFromLastYear": "", "results.notProcessed.confirmOrReissue": ""})
	d := recognizeText(t, report2021("", t3, ""))
	for _, path := range []string{"table3.carriedOverFromLastYear", "table3.results.notProcessed.confirmOrReissue"} {
		want := "1 0 0 0 0 0 1"
		if path == "table3.carriedOverFromLastYear" {
			want = "0 0 0 0 0 0 0"
		}
		if got := row(d, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
		if _, ok := findingAt(d, RuleLabel, path+".naturalPerson"); !ok {
			t.Errorf("%s placed by position without a finding", path)
		}
		if p := d.Provenance[path+".total"]; p.Method != ByPosition {
			t.Errorf("%s provenance %+v", path, p)
		}
	}
	// Two lines without labels where one row lacks its label: nothing is
	// placed.
	t3 = strings.Replace(t3, "1.信访举报投诉类申请", "", 1) + "0\t0\t0\t0\t0\t0\t0\n"
	t3 = table3Rows(report.Format2021, map[string]string{"results.notProcessed.petitionComplaint": "", "results.notProcessed.repeated": "（五）不予处理\t2.重复申请"})
	t3 = strings.Replace(t3, "（五）不予处理\t2.重复申请", "0\t0\t0\t0\t0\t0\t0\n（五）不予处理\t2.重复申请", 1)
	d = recognizeText(t, report2021("", t3, ""))
	if got := row(d, "table3.results.notProcessed.petitionComplaint"); got != "_ _ _ _ _ _ _" {
		t.Errorf("a row placed among two candidate lines: %s", got)
	}
	if _, ok := findingAt(d, RuleMissing, "table3.results.notProcessed.petitionComplaint.naturalPerson"); !ok {
		t.Errorf("no finding: %v", rules(d))
	}
}

// TestOtherHandling2019Style reads a 2021 table that prints （六）其他处理 as
// one row, as the 2019 format does: zeros decide the three rows, other
// values leave them to a person.
func TestOtherHandling2019Style(t *testing.T) {
	subRows := []string{"results.otherHandling.overdueSupplement", "results.otherHandling.overdueFee", "results.otherHandling.other"}
	for _, tt := range []struct {
		zero         bool // the three rows hold nothing
		values, want string
	}{
		{true, "0\t0\t0\t0\t0\t0\t0", "0 0 0 0 0 0 0"},
		{false, "3\t0\t0\t0\t0\t0\t3", "_ 0 0 0 0 0 _"},
	} {
		var zero []string
		if tt.zero {
			zero = subRows
		}
		var kept []string
		for _, l := range strings.Split(table3Rows(report.Format2021, nil, zero...), "\n") {
			if !strings.HasPrefix(l, "（六）其他处理") {
				kept = append(kept, l)
			}
		}
		t3 := strings.Replace(strings.Join(kept, "\n"), "（七）总计", "（六）其他处理\t"+tt.values+"\n（七）总计", 1)
		d := recognizeText(t, report2021("", t3, ""))
		for _, key := range subRows {
			if got := row(d, "table3."+key); got != tt.want {
				t.Errorf("%s with （六） printed as one row %q = %s, want %s", key, tt.values, got, tt.want)
			}
		}
		if _, ok := findingAt(d, RuleLabel, "table3.results.otherHandling.overdueSupplement.naturalPerson"); !ok {
			t.Errorf("no finding for the 2019-style row: %v", rules(d))
		}
	}
}

// TestSplitTable3 reads 表三 printed as one small table per group with
// placeholder headers.
func TestSplitTable3(t *testing.T) {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(table3Rows(report.Format2021, nil)), "\n") {
		f := strings.Split(l, "\t")
		label := strings.Join(f[:len(f)-7], " ")
		b.WriteString("### " + label + "\n| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n")
		b.WriteString("| " + label + " | " + strings.Join(f[len(f)-7:], " | ") + " |\n\n")
	}
	d := recognizeText(t, report2021("", b.String(), ""))
	for _, path := range []string{"table3.newReceived", "table3.results.refused.stateSecret", "table3.results.resultsTotal"} {
		want := "1 0 0 0 0 0 1"
		if path != "table3.results.refused.stateSecret" {
			want = "21 0 0 0 0 0 21"
		}
		if got := row(d, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

func TestNotAReport(t *testing.T) {
	doc := &source.Document{Kind: source.Text, Blocks: []source.Block{{Kind: source.Paragraph, Text: "会议通知：请各单位于周五下午参加培训。"}}}
	_, err := Recognize(context.Background(), doc)
	var r *source.RefusedError
	if !errors.As(err, &r) || r.Code != source.NotReport {
		t.Fatalf("Recognize = %v, want refusal %s", err, source.NotReport)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := &source.Document{Kind: source.Text, Blocks: []source.Block{{Kind: source.Paragraph, Text: "一、总体情况"}}}
	if _, err := Recognize(ctx, doc); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}
