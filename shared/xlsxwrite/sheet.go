package xlsxwrite

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SheetOptions are what a sheet declares before its rows.
type SheetOptions struct {
	Hidden bool // not shown (a workbook needs at least one sheet that is)
	// Cols are column widths, in characters of the default font's digits;
	// columns not named keep the default (about 8.43).
	Cols []Col
	// FreezeRows and FreezeCols keep that many rows at the top and columns
	// at the left in view when the rest scrolls.
	FreezeRows, FreezeCols int
}

// Col is the width of columns Min to Max (1-based, inclusive).
type Col struct {
	Min, Max int
	Width    float64
}

// Row is one row of a sheet.
type Row struct {
	Height float64 // in points; 0 for the default (15)
	Cells  []Cell  // from column A on; zero Cells are empty positions
}

// Sheet is the sheet being written: rows in increasing order, merged ranges
// at any time until the next sheet is added or the workbook closed.
type Sheet struct {
	wb     *Workbook
	name   string
	last   int // the last row written
	merges []Range
	buf    []byte
	done   bool
}

// Sheet names' rules in Excel.
const maxSheetName = 31

func checkSheetName(name string) error {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0 || n > maxSheetName:
		return fmt.Errorf("sheet name %q: want 1–%d characters", name, maxSheetName)
	case !utf8.ValidString(name):
		return fmt.Errorf("sheet name %q: not UTF-8", name)
	case strings.ContainsAny(name, `:\/?*[]`):
		return fmt.Errorf(`sheet name %q: a sheet's name cannot hold : \ / ? * [ ]`, name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("sheet name %q: cannot begin or end with an apostrophe", name)
	case strings.EqualFold(name, "History"):
		return fmt.Errorf("sheet name %q: reserved by Excel", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("sheet name %q: holds a control character", name)
		}
	}
	return nil
}

func (o SheetOptions) check() error {
	if o.FreezeRows < 0 || o.FreezeRows >= MaxRows || o.FreezeCols < 0 || o.FreezeCols >= MaxCols {
		return fmt.Errorf("frozen panes of %d rows and %d columns: outside the sheet", o.FreezeRows, o.FreezeCols)
	}
	cols := slices.SortedFunc(slices.Values(o.Cols), func(a, b Col) int { return cmp.Compare(a.Min, b.Min) })
	for i, c := range cols {
		switch {
		case c.Min < 1 || c.Max > MaxCols || c.Min > c.Max:
			return fmt.Errorf("columns %d–%d: outside the sheet or reversed", c.Min, c.Max)
		case c.Width < 0 || c.Width > 255:
			return fmt.Errorf("columns %d–%d: width %g, want 0–255", c.Min, c.Max, c.Width)
		case i > 0 && c.Min <= cols[i-1].Max:
			return fmt.Errorf("columns %d–%d: their width is given twice", c.Min, c.Max)
		}
	}
	return nil
}

// start writes the sheet's head, up to its rows.
func (s *Sheet) start(o SheetOptions, selected bool) error {
	b := append(s.buf[:0], xmlHeader+`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheetViews><sheetView`...)
	if selected {
		b = append(b, ` tabSelected="1"`...)
	}
	b = append(b, ` workbookViewId="0"`...)
	if o.FreezeRows > 0 || o.FreezeCols > 0 {
		b = append(b, `><pane`...)
		if o.FreezeCols > 0 {
			b = append(b, ` xSplit="`...)
			b = strconv.AppendInt(b, int64(o.FreezeCols), 10)
			b = append(b, '"')
		}
		if o.FreezeRows > 0 {
			b = append(b, ` ySplit="`...)
			b = strconv.AppendInt(b, int64(o.FreezeRows), 10)
			b = append(b, '"')
		}
		pane := "bottomRight"
		switch {
		case o.FreezeCols == 0:
			pane = "bottomLeft"
		case o.FreezeRows == 0:
			pane = "topRight"
		}
		b = append(b, ` topLeftCell="`...)
		b = appendRef(b, o.FreezeRows+1, o.FreezeCols+1)
		b = append(b, `" activePane="`+pane+`" state="frozen"/><selection pane="`+pane+`"/></sheetView>`...)
	} else {
		b = append(b, `/>`...)
	}
	b = append(b, `</sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	if len(o.Cols) > 0 {
		b = append(b, `<cols>`...)
		for _, c := range slices.SortedFunc(slices.Values(o.Cols), func(a, b Col) int { return cmp.Compare(a.Min, b.Min) }) {
			b = append(b, `<col min="`...)
			b = strconv.AppendInt(b, int64(c.Min), 10)
			b = append(b, `" max="`...)
			b = strconv.AppendInt(b, int64(c.Max), 10)
			b = append(b, `" width="`...)
			b = strconv.AppendFloat(b, c.Width, 'f', -1, 64)
			b = append(b, `" customWidth="1"/>`...)
		}
		b = append(b, `</cols>`...)
	}
	b = append(b, `<sheetData>`...)
	s.buf = b
	return s.wb.write(b)
}

