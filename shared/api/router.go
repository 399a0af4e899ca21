package api

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// endpoint serves one route. The route's path parameters are in
// req.PathParameters, filled by API Gateway (and the local gateway) from the
// route's pattern.
type endpoint func(ctx context.Context, req Request) Response

// endpoints are a function's endpoints by route key.
type endpoints map[string]endpoint

// serve returns fn's handler: it dispatches each event on its route key, as
// API Gateway chose the route already. eps must serve exactly fn's rows of
// Routes; a mismatch is a programming error and panics when the function is
// built, so that the tests catch it before any request.
func serve(fn Function, log *slog.Logger, eps endpoints) HandlerFunc {
	if err := checkEndpoints(fn, eps); err != nil {
		panic(err)
	}
	return func(ctx context.Context, req Request) (Response, error) {
		start := time.Now()
		key := routeKey(req)
		resp := dispatch(ctx, log, req, eps[key])
		log.LogAttrs(ctx, levelFor(resp.StatusCode), "request",
			slog.String("requestId", req.RequestContext.RequestID),
			slog.String("route", truncate(key, maxLoggedPath)),
			slog.String("path", truncate(requestPath(req), maxLoggedPath)),
			slog.Int("status", resp.StatusCode), slog.Duration("duration", time.Since(start)))
		return resp, nil
	}
}

func checkEndpoints(fn Function, eps endpoints) error {
	var want []string
	for _, r := range RoutesOf(fn) {
		want = append(want, r.Key())
		if eps[r.Key()] == nil {
			return fmt.Errorf("api: function %s has no endpoint for route %q", fn, r.Key())
		}
	}
	for key := range eps {
		if !slices.Contains(want, key) {
			return fmt.Errorf("api: function %s serves %q, which is not in api.Routes", fn, key)
		}
	}
	return nil
}

// routeKey is the event's route key; API Gateway sets both copies.
func routeKey(req Request) string {
	if req.RouteKey != "" {
		return req.RouteKey
	}
	return req.RequestContext.RouteKey
}

func dispatch(ctx context.Context, log *slog.Logger, req Request, ep endpoint) (resp Response) {
	defer func() {
		if p := recover(); p != nil {
			log.ErrorContext(ctx, "panic", slog.String("requestId", req.RequestContext.RequestID), slog.Any("panic", p))
			resp = problem(req, 500, "internal", "服务器内部错误，请把请求编号告知管理员")
		}
	}()
	if ep == nil {
		// API Gateway sends a function only its own routes; an event with
		// another route key (a misconfigured integration, a hand-made
		// event) is answered like an unknown address.
		return problem(req, 404, "not-found", "没有这个地址")
	}
	return ep(ctx, req)
}

// maxLoggedPath bounds what a log line keeps of a request's path: a client
// may send a path of megabytes.
const maxLoggedPath = 256

// truncate cuts s to at most n bytes on a rune boundary and says so.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…(" + strconv.Itoa(len(s)) + " bytes)"
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

// pathParam returns a path parameter of the route; API Gateway has decoded it.
func pathParam(req Request, name string) string {
	return req.PathParameters[name]
}
