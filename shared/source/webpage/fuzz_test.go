package webpage

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
)

// FuzzRead feeds any bytes to the reader: it refuses or reads, within the
// limits, and never panics.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`<html><head><meta charset="gbk"></head><body><div class="nav">x</div><p>一、总体情况</p></body></html>`,
		`<table><tr><td rowspan="3" colspan=2>a<td>b<tr><td>c</table>`,
		`<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>`,
		`<p>甲<br>乙<h1>丙</h1><script>x</script>`,
		"\xd2\xbb<p>\xa1\xa2",
	} {
		f.Add([]byte(s))
	}
	lim := source.DefaultLimits
	lim.MaxBlocks, lim.MaxCells, lim.MaxDepth = 200, 500, 64
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
