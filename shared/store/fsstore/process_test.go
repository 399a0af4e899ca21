package fsstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// The multi-process tests run this test binary again as workers; the
// worker's job is named in helperEnv.
const helperEnv = "FSSTORE_TEST_HELPER"

const (
	processes         = 4
	incrementsPerProc = 10
)

func TestMain(m *testing.M) {
	if job := os.Getenv(helperEnv); job != "" {
		if err := helper(job); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// helper runs one worker job: "create DIR ID", "increment DIR", "hold DIR"
// or "crash DIR".
func helper(job string) error {
	f := strings.Fields(job)
	s, err := New(f[1])
	if err != nil {
		return err
	}
	ctx := context.Background()
	switch f[0] {
	case "create":
		_, err := s.Put(ctx, "race", []byte(f[2]), store.PutOptions{IfNoneMatch: true})
		if errors.Is(err, store.ErrPreconditionFailed) {
			fmt.Print("lost")
			return nil
		}
		if err == nil {
			fmt.Print("won")
		}
		return err
	case "increment":
		for range incrementsPerProc {
			if err := incrementOnce(ctx, s); err != nil {
				return err
			}
		}
		return nil
	case "hold", "crash":
		// A writer part-way through an object: "hold" finishes it when its
		// standard input closes, "crash" dies there.
		w, err := s.Create(ctx, "held", store.PutOptions{})
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte("written slowly")); err != nil {
			return err
		}
		fmt.Println("writing")
		if f[0] == "crash" {
			os.Exit(3)
		}
		io.Copy(io.Discard, os.Stdin)
		_, err = w.Close()
		return err
	}
	return fmt.Errorf("unknown job %q", job)
}

func incrementOnce(ctx context.Context, s *Store) error {
	for {
		rc, info, err := s.Get(ctx, "counter")
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(string(b))
		if err != nil {
			return err
		}
		_, err = s.Put(ctx, "counter", []byte(strconv.Itoa(n+1)), store.PutOptions{IfMatch: info.ETag})
		if !errors.Is(err, store.ErrPreconditionFailed) {
			return err
		}
	}
}

// runWorkers starts n copies of the test binary with job(i) and returns
// their standard outputs.
func runWorkers(t *testing.T, n int, job func(i int) string) []string {
	t.Helper()
	outs := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"="+job(i))
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Errorf("worker %d (%s): %v: %s", i, job(i), err, stderr.String())
			}
			outs[i] = stdout.String()
		})
	}
	wg.Wait()
	return outs
}

// TestProcessCreateRace: create-only writers in separate processes (no
// shared in-process lock) still have exactly one winner.
func TestProcessCreateRace(t *testing.T) {
	for round := range 5 {
		dir := t.TempDir()
		outs := runWorkers(t, processes, func(i int) string { return fmt.Sprintf("create %s w%d", dir, i) })
		winner := -1
		for i, out := range outs {
			if out == "won" {
				if winner >= 0 {
					t.Fatalf("round %d: workers %d and %d both won", round, winner, i)
				}
				winner = i
			} else if out != "lost" {
				t.Fatalf("round %d: worker %d printed %q", round, i, out)
			}
		}
		s, err := New(dir)
		if err != nil {
			t.Fatal(err)
		}
		rc, _, err := s.Get(context.Background(), "race")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if want := fmt.Sprintf("w%d", winner); string(b) != want {
			t.Errorf("round %d: stored %q, want winner's %q", round, b, want)
		}
	}
}

// TestProcessCASCounter: compare-and-swap increments from several
// processes lose none.
func TestProcessCASCounter(t *testing.T) {
	dir := t.TempDir()
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Put(ctx, "counter", []byte("0"), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	runWorkers(t, processes, func(int) string { return "increment " + dir })
	rc, _, err := s.Get(ctx, "counter")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if want := strconv.Itoa(processes * incrementsPerProc); string(b) != want {
		t.Errorf("counter = %s, want %s", b, want)
	}
}
