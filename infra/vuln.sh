#!/usr/bin/env bash
# Checks the module and its dependencies against the Go vulnerability
# database, offline: the database is the pinned OSV data of golang.org/x/vulndb
# from the Go module proxy, indexed locally with its own indexdb tool, so the
# check needs no network beyond the proxy and gives the same answer for the
# same pin. Bump VULNDB to take newer advisories.
# Usage: infra/vuln.sh
set -euo pipefail
cd "$(dirname "$0")/.."

GOVULNCHECK=v1.9.0
VULNDB=v0.0.0-20261105234957-e22db6528018

bindir=$(go env GOBIN)
[[ -n $bindir ]] || bindir=$(go env GOPATH | cut -d: -f1)/bin

# install BIN PKG VERSION MODULE: go install unless BIN was built from MODULE@VERSION.
install() {
  local have
  have=$(go version -m "$bindir/$1" 2>/dev/null | awk -v m="$4" '$1 == "mod" && $2 == m { print $3 }' || true)
  if [[ $have != "$3" ]]; then
    echo "vuln: installing $1 $3"
    GOBIN=$bindir go install "$2@$3"
  fi
}
install govulncheck golang.org/x/vuln/cmd/govulncheck "$GOVULNCHECK" golang.org/x/vuln
install indexdb golang.org/x/vulndb/cmd/indexdb "$VULNDB" golang.org/x/vulndb

db=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/nianbao/vulndb-$VULNDB
if [[ ! -f $db/index/db.json ]]; then
  src=$(cd "$(mktemp -d)" && go mod download -json "golang.org/x/vulndb@$VULNDB" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -d $src/data/osv ]] || { echo "vuln: no OSV data in golang.org/x/vulndb@$VULNDB" >&2; exit 1; }
  rm -rf "$db.tmp" && mkdir -p "$(dirname "$db")"
  "$bindir/indexdb" -vulns "$src/data/osv" -out "$db.tmp"
  mv "$db.tmp" "$db"
fi
"$bindir/govulncheck" -db "file://$db" ./...
