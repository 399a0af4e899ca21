package registry

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// The catalog is derived state: for each year, the current version of every
// agency's report (what the index, the dashboard and the archive need) in
// Shards objects,
//
//	catalog/{year}/{i}-of-{Shards}.json
//
// each holding the agencies whose credit code hashes to i, by credit code.
// Each filing updates its agency's shard by compare-and-swap after the
// agency's latest.json, which stays the source of truth: the entry with the
// higher pointer Seq wins, so updates may arrive in any order. A missing or
// lagging entry is repaired by the agency's next filing, by Reconcile (the
// scheduled check) and by Rebuild. docs/store.md explains the shard count.
const Shards = 64

// maxShardBytes bounds a shard read back: 64 shards of a province's 50 000
// agencies are about 360 KB each.
const maxShardBytes = 16 << 20

// entry is an agency's line in the catalog: what a listing shows, and the
// pointer state it was derived from.
type entry struct {
	Summary
	Seq     int64  `json:"seq"`     // the pointer's Seq
	Pointer string `json:"pointer"` // the pointer's ETag, compared with a listing by Reconcile
}

func (l *latest) entry(etag string) entry {
	return entry{Summary: l.summary(), Seq: l.Seq, Pointer: etag}
}

// newer reports whether e should replace old: a later pointer state, or the
// same Seq from a different pointer object (pointers written before Seq
// existed all have Seq 0).
func (e *entry) newer(old *entry) bool {
	return e.Seq > old.Seq || (e.Seq == old.Seq && e.Pointer != old.Pointer)
}

// shard is one catalog object.
type shard struct {
	Year    int     `json:"year"`
	Shard   int     `json:"shard"`
	Of      int     `json:"of"`
	Entries []entry `json:"entries"` // by credit code, one per agency
	// Unreadable lists the agencies whose latest.json could not be read at
	// the last rebuild or check: listings leave them out and say so.
	Unreadable []string `json:"unreadable,omitempty"`
}

// shardOf is the shard of an agency's entry.
func (s *Service) shardOf(creditCode string) int {
	h := fnv.New32a()
	h.Write([]byte(creditCode))
	return int(h.Sum32() % uint32(s.shards))
}

func catalogPrefix(year int) string { return "catalog/" + strconv.Itoa(year) + "/" }

func (s *Service) shardKey(year, i int) string {
	return catalogPrefix(year) + strconv.Itoa(i) + "-of-" + strconv.Itoa(s.shards) + ".json"
}

// parseShardKey returns the year and shard index of a key shardKey made;
// keys of another shard count, or anything else, are not shards.
func (s *Service) parseShardKey(key string) (year, i int, ok bool) {
	rest, found := strings.CutPrefix(key, "catalog/")
	if !found {
		return 0, 0, false
	}
	y, name, found := strings.Cut(rest, "/")
	if !found || len(y) != 4 {
		return 0, 0, false
	}
	year, err := strconv.Atoi(y)
	if err != nil || year < 2019 {
		return 0, 0, false
	}
	n, of, found := strings.Cut(strings.TrimSuffix(name, ".json"), "-of-")
	i, err = strconv.Atoi(n)
	if !found || err != nil || of != strconv.Itoa(s.shards) || i < 0 || i >= s.shards || strconv.Itoa(i) != n || !strings.HasSuffix(name, ".json") {
		return 0, 0, false
	}
	return year, i, true
}

// checkShard refuses a shard that is not what shardKey(year, i) must hold,
// so a damaged or misplaced object is rebuilt rather than shown.
func (s *Service) checkShard(sh *shard, year, i int) error {
	if sh.Year != year || sh.Shard != i || sh.Of != s.shards {
		return fmt.Errorf("%w: %s holds shard %d-of-%d of %d", ErrCorrupt, s.shardKey(year, i), sh.Shard, sh.Of, sh.Year)
	}
	for j := range sh.Entries {
		e := &sh.Entries[j]
		if !report.ValidCreditCode(e.CreditCode) || s.shardOf(e.CreditCode) != i || e.Year != year ||
			(j > 0 && sh.Entries[j-1].CreditCode >= e.CreditCode) {
			return fmt.Errorf("%w: %s: entry %d (%q) is out of place", ErrCorrupt, s.shardKey(year, i), j, e.CreditCode)
		}
		if _, err := ParseID(e.ID); err != nil {
			return fmt.Errorf("%w: %s: entry %q has a bad id", ErrCorrupt, s.shardKey(year, i), e.CreditCode)
		}
	}
	return nil
}

// find returns the index of creditCode's entry, or where it would go.
func (sh *shard) find(creditCode string) (int, bool) {
	return slices.BinarySearchFunc(sh.Entries, creditCode, func(e entry, cc string) int { return strings.Compare(e.CreditCode, cc) })
}

// put replaces or inserts e if it is newer than what the shard holds, and
// reports whether the shard changed.
func (sh *shard) put(e entry) bool {
	changed := sh.setReadable(e.CreditCode)
	i, ok := sh.find(e.CreditCode)
	switch {
	case ok && !e.newer(&sh.Entries[i]):
		return changed
	case ok:
		sh.Entries[i] = e
	default:
		sh.Entries = slices.Insert(sh.Entries, i, e)
	}
	return true
}

// drop removes creditCode's entry.
func (sh *shard) drop(creditCode string) bool {
	i, ok := sh.find(creditCode)
	if ok {
		sh.Entries = slices.Delete(sh.Entries, i, i+1)
	}
	return ok
}

func (sh *shard) setReadable(creditCode string) bool {
	i, ok := slices.BinarySearch(sh.Unreadable, creditCode)
	if ok {
		sh.Unreadable = slices.Delete(sh.Unreadable, i, i+1)
	}
	return ok
}

func (sh *shard) setUnreadable(creditCode string) bool {
	i, ok := slices.BinarySearch(sh.Unreadable, creditCode)
	if !ok {
		sh.Unreadable = slices.Insert(sh.Unreadable, i, creditCode)
	}
	return !ok
}
