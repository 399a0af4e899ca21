package pdfcheck

import (
	_ "embed"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

//go:embed markedcontent.py
var markedContentPy []byte

// MarkedContent runs markedcontent.py (see its doc string for what it
// checks) on the PDF at path and returns its problems, one per line, and
// on success its summary (JSON: elements, mcids, artifacts).
func MarkedContent(t testing.TB, path string) (problems []string, summary string) {
	t.Helper()
	py := pikepdfPython(t)
	script := filepath.Join(t.TempDir(), "markedcontent.py")
	if err := os.WriteFile(script, markedContentPy, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, path).CombinedOutput()
	text := strings.TrimSpace(string(out))
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil, text
	case errors.As(err, &exit) && exit.ExitCode() == 1 && text != "" && !strings.Contains(text, "Traceback"):
		return strings.Split(text, "\n"), ""
	}
	t.Fatalf("markedcontent.py %s: %v\n%s", path, err, out)
	return nil, ""
}

// pikepdfPython returns a Python that can import pikepdf: Debian's
// python3-pikepdf installs into the system Python, which need not be the
// first python3 on PATH.
func pikepdfPython(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		p, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if exec.Command(p, "-c", "import pikepdf").Run() == nil {
			return p
		}
	}
	if testkit.CI() {
		t.Fatal("no python3 with pikepdf under CI (infra/deps.sh installs python3-pikepdf)")
	}
	t.Skip("no python3 with pikepdf; apt-get install python3-pikepdf (skipping outside CI)")
	return ""
}
