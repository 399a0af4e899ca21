package samcheck_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/awslabs/goformation/v7"

	"github.com/nianbao/nianbao/infra/samcheck"
	"github.com/nianbao/nianbao/shared/testkit"
)

// TestTemplate runs every check against the real template and tree.
func TestTemplate(t *testing.T) {
	tpl, err := samcheck.Load(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	reportProblems(t, samcheck.Check(tpl, os.DirFS(repoRoot), spec))
}

// TestTemplateTypes parses the template into goformation's typed
// resources, which rejects misspelt or mistyped resource properties.
func TestTemplateTypes(t *testing.T) {
	if _, err := goformation.ParseYAML(readTemplate(t)); err != nil {
		t.Errorf("goformation: %v", err)
	}
}

// TestCfnLint runs cfn-lint, which expands the SAM transform and checks
// the result against CloudFormation's schemas. It comes with the machine
// image's Python (PyPI is out of reach); like every other tool, it may be
// missing on a developer's machine but not under CI.
func TestCfnLint(t *testing.T) {
	bin := testkit.Tool(t, "cfn-lint")
	out, err := exec.Command(bin, "--", templatePath).CombinedOutput()
	if err != nil {
		t.Errorf("cfn-lint %s: %v\n%s", templatePath, err, out)
	}
}

// TestScheduleInput checks the yearly schedule sends the archive function
// the constant input its handler recognises.
func TestScheduleInput(t *testing.T) {
	tpl, err := samcheck.Load(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	ev, _ := tpl.Resources["ArchiveFunction"].Properties["Events"].(map[string]any)
	yearly, _ := ev["Yearly"].(map[string]any)
	props, _ := yearly["Properties"].(map[string]any)
	if yearly["Type"] != "Schedule" {
		t.Fatalf("ArchiveFunction.Events.Yearly.Type = %v, want Schedule", yearly["Type"])
	}
	if got, want := props["Schedule"], "cron(0 18 31 3 ? *)"; got != want {
		t.Errorf("Schedule = %v, want %v", got, want)
	}
	input, _ := props["Input"].(string)
	var got map[string]string
	if err := json.Unmarshal([]byte(input), &got); err != nil {
		t.Fatalf("Input %q: %v", input, err)
	}
	want := map[string]string{"source": "nianbao.schedule", "action": "archive-previous-year"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Input = %v, want %v", got, want)
	}
	event, err := os.ReadFile(filepath.Join(repoRoot, "testdata/events/archive-schedule.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fromFile map[string]string
	if err := json.Unmarshal(event, &fromFile); err != nil || !reflect.DeepEqual(fromFile, want) {
		t.Errorf("testdata/events/archive-schedule.json = %s (%v), want the schedule's Input %s", event, err, input)
	}
}

// TestInvokeEnvironment keeps infra/rie/invoke.sh passing the emulator
// the same variables the template gives the functions.
func TestInvokeEnvironment(t *testing.T) {
	tpl, err := samcheck.Load(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	vars, _ := tpl.FunctionGlobals["Environment"].(map[string]any)["Variables"].(map[string]any)
	var want []string
	for k := range vars {
		want = append(want, k)
	}
	sort.Strings(want)

	script, err := os.ReadFile(filepath.Join(repoRoot, "infra/rie/invoke.sh"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^template_env=\(([^)]*)\)`).FindSubmatch(script)
	if m == nil {
		t.Fatal("infra/rie/invoke.sh: no line template_env=(…)")
	}
	got := strings.Fields(string(bytes.TrimSpace(m[1])))
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("invoke.sh template_env = %v, template Globals env = %v", got, want)
	}
}
