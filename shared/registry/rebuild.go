package registry

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store"
)

// agencyObjects is what one listing of a year shows of an agency.
type agencyObjects struct {
	pointer   store.Info   // latest.json; Key "" when there is none
	manifests []store.Info // one per version whose manifest exists
}

// scanYear lists every object under reports/{year}/ once (O(objects): for
// Rebuild and Reconcile, never for a reader) and groups what matters by agency.
func (s *Service) scanYear(ctx context.Context, year int) (map[string]*agencyObjects, error) {
	prefix := "reports/" + strconv.Itoa(year) + "/"
	out := map[string]*agencyObjects{}
	after := ""
	for {
		infos, err := s.store.List(ctx, prefix, after, store.MaxListLimit)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", prefix, err)
		}
		for _, in := range infos {
			cc, tail, _ := strings.Cut(in.Key[len(prefix):], "/")
			if !report.ValidCreditCode(cc) {
				continue
			}
			isManifest := len(tail) == 64+1+len(fileManifest) && strings.HasSuffix(tail, "/"+fileManifest)
			if tail != latestFile && !isManifest {
				continue
			}
			a := out[cc]
			if a == nil {
				a = &agencyObjects{}
				out[cc] = a
			}
			if isManifest {
				a.manifests = append(a.manifests, in)
			} else {
				a.pointer = in
			}
		}
		if len(infos) < store.MaxListLimit {
			return out, nil
		}
		after = infos[len(infos)-1].Key
	}
}

// pointerRead is the outcome of reading one agency's pointer.
type pointerRead struct {
	creditCode string
	entry      entry
	etag       string
	unreadable bool // damaged or too large: left out of listings
	gone       bool // deleted since it was listed
}

