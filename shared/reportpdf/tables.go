package reportpdf

import (
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
)

// table3Corner is 表三's top-left note, stating identity H1 in the format's words.
const table3Corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// table2Units is the grid of 表二's value area: every sub-table's value columns
// share it evenly (3 columns span 2 units each, 2 span 3, 1 spans all 6), as
// the published tables draw （八） and （九）.
const table2Units = 6

// table2 draws each 第二十条 sub-table with its caption and header.
func table2(r *report.Report, l *report.Layout) []render.Table {
	var out []render.Table
	for _, st := range l.Table2 {
		span := table2Units / len(st.Columns)
		header := []render.Cell{{Text: "信息内容"}}
		for _, c := range st.Columns {
			header = append(header, render.Cell{Text: c.Label, ColSpan: span})
		}
		t := render.Table{
			Widths: []float64{3.2, 1, 1, 1, 1, 1, 1},
			Header: [][]render.Cell{{{Text: st.Caption, ColSpan: 1 + table2Units}}, header},
		}
		for _, row := range st.Rows {
			cells := []render.Cell{{Text: row.Label, RowHeader: true}}
			for _, c := range st.Columns {
				cells = append(cells, render.Cell{Text: value(r, "table2."+st.Key+"."+row.Key+"."+c.Key), ColSpan: span})
			}
			t.Body = append(t.Body, cells)
		}
		out = append(out, t)
	}
	return out
}

// table3 draws 表三: the corner note over three label columns, the applicant
// header, and rows whose labels merge where the format merges them (三、本年度
// 办理结果 down the whole results block, （三）（四）（五）（六） down their items).
func table3(r *report.Report, l *report.Layout) render.Table {
	t3 := l.Table3
	t := render.Table{
		Widths: []float64{1.3, 2.4, 4.6, 1, 1, 1, 1, 1, 1, 1},
		Header: [][]render.Cell{
			{{Text: table3Corner, ColSpan: 3, RowSpan: 3, Align: render.AlignLeft}, {Text: "申请人情况", ColSpan: 7}},
			{{Text: "自然人", RowSpan: 2}, {Text: "法人或其他组织", ColSpan: 5}, {Text: "总计", RowSpan: 2}},
		},
	}
	var sub []render.Cell
	for _, c := range t3.Columns {
		if c.Group != "" {
			sub = append(sub, render.Cell{Text: c.Label})
		}
	}
	t.Header = append(t.Header, sub)
	rows := t3.Rows
	for i, row := range rows {
		var cells []render.Cell
		switch {
		case row.Level2 == "":
			cells = append(cells, render.Cell{Text: row.Level1, ColSpan: 3, Align: render.AlignLeft, RowHeader: true})
		default:
			if i == 0 || rows[i-1].Level1 != row.Level1 {
				cells = append(cells, render.Cell{Text: row.Level1, RowSpan: run(rows, i, func(r report.Row) string { return r.Level1 }), RowHeader: true})
			}
			if row.Level3 == "" {
				cells = append(cells, render.Cell{Text: row.Level2, ColSpan: 2, Align: render.AlignLeft, RowHeader: true})
				break
			}
			if rows[i-1].Level2 != row.Level2 {
				cells = append(cells, render.Cell{Text: row.Level2, RowSpan: run(rows, i, func(r report.Row) string { return r.Level2 }), RowHeader: true})
			}
			cells = append(cells, render.Cell{Text: row.Level3, Align: render.AlignLeft, RowHeader: true})
		}
		for _, c := range t3.Columns {
			cells = append(cells, render.Cell{Text: value(r, row.Path()+"."+c.Key)})
		}
		t.Body = append(t.Body, cells)
	}
	return t
}

// run counts the rows from i on that share label(rows[i]).
func run(rows []report.Row, i int, label func(report.Row) string) int {
	n := 1
	for i+n < len(rows) && label(rows[i+n]) == label(rows[i]) {
		n++
	}
	return n
}

// table4 draws 表四: 行政复议 and the two 行政诉讼 groups under a three-level header.
func table4(r *report.Report, l *report.Layout) render.Table {
	t4 := l.Table4
	t := render.Table{Widths: make([]float64, 0, 15)}
	top := []render.Cell{}
	mid := []render.Cell{}
	var bottom, body []render.Cell
	for gi, g := range t4.Groups {
		if g.Group == "" {
			top = append(top, render.Cell{Text: g.Label, ColSpan: len(t4.Columns)})
			for _, c := range t4.Columns {
				mid = append(mid, render.Cell{Text: c.Label, RowSpan: 2})
			}
		} else {
			if gi == 0 || t4.Groups[gi-1].Group != g.Group {
				n := 0
				for _, other := range t4.Groups {
					if other.Group == g.Group {
						n += len(t4.Columns)
					}
				}
				top = append(top, render.Cell{Text: g.Group, ColSpan: n})
			}
			mid = append(mid, render.Cell{Text: g.Label, ColSpan: len(t4.Columns)})
			for _, c := range t4.Columns {
				bottom = append(bottom, render.Cell{Text: c.Label})
			}
		}
		for _, c := range t4.Columns {
			body = append(body, render.Cell{Text: value(r, "table4."+g.Key+"."+c.Key)})
			t.Widths = append(t.Widths, 1)
		}
	}
	t.Header = [][]render.Cell{top, mid, bottom}
	t.Body = [][]render.Cell{body}
	return t
}
