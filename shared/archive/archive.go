package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/store"
)

// Errors.
var (
	// ErrNoStatus: the year has never been archived or requested.
	ErrNoStatus = errors.New("no archive for this year")
	// ErrInProgress: a run for the year is queued or running.
	ErrInProgress = errors.New("an archive run is in progress")
	// ErrEmpty: the year has no reports to archive.
	ErrEmpty = errors.New("no reports filed for this year")
)

// Archiver builds the yearly bags.
type Archiver struct {
	reg   *registry.Service
	store store.Creator
	org   string
	now   func() time.Time
	log   *slog.Logger
}

// Option configures an Archiver.
type Option func(*Archiver)

// WithLog makes the archiver log what it cannot report in the status: a
// progress update or a failure's status that could not be written.
func WithLog(l *slog.Logger) Option { return func(a *Archiver) { a.log = l } }

// New returns an archiver over the registry and its store; organization is
// the bag's Source-Organization (the office that keeps the archive).
func New(reg *registry.Service, st store.Creator, organization string, opts ...Option) *Archiver {
	a := &Archiver{reg: reg, store: st, org: organization, now: time.Now, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(a)
	}
	return a
}

// Registry is the registry the archiver reads: the archive function also
// runs its scheduled catalog check.
func (a *Archiver) Registry() *registry.Service { return a.reg }

// Status returns the year's archive status.
func (a *Archiver) Status(ctx context.Context, year int) (Status, error) {
	s, _, err := a.readStatus(ctx, year)
	return s, err
}

// Request queues a run for the year unless one is in progress, and returns
// the status to show. A run is started separately (Run), so that a Lambda
// can answer 202 at once and work asynchronously.
func (a *Archiver) Request(ctx context.Context, year int) (Status, error) {
	cur, etag, err := a.readStatus(ctx, year)
	if err != nil && !errors.Is(err, ErrNoStatus) {
		return Status{}, err
	}
	now := a.now().UTC()
	if err == nil && (cur.State == Queued || cur.State == Running) && now.Sub(cur.UpdatedAt) < staleAfter {
		return cur, ErrInProgress
	}
	next, err := a.writeStatus(ctx, Status{Year: year, State: Queued, RequestedAt: now}, etag, etag == "")
	if err != nil {
		if errors.Is(err, store.ErrPreconditionFailed) {
			latest, _, rerr := a.readStatus(ctx, year)
			if rerr != nil {
				return Status{}, rerr
			}
			return latest, ErrInProgress // a concurrent request won
		}
		return Status{}, err
	}
	return next, nil
}

// Run builds the year's bag into the store, reporting progress in the
// status object and to progress (may be nil). It leaves no visible bag when
// it fails; running it again completes the work.
func (a *Archiver) Run(ctx context.Context, year int, progress func(done, total int)) (Status, error) {
	st, etag, err := a.readStatus(ctx, year)
	if errors.Is(err, ErrNoStatus) {
		st, err = Status{Year: year, RequestedAt: a.now().UTC()}, nil
	}
	if err != nil {
		return Status{}, err
	}
	started := a.now().UTC()
	st.State, st.StartedAt, st.FinishedAt, st.Error = Running, &started, nil, nil
	if st, err = a.writeStatus(ctx, st, etag, etag == ""); err != nil {
		return Status{}, err
	}
	lastWrite := time.Now()
	report := func(done, total int) {
		if progress != nil {
			progress(done, total)
		}
		st.Done, st.Total = done, total
		if time.Since(lastWrite) >= 2*time.Second || done == 0 { // progress is a hint: never slow the run with it
			lastWrite = time.Now()
			if _, err := a.writeStatus(ctx, st, "", false); err != nil {
				a.log.WarnContext(ctx, "archive progress not recorded", slog.Int("year", year), slog.Any("error", err))
			}
		}
	}
	res, err := a.build(ctx, year, report)
	finished := a.now().UTC()
	st.FinishedAt = &finished
	if err != nil {
		st.State, st.Error = Failed, publicError(err)
		// Record the failure even if the run's context has ended.
		if written, werr := a.writeStatus(context.WithoutCancel(ctx), st, "", false); werr != nil {
			a.log.ErrorContext(ctx, "archive failure not recorded in its status", slog.Int("year", year), slog.Any("error", werr))
		} else {
			st = written
		}
		return st, err
	}
	st.State, st.Key, st.Bytes, st.SHA256, st.Reports, st.Done, st.Total = Done, res.key, res.bytes, res.sha256, res.reports, res.reports, res.reports
	return a.writeStatus(ctx, st, "", false)
}

// DownloadURL returns a short-lived URL for a finished bag, or an error
// matching store.ErrNotSupported on a store that cannot presign.
func (a *Archiver) DownloadURL(ctx context.Context, s Status, ttl time.Duration) (string, error) {
	if s.State != Done || s.Key == "" {
		return "", fmt.Errorf("archive %d: %w", s.Year, ErrNoStatus)
	}
	return a.store.PresignGet(ctx, s.Key, ttl, fmt.Sprintf("nianbao-%d.zip", s.Year))
}
