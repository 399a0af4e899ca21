package registry

import (
	"context"
	"errors"
	"testing"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

func TestVersions(t *testing.T) {
	ctx := context.Background()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	svc := newService(t, st)
	var ids []string
	for _, n := range []int{0, 1, 2, 1} { // the last re-files version 1: no new version, but current again
		r, err := svc.Submit(ctx, variant(t, n))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	for _, asked := range ids[:3] {
		vs, err := svc.Versions(ctx, asked)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 3 {
			t.Fatalf("Versions(%s) = %+v, want 3", asked, vs)
		}
		for i, v := range vs {
			if v.ID != ids[i] || v.SHA256 != mustID(t, ids[i]).SHA256 || v.ValidatedAt.IsZero() || v.Current != (i == 1) {
				t.Errorf("version %d = %+v; want %s, current only for the re-filed second", i, v, ids[i])
			}
		}
	}
	none := mustID(t, ids[0])
	none.Year = 2022
	if _, err := svc.Versions(ctx, none.String()); !errors.Is(err, ErrNotFound) {
		t.Errorf("Versions of a year never filed: %v, want ErrNotFound", err)
	}
	if _, err := svc.Versions(ctx, "2020-x"); !errors.Is(err, ErrBadRequest) {
		t.Errorf("Versions of a malformed id: %v, want ErrBadRequest", err)
	}
}

func TestReport(t *testing.T) {
	ctx := context.Background()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	svc := newService(t, st)
	rec, err := svc.Submit(ctx, readTestdata(t, "seed-2020.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := svc.Report(ctx, rec.ID)
	if err != nil || r.Agency.CreditCode != rec.CreditCode || r.ReportYear != rec.Year {
		t.Fatalf("Report(%s) = %+v, %v", rec.ID, r, err)
	}
	other := mustID(t, rec.ID)
	other.SHA256 = "00" + other.SHA256[2:]
	if _, err := svc.Report(ctx, other.String()); !errors.Is(err, ErrNotFound) {
		t.Errorf("Report of an unknown version: %v, want ErrNotFound", err)
	}
	// A report.json that is not what its id names is corrupt, not served.
	tampered := mustID(t, rec.ID)
	tampered.SHA256 = "11" + tampered.SHA256[2:]
	if _, err := st.Put(ctx, tampered.key(FileJSON), readTestdata(t, "golden/seed-2020.canonical.json"), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Report(ctx, tampered.String()); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Report of a file that does not hash to its id: %v, want ErrCorrupt", err)
	}
}

// Versions paged out of latest.json come back too, in order.
func TestVersionsAcrossHistoryPages(t *testing.T) {
	ctx := context.Background()
	st, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	svc := newService(t, st)
	svc.window, svc.keep = 4, 2 // page out early
	var ids []string
	for n := range 11 {
		r, err := svc.Submit(ctx, variant(t, n))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	l, _, err := svc.readLatest(ctx, mustID(t, ids[0]).Year, mustID(t, ids[0]).CreditCode)
	if err != nil || l.Older == "" {
		t.Fatalf("no history page after 11 versions with a window of 4: %+v, %v", l, err)
	}
	vs, err := svc.Versions(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(ids) {
		t.Fatalf("Versions = %d versions, want %d", len(vs), len(ids))
	}
	for i, v := range vs {
		if v.ID != ids[i] || v.Current != (i == len(ids)-1) {
			t.Errorf("version %d = %+v, want %s", i, v, ids[i])
		}
	}
}
