# tap-lib.sh — what the shell tests of hotich-admin share: a temporary
# directory, TAP-like lines and the checks they are made of.
#
# Copyright 2026 The hotich developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced, not run: ". "$(dirname "$0")/tap-lib.sh"", then "tap_begin NAME".
# Every check prints "ok N - …" or "not ok N - …" with the head of the last
# command's output; "tap_end" prints the plan and exits 1 when any failed.
# The scripts run from the source tree (meson's find_program), so this file
# is found next to them.

# tap_begin NAME : $T (removed at exit, made writable first so that tests
# of unwritable files clean up too), $DB inside it, a private XDG data dir.
tap_begin () {
  T=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || exit 99
  trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
  trap 'exit 130' INT TERM
  # The default register path must never be the developer's own.
  export XDG_DATA_HOME="$T/xdg"
  DB="$T/reg.db"
  n=0
  failed=0
}

tap_end () {
  echo "1..$n"
  if [ "$failed" -ne 0 ]; then
    echo "# $failed of $n checks failed"
    exit 1
  fi
  exit 0
}

pass () { n=$((n + 1)); echo "ok $n - $1"; }
# fail DESCRIPTION [quiet] : "quiet" leaves out the last command's output,
# for checks that print their own explanation.
fail () {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  [ "${2:-}" = quiet ] && return 0
  for f in "$T/out" "$T/err"; do
    [ -s "$f" ] && head -n 20 "$f" | cut -c1-300 | sed -e 's/^/#   /'
  done
  return 0
}

# run STATUS DESCRIPTION COMMAND... : stdout in $T/out, stderr in $T/err;
# STATUS may be "nonzero".  Under ASan/UBSan a memory error may still end
# with the expected status, so a sanitizer's or GLib's report fails too.
run () {
  local want=$1 desc=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" -ge 128 ]; then
    fail "$desc (crashed: status $got)"
  elif grep -qE 'Sanitizer|runtime error:|CRITICAL|GLib-.*WARNING' "$T/err"; then
    fail "$desc (sanitizer or GLib report)"
  elif [ "$want" = nonzero ] && [ "$got" -ne 0 ]; then
    pass "$desc"
  elif [ "$want" = "$got" ]; then
    pass "$desc"
  else
    fail "$desc (status $got, expected $want)"
  fi
}
# run_in STATUS DESCRIPTION INPUT-FILE COMMAND... : the same with standard input.
run_in () {
  local want=$1 desc=$2 input=$3; shift 3
  run "$want" "$desc" "$@" <"$input"
}

has () {   # has FILE TEXT DESCRIPTION (fixed string)
  if grep -qF -- "$2" "$1"; then pass "$3"; else fail "$3: “$2” not in $(basename "$1")"; fi
}
has_re () {   # has_re FILE REGEX DESCRIPTION (extended)
  if grep -qE -- "$2" "$1"; then pass "$3"; else fail "$3: /$2/ not in $(basename "$1")"; fi
}
lacks () {   # lacks FILE TEXT DESCRIPTION (fixed string)
  if grep -qF -- "$2" "$1"; then fail "$3: “$2” in $(basename "$1")"; else pass "$3"; fi
}
same () {  # same FILE1 FILE2 DESCRIPTION
  if cmp -s "$1" "$2"; then
    pass "$3"
  else
    fail "$3" quiet
    # Long JSON lines: show where the first difference is.
    cmp "$1" "$2" | sed -e 's/^/#   /'
    diff "$1" "$2" | head -n 10 | cut -c1-300 | sed -e 's/^/#   /'
  fi
}
is () {    # is GOT WANT DESCRIPTION
  if [ "$1" = "$2" ]; then pass "$3"; else fail "$3: got “$1”, expected “$2”"; fi
}
lines () { wc -l <"$1" | tr -d ' '; }

# hotich-admin on the test's register ($ADMIN is set by the script).
admin () { "$ADMIN" --db "$DB" "$@"; }
