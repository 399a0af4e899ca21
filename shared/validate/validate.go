// Package validate checks a decoded report against the national format's
// arithmetic identities (H1–H5) and the auditors' soft checks (S1–S12) of
// report-format.md §5, and rejects characters the PDF cannot draw.
package validate

import (
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// GlyphChecker says whether the PDF's fonts can draw a character. The renderer
// implements it from its fonts' cmaps.
type GlyphChecker interface {
	HasGlyph(r rune) bool
}

// Options are the optional inputs of a check.
type Options struct {
	// Previous is the same agency's report for the year before, for the
	// cross-year checks S1 and S3; nil skips them.
	Previous *report.Report
	// Glyphs rejects characters the PDF fonts lack; nil checks only that every
	// character is printable and inside the BMP.
	Glyphs GlyphChecker
	// Now bounds reportYear; the zero value means time.Now().
	Now time.Time
}

// Check returns the findings of every rule on r, which must come from a
// successful report.Decode (a non-nil report).
func Check(r *report.Report, opts Options) []report.Finding {
	c := &checker{r: r, opts: opts}
	if r.Layout() != nil {
		c.identities()
		c.notApplicable()
		c.table2Plausibility()
		c.narrative()
		c.crossYear()
	}
	c.reportYear()
	c.structure()
	c.glyphs()
	return c.fs.List()
}

// Document decodes data and checks it: the findings of both, decoding first.
// The report is nil when data is not a usable JSON document.
func Document(data []byte, opts Options) (*report.Report, []report.Finding) {
	r, decoded := report.Decode(data)
	if r == nil {
		return nil, decoded
	}
	var fs report.Findings
	fs.AddAll(decoded)
	fs.AddAll(Check(r, opts))
	return r, fs.List()
}

type checker struct {
	r    *report.Report
	opts Options
	fs   report.Findings // bounded: prose or text can be made to fail without end
}

func (c *checker) add(f report.Finding) { c.fs.Add(f) }

func (c *checker) now() time.Time {
	if c.opts.Now.IsZero() {
		return time.Now()
	}
	return c.opts.Now
}
