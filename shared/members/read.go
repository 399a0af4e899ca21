package members

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/validate"
)

// Parallelism is how many reports Read fetches at once: enough to hide an
// S3 server's latency (a request takes milliseconds, a decode tens of
// microseconds), few enough that memory stays at most 32 documents deep.
const Parallelism = 32

// maxCachedVersions bounds a year's cache: a province's agencies with a
// few superseded versions each.
const maxCachedVersions = 60_000

// MaxProblems caps the findings kept per member, errors and warnings each.
const MaxProblems = 20

// Member is an agency's current report as the office reads it: its table
// cells only (the prose is dropped once checked, so that thousands of
// members fit in little memory).
type Member struct {
	Entry
	// Report holds the cells and the agency; nil when the report could not
	// be read. Unreadable then says why, as a predicate of 年报: 无法解析.
	Report     *report.Report
	Unreadable string
	// Errors and Warnings are the findings of checking the report again
	// today (rules change; a version filed last year may fail now), at most
	// MaxProblems of ErrorCount and WarningCount. The check has no previous
	// year's report, so the cross-year checks (S1, S3) are not among them.
	Errors       []report.Finding
	ErrorCount   int
	Warnings     []report.Finding
	WarningCount int
}

// Read fetches, decodes and checks the reports of entries, Parallelism at a
// time, and returns them in the same order. A report that is missing or
// damaged is a Member with Unreadable set; a store that fails stops the
// read with its error.
func Read(ctx context.Context, src Reports, entries []Entry, now time.Time) ([]Member, error) {
	return read(ctx, src, entries, now, nil)
}

// ReadCached is Read that takes from cache what it holds of the year's
// versions and fetches only the rest, then saves what it learned. Reads of
// different regions share the cache; when superseded versions pile up past
// maxCachedVersions, it keeps only the versions just read. A cache that cannot be read or written costs time, not the
// answer. A nil cache reads everything.
func ReadCached(ctx context.Context, src Reports, cache Cache, year int, entries []Entry, now time.Time) ([]Member, error) {
	if cache == nil {
		return Read(ctx, src, entries, now)
	}
	known, err := cache.Load(ctx, year)
	if err != nil {
		known = map[string]Cached{}
	}
	out, err := read(ctx, src, entries, now, known)
	if err != nil {
		return nil, err
	}
	fresh := 0
	for i := range out {
		m := &out[i]
		if _, ok := known[m.ID]; !ok && m.Report != nil {
			known[m.ID] = cachedOf(m)
			fresh++
		}
	}
	if fresh > 0 {
		if len(known) > maxCachedVersions { // old versions piled up: keep this read's
			kept := make(map[string]Cached, len(out))
			for i := range out {
				if c, ok := known[out[i].ID]; ok {
					kept[out[i].ID] = c
				}
			}
			known = kept
		}
		_ = cache.Save(ctx, year, known) // best effort: the next read refetches
	}
	return out, nil
}

func read(ctx context.Context, src Reports, entries []Entry, now time.Time, known map[string]Cached) ([]Member, error) {
	out := make([]Member, len(entries))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, Parallelism)
	var wg sync.WaitGroup
	for i := range entries {
		if c, ok := known[entries[i].ID]; ok {
			if m, ok := c.member(entries[i]); ok {
				out[i] = m
				continue
			}
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			m, err := readOne(ctx, src, entries[i], now)
			if err != nil {
				cancel(err)
				return
			}
			out[i] = m
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

func readOne(ctx context.Context, src Reports, e Entry, now time.Time) (Member, error) {
	m := Member{Entry: e}
	rc, err := src.OpenJSON(ctx, e.ID)
	if errors.Is(err, registry.ErrNotFound) || errors.Is(err, registry.ErrCorrupt) {
		m.Unreadable = "在存储中找不到或无法读取"
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read %s: %w", e.ID, err)
	}
	data, err := io.ReadAll(io.LimitReader(rc, report.MaxDocumentBytes+1))
	rc.Close()
	if err != nil {
		return m, fmt.Errorf("read %s: %w", e.ID, err)
	}
	r, fs := report.Decode(data)
	if r == nil || r.Layout() == nil {
		m.Unreadable = "无法解析"
		return m, nil
	}
	if !report.HasErrors(fs) {
		fs = validate.Check(r, validate.Options{Now: now})
	}
	for _, f := range fs {
		switch f.Severity {
		case report.Error:
			if m.ErrorCount < MaxProblems {
				m.Errors = append(m.Errors, f)
			}
			m.ErrorCount++
		case report.Warning:
			if m.WarningCount < MaxProblems {
				m.Warnings = append(m.Warnings, f)
			}
			m.WarningCount++
		}
	}
	r.Sections, r.Title = report.Sections{}, ""
	m.Report = r
	return m, nil
}
