package render

import (
	"strings"
	"time"
	"unicode/utf16"
)

// pdfaPart is the PDF/A part claimed: 3 when a file is embedded (PDF/A-2
// forbids embedded files other than PDF/A), else 2. Conformance is "U":
// every glyph maps to Unicode.
func pdfaPart(doc *Document) string {
	if doc.Attachment != nil {
		return "3"
	}
	return "2"
}

func keywords(doc *Document) string { return strings.Join(doc.Keywords, "; ") }

// producer is written to both Info and XMP, which PDF/A requires to agree.
const producer = Version + " (fpdf)"

// xmp returns the XMP metadata packet. PDF/A requires it to agree with the
// Info dictionary that finish writes from the same fields.
func xmp(doc *Document) []byte {
	date := xmpDate(doc.Date)
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>` + pdfaPart(doc) + `</pdfaid:part>
<pdfaid:conformance>U</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
`)
	if doc.Title != "" {
		b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(doc.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if doc.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + xmlEscape(doc.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if doc.Subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(doc.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if kw := keywords(doc); kw != "" {
		b.WriteString("<pdf:Keywords>" + xmlEscape(kw) + "</pdf:Keywords>\n")
	}
	b.WriteString("<pdf:Producer>" + xmlEscape(producer) + "</pdf:Producer>\n")
	b.WriteString("<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>\n")
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// xmpDate formats t as XMP wants it, with the same instant and offset as
// pdfDate.
func xmpDate(t time.Time) string { return t.Format("2006-01-02T15:04:05Z07:00") }

// pdfDate formats t as a PDF date string body: D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "D:" + t.Format("20060102150405") + "Z"
	}
	z := t.Format("-07:00")
	return "D:" + t.Format("20060102150405") + z[:3] + "'" + z[4:] + "'"
}

// pdfText encodes s as a PDF text string: UTF-16BE with a byte-order mark,
// in hex so no escaping is needed.
func pdfText(s string) string {
	const hex = "0123456789ABCDEF"
	u := utf16.Encode([]rune(s))
	b := make([]byte, 0, 6+4*len(u))
	b = append(b, "<FEFF"...)
	for _, c := range u {
		b = append(b, hex[c>>12], hex[c>>8&15], hex[c>>4&15], hex[c&15])
	}
	return string(append(b, '>'))
}
