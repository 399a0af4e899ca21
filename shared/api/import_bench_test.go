package api

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
	"github.com/nianbao/nianbao/shared/testkit"
)

// BenchmarkImportRoute times POST /reports/import from a warm upload
// function: the event's base64 body decoded, the document read, the
// report recognised and validated, the answer encoded — for what clerks
// send: a filled template, a published page, our own PDF, a real PDF.
func BenchmarkImportRoute(b *testing.B) {
	seed := templatetest.Load(b, "seed-2020.json")
	var page, pdf bytes.Buffer
	if err := template.HTML(&page, seed); err != nil {
		b.Fatal(err)
	}
	rnd, err := sharedRenderer()
	if err != nil {
		b.Fatal(err)
	}
	if err := rnd.Render(context.Background(), &pdf, reportpdf.Document(seed)); err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		data func() []byte
	}{
		{"docx-template", func() []byte { return templatetest.Filled(b, seed, source.DOCX) }},
		{"xlsx-template", func() []byte { return templatetest.Filled(b, seed, source.XLSX) }},
		{"web-page", page.Bytes},
		{"seed-pdf", pdf.Bytes},
		{"hongze-2024-pdf", func() []byte { return testkit.Shared(b, "corpus/pdf/hongze-2024.pdf") }},
	}
	h := NewUpload(newRegistry(b, newFS(b)), ingest.Importer{}, quiet)
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			req := binaryEvent("/reports/import", in.data(), "Content-Type", "application/octet-stream")
			b.SetBytes(int64(len(req.Body)))
			b.ReportAllocs()
			for b.Loop() {
				if resp, _ := h(b.Context(), req); resp.StatusCode != 200 {
					b.Fatalf("%d %.200s", resp.StatusCode, resp.Body)
				}
			}
		})
	}
}

// routeInputs are the heaviest bodies the route takes: files at the cap
// built to exhaust a reader or the recogniser, and a zip bomb.
func routeInputs() map[string]func() []byte {
	fill := func(head, unit string) func() []byte {
		return func() []byte { return []byte(head + strings.Repeat(unit, (MaxImportBytes-len(head))/len(unit))) }
	}
	const title = "某局2023年政府信息公开工作年度报告\n一、总体情况\n"
	return map[string]func() []byte{
		"digits run together": fill(title+"三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量", "7"),
		"one paragraph":       fill(title, "本机关认真贯彻条例，"),
		"table cells html":    fill("<table><tr>", "<td>1</td>"),
		"paragraphs html":     fill("<html><body><p>二、主动公开政府信息情况</p>", "<p>本机关认真贯彻条例，全面推进政务公开。</p>"),
		"zip bomb docx":       zipBomb,
	}
}

// zipBomb is a Word document whose body inflates to 120 MiB.
func zipBomb() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range []struct{ name, body string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"word/document.xml", strings.Repeat("<w:p/>", 20<<20)},
	} {
		w, err := zw.Create(e.name)
		if err != nil {
			panic(err) // writing to memory
		}
		io.WriteString(w, e.body)
	}
	zw.Close()
	return b.Bytes()
}

// BenchmarkImportRoutePeakRSS sends each heavy body to the upload
// function's handler in a process of its own, tuned as the function tunes
// itself (ingest.TuneMemory), and reports the process's peak resident
// memory: what one import costs a warm function at most.
func BenchmarkImportRoutePeakRSS(b *testing.B) {
	inputs := routeInputs()
	names := make([]string, 0, len(inputs))
	for n := range inputs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			// Built here, so that the child holds only what a request brings.
			file := filepath.Join(b.TempDir(), "input")
			if err := os.WriteFile(file, inputs[name](), 0o600); err != nil {
				b.Fatal(err)
			}
			peak := 0
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestImportRouteChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), "IMPORT_ROUTE_INPUT="+file)
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

func TestImportRouteChild(t *testing.T) {
	file := os.Getenv("IMPORT_ROUTE_INPUT")
	if file == "" {
		t.Skip("helper for BenchmarkImportRoutePeakRSS")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The event holds the body base64-encoded, as Lambda hands it over.
	req := binaryEvent("/reports/import", data, "Content-Type", "application/octet-stream")
	data = nil
	debug.SetMemoryLimit(ingest.MemoryLimit) // as the upload function does (ingest.TuneMemory)
	h := NewUpload(newRegistry(t, newFS(t)), ingest.Importer{}, quiet)
	resp, err := h(context.Background(), req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %.200s %v", resp.StatusCode, resp.Body, err)
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
