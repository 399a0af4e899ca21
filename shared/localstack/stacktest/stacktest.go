// Package stacktest starts the whole local stack for a test: the functions
// behind the gateway, on a filesystem store in a fresh directory, with the
// renderer parsed once per test process.
package stacktest

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/localstack"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
)

// Renderer returns the process's one renderer: parsing the fonts takes
// tens of milliseconds, once.
func Renderer(t testing.TB) registry.Renderer {
	t.Helper()
	r, err := renderer()
	if err != nil {
		t.Fatalf("parse the fonts: %v", err)
	}
	return r
}

var renderer = sync.OnceValues(render.New)

// WithRenderer is app.WithRenderer with the process's one renderer.
func WithRenderer(t testing.TB) app.Option {
	r := Renderer(t)
	return app.WithRenderer(func() (registry.Renderer, error) { return r, nil })
}

// Stack is a running local stack.
type Stack struct {
	URL string // http://127.0.0.1:PORT
	App *app.App
}

// SyncArchives makes POST /archives/{year} build the bag before it
// answers, so that a test's temporary store outlives the run.
const SyncArchives = true

// Start serves the whole API with o on a new filesystem store and stops
// it when the test ends; with syncArchives, archive runs finish before the
// request that starts them is answered.
func Start(t testing.TB, o localstack.Options, syncArchives ...bool) *Stack {
	t.Helper()
	env := map[string]string{config.EnvStore: string(config.FS), config.EnvDataDir: t.TempDir(), config.EnvLogLevel: "error"}
	a, err := app.Open(context.Background(), func(k string) string { return env[k] }, WithRenderer(t))
	if err != nil {
		t.Fatalf("open the stack: %v", err)
	}
	if len(syncArchives) > 0 && syncArchives[0] {
		o.Starter = syncStarter{a.Archiver}
	}
	srv := httptest.NewServer(localstack.New(a, o)) // listens on 127.0.0.1:0
	t.Cleanup(srv.Close)
	return &Stack{URL: srv.URL, App: a}
}

type syncStarter struct{ a *archive.Archiver }

func (s syncStarter) Start(ctx context.Context, year int) error {
	_, err := s.a.Run(ctx, year, nil)
	return err
}
