package pdftext

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/source"
)

// Files built here: a page of text with a ruled table, and its variants.
var plain = testDoc{pages: []string{
	drawText(72, 100, 16, "一、总体情况") +
		drawText(72, 130, 12, "本机关全年主动公开政府信息。") +
		ruledTable(72, 160, 20, []float64{150, 80, 80}, [][]string{{"信息内容", "本年制发件数", "现行有效件数"}, {"规章", "0", "3"}, {"行政规范性文件", "12", "40"}}),
}}

func refusal(t *testing.T, err error) *source.RefusedError {
	t.Helper()
	var r *source.RefusedError
	if !errors.As(err, &r) {
		t.Fatalf("got %v, want a refusal", err)
	}
	if !errors.Is(err, source.ErrRefused) {
		t.Errorf("%v does not match source.ErrRefused", err)
	}
	return r
}

func TestReadBuilt(t *testing.T) {
	doc, err := Read(context.Background(), plain.build(), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range doc.Blocks {
		kinds = append(kinds, b.Kind.String()+":"+b.Text)
	}
	want := []string{"heading:一、总体情况", "paragraph:本机关全年主动公开政府信息。", "table:"}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Fatalf("blocks %q, want %q", kinds, want)
	}
	tb := doc.Blocks[2].Table
	if got := strings.Join(tb.Texts(2), "|"); got != "行政规范性文件|12|40" {
		t.Errorf("row 3 = %q", got)
	}
	if loc := tb.Grid[2][1].Loc; loc.Page != 1 || loc.Table != 1 || loc.Row != 3 || loc.Col != 2 || loc.X != 222 || loc.Y != 200 {
		t.Errorf("cell location %+v, want page 1 table 1 row 3 col 2 at (222, 200)", loc)
	}
}

