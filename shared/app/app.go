// Package app assembles what every entry point needs from the configuration:
// the store, the renderer (fonts parsed once per process) and the registry.
// Lambda mains and the local server differ only in how requests reach them.
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
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/store/s3store"
)

// App is the assembled back end.
type App struct {
	Config   config.Config
	Registry *registry.Service
	Archiver *archive.Archiver
	Store    store.Creator
	Log      *slog.Logger
}

// Open reads the configuration through getenv and opens the store and renderer.
func Open(ctx context.Context, getenv func(string) string) (*App, error) {
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	rnd, err := render.New()
	if err != nil {
		return nil, fmt.Errorf("renderer: %w", err)
	}
	reg := registry.New(st, rnd)
	return &App{Config: cfg, Registry: reg, Archiver: archive.New(reg, st, cfg.ArchiveOrganization), Store: st, Log: cfg.Logger()}, nil
}

// OpenStore opens the store the configuration names: the S3 bucket, or the
// filesystem store in the data directory.
func OpenStore(ctx context.Context, c config.Config) (store.Creator, error) {
	if c.Bucket == "" {
		if err := os.MkdirAll(c.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("data directory %s: %w", c.DataDir, err)
		}
		return fsstore.New(c.DataDir)
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("load AWS configuration: %w", err)
	}
	return s3store.New(awsCfg, s3store.Options{Bucket: c.Bucket, UsePathStyle: c.PathStyle})
}

// MustOpen is Open for Lambda mains: a function that cannot start says why in
// its log and exits, so that the failure shows as an init error.
func MustOpen() *App {
	a, err := Open(context.Background(), os.Getenv)
	if err != nil {
		slog.New(slog.NewJSONHandler(os.Stderr, nil)).Error("start-up failed", slog.Any("error", err))
		os.Exit(1)
	}
	return a
}
