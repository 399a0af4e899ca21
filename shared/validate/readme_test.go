package validate

import (
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

// The README's table under "## The rules" lists the catalogue row by row:
// ID, English description, severity.
func TestREADMERuleTable(t *testing.T) {
	readme, err := os.ReadFile(testkit.Path(t, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := readmeRuleTable(t, string(readme))
	rules := Rules()
	for i := range max(len(rows), len(rules)) {
		switch {
		case i >= len(rows):
			t.Errorf("README lacks rule %s: add | %s | %s | %s |", rules[i].ID, rules[i].ID, rules[i].En, rules[i].Severity)
		case i >= len(rules):
			t.Errorf("README row %d %q is not in the catalogue", i+1, rows[i])
		default:
			want := [3]string{rules[i].ID, rules[i].En, string(rules[i].Severity)}
			if rows[i] != want {
				t.Errorf("README row %d:\n got  %q\n want %q", i+1, rows[i], want)
			}
		}
	}
}

// readmeRuleTable returns the cells of the first table in the README's
// section "## The rules", header and separator left out.
func readmeRuleTable(t *testing.T, readme string) [][3]string {
	t.Helper()
	_, section, ok := strings.Cut(readme, "\n## The rules\n")
	if !ok {
		t.Fatal(`README has no section "## The rules"`)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var rows [][3]string
	inTable := false
	for line := range strings.Lines(section) {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			if inTable {
				break
			}
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			t.Fatalf("README rule table row %q has %d cells, want 3 (rule | what | severity)", line, len(cells))
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if !inTable || strings.Trim(cells[0], "-:") == "" {
			inTable = true // the header, then the separator
			continue
		}
		rows = append(rows, [3]string{cells[0], cells[1], cells[2]})
	}
	if len(rows) == 0 {
		t.Fatal(`README's section "## The rules" has no table`)
	}
	return rows
}

// Every rule has both descriptions, a severity a finding can have, and an ID
// no other rule has.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule %s appears twice", r.ID)
		}
		seen[r.ID] = true
		if r.Zh == "" || r.En == "" || strings.Contains(r.En, "|") || strings.ContainsAny(r.Zh+r.En, "\n") {
			t.Errorf("rule %s: descriptions %q / %q must be one line each (no |)", r.ID, r.Zh, r.En)
		}
		if r.Severity != report.Error && r.Severity != report.Warning {
			t.Errorf("rule %s: severity %q", r.ID, r.Severity)
		}
		if r.check == nil && !r.Decoded {
			t.Errorf("rule %s has no check: neither the decoder nor a check function", r.ID)
		}
		if got, ok := RuleByID(r.ID); !ok || got.ID != r.ID {
			t.Errorf("RuleByID(%s) = %v, %v", r.ID, got.ID, ok)
		}
	}
}
