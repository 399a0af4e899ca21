#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, idempotently:
# Debian packages for checking PDFs, and pinned Go tools into GOBIN; axe-core
# (npm, pinned) for the browser tests.
# Usage: infra/deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The PDF checks: poppler and qpdf; pikepdf for the structure checker;
# PDFBox Preflight with what it needs on Java 17. LibreOffice (Writer and
# Calc, no GUI: about 60 packages, 25 s) converts reports to .docx and .xlsx
# the way clerks do, for the readers' tests, and opens the Excel export as
# Excel and WPS would.
debs=(poppler-utils qpdf chromium python3-pikepdf default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
  libreoffice-writer-nogui libreoffice-calc-nogui)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm for axe-core: Debian's package only where no Node.js brings its own.
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "deps: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

infra/s3/install.sh
infra/rie/install.sh
infra/axe/install.sh
