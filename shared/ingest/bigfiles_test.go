package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// The 10 MB Word, Excel and PDF inputs of hostileInputs. They are built
// without a testing.TB, in the child processes of BenchmarkImportPeakRSS
// too; a failure to build one is a bug of the test and panics.

// bigFiles are the builders, by name.
func bigFiles() map[string]func() []byte {
	return map[string]func() []byte{
		// A filled template carrying a 10 MB picture, as reports with a
		// scanned seal are.
		"docx with a picture": func() []byte { return withPicture(filledDOCX()) },
		"xlsx with a picture": func() []byte { return withPicture(filledXLSX()) },
		// Chinese paragraphs that hardly compress, as much text as a Word
		// document may hold (12.6 MB of XML, near ooxml.MaxPart; 6 MB
		// zipped).
		"docx paragraphs": bigDOCX,
		// nianbao's PDF of a report of 190 pages, just within the PDF
		// reader's MaxPages.
		"pdf of 190 pages": longPDF,
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func exampleReport() *report.Report {
	r, fs := report.Decode(must(os.ReadFile(filepath.Join("..", "..", "testdata", "example-2021.json"))))
	if r == nil || report.HasErrors(fs) {
		panic("testdata/example-2021.json does not decode")
	}
	return r
}

func filledDOCX() []byte {
	var b bytes.Buffer
	must(0, template.FilledDOCX(&b, exampleReport()))
	return b.Bytes()
}

func filledXLSX() []byte {
	var b bytes.Buffer
	must(0, template.FilledXLSX(&b, exampleReport()))
	return b.Bytes()
}

// withPicture adds a stored (not deflated) picture to an OOXML package, up
// to just under the import's size cap.
func withPicture(data []byte) []byte {
	zr := must(zip.NewReader(bytes.NewReader(data), int64(len(data))))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		must(0, zw.Copy(f))
	}
	w := must(zw.CreateHeader(&zip.FileHeader{Name: "media/image1.png", Method: zip.Store}))
	must(w.Write(templatetest.Noise(tenMB - len(data) - 4096)))
	must(0, zw.Close())
	return b.Bytes()
}

// bigDOCX is a Word document of paragraphs of Chinese text, about 10 MB
// zipped: its headings make it a report, so the recogniser reads it all.
func bigDOCX() []byte {
	noise := templatetest.Noise(4 << 20)
	var body strings.Builder
	body.WriteString(`<w:p><w:r><w:t>某局2023年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>`)
	for i := 0; i+200 <= len(noise); i += 200 {
		body.WriteString("<w:p><w:r><w:t>")
		for _, x := range noise[i : i+200] {
			body.WriteRune(rune(0x4E00 + int(x)*80))
		}
		body.WriteString("。</w:t></w:r></w:p>")
	}
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`,
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w := must(zw.Create(name))
		must(w.Write([]byte(parts[name])))
	}
	must(0, zw.Close())
	return b.Bytes()
}

// longPDF renders the 2021 example with each section 33,000 characters
// long: 190 pages.
func longPDF() []byte {
	r := exampleReport()
	s := &r.Sections
	for _, p := range []*string{&s.Overview, &s.Proactive, &s.Requests, &s.ReviewLitigation, &s.ProblemsAndImprovements, &s.OtherMatters} {
		para := strings.Repeat("本机关认真贯彻条例，全面推进政务公开，持续提升公开质量。", 40) // 1,080 characters
		*p = strings.TrimSuffix(strings.Repeat(para+"\n", report.MaxSectionRunes/3/1100), "\n")
	}
	rr := must(render.New())
	var b bytes.Buffer
	must(0, rr.Render(context.Background(), &b, reportpdf.Document(r)))
	return b.Bytes()
}
