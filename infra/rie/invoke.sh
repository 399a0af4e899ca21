#!/usr/bin/env bash
# Runs one event through a function under the Lambda Runtime Interface
# Emulator, with the environment template.yaml gives the functions, and
# prints the response. Used by `make invoke FN=… EVENT=…`.
#
# Usage: infra/rie/invoke.sh BOOTSTRAP EVENT.json
#
# The function sees only these variables, taken from this shell's
# environment (as the Globals of template.yaml set them on AWS):
#   REPORTS_BUCKET        required
#   AWS_ENDPOINT_URL_S3   the local S3 server, e.g. http://127.0.0.1:7070
#   S3_FORCE_PATH_STYLE   default true (local servers need path style)
#   LOG_LEVEL             default info
#   NIANBAO_JWT_ISSUER, NIANBAO_JWT_AUDIENCE   informative only
# plus AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
# AWS_REGION (default us-east-1) for the SDK. Instead of a bucket,
# NIANBAO_DATA_DIR (local only, not in the template) names a directory
# store.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BOOTSTRAP EVENT.json" >&2
  exit 2
fi
# Absolute before the cd below, so paths work from any directory.
bootstrap=$(realpath "$1") event=$(realpath "$2")
cd "$(dirname "$0")/../.."

if [[ -z ${REPORTS_BUCKET:-} && -z ${NIANBAO_DATA_DIR:-} ]]; then
  echo "invoke.sh: set REPORTS_BUCKET (and AWS_ENDPOINT_URL_S3 plus credentials for a local S3 server), or NIANBAO_DATA_DIR" >&2
  exit 2
fi
# The template selects S3; a local run without a bucket uses the directory.
if [[ -z ${NIANBAO_STORE:-} ]]; then
  if [[ -n ${REPORTS_BUCKET:-} ]]; then NIANBAO_STORE=s3; else NIANBAO_STORE=fs; fi
fi
: "${S3_FORCE_PATH_STYLE:=true}" "${LOG_LEVEL:=info}" "${AWS_REGION:=us-east-1}"
export NIANBAO_STORE S3_FORCE_PATH_STYLE LOG_LEVEL AWS_REGION

# Keep in step with Globals.Function.Environment in template.yaml
# (infra/samcheck checks it).
template_env=(NIANBAO_STORE REPORTS_BUCKET AWS_ENDPOINT_URL_S3 S3_FORCE_PATH_STYLE LOG_LEVEL NIANBAO_JWT_ISSUER NIANBAO_JWT_AUDIENCE)
sdk_env=(AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION)
local_env=(NIANBAO_DATA_DIR)

args=()
for name in "${template_env[@]}" "${sdk_env[@]}" "${local_env[@]}"; do
  # Unset stays unset, as with !Ref AWS::NoValue in the template.
  if [[ -n ${!name+x} ]]; then
    args+=(-env "$name=${!name}")
  fi
done
args+=(-env "AWS_LAMBDA_FUNCTION_NAME=$(basename "$(dirname "$bootstrap")")")

exec go run ./infra/rie/invoke "${args[@]}" "$bootstrap" "$event"
