package render

import (
	"strings"
	"time"
	"unicode/utf16"
)

// The file claims PDF/A-2 level A (ISO 19005-2: archival, every glyph
// mapped to Unicode, and a logical structure with the natural language
// declared) and PDF/UA-1 (ISO 14289-1: accessible). See docs/render.md for
// why level A and not U, and why no attachment.
const (
	pdfaPart        = "2"
	pdfaConformance = "A"
	pdfuaPart       = "1"
)

func keywords(doc *Document) string { return strings.Join(doc.Keywords, "; ") }

// producer is written to both Info and XMP, which PDF/A requires to agree.
const producer = Version

// pdfuaExtension describes the pdfuaid schema: PDF/A accepts only the XMP
// properties it predefines unless the packet describes the others
// (ISO 19005-2, 6.6.2.3), and PDF/UA-1's identification is not among them.
const pdfuaExtension = `<rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`

// xmp returns the XMP metadata packet. PDF/A requires it to agree with the
// Info dictionary, which is written from the same fields.
func xmp(doc *Document) []byte {
	date := xmpDate(doc.Date)
	var b strings.Builder
	b.Grow(3 << 10)
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfaid:part>` + pdfaPart + `</pdfaid:part>
<pdfaid:conformance>` + pdfaConformance + `</pdfaid:conformance>
<pdfuaid:part>` + pdfuaPart + `</pdfuaid:part>
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
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n")
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	b.WriteString("</rdf:Description>\n")
	b.WriteString(pdfuaExtension)
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

// lang is the natural language of every document (catalog /Lang and XMP).
const lang = "zh-CN"

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }

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

// appendPDFText appends s as a PDF text string: UTF-16BE with a byte-order
// mark, in hex so no escaping is needed.
func appendPDFText(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, "<FEFF"...)
	for _, r := range s {
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			b = append(b, hex[r1>>12], hex[r1>>8&15], hex[r1>>4&15], hex[r1&15])
			r = r2
		}
		b = append(b, hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
	}
	return append(b, '>')
}
