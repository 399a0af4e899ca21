package summary

import (
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
)

// total is one cell of the summary while it is added up.
type total struct {
	sum     report.Decimal
	numbers int      // members with a number here
	na      []string // members with "/" here, by name
}

// add sums every member's cells. A cell is the exact sum of the members'
// numbers; members that wrote "/" add nothing and are named; the cell is
// "/" only when every member wrote "/". A sum beyond what the contract
// allows refuses the summary, naming the cell.
func add(l *report.Layout, ms []members.Member) ([]total, error) {
	cells := l.Cells()
	totals := make([]total, len(cells))
	for _, m := range ms {
		if m.Report == nil {
			continue
		}
		for i := range cells {
			c := m.Report.CellAt(i)
			t := &totals[i]
			switch c.State {
			case report.Number:
				t.sum += c.Value
				t.numbers++
				if !inRange(cells[i].Kind, t.sum) {
					return nil, refuse(ReasonOutOfRange, l.Describe(cells[i].Path)+"的合计超出了年报允许的范围，无法汇总")
				}
			case report.NotApplicable:
				t.na = append(t.na, m.Name)
			}
		}
	}
	return totals, nil
}

// inRange reports whether v fits a cell of kind as the decoder reads it.
// Each operand is within range, so a running sum checked at every step
// never overflows int64.
func inRange(kind report.Kind, v report.Decimal) bool {
	if kind == report.Amount {
		_, err := report.ParseDecimal(v.String())
		return err == nil && v >= 0
	}
	limit := report.Int(report.MaxCount)
	return v <= limit && v >= -limit
}

func (t *total) cell() report.Cell {
	switch {
	case t.numbers > 0:
		return report.Cell{State: report.Number, Value: t.sum}
	case len(t.na) > 0:
		return report.Cell{State: report.NotApplicable}
	}
	return report.Cell{} // no member could give this cell: left for the office to fill
}
