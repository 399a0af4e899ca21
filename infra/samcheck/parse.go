package samcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxTemplateSize bounds what Load and Parse read. CloudFormation itself
// accepts at most 1 MB from S3 (51,200 bytes inline).
const MaxTemplateSize = 1 << 20

// ErrTooLarge reports a template larger than MaxTemplateSize.
var ErrTooLarge = errors.New("template larger than 1 MiB")

// Load reads and parses the template file at path.
func Load(path string) (*Template, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load template: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxTemplateSize+1))
	if err != nil {
		return nil, fmt.Errorf("load template %s: %w", path, err)
	}
	t, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("load template %s: %w", path, err)
	}
	return t, nil
}

// Parse parses a YAML (or JSON) CloudFormation template.
func Parse(data []byte) (*Template, error) {
	if len(data) > MaxTemplateSize {
		return nil, ErrTooLarge
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse template: %w", err)
	}
	tree, err := convert(&doc, 0)
	if err != nil {
		return nil, fmt.Errorf("parse template: %w", err)
	}
	root, ok := tree.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("parse template: top level is %T, want a mapping", tree)
	}
	return newTemplate(root)
}

// maxDepth stops a hostile document (or an alias loop) from exhausting
// the stack; real templates nest about ten levels.
const maxDepth = 100

// convert turns a YAML node into plain Go values (map[string]any, []any,
// string, int, float64, bool, nil), rewriting CloudFormation short-form
// tags into their long forms.
func convert(n *yaml.Node, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("line %d: nested more than %d levels", n.Line, maxDepth)
	}
	if fn := intrinsicName(n.Tag); fn != "" {
		plain := *n
		plain.Tag = ""
		if n.Kind == yaml.ScalarNode {
			plain.Tag = "!!str"
		}
		v, err := convert(&plain, depth+1)
		if err != nil {
			return nil, err
		}
		if s, ok := v.(string); ok && fn == "Fn::GetAtt" {
			// !GetAtt Res.Attr is short for [Res, Attr]; attribute names may
			// themselves contain dots, the resource name cannot.
			res, attr, found := strings.Cut(s, ".")
			if !found {
				return nil, fmt.Errorf("line %d: !GetAtt %q has no attribute", n.Line, s)
			}
			v = []any{res, attr}
		}
		return map[string]any{fn: v}, nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return nil, fmt.Errorf("empty document")
		}
		return convert(n.Content[0], depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: mapping key is not a scalar", k.Line)
			}
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
			}
			cv, err := convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			m[k.Value] = cv
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			cv, err := convert(c, depth+1)
			if err != nil {
				return nil, err
			}
			s = append(s, cv)
		}
		return s, nil
	case yaml.AliasNode:
		return convert(n.Alias, depth+1)
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return v, nil
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node kind %d", n.Line, n.Kind)
}

// intrinsicName maps a short-form tag such as "!Sub" to its long form
// "Fn::Sub"; it returns "" for standard YAML tags.
func intrinsicName(tag string) string {
	if !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!") {
		return ""
	}
	name := tag[1:]
	switch name {
	case "Ref", "Condition":
		return name
	case "":
		return ""
	}
	return "Fn::" + name
}
