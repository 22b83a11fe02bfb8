#!/usr/bin/env bash
# Regenerates the bundled CJK fonts from the npm registry (reproducible: pinned
# versions and checksums). Run from anywhere: bash assets/fonts/fetch-fonts.sh
# Needs npm, python3 with fonttools 4.68.0 (for the bold cut) and brotli.
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
# The bold face, cut to GB2312 (+ ASCII and the symbols the disclosures use) so that it
# adds 3 MB rather than 15 MB; a cmap (3,10) format 12 is added for the PDF exporter.
# Needs fonttools (pip install fonttools==4.68.0).
fetch @expo-google-fonts/noto-serif-sc 0.4.3 700Bold/NotoSerifSC_700Bold.ttf "$tmp/bold-full.ttf" \
  9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6
python3 - "$tmp/bold-full.ttf" "$tmp/unicodes.txt" <<'PY'
import sys
extra = list(range(0x20, 0x7F)) + [0x2265, 0x2264, 0x33A1, 0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019,
         0x3001, 0x3002, 0xFF08, 0xFF09, 0xFF1A, 0xFF1B, 0xFF0C, 0x2103, 0xFF05, 0x00B7, 0x2116, 0x2460]
chars = set(extra)
for cp in range(0x20, 0x10000):
    try:
        chr(cp).encode('gb2312')
        chars.add(cp)
    except UnicodeEncodeError:
        pass
open(sys.argv[2], 'w').write('\n'.join('U+%04X' % c for c in sorted(chars)))
PY
pyftsubset "$tmp/bold-full.ttf" --unicodes-file="$tmp/unicodes.txt" --no-hinting --layout-features='' --no-recalc-timestamp \
  --output-file="$tmp/bold-subset.ttf"
python3 - "$tmp/bold-subset.ttf" NotoSerifSC-Bold-GB2312.ttf <<'PY'
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
f = TTFont(sys.argv[1], recalcTimestamp=False)
cmap = f['cmap']
if not any((t.platformID, t.platEncID, t.format) == (3, 10, 12) for t in cmap.tables):
    t = CmapSubtable.newSubtable(12)
    t.platformID, t.platEncID, t.language = 3, 10, 0
    t.cmap = dict(cmap.getBestCmap())
    cmap.tables.append(t)
f.save(sys.argv[2])
PY
echo "389a8364028e011995eca98a2d7cc1726f92755905c19fc32a89d2901c5d91d6  NotoSerifSC-Bold-GB2312.ttf" | sha256sum -c -
# Last, so that OFL.txt is the licence text shipped with the sans package (as before).
fetch @expo-google-fonts/noto-sans-sc 0.4.3 400Regular/NotoSansSC_400Regular.ttf NotoSansSC-Regular.ttf \
  d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16
# The program bundles the fonts Brotli-compressed (28 MB → 13 MB) and unpacks them on
# first use; the TrueType files themselves are not kept.
for f in NotoSansSC-Regular.ttf NotoSerifSC-Regular.ttf NotoSerifSC-Bold-GB2312.ttf; do
  brotli --force --quality=11 --lgwin=24 --output="$f.br" "$f"
  rm "$f"
done
sha256sum -c - <<'SUMS'
b861adc65deba2fcbc2ec21ade2ad608e3984e905ac25940688bf04e59252f7d  NotoSansSC-Regular.ttf.br
01ae8810f19e1019e84d65109386af5c872f535191ea0fcaf5cc68b2597a308e  NotoSerifSC-Regular.ttf.br
fa7a2cd7b45d59c12a22c76d7266df17bcefdb6bbb8645d0f0a99c97d16aa806  NotoSerifSC-Bold-GB2312.ttf.br
SUMS
