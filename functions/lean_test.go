// Package functions_test checks what each Lambda function links: a function
// carries only what it serves, because every megabyte and every package
// initialisation is paid at each cold start.
package functions_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// heavy are packages a function links only when it needs them.
var heavy = map[string]string{
	"github.com/aws/aws-sdk-go-v2/service/lambda": "the Lambda client (the archive function invokes itself)",
	"github.com/santhosh-tekuri/jsonschema/v6":    "the schema validator (its init costs ~5 ms)",
	"github.com/xuri/excelize/v2":                 "excelize, whose initialisation costs ~5 ms (shared/xlsxwrite and shared/source/xlsx write and read the workbooks; excelize is for tests only)",
	"github.com/pdfcpu/pdfcpu/pkg/api":            "the PDF reader of imports",
	"github.com/nianbao/nianbao/shared/ingest":    "the import engine",
}

func TestFunctionsLinkOnlyWhatTheyNeed(t *testing.T) {
	allowed := map[string][]string{
		// POST /reports/import: +4.3 MB of binary, +4 ms to ready (docs/form.md).
		"upload":  {"github.com/nianbao/nianbao/shared/ingest", "github.com/pdfcpu/pdfcpu/pkg/api"},
		"index":   {}, // imports render for render.Version; the fonts are not linked (below)
		"archive": {"github.com/aws/aws-sdk-go-v2/service/lambda"},
		"office":  {},
		// The inbox imports every kind of file and files what it can, so it
		// carries the import engine and the fonts.
		"import": {"github.com/pdfcpu/pdfcpu/pkg/api", "github.com/nianbao/nianbao/shared/ingest"},
	}
	for fn, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "./"+fn).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps ./%s: %v\n%s", fn, err, out)
		}
		deps := strings.Fields(string(out))
		for pkg, what := range heavy {
			linked := false
			for _, d := range deps {
				linked = linked || d == pkg
			}
			want := false
			for _, p := range ok {
				want = want || p == pkg
			}
			if linked && !want {
				t.Errorf("the %s function links %s: %s", fn, pkg, what)
			}
		}
	}
}

// The read-only functions never construct a renderer, so neither the font
// parser nor the embedded fonts are in their binaries.
func TestReadOnlyFunctionsCarryNoFonts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	for _, fn := range []string{"index", "archive", "office"} {
		bin := filepath.Join(t.TempDir(), fn)
		if out, err := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, "./"+fn).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", fn, err, out)
		}
		out, err := exec.Command("go", "tool", "nm", bin).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool nm %s: %v", fn, err)
		}
		if strings.Contains(string(out), "shared/render.New") {
			t.Errorf("the %s function links render.New and with it the fonts", fn)
		}
	}
}
