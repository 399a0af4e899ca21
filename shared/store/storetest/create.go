package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// LargeObjectSize is the size of the object RunCreate streams to cross
// several multipart parts (S3 parts are at least 5 MiB).
const LargeObjectSize = 20 << 20

// RunCreate runs the conformance suite for Create. newStore must return an
// empty, independent store for each subtest, as for Run.
//
// One latitude is allowed: for an object large enough to need several
// parts, Head and Get may report SHA256 "" (unknown), because S3 keeps only
// a checksum of the part checksums for a multipart SHA-256 upload. They
// must never report a wrong one, and Close always returns the real one.
func RunCreate(t *testing.T, newStore func(t *testing.T) store.Creator) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Creator)
	}{
		{"Visibility", testCreateVisibility},
		{"Abort", testCreateAbort},
		{"CreateOnlyAtCommit", testCreateOnlyAtCommit},
		{"CompareAndSwap", testCreateCompareAndSwap},
		{"Large", testCreateLarge},
		{"Empty", testCreateEmpty},
		{"Canceled", testCreateCanceled},
		{"Invalid", testCreateInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newStore(t))
		})
	}
}

func mustCreate(t *testing.T, s store.Creator, ctx context.Context, key string, opts store.PutOptions) store.Writer {
	t.Helper()
	w, err := s.Create(ctx, key, opts)
	if err != nil {
		t.Fatalf("Create(%q, %+v): %v", key, opts, err)
	}
	t.Cleanup(func() { w.Abort() })
	return w
}

func mustWrite(t *testing.T, w store.Writer, p []byte) {
	t.Helper()
	if n, err := w.Write(p); err != nil || n != len(p) {
		t.Fatalf("Write(%d bytes) = %d, %v", len(p), n, err)
	}
}

// checkAbsent fails unless key is missing from Head and from a listing.
func checkAbsent(t *testing.T, s store.Creator, key, when string) {
	t.Helper()
	if _, err := s.Head(ctxFor(t), key); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("%s: Head(%q) error = %v, want ErrNotFound", when, key, err)
	}
	list, err := s.List(ctxFor(t), "", "", store.MaxListLimit)
	if err != nil {
		t.Fatalf("%s: List: %v", when, err)
	}
	for _, info := range list {
		if info.Key == key {
			t.Errorf("%s: List shows %q", when, key)
		}
	}
}

// testCreateVisibility: nothing appears until Close, an older object
// stays readable meanwhile, and Close reports what Head and Get then show.
func testCreateVisibility(t *testing.T, s store.Creator) {
	const key = "archive/2020/bag.zip"
	ctx := ctxFor(t)
	body := []byte("PK\x03\x04 pretend zip content, written in three pieces")
	w := mustCreate(t, s, ctx, key, store.PutOptions{ContentType: "application/zip"})
	mustWrite(t, w, body[:10])
	checkAbsent(t, s, key, "after a first Write")
	mustWrite(t, w, body[10:20])
	mustWrite(t, w, body[20:])
	checkAbsent(t, s, key, "after the last Write, before Close")
	info, err := w.Close()
	if err != nil {
		t.Fatalf("Close: %v", err)
	}
	want := store.Info{Key: key, Size: int64(len(body)), SHA256: store.SHA256Hex(body), ContentType: "application/zip", ETag: info.ETag}
	if info.ETag == "" || !sameInfo(info, want) {
		t.Errorf("Close = %+v, want %+v with an ETag", info, want)
	}
	got, gotInfo := mustGet(t, s, key)
	if string(got) != string(body) || !sameInfo(gotInfo, want) {
		t.Errorf("Get = %q %+v, want %q %+v", got, gotInfo, body, want)
	}
	if _, err := w.Close(); !errors.Is(err, store.ErrWriterDone) {
		t.Errorf("second Close error = %v, want ErrWriterDone", err)
	}
	if err := w.Abort(); err != nil {
		t.Errorf("Abort after Close = %v, want nil", err)
	}
	if got, _ := mustGet(t, s, key); string(got) != string(body) {
		t.Errorf("Abort after Close changed the object to %q", got)
	}

	// Replacing: the old content is served until the new one commits.
	w = mustCreate(t, s, ctx, key, store.PutOptions{})
	mustWrite(t, w, []byte("v2"))
	if got, _ := mustGet(t, s, key); string(got) != string(body) {
		t.Errorf("during a replacing write Get = %q, want the old %q", got, body)
	}
	if _, err := w.Close(); err != nil {
		t.Fatalf("Close of the replacement: %v", err)
	}
	if got, _ := mustGet(t, s, key); string(got) != "v2" {
		t.Errorf("after the replacement Get = %q, want \"v2\"", got)
	}
}

