//go:build integration

package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
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

// TestLoad: 8 clients upload for a minute (NIANBAO_LOAD_SECONDS) through the
// local stack into versitygw — mixed agencies, repeated content, several
// clients racing on the same agency and year. Every request must succeed,
// every acknowledged version must be stored, and each agency must end with
// exactly one latest version that records them all.
func TestLoad(t *testing.T) {
	seconds := 60
	if v, err := strconv.Atoi(os.Getenv("NIANBAO_LOAD_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	doc := testkit.Testdata(t, "example-2021.json")
	rnd, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := s3test.Start(t, s3test.Versitygw)
	st, err := s3store.New(srv.Config(), s3store.Options{Bucket: srv.NewBucket(t), UsePathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.New(st, rnd)
	log := testkit.QuietLog()
	// Who may write is tested in hostile/; here writes are open.
	ts := httptest.NewServer(gateway.New(localstack.Mount(map[api.Function]api.HandlerFunc{api.Upload: api.NewUpload(reg, ingest.Importer{}, log, api.OpenWrites())})))
	defer ts.Close()

	const clients, agencies, versions = 8, 4, 50 // 200 distinct documents, most sent many times
	type ack struct {
		agency int
		id     string
	}
	var (
		mu        sync.Mutex
		acked     = map[ack]bool{}
		latencies []time.Duration
		failures  []string
		statuses  = map[int]int{}
	)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	client := &http.Client{Timeout: time.Minute}
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for time.Now().Before(deadline) {
				agency, version := rng.IntN(agencies), rng.IntN(versions)
				body := reporttest.Variant(doc, agency, version)
				start := time.Now()
				resp, err := client.Post(ts.URL+"/reports", "application/json", bytes.NewReader(body))
				var receipt struct {
					ID string `json:"id"`
				}
				if err == nil {
					err = json.NewDecoder(resp.Body).Decode(&receipt)
					resp.Body.Close()
				}
				mu.Lock()
				switch {
				case err != nil:
					failures = append(failures, err.Error())
				case resp.StatusCode != 200 && resp.StatusCode != 201:
					failures = append(failures, resp.Status)
				default:
					acked[ack{agency, receipt.ID}] = true
					latencies = append(latencies, time.Since(start))
				}
				if resp != nil {
					statuses[resp.StatusCode]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d failed requests, e.g. %v", len(failures), failures[:min(5, len(failures))])
	}
	slices.Sort(latencies)
	n := len(latencies)
	if n == 0 {
		t.Fatal("no request succeeded")
	}

	lost := 0
	for a := range agencies {
		page, err := reg.List(context.Background(), registry.Filter{Year: 2023, CreditCode: reporttest.CreditCode(a)})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 1 {
			t.Errorf("agency %d: %d current reports listed, want exactly 1", a, len(page.Items))
			continue
		}
		want := 0
		for k := range acked {
			if k.agency == a {
				want++
				if _, err := reg.Manifest(context.Background(), k.id); err != nil {
					lost++
					t.Errorf("acknowledged %s is not stored: %v", k.id, err)
				}
			}
		}
		if page.Items[0].Versions != want {
			t.Errorf("agency %d: latest records %d versions, %d were acknowledged", a, page.Items[0].Versions, want)
		}
	}
	t.Logf("load: %d clients, %d s, %d requests (statuses %v), %d failed, %d distinct versions acknowledged, %d lost; %.1f uploads/s; p50 %v, p99 %v",
		clients, seconds, n+len(failures), statuses, len(failures), len(acked), lost,
		float64(n)/float64(seconds), latencies[n/2].Round(time.Millisecond), latencies[n*99/100].Round(time.Millisecond))
}
