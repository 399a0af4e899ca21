package storetest

import (
	"testing"

	"github.com/nianbao/nianbao/shared/store"
)

var _ store.Store = (*Memory)(nil)

func TestMemoryConformance(t *testing.T) {
	Run(t, func(t *testing.T) store.Store { return NewMemory() })
}
