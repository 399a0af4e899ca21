package render_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/render/pdfcheck"
	"github.com/nianbao/nianbao/shared/testkit"
)

var renderer = sync.OnceValues(render.New)

// writeFile renders doc into a temporary file and returns its path.
func writeFile(t *testing.T, doc *render.Document) string {
	t.Helper()
	r, err := renderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var folio = regexp.MustCompile(`—\s*\d+\s*—`)

// TestStructureTree reads the structure tree back with poppler: every
// title, heading, paragraph, caption and table cell is there once, in
// reading order, with its type and table attributes; page numbers and the
// header and spanning labels repeated after a page break are not. Only the
// seed document: poppler takes about 25 ms per element (8 s here).
func TestStructureTree(t *testing.T) {
	for name, doc := range map[string]*render.Document{"seed": render.SeedDocument(t)} {
		t.Run(name, func(t *testing.T) {
			root := pdfcheck.Structure(t, writeFile(t, doc))
			if len(root.Kids) != 1 || root.Kids[0].Type != "Document" {
				t.Fatalf("structure tree root holds %d elements, want one Document", len(root.Kids))
			}
			for _, d := range pdfcheck.Compare(root, pdfcheck.FromDocument(doc)) {
				t.Error(d)
			}
			root.Walk(func(e *pdfcheck.Elem) {
				if folio.MatchString(e.Text) {
					t.Errorf("%s holds a page number: %q", e.Type, e.Text)
				}
			})
			for _, tr := range root.Find("TR") {
				if p := tr.Parent.Type; p != "THead" && p != "TBody" {
					t.Errorf("TR inside %s", p)
				}
			}
		})
	}
}

// TestMarkedContent runs the pikepdf checker (pdfcheck/markedcontent.py) on
// the renderer's output, and on broken copies it must reject: the first tag
// removed from the content stream, a Headers attribute naming no cell.
func TestMarkedContent(t *testing.T) {
	for name, doc := range map[string]*render.Document{"seed": render.SeedDocument(t), "long": render.LongDocument(t)} {
		t.Run(name, func(t *testing.T) {
			problems, summary := pdfcheck.MarkedContent(t, writeFile(t, doc))
			for _, p := range problems {
				t.Error(p)
			}
			t.Log(summary)
		})
	}
	for _, tt := range []struct {
		name, old, new string
		want           []string
	}{
		{"untagged title", "/H1 <</MCID 0>> BDC\n", "",
			[]string{"page 1: Tj outside marked content", "page 1: MCID 0 is in the structure tree but not in the content"}},
		{"unknown header", "/Headers [\n      (H", "/Headers [\n      (X",
			[]string{"which the IDTree lacks"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			problems, _ := pdfcheck.MarkedContent(t, mutated(t, render.SeedDocument(t), tt.old, tt.new))
			joined := strings.Join(problems, "\n")
			for _, want := range tt.want {
				if !strings.Contains(joined, want) {
					t.Errorf("checker output lacks %q:\n%s", want, joined)
				}
			}
		})
	}
}

// mutated renders doc, rewrites it uncompressed (qpdf --qdf), replaces the
// first old with new, repairs the offsets (fix-qdf) and returns the path.
func mutated(t *testing.T, doc *render.Document, old, new string) string {
	t.Helper()
	qpdf := testkit.Tool(t, "qpdf")
	fix := testkit.Tool(t, "fix-qdf")
	dir := t.TempDir()
	qdf := filepath.Join(dir, "qdf.pdf")
	if out, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", writeFile(t, doc), qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(old)) {
		t.Fatalf("no %q in the QDF file", old)
	}
	cmd := exec.Command(fix)
	cmd.Stdin = bytes.NewReader(bytes.Replace(raw, []byte(old), []byte(new), 1))
	broken, err := cmd.Output()
	if err != nil {
		t.Fatalf("fix-qdf: %v", err)
	}
	path := filepath.Join(dir, "broken.pdf")
	if err := os.WriteFile(path, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfA1Only are the Preflight findings that only say the file is not
// PDF/A-1: PDF/A-2 allows cross-reference streams, and the file claims
// part 2.
var pdfA1Only = []string{"1.4", "7.11.2"}

// TestPreflight validates with PDFBox Preflight, a PDF/A-1b validator.
// What it checks that still holds in PDF/A-2 (syntax, fonts embedded with
// widths and CIDSet, the output intent, XMP well-formed and agreeing with
// Info) must pass; it knows nothing of PDF/A-2's own rules, tags or PDF/UA.
// A changed conformance letter in the XMP shows that it reads the file.
func TestPreflight(t *testing.T) {
	path := writeFile(t, render.SeedDocument(t))
	for _, f := range pdfcheck.Preflight(t, path) {
		if !slices.Contains(pdfA1Only, f.Code) {
			t.Errorf("preflight: %s : %s", f.Code, f.Message)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.pdf")
	// Same length, so no offset moves.
	raw = bytes.Replace(raw, []byte("<pdfaid:conformance>A<"), []byte("<pdfaid:conformance>X<"), 1)
	if err := os.WriteFile(bad, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, f := range pdfcheck.Preflight(t, bad) {
		codes = append(codes, f.Code)
	}
	if !slices.Contains(codes, "7.11.1") {
		t.Errorf("preflight of a file claiming conformance X: findings %v, want 7.11.1", codes)
	}
}

// Small documents for the cases the seed lacks: a subheading with no table
// after it (a paragraph), blocks given by pointer, a header spanning rows,
// an empty cell (no content, still a TD).
func TestStructureTreeCases(t *testing.T) {
	table := &render.Table{
		Widths: []float64{2, 1, 1},
		Header: [][]render.Cell{{{Text: "项目", RowSpan: 2}, {Text: "数量", ColSpan: 2}}, {{Text: "甲"}, {Text: "乙"}}},
		Body:   [][]render.Cell{{{Text: "行一", RowHeader: true}, {Text: "1"}, {Text: ""}}},
	}
	for name, doc := range map[string]*render.Document{
		"subheading alone": {Title: "标题", Blocks: []render.Block{render.Subheading{Text: "小标题"}, render.Paragraph{Text: "正文。"}}},
		"pointers":         {Title: "标题", Blocks: []render.Block{&render.Heading{Text: "一、表"}, &render.Subheading{Text: "表一"}, table}},
	} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, doc)
			for _, d := range pdfcheck.Compare(pdfcheck.Structure(t, path), pdfcheck.FromDocument(doc)) {
				t.Error(d)
			}
			problems, _ := pdfcheck.MarkedContent(t, path)
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}
