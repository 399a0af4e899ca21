package check

import (
	"strings"
	"testing"
)

func TestPlainDecimal(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"0", "0", true},
		{"-0", "0", true},
		{"-0.0e5", "0", true},
		{"116", "116", true},
		{"2.0", "2", true},
		{"1.50e2", "150", true},
		{"1.5E+2", "150", true},
		{"12.5", "12.5", true},
		{"-0.5", "-0.5", true},
		{"0.000001", "0.000001", true},
		{"1e-7", "0.0000001", true},
		{"24252.311082", "24252.311082", true},
		{"1000000000000", "1000000000000", true},
		{"007", "7", true}, // not valid JSON, but harmless
		{"1e40", "1" + strings.Repeat("0", 40), true},
		{"1e-40", "0." + strings.Repeat("0", 39) + "1", true},
		{"0." + strings.Repeat("0", 1000) + "1e1001", "1", true},
		{strings.Repeat("9", 40), strings.Repeat("9", 40), true},
		{"1e41", "", false},
		{"1e-41", "", false},
		{strings.Repeat("9", 41), "", false},
		{"1e10000000", "", false},
		{"1e-999999999", "", false},
		{"1e0000000000000002", "100", true},
	}
	for _, tt := range tests {
		got, ok := plainDecimal(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("plainDecimal(%.50q) = %.50q, %v; want %.50q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}
