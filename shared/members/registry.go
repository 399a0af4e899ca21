package members

import (
	"context"
	"io"

	"github.com/nianbao/nianbao/shared/registry"
)

// Registry is the Source over a registry: the catalog from its listing of
// every agency's current report, the reports from their files.
type Registry struct{ Reg *registry.Service }

// Entries returns every agency's current report for year, page by page.
func (r Registry) Entries(ctx context.Context, year int) ([]Entry, error) {
	out := []Entry{}
	f := registry.Filter{Year: year, Limit: registry.MaxPageSize}
	for {
		page, err := r.Reg.List(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Items {
			out = append(out, Entry{ID: s.ID, CreditCode: s.CreditCode, Name: s.AgencyName, Region: s.Region,
				FormatVersion: s.FormatVersion, FiledAt: s.ValidatedAt, Warnings: s.Warnings, Versions: s.Versions})
		}
		if page.Next == "" {
			return out, nil
		}
		f.Token = page.Next
	}
}

// OpenJSON opens a filed version's canonical JSON.
func (r Registry) OpenJSON(ctx context.Context, id string) (io.ReadCloser, error) {
	rc, _, err := r.Reg.Open(ctx, id, registry.FileJSON)
	return rc, err
}
