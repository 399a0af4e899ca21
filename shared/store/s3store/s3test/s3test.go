// Package s3test starts local S3 servers (MinIO, versitygw) for tests: it
// finds the binary, picks free loopback ports, starts the server on a
// temporary directory, waits until it answers, creates buckets, and kills
// it when the test ends. Stop and Start in the middle of a test inject
// outages.
//
// When the binary is missing the test is skipped, unless the CI
// environment variable is set: then it fails, so CI cannot pass by running
// nothing. infra/s3/install.sh installs the pinned versions.
package s3test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Kind names a server implementation.
type Kind string

// The servers the harness can run.
const (
	MinIO     Kind = "minio"
	Versitygw Kind = "versitygw"
)

// Kinds lists every server, for tests that run against all of them.
var Kinds = []Kind{MinIO, Versitygw}

const (
	// Region is what the servers accept; neither checks it.
	Region = "us-east-1"
	// readyTimeout bounds server start-up (measured: 0.05 s versitygw,
	// 0.4 s MinIO; a loaded CI machine is much slower).
	readyTimeout = 30 * time.Second
)

// Server is a running (or stopped) local S3 server.
type Server struct {
	Kind      Kind
	Endpoint  string // http://127.0.0.1:PORT
	AccessKey string
	SecretKey string

	t       testing.TB
	bin     string
	dir     string
	port    int
	console int // MinIO's console port
	cmd     *exec.Cmd
	exited  chan struct{}
	log     *os.File
	buckets atomic.Int64
}

// Start starts a server of kind for the duration of the test.
func Start(t testing.TB, kind Kind) *Server {
	t.Helper()
	bin := findBinary(t, string(kind))
	s := &Server{
		Kind:      kind,
		AccessKey: "nianbao-test",
		SecretKey: "nianbao-test-secret-" + strconv.Itoa(os.Getpid()),
		t:         t,
		bin:       bin,
		dir:       t.TempDir(),
	}
	logf, err := os.Create(filepath.Join(s.dir, "server.log"))
	if err != nil {
		t.Fatalf("s3test: %v", err)
	}
	s.log = logf
	t.Cleanup(func() {
		s.Stop()
		logf.Close()
		if t.Failed() {
			s.dumpLog()
		}
	})
	// A port picked free can be taken before the server binds it; try a
	// few times with new ports.
	for attempt := 1; ; attempt++ {
		s.port, s.console = freePort(t), freePort(t)
		s.Endpoint = "http://127.0.0.1:" + strconv.Itoa(s.port)
		err := s.start()
		if err == nil {
			return s
		}
		if attempt == 3 {
			s.dumpLog()
			t.Fatalf("s3test: start %s: %v", kind, err)
		}
	}
}

// PID is the running server's process id (0 when stopped): benchmarks read
// the CPU time it spends on their requests.
func (s *Server) PID() int {
	if s.cmd == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Stop kills the server (SIGKILL, an abrupt outage). Its data stays for
// Start. Stopping a stopped server does nothing.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.exited
	s.cmd = nil
}

// Restart starts a stopped server again on the same port and data.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	if err := s.start(); err != nil {
		s.dumpLog()
		s.t.Fatalf("s3test: restart %s: %v", s.Kind, err)
	}
}

func (s *Server) start() error {
	data := filepath.Join(s.dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		return err
	}
	addr := "127.0.0.1:" + strconv.Itoa(s.port)
	var cmd *exec.Cmd
	switch s.Kind {
	case MinIO:
		cmd = exec.Command(s.bin, "server", data, "--address", addr,
			"--console-address", "127.0.0.1:"+strconv.Itoa(s.console), "--quiet")
		cmd.Env = append(os.Environ(),
			"MINIO_ROOT_USER="+s.AccessKey, "MINIO_ROOT_PASSWORD="+s.SecretKey,
			"MINIO_BROWSER=off", "MINIO_UPDATE=off", "MINIO_CI_CD=on")
	case Versitygw:
		versions := filepath.Join(s.dir, "versions")
		if err := os.MkdirAll(versions, 0o755); err != nil {
			return err
		}
		cmd = exec.Command(s.bin, "--access", s.AccessKey, "--secret", s.SecretKey,
			"--port", addr, "posix", "--versioning-dir", versions, data)
		cmd.Env = os.Environ()
	default:
		return fmt.Errorf("unknown kind %q", s.Kind)
	}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	s.cmd, s.exited = cmd, exited
	if err := s.waitReady(); err != nil {
		s.Stop()
		return err
	}
	return nil
}

// waitReady polls until the server answers HTTP, or fails if it exits.
func (s *Server) waitReady() error {
	url := s.Endpoint + "/"
	if s.Kind == MinIO {
		url = s.Endpoint + "/minio/health/live"
	}
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(readyTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return errors.New("server exited during start-up")
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			// Any HTTP answer from versitygw (403 without credentials)
			// means it serves; MinIO says so with 200.
			if s.Kind != MinIO || resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %v", readyTimeout)
}

// Config returns an AWS config for the server: its endpoint and static
// credentials, nothing read from the environment.
func (s *Server) Config() aws.Config {
	return aws.Config{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider(s.AccessKey, s.SecretKey, ""),
		BaseEndpoint: aws.String(s.Endpoint),
	}
}

// Client returns a path-style S3 client for the server.
func (s *Server) Client() *s3.Client {
	return s3.NewFromConfig(s.Config(), func(o *s3.Options) { o.UsePathStyle = true })
}

// NewBucket creates a bucket with a fresh name and returns the name.
func (s *Server) NewBucket(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("test-%d-%d", os.Getpid(), s.buckets.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	if _, err := s.Client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatalf("s3test: create bucket %s on %s: %v", name, s.Kind, err)
	}
	return name
}

// dumpLog shows the end of the server log, for failures.
func (s *Server) dumpLog() {
	b, err := os.ReadFile(filepath.Join(s.dir, "server.log"))
	if err != nil {
		return
	}
	const tail = 4000
	if len(b) > tail {
		b = b[len(b)-tail:]
	}
	s.t.Logf("%s log (tail):\n%s", s.Kind, b)
}

// findBinary looks on PATH, then in GOBIN and GOPATH/bin, where
// infra/s3/install.sh puts it.
func findBinary(t testing.TB, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	var dirs []string
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	if out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output(); err == nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) == 2 {
			if lines[0] != "" {
				dirs = append(dirs, lines[0])
			}
			for _, p := range filepath.SplitList(lines[1]) {
				dirs = append(dirs, filepath.Join(p, "bin"))
			}
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	msg := fmt.Sprintf("s3test: %s not found on PATH or in %v; run infra/s3/install.sh", name, dirs)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("s3test: free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
