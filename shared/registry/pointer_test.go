package registry

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
)

// An agency that files again and again keeps a small latest.json: the
// newest versions stay in it, older ones move to history pages, every one
// stays findable and the version count stays right.
func TestPointerHistoryIsBounded(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	ctx := context.Background()
	const versions = 80
	var ids []string
	for v := range versions {
		ids = append(ids, mustSubmit(t, svc, agencyDoc(t, 1, v)).ID)
	}
	cc := reporttest.CreditCode(1)
	rc, info, err := st.Get(ctx, latestKey(2023, cc))
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	l, _, err := svc.readLatest(ctx, 2023, cc)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.History) > maxHistory || info.Size > 8<<10 {
		t.Errorf("after %d versions latest.json holds %d of them in %d bytes; want at most %d in 8 KiB", versions, len(l.History), info.Size, maxHistory)
	}
	if l.Versions != versions || l.Current.ID != ids[versions-1] {
		t.Errorf("latest.json counts %d versions, current %s; want %d, %s", l.Versions, l.Current.ID, versions, ids[versions-1])
	}
	acked, err := svc.acknowledged(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if !acked[id] {
			t.Errorf("version %s is no longer recorded", id)
		}
		if _, err := svc.Manifest(ctx, id); err != nil {
			t.Errorf("version %s: %v", id, err)
		}
	}
	page, err := svc.List(ctx, Filter{Year: 2023})
	if err != nil || len(page.Items) != 1 || page.Items[0].Versions != versions {
		t.Fatalf("List = %+v, %v; want one report with %d versions", page, err, versions)
	}

	// Filing a paged-out version again makes it current without counting
	// it twice.
	again := mustSubmit(t, svc, agencyDoc(t, 1, 0))
	if again.Created || again.ID != ids[0] {
		t.Fatalf("refiling version 0 = %+v", again)
	}
	l, _, _ = svc.readLatest(ctx, 2023, cc)
	if l.Current.ID != ids[0] || l.Versions != versions {
		t.Errorf("after refiling version 0: current %s, %d versions; want %s, %d", l.Current.ID, l.Versions, ids[0], versions)
	}
	if page, _ := svc.List(ctx, Filter{Year: 2023}); page.Items[0].ID != ids[0] || page.Items[0].Versions != versions {
		t.Errorf("listing after refiling version 0: %+v", page.Items)
	}
}

// A pointer written before history pages kept every version; past 4 MiB the
// old reader gave up and every listing failed. It is read, listed with the
// right count, and paged out by the agency's next filing.
func TestLegacyPointerIsReadAndPagedOut(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	ctx := context.Background()
	first := mustSubmit(t, svc, agencyDoc(t, 2, 0))
	cc := reporttest.CreditCode(2)
	l, _, err := svc.readLatest(ctx, 2023, cc)
	if err != nil {
		t.Fatal(err)
	}
	const old = 40_000 // about 5 MB of history
	legacy := struct {
		Current Manifest     `json:"current"`
		History []historyRef `json:"history"`
	}{Current: l.Current}
	for i := range old - 1 {
		legacy.History = append(legacy.History, historyRef{ID: ID{Year: 2023, CreditCode: cc, SHA256: fakeSHA(i)}.String(),
			ValidatedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	legacy.History = append(legacy.History, historyRef{ID: first.ID, ValidatedAt: l.Current.ValidatedAt})
	body, err := json.Marshal(legacy)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) <= 4<<20 {
		t.Fatalf("legacy pointer is %d bytes, want more than the old 4 MiB cap", len(body))
	}
	if _, err := st.Put(ctx, latestKey(2023, cc), body, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	deletePrefix(t, st, "catalog/") // as in a store filed before catalogs

	page, err := svc.List(ctx, Filter{Year: 2023})
	if err != nil || len(page.Items) != 1 || page.Items[0].Versions != old || page.Skipped != 0 {
		t.Fatalf("List over a %d-byte legacy pointer = %+v, %v; want the agency with %d versions", len(body), page, err, old)
	}
	next := mustSubmit(t, svc, agencyDoc(t, 2, 1))
	l, _, err = svc.readLatest(ctx, 2023, cc)
	if err != nil {
		t.Fatal(err)
	}
	if l.Versions != old+1 || len(l.History) > maxHistory || l.Older == "" || l.Current.ID != next.ID {
		t.Errorf("after the next filing: %d versions, %d in the pointer, older %q; want %d, ≤ %d, a page", l.Versions, len(l.History), l.Older, old+1, maxHistory)
	}
	acked, err := svc.acknowledged(ctx, l)
	if err != nil || len(acked) != old+1 || !acked[first.ID] {
		t.Errorf("acknowledged after paging out: %d versions (%v), want %d including the first", len(acked), err, old+1)
	}
	if page, _ := svc.List(ctx, Filter{Year: 2023}); len(page.Items) != 1 || page.Items[0].Versions != old+1 {
		t.Errorf("listing after paging out: %+v", page.Items)
	}
}

func fakeSHA(i int) string {
	const hexdigits = "0123456789abcdef"
	b := []byte("f0000000000000000000000000000000000000000000000000000000000000000"[:64])
	for j := 63; i > 0; j-- {
		b[j] = hexdigits[i%16]
		i /= 16
	}
	return string(b)
}

// Concurrent filings by one agency that cross page boundaries lose none.
func TestConcurrentFilingsAcrossPages(t *testing.T) {
	st := fsStore(t)
	svc := fastService(t, st)
	svc.window, svc.keep = 4, 2
	ctx := context.Background()
	const writers = 24
	ids := make([]string, writers)
	errs := make([]error, writers)
	done := make(chan struct{})
	for i := range writers {
		go func() {
			defer func() { done <- struct{}{} }()
			r, err := svc.Submit(ctx, agencyDoc(t, 3, i))
			ids[i], errs[i] = r.ID, err
		}()
	}
	for range writers {
		<-done
	}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i, err)
		}
	}
	l, _, err := svc.readLatest(ctx, 2023, reporttest.CreditCode(3))
	if err != nil {
		t.Fatal(err)
	}
	acked, err := svc.acknowledged(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(func(yield func(string) bool) {
		for id := range acked {
			if !yield(id) {
				return
			}
		}
	})
	if !slices.Equal(got, slices.Sorted(slices.Values(ids))) || l.Versions != writers || len(l.History) > 4 {
		t.Errorf("after %d concurrent filings: %d recorded, count %d, %d in the pointer", writers, len(got), l.Versions, len(l.History))
	}
}
