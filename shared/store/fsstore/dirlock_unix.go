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

// holdTemp takes a shared lock on a writer's temporary file, held until
// the file is closed: while it is held, RemoveStale leaves the file alone,
// whatever its age.
func holdTemp(f *os.File) error { return flock(f, syscall.LOCK_SH) }

// abandoned reports whether no writer holds the temporary file open f
// names: whether an exclusive lock can be had at once. The lock is
// dropped when f is closed.
func abandoned(f *os.File) (bool, error) {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
