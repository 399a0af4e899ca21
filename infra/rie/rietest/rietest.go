// Package rietest runs Lambda functions under the Runtime Interface
// Emulator from tests: Build compiles a function for this machine, Start
// runs it on loopback for the rest of the test.
//
// When aws-lambda-rie is not installed the test is skipped, unless the CI
// environment variable is set: then it fails, so CI cannot pass by
// skipping. Install it with infra/rie/install.sh.
package rietest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/infra/rie/emulator"
)

// Emulator is a running function; it is stopped when the test ends.
type Emulator struct {
	e *emulator.Emulator
}

// Start runs the bootstrap binary under the emulator with the given
// environment (see emulator.Config.Env) until the test ends. When the test
// fails, the emulator's and the function's output is logged.
func Start(t testing.TB, bootstrapPath string, env map[string]string) *Emulator {
	t.Helper()
	requireEmulator(t)
	e, err := emulator.Start(context.Background(), emulator.Config{Bootstrap: bootstrapPath, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("emulator output for %s:\n%s", bootstrapPath, e.Logs())
		}
	})
	return &Emulator{e: e}
}

// Invoke sends one event and returns the function's response payload; see
// emulator.Emulator.Invoke. Safe for concurrent use: calls are serialised.
func (e *Emulator) Invoke(ctx context.Context, event []byte) ([]byte, error) {
	return e.e.Invoke(ctx, event)
}

// Logs returns the end of the emulator's and the function's output.
func (e *Emulator) Logs() string { return e.e.Logs() }

// Build compiles the main package pkg (an import path, e.g.
// "github.com/nianbao/nianbao/functions/upload") for this machine, as
// infra/lambda.mk does for Lambda, and returns the bootstrap's path.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(pkg), "bootstrap")
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, msg)
	}
	return out
}

func requireEmulator(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath(emulator.Binary); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("%v; skipping (this fails when CI is set)", emulator.ErrNotInstalled)
		}
		t.Fatalf("%v (CI is set, so this is an error)", emulator.ErrNotInstalled)
	}
}
