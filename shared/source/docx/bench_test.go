package docx_test

import (
	"context"
	"strings"
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
	templatetest.ReportCPU(b, func() {
		if _, err := docx.Read(context.Background(), data, source.DefaultLimits); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkRead10MB reports the heap a 10 MB input needs (peak-MB; the
// target is 100 MB): a filled template with a 10 MB picture, and 10 MB of
// Chinese text in 15 MB of XML, just within MaxPart.
func BenchmarkRead10MB(b *testing.B) {
	filled := templatetest.Filled(b, templatetest.Load(b, "example-2021.json"), source.DOCX)
	inputs := []struct {
		name string
		data []byte
	}{
		{"picture", templatetest.WithPart(b, filled, "word/media/image1.png", templatetest.Noise(10<<20-len(filled)-1024))},
		{"text", bigText(b)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			var peak uint64
			for b.Loop() {
				peak = max(peak, templatetest.PeakHeap(func() {
					if _, err := docx.Read(context.Background(), in.data, source.DefaultLimits); err != nil {
						b.Fatal(err)
					}
				}))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(len(in.data))/(1<<20), "input-MB")
		})
	}
}

// bigText is a document of paragraphs of Chinese text that hardly
// compresses.
func bigText(b *testing.B) []byte {
	noise := templatetest.Noise(5 << 20)
	var body strings.Builder
	for i := 0; i+200 <= len(noise); i += 200 {
		body.WriteString("<w:p><w:r><w:t>")
		for _, x := range noise[i : i+200] {
			body.WriteRune(rune(0x4E00 + int(x)*80))
		}
		body.WriteString("</w:t></w:r></w:p>")
	}
	return pkg(b, map[string]string{"body": body.String()})
}
