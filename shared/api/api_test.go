package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/gateway"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/workbook"
)

var sharedRenderer = sync.OnceValues(render.New)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// stack is the upload, index and office handlers over one store, with
// the inbox's review queue.
type stack struct {
	upload, index, office HandlerFunc
	store                 store.Store
	queue                 *imports.Queue
}

func newStack(t testing.TB, st store.Store) stack {
	t.Helper()
	if st == nil {
		st = newFS(t)
	}
	reg := newRegistry(t, st)
	q := imports.New(st)
	return stack{upload: NewUpload(reg, ingest.Importer{}, quiet, OpenWrites(), ImportQueue(q)), index: NewIndex(reg, Supervision{Store: st.(Store), Imports: q}, quiet),
		office: NewOffice(reg, Supervision{Store: st.(Store), Files: workbook.Files{}}, quiet, OpenWrites()), store: st, queue: q}
}

// newFS is a filesystem store in a temporary directory.
func newFS(t testing.TB) *fsstore.Store {
	t.Helper()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// newRegistry files into st with the process's one renderer.
func newRegistry(t testing.TB, st store.Store) *registry.Service {
	t.Helper()
	rnd, err := sharedRenderer()
	if err != nil {
		t.Fatal(err)
	}
	return registry.New(st, rnd)
}

// event is the event API Gateway would send for a request: its route key
// and path parameters from the route table, or "$default" for a path no
// route matches.
func event(method, path string, body []byte, headers ...string) Request {
	p, q, _ := strings.Cut(path, "?")
	key, params := "$default", map[string]string(nil)
	for _, r := range Routes {
		if m, ok := gateway.Match(r.Path, p); ok && r.Method == method {
			key, params = r.Key(), m
			break
		}
	}
	req := Request{
		Version: "2.0", RouteKey: key, RawPath: p, RawQueryString: q, Body: string(body),
		Headers: map[string]string{}, PathParameters: params,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RequestID: "test-request", RouteKey: key,
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: p},
		},
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Headers[strings.ToLower(headers[i])] = headers[i+1]
	}
	return req
}

func call(t testing.TB, h HandlerFunc, req Request) Response {
	t.Helper()
	resp, err := h(context.Background(), req)
	if err != nil {
		t.Fatalf("%s %s: handler error %v", req.RequestContext.HTTP.Method, req.RawPath, err)
	}
	if resp.Headers["X-Content-Type-Options"] != "nosniff" {
		t.Errorf("%s %s: response lacks X-Content-Type-Options: nosniff", req.RequestContext.HTTP.Method, req.RawPath)
	}
	return resp
}

func decodeBody(t testing.TB, resp Response, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(resp.Body), v); err != nil {
		t.Fatalf("response body %.200q: %v", resp.Body, err)
	}
}

const jsonType = "application/json"

func TestUpload(t *testing.T) {
	s := newStack(t, nil)
	seed := readTestdata(t, "seed-2020.json")
	tests := []struct {
		name     string
		req      Request
		want     int
		wantCode string // error code in the body, if any
	}{
		{"first upload", event("POST", "/reports", seed, "Content-Type", jsonType), 201, ""},
		{"same content again", event("POST", "/reports", seed, "Content-Type", "application/json; charset=utf-8"), 200, ""},
		{"base64 body", func() Request {
			r := event("POST", "/reports", []byte(base64.StdEncoding.EncodeToString(seed)), "Content-Type", jsonType)
			r.IsBase64Encoded = true
			return r
		}(), 200, ""},
		{"broken base64", func() Request {
			r := event("POST", "/reports", []byte("@@@"), "Content-Type", jsonType)
			r.IsBase64Encoded = true
			return r
		}(), 400, "bad-encoding"},
		{"wrong content type", event("POST", "/reports", seed, "Content-Type", "text/plain"), 415, "unsupported-media-type"},
		{"no content type", event("POST", "/reports", seed), 415, "unsupported-media-type"},
		{"latin-1 charset", event("POST", "/reports", seed, "Content-Type", "application/json; charset=latin1"), 415, "unsupported-media-type"},
		{"body over the cap", event("POST", "/reports", bytes.Repeat([]byte(" "), 1<<20+1), "Content-Type", jsonType), 413, "too-large"},
		{"identity broken", event("POST", "/reports", readTestdata(t, "fixtures/H1.json"), "Content-Type", jsonType), 422, "invalid-report"},
		{"not JSON", event("POST", "/reports", []byte("{"), "Content-Type", jsonType), 400, "malformed-json"},
		{"unknown route", event("POST", "/reports/x/y", seed, "Content-Type", jsonType), 404, "not-found"},
		{"no route of this function", event("GET", "/reports/validate", nil), 404, "not-found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := call(t, s.upload, tt.req)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.want, resp.Body)
			}
			if tt.wantCode == "" {
				var got submitted
				decodeBody(t, resp, &got)
				if got.ID == "" || got.Links.PDF != "/reports/"+got.ID+"/pdf" || resp.Headers["Location"] != got.Links.Self {
					t.Errorf("receipt %+v, Location %q", got, resp.Headers["Location"])
				}
				return
			}
			var e errorBody
			decodeBody(t, resp, &e)
			if e.Error.Code != tt.wantCode || e.Error.RequestID != "test-request" || e.Error.Message == "" {
				t.Errorf("error body %+v, want code %s with the request id", e.Error, tt.wantCode)
			}
		})
	}
}

