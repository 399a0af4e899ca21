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
	RendererVersion string              `json:"rendererVersion"`
	Files           map[string]FileInfo `json:"files"` // report.json, report.pdf, findings.json
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
	Warnings      int            `json:"warnings"`
	Versions      int            `json:"versions"` // acknowledged versions for this agency and year
}

// latest is the pointer object: the current version first, then every
// version ever acknowledged for the agency and year, oldest first, so that no
// acknowledged submission is lost whatever the order of concurrent writers.
type latest struct {
	Current Manifest     `json:"current"`
	History []historyRef `json:"history"`
}

type historyRef struct {
	ID          string    `json:"id"`
	ValidatedAt time.Time `json:"validatedAt"`
}

func (l *latest) summary() Summary {
	m := l.Current
	return Summary{ID: m.ID, Year: m.Year, CreditCode: m.CreditCode, AgencyName: m.AgencyName, Region: m.Region,
		Title: m.Title, FormatVersion: m.FormatVersion, ValidatedAt: m.ValidatedAt, Warnings: m.Warnings,
		Versions: len(l.History)}
}
