package registry

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
)

// benchYear is the year the benchmarks seed.
const benchYear = 2025

// yearShape is one seeded year: agencies × versions.
type yearShape struct{ agencies, versions int }

// catalogShapes are the years BenchmarkCatalog lists: flat from 500 to 5 000
// agencies and from 1 to 10 versions is the target. NIANBAO_BENCH_SHAPES
// ("5000x10,500x1") chooses others.
func catalogShapes(b *testing.B) []yearShape {
	spec := os.Getenv("NIANBAO_BENCH_SHAPES")
	if spec == "" {
		spec = "500x1,500x10,5000x1,5000x3"
	}
	var out []yearShape
	for f := range strings.SplitSeq(spec, ",") {
		a, v, _ := strings.Cut(f, "x")
		na, err1 := strconv.Atoi(a)
		nv, err2 := strconv.Atoi(v)
		if err1 != nil || err2 != nil || na < 1 || nv < 1 {
			b.Fatalf("NIANBAO_BENCH_SHAPES: bad shape %q", f)
		}
		out = append(out, yearShape{na, nv})
	}
	return out
}

// benchCatalog seeds each shape into a fresh store and measures, server
// side: the first page of GET /reports?year=Y&limit=50 warm (a Service that
// has listed before: one store listing of the shards), a page in the middle
// by its token, and the whole year's catalog read cold (a new Service, every
// shard fetched and decoded). On the last shape it then compares shard
// counts (benchShards) and files 64 agencies at once (benchFilings).
func benchCatalog(b *testing.B, newStore func(b *testing.B) store.Store) {
	ctx := context.Background()
	shapes := catalogShapes(b)
	for n, shape := range shapes {
		st := newStore(b)
		start := time.Now()
		seedYear(b, st, benchYear, shape.agencies, shape.versions)
		objects := shape.agencies * (4*shape.versions + 1)
		b.Logf("seeded %d agencies × %d versions (%d objects) in %v", shape.agencies, shape.versions, objects, time.Since(start).Round(time.Millisecond))
		name := fmt.Sprintf("agencies=%d/versions=%d", shape.agencies, shape.versions)
		warm := New(st, nil)
		first, err := warm.List(ctx, Filter{Year: benchYear, Limit: 50})
		if err != nil || len(first.Items) != 50 {
			b.Fatalf("first page: %d items, %v", len(first.Items), err)
		}
		middle := Filter{Year: benchYear, Limit: 50, Token: encodeToken(position{benchYear, reporttest.CreditCode(shape.agencies / 2)})}
		b.Run(name+"/list-first-page-warm", func(b *testing.B) {
			for b.Loop() {
				if _, err := warm.List(ctx, Filter{Year: benchYear, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(objects), "objects")
		})
		b.Run(name+"/list-middle-page-warm", func(b *testing.B) {
			for b.Loop() {
				if p, err := warm.List(ctx, middle); err != nil || len(p.Items) == 0 {
					b.Fatal(len(p.Items), err)
				}
			}
		})
		b.Run(name+"/read-year-cold", func(b *testing.B) {
			for b.Loop() {
				c, err := New(st, nil).Catalog(ctx, benchYear)
				if err != nil || len(c.Items) != shape.agencies {
					b.Fatalf("catalog: %d items, %v", len(c.Items), err)
				}
			}
		})
		if n == len(shapes)-1 {
			benchShards(b, name, st, shape.agencies)
			b.Run(name+"/file-64-at-once/renderer=stand-in", func(b *testing.B) { benchFilings(b, st, standIn{}) })
			rnd, err := render.New()
			if err != nil {
				b.Fatal(err)
			}
			b.Run(name+"/file-64-at-once/renderer=real", func(b *testing.B) { benchFilings(b, st, rnd) })
		}
	}
}

// BenchmarkCatalog runs benchCatalog on fsstore; the integration build runs
// it on MinIO and versitygw (BenchmarkCatalogS3).
func BenchmarkCatalog(b *testing.B) {
	benchCatalog(b, func(b *testing.B) store.Store { return fsStore(b) })
}

// benchFilings files, per iteration, a new version for each of 64 agencies
// at once into a seeded year of 5 000 agencies, and reports the latency
// percentiles of the 64. Afterwards every acknowledged filing must be listed.
// With the stand-in renderer it measures the storage path (files, manifest,
// latest.json, catalog); with the real one, rendering on two cores dominates.
func benchFilings(b *testing.B, st store.Store, rnd Renderer) {
	const writers = 64
	ctx := context.Background()
	svc := New(st, rnd)
	var mu sync.Mutex
	var lat []time.Duration
	acked := map[string]string{} // credit code → last acknowledged ID
	round := 0
	for b.Loop() {
		round++
		var wg sync.WaitGroup
		for i := range writers {
			wg.Go(func() {
				doc := benchDoc(b, i, round)
				start := time.Now()
				r, err := svc.Submit(ctx, doc)
				d := time.Since(start)
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				lat, acked[r.CreditCode] = append(lat, d), r.ID
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(0, "ns/op")
	c, err := New(st, nil).Catalog(ctx, benchYear)
	if err != nil {
		b.Fatal(err)
	}
	listed := 0
	for _, it := range c.Items {
		if id, ok := acked[it.CreditCode]; ok {
			if it.ID != id {
				b.Errorf("%s lists %s, last acknowledged %s", it.CreditCode, it.ID, id)
			}
			listed++
		}
	}
	if listed != len(acked) {
		b.Errorf("%d of %d acknowledged filings listed", listed, len(acked))
	}
}

// benchDoc is the 2021 example as test agency i (of the seeded year) in
// its round-th new version.
func benchDoc(b *testing.B, i, round int) []byte {
	doc := agencyDoc(b, i, 1000+round)
	return []byte(strings.Replace(string(doc), `"reportYear": 2023`, `"reportYear": `+strconv.Itoa(benchYear), 1))
}

// casCounter counts the compare-and-swap writes to the catalog that lost
// to another writer.
type casCounter struct {
	store.Store
	writes, lost atomic.Int64
}

func (c *casCounter) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	info, err := c.Store.Put(ctx, key, body, opts)
	if strings.HasPrefix(key, "catalog/") {
		c.writes.Add(1)
		if errors.Is(err, store.ErrPreconditionFailed) {
			c.lost.Add(1)
		}
	}
	return info, err
}

// benchShards measures the catalog alone for several shard counts over the
// seeded year in st: 64 agencies updating their entries at once (the
// last-day rush: every update a compare-and-swap of its shard), and the
// whole year read cold.
func benchShards(b *testing.B, name string, st store.Store, agencies int) {
	const writers = 64
	ctx := context.Background()
	base := New(st, nil)
	var entries []entry
	for i := range writers {
		l, etag, err := base.readLatest(ctx, benchYear, reporttest.CreditCode(i*agencies/writers))
		if err != nil {
			b.Fatal(err)
		}
		entries = append(entries, l.entry(etag))
	}
	for _, shards := range []int{1, 4, 16, 64} {
		cc := &casCounter{Store: st}
		svc := New(cc, nil)
		svc.shards = shards
		if _, err := svc.Rebuild(ctx, benchYear); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%s/shards=%d/update-64-at-once", name, shards), func(b *testing.B) {
			var lat []time.Duration
			var mu sync.Mutex
			var failed atomic.Int64
			cc.writes.Store(0)
			cc.lost.Store(0)
			round := 0
			for b.Loop() {
				round++
				var wg sync.WaitGroup
				for i := range entries {
					// Another pointer object at the same Seq replaces the
					// entry (newer); the Seq is left alone so that real
					// filings afterwards still win.
					entries[i].Pointer = fmt.Sprintf(`"shards-%d-round-%d"`, shards, round)
					e := entries[i]
					wg.Go(func() {
						start := time.Now()
						err := svc.catalogUpdate(ctx, e)
						switch {
						case errors.Is(err, store.ErrUnavailable) || errors.Is(err, ErrBusy):
							// versitygw resets the connection of a swap that
							// loses with a large body; one object can also
							// outlast the attempts. Counted, not fatal: it is
							// what the comparison shows.
							failed.Add(1)
						case err != nil:
							b.Error(err)
						}
						mu.Lock()
						lat = append(lat, time.Since(start))
						mu.Unlock()
					})
				}
				wg.Wait()
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(cc.lost.Load())/float64(len(lat)), "lost-swaps/update")
			b.ReportMetric(float64(failed.Load())/float64(len(lat)), "failed/update")
			b.ReportMetric(0, "ns/op")
		})
		b.Run(fmt.Sprintf("%s/shards=%d/read-year-cold", name, shards), func(b *testing.B) {
			for b.Loop() {
				fresh := New(st, nil)
				fresh.shards = shards
				if c, err := fresh.Catalog(ctx, benchYear); err != nil || len(c.Items) != agencies {
					b.Fatalf("catalog: %d items, %v", len(c.Items), err)
				}
			}
		})
	}
}
