//go:build integration

package docx_test

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// A web page of the report that LibreOffice saved as .docx reads back with
// every label and value of every table in place, and the six sections.
func TestReadOfficeConversion(t *testing.T) {
	for _, name := range templatetest.Reports {
		t.Run(name, func(t *testing.T) {
			r := templatetest.Load(t, name)
			doc, err := docx.Read(context.Background(), templatetest.Office(t, r, source.DOCX), source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			got := templatetest.Tables(doc)
			want := templatetest.Expected(t, r, source.DOCX)
			if len(got) != len(want) {
				t.Fatalf("%d tables, want %d", len(got), len(want))
			}
			for i, w := range want {
				for _, d := range templatetest.Compare(got[i], w.Table) {
					t.Errorf("%s: %s", w.Name, d)
				}
			}
			checkSections(t, doc, r)
		})
	}
}

// A filled template saved again by LibreOffice keeps its cells in place and
// its version property. LibreOffice 7.4 drops content-control tags, so the
// cells come back without keys: importing such a file falls back on labels.
func TestReadFilledResaved(t *testing.T) {
	r := templatetest.Load(t, "example-2021.json")
	data := templatetest.Resave(t, templatetest.Filled(t, r, source.DOCX), source.DOCX)
	doc, err := docx.Read(context.Background(), data, source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := template.Version(doc.Meta); !ok || v != r.FormatVersion {
		t.Errorf("declared version %q (%v), want %q", v, ok, r.FormatVersion)
	}
	got := templatetest.Tables(doc)
	for i, w := range templatetest.Expected(t, r, source.DOCX) {
		for _, d := range templatetest.Compare(got[i], w.Table) {
			t.Errorf("%s: %s", w.Name, d)
		}
	}
}
