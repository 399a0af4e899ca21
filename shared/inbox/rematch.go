package inbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
)

// redecide matches an entry waiting for its agency again, from its stored
// draft: the agency fields the list filled last time are cleared first, so
// that a changed list decides afresh. data is the original, or nil to read
// the one kept with the entry.
func (p *Processor) redecide(ctx context.Context, e imports.Entry, etag string, data []byte) (imports.Entry, error) {
	d, _ := report.Decode(e.Report)
	if d == nil {
		return e, nil // no usable draft: nothing a list can change
	}
	for _, path := range e.Filled {
		switch path {
		case pathCreditCode:
			d.Agency.CreditCode = ""
		case pathRegion:
			d.Agency.Region = ""
		case pathName:
			d.Agency.Name = ""
		}
	}
	if data == nil {
		var err error
		if data, err = p.readOriginal(ctx, e); err != nil {
			return imports.Entry{}, err
		}
	}
	next := e
	if err := p.decide(ctx, &next, d, importFindings(e.Findings), data); err != nil {
		return imports.Entry{}, err // a review entry stays as it was
	}
	if next.State == imports.Review && next.List == e.List && slices.EqualFunc(next.Reasons, e.Reasons, func(a, b imports.Reason) bool { return a == b }) {
		return e, nil // nothing changed: no write
	}
	next, _, err := p.save(ctx, next, etag)
	return next, err
}

func (p *Processor) readOriginal(ctx context.Context, e imports.Entry) ([]byte, error) {
	rc, _, err := p.queue.OpenOriginal(ctx, e)
	if err != nil {
		return nil, fmt.Errorf("original of %s: %w", e.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, source.DefaultLimits.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("original of %s: %w", e.Name, err)
	}
	return data, nil
}

// ErrUnfinished: Rematch stopped before its context's deadline with
// entries left; running it again goes on where it stopped (entries filed
// are not waiting any more).
var ErrUnfinished = errors.New("rematch unfinished: run it again")

// rematchMargin is the time left before the context's deadline at which
// Rematch stops starting entries.
const rematchMargin = 20 * time.Second

// Rematched counts what Rematch did.
type Rematched struct {
	Waiting int `json:"waiting"` // entries that waited for their agency
	Filed   int `json:"filed"`
	Review  int `json:"review"` // still waiting, now or for another reason
}

// Rematch matches every entry of the year that waits for its agency
// against the year's list as it is now: after a new agencies file or
// roster, the reports it names are filed. An entry that fails stays as it
// was and the others go on; the first error is returned.
func (p *Processor) Rematch(ctx context.Context, year int) (Rematched, error) {
	p.lists.forget(year) // a list just put is the one to match against
	listing, err := p.queue.List(ctx, year)
	if err != nil {
		return Rematched{}, err
	}
	var done Rematched
	var errs []error
	for _, s := range listing.Entries {
		if s.State != imports.Review || !waitsForAgency(imports.Entry{Reasons: s.Reasons}) {
			continue
		}
		done.Waiting++
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < rematchMargin {
			return done, ErrUnfinished
		}
		e, etag, err := p.queue.Get(ctx, year, s.SHA256)
		if err == nil && e.State == imports.Review {
			e, err = p.redecide(ctx, e, etag, nil)
		}
		if err != nil {
			p.log.WarnContext(ctx, "rematch failed", slog.String("name", s.Name), slog.Any("error", err))
			errs = append(errs, err)
			continue
		}
		if e.State == imports.Filed {
			done.Filed++
		} else {
			done.Review++
		}
	}
	return done, errors.Join(errs...)
}
