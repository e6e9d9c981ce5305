#!/bin/sh
# render.sh — renders one page of every paper, the pre-printed print, the
# calibration page and a register book as the PNGs of this directory, from
# the test register (tests/core/test-paper-records.jsonl) signed with a
# throwaway ministry key.
#
# Usage: docs/papers/render.sh [BUILD-DIR]   (default: build)
# Needs pdftoppm (poppler-utils).
set -eu
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
ADMIN="$BUILD/core/admin/hotich-admin"
OUT=docs/papers
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

export HOTICH_TODAY=2026-11-22 LC_ALL=C.UTF-8
"$ADMIN" --db "$T/reg.db" init --office 00004 >/dev/null
"$ADMIN" --db "$T/reg.db" import tests/core/test-paper-records.jsonl >/dev/null 2>&1
"$ADMIN" keygen --secret "$T/m.secret" --public "$T/m.pub" >/dev/null
export HOTICH_MINISTRY_KEY="$T/m.pub"
"$ADMIN" --db "$T/reg.db" certify --ministry-key "$T/m.secret" >/dev/null

png () {  # png NAME PDF [PAGE]
  pdftoppm -r 72 -png -f "${3:-1}" -l "${3:-1}" -singlefile "$2" "$OUT/$1"
}
paper () {  # paper NAME KEY [OPTIONS…]
  name=$1 key=$2; shift 2
  "$ADMIN" --db "$T/reg.db" print "$key" "$@" --out "$T/p.pdf" >/dev/null
  png "$name" "$T/p.pdf"
}

paper gks birth/2026/1
paper gks-bs birth/2026/1 --copy
paper gks-2024 birth/2024/35
paper gcnkh marriage/2025/1
paper tlkh-bs marriage/2025/1 --copy
paper tlkt death/2026/1
paper tlkt-bs death/2026/1 --copy
paper tlcmc parentage/2026/1
paper tlgh guardianship/2026/1
paper tlcdgh guardianship_end/2026/1
paper tltd change/2026/1
paper xntthn marital_status/2026/1
paper tlgvs decision_note/2026/1
paper tlgcks foreign_note/2026/1
paper gcnncn adoption/2026/1
paper tlncn-bs adoption/2026/1 --copy
paper gks-phoi birth/2026/1 --preprinted
"$ADMIN" --db "$T/reg.db" calibrate --out "$T/cal.pdf" >/dev/null
png calibration "$T/cal.pdf"
"$ADMIN" --db "$T/reg.db" book birth 2026 --out "$T/book.pdf" >/dev/null
png book-cover "$T/book.pdf" 1
png book-page "$T/book.pdf" 2
png book-closing "$T/book.pdf" 3
echo "rendered into $OUT"
