package registry

import (
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// Manifest describes one filed version of a report. Its presence is what
// makes the version exist.
type Manifest struct {
	ID              string              `json:"id"`
	Year            int                 `json:"year"`
	CreditCode      string              `json:"creditCode"`
	AgencyName      string              `json:"agencyName"`
	Region          string              `json:"region,omitempty"`
	Title           string              `json:"title"`
	FormatVersion   report.Version      `json:"formatVersion"`
	SHA256          string              `json:"sha256"` // of report.json, the canonical JSON
	ValidatedAt     time.Time           `json:"validatedAt"`
	Warnings        int                 `json:"warnings"`
	Errors          int                 `json:"errors,omitempty"` // error findings stored with the version (Submit files none)
	RendererVersion string              `json:"rendererVersion"`
	Files           map[string]FileInfo `json:"files"` // report.json, report.pdf, findings.json; source.{ext} when imported
}

// FileInfo records one stored file of a version.
type FileInfo struct {
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	ContentType string `json:"contentType"`
}

// Summary is what a listing shows of the current version of a report.
type Summary struct {
	ID            string         `json:"id"`
	Year          int            `json:"year"`
	CreditCode    string         `json:"creditCode"`
	AgencyName    string         `json:"agencyName"`
	Region        string         `json:"region,omitempty"`
	Title         string         `json:"title"`
	FormatVersion report.Version `json:"formatVersion"`
	ValidatedAt   time.Time      `json:"validatedAt"`
	// FirstValidatedAt is when the agency first filed for the year; zero
	// when unknown (a pointer paged out before it was recorded).
	FirstValidatedAt time.Time `json:"firstValidatedAt,omitzero"`
	Warnings         int       `json:"warnings"`
	Errors           int       `json:"errors"`
	Versions         int       `json:"versions"` // acknowledged versions for this agency and year
	// Source names the original an imported report was read from
	// (source.pdf, …); empty when the report was not imported.
	Source string `json:"source,omitempty"`
}
