package render

// Page geometry and type sizes. The page follows GB/T 9704 (A4, 37 mm top
// margin, 28 mm left margin, 156 × 225 mm text block, folio 7 mm below the
// block as "— N —"); sizes are one step smaller than 公文 so that a
// report's prose and tables fit on a few pages.
const (
	mmPerPt = 25.4 / 72

	pageW   = 210.0
	pageH   = 297.0
	marginL = 28.0
	marginT = 37.0
	textW   = 156.0
	textH   = 225.0
	bottom  = marginT + textH

	titlePt   = 20.0
	titleLead = 1.5 // line height / size
	headPt    = 14.0
	headLead  = 1.6
	bodyPt    = 12.0
	bodyLead  = 1.75
	cellPt    = 10.5
	cellLead  = 1.35
	cellPadX  = 1.2 // mm
	cellPadY  = 0.9 // mm
	folioPt   = 12.0
	folioGap  = 7.0 // mm from the text block to the folio's top
	ruleWidth = 0.2 // mm, table rules

	// baselineRatio puts the baseline at 0.88 em below the top of the em
	// box, where CJK fonts put the ideographic em box.
	baselineRatio = 0.88

	eps = 1e-6
)

// Face names, as the Trace names them.
const (
	faceSerif = "serif"
	faceSans  = "sans"
)

// Roles of placed text in the Trace.
const (
	roleTitle      = "title"
	roleHeading    = "heading"
	roleSubheading = "subheading"
	roleBody       = "body"
	roleCell       = "cell"
	roleFolio      = "folio"
)

func ptToMM(pt float64) float64 { return pt * mmPerPt }

// baseline returns the baseline of text of size pt set in a line box of
// height lineH whose top is at top.
func baseline(top, lineH, pt float64) float64 {
	s := ptToMM(pt)
	return top + (lineH-s)/2 + baselineRatio*s
}
