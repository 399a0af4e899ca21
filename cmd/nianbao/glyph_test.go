package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/testkit"
)

// A report with 㐀 (U+3400, CJK extension A: inside the BMP, outside the
// fonts' ranges) is refused alike by nianbao validate, nianbao render and the
// registry's check behind POST /reports and POST /reports/validate.
func TestUnprintableCharacterRefusedOnEveryPath(t *testing.T) {
	const who = "湖州市自然资源和规划局坚持"
	doc := bytes.Replace(testkit.Testdata(t, "example-2021.json"), []byte(who), []byte("湖州市自然资源和规划局（局长陈㐀）坚持"), 1)
	if !bytes.Contains(doc, []byte("㐀")) {
		t.Fatalf("example-2021.json no longer holds %q", who)
	}
	file := filepath.Join(t.TempDir(), "u3400.json")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	isU3400 := func(f report.Finding) bool {
		return f.Rule == report.RuleGlyph && f.Severity == report.Error && f.Path == "sections.overview" && f.Got == "㐀 U+3400"
	}

	t.Run("nianbao validate", func(t *testing.T) {
		code, out, errOut := runCLI(t, "validate", "--json", file)
		if code != exitFindings {
			t.Errorf("exit %d, want %d; stderr %s", code, exitFindings, errOut)
		}
		var res struct {
			Valid    bool             `json:"valid"`
			Findings []report.Finding `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("output %q: %v", out, err)
		}
		if res.Valid || countFunc(res.Findings, isU3400) != 1 {
			t.Errorf("valid %v, findings %+v; want invalid with the glyph error for U+3400", res.Valid, res.Findings)
		}
	})

	t.Run("nianbao render", func(t *testing.T) {
		pdf := filepath.Join(t.TempDir(), "u3400.pdf")
		code, _, errOut := runCLI(t, "render", file, "-o", pdf)
		if code != exitFindings || !strings.Contains(errOut, "U+3400") {
			t.Errorf("exit %d, stderr %s; want exit %d naming U+3400", code, errOut, exitFindings)
		}
		if _, err := os.Stat(pdf); !os.IsNotExist(err) {
			t.Errorf("a refused render wrote %s", pdf)
		}
	})

	t.Run("registry", func(t *testing.T) {
		st, err := fsstore.New(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		rnd, err := render.New()
		if err != nil {
			t.Fatal(err)
		}
		reg := registry.New(st, rnd)
		_, fs, err := reg.Check(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		if n := countFunc(fs, isU3400); n != 1 || !report.HasErrors(fs) {
			t.Errorf("Check findings %+v, want the glyph error for U+3400", fs)
		}
		_, err = reg.Submit(context.Background(), doc)
		var invalid *registry.InvalidError
		if !errors.As(err, &invalid) || countFunc(invalid.Findings, isU3400) != 1 {
			t.Errorf("Submit error %v, want an *InvalidError with the glyph error for U+3400", err)
		}
	})
}

func countFunc(fs []report.Finding, match func(report.Finding) bool) int {
	n := 0
	for _, f := range fs {
		if match(f) {
			n++
		}
	}
	return n
}
