#!/usr/bin/env bash
# Runs every fuzz target of the module, one after the other, for FUZZTIME
# each (default 30s): the targets are found by name, so a new FuzzXxx is
# fuzzed without touching this script.
# Usage: infra/fuzz.sh [PACKAGES...]   (make fuzz; default ./...)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-30s}
pkgs=("$@")
((${#pkgs[@]})) || pkgs=(./...)

failed=0
count=0
while read -r pkg; do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(cd "$dir" && go test -list '^Fuzz' . | grep '^Fuzz' || true); do
    count=$((count + 1))
    echo "fuzz: $pkg $target ($fuzztime)"
    # Minimising a new input for the default minute stalls fuzzing of
    # inputs that barely shrink (zips, PDFs): a bounded number of tries.
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 200x "$pkg"; then
      failed=$((failed + 1))
    fi
  done
done < <(go list "${pkgs[@]}")
echo "fuzz: $count targets, $failed failed"
((failed == 0))
