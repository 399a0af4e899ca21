package xlsxwrite_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

// What Excel would refuse or repair is refused when it is asked for, with
// an error naming it, and nothing of it is written: the workbook stays
// usable.
func TestRefused(t *testing.T) {
	long := strings.Repeat("字", xlsxwrite.MaxText+1)
	tests := []struct {
		name string
		do   func(wb *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error
		want string
	}{
		{"a sheet name too long", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			_, err := wb.AddSheet(strings.Repeat("表", 32), xlsxwrite.SheetOptions{})
			return err
		}, "1–31 characters"},
		{"a sheet name with a bracket", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			_, err := wb.AddSheet("表[三]", xlsxwrite.SheetOptions{})
			return err
		}, "cannot hold"},
		{"a sheet name taken, in another case", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			_, err := wb.AddSheet("FIRST", xlsxwrite.SheetOptions{})
			return err
		}, "taken by sheet"},
		{"a sheet name with an apostrophe first", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			_, err := wb.AddSheet("'s", xlsxwrite.SheetOptions{})
			return err
		}, "apostrophe"},
		{"overlapping widths", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			_, err := wb.AddSheet("b", xlsxwrite.SheetOptions{Cols: []xlsxwrite.Col{{Min: 1, Max: 3, Width: 9}, {Min: 3, Max: 3, Width: 9}}})
			return err
		}, "given twice"},
		{"a row again", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Int(1)}})
		}, "rows must increase"},
		{"a row past the sheet", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.WriteRow(xlsxwrite.MaxRows+1, xlsxwrite.Row{})
		}, "rows must increase"},
		{"a malformed number", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.WriteRow(5, xlsxwrite.Row{Cells: []xlsxwrite.Cell{{}, xlsxwrite.Number("1,000")}})
		}, "cell B5: \"1,000\" is not a number"},
		{"a number out of range", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.WriteRow(5, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Number("1E+999")}})
		}, "not a number"},
		{"text too long for a cell", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.WriteRow(5, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text(long)}})
		}, "at most 32767"},
		{"a formula with its =", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.WriteRow(5, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Formula("=SUM(A1:A2)", xlsxwrite.Cell{})}})
		}, "without its leading '='"},
		{"a style of another workbook", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			other := xlsxwrite.New(io.Discard, xlsxwrite.Options{})
			_, _ = other.Style(xlsxwrite.Style{Bold: true})
			id, _ := other.Style(xlsxwrite.Style{Wrap: true})
			return s.WriteRow(5, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Int(1).With(id)}})
		}, "not made by this workbook"},
		{"a merge of one cell", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.Merge(xlsxwrite.Range{Top: 2, Left: 2, Bottom: 2, Right: 2})
		}, "a single cell"},
		{"overlapping merges", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.Merge(xlsxwrite.Range{Top: 2, Left: 2, Bottom: 3, Right: 3})
		}, "overlaps A1:B2"},
		{"a reversed merge", func(_ *xlsxwrite.Workbook, s *xlsxwrite.Sheet) error {
			return s.Merge(xlsxwrite.Range{Top: 3, Left: 1, Bottom: 2, Right: 1})
		}, "reversed"},
		{"a name that is a cell", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			return wb.DefineName(xlsxwrite.Name{Name: "AB12", RefersTo: "'first'!$A$1"})
		}, "reads as a cell reference"},
		{"a name that is an R1C1 cell", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			return wb.DefineName(xlsxwrite.Name{Name: "r2c3", RefersTo: "'first'!$A$1"})
		}, "reads as a cell reference"},
		{"a name with a space", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			return wb.DefineName(xlsxwrite.Name{Name: "a b", RefersTo: "'first'!$A$1"})
		}, "cannot stand there"},
		{"a name twice, in another case", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			return wb.DefineName(xlsxwrite.Name{Name: "TOTAL", RefersTo: "'first'!$A$1"})
		}, "defined twice"},
		{"a style of an unknown alignment", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			_, err := wb.Style(xlsxwrite.Style{Horizontal: "middle"})
			return err
		}, "horizontal alignment"},
		{"a style of a named colour", func(wb *xlsxwrite.Workbook, _ *xlsxwrite.Sheet) error {
			_, err := wb.Style(xlsxwrite.Style{Fill: "yellow"})
			return err
		}, "six hexadecimal digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			wb := xlsxwrite.New(&b, xlsxwrite.Options{})
			s, err := wb.AddSheet("first", xlsxwrite.SheetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Int(1)}}); err != nil {
				t.Fatal(err)
			}
			if err := s.Merge(xlsxwrite.Range{Top: 1, Left: 1, Bottom: 2, Right: 2}); err != nil {
				t.Fatal(err)
			}
			if err := wb.DefineName(xlsxwrite.Name{Name: "total", RefersTo: "'first'!$A$1"}); err != nil {
				t.Fatal(err)
			}
			err = tt.do(wb, s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error saying %q", err, tt.want)
			}
			// The refusal wrote nothing: the workbook goes on.
			if err := s.WriteRow(10, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text("after")}}); err != nil {
				t.Fatalf("the next row after the refusal: %v", err)
			}
			if err := wb.Close(); err != nil {
				t.Fatalf("Close after the refusal: %v", err)
			}
			if strings.Contains(b.String(), "1,000") {
				t.Error("the refused row reached the file")
			}
		})
	}
}

