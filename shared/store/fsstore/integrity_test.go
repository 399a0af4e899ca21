package fsstore

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// damage rewrites the object file of key with f applied to its bytes.
func damage(t *testing.T, s *Store, key string, f func([]byte) []byte) {
	t.Helper()
	p, err := s.path(key)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p.file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p.file, f(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestGetDetectsDamage(t *testing.T) {
	tests := []struct {
		name    string
		damage  func([]byte) []byte
		wantErr error // from Get, or from reading when Get succeeds
	}{
		{"flipped content byte", func(b []byte) []byte { b[len(b)-1] ^= 1; return b }, store.ErrChecksumMismatch},
		{"truncated content", func(b []byte) []byte { return b[:len(b)-1] }, errCorrupt},
		{"appended content", func(b []byte) []byte { return append(b, 'x') }, errCorrupt},
		{"garbage", func([]byte) []byte { return []byte("not an object") }, errCorrupt},
	}
	ctx := context.Background()
	for _, tt := range tests {
		s := newTestStore(t)
		if _, err := s.Put(ctx, "k", []byte("hello"), store.PutOptions{}); err != nil {
			t.Fatal(err)
		}
		damage(t, s, "k", tt.damage)
		rc, _, err := s.Get(ctx, "k")
		if err == nil {
			_, err = io.ReadAll(rc)
			rc.Close()
		}
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: Get error = %v, want %v", tt.name, err, tt.wantErr)
		}
	}
}

// TestTempFilesInvisible: a writer that died between write and rename
// leaves a hidden temporary file, which no read or listing reports.
func TestTempFilesInvisible(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.Put(ctx, "d/k", []byte("x"), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"d/.tmp-123", ".tmp-9", "d/stranger.txt"} {
		if err := os.WriteFile(filepath.Join(s.root, filepath.FromSlash(name)), []byte("junk"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.List(ctx, "", "", 100)
	if err != nil || len(got) != 1 || got[0].Key != "d/k" {
		t.Errorf("List = %+v, %v; want only d/k", got, err)
	}
}

// TestPutLeavesNoTemp: neither a successful nor a losing write leaves a
// temporary file behind.
func TestPutLeavesNoTemp(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	info, err := s.Put(ctx, "k", []byte("1"), store.PutOptions{IfNoneMatch: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Put(ctx, "k", []byte("2"), store.PutOptions{IfNoneMatch: true})
	s.Put(ctx, "k", []byte("3"), store.PutOptions{IfMatch: `"stale"`})
	if _, err := s.Put(ctx, "k", []byte("4"), store.PutOptions{IfMatch: info.ETag}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(s.root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "k~" {
		t.Errorf("root holds %q, want only k~", names)
	}
}
