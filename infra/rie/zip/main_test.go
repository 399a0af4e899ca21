package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPack(t *testing.T) {
	tests := []struct {
		name string
		body []byte
	}{
		{"empty", nil},
		{"text", []byte("#!/bin/sh\necho hi\n")},
		{"binary", bytes.Repeat([]byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 3}, 10000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := pack(&buf, bytes.NewReader(tt.body)); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			if len(zr.File) != 1 {
				t.Fatalf("%d entries, want 1", len(zr.File))
			}
			f := zr.File[0]
			if f.Name != "bootstrap" {
				t.Errorf("entry name %q, want bootstrap", f.Name)
			}
			if got := f.Mode(); got != 0o755 {
				t.Errorf("mode %v, want -rwxr-xr-x", got)
			}
			if !f.Modified.Equal(modTime) {
				t.Errorf("modified %v, want %v", f.Modified, modTime)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.body) {
				t.Errorf("content %d bytes, want the %d bytes packed", len(got), len(tt.body))
			}
		})
	}
}

// TestPackReproducible packs the same file from two paths with different
// timestamps and permissions, at different times: the zips must match.
func TestPackReproducible(t *testing.T) {
	dir := t.TempDir()
	body := bytes.Repeat([]byte("bootstrap"), 5000)
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.WriteFile(a, body, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, body, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(b, time.Now().Add(-48*time.Hour), time.Now().Add(-48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	za, zb := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")
	if err := packFile(za, a); err != nil {
		t.Fatal(err)
	}
	if err := packFile(zb, b); err != nil {
		t.Fatal(err)
	}
	ha, hb := sum(t, za), sum(t, zb)
	if ha != hb {
		t.Errorf("zips differ: %x (from %s) vs %x (from %s)", ha, a, hb, b)
	}
}

func TestPackFileErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.zip")
	err := packFile(out, filepath.Join(dir, "missing"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("packFile(missing) error = %v, want ErrNotExist", err)
	}
	if _, statErr := os.Stat(out); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("packFile(missing) left %s behind", out)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".zip-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func sum(t *testing.T, name string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}
