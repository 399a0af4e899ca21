package template

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// DOCX writes the blank Word document of format version v.
func DOCX(w io.Writer, v report.Version) error {
	l, err := layoutOf(v)
	if err != nil {
		return err
	}
	return writeDOCX(w, l, nil)
}

// FilledDOCX writes the Word document of r's format version filled in with
// r's values.
func FilledDOCX(w io.Writer, r *report.Report) error {
	if r == nil || r.Layout() == nil {
		return fmt.Errorf("template: a report of a known format version is needed")
	}
	return writeDOCX(w, r.Layout(), r)
}

// The page: A4 with the margins of GB/T 9704, in twentieths of a point.
const (
	pageWidth  = 11906
	pageHeight = 16838
	marginLR   = 1247
	marginTB   = 1418
	textWidth  = pageWidth - 2*marginLR
)

func writeDOCX(w io.Writer, l *report.Layout, r *report.Report) error {
	d := &wordDoc{l: l, r: r}
	d.body()
	docTitle := title(l.Version)
	if r != nil {
		docTitle = r.DisplayTitle()
	}
	zw := zip.NewWriter(w)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", d.b.String()},
		{"word/styles.xml", stylesXML},
		{"docProps/core.xml", coreXML(docTitle)},
		{"docProps/custom.xml", customXML(l.Version)},
	} {
		// No modification time: the same input gives the same bytes.
		f, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate})
		if err != nil {
			return fmt.Errorf("template: write %s: %w", part.name, err)
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return fmt.Errorf("template: write %s: %w", part.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("template: write document: %w", err)
	}
	return nil
}

// wordDoc builds word/document.xml.
type wordDoc struct {
	l *report.Layout
	r *report.Report
	b strings.Builder
}

