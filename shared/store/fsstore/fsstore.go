// Package fsstore keeps objects in a local directory with the semantics of
// an S3 bucket: atomic writes, create-only and compare-and-swap writes,
// SHA-256 and ETag per object, lexical listing. It is the default store when
// everything runs on one machine.
//
// Each object is one file holding a small header (size, ETag, SHA-256,
// content type) followed by the content, so data and metadata are replaced
// together by a single rename. Writers in several processes are serialized
// with flock on the object's directory; create-only writes use link(2),
// which fails atomically if the name exists.
//
// Known limits: keys that differ only in letter case collide on
// case-insensitive file systems; each key segment must fit a file name (254
// bytes once escaped); empty directories are left behind by Delete; List
// reads the whole subtree under the prefix, so it suits thousands of
// objects, not millions.
package fsstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// Store is a directory-backed object store. It is safe for concurrent use
// by goroutines and by processes sharing the directory.
type Store struct {
	root  string
	locks keyLocks
}

// New opens (creating if needed) a store rooted at dir.
func New(dir string) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("fsstore: root %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("fsstore: create root: %w", err)
	}
	return &Store{root: abs}, nil
}

// PresignGet is not possible without a server; it returns
// store.ErrNotSupported (after rejecting an invalid key, as every store does).
func (s *Store) PresignGet(ctx context.Context, key string, ttl time.Duration, filename string) (string, error) {
	if err := store.ValidateKey(key); err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	if err := store.ValidateTTL(ttl); err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	return "", fmt.Errorf("presign %s: %w", key, store.ErrNotSupported)
}

// notFound turns a missing file into store.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return store.ErrNotFound
	}
	return err
}
