package registry

import (
	"context"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store"
)

// Renderer typesets a report's PDF. Which characters it can draw the
// validator knows already (validate's font ranges, kept equal to the fonts by
// a test), so that validation needs no renderer.
type Renderer interface {
	Render(ctx context.Context, w io.Writer, doc *render.Document) error
}

// Service files and finds reports. It is safe for concurrent use.
type Service struct {
	store    store.Store
	renderer Renderer // nil in a read-only service
	now      func() time.Time
	cache    *catalogCache

	// Tests shrink these to reach the edge cases with a few filings.
	window, keep int           // pointer history bounds: maxHistory, keepHistory
	grace        time.Duration // orphanGrace
	shards       int           // Shards; the benchmarks compare others
	buildWait    time.Duration // maxBuildWait
}

// New returns a Service over s that renders with r. Every read works with a
// nil renderer; Submit then refuses with ErrNoRenderer.
func New(s store.Store, r Renderer) *Service {
	return &Service{store: s, renderer: r, now: time.Now, cache: newCatalogCache(),
		window: maxHistory, keep: keepHistory, grace: orphanGrace, shards: Shards, buildWait: maxBuildWait}
}

// WithClock returns a copy of the service that reads the time from now; tests
// and benchmarks use it for reproducible validatedAt stamps.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Bounds on what the registry reads back from the store.
const (
	maxManifestBytes = 64 << 10
	// maxLatestBytes bounds a pointer or history page. New ones are a few
	// kilobytes; pointers written before history pages kept every version
	// and reached 4 MiB, so one that size is still read (once: the next
	// filing pages it out).
	maxLatestBytes   = 8 << 20
	maxFindingsBytes = 4 << 20
)
