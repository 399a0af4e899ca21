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
	"path/filepath"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/inbox"
	"github.com/nianbao/nianbao/shared/localstack"
	"github.com/nianbao/nianbao/shared/render"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	data := fs.String("data", "nianbao-data", "keep reports in `DIR` (the filesystem store), unless "+config.EnvBucket+" names an S3 bucket")
	jwtKey := fs.String("jwt-key", "", "verify write requests' bearer tokens with the keys in `FILE`: an HS256 secret, PEM public keys (RS256, ES256) or a JWKS\n"+
		"(default $"+config.EnvJWTKey+"; $"+config.EnvJWTIssuer+" and $"+config.EnvJWTAudience+" set the required iss and aud)")
	dev := fs.Bool("dev", false, "open mode for local development: anyone may file reports and start archives without a token")
	drop := fs.String("inbox", "", "the local inbox: what is put into `DIR`/YEAR/ is imported and filed, or queued for review at /imports/YEAR,\n"+
		"as the S3 inbox does (default DATA/drop; \"off\" for none)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nianbao serve [--addr 127.0.0.1:8080] [--data DIR] [--jwt-key FILE | --dev] [--inbox DIR]")
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
	a, err := app.Open(ctx, getenv, app.WithRenderer(render.New))
	if err != nil {
		fmt.Fprintf(stderr, "nianbao serve: %v\n", err)
		return exitUsage
	}
	access, err := writeAccessFor(a.Config, *jwtKey, *dev)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao serve: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(stderr, access.describe())
	go sweepTemporaries(ctx, a.Store, a.Log)
	if dir := inboxDir(*drop, *data); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(stderr, "nianbao serve: %v\n", err)
			return exitUsage
		}
		go inbox.NewFolder(dir, inbox.New(a.Registry, a.Store, inbox.WithLog(a.Log)), a.Log).Watch(ctx, inboxEvery)
		fmt.Fprintf(stderr, "收件箱：放进 %s 下年度文件夹（如 %s）的已发布年报会自动导入，归档或列入待人工处理（/imports/年度）\n",
			dir, filepath.Join(dir, "2024"))
	}
	handler := localStack(a, access)
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

// inboxEvery is how often the local inbox folder is looked at.
const inboxEvery = 5 * time.Second

// inboxDir is the local inbox folder: the flag's, or drop/ in the data
// directory; "" for none.
func inboxDir(flagValue, data string) string {
	switch flagValue {
	case "off":
		return ""
	case "":
		return filepath.Join(data, "drop")
	}
	return flagValue
}

// localStack wires the functions' handlers behind the gateway, as the HTTP
// API does on AWS.
func localStack(a *app.App, access writeAccess) http.Handler {
	o := localstack.Options{Open: access.dev}
	if access.verifier != nil {
		o.Verifier = access.verifier
	}
	return localstack.New(a, o)
}

// writeAccess is how the local server authorizes writes: by verifying
// tokens as API Gateway's JWT authorizer does, or not at all (--dev). With
// neither, the handlers refuse every write with 401 and the server is a
// read-only mirror.
type writeAccess struct {
	verifier *auth.Verifier
	keys     *auth.KeySet
	cfg      config.Config
	dev      bool
}

var errBothModes = errors.New("--dev and --jwt-key exclude each other: choose open mode or token verification")

// writeAccessFor reads the key file named by the flag or, failing that, the
// configuration.
func writeAccessFor(cfg config.Config, keyFlag string, dev bool) (writeAccess, error) {
	keyFile := keyFlag
	if keyFile == "" {
		keyFile = cfg.JWTKeyFile
	}
	if dev && keyFile != "" {
		return writeAccess{}, errBothModes
	}
	w := writeAccess{cfg: cfg, dev: dev}
	if keyFile == "" {
		return w, nil
	}
	ks, err := auth.LoadKeys(keyFile)
	if err != nil {
		return writeAccess{}, fmt.Errorf("--jwt-key: %w", err)
	}
	w.keys = ks
	w.verifier = auth.NewVerifier(ks, auth.Options{Issuer: cfg.JWTIssuer, Audience: cfg.JWTAudience})
	return w, nil
}

// describe is the start-up line saying who may write.
func (w writeAccess) describe() string {
	switch {
	case w.dev:
		return "警告：开放模式（--dev）——任何人无需令牌即可提交年报、启动归档；只可在本机开发时使用。WARNING: dev mode, writes are open to anyone."
	case w.verifier != nil:
		s := "写入需要 JWT 令牌：" + w.keys.String()
		if w.cfg.JWTIssuer != "" {
			s += "，iss=" + w.cfg.JWTIssuer
		}
		if w.cfg.JWTAudience != "" {
			s += "，aud=" + w.cfg.JWTAudience
		}
		return s
	}
	return "只读：未配置 --jwt-key（或 " + config.EnvJWTKey + "），提交年报和启动归档的请求都会被拒绝（401）"
}
