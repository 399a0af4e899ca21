package fsstore

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/nianbao/nianbao/shared/store"
)

// Get opens key for reading. The reader checks the content against the
// stored SHA-256 and returns an error wrapping store.ErrChecksumMismatch
// instead of io.EOF if the file was damaged. The caller closes it.
//
// The open file is a snapshot: a concurrent Put replaces the name, not the
// bytes being read.
func (s *Store) Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error) {
	rc, info, err := s.get(ctx, key)
	if err != nil {
		return nil, store.Info{}, fmt.Errorf("get %s: %w", key, unavailable(err))
	}
	return rc, info, nil
}

func (s *Store) get(ctx context.Context, key string) (io.ReadCloser, store.Info, error) {
	if err := ctx.Err(); err != nil {
		return nil, store.Info{}, err
	}
	p, err := s.path(key)
	if err != nil {
		return nil, store.Info{}, err
	}
	f, err := os.Open(p.file)
	if err != nil {
		return nil, store.Info{}, notFound(err)
	}
	info, err := statHeader(f, key)
	if err != nil {
		f.Close()
		return nil, store.Info{}, err
	}
	return store.VerifyReader(f, info.Size, info.SHA256), info, nil
}

// Head returns the metadata of key.
func (s *Store) Head(ctx context.Context, key string) (store.Info, error) {
	info, err := s.head(ctx, key)
	if err != nil {
		return store.Info{}, fmt.Errorf("head %s: %w", key, unavailable(err))
	}
	return info, nil
}

func (s *Store) head(ctx context.Context, key string) (store.Info, error) {
	if err := ctx.Err(); err != nil {
		return store.Info{}, err
	}
	p, err := s.path(key)
	if err != nil {
		return store.Info{}, err
	}
	return headFile(p.file, key)
}

// headFile returns the metadata of the object file at path.
func headFile(path, key string) (store.Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Info{}, notFound(err)
	}
	defer f.Close()
	return statHeader(f, key)
}

// statHeader reads the header of an open object file and combines it with
// the file's modification time.
func statHeader(f *os.File, key string) (store.Info, error) {
	st, err := f.Stat()
	if err != nil {
		return store.Info{}, err
	}
	h, _, err := readHeader(f, st.Size())
	if err != nil {
		return store.Info{}, err
	}
	return store.Info{
		Key:          key,
		Size:         h.Size,
		ETag:         h.ETag,
		SHA256:       h.SHA256,
		ContentType:  h.ContentType,
		LastModified: st.ModTime().UTC(),
	}, nil
}

// readHeaderFile reads the header of the object file at path.
func readHeaderFile(path string) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, notFound(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return header{}, err
	}
	h, _, err := readHeader(f, st.Size())
	return h, err
}
