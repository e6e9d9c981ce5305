#!/bin/bash
# test-admin.sh — hotich-admin end to end, as a technician or a script uses it.
#
# Copyright 2026 The hotich developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-admin.sh PATH-TO-hotich-admin
# Every step runs the real program on real files in a temporary directory
# and checks its exit status, its output and what the register holds after.
# Prints TAP-like lines; exits 1 when any check failed.

set -u

ADMIN=${1:?usage: test-admin.sh PATH-TO-hotich-admin}
: "${HOTICH_TODAY:=2026-11-22}"
export HOTICH_TODAY
export LC_ALL=C.UTF-8

. "$(dirname "$0")/tap-lib.sh"
tap_begin test-admin

# A birth record like DESIGN.md's example, without id or number:
# birth FULL_NAME SEX DATE_OF_BIRTH REGISTERED_ON [ENVELOPE_PREFIX] [MOTHER_DOCUMENT]
birth () {
  printf '{%s"kind":"birth","office":"00004","registered_on":"%s","status":"registered","registration_type":"new","signer":{"full_name":"Lê Văn Tâm","position":"Chủ tịch UBND xã"},"clerk":"lan.nt","data":{"child":{"full_name":"%s","sex":"%s","date_of_birth":"%s","place_of_birth":"Trạm y tế xã Phúc Xá, Thành phố Hà Nội","ethnicity":"Kinh","nationality":"Việt Nam","hometown":"Xã Phúc Xá, Thành phố Hà Nội"},"mother":{"full_name":"Trần Thị Bích","birth_year":1995,"ethnicity":"Kinh","nationality":"Việt Nam","residence":"Số 5 ngõ 2, phường Phúc Xá, Hà Nội","id_document":{"type":"cccd","number":"%s"}},"father":{"full_name":"Nguyễn Văn Cường","birth_year":1993,"ethnicity":"Kinh","nationality":"Việt Nam","residence":"Số 5 ngõ 2, phường Phúc Xá, Hà Nội"},"declarant":{"full_name":"Trần Thị Bích","relationship":"mẹ","id_document":{"type":"cccd","number":"%s"}},"birth_notice":{"type":"medical","number":"123/GCS","issuer":"Trạm y tế xã Phúc Xá","issued_on":"%s"}}}\n' \
    "${5:-}" "$4" "$1" "$2" "$3" "${6:-001195012345}" "${6:-001195012345}" "$3"
}

SQL_NAME="Robert'); DROP TABLE records;--"

# ---- Usage ----------------------------------------------------------------

run 0 "--help succeeds" "$ADMIN" --help
for c in init "user add" import export search show check backup restore; do
  has "$T/out" "$c" "--help lists “$c”"
done
has "$T/out" "Exit status" "--help documents the exit statuses"
run 2 "no arguments is a usage error" "$ADMIN"
has "$T/err" "Usage:" "no arguments prints the usage"
run 2 "an unknown command is a usage error" "$ADMIN" frobnicate
has "$T/err" "frobnicate" "the unknown command is named"
run 2 "an unknown option is a usage error" admin export --bogus
run 0 "a command's --help succeeds" "$ADMIN" import --help
has "$T/out" "import" "import --help describes import"

# ---- init -----------------------------------------------------------------

run 2 "init without --office is a usage error" admin init
run 0 "init creates a register" admin init --office 00004
has "$T/out" "Ba Đình" "init names the commune"
is "$(stat -c %a "$DB")" 600 "the register file is private (0600)"
run 1 "init refuses an existing file" admin init --office 00004
[ -s "$T/err" ] && pass "init says why it refused" || fail "init says why it refused"
run nonzero "init refuses an unknown office" "$ADMIN" --db "$T/unknown.db" init --office 99999
has "$T/err" "99999" "the unknown office is named"
[ ! -e "$T/unknown.db" ] && pass "no file is left for an unknown office" || fail "no file is left for an unknown office"
run 0 "init with the default path creates its directory" "$ADMIN" init --office 00004
[ -f "$XDG_DATA_HOME/hotich/registry.db" ] && pass "the default register is in XDG_DATA_HOME" \
  || fail "the default register is in XDG_DATA_HOME"
run 0 "--db after the command is accepted" "$ADMIN" check --db "$DB"

