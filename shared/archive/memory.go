package archive

// GCPercent is the garbage collector's target for a process that archives.
// A bag's state grows with its reports (the zip's central directory, the
// manifests, index.csv), so the heap is mostly live; the default target of
// 100 would let the process grow to twice that. 25 keeps peak memory near
// the live state (10 000 reports: 89 → 65 MB) at no measurable cost in
// speed. The archive function and `nianbao archive` set it (app.TuneForArchiving).
const GCPercent = 25
