package testkit

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// Memory is what running a piece of code cost the heap.
type Memory struct {
	// Allocated is every byte allocated while it ran, garbage included.
	Allocated uint64
	// Peak is the most heap in use at once while it ran, above the live
	// heap before it: sampled every 100 µs, so a lower bound of the true
	// peak. Garbage not yet collected counts, as it does in the process's
	// memory.
	Peak uint64
}

// MiB returns n bytes in mebibytes, for messages and benchmark metrics.
func MiB(n uint64) float64 { return float64(n) / (1 << 20) }

// MeasureMemory runs f and reports what it allocated and the peak of the
// heap while it ran. Run it where no other test runs in parallel: the heap
// is the process's.
func MeasureMemory(f func()) Memory {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	base := heapInUse()
	stop, peakc := make(chan struct{}), make(chan uint64)
	go func() {
		peak := base
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				peakc <- peak
				return
			case <-tick.C:
				peak = max(peak, heapInUse())
			}
		}
	}()
	f()
	close(stop)
	peak := max(<-peakc, heapInUse())
	runtime.ReadMemStats(&after)
	m := Memory{Allocated: after.TotalAlloc - before.TotalAlloc}
	if peak > base {
		m.Peak = peak - base
	}
	return m
}

// heapInUse reads the bytes of heap objects, live or not yet swept, without
// stopping the world as runtime.ReadMemStats does.
func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
