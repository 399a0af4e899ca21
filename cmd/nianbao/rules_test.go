package main

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/validate"
)

// nianbao validate --rules lists the catalogue, in JSON or as a table.
func TestValidateRules(t *testing.T) {
	code, out, errOut := runCLI(t, "validate", "--rules", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rules := validate.Rules()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(rules) {
		t.Fatalf("%d lines, want one per rule (%d):\n%s", len(lines), len(rules), out)
	}
	for i, r := range rules {
		if want := `{"rule":"` + r.ID + `","severity":"` + string(r.Severity) + `","description":"` + r.Zh + `"`; !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d %s, want it to start %s", i+1, lines[i], want)
		}
	}
	code, out, _ = runCLI(t, "validate", "--rules")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, r := range rules {
		if !strings.Contains(out, r.ID+" ") || !strings.Contains(out, r.Zh) {
			t.Errorf("table lacks rule %s: %s", r.ID, out)
		}
	}
}
