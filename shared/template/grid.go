package template

import (
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
)

// cell is one cell of a template's table at its grid position (0-based).
type cell struct {
	Row, Col, RowSpan, ColSpan int
	Text                       string // a label
	Path                       string // a value cell's contract path
	Kind                       report.Kind
	Field                      bool     // a text field (agency, year, a section), not a table cell
	Sum                        []string // a 总计 cell: the paths it adds up
	Wide                       bool     // a long label or a section's text: left-aligned, wrapped
}

// table is one of a template's tables.
type table struct {
	Name   string    // the sheet's name in the workbook
	Widths []float64 // column widths, in characters
	Cells  []cell
}

// grid adds cells row by row the way the format draws them: each cell takes
// the next column of its row that no cell above covers.
type grid struct {
	t    table
	row  int
	col  int
	used map[[2]int]bool
}

func newGrid(name string, widths ...float64) *grid {
	return &grid{t: table{Name: name, Widths: widths}, used: map[[2]int]bool{}}
}

func (g *grid) next() {
	g.row++
	g.col = 0
}

func (g *grid) add(c cell) {
	for g.used[[2]int{g.row, g.col}] {
		g.col++
	}
	c.Row, c.Col = g.row, g.col
	c.RowSpan, c.ColSpan = max(c.RowSpan, 1), max(c.ColSpan, 1)
	for r := range c.RowSpan {
		for k := range c.ColSpan {
			g.used[[2]int{g.row + r, g.col + k}] = true
		}
	}
	g.col += c.ColSpan
	g.t.Cells = append(g.t.Cells, c)
}

func label(text string, rs, cs int) cell { return cell{Text: text, RowSpan: rs, ColSpan: cs} }

func value(path string, kind report.Kind, cs int) cell {
	return cell{Path: path, Kind: kind, ColSpan: cs}
}

// fields is the table of the report's own fields.
func fields() table {
	g := newGrid("基本信息", 22, 48)
	for _, f := range []struct{ label, path string }{
		{"行政机关名称", "agency.name"},
		{"统一社会信用代码", "agency.creditCode"},
		{"行政区划（可不填）", "agency.region"},
		{"报告年度", "reportYear"},
		{"报告标题（可不填）", "title"},
		{"发布日期（可不填，如 2024-01-26）", "publishedOn"},
	} {
		g.add(label(f.label, 1, 1))
		g.add(cell{Path: f.path, Field: true})
		g.next()
	}
	return g.t
}

// sections is the table of the six sections' prose (the workbook's 正文 sheet).
func sections() table {
	g := newGrid("正文", 36, 100)
	for i, f := range sectionFields() {
		g.add(label(report.SectionHeadings[i], 1, 1))
		g.add(cell{Path: f.Path, Field: true, Wide: true})
		g.next()
	}
	return g.t
}

// sectionFields are the six sections' text fields, in heading order.
func sectionFields() []report.TextField {
	var out []report.TextField
	for _, f := range report.TextFields {
		if len(f.Path) > len("sections.") && f.Path[:len("sections.")] == "sections." {
			out = append(out, f)
		}
	}
	return out
}

// table2Units is the width of 表二's value area: each sub-table's columns
// share it evenly, as the published tables draw them.
const table2Units = 6

// table2 stacks 表二's sub-tables as one table, each under its caption.
func table2(l *report.Layout) table {
	g := newGrid("表二", 30, 8, 8, 8, 8, 8, 8)
	for _, st := range l.Table2 {
		span := table2Units / len(st.Columns)
		g.add(label(st.Caption, 1, 1+table2Units))
		g.next()
		g.add(label("信息内容", 1, 1))
		for _, c := range st.Columns {
			g.add(label(c.Label, 1, span))
		}
		g.next()
		for _, row := range st.Rows {
			g.add(label(row.Label, 1, 1))
			for _, c := range st.Columns {
				g.add(value("table2."+st.Key+"."+row.Key+"."+c.Key, c.Kind, span))
			}
			g.next()
		}
	}
	return g.t
}

