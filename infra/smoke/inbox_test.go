//go:build integration

package smoke

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nianbao/nianbao/infra/rie/rietest"
	"github.com/nianbao/nianbao/shared/bag"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
	"github.com/nianbao/nianbao/shared/testkit"
)

// inboxBucket is the bucket the committed S3 events name.
const inboxBucket = "nianbao-reports"

// putAnnounced puts the document an S3 event announces at the event's key,
// as the office's upload does before S3 sends the event.
func putAnnounced(t *testing.T, st store.Store, event, doc string) []byte {
	t.Helper()
	raw := readEvent(t, event)
	var ev struct {
		Records []struct {
			S3 struct {
				Object struct {
					Key string `json:"key"`
				} `json:"object"`
			} `json:"s3"`
		} `json:"Records"`
	}
	if err := json.Unmarshal(raw, &ev); err != nil || len(ev.Records) != 1 {
		t.Fatalf("%s: %v", event, err)
	}
	key, err := url.QueryUnescape(ev.Records[0].S3.Object.Key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(context.Background(), key, testkit.Testdata(t, "events/"+doc), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestInboxUnderEmulator runs the import function as S3 starts it on AWS,
// with the committed S3 events and without REPORTS_BUCKET (the events name
// the bucket): a published page of an agency on the roster is filed, one
// on no list waits in the review queue the index function lists, the
// agencies file that names it files it, and the year's bag holds both
// originals and verifies.
func TestInboxUnderEmulator(t *testing.T) {
	bins := map[string]string{}
	for _, fn := range []string{"import", "index", "archive", "office"} {
		bins[fn] = rietest.Build(t, "github.com/nianbao/nianbao/functions/"+fn)
	}
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			ctx := context.Background()
			srv := s3test.Start(t, kind)
			if _, err := srv.Client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: strPtr(inboxBucket)}); err != nil {
				t.Fatal(err)
			}
			cfg := srv.Config()
			creds, err := cfg.Credentials.Retrieve(ctx)
			if err != nil {
				t.Fatal(err)
			}
			env := map[string]string{
				"NIANBAO_STORE": "s3", "REPORTS_BUCKET": inboxBucket, "AWS_ENDPOINT_URL_S3": *cfg.BaseEndpoint, "S3_FORCE_PATH_STYLE": "true",
				"AWS_ACCESS_KEY_ID": creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY": creds.SecretAccessKey,
				"AWS_REGION": cfg.Region, "LOG_LEVEL": "warn",
			}
			importEnv := map[string]string{}
			for k, v := range env {
				importEnv[k] = v
			}
			importEnv["REPORTS_BUCKET"] = "" // as template.yaml deploys it
			imp := rietest.Start(t, bins["import"], importEnv)
			index := rietest.Start(t, bins["index"], env)
			archive := rietest.Start(t, bins["archive"], env)
			office := rietest.Start(t, bins["office"], env)
			st, err := s3store.New(cfg, s3store.Options{Bucket: inboxBucket, UsePathStyle: true})
			if err != nil {
				t.Fatal(err)
			}
			if resp := invokeHTTP(t, office, "office-roster-put.json"); resp.StatusCode != 200 {
				t.Fatalf("roster: %d %s", resp.StatusCode, resp.Body)
			}
			for _, s := range []struct{ event, doc, want string }{
				{"import-put-page.json", "import-page.html", `"state":"filed","import":"2020/`},
				{"import-put-review-page.json", "import-review-page.html", `"state":"review"`},
				{"import-put-page.json", "import-page.html", `"state":"filed"`}, // delivered twice: the same entry
			} {
				out, err := imp.Invoke(ctx, putAnnounced(t, st, s.event, s.doc))
				if err != nil || !strings.Contains(string(out), s.want) {
					t.Errorf("%s: %s, %v; want %s\n%s", s.event, out, err, s.want, imp.Logs())
				}
			}
			for _, s := range []struct {
				event    string
				want     int
				contains string
			}{
				{"index-imports.json", 200, "在表单中打开"},
				{"index-import.json", 200, `"state":"review"`},
				{"index-import-source.json", 302, ""},
			} {
				resp := invokeHTTP(t, index, s.event)
				if resp.StatusCode != s.want || !strings.Contains(resp.Body, s.contains) {
					t.Errorf("%s: %d %.300s; want %d containing %q", s.event, resp.StatusCode, resp.Body, s.want, s.contains)
				}
				if s.want == 302 && !strings.Contains(resp.Headers["Location"], inboxBucket) {
					t.Errorf("%s: Location %q is not a presigned URL into the bucket", s.event, resp.Headers["Location"])
				}
			}
			out, err := imp.Invoke(ctx, putAnnounced(t, st, "import-put-agencies.json", "import-agencies.csv"))
			if err != nil || !strings.Contains(string(out), `"rematched":{"waiting":1,"filed":1,"review":0}`) {
				t.Errorf("the agencies file: %s, %v\n%s", out, err, imp.Logs())
			}

			out, err = archive.Invoke(ctx, []byte(`{"source":"nianbao.archive","year":2020}`))
			if err != nil || !strings.Contains(string(out), `"state":"done"`) {
				t.Fatalf("archive run: %s, %v\n%s", out, err, archive.Logs())
			}
			var status struct{ Key string }
			if err := json.Unmarshal(out, &status); err != nil {
				t.Fatal(err)
			}
			rc, _, err := st.Get(ctx, status.Key)
			if err != nil {
				t.Fatal(err)
			}
			zipped, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			rep, err := bag.Verify(bytes.NewReader(zipped), int64(len(zipped)))
			if err != nil || !rep.OK() || rep.PayloadFiles != 9 {
				t.Errorf("the bag: %+v, %v; want two reports with their originals and index.csv, verified", rep, err)
			}
			infos, err := st.List(ctx, "reports/", "", 1000)
			if err != nil {
				t.Fatal(err)
			}
			originals := 0
			for _, in := range infos {
				if path.Base(in.Key) == "source.html" {
					originals++
				}
			}
			if originals != 2 {
				t.Errorf("the bucket holds %d originals under reports/, want 2", originals)
			}
		})
	}
}

func strPtr(s string) *string { return &s }
