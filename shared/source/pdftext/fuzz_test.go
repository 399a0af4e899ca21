package pdftext

import (
	"context"
	"errors"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
)

// FuzzRead: whatever arrives, Read returns a document whose tables are
// rectangular grids with consistent locations, or a refusal; never another
// error, never a panic past Read, within bounded time (the fuzzer's hang
// detection) and memory (small limits).
func FuzzRead(f *testing.F) {
	f.Add(plain.build())
	f.Add(testDoc{pages: plain.pages, flate: true}.build())
	f.Add(testDoc{pages: []string{plain.pages[0], plain.pages[0]}}.build())
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	lim := source.DefaultLimits
	lim.MaxBytes = 1 << 20
	lim.MaxInflated = 4 << 20
	lim.MaxPages = 20
	lim.MaxCells = 2000
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(context.Background(), data, lim)
		if err != nil {
			var r *source.RefusedError
			if !errors.As(err, &r) || r.Reason == "" {
				t.Fatalf("error %v is not a refusal with a reason", err)
			}
			return
		}
		if doc.Kind != source.PDF || len(doc.Blocks) == 0 {
			t.Fatalf("document %+v", doc)
		}
		for _, b := range doc.Blocks {
			if b.Kind != source.TableBlock {
				continue
			}
			tb := b.Table
			if tb == nil || tb.Rows()*tb.Cols() > lim.MaxCells {
				t.Fatalf("table %+v", tb)
			}
			for r, row := range tb.Grid {
				if len(row) != tb.Cols() {
					t.Fatalf("row %d has %d cells, want %d", r, len(row), tb.Cols())
				}
				for c, cell := range row {
					if cell.Loc.Row != r+1 || cell.Loc.Col != c+1 || cell.Loc.Page < 1 {
						t.Fatalf("cell %d,%d at %+v", r, c, cell.Loc)
					}
				}
			}
		}
	})
}
