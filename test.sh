#!/bin/sh
# test.sh — installs what is missing, builds with warnings as errors, and runs
# every test suite, plainly and under AddressSanitizer + UndefinedBehaviorSanitizer.
# Exits non-zero on any failure.  .ci/run calls it on a clean clone.
set -eu
cd "$(dirname "$0")"
. tools/deps.sh
hotich_install_deps

JOBS=$(nproc 2>/dev/null || echo 2)

configure ()
{
  dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

echo "== build (warnings are errors)"
configure build -Dwerror=true
ninja -C build
echo "== tests"
meson test -C build --print-errorlogs --num-processes "$JOBS"

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
configure build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
ninja -C build-asan
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  meson test -C build-asan --print-errorlogs --num-processes "$JOBS" --no-suite bench

echo "== all suites passed"
