package api

import (
	"encoding/base64"
	"mime"
	"strings"

	"github.com/nianbao/nianbao/shared/report"
)

// header returns a request header; API Gateway lower-cases header names.
func header(req Request, name string) string {
	if v, ok := req.Headers[strings.ToLower(name)]; ok {
		return v
	}
	for k, v := range req.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// jsonBody returns the request's JSON document, or the response that refuses
// it: 415 for another media type, 413 beyond the document cap, 400 for a
// broken base64 body.
func jsonBody(req Request) ([]byte, *Response) {
	mt, params, err := mime.ParseMediaType(header(req, "Content-Type"))
	if err != nil || mt != "application/json" || (params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8")) {
		r := problem(req, 415, "unsupported-media-type", "请以 Content-Type: application/json（UTF-8）提交年报 JSON")
		return nil, &r
	}
	body := req.Body
	if len(body) > base64.StdEncoding.EncodedLen(report.MaxDocumentBytes) {
		r := tooLarge(req)
		return nil, &r
	}
	data := []byte(body)
	if req.IsBase64Encoded {
		data, err = base64.StdEncoding.DecodeString(body)
		if err != nil {
			r := problem(req, 400, "bad-encoding", "请求体的 base64 编码无效")
			return nil, &r
		}
	}
	if len(data) > report.MaxDocumentBytes {
		r := tooLarge(req)
		return nil, &r
	}
	return data, nil
}

func tooLarge(req Request) Response {
	return problem(req, 413, "too-large", "年报 JSON 不能超过 1 MiB")
}