func (d *wordDoc) body() {
	d.b.WriteString(xml.Header)
	d.b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	heading := title(d.l.Version)
	if d.r != nil {
		heading = d.r.DisplayTitle()
	}
	d.para("Title", heading)
	for _, line := range instructions(d.l.Version, false) {
		d.para("Note", line)
	}
	d.table(fields())
	t2, t3, t4 := tables(d.l)
	after := map[int]table{1: t2, 2: t3, 3: t4}
	for i, f := range sectionFields() {
		d.para("Heading1", report.SectionHeadings[i])
		d.section(f)
		if t, ok := after[i]; ok {
			d.table(t)
		}
	}
	fmt.Fprintf(&d.b, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`,
		pageWidth, pageHeight, marginTB, marginLR, marginTB, marginLR)
	d.b.WriteString(`</w:body></w:document>`)
}

func (d *wordDoc) para(style, text string) {
	d.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	d.runs(text)
	d.b.WriteString(`</w:p>`)
}

// runs writes text as runs, line breaks as w:br.
func (d *wordDoc) runs(text string) {
	for i, line := range strings.Split(text, "\n") {
		d.b.WriteString(`<w:r>`)
		if i > 0 {
			d.b.WriteString(`<w:br/>`)
		}
		d.b.WriteString(`<w:t xml:space="preserve">`)
		escape(&d.b, line)
		d.b.WriteString(`</w:t></w:r>`)
	}
}

// section writes a section's prose in a block content control tagged with
// its path; a blank template shows placeholder text there.
func (d *wordDoc) section(f report.TextField) {
	d.b.WriteString(`<w:sdt><w:sdtPr><w:alias w:val="`)
	escape(&d.b, f.Label)
	d.b.WriteString(`"/><w:tag w:val="` + f.Path + `"/>`)
	text := ""
	if d.r != nil {
		text = f.Get(d.r)
	}
	if text == "" {
		d.b.WriteString(`<w:showingPlcHdr/></w:sdtPr><w:sdtContent>`)
		d.para("Body", "（请在此填写本部分内容，可分为多段）")
	} else {
		d.b.WriteString(`</w:sdtPr><w:sdtContent>`)
		for p := range strings.SplitSeq(text, "\n") {
			d.para("Body", p)
		}
	}
	d.b.WriteString(`</w:sdtContent></w:sdt>`)
}

// table writes t with its merged cells: a cell spanning columns has a
// gridSpan, one spanning rows a vMerge that restarts at its top row and
// continues below.
func (d *wordDoc) table(t table) {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	d.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	cols := make([]int, len(t.Widths))
	for i, w := range t.Widths {
		cols[i] = int(w / total * textWidth)
		fmt.Fprintf(&d.b, `<w:gridCol w:w="%d"/>`, cols[i])
	}
	d.b.WriteString(`</w:tblGrid>`)
	type slot struct {
		c   *cell
		top bool
	}
	at := map[[2]int]slot{}
	for i := range t.Cells {
		c := &t.Cells[i]
		for r := range c.RowSpan {
			at[[2]int{c.Row + r, c.Col}] = slot{c, r == 0}
		}
	}
	for r := range rows(t) {
		d.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for col := 0; col < len(t.Widths); {
			s, ok := at[[2]int{r, col}]
			if !ok { // no cell declared here: an empty one keeps the grid whole
				d.b.WriteString(`<w:tc><w:p/></w:tc>`)
				col++
				continue
			}
			c := s.c
			width := 0
			for k := range c.ColSpan {
				width += cols[min(c.Col+k, len(cols)-1)]
			}
			fmt.Fprintf(&d.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
			if c.ColSpan > 1 {
				fmt.Fprintf(&d.b, `<w:gridSpan w:val="%d"/>`, c.ColSpan)
			}
			switch {
			case c.RowSpan > 1 && s.top:
				d.b.WriteString(`<w:vMerge w:val="restart"/>`)
			case !s.top:
				d.b.WriteString(`<w:vMerge/>`)
			}
			d.b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			switch {
			case !s.top:
				d.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Cell"/></w:pPr></w:p>`)
			case c.Path != "":
				d.valueCell(c)
			default:
				style := "Cell"
				if c.Wide {
					style = "CellLeft"
				}
				d.para(style, c.Text)
			}
			d.b.WriteString(`</w:tc>`)
			col += c.ColSpan
		}
		d.b.WriteString(`</w:tr>`)
	}
	d.b.WriteString(`</w:tbl><w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr></w:p>`)
}

// valueCell writes a value cell's paragraph around a content control that
// carries the cell's path as its tag and its name as its title.
func (d *wordDoc) valueCell(c *cell) {
	style := "Cell"
	if c.Field {
		style = "CellLeft"
	}
	name := d.l.Describe(c.Path)
	if c.Field {
		name = report.FieldLabel(c.Path)
	}
	text := ""
	if d.r != nil {
		text = cellText(d.r, *c)
	}
	d.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:sdt><w:sdtPr><w:alias w:val="`)
	escape(&d.b, name)
	d.b.WriteString(`"/><w:tag w:val="` + c.Path + `"/></w:sdtPr><w:sdtContent>`)
	d.runs(text)
	d.b.WriteString(`</w:sdtContent></w:sdt></w:p>`)
}

func escape(b *strings.Builder, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a strings.Builder never fails
}

func coreXML(title string) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`)
	escape(&b, title)
	b.WriteString(`</dc:title><dc:subject>政府信息公开工作年度报告</dc:subject><dc:creator>nianbao</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">2019-01-01T00:00:00Z</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">2019-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>`)
	return b.String()
}

func customXML(v report.Version) string {
	return xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="` + VersionProperty + `"><vt:lpwstr>` + string(v) + `</vt:lpwstr></property></Properties>`
}

const contentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>` +
	`</Types>`

const packageRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>` +
	`</Relationships>`

const documentRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

// stylesXML: 宋体 body, 黑体 headings, small centred table text, single
// borders. Word refuses properties out of the schema's order, so mind it.
const stylesXML = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Body"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:ind w:firstLine="640"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="640"/><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="300" w:lineRule="auto"/></w:pPr><w:rPr><w:color w:val="595959"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Table Cell"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="CellLeft"><w:name w:val="Table Cell Left"/><w:basedOn w:val="Cell"/><w:pPr><w:jc w:val="left"/></w:pPr></w:style>` +
	`<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`
