package report

import (
	"errors"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in       string
		exponent bool
		want     Decimal
		err      error
	}{
		{"0", false, 0, nil},
		{"768", false, Int(768), nil},
		{"12.5", false, 12_500_000, nil},
		{"12.50", false, 12_500_000, nil},
		{"24252.311082", false, 24_252_311_082, nil},
		{"-3", false, Int(-3), nil},
		{"0.000001", false, 1, nil},
		{"0.0000001", false, 0, errPrecision},
		{"1.0000000", false, Unit, nil},
		{"1e2", true, Int(100), nil},
		{"1E+2", true, Int(100), nil},
		{"1.5e1", true, Int(15), nil},
		{"15e-1", true, 1_500_000, nil},
		{"1e-7", true, 0, errPrecision},
		{"1e400", true, 0, errMagnitude},
		{"1e99999999999", true, 0, errMagnitude},
		{"0e99999999999", true, 0, nil},
		{"1000000000000", false, Int(1_000_000_000_000), nil},
		{"1000000000001", false, 0, errMagnitude},
		{"99999999999999999999", false, 0, errMagnitude},
		{"1e2", false, 0, errNotNumber},
		{"01", false, 0, errNotNumber},
		{"1.", false, 0, errNotNumber},
		{".5", false, 0, errNotNumber},
		{"+1", false, 0, errNotNumber},
		{"", false, 0, errNotNumber},
		{"-", false, 0, errNotNumber},
		{"1e", true, 0, errNotNumber},
		{"１２", false, 0, errNotNumber},
	}
	for _, tt := range tests {
		got, err := parseDecimal(tt.in, tt.exponent)
		if !errors.Is(err, tt.err) || (err == nil && got != tt.want) {
			t.Errorf("parseDecimal(%q, %v) = %d, %v; want %d, %v", tt.in, tt.exponent, got, err, tt.want, tt.err)
		}
	}
}

func TestDecimalString(t *testing.T) {
	tests := []struct {
		in   Decimal
		want string
	}{
		{0, "0"},
		{Int(768), "768"},
		{12_500_000, "12.5"},
		{1, "0.000001"},
		{-1_250_000, "-1.25"},
		{Int(-71), "-71"},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("Decimal(%d).String() = %q, want %q", int64(tt.in), got, tt.want)
		}
		if back, err := parseDecimal(tt.want, false); err != nil || back != tt.in {
			t.Errorf("parseDecimal(%q) = %d, %v; want %d", tt.want, back, err, tt.in)
		}
	}
}
