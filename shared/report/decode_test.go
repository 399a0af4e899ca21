package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

func TestDecodeExamples(t *testing.T) {
	for _, name := range []string{"seed-2020.json", "example-2021.json"} {
		r, fs := Decode(testkit.Testdata(t, name))
		if r == nil || len(fs) != 0 {
			t.Errorf("Decode(%s): report %v, findings %+v; want a report and no findings", name, r != nil, fs)
		}
	}
}

func TestDecodeFindings(t *testing.T) {
	seed := testkit.Testdata(t, "seed-2020.json")
	cell := "table3.newReceived.naturalPerson"
	tests := []struct {
		name     string
		doc      []byte
		wantRule string
		wantPath string
	}{
		{"unknown top-level field", edit(t, seed, func(m map[string]any) { m["comment"] = "x" }), RuleUnknownField, "comment"},
		{"unofficial subtotal column", edit(t, seed, func(m map[string]any) { set(m, "table3.newReceived.legalPersonSubtotal", 0) }), RuleUnknownField, "table3.newReceived.legalPersonSubtotal"},
		{"2021 row in a 2019 report", edit(t, seed, func(m map[string]any) { set(m, "table3.results.otherHandling.overdueFee", 0) }), RuleUnknownField, "table3.results.otherHandling.overdueFee"},
		{"missing table", edit(t, seed, func(m map[string]any) { set(m, "table4", deleteKey) }), RuleRequired, "table4"},
		{"missing cell", edit(t, seed, func(m map[string]any) { set(m, "table3.newReceived.total", deleteKey) }), RuleRequired, "table3.newReceived.total"},
		{"missing section", edit(t, seed, func(m map[string]any) { set(m, "sections.otherMatters", deleteKey) }), RuleRequired, "sections.otherMatters"},
		{"missing credit code", edit(t, seed, func(m map[string]any) { set(m, "agency.creditCode", deleteKey) }), RuleRequired, "agency.creditCode"},
		{"null cell", edit(t, seed, func(m map[string]any) { set(m, cell, nil) }), RuleType, cell},
		{"empty string cell", edit(t, seed, func(m map[string]any) { set(m, cell, "") }), RuleType, cell},
		{"无 in a cell", edit(t, seed, func(m map[string]any) { set(m, cell, "无") }), RuleType, cell},
		{"number as string in a count", edit(t, seed, func(m map[string]any) { set(m, cell, "3") }), RuleType, cell},
		{"object in a cell", edit(t, seed, func(m map[string]any) { set(m, cell, map[string]any{}) }), RuleType, cell},
		{"array for a table", edit(t, seed, func(m map[string]any) { set(m, "table4", []any{}) }), RuleType, "table4"},
		{"fraction in a count", edit(t, seed, func(m map[string]any) { set(m, cell, json.Number("1.5")) }), RuleNonNegative, cell},
		{"negative count", edit(t, seed, func(m map[string]any) { set(m, cell, json.Number("-1")) }), RuleNonNegative, cell},
		{"huge count", edit(t, seed, func(m map[string]any) { set(m, cell, json.Number("2000000000")) }), RuleRange, cell},
		{"enormous number", edit(t, seed, func(m map[string]any) { set(m, cell, json.Number("1e999999")) }), RuleRange, cell},
		{"seven decimals", edit(t, seed, func(m map[string]any) {
			set(m, "table2.art20_9.centralizedProcurement.procurementTotalAmount", "12.1234567")
		}), RuleRange, "table2.art20_9.centralizedProcurement.procurementTotalAmount"},
		{"negative amount", edit(t, seed, func(m map[string]any) {
			set(m, "table2.art20_9.centralizedProcurement.procurementTotalAmount", "-1")
		}), RuleNonNegative, "table2.art20_9.centralizedProcurement.procurementTotalAmount"},
		{"exponent in an amount string", edit(t, seed, func(m map[string]any) {
			set(m, "table2.art20_9.centralizedProcurement.procurementTotalAmount", "1e3")
		}), RuleType, "table2.art20_9.centralizedProcurement.procurementTotalAmount"},
		{"blank agency name", edit(t, seed, func(m map[string]any) { set(m, "agency.name", "  ") }), RuleRequired, "agency.name"},
		{"null section", edit(t, seed, func(m map[string]any) { set(m, "sections.overview", nil) }), RuleType, "sections.overview"},
		{"section too long", edit(t, seed, func(m map[string]any) {
			set(m, "sections.overview", strings.Repeat("报", MaxSectionRunes+1))
		}), RuleTextLength, "sections.overview"},
		{"one-character agency name", edit(t, seed, func(m map[string]any) { set(m, "agency.name", "局") }), RuleTextLength, "agency.name"},
		{"year before the formats", edit(t, seed, func(m map[string]any) { set(m, "reportYear", json.Number("2018")) }), RuleRange, "reportYear"},
		{"fractional year", edit(t, seed, func(m map[string]any) { set(m, "reportYear", json.Number("2020.5")) }), RuleRange, "reportYear"},
		{"year as string", edit(t, seed, func(m map[string]any) { set(m, "reportYear", "2020") }), RuleType, "reportYear"},
		{"impossible date", edit(t, seed, func(m map[string]any) { set(m, "publishedOn", "2021-02-30") }), RuleType, "publishedOn"},
		{"unknown version", edit(t, seed, func(m map[string]any) { set(m, "formatVersion", "2020") }), RuleFormatVersion, "formatVersion"},
		{"lower-case credit code", edit(t, seed, func(m map[string]any) { set(m, "agency.creditCode", "11410303mb0000001x") }), RuleCreditCode, "agency.creditCode"},
		{"wrong check character", edit(t, seed, func(m map[string]any) { set(m, "agency.creditCode", "11410303MB00000011") }), RuleCreditCode, "agency.creditCode"},
		{"duplicate cell", bytes.Replace(seed, []byte(`"naturalPerson": 0,`), []byte(`"naturalPerson": 0, "naturalPerson": 5,`), 1), RuleDuplicateKey, cell},
		{"duplicate top-level key", bytes.Replace(seed, []byte(`"reportYear": 2020,`), []byte(`"reportYear": 2020, "reportYear": 2021,`), 1), RuleDuplicateKey, "reportYear"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, fs := Decode(tt.doc)
			if r == nil {
				t.Fatalf("Decode returned no report; findings %+v", fs)
			}
			if !hasFinding(fs, tt.wantRule, tt.wantPath) {
				t.Errorf("findings %s; want rule %q at %q", summary(fs), tt.wantRule, tt.wantPath)
			}
			for _, f := range fs {
				if f.Severity != Error || f.Message == "" {
					t.Errorf("finding %+v: want an error with a message", f)
				}
			}
		})
	}
}