# ---- user add -------------------------------------------------------------

printf 'correct horse battery staple\n' >"$T/password"
run_in 0 "user add reads the password from standard input" "$T/password" admin user add lan.nt --role clerk
run_in 1 "user add refuses an existing user" "$T/password" admin user add lan.nt --role clerk
run_in 2 "user add refuses an unknown role" "$T/password" admin user add tam.lv --role mayor
has "$T/err" "mayor" "the unknown role is named"
run_in 2 "user add needs --role" "$T/password" admin user add tam.lv
run_in 1 "user add refuses an empty password" /dev/null admin user add tam.lv --role signer
printf '\n' >"$T/empty-password"
run_in 1 "user add refuses an empty line" "$T/empty-password" admin user add tam.lv --role signer
run 2 "“user” without “add” is a usage error" admin user remove lan.nt

# ---- import: a valid file --------------------------------------------------

{
  birth "Nguyễn Văn An" male 2026-02-20 2026-03-02
  birth "Đặng Thị Hoa" female 2026-03-10 2026-03-20 "" 001195067890
  birth "$SQL_NAME" male 2026-04-01 2026-04-10
  # A digitised entry of the 2010 book keeps its number.
  birth "Lý Thị Mai" female 2010-05-01 2010-05-10 '"book_year":2010,"number":45,'
} >"$T/good.jsonl"

run 0 "import of a valid file succeeds" admin import "$T/good.jsonl"
has_re "$T/out" "^imported 4 records \(3 new numbers, 1 kept from digitised books\), [0-9]+ warnings?$" \
  "import prints a one-line summary"
is "$(lines "$T/out")" 1 "the summary is one line"
has_re "$T/err" "^line 1: warning: [^:]+: " "warnings name their line"

run 0 "export succeeds" admin export
cp "$T/out" "$T/export1.jsonl"
is "$(lines "$T/export1.jsonl")" 4 "export shows the 4 records"
has "$T/export1.jsonl" '"book_year":2010,"number":45' "the digitised number is kept"
has "$T/export1.jsonl" "Robert'); DROP TABLE records;--" "an SQL-looking name is stored literally"
for i in 1 2 3; do
  has_re "$T/export1.jsonl" "\"book_year\":2026,\"number\":$i," "2026 book number $i was given"
done
grep -q '"id":"[0-9a-f-]\{36\}"' "$T/export1.jsonl" && pass "records got ids" || fail "records got ids"

run_in 0 "import from standard input" /dev/null admin import -
has "$T/out" "imported 0 records" "an empty input imports nothing"
: >"$T/empty.jsonl"
run 0 "an empty file imports nothing" admin import "$T/empty.jsonl"

# ---- import: all or nothing ------------------------------------------------

good_line=$(birth "Phạm Văn Bình" male 2026-05-01 2026-05-05)
{
  birth "Phạm Văn Bình" male 2026-05-01 2026-05-05                                     # 1 good
  printf '{"kind":"birth","office":"000\377\376","data":{}}\n'                         # 2 invalid UTF-8
  birth "Hoàng Thị Lan" female 2026-05-02 2026-05-06                                   # 3 good
  printf '%s\n' "${good_line:0:200}"                                                  # 4 truncated
  birth "Ngô Văn Cao" male 2026-05-03 2026-05-07 | sed 's/"kind":"birth"/"kind":"baptism"/'   # 5 unknown kind
  birth "Ngô Văn Dũng" male 2026-05-03 2026-05-07 '"colour":"blue",'                   # 6 unknown field
  birth "Ngô Văn Em" male 2026-05-03 2026-05-07 | sed 's/"birth_year":1995/"birth_year":"1995"/'  # 7 wrong type
  birth "Ngô Văn Phong" male 2026-02-30 2026-05-07                                     # 8 impossible date
  printf '{"kind":"birth","office":"00004","clerk":"'; head -c 1100000 /dev/zero | tr '\0' a; printf '"}\n'  # 9 > 1 MiB
  printf '\n'                                                                          # 10 blank
  birth "Vũ Minh Đức" male 2026-05-04 2026-05-08                                       # 11 good
  birth "Ngô Văn Giang" male 2026-05-20 2026-05-09                                     # 12 born after registration
  head -c 3000000 /dev/zero | tr '\0' '['; printf '\n'                                 # 13 3 MB, read in pieces
  birth "Vũ Minh Hiếu" male 2026-05-04 2026-05-08                                      # 14 good
  birth "Ngô Văn Ích" male 2026-05-03 2026-05-07 | sed 's/"kind":"birth"/"kind":"census"/'   # 15 unknown kind
} >"$T/bad.jsonl"