func testCreateAbort(t *testing.T, s store.Creator) {
	const key = "archive/aborted.zip"
	w := mustCreate(t, s, ctxFor(t), key, store.PutOptions{})
	mustWrite(t, w, []byte("partial"))
	if err := w.Abort(); err != nil {
		t.Fatalf("Abort: %v", err)
	}
	checkAbsent(t, s, key, "after Abort")
	if err := w.Abort(); err != nil {
		t.Errorf("second Abort = %v, want nil", err)
	}
	if _, err := w.Write([]byte("more")); !errors.Is(err, store.ErrWriterDone) {
		t.Errorf("Write after Abort error = %v, want ErrWriterDone", err)
	}
	if _, err := w.Close(); !errors.Is(err, store.ErrWriterDone) {
		t.Errorf("Close after Abort error = %v, want ErrWriterDone", err)
	}
	checkAbsent(t, s, key, "after Close of an aborted writer")
	if list, err := s.List(ctxFor(t), "", "", 10); err != nil || len(list) != 0 {
		t.Errorf("after Abort List = %v, %v; want an empty store", list, err)
	}
}

// Sizes of the objects in the commit tests: one that fits a single
// request, and one that needs a multipart upload on S3.
var commitSizes = []int{len("writer a"), LargeObjectSize / 2}

// content returns size deterministic bytes that start with label (size
// must be at least len(label)).
func content(label string, size int) []byte {
	b := make([]byte, size)
	rand.NewChaCha8([32]byte{4}).Read(b)
	copy(b, label)
	return b
}

// testCreateOnlyAtCommit: IfNoneMatch is decided at Close. Of two writers
// started on a free key, the first to Close wins and the other fails
// without touching the winner's object.
func testCreateOnlyAtCommit(t *testing.T, s store.Creator) {
	ctx := ctxFor(t)
	for _, size := range commitSizes {
		key := "archive/2020/once-" + strconv.Itoa(size)
		bodyA, bodyB := content("writer a", size), content("writer b", size)
		a := mustCreate(t, s, ctx, key, store.PutOptions{IfNoneMatch: true})
		b := mustCreate(t, s, ctx, key, store.PutOptions{IfNoneMatch: true})
		mustWrite(t, a, bodyA)
		mustWrite(t, b, bodyB)
		first, err := a.Close()
		if err != nil {
			t.Fatalf("%d bytes: first Close: %v", size, err)
		}
		if _, err := b.Close(); !errors.Is(err, store.ErrPreconditionFailed) {
			t.Errorf("%d bytes: second create-only Close error = %v, want ErrPreconditionFailed", size, err)
		}
		got, info := mustGet(t, s, key)
		if !bytes.Equal(got, bodyA) || !store.SameETag(info.ETag, first.ETag) {
			t.Errorf("%d bytes: after the lost create Get = %.10q (ETag %s), want %.10q (ETag %s)", size, got, info.ETag, bodyA, first.ETag)
		}
		if err := b.Abort(); err != nil {
			t.Errorf("%d bytes: Abort after a failed Close = %v, want nil", size, err)
		}
	}
}

func testCreateCompareAndSwap(t *testing.T, s store.Creator) {
	ctx := ctxFor(t)
	for _, size := range commitSizes {
		key := "archive/pointer-" + strconv.Itoa(size)
		v1 := mustPut(t, s, key, []byte("v1"), store.PutOptions{})
		body2 := content("v2", size)
		v2w := mustCreate(t, s, ctx, key, store.PutOptions{IfMatch: v1.ETag})
		mustWrite(t, v2w, body2)
		v2, err := v2w.Close()
		if err != nil {
			t.Fatalf("%d bytes: Close with the current ETag: %v", size, err)
		}
		stale := mustCreate(t, s, ctx, key, store.PutOptions{IfMatch: v1.ETag})
		mustWrite(t, stale, content("v3", size))
		if _, err := stale.Close(); !errors.Is(err, store.ErrPreconditionFailed) {
			t.Errorf("%d bytes: Close with a stale ETag error = %v, want ErrPreconditionFailed", size, err)
		}
		missingKey := key + "-none"
		missing := mustCreate(t, s, ctx, missingKey, store.PutOptions{IfMatch: v2.ETag})
		mustWrite(t, missing, content("x", size))
		if _, err := missing.Close(); !errors.Is(err, store.ErrPreconditionFailed) {
			t.Errorf("%d bytes: Close with IfMatch on a missing key error = %v, want ErrPreconditionFailed", size, err)
		}
		checkAbsent(t, s, missingKey, "after a failed swap")
		if got, _ := mustGet(t, s, key); !bytes.Equal(got, body2) {
			t.Errorf("%d bytes: after the failed swaps Get = %.10q, want %.10q", size, got, body2)
		}
	}
}

