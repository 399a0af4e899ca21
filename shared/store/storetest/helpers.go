package storetest

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// opTimeout bounds each call, so a hung server fails the test instead of
// stalling the run.
const opTimeout = 30 * time.Second

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), opTimeout)
	t.Cleanup(cancel)
	return ctx
}

func mustPut(t *testing.T, s store.Store, key string, body []byte, opts store.PutOptions) store.Info {
	t.Helper()
	info, err := s.Put(ctxFor(t), key, body, opts)
	if err != nil {
		t.Fatalf("Put(%q, %d bytes, %+v): %v", key, len(body), opts, err)
	}
	return info
}

// mustGet reads key completely, so that the store's checksum verification
// at the end of the stream takes part.
func mustGet(t *testing.T, s store.Store, key string) ([]byte, store.Info) {
	t.Helper()
	rc, info, err := s.Get(ctxFor(t), key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	defer rc.Close()
	body, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("Get(%q): read: %v", key, err)
	}
	return body, info
}

// sameInfo compares the fields every store must agree on, leaving out
// LastModified (Put does not report it and clocks differ in precision).
func sameInfo(got, want store.Info) bool {
	got.LastModified, want.LastModified = time.Time{}, time.Time{}
	return got.Key == want.Key && got.Size == want.Size && store.SameETag(got.ETag, want.ETag) &&
		got.SHA256 == want.SHA256 && got.ContentType == want.ContentType
}

// checkRecent reports a LastModified that is unset or far from now. A
// local server shares the clock; a minute covers second rounding.
func checkRecent(t *testing.T, what string, info store.Info) {
	t.Helper()
	if d := time.Since(info.LastModified); info.LastModified.IsZero() || d < -time.Minute || d > time.Minute {
		t.Errorf("%s(%q).LastModified = %v, want within a minute of now", what, info.Key, info.LastModified)
	}
}
