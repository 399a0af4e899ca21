package api

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
)

const (
	seedCode    = "11410303MB0000001X" // testdata/seed-2020.json
	exampleCode = "11330500MB1D58273F" // testdata/example-2021.json
)

// withClaims is req as API Gateway passes it after its JWT authorizer
// verified a token with these claims.
func withClaims(req Request, claims map[string]string) Request {
	req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims}}
	return req
}

func agency(code string) map[string]string {
	return map[string]string{"sub": "uploader", "creditCode": code, "scope": "nianbao/reports.write"}
}

var admin = map[string]string{"sub": "ops", "scope": "openid " + auth.AdminScope}

// writeStack is the upload and archive handlers as deployed (claims
// required) and in open mode, over one store.
type writeStack struct {
	upload, openUpload, archive, openArchive HandlerFunc
	reg                                      *registry.Service
}

func newWriteStack(t *testing.T) writeStack {
	t.Helper()
	st := newFS(t)
	reg := newRegistry(t, st)
	arch := archive.New(reg, st, "测试办公室")
	return writeStack{
		upload: NewUpload(reg, ingest.Importer{}, quiet), openUpload: NewUpload(reg, ingest.Importer{}, quiet, OpenWrites()),
		archive: NewArchive(arch, syncStarter{arch}, quiet), openArchive: NewArchive(arch, syncStarter{arch}, quiet, OpenWrites()),
		reg: reg,
	}
}

func TestWriteAuthorization(t *testing.T) {
	seed, example := readTestdata(t, "seed-2020.json"), readTestdata(t, "example-2021.json")
	badCode := bytes.Replace(seed, []byte(seedCode), []byte("11410303MB0000001Y"), 1)
	post := func(path string, body []byte, ct string) Request {
		return event("POST", path, body, "Content-Type", ct)
	}
	tests := []struct {
		name     string
		h        func(writeStack) HandlerFunc
		req      Request
		want     int
		contains string
	}{
		{"no claims", func(s writeStack) HandlerFunc { return s.upload }, post("/reports", seed, jsonType), 401, `"code":"unauthorized"`},
		{"no claims comes before the media type", func(s writeStack) HandlerFunc { return s.upload }, post("/reports", seed, "text/plain"), 401, `"code":"unauthorized"`},
		{"empty claims", func(s writeStack) HandlerFunc { return s.upload }, withClaims(post("/reports", seed, jsonType), map[string]string{}), 401, `"code":"unauthorized"`},
		{"own agency", func(s writeStack) HandlerFunc { return s.upload }, withClaims(post("/reports", seed, jsonType), agency(seedCode)), 201, seedCode},
		{"own agency, code in lower case, Cognito claim", func(s writeStack) HandlerFunc { return s.upload },
			withClaims(post("/reports", seed, jsonType), map[string]string{"custom:creditCode": strings.ToLower(seedCode)}), 201, seedCode},
		{"another agency", func(s writeStack) HandlerFunc { return s.upload }, withClaims(post("/reports", example, jsonType), agency(seedCode)), 403, exampleCode},
		{"no agency in the token", func(s writeStack) HandlerFunc { return s.upload }, withClaims(post("/reports", seed, jsonType), map[string]string{"sub": "x"}), 403, `"code":"forbidden"`},
		{"admin files any agency's", func(s writeStack) HandlerFunc { return s.upload }, withClaims(post("/reports", example, jsonType), admin), 201, exampleCode},
		{"invalid credit code goes to validation", func(s writeStack) HandlerFunc { return s.upload }, withClaims(post("/reports", badCode, jsonType), agency(seedCode)), 422, "credit-code"},
		{"malformed JSON with claims", func(s writeStack) HandlerFunc { return s.upload }, withClaims(post("/reports", []byte(`{"agency":`), jsonType), agency(seedCode)), 400, "malformed-json"},
		{"validate is public", func(s writeStack) HandlerFunc { return s.upload }, post("/reports/validate", seed, jsonType), 200, `"valid":true`},
		{"open mode without claims", func(s writeStack) HandlerFunc { return s.openUpload }, post("/reports", seed, jsonType), 201, seedCode},
		{"open mode still enforces claims", func(s writeStack) HandlerFunc { return s.openUpload }, withClaims(post("/reports", example, jsonType), agency(seedCode)), 403, `"code":"forbidden"`},

		{"archive: no claims", func(s writeStack) HandlerFunc { return s.archive }, post("/archives/2020", nil, ""), 401, `"code":"unauthorized"`},
		{"archive: agency", func(s writeStack) HandlerFunc { return s.archive }, withClaims(post("/archives/2020", nil, ""), agency(seedCode)), 403, auth.AdminScope},
		{"archive: admin", func(s writeStack) HandlerFunc { return s.archive }, withClaims(post("/archives/2020", nil, ""), admin), 202, `"year":2020`},
		{"archive: admin in route scopes", func(s writeStack) HandlerFunc { return s.archive }, func() Request {
			r := withClaims(post("/archives/2020", nil, ""), map[string]string{"sub": "ops"})
			r.RequestContext.Authorizer.JWT.Scopes = []string{auth.AdminScope}
			return r
		}(), 202, `"year":2020`},
		{"archive: open mode", func(s writeStack) HandlerFunc { return s.openArchive }, post("/archives/2020", nil, ""), 202, `"year":2020`},
		{"archive: status is public", func(s writeStack) HandlerFunc { return s.archive }, event("GET", "/archives/2020", nil), 404, "not-found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newWriteStack(t)
			resp := call(t, tt.h(s), tt.req)
			if resp.StatusCode != tt.want || !strings.Contains(resp.Body, tt.contains) {
				t.Fatalf("%s %s with claims %v = %d %.300s; want %d containing %q", tt.req.RequestContext.HTTP.Method, tt.req.RawPath,
					claimsOf(tt.req), resp.StatusCode, resp.Body, tt.want, tt.contains)
			}
			if resp.StatusCode == 401 && resp.Headers["WWW-Authenticate"] != "Bearer" {
				t.Errorf("401 without WWW-Authenticate: Bearer: headers %v", resp.Headers)
			}
			if resp.StatusCode >= 400 && tt.req.RawPath == "/reports" {
				page, err := s.reg.List(context.Background(), registry.Filter{})
				if err != nil || len(page.Items) != 0 {
					t.Errorf("a refused upload left %d reports (%v)", len(page.Items), err)
				}
			}
		})
	}
}

func claimsOf(req Request) map[string]string {
	if a := req.RequestContext.Authorizer; a != nil && a.JWT != nil {
		return a.JWT.Claims
	}
	return nil
}
