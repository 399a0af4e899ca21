package api

import (
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// beijing is China Standard Time. Stored times stay UTC; pages show them in
// Beijing time and say so once per page. A fixed zone needs no tzdata on
// Lambda, and China has had no daylight saving time since 1991.
var beijing = time.FixedZone("CST", 8*60*60)

// pageFuncs are the helpers every page template may use.
var pageFuncs = map[string]any{
	// bjtime shows a stored (UTC) time in Beijing time to the minute.
	"bjtime": func(t time.Time) string { return t.In(beijing).Format("2006-01-02 15:04") },
	// isotime is the machine-readable time of a <time> element.
	"isotime": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	// severity names a finding's grade as a person reads it.
	"severity": severityLabel,
	"size":     sizeLabel,
}

// severityLabel is the Chinese word for a severity; the contract's own
// codes (error, warning, not-assessable) are for programs.
func severityLabel(s report.Severity) string {
	switch s {
	case report.Error:
		return "错误"
	case report.Warning:
		return "警告"
	case report.NotAssessable:
		return "无法判断"
	}
	return string(s)
}
