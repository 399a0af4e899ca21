//go:build unix

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputFileMode: files the CLI writes get 0666 less the umask, as
// other tools' do (0644 under the usual 022), not os.CreateTemp's 0600.
func TestOutputFileMode(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  fs.FileMode
	}{{0o022, 0o644}, {0o002, 0o664}, {0o077, 0o600}} {
		dir := t.TempDir()
		out := filepath.Join(dir, "seed.pdf")
		old := syscall.Umask(tt.umask)
		code, _, errOut := runCLI(t, "render", testdata+"seed-2020.json", "-o", out)
		syscall.Umask(old)
		if code != exitOK {
			t.Fatalf("render: exit %d: %s", code, errOut)
		}
		st, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != tt.want {
			t.Errorf("umask %03o: %s has mode %v, want %v", tt.umask, out, got, tt.want)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".nianbao-*")); len(left) > 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
	}
}
