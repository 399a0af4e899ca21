package bag

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var testDate = time.Date(2021, 4, 1, 9, 30, 0, 0, time.UTC)

func testInfo() Info {
	return Info{
		Name:               "nianbao-2020-410000",
		SourceOrganization: "河南省人民政府办公厅",
		ExternalIdentifier: "nianbao:2020:410000",
		Description:        "2020年度政府信息公开工作年度报告归档",
		Date:               testDate,
	}
}

// fakeReport is the generated content of one agency's report.
type fakeReport struct {
	creditCode string
	pdf, json  []byte
	findings   []byte
	original   []byte // the imported original, source.html; every other report has one
}

// fakeReports returns n reports with deterministic pseudo-random content:
// incompressible "PDF" bytes and compressible JSON text.
func fakeReports(n, pdfSize, jsonSize int) []fakeReport {
	src := rand.NewChaCha8([32]byte{7})
	rng := rand.New(src)
	words := []string{"主动公开", "依申请公开", "行政复议", "行政诉讼", "收到申请数", `"count":`, "12", "0", ",", "\n"}
	out := make([]fakeReport, n)
	for i := range out {
		pdf := make([]byte, pdfSize)
		src.Read(pdf)
		copy(pdf, "%PDF-1.7\n")
		var js strings.Builder
		js.WriteString(`{"reportYear":2020,"items":[`)
		for js.Len() < jsonSize-2 {
			js.WriteString(words[rng.IntN(len(words))])
		}
		out[i] = fakeReport{
			creditCode: fmt.Sprintf("11410303MB%07dX", i),
			pdf:        pdf,
			json:       []byte(js.String()[:jsonSize-2] + "]}"),
			findings:   []byte(`{"findings":[]}`),
		}
		if i%2 == 1 {
			out[i].original = []byte("<html><body>" + js.String()[:jsonSize/2] + "</body></html>")
		}
	}
	return out
}

func (r fakeReport) folder() string { return r.creditCode + "/2020" }

func (r fakeReport) record() Record {
	original := ""
	if r.original != nil {
		original = "source.html"
	}
	return Record{
		AgencyName:    "测试机关" + r.creditCode[10:],
		CreditCode:    r.creditCode,
		Region:        "河南省洛阳市",
		Year:          2020,
		Folder:        r.folder(),
		PDFSHA256:     hexSum(r.pdf),
		PDFBytes:      int64(len(r.pdf)),
		JSONSHA256:    hexSum(r.json),
		JSONBytes:     int64(len(r.json)),
		ValidatedAt:   time.Date(2021, 1, 15, 8, 0, 0, 0, time.UTC),
		Warnings:      len(r.creditCode) % 3,
		FormatVersion: "2020",
		Original:      original,
	}
}

// addReport adds a report's three files and its index row.
func addReport(ctx context.Context, w *Writer, r fakeReport) error {
	for _, f := range []struct {
		name string
		body []byte
	}{{"report.pdf", r.pdf}, {"report.json", r.json}, {"findings.json", r.findings}, {"source.html", r.original}} {
		if f.body == nil {
			continue
		}
		if err := w.Add(ctx, r.folder()+"/"+f.name, int64(len(f.body)), bytes.NewReader(f.body)); err != nil {
			return err
		}
	}
	return w.AddRecord(r.record())
}

// buildBag writes a bag of reports and returns the zip.
func buildBag(t testing.TB, info Info, reports []fakeReport) ([]byte, Summary) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, info)
	for _, r := range reports {
		if err := addReport(t.Context(), w, r); err != nil {
			t.Fatalf("add %s: %v", r.creditCode, err)
		}
	}
	sum, err := w.Close()
	if err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.Bytes(), sum
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// entry is one zip entry, for taking a bag apart and rebuilding it.
type entry struct {
	name   string
	body   []byte
	method uint16
}

// unzip returns every entry of a zip in order.
func unzip(t testing.TB, b []byte) []entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("unzip: %v", err)
	}
	var out []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		out = append(out, entry{name: f.Name, body: body, method: f.Method})
	}
	return out
}

// rezip writes entries as a new zip, with valid CRCs: tampering that
// only a checksum manifest can catch.
func rezip(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method, Modified: testDate})
		if err != nil {
			t.Fatalf("rezip %s: %v", e.name, err)
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bodyOf returns the body of the entry named name.
func bodyOf(t testing.TB, entries []entry, name string) []byte {
	t.Helper()
	for _, e := range entries {
		if e.name == name {
			return e.body
		}
	}
	t.Fatalf("no entry %s", name)
	return nil
}
