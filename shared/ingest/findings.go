package ingest

import (
	"encoding/json"
	"fmt"

	"github.com/nianbao/nianbao/shared/report"
)

// Caps on the findings of one import: a hostile file must not produce
// megabytes of them. A report has about 200 cells; an import that finds
// every one of them missing reports twice that.
const (
	DefaultMaxFindings      = 600
	DefaultMaxFindingsBytes = 256 << 10
)

// RuleTruncated closes a list of findings that was cut.
const RuleTruncated = "import-truncated"

// capFindings keeps the first findings within the count and byte caps and
// says how many more there were.
func capFindings(fs []report.Finding, maxCount, maxBytes int) []report.Finding {
	if maxCount <= 0 {
		maxCount = DefaultMaxFindings
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxFindingsBytes
	}
	size := 0
	for i, f := range fs {
		b, _ := json.Marshal(f)
		size += len(b) + 1
		if i < maxCount && size <= maxBytes {
			continue
		}
		out := append([]report.Finding(nil), fs[:i]...)
		return append(out, report.Finding{Rule: RuleTruncated, Severity: report.Warning,
			Message: fmt.Sprintf("问题过多，另有 %d 条未列出（共 %d 条）", len(fs)-i, len(fs))})
	}
	if fs == nil {
		return []report.Finding{}
	}
	return fs
}
