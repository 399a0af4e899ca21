package roster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// Store is what rosters are kept in (fsstore or s3store).
type Store interface {
	Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error)
	Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error)
	Head(ctx context.Context, key string) (store.Info, error)
}

// Key is where the year's roster lives in the bucket.
func Key(year int) string { return "rosters/" + strconv.Itoa(year) + "/roster.json" }

// maxStoredBytes bounds a stored roster read back: MaxAgencies rows of
// JSON with 64-character names and regions.
const maxStoredBytes = 16 << 20

// Save stores r as the year's roster, replacing the one before. ifMatch,
// when set, is the ETag the caller last read: the save fails with
// ErrConflict if the roster has changed since, and so does a save that
// finds the roster replaced between its own read and write. It returns the
// new ETag.
func Save(ctx context.Context, st Store, r *Roster, ifMatch string, now time.Time) (string, error) {
	key := Key(r.Year)
	opts := store.PutOptions{ContentType: "application/json; charset=utf-8", IfMatch: ifMatch}
	if ifMatch == "" {
		info, err := st.Head(ctx, key)
		switch {
		case errors.Is(err, store.ErrNotFound):
			opts.IfNoneMatch = true
		case err != nil:
			return "", fmt.Errorf("roster %d: %w", r.Year, err)
		default:
			opts.IfMatch = info.ETag
		}
	}
	saved := *r
	saved.UpdatedAt = now.UTC().Truncate(time.Second)
	body, err := json.Marshal(saved)
	if err != nil {
		return "", fmt.Errorf("roster %d: %w", r.Year, err)
	}
	info, err := st.Put(ctx, key, body, opts)
	switch {
	case errors.Is(err, store.ErrPreconditionFailed):
		return "", fmt.Errorf("roster %d: %w", r.Year, ErrConflict)
	case err != nil:
		return "", fmt.Errorf("store roster %d: %w", r.Year, err)
	}
	r.UpdatedAt = saved.UpdatedAt
	return info.ETag, nil
}

// Load returns the year's roster and its ETag, or ErrNotFound.
func Load(ctx context.Context, st Store, year int) (*Roster, string, error) {
	key := Key(year)
	rc, info, err := st.Get(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return nil, "", fmt.Errorf("roster %d: %w", year, ErrNotFound)
	}
	if err != nil {
		return nil, "", fmt.Errorf("read roster %d: %w", year, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxStoredBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("read roster %d: %w", year, err)
	}
	if len(data) > maxStoredBytes {
		return nil, "", fmt.Errorf("roster %d: stored object larger than %d bytes", year, maxStoredBytes)
	}
	var r Roster
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, "", fmt.Errorf("roster %d: stored object: %w", year, err)
	}
	if r.Year != year {
		return nil, "", fmt.Errorf("roster %d: stored object is for %d", year, r.Year)
	}
	return &r, info.ETag, nil
}
