package ingest

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

// golden is what a person transcribed from one document of ../shared/corpus
// (testdata/import/*.json): never generated from the importer's output.
type golden struct {
	Document      string `json:"document"` // path inside ../shared
	About         string `json:"about"`
	FormatVersion string `json:"formatVersion"`
	ReportYear    int    `json:"reportYear"`
	Agency        string `json:"agency"`
	Title         string `json:"title"`
	// Rows holds each row's cells in column order: "12" must be read as
	// 12; "~12" must be read as 12 and flagged; "?" must stay unset and be
	// flagged with an error.
	Rows map[string][]string `json:"rows"`
	// Rest is every cell of the rows not in Rows; "" requires every row.
	Rest string `json:"rest"`
	// Sections are each section's first and last characters; a section not
	// listed must be empty.
	Sections map[string][2]string `json:"sections"`
	// Validator lists "rule path" findings the validator must report: the
	// published errors that reach it unchanged.
	Validator []string `json:"validator"`
}

func loadGoldens(t *testing.T) map[string]golden {
	t.Helper()
	dir := testkit.Path(t, "testdata", "import")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]golden{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		var g golden
		data := testkit.Testdata(t, filepath.Join("import", e.Name()))
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		out[e.Name()] = g
	}
	return out
}

// TestCorpusCovered makes sure every document of the corpus has its golden.
func TestCorpusCovered(t *testing.T) {
	root := testkit.SharedPath(t, "corpus")
	covered := map[string]bool{}
	for _, g := range loadGoldens(t) {
		covered[g.Document] = true
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "README.md" {
			return err
		}
		rel, _ := filepath.Rel(filepath.Dir(root), path)
		if !covered[filepath.ToSlash(rel)] {
			t.Errorf("%s has no golden in testdata/import", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCorpus(t *testing.T) {
	for name, g := range loadGoldens(t) {
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			data := testkit.Shared(t, g.Document)
			res, err := Import(context.Background(), data, Options{Name: g.Document})
			if err != nil {
				t.Fatal(err)
			}
			if r := res.Refusal(); r != nil {
				t.Fatalf("refused: %v", r)
			}
			checkGolden(t, g, res)
		})
	}
}

func checkGolden(t *testing.T, g golden, res *Result) {
	t.Helper()
	d := res.Draft()
	if string(d.FormatVersion) != g.FormatVersion || d.ReportYear != g.ReportYear || d.Agency.Name != g.Agency || d.Title != g.Title {
		t.Errorf("metadata %s, %d, %q, %q; want %s, %d, %q, %q",
			d.FormatVersion, d.ReportYear, d.Agency.Name, d.Title, g.FormatVersion, g.ReportYear, g.Agency, g.Title)
	}
	flagged := map[string]report.Severity{}
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Rule, "import-") {
			continue
		}
		for _, p := range append([]string{f.Path}, f.Related...) {
			if flagged[p] != report.Error {
				flagged[p] = f.Severity
			}
		}
	}
	l := d.Layout()
	row, col := "", 0
	for _, spec := range l.Cells() {
		r := spec.Path[:strings.LastIndexByte(spec.Path, '.')]
		if r != row {
			row, col = r, 0
		} else {
			col++
		}
		want := g.Rest
		if cells, ok := g.Rows[row]; ok {
			if col >= len(cells) {
				t.Fatalf("golden row %s has %d cells; the layout has more", row, len(cells))
			}
			want = cells[col]
		}
		if want == "" {
			t.Errorf("golden lacks row %s", row)
			continue
		}
		got, _ := d.Cell(spec.Path)
		prov := res.Provenance[spec.Path]
		where := l.Describe(spec.Path)
		switch {
		case want == "?":
			if got.State != report.Absent {
				t.Errorf("%s: read %s (%s from %s), want it unset", where, got, prov.Method, prov.Source)
			} else if flagged[spec.Path] != report.Error {
				t.Errorf("%s: unset without an import error finding", where)
			}
		case strings.HasPrefix(want, "~"):
			if got.String() != want[1:] {
				t.Errorf("%s = %q (%s), want %s", where, got, prov.Method, want[1:])
			} else if _, ok := flagged[spec.Path]; !ok {
				t.Errorf("%s = %s (%s), right but not flagged", where, got, prov.Method)
			}
		default:
			if got.String() != want {
				t.Errorf("%s = %q (%s from %s: %q), want %s", where, got, prov.Method, prov.Source, prov.Text, want)
			}
		}
	}
	for _, f := range report.TextFields {
		key, ok := strings.CutPrefix(f.Path, "sections.")
		if !ok {
			continue
		}
		text := f.Get(d)
		want, listed := g.Sections[key]
		switch {
		case !listed && text != "":
			t.Errorf("%s should be empty, has %q", f.Label, clipText(text))
		case listed && (!strings.HasPrefix(text, want[0]) || !strings.HasSuffix(text, want[1])):
			t.Errorf("%s = %q…%q, want %q…%q", f.Label, clipText(text), tail(text), want[0], want[1])
		}
	}
	for _, v := range g.Validator {
		if !slices.ContainsFunc(res.Findings, func(f report.Finding) bool { return f.Rule+" "+f.Path == v }) {
			t.Errorf("the validator did not report %s", v)
		}
	}
}

func clipText(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 20)])
}

func tail(s string) string {
	r := []rune(s)
	return string(r[max(0, len(r)-20):])
}
