package api

import (
	"context"
	"log/slog"
	"sync"

	"github.com/nianbao/nianbao/shared/changes"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/textdiff"
)

// maxCompared bounds the versions a page or GET /reports/{id}/changes
// compares with the one before: each costs a read of its report. Agencies
// correct a report a handful of times; older versions are listed only.
const maxCompared = 20

// readParallelism bounds the reports read at once from the store.
const readParallelism = 8

// versionEntry is one acknowledged version and what changed in it.
type versionEntry struct {
	registry.Version
	Number int `json:"number"` // 1 for the first acknowledged
	// Changes against the version before; absent for the first, and for
	// versions older than the newest maxCompared.
	Changes *changes.Changes `json:"changes,omitempty"`
	// Unreadable: the version, or the one before, could not be read, so
	// nothing was compared (the log says why).
	Unreadable bool `json:"unreadable,omitempty"`
}

// history returns the versions of the report id is a version of, oldest
// first, each compared with the one before. known holds reports the caller
// has read already, by id.
func (ix *index) history(ctx context.Context, id string, known map[string]*report.Report) ([]versionEntry, error) {
	vs, err := ix.reg.Versions(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]versionEntry, len(vs))
	for i, v := range vs {
		out[i] = versionEntry{Version: v, Number: i + 1}
	}
	first := max(1, len(vs)-maxCompared) // the oldest version compared with its predecessor
	if len(vs) < 2 {
		return out, nil
	}
	reports := ix.readReports(ctx, vs[first-1:], known)
	budget := &textdiff.Budget{Steps: textdiff.DefaultSteps}
	for i := first; i < len(vs); i++ {
		old, new := reports[i-first], reports[i-first+1]
		if old == nil || new == nil {
			out[i].Unreadable = true
			continue
		}
		c := changes.Between(old, new, budget)
		out[i].Changes = &c
	}
	return out, nil
}

// readReports reads the reports of vs a few at a time, in order; a report
// that cannot be read is nil and logged, so that one bad old version does
// not take the page down with it.
func (ix *index) readReports(ctx context.Context, vs []registry.Version, known map[string]*report.Report) []*report.Report {
	out := make([]*report.Report, len(vs))
	sem := make(chan struct{}, readParallelism)
	var wg sync.WaitGroup
	for i, v := range vs {
		if r := known[v.ID]; r != nil {
			out[i] = r
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := ix.reg.Report(ctx, v.ID)
			if err != nil {
				ix.log.WarnContext(ctx, "version unreadable", slog.String("id", v.ID), slog.Any("error", err))
				return
			}
			out[i] = r
		})
	}
	wg.Wait()
	return out
}

// changesOf is GET /reports/{id}/changes: every acknowledged version of the
// report, and what changed in each against the one before.
func (ix *index) changesOf(ctx context.Context, req Request) Response {
	id := pathParam(req, "id")
	if _, err := ix.reg.Manifest(ctx, id); err != nil {
		return failure(ctx, ix.log, req, err)
	}
	vs, err := ix.history(ctx, id, nil)
	if err != nil {
		return failure(ctx, ix.log, req, err)
	}
	return jsonResponse(200, struct {
		ID       string         `json:"id"`
		Versions []versionEntry `json:"versions"`
	}{id, vs})
}
