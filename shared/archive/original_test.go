package archive

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/store"
)

// fileImported files the seed as imported from a web page of size bytes.
func fileImported(t *testing.T, reg *registry.Service, size int) []byte {
	t.Helper()
	page := []byte("<html><body>" + strings.Repeat("西工区教育体育局", size/24+1))[:size]
	if _, err := reg.Submit(context.Background(), readTestdata(t, "seed-2020.json"), registry.WithOriginal("html", "text/html; charset=utf-8", page)); err != nil {
		t.Fatal(err)
	}
	return page
}

// TestBagHoldsOriginals: an imported report's original goes into the bag
// beside its PDF and JSON, named in index.csv, whether it was read ahead
// (small) or streamed from the store (larger than maxPrefetchedOriginal).
func TestBagHoldsOriginals(t *testing.T) {
	for _, size := range []int{20 << 10, maxPrefetchedOriginal + 1} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			a, reg := filed(t, fsStore(t), "example-2021.json")
			page := fileImported(t, reg, size)
			ctx := context.Background()
			p, err := PlanYear(ctx, reg, 2020, a.org)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if _, err := p.Write(ctx, reg, &out, nil); err != nil {
				t.Fatal(err)
			}
			if rep := verify(t, out.Bytes()); !rep.OK() || rep.PayloadFiles != 5 {
				t.Errorf("verify: %+v, want OK with PDF, JSON, findings, original and index.csv", rep)
			}
			zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{}
			for _, f := range zr.File {
				rc, _ := f.Open()
				files[f.Name[strings.Index(f.Name, "/")+1:]], _ = io.ReadAll(rc)
				rc.Close()
			}
			if got := files["data/11410303MB0000001X/2020/source.html"]; !bytes.Equal(got, page) {
				t.Errorf("the bag's source.html holds %d bytes, want the %d of the original", len(got), len(page))
			}
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files["data/index.csv"], []byte("\ufeff")))).ReadAll()
			if err != nil || len(rows) != 2 {
				t.Fatalf("index.csv: %q, %v", rows, err)
			}
			if head, row := rows[0][len(rows[0])-1], rows[1][len(rows[1])-1]; head != "原件 Original" || row != "source.html" {
				t.Errorf("index.csv's last column: %q = %q, want 原件 Original = source.html", head, row)
			}
		})
	}
}

// damagedOriginal fails the end of every original read from the store, as
// a store finding the object's checksum wrong does.
type damagedOriginal struct{ store.Creator }

func (d damagedOriginal) Get(ctx context.Context, key string) (io.ReadCloser, store.Info, error) {
	rc, info, err := d.Creator.Get(ctx, key)
	if err != nil || !strings.Contains(key, "/"+registry.SourcePrefix) {
		return rc, info, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(rc, errReader{store.ErrChecksumMismatch}), rc}, info, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// TestDamagedOriginalFailsTheBag: an original that does not match its
// checksum stops the run, whether read ahead or streamed.
func TestDamagedOriginalFailsTheBag(t *testing.T) {
	for _, size := range []int{20 << 10, maxPrefetchedOriginal + 1} {
		st := fsStore(t)
		_, reg := filed(t, st)
		fileImported(t, reg, size)
		damaged := registry.New(damagedOriginal{st}, nil)
		ctx := context.Background()
		p, err := PlanYear(ctx, damaged, 2020, "x")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Write(ctx, damaged, io.Discard, nil); !errors.Is(err, store.ErrChecksumMismatch) {
			t.Errorf("size %d: Write = %v, want ErrChecksumMismatch", size, err)
		}
	}
}
