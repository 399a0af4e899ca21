package api

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/template"
)

func TestTemplateRoute(t *testing.T) {
	s, again := newStack(t, nil), newStack(t, nil)
	readers := map[string]func(context.Context, []byte, source.Limits) (*source.Document, error){"xlsx": xlsx.Read, "docx": docx.Read}
	for _, v := range report.Versions {
		for ext, contentType := range templateTypes {
			file := string(v) + "." + ext
			t.Run(file, func(t *testing.T) {
				resp := call(t, s.office, event("GET", "/templates/"+file, nil))
				if resp.StatusCode != 200 || !resp.IsBase64Encoded || resp.Headers["Content-Type"] != contentType {
					t.Fatalf("status %d, base64 %v, Content-Type %q; want 200, a binary %s", resp.StatusCode, resp.IsBase64Encoded, resp.Headers["Content-Type"], contentType)
				}
				data, err := base64.StdEncoding.DecodeString(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := readers[ext](context.Background(), data, source.DefaultLimits)
				if err != nil {
					t.Fatalf("the template does not read back: %v", err)
				}
				if got, ok := template.Version(doc.Meta); !ok || got != v {
					t.Errorf("the template declares version %q, want %s", got, v)
				}
				etag := resp.Headers["ETag"]
				if !strings.HasPrefix(etag, `"`) || len(etag) != 34 || resp.Headers["Cache-Control"] != templateMaxAge {
					t.Errorf("ETag %q, Cache-Control %q", etag, resp.Headers["Cache-Control"])
				}
				// 政府信息公开… as RFC 5987 writes it, ending in the kind.
				if cd := resp.Headers["Content-Disposition"]; cd != store.ContentDisposition(template.FileName(v, ext)) ||
					!strings.Contains(cd, "filename*=UTF-8''%E6%94%BF%E5%BA%9C") || !strings.HasSuffix(cd, "."+ext) {
					t.Errorf("Content-Disposition %q, want the template's Chinese name %s", cd, template.FileName(v, ext))
				}
				// Another process builds the same bytes: the ETag holds across instances.
				other := call(t, again.office, event("GET", "/templates/"+file, nil))
				if other.Body != resp.Body || other.Headers["ETag"] != etag {
					t.Error("two instances serve different bytes")
				}
				for _, inm := range []string{etag, "W/" + etag, `"x", ` + etag, "*"} {
					r := call(t, s.office, event("GET", "/templates/"+file, nil, "If-None-Match", inm))
					if r.StatusCode != 304 || r.Body != "" || r.Headers["ETag"] != etag {
						t.Errorf("If-None-Match %s: status %d, body %d bytes; want 304 without a body", inm, r.StatusCode, len(r.Body))
					}
				}
				if r := call(t, s.office, event("GET", "/templates/"+file, nil, "If-None-Match", `"stale"`)); r.StatusCode != 200 {
					t.Errorf("a stale ETag got %d, want 200", r.StatusCode)
				}
			})
		}
	}
}

func TestTemplateRouteRefusesOtherNames(t *testing.T) {
	s := newStack(t, nil)
	for _, file := range []string{"2021.pdf", "2020.xlsx", "2021", "2021.xlsx.zip", ".xlsx", "2019-TRIAL.docx", "..%2F2021.xlsx", "2021.XLSX", ""} {
		resp := call(t, s.office, event("GET", "/templates/"+file, nil))
		if file == "" {
			resp = call(t, s.office, func() Request {
				r := event("GET", "/templates/x", nil)
				r.PathParameters["file"] = ""
				return r
			}())
		}
		if resp.StatusCode != 404 || !strings.Contains(resp.Body, "2019-trial.xlsx、2019-trial.docx、2021.xlsx、2021.docx") {
			t.Errorf("%q: status %d %s; want 404 naming the templates", file, resp.StatusCode, resp.Body)
		}
	}
}
