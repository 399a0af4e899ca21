// Package gateway serves Lambda handlers over plain HTTP the way API Gateway's
// HTTP API (payload v2) does: each net/http request becomes the same event,
// goes to the same handler, and its response is written back. It is what
// `nianbao serve` and the browser tests run on, with no AWS account.
package gateway

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/auth"
)

// Handler is a Lambda handler for HTTP API events.
type Handler func(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// Route binds a route of the API to the handler of the function serving it.
type Route struct {
	Method  string
	Path    string // API Gateway syntax: /reports/{id}; a last {name+} is greedy
	Handler Handler
	// Protected routes sit behind the JWT authorizer: with a Verifier, a
	// request needs a valid bearer token, whose claims reach the handler.
	Protected bool
}

// Verifier checks a bearer token and returns its claims; *auth.Verifier is one.
type Verifier interface {
	Verify(token string) (auth.Claims, error)
}

// Option configures a Gateway.
type Option func(*Gateway)

// WithVerifier makes the gateway do what API Gateway's JWT authorizer does
// on protected routes: refuse a request without a valid token with 401, and
// put the verified claims in the event's requestContext.authorizer.jwt.
// Without it, protected routes pass requests on with no claims, and the
// handlers decide.
func WithVerifier(v Verifier) Option { return func(g *Gateway) { g.verifier = v } }

// MaxBodyBytes bounds a request body as the deployed stack does: API
// Gateway takes 10 MB, but a synchronous Lambda invocation carries at most
// 6 MB of event. Each handler enforces its own, smaller caps.
const MaxBodyBytes = 6 << 20

// maxDrainBytes bounds what the gateway reads and throws away of a body it
// refuses: a client still sending when the answer comes gets a connection
// reset instead of the answer, so the gateway lets it finish first — up to
// this much, past which it closes the connection.
const maxDrainBytes = 16 << 20

// Gateway is an http.Handler over a route table.
type Gateway struct {
	routes   []Route
	verifier Verifier
}

// New returns a gateway serving routes.
func New(routes []Route, opts ...Option) *Gateway {
	g := &Gateway{routes: routes}
	for _, o := range opts {
		o(g)
	}
	return g
}

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	route, params := g.match(r.Method, r.URL.EscapedPath())
	if route == nil {
		// API Gateway answers any unrouted method and path alike.
		refuse(w, r, http.StatusNotFound, `{"message":"Not Found"}`)
		return
	}
	// Like API Gateway, authorize before reading the body.
	var authorizer *events.APIGatewayV2HTTPRequestContextAuthorizerDescription
	if route.Protected && g.verifier != nil {
		claims, err := g.authorize(r)
		if err != nil {
			challenge := `Bearer error="invalid_token"`
			if errors.Is(err, auth.ErrNoToken) {
				challenge = "Bearer"
			}
			w.Header().Set("WWW-Authenticate", challenge)
			refuse(w, r, http.StatusUnauthorized, `{"message":"Unauthorized"}`)
			return
		}
		authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims.Flat()}}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, `{"message":"Bad Request"}`)
		return
	}
	if len(body) > MaxBodyBytes {
		refuse(w, r, http.StatusRequestEntityTooLarge, `{"message":"Request Entity Too Large"}`)
		return
	}
	ev := Event(r, route.Method+" "+route.Path, params, body)
	ev.RequestContext.Authorizer = authorizer
	resp, err := route.Handler(r.Context(), ev)
	if err != nil {
		// Lambda turns a handler error into API Gateway's 500 "Internal Server Error".
		writeJSON(w, http.StatusInternalServerError, `{"message":"Internal Server Error"}`)
		return
	}
	write(w, resp)
}

// authorize verifies the request's bearer token. Only the first
// Authorization header counts, as with API Gateway's identity source.
func (g *Gateway) authorize(r *http.Request) (auth.Claims, error) {
	token, err := auth.BearerToken(r.Header.Get("Authorization"))
	if err != nil {
		return nil, err
	}
	return g.verifier.Verify(token)
}

