//go:build integration

package xlsx_test

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// A web page of the report that LibreOffice opened in Calc and saved as
// .xlsx puts the whole page on one sheet, splitting columns finely; every
// table is found in it with every label and value in place.
func TestReadOfficeConversion(t *testing.T) {
	for _, name := range templatetest.Reports {
		t.Run(name, func(t *testing.T) {
			r := templatetest.Load(t, name)
			doc, err := xlsx.Read(context.Background(), templatetest.Office(t, r, source.XLSX), source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range templatetest.Expected(t, r, source.DOCX) { // the page's tables
				var diffs []string
				for _, tb := range templatetest.Tables(doc) {
					if diffs = templatetest.Compare(tb, w.Table); len(diffs) == 0 {
						break
					}
				}
				for _, d := range diffs {
					t.Errorf("%s: %s", w.Name, d)
				}
			}
		})
	}
}

// A filled workbook saved again by LibreOffice (which recalculates the 总计
// formulas) reads back exactly: defined names and the version property
// survive.
func TestReadFilledResaved(t *testing.T) {
	for _, name := range templatetest.Reports {
		t.Run(name, func(t *testing.T) {
			r := templatetest.Load(t, name)
			data := templatetest.Resave(t, templatetest.Filled(t, r, source.XLSX), source.XLSX)
			doc, err := xlsx.Read(context.Background(), data, source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := template.Version(doc.Meta); !ok || v != r.FormatVersion {
				t.Errorf("declared version %q (%v), want %q", v, ok, r.FormatVersion)
			}
			for _, w := range templatetest.Expected(t, r, source.XLSX) {
				var tb *source.Table
				for _, b := range doc.Blocks {
					if b.Loc.Sheet == w.Name && b.Table.Rows() == w.Table.Rows() && b.Table.Cols() == w.Table.Cols() {
						tb = b.Table
					}
				}
				if tb == nil {
					t.Errorf("sheet %s has no %d×%d table", w.Name, w.Table.Rows(), w.Table.Cols())
					continue
				}
				for _, d := range templatetest.CompareKeyed(tb, w.Table) {
					t.Errorf("%s: %s", w.Name, d)
				}
			}
		})
	}
}
