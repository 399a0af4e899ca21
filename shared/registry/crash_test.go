package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/storetest"
)

// crashOp is one step of the crash scenario: a filing (agency, version) or
// the scheduled check (agency < 0).
type crashOp struct{ agency, version int }

// crashScenario files for three agencies, pages one agency's history out
// (window 4), files an old version again and runs the check in between.
var crashScenario = []crashOp{{0, 0}, {1, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 0}, {-1, 0}, {2, 0}, {1, 1}}

// TestCrashBetweenWrites injects a crash after every number of writes the
// scenario makes, and a lost reply (the write is stored, the caller hears an
// error) at every write. After each: no listed version is unacknowledged
// (every one is in its agency's latest.json, with its manifest and files),
// no acknowledged version is lost, no agency lists a version older than its
// last acknowledged one; the check then makes the catalog equal to the
// pointers and removes what was never acknowledged; retrying what failed
// converges on the state of a run without faults. It runs on the in-memory
// store (which passes the store conformance suite): on fsstore each run's
// fsyncs make the whole take a minute.
func TestCrashBetweenWrites(t *testing.T) {
	writes := runCrashScenario(t, &faultStore{Store: storetest.NewMemory(), after: 1 << 30}, nil)
	if writes < 40 {
		t.Fatalf("the scenario made only %d writes", writes)
	}
	for _, lostReply := range []bool{false, true} {
		for k := range writes {
			name := fmt.Sprintf("crash-after-%d", k)
			if lostReply {
				name = fmt.Sprintf("lost-reply-%d", k+1)
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				raw := storetest.NewMemory()
				runCrashScenario(t, &faultStore{Store: raw, after: int64(k), lostReply: lostReply}, raw)
			})
		}
	}
}

// faultStore stores the first `after` writes. Then, with lostReply, the next
// write is stored but reported failed and later ones work; without, every
// later write fails unstored, as for a process that died.
type faultStore struct {
	store.Store
	after     int64
	lostReply bool
	n         int64
}

func (f *faultStore) fault(key string, write func() error) error {
	f.n++
	switch {
	case f.n <= f.after:
		return write()
	case f.lostReply && f.n == f.after+1:
		if err := write(); err != nil {
			return err
		}
		return fmt.Errorf("write %s: reply lost: %w", key, store.ErrUnavailable)
	case f.lostReply:
		return write()
	}
	return fmt.Errorf("write %s: crashed: %w", key, store.ErrUnavailable)
}

func (f *faultStore) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	var info store.Info
	err := f.fault(key, func() (err error) { info, err = f.Store.Put(ctx, key, body, opts); return err })
	return info, err
}

func (f *faultStore) Delete(ctx context.Context, key string) error {
	return f.fault(key, func() error { return f.Store.Delete(ctx, key) })
}

// runCrashScenario runs the scenario over fs (sequentially: the fault is
// placed by counting writes) and, when raw is set, checks the invariants on
// raw after the fault. It returns the number of writes made.
func runCrashScenario(t *testing.T, fs *faultStore, raw store.Store) int64 {
	ctx := context.Background()
	later := func() time.Time { return time.Now().Add(orphanGrace + time.Hour) }
	svc := fastService(t, fs).WithClock(later)
	svc.window, svc.keep = 4, 2
	svc.buildWait = 0               // a crashed build leaves its lock behind: don't wait for it
	acked := map[int][]string{}     // agency → acknowledged IDs, in order
	attempted := map[int][]string{} // agency → IDs of every filing tried
	var failed []crashOp
	dead := false
	for _, op := range crashScenario {
		if dead {
			failed = append(failed, op)
			continue
		}
		// A client that hears an error retries at once; after a crash,
		// nothing more happens until the next process.
		tries := 1
		if fs.lostReply {
			tries = 2
		}
		var err error
		for range tries {
			if op.agency < 0 {
				_, err = svc.Reconcile(ctx, 2023)
			} else {
				doc := agencyDoc(t, op.agency, op.version)
				attempted[op.agency] = append(attempted[op.agency], idOf(t, doc))
				var r Receipt
				if r, err = svc.Submit(ctx, doc); err == nil {
					acked[op.agency] = append(acked[op.agency], r.ID)
				}
			}
			if err == nil {
				break
			}
			if !errors.Is(err, store.ErrUnavailable) {
				t.Fatalf("%+v: %v", op, err)
			}
		}
		if err != nil {
			failed, dead = append(failed, op), true
		}
	}
	if raw == nil {
		if len(failed) > 0 {
			t.Fatalf("the run without faults failed %v", failed)
		}
		return fs.n
	}

	// A new process over what was stored.
	next := fastService(t, raw).WithClock(later)
	next.window, next.keep, next.buildWait = 4, 2, 0
	checkNothingUnacknowledgedListed(t, next, acked, attempted)
	if _, err := next.Reconcile(ctx, 2023); err != nil {
		t.Fatalf("Reconcile after the fault: %v", err)
	}
	checkCatalogMatchesPointers(t, next)
	checkNothingUnacknowledgedListed(t, next, acked, attempted)
	for n := range 3 {
		if keys := orphanManifests(t, raw, n); len(keys) > 0 {
			t.Errorf("after the check agency %d still has unacknowledged manifests %v", n, keys)
		}
	}
	for _, op := range failed {
		if op.agency < 0 {
			continue
		}
		if _, err := next.Submit(ctx, agencyDoc(t, op.agency, op.version)); err != nil {
			t.Fatalf("retry %+v: %v", op, err)
		}
	}
	checkCatalogMatchesPointers(t, next)
	want := map[string]struct {
		id       string
		versions int
	}{
		reporttest.CreditCode(0): {idOf(t, agencyDoc(t, 0, 0)), 4},
		reporttest.CreditCode(1): {idOf(t, agencyDoc(t, 1, 1)), 2},
		reporttest.CreditCode(2): {idOf(t, agencyDoc(t, 2, 0)), 1},
	}
	items := listAll(t, next, Filter{Year: 2023})
	if len(items) != len(want) {
		t.Errorf("after the retries %d agencies are listed, want %d", len(items), len(want))
	}
	for _, it := range items {
		if w := want[it.CreditCode]; it.ID != w.id || it.Versions != w.versions {
			t.Errorf("after the retries %s lists %s with %d versions, want %s with %d", it.CreditCode, it.ID, it.Versions, w.id, w.versions)
		}
	}
	return fs.n
}

