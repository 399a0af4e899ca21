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
	out := make([]Member, len(entries))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, Parallelism)
	var wg sync.WaitGroup
	for i := range entries {
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
