// Package export writes a supervising office's year as an Excel workbook:
// one sheet per table (表二, 表三, 表四) with one row per agency and one
// column per cell, headed by the format's own labels with its merged
// headings, numbers as numbers, and a sheet of findings. It is streamed
// row by row (shared/xlsxwrite), so memory stays flat as agencies grow.
package export

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

// Input is what a workbook is made from.
type Input struct {
	Year   int
	Region string // "" for every region
	// Members are the agencies' reports as read, in the order of the rows;
	// each row shows the member's Name and Region as given (the caller
	// puts the roster's there).
	Members []members.Member
	Now     time.Time // when the workbook is made: its properties' date
}

// ContentType is an .xlsx file's media type.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Write writes the workbook to w.
func Write(ctx context.Context, w io.Writer, in Input) error {
	title := strconv.Itoa(in.Year) + "年政府信息公开工作年度报告数据"
	if in.Region != "" {
		title += "（" + in.Region + "）"
	}
	wb := xlsxwrite.New(w, xlsxwrite.Options{Properties: xlsxwrite.Properties{
		Title: title, Creator: "nianbao", Created: in.Now, Modified: in.Now,
	}})
	l := report.LayoutOf(report.VersionForYear(in.Year))
	st, err := newStyles(wb)
	if err != nil {
		return err
	}
	for _, sh := range sheets(l) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeTable(ctx, wb, sh, in, st); err != nil {
			return fmt.Errorf("sheet %s: %w", sh.name, err)
		}
	}
	if err := writeFindings(ctx, wb, in, l, st); err != nil {
		return fmt.Errorf("sheet 问题: %w", err)
	}
	if err := wb.Close(); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

type styles struct{ header, title, text xlsxwrite.StyleID }

func newStyles(wb *xlsxwrite.Workbook) (styles, error) {
	var s styles
	var err error
	if s.header, err = wb.Style(xlsxwrite.Style{Bold: true, Border: "999999", Fill: "F2F2F2",
		Horizontal: "center", Vertical: "center", Wrap: true}); err != nil {
		return s, err
	}
	if s.title, err = wb.Style(xlsxwrite.Style{Bold: true, Size: 14}); err != nil {
		return s, err
	}
	// Credit codes stay text: as numbers Excel would show 1.14E+17.
	if s.text, err = wb.Style(xlsxwrite.Style{NumFmt: "@"}); err != nil {
		return s, err
	}
	return s, nil
}

// rowsPerCheck is how often a long sheet looks at its context.
const rowsPerCheck = 256

func writeTable(ctx context.Context, wb *xlsxwrite.Workbook, sh sheet, in Input, st styles) error {
	depth := len(sh.columns[0].levels)
	s, err := wb.AddSheet(sh.name, xlsxwrite.SheetOptions{
		Cols: []xlsxwrite.Col{{Min: 1, Max: 1, Width: 28}, {Min: 2, Max: 3, Width: 20}, {Min: 4, Max: len(sh.columns), Width: 14}},
		// The agency's name and the headings stay in view.
		FreezeRows: depth + 1, FreezeCols: 1,
	})
	if err != nil {
		return err
	}
	title := strconv.Itoa(in.Year) + "年" + sh.name + " " + sh.title
	if in.Region != "" {
		title += "（" + in.Region + "）"
	}
	if err := s.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text(title).With(st.title)}}); err != nil {
		return err
	}
	// The heading rows, each cell styled (merged ranges keep their top-left).
	grid := make([][]xlsxwrite.Cell, depth)
	for k := range grid {
		grid[k] = make([]xlsxwrite.Cell, len(sh.columns))
		for j := range grid[k] {
			grid[k][j] = xlsxwrite.Cell{}.With(st.header)
		}
	}
	merges := spans(sh.columns)
	for _, m := range merges {
		grid[m.top][m.left] = xlsxwrite.Text(m.label).With(st.header)
	}
	for k := range grid {
		if err := s.WriteRow(k+2, xlsxwrite.Row{Height: 36, Cells: grid[k]}); err != nil {
			return err
		}
	}
	row := depth + 2
	values := make([]xlsxwrite.Cell, len(sh.columns))
	for _, m := range in.Members {
		if m.Report == nil {
			continue
		}
		if row%rowsPerCheck == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for j, c := range sh.columns {
			values[j] = value(m, c, st)
		}
		if err := s.WriteRow(row, xlsxwrite.Row{Cells: values}); err != nil {
			return err
		}
		row++
	}
	for _, m := range merges {
		if m.top == m.bottom && m.left == m.right {
			continue
		}
		if err := s.Merge(xlsxwrite.Range{Top: m.top + 2, Left: m.left + 1, Bottom: m.bottom + 2, Right: m.right + 1}); err != nil {
			return err
		}
	}
	return nil
}

// value is one cell of an agency's row: counts as whole numbers, amounts as
// the exact decimals the report holds, "/" as text, nothing for an absent
// cell.
func value(m members.Member, c column, st styles) xlsxwrite.Cell {
	if c.cell < 0 {
		switch c.levels[0] {
		case agencyColumns[0]:
			return xlsxwrite.Text(m.Name)
		case agencyColumns[1]:
			return xlsxwrite.Text(m.CreditCode).With(st.text)
		}
		return xlsxwrite.Text(m.Region)
	}
	cell := m.Report.CellAt(c.cell)
	switch cell.State {
	case report.Number:
		if c.kind == report.Amount {
			return xlsxwrite.Number(cell.Value.String())
		}
		return xlsxwrite.Int(int64(cell.Value / report.Unit))
	case report.NotApplicable:
		return xlsxwrite.Text(report.NAMarker)
	}
	return xlsxwrite.Cell{}
}
