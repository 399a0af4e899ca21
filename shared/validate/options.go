package validate

import (
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// Options are the inputs of a check besides the report. The characters the
// PDF can print are not an option: every check rejects the others, so that
// nianbao validate, nianbao render and the upload agree.
type Options struct {
	// Previous is the same agency's report for the year before, for the
	// cross-year checks S1 and S3; nil skips them.
	Previous *report.Report
	// Now bounds reportYear; the zero value means time.Now().
	Now time.Time
}

// NewOptions returns the options of a check of a report filed now, with the
// previous year's report when there is one (nil otherwise). Every entry point
// — nianbao validate and render, POST /reports and /reports/validate — builds
// its options here.
func NewOptions(previous *report.Report, now time.Time) Options {
	return Options{Previous: previous, Now: now}
}
