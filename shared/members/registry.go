package members

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/nianbao/nianbao/shared/registry"
)

// Registry is the Source over a registry: the catalog from one walk over
// every agency's current version (registry.Current), the reports read with
// the manifests that walk returned, one request each.
//
// The registry's current walk does not count an agency's versions, so
// Entry.Versions is 0 here (unknown), and it has no first filing time.
type Registry struct {
	Reg *registry.Service

	mu        sync.Mutex
	manifests map[string]registry.Manifest // by ID, from the last Entries
}

// NewRegistry returns the Source over reg.
func NewRegistry(reg *registry.Service) *Registry { return &Registry{Reg: reg} }

// Entries returns every agency's current report for year.
func (r *Registry) Entries(ctx context.Context, year int) ([]Entry, error) {
	out := []Entry{}
	ms := map[string]registry.Manifest{}
	err := r.Reg.Current(ctx, year, func(m registry.Manifest) error {
		ms[m.ID] = m
		out = append(out, Entry{ID: m.ID, CreditCode: m.CreditCode, Name: m.AgencyName, Region: m.Region,
			FormatVersion: m.FormatVersion, FiledAt: m.ValidatedAt, Warnings: m.Warnings})
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	if r.manifests == nil || len(r.manifests) > maxKeptManifests {
		r.manifests = map[string]registry.Manifest{}
	}
	for id, m := range ms {
		r.manifests[id] = m
	}
	r.mu.Unlock()
	return out, nil
}

// maxKeptManifests bounds the manifests kept between Entries and OpenJSON
// (about 1 KB each).
const maxKeptManifests = 50_000

// OpenJSON opens a filed version's canonical JSON: one request when Entries
// listed it, else the manifest first.
func (r *Registry) OpenJSON(ctx context.Context, id string) (io.ReadCloser, error) {
	r.mu.Lock()
	m, ok := r.manifests[id]
	r.mu.Unlock()
	if !ok {
		rc, _, err := r.Reg.Open(ctx, id, registry.FileJSON)
		return rc, err
	}
	rc, _, err := r.Reg.OpenFile(ctx, m, registry.FileJSON)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", id, err)
	}
	return rc, nil
}
