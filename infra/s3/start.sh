#!/usr/bin/env bash
# Starts a local S3 server in the foreground for manual runs, on loopback,
# and prints the environment the nianbao functions need to use it.
# Tests do not use this script: they start their own servers through
# shared/store/s3store/s3test.
#
# Usage: infra/s3/start.sh versitygw|minio DATA_DIR [PORT]   (PORT: 7070)
set -euo pipefail

kind=${1:?usage: start.sh versitygw|minio DATA_DIR [PORT]}
dir=${2:?usage: start.sh versitygw|minio DATA_DIR [PORT]}
port=${3:-7070}
access=${S3_ACCESS_KEY:-nianbao-local}
secret=${S3_SECRET_KEY:-nianbao-local-secret}

mkdir -p "$dir/data"
cat <<ENV
# in another shell:
export AWS_ENDPOINT_URL_S3=http://127.0.0.1:$port
export AWS_ACCESS_KEY_ID=$access AWS_SECRET_ACCESS_KEY=$secret AWS_REGION=us-east-1
export S3_FORCE_PATH_STYLE=true
ENV
case $kind in
  versitygw)
    mkdir -p "$dir/versions"
    exec versitygw --access "$access" --secret "$secret" --port "127.0.0.1:$port" \
      posix --versioning-dir "$dir/versions" "$dir/data"
    ;;
  minio)
    # The console would take 9001 by default; keep it next to the API port.
    MINIO_ROOT_USER=$access MINIO_ROOT_PASSWORD=$secret MINIO_BROWSER=off MINIO_UPDATE=off \
      exec minio server "$dir/data" --address "127.0.0.1:$port" \
      --console-address "127.0.0.1:$((port + 1))" --quiet
    ;;
  *)
    echo "start.sh: unknown server $kind (want versitygw or minio)" >&2
    exit 2
    ;;
esac
