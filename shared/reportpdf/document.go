package reportpdf

import (
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
)

// Document lays r out for rendering. The PDF's date comes from the report
// alone (publishedOn, else the last day of the reported year), so the same
// report always gives the same PDF bytes.
func Document(r *report.Report) *render.Document {
	l := r.Layout()
	s := r.Sections.InOrder()
	doc := &render.Document{
		Title:    r.DisplayTitle(),
		Author:   r.Agency.Name,
		Subject:  strconv.Itoa(r.ReportYear) + "年度政府信息公开工作年度报告",
		Keywords: keywords(r),
		Date:     Date(r),
	}
	tables := [6][]render.Table{1: table2(r, l), 2: {table3(r, l)}, 3: {table4(r, l)}}
	for i, heading := range report.SectionHeadings {
		doc.Blocks = append(doc.Blocks, render.Heading{Text: heading})
		doc.Blocks = append(doc.Blocks, paragraphs(s[i])...)
		for _, t := range tables[i] {
			doc.Blocks = append(doc.Blocks, t)
		}
	}
	return doc
}

// Date is the date a report's PDF carries.
func Date(r *report.Report) time.Time {
	if t, err := time.Parse(time.DateOnly, r.PublishedOn); err == nil {
		return t
	}
	return time.Date(r.ReportYear, time.December, 31, 0, 0, 0, 0, time.UTC)
}

func keywords(r *report.Report) []string {
	ks := []string{"政府信息公开", "年度报告", strconv.Itoa(r.ReportYear) + "年度", r.Agency.Name}
	if r.Agency.Region != "" {
		ks = append(ks, r.Agency.Region)
	}
	return append(ks, r.FormatVersion.Label(), r.Agency.CreditCode)
}

func paragraphs(text string) []render.Block {
	var out []render.Block
	for p := range strings.SplitSeq(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, render.Paragraph{Text: p})
		}
	}
	return out
}

func value(r *report.Report, path string) string {
	c, _ := r.Cell(path)
	return c.String()
}
