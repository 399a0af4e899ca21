package report

import (
	"bytes"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// FuzzDecode: any input either yields findings without a report, or a report
// whose canonical form decodes again to the same bytes with no error.
func FuzzDecode(f *testing.F) {
	f.Add(testkit.Testdata(f, "seed-2020.json"))
	f.Add(testkit.Testdata(f, "example-2021.json"))
	f.Add([]byte(`{"formatVersion":"2021","reportYear":1e3,"table2":{"art20_1":[]}}`))
	f.Add([]byte(`{"agency":{"name":"局","name":null}}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		r, fs := Decode(doc)
		for _, finding := range fs {
			if finding.Rule == "" || finding.Message == "" || finding.Severity != Error {
				t.Fatalf("malformed finding %+v", finding)
			}
		}
		if r == nil {
			if len(fs) != 1 || fs[0].Rule != RuleSyntax {
				t.Fatalf("no report but findings %s", summary(fs))
			}
			return
		}
		if HasErrors(fs) {
			return
		}
		first := r.Canonical()
		again, fs2 := Decode(first)
		if again == nil || len(fs2) != 0 {
			t.Fatalf("canonical form %s does not decode cleanly: %s", first, summary(fs2))
		}
		if second := again.Canonical(); !bytes.Equal(first, second) {
			t.Fatalf("canonical form is not stable:\n%s\n%s", first, second)
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	for _, name := range []string{"seed-2020", "example-2021"} {
		doc := testkit.Testdata(b, name+".json")
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				if r, fs := Decode(doc); r == nil || len(fs) != 0 {
					b.Fatal(summary(fs))
				}
			}
		})
	}
}
