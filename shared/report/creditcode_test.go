package report

import (
	"fmt"
	"testing"
)

func TestValidCreditCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"11410303MB0000001X", true}, // the seed's sample code
		{"11330500MB1D58273F", true}, // testdata/example-2021.json
		{"91350100M000100Y43", true}, // a published enterprise code
		{"11410303MB00000010", false},
		{"11410303mb0000001x", false}, // the standard is upper-case
		{"11410303MB0000001", false},
		{"11410303MB0000001XX", false},
		{"11410303MI0000001X", false}, // I is not in the alphabet
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidCreditCode(tt.code); got != tt.want {
			t.Errorf("ValidCreditCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func ExampleCreditCodeCheck() {
	check, ok := CreditCodeCheck("11410303MB0000001")
	fmt.Println(string(check), ok)
	// Output: X true
}
