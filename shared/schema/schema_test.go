package schema

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func schemaTree(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(JSON(), &m); err != nil {
		t.Fatalf("parse schema: %v", err)
	}
	return m
}

func TestSchemaHeader(t *testing.T) {
	m := schemaTree(t)
	if got, want := m["$schema"], "https://json-schema.org/draft/2020-12/schema"; got != want {
		t.Errorf("$schema = %v, want %v", got, want)
	}
	if got := m["$id"]; got != ID {
		t.Errorf("$id = %v, want %v", got, ID)
	}
}

func TestJSONReturnsCopy(t *testing.T) {
	b := JSON()
	b[0] = 'x'
	if JSON()[0] != '{' {
		t.Error("JSON() shares its buffer: a caller's write changed the next result")
	}
}

// walk calls fn on every subschema, with a readable location.
func walk(loc string, v any, fn func(loc string, s map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		fn(loc, v)
		for k, sub := range v {
			walk(loc+"/"+k, sub, fn)
		}
	case []any:
		for _, sub := range v {
			walk(loc+"/[]", sub, fn)
		}
	}
}

// switched lists the object schemas whose members are given by the
// formatVersion switch rather than by the schema itself, sorted.
var switched = []string{
	"#/$defs/table3/properties/results/properties/otherHandling",
	"#/properties/table2",
}

func TestEveryObjectClosed(t *testing.T) {
	var found []string
	walk("#", schemaTree(t), func(loc string, s map[string]any) {
		if s["type"] != "object" {
			return
		}
		if _, ok := s["properties"]; !ok {
			found = append(found, loc)
			return
		}
		if s["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties = %v, want false", loc, s["additionalProperties"])
		}
		props := s["properties"].(map[string]any)
		for _, r := range s["required"].([]any) {
			if _, ok := props[r.(string)]; !ok {
				t.Errorf("%s: required %q is not a declared property", loc, r)
			}
		}
	})
	slices.Sort(found)
	if !slices.Equal(found, switched) {
		t.Errorf("objects without their own properties = %q, want %q", found, switched)
	}
}

// TestEveryStringPatterned guards the rule that no string may be blank: every
// string schema either carries a pattern or refers to one that does.
func TestEveryStringPatterned(t *testing.T) {
	walk("#", schemaTree(t), func(loc string, s map[string]any) {
		own := s["type"] == "string" && s["pattern"] != nil
		inherited := s["$ref"] == "#/$defs/text" || s["$ref"] == "#/$defs/section"
		if (s["type"] == "string" || inherited) && own == inherited {
			t.Errorf("%s: a string schema needs exactly one pattern, its own or $defs/text's", loc)
		}
	})
}

// TestBlankPatternIsUnicodeSpace checks that $defs/text's pattern accepts a
// one-character string exactly when Go's unicode.IsSpace rejects it, so the
// schema and a decoder using strings.TrimSpace agree on what is blank.
func TestBlankPatternIsUnicodeSpace(t *testing.T) {
	defs := schemaTree(t)["$defs"].(map[string]any)
	pat := defs["text"].(map[string]any)["pattern"].(string)
	if pat != BlankPattern {
		t.Fatalf("$defs/text pattern = %q, want BlankPattern %q", pat, BlankPattern)
	}
	re := regexp.MustCompile(pat)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if got, want := re.MatchString(s), !unicode.IsSpace(r); got != want {
			t.Errorf("pattern matches %U = %v, want %v", r, got, want)
		}
	}
	if re.MatchString(strings.Repeat(" \u3000\n", 10)) {
		t.Error("pattern matches a string of spaces and newlines")
	}
}
