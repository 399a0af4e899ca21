package textdiff

import (
	"strings"
	"testing"
)

// BenchmarkText: a typical correction (one figure in a long section) and the
// worst the budget allows (two unrelated 100,000-character sections).
func BenchmarkText(b *testing.B) {
	para := strings.Repeat("我局认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。", 6)
	var sb strings.Builder
	for i := range 40 {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(para)
	}
	typical := sb.String()
	corrected := strings.Replace(typical, "扎实推进", "稳步推进", 1)
	hostileA := strings.Repeat(strings.Repeat("甲", 49)+"\n", 2000)
	hostileB := strings.Repeat(strings.Repeat("乙", 49)+"\n", 2000)
	for _, bb := range []struct{ name, a, b string }{
		{"typical", typical, corrected},
		{"hostile", hostileA, hostileB},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Text(bb.a, bb.b, &Budget{Steps: DefaultSteps})
			}
		})
	}
}
