package summary

import (
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// Paths of the figures the overview states.
const (
	pathNew         = "table3.newReceived.total"
	pathCarried     = "table3.carriedOverFromLastYear.total"
	pathDone        = "table3.results.resultsTotal.total"
	pathGranted     = "table3.results.granted.total"
	pathPartial     = "table3.results.partiallyGranted.total"
	pathToNext      = "table3.carriedToNextYear.total"
	pathReconsider  = "table4.reconsideration"
	pathLitigation  = "table4.litigationDirect"
	pathLitigation2 = "table4.litigationAfterReconsideration"
)

// overview drafts 一、总体情况 from the summed tables: the year's main
// figures, in sentences the prose checks (S4) read back against the tables.
// A figure whose cell is "/" is left out rather than guessed.
func overview(r *report.Report, filed, missing int) string {
	num := func(path string) (report.Decimal, bool) {
		c, ok := r.Cell(path)
		return c.Value, ok && c.State == report.Number
	}
	var b strings.Builder
	b.WriteString(itoa(r.ReportYear) + "年，本地区纳入汇总的 " + itoa(filed) + " 个机关报送了政府信息公开工作年度报告")
	if missing > 0 {
		b.WriteString("（另有 " + itoa(missing) + " 个机关尚未报送，未计入）")
	}
	b.WriteString("，以下数字为各机关年报的合计。")
	var clauses []string
	if v, ok := num(pathNew); ok {
		clauses = append(clauses, "全年新收政府信息公开申请"+v.String()+"件")
	}
	if v, ok := num(pathCarried); ok {
		clauses = append(clauses, "上年结转政府信息公开申请"+v.String()+"件")
	}
	if len(clauses) > 0 {
		b.WriteString(strings.Join(clauses, "，") + "。")
	}
	if done, ok := num(pathDone); ok {
		b.WriteString("办结" + done.String() + "件")
		if g, ok := num(pathGranted); ok {
			b.WriteString("，其中予以公开" + g.String() + "件，予以公开比例为" + percent(g, done))
			if p, ok := num(pathPartial); ok {
				b.WriteString("；部分公开" + p.String() + "件，予以公开和部分公开合计占" + percent(g+p, done))
			}
		}
		b.WriteString("。")
	}
	if v, ok := num(pathToNext); ok {
		b.WriteString("结转下年度继续办理" + v.String() + "件。")
	}
	b.WriteString(reviewSentence(num))
	return b.String()
}

// reviewSentence states 表四: cases, and those corrected among the decided
// ones (被纠错率 = 结果纠正 ÷ (结果维持 + 结果纠正 + 其他结果)).
func reviewSentence(num func(string) (report.Decimal, bool)) string {
	var total, corrected, decided report.Decimal
	groups := []string{pathReconsider, pathLitigation, pathLitigation2}
	var counts [3]report.Decimal
	for i, g := range groups {
		t, ok1 := num(g + ".total")
		c, ok2 := num(g + ".corrected")
		u, ok3 := num(g + ".upheld")
		o, ok4 := num(g + ".otherOutcome")
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return ""
		}
		counts[i] = t
		total += t
		corrected += c
		decided += u + c + o
	}
	s := "因政府信息公开工作被申请行政复议" + counts[0].String() + "件，被提起行政诉讼" + (counts[1] + counts[2]).String() + "件。"
	if total == 0 {
		return s
	}
	s += "已审结的复议和诉讼案件中被纠错" + corrected.String() + "件"
	if decided > 0 {
		s += "，被纠错率为" + percent(corrected, decided)
	}
	return s + "。"
}

// percent formats part ÷ whole as a percentage with one decimal, rounded
// half up in exact integer arithmetic: 62.5%. A zero whole gives "—".
func percent(part, whole report.Decimal) string {
	if whole <= 0 {
		return "—"
	}
	tenths := (int64(part)*1000 + int64(whole)/2) / int64(whole)
	return itoa(int(tenths/10)) + "." + itoa(int(tenths%10)) + "%"
}
