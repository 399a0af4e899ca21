package emulator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// Binary is the emulator's executable name, looked up on PATH.
const Binary = "aws-lambda-rie"

// MaxResponse is Lambda's limit on a synchronous response payload.
const MaxResponse = 6 << 20

var (
	// ErrNotInstalled means aws-lambda-rie is not on PATH.
	ErrNotInstalled = errors.New(Binary + " not on PATH (run infra/rie/install.sh)")
	// ErrExited means the emulator process is gone.
	ErrExited = errors.New("emulator exited")
	// ErrResponseTooLarge means the function answered more than MaxResponse bytes.
	ErrResponseTooLarge = errors.New("response larger than 6 MB")
)

// InvokeError is an invocation the emulator answered with a status other
// than 200, such as 502 when the function panics or exits.
type InvokeError struct {
	Status int
	Body   []byte
}

func (e *InvokeError) Error() string {
	return fmt.Sprintf("invoke: status %d: %s", e.Status, bytes.TrimSpace(e.Body))
}

// Config says what to run.
type Config struct {
	// Bootstrap is the path of the function binary.
	Bootstrap string
	// Env is the function's environment. Nothing else from this process's
	// environment reaches the function except PATH, so a test cannot pick
	// up the developer's AWS profile by accident. AWS_LAMBDA_FUNCTION_NAME
	// defaults to the bootstrap's folder name and AWS_REGION to us-east-1,
	// as Lambda always sets both.
	Env map[string]string
	// Log, if set, also receives the emulator's and the function's output.
	Log io.Writer
}

// Emulator is a running emulator with one function.
type Emulator struct {
	url  string
	cmd  *exec.Cmd
	logs *tail
	done chan struct{} // closed when the process has exited
	err  error         // exit status, valid after done

	mu     sync.Mutex // one invocation at a time
	client http.Client
}

// startAttempts covers the small window between picking a free port and
// the emulator binding it, in which another process may take it.
const startAttempts = 3

// readyTimeout bounds the wait for the emulator to listen; it starts in
// milliseconds.
const readyTimeout = 10 * time.Second

// Start starts the emulator and waits until it accepts invocations. The
// caller must Close it. ctx bounds the start only.
func Start(ctx context.Context, cfg Config) (*Emulator, error) {
	rie, err := exec.LookPath(Binary)
	if err != nil {
		return nil, ErrNotInstalled
	}
	bootstrap, err := filepath.Abs(cfg.Bootstrap)
	if err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	if _, err := os.Stat(bootstrap); err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	var lastErr error
	for range startAttempts {
		e, err := start(ctx, rie, bootstrap, cfg)
		if err == nil {
			return e, nil
		}
		lastErr = err
		if !errors.Is(err, ErrExited) {
			break
		}
	}
	return nil, fmt.Errorf("start emulator for %s: %w", cfg.Bootstrap, lastErr)
}

func start(ctx context.Context, rie, bootstrap string, cfg Config) (*Emulator, error) {
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	invokeAddr := fmt.Sprintf("127.0.0.1:%d", ports[0])
	// Always given: the default runtime API port 9001 clashes with MinIO's console.
	apiAddr := fmt.Sprintf("127.0.0.1:%d", ports[1])

	// No --help or other non-flag argument before the binary: the first one
	// is taken as the program to run.
	cmd := exec.Command(rie,
		"--runtime-interface-emulator-address", invokeAddr,
		"--runtime-api-address", apiAddr,
		bootstrap)
	cmd.Dir = filepath.Dir(bootstrap)
	cmd.Env = environ(bootstrap, cfg.Env)
	ownGroup(cmd)
	// Bounds Wait should a straggler keep the output pipes open.
	cmd.WaitDelay = time.Second
	e := &Emulator{
		url:  "http://" + invokeAddr + "/2015-03-31/functions/function/invocations",
		cmd:  cmd,
		logs: newTail(maxLog),
		done: make(chan struct{}),
	}
	var out io.Writer = e.logs
	if cfg.Log != nil {
		out = io.MultiWriter(e.logs, cfg.Log)
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		e.err = cmd.Wait()
		close(e.done)
	}()
	if err := e.waitReady(ctx, invokeAddr); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

func environ(bootstrap string, env map[string]string) []string {
	vars := map[string]string{
		"PATH":                     os.Getenv("PATH"),
		"AWS_LAMBDA_FUNCTION_NAME": filepath.Base(filepath.Dir(bootstrap)),
		"AWS_REGION":               "us-east-1",
		"_HANDLER":                 "bootstrap",
	}
	for k, v := range env {
		vars[k] = v
	}
	out := make([]string, 0, len(vars))
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	return out
}

func (e *Emulator) waitReady(ctx context.Context, addr string) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	var d net.Dialer
	for {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			conn.Close()
			return nil
		}
		select {
		case <-e.done:
			return fmt.Errorf("%w before listening on %s (%v): %s", ErrExited, addr, e.err, e.logs)
		case <-ctx.Done():
			return fmt.Errorf("waiting for the emulator on %s: %w: %s", addr, ctx.Err(), e.logs)
		case <-tick.C:
		}
	}
}

// Invoke sends one event and returns the function's response payload. A
// handler that returns an error still answers 200, with Lambda's
// {"errorMessage":…,"errorType":…} payload; a crash is an *InvokeError.
func (e *Emulator) Invoke(ctx context.Context, event []byte) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	select {
	case <-e.done:
		return nil, fmt.Errorf("invoke: %w (%v): %s", ErrExited, e.err, e.logs)
	default:
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.url, bytes.NewReader(event))
	if err != nil {
		return nil, fmt.Errorf("invoke: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("invoke: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponse+1))
	if err != nil {
		return nil, fmt.Errorf("invoke: read response: %w", err)
	}
	if len(body) > MaxResponse {
		return nil, fmt.Errorf("invoke: %w", ErrResponseTooLarge)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &InvokeError{Status: resp.StatusCode, Body: body}
	}
	return body, nil
}

// Logs returns the end of the emulator's and the function's output.
func (e *Emulator) Logs() string { return e.logs.String() }

// Close kills the emulator and its function and waits for it to exit.
func (e *Emulator) Close() error {
	select {
	case <-e.done:
		return nil
	default:
	}
	if err := kill(e.cmd); err != nil && !errors.Is(err, os.ErrProcessDone) && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("stop emulator: %w", err)
	}
	<-e.done
	return nil
}

// freePorts asks the kernel for n distinct free loopback ports, holding
// each open until all are chosen.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
