#!/usr/bin/env bash
# Times the import end to end (detect, read, recognise, validate) of a
# report from each kind of document, the sub-benchmarks of BenchmarkImport
# interleaved by -count, and prints min / median / max of the wall time and
# of the process's CPU time per import (on a shared machine the wall time is
# mostly waiting for a core); then the peak RSS of a process importing each
# 10 MB input.
# Usage: infra/bench-import.sh [COUNT]   (docs/benchmarks.md records a run)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-9}
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
go test -run '^$' -bench '^BenchmarkImport$' -benchmem -cpu 1 -count "$count" ./shared/ingest | grep '^Benchmark' > "$raw"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in $(awk '{ print $1 }' "$raw" | sort -u); do
  for col in ns/op cpu-ms/op; do
    awk -v n="$name" -v c="$col" '$1 == n { for (i = 2; i < NF; i++) if ($(i+1) == c) print (c == "ns/op" ? $i / 1e6 : $i) }' "$raw" | sort -n |
      awk -v n="${name#BenchmarkImport/}" -v c="$col" '{ v[NR] = $1 } END { printf "%-32s %-4s n=%d  min %6.2f ms  median %6.2f ms  max %6.2f ms\n", n, c == "ns/op" ? "wall" : "CPU", NR, v[1], v[int((NR+1)/2)], v[NR] }'
  done
done
go test -run '^$' -bench 'ImportPeakRSS' -benchtime 1x -count 1 ./shared/ingest | grep '^Benchmark' |
  awk '{ name = $1; sub(/^BenchmarkImportPeakRSS\//, "", name); sub(/-[0-9]+$/, "", name); printf "peak RSS %-28s %s MB\n", name, $(NF-1) }'
