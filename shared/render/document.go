package render

import "time"

// Document is what Render typesets: a title, metadata and a flow of blocks.
// It holds no layout decisions; the renderer applies one fixed A4 style in
// the spirit of GB/T 9704.
type Document struct {
	Title    string    // printed centred at the top of page 1; also Info Title
	Author   string    // the agency; Info Author
	Subject  string    // Info Subject
	Keywords []string  // Info Keywords, joined with "; "
	Date     time.Time // creation and modification date; never the clock
	Blocks   []Block
}

// Block is one element of the document flow: *Heading, *Subheading,
// *Paragraph or *Table (values work too).
type Block interface{ isBlock() }

// Heading is a level-1 section heading, set in the heading face and
// bookmarked in the PDF outline.
type Heading struct{ Text string }

// Subheading is a caption above a table, such as "第二十条第（一）项",
// centred in the body face. Followed by a table it is tagged as that
// table's Caption, otherwise as a paragraph.
type Subheading struct{ Text string }

// Paragraph is justified body text with a two-character first-line indent.
// A '\n' in Text starts a new paragraph.
type Paragraph struct{ Text string }

// Table is a ruled table on a grid of len(Widths) columns. Rows list only
// the cells that start in them (HTML semantics): a slot covered by a
// rowspan from a row above is skipped. Spans must tile the grid exactly,
// and header spans must stay inside the header. Header cells are tagged as
// column headers (TH); body cells as data (TD) or, with RowHeader, as the
// headers of their rows.
type Table struct {
	Widths []float64 // relative column widths
	Header [][]Cell  // repeated at the top of every page the table crosses
	Body   [][]Cell
}

// Cell is one table cell.
type Cell struct {
	Text      string // '\n' forces a line break
	ColSpan   int    // 0 or 1 = one column
	RowSpan   int    // 0 or 1 = one row
	Align     Align
	RowHeader bool // a body cell that labels the rows it spans (TH, Scope Row)
}

// Align is the horizontal alignment of text in a cell.
type Align int

// Alignments. The zero value centres, which suits numeric report tables.
const (
	AlignCenter Align = iota
	AlignLeft
	AlignRight
)

func (Heading) isBlock()    {}
func (Subheading) isBlock() {}
func (Paragraph) isBlock()  {}
func (Table) isBlock()      {}