func TestDecodeUnusable(t *testing.T) {
	seed := testkit.Testdata(t, "seed-2020.json")
	tests := []struct {
		name string
		doc  []byte
	}{
		{"empty", nil},
		{"truncated", seed[:len(seed)/2]},
		{"array", []byte(`[]`)},
		{"string", []byte(`"report"`)},
		{"trailing data", append(bytes.Clone(seed), "{}"...)},
		{"byte order mark", append([]byte("\xef\xbb\xbf"), seed...)},
		{"invalid UTF-8", bytes.Replace(seed, []byte("西工区"), []byte("\xff\xfe"), 1)},
		{"over the size cap", append(bytes.Clone(seed), bytes.Repeat([]byte(" "), MaxDocumentBytes)...)},
		{"deeply nested unknown field", []byte(`{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, fs := Decode(tt.doc)
			if r != nil || len(fs) != 1 || fs[0].Rule != RuleSyntax || fs[0].Message == "" {
				t.Errorf("Decode = report %v, findings %s; want no report and one syntax finding", r != nil, summary(fs))
			}
		})
	}
}

func TestDecodeNormalises(t *testing.T) {
	seed := testkit.Testdata(t, "seed-2020.json")
	const amount = "table2.art20_9.centralizedProcurement.procurementTotalAmount"
	tests := []struct {
		name  string
		path  string
		value any
		want  Cell
	}{
		{"amount as number", amount, json.Number("768.50"), Cell{State: Number, Value: 768_500_000}},
		{"amount trailing zeros", amount, "768.500000", Cell{State: Number, Value: 768_500_000}},
		{"count written 1.0", "table3.newReceived.naturalPerson", json.Number("1.0"), Num(1)},
		{"count with exponent", "table3.newReceived.naturalPerson", json.Number("1e2"), Num(100)},
		{"negative change", "table2.art20_5.licensing.itemCountChange", json.Number("-71"), Num(-71)},
		{"not applicable", "table4.reconsideration.pending", NAMarker, Cell{State: NotApplicable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, fs := Decode(edit(t, seed, func(m map[string]any) { set(m, tt.path, tt.value) }))
			if r == nil || len(fs) != 0 {
				t.Fatalf("Decode: findings %s", summary(fs))
			}
			if got, _ := r.Cell(tt.path); got != tt.want {
				t.Errorf("cell %s = %+v, want %+v", tt.path, got, tt.want)
			}
		})
	}
}

// The contract does not order members: tables may come before formatVersion.
func TestDecodeTablesBeforeVersion(t *testing.T) {
	seed := testkit.Testdata(t, "seed-2020.json")
	var m map[string]json.RawMessage
	if err := json.Unmarshal(seed, &m); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range []string{"table4", "table3", "table2", "sections", "agency", "title", "reportYear", "formatVersion"} {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%s", k, m[k])
	}
	b.WriteByte('}')
	r, fs := Decode(b.Bytes())
	want, _ := Decode(seed)
	if r == nil || len(fs) != 0 {
		t.Fatalf("Decode: findings %s", summary(fs))
	}
	if !bytes.Equal(r.Canonical(), want.Canonical()) {
		t.Errorf("reordered document decodes differently:\n got %s\nwant %s", r.Canonical(), want.Canonical())
	}
}

func hasFinding(fs []Finding, rule, path string) bool {
	for _, f := range fs {
		if f.Rule == rule && f.Path == path {
			return true
		}
	}
	return false
}

func summary(fs []Finding) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s@%s(%s)", f.Rule, f.Path, f.Message))
	}
	return "[" + strings.Join(parts, "; ") + "]"
}
