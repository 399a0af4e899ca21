package template

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

// XLSX writes the blank workbook of format version v.
func XLSX(w io.Writer, v report.Version) error {
	l, err := layoutOf(v)
	if err != nil {
		return err
	}
	return writeXLSX(w, l, nil)
}

// FilledXLSX writes the workbook of r's format version filled in with r's
// values, as a clerk would save it: a 总计 that equals the sum of its cells
// stays a formula with that value cached; one that does not was typed over
// the formula, and is written as the typed number.
func FilledXLSX(w io.Writer, r *report.Report) error {
	if r == nil || r.Layout() == nil {
		return fmt.Errorf("template: a report of a known format version is needed")
	}
	// A section may hold 100,000 characters, a spreadsheet cell 32,767:
	// refused rather than cut short.
	for _, f := range report.TextFields {
		n := 0
		for _, c := range f.Get(r) {
			n += utf16.RuneLen(c)
		}
		if n > xlsxwrite.MaxText {
			return fmt.Errorf("template: %s has %d characters, more than a spreadsheet cell holds (%d); the Word template holds it", f.Path, n, xlsxwrite.MaxText)
		}
	}
	return writeXLSX(w, r.Layout(), r)
}

// The documents' dates: fixed, so that the same input gives the same bytes.
var documentDate = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)

// book is a workbook being laid out. The sheets are small (a few hundred
// cells), so each is laid out whole before it is written.
type book struct {
	wb     *xlsxwrite.Workbook
	r      *report.Report // nil for the blank template
	styles map[string]xlsxwrite.StyleID
	refs   map[string]pos // path → its cell, for formulas
}

// pos is a cell's 1-based row and column.
type pos struct{ row, col int }

// page is one sheet's cells by position, with its rows' heights and merges.
type page struct {
	name    string
	widths  []float64
	cells   map[pos]xlsxwrite.Cell
	heights map[int]float64
	merges  []xlsxwrite.Range
}

func newPage(name string, widths []float64) *page {
	return &page{name: name, widths: widths, cells: map[pos]xlsxwrite.Cell{}, heights: map[int]float64{}}
}

func writeXLSX(w io.Writer, l *report.Layout, r *report.Report) error {
	docTitle := title(l.Version)
	if r != nil {
		docTitle = r.DisplayTitle()
	}
	wb := xlsxwrite.New(w, xlsxwrite.Options{
		Properties: xlsxwrite.Properties{
			Title: docTitle, Subject: "政府信息公开工作年度报告", Creator: "nianbao",
			Created: documentDate, Modified: documentDate,
			Custom: []xlsxwrite.Property{{Name: VersionProperty, Value: string(l.Version)}},
		},
		CalcOnLoad: true, // a blank template's 总计 have no value until computed
	})
	b := &book{wb: wb, r: r, refs: map[string]pos{}}
	if err := b.newStyles(); err != nil {
		return err
	}
	t2, t3, t4 := tables(l)
	info := fields()
	pages := []*page{b.cover(l.Version, info)}
	if err := b.table(pages[0], info, 3); err != nil {
		return fmt.Errorf("template: sheet %s: %w", info.Name, err)
	}
	for _, t := range []table{sections(), t2, t3, t4} {
		p := newPage(t.Name, t.Widths)
		if err := b.table(p, t, 1); err != nil {
			return fmt.Errorf("template: sheet %s: %w", t.Name, err)
		}
		pages = append(pages, p)
	}
	for _, p := range pages {
		if err := b.write(p); err != nil {
			return fmt.Errorf("template: sheet %s: %w", p.name, err)
		}
	}
	if err := wb.Close(); err != nil {
		return fmt.Errorf("template: write workbook: %w", err)
	}
	return nil
}

