package fsstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
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
	infos := make([]store.Info, 0, min(limit, 64))
	base := prefix[:strings.LastIndexByte(prefix, '/')+1]
	_, err = s.walk(ctx, s.prefixDir(prefix), base, prefix, startAfter, func(key, path string) (bool, error) {
		info, err := headFile(path, key)
		if errors.Is(err, store.ErrNotFound) {
			return true, nil // deleted since the directory was read
		}
		if err != nil {
			return false, fmt.Errorf("%s: %w", key, err)
		}
		infos = append(infos, store.Info{Key: info.Key, Size: info.Size, ETag: info.ETag, LastModified: info.LastModified})
		return len(infos) < limit, nil
	})
	if err != nil {
		return nil, err
	}
	return infos, nil
}

// walk calls visit with the objects under dir, whose keys start with base,
// in key order (S3's byte order), for each key that starts with prefix and
// sorts after startAfter, until visit returns false. It reads only the
// directories that can hold such keys, one at a time, so a page costs what
// it returns plus the directories on its way, not the whole subtree.
//
// Directory order is not key order ("a.b" < "a/b" < "a0" while the
// directory a holds a/b), so each directory's entries are sorted by the key
// they stand for: a file by its key, a directory by its keys' common prefix
// (ending in "/"); every key under that prefix sorts before any later
// sibling, so a depth-first walk in that order yields keys in order.
func (s *Store) walk(ctx context.Context, dir, base, prefix, startAfter string, visit func(key, path string) (bool, error)) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil // no such directory, or removed meanwhile: no objects
	}
	if err != nil {
		return false, err
	}
	type child struct {
		key, path string
		dir       bool
	}
	kids := make([]child, 0, len(entries))
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
			// temporary files and foreign hidden entries
		case e.IsDir():
			if seg, ok := unescapeSegment(name); ok {
				kids = append(kids, child{key: base + seg + "/", path: filepath.Join(dir, name), dir: true})
			}
		case e.Type().IsRegular() && strings.HasSuffix(name, objectSuffix):
			seg, ok := unescapeSegment(strings.TrimSuffix(name, objectSuffix))
			if key := base + seg; ok && store.ValidateKey(key) == nil {
				kids = append(kids, child{key: key, path: filepath.Join(dir, name)})
			}
		}
	}
	slices.SortFunc(kids, func(a, b child) int { return strings.Compare(a.key, b.key) })
	for _, c := range kids {
		if !c.dir {
			if !strings.HasPrefix(c.key, prefix) || c.key <= startAfter {
				continue
			}
			if more, err := visit(c.key, c.path); !more || err != nil {
				return false, err
			}
			continue
		}
		// Descend only where a key can start with prefix and sort after
		// startAfter: every key below starts with c.key.
		if !strings.HasPrefix(c.key, prefix) && !strings.HasPrefix(prefix, c.key) {
			continue
		}
		if startAfter >= c.key && !strings.HasPrefix(startAfter, c.key) {
			continue
		}
		if more, err := s.walk(ctx, c.path, c.key, prefix, startAfter, visit); !more || err != nil {
			return false, err
		}
	}
	return true, nil
}
