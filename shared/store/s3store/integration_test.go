//go:build integration

package s3store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
	"github.com/nianbao/nianbao/shared/store/storetest"
)

func newServerStore(t testing.TB, srv *s3test.Server, opts Options) *Store {
	t.Helper()
	opts.Bucket = srv.NewBucket(t)
	opts.UsePathStyle = true
	s, err := New(srv.Config(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			storetest.Run(t, func(t *testing.T) store.Store { return newServerStore(t, srv, Options{}) })
		})
	}
}

// TestOutage kills the server mid-test: calls fail with
// store.ErrUnavailable within the bounded retries, and after a restart the
// data written before is there and writes work again.
func TestOutage(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			s := newServerStore(t, srv, Options{MaxAttempts: 2, MaxBackoff: 50 * time.Millisecond})
			ctx := t.Context()
			before, err := s.Put(ctx, "k", []byte("before"), store.PutOptions{})
			if err != nil {
				t.Fatal(err)
			}

			srv.Stop()
			start := time.Now()
			_, errPut := s.Put(ctx, "k2", []byte("x"), store.PutOptions{IfNoneMatch: true})
			_, errHead := s.Head(ctx, "k")
			_, errList := s.List(ctx, "", "", 10)
			for op, err := range map[string]error{"Put": errPut, "Head": errHead, "List": errList} {
				if !errors.Is(err, store.ErrUnavailable) {
					t.Errorf("%s while the server is down: error = %v, want ErrUnavailable", op, err)
				}
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("three calls against a dead server took %v; retries are not bounded", d)
			}

			srv.Restart()
			info, err := s.Head(ctx, "k")
			if err != nil || !store.SameETag(info.ETag, before.ETag) {
				t.Errorf("after restart Head = %+v, %v; want ETag %s", info, err, before.ETag)
			}
			if _, err := s.Put(ctx, "k2", []byte("after"), store.PutOptions{IfNoneMatch: true}); err != nil {
				t.Errorf("after restart Put: %v", err)
			}
		})
	}
}

// TestDeadline: a context deadline is reported as ErrUnavailable and as
// context.DeadlineExceeded.
func TestDeadline(t *testing.T) {
	srv := s3test.Start(t, s3test.Versitygw)
	s := newServerStore(t, srv, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	_, err := s.Head(ctx, "k")
	if !errors.Is(err, store.ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Head past the deadline: error = %v, want ErrUnavailable and DeadlineExceeded", err)
	}
}

func BenchmarkPutGet100KB(b *testing.B) {
	for _, kind := range s3test.Kinds {
		b.Run(string(kind), func(b *testing.B) {
			srv := s3test.Start(b, kind)
			storetest.BenchmarkPutGet(b, newServerStore(b, srv, Options{}), 100<<10)
		})
	}
}
