package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func finding(sev Severity, i int) Finding {
	return Finding{Rule: "H1", Severity: sev, Path: "table3.newReceived.naturalPerson",
		Got: strconv.Itoa(i), Want: "0", Message: fmt.Sprintf("第 %d 项", i)}
}

// marshalAPI encodes v as the API does: no HTML escaping, no newline.
func marshalAPI(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// tally is what a test expects of a list: how many findings of each
// severity it lists, and how many it leaves out with which gravest severity.
type tally struct {
	errors, warnings, omitted int
	worst                     Severity
}

func tallyOf(list []Finding) tally {
	var got tally
	for _, f := range list {
		switch {
		case f.Rule == RuleTooManyFindings:
			got.omitted, _ = strconv.Atoi(f.Got)
			got.worst = f.Severity
		case f.Severity == Error:
			got.errors++
		case f.Severity == Warning:
			got.warnings++
		}
	}
	return got
}

func TestFindingsCaps(t *testing.T) {
	many := func(sev Severity, n int) []Finding {
		fs := make([]Finding, n)
		for i := range fs {
			fs[i] = finding(sev, i)
		}
		return fs
	}
	huge := Finding{Rule: RuleUnknownField, Severity: Error, Path: strings.Repeat("p", 10_000),
		Message: strings.Repeat("\x01", 10_000)} // each byte escaped as \u0001
	tests := []struct {
		name  string
		adds  [][]Finding
		want  tally
		check func(t *testing.T, list []Finding)
	}{
		{"under the cap: nothing counted", [][]Finding{many(Error, 10)}, tally{errors: 10}, nil},
		{"exactly the cap", [][]Finding{many(Error, MaxFindings)}, tally{errors: MaxFindings}, nil},
		{"one more than the cap", [][]Finding{many(Error, MaxFindings+1)}, tally{errors: MaxFindings, omitted: 1, worst: Error}, nil},
		{"a flood", [][]Finding{many(Error, 100_000)}, tally{errors: MaxFindings, omitted: 99_000, worst: Error}, nil},
		{"errors displace warnings", [][]Finding{many(Warning, MaxFindings), many(Error, 5)},
			tally{errors: 5, warnings: MaxFindings - 5, omitted: 5, worst: Warning}, func(t *testing.T, list []Finding) {
				// The warnings kept are the earliest; the errors come after them, in order.
				if list[0].Got != "0" || list[MaxFindings-6].Got != strconv.Itoa(MaxFindings-6) || list[MaxFindings-1].Got != "4" {
					t.Errorf("order: first %s, last warning %s, last error %s", list[0].Got, list[MaxFindings-6].Got, list[MaxFindings-1].Got)
				}
			}},
		{"warnings never displace errors", [][]Finding{many(Error, MaxFindings), many(Warning, 7)},
			tally{errors: MaxFindings, omitted: 7, worst: Warning}, nil},
		{"not-assessable goes first", [][]Finding{many(NotAssessable, MaxFindings), many(Warning, 3)},
			tally{warnings: 3, omitted: 3, worst: NotAssessable}, nil},
		{"a list cut short adds its count", [][]Finding{many(Error, 3), {{Rule: RuleTooManyFindings, Severity: Error, Got: "41"}}, many(Warning, 2)},
			tally{errors: 3, warnings: 2, omitted: 41, worst: Error}, nil},
		{"huge findings are shortened", [][]Finding{{huge}}, tally{errors: 1}, func(t *testing.T, list []Finding) {
			f := list[0]
			if len(f.Path) > maxPathBytes || len(f.Message) > maxMessageBytes || !strings.HasSuffix(f.Path, "…") {
				t.Errorf("path of %d bytes, message of %d: not shortened", len(f.Path), len(f.Message))
			}
		}},
		{"the byte cap", [][]Finding{slices.Repeat([]Finding{huge}, 200)}, tally{}, func(t *testing.T, list []Finding) {
			got := tallyOf(list)
			if got.omitted == 0 || got.errors+got.omitted != 200 {
				t.Errorf("%d listed, %d left out; want the byte cap to leave some of 200 out", got.errors, got.omitted)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs Findings
			total := 0
			for _, add := range tt.adds {
				fs.AddAll(add)
				total += len(add)
			}
			list := fs.List()
			if tt.want != (tally{}) {
				if got := tallyOf(list); got != tt.want {
					t.Errorf("listed %d errors and %d warnings, left out %d (gravest %q); want %+v", got.errors, got.warnings, got.omitted, got.worst, tt.want)
				}
			}
			if n := len(marshalAPI(t, list)); n > MaxFindingsBytes {
				t.Errorf("the list encodes to %d bytes, more than MaxFindingsBytes %d", n, MaxFindingsBytes)
			}
			if HasErrors(list) != slices.ContainsFunc(slices.Concat(tt.adds...), func(f Finding) bool { return f.Severity == Error }) {
				t.Errorf("HasErrors = %t, not what was added", HasErrors(list))
			}
			if tt.check != nil {
				tt.check(t, list)
			}
		})
	}
}

// TestFindingsFull: Full and Omit let a hot loop count what Add would only
// count, and nothing else.
func TestFindingsFull(t *testing.T) {
	var fs Findings
	for i := range MaxFindings - 1 {
		fs.Add(finding(Warning, i))
	}
	fs.Add(finding(Error, 0))
	if fs.Full(Error) || fs.Full(Warning) == false {
		t.Errorf("with %d warnings and an error: Full(error) %t, Full(warning) %t; want false, true", MaxFindings-1, fs.Full(Error), fs.Full(Warning))
	}
	fs.Omit(Warning)
	if got := tallyOf(fs.List()); got.omitted != 1 || got.worst != Warning || fs.Len() != MaxFindings+1 {
		t.Errorf("after Omit: %+v, Len %d", got, fs.Len())
	}
}

// TestFindingsDoNotChangeTheirInput: shortening a finding never writes to
// the caller's Related array.
func TestFindingsDoNotChangeTheirInput(t *testing.T) {
	related := []string{"a", strings.Repeat("b", 1000)}
	var fs Findings
	fs.Add(Finding{Rule: "H2", Severity: Error, Related: related, Message: "m"})
	if len(related[1]) != 1000 {
		t.Errorf("the caller's Related was shortened to %d bytes", len(related[1]))
	}
	if got := fs.List()[0].Related[1]; len(got) > maxPathBytes {
		t.Errorf("listed Related of %d bytes", len(got))
	}
}

func TestJSONSize(t *testing.T) {
	texts := []string{"", "a", `"\`, "\b\f\n\r\t", "\x00\x01\x1f\x7f", "<>&", "表三“自然人”列", "\u2028\u2029", "\xff\xfe", "a\xe4\xb8", "🙂", "\ufffd"}
	for _, s := range texts {
		for _, f := range []Finding{
			{Rule: s, Severity: Severity(s), Message: s},
			{Rule: "H1", Severity: Error, Path: s, Related: []string{s, "x"}, Got: s, Want: s, Message: s},
			{Rule: "H1", Severity: Error, Related: []string{s}, Message: "m"},
		} {
			if got, want := jsonSize(f), len(marshalAPI(t, f)); got != want {
				t.Errorf("jsonSize(%+q) = %d, encoding/json writes %d bytes", f, got, want)
			}
		}
	}
}

// FuzzJSONSize: the size the cap counts is the size the API sends.
func FuzzJSONSize(f *testing.F) {
	f.Add("H1", "table3.x", "12", "\x00\u2028\xff", "表三“自然人”")
	f.Fuzz(func(t *testing.T, rule, path, got, want, msg string) {
		fd := Finding{Rule: rule, Severity: Warning, Path: path, Related: []string{got, want}, Got: got, Want: want, Message: msg}
		if n, enc := jsonSize(fd), len(marshalAPI(t, fd)); n != enc {
			t.Fatalf("jsonSize = %d, encoding/json writes %d bytes for %+q", n, enc, fd)
		}
	})
}

// TestDecodeCountsWhatItDoesNotList: the decoder keeps at most the cap and
// counts every finding past it exactly.
func TestDecodeCountsWhatItDoesNotList(t *testing.T) {
	doc := func(unknown, dup int) []byte {
		var b strings.Builder
		b.WriteString(`{"formatVersion":"2021","title":"t"`)
		for i := range unknown {
			fmt.Fprintf(&b, `,"u%d":[1,{"x":2}]`, i)
		}
		b.WriteString(strings.Repeat(`,"title":"t"`, dup))
		b.WriteString("}")
		return []byte(b.String())
	}
	_, base := Decode(doc(0, 0)) // the required fields missing
	for _, n := range [][2]int{{10, 0}, {MaxFindings, 0}, {MaxFindings + 1, 0}, {30_000, 0}, {20_000, 20_000}} {
		r, fs := Decode(doc(n[0], n[1]))
		if r == nil {
			t.Fatalf("%v: no report: %s", n, summary(fs))
		}
		listed, omitted := len(fs), 0
		if last := fs[len(fs)-1]; last.Rule == RuleTooManyFindings {
			listed--
			omitted, _ = strconv.Atoi(last.Got)
		}
		if want := n[0] + n[1] + len(base); listed+omitted != want || listed > MaxFindings {
			t.Errorf("%d unknown and %d repeated fields: %d findings listed, %d counted; want %d in all, at most %d listed",
				n[0], n[1], listed, omitted, want, MaxFindings)
		}
	}
}

func ExampleFindings() {
	var fs Findings
	for i := range MaxFindings + 250 {
		fs.Add(Finding{Rule: RuleUnknownField, Severity: Error, Path: fmt.Sprintf("u%d", i), Message: "未知字段"})
	}
	list := fs.List()
	last := list[len(list)-1]
	fmt.Println(len(list), last.Rule, last.Severity, last.Got)
	// Output: 1001 too-many-findings error 250
}
