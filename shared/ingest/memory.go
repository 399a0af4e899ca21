package ingest

import (
	"runtime/debug"

	"github.com/nianbao/nianbao/shared/config"
)

// MemoryLimit is the soft memory limit of a process that imports. An import
// of a 10 MB file holds the file, its text and pieces of both, a few times
// its size at the peak; with the default collector target the heap doubles
// past that (85 MB of RSS for 10 MB of prose). At this limit the collector
// runs before it does (62–66 MB), at no measurable cost in speed
// (docs/benchmarks.md).
const MemoryLimit = 48 << 20

// TuneMemory sets MemoryLimit for an importing process, unless the operator
// set GOMEMLIMIT. `nianbao import` and the import function call it.
func TuneMemory(rt config.Runtime) {
	if !rt.GOMEMLIMITSet {
		debug.SetMemoryLimit(MemoryLimit)
	}
}
