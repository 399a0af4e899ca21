//go:build integration

package archive

import (
	"context"
	"io"
	"path"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

// TestServerKilledDuringArchive stops the S3 server halfway through a run:
// no bag becomes visible, the status never says done, and after a restart a
// new run completes a bag that verifies. (The failed run cannot record its
// failure in a store that is down: its status stays "running" and goes stale.)
func TestServerKilledDuringArchive(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			st, err := s3store.New(srv.Config(), s3store.Options{Bucket: srv.NewBucket(t), UsePathStyle: true, MaxAttempts: 2})
			if err != nil {
				t.Fatal(err)
			}
			a, reg := filed(t, st)
			doc := readTestdata(t, "example-2021.json")
			ctx := context.Background()
			const reports = 40
			for i := range reports {
				if _, err := reg.Submit(ctx, reporttest.Variant(doc, i, 0)); err != nil {
					t.Fatal(err)
				}
			}
			var once sync.Once
			_, err = a.Run(ctx, 2023, func(done, total int) {
				if done == total/2 {
					once.Do(srv.Stop)
				}
			})
			if err == nil {
				t.Fatal("a run whose server died reported success")
			}
			srv.Restart()
			status, err := a.Status(ctx, 2023)
			if err != nil || status.State == Done {
				t.Errorf("status after the failed run = %+v, %v; want it not done", status, err)
			}
			infos, err := st.List(ctx, "archives/", "", 100)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range infos {
				if path.Ext(in.Key) == ".zip" {
					t.Errorf("the failed run left %s visible", in.Key)
				}
			}
			done, err := a.Run(ctx, 2023, nil)
			if err != nil || done.State != Done || done.Reports != reports {
				t.Fatalf("re-run = %+v, %v", done, err)
			}
			rc, _, err := st.Get(ctx, done.Key)
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			if rep := verify(t, data); !rep.OK() {
				t.Errorf("the completed bag does not verify: %v", rep.Problems)
			}
		})
	}
}
