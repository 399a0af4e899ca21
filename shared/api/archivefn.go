package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/registry"
)

// Events the archive function receives besides HTTP requests.
const (
	// SourceSchedule marks the yearly EventBridge schedule's constant input.
	SourceSchedule = "nianbao.schedule"
	// SourceArchive marks the function's asynchronous invocation of itself.
	SourceArchive = "nianbao.archive"
	// ActionCatalogCheck is the hourly schedule's action: check this year's
	// and last year's catalogs (registry.Reconcile).
	ActionCatalogCheck = "catalog-check"
)

// RunEvent asks the archive function to build a year's bag.
type RunEvent struct {
	Source string `json:"source"`
	Action string `json:"action,omitempty"`
	Year   int    `json:"year,omitempty"`
}

// NewArchiveFunction returns the archive Lambda's handler for every event it
// receives: HTTP requests through the API, the yearly schedule (archive the
// year before), and its own asynchronous run requests.
func NewArchiveFunction(a *archive.Archiver, start Starter, log *slog.Logger) func(context.Context, json.RawMessage) (any, error) {
	httpHandler := NewArchive(a, start, log)
	return func(ctx context.Context, raw json.RawMessage) (any, error) {
		var probe struct {
			RequestContext json.RawMessage `json:"requestContext"`
			RunEvent
		}
		if err := json.Unmarshal(raw, &probe); err != nil {
			return nil, fmt.Errorf("archive function: unreadable event: %w", err)
		}
		switch {
		case len(probe.RequestContext) > 0:
			var req Request
			if err := json.Unmarshal(raw, &req); err != nil {
				return nil, fmt.Errorf("archive function: HTTP event: %w", err)
			}
			return httpHandler(ctx, req)
		case probe.Source == SourceSchedule && probe.Action == ActionCatalogCheck:
			now := time.Now().Year()
			return checkCatalogs(ctx, a, log, now-1, now)
		case probe.Source == SourceSchedule:
			year := time.Now().Year() - 1
			// The bag holds what the catalog lists: bring it up to date first.
			_, _ = checkCatalogs(ctx, a, log, year)
			if _, err := a.Request(ctx, year); err != nil && !errors.Is(err, archive.ErrInProgress) {
				return nil, err
			}
			return run(ctx, a, log, year)
		case probe.Source == SourceArchive:
			return run(ctx, a, log, probe.Year)
		}
		return nil, fmt.Errorf("archive function: unknown event (source %q)", probe.Source)
	}
}

func run(ctx context.Context, a *archive.Archiver, log *slog.Logger, year int) (any, error) {
	st, err := a.Run(ctx, year, nil)
	if err != nil {
		log.ErrorContext(ctx, "archive failed", slog.Int("year", year), slog.Any("error", err))
		return st, err
	}
	log.InfoContext(ctx, "archive done", slog.Int("year", year), slog.Int("reports", st.Reports),
		slog.Int64("bytes", st.Bytes), slog.String("sha256", st.SHA256))
	return st, nil
}

// checkCatalogs repairs the catalogs of years and logs what it found; a
// year that fails does not stop the others.
func checkCatalogs(ctx context.Context, a *archive.Archiver, log *slog.Logger, years ...int) (any, error) {
	var reports []registry.ReconcileReport
	var errs []error
	for _, y := range years {
		rep, err := a.Registry().Reconcile(ctx, y)
		if err != nil {
			log.ErrorContext(ctx, "catalog check failed", slog.Int("year", y), slog.Any("error", err))
			errs = append(errs, err)
			continue
		}
		level := slog.LevelInfo
		if len(rep.Unreadable) > 0 || len(rep.Repaired) > 0 || len(rep.Orphans) > 0 {
			level = slog.LevelWarn
		}
		log.Log(ctx, level, "catalog checked", slog.Int("year", y), slog.Int("agencies", rep.Agencies),
			slog.Bool("rebuilt", rep.Rebuilt), slog.Any("repaired", rep.Repaired), slog.Any("dropped", rep.Dropped),
			slog.Any("unreadable", rep.Unreadable), slog.Any("orphansRemoved", rep.Orphans), slog.Int("orphansPending", rep.Pending))
		reports = append(reports, rep)
	}
	return reports, errors.Join(errs...)
}

// BackgroundStarter runs archive jobs in this process, one at a time per
// year: the local server's Starter.
type BackgroundStarter struct {
	Archiver *archive.Archiver
	Log      *slog.Logger
}

// Start runs the year's archive in the background; the request's context
// does not bound it.
func (b BackgroundStarter) Start(ctx context.Context, year int) error {
	go func() { _, _ = run(context.WithoutCancel(ctx), b.Archiver, b.Log, year) }()
	return nil
}
