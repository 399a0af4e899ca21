package check

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

func BenchmarkValidate(b *testing.B) {
	for _, name := range []string{seed2020, example2021} {
		doc := testkit.Testdata(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				if err := Validate(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompile measures the one-off cost a cold Lambda pays on its first
// Validate call.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compile(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateLongNumber shows that a number literal filling most of
// MaxDocumentBytes is rejected cheaply rather than converted by math/big.
func BenchmarkValidateLongNumber(b *testing.B) {
	doc := []byte(`{"reportYear": 1` + strings.Repeat("0", MaxDocumentBytes-100) + `}`)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if err := Validate(doc); err == nil {
			b.Fatal("Validate accepted a 4 MB number")
		}
	}
}
