//go:build integration

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// axeScript returns axe-core's axe.min.js as infra/axe/install.sh puts it
// into GOBIN (the Makefile's bin/, or GOPATH/bin). Missing, the test is
// skipped, or fails under CI, where infra/deps.sh installs it.
func axeScript(t *testing.T) string {
	t.Helper()
	var dirs []string
	if d := os.Getenv("GOBIN"); d != "" {
		dirs = append(dirs, d)
	}
	dirs = append(dirs, testkit.Path(t, "bin"))
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, p := range filepath.SplitList(strings.TrimSpace(string(out))) {
			dirs = append(dirs, filepath.Join(p, "bin"))
		}
	}
	for _, d := range dirs {
		if data, err := os.ReadFile(filepath.Join(d, "axe-core", "axe.min.js")); err == nil {
			return string(data)
		}
	}
	if testkit.CI() {
		t.Fatalf("axe-core is not installed in %q under CI (infra/axe/install.sh installs it)", dirs)
	}
	t.Skipf("axe-core is not installed in %q; run infra/axe/install.sh (skipping outside CI)", dirs)
	return ""
}

// axeViolation is what the tests report of a violation.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v axeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

// checkAxe injects axe-core into the page the browser shows and fails the
// test with every violation of WCAG 2.1 A and AA and axe's best practices.
// The script is evaluated through the DevTools protocol, which the page's
// CSP does not govern; the page itself loads nothing from outside.
func checkAxe(t *testing.T, b *browser, script, where string) {
	t.Helper()
	if !eval[bool](b, "typeof window.axe === 'object'") {
		eval[bool](b, script+";true")
	}
	res := eval[struct {
		Violations []axeViolation `json:"violations"`
		Passes     int            `json:"passes"`
	}](b, `axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
		resultTypes: ["violations"],
	}).then(r => ({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))}))`)
	if res.Passes < 10 {
		t.Errorf("%s: axe passed only %d rules: it did not look at the page", where, res.Passes)
	}
	for _, v := range res.Violations {
		t.Errorf("%s: %s", where, v)
	}
	t.Logf("%s: axe-core passed %d rules, %d violations", where, res.Passes, len(res.Violations))
}
