package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
)

// Headers every response carries.
var baseHeaders = map[string]string{
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy":        "no-referrer",
}

// ContentSecurityPolicy allows only this origin's own scripts, styles and
// requests: no inline script, no framing, no plug-ins.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

func headers(contentType string, extra ...string) map[string]string {
	h := make(map[string]string, len(baseHeaders)+1+len(extra)/2)
	for k, v := range baseHeaders {
		h[k] = v
	}
	h["Content-Type"] = contentType
	for i := 0; i+1 < len(extra); i += 2 {
		h[extra[i]] = extra[i+1]
	}
	return h
}

// jsonResponse answers v as JSON with Chinese text unescaped.
func jsonResponse(status int, v any, extra ...string) Response {
	body, err := marshal(v)
	if err != nil {
		return Response{StatusCode: 500, Headers: headers("text/plain; charset=utf-8"), Body: "internal error"}
	}
	return Response{StatusCode: status, Headers: headers("application/json; charset=utf-8", extra...), Body: string(body)}
}

// marshal encodes v without encoding/json's HTML escaping: JSON responses are
// never HTML, and Chinese text and <, >, & stay readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// errorBody is what every failed request answers: a stable code, a safe
// Chinese message, and the request ID to quote to support.
type errorBody struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"requestId"`
	} `json:"error"`
}

func problem(req Request, status int, code, message string, extra ...string) Response {
	var b errorBody
	b.Error.Code, b.Error.Message, b.Error.RequestID = code, message, req.RequestContext.RequestID
	return jsonResponse(status, b, extra...)
}

func htmlResponse(status int, body string) Response {
	return Response{StatusCode: status, Body: body, Headers: headers("text/html; charset=utf-8",
		"Content-Security-Policy", ContentSecurityPolicy, "Cache-Control", "no-cache")}
}

func binaryResponse(contentType string, body []byte, extra ...string) Response {
	return Response{StatusCode: 200, Headers: headers(contentType, extra...),
		Body: base64.StdEncoding.EncodeToString(body), IsBase64Encoded: true}
}

func redirect(location string) Response {
	return Response{StatusCode: 302, Headers: headers("text/plain; charset=utf-8", "Location", location, "Cache-Control", "no-store")}
}

func retryAfter(seconds int) []string { return []string{"Retry-After", strconv.Itoa(seconds)} }
