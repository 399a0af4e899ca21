package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The shape API Gateway sends for an HTTP API with payload format 2.0
// (fields it omits when empty are omitempty here too).
type httpEvent struct {
	Version               string            `json:"version"`
	RouteKey              string            `json:"routeKey"`
	RawPath               string            `json:"rawPath"`
	RawQueryString        string            `json:"rawQueryString"`
	Headers               map[string]string `json:"headers"`
	QueryStringParameters map[string]string `json:"queryStringParameters,omitempty"`
	PathParameters        map[string]string `json:"pathParameters,omitempty"`
	RequestContext        requestContext    `json:"requestContext"`
	Body                  string            `json:"body,omitempty"`
	IsBase64Encoded       bool              `json:"isBase64Encoded"`
}

type requestContext struct {
	AccountID    string      `json:"accountId"`
	APIID        string      `json:"apiId"`
	Authorizer   *authorizer `json:"authorizer,omitempty"`
	DomainName   string      `json:"domainName"`
	DomainPrefix string      `json:"domainPrefix"`
	HTTP         httpInfo    `json:"http"`
	RequestID    string      `json:"requestId"`
	RouteKey     string      `json:"routeKey"`
	Stage        string      `json:"stage"`
	Time         string      `json:"time"`
	TimeEpoch    int64       `json:"timeEpoch"`
}

type authorizer struct {
	JWT jwtInfo `json:"jwt"`
}

// jwtInfo carries the claims the JWT authorizer verified. API Gateway
// passes every claim as a string and scopes only when the route requires
// some, which ours do not.
type jwtInfo struct {
	Claims map[string]string `json:"claims"`
	Scopes []string          `json:"scopes"`
}

type httpInfo struct {
	Method    string `json:"method"`
	Path      string `json:"path"`
	Protocol  string `json:"protocol"`
	SourceIP  string `json:"sourceIp"`
	UserAgent string `json:"userAgent"`
}

// A deployment in Beijing (cn-north-1), as the events would show it.
const (
	accountID = "123456789012"
	apiID     = "a1b2c3d4e5"
	region    = "cn-north-1"
	sourceIP  = "203.0.113.24" // TEST-NET-3
	userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
	issuer    = "https://login.example.gov.cn/nianbao"
	audience  = "nianbao"
)

// request describes one event to generate.
type request struct {
	method, route string            // route as in the template, e.g. "/reports/{id}"
	pathParams    map[string]string // values for the route's {params}
	query         [][2]string       // in order
	contentType   string
	body          []byte
	base64        bool
	claims        map[string]string // nil: route without authorizer
	at            time.Time         // when the request arrives
}

func (r request) event(name string) httpEvent {
	path := r.route
	for k, v := range r.pathParams {
		path = strings.Replace(path, "{"+k+"}", v, 1)
	}
	routeKey := r.method + " " + r.route
	domain := apiID + ".execute-api." + region + ".amazonaws.com.cn"
	id := requestID(name)
	headers := map[string]string{
		"accept":            "application/json",
		"accept-encoding":   "gzip, deflate, br",
		"host":              domain,
		"user-agent":        userAgent,
		"x-amzn-trace-id":   traceID(name, r.at),
		"x-forwarded-for":   sourceIP,
		"x-forwarded-port":  "443",
		"x-forwarded-proto": "https",
	}
	if r.method == "GET" {
		headers["accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	}
	if r.body != nil {
		headers["content-type"] = r.contentType
		headers["content-length"] = strconv.Itoa(len(r.body))
	}
	ev := httpEvent{
		Version:        "2.0",
		RouteKey:       routeKey,
		RawPath:        path,
		Headers:        headers,
		PathParameters: r.pathParams,
		RequestContext: requestContext{
			AccountID:    accountID,
			APIID:        apiID,
			DomainName:   domain,
			DomainPrefix: apiID,
			HTTP: httpInfo{
				Method:    r.method,
				Path:      path,
				Protocol:  "HTTP/1.1",
				SourceIP:  sourceIP,
				UserAgent: userAgent,
			},
			RequestID: id,
			RouteKey:  routeKey,
			Stage:     "$default",
			Time:      r.at.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch: r.at.UnixMilli(),
		},
	}
	if len(r.query) > 0 {
		ev.QueryStringParameters = map[string]string{}
		var raw []string
		for _, kv := range r.query {
			ev.QueryStringParameters[kv[0]] = kv[1]
			raw = append(raw, kv[0]+"="+kv[1])
		}
		ev.RawQueryString = strings.Join(raw, "&")
	}
	if r.claims != nil {
		headers["authorization"] = "Bearer " + token(r.claims)
		ev.RequestContext.Authorizer = &authorizer{JWT: jwtInfo{Claims: r.claims}}
	}
	if r.base64 {
		ev.Body = base64.StdEncoding.EncodeToString(r.body)
		ev.IsBase64Encoded = true
	} else {
		ev.Body = string(r.body)
	}
	return ev
}

// claims returns the verified claims of an agency's uploader, issued at t.
func claims(creditCode string, t time.Time) map[string]string {
	return map[string]string{
		"iss":        issuer,
		"aud":        audience,
		"sub":        "uploader-" + strings.ToLower(creditCode),
		"creditCode": creditCode,
		"scope":      "nianbao/reports.write",
		"iat":        strconv.FormatInt(t.Add(-10*time.Minute).Unix(), 10),
		"exp":        strconv.FormatInt(t.Add(50*time.Minute).Unix(), 10),
	}
}

// adminClaims returns the verified claims of the supervising office's
// administrator, who may archive a year and file for any agency.
func adminClaims(t time.Time) map[string]string {
	c := claims("", t)
	delete(c, "creditCode")
	c["sub"] = "archivist"
	c["scope"] = "nianbao/admin"
	return c
}

// token renders claims as a JWT. The signature is a placeholder: on AWS
// the authorizer has verified it before the function runs.
func token(claims map[string]string) string {
	enc := base64.RawURLEncoding.EncodeToString
	header := `{"alg":"RS256","kid":"nianbao-test","typ":"JWT"}`
	keys := make([]string, 0, len(claims))
	for k := range claims {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	payload := map[string]any{}
	for _, k := range keys {
		if n, err := strconv.ParseInt(claims[k], 10, 64); err == nil && (k == "iat" || k == "exp") {
			payload[k] = n
		} else {
			payload[k] = claims[k]
		}
	}
	p, _ := json.Marshal(payload) // a map of strings and ints always marshals
	return enc([]byte(header)) + "." + enc(p) + "." + enc([]byte("not-a-real-signature"))
}

// requestID and traceID derive stable, realistic-looking identifiers from
// the event's name, so regenerating changes nothing.
func requestID(name string) string {
	sum := sha256.Sum256([]byte("request:" + name))
	return base64.RawURLEncoding.EncodeToString(sum[:10])[:14] + "="
}

func traceID(name string, t time.Time) string {
	sum := sha256.Sum256([]byte("trace:" + name))
	return fmt.Sprintf("Root=1-%08x-%s", t.Unix(), hex.EncodeToString(sum[:12]))
}
