#!/usr/bin/env bash
# Renders the same report with nianbao and with headless Chromium (Debian's
# chromium, printing an HTML page of the same blocks to PDF), in one run, and
# prints nianbao's time as a ratio of Chromium's. Whole processes are timed:
# start, fonts, layout, PDF written.
# Usage: tests/bench/chromium-ratio.sh [REPORT.json] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-testdata/seed-2020.json}
runs=${2:-10}
chromium=$(command -v chromium || command -v chromium-browser || true)
[[ -n $chromium ]] || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/nianbao" ./cmd/nianbao
go run ./tests/bench/reporthtml -fonts "$PWD/shared/render/fonts" "$report" > "$work/report.html"

# ms prints the median wall time of a command over $runs runs, in milliseconds.
ms() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

ours=$(ms "$work/nianbao" render "$report" -o "$work/nianbao.pdf")
theirs=$(ms "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$work/chromium.pdf" "file://$work/report.html")
echo "report: $report ($runs runs each, median wall time, process start to PDF written)"
echo "nianbao:  ${ours} ms  ($(stat -c %s "$work/nianbao.pdf") bytes)"
echo "chromium: ${theirs} ms  ($(stat -c %s "$work/chromium.pdf") bytes)"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio nianbao/chromium: %.3f (%.0fx faster)\n", a / b, b / a }'
