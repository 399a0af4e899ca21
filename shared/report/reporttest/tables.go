package reporttest

import (
	"math/rand/v2"

	"github.com/nianbao/nianbao/shared/report"
)

// Tables returns base with every table cell drawn by rng the way real
// tables look — mostly zeros, some small counts, a few large ones, amounts
// with decimals, now and then “/” in 表二 — and the totals computed so that
// the identities H1–H4 hold: a valid report no one has typed, for the
// importer's round trips and perturbations.
func Tables(base *report.Report, rng *rand.Rand) *report.Report {
	m := base.Clone()
	l := m.Layout()
	set := func(path string, v report.Decimal) {
		if !m.SetCell(path, report.Cell{State: report.Number, Value: v}) {
			panic("reporttest: the layout lacks " + path)
		}
	}
	for _, st := range l.Table2 {
		for _, it := range st.Rows {
			for _, c := range st.Columns {
				path := "table2." + st.Key + "." + it.Key + "." + c.Key
				switch {
				case rng.IntN(12) == 0:
					m.SetCell(path, report.Cell{State: report.NotApplicable})
				case c.Kind == report.SignedCount:
					set(path, report.Int(int64(rng.IntN(41)-20)))
				case c.Kind == report.Amount:
					set(path, amount(rng))
				default:
					set(path, report.Int(count(rng)))
				}
			}
		}
	}

	// 表三: the outcome rows drawn, （七）总计 their sum (H2); 结转下年度 and
	// 上年结转 drawn, 本年新收 what H1 leaves; each row's 总计 its sum (H3).
	t3 := l.Table3
	values, total := t3.Columns[:len(t3.Columns)-1], t3.Columns[len(t3.Columns)-1]
	cell := func(row, col string) string { return "table3." + row + "." + col }
	for _, c := range values {
		var results int64
		for _, r := range t3.Rows {
			if r.Outcome {
				v := count(rng)
				set(cell(r.Key, c.Key), report.Int(v))
				results += v
			}
		}
		next := count(rng)
		carried := rng.Int64N(results + next + 1)
		set(cell("results.resultsTotal", c.Key), report.Int(results))
		set(cell("carriedToNextYear", c.Key), report.Int(next))
		set(cell("carriedOverFromLastYear", c.Key), report.Int(carried))
		set(cell("newReceived", c.Key), report.Int(results+next-carried))
	}
	for _, r := range t3.Rows {
		var sum report.Decimal
		for _, c := range values {
			v, _ := m.Cell(cell(r.Key, c.Key))
			sum += v.Value
		}
		set(cell(r.Key, total.Key), sum)
	}

	// 表四: four outcomes drawn, 总计 their sum (H4).
	t4 := l.Table4
	for _, g := range t4.Groups {
		var sum int64
		for _, c := range t4.Columns[:len(t4.Columns)-1] {
			v := count(rng) % 50
			set("table4."+g.Key+"."+c.Key, report.Int(v))
			sum += v
		}
		set("table4."+g.Key+"."+t4.Columns[len(t4.Columns)-1].Key, report.Int(sum))
	}

	return m
}

// count draws a count as tables have them: 70 % zero, then small, tens,
// hundreds, a few thousands.
func count(rng *rand.Rand) int64 {
	switch p := rng.IntN(100); {
	case p < 70:
		return 0
	case p < 90:
		return 1 + rng.Int64N(9)
	case p < 98:
		return 10 + rng.Int64N(90)
	default:
		return 100 + rng.Int64N(5000)
	}
}

// amount draws an amount in 万元 with zero to four decimals.
func amount(rng *rand.Rand) report.Decimal {
	whole := rng.Int64N(20_000)
	frac := [...]int64{1, 10, 100, 1000, 10000}[rng.IntN(5)]
	return report.Int(whole) + report.Decimal(rng.Int64N(frac)*int64(report.Unit)/frac)
}
