package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// latest is an agency's pointer object for a year (latest.json), the source
// of truth for which versions are acknowledged: the current version, the
// newest acknowledged ones, and a chain of immutable history pages holding
// the older ones, so that the object stays a few kilobytes however often the
// agency files.
type latest struct {
	Current Manifest     `json:"current"`
	History []historyRef `json:"history"` // the newest acknowledged versions, oldest first
	// Versions counts every acknowledged version, the paged-out ones too.
	// Zero in pointers written before history pages: len(History) then.
	Versions int `json:"versions,omitempty"`
	// Older names the newest history page (see pageKey); "" when none.
	Older string `json:"older,omitempty"`
	// Seq grows by one with every write of the pointer: the catalog keeps
	// the entry with the highest, whatever order its updates arrive in.
	Seq int64 `json:"seq,omitempty"`
	// First is when the agency first filed for the year: a deadline is met
	// or missed by the first filing, not by a later correction. Zero in
	// pointers written before it: their History then starts at the first.
	First time.Time `json:"first,omitzero"`
}

type historyRef struct {
	ID          string    `json:"id"`
	ValidatedAt time.Time `json:"validatedAt"`
}

// historyPage holds versions paged out of a pointer's History, oldest first,
// and names the page before it. Pages are written once, create-only, under a
// name derived from their content, before the pointer that names them.
type historyPage struct {
	Versions []historyRef `json:"versions"`
	Older    string       `json:"older,omitempty"`
}

// History bounds. A pointer holds at most maxHistory versions; past that, all
// but the newest keepHistory move to a new page, so pages hold 17 versions
// and the pointer stays under about 6 KB.
const (
	maxHistory  = 32
	keepHistory = 16
	// maxPages bounds a walk of the page chain (a damaged chain could loop).
	maxPages = 1 << 16
)

func (l *latest) versions() int {
	if l.Versions == 0 {
		return len(l.History)
	}
	return l.Versions
}

// first is when the agency first filed for the year.
func (l *latest) first() time.Time {
	if l.First.IsZero() && l.Older == "" && len(l.History) > 0 {
		return l.History[0].ValidatedAt
	}
	return l.First
}

func (l *latest) summary() Summary {
	m := l.Current
	return Summary{ID: m.ID, Year: m.Year, CreditCode: m.CreditCode, AgencyName: m.AgencyName, Region: m.Region,
		Title: m.Title, FormatVersion: m.FormatVersion, ValidatedAt: m.ValidatedAt, FirstValidatedAt: l.first(),
		Warnings: m.Warnings, Errors: m.Errors, Versions: l.versions(), Source: SourceFile(m)}
}

// pageKey is where a history page lives: its name is the first 16 hex
// digits of the SHA-256 of its content.
func pageKey(year int, creditCode, name string) string {
	return agencyPrefix(year, creditCode) + "history/" + name + ".json"
}

func validPageName(name string) bool {
	_, err := hex.DecodeString(name)
	return len(name) == 16 && err == nil
}

// readLatest returns the agency's pointer object and its ETag.
func (s *Service) readLatest(ctx context.Context, year int, creditCode string) (*latest, string, error) {
	key := latestKey(year, creditCode)
	var l latest
	info, err := s.readJSONInfo(ctx, key, maxLatestBytes, &l)
	if err != nil {
		return nil, "", err
	}
	if l.Current.Year != year || l.Current.CreditCode != creditCode {
		return nil, "", fmt.Errorf("%w: %s names %d %s", ErrCorrupt, key, l.Current.Year, l.Current.CreditCode)
	}
	return &l, info.ETag, nil
}

// maxCASAttempts bounds a compare-and-swap loop; 20 writers racing for one
// agency and year, or 64 agencies for one catalog shard, settle well within it.
const maxCASAttempts = 64

// makeLatest makes m the agency's current version and records it among the
// acknowledged ones, by compare-and-swap so that concurrent submissions never
// lose one. created says m's manifest was written by this submission (so m
// cannot be acknowledged yet). It returns the pointer as stored and its ETag,
// also when it already named m.
func (s *Service) makeLatest(ctx context.Context, m Manifest, created bool) (*latest, string, error) {
	key := latestKey(m.Year, m.CreditCode)
	for attempt := range maxCASAttempts {
		cur, etag, err := s.readLatest(ctx, m.Year, m.CreditCode)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, "", err
		}
		if cur != nil && cur.Current.ID == m.ID {
			return cur, etag, nil
		}
		next, err := s.nextLatest(ctx, cur, m, created)
		if err != nil {
			return nil, "", err
		}
		body, err := marshal(next)
		if err != nil {
			return nil, "", err
		}
		info, err := s.store.Put(ctx, key, body, store.PutOptions{ContentType: contentTypeJSON, IfNoneMatch: etag == "", IfMatch: etag})
		if err == nil {
			return next, info.ETag, nil
		}
		if !errors.Is(err, store.ErrPreconditionFailed) {
			return nil, "", fmt.Errorf("update %s: %w", key, err)
		}
		if err := backoff(ctx, attempt); err != nil {
			return nil, "", err
		}
	}
	return nil, "", fmt.Errorf("update %s: %w", key, ErrBusy)
}

