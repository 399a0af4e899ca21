package reportpdf

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/shared/render"
)

var update = flag.Bool("update", false, "record the renderer version and the seed PDF's SHA-256 in testdata")

// pdfGolden ties a renderer version to the bytes it makes of the seed report.
type pdfGolden struct {
	Renderer string `json:"renderer"`
	SHA256   string `json:"sha256"`
	Size     int    `json:"size"`
}

const goldenPath = "testdata/seed-2020.pdf.json"

// TestVersionGolden fails when the seed report's PDF changes while
// render.Version stays the same: manifests record the renderer version, so
// a version must always mean the same bytes. After a change, bump
// render.Version, then run go test -update, which records the new pair and
// refuses to record new bytes under an old version.
func TestVersionGolden(t *testing.T) {
	pdf := renderPDF(t, decode(t, "seed-2020.json"))
	sum := sha256.Sum256(pdf)
	got := pdfGolden{Renderer: render.Version, SHA256: hex.EncodeToString(sum[:]), Size: len(pdf)}

	var want pdfGolden
	data, err := os.ReadFile(goldenPath)
	if err == nil {
		err = json.Unmarshal(data, &want)
	}
	if err != nil && !*update {
		t.Fatalf("%s: %v (run go test -update to record it)", goldenPath, err)
	}
	if got == want {
		return
	}
	sameVersion := got.Renderer == want.Renderer
	if *update {
		if sameVersion && got.SHA256 != want.SHA256 {
			t.Fatalf("the seed PDF changed (%s → %s) but render.Version is still %s: bump it, then run -update",
				want.SHA256[:12], got.SHA256[:12], got.Renderer)
		}
		out, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(goldenPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenPath, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if sameVersion {
		t.Fatalf("the seed PDF changed without a renderer version bump: %s makes %s (%d bytes), %s records %s (%d bytes); bump render.Version, then run go test -update",
			got.Renderer, got.SHA256, got.Size, goldenPath, want.SHA256, want.Size)
	}
	t.Fatalf("render.Version is %s, %s records %s: run go test -update to record the new version's bytes", got.Renderer, goldenPath, want.Renderer)
}
