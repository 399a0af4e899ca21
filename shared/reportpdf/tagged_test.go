package reportpdf

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/render/pdfcheck"
	"github.com/nianbao/nianbao/shared/report"
)

// TestTaggedStructure walks the structure tree of the seed report's PDF as
// poppler reads it: every paragraph and every table cell of the report is
// there, in reading order (the title, each heading with its paragraphs, then
// its tables' header and body cells row by row), with the merged headers'
// spans and scopes; every figure of the report is a TD, in the layout's
// order, naming its headers; and no page number is.
func TestTaggedStructure(t *testing.T) {
	r := decode(t, "seed-2020.json")
	path := filepath.Join(t.TempDir(), "seed.pdf")
	if err := os.WriteFile(path, renderPDF(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	root := pdfcheck.Structure(t, path)
	for _, d := range pdfcheck.Compare(root, pdfcheck.FromDocument(Document(r))) {
		t.Error(d)
	}

	var paragraphs, want []string
	for _, p := range root.Find("P") {
		paragraphs = append(paragraphs, p.Text)
	}
	for _, s := range r.Sections.InOrder() {
		for p := range strings.SplitSeq(s, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				want = append(want, whitespace.ReplaceAllString(p, ""))
			}
		}
	}
	if got := whitespace.ReplaceAllString(strings.Join(paragraphs, "\n"), ""); got != strings.Join(want, "") {
		t.Errorf("the P elements are not the report's paragraphs in order:\n got %.300q\nwant %.300q", got, strings.Join(want, ""))
	}

	var values []string
	for _, td := range root.Find("TD") {
		values = append(values, td.Text)
	}
	l := r.Layout()
	if len(values) != len(l.Cells()) {
		t.Fatalf("%d TD elements, want one per figure of the report: %d", len(values), len(l.Cells()))
	}
	for i, spec := range l.Cells() {
		if want := r.CellAt(i).String(); values[i] != want {
			t.Errorf("TD %d = %q, want %s (%s) = %q", i+1, values[i], spec.Path, l.Describe(spec.Path), want)
		}
	}

	folio := regexp.MustCompile(`—\s*\d+\s*—`)
	root.Walk(func(e *pdfcheck.Elem) {
		if folio.MatchString(e.Text) {
			t.Errorf("%s holds a page number: %q", e.Type, e.Text)
		}
	})
	for _, h := range []struct {
		text  string
		attrs string
	}{
		{table3Corner, "map[ColSpan:3 RowSpan:3 Scope:Column]"},
		{"申请人情况", "map[ColSpan:7 Scope:Column]"},
		{"法人或其他组织", "map[ColSpan:5 Scope:Column]"},
		{"三、本年度办理结果", "map[RowSpan:20 Scope:Row]"},
		{"行政诉讼", "map[ColSpan:10 Scope:Column]"},
	} {
		found := false
		for _, th := range root.Find("TH") {
			if th.Text == h.text {
				found = true
				attrs := maps.Clone(th.Attrs)
				delete(attrs, "Headers") // checkHeaders
				if got := (pdfcheck.Expect{Attrs: attrs}).String(); !strings.HasSuffix(got, h.attrs) {
					t.Errorf("TH %q has attributes %v, want %s", h.text, th.Attrs, h.attrs)
				}
			}
		}
		if !found {
			t.Errorf("no TH %q", h.text)
		}
	}
	checkHeaders(t, r, root)
}

// checkHeaders: every figure of 表三 names its headers. The first row with
// three levels of labels, in the first column of 法人或其他组织, is under
// 申请人情况, the group and the column, and in the rows of its three labels.
func checkHeaders(t *testing.T, r *report.Report, root *pdfcheck.Elem) {
	t.Helper()
	t3 := r.Layout().Table3
	var row report.Row
	for _, rw := range t3.Rows {
		if rw.Level3 != "" {
			row = rw
			break
		}
	}
	var col report.Column
	for _, c := range t3.Columns {
		if c.Group != "" {
			col = c
			break
		}
	}
	var tr *pdfcheck.Elem
	for _, th := range root.Find("TH") {
		if th.Text == row.Level3 && th.Parent.Parent.Type == "TBody" {
			tr = th.Parent
		}
	}
	if tr == nil {
		t.Fatalf("no row headed %q", row.Level3)
	}
	tds := tr.Find("TD")
	if len(tds) != len(t3.Columns) {
		t.Fatalf("row %q has %d TDs, want %d", row.Level3, len(tds), len(t3.Columns))
	}
	var td *pdfcheck.Elem
	for i, c := range t3.Columns {
		if c.Key == col.Key {
			td = tds[i]
		}
	}
	want := []string{"申请人情况", col.Group, col.Label, row.Level1, row.Level2, row.Level3}
	if got := td.Headers(root); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headers of %s × %s = %q, want %q", col.Label, row.Level3, got, want)
	}
}

// TestMarkedContent checks both formats' reports with the pikepdf checker.
func TestMarkedContent(t *testing.T) {
	for _, name := range []string{"seed-2020.json", "example-2021.json"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "report.pdf")
			if err := os.WriteFile(path, renderPDF(t, decode(t, name)), 0o644); err != nil {
				t.Fatal(err)
			}
			problems, _ := pdfcheck.MarkedContent(t, path)
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}
