package render

import (
	"math"
	"testing"
)

// width1000 rounds in integers exactly as math.Round does, for any units
// per em.
func TestWidth1000(t *testing.T) {
	for _, upem := range []int{1000, 1024, 2048, 2049, 16, 1} {
		f := &face{upem: float64(upem)}
		for adv := range 5000 {
			want := int(math.Round(float64(adv) * 1000 / float64(upem)))
			if got := f.width1000(adv); got != want {
				t.Fatalf("width1000(%d) with %d units per em = %d, want %d", adv, upem, got, want)
			}
		}
	}
}
