package validate

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

const (
	procurementKeyword = "集中采购"
	procurementCount   = "table2.art20_9.centralizedProcurement.procurementProjectCount"
	procurementAmount  = "table2.art20_9.centralizedProcurement.procurementTotalAmount"
)

// procurement is S10 (2019 format, 表二（九）): no projects means no amount,
// and the prose's figures — 政府集中采购2项，共计金额768万元 — agree with the table.
func (c *checker) procurement() {
	if c.r.FormatVersion != report.Trial2019 {
		return
	}
	count, amount := c.number(procurementCount), c.number(procurementAmount)
	if count.State == report.Number && amount.State == report.Number && count.Value == 0 && amount.Value != 0 {
		c.add(report.Finding{Rule: RuleS10, Severity: report.Warning, Path: procurementAmount,
			Related: []string{procurementCount}, Got: amount.Value.String(), Want: "0",
			Message: fmt.Sprintf("政府集中采购项目数量为 0，采购总金额却为 %s 万元", amount.Value)})
	}
	l := c.r.Layout()
	for _, f := range report.TextFields {
		if !f.Multiline {
			continue
		}
		text := f.Get(c.r)
		for at := 0; ; {
			i := strings.Index(text[at:], procurementKeyword)
			if i < 0 {
				break
			}
			pos := at + i
			at = pos + len(procurementKeyword)
			cl, ok := claimAt(text, pos, len(procurementKeyword), []string{"项", "个"}, scanOf().all)
			if !ok {
				continue
			}
			c.checkClaim(RuleS10, f, cl, []target{cellTarget(l, procurementCount)})
			c.procurementAmountClaim(cl, f)
		}
	}
}

// procurementAmountClaim checks the amount that follows a project count in
// the same clause: 共计金额768万元, or in 元 when it converts exactly.
func (c *checker) procurementAmountClaim(cl claim, f report.TextField) {
	a, ok := claimAt(cl.rest, 0, 0, []string{"万元", "元"}, nil)
	if !ok {
		return
	}
	if a.unit == "元" {
		if a.value%10_000 != 0 {
			return // finer than 10^-6 万元 cannot be compared exactly
		}
		a.value /= 10_000
	}
	a.excerpt = cl.excerpt + a.excerpt
	c.checkClaim(RuleS10, f, a, []target{cellTarget(c.r.Layout(), procurementAmount)})
}
