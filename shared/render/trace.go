package render

import "math"

// Trace is the result of layout: every text run and table box the
// renderer places, page by page, in millimetres from the top-left corner,
// and the document's logical structure. It is what golden tests compare;
// Render paints exactly this.
type Trace struct {
	PageWidth  float64 `json:"pageWidth"`
	PageHeight float64 `json:"pageHeight"`
	Pages      []Page  `json:"pages"`
	Outline    []Mark  `json:"outline,omitempty"`
	// Tags is the structure tree in reading order: Tags[0] is the Document
	// element, and every other tag comes after its parent and after its
	// earlier siblings.
	Tags []Tag `json:"tags"`
}

// Page is one laid-out page.
type Page struct {
	Texts []Text `json:"texts"`
	Boxes []Box  `json:"boxes,omitempty"` // table rules: layout artifacts
}

// Text is a run of text drawn with one text operator.
type Text struct {
	Role    string  `json:"role"` // title, heading, subheading, body, cell or folio
	Face    string  `json:"face"` // serif or sans
	Size    float64 `json:"size"` // points
	X       float64 `json:"x"`
	Y       float64 `json:"y"`                 // baseline
	Spacing float64 `json:"spacing,omitempty"` // extra advance after each character
	Text    string  `json:"text"`
	// Tag is the index in Trace.Tags of the element the run is part of,
	// unless Artifact says the run is not part of the content.
	Tag      int    `json:"tag"`
	Artifact string `json:"artifact,omitempty"` // ArtifactFooter or ArtifactRepeat
}

// Artifacts: text that is drawn but is not part of the document's content,
// so assistive technology skips it.
const (
	ArtifactFooter = "footer" // the folio
	ArtifactRepeat = "repeat" // a table header, or a spanning cell's text, drawn again after a page break
)

// Tag is an element of the logical structure, with a standard structure
// type of ISO 32000-1, 14.8.4 (so no role map is needed).
type Tag struct {
	Type    string `json:"type"`   // Document, H1, H2, P, Caption, Table, THead, TBody, TR, TH or TD
	Parent  int    `json:"parent"` // index in Trace.Tags; -1 for the Document
	Scope   string `json:"scope,omitempty"`
	RowSpan int    `json:"rowSpan,omitempty"` // set when over 1
	ColSpan int    `json:"colSpan,omitempty"` // set when over 1
	// Headers are the indexes of the header cells (TH) that describe a
	// table cell, column headers from the top, then row headers from the
	// left.
	Headers []int `json:"headers,omitempty"`
}

// Structure types.
const (
	tagDocument = "Document"
	tagH1       = "H1"
	tagH2       = "H2"
	tagP        = "P"
	tagCaption  = "Caption"
	tagTable    = "Table"
	tagTHead    = "THead"
	tagTBody    = "TBody"
	tagTR       = "TR"
	tagTH       = "TH"
	tagTD       = "TD"

	scopeColumn = "Column"
	scopeRow    = "Row"
)

// Box is the ruled border of a table cell, or of the part of a cell that
// falls on one page.
type Box struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Mark is a PDF outline entry for a level-1 heading.
type Mark struct {
	Text string  `json:"text"`
	Page int     `json:"page"` // 1-based
	Y    float64 `json:"y"`
}

// round2 rounds to 1/100 mm (finer than any device pixel) so that traces,
// and the PDFs painted from them, do not depend on the last bits of
// floating-point arithmetic, which differ between architectures.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// round4 is round2 for spacing, where error accumulates over a line.
func round4(v float64) float64 { return math.Round(v*10000) / 10000 }
