package bag

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden pins the tag files, the index and the zip's SHA-256 of a
// small bag. A change here changes every archive's bytes; regenerate with
// go test ./shared/bag -run TestGolden -update and review the diff.
func TestGolden(t *testing.T) {
	zipped, sum := buildBag(t, testInfo(), fakeReports(2, 500, 300))
	var b strings.Builder
	b.WriteString("# zip sha256 " + sum.SHA256 + ", " + sum.PayloadOxum + "\n")
	for _, e := range unzip(t, zipped) {
		b.WriteString("== " + e.name + "\n")
		if filepath.Ext(e.name) == ".txt" || filepath.Ext(e.name) == ".csv" {
			b.Write(e.body)
		}
	}
	got := b.String()
	path := filepath.Join("testdata", "small.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("bag differs from %s (run with -update after checking):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
