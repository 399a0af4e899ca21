package storetest

import (
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

// Run runs the conformance suite. newStore must return an empty store,
// independent of the stores returned before (a fresh directory or bucket);
// it is called once per subtest, with that subtest's t.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Overwrite", testOverwrite},
		{"CreateOnly", testCreateOnly},
		{"CompareAndSwap", testCompareAndSwap},
		{"CreateRace", testCreateRace},
		{"CASCounter", testCASCounter},
		{"List", testList},
		{"ListPaging", testListPaging},
		{"NotFound", testNotFound},
		{"Delete", testDelete},
		{"InvalidKeys", testInvalidKeys},
		{"InvalidArguments", testInvalidArguments},
		{"Canceled", testCanceled},
		{"PresignGet", testPresignGet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newStore(t))
		})
	}
}
