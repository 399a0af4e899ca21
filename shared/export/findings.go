package export

import (
	"context"
	"strconv"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

var findingColumns = []string{"机关名称", "统一社会信用代码", "规则", "级别", "表与行", "列", "说明", "单元格路径"}

var severityLabel = map[report.Severity]string{report.Error: "错误", report.Warning: "警告"}

// writeFindings lists every member's findings as the current rules give
// them (errors, then warnings), and the members whose report could not be
// read.
func writeFindings(ctx context.Context, wb *xlsxwrite.Workbook, in Input, l *report.Layout, st styles) error {
	var cols []xlsxwrite.Col
	for i, w := range []float64{28, 20, 10, 8, 36, 22, 80, 40} {
		cols = append(cols, xlsxwrite.Col{Min: i + 1, Max: i + 1, Width: w})
	}
	s, err := wb.AddSheet("问题", xlsxwrite.SheetOptions{Cols: cols, FreezeRows: 2})
	if err != nil {
		return err
	}
	title := strconv.Itoa(in.Year) + "年各机关年报问题（按现行规则重新校验；跨年度核对 S1、S3 不在其中）"
	if err := s.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text(title).With(st.title)}}); err != nil {
		return err
	}
	head := make([]xlsxwrite.Cell, len(findingColumns))
	for i, c := range findingColumns {
		head[i] = xlsxwrite.Text(c).With(st.header)
	}
	if err := s.WriteRow(2, xlsxwrite.Row{Cells: head}); err != nil {
		return err
	}
	row := 3
	cells := make([]xlsxwrite.Cell, len(findingColumns))
	put := func(m members.Member, rule, severity, where, col, msg, path string) error {
		if row%rowsPerCheck == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells[0], cells[1] = xlsxwrite.Text(m.Name), xlsxwrite.Text(m.CreditCode).With(st.text)
		for i, v := range []string{rule, severity, where, col, msg, path} {
			cells[2+i] = xlsxwrite.Text(v)
		}
		err := s.WriteRow(row, xlsxwrite.Row{Cells: cells})
		row++
		return err
	}
	for _, m := range in.Members {
		if m.Report == nil {
			if err := put(m, "unreadable", severityLabel[report.Error], "", "", "年报"+m.Unreadable+"，未列入各表", ""); err != nil {
				return err
			}
			continue
		}
		for _, group := range []struct {
			fs    []report.Finding
			count int
		}{{m.Errors, m.ErrorCount}, {m.Warnings, m.WarningCount}} {
			for _, fd := range group.fs {
				where, col := report.Locate(l, fd.Path)
				if err := put(m, fd.Rule, severityLabel[fd.Severity], where, col, fd.Message, fd.Path); err != nil {
					return err
				}
			}
			if more := group.count - len(group.fs); more > 0 {
				if err := put(m, "", "", "", "", "另有 "+strconv.Itoa(more)+" 项同类问题未列出", ""); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
