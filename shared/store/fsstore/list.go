package fsstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/shared/store"
)

// List returns up to limit objects (at most store.MaxListLimit) whose keys
// start with prefix and sort after startAfter, in byte-wise lexical order,
// the order of S3. Like an S3 listing, entries carry Key, Size, ETag and
// LastModified only. Page by passing the last key as startAfter.
func (s *Store) List(ctx context.Context, prefix, startAfter string, limit int) ([]store.Info, error) {
	infos, err := s.list(ctx, prefix, startAfter, limit)
	if err != nil {
		return nil, fmt.Errorf("list %q after %q: %w", prefix, startAfter, unavailable(err))
	}
	return infos, nil
}

func (s *Store) list(ctx context.Context, prefix, startAfter string, limit int) ([]store.Info, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit, err := store.ListLimit(limit)
	if err != nil {
		return nil, err
	}
	if err := store.ValidatePrefix(prefix); err != nil {
		return nil, err
	}
	// Directory order is not key order ("a.b" < "a/b" but the directory a
	// is walked as a whole), so collect the matching keys, then sort.
	type entry struct {
		key  string
		path string
	}
	var found []entry
	start := s.prefixDir(prefix)
	err = filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // a directory removed while walking has no objects
			}
			return err
		}
		if d.IsDir() {
			if path != start && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return ctx.Err()
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(s.root, path)
		if err != nil {
			return err
		}
		key, ok := keyFromRel(rel)
		if ok && strings.HasPrefix(key, prefix) && key > startAfter {
			found = append(found, entry{key: key, path: path})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b entry) int { return strings.Compare(a.key, b.key) })

	infos := make([]store.Info, 0, min(limit, len(found)))
	for _, e := range found {
		if len(infos) == limit {
			break
		}
		info, err := headFile(e.path, e.key)
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted since the walk
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.key, err)
		}
		infos = append(infos, store.Info{Key: info.Key, Size: info.Size, ETag: info.ETag, LastModified: info.LastModified})
	}
	return infos, nil
}
