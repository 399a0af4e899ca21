package emulator_test

import (
	"strings"
	"sync"
)

// syncWriter guards a strings.Builder written by the emulator's output
// goroutines.
type syncWriter struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}
