package render

import (
	"math"
	"strconv"
	"testing"
)

func TestAppendFixed(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		d    int
		want string
	}{
		{595.2756, 2, "595.28"}, {0, 2, "0.00"}, {-0.001, 2, "0.00"}, {-1.5, 2, "-1.50"},
		{0.125, 2, "0.13"}, {12.0049, 2, "12.00"}, {0.0567, 3, "0.057"}, {-0.0567, 3, "-0.057"}, {841.89, 2, "841.89"},
	} {
		if got := string(appendFixed(nil, tt.v, tt.d)); got != tt.want {
			t.Errorf("appendFixed(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
	// Away from halves (where v*100 may round either way) it agrees with
	// strconv.
	for i := range 100000 {
		v := float64(i)*0.0137 - 300
		if _, frac := math.Modf(math.Abs(v * 100)); math.Abs(frac-0.5) < 1e-6 {
			continue
		}
		if got, want := string(appendFixed(nil, v, 2)), strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Fatalf("appendFixed(%v, 2) = %q, strconv says %q", v, got, want)
		}
	}
}
