package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/testkit"
)

// fixtureFindings is what the golden file records of one rule's fixture.
type fixtureFindings struct {
	Rule     string           `json:"rule"`
	Fixture  string           `json:"fixture"`
	Previous string           `json:"previous,omitempty"`
	Findings []report.Finding `json:"findings"`
}

const fixturesGolden = "golden/fixture-findings.json"

// TestFixtures runs the failing fixture of every rule of the catalogue:
// testdata/fixtures/<ID>.json, checked with fixtures/<ID>-previous.json as
// the previous year's report when there is one. A rule without a fixture
// fails. Each fixture must break its rule at the catalogue's severity and no
// other rule at error; every finding it gets is recorded in
// testdata/golden/fixture-findings.json (rewritten with -update).
func TestFixtures(t *testing.T) {
	var got []fixtureFindings
	for _, rule := range Rules() {
		name := "fixtures/" + rule.ID + ".json"
		data, err := os.ReadFile(testkit.Path(t, "testdata", name))
		if errors.Is(err, fs.ErrNotExist) {
			t.Errorf("rule %s has no failing fixture testdata/%s", rule.ID, name)
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		res := fixtureFindings{Rule: rule.ID, Fixture: name}
		var prev *report.Report
		if p := "fixtures/" + rule.ID + "-previous.json"; exists(t, p) {
			res.Previous, prev = p, decode(t, p)
		}
		_, res.Findings = Document(data, NewOptions(prev, testNow))
		if len(pathsOf(res.Findings, rule.ID, rule.Severity)) == 0 {
			t.Errorf("%s: no %s finding of severity %s: %s", name, rule.ID, rule.Severity, summary(res.Findings))
		}
		for _, f := range res.Findings {
			if f.Severity == report.Error && f.Rule != rule.ID && !rule.Summary {
				t.Errorf("%s: an error of another rule: %+v", name, f)
			}
			if f.Message == "" {
				t.Errorf("%s: finding without a message: %+v", name, f)
			}
			if _, ok := RuleByID(f.Rule); !ok {
				t.Errorf("%s: finding of a rule the catalogue lacks: %+v", name, f)
			}
		}
		if rule.Summary { // the golden file keeps the summary, not the thousand it stands for
			res.Findings = slices.DeleteFunc(res.Findings, func(f report.Finding) bool { return f.Rule != rule.ID })
		}
		got = append(got, res)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	golden := testkit.Path(t, "testdata", fixturesGolden)
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want []fixtureFindings
	if err := json.Unmarshal(testkit.Testdata(t, fixturesGolden), &want); err != nil {
		t.Fatalf("testdata/%s: %v", fixturesGolden, err)
	}
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(want):
			t.Errorf("rule %s's fixture is not in testdata/%s; run with -update", got[i].Rule, fixturesGolden)
		case i >= len(got):
			t.Errorf("testdata/%s has rule %s, which the catalogue lacks; run with -update", fixturesGolden, want[i].Rule)
		default:
			diffFindings(t, got[i], want[i])
		}
	}
}

func diffFindings(t *testing.T, got, want fixtureFindings) {
	t.Helper()
	if got.Rule != want.Rule || got.Fixture != want.Fixture || got.Previous != want.Previous {
		t.Errorf("fixture %s/%s/%q, golden has %s/%s/%q; run with -update", got.Rule, got.Fixture, got.Previous, want.Rule, want.Fixture, want.Previous)
		return
	}
	for i := range max(len(got.Findings), len(want.Findings)) {
		var g, w report.Finding
		if i < len(got.Findings) {
			g = got.Findings[i]
		}
		if i < len(want.Findings) {
			w = want.Findings[i]
		}
		if !equalFinding(g, w) {
			t.Errorf("%s finding %d:\n got  %+v\n want %+v", got.Fixture, i, g, w)
		}
	}
}

func equalFinding(a, b report.Finding) bool {
	return a.Rule == b.Rule && a.Severity == b.Severity && a.Path == b.Path && slices.Equal(a.Related, b.Related) &&
		a.Got == b.Got && a.Want == b.Want && a.Message == b.Message
}

// Every file under testdata/fixtures is a rule's fixture or its previous year.
func TestNoStrayFixtures(t *testing.T) {
	files, err := filepath.Glob(testkit.Path(t, "testdata", "fixtures", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		id := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".json"), "-previous")
		if _, ok := RuleByID(id); !ok {
			t.Errorf("testdata/fixtures/%s belongs to no rule of the catalogue", filepath.Base(f))
		}
	}
}

func exists(t *testing.T, name string) bool {
	t.Helper()
	_, err := os.Stat(testkit.Path(t, "testdata", name))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// The seed is valid and its prose contradicts 表二 (docs/report-format.md, "The seed report").
func TestSeed(t *testing.T) {
	_, fs := Document(testkit.Testdata(t, "seed-2020.json"), NewOptions(nil, testNow))
	if report.HasErrors(fs) {
		t.Fatalf("seed has errors: %s", summary(fs))
	}
	want := []string{
		"table2.art20_5.licensing.itemCountChange",
		"table2.art20_5.licensing.prevYearItemCount",
		"table2.art20_5.otherExternalServices.itemCountChange",
		"table2.art20_5.otherExternalServices.prevYearItemCount",
	}
	if got := pathsOf(fs, RuleS4, report.Warning); !slices.Equal(got, want) {
		t.Errorf("seed S4 warnings at %v, want %v", got, want)
	}
	if len(fs) != len(want) {
		t.Errorf("seed findings %s, want only the four S4 warnings", summary(fs))
	}
}

func TestExample2021IsClean(t *testing.T) {
	_, fs := Document(testkit.Testdata(t, "example-2021.json"), NewOptions(nil, testNow))
	if len(fs) != 0 {
		t.Errorf("example-2021 findings %s, want none", summary(fs))
	}
}
