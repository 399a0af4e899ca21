package imports

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// Store is what entries are kept in (fsstore or s3store).
type Store interface {
	Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error)
	Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error)
	Head(ctx context.Context, key string) (store.Info, error)
	List(ctx context.Context, prefix, startAfter string, limit int) ([]store.Info, error)
	PresignGet(ctx context.Context, key string, ttl time.Duration, filename string) (string, error)
}

// Queue reads and writes a bucket's import entries. It is safe for
// concurrent use.
type Queue struct {
	st  Store
	now func() time.Time
}

// New returns the queue kept in st.
func New(st Store) *Queue { return &Queue{st: st, now: time.Now} }

// WithClock returns a copy reading the time from now, for tests.
func (q *Queue) WithClock(now func() time.Time) *Queue {
	c := *q
	c.now = now
	return &c
}

// maxEntryBytes bounds an entry read back: a draft of at most 1 MiB, at
// most 512 KiB of findings, and the provenance of a few hundred cells.
const maxEntryBytes = 4 << 20

const contentTypeJSON = "application/json; charset=utf-8"

// Get returns the entry of an original and its ETag, or ErrNotFound.
func (q *Queue) Get(ctx context.Context, year int, sha string) (Entry, string, error) {
	key := Key(year, sha)
	rc, info, err := q.st.Get(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return Entry{}, "", fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return Entry{}, "", fmt.Errorf("read %s: %w", key, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxEntryBytes+1))
	if err != nil {
		return Entry{}, "", fmt.Errorf("read %s: %w", key, err)
	}
	if len(data) > maxEntryBytes {
		return Entry{}, "", fmt.Errorf("%w: %s is larger than %d bytes", ErrCorrupt, key, maxEntryBytes)
	}
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil {
		return Entry{}, "", fmt.Errorf("%w: %s: %v", ErrCorrupt, key, err)
	}
	if e.Year != year || e.SHA256 != sha || !e.State.Valid() {
		return Entry{}, "", fmt.Errorf("%w: %s holds %d/%s in state %q", ErrCorrupt, key, e.Year, e.SHA256, e.State)
	}
	return e, info.ETag, nil
}

// Save writes an entry: create-only when etag is "", else only over the
// version etag names; either fails with ErrConflict when another writer
// got there first. It stamps UpdatedAt (and Created, the first time) and
// returns the new ETag.
func (q *Queue) Save(ctx context.Context, e *Entry, etag string) (string, error) {
	if !ValidSHA256(e.SHA256) || !e.State.Valid() {
		return "", fmt.Errorf("save import entry: bad sha256 %q or state %q", e.SHA256, e.State)
	}
	if _, err := ParseYear(fmt.Sprint(e.Year)); err != nil {
		return "", fmt.Errorf("save import entry: %w", err)
	}
	now := q.now().UTC().Truncate(time.Second)
	if e.Created.IsZero() {
		e.Created = now
	}
	e.UpdatedAt = now
	body, err := marshal(e)
	if err != nil {
		return "", err
	}
	opts := store.PutOptions{ContentType: contentTypeJSON, IfMatch: etag, IfNoneMatch: etag == ""}
	info, err := q.st.Put(ctx, Key(e.Year, e.SHA256), body, opts)
	if errors.Is(err, store.ErrPreconditionFailed) {
		return "", fmt.Errorf("%s: %w", Key(e.Year, e.SHA256), ErrConflict)
	}
	if err != nil {
		return "", fmt.Errorf("store %s: %w", Key(e.Year, e.SHA256), err)
	}
	return info.ETag, nil
}

// KeepOriginal stores the original of a report going to review beside its
// entry, once: what is there already is the same bytes (the key names
// their SHA-256). It returns the key.
func (q *Queue) KeepOriginal(ctx context.Context, year int, sha, ext, contentType string, data []byte) (string, error) {
	key := OriginalKey(year, sha, ext)
	_, err := q.st.Put(ctx, key, data, store.PutOptions{ContentType: contentType, IfNoneMatch: true})
	if err != nil && !errors.Is(err, store.ErrPreconditionFailed) {
		return "", fmt.Errorf("store %s: %w", key, err)
	}
	return key, nil
}

// OpenOriginal streams the kept original of an entry in review, or
// ErrNotFound when it has none.
func (q *Queue) OpenOriginal(ctx context.Context, e Entry) (io.ReadCloser, store.Info, error) {
	if e.Original == "" || e.Original != OriginalKey(e.Year, e.SHA256, extOf(e.Original)) {
		return nil, store.Info{}, fmt.Errorf("%w: %s keeps no original", ErrNotFound, e.Ref())
	}
	rc, info, err := q.st.Get(ctx, e.Original)
	if errors.Is(err, store.ErrNotFound) {
		return nil, store.Info{}, fmt.Errorf("%w: %s", ErrNotFound, e.Original)
	}
	if err != nil {
		return nil, store.Info{}, fmt.Errorf("read %s: %w", e.Original, err)
	}
	return rc, info, nil
}

// PresignOriginal returns a short-lived URL for an entry's kept original,
// or an error matching store.ErrNotSupported on a store that cannot
// presign.
func (q *Queue) PresignOriginal(ctx context.Context, e Entry, ttl time.Duration, filename string) (string, error) {
	if e.Original == "" {
		return "", fmt.Errorf("%w: %s keeps no original", ErrNotFound, e.Ref())
	}
	return q.st.PresignGet(ctx, e.Original, ttl, filename)
}

// OriginalExt is the extension of an entry's kept original: pdf, html, ….
func (e *Entry) OriginalExt() string { return extOf(e.Original) }

func extOf(key string) string {
	for i := len(key) - 1; i >= 0 && key[i] != '/'; i-- {
		if key[i] == '.' {
			return key[i+1:]
		}
	}
	return ""
}

// maxCAS bounds the compare-and-swap attempts of MarkFiled.
const maxCAS = 8

// MarkFiled records that a person filed the entry's report from the form
// as version id. Only an entry in review can be marked; marking one that
// is filed already answers it as it is.
func (q *Queue) MarkFiled(ctx context.Context, year int, sha, id string) (Entry, error) {
	for range maxCAS {
		e, etag, err := q.Get(ctx, year, sha)
		if err != nil {
			return Entry{}, err
		}
		switch {
		case e.State == Filed && e.ID == id:
			return e, nil
		case e.State != Review:
			return e, fmt.Errorf("%s is %s: %w", e.Ref(), e.State, ErrNotInReview)
		}
		e.State, e.ID, e.FiledBy, e.Reasons = Filed, id, ByForm, nil
		if _, err := q.Save(ctx, &e, etag); errors.Is(err, ErrConflict) {
			continue
		} else if err != nil {
			return Entry{}, err
		}
		return e, nil
	}
	return Entry{}, fmt.Errorf("mark %s filed: %w", Ref(year, sha), ErrConflict)
}

// marshal encodes v as JSON with Chinese text left readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	return b.Bytes(), nil
}
