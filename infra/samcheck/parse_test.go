package samcheck_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/infra/samcheck"
)

func TestParseIntrinsics(t *testing.T) {
	tests := []struct {
		yaml string // value of Resources.R.Properties.P
		want any
	}{
		{"!Ref Bucket", map[string]any{"Ref": "Bucket"}},
		{"!Sub arn:${AWS::Partition}:s3:::x", map[string]any{"Fn::Sub": "arn:${AWS::Partition}:s3:::x"}},
		{"!GetAtt Bucket.Arn", map[string]any{"Fn::GetAtt": []any{"Bucket", "Arn"}}},
		{"!GetAtt Stack.Outputs.Url", map[string]any{"Fn::GetAtt": []any{"Stack", "Outputs.Url"}}},
		{"!GetAtt [Bucket, Arn]", map[string]any{"Fn::GetAtt": []any{"Bucket", "Arn"}}},
		{"!If [C, !Ref A, !Ref AWS::NoValue]", map[string]any{"Fn::If": []any{"C", map[string]any{"Ref": "A"}, map[string]any{"Ref": "AWS::NoValue"}}}},
		{"!Not [!Equals [!Ref X, \"\"]]", map[string]any{"Fn::Not": []any{map[string]any{"Fn::Equals": []any{map[string]any{"Ref": "X"}, ""}}}}},
		{"!Condition HasX", map[string]any{"Condition": "HasX"}},
		{"{Fn::Join: ['', [a, b]]}", map[string]any{"Fn::Join": []any{"", []any{"a", "b"}}}},
		{"29", 29},
		{"\"29\"", "29"},
		{"true", true},
	}
	for _, tt := range tests {
		tpl, err := samcheck.Parse([]byte("Resources:\n  R:\n    Type: T\n    Properties:\n      P: " + tt.yaml + "\n"))
		if err != nil {
			t.Errorf("Parse(P: %s): %v", tt.yaml, err)
			continue
		}
		if got := tpl.Resources["R"].Properties["P"]; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(P: %s) = %#v, want %#v", tt.yaml, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"not yaml", "Resources: [", "parse template"},
		{"list at top", "- a\n", "want a mapping"},
		{"no resources", "Outputs: {}\n", "no Resources"},
		{"resource without type", "Resources:\n  R: {Properties: {}}\n", "resource R: no Type"},
		{"duplicate key", "Resources:\n  R: {Type: T}\n  R: {Type: U}\n", `duplicate key "R"`},
		{"getatt without attribute", "Resources:\n  R: {Type: T, Properties: {P: !GetAtt Bucket}}\n", "has no attribute"},
		{"too deep", "Resources: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n", "nested more than"},
	}
	for _, tt := range tests {
		_, err := samcheck.Parse([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse(%q) error = %v, want one containing %q", tt.name, tt.yaml, err, tt.want)
		}
	}
}

func TestParseTooLarge(t *testing.T) {
	_, err := samcheck.Parse(make([]byte, samcheck.MaxTemplateSize+1))
	if !errors.Is(err, samcheck.ErrTooLarge) {
		t.Errorf("Parse(%d bytes) error = %v, want ErrTooLarge", samcheck.MaxTemplateSize+1, err)
	}
}

func TestFunctionPropertiesMergesGlobals(t *testing.T) {
	tpl, err := samcheck.Parse([]byte(`
Globals:
  Function:
    Timeout: 29
    Layers: [a]
    Environment: {Variables: {A: "1", B: "2"}}
    Tags: !If [C, {x: y}, !Ref AWS::NoValue]
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 900
      Layers: [b]
      Environment: {Variables: {B: "3"}}
      Tags: {k: v}
`))
	if err != nil {
		t.Fatal(err)
	}
	got := tpl.FunctionProperties(tpl.Resources["F"])
	want := map[string]any{
		"Timeout":     900,
		"Layers":      []any{"a", "b"},
		"Environment": map[string]any{"Variables": map[string]any{"A": "1", "B": "3"}},
		"Tags":        map[string]any{"k": "v"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FunctionProperties = %#v\nwant %#v", got, want)
	}
}
