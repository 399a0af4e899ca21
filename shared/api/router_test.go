package api

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"
)

// Every row of Routes reaches an endpoint of its function: dispatching its
// route key never falls through to the router's own 404.
func TestEveryRouteHasItsEndpoint(t *testing.T) {
	s := newStack(t, nil)
	archiveHandler, _, _ := newArchiveStack(t)
	handlers := map[Function]HandlerFunc{Upload: s.upload, Index: s.index, Archive: archiveHandler, Office: s.office}
	for _, r := range Routes {
		h, ok := handlers[r.Function]
		if !ok {
			t.Fatalf("route %s names function %q, which has no handler here", r.Key(), r.Function)
		}
		req := event(r.Method, strings.NewReplacer("{id}", "x", "{year}", "2020", "{file+}", "form.css", "{file}", "2020.xlsx").Replace(r.Path), nil)
		if req.RouteKey != r.Key() {
			t.Fatalf("event for %s has route key %q", r.Key(), req.RouteKey)
		}
		if resp := call(t, h, req); strings.Contains(resp.Body, "没有这个地址") {
			t.Errorf("%s: the %s function has no endpoint (%d %s)", r.Key(), r.Function, resp.StatusCode, resp.Body)
		}
	}
}

// A function built with endpoints that drift from the route table fails at
// once, not on some request in production.
func TestEndpointsMustMatchRoutes(t *testing.T) {
	ok := func(context.Context, Request) Response { return Response{StatusCode: 200} }
	tests := []struct {
		name string
		eps  endpoints
		want string
	}{
		{"missing route", endpoints{"POST /reports": ok}, "no endpoint for route \"POST /reports/validate\""},
		{"route not in the table", endpoints{"POST /reports": ok, "POST /reports/validate": ok, "POST /reports/import": ok, "GET /secret": ok}, "not in api.Routes"},
		{"another function's route", endpoints{"POST /reports": ok, "POST /reports/validate": ok, "POST /reports/import": ok, "GET /reports": ok}, "not in api.Routes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				p := recover()
				if err, _ := p.(error); err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("serve panicked with %v, want an error containing %q", p, tt.want)
				}
			}()
			serve(Upload, quiet, tt.eps)
		})
	}
}

// Path parameters come from the event, as API Gateway decoded them, not
// from re-parsing the raw path.
func TestPathParametersFromTheEvent(t *testing.T) {
	s := newStack(t, nil)
	req := event("GET", "/reports/x", nil)
	req.PathParameters = map[string]string{"id": "2020-not-an-id"}
	resp := call(t, s.index, req)
	if resp.StatusCode != 400 {
		t.Errorf("GET /reports/{id} with id parameter %q = %d %s, want 400", req.PathParameters["id"], resp.StatusCode, resp.Body)
	}
}

// A request's path is logged cut to a bound: a client may send megabytes.
func TestLoggedPathIsBounded(t *testing.T) {
	var logged bytes.Buffer
	h := NewIndex(nil, Supervision{}, slog.New(slog.NewJSONHandler(&logged, nil)))
	path := "/" + strings.Repeat("報", 300_000)
	call(t, h, event("GET", path, nil))
	if logged.Len() > 2*maxLoggedPath+512 {
		t.Errorf("log line for a %d-byte path is %d bytes: %.200s", len(path), logged.Len(), logged.String())
	}
	if !strings.Contains(logged.String(), "bytes)") {
		t.Errorf("log line does not say the path was cut: %.300s", logged.String())
	}
}

func TestTruncate(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc…(6 bytes)"},
		{"中文字", 4, "中…(9 bytes)"}, // never half a character
	} {
		if got := truncate(tt.s, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// GET /reports/{id} answers HTML or JSON by the Accept header, and says so.
func TestReportVariesOnAccept(t *testing.T) {
	s := newStack(t, nil)
	resp := call(t, s.upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType))
	var receipt struct{ ID string }
	decodeBody(t, resp, &receipt)
	for _, accept := range []string{"text/html", "application/json"} {
		got := call(t, s.index, event("GET", "/reports/"+receipt.ID, nil, "Accept", accept))
		if got.StatusCode != 200 || got.Headers["Vary"] != "Accept" {
			t.Errorf("GET /reports/{id} (Accept: %s) = %d, Vary %q; want 200, Vary: Accept", accept, got.StatusCode, got.Headers["Vary"])
		}
	}
}

// A bad request is answered in Chinese, naming what is wrong, with none of
// the error's internal English text.
func TestBadRequestsArePublic(t *testing.T) {
	s := newStack(t, nil)
	for _, tt := range []struct {
		path, want string
	}{
		{"/reports/abc", "报告编号"},
		{"/reports/2020-x-y", "统一社会信用代码"},
		{"/reports/2020-11410303MB0000001X-abc", "SHA-256"},
		{"/reports?year=2020&token=bm9wZQ", "翻页令牌"},
		{"/reports?year=2020&creditCode=123", "统一社会信用代码"},
	} {
		resp := call(t, s.index, event("GET", tt.path, nil))
		var e errorBody
		decodeBody(t, resp, &e)
		if resp.StatusCode != 400 || !strings.Contains(e.Error.Message, tt.want) || regexp.MustCompile(`[A-Za-z]{4,}`).MatchString(strings.ReplaceAll(e.Error.Message, "SHA-256", "")) {
			t.Errorf("GET %s = %d %q; want 400 in Chinese naming %s", tt.path, resp.StatusCode, e.Error.Message, tt.want)
		}
	}
}
