package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/testkit"
)

// TestSweepAtStartUp: the server's sweeper removes a crashed writer's
// temporary file as soon as it starts, and stops with the server.
func TestSweepAtStartUp(t *testing.T) {
	dir := t.TempDir()
	st, err := fsstore.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".tmp-crashed")
	if err := os.WriteFile(stale, []byte("half an object"), 0o644); err != nil {
		t.Fatal(err)
	}
	then := time.Now().Add(-2 * fsstore.StaleAfter)
	if err := os.Chtimes(stale, then, then); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		sweepTemporaries(ctx, st, testkit.QuietLog())
		close(done)
	}()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(stale); os.IsNotExist(err) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the stale temporary file is still there 10 s after start-up")
		}
	}
	stop()
	<-done
}
