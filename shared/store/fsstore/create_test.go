package fsstore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/storetest"
)

var _ store.Creator = (*Store)(nil)

func TestCreateConformance(t *testing.T) {
	storetest.RunCreate(t, func(t *testing.T) store.Creator { return newTestStore(t) })
}

// TestCreateFileFormat: a streamed object has the same on-disk format as
// Put's (a padded header), so every reader of the store accepts it, and
// fsstore knows the SHA-256 of even a large one.
func TestCreateFileFormat(t *testing.T) {
	s := newTestStore(t)
	ctx := t.Context()
	body := bytes.Repeat([]byte("年报"), 3<<20)
	w, err := s.Create(ctx, "a/b", store.PutOptions{ContentType: "text/plain; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(body); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	head, err := s.Head(ctx, "a/b")
	if err != nil || head.SHA256 != hex.EncodeToString(sum[:]) || head.ETag != store.MD5ETag(body) {
		t.Errorf("Head = %+v, %v; want sha256 %x and ETag %s", head, err, sum, store.MD5ETag(body))
	}
	p, err := s.path("a/b")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(p.file)
	if err != nil {
		t.Fatal(err)
	}
	h, hlen, err := readHeader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil || !bytes.Equal(raw[hlen:], body) || h.Size != int64(len(body)) {
		t.Errorf("readHeader of a streamed file = %+v, %d, %v; want size %d and the content after it", h, hlen, err, len(body))
	}
	entries, err := os.ReadDir(filepath.Dir(p.file))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left after Close", e.Name())
		}
	}
}

// TestCreateAbortRemovesTemp: Abort deletes the temporary file.
func TestCreateAbortRemovesTemp(t *testing.T) {
	s := newTestStore(t)
	w, err := s.Create(t.Context(), "x/y", store.PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("partial")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(s.root, "x")
	if n := countTemp(t, dir); n != 1 {
		t.Fatalf("%d temporary files while writing, want 1", n)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if n := countTemp(t, dir); n != 0 {
		t.Errorf("%d temporary files after Abort, want 0", n)
	}
}

func countTemp(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			n++
		}
	}
	return n
}

func TestPaddedHeader(t *testing.T) {
	tests := []struct {
		name string
		h    header
	}{
		{"empty", header{Size: 0, ETag: store.MD5ETag(nil), SHA256: store.SHA256Hex(nil), ContentType: store.DefaultContentType}},
		{"largest size", header{Size: 1<<63 - 1, ETag: store.MD5ETag(nil), SHA256: store.SHA256Hex(nil), ContentType: "application/zip"}},
	}
	for _, tt := range tests {
		reserved, err := reservedHeaderLen(tt.h.ContentType)
		if err != nil {
			t.Fatal(err)
		}
		head, err := paddedHeader(tt.h, reserved)
		if err != nil {
			t.Fatalf("%s: paddedHeader: %v", tt.name, err)
		}
		if len(head) != reserved {
			t.Errorf("%s: header is %d bytes, want the reserved %d", tt.name, len(head), reserved)
		}
		got, hlen, err := readHeader(bytes.NewReader(head), int64(reserved)+tt.h.Size)
		if err != nil || got != tt.h || hlen != int64(reserved) {
			t.Errorf("%s: readHeader = %+v, %d, %v; want %+v, %d", tt.name, got, hlen, err, tt.h, reserved)
		}
	}
}

func BenchmarkCreate20MiB(b *testing.B) {
	s, err := New(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	storetest.BenchmarkCreate(b, s, storetest.LargeObjectSize)
}
