package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/localstack/stacktest"
)

const testdata = "../../testdata/"

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

type jsonResult struct {
	File     string `json:"file"`
	Valid    *bool  `json:"valid"`
	Findings []struct {
		Rule, Severity, Path, Message string
	} `json:"findings"`
}

func decodeLines(t *testing.T, out string) []jsonResult {
	t.Helper()
	var res []jsonResult
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r jsonResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if r.Valid == nil || r.Findings == nil {
			t.Fatalf("line %q lacks valid or findings", sc.Text())
		}
		res = append(res, r)
	}
	return res
}

func TestValidateJSON(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantCode  int
		wantValid []bool
		wantRule  string // a rule the last file's findings must hold
	}{
		{"seed is valid with warnings", []string{testdata + "seed-2020.json"}, exitOK, []bool{true}, "S4"},
		{"flags after the file", []string{testdata + "example-2021.json", "--json"}, exitOK, []bool{true}, ""},
		{"identity broken", []string{testdata + "fixtures/H1.json"}, exitFindings, []bool{false}, "H1"},
		{"not JSON", []string{testdata + "fixtures/syntax.json"}, exitUsage, []bool{false}, "syntax"},
		{"missing file", []string{testdata + "no-such-file.json"}, exitUsage, []bool{false}, "syntax"},
		{"several files, worst code wins", []string{testdata + "seed-2020.json", testdata + "fixtures/H2.json"}, exitFindings, []bool{true, false}, "H2"},
		{"previous year", []string{"--previous", testdata + "fixtures/S1-previous.json", testdata + "example-2021.json"}, exitOK, []bool{true}, "S1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"validate", "--json"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr %s", code, tt.wantCode, errOut)
			}
			res := decodeLines(t, out)
			if len(res) != len(tt.wantValid) {
				t.Fatalf("%d JSON objects, want %d:\n%s", len(res), len(tt.wantValid), out)
			}
			for i, r := range res {
				if *r.Valid != tt.wantValid[i] {
					t.Errorf("%s: valid %v, want %v", r.File, *r.Valid, tt.wantValid[i])
				}
			}
			if tt.wantRule == "" {
				return
			}
			for _, f := range res[len(res)-1].Findings {
				if f.Rule == tt.wantRule {
					return
				}
			}
			t.Errorf("findings %+v lack rule %s", res[len(res)-1].Findings, tt.wantRule)
		})
	}
}

func TestValidateTable(t *testing.T) {
	code, out, _ := runCLI(t, "validate", testdata+"fixtures/H1.json")
	if code != exitFindings {
		t.Errorf("exit code %d, want %d", code, exitFindings)
	}
	for _, want := range []string{"未通过", "四、结转下年度继续办理", "自然人", "H1", "错误"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"validate"}, {"render"}, {"validate", "--bogus", "x.json"}} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("nianbao %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestRender(t *testing.T) {
	out := filepath.Join(t.TempDir(), "seed.pdf")
	if code, _, errOut := runCLI(t, "render", testdata+"seed-2020.json", "-o", out); code != exitOK {
		t.Fatalf("render seed: exit %d: %s", code, errOut)
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output %s is not a PDF: %v", out, err)
	}

	refused := filepath.Join(t.TempDir(), "glyph.pdf")
	code, _, errOut := runCLI(t, "render", testdata+"fixtures/glyph.json", "-o", refused)
	if code != exitFindings || !strings.Contains(errOut, "U+2B5AE") {
		t.Errorf("render of a report with a non-BMP character: exit %d, stderr %s; want exit %d naming U+2B5AE", code, errOut, exitFindings)
	}
	if _, err := os.Stat(refused); !os.IsNotExist(err) {
		t.Errorf("a refused render left %s behind", refused)
	}
}

func TestArchiveAndVerify(t *testing.T) {
	data := t.TempDir()
	a, err := app.Open(context.Background(), dataEnv(data), stacktest.WithRenderer(t))
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(testdata + "seed-2020.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Registry.Submit(context.Background(), seed); err != nil {
		t.Fatal(err)
	}
	bagPath := filepath.Join(t.TempDir(), "2020.zip")
	if code, out, errOut := runCLI(t, "archive", "--year", "2020", "--data", data, "-o", bagPath); code != exitOK || !strings.Contains(out, "1 份年报") {
		t.Fatalf("archive: exit %d, %s %s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "verify", bagPath); code != exitOK || !strings.Contains(out, "完好") {
		t.Fatalf("verify of a fresh bag: exit %d, %s", code, out)
	}
	if code, _, _ := runCLI(t, "archive", "--year", "2021", "--data", data, "-o", filepath.Join(t.TempDir(), "none.zip")); code != exitFindings {
		t.Errorf("archive of a year without reports: exit %d, want %d", code, exitFindings)
	}

	zip, err := os.ReadFile(bagPath)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(zip, []byte("%PDF-"))
	zip[i+100] ^= 0xff // one byte of the stored PDF
	corrupt := filepath.Join(t.TempDir(), "corrupt.zip")
	if err := os.WriteFile(corrupt, zip, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCLI(t, "verify", corrupt); code != exitFindings || !strings.Contains(out, "report.pdf") {
		t.Errorf("verify of a corrupted bag: exit %d, %s; want %d naming report.pdf", code, out, exitFindings)
	}
}
