package pdftext

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/testkit"
)

// BenchmarkRead reads the WPS-made 洪泽 report (5 pages) and nianbao's own
// seed and 2021 PDFs (5 and 6 pages); the target is a 6-page
// text-layer PDF imported in 50 ms.
func BenchmarkRead(b *testing.B) {
	inputs := []struct {
		name string
		data func(b *testing.B) []byte
	}{
		{"hongze-2024", func(b *testing.B) []byte { return testkit.Shared(b, "corpus/pdf/hongze-2024.pdf") }},
		{"seed-2020", func(b *testing.B) []byte { _, pdf := rendered(b, "seed-2020.json"); return pdf }},
		{"example-2021", func(b *testing.B) []byte { _, pdf := rendered(b, "example-2021.json"); return pdf }},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			data := in.data(b)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read(context.Background(), data, source.DefaultLimits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadLarge reads 10 MB inputs, the import limit, and reports the
// peak heap in use while reading above what was in use before (the input
// itself; sampled every millisecond; the target is 100 MB): "text" is 200 pages of tables and prose with uncompressed
// content streams, "image" one page of text beside a 10 MB picture.
func BenchmarkReadLarge(b *testing.B) {
	for _, in := range []struct {
		name string
		data []byte
	}{{"text", largeText(10 << 20)}, {"image", largeImage(10 << 20)}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			var peak atomic.Uint64
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				var ms runtime.MemStats
				t := time.NewTicker(time.Millisecond)
				defer t.Stop()
				for {
					select {
					case <-stop:
						return
					case <-t.C:
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > peak.Load() {
							peak.Store(ms.HeapInuse)
						}
					}
				}
			}()
			for b.Loop() {
				if _, err := Read(context.Background(), in.data, source.DefaultLimits); err != nil {
					b.Fatal(err)
				}
			}
			close(stop)
			<-done
			b.ReportMetric(float64(len(in.data))/(1<<20), "input-MiB")
			b.ReportMetric(float64(peak.Load()-min(peak.Load(), base.HeapInuse))/(1<<20), "peak-heap-MiB")
		})
	}
}

// largeText builds a PDF of about size bytes: pages with a ruled 表三-like
// table of 26 rows and 70 lines of Chinese prose, uncompressed.
func largeText(size int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var pages []string
	total := 0
	for total < size && len(pages) < source.DefaultLimits.MaxPages {
		var p strings.Builder
		rows := make([][]string, 26)
		for r := range rows {
			rows[r] = []string{fmt.Sprintf("第%d行政府信息公开申请", r+1)}
			for range 7 {
				rows[r] = append(rows[r], fmt.Sprint(rng.IntN(1000)))
			}
		}
		p.WriteString(ruledTable(60, 60, 14, []float64{160, 45, 45, 45, 45, 45, 45, 45}, rows))
		for l := range 70 {
			p.WriteString(drawText(60, 440+float64(l)*5.5, 5, strings.Repeat("本机关依法依规做好政府信息公开工作", 6)))
		}
		pages = append(pages, p.String())
		total += p.Len()
	}
	return testDoc{pages: pages}.build()
}

// largeImage builds one page of text that also draws an incompressible
// picture of about size bytes.
func largeImage(size int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	pixels := make([]byte, size)
	for i := range pixels {
		pixels[i] = byte(rng.Uint32())
	}
	side := 1
	for (side+1)*(side+1)*3 <= size {
		side++
	}
	pixels = pixels[:side*side*3]
	f := &pdfFile{}
	cat, pages := f.reserve(), f.reserve()
	img := f.stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8", side, len(pixels)/3/side), pixels, false)
	fonts := testDoc{}.fonts(f)
	c := f.stream("", []byte("q 200 0 0 200 60 400 cm /Im1 Do Q "+plain.pages[0]), false)
	pg := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font %s /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", pages, fonts, img, c))
	f.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	f.set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	return f.bytes(cat, "")
}
