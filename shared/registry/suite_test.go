package registry

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
)

var sharedRenderer = sync.OnceValues(render.New)

func newService(t testing.TB, s store.Store) *Service {
	t.Helper()
	r, err := sharedRenderer()
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 1, 20, 9, 30, 0, 0, time.UTC)
	return New(s, r).WithClock(func() time.Time { return clock })
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// variant returns the 2021 example with a different figure in its prose, so
// that each n gives a distinct valid version for the same agency and year.
func variant(t testing.TB, n int) []byte {
	t.Helper()
	return reporttest.Variant(readTestdata(t, "example-2021.json"), -1, n)
}

// runSuite checks the registry's guarantees on any store: the unit tests run
// it on fsstore, the integration tests on MinIO and versitygw.
func runSuite(t *testing.T, newStore func(t *testing.T) store.Store) {
	ctx := context.Background()

	t.Run("submit files every object and is idempotent", func(t *testing.T) {
		st := newStore(t)
		svc := newService(t, st)
		seed := readTestdata(t, "seed-2020.json")
		first, err := svc.Submit(ctx, seed)
		if err != nil {
			t.Fatal(err)
		}
		canonical := readTestdata(t, "golden/seed-2020.canonical.json")
		sum := sha256.Sum256(canonical)
		if want := "2020-11410303MB0000001X-" + hex.EncodeToString(sum[:]); first.ID != want || !first.Created {
			t.Errorf("receipt %+v, want id %s, created", first, want)
		}
		if len(first.Warnings) != 4 {
			t.Errorf("receipt has %d warnings, want the seed's 4", len(first.Warnings))
		}
		again, err := svc.Submit(ctx, seed)
		if err != nil || again.ID != first.ID || again.Created {
			t.Errorf("second submit = %+v, %v; want the same id, not created", again, err)
		}
		m, err := svc.Manifest(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range []string{FileJSON, FilePDF, FileFindings} {
			rc, info, err := st.Get(ctx, mustID(t, first.ID).key(file))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			got := sha256.Sum256(data)
			if f := m.Files[file]; f.SHA256 != hex.EncodeToString(got[:]) || f.Size != int64(len(data)) || f.SHA256 != info.SHA256 {
				t.Errorf("manifest records %s as %+v; stored %d bytes with sha256 %x", file, f, len(data), got)
			}
		}
		rc, _, err := svc.Open(ctx, first.ID, FileJSON)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if got, _ := io.ReadAll(rc); !bytes.Equal(got, canonical) {
			t.Errorf("report.json is not the canonical JSON")
		}
	})

	t.Run("invalid report stores nothing", func(t *testing.T) {
		st := newStore(t)
		svc := newService(t, st)
		_, err := svc.Submit(ctx, readTestdata(t, "fixtures/H1.json"))
		var inv *InvalidError
		if !errors.As(err, &inv) || !errors.Is(err, ErrInvalid) || !report.HasErrors(inv.Findings) {
			t.Fatalf("Submit(H1 fixture) error %v, want an *InvalidError with findings", err)
		}
		if keys := allKeys(t, st); len(keys) != 0 {
			t.Errorf("an invalid report left %v", keys)
		}
	})

	t.Run("a version is invisible until its manifest is written", func(t *testing.T) {
		st := newStore(t)
		failing := &failManifest{Store: st}
		svc := newService(t, failing)
		if _, err := svc.Submit(ctx, readTestdata(t, "seed-2020.json")); !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("Submit with a failing manifest write: %v, want ErrUnavailable", err)
		}
		page, err := svc.List(ctx, Filter{Year: 2020})
		if err != nil || len(page.Items) != 0 {
			t.Fatalf("List after a failed submit = %+v, %v; want nothing", page, err)
		}
		receipt, err := newService(t, st).Submit(ctx, readTestdata(t, "seed-2020.json"))
		if err != nil || !receipt.Created {
			t.Fatalf("retry = %+v, %v; want it filed", receipt, err)
		}
		if page, _ := svc.List(ctx, Filter{Year: 2020}); len(page.Items) != 1 || page.Items[0].ID != receipt.ID {
			t.Errorf("List after the retry = %+v, want the report", page)
		}
	})

	t.Run("concurrent versions leave exactly one latest and lose none", func(t *testing.T) {
		st := newStore(t)
		svc := newService(t, st)
		const writers = 20
		ids := make([]string, writers)
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for i := range writers {
			wg.Go(func() {
				r, err := svc.Submit(ctx, variant(t, i))
				if err != nil {
					errs <- err
					return
				}
				ids[i] = r.ID
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		l, _, err := svc.readLatest(ctx, 2023, "11330500MB1D58273F")
		if err != nil {
			t.Fatal(err)
		}
		var history []string
		for _, h := range l.History {
			history = append(history, h.ID)
		}
		slices.Sort(history)
		slices.Sort(ids)
		if !slices.Equal(history, ids) || !slices.Contains(ids, l.Current.ID) {
			t.Errorf("latest holds %d versions (current %s), want all %d acknowledged ones", len(history), l.Current.ID, writers)
		}
		for _, id := range ids {
			if _, err := svc.Manifest(ctx, id); err != nil {
				t.Errorf("acknowledged version %s: %v", id, err)
			}
		}
		page, err := svc.List(ctx, Filter{Year: 2023})
		if err != nil || len(page.Items) != 1 || page.Items[0].Versions != writers {
			t.Errorf("List = %+v, %v; want one report with %d versions", page, err, writers)
		}
	})

	t.Run("agencies filing at once into a new year are all listed", func(t *testing.T) {
		svc := newService(t, newStore(t))
		const agencies = 64
		ids := make([]string, agencies)
		var wg sync.WaitGroup
		for i := range agencies {
			wg.Go(func() {
				r, err := svc.Submit(ctx, reporttest.Variant(readTestdata(t, "example-2021.json"), i, 0))
				if err != nil {
					t.Errorf("agency %d: %v", i, err)
				}
				ids[i] = r.ID
			})
		}
		wg.Wait()
		var listed []string
		f := Filter{Year: 2023, Limit: MaxPageSize}
		for {
			page, err := svc.List(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range page.Items {
				listed = append(listed, it.ID)
			}
			if f.Token = page.Next; f.Token == "" {
				break
			}
		}
		slices.Sort(ids)
		slices.Sort(listed)
		if !slices.Equal(listed, ids) {
			t.Errorf("%d agencies acknowledged, %d listed", len(ids), len(listed))
		}
	})

	t.Run("list filters and pages", func(t *testing.T) {
		st := newStore(t)
		svc := newService(t, st)
		for _, name := range []string{"seed-2020.json", "example-2021.json", "fixtures/S1-previous.json"} {
			if _, err := svc.Submit(ctx, readTestdata(t, name)); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		tests := []struct {
			f    Filter
			want []int // years, in order
		}{
			{Filter{}, []int{2020, 2022, 2023}},
			{Filter{Year: 2023}, []int{2023}},
			{Filter{CreditCode: "11330500MB1D58273F"}, []int{2022, 2023}},
			{Filter{Query: "教育体育"}, []int{2020}},
			{Filter{Query: "不存在的机关"}, nil},
		}
		for _, tt := range tests {
			page, err := svc.List(ctx, tt.f)
			if err != nil {
				t.Fatalf("List(%+v): %v", tt.f, err)
			}
			var years []int
			for _, it := range page.Items {
				years = append(years, it.Year)
			}
			if !slices.Equal(years, tt.want) {
				t.Errorf("List(%+v) years %v, want %v", tt.f, years, tt.want)
			}
		}
		var years []int
		f := Filter{Limit: 1}
		for range 5 {
			page, err := svc.List(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range page.Items {
				years = append(years, it.Year)
			}
			if page.Next == "" {
				break
			}
			f.Token = page.Next
		}
		if !slices.Equal(years, []int{2020, 2022, 2023}) {
			t.Errorf("paging one by one gave %v", years)
		}
	})

	t.Run("the previous year's stored report feeds S1", func(t *testing.T) {
		svc := newService(t, newStore(t))
		if _, err := svc.Submit(ctx, readTestdata(t, "fixtures/S1-previous.json")); err != nil {
			t.Fatal(err)
		}
		r, err := svc.Submit(ctx, readTestdata(t, "example-2021.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(r.Warnings, func(f report.Finding) bool { return f.Rule == "S1" }) {
			t.Errorf("warnings %+v lack S1 against the stored 2022 report", r.Warnings)
		}
	})
}

func mustID(t testing.TB, s string) ID {
	t.Helper()
	id, err := ParseID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func allKeys(t *testing.T, st store.Store) []string {
	t.Helper()
	infos, err := st.List(context.Background(), "reports/", "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, in := range infos {
		keys = append(keys, in.Key)
	}
	return keys
}

// failManifest fails every manifest write, as a store that dies at the worst moment.
type failManifest struct{ store.Store }

func (f *failManifest) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if strings.HasSuffix(key, "/"+fileManifest) {
		return store.Info{}, fmt.Errorf("put %s: %w", key, store.ErrUnavailable)
	}
	return f.Store.Put(ctx, key, body, opts)
}
