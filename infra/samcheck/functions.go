package samcheck

import (
	"bufio"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
)

// BuildMakefile is the makefile fragment holding the SAM build targets,
// relative to the repository root.
const BuildMakefile = "infra/lambda.mk"

// FunctionDir is the source folder of the function with the given logical
// id: UploadFunction → functions/upload.
func FunctionDir(logicalID string) string {
	return "functions/" + strings.ToLower(strings.TrimSuffix(logicalID, "Function"))
}

func (c *checker) functions(t *Template, repo fs.FS, spec Spec) {
	targets, err := makeTargets(repo, BuildMakefile)
	if err != nil {
		c.addf(BuildMakefile, "%v", err)
	}
	want := map[string]FunctionSpec{}
	for _, f := range spec.Functions {
		want[f.LogicalID] = f
	}
	for _, r := range t.OfType(TypeFunction) {
		p := t.FunctionProperties(r)
		expect(c, r.ID, "Runtime", p["Runtime"], "provided.al2023")
		expect(c, r.ID, "Architectures", p["Architectures"], []any{"arm64"})
		expect(c, r.ID, "Handler", p["Handler"], "bootstrap")
		// The Go module root is the repository root: build from there.
		expect(c, r.ID, "CodeUri", p["CodeUri"], ".")
		expect(c, r.ID, "Metadata.BuildMethod", r.Metadata["BuildMethod"], "makefile")
		src := FunctionDir(r.ID) + "/main.go"
		if _, err := fs.Stat(repo, src); err != nil {
			c.addf(r.ID, "source %s: %v", src, err)
		}
		if targets != nil && !targets["build-"+r.ID] {
			c.addf(r.ID, "%s has no target build-%s", BuildMakefile, r.ID)
		}
		fn, ok := want[r.ID]
		if !ok {
			c.addf(r.ID, "function not in the spec")
			continue
		}
		delete(want, r.ID)
		expect(c, r.ID, "Timeout", p["Timeout"], fn.Timeout)
		expect(c, r.ID, "MemorySize", p["MemorySize"], fn.Memory)
	}
	for id := range want {
		c.addf(id, "function missing from the template")
	}
}

func expect(c *checker, id, prop string, got, want any) {
	if !reflect.DeepEqual(got, want) {
		c.addf(id, "%s = %v, want %v", prop, got, want)
	}
}

// makeTargets returns the names of the explicit rules in a makefile
// (lines "name:" or "name: prerequisites" at column 0).
func makeTargets(repo fs.FS, name string) (map[string]bool, error) {
	f, err := repo.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read build targets: %w", err)
	}
	defer f.Close()
	targets := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '\t' || line[0] == ' ' || line[0] == '#' {
			continue
		}
		head, _, found := strings.Cut(line, ":")
		if !found || strings.HasPrefix(line[len(head):], ":=") || strings.ContainsAny(head, "=$") {
			continue
		}
		for _, t := range strings.Fields(head) {
			targets[t] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read build targets from %s: %w", name, err)
	}
	return targets, nil
}
