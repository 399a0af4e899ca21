//go:build unix

package fsstore

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/store"
)

// age sets a file's times to how long ago it was last written.
func age(t *testing.T, path string, ago time.Duration) {
	t.Helper()
	then := time.Now().Add(-ago)
	if err := os.Chtimes(path, then, then); err != nil {
		t.Fatal(err)
	}
}

func names(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	slices.Sort(out)
	return out
}

// TestRemoveStale: a crashed writer's old temporary file goes; a young one,
// an old one a live writer holds, and objects stay; the live writer then
// commits.
func TestRemoveStale(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.Put(ctx, "a/object", []byte("stored"), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	p, err := s.path("a/object")
	if err != nil {
		t.Fatal(err)
	}
	age(t, p.file, 48*time.Hour) // an old object is no temporary file
	crashed := filepath.Join(p.dir, tempPrefix+"crashed")
	young := filepath.Join(p.dir, tempPrefix+"young")
	for _, f := range []string{crashed, young} {
		if err := os.WriteFile(f, []byte("half an object"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	age(t, crashed, 2*StaleAfter)
	w, err := s.Create(ctx, "a/live", store.PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("slow")); err != nil {
		t.Fatal(err)
	}
	var live string
	for _, tmp := range temporaries(t, s) {
		if tmp != crashed && tmp != young {
			live = tmp
		}
	}
	age(t, live, 2*StaleAfter) // a writer stalled for hours

	n, err := s.RemoveStale(ctx, StaleAfter)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(temporaries(t, s)), names([]string{young, live}); n != 1 || !slices.Equal(got, want) {
		t.Errorf("RemoveStale removed %d; left %v, want %v", n, got, want)
	}
	if _, err := w.Close(); err != nil {
		t.Errorf("the live writer's Close after RemoveStale: %v", err)
	}
	for _, key := range []string{"a/object", "a/live"} {
		if _, err := s.Head(ctx, key); err != nil {
			t.Errorf("Head %s: %v", key, err)
		}
	}
}

// TestRemoveStaleAcrossProcesses: a writer in another process part-way
// through an object keeps its temporary file, however old; a writer
// killed there leaves one that RemoveStale removes.
func TestRemoveStaleAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	for _, job := range []string{"hold", "crash"} {
		t.Run(job, func(t *testing.T) {
			dir := t.TempDir()
			s, err := New(dir)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"="+job+" "+dir)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if line, _ := bufio.NewReader(stdout).ReadString('\n'); strings.TrimSpace(line) != "writing" {
				t.Fatalf("worker printed %q", line)
			}
			if job == "crash" {
				cmd.Wait() // exits 3, its file left behind
			}
			tmps := temporaries(t, s)
			if len(tmps) != 1 {
				t.Fatalf("temporary files %v, want the worker's one", tmps)
			}
			age(t, tmps[0], 2*StaleAfter)
			n, err := s.RemoveStale(ctx, StaleAfter)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[string]int{"hold": 0, "crash": 1}[job]; n != want || len(temporaries(t, s)) != 1-want {
				t.Errorf("RemoveStale removed %d, left %v; want %d removed", n, temporaries(t, s), want)
			}
			if job == "crash" {
				return
			}
			stdin.Close()
			io.Copy(io.Discard, stdout)
			if err := cmd.Wait(); err != nil {
				t.Fatalf("the worker could not finish its object: %v", err)
			}
			if _, err := s.Head(ctx, "held"); err != nil {
				t.Errorf("the worker's object: %v", err)
			}
		})
	}
}
