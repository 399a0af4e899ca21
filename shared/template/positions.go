package template

import "github.com/nianbao/nianbao/shared/report"

// Position is where a cell sits in a template's tables.
type Position struct {
	Table    string // 基本信息, 正文, 表二, 表三, 表四: the workbook's sheet
	Row, Col int    // 0-based, in the table's own grid
	RowSpan  int    // at least 1
	ColSpan  int    // at least 1
	Text     string // a label's text; "" for a value cell
	Path     string // a value cell's contract path
	Field    bool   // a text field (agency, year, a section) rather than a table cell
}

// Positions lists every cell of version v's tables, labels and value cells,
// table by table in document order, so that tests can check that a read
// document has each cell where the format puts it.
func Positions(v report.Version) ([]Position, error) {
	l, err := layoutOf(v)
	if err != nil {
		return nil, err
	}
	t2, t3, t4 := tables(l)
	var out []Position
	for _, t := range []table{fields(), sections(), t2, t3, t4} {
		for _, c := range t.Cells {
			out = append(out, Position{Table: t.Name, Row: c.Row, Col: c.Col, RowSpan: c.RowSpan, ColSpan: c.ColSpan,
				Text: c.Text, Path: c.Path, Field: c.Field})
		}
	}
	return out, nil
}
