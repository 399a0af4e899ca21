package template

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/shared/report"
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
	return writeXLSX(w, r.Layout(), r)
}

type book struct {
	f      *excelize.File
	r      *report.Report // nil for the blank template
	styles map[string]int
	refs   map[string]string // path → the sheet's cell reference, for formulas
}

func writeXLSX(w io.Writer, l *report.Layout, r *report.Report) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	b := &book{f: f, r: r, refs: map[string]string{}}
	if err := b.newStyles(); err != nil {
		return err
	}
	t2, t3, t4 := tables(l)
	info := fields()
	if err := f.SetSheetName("Sheet1", info.Name); err != nil {
		return err
	}
	if err := b.cover(l.Version, info); err != nil {
		return fmt.Errorf("template: sheet %s: %w", info.Name, err)
	}
	for _, t := range []table{sections(), t2, t3, t4} {
		if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		if err := b.table(t, 1); err != nil {
			return fmt.Errorf("template: sheet %s: %w", t.Name, err)
		}
	}
	docTitle := title(l.Version)
	if r != nil {
		docTitle = r.DisplayTitle()
	}
	if err := b.properties(l.Version, docTitle); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("template: write workbook: %w", err)
	}
	return nil
}

// cover writes the first sheet: the title, the report's fields and the
// instructions, each block separated by a blank row.
func (b *book) cover(v report.Version, info table) error {
	sheet := info.Name
	if err := b.f.SetCellStr(sheet, "A1", title(v)); err != nil {
		return err
	}
	if err := b.f.SetCellStyle(sheet, "A1", "A1", b.styles["title"]); err != nil {
		return err
	}
	if err := b.table(info, 3); err != nil {
		return err
	}
	row := 3 + rows(info) + 1
	for i, line := range instructions(v, true) {
		ref := cellRef(1, row+i+1)
		if err := b.f.SetCellStr(sheet, ref, line); err != nil {
			return err
		}
		if err := b.f.MergeCell(sheet, ref, cellRef(2, row+i+1)); err != nil {
			return err
		}
		if err := b.f.SetCellStyle(sheet, ref, ref, b.styles["note"]); err != nil {
			return err
		}
		if err := b.f.SetRowHeight(sheet, row+i+1, 30); err != nil {
			return err
		}
	}
	return nil
}

func rows(t table) int {
	n := 0
	for _, c := range t.Cells {
		n = max(n, c.Row+c.RowSpan)
	}
	return n
}

func cellRef(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// table writes t on its sheet from row top (1-based) down.
func (b *book) table(t table, top int) error {
	sheet := t.Name
	for i, w := range t.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	for _, c := range t.Cells {
		if c.Path != "" {
			b.refs[c.Path] = cellRef(c.Col+1, top+c.Row)
		}
	}
	for _, c := range t.Cells {
		ref := cellRef(c.Col+1, top+c.Row)
		if c.RowSpan > 1 || c.ColSpan > 1 {
			if err := b.f.MergeCell(sheet, ref, cellRef(c.Col+c.ColSpan, top+c.Row+c.RowSpan-1)); err != nil {
				return err
			}
		}
		end := cellRef(c.Col+c.ColSpan, top+c.Row+c.RowSpan-1)
		if err := b.f.SetCellStyle(sheet, ref, end, b.styles[styleOf(c)]); err != nil {
			return err
		}
		if c.Path == "" {
			if err := b.f.SetCellStr(sheet, ref, c.Text); err != nil {
				return err
			}
			continue
		}
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: c.Path, RefersTo: absolute(sheet, ref)}); err != nil {
			return fmt.Errorf("name %s: %w", c.Path, err)
		}
		if err := b.value(sheet, ref, c); err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
	}
	if t.Name == "正文" {
		for r := range rows(t) {
			if err := b.f.SetRowHeight(sheet, top+r, 120); err != nil {
				return err
			}
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

// absolute is a defined name's target: '表三'!$D$5.
func absolute(sheet, ref string) string {
	col, row, _ := excelize.CellNameToCoordinates(ref)
	name, _ := excelize.ColumnNumberToName(col)
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + name + "$" + strconv.Itoa(row)
}

// value writes a value cell: a 总计's formula, and the report's value when
// filling.
func (b *book) value(sheet, ref string, c cell) error {
	formula := ""
	if len(c.Sum) > 0 {
		formula = b.sum(c.Sum)
	}
	if b.r == nil {
		if formula != "" {
			return b.f.SetCellFormula(sheet, ref, formula)
		}
		return nil
	}
	text := cellText(b.r, c)
	if !c.Field {
		cl, _ := b.r.Cell(c.Path)
		if formula != "" && cl.State == report.Number && sums(b.r, c) {
			if err := b.f.SetCellDefault(sheet, ref, text); err != nil {
				return err
			}
			return b.f.SetCellFormula(sheet, ref, formula)
		}
		if cl.State == report.Number {
			return b.f.SetCellDefault(sheet, ref, text)
		}
	}
	if text == "" {
		return nil
	}
	if c.Path == "reportYear" {
		return b.f.SetCellDefault(sheet, ref, text)
	}
	return b.f.SetCellStr(sheet, ref, text)
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
	refs := make([]string, len(paths))
	for i, p := range paths {
		refs[i] = b.refs[p]
	}
	first, last := refs[0], refs[len(refs)-1]
	c0, r0, _ := excelize.CellNameToCoordinates(first)
	c1, r1, _ := excelize.CellNameToCoordinates(last)
	adjacent := (r0 == r1 && c1-c0 == len(refs)-1) || (c0 == c1 && r1-r0 == len(refs)-1)
	for i, ref := range refs {
		c, r, _ := excelize.CellNameToCoordinates(ref)
		if adjacent && (r0 == r1 && (r != r0 || c != c0+i) || c0 == c1 && (c != c0 || r != r0+i)) {
			adjacent = false
		}
	}
	if adjacent {
		return "SUM(" + first + ":" + last + ")"
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

func (b *book) properties(v report.Version, docTitle string) error {
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:   docTitle,
		Subject: "政府信息公开工作年度报告",
		Creator: "nianbao",
		Created: "2019-01-01T00:00:00Z", Modified: "2019-01-01T00:00:00Z",
	}); err != nil {
		return err
	}
	if err := b.f.SetCustomProps(excelize.CustomProperty{Name: VersionProperty, Value: string(v)}); err != nil {
		return err
	}
	on := true
	return b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &on})
}

func (b *book) newStyles() error {
	border := []excelize.Border{
		{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	top := &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	text := "@"
	unlocked := &excelize.Protection{Locked: false}
	defs := map[string]*excelize.Style{
		"title":      {Font: &excelize.Font{Bold: true, Size: 16}},
		"note":       {Alignment: left},
		"label":      {Border: border, Alignment: center},
		"label-left": {Border: border, Alignment: left},
		"value":      {Border: border, Alignment: center, Fill: fill("FFF9D6"), Protection: unlocked},
		"sum":        {Border: border, Alignment: center, Fill: fill("E7E6E6")},
		"field":      {Border: border, Alignment: left, Fill: fill("FFF9D6"), Protection: unlocked, CustomNumFmt: &text},
		"prose":      {Border: border, Alignment: top, Fill: fill("FFF9D6"), Protection: unlocked, CustomNumFmt: &text},
	}
	b.styles = map[string]int{}
	for _, name := range []string{"title", "note", "label", "label-left", "value", "sum", "field", "prose"} {
		id, err := b.f.NewStyle(defs[name])
		if err != nil {
			return fmt.Errorf("template: style %s: %w", name, err)
		}
		b.styles[name] = id
	}
	return nil
}
