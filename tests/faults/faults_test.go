//go:build integration

package faults

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/gateway"
	"github.com/nianbao/nianbao/shared/localstack"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

type outcome struct {
	doc    []byte
	status int
	id     string
}

// TestServerKilledDuringUploads kills the S3 server at a random moment while
// 8 clients upload, several rounds, on each server. Every answer is 201/200
// or a 503 with Retry-After — never a 500 — and retrying the 503s after the
// restart converges: every acknowledged version is stored with all its files,
// no version is visible without them, and each agency has one latest that
// records every acknowledged version.
func TestServerKilledDuringUploads(t *testing.T) {
	doc := testkit.Testdata(t, "example-2021.json")
	rnd, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	const rounds, clients, perClient, agencies = 3, 8, 6, 3
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			st, err := s3store.New(srv.Config(), s3store.Options{Bucket: srv.NewBucket(t), UsePathStyle: true, MaxAttempts: 2})
			if err != nil {
				t.Fatal(err)
			}
			reg := registry.New(st, rnd)
			log := testkit.QuietLog()
			ts := httptest.NewServer(gateway.New(localstack.Mount(map[api.Function]api.HandlerFunc{api.Upload: api.NewUpload(reg, ingest.Importer{}, log, api.OpenWrites())})))
			defer ts.Close()
			rng := rand.New(rand.NewPCG(uint64(len(kind)), 11))
			statuses := map[int]int{}
			acked := map[string]int{} // id → agency
			for round := range rounds {
				var mu sync.Mutex
				var results []outcome
				var wg sync.WaitGroup
				for c := range clients {
					wg.Go(func() {
						for i := range perClient {
							body := reporttest.Variant(doc, (c+i)%agencies, round*1000+c*perClient+i)
							o := post(t, ts.URL, body)
							mu.Lock()
							results = append(results, o)
							mu.Unlock()
						}
					})
				}
				time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond) // kill at a random point of the round
				srv.Stop()
				wg.Wait()
				srv.Restart()
				for _, o := range results {
					statuses[o.status]++
					for o.status == http.StatusServiceUnavailable {
						o = post(t, ts.URL, o.doc) // the client retries, as Retry-After says
						statuses[o.status]++
					}
					if o.status != 201 && o.status != 200 {
						t.Fatalf("round %d: status %d", round, o.status)
					}
					acked[o.id] = 0
				}
			}
			checkConverged(t, reg, st, acked)
			t.Logf("%s: %d rounds × %d uploads, server killed once per round; statuses %v; %d versions acknowledged, 0 lost",
				kind, rounds, clients*perClient, statuses, len(acked))
		})
	}
}

func post(t *testing.T, url string, body []byte) outcome {
	t.Helper()
	resp, err := http.Post(url+"/reports", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the gateway itself failed: %v", err)
	}
	defer resp.Body.Close()
	var receipt struct {
		ID string `json:"id"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&receipt)
	switch resp.StatusCode {
	case 200, 201:
	case http.StatusServiceUnavailable:
		if resp.Header.Get("Retry-After") == "" {
			t.Errorf("503 without Retry-After")
		}
	default:
		t.Errorf("status %d: the store's failure leaked as something other than 503", resp.StatusCode)
	}
	return outcome{doc: body, status: resp.StatusCode, id: receipt.ID}
}

func checkConverged(t *testing.T, reg *registry.Service, st *s3store.Store, acked map[string]int) {
	t.Helper()
	ctx := context.Background()
	infos, err := st.List(ctx, "reports/", "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	visible := map[string]bool{}
	for _, in := range infos {
		if !strings.HasSuffix(in.Key, "/manifest.json") {
			continue
		}
		p := strings.Split(in.Key, "/")
		id := p[1] + "-" + p[2] + "-" + p[3]
		m, err := reg.Manifest(ctx, id)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		for file, f := range m.Files {
			if info, err := st.Head(ctx, strings.TrimSuffix(in.Key, "manifest.json")+file); err != nil || info.SHA256 != f.SHA256 {
				t.Errorf("visible %s lacks a good %s: %v", id, file, err)
			}
		}
		visible[id] = true
	}
	for id := range acked {
		if !visible[id] {
			t.Errorf("acknowledged %s is not stored", id)
		}
	}
	page, err := reg.List(ctx, registry.Filter{Year: 2023, Limit: registry.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	versions := 0
	for _, it := range page.Items {
		versions += it.Versions
	}
	if versions != len(acked) {
		t.Errorf("latest pointers record %d versions, %d were acknowledged", versions, len(acked))
	}
}
