package docx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// Hostile files fail with a refusal that says why, and the memory they get
// stays small; none of them panics.
func TestReadHostile(t *testing.T) {
	filled := templatetest.Filled(t, templatetest.Load(t, "example-2021.json"), source.DOCX)
	var cells strings.Builder
	cells.WriteString("<w:tbl>")
	for r := range 200 {
		cells.WriteString("<w:tr>")
		for c := range 200 {
			cells.WriteString(tc("", strconv.Itoa(r*200+c)))
		}
		cells.WriteString("</w:tr>")
	}
	cells.WriteString("</w:tbl>")
	tests := []struct {
		name string
		data []byte
		code string
	}{
		{"a zip bomb as document.xml", bomb(t), source.InflateLimit},
		{"billion laughs", pkg(t, map[string]string{"document": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
			`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`}), source.Malformed},
		{"10,000 nested tables", pkg(t, map[string]string{"body": strings.Repeat("<w:tbl><w:tr><w:tc>", 10_000) + p("x") + strings.Repeat("</w:tc></w:tr></w:tbl>", 10_000)}), source.TooComplex},
		{"a table of 40,000 cells", pkg(t, map[string]string{"body": cells.String()}), source.TooComplex},
		{"huge spans down a thousand rows", hugeSpans(t, 1000), source.TooComplex},
		{"a workbook is not a Word document", templatetest.Filled(t, templatetest.Load(t, "example-2021.json"), source.XLSX), source.Malformed},
		{"not a zip", []byte("%PDF-1.7"), source.Malformed},
		{"truncated", filled[:len(filled)/2], source.Malformed},
		{"document.xml cut short", pkg(t, map[string]string{"document": `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>半`}), source.Malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			peak := templatetest.PeakHeap(func() { _, err = docx.Read(context.Background(), tt.data, source.DefaultLimits) })
			var refused *source.RefusedError
			if !errors.As(err, &refused) || refused.Code != tt.code {
				t.Fatalf("Read = %v, want refusal %s", err, tt.code)
			}
			if refused.Reason == "" || !strings.ContainsFunc(refused.Reason, func(r rune) bool { return r >= 0x4E00 }) {
				t.Errorf("reason %q is no Chinese sentence", refused.Reason)
			}
			if peak > 64<<20 {
				t.Errorf("the heap rose by %d MB", peak>>20)
			}
		})
	}
}

func hugeSpans(t testing.TB, rows int) []byte {
	return pkg(t, map[string]string{"body": `<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="2000000000"/><w:vMerge w:val="restart"/>`, "x") + `</w:tr>` +
		strings.Repeat(`<w:tr>`+tc(`<w:gridSpan w:val="2000000000"/><w:vMerge/>`, "")+`</w:tr>`, rows) + `</w:tbl>`})
}

// Huge spans are clipped, not obeyed; past the cell limit they are refused
// (TestReadHostile).
func TestReadHugeSpans(t *testing.T) {
	doc, err := docx.Read(context.Background(), hugeSpans(t, 100), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	tb := doc.Blocks[0].Table
	if tb.Cols() > source.DefaultLimits.MaxSpan || tb.Grid[0][0].RowSpan > source.DefaultLimits.MaxSpan {
		t.Fatalf("a %d×%d grid, origin spans %d×%d: spans were not clipped", tb.Rows(), tb.Cols(), tb.Grid[0][0].RowSpan, tb.Grid[0][0].ColSpan)
	}
}

// bomb is a docx whose document.xml inflates a thousandfold.
func bomb(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("_rels/.rels")
	_, _ = w.Write([]byte(`<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`))
	w, _ = zw.Create("word/document.xml")
	_, _ = w.Write(make([]byte, 60<<20))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzRead: whatever the bytes, Read returns a document or an error, never
// panics, and a document's tables stay within the limits.
func FuzzRead(f *testing.F) {
	f.Add(pkg(f, map[string]string{"body": p("一、总体情况") + `<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="2"/>`, "a") + `</w:tr><w:tr>` + tc("", "b") + tc(`<w:vMerge w:val="restart"/>`, "c") + `</w:tr></w:tbl>`}))
	f.Add(templatetest.Filled(f, templatetest.Load(f, "seed-2020.json"), source.DOCX))
	lim := source.DefaultLimits
	lim.MaxCells = 2000
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := docx.Read(context.Background(), data, lim)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Table != nil && b.Table.Rows()*b.Table.Cols() > lim.MaxCells {
				t.Fatalf("a %d×%d table past MaxCells", b.Table.Rows(), b.Table.Cols())
			}
		}
	})
}
