package validate

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/nianbao/nianbao/shared/report"
)

// BenchmarkDocument measures what an upload waits for: decode and validate.
func BenchmarkDocument(b *testing.B) {
	seed := testkit.Testdata(b, "seed-2020.json")
	b.Run("seed", func(b *testing.B) { benchDocument(b, seed) })
	b.Run("example-2021", func(b *testing.B) { benchDocument(b, testkit.Testdata(b, "example-2021.json")) })
	b.Run("seed-prose-x20", func(b *testing.B) { benchDocument(b, longReport(b, seed, 20)) })
}

func benchDocument(b *testing.B, doc []byte) {
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		r, fs := Document(doc, NewOptions(nil, testNow))
		if r == nil || report.HasErrors(fs) {
			b.Fatalf("findings: %s", summary(fs))
		}
	}
}

// longReport repeats every section's prose n times: a thirty-page report.
func longReport(b *testing.B, doc []byte, n int) []byte {
	r, _ := report.Decode(doc)
	s := &r.Sections
	for _, p := range []*string{&s.Overview, &s.ProblemsAndImprovements, &s.OtherMatters} {
		*p = strings.Repeat(*p+"\n", n-1) + *p
	}
	return r.Canonical()
}

// BenchmarkCheck is validation alone, on a decoded report.
func BenchmarkCheck(b *testing.B) {
	for _, name := range []string{"seed-2020", "example-2021"} {
		r := decode(b, name+".json")
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Check(r, NewOptions(nil, testNow))
			}
		})
	}
}
