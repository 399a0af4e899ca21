package main

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/shared/render"
)

// typstSource writes doc as Typst markup laid out like nianbao's PDF: A4
// with the same margins, Noto Serif SC 12 pt justified with a two-character
// indent, headings in Noto Sans SC Bold 14 pt, the title centred at 20 pt,
// lines 1.75 apart, tables at 10.5 pt (1.35) with their merged cells and
// repeated headers, and the
// folio "— N —" in the footer. Text goes in as string literals, so nothing
// in a report is read as markup.
func typstSource(doc *render.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#set document(title: %s, author: %s)\n", lit(doc.Title), lit(doc.Author))
	b.WriteString(`#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer: context align(center, text(size: 12pt)[— #counter(page).display() —]))
#set text(font: "Noto Serif SC", size: 12pt, lang: "zh", region: "cn", top-edge: 0.88em, bottom-edge: -0.12em)
#set par(justify: true, leading: 0.75em, spacing: 0.75em, first-line-indent: (amount: 2em, all: true))
#show title: set text(size: 20pt, weight: "regular")
#show title: set align(center)
#show heading: set text(font: "Noto Sans SC", weight: "bold", size: 14pt)
#show heading: set block(above: 1em, below: 0.6em)
#set table(stroke: 0.2mm, inset: (x: 1.2mm, y: 0.9mm), align: center + horizon)
#show table: set text(size: 10.5pt)
#show table: set par(justify: false, first-line-indent: 0em, leading: 0.35em)
#title()
`)
	for _, blk := range doc.Blocks {
		switch blk := blk.(type) {
		case render.Heading:
			fmt.Fprintf(&b, "#heading(level: 1, %s)\n", lit(blk.Text))
		case render.Subheading:
			fmt.Fprintf(&b, "#align(center, %s)\n", lit(blk.Text))
		case render.Paragraph:
			for p := range strings.SplitSeq(blk.Text, "\n") {
				if p = strings.TrimSpace(p); p != "" {
					fmt.Fprintf(&b, "#par(%s)\n\n", lit(p))
				}
			}
		case render.Table:
			writeTable(&b, &blk)
		}
	}
	return b.String()
}

func writeTable(b *strings.Builder, t *render.Table) {
	b.WriteString("#table(columns: (")
	for i, w := range t.Widths {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%gfr", w)
	}
	b.WriteString("),\n  table.header(repeat: true,\n")
	for _, row := range t.Header {
		writeRow(b, row)
	}
	b.WriteString("  ),\n")
	for _, row := range t.Body {
		writeRow(b, row)
	}
	b.WriteString(")\n")
}

func writeRow(b *strings.Builder, row []render.Cell) {
	b.WriteString("   ")
	for _, c := range row {
		fmt.Fprintf(b, " table.cell(colspan: %d, rowspan: %d", max(c.ColSpan, 1), max(c.RowSpan, 1))
		if c.Align == render.AlignLeft {
			b.WriteString(", align: left + horizon")
		}
		fmt.Fprintf(b, ", %s),", lit(c.Text))
	}
	b.WriteString("\n")
}

// lit is s as a Typst string literal.
func lit(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s) + `"`
}
