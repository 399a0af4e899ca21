package registry

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
)

// fileAgencies files version 0 for agencies 0..n-1, a few at a time.
func fileAgencies(t testing.TB, svc *Service, from, n int) {
	t.Helper()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i := from; i < from+n; i++ {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := svc.Submit(context.Background(), agencyDoc(t, i, 0)); err != nil {
				t.Errorf("agency %d: %v", i, err)
			}
		})
	}
	wg.Wait()
}

func codes(items []Summary) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.CreditCode)
	}
	return out
}

func TestCatalogPagingIsStable(t *testing.T) {
	svc := fastService(t, fsStore(t))
	ctx := context.Background()
	fileAgencies(t, svc, 0, 60)
	want := make([]string, 60)
	for i := range want {
		want[i] = reporttest.CreditCode(i)
	}
	slices.Sort(want)

	all := listAll(t, svc, Filter{Year: 2023, Limit: 7})
	if got := codes(all); !slices.Equal(got, want) {
		t.Fatalf("paging by 7 gave %d agencies %v…, want all %d in credit-code order", len(got), got[:min(3, len(got))], len(want))
	}

	// Agencies filed between two pages neither repeat nor hide the ones
	// already known: the token is a position, not an offset.
	first, err := svc.List(ctx, Filter{Year: 2023, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	fileAgencies(t, svc, 100, 10)
	rest := listAll(t, svc, Filter{Year: 2023, Limit: 20, Token: first.Next})
	seen := map[string]bool{}
	for _, cc := range codes(append(first.Items, rest...)) {
		if seen[cc] {
			t.Errorf("%s listed twice across a filing between pages", cc)
		}
		seen[cc] = true
	}
	for _, cc := range want {
		if !seen[cc] {
			t.Errorf("%s lost across a filing between pages", cc)
		}
	}
	last := first.Items[len(first.Items)-1].CreditCode
	for _, it := range rest {
		if it.CreditCode <= last {
			t.Errorf("page after %s shows %s", last, it.CreditCode)
		}
	}
}

func TestCatalogFilters(t *testing.T) {
	svc := fastService(t, fsStore(t))
	ctx := context.Background()
	fileAgencies(t, svc, 0, 12)
	mustSubmit(t, svc, readTestdata(t, "fixtures/S1-previous.json")) // 2022, the example's own agency
	mustSubmit(t, svc, readTestdata(t, "example-2021.json"))         // 2023, the same
	tests := []struct {
		name string
		f    Filter
		want []string // "year/creditCode"
	}{
		{"by name", Filter{Year: 2023, Query: agencyName(11)}, []string{"2023/" + reporttest.CreditCode(11)}},
		{"by name, every year", Filter{Query: exampleName}, []string{"2022/" + reporttest.ExampleCreditCode, "2023/" + reporttest.ExampleCreditCode}},
		{"by agency, every year", Filter{CreditCode: reporttest.ExampleCreditCode}, []string{"2022/" + reporttest.ExampleCreditCode, "2023/" + reporttest.ExampleCreditCode}},
		{"by agency and year", Filter{Year: 2022, CreditCode: reporttest.ExampleCreditCode}, []string{"2022/" + reporttest.ExampleCreditCode}},
		{"nobody", Filter{Query: "不存在的机关"}, nil},
		{"empty year", Filter{Year: 2021}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, it := range listAll(t, svc, tt.f) {
			got = append(got, yearCode(it))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: List(%+v) = %v, want %v", tt.name, tt.f, got, tt.want)
		}
	}
	// Every year, oldest first, paged one by one across the year boundary.
	var got []string
	for _, it := range listAll(t, svc, Filter{Limit: 1}) {
		got = append(got, yearCode(it))
	}
	if len(got) != 14 || got[0] != "2022/"+reporttest.ExampleCreditCode || !slices.IsSorted(got) {
		t.Errorf("every year by one: %v", got)
	}
	c, err := svc.Catalog(ctx, 2023)
	if err != nil || len(c.Items) != 13 || !slices.IsSortedFunc(c.Items, func(a, b Summary) int { return strings.Compare(a.CreditCode, b.CreditCode) }) {
		t.Errorf("Catalog(2023) = %d items, %v; want 13 by credit code", len(c.Items), err)
	}
}

func yearCode(s Summary) string { return strconv.Itoa(s.Year) + "/" + s.CreditCode }

func TestPageTokens(t *testing.T) {
	tok := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	cc := reporttest.CreditCode(1)
	tests := []struct {
		f  Filter
		ok bool
	}{
		{Filter{Token: tok("reports/2023/" + cc + "/latest.json")}, true},
		{Filter{Year: 2023, Token: tok("reports/2023/" + cc + "/latest.json")}, true},
		{Filter{Year: 2022, Token: tok("reports/2023/" + cc + "/latest.json")}, false},
		{Filter{CreditCode: reporttest.CreditCode(2), Token: tok("reports/2023/" + cc + "/latest.json")}, false},
		{Filter{Token: tok("reports/2023/" + cc + "/x/latest.json")}, false},
		{Filter{Token: tok("reports/2023/" + cc[:17] + "0/latest.json")}, false},
		{Filter{Token: tok("reports/23/" + cc + "/latest.json")}, false},
		{Filter{Token: tok("../../etc/passwd")}, false},
		{Filter{Token: "%%%"}, false},
	}
	for _, tt := range tests {
		p, err := decodeToken(tt.f)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrBadRequest)) {
			t.Errorf("decodeToken(%+v) = %+v, %v; want ok=%v", tt.f, p, err, tt.ok)
		}
	}
}

func FuzzPageToken(f *testing.F) {
	f.Add(encodeToken(position{2023, reporttest.CreditCode(1)}), 0)
	f.Add("cmVwb3J0cy8yMDIzLw", 2023)
	f.Fuzz(func(t *testing.T, token string, year int) {
		p, err := decodeToken(Filter{Year: year, Token: token})
		if err != nil {
			if !errors.Is(err, ErrBadRequest) {
				t.Fatalf("decodeToken(%q) error %v is not ErrBadRequest", token, err)
			}
			return
		}
		if token != "" && encodeToken(p) != token {
			t.Fatalf("decodeToken(%q) = %+v, which encodes as %q", token, p, encodeToken(p))
		}
	})
}

// Rebuild restores a deleted catalog byte for byte, and changes nothing when
// run again.
func TestRebuildRestoresDeletedCatalog(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	ctx := context.Background()
	fileAgencies(t, svc, 0, 30)
	for v := 1; v < 4; v++ {
		mustSubmit(t, svc, agencyDoc(t, 7, v))
	}
	mustSubmit(t, svc, agencyDoc(t, 7, 1)) // current again, Seq moves on
	want := readKeys(t, st, "catalog/")
	if len(want) != Shards {
		t.Fatalf("catalog has %d objects, want %d shards", len(want), Shards)
	}
	deletePrefix(t, st, "catalog/")
	rep, err := svc.Rebuild(ctx, 2023)
	if err != nil || rep.Agencies != 30 || len(rep.Unreadable) != 0 {
		t.Fatalf("Rebuild = %+v, %v", rep, err)
	}
	got := readKeys(t, st, "catalog/")
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s after rebuild:\n%s\nwant\n%s", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("rebuild wrote %d objects, want %d", len(got), len(want))
	}
	if rep, err := svc.Rebuild(ctx, 2023); err != nil || rep.Written != 0 {
		t.Errorf("second Rebuild = %+v, %v; want nothing written", rep, err)
	}
}

