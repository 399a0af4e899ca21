#!/usr/bin/env bash
# Installs the S3 servers the integration tests run (see
# shared/store/s3store/s3test), at pinned versions, into GOBIN (or
# GOPATH/bin). A binary already built from the pinned version is kept, so
# the script is cheap to run again. A cold install takes minutes (MinIO up
# to 4.5 min and about 2 GB of module and build caches).
#
# Usage: infra/s3/install.sh [minio|versitygw]...   (default: both)
set -euo pipefail

declare -A pkg=(
  [versitygw]=github.com/versity/versitygw/cmd/versitygw
  [minio]=github.com/minio/minio
)
declare -A mod=(
  [versitygw]=github.com/versity/versitygw
  [minio]=github.com/minio/minio
)
declare -A version=(
  [versitygw]=v1.8.0
  # The MinIO repository is no longer maintained and publishes no tags;
  # this pseudo-version is the last commit checked against the tests.
  [minio]=v0.0.0-20260212201848-7aac2a2c5b7c
)

bindir=$(go env GOBIN)
if [[ -z $bindir ]]; then
  bindir=$(go env GOPATH | cut -d: -f1)/bin
fi

# installed NAME prints the module version NAME was built from, if any.
installed() {
  local bin=$bindir/$1
  [[ -x $bin ]] || return 0
  go version -m "$bin" 2>/dev/null | awk -v m="${mod[$1]}" '$1 == "mod" && $2 == m { print $3 }'
}

names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  names=(versitygw minio)
fi
for name in "${names[@]}"; do
  if [[ -z ${pkg[$name]+x} ]]; then
    echo "install.sh: unknown server $name (want minio or versitygw)" >&2
    exit 2
  fi
  want=${version[$name]}
  have=$(installed "$name")
  if [[ $have == "$want" ]]; then
    echo "$name $want already in $bindir"
    continue
  fi
  echo "installing $name $want into $bindir${have:+ (replacing $have)}"
  # -buildvcs=false: the module cache has no VCS data to stamp.
  GOFLAGS=-buildvcs=false go install "${pkg[$name]}@$want"
  got=$(installed "$name")
  if [[ $got != "$want" ]]; then
    echo "install.sh: $bindir/$name reports ${got:-no version}, want $want" >&2
    exit 1
  fi
done