// cover lays out the first sheet but its table of fields: the title, and
// the instructions below where the table will be, each block separated by
// a blank row.
func (b *book) cover(v report.Version, info table) *page {
	p := newPage(info.Name, info.Widths)
	p.cells[pos{1, 1}] = xlsxwrite.Text(title(v)).With(b.styles["title"])
	row := 3 + rows(info) + 1
	for i, line := range instructions(v, true) {
		at := row + i + 1
		p.cells[pos{at, 1}] = xlsxwrite.Text(line).With(b.styles["note"])
		p.merges = append(p.merges, xlsxwrite.Range{Top: at, Left: 1, Bottom: at, Right: 2})
		p.heights[at] = 30
	}
	return p
}

func rows(t table) int {
	n := 0
	for _, c := range t.Cells {
		n = max(n, c.Row+c.RowSpan)
	}
	return n
}

// table lays out t on p from row top (1-based) down, and names each value
// cell by its path.
func (b *book) table(p *page, t table, top int) error {
	for _, c := range t.Cells {
		if c.Path != "" {
			b.refs[c.Path] = pos{top + c.Row, c.Col + 1}
		}
	}
	for _, c := range t.Cells {
		at := pos{top + c.Row, c.Col + 1}
		end := pos{top + c.Row + c.RowSpan - 1, c.Col + c.ColSpan}
		style := b.styles[styleOf(c)]
		// Every cell a merge covers carries the style, so that the
		// merge's borders are drawn all round.
		for r := at.row; r <= end.row; r++ {
			for k := at.col; k <= end.col; k++ {
				p.cells[pos{r, k}] = xlsxwrite.Cell{}.With(style)
			}
		}
		if end != at {
			p.merges = append(p.merges, xlsxwrite.Range{Top: at.row, Left: at.col, Bottom: end.row, Right: end.col})
		}
		if c.Path == "" {
			p.cells[at] = xlsxwrite.Text(c.Text).With(style)
			continue
		}
		if err := b.wb.DefineName(xlsxwrite.Name{Name: c.Path, RefersTo: xlsxwrite.Absolute(t.Name, at.row, at.col)}); err != nil {
			return err
		}
		p.cells[at] = b.value(c).With(style)
	}
	if t.Name == "正文" {
		for r := range rows(t) {
			p.heights[top+r] = 120
		}
	}
	return nil
}

// write writes p's rows in order.
func (b *book) write(p *page) error {
	var cols []xlsxwrite.Col
	for i, w := range p.widths {
		cols = append(cols, xlsxwrite.Col{Min: i + 1, Max: i + 1, Width: w})
	}
	s, err := b.wb.AddSheet(p.name, xlsxwrite.SheetOptions{Cols: cols})
	if err != nil {
		return err
	}
	last := 0
	for at := range p.cells {
		last = max(last, at.row)
	}
	for h := range p.heights {
		last = max(last, h)
	}
	grid := make([][]xlsxwrite.Cell, last+1)
	for at, c := range p.cells {
		row := grid[at.row]
		for len(row) < at.col {
			row = append(row, xlsxwrite.Cell{})
		}
		row[at.col-1] = c
		grid[at.row] = row
	}
	for r := 1; r <= last; r++ {
		if err := s.WriteRow(r, xlsxwrite.Row{Height: p.heights[r], Cells: grid[r]}); err != nil {
			return err
		}
	}
	for _, m := range p.merges {
		if err := s.Merge(m); err != nil {
			return err
		}
	}
	return nil
}

func styleOf(c cell) string {
	switch {
	case len(c.Sum) > 0:
		return "sum"
	case c.Field && c.Wide:
		return "prose"
	case c.Field:
		return "field"
	case c.Path != "":
		return "value"
	case c.Wide:
		return "label-left"
	}
	return "label"
}

