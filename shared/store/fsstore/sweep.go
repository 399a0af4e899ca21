package fsstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// StaleAfter is the age past which RemoveStale may take a temporary file
// for a crashed writer's. Every writer locks its temporary file until it
// is renamed into place or removed, so the age only covers the instant
// between creating a file and locking it, and systems without flock.
const StaleAfter = time.Hour

// RemoveStale removes the temporary files that writers killed between
// writing and renaming left behind (never listed or read, but on disk for
// ever otherwise), and returns how many it removed. A temporary file goes
// only when it was last written more than olderThan ago and no process
// holds it: a slow writer in this or another process is never robbed of
// its file. It walks the whole store; `nianbao serve` runs it at start-up
// and every hour.
func (s *Store) RemoveStale(ctx context.Context, olderThan time.Duration) (int, error) {
	cutoff := time.Now().Add(-olderThan)
	removed := 0
	err := filepath.WalkDir(s.root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // removed while walking
		case err != nil:
			return err
		case d.IsDir():
			return ctx.Err()
		case !d.Type().IsRegular() || !strings.HasPrefix(d.Name(), tempPrefix):
			return nil
		}
		gone, err := removeIfStale(path, cutoff)
		if gone {
			removed++
		}
		return err
	})
	if err != nil {
		return removed, fmt.Errorf("remove stale temporary files: %w", unavailable(err))
	}
	return removed, nil
}

// removeIfStale removes the temporary file at path if it is older than
// cutoff and no writer holds it.
func removeIfStale(path string, cutoff time.Time) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // committed or removed by its writer meanwhile
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	// The age is read on the open file: the name may have been reused.
	st, err := f.Stat()
	if err != nil || !st.ModTime().Before(cutoff) {
		return false, err
	}
	free, err := abandoned(f)
	if err != nil || !free {
		return false, err
	}
	// Held exclusively now: no writer can have it, none will take it again
	// (writers only ever create new names).
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}
