package pdfcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// Finding is one error PDFBox Preflight reports, e.g. {"7.11.2", "Error on
// MetaData, part must be 1"}.
type Finding struct{ Code, Message string }

// preflightJars are Debian's libpdfbox2-java (Preflight, PDFBox, FontBox,
// XmpBox) and what Preflight needs on Java 17: commons-logging,
// javax.activation (libactivation-java) and JAXB (libjaxb-api-java).
var preflightJars = []string{"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"}

var findingRe = regexp.MustCompile(`^([0-9][0-9.]*) : (.*)$`)

// Preflight validates the PDF at path with PDFBox Preflight, which checks
// PDF/A-1b only (ISO 19005-1): it knows nothing of PDF/A-2, tags or PDF/UA.
// It returns Preflight's findings; none means a valid PDF/A-1b file.
func Preflight(t testing.TB, path string) []Finding {
	t.Helper()
	java := testkit.Tool(t, "java")
	var cp []string
	for _, j := range preflightJars {
		p := filepath.Join("/usr/share/java", j+".jar")
		if _, err := os.Stat(p); err != nil {
			if testkit.CI() {
				t.Fatalf("%s missing under CI (infra/deps.sh installs libpdfbox2-java, libactivation-java, libjaxb-api-java)", p)
			}
			t.Skipf("%s missing: apt-get install libpdfbox2-java libactivation-java libjaxb-api-java (skipping outside CI)", p)
		}
		cp = append(cp, p)
	}
	out, err := exec.Command(java, "-cp", strings.Join(cp, ":"), "org.apache.pdfbox.preflight.Validator_A1b", path).CombinedOutput()
	text := string(out)
	var fs []Finding
	for _, line := range strings.Split(text, "\n") {
		if m := findingRe.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			fs = append(fs, Finding{m[1], m[2]})
		}
	}
	switch {
	case err == nil && strings.Contains(text, "is a valid PDF/A-1b file"):
		return nil
	case len(fs) > 0 && strings.Contains(text, "is not a valid PDF/A-1b file"):
		return fs
	}
	t.Fatalf("preflight %s: %v\n%s", path, err, out)
	return nil
}
