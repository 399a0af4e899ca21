// Package source is the neutral form of a document read from outside: the
// headings, paragraphs and tables of a Word draft, a workbook, a web page, a
// PDF's text layer or a text dump, each piece carrying where it came from.
//
// Readers (one package per kind under source/) turn bytes into a Document;
// the recogniser maps a Document onto the report contract. Nothing here knows
// the report format.
package source

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the kind of document a reader understands.
type Kind string

// The kinds, as `nianbao import --json` names them.
const (
	PDF  Kind = "pdf"
	DOCX Kind = "docx"
	XLSX Kind = "xlsx"
	HTML Kind = "html"
	Text Kind = "text" // plain text and Markdown: OCR and crawler dumps
)

// Document is a read document in reading order.
type Document struct {
	Kind   Kind
	Title  string // the file's own title (HTML <title>, the docx core title), "" when none
	Blocks []Block
	// Meta holds what the file declares about itself in machine-readable
	// form (document properties, defined names, <meta> tags); nianbao's own
	// templates name their format version here.
	Meta map[string]string
}

// BlockKind says what a block is.
type BlockKind uint8

// The kinds of block.
const (
	Paragraph BlockKind = iota + 1
	Heading
	TableBlock
)

func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Heading:
		return "heading"
	case TableBlock:
		return "table"
	}
	return fmt.Sprintf("BlockKind(%d)", uint8(k))
}

// Block is a heading, a paragraph or a table.
type Block struct {
	Kind  BlockKind
	Level int    // a heading's level when the source says it (1 is the top), 0 when unknown
	Text  string // a heading's or paragraph's text; "" for a table
	Table *Table // set for TableBlock
	Loc   Location
}

// Location says where a piece came from, in the terms of its source. Zero
// fields are unknown.
type Location struct {
	Page  int     // 1-based page of a PDF
	X, Y  float64 // a PDF piece's top-left corner in points, from the page's top-left corner
	Line  int     // 1-based line of a text source
	Sheet string  // a workbook's sheet
	Ref   string  // a workbook cell reference such as C7
	Table int     // 1-based number of the table in the document
	Row   int     // 1-based row in that table's grid
	Col   int     // 1-based column in that table's grid
}

// String says where, in Chinese, for findings and the form's source snippets:
// "第3页 表2 第4行第5列", "第120行", "工作表“表三” C7".
func (l Location) String() string {
	var b strings.Builder
	sep := func() {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
	}
	num := func(prefix string, n int, suffix string) {
		b.WriteString(prefix)
		b.WriteString(strconv.Itoa(n))
		b.WriteString(suffix)
	}
	if l.Page > 0 {
		num("第", l.Page, "页")
	}
	if l.Sheet != "" {
		sep()
		b.WriteString("工作表“" + l.Sheet + "”")
		if l.Ref != "" {
			b.WriteString(" " + l.Ref)
		}
	}
	if l.Table > 0 {
		sep()
		num("表", l.Table, "")
		if l.Row > 0 {
			num(" 第", l.Row, "行")
		}
		if l.Col > 0 {
			num("第", l.Col, "列")
		}
	}
	if l.Line > 0 {
		sep()
		num("第", l.Line, "行")
	}
	return b.String()
}
