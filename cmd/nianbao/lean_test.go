package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The CLI links no package whose initialisation would cost every command
// its start-up: `nianbao render` is meant to start in a few milliseconds.
// excelize alone took ~5 ms and 21,000 allocations at each start
// (GODEBUG=inittrace=1); the workbooks are written by shared/xlsxwrite and
// read by shared/source/xlsx.
func TestCLILinksNoHeavyInitialisers(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := map[string]bool{}
	for _, d := range strings.Fields(string(out)) {
		deps[d] = true
	}
	for pkg, why := range map[string]string{
		"github.com/xuri/excelize/v2": "the spreadsheet library (test-only: xlsxwrite writes, source/xlsx reads)",
	} {
		if deps[pkg] {
			t.Errorf("the CLI links %s: %s", pkg, why)
		}
	}
	if !deps["github.com/nianbao/nianbao/shared/xlsxwrite"] {
		t.Error("the CLI no longer links shared/xlsxwrite: is the export still served by nianbao serve?")
	}
}
