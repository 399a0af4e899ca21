#!/usr/bin/env bash
# Renders the same report with nianbao and with Typst 0.14 (typst.ts's Node
# compiler, from npm at a pinned version), same content, same fonts, both
# writing tagged PDF, side by side in one run with interleaved rounds, and
# prints a Markdown table of min/median/max times and the ratios: warm at
# about 5 and 30 pages, and process start to PDF written.
# Usage: tests/bench/typst-ratio.sh [REPORT.json] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
report=${1:-testdata/seed-2020.json}
rounds=${2:-15}
pkg=@myriaddreamin/typst-ts-node-compiler
version=0.7.0 # Typst 0.14
command -v node >/dev/null || { echo "node is not installed" >&2; exit 2; }

# The package (and its native binary for this platform, an optional
# dependency pinned to the same version) goes into a cache directory; no
# lock file is written into the repository.
peer=${XDG_CACHE_HOME:-$HOME/.cache}/nianbao/typst-ts-$version
if [[ ! -f $peer/node_modules/$pkg/package.json ]]; then
  mkdir -p "$peer"
  echo '{"private": true}' > "$peer/package.json"
  npm install --prefix "$peer" --no-audit --no-fund --no-package-lock --save-exact "$pkg@$version" >&2
fi
cp tests/bench/typstratio/worker.mjs "$peer/worker.mjs"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/nianbao" ./cmd/nianbao
go build -o "$work/typstratio" ./tests/bench/typstratio
"$work/typstratio" -worker "$peer/worker.mjs" -cli "$work/nianbao" -report "$report" -rounds "$rounds"
