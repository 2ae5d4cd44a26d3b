#!/usr/bin/env bash
# Installs, if missing, the Debian packages Kooperacja needs, printing what it does (sudo when not root).
#   system-deps.sh run   — PDF documents (WeasyPrint): pango, HarfBuzz's font subsetter and the DejaVu fonts
#   system-deps.sh test  — the above, plus chromium (browser tests) and gettext (catalogue check)
set -euo pipefail
mode="${1:-test}"
missing=()
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so" || missing+=(libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Font subsetting in C: without it WeasyPrint falls back to fontTools, ~0.3 s more for every PDF.
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so" || missing+=(libharfbuzz-subset0)
if [ "$mode" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "    system packages present (pango, DejaVu fonts$([ "$mode" = test ] && echo ', chromium, gettext'))"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "    installing with apt-get: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
