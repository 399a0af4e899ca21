package ingest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template/templatetest"
	"github.com/nianbao/nianbao/shared/testkit"
)

// benchImport times imports of data and reports, besides wall time, the
// CPU time one import takes (cpu-ms/op, user and system time of the whole
// process): on a machine shared with other builds, wall time includes the
// waits for a core, CPU time does not.
func benchImport(b *testing.B, data []byte) {
	b.Helper()
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	before := cpuTime()
	for b.Loop() {
		if _, err := Import(ctx, data, Options{Name: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-before)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkImport imports a report warm, end to end (detect, read,
// recognise, validate), from each kind of document as offices and sites
// make it; the sub-benchmarks interleave under -count. Targets: ≤ 5 ms for
// .html, .docx and .xlsx, ≤ 50 ms for a 6-page PDF with a text layer.
// The LibreOffice inputs are made once per process (skipped without it).
func BenchmarkImport(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			data := in.make(b)
			benchImport(b, data)
		})
	}
}

type benchInput struct {
	name string
	make func(testing.TB) []byte
}

var benchCache sync.Map // name → []byte, the inputs LibreOffice makes

// cached makes an input once per process.
func cached(name string, make func(testing.TB) []byte) func(testing.TB) []byte {
	return func(t testing.TB) []byte {
		if v, ok := benchCache.Load(name); ok {
			return v.([]byte)
		}
		data := make(t)
		benchCache.Store(name, data)
		return data
	}
}

func benchInputs(b *testing.B) []benchInput {
	r := loadReport(b, "example-2021.json")
	return []benchInput{
		{"html/corpus-market-2019", func(t testing.TB) []byte { return testkit.Shared(t, "corpus/web/market-2019/page.html") }},
		{"html/govpage-example-2021", func(t testing.TB) []byte { return govPage(t, r) }},
		{"docx/template-example-2021", func(t testing.TB) []byte { return templatetest.Filled(t, r, source.DOCX) }},
		{"docx/unkeyed-example-2021", func(t testing.TB) []byte { return unkeyed(t, templatetest.Filled(t, r, source.DOCX)) }},
		{"docx/libreoffice-example-2021", cached("docx", func(t testing.TB) []byte { return templatetest.Office(t, r, source.DOCX) })},
		{"xlsx/template-example-2021", func(t testing.TB) []byte { return templatetest.Filled(t, r, source.XLSX) }},
		{"xlsx/unkeyed-example-2021", func(t testing.TB) []byte { return unkeyed(t, templatetest.Filled(t, r, source.XLSX)) }},
		{"xlsx/libreoffice-example-2021", cached("xlsx", func(t testing.TB) []byte { return templatetest.Office(t, r, source.XLSX) })},
		{"pdf/nianbao-example-2021", func(t testing.TB) []byte { return reportPDF(t, r) }},
		{"pdf/corpus-hongze-2024", func(t testing.TB) []byte { return testkit.Shared(t, "corpus/pdf/hongze-2024.pdf") }},
		{"pdf/libreoffice-example-2021", cached("pdf", func(t testing.TB) []byte {
			return templatetest.WordPDF(t, [][]byte{templatetest.Filled(t, r, source.DOCX)})[0]
		})},
	}
}

// BenchmarkImportText imports the seed's OCR text and a crawler's dump
// whose tables run together.
func BenchmarkImportText(b *testing.B) {
	b.Run("seed", func(b *testing.B) { benchImport(b, testkit.Shared(b, "seed/000_b595ca60544e1bdc.txt")) })
	b.Run("corpus-market-2019-txt", func(b *testing.B) { benchImport(b, testkit.Shared(b, "corpus/web/market-2019/page.txt")) })
}

// BenchmarkImport10MB imports each hostile input of about 10 MB: B/op is
// what one import allocates in all.
func BenchmarkImport10MB(b *testing.B) {
	inputs := hostileInputs()
	for _, name := range sortedKeys(inputs) {
		b.Run(name, func(b *testing.B) { benchImport(b, inputs[name]()) })
	}
}

// BenchmarkImportPeakRSS imports each hostile 10 MB input in a process of
// its own, tuned as nianbao import tunes itself, and reports the process's
// peak resident memory (VmHWM), the target being ≤ 100 MB: what an import
// costs a Lambda or the CLI.
func BenchmarkImportPeakRSS(b *testing.B) {
	inputs := hostileInputs()
	for _, name := range sortedKeys(inputs) {
		b.Run(name, func(b *testing.B) {
			peak := 0
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestImportChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), "INGEST_CHILD_INPUT="+name)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				m := regexp.MustCompile(`peak-rss-kb=(\d+)`).FindSubmatch(out)
				if m == nil {
					b.Fatalf("child printed no peak RSS:\n%s", out)
				}
				kb, _ := strconv.Atoi(string(m[1]))
				peak = max(peak, kb)
			}
			b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
		})
	}
}

func TestImportChild(t *testing.T) {
	name := os.Getenv("INGEST_CHILD_INPUT")
	if name == "" {
		t.Skip("helper for BenchmarkImportPeakRSS")
	}
	build, ok := hostileInputs()[name]
	if !ok {
		t.Fatalf("no input %q", name)
	}
	debug.SetMemoryLimit(MemoryLimit) // as nianbao import does (app.TuneForImporting)
	if _, err := Import(context.Background(), build(), Options{Name: name}); err != nil {
		t.Fatal(err)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc: cannot report RSS")
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		t.Fatal("no VmHWM in /proc/self/status")
	}
	fmt.Printf("peak-rss-kb=%s\n", m[1])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
