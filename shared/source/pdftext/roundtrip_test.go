package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/testkit"
)

var renderer = sync.OnceValues(render.New)

// rendered returns a report of testdata/ and its PDF, as nianbao renders it.
func rendered(t testing.TB, name string) (*render.Document, []byte) {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, name))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("decode %s: %v", name, fs)
	}
	rr, err := renderer()
	if err != nil {
		t.Fatal(err)
	}
	doc := reportpdf.Document(r)
	var buf bytes.Buffer
	if err := rr.Render(context.Background(), &buf, doc); err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	return doc, buf.Bytes()
}

// expected is what a reader should find in a rendered document: the title
// and headings as headings, each paragraph, and each table's grid as the
// renderer was asked to draw it (header and body, spans resolved).
func expected(t *testing.T, d *render.Document) []source.Block {
	t.Helper()
	out := []source.Block{{Kind: source.Heading, Text: d.Title}}
	n := 0
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case render.Heading:
			out = append(out, source.Block{Kind: source.Heading, Text: b.Text})
		case render.Subheading:
			out = append(out, source.Block{Kind: source.Heading, Text: b.Text})
		case render.Paragraph:
			for p := range strings.SplitSeq(b.Text, "\n") {
				if strings.TrimSpace(p) != "" {
					out = append(out, source.Block{Kind: source.Paragraph, Text: p})
				}
			}
		case render.Table:
			n++
			var rows [][]source.SourceCell
			for _, row := range append(append([][]render.Cell{}, b.Header...), b.Body...) {
				var cells []source.SourceCell
				for _, c := range row {
					cells = append(cells, source.SourceCell{Text: strings.ReplaceAll(c.Text, "\n", ""), RowSpan: c.RowSpan, ColSpan: c.ColSpan})
				}
				rows = append(rows, cells)
			}
			tb, ok := source.Layout(rows, n, 64, 20_000)
			if !ok {
				t.Fatal("expected table past the bounds")
			}
			out = append(out, source.Block{Kind: source.TableBlock, Table: tb})
		default:
			t.Fatalf("unknown block %T", b)
		}
	}
	return out
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// compare checks the blocks read against the blocks expected: same kinds in
// the same order, the same text (spaces aside), every table cell's text at
// its row and column.
func compare(t *testing.T, got *source.Document, want []source.Block) {
	t.Helper()
	if len(got.Blocks) != len(want) {
		for i, b := range got.Blocks {
			t.Logf("got %d: %s %q", i, b.Kind, b.Text)
		}
		t.Fatalf("%d blocks read, want %d", len(got.Blocks), len(want))
	}
	for i, w := range want {
		g := got.Blocks[i]
		if g.Kind != w.Kind {
			t.Errorf("block %d is a %s (%q), want a %s (%q)", i, g.Kind, g.Text, w.Kind, w.Text)
			continue
		}
		if g.Loc.Page < 1 {
			t.Errorf("block %d has no page: %+v", i, g.Loc)
		}
		if w.Kind != source.TableBlock {
			if squash(g.Text) != squash(w.Text) {
				t.Errorf("block %d (%s):\n got %q\nwant %q", i, g.Kind, g.Text, w.Text)
			}
			continue
		}
		gt, want := g.Table, visible(w.Table)
		if gt.Rows() != len(want) || gt.Cols() != len(want[0]) {
			t.Errorf("table %d is %d×%d, want %d×%d", gt.Loc.Table, gt.Rows(), gt.Cols(), len(want), len(want[0]))
			continue
		}
		for r := range want {
			for c := range want[r] {
				gc := gt.Grid[r][c]
				if squash(gc.Text) != squash(want[r][c]) {
					t.Errorf("table %d row %d col %d (%s) = %q, want %q", gt.Loc.Table, r+1, c+1, gc.Loc, gc.Text, want[r][c])
				}
				if gc.Loc.Page < 1 || gc.Loc.Row != r+1 || gc.Loc.Col != c+1 {
					t.Errorf("table %d row %d col %d has location %+v", gt.Loc.Table, r+1, c+1, gc.Loc)
				}
			}
		}
	}
}

