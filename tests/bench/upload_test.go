//go:build integration

package bench

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
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

// BenchmarkUpload times POST /reports end to end — HTTP, validation,
// rendering, three PUTs and the manifest, the latest pointer — against a
// local S3 server, every request a new version, and reports p50 and p99.
func BenchmarkUpload(b *testing.B) {
	doc := testkit.Testdata(b, "example-2021.json")
	rnd, err := render.New()
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range s3test.Kinds {
		srv := s3test.Start(b, kind)
		for _, tc := range []struct{ clients, agencies int }{{1, 1}, {8, 8}, {8, 1}} {
			clients := tc.clients
			b.Run(fmt.Sprintf("%s/clients=%d/agencies=%d", kind, tc.clients, tc.agencies), func(b *testing.B) {
				st, err := s3store.New(srv.Config(), s3store.Options{Bucket: srv.NewBucket(b), UsePathStyle: true})
				if err != nil {
					b.Fatal(err)
				}
				log := testkit.QuietLog()
				h := api.NewUpload(registry.New(st, rnd), ingest.Importer{}, log, api.OpenWrites())
				ts := httptest.NewServer(gateway.New(localstack.Mount(map[api.Function]api.HandlerFunc{api.Upload: h})))
				defer ts.Close()
				runClients(b, ts.URL+"/reports", doc, clients, tc.agencies)
			})
		}
	}
}

// runClients sends b.N uploads from the given number of clients, each a new
// version; client c files for agency c mod agencies, so agencies=1 makes
// every client race on the same latest.json.
func runClients(b *testing.B, url string, doc []byte, clients, agencies int) {
	var next atomic.Int64
	latencies := make([][]time.Duration, clients)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	b.ResetTimer()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				body := reporttest.Variant(doc, c%agencies, int(i))
				start := time.Now()
				resp, err := client.Post(url, "application/json", bytes.NewReader(body))
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					b.Errorf("upload %d: status %d", i, resp.StatusCode)
					return
				}
				latencies[c] = append(latencies[c], time.Since(start))
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	all := slices.Concat(latencies...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(len(all))/b.Elapsed().Seconds(), "uploads/s")
}
