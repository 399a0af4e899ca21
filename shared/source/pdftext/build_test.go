package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf16"
)

// pdfFile writes small PDFs for tests: the hostile and odd files the
// reader must refuse or survive are made here, not committed as binaries.
type pdfFile struct {
	objs [][]byte // object n is objs[n-1]
}

// add appends an object and returns its number.
func (f *pdfFile) add(obj string) int {
	f.objs = append(f.objs, []byte(obj))
	return len(f.objs)
}

// reserve returns the number of an object set later with set.
func (f *pdfFile) reserve() int { return f.add("null") }

func (f *pdfFile) set(n int, obj string) { f.objs[n-1] = []byte(obj) }

// stream appends a stream object; flate compresses data.
func (f *pdfFile) stream(dict string, data []byte, flate bool) int {
	if flate {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		_, _ = w.Write(data)
		_ = w.Close()
		data = b.Bytes()
		dict += " /Filter /FlateDecode"
	}
	return f.add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
}

// bytes writes the file with a cross-reference table.
func (f *pdfFile) bytes(root int, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(f.objs))
	for i, o := range f.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(f.objs)+1, root, trailer, x)
	return b.Bytes()
}

// testDoc is a test document: pages of content drawn with two fonts, F1 (a
// simple Latin font) and F2 (a composite font whose codes are the UTF-16
// of the text, with a ToUnicode CMap saying so unless noToUnicode).
type testDoc struct {
	pages       []string
	extraRes    string // more resource entries, e.g. XObjects
	noToUnicode bool
	flate       bool
}

func (d testDoc) build() []byte {
	f := &pdfFile{}
	catalog := f.reserve()
	pagesObj := f.reserve()
	res := fmt.Sprintf("<< /Font %s %s >>", d.fonts(f), d.extraRes)
	var kids []string
	for _, content := range d.pages {
		c := f.stream("", []byte(content), d.flate)
		p := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>", pagesObj, res, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	f.set(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	f.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj))
	return f.bytes(catalog, "")
}

// fonts adds F1 and F2 to f and returns the font resource dictionary.
func (d testDoc) fonts(f *pdfFile) string {
	f1 := f.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	toUni := ""
	if !d.noToUnicode {
		cm := f.stream("", []byte(identityToUnicode), false)
		toUni = fmt.Sprintf("/ToUnicode %d 0 R", cm)
	}
	cid := f.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 [500] 48 57 500 65 122 500] >>")
	f2 := f.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] %s >>", cid, toUni))
	return fmt.Sprintf("<< /F1 %d 0 R /F2 %d 0 R >>", f1, f2)
}

// identityToUnicode maps every two-byte code to the same UTF-16 unit.
const identityToUnicode = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test-UCS2 def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfrange <0000> <00FF> <0000> <0100> <FFFF> <0100> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`

// cjk returns s as a hex string of F2's codes.
func cjk(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// drawText draws s with F2 at size pt, its baseline's left end at (x, y) from
// the page's top-left corner.
func drawText(x, y, size float64, s string) string {
	return fmt.Sprintf("BT /F2 %g Tf 1 0 0 1 %g %g Tm %s Tj ET\n", size, x, 842-y, cjk(s))
}

// ruledTable draws a grid of rows×len(widths) cells with its top-left
// corner at (x, y), rows h high, and puts texts[r][c] in each cell.
func ruledTable(x, y, h float64, widths []float64, texts [][]string) string {
	var b strings.Builder
	total := 0.0
	for _, w := range widths {
		total += w
	}
	b.WriteString("0.5 w\n")
	for r := 0; r <= len(texts); r++ {
		fmt.Fprintf(&b, "%g %g m %g %g l S\n", x, 842-y-float64(r)*h, x+total, 842-y-float64(r)*h)
	}
	cx := x
	for c := 0; c <= len(widths); c++ {
		fmt.Fprintf(&b, "%g %g m %g %g l S\n", cx, 842-y, cx, 842-y-float64(len(texts))*h)
		if c < len(widths) {
			cx += widths[c]
		}
	}
	for r, row := range texts {
		cx := x
		for c, s := range row {
			if s != "" {
				b.WriteString(drawText(cx+3, y+float64(r)*h+h*0.7, 10, s))
			}
			cx += widths[c]
		}
	}
	return b.String()
}