func TestRefusals(t *testing.T) {
	bomb := func() []byte { // a page whose content inflates far past the limit
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		_, _ = w.Write(bytes.Repeat([]byte(" "), 8<<20))
		_ = w.Close()
		f := &pdfFile{}
		cat, pages := f.reserve(), f.reserve()
		c := f.add(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", b.Len(), b.Bytes()))
		pg := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>", pages, c))
		f.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
		f.set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return f.bytes(cat, "")
	}
	scanned := func() []byte {
		f := &pdfFile{}
		cat, pages := f.reserve(), f.reserve()
		img := f.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}, false)
		c := f.stream("", []byte("q 595 0 0 842 0 0 cm /Im1 Do Q"), false)
		pg := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", pages, img, c))
		f.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
		f.set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return f.bytes(cat, "")
	}
	small := source.DefaultLimits
	small.MaxInflated = 1 << 20
	twoPages := source.DefaultLimits
	twoPages.MaxPages = 1
	tiny := source.DefaultLimits
	tiny.MaxBytes = 100
	tests := []struct {
		name string
		data []byte
		lim  source.Limits
		code string
		says string // part of the reason
	}{
		{"scanned", scanned(), source.DefaultLimits, source.Scanned, "OCR"},
		{"blank", testDoc{pages: []string{"0.5 w 10 10 m 100 10 l S"}}.build(), source.DefaultLimits, source.Scanned, "没有可读取的文字"},
		{"no character map", testDoc{pages: plain.pages, noToUnicode: true}.build(), source.DefaultLimits, source.Scanned, "字符映射"},
		{"inflation bomb", bomb(), small, source.InflateLimit, "解压"},
		{"too many pages", testDoc{pages: []string{plain.pages[0], plain.pages[0]}}.build(), twoPages, source.TooComplex, "页"},
		{"too large", plain.build(), tiny, source.TooLarge, "过大"},
		{"not a PDF inside", []byte("%PDF-1.7\nthis is not a PDF at all\n%%EOF\n"), source.DefaultLimits, source.Malformed, "损坏"},
		{"truncated", plain.build()[:300], source.DefaultLimits, source.Malformed, "损坏"},
		{"deep nesting", nested(), source.DefaultLimits, source.Malformed, "损坏"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := Read(context.Background(), tt.data, tt.lim)
			if err == nil {
				t.Fatalf("read %d blocks, want refusal %s", len(doc.Blocks), tt.code)
			}
			r := refusal(t, err)
			if r.Code != tt.code || !strings.Contains(r.Reason, tt.says) {
				t.Errorf("refusal %s %q, want %s saying %q (cause %v)", r.Code, r.Reason, tt.code, tt.says, r.Err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// nested is a page whose resources nest arrays a hundred thousand deep.
func nested() []byte {
	f := &pdfFile{}
	cat, pages := f.reserve(), f.reserve()
	deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	c := f.stream("", []byte(drawText(72, 100, 12, "文字")), false)
	pg := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Deep %s /Contents %d 0 R >>", pages, deep, c))
	f.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	f.set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	return f.bytes(cat, "")
}

// TestSurvives: files a viewer opens, built to trip a reader up, are read
// in bounded time without a panic.
func TestSurvives(t *testing.T) {
	formLoop := func() []byte {
		f := &pdfFile{}
		cat, pages, form := f.reserve(), f.reserve(), f.reserve()
		body := drawText(72, 100, 12, "表单文字") + "/Fm1 Do"
		f.set(form, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream", form, len(body), body))
		c := f.stream("", []byte("/Fm1 Do"), false)
		pg := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 %d 0 R >> >> /Contents %d 0 R >>", pages, form, c))
		f.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
		f.set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return f.bytes(cat, "")
	}
	pageLoop := func() []byte {
		f := &pdfFile{}
		cat, pages := f.reserve(), f.reserve()
		f.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pages))
		f.set(cat, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return f.bytes(cat, "")
	}
	manyQ := testDoc{pages: []string{strings.Repeat("q ", 100_000) + plain.pages[0] + strings.Repeat("Q ", 200_000)}}.build()
	junkOps := testDoc{pages: []string{"1 2 3 4 5 6 7 8 9 Tm ) ] >> /X TJ Tj 1e999 0 0 1 0 0 cm BI /W 1 ID xx EI " + plain.pages[0]}}.build()
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"form drawing itself", formLoop()},
		{"page tree loop", pageLoop()},
		{"q without Q", manyQ},
		{"junk operators", junkOps},
	} {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := Read(context.Background(), tt.data, source.DefaultLimits)
				done <- err
			}()
			select {
			case err := <-done:
				var r *source.RefusedError
				if err != nil && !errors.As(err, &r) {
					t.Fatalf("got %v, want a document or a refusal", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("still reading after 10 s")
			}
		})
	}
}

func TestSurvivesJunkKeepsText(t *testing.T) {
	junk := testDoc{pages: []string{strings.Repeat("q ", 1000) + "1 2 3 4 5 6 7 8 9 Tm ) ] >> /X TJ 1e999 0 0 1 0 0 cm BI /W 1 ID xx EI Q " + plain.pages[0]}}
	doc, err := Read(context.Background(), junk.build(), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 3 || doc.Blocks[2].Table == nil || doc.Blocks[2].Table.Grid[1][2].Text != "3" {
		t.Fatalf("junk before the text changed what is read: %+v", doc.Blocks)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, plain.build(), source.DefaultLimits); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestRunPastTheGrid keeps a number whole when it runs past its cell and
// out of the table, as a column cut at the page's edge leaves it.
func TestRunPastTheGrid(t *testing.T) {
	doc := testDoc{pages: []string{drawText(72, 100, 16, "一、总体情况") + drawText(72, 130, 12, "本机关全年主动公开政府信息。") +
		ruledTable(72, 160, 20, []float64{150, 20}, [][]string{{"信息内容", "总计"}, {"行政许可", "12345678"}})}}
	got, err := Read(context.Background(), doc.build(), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, b := range got.Blocks {
		if b.Table != nil {
			blocks = append(blocks, b.Kind.String()+":"+strings.Join(b.Table.Texts(1), "|"))
			continue
		}
		blocks = append(blocks, b.Kind.String()+":"+b.Text)
	}
	if want := "heading:一、总体情况 paragraph:本机关全年主动公开政府信息。 table:行政许可|12345678"; strings.Join(blocks, " ") != want {
		t.Errorf("blocks %q, want %q", blocks, want)
	}
}
