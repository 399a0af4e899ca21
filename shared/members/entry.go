package members

import (
	"context"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// Entry is what the catalog holds of an agency's current report for a year.
type Entry struct {
	ID            string         `json:"id"`
	CreditCode    string         `json:"creditCode"`
	Name          string         `json:"name"`
	Region        string         `json:"region,omitempty"` // as the report gives it
	FormatVersion report.Version `json:"formatVersion"`
	// FiledAt is when the current version was validated and filed.
	FiledAt time.Time `json:"filedAt"`
	// FirstFiledAt is when the agency first filed for the year, zero when
	// the catalog does not say; the deadline is judged on it when known,
	// so that a correction after the deadline does not make a report late.
	FirstFiledAt time.Time `json:"firstFiledAt,omitzero"`
	Warnings     int       `json:"warnings"`
	Errors       int       `json:"errors"`
	Versions     int       `json:"versions"`
}

// Filed is the time the deadline is judged on.
func (e *Entry) Filed() time.Time {
	if !e.FirstFiledAt.IsZero() {
		return e.FirstFiledAt
	}
	return e.FiledAt
}

// Catalog lists the current report of every agency that filed for a year,
// in credit-code order, without reading the reports.
type Catalog interface {
	Entries(ctx context.Context, year int) ([]Entry, error)
}

// Reports opens the canonical JSON of a filed version. An error matching
// registry.ErrNotFound or registry.ErrCorrupt concerns that member alone;
// any other stops the whole read.
type Reports interface {
	OpenJSON(ctx context.Context, id string) (io.ReadCloser, error)
}

// Source is a catalog whose reports can be read.
type Source interface {
	Catalog
	Reports
}