func TestRefusedAtClose(t *testing.T) {
	for name, build := range map[string]func(wb *xlsxwrite.Workbook) error{
		"no sheet": func(*xlsxwrite.Workbook) error { return nil },
		"every sheet hidden": func(wb *xlsxwrite.Workbook) error {
			_, err := wb.AddSheet("h", xlsxwrite.SheetOptions{Hidden: true})
			return err
		},
		"a name of a sheet that is not there": func(wb *xlsxwrite.Workbook) error {
			if _, err := wb.AddSheet("a", xlsxwrite.SheetOptions{}); err != nil {
				return err
			}
			return wb.DefineName(xlsxwrite.Name{Name: "x", Sheet: "b", RefersTo: "'a'!$A$1"})
		},
	} {
		t.Run(name, func(t *testing.T) {
			wb := xlsxwrite.New(io.Discard, xlsxwrite.Options{})
			if err := build(wb); err != nil {
				t.Fatal(err)
			}
			if err := wb.Close(); err == nil {
				t.Error("Close succeeded")
			}
		})
	}
	wb := xlsxwrite.New(io.Discard, xlsxwrite.Options{Properties: xlsxwrite.Properties{Custom: []xlsxwrite.Property{{Name: "v", Value: "1"}, {Name: "V", Value: "2"}}}})
	if _, err := wb.AddSheet("a", xlsxwrite.SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := wb.Close(); err == nil || !strings.Contains(err.Error(), "each once") {
		t.Errorf("two custom properties of one name: Close = %v", err)
	}
}

// A finished sheet takes no more rows, and a writer that fails fails every
// call after it.
func TestFinishedAndFailed(t *testing.T) {
	wb := xlsxwrite.New(io.Discard, xlsxwrite.Options{})
	a, _ := wb.AddSheet("a", xlsxwrite.SheetOptions{})
	if _, err := wb.AddSheet("b", xlsxwrite.SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := a.WriteRow(1, xlsxwrite.Row{}); !errors.Is(err, xlsxwrite.ErrClosed) {
		t.Errorf("a row on a finished sheet: %v", err)
	}
	if err := wb.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := wb.AddSheet("c", xlsxwrite.SheetOptions{}); !errors.Is(err, xlsxwrite.ErrClosed) {
		t.Errorf("a sheet after Close: %v", err)
	}

	broken := errors.New("disk full")
	wb = xlsxwrite.New(failingWriter{broken}, xlsxwrite.Options{})
	s, _ := wb.AddSheet("a", xlsxwrite.SheetOptions{})
	var err error
	for r := 1; r <= 10_000 && err == nil; r++ { // past the buffer
		err = s.WriteRow(r, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text(strings.Repeat("x", 100))}})
	}
	if !errors.Is(err, broken) {
		t.Fatalf("writing to a failing writer: %v", err)
	}
	if err := wb.Close(); !errors.Is(err, broken) {
		t.Errorf("Close after a failed write: %v", err)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
