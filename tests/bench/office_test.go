//go:build integration

package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
	"github.com/nianbao/nianbao/shared/workbook"
)

// officeAgencies is how many agencies the office benchmarks file and list
// (NIANBAO_BENCH_OFFICE_N overrides it).
func officeAgencies() int {
	if n, err := strconv.Atoi(os.Getenv("NIANBAO_BENCH_OFFICE_N")); err == nil && n > 0 {
		return n
	}
	return 5000
}

// officeStore is a store with a year of n agencies filed and on the roster.
type officeStore interface {
	api.Store
	store.Store
	Delete(ctx context.Context, key string) error
}

// BenchmarkOffice times the supervising office's heavy routes for a year
// of n agencies (5,000: a province), each with its 2023 report filed
// through registry.Submit — validation, canonical JSON, manifest last, the
// latest pointer — with a stand-in PDF (no route here reads the PDF), and
// all of them on the roster in 50 regions:
//
//	dashboard  GET /dashboard/2023 as a browser asks for it (HTML, every agency)
//	summary    POST /summaries/2023 over every member (region 浙江省)
//	export     GET /exports/2023.xlsx for every agency
//
// Summary and export run cold (every report read: the first request after a
// deployment) and warm (the members cache in the bucket holds every
// version: later requests, which fetch only reports filed since),
// on the filesystem store, MinIO and versitygw, through the handlers the
// functions run, reading the year's catalog (its first read, the catalog's
// build from every latest.json, is timed apart: entries-first-read). It
// reports the time per request and the peak of the Go heap during it
// (sampled every 2 ms).
func BenchmarkOffice(b *testing.B) {
	n := officeAgencies()
	stores := []struct {
		name string
		open func(b *testing.B) officeStore
	}{
		{"fs", func(b *testing.B) officeStore {
			st, err := fsstore.New(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			return st
		}},
	}
	for _, kind := range s3test.Kinds {
		stores = append(stores, struct {
			name string
			open func(b *testing.B) officeStore
		}{string(kind), func(b *testing.B) officeStore {
			srv := s3test.Start(b, kind)
			st, err := s3store.New(srv.Config(), s3store.Options{Bucket: srv.NewBucket(b), UsePathStyle: true})
			if err != nil {
				b.Fatal(err)
			}
			return st
		}})
	}
	for _, s := range stores {
		st := s.open(b)
		seedOffice(b, st, n)
		reg := registry.New(st, newStandIn())
		log := slog.New(slog.DiscardHandler)
		b.Run(fmt.Sprintf("%s/entries-first-read/agencies=%d", s.name, n), func(b *testing.B) {
			if es, err := members.NewRegistry(reg).Entries(context.Background(), 2023); err != nil || len(es) != n {
				b.Fatalf("entries: %d, %v", len(es), err)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds()), "ms/request")
		})
		cat := members.NewRegistry(reg)
		index := api.NewIndex(reg, api.Supervision{Store: st, Catalog: cat}, log)
		office := api.NewOffice(reg, api.Supervision{Store: st, Catalog: cat, Files: workbook.Files{}}, log, api.OpenWrites())
		summaryBody := `{"agency":{"name":"浙江省人民政府","creditCode":"` + reporttest.CreditCode(99_999) + `"},"region":"浙江省"}`
		dashboardReq := officeEvent("GET", "/dashboard/{year}", map[string]string{"year": "2023"}, "", "text/html")
		summaryReq := officeEvent("POST", "/summaries/{year}", map[string]string{"year": "2023"}, summaryBody, "application/json")
		exportReq := officeEvent("GET", "/exports/{file}", map[string]string{"file": "2023.xlsx"}, "", "*/*")
		for _, op := range []struct {
			name string
			h    api.HandlerFunc
			req  api.Request
			want int
			cold bool // without the members cache: every report read
		}{
			{"dashboard", index, dashboardReq, 200, false},
			{"summary-cold", office, summaryReq, 200, true},
			{"summary", office, summaryReq, 200, false},
			{"export-cold", office, exportReq, exportStatus(s.name), true},
			{"export", office, exportReq, exportStatus(s.name), false},
		} {
			b.Run(fmt.Sprintf("%s/%s/agencies=%d", s.name, op.name, n), func(b *testing.B) {
				var peak uint64
				var bytes int
				for b.Loop() {
					b.StopTimer()
					if op.cold {
						if err := st.Delete(context.Background(), "cache/2023/members.json.gz"); err != nil && !errors.Is(err, store.ErrNotFound) {
							b.Fatal(err)
						}
					}
					runtime.GC()
					stop := samplePeak(&peak)
					b.StartTimer()
					resp, err := op.h(context.Background(), op.req)
					b.StopTimer()
					stop()
					if err != nil || resp.StatusCode != op.want {
						b.Fatalf("%s: %v %d %.300s", op.name, err, resp.StatusCode, resp.Body)
					}
					bytes = len(resp.Body)
					b.StartTimer()
				}
				b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/request")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				b.ReportMetric(float64(bytes)/(1<<10), "response-KiB")
			})
		}
	}
}

// exportStatus: the filesystem store answers the workbook itself; S3 puts it
// in the bucket and redirects to a presigned URL.
func exportStatus(store string) int {
	if store == "fs" {
		return 200
	}
	return 302
}

// seedOffice files n agencies' 2023 reports and the roster listing them.
func seedOffice(b *testing.B, st officeStore, n int) {
	start := time.Now()
	fill(b, st, n)
	ros := &roster.Roster{Year: 2023}
	for i := range n {
		ros.Agencies = append(ros.Agencies, roster.Agency{Name: "测试机关" + strconv.Itoa(i), CreditCode: reporttest.CreditCode(i),
			Region: fmt.Sprintf("浙江省第%02d市", i%50), Category: []roster.Category{roster.Department, roster.Government}[i%2]})
	}
	if _, err := roster.Save(context.Background(), st, ros, "", time.Now()); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d agencies in %v", n, time.Since(start).Round(time.Second))
}

// samplePeak records the peak of the Go heap (objects, unused spans and
// stacks) every 2 ms until stop is called.
func samplePeak(peak *uint64) (stop func()) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/stacks:bytes"}}
	var done atomic.Bool
	finished := make(chan struct{})
	read := func() {
		metrics.Read(samples)
		var sum uint64
		for _, s := range samples {
			sum += s.Value.Uint64()
		}
		*peak = max(*peak, sum)
	}
	go func() {
		defer close(finished)
		for !done.Load() {
			read()
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return func() {
		done.Store(true)
		<-finished
		read()
	}
}

func officeEvent(method, route string, params map[string]string, body, accept string) api.Request {
	path := route
	for k, v := range params {
		path = replaceParam(path, k, v)
	}
	return api.Request{Version: "2.0", RouteKey: method + " " + route, RawPath: path, Body: body,
		Headers:        map[string]string{"accept": accept, "content-type": "application/json"},
		PathParameters: params,
		RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "bench", RouteKey: method + " " + route,
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: path}},
	}
}

func replaceParam(path, k, v string) string {
	for i := 0; i+len(k)+2 <= len(path); i++ {
		if path[i:i+len(k)+2] == "{"+k+"}" {
			return path[:i] + v + path[i+len(k)+2:]
		}
	}
	return path
}
