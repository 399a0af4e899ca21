package registry

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/shared/store"
)

// yearView is a year's catalog as read at one moment: its shards, and all
// their entries merged by credit code. It is shared between requests and
// never changed after it is made.
type yearView struct {
	year       int
	etags      []string
	shards     []*shard
	entries    []*entry // by credit code
	unreadable []string // sorted
}

// catalogCache keeps the last view of each year, so that a listing costs
// one store listing of the shards plus a GET of each shard that changed.
type catalogCache struct {
	mu    sync.Mutex
	years map[int]*cachedView
	clock uint64
}

type cachedView struct {
	view *yearView
	used uint64
}

// maxCachedYears bounds the cache: about 3 MB per year of 5 000 agencies.
const maxCachedYears = 8

// shardParallelism is how many shards a cold reader fetches at once: a
// round trip each, small objects, so more than the pointer reads.
const shardParallelism = 16

func newCatalogCache() *catalogCache { return &catalogCache{years: map[int]*cachedView{}} }

func (c *catalogCache) get(year int) *yearView {
	c.mu.Lock()
	defer c.mu.Unlock()
	cv := c.years[year]
	if cv == nil {
		return nil
	}
	c.clock++
	cv.used = c.clock
	return cv.view
}

func (c *catalogCache) put(v *yearView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	c.years[v.year] = &cachedView{view: v, used: c.clock}
	for len(c.years) > maxCachedYears {
		oldest := v.year
		for y, cv := range c.years {
			if cv.used < c.years[oldest].used {
				oldest = y
			}
		}
		delete(c.years, oldest)
	}
}

// shardSet is what one listing of catalog/ tells about a year's shards.
type shardSet []store.Info

func (ss shardSet) complete() bool {
	if len(ss) == 0 {
		return false
	}
	for i := range ss {
		if ss[i].Key == "" {
			return false
		}
	}
	return true
}

// listShards lists the shard objects under prefix (catalog/ or one year's
// catalog/{year}/), by year.
func (s *Service) listShards(ctx context.Context, prefix string) (map[int]shardSet, error) {
	sets := map[int]shardSet{}
	after := ""
	for {
		infos, err := s.store.List(ctx, prefix, after, store.MaxListLimit)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", prefix, err)
		}
		for _, in := range infos {
			year, i, ok := s.parseShardKey(in.Key)
			if !ok {
				continue
			}
			if sets[year] == nil {
				sets[year] = make(shardSet, s.shards)
			}
			sets[year][i] = in
		}
		if len(infos) < store.MaxListLimit {
			return sets, nil
		}
		after = infos[len(infos)-1].Key
	}
}

// views returns the catalog of year, or of every year that has one when year
// is 0, oldest first. A year whose catalog is missing, incomplete or damaged
// gets one built first (Rebuild), so a bucket filed before catalogs existed
// is migrated by its first reader.
func (s *Service) views(ctx context.Context, year int) ([]*yearView, error) {
	prefix := "catalog/"
	if year != 0 {
		prefix = catalogPrefix(year)
	}
	sets, err := s.listShards(ctx, prefix)
	if err != nil {
		return nil, err
	}
	var years []int
	switch {
	case year != 0:
		years = []int{year}
	case len(sets) == 0:
		// No catalog at all: a store filed before catalogs, or an empty one.
		if years, err = s.reportYears(ctx); err != nil {
			return nil, err
		}
	default:
		years = slices.Sorted(maps.Keys(sets))
	}
	out := make([]*yearView, 0, len(years))
	for _, y := range years {
		v, err := s.view(ctx, y, sets[y])
		if errors.Is(err, errNoCatalog) {
			v, err = s.rebuildView(ctx, y)
		}
		if err != nil {
			return nil, err
		}
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// rebuildView builds a year's catalog and reads it back; nil when the year
// has no reports.
func (s *Service) rebuildView(ctx context.Context, year int) (*yearView, error) {
	// A year nobody filed for is answered without a build (and its lock):
	// readers must not make writes for any year they ask about.
	if infos, err := s.store.List(ctx, "reports/"+strconv.Itoa(year)+"/", "", 1); err != nil || len(infos) == 0 {
		return nil, err
	}
	var set shardSet
	ready := func() (bool, error) {
		sets, err := s.listShards(ctx, catalogPrefix(year))
		set = sets[year]
		return set.complete(), err
	}
	if err := s.ensureCatalog(ctx, year, ready); err != nil {
		return nil, err
	}
	if _, err := ready(); err != nil {
		return nil, err
	}
	if len(set) == 0 {
		return nil, nil // no reports: Rebuild makes no catalog
	}
	return s.view(ctx, year, set)
}

// view reads year's catalog given a listing of its shards, fetching only
// the shards whose ETag changed since the cached view. errNoCatalog when a
// shard is missing or damaged.
func (s *Service) view(ctx context.Context, year int, set shardSet) (*yearView, error) {
	if len(set) != s.shards || !set.complete() {
		return nil, errNoCatalog
	}
	cached := s.cache.get(year)
	next := &yearView{year: year, etags: make([]string, s.shards), shards: make([]*shard, s.shards)}
	var stale []int
	for i := range set {
		if cached != nil && store.SameETag(cached.etags[i], set[i].ETag) {
			next.etags[i], next.shards[i] = cached.etags[i], cached.shards[i]
		} else {
			stale = append(stale, i)
		}
	}
	if len(stale) == 0 && cached != nil {
		return cached, nil
	}
	errs := make([]error, s.shards)
	sem := make(chan struct{}, shardParallelism)
	var wg sync.WaitGroup
	for _, i := range stale {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			next.shards[i], next.etags[i], errs[i] = s.readShard(ctx, year, i)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrCorrupt) {
			return nil, fmt.Errorf("%w: %w", errNoCatalog, err)
		}
		if err != nil {
			return nil, err
		}
	}
	n := 0
	for _, sh := range next.shards {
		n += len(sh.Entries)
	}
	next.entries = make([]*entry, 0, n)
	for _, sh := range next.shards {
		for j := range sh.Entries {
			next.entries = append(next.entries, &sh.Entries[j])
		}
		next.unreadable = append(next.unreadable, sh.Unreadable...)
	}
	slices.SortFunc(next.entries, func(a, b *entry) int { return strings.Compare(a.CreditCode, b.CreditCode) })
	slices.Sort(next.unreadable)
	s.cache.put(next)
	return next, nil
}

// reportYears finds the years that have reports, one short listing per year:
// each skips past the year it found. Only a store without any catalog needs
// it, once.
func (s *Service) reportYears(ctx context.Context) ([]int, error) {
	var years []int
	after := ""
	for range 1 << 14 {
		infos, err := s.store.List(ctx, "reports/", after, 1)
		if err != nil {
			return nil, fmt.Errorf("list reports/: %w", err)
		}
		if len(infos) == 0 {
			return years, nil
		}
		y, _, _ := strings.Cut(strings.TrimPrefix(infos[0].Key, "reports/"), "/")
		year, err := strconv.Atoi(y)
		if err != nil || len(y) != 4 || year < 2019 {
			after = infos[0].Key // not a report: step over it
			continue
		}
		years = append(years, year)
		// Credit codes are digits and capitals, all before "~".
		after = "reports/" + y + "/~"
	}
	return years, nil
}
