package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
)

// reportPage is GET /reports/{id} in a browser: the report itself, its
// downloads, the findings it was filed with and its versions.
type reportPage struct {
	Manifest  registry.Manifest
	Region    string
	Sections  []pageSection
	Findings  []findingRow
	Versions  []versionView // newest first
	Viewing   int           // the number of the version shown; 0 if it was never acknowledged
	CurrentID string        // the current version, when another one is shown
	Source    string        // the original's extension, e.g. DOCX; "" if not imported
	NextYear  int           // the year a draft can start; 0 if none
}

// pageSection is one of the six sections, with the table printed after it.
type pageSection struct {
	Heading    string
	Paragraphs []string
	Table      *formTable
}

// versionView is a version as the page lists it.
type versionView struct {
	versionEntry
	Viewing bool
}

// reportHTML renders the page for the version m, whose findings are fs.
func (ix *index) reportHTML(ctx context.Context, req Request, m registry.Manifest, fs []report.Finding) Response {
	r, err := ix.reg.Report(ctx, m.ID)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	vs, err := ix.history(ctx, m.ID, map[string]*report.Report{m.ID: r})
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	p := reportPage{Manifest: m, Region: r.Agency.Region, Findings: findingRows(r.Layout(), fs)}
	for i := len(vs) - 1; i >= 0; i-- {
		v := versionView{versionEntry: vs[i], Viewing: vs[i].ID == m.ID}
		if v.Viewing {
			p.Viewing = v.Number
		}
		if v.Current && !v.Viewing {
			p.CurrentID = v.ID
		}
		p.Versions = append(p.Versions, v)
	}
	if src := registry.SourceFile(m); src != "" {
		p.Source = strings.ToUpper(strings.TrimPrefix(src, registry.SourcePrefix))
	}
	if r.ReportYear < report.MaxYear {
		p.NextYear = r.ReportYear + 1
	}
	tables := readTables()[r.FormatVersion]
	texts := r.Sections.InOrder()
	for i, heading := range report.SectionHeadings {
		s := pageSection{Heading: heading, Paragraphs: paragraphs(texts[i])}
		if n := tableAfter[sectionPaths[i]]; n != 0 {
			t := filled(tables[n], r)
			s.Table = &t
		}
		p.Sections = append(p.Sections, s)
	}
	return ix.page(ctx, req, "report.html", p)
}

// sectionPaths are the six sections' paths, in heading order.
var sectionPaths = func() []string {
	var out []string
	for _, f := range report.TextFields {
		if strings.HasPrefix(f.Path, "sections.") {
			out = append(out, f.Path)
		}
	}
	return out
}()

// findingRows places each finding at its row and column.
func findingRows(l *report.Layout, fs []report.Finding) []findingRow {
	rows := make([]findingRow, len(fs))
	for i, f := range fs {
		rows[i].Finding = f
		rows[i].Row, rows[i].Column = report.Locate(l, f.Path)
	}
	return rows
}

// paragraphs splits a section's text into its non-blank paragraphs.
func paragraphs(text string) []string {
	var out []string
	for p := range strings.SplitSeq(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// filled returns a copy of a read table with each data cell showing r's value.
func filled(t formTable, r *report.Report) formTable {
	fill := func(rows [][]formCell) [][]formCell {
		out := make([][]formCell, len(rows))
		for i, row := range rows {
			out[i] = make([]formCell, len(row))
			for j, c := range row {
				if c.Input != nil {
					v, _ := r.Cell(c.Input.Path)
					c.Text, c.Data = v.String(), true
				}
				out[i][j] = c
			}
		}
		return out
	}
	t.Head, t.Body = fill(t.Head), fill(t.Body)
	return t
}

// sizeLabel is a file size as a person reads it.
func sizeLabel(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt((n+512)>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " 字节"
}
