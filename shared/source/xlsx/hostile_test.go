package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/template/templatetest"
)

// Hostile workbooks fail with a refusal that says why, and the memory they
// get stays small; none of them panics.
func TestReadHostile(t *testing.T) {
	one := func(x string) book { return book{sheets: []string{"S"}, xml: map[string]string{"S": x}} }
	tests := []struct {
		name string
		data []byte
		code string
	}{
		{"a zip bomb as a sheet", bomb(t), source.InflateLimit},
		{"billion laughs in the shared strings", book{sheets: []string{"S"}, xml: map[string]string{"S": sheetData()},
			shared: []string{`<t>&lol9;</t>`}}.withDoctype(t), source.Malformed},
		{"a merged range over the whole sheet", one(sheetData(row("1", c("A1", ``, `<v>1</v>`))) + `<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>`).bytes(t), source.TooComplex},
		{"rows as wide as the sheet", one(sheetData(row("1", c("A1", ``, `<v>1</v>`), c("XFD1", ``, `<v>2</v>`)), row("2", c("A2", ``, `<v>3</v>`)))).bytes(t), source.TooComplex},
		{"a sheet nested past the depth limit", one(strings.Repeat("<x>", 300) + strings.Repeat("</x>", 300)).bytes(t), source.TooComplex},
		{"a Word document is not a workbook", templatetest.Filled(t, templatetest.Load(t, "seed-2020.json"), source.DOCX), source.Malformed},
		{"not a zip", []byte("<html></html>"), source.Malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			peak := templatetest.PeakHeap(func() { _, err = xlsx.Read(context.Background(), tt.data, source.DefaultLimits) })
			var refused *source.RefusedError
			if !errors.As(err, &refused) || refused.Code != tt.code {
				t.Fatalf("Read = %v, want refusal %s", err, tt.code)
			}
			if !strings.ContainsFunc(refused.Reason, func(r rune) bool { return r >= 0x4E00 }) {
				t.Errorf("reason %q is no Chinese sentence", refused.Reason)
			}
			if peak > 64<<20 {
				t.Errorf("the heap rose by %d MB", peak>>20)
			}
		})
	}
}

// withDoctype is the book with a DTD declaring nested entities in front of
// its shared strings.
func (b book) withDoctype(t *testing.T) []byte {
	data := b.bytes(t)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/sharedStrings.xml" {
			_ = zw.Copy(f)
			continue
		}
		w, _ := zw.Create(f.Name)
		var dtd strings.Builder
		dtd.WriteString(`<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol0 "lol">`)
		for i := 1; i <= 9; i++ {
			dtd.WriteString(`<!ENTITY lol` + string(rune('0'+i)) + ` "` + strings.Repeat("&lol"+string(rune('0'+i-1))+";", 10) + `">`)
		}
		dtd.WriteString(`]><sst><si><t>&lol9;</t></si></sst>`)
		_, _ = w.Write([]byte(dtd.String()))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func bomb(t *testing.T) []byte {
	b := book{sheets: []string{"S"}, xml: map[string]string{"S": sheetData()}}
	data := b.bytes(t)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			_ = zw.Copy(f)
			continue
		}
		w, _ := zw.Create(f.Name)
		_, _ = w.Write(make([]byte, 60<<20))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// FuzzRead: whatever the bytes, Read returns a document or an error, never
// panics, and a document's tables stay within the limits; Rows likewise
// gives rows within the width asked for.
func FuzzRead(f *testing.F) {
	f.Add(book{sheets: []string{"S"}, shared: []string{"<t>规章</t>"}, names: map[string]string{"k": "S!$B$1"},
		xml: map[string]string{"S": sheetData(row("1", c("A1", ` t="s"`, "<v>0</v>"), c("B1", "", "<v>7</v>"))) + `<mergeCells><mergeCell ref="A1:A2"/></mergeCells>`}}.bytes(f))
	f.Add(templatetest.Filled(f, templatetest.Load(f, "seed-2020.json"), source.XLSX))
	lim := source.DefaultLimits
	lim.MaxCells = 2000
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = xlsx.Rows(context.Background(), data, lim, 8, func(row int, cells []xlsx.Value) error {
			if row < 1 || len(cells) > 8 {
				t.Fatalf("row %d of %d cells, past the width of 8", row, len(cells))
			}
			return nil
		})
		doc, err := xlsx.Read(context.Background(), data, lim)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Table.Rows()*b.Table.Cols() > lim.MaxCells {
				t.Fatalf("a %d×%d table past MaxCells", b.Table.Rows(), b.Table.Cols())
			}
		}
	})
}
