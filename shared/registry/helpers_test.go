package registry

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/testkit"
)

// standIn "renders" a fixed PDF: the catalog's tests file hundreds of
// versions, and what they check does not depend on the PDF's bytes.
type standIn struct{}

func (standIn) HasGlyph(rune) bool { return true }

func (standIn) Render(_ context.Context, w io.Writer, _ *render.Document) error {
	_, err := io.WriteString(w, "%PDF-1.7\n% stand-in\n%%EOF\n")
	return err
}

// fastService files with the stand-in renderer at a fixed clock.
func fastService(t testing.TB, st store.Store) *Service {
	t.Helper()
	clock := time.Date(2026, 1, 20, 9, 30, 0, 0, time.UTC)
	return New(st, standIn{}).WithClock(func() time.Time { return clock })
}

func fsStore(t testing.TB) *fsstore.Store {
	t.Helper()
	s, err := fsstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const exampleName = "湖州市自然资源和规划局"

// agencyDoc is the 2021 example (year 2023) filed by test agency n, named
// after n, in its version-th version.
func agencyDoc(t testing.TB, n, version int) []byte {
	t.Helper()
	doc := reporttest.Variant(testkit.Testdata(t, "example-2021.json"), n, version)
	return bytes.ReplaceAll(doc, []byte(exampleName), []byte(agencyName(n)))
}

func agencyName(n int) string { return fmt.Sprintf("湖州市第%d号测试机关", n) }

func mustSubmit(t testing.TB, svc *Service, doc []byte) Receipt {
	t.Helper()
	r, err := svc.Submit(context.Background(), doc)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	return r
}

// listAll pages through a listing and returns every item.
func listAll(t testing.TB, svc *Service, f Filter) []Summary {
	t.Helper()
	var out []Summary
	for range 10_000 {
		page, err := svc.List(context.Background(), f)
		if err != nil {
			t.Fatalf("List(%+v): %v", f, err)
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out
		}
		f.Token = page.Next
	}
	t.Fatal("listing does not end")
	return nil
}

func deletePrefix(t testing.TB, st store.Store, prefix string) {
	t.Helper()
	ctx := context.Background()
	for {
		infos, err := st.List(ctx, prefix, "", store.MaxListLimit)
		if err != nil {
			t.Fatal(err)
		}
		if len(infos) == 0 {
			return
		}
		for _, in := range infos {
			if err := st.Delete(ctx, in.Key); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// readKeys returns the content of every object under prefix, by key.
func readKeys(t testing.TB, st store.Store, prefix string) map[string]string {
	t.Helper()
	ctx := context.Background()
	infos, err := st.List(ctx, prefix, "", store.MaxListLimit)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, in := range infos {
		rc, _, err := st.Get(ctx, in.Key)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[in.Key] = string(b)
	}
	return out
}

// failKeys fails every write to a key with the given suffix (after the
// hook, if any, has run).
type failKeys struct {
	store.Store
	suffix string
	hook   func(key string)
}

func (f *failKeys) Put(ctx context.Context, key string, body []byte, opts store.PutOptions) (store.Info, error) {
	if strings.HasSuffix(key, f.suffix) {
		return store.Info{}, fmt.Errorf("put %s: %w", key, store.ErrUnavailable)
	}
	info, err := f.Store.Put(ctx, key, body, opts)
	if err == nil && f.hook != nil {
		f.hook(key)
	}
	return info, err
}