run 1 "a file with bad lines is refused" admin import "$T/bad.jsonl"
for l in 2 4 5 6 7 8 9 12 13 15; do
  has_re "$T/err" "^line $l: " "bad line $l is reported"
done
has_re "$T/err" "^line 5: kind: " "the unknown kind is reported on “kind”"
has_re "$T/err" "^line 6: colour: " "the unknown field is named"
has_re "$T/err" "^line 7: data\.mother\.birth_year: " "the wrong type is reported on its field"
has "$T/err" "2026-02-30" "the impossible date is quoted"
has_re "$T/err" "^line 9: : the line is longer than [0-9]+ bytes" "the over-long line is reported"
has_re "$T/err" "^line 13: : the line is longer than [0-9]+ bytes" "a line longer than the read buffer is reported"
has_re "$T/err" "^line 15: kind: " "lines after a very long line keep their numbers"
has_re "$T/err" "^line 12: data\.child\.date_of_birth: " "a content error is reported on its field"
if grep -E '^line (1|3|10|11|14): ' "$T/err" | grep -qv ': warning: '; then
  fail "good and blank lines are not reported as errors"
else
  pass "good and blank lines are not reported as errors"
fi
has "$T/err" "nothing was imported" "the refusal says nothing was imported"
run 0 "export after a refused import" admin export
same "$T/out" "$T/export1.jsonl" "a refused import stored nothing"

# Lines that all parse, one of which the rules reject: the store's own
# validation decides, and the line number still comes back.
{
  birth "Phan Văn Hùng" male 2026-06-01 2026-06-05
  birth "Phan Thị Hương" female 2026-06-02 2026-06-06
  birth "Phan Văn Khánh" male 2026-06-20 2026-06-07
} >"$T/invalid.jsonl"
run 1 "a file failing validation is refused" admin import "$T/invalid.jsonl"
has_re "$T/err" "^line 3: data\.child\.date_of_birth: " "the store's finding is mapped to its line"
run 0 "export after a refused import" admin export
same "$T/out" "$T/export1.jsonl" "a refused validation stored nothing"

# ---- import: clashing numbers ----------------------------------------------

birth "Trịnh Văn Long" male 2026-06-01 2026-06-05 '"book_year":2026,"number":1,' >"$T/clash.jsonl"
run 1 "a number already used is refused" admin import "$T/clash.jsonl"
has "$T/err" "line 1" "the clashing line is named"
{
  birth "Trịnh Văn Minh" male 2011-01-02 2011-01-10 '"book_year":2011,"number":7,'
  birth "Trịnh Thị Nga" female 2011-01-03 2011-01-11 '"book_year":2011,"number":7,'
} >"$T/clash2.jsonl"
run 1 "two lines with one number are refused" admin import "$T/clash2.jsonl"
run 0 "export after clashes" admin export
same "$T/out" "$T/export1.jsonl" "a clash overwrote nothing"

# ---- export → import → export ------------------------------------------------

# A second apart, so that a timestamp rewritten by the import would show.
sleep 1
run 0 "a second register" "$ADMIN" --db "$T/copy.db" init --office 00004
run 0 "the export imports into a new register" "$ADMIN" --db "$T/copy.db" import "$T/export1.jsonl"
has "$T/out" "imported 4 records (0 new numbers, 4 kept from digitised books)" "every number is kept"
run 0 "export of the copy" "$ADMIN" --db "$T/copy.db" export
same "$T/out" "$T/export1.jsonl" "export → import → export gives the same records"
strip_time () { sed 's/"updated_at":"[^"]*"//' "$1"; }
strip_time "$T/out" >"$T/copy-notime.jsonl"
strip_time "$T/export1.jsonl" >"$T/export1-notime.jsonl"
same "$T/copy-notime.jsonl" "$T/export1-notime.jsonl" "export → import → export: same content apart from updated_at"

