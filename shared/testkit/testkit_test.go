package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRoot(t *testing.T) {
	if _, err := os.Stat(filepath.Join(Root(t), "go.mod")); err != nil {
		t.Fatalf("Root(t) = %s has no go.mod: %v", Root(t), err)
	}
	if seed := Testdata(t, "seed-2020.json"); len(seed) == 0 {
		t.Fatal("testdata/seed-2020.json is empty")
	}
}

func TestSharedMissing(t *testing.T) {
	if CI() {
		t.Skip("a missing file fails under CI by design")
	}
	ran := false
	t.Run("missing", func(t *testing.T) {
		defer func() { ran = true }()
		SharedPath(t, "no/such/file")
		t.Error("SharedPath returned for a missing file")
	})
	if !ran {
		t.Fatal("subtest did not run")
	}
}
