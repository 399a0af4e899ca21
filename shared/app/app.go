// Package app assembles what an entry point needs from the configuration:
// the store, the registry and the archiver, and — only for those that file
// reports — the renderer with its fonts. Lambda mains and the local server
// differ only in the options they pass and in how requests reach them.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	awsconfig "github.com/aws/aws-sdk-go-v2/config"

	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/store/s3store"
)

// App is the assembled back end.
type App struct {
	Config   config.Config
	Store    store.Creator
	Registry *registry.Service
	Archiver *archive.Archiver
	Log      *slog.Logger
}

// Option chooses what Open assembles beyond the store and the registry.
type Option func(*options)

type options struct {
	renderer func() (registry.Renderer, error)
}

// WithRenderer lets the registry file reports: newRenderer (render.New)
// parses the fonts once, at start-up. Functions that only read leave it
// out, so that they neither link nor parse the fonts.
func WithRenderer[R registry.Renderer](newRenderer func() (R, error)) Option {
	return func(o *options) {
		o.renderer = func() (registry.Renderer, error) { return newRenderer() }
	}
}

// Open reads the configuration through getenv and opens what it names.
func Open(ctx context.Context, getenv func(string) string, opts ...Option) (*App, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var rnd registry.Renderer
	if o.renderer != nil {
		if rnd, err = o.renderer(); err != nil {
			return nil, fmt.Errorf("renderer: %w", err)
		}
	}
	log := cfg.Logger()
	reg := registry.New(st, rnd)
	return &App{
		Config:   cfg,
		Store:    st,
		Registry: reg,
		Archiver: archive.New(reg, st, cfg.ArchiveOrganization, archive.WithLog(log)),
		Log:      log,
	}, nil
}

// OpenStore opens the store the configuration selects.
func OpenStore(ctx context.Context, c config.Config) (store.Creator, error) {
	switch c.Store {
	case config.FS:
		if err := os.MkdirAll(c.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("data directory %s: %w", c.DataDir, err)
		}
		return fsstore.New(c.DataDir)
	case config.S3:
		awsCfg, err := awsconfig.LoadDefaultConfig(ctx)
		if err != nil {
			return nil, fmt.Errorf("load AWS configuration: %w", err)
		}
		return s3store.New(awsCfg, s3store.Options{Bucket: c.Bucket, UsePathStyle: c.PathStyle})
	}
	return nil, fmt.Errorf("no store backend %q", c.Store)
}

// MustOpen is Open for Lambda mains: a function that cannot start says why in
// its log and exits, so that the failure shows as an init error.
func MustOpen(opts ...Option) *App {
	a, err := Open(context.Background(), os.Getenv, opts...)
	if err != nil {
		slog.New(slog.NewJSONHandler(os.Stderr, nil)).Error("start-up failed", slog.Any("error", err))
		os.Exit(1)
	}
	return a
}
