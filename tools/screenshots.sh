#!/bin/sh
# tools/screenshots.sh — pictures of the desktop app's main views, in
# Vietnamese, saved into docs/screenshots/ (shown in README.md).
#
# Usage: tools/screenshots.sh [REGISTER]   (default: demo/registry.db, made by ./run.sh)
#
# Starts build/app/hotich under Xvfb on a copy of the register (nothing is
# written into the demo register), signs in as the demo clerk and walks
# through sign-in, the register books, a search, a record, a new birth
# with a wrong date, what needs attention, statistics and sync.  The app
# saves each view itself (HOTICH_SCREENSHOTS, a test-only mode) with its
# own renderer.  BUILD=DIR picks another build directory.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DB=${1:-demo/registry.db}
OUT=docs/screenshots

[ -x "$BUILD/app/hotich" ] || { echo "$BUILD/app/hotich is missing: build first (ninja -C $BUILD)" >&2; exit 1; }
[ -f "$DB" ] || { echo "No register at $DB: ./run.sh makes the demo register" >&2; exit 1; }
for tool in xvfb-run dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (tools/deps.sh installs it)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BUILD/core/admin/hotich-admin" --db "$DB" backup "$tmp/registry.db" >/dev/null
mkdir -p "$OUT"

env LANGUAGE=vi LC_ALL=C.UTF-8 \
    GSK_RENDERER=cairo GDK_BACKEND=x11 GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 \
    HOTICH_SCREENSHOTS="$PWD/$OUT" \
    HOTICH_SCREENSHOT_USER="${HOTICH_SCREENSHOT_USER:-lan.nt}" \
    HOTICH_SCREENSHOT_PASSWORD="${HOTICH_SCREENSHOT_PASSWORD:-demo}" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    "$BUILD/app/hotich" --db "$tmp/registry.db"
echo "Screenshots in $OUT/"
