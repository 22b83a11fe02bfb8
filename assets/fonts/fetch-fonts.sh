#!/usr/bin/env bash
# Regenerates the bundled CJK fonts from the npm registry (reproducible: pinned
# versions and checksums). Run from anywhere: bash assets/fonts/fetch-fonts.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch() { # package version path-in-package output sha256
  (cd "$tmp" && npm pack --silent "$1@$2" >/dev/null)
  local tgz; tgz=$(ls "$tmp"/*.tgz | head -n1)
  tar -xzf "$tgz" -C "$tmp" "package/$3" "package/LICENSE_FONT" 2>/dev/null || tar -xzf "$tgz" -C "$tmp" "package/$3"
  cp "$tmp/package/$3" "$4"
  [ -f "$tmp/package/LICENSE_FONT" ] && cp "$tmp/package/LICENSE_FONT" OFL.txt
  rm -rf "$tmp"/*.tgz "$tmp/package"
  if [ -n "$5" ]; then echo "$5  $4" | sha256sum -c -; fi
}
fetch @expo-google-fonts/noto-serif-sc 0.4.3 400Regular/NotoSerifSC_400Regular.ttf NotoSerifSC-Regular.ttf \
  c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742
fetch @expo-google-fonts/noto-sans-sc 0.4.3 400Regular/NotoSansSC_400Regular.ttf NotoSansSC-Regular.ttf \
  d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16
