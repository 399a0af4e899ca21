#!/usr/bin/env bash
# Installs the AWS Lambda Runtime Interface Emulator (aws-lambda-rie) at a
# pinned version into GOBIN (or GOPATH/bin). It runs a function's bootstrap
# binary on loopback for `make invoke` and the rietest helper. A binary
# already built from the pinned version is kept, so the script is cheap to
# run again. A cold install takes under a minute.
#
# Usage: infra/rie/install.sh
set -euo pipefail

pkg=github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie
mod=github.com/aws/aws-lambda-runtime-interface-emulator
# The repository publishes no Go-module tags; this pseudo-version is the
# commit checked against the tests.
want=v0.0.0-20261030222936-bef5c4ba774d

bindir=$(go env GOBIN)
if [[ -z $bindir ]]; then
  bindir=$(go env GOPATH | cut -d: -f1)/bin
fi
bin=$bindir/aws-lambda-rie

# installed prints the module version the binary was built from, if any.
installed() {
  [[ -x $bin ]] || return 0
  go version -m "$bin" 2>/dev/null | awk -v m="$mod" '$1 == "mod" && $2 == m { print $3 }'
}

have=$(installed)
if [[ $have == "$want" ]]; then
  echo "aws-lambda-rie $want already in $bindir"
  exit 0
fi
echo "installing aws-lambda-rie $want into $bindir${have:+ (replacing $have)}"
# -buildvcs=false: the module cache has no VCS data to stamp.
GOFLAGS=-buildvcs=false go install "$pkg@$want"
got=$(installed)
if [[ $got != "$want" ]]; then
  echo "install.sh: $bin reports ${got:-no version}, want $want" >&2
  exit 1
fi
