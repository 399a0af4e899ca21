package bag

import (
	"bytes"
	"context"
	"runtime"
	"strconv"
	"testing"
)

// Sizes of a typical report (docs/benchmarks.md: the seed's 4-page PDF is
// about 147 KB; testdata/seed-2020.json is about 12 KB).
const (
	benchPDF  = 150 << 10
	benchJSON = 12 << 10
	// benchDistinct reports are generated once and cycled: enough that
	// their content is not all in cache, without 1.6 GB of test data.
	benchDistinct = 64
)

// BenchmarkWrite writes bags of 1,000 and 10,000 reports to io.Discard
// and reports reports/s and the peak heap (sampled every 250 reports), which
// should stay flat as the bag grows. Run with -benchtime=1x for 10k.
func BenchmarkWrite(b *testing.B) {
	reports := fakeReports(benchDistinct, benchPDF, benchJSON)
	for _, n := range []int{1000, 10000} {
		for _, deflate := range []bool{true, false} {
			name := "reports=" + strconv.Itoa(n) + "/json=stored"
			if deflate {
				name = "reports=" + strconv.Itoa(n) + "/json=deflated"
			}
			b.Run(name, func(b *testing.B) {
				defer func(old bool) { deflateText = old }(deflateText)
				deflateText = deflate
				benchWrite(b, reports, n)
			})
		}
	}
}

func benchWrite(b *testing.B, reports []fakeReport, n int) {
	ctx := context.Background()
	b.ReportAllocs()
	var peak uint64
	var zipBytes int64
	var ms runtime.MemStats
	runtime.GC()
	for b.Loop() {
		out := &countWriter{}
		w := NewWriter(out, testInfo())
		for i := range n {
			r := reports[i%len(reports)]
			r.creditCode = "91410000MB" + strconv.Itoa(1000000+i) + "X"
			if err := addReport(ctx, w, r); err != nil {
				b.Fatal(err)
			}
			if i%250 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		if _, err := w.Close(); err != nil {
			b.Fatal(err)
		}
		zipBytes = out.n
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(zipBytes)/(1<<20), "zip-MiB")
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkVerify reads back a bag of 1,000 reports.
func BenchmarkVerify(b *testing.B) {
	reports := fakeReports(benchDistinct, benchPDF, benchJSON)
	var buf bytes.Buffer
	w := NewWriter(&buf, testInfo())
	for i := range 1000 {
		r := reports[i%len(reports)]
		r.creditCode = "91410000MB" + strconv.Itoa(1000000+i) + "X"
		if err := addReport(context.Background(), w, r); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := w.Close(); err != nil {
		b.Fatal(err)
	}
	zipped := buf.Bytes()
	b.SetBytes(int64(len(zipped)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(bytes.NewReader(zipped), int64(len(zipped))); err != nil {
			b.Fatal(err)
		}
	}
}
