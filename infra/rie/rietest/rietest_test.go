package rietest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/infra/rie/emulator"
	"github.com/nianbao/nianbao/infra/rie/rietest"
)

const testFunction = "github.com/nianbao/nianbao/infra/rie/emulator/testdata/function"

// bootstrap is the test function, built once for all tests by TestMain.
var bootstrap string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rietest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bootstrap = filepath.Join(dir, "function", "bootstrap")
	build := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bootstrap, testFunction)
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build %s: %v\n%s", testFunction, err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func start(t testing.TB, env map[string]string) *rietest.Emulator {
	t.Helper()
	return rietest.Start(t, bootstrap, env)
}

// TestBuild checks Build against the same package TestMain builds.
func TestBuild(t *testing.T) {
	got := rietest.Build(t, testFunction)
	if filepath.Base(got) != "bootstrap" || filepath.Base(filepath.Dir(got)) != "function" {
		t.Errorf("Build(%s) = %s, want …/function/bootstrap", testFunction, got)
	}
	if info, err := os.Stat(got); err != nil || info.Mode()&0o111 == 0 {
		t.Errorf("Build(%s): %s not executable (%v)", testFunction, got, err)
	}
}

func TestInvoke(t *testing.T) {
	e := start(t, map[string]string{"REPORTS_BUCKET": "nianbao-test"})
	ctx := context.Background()
	tests := []struct {
		event string
		want  string
	}{
		{`{"do":"echo","n":1}`, `{"do":"echo","n":1}`},
		{`{"do":"echo","text":"政府信息公开"}`, `{"do":"echo","text":"政府信息公开"}`},
		{`{"do":"env","name":"REPORTS_BUCKET"}`, `{"set":true,"value":"nianbao-test"}`},
		{`{"do":"env","name":"AWS_LAMBDA_FUNCTION_NAME"}`, `{"set":true,"value":"function"}`},
		{`{"do":"env","name":"AWS_REGION"}`, `{"set":true,"value":"us-east-1"}`},
		// The developer's environment must not leak into the function.
		{`{"do":"env","name":"HOME"}`, `{"set":false,"value":""}`},
		{`{"do":"error"}`, `{"errorMessage":"asked to fail","errorType":"errorString"}`},
	}
	for _, tt := range tests {
		got, err := e.Invoke(ctx, []byte(tt.event))
		if err != nil {
			t.Errorf("Invoke(%s): %v", tt.event, err)
			continue
		}
		if !jsonEqual(t, got, []byte(tt.want)) {
			t.Errorf("Invoke(%s) = %s, want %s", tt.event, got, tt.want)
		}
	}
}

func TestInvokePanic(t *testing.T) {
	e := start(t, nil)
	ctx := context.Background()
	_, err := e.Invoke(ctx, []byte(`{"do":"panic"}`))
	var ie *emulator.InvokeError
	if !errors.As(err, &ie) || ie.Status != http.StatusBadGateway || !strings.Contains(string(ie.Body), "asked to panic") {
		t.Fatalf("Invoke(panic) error = %v, want an InvokeError with status 502 naming the panic", err)
	}
	// Lambda starts a fresh process after a crash; so does the emulator.
	got, err := e.Invoke(ctx, []byte(`{"do":"echo"}`))
	if err != nil || string(got) != `{"do":"echo"}` {
		t.Errorf("Invoke after panic = %s, %v; want the event back", got, err)
	}
}

// TestInvokeConcurrent checks that concurrent callers are serialised: the
// emulator itself crashes on two invocations at once.
func TestInvokeConcurrent(t *testing.T) {
	e := start(t, nil)
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			event := fmt.Sprintf(`{"do":"sleep","ms":5,"i":%d}`, i)
			got, err := e.Invoke(context.Background(), []byte(event))
			if err == nil && string(got) != event {
				err = fmt.Errorf("got %s, want %s", got, event)
			}
			if err != nil {
				errs <- fmt.Errorf("invocation %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestInvokeCanceled(t *testing.T) {
	e := start(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Invoke(ctx, []byte(`{"do":"echo"}`)); !errors.Is(err, context.Canceled) {
		t.Errorf("Invoke(canceled ctx) error = %v, want context.Canceled", err)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Errorf("response %s: %v", a, err)
		return false
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("want %s: %v", b, err)
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}
