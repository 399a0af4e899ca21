package fsstore

import (
	"testing"

	"github.com/nianbao/nianbao/shared/store/storetest"
)

var _ storetest.Store = (*Store)(nil)

func newTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return newTestStore(t) })
}
