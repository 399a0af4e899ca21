package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

func testCreateOnly(t *testing.T, s store.Store) {
	const key = "reports/abc/2020/v1.json"
	first := mustPut(t, s, key, []byte("first"), store.PutOptions{IfNoneMatch: true})
	_, err := s.Put(ctxFor(t), key, []byte("second"), store.PutOptions{IfNoneMatch: true})
	if !errors.Is(err, store.ErrPreconditionFailed) {
		t.Fatalf("second create-only Put error = %v, want ErrPreconditionFailed", err)
	}
	body, info := mustGet(t, s, key)
	if string(body) != "first" || !store.SameETag(info.ETag, first.ETag) {
		t.Errorf("after a lost create Get = %q (ETag %s), want \"first\" (ETag %s)", body, info.ETag, first.ETag)
	}
}

func testCompareAndSwap(t *testing.T, s store.Store) {
	const key = "pointer/current"
	v1 := mustPut(t, s, key, []byte("v1"), store.PutOptions{})
	v2 := mustPut(t, s, key, []byte("v2"), store.PutOptions{IfMatch: v1.ETag})
	tests := []struct {
		name string
		key  string
		etag string
	}{
		{"stale ETag", key, v1.ETag},
		{"made-up ETag", key, `"00000000000000000000000000000000"`},
		{"missing key", "pointer/none", v2.ETag},
	}
	for _, tt := range tests {
		_, err := s.Put(ctxFor(t), tt.key, []byte("v3"), store.PutOptions{IfMatch: tt.etag})
		if !errors.Is(err, store.ErrPreconditionFailed) {
			t.Errorf("%s: Put(%q, IfMatch %s) error = %v, want ErrPreconditionFailed", tt.name, tt.key, tt.etag, err)
		}
	}
	body, info := mustGet(t, s, key)
	if string(body) != "v2" || !store.SameETag(info.ETag, v2.ETag) {
		t.Errorf("after failed swaps Get = %q (ETag %s), want \"v2\" (ETag %s)", body, info.ETag, v2.ETag)
	}
	if _, err := s.Head(ctxFor(t), "pointer/none"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a failed swap on a missing key created it: Head error = %v", err)
	}
}

// testCreateRace: of 8 concurrent create-only writers exactly one wins and
// its content is what is stored.
func testCreateRace(t *testing.T, s store.Store) {
	const (
		key     = "race/create"
		writers = 8
	)
	ctx := ctxFor(t)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, errs[i] = s.Put(ctx, key, []byte("writer "+strconv.Itoa(i)), store.PutOptions{IfNoneMatch: true})
		})
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("writers %d and %d both won", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, store.ErrPreconditionFailed):
			t.Errorf("writer %d: error = %v, want nil or ErrPreconditionFailed", i, err)
		}
	}
	if winner < 0 {
		t.Fatalf("no writer won: %v", errs)
	}
	if body, _ := mustGet(t, s, key); string(body) != "writer "+strconv.Itoa(winner) {
		t.Errorf("stored %q, want the winner's %q", body, "writer "+strconv.Itoa(winner))
	}
}

// testCASCounter: 20 goroutines each increment a counter object once with
// read-modify-write and IfMatch; no increment may be lost.
func testCASCounter(t *testing.T, s store.Store) {
	const (
		key        = "race/counter"
		workers    = 20
		maxRetries = 500 // a livelock fails instead of hanging
	)
	mustPut(t, s, key, []byte("0"), store.PutOptions{ContentType: "text/plain"})
	ctx := ctxFor(t)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { errs <- increment(ctx, s, key, maxRetries) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if body, _ := mustGet(t, s, key); string(body) != strconv.Itoa(workers) {
		t.Errorf("counter = %s after %d increments, want %d", body, workers, workers)
	}
}

func increment(ctx context.Context, s store.Store, key string, maxRetries int) error {
	for range maxRetries {
		rc, info, err := s.Get(ctx, key)
		if err != nil {
			return fmt.Errorf("get counter: %w", err)
		}
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("read counter: %w", err)
		}
		n, err := strconv.Atoi(buf.String())
		if err != nil {
			return fmt.Errorf("counter holds %q: %w", buf.String(), err)
		}
		_, err = s.Put(ctx, key, []byte(strconv.Itoa(n+1)), store.PutOptions{ContentType: "text/plain", IfMatch: info.ETag})
		if errors.Is(err, store.ErrPreconditionFailed) {
			continue
		}
		if err != nil {
			return fmt.Errorf("swap counter %d→%d: %w", n, n+1, err)
		}
		return nil
	}
	return fmt.Errorf("no successful swap in %d tries", maxRetries)
}
