package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/nianbao/nianbao/shared/report"
)

// Version is one acknowledged version of an agency's report for a year.
type Version struct {
	ID          string    `json:"id"`
	SHA256      string    `json:"sha256"`
	ValidatedAt time.Time `json:"validatedAt"`
	Current     bool      `json:"current"`
}

// Versions returns every acknowledged version of the report that id is a
// version of (the same agency and year), in the order they were
// acknowledged, oldest first: the newest from the agency's latest.json,
// the older ones from its history pages. It fails with ErrNotFound when the
// agency has filed nothing for the year.
func (s *Service) Versions(ctx context.Context, id string) ([]Version, error) {
	parsed, err := ParseID(id)
	if err != nil {
		return nil, err
	}
	l, _, err := s.readLatest(ctx, parsed.Year, parsed.CreditCode)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", id, err)
	}
	var older [][]historyRef // pages, newest first
	err = s.pages(ctx, parsed.Year, parsed.CreditCode, l.Older, func(p historyPage) bool {
		older = append(older, p.Versions)
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", id, err)
	}
	history := make([]historyRef, 0, l.versions())
	for i := len(older) - 1; i >= 0; i-- {
		history = append(history, older[i]...)
	}
	history = append(history, l.History...)
	out := make([]Version, 0, len(history))
	for _, h := range history {
		v, err := ParseID(h.ID)
		if err != nil || v.Year != parsed.Year || v.CreditCode != parsed.CreditCode {
			return nil, fmt.Errorf("%w: %s names version %q", ErrCorrupt, latestKey(parsed.Year, parsed.CreditCode), h.ID)
		}
		out = append(out, Version{ID: h.ID, SHA256: v.SHA256, ValidatedAt: h.ValidatedAt, Current: h.ID == l.Current.ID})
	}
	return out, nil
}

// Report returns the report a filed version holds, decoded. Its JSON is
// checked against the SHA-256 the ID names, so what comes back is exactly
// what was acknowledged.
func (s *Service) Report(ctx context.Context, id string) (*report.Report, error) {
	parsed, err := ParseID(id)
	if err != nil {
		return nil, err
	}
	data, err := s.readAll(ctx, parsed.key(FileJSON), report.MaxDocumentBytes)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != parsed.SHA256 {
		return nil, fmt.Errorf("%w: %s does not hash to its id", ErrCorrupt, parsed.key(FileJSON))
	}
	r, fs := report.Decode(data)
	if r == nil || report.HasErrors(fs) {
		return nil, fmt.Errorf("%w: %s does not decode", ErrCorrupt, parsed.key(FileJSON))
	}
	return r, nil
}