// idOf is the ID a document is filed under: its year, agency and the
// SHA-256 of its canonical JSON.
func idOf(t testing.TB, doc []byte) string {
	t.Helper()
	r, _ := report.Decode(doc)
	if r == nil {
		t.Fatal("not a report")
	}
	sum := sha256.Sum256(r.Canonical())
	return ID{Year: r.ReportYear, CreditCode: r.Agency.CreditCode, SHA256: hex.EncodeToString(sum[:])}.String()
}

func checkNothingUnacknowledgedListed(t *testing.T, svc *Service, acked, attempted map[int][]string) {
	t.Helper()
	ctx := context.Background()
	listed := map[string]Summary{}
	for _, it := range listAll(t, svc, Filter{Year: 2023}) {
		listed[it.CreditCode] = it
		l, _, err := svc.readLatest(ctx, 2023, it.CreditCode)
		if err != nil {
			t.Errorf("listed %s has no readable pointer: %v", it.ID, err)
			continue
		}
		recorded, err := svc.acknowledged(ctx, l)
		if err != nil || !recorded[it.ID] {
			t.Errorf("listed %s is not recorded in its latest.json (%v)", it.ID, err)
		}
		checkFiles(t, svc, it.ID)
	}
	for n, ids := range acked {
		cc := reporttest.CreditCode(n)
		l, _, err := svc.readLatest(ctx, 2023, cc)
		if err != nil {
			t.Errorf("agency %d acknowledged %v but its pointer: %v", n, ids, err)
			continue
		}
		recorded, err := svc.acknowledged(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if !recorded[id] {
				t.Errorf("acknowledged %s is lost", id)
			}
			checkFiles(t, svc, id)
		}
		// Listed: the last acknowledged version, or one tried after it.
		last := ids[len(ids)-1]
		tried := attempted[n][slices.Index(attempted[n], last):]
		if it, ok := listed[cc]; !ok || !slices.Contains(tried, it.ID) {
			t.Errorf("agency %d acknowledged %s last but lists %+v", n, last, listed[cc])
		}
	}
}

// checkFiles reads every file of a version in full (the store checks each
// against its SHA-256).
func checkFiles(t *testing.T, svc *Service, id string) {
	t.Helper()
	for _, file := range []string{FileJSON, FilePDF, FileFindings} {
		rc, _, err := svc.Open(context.Background(), id, file)
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
		}
		if err != nil {
			t.Errorf("%s/%s: %v", id, file, err)
		}
	}
}

// checkCatalogMatchesPointers: every agency's catalog entry is what its
// pointer says, and only agencies with a pointer have one.
func checkCatalogMatchesPointers(t *testing.T, svc *Service) {
	t.Helper()
	ctx := context.Background()
	c, err := svc.Catalog(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := svc.scanYear(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	var want []Summary
	for n := range 3 {
		if a := objs[reporttest.CreditCode(n)]; a != nil && a.pointer.Key != "" {
			l, _, err := svc.readLatest(ctx, 2023, reporttest.CreditCode(n))
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, l.summary())
		}
	}
	slices.SortFunc(want, func(a, b Summary) int { return strings.Compare(a.CreditCode, b.CreditCode) })
	if !slices.EqualFunc(c.Items, want, func(a, b Summary) bool {
		return a.ID == b.ID && a.Versions == b.Versions && a.CreditCode == b.CreditCode
	}) {
		t.Errorf("catalog %+v, pointers say %+v", c.Items, want)
	}
}
