package validate

import (
	"fmt"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/shared/report"
)

// identity is one hard identity instance: the sum of got must equal the sum of
// want. target is the derived cell the finding points at.
type identity struct {
	rule    string
	target  string
	got     []string
	want    []string
	message func(got, want string) string
	formula string // the identity in the table's words, for not-assessable findings

	gotCells, wantCells []int // got and want as layout indices, for the hot path
}

func (id identity) operands() []string { return append(append([]string(nil), id.got...), id.want...) }

// identitiesByVersion lists every H1–H4 instance of each layout by rule,
// built once, on first use.
var identitiesByVersion = sync.OnceValue(func() map[report.Version]map[string][]identity {
	m := map[report.Version]map[string][]identity{}
	for _, v := range report.Versions {
		byRule := map[string][]identity{}
		for _, id := range buildIdentities(report.LayoutOf(v)) {
			byRule[id.rule] = append(byRule[id.rule], id)
		}
		m[v] = byRule
	}
	return m
})

func buildIdentities(l *report.Layout) []identity {
	var ids []identity
	t3 := l.Table3
	cols := t3.Columns
	valueCols, totalCol := cols[:len(cols)-1], cols[len(cols)-1]
	row := func(key string) report.Row {
		for _, r := range t3.Rows {
			if r.Key == key {
				return r
			}
		}
		panic("layout lacks table3 row " + key)
	}
	newRec, carried, resTotal, toNext := row("newReceived"), row("carriedOverFromLastYear"), row("results.resultsTotal"), row("carriedToNextYear")
	for _, col := range cols {
		p := func(r report.Row) string { return r.Path() + "." + col.Key }
		colName := col.Name()
		ids = append(ids, identity{
			rule: RuleH1, target: p(toNext),
			got: []string{p(resTotal), p(toNext)}, want: []string{p(newRec), p(carried)},
			message: func(got, want string) string {
				return fmt.Sprintf("表三“%s”列：本年新收与上年结转之和（%s）应等于办理结果总计与结转下年度之和（%s）", colName, want, got)
			},
			formula: "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
		})
		var outcomes []string
		for _, r := range t3.Rows {
			if r.Outcome {
				outcomes = append(outcomes, p(r))
			}
		}
		ids = append(ids, identity{
			rule: RuleH2, target: p(resTotal), got: []string{p(resTotal)}, want: outcomes,
			message: func(got, want string) string {
				return fmt.Sprintf("表三“%s”列：（七）总计填写为 %s，但（一）至（六）各项办理结果之和为 %s", colName, got, want)
			},
			formula: "（七）总计 = （一）至（六）各项办理结果之和",
		})
	}
	for _, r := range t3.Rows {
		var parts []string
		for _, col := range valueCols {
			parts = append(parts, r.Path()+"."+col.Key)
		}
		rowName := r.Short
		ids = append(ids, identity{
			rule: RuleH3, target: r.Path() + "." + totalCol.Key, got: []string{r.Path() + "." + totalCol.Key}, want: parts,
			message: func(got, want string) string {
				return fmt.Sprintf("表三“%s”行：总计填写为 %s，但自然人与法人或其他组织各列之和为 %s", rowName, got, want)
			},
			formula: "总计 = 自然人 + 法人或其他组织各列",
		})
	}
	for _, g := range l.Table4.Groups {
		base := "table4." + g.Key + "."
		var parts []string
		for _, col := range l.Table4.Columns[:len(l.Table4.Columns)-1] {
			parts = append(parts, base+col.Key)
		}
		name := g.Name()
		ids = append(ids, identity{
			rule: RuleH4, target: base + "total", got: []string{base + "total"}, want: parts,
			message: func(got, want string) string {
				return fmt.Sprintf("表四“%s”：总计填写为 %s，但结果维持、结果纠正、其他结果、尚未审结之和为 %s", name, got, want)
			},
			formula: "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
		})
	}
	for i := range ids {
		ids[i].gotCells = indices(l, ids[i].got)
		ids[i].wantCells = indices(l, ids[i].want)
	}
	return ids
}

func indices(l *report.Layout, paths []string) []int {
	out := make([]int, len(paths))
	for i, p := range paths {
		out[i] = mustIndex(l, p)
	}
	return out
}

// identitiesOf returns the check of one of H1–H4. An identity with an Absent
// operand was already reported by the decoder and is skipped; one with a "/"
// operand is not assessable.
func identitiesOf(rule string) func(*checker) {
	return func(c *checker) { c.identities(identitiesByVersion()[c.r.FormatVersion][rule]) }
}

func (c *checker) identities(ids []identity) {
	l := c.r.Layout()
	for _, id := range ids {
		got, gotNA, okGot := c.sumCells(id.gotCells)
		want, wantNA, okWant := c.sumCells(id.wantCells)
		if !okGot || !okWant || (got == want && !gotNA && !wantNA) {
			continue
		}
		related := without(id.operands(), id.target)
		if gotNA || wantNA {
			var names []string
			for _, p := range id.operands() {
				if cell, _ := c.r.Cell(p); cell.State == report.NotApplicable {
					names = append(names, l.Describe(p))
				}
			}
			c.add(report.Finding{Rule: id.rule, Severity: report.NotAssessable, Path: id.target, Related: related,
				Message: fmt.Sprintf("%s填写为“/”，无法核对勾稽关系：%s", strings.Join(names, "、"), id.formula)})
			continue
		}
		c.add(report.Finding{Rule: id.rule, Severity: report.Error, Path: id.target, Related: related,
			Got: got.String(), Want: want.String(), Message: id.message(got.String(), want.String())})
	}
}

// sumCells adds the cells at layout indices; ok is false when one is Absent,
// na is true when one is "/".
func (c *checker) sumCells(cells []int) (total report.Decimal, na, ok bool) {
	for _, i := range cells {
		switch cell := c.r.CellAt(i); cell.State {
		case report.Absent:
			return 0, false, false
		case report.NotApplicable:
			na = true
		default:
			total += cell.Value
		}
	}
	return total, na, true
}

// sum adds the cells at paths; ok is false when one is Absent. na lists the "/" cells.
func (c *checker) sum(paths []string) (total report.Decimal, na []string, ok bool) {
	for _, p := range paths {
		cell, _ := c.r.Cell(p)
		switch cell.State {
		case report.Absent:
			return 0, nil, false
		case report.NotApplicable:
			na = append(na, p)
		default:
			total += cell.Value
		}
	}
	return total, na, true
}

func without(paths []string, drop string) []string {
	out := paths[:0:0]
	for _, p := range paths {
		if p != drop {
			out = append(out, p)
		}
	}
	return out
}
