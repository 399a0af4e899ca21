package api

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
)

// syncStarter runs the archive at once, so that tests see the result; like
// an asynchronous start, a failed run shows in the status, not here.
type syncStarter struct{ a *archive.Archiver }

func (s syncStarter) Start(ctx context.Context, year int) error {
	_, _ = s.a.Run(ctx, year, nil)
	return nil
}

func newArchiveStack(t *testing.T) (HandlerFunc, func(context.Context, json.RawMessage) (any, error), HandlerFunc) {
	t.Helper()
	st := newFS(t)
	reg := newRegistry(t, st)
	arch := archive.New(reg, st, "测试办公室")
	return NewArchive(arch, syncStarter{arch}, quiet, OpenWrites()), NewArchiveFunction(arch, syncStarter{arch}, quiet), NewUpload(reg, ingest.Importer{}, quiet, OpenWrites())
}

func TestArchiveRoutes(t *testing.T) {
	h, _, upload := newArchiveStack(t)
	call(t, upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType))
	steps := []struct {
		req      Request
		want     int
		contains string
	}{
		{event("GET", "/archives/2020", nil), 404, "not-found"},
		{event("POST", "/archives/1999", nil), 400, "bad-request"},
		{event("POST", "/archives/20x0", nil), 400, "bad-request"},
		{event("POST", "/archives/2020", nil), 202, `"state":"queued"`},
		{event("GET", "/archives/2020", nil), 200, `"state":"done"`},
		{event("POST", "/archives/2021", nil), 202, `"state":"queued"`},
		{event("GET", "/archives/2021", nil), 200, `"state":"failed"`},
	}
	for _, s := range steps {
		resp := call(t, h, s.req)
		if resp.StatusCode != s.want || !contains(resp.Body, s.contains) {
			t.Errorf("%s %s = %d %s; want %d containing %s", s.req.RequestContext.HTTP.Method, s.req.RawPath, resp.StatusCode, resp.Body, s.want, s.contains)
		}
	}
}

func TestArchiveFunctionEvents(t *testing.T) {
	_, fn, upload := newArchiveStack(t)
	call(t, upload, event("POST", "/reports", readTestdata(t, "seed-2020.json"), "Content-Type", jsonType))
	ctx := context.Background()
	out, err := fn(ctx, json.RawMessage(`{"source":"nianbao.archive","year":2020}`))
	if st, ok := out.(archive.Status); err != nil || !ok || st.State != archive.Done || st.Reports != 1 {
		t.Errorf("run event = %+v, %v", out, err)
	}
	httpEvent, _ := json.Marshal(event("GET", "/archives/2020", nil))
	out, err = fn(ctx, httpEvent)
	if resp, ok := out.(Response); err != nil || !ok || resp.StatusCode != 200 {
		t.Errorf("HTTP event = %+v, %v", out, err)
	}
	if _, err := fn(ctx, json.RawMessage(`{"source":"elsewhere"}`)); err == nil {
		t.Error("an unknown event was accepted")
	}
	if _, err := fn(ctx, json.RawMessage(`not json`)); err == nil {
		t.Error("an unreadable event was accepted")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// The hourly schedule checks last year's and this year's catalogs: a lost
// catalog is rebuilt.
func TestCatalogCheckEvent(t *testing.T) {
	st := newFS(t)
	reg := newRegistry(t, st)
	arch := archive.New(reg, st, "测试办公室")
	fn, upload := NewArchiveFunction(arch, syncStarter{arch}, quiet), NewUpload(reg, ingest.Importer{}, quiet, OpenWrites())
	year := time.Now().Year() - 1
	doc := bytes.Replace(readTestdata(t, "example-2021.json"), []byte(`"reportYear": 2023`), []byte(`"reportYear": `+strconv.Itoa(year)), 1)
	if resp := call(t, upload, event("POST", "/reports", doc, "Content-Type", jsonType)); resp.StatusCode != 201 {
		t.Fatalf("upload for %d: %d %s", year, resp.StatusCode, resp.Body)
	}
	ctx := context.Background()
	infos, err := st.List(ctx, "catalog/", "", 100)
	if err != nil || len(infos) == 0 {
		t.Fatalf("the upload made no catalog: %v", err)
	}
	for _, in := range infos {
		if err := st.Delete(ctx, in.Key); err != nil {
			t.Fatal(err)
		}
	}
	out, err := fn(ctx, json.RawMessage(`{"source":"nianbao.schedule","action":"catalog-check"}`))
	reps, ok := out.([]registry.ReconcileReport)
	if err != nil || !ok || len(reps) != 2 || reps[0].Year != year || !reps[0].Rebuilt || reps[0].Agencies != 1 {
		t.Fatalf("catalog-check event = %+v, %v; want last year's catalog rebuilt with one agency", out, err)
	}
	if infos, err := st.List(ctx, "catalog/"+strconv.Itoa(year)+"/", "", 100); err != nil || len(infos) != registry.Shards {
		t.Errorf("after the check the catalog has %d objects (%v), want %d", len(infos), err, registry.Shards)
	}
}
