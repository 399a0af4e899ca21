package template_test

import (
	"io"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// BenchmarkWrite writes a blank and a filled template of each kind: the
// routes that serve blank templates may as well cache them (same bytes).
func BenchmarkWrite(b *testing.B) {
	r := templatetest.Load(b, "example-2021.json")
	for _, bm := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"xlsx/blank", func(w io.Writer) error { return template.XLSX(w, report.Format2021) }},
		{"xlsx/filled", func(w io.Writer) error { return template.FilledXLSX(w, r) }},
		{"docx/blank", func(w io.Writer) error { return template.DOCX(w, report.Format2021) }},
		{"docx/filled", func(w io.Writer) error { return template.FilledDOCX(w, r) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			templatetest.ReportCPU(b, func() {
				if err := bm.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
