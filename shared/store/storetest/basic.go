package storetest

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

func testRoundTrip(t *testing.T, s store.Store) {
	big := make([]byte, 100<<10)
	rand.NewChaCha8([32]byte{1}).Read(big)
	tests := []struct {
		key, contentType, wantType string
		body                       []byte
	}{
		{"reports/2020/report.json", "application/json", "application/json", []byte(`{"reportYear":2020}`)},
		{"empty", "", store.DefaultContentType, nil},
		{"报告/2020/西工区教育体育局年报.txt", "text/plain; charset=utf-8", "text/plain; charset=utf-8", []byte("一、总体情况\n")},
		{"bin/100k.bin", "application/octet-stream", "application/octet-stream", big},
		{"odd/a%20b~c.d/.e", "text/csv", "text/csv", []byte("a,b\n")},
	}
	for _, tt := range tests {
		want := store.Info{
			Key:         tt.key,
			Size:        int64(len(tt.body)),
			SHA256:      store.SHA256Hex(tt.body),
			ContentType: tt.wantType,
		}
		put := mustPut(t, s, tt.key, tt.body, store.PutOptions{ContentType: tt.contentType})
		if put.ETag == "" {
			t.Errorf("Put(%q).ETag is empty", tt.key)
		}
		want.ETag = put.ETag
		if !sameInfo(put, want) {
			t.Errorf("Put(%q) = %+v, want %+v", tt.key, put, want)
		}
		body, got := mustGet(t, s, tt.key)
		if !bytes.Equal(body, tt.body) {
			t.Errorf("Get(%q) body = %d bytes %.20q, want %d bytes %.20q", tt.key, len(body), body, len(tt.body), tt.body)
		}
		if !sameInfo(got, want) {
			t.Errorf("Get(%q) info = %+v, want %+v", tt.key, got, want)
		}
		checkRecent(t, "Get", got)
		head, err := s.Head(ctxFor(t), tt.key)
		if err != nil {
			t.Fatalf("Head(%q): %v", tt.key, err)
		}
		if !sameInfo(head, want) {
			t.Errorf("Head(%q) = %+v, want %+v", tt.key, head, want)
		}
		checkRecent(t, "Head", head)
	}
}

func testOverwrite(t *testing.T, s store.Store) {
	const key = "pointer/latest"
	first := mustPut(t, s, key, []byte("v1"), store.PutOptions{})
	second := mustPut(t, s, key, []byte("v2"), store.PutOptions{ContentType: "text/plain"})
	if store.SameETag(first.ETag, second.ETag) {
		t.Errorf("ETag did not change when the content did: %s", first.ETag)
	}
	body, info := mustGet(t, s, key)
	if string(body) != "v2" || info.ContentType != "text/plain" || !store.SameETag(info.ETag, second.ETag) {
		t.Errorf("after overwrite Get = %q, %+v; want \"v2\", text/plain, ETag %s", body, info, second.ETag)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := ctxFor(t)
	mustPut(t, s, "a/b", []byte("x"), store.PutOptions{})
	for _, key := range []string{"missing", "a", "a/b/c", "a/bb"} {
		if rc, _, err := s.Get(ctx, key); !errors.Is(err, store.ErrNotFound) {
			if err == nil {
				rc.Close()
			}
			t.Errorf("Get(%q) error = %v, want ErrNotFound", key, err)
		} else if !strings.Contains(err.Error(), key) {
			t.Errorf("Get(%q) error %q does not name the key", key, err)
		}
		if _, err := s.Head(ctx, key); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Head(%q) error = %v, want ErrNotFound", key, err)
		}
	}
}

func testDelete(t *testing.T, s store.Store) {
	ctx := ctxFor(t)
	mustPut(t, s, "d/1", []byte("x"), store.PutOptions{})
	mustPut(t, s, "d/2", []byte("y"), store.PutOptions{})
	if err := s.Delete(ctx, "d/1"); err != nil {
		t.Fatalf("Delete(d/1): %v", err)
	}
	if _, err := s.Head(ctx, "d/1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Head after Delete: error = %v, want ErrNotFound", err)
	}
	if _, err := s.Head(ctx, "d/2"); err != nil {
		t.Errorf("Delete(d/1) disturbed d/2: %v", err)
	}
	for _, key := range []string{"d/1", "never/was"} {
		if err := s.Delete(ctx, key); err != nil {
			t.Errorf("Delete(%q) of a missing key = %v, want nil", key, err)
		}
	}
	// A deleted key can be created again, even create-only.
	mustPut(t, s, "d/1", []byte("z"), store.PutOptions{IfNoneMatch: true})
}
