//go:build integration

package registry

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

func s3Store(t testing.TB, srv *s3test.Server) store.Store {
	t.Helper()
	s, err := s3store.New(srv.Config(), s3store.Options{Bucket: srv.NewBucket(t), UsePathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The registry's guarantees hold on real S3 servers: conditional writes,
// checksums, manifest-last visibility, 20 concurrent versions for one agency.
func TestRegistryOnS3Servers(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			runSuite(t, func(t *testing.T) store.Store { return s3Store(t, srv) })
		})
	}
}

// TestServerKilledDuringUploads stops the S3 server while uploads run: every
// upload either succeeds (and is then stored completely) or fails with
// ErrUnavailable; after a restart, retrying the failed ones converges to every
// version filed and exactly one latest.
func TestServerKilledDuringUploads(t *testing.T) {
	for _, kind := range s3test.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			srv := s3test.Start(t, kind)
			svc := newService(t, s3Store(t, srv))
			ctx := context.Background()
			const n = 12
			acked := make([]string, n)
			failed := make([]bool, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					if i == n/2 {
						srv.Stop()
					}
					r, err := svc.Submit(ctx, variant(t, i))
					switch {
					case err == nil:
						acked[i] = r.ID
					case errors.Is(err, store.ErrUnavailable):
						failed[i] = true
					default:
						t.Errorf("upload %d: %v, want success or ErrUnavailable", i, err)
					}
				})
			}
			wg.Wait()
			srv.Restart()
			for i := range n {
				if failed[i] {
					r, err := svc.Submit(ctx, variant(t, i))
					if err != nil {
						t.Fatalf("retry %d after restart: %v", i, err)
					}
					acked[i] = r.ID
				}
			}
			l, _, err := svc.readLatest(ctx, 2023, "11330500MB1D58273F")
			if err != nil {
				t.Fatal(err)
			}
			if len(l.History) != n {
				t.Errorf("latest records %d versions, want %d", len(l.History), n)
			}
			// Whatever died half-way, a version is visible only with all its files.
			infos, err := svc.store.List(ctx, "reports/", "", 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range infos {
				if !strings.HasSuffix(in.Key, "/"+fileManifest) {
					continue
				}
				id := strings.Split(in.Key, "/")
				m, err := svc.Manifest(ctx, id[1]+"-"+id[2]+"-"+id[3])
				if err != nil {
					t.Errorf("%s: %v", in.Key, err)
					continue
				}
				for file, f := range m.Files {
					if info, err := svc.store.Head(ctx, mustID(t, m.ID).key(file)); err != nil || info.SHA256 != f.SHA256 {
						t.Errorf("visible version %s lacks a good %s: %v", m.ID, file, err)
					}
				}
			}
			for _, id := range acked {
				m, err := svc.Manifest(ctx, id)
				if err != nil {
					t.Errorf("acknowledged %s: %v", id, err)
					continue
				}
				for _, file := range []string{FileJSON, FilePDF, FileFindings} {
					info, err := svc.store.Head(ctx, mustID(t, id).key(file))
					if err != nil || info.SHA256 != m.Files[file].SHA256 {
						t.Errorf("%s/%s: %v, sha %s want %s", id, file, err, info.SHA256, m.Files[file].SHA256)
					}
				}
			}
		})
	}
}
