package fsstore

import (
	"testing"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/storetest"
)

var _ store.Store = (*Store)(nil)

func newTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return newTestStore(t) })
}
