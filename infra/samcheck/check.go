package samcheck

import (
	"fmt"
	"io/fs"
	"sort"
)

// Spec is what the template is expected to declare.
type Spec struct {
	Functions []FunctionSpec
	Routes    []RouteSpec
	// Env lists environment variables every function must receive.
	Env []string
	// S3Events are the functions started by objects put in the bucket.
	S3Events []S3EventSpec
}

// FunctionSpec describes one function.
type FunctionSpec struct {
	LogicalID string
	Timeout   int // seconds
	Memory    int // MB
}

// RouteSpec describes one HTTP API route.
type RouteSpec struct {
	Method, Path string
	Function     string // logical id of the function serving it
	Authorized   bool   // behind the JWT authorizer
}

func (r RouteSpec) String() string { return r.Method + " " + r.Path }

// Problem is one thing wrong with the template.
type Problem struct {
	Resource string // logical id, or a section name
	Msg      string
}

func (p Problem) String() string { return p.Resource + ": " + p.Msg }

// Check runs every check against t. repo is the repository root, for the
// files the template refers to (function sources, the build makefile).
// Problems come sorted.
func Check(t *Template, repo fs.FS, spec Spec) []Problem {
	var c checker
	c.functions(t, repo, spec)
	c.environment(t, spec.Env)
	c.logGroups(t)
	c.routes(t, spec.Routes)
	c.s3Events(t, spec.S3Events)
	c.bucket(t)
	c.partition(t)
	sort.SliceStable(c.problems, func(i, j int) bool {
		return c.problems[i].String() < c.problems[j].String()
	})
	return c.problems
}

type checker struct{ problems []Problem }

func (c *checker) addf(resource, format string, args ...any) {
	c.problems = append(c.problems, Problem{Resource: resource, Msg: fmt.Sprintf(format, args...)})
}