// readPointers reads the pointers of the agencies in codes, a few at a time.
// Damaged ones are marked, not fatal; a store failure is.
func (s *Service) readPointers(ctx context.Context, year int, codes []string) ([]pointerRead, error) {
	out := make([]pointerRead, len(codes))
	errs := make([]error, len(codes))
	sem := make(chan struct{}, readParallelism)
	var wg sync.WaitGroup
	for i, cc := range codes {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i].creditCode = cc
			l, etag, err := s.readLatest(ctx, year, cc)
			switch {
			case err == nil:
				out[i].entry, out[i].etag = l.entry(etag), etag
			case errors.Is(err, ErrCorrupt):
				out[i].unreadable = true
			case errors.Is(err, ErrNotFound):
				out[i].gone = true
			default:
				errs[i] = err
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// Building a missing catalog: one process builds, the others wait for it.
const (
	// lockStale is when a build lock is taken over: its builder died.
	lockStale = 2 * time.Minute
	// maxBuildWait bounds how long a filing or reader waits for another's
	// build before building itself (a request must answer within 29 s).
	maxBuildWait = 10 * time.Second
)

func lockKey(year int) string { return catalogPrefix(year) + "build.lock" }

// ensureCatalog builds year's catalog, which ready found missing, unless a
// concurrent build finishes first: the first agencies filing in a new year,
// or the first readers of a store filed before catalogs, would otherwise
// all scan the year at once. ready reports whether the catalog exists now.
func (s *Service) ensureCatalog(ctx context.Context, year int, ready func() (bool, error)) error {
	deadline := time.Now().Add(s.buildWait)
	for attempt := 0; ; attempt++ {
		owner, err := s.lock(ctx, year)
		if err != nil {
			return err
		}
		if owner || time.Now().After(deadline) {
			_, err := s.Rebuild(ctx, year)
			if owner {
				// A lock left behind goes stale; no need to fail for it.
				_ = s.store.Delete(context.WithoutCancel(ctx), lockKey(year))
			}
			return err
		}
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
		if ok, err := ready(); err != nil || ok {
			return err
		}
	}
}

// lock takes year's build lock (create-only), or takes it over when its
// holder has not finished within lockStale.
func (s *Service) lock(ctx context.Context, year int) (bool, error) {
	body := []byte(`{"startedAt":"` + s.now().UTC().Format(time.RFC3339) + `"}`)
	opts := store.PutOptions{ContentType: contentTypeJSON, IfNoneMatch: true}
	if info, err := s.store.Head(ctx, lockKey(year)); err == nil {
		if time.Since(info.LastModified) < lockStale {
			return false, nil
		}
		opts = store.PutOptions{ContentType: contentTypeJSON, IfMatch: info.ETag}
	} else if !errors.Is(err, store.ErrNotFound) {
		return false, fmt.Errorf("build lock %d: %w", year, err)
	}
	_, err := s.store.Put(ctx, lockKey(year), body, opts)
	if errors.Is(err, store.ErrPreconditionFailed) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("build lock %d: %w", year, err)
	}
	return true, nil
}

// RebuildReport says what Rebuild found.
type RebuildReport struct {
	Year       int      `json:"year"`
	Agencies   int      `json:"agencies"`             // agencies in the catalog
	Unreadable []string `json:"unreadable,omitempty"` // agencies whose latest.json could not be read
	Written    int      `json:"written"`              // shards whose content changed
}

// Rebuild recomputes year's catalog from the agencies' latest.json: the
// rebuild command, the migration of a store filed before catalogs, and the
// repair of a missing or damaged shard. It runs beside filings without
// losing theirs: what a filing stores while the rebuild reads is kept, and a
// second listing at the end catches pointers written before the shards
// existed. Running it again changes nothing.
func (s *Service) Rebuild(ctx context.Context, year int) (RebuildReport, error) {
	rep := RebuildReport{Year: year}
	objs, err := s.scanYear(ctx, year)
	if err != nil {
		return rep, err
	}
	var codes []string
	for cc, a := range objs {
		if a.pointer.Key != "" {
			codes = append(codes, cc)
		}
	}
	slices.Sort(codes)
	reads, err := s.readPointers(ctx, year, codes)
	if err != nil {
		return rep, err
	}
	byShard := make([]shard, s.shards)
	seen := map[string]string{} // credit code → ETag read
	for _, r := range reads {
		i := s.shardOf(r.creditCode)
		switch {
		case r.unreadable:
			byShard[i].Unreadable = append(byShard[i].Unreadable, r.creditCode)
			rep.Unreadable = append(rep.Unreadable, r.creditCode)
		case !r.gone:
			byShard[i].Entries = append(byShard[i].Entries, r.entry)
			seen[r.creditCode] = r.etag
			rep.Agencies++
		}
	}
	if rep.Agencies == 0 && len(rep.Unreadable) == 0 {
		return rep, nil // nothing filed: no catalog, so the first filing makes it
	}
	for i := range byShard {
		changed, err := s.replaceShard(ctx, year, i, byShard[i])
		if err != nil {
			return rep, err
		}
		if changed {
			rep.Written++
		}
	}
	// Pointers written while the shards did not exist yet: their filings
	// found no catalog to update.
	again, err := s.scanYear(ctx, year)
	if err != nil {
		return rep, err
	}
	for cc, a := range again {
		if etag, ok := seen[cc]; a.pointer.Key != "" && (!ok || !store.SameETag(etag, a.pointer.ETag)) {
			if err := s.refresh(ctx, year, cc); err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}

// replaceShard makes shard i of year hold want (entries and unreadable
// agencies in credit-code order), keeping what a filing stored since the
// scan: a higher Seq, or an agency the scan did not list whose pointer
// exists now.
func (s *Service) replaceShard(ctx context.Context, year, i int, want shard) (bool, error) {
	changed := false
	err := s.mutateShard(ctx, year, i, true, func(sh *shard) bool {
		next := shard{Year: year, Shard: i, Of: s.shards, Entries: slices.Clone(want.Entries), Unreadable: slices.Clone(want.Unreadable)}
		for _, old := range sh.Entries {
			j, ok := next.find(old.CreditCode)
			switch {
			case ok && old.Seq > next.Entries[j].Seq:
				next.Entries[j] = old
			case !ok && !slices.Contains(want.Unreadable, old.CreditCode) && s.pointerExists(ctx, year, old.CreditCode):
				next.Entries = slices.Insert(next.Entries, j, old)
			}
		}
		before, _ := encodeShard(sh)
		after, _ := encodeShard(&next)
		*sh = next
		changed = !bytes.Equal(before, after)
		return changed
	})
	return changed, err
}

// pointerExists is true unless the store says the pointer is gone: in
// doubt, an entry is kept.
func (s *Service) pointerExists(ctx context.Context, year int, creditCode string) bool {
	_, err := s.store.Head(ctx, latestKey(year, creditCode))
	return !errors.Is(err, store.ErrNotFound)
}

// refresh reads an agency's pointer and records it in the catalog: its entry,
// or its name among the unreadable.
func (s *Service) refresh(ctx context.Context, year int, creditCode string) error {
	reads, err := s.readPointers(ctx, year, []string{creditCode})
	if err != nil {
		return err
	}
	r := reads[0]
	return s.mutateShard(ctx, year, s.shardOf(creditCode), false, func(sh *shard) bool {
		switch {
		case r.unreadable:
			dropped, marked := sh.drop(creditCode), sh.setUnreadable(creditCode)
			return dropped || marked
		case r.gone:
			dropped, cleared := sh.drop(creditCode), sh.setReadable(creditCode)
			return dropped || cleared
		}
		return sh.put(r.entry)
	})
}
