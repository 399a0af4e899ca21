package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/shared/store/fsstore"
)

// sweepEvery is how often a running server looks for temporary files that
// killed writers (a crashed server, an interrupted `nianbao archive`) left
// in the filesystem store.
const sweepEvery = time.Hour

// staleRemover is a store that can remove what killed writers left: the
// filesystem store. S3 needs nothing of the kind (an unfinished multipart
// upload is aborted by the writer, or by a bucket lifecycle rule).
type staleRemover interface {
	RemoveStale(ctx context.Context, olderThan time.Duration) (int, error)
}

// sweepTemporaries removes stale temporary files from st at start-up and
// every sweepEvery until ctx is done; other stores it leaves alone.
func sweepTemporaries(ctx context.Context, st any, log *slog.Logger) {
	s, ok := st.(staleRemover)
	if !ok {
		return
	}
	tick := time.NewTicker(sweepEvery)
	defer tick.Stop()
	for {
		n, err := s.RemoveStale(ctx, fsstore.StaleAfter)
		switch {
		case err != nil && ctx.Err() == nil:
			log.WarnContext(ctx, "removing stale temporary files", slog.Int("removed", n), slog.Any("error", err))
		case n > 0:
			log.InfoContext(ctx, "removed stale temporary files", slog.Int("removed", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
