package samcheck

import (
	"fmt"
	"sort"
)

// Resource types the checks look at.
const (
	TypeFunction     = "AWS::Serverless::Function"
	TypeHTTPAPI      = "AWS::Serverless::HttpApi"
	TypeBucket       = "AWS::S3::Bucket"
	TypeBucketPolicy = "AWS::S3::BucketPolicy"
	TypeLogGroup     = "AWS::Logs::LogGroup"
)

// Template is a parsed CloudFormation template.
type Template struct {
	// Tree is the whole document, with intrinsics in long form.
	Tree map[string]any
	// Resources by logical id.
	Resources map[string]Resource
	// FunctionGlobals is Globals.Function (nil when absent).
	FunctionGlobals map[string]any
}

// Resource is one entry of the Resources section.
type Resource struct {
	ID         string
	Type       string
	Properties map[string]any
	Metadata   map[string]any
	DependsOn  []string
}

func newTemplate(root map[string]any) (*Template, error) {
	t := &Template{Tree: root, Resources: map[string]Resource{}}
	res, ok := root["Resources"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no Resources mapping")
	}
	for id, v := range res {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("resource %s: is %T, want a mapping", id, v)
		}
		r := Resource{ID: id}
		if r.Type, ok = m["Type"].(string); !ok {
			return nil, fmt.Errorf("resource %s: no Type", id)
		}
		r.Properties, _ = m["Properties"].(map[string]any)
		r.Metadata, _ = m["Metadata"].(map[string]any)
		switch d := m["DependsOn"].(type) {
		case string:
			r.DependsOn = []string{d}
		case []any:
			for _, x := range d {
				if s, ok := x.(string); ok {
					r.DependsOn = append(r.DependsOn, s)
				}
			}
		}
		t.Resources[id] = r
	}
	if g, ok := root["Globals"].(map[string]any); ok {
		t.FunctionGlobals, _ = g["Function"].(map[string]any)
	}
	return t, nil
}

// OfType returns the resources of type typ, sorted by logical id so that
// problems are reported in a stable order.
func (t *Template) OfType(typ string) []Resource {
	var out []Resource
	for _, r := range t.Resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// FunctionProperties returns a function's properties with
// Globals.Function applied the way SAM applies them: mappings merge,
// lists concatenate (globals first), and other values in the resource win.
func (t *Template) FunctionProperties(r Resource) map[string]any {
	merged, _ := mergeGlobals(t.FunctionGlobals, r.Properties).(map[string]any)
	if merged == nil {
		merged = map[string]any{}
	}
	return merged
}

func mergeGlobals(global, local any) any {
	switch l := local.(type) {
	case nil:
		return global
	case map[string]any:
		g, ok := global.(map[string]any)
		if !ok || isIntrinsic(l) || isIntrinsic(g) {
			return l
		}
		out := make(map[string]any, len(g)+len(l))
		for k, v := range g {
			out[k] = v
		}
		for k, v := range l {
			out[k] = mergeGlobals(g[k], v)
		}
		return out
	case []any:
		g, ok := global.([]any)
		if !ok {
			return l
		}
		return append(append([]any{}, g...), l...)
	}
	return local
}

// isIntrinsic reports whether m is a single intrinsic function call such
// as {"Fn::If": …}, which SAM treats as a value, not a mapping to merge.
func isIntrinsic(m map[string]any) bool {
	if len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || len(k) > 4 && k[:4] == "Fn::"
	}
	return false
}

// path walks nested mappings: path(m, "A", "B") is m["A"]["B"], or nil.
func path(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// refTarget returns x for {"Ref": x}, or "".
func refTarget(v any) string {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return ""
	}
	s, _ := m["Ref"].(string)
	return s
}

// subString returns the template string of {"Fn::Sub": s} or
// {"Fn::Sub": [s, vars]}, or v itself when v is a plain string.
func subString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case map[string]any:
		switch s := x["Fn::Sub"].(type) {
		case string:
			return s, true
		case []any:
			if len(s) > 0 {
				str, ok := s[0].(string)
				return str, ok
			}
		}
	}
	return "", false
}
