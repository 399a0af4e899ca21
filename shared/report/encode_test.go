package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func TestCanonicalGolden(t *testing.T) {
	for _, name := range []string{"seed-2020", "example-2021"} {
		r, fs := Decode(testkit.Testdata(t, name+".json"))
		if r == nil || len(fs) != 0 {
			t.Fatalf("Decode(%s): %s", name, summary(fs))
		}
		got := r.Canonical()
		golden := testkit.Path(t, "testdata", "golden", name+".canonical.json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("Canonical(%s) differs from %s (run go test -update if the change is intended)\n got %s", name, golden, got)
		}
	}
}

func TestCanonicalStable(t *testing.T) {
	seed := testkit.Testdata(t, "seed-2020.json")
	variants := map[string][]byte{
		"as published": seed,
		"amount as a number with zeros": edit(t, seed, func(m map[string]any) {
			set(m, "table2.art20_9.centralizedProcurement.procurementTotalAmount", json.Number("768.000"))
		}),
		"reindented": func() []byte {
			var b bytes.Buffer
			if err := json.Indent(&b, seed, "", "\t"); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}(),
		"CRLF paragraphs": bytes.ReplaceAll(seed, []byte(`\n`), []byte(`\r\n`)),
	}
	want := mustDecode(t, seed).Canonical()
	for name, doc := range variants {
		first := mustDecode(t, doc).Canonical()
		if !bytes.Equal(first, want) {
			t.Errorf("%s: canonical form differs:\n got %s\nwant %s", name, first, want)
		}
		if second := mustDecode(t, first).Canonical(); !bytes.Equal(second, first) {
			t.Errorf("%s: decode → encode → decode is not stable:\n got %s\nwant %s", name, second, first)
		}
	}
}

// Canonical output is RFC 8785: members sorted, no insignificant whitespace,
// only the required escapes.
func TestCanonicalIsJCS(t *testing.T) {
	r := mustDecode(t, testkit.Testdata(t, "example-2021.json"))
	r.Sections.OtherMatters = "引号\"、反斜杠\\、制表\t与<script>"
	got := r.Canonical()
	if !json.Valid(got) {
		t.Fatalf("canonical output is not JSON: %s", got)
	}
	for _, want := range []string{`引号\"、反斜杠\\、制表\t与<script>`, `{"agency":{"creditCode":`, `"total":`} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("canonical output lacks %s", want)
		}
	}
	var generic any
	if err := json.Unmarshal(got, &generic); err != nil {
		t.Fatal(err)
	}
	// encoding/json sorts map keys; amounts are strings and counts small integers, so it agrees with JCS.
	var sorted bytes.Buffer
	enc := json.NewEncoder(&sorted)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(generic); err != nil {
		t.Fatal(err)
	}
	if want := bytes.TrimSuffix(sorted.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
		t.Errorf("members are not in canonical order:\n got %s\nwant %s", got, want)
	}
}

func mustDecode(t testing.TB, doc []byte) *Report {
	t.Helper()
	r, fs := Decode(doc)
	if r == nil || HasErrors(fs) {
		t.Fatalf("Decode: %s", summary(fs))
	}
	return r
}
