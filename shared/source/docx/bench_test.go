package docx_test

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// BenchmarkRead reads the 2021 example as a filled template: a report-sized
// Word document (three tables, about 200 value cells, six sections).
func BenchmarkRead(b *testing.B) {
	data := templatetest.Filled(b, templatetest.Load(b, "example-2021.json"), source.DOCX)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docx.Read(context.Background(), data, source.DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