func TestValidateRouteStoresNothing(t *testing.T) {
	s := newStack(t, nil)
	resp := call(t, s.upload, event("POST", "/reports/validate", readTestdata(t, "fixtures/H2.json"), "Content-Type", jsonType))
	var got checked
	decodeBody(t, resp, &got)
	if resp.StatusCode != 200 || got.Valid || len(got.Findings) == 0 {
		t.Errorf("validate = %d %+v; want 200, invalid, findings", resp.StatusCode, got)
	}
	infos, err := s.store.List(context.Background(), "reports/", "", 10)
	if err != nil || len(infos) != 0 {
		t.Errorf("the live check stored %v (%v)", infos, err)
	}
}

func TestIndex(t *testing.T) {
	s := newStack(t, nil)
	var receipt submitted
	decodeBody(t, call(t, s.upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType)), &receipt)
	id := receipt.ID
	tests := []struct {
		name        string
		req         Request
		want        int
		contentType string
		contains    string
	}{
		{"list", event("GET", "/reports?year=2020", nil), 200, "application/json; charset=utf-8", id},
		{"list by name", event("GET", "/reports?q=%E6%95%99%E8%82%B2", nil), 200, "application/json; charset=utf-8", id},
		{"bad year", event("GET", "/reports?year=twenty", nil), 400, "application/json; charset=utf-8", "bad-request"},
		{"bad token", event("GET", "/reports?token=%2E%2E", nil), 400, "application/json; charset=utf-8", "bad-request"},
		{"report as JSON", event("GET", "/reports/"+id, nil), 200, "application/json; charset=utf-8", `"findings":[{"rule":"S4"`},
		{"report as HTML", event("GET", "/reports/"+id, nil, "Accept", "text/html,application/xhtml+xml"), 200, "text/html; charset=utf-8", "西工区教育体育局2020年政府信息公开工作年度报告"},
		{"home page", event("GET", "/", nil), 200, "text/html; charset=utf-8", "西工区教育体育局"},
		{"malformed id", event("GET", "/reports/2020-x-y", nil), 400, "application/json; charset=utf-8", "bad-request"},
		{"traversal id", event("GET", "/reports/..%2F..%2Fetc", nil), 400, "application/json; charset=utf-8", "bad-request"},
		{"unknown id", event("GET", "/reports/"+strings.Replace(id, "906e", "0000", 1), nil), 404, "application/json; charset=utf-8", "not-found"},
		{"schema", event("GET", "/schema", nil), 200, "application/schema+json", "2020-12"},
		{"stylesheet", event("GET", "/static/style.css", nil), 200, "text/css; charset=utf-8", "font"},
		{"missing static file", event("GET", "/static/..%2F..%2Fgo.mod", nil), 404, "application/json; charset=utf-8", "not-found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := call(t, s.index, tt.req)
			if resp.StatusCode != tt.want || resp.Headers["Content-Type"] != tt.contentType || !strings.Contains(resp.Body, tt.contains) {
				t.Errorf("%s: status %d %q body %.300s; want %d %q containing %q",
					tt.req.RawPath, resp.StatusCode, resp.Headers["Content-Type"], resp.Body, tt.want, tt.contentType, tt.contains)
			}
			if strings.HasPrefix(tt.contentType, "text/html") && resp.Headers["Content-Security-Policy"] != ContentSecurityPolicy {
				t.Errorf("HTML page without the CSP: %v", resp.Headers)
			}
		})
	}
}

func TestDownloadFromFilesystemStore(t *testing.T) {
	s := newStack(t, nil)
	var receipt submitted
	decodeBody(t, call(t, s.upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType)), &receipt)
	for file, want := range map[string]string{"pdf": "%PDF-", "json": `{"agency":`} {
		resp := call(t, s.index, event("GET", "/reports/"+receipt.ID+"/"+file, nil))
		body, err := base64.StdEncoding.DecodeString(resp.Body)
		if resp.StatusCode != 200 || !resp.IsBase64Encoded || err != nil || !bytes.HasPrefix(body, []byte(want)) {
			t.Errorf("%s: status %d, base64 %v, body %.20q", file, resp.StatusCode, resp.IsBase64Encoded, body)
		}
		if cd := resp.Headers["Content-Disposition"]; !strings.Contains(cd, "filename*=UTF-8''%E8%A5%BF") {
			t.Errorf("%s: Content-Disposition %q lacks the RFC 5987 Chinese file name", file, cd)
		}
	}
}

// presigner is a store that hands out download URLs, as S3 does.
type presigner struct{ store.Store }

