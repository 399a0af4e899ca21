#!/usr/bin/env bash
# Times the Word and Excel readers on a report-sized document, this reader
# and excelize side by side (-count interleaves them), and prints min /
# median / max of the wall time and of the process's CPU time per read (on
# a shared machine the wall time is mostly waiting for a core); then the
# peak heap for 10 MB inputs.
# Usage: infra/bench-readers.sh [COUNT]   (docs/benchmarks.md records a run)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-9}
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
for pkg in docx xlsx; do
  go test -run '^$' -bench '^BenchmarkRead$' -benchmem -count "$count" ./shared/source/$pkg | grep '^Benchmark' | sed "s/^Benchmark/$pkg./" >> "$raw"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in $(awk '{ sub(/-[0-9]+$/, "", $1); print $1 }' "$raw" | sort -u); do
  for col in ns/op cpu-ms/op; do
    awk -v n="$name" -v c="$col" '{ sub(/-[0-9]+$/, "", $1) } $1 == n { for (i = 2; i < NF; i++) if ($(i+1) == c) print (c == "ns/op" ? $i / 1e6 : $i) }' "$raw" | sort -n |
      awk -v n="$name" -v c="$col" '{ v[NR] = $1 } END { printf "%-20s %-9s n=%d  min %6.2f ms  median %6.2f ms  max %6.2f ms\n", n, c == "ns/op" ? "wall" : "CPU", NR, v[1], v[int((NR+1)/2)], v[NR] }'
  done
done
for pkg in docx xlsx; do
  go test -run '^$' -bench 'Read10MB' -count 1 ./shared/source/$pkg | grep '^Benchmark' |
    awk -v p="$pkg" '{ sub(/-[0-9]+$/, "", $1); printf "%s.%-26s input %s MB, peak heap %s MB\n", p, $1, $(NF-3), $(NF-1) }'
done
