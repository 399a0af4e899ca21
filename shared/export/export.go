// Package export writes a supervising office's year as an Excel workbook:
// one sheet per table (表二, 表三, 表四) with one row per agency and one
// column per cell, headed by the format's own labels with its merged
// headings, numbers as numbers, and a sheet of findings. It is streamed
// row by row (excelize's StreamWriter), so memory stays flat as agencies
// grow.
package export

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
)

// Input is what a workbook is made from.
type Input struct {
	Year   int
	Region string // "" for every region
	// Members are the agencies' reports as read, in the order of the rows;
	// each row shows the member's Name and Region as given (the caller
	// puts the roster's there).
	Members []members.Member
	Now     time.Time
}

// ContentType is an .xlsx file's media type.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Write writes the workbook to w.
func Write(ctx context.Context, w io.Writer, in Input) error {
	f := excelize.NewFile()
	defer f.Close()
	l := report.LayoutOf(report.VersionForYear(in.Year))
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, sh := range sheets(l) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return fmt.Errorf("sheet %s: %w", sh.name, err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return fmt.Errorf("sheet %s: %w", sh.name, err)
		}
		if err := writeTable(f, sh, in, l, st); err != nil {
			return fmt.Errorf("sheet %s: %w", sh.name, err)
		}
	}
	if err := writeFindings(f, in, l, st); err != nil {
		return fmt.Errorf("sheet 问题: %w", err)
	}
	// The first sheet (表二) is the active one already: SetActiveSheet would
	// parse every streamed sheet back into memory.
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

type styles struct{ header, title, text int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "top", Color: "999999", Style: 1},
		{Type: "right", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	if s.header, err = f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}); err != nil {
		return s, err
	}
	if s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return s, err
	}
	// Credit codes stay text: as numbers Excel would show 1.14E+17.
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return s, err
	}
	return s, nil
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return name
}

func writeTable(f *excelize.File, sh sheet, in Input, l *report.Layout, st styles) error {
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	depth := len(sh.columns[0].levels)
	if err := sw.SetColWidth(1, 1, 28); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 3, 20); err != nil {
		return err
	}
	if err := sw.SetColWidth(4, len(sh.columns), 14); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: depth + 1, TopLeftCell: cellName(1, depth+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	title := strconv.Itoa(in.Year) + "年" + sh.name + " " + sh.title
	if in.Region != "" {
		title += "（" + in.Region + "）"
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: title}}); err != nil {
		return err
	}
	// The heading rows, each cell filled (merged ranges keep their top-left).
	grid := make([][]any, depth)
	for k := range grid {
		grid[k] = make([]any, len(sh.columns))
		for j := range grid[k] {
			grid[k][j] = excelize.Cell{StyleID: st.header}
		}
	}
	merges := spans(sh.columns)
	for _, s := range merges {
		grid[s.top][s.left] = excelize.Cell{StyleID: st.header, Value: s.label}
	}
	for k := range grid {
		if err := sw.SetRow(cellName(0, k+1), grid[k], excelize.RowOpts{Height: 36}); err != nil {
			return err
		}
	}
	row := depth + 1
	values := make([]any, len(sh.columns))
	for _, m := range in.Members {
		if m.Report == nil {
			continue
		}
		for j, c := range sh.columns {
			values[j] = value(m, c, st)
		}
		if err := sw.SetRow(cellName(0, row), values); err != nil {
			return err
		}
		row++
	}
	for _, s := range merges {
		if s.top == s.bottom && s.left == s.right {
			continue
		}
		if err := sw.MergeCell(cellName(s.left, s.top+1), cellName(s.right, s.bottom+1)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// value is one cell of an agency's row: counts as whole numbers, amounts as
// decimal numbers (exact up to 15 significant digits, far beyond any 万元
// amount), "/" as text, nothing for an absent cell.
func value(m members.Member, c column, st styles) any {
	if c.cell < 0 {
		switch c.levels[0] {
		case agencyColumns[0]:
			return m.Name
		case agencyColumns[1]:
			return excelize.Cell{StyleID: st.text, Value: m.CreditCode}
		}
		return m.Region
	}
	cell := m.Report.CellAt(c.cell)
	switch cell.State {
	case report.Number:
		if c.kind == report.Amount {
			v, _ := strconv.ParseFloat(cell.Value.String(), 64)
			return v
		}
		return int64(cell.Value / report.Unit)
	case report.NotApplicable:
		return report.NAMarker
	}
	return nil
}