func (p presigner) PresignGet(_ context.Context, key string, ttl time.Duration, filename string) (string, error) {
	return fmt.Sprintf("https://bucket.example/%s?ttl=%s", key, ttl), nil
}

func TestDownloadRedirectsToPresignedURL(t *testing.T) {
	s := newStack(t, presigner{newFS(t)})
	var receipt submitted
	decodeBody(t, call(t, s.upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType)), &receipt)
	resp := call(t, s.index, event("GET", "/reports/"+receipt.ID+"/pdf", nil))
	if loc := resp.Headers["Location"]; resp.StatusCode != 302 || !strings.HasSuffix(strings.Split(loc, "?")[0], "/report.pdf") || !strings.Contains(loc, "ttl=5m0s") {
		t.Errorf("status %d Location %q; want 302 to a 5-minute presigned URL", resp.StatusCode, loc)
	}
}

// downStore fails like an S3 server that cannot be reached.
type downStore struct{ store.Store }

func (downStore) Get(_ context.Context, key string) (io.ReadCloser, store.Info, error) {
	return nil, store.Info{}, fmt.Errorf("get %s: %w", key, store.ErrUnavailable)
}

func (downStore) List(_ context.Context, prefix, _ string, _ int) ([]store.Info, error) {
	return nil, fmt.Errorf("list %s: %w", prefix, store.ErrUnavailable)
}

func TestStoreDownAnswers503(t *testing.T) {
	s := newStack(t, downStore{newFS(t)})
	for _, tt := range []struct {
		h   HandlerFunc
		req Request
	}{
		{s.upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType)},
		{s.index, event("GET", "/reports", nil)},
		{s.index, event("GET", "/", nil)},
	} {
		resp := call(t, tt.h, tt.req)
		if resp.StatusCode != 503 || resp.Headers["Retry-After"] == "" {
			t.Errorf("%s: status %d, Retry-After %q; want 503 with Retry-After", tt.req.RawPath, resp.StatusCode, resp.Headers["Retry-After"])
		}
	}
}

func TestHostileTextRendersInert(t *testing.T) {
	s := newStack(t, nil)
	doc := bytes.Replace(readTestdata(t, "seed-2020.json"), []byte(`"name": "西工区教育体育局"`),
		[]byte(`"name": "西工区<script>alert(1)</script>\"javascript:alert(2)"`), 1)
	var receipt submitted
	resp := call(t, s.upload, event("POST", "/reports", doc, "Content-Type", jsonType))
	decodeBody(t, resp, &receipt)
	for _, path := range []string{"/", "/reports/" + receipt.ID} {
		page := call(t, s.index, event("GET", path, nil, "Accept", "text/html")).Body
		if strings.Contains(page, "<script>") || strings.Contains(page, `"javascript:`) {
			t.Errorf("%s renders the agency name unescaped:\n%s", path, page)
		}
		if !strings.Contains(page, "&lt;script&gt;") {
			t.Errorf("%s lacks the escaped name", path)
		}
	}
}

// One agency's damaged latest.json must not take the listing down for every
// visitor: the listing leaves it out and says so, as JSON and on the page.
func TestListingSkipsUnreadableAgency(t *testing.T) {
	s := newStack(t, nil)
	ctx := context.Background()
	call(t, s.upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType))
	other := bytes.Replace(readTestdata(t, "seed-2020.json"), []byte("11410303MB0000001X"), []byte("11330500MB1D000016"), 1)
	if resp := call(t, s.upload, event("POST", "/reports", other, "Content-Type", jsonType)); resp.StatusCode != 201 {
		t.Fatalf("second agency: %d %s", resp.StatusCode, resp.Body)
	}
	if _, err := s.store.Put(ctx, "reports/2020/11330500MB1D000016/latest.json", []byte(`{"current":`), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	// Without a catalog (a store filed before catalogs) the first reader
	// builds one and meets the damaged pointer there.
	infos, err := s.store.List(ctx, "catalog/", "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range infos {
		if err := s.store.Delete(ctx, in.Key); err != nil {
			t.Fatal(err)
		}
	}
	resp := call(t, s.index, event("GET", "/reports?year=2020", nil))
	var page struct {
		Items   []struct{ CreditCode string }
		Skipped int
	}
	decodeBody(t, resp, &page)
	if resp.StatusCode != 200 || len(page.Items) != 1 || page.Items[0].CreditCode != "11410303MB0000001X" || page.Skipped != 1 {
		t.Errorf("/reports with one damaged pointer = %d %s; want 200 with the other agency and skipped 1", resp.StatusCode, resp.Body)
	}
	home := call(t, s.index, event("GET", "/", nil, "Accept", "text/html"))
	if home.StatusCode != 200 || !strings.Contains(home.Body, "西工区教育体育局") || !strings.Contains(home.Body, "另有 1 个机关") {
		t.Errorf("home page with one damaged pointer = %d; want 200 naming the other agency and saying one was left out:\n%.2000s", home.StatusCode, home.Body)
	}
}
