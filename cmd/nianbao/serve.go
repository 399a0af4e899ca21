package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/gateway"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	data := fs.String("data", "nianbao-data", "keep reports in `DIR` (the filesystem store), unless "+config.EnvBucket+" names an S3 bucket")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nianbao serve [--addr 127.0.0.1:8080] [--data DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	getenv := dataEnv(*data)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, handler, err := localStack(ctx, getenv)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao serve: %v\n", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao serve: %v\n", err)
		return exitUsage
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: time.Minute}
	fmt.Fprintf(stdout, "nianbao 已启动：http://%s/  （%s；Ctrl-C 停止）\n", ln.Addr(), a.Config.Describe())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "nianbao serve: %v\n", err)
		return exitUsage
	case <-ctx.Done():
	}
	// Let uploads in flight finish: a report acknowledged is a report stored.
	shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(stderr, "nianbao serve: shutdown: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(stdout, "nianbao 已停止")
	return exitOK
}

// localStack wires the functions' handlers behind the gateway, as the HTTP
// API does on AWS.
func localStack(ctx context.Context, getenv func(string) string) (*app.App, http.Handler, error) {
	a, err := app.Open(ctx, getenv)
	if err != nil {
		return nil, nil, err
	}
	handlers := map[api.Function]gateway.Handler{
		api.Upload:  gateway.Handler(api.NewUpload(a.Registry, a.Log)),
		api.Index:   gateway.Handler(api.NewIndex(a.Registry, a.Log)),
		api.Archive: gateway.Handler(api.NewArchive(a.Archiver, api.BackgroundStarter{Archiver: a.Archiver, Log: a.Log}, a.Log)),
	}
	var routes []gateway.Route
	for _, r := range api.Routes {
		if h, ok := handlers[r.Function]; ok {
			routes = append(routes, gateway.Route{Method: r.Method, Path: r.Path, Handler: h})
		}
	}
	return a, gateway.New(routes), nil
}
