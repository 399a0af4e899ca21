package render

import (
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

//go:embed icc/sRGB2014.icc
var srgbICC []byte

// ptPerMM converts layout millimetres to PDF points.
const ptPerMM = 72 / 25.4

// paint draws the trace with fpdf and returns its raw output. fpdf writes
// the page tree, outline, XMP packet, output intent and Info; the page
// content (text and rules) is written here as raw operators that address
// glyphs of the embedded subsets, whose font objects finish adds.
// Compression is left to finish, which reuses one zlib writer.
func (r *Renderer) paint(tr *Trace, doc *Document, fonts []*embedded) ([]byte, error) {
	byFace := map[string]*embedded{}
	for _, e := range fonts {
		byFace[e.face.key] = e
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P", UnitStr: "mm",
		Size: fpdf.SizeType{Wd: tr.PageWidth, Ht: tr.PageHeight},
	})
	pdf.SetCatalogSort(true) // without it map order changes the bytes
	pdf.SetCompression(false)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCreationDate(doc.Date)
	pdf.SetModificationDate(doc.Date)
	pdf.SetLang("zh-CN")
	pdf.SetXmpMetadata(xmp(doc))
	pdf.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: "sRGB IEC61966-2.1",
		Info:                      "sRGB IEC61966-2.1",
		ICCProfile:                srgbICC,
	})
	var b []byte
	for n, p := range tr.Pages {
		pdf.AddPage()
		for _, m := range tr.Outline {
			if m.Page == n+1 {
				// With no UTF-8 font current fpdf writes the title as given,
				// so hand it UTF-16 with a byte-order mark.
				pdf.Bookmark(utf16BOM(m.Text), 0, m.Y)
			}
		}
		b = b[:0]
		if len(p.Boxes) > 0 {
			b = appendNum(b, ruleWidth*ptPerMM)
			b = append(b, " w\n"...)
			for _, x := range p.Boxes {
				b = appendNum(b, x.X*ptPerMM)
				b = append(b, ' ')
				b = appendNum(b, (tr.PageHeight-x.Y-x.H)*ptPerMM)
				b = append(b, ' ')
				b = appendNum(b, x.W*ptPerMM)
				b = append(b, ' ')
				b = appendNum(b, x.H*ptPerMM)
				b = append(b, " re S\n"...)
			}
		}
		// Tf and Tc are text-state parameters, valid outside BT/ET and kept
		// across text objects, so they are set only when they change.
		var cur *embedded
		curSize, curTc := 0.0, 0.0
		for _, t := range p.Texts {
			e := byFace[t.Face]
			if e == nil {
				return nil, fmt.Errorf("paint: text in face %q that has no font", t.Face)
			}
			if e != cur || t.Size != curSize {
				b = append(b, '/')
				b = append(b, e.res...)
				b = append(b, ' ')
				b = appendNum(b, t.Size)
				b = append(b, " Tf\n"...)
				cur, curSize = e, t.Size
			}
			if t.Spacing != curTc {
				b = strconv.AppendFloat(b, t.Spacing*ptPerMM, 'f', 3, 64)
				b = append(b, " Tc\n"...)
				curTc = t.Spacing
			}
			b = append(b, "BT "...)
			b = appendNum(b, t.X*ptPerMM)
			b = append(b, ' ')
			b = appendNum(b, (tr.PageHeight-t.Y)*ptPerMM)
			b = append(b, " Td "...)
			b = e.appendHex(b, t.Text)
			b = append(b, " Tj ET\n"...)
		}
		pdf.RawWriteStr(string(b))
	}
	var out bytes.Buffer
	out.Grow(64 << 10)
	if err := pdf.Output(&out); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPDF, err)
	}
	return out.Bytes(), nil
}

// appendNum appends v with two decimals, as fpdf writes coordinates.
func appendNum(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', 2, 64) }

// utf16BOM returns s as UTF-16BE bytes with a byte-order mark.
func utf16BOM(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return string(b)
}