// A store filed before catalogs gets one from its first reader.
func TestCatalogBuiltOnFirstUse(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	fileAgencies(t, svc, 0, 5)
	mustSubmit(t, svc, readTestdata(t, "fixtures/S1-previous.json"))
	deletePrefix(t, st, "catalog/")
	reader := fastService(t, st) // a fresh process, nothing cached
	if got := listAll(t, reader, Filter{}); len(got) != 6 {
		t.Fatalf("first listing without a catalog shows %d reports, want 6", len(got))
	}
	if n := len(readKeys(t, st, "catalog/")); n != 2*Shards {
		t.Errorf("after the first listing the store holds %d catalog objects, want %d (two years)", n, 2*Shards)
	}
}

// One agency whose latest.json is damaged or too large is left out of every
// listing, which says so, instead of failing it.
func TestListingIsolatesUnreadableAgencies(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	ctx := context.Background()
	fileAgencies(t, svc, 0, 4)
	damage := func(n int, body []byte) {
		if _, err := st.Put(ctx, latestKey(2023, reporttest.CreditCode(n)), body, store.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	damage(1, []byte(`{"current": {"id": `))
	damage(2, append([]byte(`{"history":["`), make([]byte, maxLatestBytes)...))

	// The catalog still shows the last good state; the check finds the
	// damage, drops the entries and names the agencies.
	rep, err := svc.Reconcile(ctx, 2023)
	wantBad := []string{reporttest.CreditCode(1), reporttest.CreditCode(2)}
	slices.Sort(wantBad)
	if err != nil || !slices.Equal(rep.Unreadable, wantBad) {
		t.Fatalf("Reconcile = %+v, %v; want unreadable %v", rep, err, wantBad)
	}
	for _, fresh := range []bool{false, true} {
		if fresh {
			deletePrefix(t, st, "catalog/") // the same when the first reader builds the catalog
		}
		for _, f := range []Filter{{Year: 2023}, {}} {
			page, err := svc.List(ctx, f)
			if err != nil || len(page.Items) != 2 || page.Skipped != 2 || !slices.Equal(page.Unreadable, wantBad) {
				t.Errorf("fresh catalog %v: List(%+v) = %d items, skipped %d %v, %v; want 2 items and 2 skipped", fresh, f, len(page.Items), page.Skipped, page.Unreadable, err)
			}
		}
	}
	page, err := svc.List(ctx, Filter{Year: 2023, CreditCode: reporttest.CreditCode(1)})
	if err != nil || len(page.Items) != 0 || page.Skipped != 1 {
		t.Errorf("List of the damaged agency = %+v, %v; want no item, skipped 1", page, err)
	}
}

// A filing whose catalog update was lost (a crash after latest.json) is
// shown by the agency's own listing at once, and everywhere after the
// scheduled check.
func TestReconcileRepairsLaggingEntry(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	ctx := context.Background()
	fileAgencies(t, svc, 0, 3)
	broken := fastService(t, &failKeys{Store: st, suffix: "-of-" + strconv.Itoa(Shards) + ".json"})
	_, err := broken.Submit(ctx, agencyDoc(t, 1, 1))
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Submit with the catalog down: %v, want ErrUnavailable (not acknowledged)", err)
	}
	l, _, _ := svc.readLatest(ctx, 2023, reporttest.CreditCode(1))
	if one, _ := svc.List(ctx, Filter{Year: 2023, CreditCode: reporttest.CreditCode(1)}); len(one.Items) != 1 || one.Items[0].ID != l.Current.ID {
		t.Errorf("the agency's own listing = %+v, want its pointer's current %s", one.Items, l.Current.ID)
	}
	rep, err := svc.Reconcile(ctx, 2023)
	if err != nil || !slices.Equal(rep.Repaired, []string{reporttest.CreditCode(1)}) || rep.Agencies != 3 {
		t.Fatalf("Reconcile = %+v, %v; want agency 1 repaired", rep, err)
	}
	for _, it := range listAll(t, svc, Filter{Year: 2023}) {
		if it.CreditCode == reporttest.CreditCode(1) && (it.ID != l.Current.ID || it.Versions != 2) {
			t.Errorf("after the check agency 1 lists %s with %d versions, want %s with 2", it.ID, it.Versions, l.Current.ID)
		}
	}
	if rep, err := svc.Reconcile(ctx, 2023); err != nil || len(rep.Repaired)+len(rep.Dropped)+len(rep.Orphans) != 0 {
		t.Errorf("second Reconcile = %+v, %v; want nothing to do", rep, err)
	}
}

// A version whose manifest was written but whose pointer was not (a crash in
// between) is never listed; after a day the check removes its manifest, and
// a retry files it as new.
func TestReconcileRemovesUnacknowledgedVersion(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	ctx := context.Background()
	fileAgencies(t, svc, 0, 2)
	doc := agencyDoc(t, 1, 5)
	_, err := fastService(t, &failKeys{Store: st, suffix: "/" + latestFile}).Submit(ctx, doc)
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Submit with latest.json failing: %v", err)
	}
	keys := orphanManifests(t, st, 1)
	if len(keys) != 1 {
		t.Fatalf("unacknowledged manifests %v, want one", keys)
	}
	orphan := (ID{2023, reporttest.CreditCode(1), strings.Split(keys[0], "/")[3]}).String()
	if strings.Contains(listedIDs(t, svc), orphan) {
		t.Errorf("unacknowledged %s is listed", orphan)
	}
	rep, err := svc.Reconcile(ctx, 2023)
	if err != nil || rep.Pending != 1 || len(rep.Orphans) != 0 {
		t.Fatalf("Reconcile within the grace period = %+v, %v; want it pending", rep, err)
	}
	later := svc.WithClock(func() time.Time { return time.Now().Add(orphanGrace + time.Hour) })
	rep, err = later.Reconcile(ctx, 2023)
	if err != nil || !slices.Equal(rep.Orphans, []string{orphan}) {
		t.Fatalf("Reconcile after the grace period = %+v, %v; want %s removed", rep, err, orphan)
	}
	if _, err := svc.Manifest(ctx, orphan); !errors.Is(err, ErrNotFound) {
		t.Errorf("the removed version still reads: %v", err)
	}
	r := mustSubmit(t, svc, doc)
	if r.ID != orphan || !r.Created || !strings.Contains(listedIDs(t, svc), orphan) {
		t.Errorf("retry = %+v; want %s filed again and listed", r, orphan)
	}
	if rep, _ := later.Reconcile(ctx, 2023); len(rep.Orphans) != 0 || rep.Pending != 0 {
		t.Errorf("Reconcile after the retry = %+v; want no orphans", rep)
	}
}

