// Package app assembles what every entry point needs from the configuration:
// the store, the renderer (fonts parsed once per process) and the registry.
// Lambda mains and the local server differ only in how requests reach them.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
)

// App is the assembled back end.
type App struct {
	Config   config.Config
	Registry *registry.Service
	Store    registry.Store
	Log      *slog.Logger
}

// Open reads the configuration through getenv and opens the store and renderer.
func Open(ctx context.Context, getenv func(string) string) (*App, error) {
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	st, err := cfg.OpenStore(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	rnd, err := render.New()
	if err != nil {
		return nil, fmt.Errorf("renderer: %w", err)
	}
	return &App{Config: cfg, Registry: registry.New(st, rnd), Store: st, Log: cfg.Logger()}, nil
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
