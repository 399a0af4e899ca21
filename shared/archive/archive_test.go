package archive

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/bag"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

var sharedRenderer = sync.OnceValues(render.New)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// filed returns an archiver over a store holding the given reports.
func filed(t testing.TB, st store.Creator, names ...string) (*Archiver, *registry.Service) {
	t.Helper()
	rnd, err := sharedRenderer()
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2024, 1, 26, 8, 0, 0, 0, time.UTC)
	reg := registry.New(st, rnd).WithClock(func() time.Time { return clock })
	for _, name := range names {
		if _, err := reg.Submit(context.Background(), readTestdata(t, name)); err != nil {
			t.Fatalf("submit %s: %v", name, err)
		}
	}
	return New(reg, st, "某市人民政府办公室"), reg
}

func fsStore(t testing.TB) *fsstore.Store {
	t.Helper()
	s, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func verify(t *testing.T, data []byte) bag.Verification {
	t.Helper()
	rep, err := bag.Verify(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestBagFromFixtures(t *testing.T) {
	a, reg := filed(t, fsStore(t), "example-2021.json", "seed-2020.json")
	ctx := context.Background()
	p, err := PlanYear(ctx, reg, 2023, a.org)
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	sum, err := p.Write(ctx, reg, &first, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Write(ctx, reg, &second, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("the same reports gave two different bags")
	}
	if sum.Reports != 1 || sum.Bytes != int64(first.Len()) {
		t.Errorf("summary %+v for a %d-byte bag of one report", sum, first.Len())
	}
	if rep := verify(t, first.Bytes()); !rep.OK() || rep.PayloadFiles != 4 {
		t.Errorf("verify: %+v, want OK with 3 report files and index.csv", rep)
	}
}

func TestRunStoresBagAndStatus(t *testing.T) {
	st := fsStore(t)
	a, _ := filed(t, st, "seed-2020.json")
	ctx := context.Background()
	if _, err := a.Status(ctx, 2020); !errors.Is(err, ErrNoStatus) {
		t.Fatalf("status before any run: %v, want ErrNoStatus", err)
	}
	queued, err := a.Request(ctx, 2020)
	if err != nil || queued.State != Queued {
		t.Fatalf("Request = %+v, %v", queued, err)
	}
	if _, err := a.Request(ctx, 2020); !errors.Is(err, ErrInProgress) {
		t.Errorf("second Request while queued: %v, want ErrInProgress", err)
	}
	var calls int // the plan (0 of 1), then the report
	done, err := a.Run(ctx, 2020, func(d, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if done.State != Done || done.Reports != 1 || done.Key == "" || calls != 2 {
		t.Fatalf("Run = %+v (%d progress calls)", done, calls)
	}
	rc, info, err := st.Get(ctx, done.Key)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	rep := verify(t, data)
	if info.SHA256 != done.SHA256 || int64(len(data)) != done.Bytes || !rep.OK() {
		t.Errorf("stored bag %s: sha %s size %d; status says %s %d", done.Key, info.SHA256, len(data), done.SHA256, done.Bytes)
	}
	again, err := a.Run(ctx, 2020, nil)
	if err != nil || again.Key != done.Key || again.SHA256 != done.SHA256 {
		t.Errorf("re-run of an unchanged year = %+v, %v; want the same bag", again, err)
	}
	if _, err := a.Run(ctx, 2022, nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("run of a year with no reports: %v, want ErrEmpty", err)
	}
}

// failingStore breaks the bag's upload halfway, as a store that dies would.
type failingStore struct {
	store.Creator
	after int
}

type failingWriter struct {
	store.Writer
	left int
}

func (f *failingStore) Create(ctx context.Context, key string, opts store.PutOptions) (store.Writer, error) {
	w, err := f.Creator.Create(ctx, key, opts)
	return &failingWriter{Writer: w, left: f.after}, err
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.left -= len(p); w.left < 0 {
		return 0, store.ErrUnavailable
	}
	return w.Writer.Write(p)
}

func TestInterruptedRunLeavesNothingAndRerunCompletes(t *testing.T) {
	st := fsStore(t)
	a, reg := filed(t, st, "seed-2020.json")
	broken := New(reg, &failingStore{Creator: st, after: 50_000}, a.org)
	ctx := context.Background()
	failed, err := broken.Run(ctx, 2020, nil)
	if !errors.Is(err, store.ErrUnavailable) || failed.State != Failed || failed.Error == nil || failed.Error.Code != "storage-unavailable" {
		t.Fatalf("Run on a failing store = %+v, %v", failed, err)
	}
	infos, err := st.List(ctx, "archives/", "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range infos {
		if filepath.Ext(in.Key) == ".zip" {
			t.Errorf("a failed run left %s visible", in.Key)
		}
	}
	done, err := a.Run(ctx, 2020, nil)
	if err != nil || done.State != Done {
		t.Fatalf("re-run = %+v, %v", done, err)
	}
}
