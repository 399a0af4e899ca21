#!/usr/bin/env bash
# Regenerates the fonts embedded by shared/render from the pinned npm packages.
#
#   infra/fonts/build.sh            rewrite shared/render/fonts (TTFs, licences, SHA256SUMS)
#   infra/fonts/build.sh --verify   rebuild in a temporary directory and compare with SHA256SUMS
#
# Needs npm (registry access) and Go. The output depends only on the pinned
# tarballs (checked by SHA-256 below) and infra/fonts/trim, so it is reproducible.
set -euo pipefail

version=0.4.3
serif_tgz_sha=ff6bcf5ba68d92dfecc05544bb150f9e724741a932354a0dd97e7289c40a3f5e
sans_tgz_sha=0d69d0f4971d2ff574e3d93cbc218dc950bf3f3f8f8e2c008d97687ed53aee59

root=$(cd "$(dirname "$0")/../.." && pwd)
fonts="$root/shared/render/fonts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

out="$fonts"
if [ "${1:-}" = "--verify" ]; then
	out="$work/out"
fi
mkdir -p "$out"

cd "$work"
npm pack --silent "@expo-google-fonts/noto-serif-sc@$version" "@expo-google-fonts/noto-sans-sc@$version" >/dev/null
sha256sum -c --quiet <<SUMS
$serif_tgz_sha  expo-google-fonts-noto-serif-sc-$version.tgz
$sans_tgz_sha  expo-google-fonts-noto-sans-sc-$version.tgz
SUMS

mkdir serif sans
tar -xzf "expo-google-fonts-noto-serif-sc-$version.tgz" -C serif package/400Regular/NotoSerifSC_400Regular.ttf package/LICENSE_FONT
tar -xzf "expo-google-fonts-noto-sans-sc-$version.tgz" -C sans package/700Bold/NotoSansSC_700Bold.ttf package/LICENSE_FONT

cd "$root"
go run ./infra/fonts/trim -in "$work/serif/package/400Regular/NotoSerifSC_400Regular.ttf" -out "$out/NotoSerifSC-Regular.ttf"
go run ./infra/fonts/trim -in "$work/sans/package/700Bold/NotoSansSC_700Bold.ttf" -out "$out/NotoSansSC-Bold.ttf"
cp "$work/serif/package/LICENSE_FONT" "$out/OFL-NotoSerifSC.txt"
cp "$work/sans/package/LICENSE_FONT" "$out/OFL-NotoSansSC.txt"

cd "$out"
if [ "$out" = "$fonts" ]; then
	sha256sum NotoSerifSC-Regular.ttf NotoSansSC-Bold.ttf OFL-NotoSerifSC.txt OFL-NotoSansSC.txt >SHA256SUMS
	echo "wrote $fonts"
else
	sha256sum -c "$fonts/SHA256SUMS"
fi
