package members

import (
	"context"
	"io"

	"github.com/nianbao/nianbao/shared/registry"
)

// Registry is the Source over a registry: the year's catalog (one read of
// its shards, whatever the number of stored versions) and each report's
// JSON in one request.
type Registry struct {
	Reg *registry.Service
}

// NewRegistry returns the Source over reg.
func NewRegistry(reg *registry.Service) *Registry { return &Registry{Reg: reg} }

// Entries returns every agency's current report for year, from the catalog.
func (r *Registry) Entries(ctx context.Context, year int) ([]Entry, error) {
	c, err := r.Reg.Catalog(ctx, year)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, len(c.Items))
	for i, s := range c.Items {
		out[i] = Entry{ID: s.ID, CreditCode: s.CreditCode, Name: s.AgencyName, Region: s.Region,
			FormatVersion: s.FormatVersion, FiledAt: s.ValidatedAt, FirstFiledAt: s.FirstValidatedAt,
			Warnings: s.Warnings, Errors: s.Errors, Versions: s.Versions}
	}
	return out, nil
}

// OpenJSON opens a filed version's canonical JSON.
func (r *Registry) OpenJSON(ctx context.Context, id string) (io.ReadCloser, error) {
	return r.Reg.OpenJSON(ctx, id)
}
