package api

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"sync"

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
	Table      template.HTML // "" for none
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
	skeletons := tableSkeletons()[r.FormatVersion]
	texts := r.Sections.InOrder()
	for i, heading := range report.SectionHeadings {
		s := pageSection{Heading: heading, Paragraphs: paragraphs(texts[i])}
		if n := tableAfter[sectionPaths[i]]; n != 0 {
			s.Table = skeletons[n].fill(r)
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

// A table's HTML is the same for every report of a format but for the
// values, so the "readtable" template runs once per table with a marker in
// each data cell, and a page only splices the values in: html/template
// walking some 200 cells cost about half of the page's time.
const slotOpen, slotClose = "⟦", "⟧" // never in a path, kept as they are by HTML escaping

// skeleton is a table's HTML cut at its cells: even parts are HTML, odd
// parts the path of the cell whose value goes there.
type skeleton []string

var tableSkeletons = sync.OnceValue(func() map[report.Version]map[int]skeleton {
	out := map[report.Version]map[int]skeleton{}
	for v, tables := range readTables() {
		out[v] = map[int]skeleton{}
		for n, t := range tables {
			var b strings.Builder
			if err := pages().ExecuteTemplate(&b, "readtable", marked(t)); err != nil {
				panic(fmt.Sprintf("api: read table %d of %s: %v", n, v, err)) // a template bug, caught by every test
			}
			var sk skeleton
			for rest := b.String(); ; {
				before, after, ok := strings.Cut(rest, slotOpen)
				sk = append(sk, before)
				if !ok {
					break
				}
				path, tail, _ := strings.Cut(after, slotClose)
				sk = append(sk, path)
				rest = tail
			}
			out[v][n] = sk
		}
	}
	return out
})

// marked returns a copy of a read table with each data cell holding its marker.
func marked(t formTable) formTable {
	mark := func(rows [][]formCell) [][]formCell {
		out := make([][]formCell, len(rows))
		for i, row := range rows {
			out[i] = make([]formCell, len(row))
			for j, c := range row {
				if c.Input != nil {
					c.Text, c.Data = slotOpen+c.Input.Path+slotClose, true
				}
				out[i][j] = c
			}
		}
		return out
	}
	t.Head, t.Body = mark(t.Head), mark(t.Body)
	return t
}

// fill returns the table's HTML with r's values in their cells.
func (sk skeleton) fill(r *report.Report) template.HTML {
	var b strings.Builder
	b.Grow(len(sk[0]) * 2)
	for i, part := range sk {
		if i%2 == 0 {
			b.WriteString(part)
			continue
		}
		v, _ := r.Cell(part)
		b.WriteString(html.EscapeString(v.String()))
	}
	return template.HTML(b.String()) // the template's own output, values escaped
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