run 0 "export --kind" admin export --kind birth
is "$(lines "$T/out")" 4 "export --kind birth has every birth"
run 0 "export --kind marriage" admin export --kind marriage
is "$(lines "$T/out")" 0 "export --kind marriage is empty"
run 0 "export --from --to" admin export --from 2026-03-15 --to 2026-04-30
is "$(lines "$T/out")" 2 "export --from --to filters on the registration date"
run 2 "export --from 2026-02-30 is a usage error" admin export --from 2026-02-30
has "$T/err" "--from" "the bad date's option is named"
run 2 "export --kind of an unknown kind is a usage error" admin export --kind baptism
run 0 "export --out" admin export --out "$T/export-out.jsonl"
same "$T/export-out.jsonl" "$T/export1.jsonl" "export --out writes the same lines"
run 1 "export to an unwritable place fails" admin export --out "$T/no-such-dir/x.jsonl"

# ---- search -----------------------------------------------------------------

run 0 "search by folded name" admin search nguyen van an
has "$T/out" "Nguyễn Văn An" "“nguyen van an” finds Nguyễn Văn An"
has "$T/out" "birth/2026/1" "the result shows kind/year/number"
run 0 "search in capitals" admin search NGUYEN
has "$T/out" "Nguyễn Văn An" "“NGUYEN” finds Nguyễn Văn An"
run 0 "search đ as d" admin search dang
has "$T/out" "Đặng Thị Hoa" "“dang” finds Đặng Thị Hoa"
lacks "$T/out" "Lý Thị Mai" "“dang” does not find Lý Thị Mai"
run 0 "search by ID document number" admin search 001195067890
has "$T/out" "Đặng Thị Hoa" "the document number finds its record"
run 0 "search by kind/year/number" admin search birth/2010/45
has "$T/out" "Lý Thị Mai" "birth/2010/45 finds the digitised entry"
run 0 "search --json" admin search --json "dang"
is "$(lines "$T/out")" 1 "search --json prints one line per record"
grep -qxF -f "$T/out" "$T/export1.jsonl" && pass "search --json prints the canonical record" \
  || fail "search --json prints the canonical record"
run 0 "search --limit" admin search --limit 1 "tran thi bich"
run 1 "search with no match" admin search "khong co ai"
run 2 "search --kind of an unknown kind" admin search --kind baptism an
run 2 "search --limit 0" admin search --limit 0 an
run 0 "search for an SQL-looking string" admin search "Robert'); DROP TABLE records;--"
run 0 "export after searching for SQL" admin export
same "$T/out" "$T/export1.jsonl" "the register is intact after SQL-looking searches"

# ---- show -------------------------------------------------------------------

