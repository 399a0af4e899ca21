package registry

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// orphanGrace is how long a manifest no pointer names is left alone before
// Reconcile removes it: far longer than any submission, so that only a filing
// whose acknowledgement was lost in a crash, and never retried, is removed.
const orphanGrace = 24 * time.Hour

// ReconcileReport says what Reconcile found and repaired.
type ReconcileReport struct {
	Year       int      `json:"year"`
	Agencies   int      `json:"agencies"`          // agencies with a pointer
	Rebuilt    bool     `json:"rebuilt,omitempty"` // the catalog was missing or damaged and was rebuilt
	Repaired   []string `json:"repaired,omitempty"`
	Dropped    []string `json:"dropped,omitempty"` // entries of agencies without a pointer
	Unreadable []string `json:"unreadable,omitempty"`
	// Orphans are the versions removed: a manifest was stored but no
	// pointer names the version (the filing was never acknowledged).
	Orphans []string `json:"orphans,omitempty"`
	Pending int      `json:"pending,omitempty"` // such versions younger than the grace period
}

// Reconcile compares year's catalog with the agencies' pointers and repairs it
// (the scheduled check): one listing of the year's objects, a read of each
// pointer whose ETag differs from its entry's, one write per shard that
// changed. It also removes the manifests of versions that were never
// acknowledged (see docs/reliability.md), once they are older than a day.
func (s *Service) Reconcile(ctx context.Context, year int) (ReconcileReport, error) {
	rep := ReconcileReport{Year: year}
	if _, err := (Filter{Year: year}).prefix(); err != nil || year == 0 {
		return rep, errBadYear
	}
	objs, err := s.scanYear(ctx, year)
	if err != nil {
		return rep, err
	}
	shards, ok, err := s.readShards(ctx, year)
	if err != nil {
		return rep, err
	}
	if !ok {
		r, err := s.Rebuild(ctx, year)
		if err != nil {
			return rep, err
		}
		rep.Rebuilt, rep.Unreadable = true, r.Unreadable
		if shards, _, err = s.readShards(ctx, year); err != nil {
			return rep, err
		}
	} else if err := s.repair(ctx, year, objs, shards, &rep); err != nil {
		return rep, err
	}
	versions := map[string]int{}
	for _, sh := range shards {
		for _, e := range sh.Entries {
			versions[e.CreditCode] = e.Versions
		}
	}
	for cc, a := range objs {
		if a.pointer.Key != "" {
			rep.Agencies++
		}
		if len(a.manifests) > versions[cc] {
			if err := s.reconcile(ctx, year, cc, a.manifests, &rep); err != nil {
				return rep, err
			}
		}
	}
	slices.Sort(rep.Orphans)
	return rep, nil
}

// readShards reads every shard of year; ok is false when one is missing or
// damaged. A shard that is missing reads as empty.
func (s *Service) readShards(ctx context.Context, year int) ([]*shard, bool, error) {
	out := make([]*shard, s.shards)
	ok := true
	for i := range out {
		sh, _, err := s.readShard(ctx, year, i)
		switch {
		case errors.Is(err, ErrNotFound), errors.Is(err, ErrCorrupt):
			ok, sh = false, &shard{}
		case err != nil:
			return out, false, err
		}
		out[i] = sh
	}
	return out, ok, nil
}

