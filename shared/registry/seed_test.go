package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
)

// seedYear fills st with a year of agencies × versions in the registry's
// layout, without rendering: each version's report.json, report.pdf,
// findings.json and manifest (small bodies, the manifest recording their
// real sizes and SHA-256), each agency's latest.json made by nextLatest
// exactly as filings make it, then the catalog by Rebuild, the migration
// path. Listing costs depend on the number of objects and on the catalog,
// not on the files' sizes, so small bodies keep a 60 000-object year to a
// minute of writes. It returns the IDs of the current versions.
func seedYear(tb testing.TB, st store.Store, year, agencies, versions int) []string {
	tb.Helper()
	ctx := context.Background()
	svc := New(st, nil)
	validated := time.Date(year+1, 1, 20, 9, 0, 0, 0, time.UTC)
	current := make([]string, agencies)
	work := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range work {
				id, err := svc.seedAgency(ctx, year, i, versions, validated)
				if err != nil {
					select {
					case errs <- fmt.Errorf("agency %d: %w", i, err):
					default:
					}
					continue
				}
				current[i] = id
			}
		})
	}
	for i := range agencies {
		work <- i
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		tb.Fatal(err)
	default:
	}
	rep, err := svc.Rebuild(ctx, year)
	if err != nil || rep.Agencies != agencies {
		tb.Fatalf("seed %d: rebuild = %+v, %v", year, rep, err)
	}
	return current
}

func (s *Service) seedAgency(ctx context.Context, year, n, versions int, validated time.Time) (string, error) {
	cc := reporttest.CreditCode(n)
	var l *latest
	for v := range versions {
		doc := fmt.Appendf(nil, `{"agency":{"creditCode":%q,"name":%q},"reportYear":%d,"version":%d}`, cc, agencyName(n), year, v)
		sum := sha256.Sum256(doc)
		id := ID{Year: year, CreditCode: cc, SHA256: hex.EncodeToString(sum[:])}
		m := Manifest{ID: id.String(), Year: year, CreditCode: cc, AgencyName: agencyName(n), Region: "浙江省湖州市",
			Title: agencyName(n) + fmt.Sprint(year) + "年政府信息公开工作年度报告", FormatVersion: report.Format2021, SHA256: id.SHA256,
			ValidatedAt: validated.Add(time.Duration(n*versions+v) * time.Second), Warnings: n % 5, RendererVersion: "seed",
			Files: map[string]FileInfo{}}
		for _, f := range []struct {
			name string
			body []byte
		}{{FileJSON, doc}, {FilePDF, []byte("%PDF-1.7\n% seed\n%%EOF\n")}, {FileFindings, []byte("[]\n")}} {
			info, err := s.store.Put(ctx, id.key(f.name), f.body, store.PutOptions{ContentType: contentTypeJSON})
			if err != nil {
				return "", err
			}
			m.Files[f.name] = FileInfo{Size: info.Size, SHA256: info.SHA256, ContentType: contentTypeJSON}
		}
		body, err := marshal(m)
		if err != nil {
			return "", err
		}
		if _, err := s.store.Put(ctx, id.key(fileManifest), body, store.PutOptions{ContentType: contentTypeJSON}); err != nil {
			return "", err
		}
		if l, err = s.nextLatest(ctx, l, m, true); err != nil {
			return "", err
		}
	}
	body, err := marshal(l)
	if err != nil {
		return "", err
	}
	_, err = s.store.Put(ctx, latestKey(year, cc), body, store.PutOptions{ContentType: contentTypeJSON})
	return l.Current.ID, err
}

// The seeded layout is the registry's own: every current version reads back
// and lists, and the scheduled check finds nothing to repair.
func TestSeedYearIsTheRegistryLayout(t *testing.T) {
	st := fsStore(t)
	current := seedYear(t, st, 2024, 20, 3)
	svc := New(st, nil)
	ctx := context.Background()
	items := listAll(t, svc, Filter{Year: 2024, Limit: 7})
	if len(items) != 20 {
		t.Fatalf("listed %d, want 20", len(items))
	}
	for _, it := range items {
		if it.Versions != 3 {
			t.Errorf("%s: %d versions, want 3", it.CreditCode, it.Versions)
		}
	}
	for _, id := range current {
		checkFiles(t, svc, id)
	}
	rep, err := svc.Reconcile(ctx, 2024)
	if err != nil || len(rep.Repaired)+len(rep.Dropped)+len(rep.Orphans)+rep.Pending+len(rep.Unreadable) != 0 || rep.Agencies != 20 {
		t.Errorf("Reconcile of a seeded year = %+v, %v; want nothing to do", rep, err)
	}
}
