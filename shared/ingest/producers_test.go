package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// A producer makes the document an office or a site publishes from a
// report: nianbao's templates filled in, a web page, a PDF, and (with the
// integration tag) what LibreOffice makes of them.
type producer struct {
	name string
	kind source.Kind
	// prints is the metadata the document prints besides the title, which
	// every producer prints: an import must give back these and leave the
	// others empty.
	prints printed
	// sections says how the six sections come back.
	sections sectionsBack
	// exact: every cell comes back as printed with no import error; when
	// false, the producer loses some cells (a table cut at the page's
	// edge) and each one lost must carry an import finding.
	exact bool
	// sample: a mutant of every sample-th cell, not of every cell, for the
	// producers that cost more than a few milliseconds a document.
	sample int
	// make makes the documents of several reports, in one run for the slow.
	make func(t testing.TB, rs []*report.Report) [][]byte
}

// sectionsBack says how a producer's document keeps the sections' text.
type sectionsBack uint8

const (
	sectionsLost   sectionsBack = iota // the producer changes the text (see its comment)
	sectionsExact                      // word for word, paragraph by paragraph
	sectionsJoined                     // word for word, the paragraphs run together
)

// printed says which optional fields a document prints.
type printed struct{ creditCode, region, publishedOn bool }

var everything = printed{creditCode: true, region: true, publishedOn: true}

// one makes a producer's many from a function of one report.
func one(f func(t testing.TB, r *report.Report) []byte) func(testing.TB, []*report.Report) [][]byte {
	return func(t testing.TB, rs []*report.Report) [][]byte {
		out := make([][]byte, len(rs))
		for i, r := range rs {
			out[i] = f(t, r)
		}
		return out
	}
}

// fastProducers run in process, in milliseconds.
var fastProducers = []producer{
	{name: "template-docx", kind: source.DOCX, prints: everything, sections: sectionsExact, exact: true,
		make: one(func(t testing.TB, r *report.Report) []byte { return templatetest.Filled(t, r, source.DOCX) })},
	{name: "template-xlsx", kind: source.XLSX, prints: everything, sections: sectionsExact, exact: true, sample: 3,
		make: one(func(t testing.TB, r *report.Report) []byte { return templatetest.Filled(t, r, source.XLSX) })},
	// The filled templates without their hidden cell paths and version
	// property, as a tool that drops them saves the file: every cell must
	// be found by its labels.
	{name: "template-docx-unkeyed", kind: source.DOCX, prints: everything, sections: sectionsExact, exact: true,
		make: one(func(t testing.TB, r *report.Report) []byte { return unkeyed(t, templatetest.Filled(t, r, source.DOCX)) })},
	{name: "template-xlsx-unkeyed", kind: source.XLSX, prints: everything, sections: sectionsExact, exact: true, sample: 3,
		make: one(func(t testing.TB, r *report.Report) []byte { return unkeyed(t, templatetest.Filled(t, r, source.XLSX)) })},
	{name: "template-html", kind: source.HTML, prints: everything, sections: sectionsExact, exact: true,
		make: one(func(t testing.TB, r *report.Report) []byte {
			var b bytes.Buffer
			if err := template.HTML(&b, r); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		})},
	{name: "govpage", kind: source.HTML, sections: sectionsExact, exact: true, make: one(govPage)},
	// nianbao's own PDF names the credit code among its keywords.
	{name: "reportpdf", kind: source.PDF, prints: printed{creditCode: true}, sections: sectionsExact, exact: true, sample: 3, make: one(reportPDF)},
}

// slowProducers are added by the integration tests (LibreOffice).
var slowProducers []producer

var pdfRenderer = sync.OnceValues(render.New)

// reportPDF is r as nianbao renders it: tagged PDF/A.
func reportPDF(t testing.TB, r *report.Report) []byte {
	t.Helper()
	rr, err := pdfRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rr.Render(context.Background(), &b, reportpdf.Document(r)); err != nil {
		t.Fatalf("render: %v", err)
	}
	return b.Bytes()
}

var (
	contentControlTag = regexp.MustCompile(`<w:tag w:val="[^"]*"/>`)
	definedNames      = regexp.MustCompile(`<definedNames>.*?</definedNames>`)
	customProperty    = regexp.MustCompile(`<property [^>]*>.*?</property>`)
)

// unkeyed removes what a filled template hides for the importer — the
// content-control tags or defined names that carry cell paths, and the
// version property — leaving what a person sees.
func unkeyed(t testing.TB, data []byte) []byte {
	t.Helper()
	return rewriteZip(t, data, func(name string, part []byte) []byte {
		switch name {
		case "word/document.xml":
			return contentControlTag.ReplaceAll(part, nil)
		case "xl/workbook.xml":
			return definedNames.ReplaceAll(part, nil)
		case "docProps/custom.xml":
			return customProperty.ReplaceAll(part, nil)
		}
		return part
	})
}

// rewriteZip copies an OOXML package, each part through edit.
func rewriteZip(t testing.TB, data []byte, edit func(name string, part []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(f.Name, part)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
