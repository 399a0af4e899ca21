package template

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// HTML writes r as one web page laid out like the filled Word document —
// title, fields, the six sections with 表二/表三/表四 under theirs — the way
// a government site publishes a report. It is what office tools are given
// to "save as" .docx or .xlsx in the tests.
func HTML(w io.Writer, r *report.Report) error {
	if r == nil || r.Layout() == nil {
		return fmt.Errorf("template: a report of a known format version is needed")
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(r.DisplayTitle()))
	b.WriteString("</title></head><body>\n<h1>")
	b.WriteString(html.EscapeString(r.DisplayTitle()))
	b.WriteString("</h1>\n")
	htmlTable(&b, fields(), r)
	t2, t3, t4 := tables(r.Layout())
	after := map[int]table{1: t2, 2: t3, 3: t4}
	for i, f := range sectionFields() {
		fmt.Fprintf(&b, "<h2>%s</h2>\n", html.EscapeString(report.SectionHeadings[i]))
		for p := range strings.SplitSeq(f.Get(r), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
			}
		}
		if t, ok := after[i]; ok {
			htmlTable(&b, t, r)
		}
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func htmlTable(b *strings.Builder, t table, r *report.Report) {
	b.WriteString("<table border=\"1\">\n")
	row := 0
	b.WriteString("<tr>")
	for _, c := range t.Cells {
		for c.Row > row {
			b.WriteString("</tr>\n<tr>")
			row++
		}
		text := c.Text
		if c.Path != "" {
			text = cellText(r, c)
		}
		b.WriteString("<td")
		if c.RowSpan > 1 {
			fmt.Fprintf(b, " rowspan=\"%d\"", c.RowSpan)
		}
		if c.ColSpan > 1 {
			fmt.Fprintf(b, " colspan=\"%d\"", c.ColSpan)
		}
		b.WriteString(">")
		b.WriteString(strings.ReplaceAll(html.EscapeString(text), "\n", "<br>"))
		b.WriteString("</td>")
	}
	b.WriteString("</tr>\n</table>\n")
}

// cellText is a value cell's text in r: a table cell's number or "/", a
// field's value.
func cellText(r *report.Report, c cell) string {
	if c.Field {
		return fieldValue(r, c.Path)
	}
	cl, _ := r.Cell(c.Path)
	return cl.String()
}
