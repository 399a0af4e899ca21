package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"

	"github.com/nianbao/nianbao/shared/report"
)

var severityNames = map[report.Severity]string{
	report.Error:         "错误",
	report.Warning:       "警告",
	report.NotAssessable: "无法核对",
}

// printTable writes one file's findings as a table a clerk can read: row,
// column, rule, severity and message, aligned for a terminal showing CJK text.
func printTable(w io.Writer, res fileResult) {
	var errs, warns int
	for _, f := range res.Findings {
		switch f.Severity {
		case report.Error:
			errs++
		case report.Warning:
			warns++
		}
	}
	verdict := "通过"
	if !res.Valid {
		verdict = "未通过"
	}
	fmt.Fprintf(w, "%s：%s（%d 个错误，%d 个警告）\n", res.File, verdict, errs, warns)
	if len(res.Findings) == 0 {
		return
	}
	rows := [][]string{{"行", "列", "规则", "级别", "说明"}}
	for _, f := range res.Findings {
		row, col := report.Locate(res.layout, f.Path)
		if col == "" {
			col = "—"
		}
		rows = append(rows, []string{row, col, f.Rule, severityNames[f.Severity], f.Message})
	}
	widths := make([]int, 4)
	for _, r := range rows {
		for i := range widths {
			widths[i] = max(widths[i], displayWidth(r[i]))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString("  ")
		for i := range widths {
			b.WriteString(r[i])
			b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(r[i])+2))
		}
		b.WriteString(r[4])
		fmt.Fprintln(w, b.String())
	}
}

// displayWidth counts the terminal columns of s: East Asian wide and
// full-width characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
