package fsstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/nianbao/nianbao/shared/store"
)

// Put stores body under key. The new object becomes visible all at once:
// it is written to a temporary file in the same directory, synced, and then
// renamed (or, for create-only, linked) into place.
func (s *Store) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	info, err := s.put(ctx, key, body, opts)
	if err != nil {
		return store.Info{}, fmt.Errorf("put %s: %w", key, unavailable(err))
	}
	return info, nil
}

func (s *Store) put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if err := ctx.Err(); err != nil {
		return store.Info{}, err
	}
	opts, err := opts.Normalize()
	if err != nil {
		return store.Info{}, err
	}
	p, err := s.path(key)
	if err != nil {
		return store.Info{}, err
	}
	h := header{
		Size:        int64(len(body)),
		ETag:        store.MD5ETag(body),
		SHA256:      store.SHA256Hex(body),
		ContentType: opts.ContentType,
	}
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return store.Info{}, err
	}
	tmp, err := writeTemp(p.dir, h, body)
	if err != nil {
		return store.Info{}, err
	}
	// Closed last, the file stays locked against RemoveStale through the
	// commit. After a rename the removal finds nothing; after a link or a
	// failure it drops the temporary name.
	defer tmp.Close()
	defer os.Remove(tmp.Name())
	if err := s.commit(key, p, tmp.Name(), opts); err != nil {
		return store.Info{}, err
	}
	return store.Info{
		Key:         key,
		Size:        h.Size,
		ETag:        h.ETag,
		SHA256:      h.SHA256,
		ContentType: h.ContentType,
	}, nil
}

// writeTemp writes a complete object file under a new temporary name in
// dir and syncs it, returning it open (and so locked).
func writeTemp(dir string, h header, body []byte) (*os.File, error) {
	head, err := encodeHeader(h)
	if err != nil {
		return nil, err
	}
	f, err := createTemp(dir)
	if err != nil {
		return nil, err
	}
	_, err = fileWrite(f, head)
	if err == nil {
		_, err = fileWrite(f, body)
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("write temporary file: %w", err)
	}
	return f, nil
}

// tempPrefix starts the name of every temporary file; escapeSegment never
// lets a key's file start with a dot.
const tempPrefix = ".tmp-"

// createTemp creates a temporary file in dir and locks it for as long as
// it is open, so that RemoveStale never takes it for a crashed writer's.
func createTemp(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return nil, err
	}
	if err := holdTemp(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("lock temporary file: %w", err)
	}
	return f, nil
}

// Delete removes key. Deleting a missing key succeeds, as on S3.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.delete(ctx, key); err != nil {
		return fmt.Errorf("delete %s: %w", key, unavailable(err))
	}
	return nil
}

func (s *Store) delete(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p, err := s.path(key)
	if err != nil {
		return err
	}
	unlock, err := s.lock(key, p.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no directory, no object
	}
	if err != nil {
		return err
	}
	defer unlock.release()
	if err := os.Remove(p.file); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	return unlock.dir.sync()
}

// held is a key lock plus the directory lock of the key's directory.
type held struct {
	dir     *dirLock
	keyDone func()
}

func (h held) release() {
	h.dir.unlock()
	h.keyDone()
}

// lock takes the in-process key lock, then the cross-process directory
// lock, always in that order.
func (s *Store) lock(key, dir string) (held, error) {
	done := s.locks.lock(key)
	d, err := lockDir(dir)
	if err != nil {
		done()
		return held{}, err
	}
	return held{dir: d, keyDone: done}, nil
}
