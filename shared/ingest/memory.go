package ingest

import (
	"os"
	"runtime/debug"
)

// memoryLimit is the soft memory limit of a process that imports. An import
// of a 10 MB file holds the file, its text and pieces of both, a few times
// its size at the peak; with the default collector target the heap doubles
// past that (85 MB of RSS for 10 MB of prose). At this limit the collector
// runs before it does (62–66 MB), at no measurable cost in speed
// (docs/benchmarks.md).
const memoryLimit = 48 << 20

// TuneMemory sets the soft memory limit for an importing process, unless
// GOMEMLIMIT says otherwise. `nianbao import` calls it; a function that
// imports should too.
func TuneMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