// nextLatest is cur with m current and acknowledged, its history paged out
// when it is full.
func (s *Service) nextLatest(ctx context.Context, cur *latest, m Manifest, created bool) (*latest, error) {
	ref := historyRef{ID: m.ID, ValidatedAt: m.ValidatedAt}
	if cur == nil {
		return &latest{Current: m, History: []historyRef{ref}, Versions: 1, Seq: 1, First: m.ValidatedAt}, nil
	}
	next := &latest{Current: m, History: slices.Clip(cur.History), Versions: cur.versions(), Older: cur.Older,
		Seq: cur.Seq + 1, First: cur.first()}
	known := slices.ContainsFunc(next.History, func(h historyRef) bool { return h.ID == m.ID })
	if !known && !created && next.Older != "" {
		// An old version filed again: it may have been paged out.
		var err error
		if known, err = s.inPages(ctx, m.Year, m.CreditCode, next.Older, m.ID); err != nil {
			return nil, err
		}
	}
	if !known {
		next.History = append(next.History, ref)
		next.Versions++
	}
	if len(next.History) > s.window {
		cut := len(next.History) - s.keep
		name, err := s.writePage(ctx, m.Year, m.CreditCode, historyPage{Versions: next.History[:cut], Older: next.Older})
		if err != nil {
			return nil, err
		}
		next.History, next.Older = slices.Clone(next.History[cut:]), name
	}
	return next, nil
}

// writePage stores a history page create-only under its content's name; a
// page already there has the same content.
func (s *Service) writePage(ctx context.Context, year int, creditCode string, p historyPage) (string, error) {
	body, err := marshal(p)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(body)
	name := hex.EncodeToString(sum[:8])
	key := pageKey(year, creditCode, name)
	_, err = s.store.Put(ctx, key, body, store.PutOptions{ContentType: contentTypeJSON, IfNoneMatch: true})
	if err != nil && !errors.Is(err, store.ErrPreconditionFailed) {
		return "", fmt.Errorf("store %s: %w", key, err)
	}
	return name, nil
}

// pages calls fn with each history page from newest to oldest, starting at
// the page named older.
func (s *Service) pages(ctx context.Context, year int, creditCode, older string, fn func(historyPage) bool) error {
	for range maxPages {
		if older == "" {
			return nil
		}
		if !validPageName(older) {
			return fmt.Errorf("%w: %s: bad history page name %q", ErrCorrupt, latestKey(year, creditCode), older)
		}
		var p historyPage
		if err := s.readJSON(ctx, pageKey(year, creditCode, older), maxLatestBytes, &p); err != nil {
			return err
		}
		if !fn(p) {
			return nil
		}
		older = p.Older
	}
	return fmt.Errorf("%w: %s: history pages form a loop", ErrCorrupt, latestKey(year, creditCode))
}

func (s *Service) inPages(ctx context.Context, year int, creditCode, older, id string) (bool, error) {
	found := false
	err := s.pages(ctx, year, creditCode, older, func(p historyPage) bool {
		found = slices.ContainsFunc(p.Versions, func(h historyRef) bool { return h.ID == id })
		return !found
	})
	return found, err
}

// acknowledged returns the IDs of every version the pointer records, the
// paged-out ones too.
func (s *Service) acknowledged(ctx context.Context, l *latest) (map[string]bool, error) {
	ids := make(map[string]bool, l.versions())
	for _, h := range l.History {
		ids[h.ID] = true
	}
	err := s.pages(ctx, l.Current.Year, l.Current.CreditCode, l.Older, func(p historyPage) bool {
		for _, h := range p.Versions {
			ids[h.ID] = true
		}
		return true
	})
	return ids, err
}

// backoff sleeps a jittered, growing delay capped at 50 ms.
func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(1+rand.IntN(1<<min(attempt, 5))) * 2 * time.Millisecond
	t := time.NewTimer(min(d, 50*time.Millisecond))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
