//go:build unix

package fsstore

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// dirLock holds an exclusive flock on a directory: the guard between
// processes for compare-and-swap, delete and overwrite in that directory.
type dirLock struct{ f *os.File }

func lockDir(dir string) (*dirLock, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return &dirLock{f: f}, nil
}

// sync makes a rename or link in the directory durable.
func (l *dirLock) sync() error { return l.f.Sync() }

// unlock releases the lock; closing the descriptor drops the flock.
func (l *dirLock) unlock() error { return l.f.Close() }
