package xlsxwrite_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/xlsxwrite"
)

// FuzzText: any string written into a cell, as text and as a formula's
// cached text, reads back the same (invalid UTF-8 as U+FFFD), whatever
// XML, white space or escapes it holds; a sheet name or defined name is
// accepted or refused, never written broken.
func FuzzText(f *testing.F) {
	for _, s := range []string{"规章", " lead", "trail\n", "a\r\nb", "_x0041_", "_x005F_", "_x", "<&>\"'", "\x00\x01\x1f", "\uFFFE\uFFFF", "\xff\xfe", "]]>", "😀", "R1C1", "表三"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		wb := xlsxwrite.New(&b, xlsxwrite.Options{Properties: xlsxwrite.Properties{Title: s, Custom: []xlsxwrite.Property{{Name: "p", Value: s}}}})
		sh, err := wb.AddSheet("S", xlsxwrite.SheetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		err = sh.WriteRow(1, xlsxwrite.Row{Cells: []xlsxwrite.Cell{xlsxwrite.Text(s), xlsxwrite.Formula(`"x"`, xlsxwrite.Text(s))}})
		if err != nil {
			if utf8.RuneCountInString(s) <= xlsxwrite.MaxText/2 {
				t.Fatalf("WriteRow(%q): %v", s, err)
			}
			return
		}
		if _, err := wb.AddSheet(s, xlsxwrite.SheetOptions{}); err == nil {
			if err := wb.DefineName(xlsxwrite.Name{Name: "n", RefersTo: xlsxwrite.Absolute(s, 1, 1)}); err != nil {
				t.Fatal(err)
			}
		}
		_ = wb.DefineName(xlsxwrite.Name{Name: s, RefersTo: "'S'!$A$1"})
		if err := wb.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		doc, err := xlsx.Read(context.Background(), b.Bytes(), source.DefaultLimits)
		if err != nil {
			t.Fatalf("the written workbook does not read: %v", err)
		}
		want := valid(s)
		var got []string
		for _, bl := range doc.Blocks {
			if bl.Loc.Sheet == "S" {
				for _, c := range bl.Table.Grid[0] {
					got = append(got, c.Text)
				}
			}
		}
		if want == "" {
			if len(got) != 0 {
				t.Errorf("an empty text read back as %q", got)
			}
			return
		}
		if len(got) != 2 || got[0] != want || got[1] != want {
			t.Errorf("wrote %q, read %q", s, got)
		}
	})
}

// valid is s with each byte of invalid UTF-8 replaced by U+FFFD.
func valid(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += n
	}
	return b.String()
}
