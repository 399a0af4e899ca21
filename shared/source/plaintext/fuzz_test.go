package plaintext

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
)

// FuzzRead feeds any bytes to the reader: it refuses or reads, within the
// limits, and never panics.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"# 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"第二十条第(一)项\t\t\n规章\t0\t0\t0\n— 3 —\n",
		"标题: x\n=== 正文 ===\n一、总体情况2019年，我局",
		"\xEF\xBB\xBF|\\||\n\t\t\n",
		"\xd2\xbb\xa1\xa2",
	} {
		f.Add([]byte(s))
	}
	lim := source.DefaultLimits
	lim.MaxBlocks, lim.MaxCells = 200, 500
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(context.Background(), data, lim)
		if err != nil {
			return
		}
		if len(doc.Blocks) > lim.MaxBlocks {
			t.Fatalf("%d blocks past the limit", len(doc.Blocks))
		}
		for _, b := range doc.Blocks {
			if b.Kind == source.TableBlock && b.Table.Rows()*b.Table.Cols() > lim.MaxCells {
				t.Fatalf("a %d×%d table past the limit", b.Table.Rows(), b.Table.Cols())
			}
		}
	})
}
