package reportpdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

var renderer = sync.OnceValues(render.New)

func decode(t testing.TB, name string) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, name))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("decode %s: %v", name, fs)
	}
	return r
}

func renderPDF(t testing.TB, r *report.Report) []byte {
	t.Helper()
	rr, err := renderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rr.Render(context.Background(), &buf, Document(r)); err != nil {
		t.Fatalf("render: %v", err)
	}
	return buf.Bytes()
}

var (
	whitespace = regexp.MustCompile(`\s+`)
	pageFooter = regexp.MustCompile(`(?m)^— \d+ —$`)
)

// extractText returns the PDF's text in drawing order with page footers and
// all whitespace removed, so that text broken across lines and pages compares
// with the source.
func extractText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command(testkit.Tool(t, "pdftotext"), "-raw", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return whitespace.ReplaceAllString(pageFooter.ReplaceAllString(string(out), ""), "")
}

// TestTextRoundTrip: every paragraph, heading and table label of the report
// comes back from the PDF exactly, with no character lost at a line break.
func TestTextRoundTrip(t *testing.T) {
	long := decode(t, "seed-2020.json")
	for _, p := range []*string{&long.Sections.Overview, &long.Sections.ProblemsAndImprovements, &long.Sections.OtherMatters} {
		*p = strings.Repeat(*p+"\n", 19) + *p
	}
	cases := map[string]*report.Report{
		"seed-2020":      decode(t, "seed-2020.json"),
		"example-2021":   decode(t, "example-2021.json"),
		"seed prose x20": long,
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			text := extractText(t, renderPDF(t, r))
			var want []string
			want = append(want, r.DisplayTitle())
			want = append(want, report.SectionHeadings[:]...)
			for _, s := range r.Sections.InOrder() {
				for p := range strings.SplitSeq(s, "\n") {
					want = append(want, p)
				}
			}
			want = append(want, labels(r.Layout())...)
			for _, w := range want {
				if w = whitespace.ReplaceAllString(w, ""); w != "" && !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
		})
	}
}

// labels lists every label the format prints in the three tables.
func labels(l *report.Layout) []string {
	out := []string{table3Corner, "申请人情况", "法人或其他组织", "信息内容"}
	for _, st := range l.Table2 {
		out = append(out, st.Caption)
		for _, r := range st.Rows {
			out = append(out, r.Label)
		}
		for _, c := range st.Columns {
			out = append(out, c.Label)
		}
	}
	for _, r := range l.Table3.Rows {
		out = append(out, r.Level1, r.Level2, r.Level3)
	}
	for _, c := range l.Table3.Columns {
		out = append(out, c.Label)
	}
	for _, g := range l.Table4.Groups {
		out = append(out, g.Label, g.Group)
	}
	for _, c := range l.Table4.Columns {
		out = append(out, c.Label)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	r := decode(t, "example-2021.json")
	if a, b := renderPDF(t, r), renderPDF(t, r.Clone()); !bytes.Equal(a, b) {
		t.Error("two renders of the same report differ")
	}
}

// The PDF is PDF/A-2, which admits no attachment but a PDF/A file: the
// canonical JSON is filed beside it (report.json) and in the yearly bag.
func TestNoAttachment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, renderPDF(t, decode(t, "seed-2020.json")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(testkit.Tool(t, "pdfdetach"), "-list", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfdetach: %v: %s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "0 embedded files" {
		t.Errorf("pdfdetach -list = %q, want no embedded files", got)
	}
}
