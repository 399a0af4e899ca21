#!/usr/bin/env bash
# Compares a package's Go benchmarks at a base revision and in the working
# tree, side by side on a noisy machine: both test binaries are built first,
# then run alternately, one round each, and every benchmark's ns/op is
# summarised as min / median / max per side.
# Usage: [BENCHTIME=1s] infra/benchcmp.sh BASE-REV PACKAGE [BENCH-REGEXP] [ROUNDS]
#   e.g. infra/benchcmp.sh main ./shared/validate . 10
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: infra/benchcmp.sh BASE-REV PACKAGE [BENCH-REGEXP] [ROUNDS]}
pkg=${2:?usage: infra/benchcmp.sh BASE-REV PACKAGE [BENCH-REGEXP] [ROUNDS]}
bench=${3:-.}
rounds=${4:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The base tree is exported, not checked out: no worktree or index changes.
mkdir "$tmp/base"
git archive "$base" | tar -x -C "$tmp/base"
(cd "$tmp/base" && go test -c -o "$tmp/base.test" "$pkg")
go test -c -o "$tmp/head.test" "$pkg"

run() { # side binary-dir
  (cd "$2/$pkg" && "$tmp/$1.test" -test.run '^$' -test.bench "$bench" -test.benchtime "${BENCHTIME:-1s}" -test.count 1) |
    awk -v side="$1" '/^Benchmark/ { for (i = 3; i < NF; i++) if ($(i+1) == "ns/op") print side, $1, $i }' >> "$tmp/results"
}
for ((i = 1; i <= rounds; i++)); do
  run base "$tmp/base"
  run head "$PWD"
done

echo "$pkg, $rounds rounds alternating, -benchtime ${BENCHTIME:-1s}, base $(git rev-parse --short "$base") vs working tree; ns/op min / median / max"
sort -k2,2 -k1,1 -k3,3n "$tmp/results" | awk '
  function flush() {
    if (n == 0) return
    printf "%-45s %-5s %12.0f %12.0f %12.0f\n", name, side, v[1], (n % 2 ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2), v[n]
  }
  { if ($1 != side || $2 != name) { flush(); n = 0; side = $1; name = $2 } v[++n] = $3 }
  END { flush() }'