// testCreateLarge streams LargeObjectSize bytes in uneven writes, so that
// writes straddle part boundaries.
func testCreateLarge(t *testing.T, s store.Creator) {
	const key = "archive/2020/large.zip"
	body := make([]byte, LargeObjectSize)
	rand.NewChaCha8([32]byte{3}).Read(body)
	sum := sha256.Sum256(body)
	want := hex.EncodeToString(sum[:])

	w := mustCreate(t, s, ctxFor(t), key, store.PutOptions{ContentType: "application/zip"})
	steps := []int{1, 4097, 1<<20 + 7, 3<<20 - 1, 9<<20 + 13}
	for i, rest := 0, body; len(rest) > 0; i++ {
		n := min(len(rest), steps[i%len(steps)])
		mustWrite(t, w, rest[:n])
		rest = rest[n:]
	}
	info, err := w.Close()
	if err != nil {
		t.Fatalf("Close: %v", err)
	}
	if info.Size != LargeObjectSize || info.SHA256 != want {
		t.Errorf("Close = size %d sha256 %s, want %d %s", info.Size, info.SHA256, LargeObjectSize, want)
	}
	head, err := s.Head(ctxFor(t), key)
	if err != nil {
		t.Fatalf("Head: %v", err)
	}
	if head.Size != LargeObjectSize || (head.SHA256 != want && head.SHA256 != "") || !store.SameETag(head.ETag, info.ETag) {
		t.Errorf("Head = %+v, want size %d, sha256 %s or unknown, ETag %s", head, LargeObjectSize, want, info.ETag)
	}
	rc, _, err := s.Get(ctxFor(t), key)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, rc)
	if err != nil || n != LargeObjectSize || hex.EncodeToString(h.Sum(nil)) != want {
		t.Errorf("Get read %d bytes (%v) with sha256 %x, want %d bytes %s", n, err, h.Sum(nil), LargeObjectSize, want)
	}
}

func testCreateEmpty(t *testing.T, s store.Creator) {
	const key = "archive/empty"
	w := mustCreate(t, s, ctxFor(t), key, store.PutOptions{})
	info, err := w.Close()
	if err != nil {
		t.Fatalf("Close of an empty object: %v", err)
	}
	want := store.Info{Key: key, Size: 0, SHA256: store.SHA256Hex(nil), ContentType: store.DefaultContentType, ETag: info.ETag}
	if head, err := s.Head(ctxFor(t), key); err != nil || !sameInfo(head, want) || !sameInfo(info, want) {
		t.Errorf("empty object: Close = %+v, Head = %+v (%v); want %+v", info, head, err, want)
	}
}

// testCreateCanceled: a context canceled mid-stream fails the writer and
// leaves nothing, and Create refuses a context already canceled.
func testCreateCanceled(t *testing.T, s store.Creator) {
	const key = "archive/canceled"
	ctx, cancel := context.WithCancel(t.Context())
	w := mustCreate(t, s, ctx, key, store.PutOptions{})
	mustWrite(t, w, []byte("before"))
	cancel()
	_, werr := w.Write([]byte("after"))
	_, cerr := w.Close()
	if !errors.Is(werr, context.Canceled) || !errors.Is(cerr, context.Canceled) {
		t.Errorf("after cancel Write error = %v, Close error = %v; want context.Canceled", werr, cerr)
	}
	checkAbsent(t, s, key, "after cancel")
	if _, err := s.Create(ctx, key, store.PutOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Create with a canceled context error = %v, want context.Canceled", err)
	}
}

func testCreateInvalid(t *testing.T, s store.Creator) {
	ctx := ctxFor(t)
	for _, key := range invalidKeys {
		if w, err := s.Create(ctx, key, store.PutOptions{}); !errors.Is(err, store.ErrInvalidKey) {
			if err == nil {
				w.Abort()
			}
			t.Errorf("Create(%.40q) error = %v, want ErrInvalidKey", key, err)
		}
	}
	if w, err := s.Create(ctx, "k", store.PutOptions{IfNoneMatch: true, IfMatch: `"x"`}); !errors.Is(err, store.ErrInvalidArgument) {
		if err == nil {
			w.Abort()
		}
		t.Errorf("Create with IfNoneMatch and IfMatch error = %v, want ErrInvalidArgument", err)
	}
	if list, err := s.List(ctx, "", "", 10); err != nil || len(list) != 0 {
		t.Errorf("after rejected Creates List = %v, %v; want an empty store", list, err)
	}
}

// BenchmarkCreate streams a size-byte object in 64 KiB writes per
// iteration, each to a new key. B/op shows what the writer buffers.
func BenchmarkCreate(b *testing.B, s store.Creator, size int) {
	chunk := make([]byte, 64<<10)
	rand.NewChaCha8([32]byte{5}).Read(chunk)
	ctx := context.Background()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		w, err := s.Create(ctx, "bench/create-"+strconv.Itoa(i), store.PutOptions{ContentType: "application/zip"})
		if err != nil {
			b.Fatal(err)
		}
		i++
		for left := size; left > 0; left -= len(chunk) {
			if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