// repair brings the entries whose pointer changed up to date and drops
// those whose pointer is gone.
func (s *Service) repair(ctx context.Context, year int, objs map[string]*agencyObjects, shards []*shard, rep *ReconcileReport) error {
	var stale []string
	orphaned := make([][]string, s.shards) // entries without a listed pointer
	for i, sh := range shards {
		for _, e := range sh.Entries {
			if a := objs[e.CreditCode]; a == nil || a.pointer.Key == "" {
				orphaned[i] = append(orphaned[i], e.CreditCode)
			}
		}
	}
	for cc, a := range objs {
		if a.pointer.Key == "" {
			continue
		}
		sh := shards[s.shardOf(cc)]
		if j, ok := sh.find(cc); !ok || !store.SameETag(sh.Entries[j].Pointer, a.pointer.ETag) {
			stale = append(stale, cc)
		}
	}
	slices.Sort(stale)
	reads, err := s.readPointers(ctx, year, stale)
	if err != nil {
		return err
	}
	byShard := make([][]pointerRead, s.shards)
	for _, r := range reads {
		i := s.shardOf(r.creditCode)
		byShard[i] = append(byShard[i], r)
	}
	for i := range s.shards {
		if len(byShard[i]) == 0 && len(orphaned[i]) == 0 {
			continue
		}
		var gone []string
		for _, cc := range orphaned[i] {
			if !s.pointerExists(ctx, year, cc) {
				gone = append(gone, cc)
			}
		}
		err := s.mutateShard(ctx, year, i, false, func(sh *shard) bool {
			changed := false
			for _, r := range byShard[i] {
				switch {
				case r.unreadable:
					dropped, marked := sh.drop(r.creditCode), sh.setUnreadable(r.creditCode)
					changed = dropped || marked || changed
				case r.gone:
					changed = sh.drop(r.creditCode) || changed
				default:
					changed = sh.put(r.entry) || changed
				}
			}
			for _, cc := range gone {
				changed = sh.drop(cc) || changed
			}
			return changed
		})
		if err != nil {
			return err
		}
		for _, r := range byShard[i] {
			if r.unreadable {
				rep.Unreadable = append(rep.Unreadable, r.creditCode)
			} else if !r.gone {
				rep.Repaired = append(rep.Repaired, r.creditCode)
				shards[i].put(r.entry) // for the version counts the orphan step reads
			}
		}
		rep.Dropped = append(rep.Dropped, gone...)
	}
	for _, sh := range shards {
		for _, cc := range sh.Unreadable {
			if !slices.Contains(rep.Unreadable, cc) {
				rep.Unreadable = append(rep.Unreadable, cc)
			}
		}
	}
	slices.Sort(rep.Unreadable)
	return nil
}

// reconcile removes the versions of an agency whose manifest is stored but
// which its pointer does not record, once they are older than the grace
// period. An agency whose pointer cannot be read is left alone.
func (s *Service) reconcile(ctx context.Context, year int, creditCode string, manifests []store.Info, rep *ReconcileReport) error {
	acked := map[string]bool{}
	l, _, err := s.readLatest(ctx, year, creditCode)
	switch {
	case err == nil:
		if acked, err = s.acknowledged(ctx, l); errors.Is(err, ErrCorrupt) {
			return nil
		} else if err != nil {
			return err
		}
	case errors.Is(err, ErrCorrupt):
		return nil
	case !errors.Is(err, ErrNotFound):
		return err
	}
	for _, m := range manifests {
		sha, _, _ := strings.Cut(m.Key[len(agencyPrefix(year, creditCode)):], "/")
		id := ID{Year: year, CreditCode: creditCode, SHA256: sha}
		if acked[id.String()] {
			continue
		}
		if s.now().Sub(m.LastModified) < s.grace {
			rep.Pending++
			continue
		}
		removed, err := s.removeOrphan(ctx, id)
		if err != nil {
			return err
		}
		if removed {
			rep.Orphans = append(rep.Orphans, id.String())
		}
	}
	return nil
}

// removeOrphan deletes the manifest of a version no pointer records, which
// makes the version not exist: its files stay, as after a crash before the
// manifest, and a retry of the same content reuses them. A retry that
// acknowledged the version meanwhile gets its manifest back (Submit's
// keepManifest covers the other order).
func (s *Service) removeOrphan(ctx context.Context, id ID) (bool, error) {
	key := id.key(fileManifest)
	body, err := s.readAll(ctx, key, maxManifestBytes)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := s.store.Delete(ctx, key); err != nil {
		return false, fmt.Errorf("remove %s: %w", key, err)
	}
	l, _, err := s.readLatest(ctx, id.Year, id.CreditCode)
	if errors.Is(err, ErrNotFound) {
		return true, nil
	}
	if err == nil {
		acked, aerr := s.acknowledged(ctx, l)
		if aerr == nil && !acked[id.String()] {
			return true, nil
		}
	}
	// Acknowledged meanwhile, or no way to tell: put it back.
	_, err = s.store.Put(ctx, key, body, store.PutOptions{ContentType: contentTypeJSON, IfNoneMatch: true})
	if err != nil && !errors.Is(err, store.ErrPreconditionFailed) {
		return false, fmt.Errorf("restore %s: %w", key, err)
	}
	return false, nil
}
