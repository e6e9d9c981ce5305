#!/bin/sh
# run.sh — on a fresh Debian 12 machine: installs what is missing, builds,
# creates a demo register for a real commune (Phường Ba Đình, Hà Nội, code
# 00004) with a few hundred realistic records if none exists, and starts the
# application on it.  Until the desktop application exists, it shows what
# hotich-admin can do on the demo register.
set -eu
cd "$(dirname "$0")"
. tools/deps.sh
hotich_install_deps

if [ -f build/build.ninja ]; then meson setup --reconfigure build >/dev/null; else meson setup build >/dev/null; fi
ninja -C build >/dev/null

DEMO_DIR=${HOTICH_DEMO_DIR:-$PWD/demo}
DB="$DEMO_DIR/registry.db"
ADMIN=build/core/admin/hotich-admin
OFFICE=00004

if [ ! -f "$DB" ]; then
  echo "Creating the demo register $DB for office $OFFICE …"
  mkdir -p "$DEMO_DIR"
  "$ADMIN" --db "$DB" init --office "$OFFICE"
  printf 'demo\n' | "$ADMIN" --db "$DB" user add admin --role admin >/dev/null
  printf 'demo\n' | "$ADMIN" --db "$DB" user add lan.nt --role clerk >/dev/null
  today=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)
  build/bench/hotich-gen --office "$OFFICE" --count 400 --seed 2026 --from 2024-01-01 --to "$today" \
    | "$ADMIN" --db "$DB" import -
fi

if [ -x build/app/hotich ]; then
  exec build/app/hotich --db "$DB"
fi

echo
"$ADMIN" --help
echo
echo "The demo register is $DB (users admin and lan.nt, password \"demo\"). Try:"
echo "  $ADMIN --db $DB search 'nguyen van'"
echo "  $ADMIN --db $DB show birth/2025/1"
echo "  $ADMIN --db $DB export --kind death | head -3"
echo "  $ADMIN --db $DB check"