// table3Corner is 表三's top-left note, stating the table's own identity.
const table3Corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// table3 draws 表三: the corner note over three label columns, the applicant
// header, and rows whose labels merge where the format merges them.
func table3(l *report.Layout) table {
	t3 := l.Table3
	g := newGrid("表三", 8, 14, 34)
	for range t3.Columns {
		g.t.Widths = append(g.t.Widths, 9)
	}
	groups := 0
	for _, c := range t3.Columns {
		if c.Group != "" {
			groups++
		}
	}
	g.add(cell{Text: table3Corner, RowSpan: 3, ColSpan: 3, Wide: true})
	g.add(label("申请人情况", 1, len(t3.Columns)))
	g.next()
	for i, c := range t3.Columns {
		switch {
		case c.Group == "":
			g.add(label(c.Label, 2, 1))
		case i == 0 || t3.Columns[i-1].Group != c.Group:
			g.add(label(c.Group, 1, groups))
		}
	}
	g.next()
	for _, c := range t3.Columns {
		if c.Group != "" {
			g.add(label(c.Label, 1, 1))
		}
	}
	g.next()
	rows := t3.Rows
	var outcomes []string
	for _, row := range rows {
		if row.Outcome {
			outcomes = append(outcomes, row.Path())
		}
	}
	for i, row := range rows {
		switch {
		case row.Level2 == "":
			g.add(cell{Text: row.Level1, ColSpan: 3, Wide: true})
		default:
			if i == 0 || rows[i-1].Level1 != row.Level1 {
				g.add(label(row.Level1, run(rows, i, func(r report.Row) string { return r.Level1 }), 1))
			}
			if row.Level3 == "" {
				g.add(cell{Text: row.Level2, ColSpan: 2, Wide: true})
				break
			}
			if rows[i-1].Level2 != row.Level2 {
				g.add(label(row.Level2, run(rows, i, func(r report.Row) string { return r.Level2 }), 1))
			}
			g.add(cell{Text: row.Level3, Wide: true})
		}
		for _, c := range t3.Columns {
			v := value(row.Path()+"."+c.Key, c.Kind, 1)
			switch {
			case c.Key == "total": // the row's applicant columns
				for _, o := range t3.Columns {
					if o.Key != "total" {
						v.Sum = append(v.Sum, row.Path()+"."+o.Key)
					}
				}
			case row.Key == "results.resultsTotal": // the column's outcome rows
				for _, o := range outcomes {
					v.Sum = append(v.Sum, o+"."+c.Key)
				}
			}
			g.add(v)
		}
		g.next()
	}
	return g.t
}

// run counts the rows from i on that share label(rows[i]).
func run(rows []report.Row, i int, label func(report.Row) string) int {
	n := 1
	for i+n < len(rows) && label(rows[i+n]) == label(rows[i]) {
		n++
	}
	return n
}

// table4 draws 表四: 行政复议 and the two 行政诉讼 groups under a three-level
// header, the values in one row.
func table4(l *report.Layout) table {
	t4 := l.Table4
	g := newGrid("表四")
	n := len(t4.Columns)
	for gi, grp := range t4.Groups {
		switch {
		case grp.Group == "":
			g.add(label(grp.Label, 1, n))
		case gi == 0 || t4.Groups[gi-1].Group != grp.Group:
			k := 0
			for _, other := range t4.Groups {
				if other.Group == grp.Group {
					k += n
				}
			}
			g.add(label(grp.Group, 1, k))
		}
	}
	g.next()
	for _, grp := range t4.Groups {
		if grp.Group == "" {
			for _, c := range t4.Columns {
				g.add(label(c.Label, 2, 1))
			}
		} else {
			g.add(label(grp.Label, 1, n))
		}
	}
	g.next()
	for _, grp := range t4.Groups {
		if grp.Group != "" {
			for _, c := range t4.Columns {
				g.add(label(c.Label, 1, 1))
			}
		}
	}
	g.next()
	for _, grp := range t4.Groups {
		base := "table4." + grp.Key + "."
		for _, c := range t4.Columns {
			v := value(base+c.Key, c.Kind, 1)
			if c.Key == "total" { // the group's four outcomes
				for _, o := range t4.Columns {
					if o.Key != "total" {
						v.Sum = append(v.Sum, base+o.Key)
					}
				}
			}
			g.add(v)
			g.t.Widths = append(g.t.Widths, 7)
		}
	}
	return g.t
}

// tables returns the template's tables for layout l, in the document's order.
func tables(l *report.Layout) (t2, t3, t4 table) {
	return table2(l), table3(l), table4(l)
}

// layoutOf returns v's layout or an error naming the version.
func layoutOf(v report.Version) (*report.Layout, error) {
	l := report.LayoutOf(v)
	if l == nil {
		return nil, fmt.Errorf("template: unknown format version %q", v)
	}
	return l, nil
}
