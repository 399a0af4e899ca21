package hostile

import (
	"context"
	"encoding/json"
	"mime"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/workbook"
)

// fuzzRegistry is a registry over a fresh filesystem store.
func fuzzRegistry(f *testing.F) *registry.Service {
	reg, _ := fuzzStore(f)
	return reg
}

// fuzzStore is fuzzRegistry with its store, for handlers that keep more
// than reports in the bucket (rosters).
func fuzzStore(f *testing.F) (*registry.Service, *fsstore.Store) {
	f.Helper()
	st, err := fsstore.New(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	rnd, err := render.New()
	if err != nil {
		f.Fatal(err)
	}
	return registry.New(st, rnd), st
}

// addEvents seeds the corpus with the committed API Gateway events.
func addEvents(f *testing.F) {
	f.Helper()
	paths, err := filepath.Glob(testkit.Path(f, "testdata", "events", "*.json"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no committed events in testdata/events (%v)", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// Types the handlers may answer with; errors are always JSON.
var (
	pageTypes = []string{"application/json", "text/html"}
	fileTypes = []string{"application/atom+xml", "application/pdf", "application/schema+json", "text/css", "text/javascript", "text/plain",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
	quietLog   = testkit.QuietLog()
	fuzzStatus = func(s int) bool { return s >= 200 && s <= 499 || s == 503 }
)

// checkResponse holds every answer to the fuzzer's events to the contract:
// no failure to Lambda, a status in 200–499 or 503, a known content type,
// JSON for errors.
func checkResponse(t *testing.T, event []byte, resp api.Response, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("handler returned an error to Lambda: %v\nevent: %.300s", err, event)
	}
	if !fuzzStatus(resp.StatusCode) {
		t.Fatalf("status %d %.200s\nevent: %.300s", resp.StatusCode, resp.Body, event)
	}
	mt, _, _ := mime.ParseMediaType(resp.Headers["Content-Type"])
	switch {
	case resp.StatusCode >= 400 && mt != "application/json":
		t.Fatalf("error %d as %q, want JSON\nevent: %.300s", resp.StatusCode, mt, event)
	case !slices.Contains(pageTypes, mt) && !slices.Contains(fileTypes, mt):
		t.Fatalf("status %d with Content-Type %q\nevent: %.300s", resp.StatusCode, resp.Headers["Content-Type"], event)
	}
}

func FuzzUpload(f *testing.F) {
	h := api.NewUpload(fuzzRegistry(f), ingest.Importer{}, quietLog) // as deployed: claims required
	addEvents(f)
	f.Fuzz(func(t *testing.T, event []byte) {
		var req events.APIGatewayV2HTTPRequest
		if json.Unmarshal(event, &req) != nil {
			return
		}
		resp, err := h(context.Background(), req)
		checkResponse(t, event, resp, err)
	})
}

func FuzzIndex(f *testing.F) {
	reg, st := fuzzStore(f)
	seed := testkit.Testdata(f, "seed-2020.json")
	if _, err := reg.Submit(context.Background(), seed); err != nil {
		f.Fatalf("file the seed so that report routes find something: %v", err)
	}
	h := api.NewIndex(reg, api.Supervision{Store: st}, quietLog)
	addEvents(f)
	f.Fuzz(func(t *testing.T, event []byte) {
		var req events.APIGatewayV2HTTPRequest
		if json.Unmarshal(event, &req) != nil {
			return
		}
		resp, err := h(context.Background(), req)
		checkResponse(t, event, resp, err)
	})
}

func FuzzOffice(f *testing.F) {
	reg, st := fuzzStore(f)
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-2020.json"))
	if err != nil {
		f.Fatal(err)
	}
	if _, err := reg.Submit(context.Background(), seed); err != nil {
		f.Fatalf("file the seed so that the summary, statistics and export find something: %v", err)
	}
	h := api.NewOffice(reg, api.Supervision{Store: st, Files: workbook.Files{}}, quietLog) // as deployed: claims required
	addEvents(f)
	f.Fuzz(func(t *testing.T, event []byte) {
		var req events.APIGatewayV2HTTPRequest
		if json.Unmarshal(event, &req) != nil {
			return
		}
		resp, err := h(context.Background(), req)
		checkResponse(t, event, resp, err)
	})
}
