package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/import-seed.txt")

// importResult is `nianbao import --json`'s object.
type importResult struct {
	File       string          `json:"file"`
	Kind       string          `json:"kind"`
	Report     json.RawMessage `json:"report"`
	Findings   []report.Finding
	Provenance map[string]struct{ Method, Source, Text string }
}

func decodeImports(t *testing.T, out string) []importResult {
	t.Helper()
	var res []importResult
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var raw map[string]json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("output is not JSON objects: %v\n%s", err, out)
		}
		var keys []string
		for k := range raw {
			keys = append(keys, k)
		}
		if len(raw) != 5 || raw["file"] == nil || raw["kind"] == nil || raw["report"] == nil || raw["findings"] == nil || raw["provenance"] == nil {
			t.Fatalf("object has keys %v, want file, kind, report, findings, provenance", keys)
		}
		b, _ := json.Marshal(raw)
		var r importResult
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		res = append(res, r)
	}
	return res
}

func hasFinding(fs []report.Finding, rule, path string) bool {
	for _, f := range fs {
		if f.Rule == rule && (path == "" || f.Path == path) {
			return true
		}
	}
	return false
}

func TestImportJSON(t *testing.T) {
	seed := testkit.SharedPath(t, "seed/000_b595ca60544e1bdc.txt")
	code, out, errOut := runCLI(t, "import", "--json", seed)
	if code != exitFindings {
		t.Errorf("exit %d, want %d (no credit code): %s", code, exitFindings, errOut)
	}
	res := decodeImports(t, out)
	if len(res) != 1 {
		t.Fatalf("%d objects for one file", len(res))
	}
	r := res[0]
	if r.File != seed || r.Kind != "text" || !hasFinding(r.Findings, report.RuleRequired, "agency.creditCode") {
		t.Errorf("file %q kind %q findings %v", r.File, r.Kind, r.Findings)
	}
	if p := r.Provenance["table2.art20_5.licensing.decisions"]; p.Method != "label-matched" || p.Text != "268" || p.Source == "" {
		t.Errorf("provenance %+v", p)
	}
	draft, _ := report.Decode(r.Report)
	if draft == nil {
		t.Fatal("the report does not decode")
	}
	if c, _ := draft.Cell("table2.art20_9.centralizedProcurement.procurementTotalAmount"); c.String() != "768" {
		t.Errorf("amount %q", c)
	}
}

// TestImportExitCodes: 0 for a valid draft, 1 for error findings, 2 for a
// file that is not a report (still with a finding), the worst of several.
func TestImportExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	binary := write("scan.png", "\x89PNG\r\n\x1a\n....")
	notice := write("notice.txt", "会议通知：请各单位于周五下午参加培训。")
	seed := testkit.SharedPath(t, "seed/000_b595ca60544e1bdc.txt")
	tests := []struct {
		name  string
		files []string
		code  int
		rules []string // the rule of a finding of each file
	}{
		{"an image", []string{binary}, exitUsage, []string{"import-refused"}},
		{"not a report", []string{notice}, exitUsage, []string{"import-refused"}},
		{"a missing file", []string{filepath.Join(dir, "none.txt")}, exitUsage, []string{"import-refused"}},
		{"a draft with errors and a refusal", []string{seed, binary}, exitUsage, []string{"required", "import-refused"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := runCLI(t, append([]string{"import", "--json"}, tt.files...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			res := decodeImports(t, out)
			if len(res) != len(tt.files) {
				t.Fatalf("%d objects for %d files", len(res), len(tt.files))
			}
			for i, r := range res {
				if !hasFinding(r.Findings, tt.rules[i], "") {
					t.Errorf("%s: findings %v lack %s", r.File, r.Findings, tt.rules[i])
				}
				if tt.rules[i] == "import-refused" && string(r.Report) != "null" {
					t.Errorf("a refused file has a report: %s", r.Report)
				}
			}
		})
	}
}

// TestImportDraft writes the draft with -o, completes it as a person would
// (the credit code and region the text does not print) and validates it.
func TestImportDraft(t *testing.T) {
	seed := testkit.SharedPath(t, "seed/000_b595ca60544e1bdc.txt")
	out := filepath.Join(t.TempDir(), "seed-draft.json")
	if code, _, errOut := runCLI(t, "import", "-o", out, seed); code != exitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o644 {
		t.Errorf("draft mode %v, want 0644", info.Mode().Perm())
	}
	draft, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(draft, &doc); err != nil {
		t.Fatalf("the draft is not JSON: %v", err)
	}
	agency := doc["agency"].(map[string]any)
	agency["creditCode"], agency["region"] = "11410303MB0000001X", "河南省洛阳市西工区"
	completed, _ := json.Marshal(doc)
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, completed, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCLI(t, "validate", path); code != exitOK {
		t.Errorf("the completed draft does not validate: exit %d\n%s", code, out)
	}
	want, _ := os.ReadFile(testdata + "seed-2020.json")
	w, _ := report.Decode(want)
	g, _ := report.Decode(completed)
	if !bytes.Equal(g.Canonical(), w.Canonical()) {
		t.Errorf("the completed draft differs from testdata/seed-2020.json")
	}
}

func TestImportUsage(t *testing.T) {
	for _, args := range [][]string{{"import"}, {"import", "-o", "x.json", "a.txt", "b.txt"}, {"import", "--bogus", "a.txt"}} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("nianbao %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestImportSummary compares the Chinese summary of the seed's import with
// testdata/golden/import-seed.txt (go test -update rewrites it).
func TestImportSummary(t *testing.T) {
	seed := testkit.SharedPath(t, "seed/000_b595ca60544e1bdc.txt")
	_, out, _ := runCLI(t, "import", seed)
	out = strings.ReplaceAll(out, seed, "seed.txt")
	golden := filepath.Join(testdata, "golden", "import-seed.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("summary differs from %s (go test -update rewrites it):\n%s", golden, out)
	}
}
