// Package testkit is what tests across the repository share: the
// repository's test data, the material in ../shared, external tools, a quiet
// logger. It imports nothing of nianbao's, so that any package's tests can
// use it.
//
// Outside CI, a missing tool or missing shared material skips the test that
// needs it; under CI (the CI environment variable set) it fails the test,
// because CI installs every tool and checks out ../shared.
package testkit

import (
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// CI reports whether the tests run under CI, where nothing may be skipped
// for want of a tool or of test material.
func CI() bool { return os.Getenv("CI") != "" }

var root = sync.OnceValues(func() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
})

// Root returns the repository's root: the directory holding go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := root()
	if err != nil {
		t.Fatalf("find the repository root (go.mod) from the working directory: %v", err)
	}
	return dir
}

// Path returns the path of elems under the repository's root.
func Path(t testing.TB, elems ...string) string {
	t.Helper()
	return filepath.Join(append([]string{Root(t)}, elems...)...)
}

// Testdata returns the contents of testdata/name at the repository's root.
func Testdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(Path(t, "testdata", name))
	if err != nil {
		t.Fatalf("read test data: %v", err)
	}
	return data
}

// SharedPath returns the path of rel inside ../shared, the material beside
// the repository (real published reports, the seed's OCR text, the format's
// documents). When it is missing the test is skipped, or fails under CI.
func SharedPath(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(filepath.Dir(Root(t)), "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if CI() {
			t.Fatalf("test material ../shared/%s is missing under CI: %v", rel, err)
		}
		t.Skipf("test material ../shared/%s is missing; skipping outside CI", rel)
	}
	return p
}

// Shared returns the contents of rel inside ../shared (see SharedPath).
func Shared(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(SharedPath(t, rel))
	if err != nil {
		t.Fatalf("read ../shared/%s: %v", rel, err)
	}
	return data
}

// Tool returns the path of an external program. When it is not installed
// the test is skipped, or fails under CI, where infra/deps.sh installs it.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if CI() {
			t.Fatalf("%s is not installed under CI (infra/deps.sh installs it): %v", name, err)
		}
		t.Skipf("%s is not installed; run infra/deps.sh (skipping outside CI)", name)
	}
	return p
}

// QuietLog returns a logger that discards everything: tests check
// responses, not log lines.
func QuietLog() *slog.Logger { return slog.New(slog.DiscardHandler) }
