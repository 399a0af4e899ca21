package render

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// Warm render: the Renderer (parsed fonts) is reused, as in a Lambda.
func benchmarkRender(b *testing.B, doc *Document) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var size countWriter
	if err := r.Render(context.Background(), &size, doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(context.Background(), io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

func BenchmarkRenderSeed(b *testing.B) { benchmarkRender(b, seedDocument(b)) }

func BenchmarkRenderLong(b *testing.B) { benchmarkRender(b, longDocument(b)) }

func BenchmarkLayoutSeed(b *testing.B) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	doc := seedDocument(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Layout(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// New parses both embedded fonts; it runs once per process.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// BenchmarkColdStart measures process start to first PDF: each iteration
// starts this test binary afresh to parse the fonts and render the seed
// report once. The child reports its peak RSS (VmHWM).
func BenchmarkColdStart(b *testing.B) {
	peak := 0
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestColdChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "RENDER_COLD_CHILD=1")
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
}

func TestColdChild(t *testing.T) {
	if os.Getenv("RENDER_COLD_CHILD") == "" {
		t.Skip("helper for BenchmarkColdStart")
	}
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(context.Background(), io.Discard, seedDocument(t)); err != nil {
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

// BenchmarkPhases times the stages of a seed render one by one, on one
// goroutine: where Render's CPU goes (it runs font work beside layout and
// writing, so its wall time is less than the sum).
func BenchmarkPhases(b *testing.B) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	doc := seedDocument(b)
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			if err := r.checkGlyphs(doc); err != nil {
				b.Fatal(err)
			}
			_ = r.docRunes(doc)
		}
	})
	b.Run("layout", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.layout(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	sets := r.docRunes(doc)
	b.Run("subset", func(b *testing.B) {
		for b.Loop() {
			fonts, err := r.embedFonts(sets)
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range fonts {
				putBuffer(e.sub.Data)
				putGIDTable(e.gid, e.sub.Runes)
			}
		}
	})
	fonts, err := r.embedFonts(sets)
	if err != nil {
		b.Fatal(err)
	}
	files := make([][]byte, 2*len(fonts))
	for i, e := range fonts {
		files[i] = e.sub.Data
		files[len(fonts)+i] = e.toUnicode()
	}
	b.Run("deflate-fonts", func(b *testing.B) {
		for b.Loop() {
			for _, z := range compressAll(files)() {
				z.release()
			}
		}
	})
	tr, err := r.layout(doc)
	if err != nil {
		b.Fatal(err)
	}
	zipped := compressAll(files)()
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			fw := &fontWork{done: make(chan struct{}), fonts: fonts, zipped: func() []zlibParts { return zipped }}
			close(fw.done)
			out, err := buildPDF(tr, doc, fw)
			if err != nil {
				b.Fatal(err)
			}
			putBuffer(out)
		}
	})
}
