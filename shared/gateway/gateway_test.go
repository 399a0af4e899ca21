package gateway

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/auth"
)

// echo answers with what it received, so tests can see the event.
func echo(_ context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return events.APIGatewayV2HTTPResponse{StatusCode: 200,
		Headers: map[string]string{"X-Route": req.RouteKey, "X-Id": req.PathParameters["id"], "X-File": req.PathParameters["file"],
			"X-B64": map[bool]string{true: "yes", false: "no"}[req.IsBase64Encoded], "X-Query": req.RawQueryString,
			"X-Ct": req.Headers["content-type"], "X-Method": req.RequestContext.HTTP.Method},
		Body: req.Body}, nil
}

func binary(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return events.APIGatewayV2HTTPResponse{StatusCode: 201, IsBase64Encoded: true,
		Body: base64.StdEncoding.EncodeToString([]byte{0x25, 0x50, 0x44, 0x46, 0xff}), Cookies: []string{"a=b"}}, nil
}

func failing(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return events.APIGatewayV2HTTPResponse{}, errors.New("boom")
}

func TestGateway(t *testing.T) {
	g := New([]Route{
		{Method: "POST", Path: "/reports", Handler: echo},
		{Method: "GET", Path: "/reports/{id}", Handler: echo},
		{Method: "GET", Path: "/static/{file+}", Handler: echo},
		{Method: "GET", Path: "/pdf", Handler: binary},
		{Method: "GET", Path: "/fail", Handler: failing},
	})
	tests := []struct {
		name, method, target, body, contentType string
		wantStatus                              int
		wantHeader                              [2]string
		wantBody                                string
	}{
		{"route key", "POST", "/reports", `{"a":1}`, "application/json", 200, [2]string{"X-Route", "POST /reports"}, `{"a":1}`},
		{"content type lower-cased header", "POST", "/reports", `{}`, "application/json", 200, [2]string{"X-Ct", "application/json"}, `{}`},
		{"path parameter", "GET", "/reports/2020-abc", "", "", 200, [2]string{"X-Id", "2020-abc"}, ""},
		{"escaped path parameter", "GET", "/reports/%E4%B8%AD", "", "", 200, [2]string{"X-Id", "中"}, ""},
		{"greedy parameter", "GET", "/static/css/site.css", "", "", 200, [2]string{"X-File", "css/site.css"}, ""},
		{"query string", "GET", "/reports/x?year=2020&q=%E5%B1%80", "", "", 200, [2]string{"X-Query", "year=2020&q=%E5%B1%80"}, ""},
		{"binary request body is base64", "POST", "/reports", "\xff\xfe", "application/octet-stream", 200, [2]string{"X-B64", "yes"}, base64.StdEncoding.EncodeToString([]byte("\xff\xfe"))},
		{"binary response is decoded", "GET", "/pdf", "", "", 201, [2]string{"Set-Cookie", "a=b"}, "%PDF\xff"},
		{"unknown path", "GET", "/nowhere", "", "", 404, [2]string{"Content-Type", "application/json"}, `{"message":"Not Found"}`},
		{"unrouted method", "DELETE", "/reports", "", "", 404, [2]string{}, `{"message":"Not Found"}`},
		{"handler error", "GET", "/fail", "", "", 500, [2]string{}, `{"message":"Internal Server Error"}`},
		{"body over the cap", "POST", "/reports", strings.Repeat("x", MaxBodyBytes+1), "application/json", 413, [2]string{}, `{"message":"Request Entity Too Large"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			g.ServeHTTP(rec, req)
			body, _ := io.ReadAll(rec.Body)
			if rec.Code != tt.wantStatus || !bytes.Equal(body, []byte(tt.wantBody)) {
				t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.target, rec.Code, body, tt.wantStatus, tt.wantBody)
			}
			if tt.wantHeader[0] != "" && rec.Header().Get(tt.wantHeader[0]) != tt.wantHeader[1] {
				t.Errorf("header %s = %q, want %q", tt.wantHeader[0], rec.Header().Get(tt.wantHeader[0]), tt.wantHeader[1])
			}
		})
	}
}

func TestEventShape(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080/reports?year=2020", strings.NewReader("{}"))
	req.Header.Add("X-Multi", "a")
	req.Header.Add("X-Multi", "b")
	ev := Event(req, "POST /reports", nil, []byte("{}"))
	if ev.Version != "2.0" || ev.RequestContext.Stage != "$default" || ev.RequestContext.RequestID == "" ||
		ev.RequestContext.HTTP.SourceIP == "" || ev.Headers["x-multi"] != "a,b" || ev.QueryStringParameters["year"] != "2020" {
		t.Errorf("event %+v", ev)
	}
}

// The gateway's own refusals carry nosniff like every other response.
func TestRefusalsAreNosniff(t *testing.T) {
	g := New([]Route{{Method: "POST", Path: "/reports", Handler: echo}})
	for _, req := range []*http.Request{
		httptest.NewRequest("GET", "/nowhere", nil),
		httptest.NewRequest("POST", "/reports", strings.NewReader(strings.Repeat("x", MaxBodyBytes+1))),
	} {
		rec := httptest.NewRecorder()
		g.ServeHTTP(rec, req)
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s %s → %d: X-Content-Type-Options %q, want nosniff", req.Method, req.URL, rec.Code, got)
		}
	}
}

// countingReader counts what the gateway reads of a request body.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// A client that is still sending an oversized body must read the 413, not a
// connection reset: a server that closes a connection with unread data
// resets it, and the reset throws away the answer the client has not read
// yet (net/http lingers only 500 ms). So the gateway reads what is left of a
// refused body, up to a bound, before it answers.
func TestRefusedBodyIsDrained(t *testing.T) {
	g := New([]Route{{Method: "POST", Path: "/reports", Handler: echo, Protected: true}}, WithVerifier(rejectAll{}))
	open := New([]Route{{Method: "POST", Path: "/reports", Handler: echo}})
	tests := []struct {
		name   string
		g      *Gateway
		target string
		size   int64
		status int
		closes bool
	}{
		{"413, 11 MiB", open, "/reports", 11 << 20, 413, false},
		{"401 before reading", g, "/reports", 3 << 20, 401, false},
		{"404", open, "/nowhere", 1 << 20, 404, false},
		{"past the drain bound", open, "/reports", MaxBodyBytes + maxDrainBytes + 4<<20, 413, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := &countingReader{r: io.LimitReader(zeros{}, tt.size)}
			req := httptest.NewRequest("POST", tt.target, body)
			rec := httptest.NewRecorder()
			tt.g.ServeHTTP(rec, req)
			want := tt.size
			if tt.closes {
				want = maxDrainBytes + 1 + MaxBodyBytes + 1
			}
			if rec.Code != tt.status || body.n < min(want, tt.size) {
				t.Errorf("%d after reading %d of %d body bytes; want %d after reading %d", rec.Code, body.n, tt.size, tt.status, min(want, tt.size))
			}
			if got := rec.Header().Get("Connection") == "close"; got != tt.closes {
				t.Errorf("Connection: close = %v, want %v", got, tt.closes)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

type rejectAll struct{}

func (rejectAll) Verify(string) (auth.Claims, error) { return nil, auth.ErrNoToken }
