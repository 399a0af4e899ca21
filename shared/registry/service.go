package registry

import (
	"context"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store"
)

// Renderer typesets a report's PDF and says which characters its fonts can
// draw, so that validation rejects the rest before anything is stored.
type Renderer interface {
	HasGlyph(r rune) bool
	Render(ctx context.Context, w io.Writer, doc *render.Document) error
}

// Service files and finds reports. It is safe for concurrent use.
type Service struct {
	store    store.Store
	renderer Renderer
	now      func() time.Time
}

// New returns a Service over s that renders with r.
func New(s store.Store, r Renderer) *Service {
	return &Service{store: s, renderer: r, now: time.Now}
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
	maxLatestBytes   = 4 << 20 // the pointer keeps every acknowledged version
	maxFindingsBytes = 4 << 20
)