id=$(grep -F 'Nguyễn Văn An' "$T/export1.jsonl" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
[ -n "$id" ] && pass "the export carries ids" || fail "the export carries ids"
run 0 "show by id" admin show "$id"
has "$T/out" "Nguyễn Văn An" "show prints the names"
has "$T/out" "data.child.date_of_birth" "show prints each field's path"
has "$T/out" "2026-02-20" "show prints each field's value"
has "$T/out" "History" "show prints the history"
has "$T/out" "Waiting to be sent" "show prints the sync state of an imported record"
run 0 "show by kind/year/number" admin show birth/2026/1
has "$T/out" "$id" "kind/year/number shows the same record"
run 0 "show --json" admin show --json birth/2010/45
has "$T/out" '"record":{' "show --json has the record"
has "$T/out" '"history":[' "show --json has the history"
has "$T/out" '"sync":{"state":"pending"}' "show --json has the sync state"
run 1 "show of a missing record" admin show birth/1999/999
run 1 "show of a missing id" admin show 00000000-0000-4000-8000-000000000000

# ---- check, backup, restore -------------------------------------------------

run 0 "check of a sound register" admin check
run 0 "backup" admin backup "$T/backup.db"
[ -s "$T/backup.db" ] && pass "the backup file exists" || fail "the backup file exists"
run 1 "backup refuses to overwrite" admin backup "$T/backup.db"
run 1 "backup refuses the register itself" admin backup "$DB"
run 0 "check of the backup" "$ADMIN" --db "$T/backup.db" check
run 0 "restore into a new place" "$ADMIN" --db "$T/restored.db" restore "$T/backup.db"
run 0 "export of the restored register" "$ADMIN" --db "$T/restored.db" export
same "$T/out" "$T/export1.jsonl" "the restored register holds the same records"

# Tampering behind the store's back, with the sqlite3 command (the tables
# are those of schema/local/0001-initial.sql).
if command -v sqlite3 >/dev/null; then
  cp "$T/backup.db" "$T/tampered.db"
  sqlite3 "$T/tampered.db" "DROP TRIGGER history_no_update; UPDATE history SET json = replace(json, 'Văn An', 'Văn Anh')"
  is "$(sqlite3 "$T/tampered.db" "SELECT count(*) FROM history WHERE json LIKE '%Văn Anh%'")" 1 \
    "the tampering changed a record"
  run 1 "check fails on a changed record" "$ADMIN" --db "$T/tampered.db" check
  [ -s "$T/out" ] && pass "check says what is wrong" || fail "check says what is wrong"
  run 1 "restore refuses a tampered backup" "$ADMIN" --db "$T/restored.db" restore "$T/tampered.db"

  cp "$T/backup.db" "$T/tampered2.db"
  sqlite3 "$T/tampered2.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)"
  run 1 "check fails when the last audit entry is removed" "$ADMIN" --db "$T/tampered2.db" check

  cp "$T/backup.db" "$T/tampered3.db"
  sqlite3 "$T/tampered3.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = (SELECT min(seq) + 1 FROM audit)"
  run 1 "check fails when an audit entry in the middle is removed" "$ADMIN" --db "$T/tampered3.db" check

  cp "$T/backup.db" "$T/tampered4.db"
  sqlite3 "$T/tampered4.db" "PRAGMA writable_schema=ON; UPDATE sqlite_master SET rootpage = rootpage + 1 WHERE name = 'records_book'" 2>/dev/null
  run nonzero "check fails on a damaged index" "$ADMIN" --db "$T/tampered4.db" check
else
  fail "the sqlite3 command is needed to tamper with a register"
fi

head -c 65536 /dev/urandom >"$T/garbage.db"
run 1 "restore refuses a garbage file" "$ADMIN" --db "$T/restored.db" restore "$T/garbage.db"
run 0 "the register is intact after a refused restore" "$ADMIN" --db "$T/restored.db" export
same "$T/out" "$T/export1.jsonl" "a refused restore changed nothing"
run 1 "restore of a missing file" "$ADMIN" --db "$T/restored.db" restore "$T/nothing.db"
run 0 "restore over a register" "$ADMIN" --db "$T/restored.db" restore "$T/backup.db"

# ---- broken files and places ------------------------------------------------

for cmd in check export "search an" "show birth/2026/1"; do
  # shellcheck disable=SC2086
  run 1 "“$cmd” on a corrupt register fails" "$ADMIN" --db "$T/garbage.db" $cmd
  has "$T/err" "hotich-admin: " "“$cmd” on a corrupt register says why"
done
run 1 "import into a corrupt register fails" "$ADMIN" --db "$T/garbage.db" import "$T/good.jsonl"
run 1 "a missing register is reported" "$ADMIN" --db "$T/none.db" export
has "$T/err" "init" "the message says how to create a register"
[ ! -e "$T/none.db" ] && pass "no empty register is created by accident" || fail "no empty register is created by accident"
# /proc/self refuses new files even to root, who may write anywhere else.
if [ -d /proc/self ]; then
  run 1 "init in a directory that takes no files fails" "$ADMIN" --db /proc/self/reg.db init --office 00004
  has "$T/err" "hotich-admin: " "the failure is explained"
fi
: >"$T/plain-file"
run 1 "init under a plain file fails" "$ADMIN" --db "$T/plain-file/reg.db" init --office 00004
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$T/ro" && chmod 555 "$T/ro"
  run 1 "init in an unwritable directory fails" "$ADMIN" --db "$T/ro/reg.db" init --office 00004
  has "$T/err" "hotich-admin: " "the unwritable directory is explained"
  chmod 755 "$T/ro"
fi
run 1 "import of a missing file fails" admin import "$T/nothing.jsonl"
has "$T/err" "nothing.jsonl" "the missing file is named"
run 1 "import of a directory fails" admin import "$T"

tap_end
