package fsstore

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"math"
	"os"

	"github.com/nianbao/nianbao/shared/store"
)

// Create starts a streamed write of key. The content goes to a hidden
// temporary file in the key's directory behind a header of reserved size;
// Close fills in the header (size, ETag, SHA-256), syncs, and links or
// renames the file into place exactly as Put does, so the object appears
// all at once. The caller must Close or Abort the writer; a failed Write
// or Close removes the temporary file itself.
func (s *Store) Create(ctx context.Context, key string, opts store.PutOptions) (store.Writer, error) {
	w, err := s.create(ctx, key, opts)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", key, unavailable(err))
	}
	return w, nil
}

func (s *Store) create(ctx context.Context, key string, opts store.PutOptions) (*fileWriter, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts, err := opts.Normalize()
	if err != nil {
		return nil, err
	}
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	reserved, err := reservedHeaderLen(opts.ContentType)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return nil, err
	}
	f, err := createTemp(p.dir)
	if err != nil {
		return nil, err
	}
	// Content starts after the header space; the header is written last.
	if _, err := f.Seek(int64(reserved), 0); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &fileWriter{
		s: s, ctx: ctx, key: key, path: p, opts: opts, f: f, reserved: reserved,
		sha: sha256.New(), md5: md5.New(),
	}, nil
}

// reservedHeaderLen is the header space for an object of any size: the
// header with the longest possible size field. A shorter header is padded
// with spaces, which the JSON decoder in readHeader skips, so the file
// format is the one Put writes.
func reservedHeaderLen(contentType string) (int, error) {
	longest, err := encodeHeader(header{
		Size:        math.MaxInt64,
		ETag:        store.MD5ETag(nil),
		SHA256:      store.SHA256Hex(nil),
		ContentType: contentType,
	})
	if err != nil {
		return 0, err
	}
	return len(longest), nil
}

// paddedHeader encodes h into exactly reserved bytes.
func paddedHeader(h header, reserved int) ([]byte, error) {
	head, err := encodeHeader(h)
	if err != nil {
		return nil, err
	}
	if len(head) > reserved {
		return nil, fmt.Errorf("header of %d bytes exceeds the %d reserved", len(head), reserved)
	}
	padded := make([]byte, reserved)
	copy(padded, magic)
	binary.BigEndian.PutUint32(padded[len(magic):], uint32(reserved-prefixLen))
	n := copy(padded[prefixLen:], head[prefixLen:])
	for i := prefixLen + n; i < reserved; i++ {
		padded[i] = ' '
	}
	return padded, nil
}

// fileWriter is the store.Writer of fsstore.
type fileWriter struct {
	s        *Store
	ctx      context.Context
	key      string
	path     objectPath
	opts     store.PutOptions
	f        *os.File // nil once closed or aborted
	reserved int
	size     int64
	sha, md5 hash.Hash
	err      error // sticky: the first failure, after which the writer is gone
}

func (w *fileWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if err := w.ctx.Err(); err != nil {
		return 0, w.fail(err)
	}
	n, err := fileWrite(w.f, p)
	w.sha.Write(p[:n])
	w.md5.Write(p[:n])
	w.size += int64(n)
	if err != nil {
		return n, w.fail(err)
	}
	return n, nil
}

// Close writes the header, syncs and commits the file under the key.
func (w *fileWriter) Close() (store.Info, error) {
	if w.err != nil {
		return store.Info{}, w.err
	}
	info, err := w.commit()
	if err != nil {
		return store.Info{}, w.fail(err)
	}
	w.err = fmt.Errorf("create %s: %w", w.key, store.ErrWriterDone)
	return info, nil
}

func (w *fileWriter) commit() (store.Info, error) {
	if err := w.ctx.Err(); err != nil {
		return store.Info{}, err
	}
	h := header{
		Size:        w.size,
		ETag:        `"` + hex.EncodeToString(w.md5.Sum(nil)) + `"`,
		SHA256:      hex.EncodeToString(w.sha.Sum(nil)),
		ContentType: w.opts.ContentType,
	}
	head, err := paddedHeader(h, w.reserved)
	if err != nil {
		return store.Info{}, err
	}
	if _, err := w.f.WriteAt(head, 0); err != nil {
		return store.Info{}, fmt.Errorf("write header: %w", err)
	}
	if err := w.f.Sync(); err != nil {
		return store.Info{}, fmt.Errorf("sync temporary file: %w", err)
	}
	f := w.f
	w.f = nil
	// Closed last, the file stays locked against RemoveStale through the
	// commit (it is synced: a close error could lose nothing). After a
	// rename the removal finds nothing; after a link or a failure it drops
	// the temporary name.
	defer f.Close()
	defer os.Remove(f.Name())
	if err := w.s.commit(w.key, w.path, f.Name(), w.opts); err != nil {
		return store.Info{}, err
	}
	return store.Info{Key: w.key, Size: h.Size, ETag: h.ETag, SHA256: h.SHA256, ContentType: h.ContentType}, nil
}

// Abort removes the temporary file. After Close it does nothing.
func (w *fileWriter) Abort() error {
	if w.err == nil {
		w.fail(fmt.Errorf("create %s: %w", w.key, store.ErrWriterDone))
	}
	return nil
}

// fail records err as the writer's final state and removes the temporary
// file, so that nothing is left behind whatever the caller does next.
func (w *fileWriter) fail(err error) error {
	if w.err == nil {
		if !errors.Is(err, store.ErrWriterDone) {
			err = fmt.Errorf("create %s: %w", w.key, unavailable(err))
		}
		w.err = err
	}
	if w.f != nil {
		name := w.f.Name()
		w.f.Close()
		os.Remove(name)
		w.f = nil
	}
	return w.err
}

// commit moves the finished temporary file tmp into place under the key's
// locks, honouring the create-only and compare-and-swap options: the last
// step of Put and of a Writer's Close.
func (s *Store) commit(key string, p objectPath, tmp string, opts store.PutOptions) error {
	unlock, err := s.lock(key, p.dir)
	if err != nil {
		return err
	}
	defer unlock.release()
	switch {
	case opts.IfNoneMatch:
		// link(2) fails if the name exists, even against another process
		// that does not honour the directory lock.
		if err := os.Link(tmp, p.file); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return store.ErrPreconditionFailed
			}
			return err
		}
	case opts.IfMatch != "":
		cur, err := readHeaderFile(p.file)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%w: no object to compare", store.ErrPreconditionFailed)
		}
		if err != nil {
			return err
		}
		if !store.SameETag(cur.ETag, opts.IfMatch) {
			return fmt.Errorf("%w: etag is %s, not %s", store.ErrPreconditionFailed, cur.ETag, opts.IfMatch)
		}
		if err := os.Rename(tmp, p.file); err != nil {
			return err
		}
	default:
		if err := os.Rename(tmp, p.file); err != nil {
			return err
		}
	}
	if err := unlock.dir.sync(); err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	return nil
}
