#!/usr/bin/env bash
# Installs axe-core, the accessibility engine the browser tests inject into
# the pages they check (tests/e2e), at a pinned version from npm, into
# GOBIN/axe-core/axe.min.js (or GOPATH/bin), checked against its SHA-256.
# No CDN: the tests read the file and evaluate it in the page.
#
# Usage: infra/axe/install.sh
set -euo pipefail

version=4.14.1
sha256=29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c

bindir=$(go env GOBIN)
if [[ -z $bindir ]]; then
  bindir=$(go env GOPATH | cut -d: -f1)/bin
fi
dest=$bindir/axe-core
if [[ -f $dest/VERSION && $(cat "$dest/VERSION") == "$version" ]] &&
  echo "$sha256  $dest/axe.min.js" | sha256sum --check --status; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "axe: npm is needed (Debian package npm)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "axe: installing axe-core $version"
npm install --prefix "$work" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error "axe-core@$version" >/dev/null
got=$(sha256sum "$work/node_modules/axe-core/axe.min.js" | cut -d' ' -f1)
if [[ $got != "$sha256" ]]; then
  echo "axe: axe-core $version's axe.min.js has SHA-256 $got, want $sha256" >&2
  exit 1
fi
mkdir -p "$dest"
cp "$work/node_modules/axe-core/axe.min.js" "$work/node_modules/axe-core/LICENSE" "$dest/"
echo "$version" > "$dest/VERSION"
