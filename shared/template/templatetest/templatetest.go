// Package templatetest produces Word documents and workbooks from the
// repository's own reports the way offices do — nianbao's templates filled
// in, and LibreOffice "saving as" a web page of the report — and checks a
// read document against the report cell by cell. The readers' tests use it;
// so can the import pipeline's, end to end.
package templatetest

import (
	"archive/zip"
	"bytes"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/testkit"
)

// Reports are the repository's own example reports, one per format version.
var Reports = []string{"seed-2020.json", "example-2021.json"}

// Load decodes testdata/name, which must be a valid report.
func Load(t testing.TB, name string) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, name))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("testdata/%s is not a valid report: %v", name, fs)
	}
	return r
}

// Filled returns r's template of the kind (source.DOCX or source.XLSX)
// filled in with r's values.
func Filled(t testing.TB, r *report.Report, kind source.Kind) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch kind {
	case source.DOCX:
		err = template.FilledDOCX(&b, r)
	case source.XLSX:
		err = template.FilledXLSX(&b, r)
	default:
		t.Fatalf("templatetest: no template of kind %q", kind)
	}
	if err != nil {
		t.Fatalf("fill the %s template: %v", kind, err)
	}
	return b.Bytes()
}

// Mutant returns a copy of r whose cell at path differs: a number goes up
// by one, "/" and an absent cell become 1.
func Mutant(r *report.Report, path string) *report.Report {
	m := r.Clone()
	c, _ := m.Cell(path)
	if c.State == report.Number {
		c.Value += report.Unit
	} else {
		c = report.Num(1)
	}
	m.SetCell(path, c)
	return m
}

// Want is one of a template's tables filled with a report's values, as the
// reader should see it: labels and values at their grid positions, spans
// resolved, value cells keyed by their contract path.
type Want struct {
	Name  string // 基本信息, 正文, 表二, 表三, 表四
	Table *source.Table
}

// Expected returns the tables of r's template filled with r's values, in
// document order. The 正文 table exists only in the workbook.
func Expected(t testing.TB, r *report.Report, kind source.Kind) []Want {
	t.Helper()
	pos, err := template.Positions(r.FormatVersion)
	if err != nil {
		t.Fatal(err)
	}
	var out []Want
	var rows [][]source.SourceCell
	flush := func(name string) {
		if name == "正文" && kind != source.XLSX {
			rows = nil
			return
		}
		tb, ok := source.Layout(rows, len(out)+1, source.DefaultLimits.MaxSpan, source.DefaultLimits.MaxCells)
		if !ok {
			t.Fatalf("templatetest: template table %s does not lay out", name)
		}
		out = append(out, Want{Name: name, Table: tb})
		rows = nil
	}
	for i, p := range pos {
		for len(rows) <= p.Row {
			rows = append(rows, nil)
		}
		sc := source.SourceCell{Text: p.Text, Key: p.Path, RowSpan: p.RowSpan, ColSpan: p.ColSpan}
		if p.Path != "" {
			sc.Text = Value(r, p.Path)
		}
		rows[p.Row] = append(rows[p.Row], sc)
		if i == len(pos)-1 || pos[i+1].Table != p.Table {
			flush(p.Table)
		}
	}
	return out
}

// Value is the text a value cell of r shows: a table cell's number or "/",
// a field's value.
func Value(r *report.Report, path string) string {
	if c, ok := r.Cell(path); ok {
		return c.String()
	}
	switch path {
	case "agency.creditCode":
		return r.Agency.CreditCode
	case "reportYear":
		return itoa(r.ReportYear)
	case "publishedOn":
		return r.PublishedOn
	}
	for _, f := range report.TextFields {
		if f.Path == path {
			return f.Get(r)
		}
	}
	return ""
}

func itoa(n int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

// PeakHeap runs fn and returns how far the live heap rose above where it
// stood before, sampled every 100 µs: the memory a reader needs for one
// input, which benchmarks report against the 100 MB target.
func PeakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// WithPart returns an OOXML package with one more part, stored as it is
// (pictures are stored, not deflated): how a real 10 MB Word document or
// workbook gets its size.
func WithPart(t testing.TB, data []byte, name string, part []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(part); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Noise returns n bytes that do not compress, the same every time.
func Noise(n int) []byte {
	b := make([]byte, n)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x)
	}
	return b
}

// ReportCPU runs a benchmark's loop and reports the process's CPU time
// per operation (cpu-ms/op) beside the wall time: on a machine shared with
// other builds the wall time mostly measures the queue for a core, while
// the CPU time stays near what the work costs alone.
func ReportCPU(b *testing.B, op func()) {
	b.Helper()
	before := cpuTime()
	n := 0
	for b.Loop() {
		op()
		n++
	}
	b.ReportMetric(float64(cpuTime()-before)/float64(time.Millisecond)/float64(max(n, 1)), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
