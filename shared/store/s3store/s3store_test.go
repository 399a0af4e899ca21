package s3store

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/nianbao/nianbao/shared/store"
)

var _ store.Store = (*Store)(nil)

// fakeServer answers every request with the same canned response and
// records what it received. It stands in for S3 where only the client's
// side is under test: requests sent, errors mapped, retries bounded.
type fakeServer struct {
	status  int
	header  map[string]string
	body    string
	calls   atomic.Int32
	lastReq atomic.Pointer[http.Request]
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
	f.lastReq.Store(r)
	for k, v := range f.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(f.status)
	io.WriteString(w, f.body)
}

func testConfig(endpoint string) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("k", "s", ""),
		BaseEndpoint: aws.String(endpoint),
	}
}

func newFake(t *testing.T, f *fakeServer) *Store {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	s, err := New(testConfig(srv.URL), Options{Bucket: "b", UsePathStyle: true, MaxAttempts: 3, MaxBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func s3Error(code string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>` + code + `</Code><Message>m</Message></Error>`
}

func TestErrorMapping(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		status    int
		body      string
		op        string
		want      error // nil: no store sentinel at all
		wantCalls int32
	}{
		{"get NoSuchKey", 404, s3Error("NoSuchKey"), "get", store.ErrNotFound, 1},
		{"head 404 without body", 404, "", "head", store.ErrNotFound, 1},
		{"put 412", 412, s3Error("PreconditionFailed"), "put", store.ErrPreconditionFailed, 1},
		{"put 409 conflict", 409, s3Error("ConditionalRequestConflict"), "put", store.ErrPreconditionFailed, 1},
		{"swap on a missing key", 404, s3Error("NoSuchKey"), "swap", store.ErrPreconditionFailed, 1},
		{"500 retried, bounded", 500, s3Error("InternalError"), "get", store.ErrUnavailable, 3},
		{"503 SlowDown retried, bounded", 503, s3Error("SlowDown"), "put", store.ErrUnavailable, 3},
		{"NoSuchBucket is not a missing object", 404, s3Error("NoSuchBucket"), "get", nil, 1},
		{"403 is a plain error", 403, s3Error("AccessDenied"), "head", nil, 1},
		{"delete of a missing key", 404, s3Error("NoSuchKey"), "delete", nil, 1},
		{"list 500", 500, s3Error("InternalError"), "list", store.ErrUnavailable, 3},
	}
	sentinels := []error{store.ErrNotFound, store.ErrPreconditionFailed, store.ErrUnavailable}
	for _, tt := range tests {
		f := &fakeServer{status: tt.status, body: tt.body, header: map[string]string{"Content-Type": "application/xml"}}
		s := newFake(t, f)
		var err error
		switch tt.op {
		case "get":
			_, _, err = s.Get(ctx, "k")
		case "head":
			_, err = s.Head(ctx, "k")
		case "put":
			_, err = s.Put(ctx, "k", []byte("x"), store.PutOptions{IfNoneMatch: true})
		case "swap":
			_, err = s.Put(ctx, "k", []byte("x"), store.PutOptions{IfMatch: `"e"`})
		case "delete":
			err = s.Delete(ctx, "k")
		case "list":
			_, err = s.List(ctx, "", "", 10)
		}
		if tt.op == "delete" {
			if err != nil {
				t.Errorf("%s: error = %v, want nil", tt.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, sentinel := range sentinels {
			if got := errors.Is(err, sentinel); got != (sentinel == tt.want) {
				t.Errorf("%s: errors.Is(%v, %v) = %v", tt.name, err, sentinel, got)
			}
		}
		if tt.op != "list" && !strings.Contains(err.Error(), " k") {
			t.Errorf("%s: error %q does not name the key", tt.name, err)
		}
		if got := f.calls.Load(); got != tt.wantCalls {
			t.Errorf("%s: server saw %d requests, want %d", tt.name, got, tt.wantCalls)
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + l.Addr().String()
	l.Close() // nothing listens there now
	s, err := New(testConfig(endpoint), Options{Bucket: "b", UsePathStyle: true, MaxAttempts: 2, MaxBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Head(context.Background(), "k"); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Head against a closed port: error = %v, want ErrUnavailable", err)
	}
}

// TestPutRequest checks what a conditional PUT sends: the SHA-256
// checksum, If-None-Match or If-Match, the content type, path-style URL.
func TestPutRequest(t *testing.T) {
	body := []byte("年报")
	digest := sha256.Sum256(body)
	sum := base64.StdEncoding.EncodeToString(digest[:])
	tests := []struct {
		opts       store.PutOptions
		header     string
		wantHeader string
	}{
		{store.PutOptions{IfNoneMatch: true}, "If-None-Match", "*"},
		{store.PutOptions{IfMatch: `"abc"`}, "If-Match", `"abc"`},
		{store.PutOptions{}, "If-Match", ""},
	}
	for _, tt := range tests {
		f := &fakeServer{status: 200, header: map[string]string{"ETag": `"e1"`, "x-amz-checksum-sha256": sum}}
		s := newFake(t, f)
		info, err := s.Put(context.Background(), "报告/k.json", body, tt.opts)
		if err != nil {
			t.Fatalf("Put(%+v): %v", tt.opts, err)
		}
		r := f.lastReq.Load()
		if got := r.Header.Get(tt.header); got != tt.wantHeader {
			t.Errorf("Put(%+v) sent %s %q, want %q", tt.opts, tt.header, got, tt.wantHeader)
		}
		if got := r.Header.Get("x-amz-checksum-sha256"); got != sum {
			t.Errorf("Put sent x-amz-checksum-sha256 %q, want %q", got, sum)
		}
		if got := r.Header.Get("Content-Type"); got != store.DefaultContentType {
			t.Errorf("Put sent Content-Type %q, want %q", got, store.DefaultContentType)
		}
		if got, want := r.URL.Path, "/b/报告/k.json"; got != want {
			t.Errorf("Put path = %q, want %q (path style)", got, want)
		}
		if info.ETag != `"e1"` || info.SHA256 != store.SHA256Hex(body) || info.Size != int64(len(body)) {
			t.Errorf("Put info = %+v", info)
		}
	}
}

func TestPutChecksumMismatch(t *testing.T) {
	f := &fakeServer{status: 200, header: map[string]string{"ETag": `"e"`, "x-amz-checksum-sha256": "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="}}
	s := newFake(t, f)
	if _, err := s.Put(context.Background(), "k", []byte("x"), store.PutOptions{}); !errors.Is(err, store.ErrChecksumMismatch) {
		t.Errorf("Put with a server checksum for other bytes: error = %v, want ErrChecksumMismatch", err)
	}
}

func TestGetVerifiesChecksum(t *testing.T) {
	f := &fakeServer{status: 200, body: "hello", header: map[string]string{
		"ETag": `"e"`, "Content-Type": "text/plain",
		// SHA-256 of "" — not of the body served.
		"x-amz-checksum-sha256": "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
	}}
	s := newFake(t, f)
	rc, info, err := s.Get(context.Background(), "k")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if _, err := io.ReadAll(rc); err == nil {
		t.Errorf("reading a body that does not match its checksum succeeded (info %+v)", info)
	}
}

func TestPresignGetURL(t *testing.T) {
	s, err := New(testConfig("http://127.0.0.1:9"), Options{Bucket: "b", UsePathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.PresignGet(context.Background(), "r/2020.pdf", 10*time.Minute, "2020年报.pdf")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := parsed.Query()
	if got, want := q.Get("response-content-disposition"), store.ContentDisposition("2020年报.pdf"); got != want {
		t.Errorf("response-content-disposition = %q, want %q", got, want)
	}
	if got := q.Get("X-Amz-Expires"); got != "600" {
		t.Errorf("X-Amz-Expires = %q, want 600", got)
	}
	if parsed.Path != "/b/r/2020.pdf" {
		t.Errorf("presigned path = %q, want /b/r/2020.pdf", parsed.Path)
	}
}

func TestNewRejects(t *testing.T) {
	for _, opts := range []Options{{}, {Bucket: "b", MaxAttempts: -1}, {Bucket: "b", MaxBackoff: -time.Second}} {
		if _, err := New(testConfig("http://127.0.0.1:9"), opts); err == nil {
			t.Errorf("New(%+v) succeeded", opts)
		}
	}
}

func TestSHA256Hex(t *testing.T) {
	tests := []struct{ in, want string }{
		{"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", store.SHA256Hex(nil)},
		{"", ""},
		{"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=-3", ""},
		{"not base64!", ""},
		{"AAAA", ""},
	}
	for _, tt := range tests {
		if got := sha256Hex(&tt.in); got != tt.want {
			t.Errorf("sha256Hex(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