// visible returns a grid's texts as a reader can see them: a column (row)
// that no cell starts at has no line before it on the page, so it is one
// with its neighbour. (表二's value columns share a grid of six units.)
func visible(tb *source.Table) [][]string {
	var rows, cols []int
	for r := range tb.Rows() {
		for c := range tb.Cols() {
			if tb.Grid[r][c].OriginRow == r && !slices.Contains(rows, r) {
				rows = append(rows, r)
			}
			if tb.Grid[r][c].OriginCol == c && !slices.Contains(cols, c) {
				cols = append(cols, c)
			}
		}
	}
	slices.Sort(cols)
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range cols {
			out[i] = append(out[i], tb.Grid[r][c].Text)
		}
	}
	return out
}

// TestRoundTrip: the seed (2019 format, 表三 on one page) and the 2021
// example (表三 continued on the next page with its header repeated) come
// back from nianbao's own PDFs block for block and cell for cell.
func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"seed-2020.json", "example-2021.json"} {
		t.Run(name, func(t *testing.T) {
			d, pdf := rendered(t, name)
			got, err := Read(context.Background(), pdf, source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, got, expected(t, d))
			if got.Title != d.Title || got.Meta["Author"] != d.Author {
				t.Errorf("title %q, author %q; want %q, %q", got.Title, got.Meta["Author"], d.Title, d.Author)
			}
			if got.Kind != source.PDF {
				t.Errorf("kind %q", got.Kind)
			}
		})
	}
}

// TestEncrypted: a PDF that needs a password is refused; one protected only
// by an owner password (it opens without asking) is read.
func TestEncrypted(t *testing.T) {
	d, pdf := rendered(t, "seed-2020.json")
	encrypt := func(conf *model.Configuration) []byte {
		var out bytes.Buffer
		if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
			t.Fatalf("encrypt: %v", err)
		}
		return out.Bytes()
	}
	for _, tt := range []struct {
		name string
		conf *model.Configuration
	}{
		{"AES-256 user password", model.NewAESConfiguration("secret", "owner", 256)},
		{"AES-128 user password", model.NewAESConfiguration("secret", "owner", 128)},
		{"RC4 user password", model.NewRC4Configuration("secret", "owner", 128)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), encrypt(tt.conf), source.DefaultLimits)
			if r := refusal(t, err); r.Code != source.Encrypted || !strings.Contains(r.Reason, "密码") {
				t.Fatalf("refusal %s %q, want %s", r.Code, r.Reason, source.Encrypted)
			}
		})
	}
	for _, tt := range []struct {
		name string
		conf *model.Configuration
	}{
		{"AES-256 owner password only", model.NewAESConfiguration("", "owner", 256)},
		{"RC4 owner password only", model.NewRC4Configuration("", "owner", 128)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(context.Background(), encrypt(tt.conf), source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, got, expected(t, d))
		})
	}
}

func ExampleRead() {
	pdf := testDoc{pages: []string{
		drawText(72, 100, 16, "二、主动公开政府信息情况") +
			drawText(96, 125, 12, "本年度主动公开情况见下表。") +
			ruledTable(72, 140, 20, []float64{150, 80}, [][]string{{"信息内容", "本年处理决定数量"}, {"行政许可", "268"}}),
	}}.build()
	doc, err := Read(context.Background(), pdf, source.DefaultLimits)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range doc.Blocks {
		if b.Kind == source.TableBlock {
			for r := range b.Table.Rows() {
				fmt.Println(b.Table.Texts(r), b.Table.Grid[r][1].Loc)
			}
			continue
		}
		fmt.Println(b.Kind, b.Text, b.Loc)
	}
	// Output:
	// heading 二、主动公开政府信息情况 第1页
	// paragraph 本年度主动公开情况见下表。 第1页
	// [信息内容 本年处理决定数量] 第1页 表1 第1行第2列
	// [行政许可 268] 第1页 表1 第2行第2列
}
