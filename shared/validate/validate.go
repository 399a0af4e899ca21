// Package validate checks a decoded report against the national format's
// identities (H1–H5) and the auditors' checks (S1–S12) described in
// docs/report-format.md, and rejects characters the PDF cannot print.
//
// The rule catalogue (Rules) lists every rule a finding may name, the
// decoder's structural rules included, and drives Check.
package validate

import (
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// Check returns the findings of every rule of the catalogue on r, in
// catalogue order. r must come from a successful report.Decode (a non-nil
// report).
func Check(r *report.Report, opts Options) []report.Finding {
	c := &checker{r: r, opts: opts}
	for i := range catalogue {
		if check := catalogue[i].check; check != nil {
			check(c)
		}
	}
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