// orphanManifests returns the manifest keys of test agency n (2023) that
// its pointer does not record.
func orphanManifests(t testing.TB, st store.Store, n int) []string {
	t.Helper()
	ctx := context.Background()
	svc := fastService(t, st)
	acked := map[string]bool{}
	if l, _, err := svc.readLatest(ctx, 2023, reporttest.CreditCode(n)); err == nil {
		if acked, err = svc.acknowledged(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	infos, err := st.List(ctx, agencyPrefix(2023, reporttest.CreditCode(n)), "", store.MaxListLimit)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, in := range infos {
		if parts := strings.Split(in.Key, "/"); len(parts) == 5 && parts[4] == fileManifest &&
			!acked[(ID{2023, reporttest.CreditCode(n), parts[3]}).String()] {
			out = append(out, in.Key)
		}
	}
	return out
}

func listedIDs(t testing.TB, svc *Service) string {
	var ids []string
	for _, it := range listAll(t, svc, Filter{}) {
		ids = append(ids, it.ID)
	}
	return strings.Join(ids, " ")
}

// A retry that acknowledges a version while the check removes its manifest
// gets the manifest back, whichever comes first.
func TestManifestKeptWhenRetryMeetsCheck(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	ctx := context.Background()
	doc := agencyDoc(t, 4, 0)
	if _, err := fastService(t, &failKeys{Store: st, suffix: "/" + latestFile}).Submit(ctx, doc); err == nil {
		t.Fatal("Submit with latest.json failing succeeded")
	}
	victim := orphanManifests(t, st, 4)
	if len(victim) != 1 {
		t.Fatalf("unacknowledged manifests %v, want one", victim)
	}
	// The retry reads the manifest, then the check deletes it just before
	// the retry's pointer is written.
	racing := fastService(t, &deleteBefore{Store: st, suffix: "/" + latestFile, victim: victim[0]}).
		WithClock(func() time.Time { return time.Now().Add(orphanGrace) }) // the retry comes a day later
	r, err := racing.Submit(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	id := mustID(t, r.ID)
	if id.key(fileManifest) != victim[0] || r.Created {
		t.Fatalf("retry = %+v, want the version of %s, filed before", r, victim[0])
	}
	if _, err := svc.Manifest(ctx, r.ID); err != nil {
		t.Errorf("acknowledged version lost its manifest: %v", err)
	}

	// The other order: the check deletes, then sees the pointer name the version.
	if err := st.Delete(ctx, id.key(fileManifest)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(ctx, id.key(fileManifest), mustMarshal(t, mustManifestFromPointer(t, svc, id)), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	removed, err := svc.removeOrphan(ctx, id)
	if err != nil || removed {
		t.Errorf("removeOrphan of an acknowledged version = %v, %v; want it kept", removed, err)
	}
	if _, err := svc.Manifest(ctx, r.ID); err != nil {
		t.Errorf("removeOrphan left an acknowledged version without its manifest: %v", err)
	}
}

// deleteBefore deletes victim just before the first write of a key with
// suffix, as a concurrent check would.
type deleteBefore struct {
	store.Store
	suffix, victim string
	once           sync.Once
}

func (d *deleteBefore) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if strings.HasSuffix(key, d.suffix) {
		d.once.Do(func() { _ = d.Store.Delete(ctx, d.victim) })
	}
	return d.Store.Put(ctx, key, body, opts)
}

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustManifestFromPointer(t testing.TB, svc *Service, id ID) Manifest {
	t.Helper()
	l, _, err := svc.readLatest(context.Background(), id.Year, id.CreditCode)
	if err != nil || l.Current.ID != id.String() {
		t.Fatalf("pointer: %v", err)
	}
	return l.Current
}
