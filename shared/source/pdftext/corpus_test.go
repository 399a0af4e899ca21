package pdftext

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/testkit"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/pdftext-*.txt")

// outline writes what a person checks against the printed document: the
// headings and every table's grid, cell by cell, with merged cells repeated;
// paragraphs only by their page and length (their text is the document's,
// not ours to copy).
func outline(doc *source.Document) []byte {
	var b bytes.Buffer
	for _, bl := range doc.Blocks {
		switch bl.Kind {
		case source.Heading:
			fmt.Fprintf(&b, "heading %d, page %d: %s\n", bl.Level, bl.Loc.Page, bl.Text)
		case source.Paragraph:
			fmt.Fprintf(&b, "paragraph, page %d: %d characters\n", bl.Loc.Page, len([]rune(bl.Text)))
		case source.TableBlock:
			t := bl.Table
			fmt.Fprintf(&b, "table %d, page %d, %d rows × %d columns\n", t.Loc.Table, bl.Loc.Page, t.Rows(), t.Cols())
			for r := range t.Rows() {
				fmt.Fprintf(&b, "  %2d | %s\n", r+1, strings.Join(t.Texts(r), " | "))
			}
		}
	}
	return b.Bytes()
}

// TestHongze reads 洪泽区 2024 (WPS, CID fonts with ToUnicode, small table
// font, labels wrapping over lines, 表二 and 表三 each cut by a page break
// without a repeated header, 表三's 三、本年度办理结果 set vertically with an
// Identity-V font, （六）其他处理 as one row so that 表三 has 23 data rows)
// and compares the result with a golden outline whose every cell was
// checked by hand against the printed pages.
func TestHongze(t *testing.T) {
	data := testkit.Shared(t, "corpus/pdf/hongze-2024.pdf")
	doc, err := Read(context.Background(), data, source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got := outline(doc)
	golden := testkit.Path(t, "testdata", "golden", "pdftext-hongze-2024.txt")
	if *update {
		head := "# shared/source/pdftext TestHongze: ../shared/corpus/pdf/hongze-2024.pdf read by pdftext.Read.\n" +
			"# Headings and table grids (merged cells repeated in every position they cover) checked by hand\n" +
			"# against the printed pages; covers 表二 continued from page 2 to 3, 表三 from page 3 to 4 with\n" +
			"# its merged label cells carried over the break, 表三's 23 data rows, 表四's split top header.\n"
		if err := os.WriteFile(golden, append([]byte(head), got...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	var body []string
	for l := range strings.Lines(string(want)) {
		if !strings.HasPrefix(l, "#") {
			body = append(body, l)
		}
	}
	if w := strings.Join(body, ""); string(got) != w {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(w, "\n")
		for i := range max(len(gl), len(wl)) {
			g, x := at(gl, i), at(wl, i)
			if g != x {
				t.Errorf("line %d:\n got %s\nwant %s", i+1, g, x)
			}
		}
	}
	// The last paragraph of page 4 goes on at the top of page 5.
	var joined bool
	for _, b := range doc.Blocks {
		joined = joined || b.Kind == source.Paragraph && strings.Contains(b.Text, "模板，使各行政机关")
	}
	if !joined {
		t.Error("the paragraph cut by the break between pages 4 and 5 was not joined")
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}
