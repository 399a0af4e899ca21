package inboxtest

import "testing"

func TestAgencyNamesAreDistinct(t *testing.T) {
	seen := map[string]int{}
	for i := range 1600 {
		name := AgencyName(i)
		if j, dup := seen[name]; dup {
			t.Fatalf("agencies %d and %d are both %s", j, i, name)
		}
		seen[name] = i
	}
}
