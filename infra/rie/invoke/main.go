// Command invoke runs one event through a function under the Lambda
// Runtime Interface Emulator and prints the function's response on
// stdout; the emulator's and the function's logs go to stderr. It is what
// `make invoke` runs, through infra/rie/invoke.sh, which gathers the
// environment.
//
// Usage: go run ./infra/rie/invoke [-env K=V]... BOOTSTRAP EVENT.json
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/nianbao/nianbao/infra/rie/emulator"
)

// maxEvent is Lambda's limit on a synchronous invocation's payload.
const maxEvent = 6 << 20

// envFlags collects repeated -env K=V flags.
type envFlags map[string]string

func (e envFlags) String() string { return fmt.Sprint(map[string]string(e)) }

func (e envFlags) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("want K=V, got %q", s)
	}
	e[k] = v
	return nil
}

func main() {
	env := envFlags{}
	flag.Var(env, "env", "`K=V` for the function's environment (repeatable)")
	timeout := flag.Duration("timeout", 15*time.Minute, "give up on the invocation after this long")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: invoke [-env K=V]... BOOTSTRAP EVENT.json")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	resp, err := run(ctx, flag.Arg(0), flag.Arg(1), env, os.Stderr)
	if len(resp) > 0 {
		os.Stdout.Write(resp)
		fmt.Println()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "invoke:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, bootstrap, eventPath string, env map[string]string, logs io.Writer) ([]byte, error) {
	event, err := readEvent(eventPath)
	if err != nil {
		return nil, err
	}
	e, err := emulator.Start(ctx, emulator.Config{Bootstrap: bootstrap, Env: env, Log: logs})
	if err != nil {
		return nil, err
	}
	defer e.Close()
	resp, err := e.Invoke(ctx, event)
	var ie *emulator.InvokeError
	if errors.As(err, &ie) {
		return ie.Body, fmt.Errorf("function failed with status %d", ie.Status)
	}
	return resp, err
}

func readEvent(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read event: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxEvent+1))
	if err != nil {
		return nil, fmt.Errorf("read event %s: %w", name, err)
	}
	if len(data) > maxEvent {
		return nil, fmt.Errorf("read event %s: larger than Lambda's 6 MB limit", name)
	}
	return data, nil
}
