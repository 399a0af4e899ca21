//go:build unix

package fsstore

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/testkit"
)

// fillDisk makes every write to an object's temporary file fail with
// errno, as a full disk does, until the returned function (or the end of
// the test) frees it.
func fillDisk(t *testing.T, errno syscall.Errno) (free func()) {
	t.Helper()
	old := fileWrite
	fileWrite = func(f *os.File, _ []byte) (int, error) {
		return 0, &os.PathError{Op: "write", Path: f.Name(), Err: errno}
	}
	free = func() { fileWrite = old }
	t.Cleanup(free)
	return free
}

func TestUnavailable(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, true},
		{&os.LinkError{Op: "link", Old: "a", New: "b", Err: syscall.EDQUOT}, true},
		{os.NewSyscallError("fsync", syscall.EROFS), true},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EMFILE}, true},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.ENFILE}, true},
		{&os.PathError{Op: "write", Path: "x", Err: syscall.EIO}, false},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, false},
		{fs.ErrNotExist, false},
		{store.ErrPreconditionFailed, false},
	}
	for _, tt := range tests {
		got := unavailable(tt.err)
		if errors.Is(got, store.ErrUnavailable) != tt.want || !errors.Is(got, tt.err) {
			t.Errorf("unavailable(%v) = %v; want ErrUnavailable %t, with the cause kept", tt.err, got, tt.want)
		}
	}
	if unavailable(nil) != nil {
		t.Error("unavailable(nil) is not nil")
	}
}

// TestFullDisk: a write that meets a full, over-quota or read-only disk
// fails with store.ErrUnavailable (the cause kept), leaves no temporary
// file, and what was stored before is intact.
func TestFullDisk(t *testing.T) {
	ctx := context.Background()
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS} {
		t.Run(errno.Error(), func(t *testing.T) {
			s := newTestStore(t)
			if _, err := s.Put(ctx, "a/kept", []byte("before"), store.PutOptions{}); err != nil {
				t.Fatal(err)
			}
			fillDisk(t, errno)
			_, err := s.Put(ctx, "a/new", []byte("x"), store.PutOptions{IfNoneMatch: true})
			if !errors.Is(err, store.ErrUnavailable) || !errors.Is(err, errno) {
				t.Errorf("Put = %v; want ErrUnavailable and %v", err, errno)
			}
			w, err := s.Create(ctx, "a/streamed", store.PutOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte("x")); !errors.Is(err, store.ErrUnavailable) {
				t.Errorf("Write = %v; want ErrUnavailable", err)
			}
			if _, err := w.Close(); !errors.Is(err, store.ErrUnavailable) {
				t.Errorf("Close after a failed Write = %v; want ErrUnavailable", err)
			}
			if tmps := temporaries(t, s); len(tmps) > 0 {
				t.Errorf("temporary files left: %v", tmps)
			}
			rc, _, err := s.Get(ctx, "a/kept")
			if err != nil {
				t.Fatalf("Get of an object stored before: %v", err)
			}
			rc.Close()
		})
	}
	t.Run("EIO is no outage", func(t *testing.T) {
		s := newTestStore(t)
		fillDisk(t, syscall.EIO)
		if _, err := s.Put(ctx, "a/new", []byte("x"), store.PutOptions{}); err == nil || errors.Is(err, store.ErrUnavailable) {
			t.Errorf("Put = %v; want an error other than ErrUnavailable", err)
		}
	})
}

// TestFullDiskAnswers503: filing a report on a full disk answers 503 with
// Retry-After, as the README promises for storage trouble, not 500; once
// there is room the same request files the report.
func TestFullDiskAnswers503(t *testing.T) {
	rnd, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	upload := api.NewUpload(registry.New(newTestStore(t), rnd), ingest.Importer{}, testkit.QuietLog(), api.OpenWrites())
	req := api.Request{
		Version: "2.0", RouteKey: "POST /reports", RawPath: "/reports",
		Headers: map[string]string{"content-type": "application/json"},
		Body:    string(testkit.Testdata(t, "seed-2020.json")),
		RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "disk-full",
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "POST", Path: "/reports"}},
	}
	free := fillDisk(t, syscall.ENOSPC)
	resp, err := upload(t.Context(), req)
	if err != nil || resp.StatusCode != 503 || resp.Headers["Retry-After"] == "" || !strings.Contains(resp.Body, `"unavailable"`) {
		t.Errorf("upload on a full disk = %d %v, Retry-After %q, %s; want 503 unavailable with Retry-After",
			resp.StatusCode, err, resp.Headers["Retry-After"], resp.Body)
	}
	free()
	if resp, err := upload(t.Context(), req); err != nil || resp.StatusCode != 201 {
		t.Errorf("upload once there is room = %d %v %s; want 201", resp.StatusCode, err, resp.Body)
	}
}

// temporaries lists the temporary files under the store's root.
func temporaries(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(s.root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			out = append(out, path)
		}
		return nil
	})
	return out
}
