//go:build integration

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/inbox/inboxtest"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/localstack/stacktest"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
	"github.com/nianbao/nianbao/shared/testkit"
)

// TestOfficeYearFromPublishedFolder: a supervising office goes from a
// folder of last year's published pages and PDFs — with its agencies file,
// a page whose agency is missing from it, a text that is no report and a
// broken PDF — to a filed year in MinIO and versitygw, a review list for
// the rest, a person completing one from the list, and the year's bag with
// every original, which nianbao verify passes.
func TestOfficeYearFromPublishedFolder(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			cfg := srv.Config()
			creds, err := cfg.Credentials.Retrieve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range map[string]string{
				config.EnvStore: "s3", config.EnvBucket: srv.NewBucket(t), "AWS_ENDPOINT_URL_S3": *cfg.BaseEndpoint, config.EnvPathStyle: "true",
				"AWS_ACCESS_KEY_ID": creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY": creds.SecretAccessKey, "AWS_REGION": cfg.Region, config.EnvLogLevel: "error",
			} {
				t.Setenv(k, v)
			}
			batch := inboxtest.Write(t, t.TempDir(), stacktest.Renderer(t), inboxtest.Options{N: 12, Unlisted: 5, Junk: 6})
			if err := os.WriteFile(filepath.Join(batch.Dir, "损坏.pdf"), []byte("%PDF-1.7\n1 0 obj <<"), 0o644); err != nil {
				t.Fatal(err)
			}
			year := "2023"
			code, out, errOut := runCLI(t, "import", "--file", "--year", year, "--agencies", batch.Agencies, batch.Dir)
			if code != exitFindings {
				t.Fatalf("import --file: exit %d\n%s%s", code, out, errOut)
			}
			// 12 documents: 2 junk (refused), 2 of the rest unlisted (review), 8 filed; and the broken PDF.
			for _, want := range []string{"13 个文件", "已归档      8", "待人工处理  2", "无法导入    3"} {
				if !strings.Contains(out, want) {
					t.Errorf("summary lacks %q:\n%s", want, out)
				}
			}

			// The review list, as the index function serves it.
			a, err := app.Open(context.Background(), os.Getenv, stacktest.WithRenderer(t))
			if err != nil {
				t.Fatal(err)
			}
			q := imports.New(a.Store)
			index := api.NewIndex(a.Registry, api.Supervision{Store: a.Store, Imports: q}, testkit.QuietLog())
			resp, err := index(context.Background(), getRequest("/imports/"+year, map[string]string{"year": year}))
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("GET /imports/%s: %d %s %v", year, resp.StatusCode, resp.Body, err)
			}
			var listing imports.Listing
			if err := json.Unmarshal([]byte(resp.Body), &listing); err != nil {
				t.Fatal(err)
			}
			if listing.Counts[imports.Filed] != 8 || listing.Counts[imports.Review] != 2 || listing.Counts[imports.Refused] != 3 {
				t.Fatalf("the year's imports: %v", listing.Counts)
			}

			// A person opens the first waiting draft, adds the credit code the
			// office looked up, and files it from the form.
			var waiting imports.Summary
			for _, e := range listing.Entries {
				if e.State == imports.Review {
					waiting = e
					break
				}
			}
			entry, _, err := q.Get(context.Background(), 2023, waiting.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			draft, _ := report.Decode(entry.Report)
			var file inboxtest.File
			for _, f := range batch.Files {
				if f.Agency == draft.Agency.Name {
					file = f
				}
			}
			draft.Agency.CreditCode, draft.Agency.Region = file.CreditCode, inboxtest.Region
			upload := api.NewUpload(a.Registry, ingest.Importer{}, testkit.QuietLog(), api.OpenWrites(), api.ImportQueue(q))
			post := postRequest("/reports", "import=2023/"+waiting.SHA256, draft.Canonical())
			if resp, err := upload(context.Background(), post); err != nil || resp.StatusCode != 201 {
				t.Fatalf("filing the completed draft: %d %s %v", resp.StatusCode, resp.Body, err)
			}

			bagPath := filepath.Join(t.TempDir(), "2023.zip")
			if code, out, errOut := runCLI(t, "archive", "--year", year, "-o", bagPath); code != exitOK || !strings.Contains(out, "9 份年报") {
				t.Fatalf("archive: exit %d %s %s", code, out, errOut)
			}
			if code, out, _ := runCLI(t, "verify", bagPath); code != exitOK || !strings.Contains(out, "完好（37 个文件") {
				t.Errorf("verify: exit %d %s; want 9 reports × (PDF, JSON, findings, original) and index.csv", code, out)
			}
			zr, err := zip.OpenReader(bagPath)
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			originals := 0
			for _, f := range zr.File {
				if strings.Contains(f.Name, "/source.") {
					originals++
				}
				if strings.HasSuffix(f.Name, "/data/index.csv") {
					rc, _ := f.Open()
					var b bytes.Buffer
					b.ReadFrom(rc)
					rc.Close()
					if strings.Count(b.String(), ",source.") != 9 {
						t.Errorf("index.csv names %d originals, want 9:\n%s", strings.Count(b.String(), ",source."), b.String())
					}
				}
			}
			if originals != 9 {
				t.Errorf("the bag holds %d originals, want 9", originals)
			}
		})
	}
}

func getRequest(path string, params map[string]string) api.Request {
	var r api.Request
	r.RawPath, r.PathParameters = path, params
	r.RouteKey = "GET /imports/{year}"
	r.RequestContext.RouteKey, r.RequestContext.HTTP.Method, r.RequestContext.HTTP.Path = r.RouteKey, "GET", path
	r.Headers = map[string]string{"accept": "application/json"}
	return r
}

func postRequest(path, query string, body []byte) api.Request {
	var r api.Request
	r.RawPath, r.RawQueryString, r.Body = path, query, string(body)
	r.RouteKey = "POST " + path
	r.RequestContext.RouteKey, r.RequestContext.HTTP.Method, r.RequestContext.HTTP.Path = r.RouteKey, "POST", path
	r.Headers = map[string]string{"content-type": "application/json"}
	return r
}
