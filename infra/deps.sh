#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, idempotently:
# Debian packages for checking PDFs, and pinned Go tools into GOBIN.
# Usage: infra/deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The PDF checks: poppler and qpdf; pikepdf for the structure checker;
# PDFBox Preflight with what it needs on Java 17.
debs=(poppler-utils qpdf chromium python3-pikepdf default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "deps: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

infra/s3/install.sh
infra/rie/install.sh
