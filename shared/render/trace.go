package render

import "math"

// Trace is the result of layout: every text run and table box the
// renderer places, page by page, in millimetres from the top-left corner.
// It is what golden tests compare; Render paints exactly this.
type Trace struct {
	PageWidth  float64 `json:"pageWidth"`
	PageHeight float64 `json:"pageHeight"`
	Pages      []Page  `json:"pages"`
	Outline    []Mark  `json:"outline,omitempty"`
}

// Page is one laid-out page.
type Page struct {
	Texts []Text `json:"texts"`
	Boxes []Box  `json:"boxes,omitempty"`
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
}

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
