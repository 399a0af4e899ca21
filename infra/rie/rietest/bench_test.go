package rietest_test

import (
	"context"
	"os"
	"testing"
)

// BenchmarkInvoke measures one warm invocation through the emulator: the
// overhead a local run adds to each request.
func BenchmarkInvoke(b *testing.B) {
	e := start(b, nil)
	ctx := context.Background()
	event := []byte(`{"do":"echo"}`)
	if _, err := e.Invoke(ctx, event); err != nil { // cold start outside the loop
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Invoke(ctx, event); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInvokeSeed sends the seed report's upload event (about 30 KB):
// the cost of moving a realistic payload through the emulator.
func BenchmarkInvokeSeed(b *testing.B) {
	event, err := os.ReadFile("../../../testdata/events/upload-seed.json")
	if err != nil {
		b.Skip(err)
	}
	e := start(b, nil)
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.Invoke(ctx, event); err != nil {
			b.Fatal(err)
		}
	}
}
