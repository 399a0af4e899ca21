package check

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestViolationsGolden pins the full report for a document with many faults:
// every fault is listed, once, in location order, with a readable message.
func TestViolationsGolden(t *testing.T) {
	doc := decodeTree(t, testkit.Testdata(t, example2021))
	for _, e := range []edit{
		set("x", "1"), set("y", "1"),
		del("agency.name"),
		set("agency.creditCode", "统一社会信用代码："+strings.Repeat("11330500MB1D58273F", 3)),
		set("sections.otherMatters", " \u3000"),
		graft("table2", seed2020),
		set("table3.newReceived.total", num("1.5")),
		set("table3.results.refused.stateSecret.otherOrg", num("-2")),
		set("table4.reconsideration.pending", nil),
		set("publishedOn", "2024-13-01"),
	} {
		e(t, doc)
	}
	err := Validate(encodeTree(t, doc))
	var serr *Error
	if !errors.As(err, &serr) {
		t.Fatalf("Validate(broken document) = %v, want *Error", err)
	}
	got := list(serr.Violations)

	golden := filepath.Join("testdata", "violations.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatalf("update golden: %v", err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("violations differ from %s (run go test -update if intended)\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}
