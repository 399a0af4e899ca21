//go:build integration

// Package smoke runs the built Lambda bootstraps under the Runtime Interface
// Emulator, as `sam local invoke` does, with the committed API Gateway event
// files, against MinIO and versitygw, and checks the objects in the bucket.
package smoke

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/infra/rie/rietest"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

func readEvent(t *testing.T, name string) []byte {
	t.Helper()
	data := testkit.Testdata(t, "events/"+name)
	return data
}

func invokeHTTP(t *testing.T, fn *rietest.Emulator, event string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	out, err := fn.Invoke(context.Background(), readEvent(t, event))
	if err != nil {
		t.Fatalf("%s: %v\n%s", event, err, fn.Logs())
	}
	var resp events.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("%s: response %s: %v", event, out, err)
	}
	return resp
}

func TestFunctionsUnderEmulator(t *testing.T) {
	bins := map[string]string{}
	for _, fn := range []string{"upload", "index", "archive", "office"} {
		bins[fn] = rietest.Build(t, "github.com/nianbao/nianbao/functions/"+fn)
	}
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			bucket := srv.NewBucket(t)
			cfg := srv.Config()
			creds, err := cfg.Credentials.Retrieve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			env := map[string]string{
				"NIANBAO_STORE": "s3", "REPORTS_BUCKET": bucket, "AWS_ENDPOINT_URL_S3": *cfg.BaseEndpoint, "S3_FORCE_PATH_STYLE": "true",
				"AWS_ACCESS_KEY_ID": creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY": creds.SecretAccessKey,
				"AWS_REGION": cfg.Region, "LOG_LEVEL": "warn",
			}
			upload := rietest.Start(t, bins["upload"], env)
			index := rietest.Start(t, bins["index"], env)
			archive := rietest.Start(t, bins["archive"], env)
			office := rietest.Start(t, bins["office"], env)

			steps := []struct {
				fn       *rietest.Emulator
				event    string
				want     int
				contains string
			}{
				{upload, "upload-seed.json", 201, `"id":"2020-11410303MB0000001X-`},
				{upload, "upload-seed-base64.json", 200, `"id":"2020-11410303MB0000001X-`},
				{upload, "upload-2021.json", 201, `"year":2023`},
				{upload, "validate-seed.json", 200, `"valid":true`},
				{upload, "upload-wrong-type.json", 415, "unsupported-media-type"},
				{index, "index-list.json", 200, "西工区教育体育局"},
				{index, "index-get.json", 200, "西工区教育体育局2020年政府信息公开工作年度报告"},
				{index, "index-pdf.json", 302, ""},
				{index, "index-json.json", 302, ""},
				{index, "index-schema.json", 200, "2020-12"},
				{index, "index-changes.json", 200, `"versions":[{"id":"2020-11410303MB0000001X-`},
				{index, "index-next-year.json", 200, `"year":2021`},
				{index, "index-feed.json", 200, "<feed xmlns=\"http://www.w3.org/2005/Atom\""},
				{index, "index-source.json", 404, "not-found"},
				{index, "index-root.json", 200, "<!doctype html>"},
				{archive, "archive-status.json", 404, "not-found"},
				{office, "office-roster-put.json", 200, `"agencies":3`},
				{index, "index-roster.json", 200, "西工区民政局"},
				{index, "index-dashboard.json", 200, "逾期未报"},
				{office, "office-summary.json", 200, `"summed":1,"missing":1`},
				{office, "office-stats.json", 200, "<svg"},
				{office, "office-export.json", 302, ""},
			}
			for _, s := range steps {
				resp := invokeHTTP(t, s.fn, s.event)
				if resp.StatusCode != s.want || !strings.Contains(resp.Body, s.contains) {
					t.Errorf("%s: %d %.300s; want %d containing %q", s.event, resp.StatusCode, resp.Body, s.want, s.contains)
				}
				if s.want == 302 && !strings.Contains(resp.Headers["Location"], bucket) {
					t.Errorf("%s: Location %q is not a presigned URL into the bucket", s.event, resp.Headers["Location"])
				}
			}

			out, err := archive.Invoke(context.Background(), []byte(`{"source":"nianbao.archive","year":2020}`))
			if err != nil || !strings.Contains(string(out), `"state":"done"`) {
				t.Errorf("archive run: %s, %v\n%s", out, err, archive.Logs())
			}
			if resp := invokeHTTP(t, archive, "archive-status.json"); resp.StatusCode != 200 || !strings.Contains(resp.Body, `"download":"http`) {
				t.Errorf("archive status after the run: %d %s", resp.StatusCode, resp.Body)
			}

			st, err := s3store.New(cfg, s3store.Options{Bucket: bucket, UsePathStyle: true})
			if err != nil {
				t.Fatal(err)
			}
			infos, err := st.List(context.Background(), "", "", 1000)
			if err != nil {
				t.Fatal(err)
			}
			counts := map[string]int{}
			for _, in := range infos {
				counts[filepath.Base(in.Key)]++
			}
			for name, want := range map[string]int{"manifest.json": 2, "report.pdf": 2, "report.json": 2, "findings.json": 2, "latest.json": 2, "status.json": 1,
				"roster.json": 1, "all.xlsx": 1} {
				if counts[name] != want {
					t.Errorf("bucket holds %d %s, want %d (objects: %v)", counts[name], name, want, counts)
				}
			}
		})
	}
}