// value is a value cell: a 总计's formula, and the report's value when
// filling.
func (b *book) value(c cell) xlsxwrite.Cell {
	formula := ""
	if len(c.Sum) > 0 {
		formula = b.sum(c.Sum)
	}
	if b.r == nil {
		if formula != "" {
			return xlsxwrite.Formula(formula, xlsxwrite.Cell{})
		}
		return xlsxwrite.Cell{}
	}
	text := cellText(b.r, c)
	if !c.Field {
		cl, _ := b.r.Cell(c.Path)
		if cl.State == report.Number {
			if formula != "" && sums(b.r, c) {
				return xlsxwrite.Formula(formula, xlsxwrite.Number(text))
			}
			return xlsxwrite.Number(text)
		}
	}
	if c.Path == "reportYear" {
		return xlsxwrite.Int(int64(b.r.ReportYear))
	}
	return xlsxwrite.Text(text)
}

// sums reports whether a 总计 cell holds the sum of its cells, all numbers.
func sums(r *report.Report, c cell) bool {
	var total report.Decimal
	for _, p := range c.Sum {
		cl, _ := r.Cell(p)
		if cl.State != report.Number {
			return false
		}
		total += cl.Value
	}
	got, _ := r.Cell(c.Path)
	return got.Value == total
}

// sum is the formula adding the cells at paths: a range when they are
// adjacent in one row or one column.
func (b *book) sum(paths []string) string {
	at := make([]pos, len(paths))
	refs := make([]string, len(paths))
	for i, p := range paths {
		at[i] = b.refs[p]
		refs[i] = xlsxwrite.Ref(at[i].row, at[i].col)
	}
	first, last := at[0], at[len(at)-1]
	inRow := first.row == last.row && last.col-first.col == len(at)-1
	inCol := first.col == last.col && last.row-first.row == len(at)-1
	for i, p := range at {
		if inRow && (p.row != first.row || p.col != first.col+i) {
			inRow = false
		}
		if inCol && (p.col != first.col || p.row != first.row+i) {
			inCol = false
		}
	}
	if inRow || inCol {
		return "SUM(" + refs[0] + ":" + refs[len(refs)-1] + ")"
	}
	return "SUM(" + strings.Join(refs, ",") + ")"
}

// fieldValue returns a text field's value in r as a person types it.
func fieldValue(r *report.Report, path string) string {
	switch path {
	case "agency.creditCode":
		return r.Agency.CreditCode
	case "reportYear":
		return strconv.Itoa(r.ReportYear)
	case "publishedOn":
		return r.PublishedOn
	}
	for _, f := range report.TextFields {
		if f.Path == path {
			return f.Get(r)
		}
	}
	return ""
}

func (b *book) newStyles() error {
	const border, yellow, grey = "000000", "FFF9D6", "E7E6E6"
	defs := []struct {
		name  string
		style xlsxwrite.Style
	}{
		{"title", xlsxwrite.Style{Bold: true, Size: 16}},
		{"note", xlsxwrite.Style{Horizontal: "left", Vertical: "center", Wrap: true}},
		{"label", xlsxwrite.Style{Border: border, Horizontal: "center", Vertical: "center", Wrap: true}},
		{"label-left", xlsxwrite.Style{Border: border, Horizontal: "left", Vertical: "center", Wrap: true}},
		{"value", xlsxwrite.Style{Border: border, Horizontal: "center", Vertical: "center", Wrap: true, Fill: yellow, Unlocked: true}},
		{"sum", xlsxwrite.Style{Border: border, Horizontal: "center", Vertical: "center", Wrap: true, Fill: grey}},
		{"field", xlsxwrite.Style{Border: border, Horizontal: "left", Vertical: "center", Wrap: true, Fill: yellow, Unlocked: true, NumFmt: "@"}},
		{"prose", xlsxwrite.Style{Border: border, Horizontal: "left", Vertical: "top", Wrap: true, Fill: yellow, Unlocked: true, NumFmt: "@"}},
	}
	b.styles = map[string]xlsxwrite.StyleID{}
	for _, d := range defs {
		id, err := b.wb.Style(d.style)
		if err != nil {
			return fmt.Errorf("template: style %s: %w", d.name, err)
		}
		b.styles[d.name] = id
	}
	return nil
}
