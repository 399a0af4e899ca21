package xlsx_test

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// A filled template reads back with every label and value at its place on
// its sheet, value cells keyed by their path (the workbook's defined names),
// the 总计 formulas as their cached values, and the version declared.
func TestReadFilledTemplate(t *testing.T) {
	for _, name := range templatetest.Reports {
		t.Run(name, func(t *testing.T) {
			r := templatetest.Load(t, name)
			doc, err := xlsx.Read(context.Background(), templatetest.Filled(t, r, source.XLSX), source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := template.Version(doc.Meta); !ok || v != r.FormatVersion {
				t.Errorf("declared version %q (%v), want %q", v, ok, r.FormatVersion)
			}
			if doc.Title != r.DisplayTitle() {
				t.Errorf("title %q, want %q", doc.Title, r.DisplayTitle())
			}
			for _, w := range templatetest.Expected(t, r, source.XLSX) {
				// A sheet may hold more tables (the first sheet's title and
				// instructions): the one of the template's size is compared.
				var tb *source.Table
				for _, b := range doc.Blocks {
					if b.Loc.Sheet == w.Name && b.Table.Rows() == w.Table.Rows() && b.Table.Cols() == w.Table.Cols() {
						tb = b.Table
						break
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

// Changing one cell of a filled workbook changes exactly that cell of the
// read document. A changed 总计 no longer adds up, so the clerk's typed
// number replaces the formula, as in Excel.
func TestReadMutants(t *testing.T) {
	for _, name := range templatetest.Reports {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := templatetest.Load(t, name)
			base := read(t, templatetest.Filled(t, r, source.XLSX))
			for i, spec := range r.Layout().Cells() {
				if testing.Short() && i%10 != 0 {
					continue
				}
				m := templatetest.Mutant(r, spec.Path)
				got := read(t, templatetest.Filled(t, m, source.XLSX))
				for _, d := range templatetest.DiffMutant(base, got, spec.Path, templatetest.Value(m, spec.Path)) {
					t.Error(d)
				}
			}
		})
	}
}

func read(t *testing.T, data []byte) map[string]string {
	t.Helper()
	doc, err := xlsx.Read(context.Background(), data, source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return templatetest.Cells(doc)
}
