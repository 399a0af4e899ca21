//go:build !unix

package fsstore

import "os"

// dirLock on systems without flock: writers in one process are still
// serialized by keyLocks, but several processes must not share a store.
type dirLock struct{}

func lockDir(string) (*dirLock, error) { return &dirLock{}, nil }

// sync is a no-op: these systems cannot fsync a directory handle.
func (*dirLock) sync() error { return nil }

func (*dirLock) unlock() error { return nil }

// holdTemp: without flock, a temporary file is known to be abandoned only
// by its age.
func holdTemp(*os.File) error { return nil }

func abandoned(*os.File) (bool, error) { return true, nil }
