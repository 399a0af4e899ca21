package emulator_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/infra/rie/emulator"
)

const testFunction = "github.com/nianbao/nianbao/infra/rie/emulator/testdata/function"

func requireEmulator(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath(emulator.Binary); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("%v; skipping (this fails when CI is set)", emulator.ErrNotInstalled)
		}
		t.Fatalf("%v (CI is set, so this is an error)", emulator.ErrNotInstalled)
	}
}

func build(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "function", "bootstrap")
	if msg, err := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", out, testFunction).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", testFunction, err, msg)
	}
	return out
}

func TestStartMissingBootstrap(t *testing.T) {
	requireEmulator(t)
	_, err := emulator.Start(context.Background(), emulator.Config{Bootstrap: filepath.Join(t.TempDir(), "bootstrap")})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Start(missing bootstrap) error = %v, want ErrNotExist", err)
	}
}

func TestStartNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := emulator.Start(context.Background(), emulator.Config{Bootstrap: "bootstrap"})
	if !errors.Is(err, emulator.ErrNotInstalled) {
		t.Errorf("Start with empty PATH: error = %v, want ErrNotInstalled", err)
	}
}

// TestClose checks that Close stops the emulator and the function, that
// a second Close is harmless, and that Invoke afterwards says why it fails.
func TestClose(t *testing.T) {
	requireEmulator(t)
	var logs strings.Builder
	e, err := emulator.Start(context.Background(), emulator.Config{Bootstrap: build(t), Log: &syncWriter{b: &logs}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Invoke(context.Background(), []byte(`{"do":"echo"}`)); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := e.Invoke(context.Background(), []byte(`{}`)); !errors.Is(err, emulator.ErrExited) {
		t.Errorf("Invoke after Close: error = %v, want ErrExited", err)
	}
	if !strings.Contains(e.Logs(), "INVOKE START") {
		t.Errorf("Logs() lacks the invocation:\n%s", e.Logs())
	}
	if !strings.Contains(logs.String(), "INVOKE START") {
		t.Errorf("Config.Log did not receive the output")
	}
}

// BenchmarkStart measures starting an emulator until it accepts
// invocations, plus the function's cold start on the first invocation.
func BenchmarkStart(b *testing.B) {
	requireEmulator(b)
	bootstrap := build(b)
	ctx := context.Background()
	for b.Loop() {
		e, err := emulator.Start(ctx, emulator.Config{Bootstrap: bootstrap})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Invoke(ctx, []byte(`{"do":"echo"}`)); err != nil {
			b.Fatal(err)
		}
		if err := e.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
