package validate

import (
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
)

// carryOver is S1: each column's 上年结转 equals the previous year's
// 结转下年度继续办理. A previous report of another agency or year makes the
// check not assessable, and says so once.
func (c *checker) carryOver() {
	prev, r := c.opts.Previous, c.r
	if prev == nil || prev.Layout() == nil {
		return
	}
	if !c.isPredecessor(prev) {
		c.add(report.Finding{Rule: RuleS1, Severity: report.NotAssessable, Path: "reportYear",
			Got:  fmt.Sprintf("%s %d", prev.Agency.CreditCode, prev.ReportYear),
			Want: fmt.Sprintf("%s %d", r.Agency.CreditCode, r.ReportYear-1),
			Message: fmt.Sprintf("所附上年报告（%s %d 年度）不是本机关 %d 年度的报告，无法核对跨年数据",
				prev.Agency.Name, prev.ReportYear, r.ReportYear-1)})
		return
	}
	for _, col := range r.Layout().Table3.Columns {
		cur := "table3.carriedOverFromLastYear." + col.Key
		old := "table3.carriedToNextYear." + col.Key
		a, _ := r.Cell(cur)
		b, _ := prev.Cell(old)
		if a.State == report.Number && b.State == report.Number && a.Value != b.Value {
			c.add(report.Finding{Rule: RuleS1, Severity: report.Warning, Path: cur, Got: a.Value.String(), Want: b.Value.String(),
				Message: fmt.Sprintf("表三“%s”列：二、上年结转（%s）应等于上年报告的四、结转下年度继续办理（%s）", col.Name(), a.Value, b.Value)})
		}
	}
}

// itemsChain is S3, the 2019 items chain: this year's 上一年项目数量 equals
// last year's plus last year's 本年增/减, for each row of 表二 that has both.
func (c *checker) itemsChain() {
	prev, r := c.opts.Previous, c.r
	if prev == nil || r.FormatVersion != report.Trial2019 || prev.FormatVersion != report.Trial2019 || !c.isPredecessor(prev) {
		return // S1 reports a mismatched previous report
	}
	for _, st := range r.Layout().Table2 {
		if len(st.Columns) < 2 || st.Columns[1].Key != "itemCountChange" {
			continue
		}
		for _, row := range st.Rows {
			base := "table2." + st.Key + "." + row.Key + "."
			now, _ := r.Cell(base + "prevYearItemCount")
			was, _ := prev.Cell(base + "prevYearItemCount")
			change, _ := prev.Cell(base + "itemCountChange")
			if now.State != report.Number || was.State != report.Number || change.State != report.Number {
				continue
			}
			if want := was.Value + change.Value; now.Value != want {
				c.add(report.Finding{Rule: RuleS3, Severity: report.Warning, Path: base + "prevYearItemCount", Got: now.Value.String(), Want: want.String(),
					Message: fmt.Sprintf("%s：上一年项目数量（%s）应等于上年报告的上一年项目数量加本年增/减（%s %+d = %s）",
						st.Caption+" "+row.Label, now.Value, was.Value, change.Value/report.Unit, want)})
			}
		}
	}
}

// isPredecessor reports whether prev is the same agency's report for the year before.
func (c *checker) isPredecessor(prev *report.Report) bool {
	return prev.ReportYear == c.r.ReportYear-1 && prev.Agency.CreditCode == c.r.Agency.CreditCode
}