// Event builds the HTTP API event API Gateway would send for r.
func Event(r *http.Request, routeKey string, params map[string]string, body []byte) events.APIGatewayV2HTTPRequest {
	now := time.Now()
	headers := map[string]string{}
	for k, vs := range r.Header {
		headers[strings.ToLower(k)] = strings.Join(vs, ",")
	}
	if r.Host != "" {
		headers["host"] = r.Host
	}
	query := map[string]string{}
	for k, vs := range r.URL.Query() {
		query[k] = strings.Join(vs, ",")
	}
	ev := events.APIGatewayV2HTTPRequest{
		Version:               "2.0",
		RouteKey:              routeKey,
		RawPath:               r.URL.EscapedPath(),
		RawQueryString:        r.URL.RawQuery,
		Cookies:               cookies(r),
		Headers:               headers,
		QueryStringParameters: query,
		PathParameters:        params,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey:   routeKey,
			AccountID:  "local",
			Stage:      "$default",
			RequestID:  requestID(),
			APIID:      "local",
			DomainName: r.Host,
			Time:       now.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch:  now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method: r.Method, Path: r.URL.Path, Protocol: r.Proto, SourceIP: sourceIP(r), UserAgent: r.UserAgent(),
			},
		},
	}
	// API Gateway passes text bodies as they are and base64-encodes the rest.
	if utf8.Valid(body) {
		ev.Body = string(body)
	} else {
		ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	}
	return ev
}

func cookies(r *http.Request) []string {
	var out []string
	for _, c := range r.Cookies() {
		out = append(out, c.Name+"="+c.Value)
	}
	return out
}

func sourceIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// match finds the route for method and the escaped path.
func (g *Gateway) match(method, path string) (*Route, map[string]string) {
	for i := range g.routes {
		rt := &g.routes[i]
		if rt.Method != method {
			continue
		}
		if params, ok := Match(rt.Path, path); ok {
			return rt, params
		}
	}
	return nil, nil
}

// Match matches an escaped request path against a route pattern in API
// Gateway's syntax ({name} takes one segment, a last {name+} the rest) and
// returns the decoded path parameters.
func Match(pattern, escapedPath string) (map[string]string, bool) {
	return matchPath(strings.Split(strings.Trim(pattern, "/"), "/"), strings.Split(strings.Trim(escapedPath, "/"), "/"))
}

func matchPath(pattern, segs []string) (map[string]string, bool) {
	params := map[string]string{}
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "+}") {
			if i >= len(segs) {
				return nil, false
			}
			rest, err := url.PathUnescape(strings.Join(segs[i:], "/"))
			if err != nil || rest == "" {
				return nil, false
			}
			params[p[1:len(p)-2]] = rest
			return params, true
		}
		if i >= len(segs) {
			return nil, false
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			params[p[1:len(p)-1]] = v
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, len(pattern) == len(segs)
}

// write sends a handler's response as API Gateway would.
func write(w http.ResponseWriter, resp events.APIGatewayV2HTTPResponse) {
	h := w.Header()
	for k, v := range resp.Headers {
		h.Set(k, v)
	}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	for _, c := range resp.Cookies {
		h.Add("Set-Cookie", c)
	}
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		var err error
		if body, err = base64.StdEncoding.DecodeString(resp.Body); err != nil {
			writeJSON(w, http.StatusBadGateway, `{"message":"Internal Server Error"}`)
			return
		}
	}
	status := resp.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// refuse answers a request the gateway itself turns away, after reading
// what is left of its body (up to maxDrainBytes) so that the client, which
// may still be sending, sees the answer rather than a reset connection.
func refuse(w http.ResponseWriter, r *http.Request, status int, body string) {
	n, _ := io.Copy(io.Discard, io.LimitReader(r.Body, maxDrainBytes+1))
	if n > maxDrainBytes {
		w.Header().Set("Connection", "close")
	}
	writeJSON(w, status, body)
}

// writeJSON writes one of the gateway's own answers, with the headers every
// response of the stack carries.
func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}