// ErrClosed is returned for a sheet written after the next was added or the
// workbook closed.
var ErrClosed = errors.New("xlsxwrite: the sheet is finished")

// WriteRow writes row n (1-based). Rows must come in increasing order; rows
// not written are empty. A row that fails (a malformed number, text too
// long for a cell, a style not made by this workbook) is not written, and
// the error names its cell.
func (s *Sheet) WriteRow(n int, row Row) error {
	if err := s.usable(); err != nil {
		return err
	}
	switch {
	case n <= s.last || n > MaxRows:
		return fmt.Errorf("xlsxwrite: sheet %s: row %d after row %d: rows must increase, up to %d", s.name, n, s.last, MaxRows)
	case len(row.Cells) > MaxCols:
		return fmt.Errorf("xlsxwrite: sheet %s: row %d has %d cells, more than %d", s.name, n, len(row.Cells), MaxCols)
	case row.Height < 0 || row.Height > 409:
		return fmt.Errorf("xlsxwrite: sheet %s: row %d: height %g, want 0–409 points", s.name, n, row.Height)
	}
	b := append(s.buf[:0], `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, '"')
	if row.Height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, row.Height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	head, cells := len(b), 0
	for i, c := range row.Cells {
		if !s.wb.styles.has(c.style) {
			return fmt.Errorf("xlsxwrite: sheet %s, cell %s: style %d was not made by this workbook", s.name, Ref(n, i+1), c.style)
		}
		var err error
		b, err = appendCell(b, n, i+1, c)
		switch {
		case err == errBlank:
		case err != nil:
			s.buf = b
			return fmt.Errorf("xlsxwrite: sheet %s, cell %s: %w", s.name, Ref(n, i+1), err)
		default:
			cells++
		}
	}
	s.buf = b
	if cells == 0 && row.Height == 0 {
		return nil // nothing to say about this row
	}
	if len(b) == head {
		b = append(b[:head-1], "/>"...)
	} else {
		b = append(b, "</row>"...)
	}
	s.buf = b
	s.last = n
	return s.wb.write(b)
}

// Merge merges the cells of r, which must not overlap a range merged
// before: the spreadsheet shows the top-left cell's content and style over
// the whole range (give the other cells the same style as blanks to draw
// the range's borders).
func (s *Sheet) Merge(r Range) error {
	if err := s.usable(); err != nil {
		return err
	}
	if err := r.check(); err != nil {
		return fmt.Errorf("xlsxwrite: sheet %s: merge %w", s.name, err)
	}
	if r.Top == r.Bottom && r.Left == r.Right {
		return fmt.Errorf("xlsxwrite: sheet %s: merge %s: a single cell", s.name, r)
	}
	for _, m := range s.merges {
		if m.overlaps(r) {
			return fmt.Errorf("xlsxwrite: sheet %s: merge %s overlaps %s", s.name, r, m)
		}
	}
	s.merges = append(s.merges, r)
	return nil
}

func (s *Sheet) usable() error {
	if s.done {
		return ErrClosed
	}
	return s.wb.err
}

// finish writes the end of the sheet: the merged ranges.
func (s *Sheet) finish() error {
	s.done = true
	b := append(s.buf[:0], `</sheetData>`...)
	if len(s.merges) > 0 {
		b = append(b, `<mergeCells count="`...)
		b = strconv.AppendInt(b, int64(len(s.merges)), 10)
		b = append(b, `">`...)
		for _, m := range s.merges {
			b = append(b, `<mergeCell ref="`...)
			b = appendRef(b, m.Top, m.Left)
			b = append(b, ':')
			b = appendRef(b, m.Bottom, m.Right)
			b = append(b, `"/>`...)
		}
		b = append(b, `</mergeCells>`...)
	}
	b = append(b, `</worksheet>`...)
	s.buf, s.merges = nil, nil
	return s.wb.write(b)
}
