package export

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
)

var findingColumns = []string{"机关名称", "统一社会信用代码", "规则", "级别", "表与行", "列", "说明", "单元格路径"}

var severityLabel = map[report.Severity]string{report.Error: "错误", report.Warning: "警告"}

// writeFindings lists every member's findings as the current rules give
// them (errors, then warnings), and the members whose report could not be
// read.
func writeFindings(f *excelize.File, in Input, l *report.Layout, st styles) error {
	const name = "问题"
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range []float64{28, 20, 10, 8, 36, 22, 80, 40} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	title := strconv.Itoa(in.Year) + "年各机关年报问题（按现行规则重新校验；跨年度核对 S1、S3 不在其中）"
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: title}}); err != nil {
		return err
	}
	head := make([]any, len(findingColumns))
	for i, c := range findingColumns {
		head[i] = excelize.Cell{StyleID: st.header, Value: c}
	}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	row := 3
	put := func(m members.Member, rule, severity, where, col, msg, path string) error {
		err := sw.SetRow(cellName(0, row-1), []any{m.Name, excelize.Cell{StyleID: st.text, Value: m.CreditCode},
			rule, severity, where, col, msg, path})
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
	return sw.Flush()
}
