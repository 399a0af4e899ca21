// Package api adapts API Gateway HTTP API (payload v2) events to the registry:
// the handlers of the upload, index and archive functions. Lambda functions
// and the local server call the same handlers with the same events.
package api

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

type (
	// Request is an API Gateway HTTP API event.
	Request = events.APIGatewayV2HTTPRequest
	// Response is what the handler answers API Gateway.
	Response = events.APIGatewayV2HTTPResponse
)

// HandlerFunc handles one request; it never returns an error to Lambda, so
// that every failure reaches the client as a well-formed response.
type HandlerFunc func(ctx context.Context, req Request) (Response, error)

type route struct {
	method   string
	segments []string // "{name}" segments capture one path segment
	handle   func(ctx context.Context, req Request, params map[string]string) Response
}

// Router dispatches requests by method and path.
type Router struct {
	routes []route
	log    *slog.Logger
}

// NewRouter returns an empty router that logs each request to log.
func NewRouter(log *slog.Logger) *Router { return &Router{log: log} }

func (rt *Router) handle(method, pattern string, h func(ctx context.Context, req Request, params map[string]string) Response) {
	rt.routes = append(rt.routes, route{method: method, segments: split(pattern), handle: h})
}

func split(path string) []string {
	return strings.Split(strings.Trim(path, "/"), "/")
}

// Handle serves one request: it finds the route, runs it and logs the
// outcome with the request ID (never the body).
func (rt *Router) Handle(ctx context.Context, req Request) (Response, error) {
	start := time.Now()
	method, path := req.RequestContext.HTTP.Method, requestPath(req)
	resp := rt.dispatch(ctx, req, method, path)
	rt.log.LogAttrs(ctx, levelFor(resp.StatusCode), "request",
		slog.String("requestId", req.RequestContext.RequestID),
		slog.String("method", method), slog.String("path", path),
		slog.Int("status", resp.StatusCode), slog.Duration("duration", time.Since(start)))
	return resp, nil
}

func (rt *Router) dispatch(ctx context.Context, req Request, method, path string) (resp Response) {
	defer func() {
		if p := recover(); p != nil {
			rt.log.ErrorContext(ctx, "panic", slog.String("requestId", req.RequestContext.RequestID), slog.Any("panic", p))
			resp = problem(req, 500, "internal", "服务器内部错误")
		}
	}()
	segs := split(path)
	allowed := false
	for _, r := range rt.routes {
		params, ok := match(r.segments, segs)
		if !ok {
			continue
		}
		if r.method != method {
			allowed = true
			continue
		}
		return r.handle(ctx, req, params)
	}
	if allowed {
		return problem(req, 405, "method-not-allowed", "此地址不支持 "+method+" 请求")
	}
	return problem(req, 404, "not-found", "没有这个地址")
}

func match(pattern, segs []string) (map[string]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var params map[string]string
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if segs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:len(p)-1]] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// requestPath is the request's path, from the event's raw path (the local
// adapter and API Gateway both fill it) or, failing that, its HTTP context.
func requestPath(req Request) string {
	if req.RawPath != "" {
		return req.RawPath
	}
	return req.RequestContext.HTTP.Path
}

func levelFor(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}
