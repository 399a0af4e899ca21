package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

var invalidKeys = []string{
	"", "/abs", "a/../b", "..", "a//b", "dir/", "./a", "a\x00b", "a\nb", "bad\xffutf8",
	strings.Repeat("k", store.MaxKeyLen+1),
}

// testInvalidKeys: every operation rejects every invalid key with
// ErrInvalidKey before touching the store.
func testInvalidKeys(t *testing.T, s store.Store) {
	ctx := ctxFor(t)
	ops := []struct {
		name string
		call func(key string) error
	}{
		{"Put", func(k string) error { _, err := s.Put(ctx, k, []byte("x"), store.PutOptions{}); return err }},
		{"Get", func(k string) error {
			rc, _, err := s.Get(ctx, k)
			if err == nil {
				rc.Close()
			}
			return err
		}},
		{"Head", func(k string) error { _, err := s.Head(ctx, k); return err }},
		{"Delete", func(k string) error { return s.Delete(ctx, k) }},
		{"PresignGet", func(k string) error { _, err := s.PresignGet(ctx, k, time.Minute, ""); return err }},
		{"List", func(k string) error { _, err := s.List(ctx, k, "", 10); return err }},
	}
	for _, op := range ops {
		for _, key := range invalidKeys {
			if op.name == "List" && store.ValidatePrefix(key) == nil {
				continue // "" and "dir/" are valid prefixes
			}
			if err := op.call(key); !errors.Is(err, store.ErrInvalidKey) {
				t.Errorf("%s(%.40q) error = %v, want ErrInvalidKey", op.name, key, err)
			}
		}
	}
	if got, err := s.List(ctx, "", "", 10); err != nil || len(got) != 0 {
		t.Errorf("after rejected writes List = %v, %v; want an empty store", got, err)
	}
}

func testInvalidArguments(t *testing.T, s store.Store) {
	ctx := ctxFor(t)
	calls := []struct {
		name string
		call func() error
	}{
		{"Put with IfNoneMatch and IfMatch", func() error {
			_, err := s.Put(ctx, "k", nil, store.PutOptions{IfNoneMatch: true, IfMatch: `"x"`})
			return err
		}},
		{"Put with a bad content type", func() error {
			_, err := s.Put(ctx, "k", nil, store.PutOptions{ContentType: "text/plain\r\nX-Injected: 1"})
			return err
		}},
		{"List with limit 0", func() error { _, err := s.List(ctx, "", "", 0); return err }},
		{"PresignGet with TTL 0", func() error { _, err := s.PresignGet(ctx, "k", 0, ""); return err }},
		{"PresignGet with TTL 8 days", func() error { _, err := s.PresignGet(ctx, "k", 8*24*time.Hour, ""); return err }},
	}
	for _, c := range calls {
		if err := c.call(); !errors.Is(err, store.ErrInvalidArgument) {
			t.Errorf("%s: error = %v, want ErrInvalidArgument", c.name, err)
		}
	}
	if _, err := s.Head(ctx, "k"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a rejected Put wrote the object: Head error = %v", err)
	}
}

// testCanceled: a canceled context stops every operation with its error.
func testCanceled(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	errs := map[string]error{}
	_, errs["Put"] = s.Put(ctx, "k", []byte("x"), store.PutOptions{})
	_, _, errs["Get"] = s.Get(ctx, "k")
	_, errs["Head"] = s.Head(ctx, "k")
	_, errs["List"] = s.List(ctx, "", "", 10)
	errs["Delete"] = s.Delete(ctx, "k")
	for op, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a canceled context: error = %v, want context.Canceled", op, err)
		}
	}
}
