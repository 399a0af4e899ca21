#!/usr/bin/env bash
# Runs every benchmark of the project and writes their raw output to
# docs/benchmarks-run.md: the Go benchmarks (unit and, against the local S3
# servers, integration), the cold start of the functions, and the Chromium
# and Typst comparisons when Chromium and Node are installed. Numbers depend
# on the machine: the file says which one. docs/benchmarks.md, the targets
# and what the numbers mean, is written by hand from these runs.
# Usage: infra/bench.sh   (make bench)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/benchmarks-run.md
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT

{
  echo "# The last run of \`make bench\`"
  echo
  echo "Written by \`make bench\` (infra/bench.sh) on $(date -u +%Y-%m-%d): $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3-4), load average $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "The targets and what each number means: [benchmarks.md](benchmarks.md)."
  echo
  echo "## Go benchmarks"
  echo
  echo '```'
} > "$out"

go test -timeout 0 -run '^$' -bench . -benchmem -count 1 ./shared/... 2>&1 | grep -E '^(Benchmark|pkg:)' | tee -a "$raw"
# Uploads and cold starts are timed over many runs; an archive of 10,000
# reports is one long run.
CI=${CI:-true} go test -timeout 0 -tags integration -run '^$' -bench 'Upload|ColdStart' -benchmem -benchtime 200x -count 1 ./tests/bench/ 2>&1 | grep -E '^(Benchmark|pkg:)' | tee -a "$raw"
CI=${CI:-true} go test -timeout 0 -tags integration -run '^$' -bench 'Archive' -benchtime 1x -count 1 ./tests/bench/ 2>&1 | grep -E '^(Benchmark|pkg:)' | tee -a "$raw"
# The registry's catalog on MinIO and versitygw: a year of 5 000 agencies ×
# 3 versions seeded in the registry's layout (BenchmarkCatalog, on fsstore,
# ran with ./shared/... above).
CI=${CI:-true} go test -timeout 0 -tags integration -run '^$' -bench 'CatalogS3' -count 1 ./shared/registry/ 2>&1 | grep -E '^(Benchmark|pkg:)' | tee -a "$raw"
# The inbox: a year's 100 and 1,000 published pages and PDFs filed by
# `nianbao import --file` into the filesystem store, versitygw and MinIO.
CI=${CI:-true} go test -timeout 0 -tags integration -run '^$' -bench 'Inbox' -benchtime 1x -count 1 ./tests/bench/ 2>&1 | grep -E '^(Benchmark|pkg:)' | tee -a "$raw"
# The supervising office's routes over 5,000 agencies, cold and warm (docs/office.md).
CI=${CI:-true} go test -timeout 0 -tags integration -run '^$' -bench 'Office' -benchtime 3x -count 1 ./tests/bench/ 2>&1 | grep -E '^(Benchmark|pkg:)' | tee -a "$raw"
cat "$raw" >> "$out"
echo '```' >> "$out"

if command -v chromium >/dev/null; then
  {
    echo
    echo "## Against Chromium"
    echo
    echo '```'
    tests/bench/chromium-ratio.sh testdata/seed-2020.json 10
    echo '```'
  } >> "$out"
fi
{
  echo
  echo "## Import end to end"
  echo
  echo '```'
  infra/bench-import.sh
  echo '```'
} >> "$out"
{
  echo
  echo "## Word and Excel readers"
  echo
  echo '```'
  infra/bench-readers.sh
  echo '```'
} >> "$out"
if command -v node >/dev/null; then
  {
    echo
    echo "## Against Typst"
    echo
    echo "\`tests/bench/typst-ratio.sh\`: the seed report, and the seed with its prose repeated, rendered by nianbao"
    echo "and by Typst 0.14 (typst.ts, tagged PDF/UA-1) with the same fonts, in interleaved rounds."
    echo
    tests/bench/typst-ratio.sh testdata/seed-2020.json 15
  } >> "$out"
fi
echo "wrote $out"
