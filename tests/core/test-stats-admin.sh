#!/bin/bash
# test-stats-admin.sh — hotich-admin stats end to end: every format, locked
# reports, periods, and every kind of bad input.
#
# Copyright 2026 The hotich developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-stats-admin.sh PATH-TO-hotich-admin PATH-TO-hotich-gen
# A register of generated records is made in a temporary directory; the
# JSON of "stats" is the reference and the CSV, the text forms and the XLSX
# (read back with python3's zipfile and XML parser) must hold the same
# numbers.  Prints TAP-like lines; exits 1 when any check failed.

set -u

ADMIN=${1:?usage: test-stats-admin.sh PATH-TO-hotich-admin PATH-TO-hotich-gen}
GEN=${2:?usage: test-stats-admin.sh PATH-TO-hotich-admin PATH-TO-hotich-gen}
: "${HOTICH_TODAY:=2026-11-22}"
export HOTICH_TODAY
export LC_ALL=C.UTF-8
PY=/usr/bin/python3
# The PDF report is drawn with pango, whose fontconfig cache lives until
# the process ends (see test-paper-lsan.supp); ASan builds only read this.
: "${LSAN_OPTIONS:=suppressions=$(cd "$(dirname "$0")" && pwd)/test-paper-lsan.supp:print_suppressions=0}"
export LSAN_OPTIONS

. "$(dirname "$0")/tap-lib.sh"
tap_begin test-stats-admin

# py DESCRIPTION SCRIPT ARGS... : a python3 check that prints nothing when it holds.
py () {
  local desc=$1; shift
  if "$PY" - "$@" >"$T/py" 2>&1; then pass "$desc"; else fail "$desc" quiet; sed -e 's/^/#   /' "$T/py" | head -n 15; fi
}

A () { admin "$@"; }

# ---- A register of generated records ----
"$GEN" --office 00004 --count 900 --seed 5 --from 2025-01-01 --to 2026-11-20 >"$T/records.jsonl" 2>/dev/null
run 0 "init" A init --office 00004
run 0 "import the generated records" A import "$T/records.jsonl"

# ---- Formats ----
run 0 "stats --format json" A stats --from 2026-01-01 --to 2026-05-31 --format json
cp "$T/out" "$T/figures.json"
py "the JSON has the shape of issue 8 / GET /api/v1/stats" "$T/figures.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
shape = [("scope", None), ("from", None), ("to", None),
  ("birth", ["total","male","female","kinh","other_ethnicity","on_time","late","re_registration","under_5"]),
  ("death", ["total","male","female","on_time","late","under_1","age_1_to_4","age_5_plus","re_registration"]),
  ("marriage", ["total","first_marriage","mean_age_first_marriage_husband","mean_age_first_marriage_wife","re_registration"]),
  ("marital_status", ["total","male","female","purpose_marriage","purpose_other"]),
  ("change", ["total"]), ("parentage", ["total"]), ("guardianship", ["total"]), ("guardianship_end", ["total"]),
  ("decision_note", ["total"]), ("foreign_note", ["total"]), ("adoption", ["total"])]
assert list(d.keys()) == [k for k, _ in shape], list(d.keys())
for k, inner in shape:
    if inner: assert list(d[k].keys()) == inner, (k, list(d[k].keys()))
assert d["scope"] == "00004" and d["from"] == "2026-01-01" and d["to"] == "2026-05-31"
assert d["birth"]["total"] > 0 and d["death"]["total"] > 0 and d["marriage"]["total"] > 0
assert d["birth"]["kinh"] + d["birth"]["other_ethnicity"] == d["birth"]["total"]
EOF

run 0 "the same period by name" A stats --period 6-months --year 2026 --format json
same "$T/out" "$T/figures.json" "--period 6-months --year 2026 is 2026-01-01..2026-05-31"

run 0 "stats --format csv" A stats --from 2026-01-01 --to 2026-05-31 --format csv
cp "$T/out" "$T/figures.csv"
py "the CSV holds the JSON's figures" "$T/figures.json" "$T/figures.csv" <<'EOF'
import csv, json, sys
d = json.load(open(sys.argv[1]))
rows = list(csv.reader(open(sys.argv[2])))
assert rows[0] == ["section", "indicator", "value"], rows[0]
assert len(rows) == 36, len(rows)
for section, indicator, value in rows[1:]:
    v = d[section][indicator]
    assert (value == "" if v is None else float(value) == v), (section, indicator, value, v)
EOF

run 0 "stats (text, the default)" A stats --from 2026-01-01 --to 2026-05-31
cp "$T/out" "$T/figures.txt"
has "$T/figures.txt" "Biểu số 13a/BTP/HTQTCT/HT" "text: form 13a"
has "$T/figures.txt" "Biểu số 14a/BTP/HTQTCT/HT/HTK" "text: form 14a"
has "$T/figures.txt" "Kỳ báo cáo: Từ ngày 01/01/2026 đến ngày 31/05/2026" "text: the period"
has "$T/figures.txt" "Đơn vị báo cáo: Ủy ban nhân dân Phường Ba Đình (00004)" "text: the office"
py "the text forms hold the JSON's figures" "$T/figures.json" "$T/figures.txt" <<'EOF'
import json, re, sys
d = json.load(open(sys.argv[1]))
seen = {}
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.search(r" (\S+)  \[([a-z_]+)\.([a-z_0-9]+)\]$", line.rstrip("\n"))
    if m:
        seen[(m.group(2), m.group(3))] = m.group(1)
expected = {(s, i) for s, v in d.items() if isinstance(v, dict) for i in v}
assert set(seen) == expected, set(seen) ^ expected
for (s, i), text in seen.items():
    v = d[s][i]
    assert (text == "-" if v is None else float(text) == v), (s, i, text, v)
EOF

run 0 "stats --format xlsx --out" A stats --from 2026-01-01 --to 2026-05-31 --format xlsx --out "$T/figures.xlsx"
if [ "$(stat -c %a "$T/figures.xlsx" 2>/dev/null)" = 600 ]; then pass "the XLSX is the owner's only"; else fail "XLSX mode" quiet; fi
py "the XLSX opens and holds the JSON's figures" "$T/figures.json" "$T/figures.xlsx" <<'EOF'
import json, sys, zipfile
import xml.etree.ElementTree as ET
d = json.load(open(sys.argv[1]))
z = zipfile.ZipFile(sys.argv[2])
assert z.testzip() is None
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
strings = ["".join(t.text or "" for t in si.iter(M + "t"))
           for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(M + "si")]
sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
assert len(sheets) == 2, sheets
found, titles = {}, []
for name in sheets:
    for row in ET.fromstring(z.read(name)).iter(M + "row"):
        cells = {}
        for c in row.findall(M + "c"):
            v = c.find(M + "v")
            col = "".join(ch for ch in c.get("r") if ch.isalpha())
            cells[col] = None if v is None else (strings[int(v.text)] if c.get("t") == "s" else float(v.text))
        titles.append(cells.get("A"))
        if isinstance(cells.get("B"), str) and "." in cells["B"] and cells["B"] != "Mã":
            found[tuple(cells["B"].split(".", 1))] = cells.get("C")
assert "Biểu số 13a/BTP/HTQTCT/HT" in titles and "Biểu số 14a/BTP/HTQTCT/HT/HTK" in titles
expected = {(s, i) for s, v in d.items() if isinstance(v, dict) for i in v}
assert set(found) == expected, set(found) ^ expected
for (s, i), v in found.items():
    assert v == d[s][i], (s, i, v, d[s][i])
EOF

run 0 "stats --format pdf --out" A stats --from 2026-01-01 --to 2026-05-31 --format pdf --out "$T/report.pdf"
if [ "$(stat -c %a "$T/report.pdf" 2>/dev/null)" = 600 ]; then pass "the PDF is the owner's only"; else fail "PDF mode" quiet; fi
if pdftotext -layout "$T/report.pdf" "$T/report.txt" 2>/dev/null; then
  has "$T/report.txt" "BÁO CÁO THỐNG KÊ HỘ TỊCH" "the PDF has the report's title"
  has "$T/report.txt" "Biểu số 14a/BTP/HTQTCT/HT/HTK" "the PDF has form 14a"
  total=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["birth"]["total"])' "$T/figures.json")
  if grep -Eq "tổng số +$total\$" "$T/report.txt"; then pass "the PDF has the births' total"; else fail "PDF birth total $total" quiet; fi
else
  fail "pdftotext cannot read the PDF (tools/deps.sh installs poppler-utils)" quiet
fi

run 0 "stats --format json --out" A stats --from 2026-01-01 --to 2026-05-31 --format json --out "$T/out.json"
same "$T/out.json" "$T/figures.json" "--out writes what standard output shows"
lacks "$T/out" "{" "nothing on standard output with --out"

# ---- Bad input: a clear message, nothing written ----
run 2 "a malformed date" A stats --from 2026-13-01 --to 2026-12-31
has "$T/err" "--from: “2026-13-01” is not a valid date" "the message names --from"
run 2 "from after to" A stats --from 2026-12-31 --to 2026-01-01
has "$T/err" "--from 2026-12-31 is after --to 2026-01-01" "the message names both dates"
run 2 "an unknown format" A stats --from 2026-01-01 --to 2026-01-31 --format docx
has "$T/err" "--format: “docx” is not a format" "the message names the format"
run 2 "pdf to standard output" A stats --from 2026-01-01 --to 2026-01-31 --format pdf
has "$T/err" "--format pdf needs --out FILE" "the message asks for --out (pdf)"
run 1 "an unwritable --out (pdf)" A stats --from 2026-01-01 --to 2026-01-31 --format pdf --out "$T/no-such-dir/x.pdf"
has "$T/err" "$T/no-such-dir/x.pdf" "the message names the PDF file"
run 2 "xlsx to standard output" A stats --from 2026-01-01 --to 2026-01-31 --format xlsx
has "$T/err" "--format xlsx needs --out FILE" "the message asks for --out"
run 1 "an unwritable --out" A stats --from 2026-01-01 --to 2026-01-31 --format json --out "$T/no-such-dir/x.json"
has "$T/err" "cannot write $T/no-such-dir/x.json" "the message names the file"
run 1 "an unwritable --out (xlsx)" A stats --from 2026-01-01 --to 2026-01-31 --format xlsx --out "$T/no-such-dir/x.xlsx"
has "$T/err" "$T/no-such-dir/x.xlsx" "the message names the XLSX file"
run 2 "--period without --year" A stats --period 6-months
has "$T/err" "--period 6-months needs --year" "the message asks for --year"
run 2 "an unknown period" A stats --period decade --year 2026
has "$T/err" "“decade” is not a reporting period" "the message names the period"
run 2 "a year out of range" A stats --period year --year 1800
run 2 "--from without --to" A stats --from 2026-01-01
has "$T/err" "give both --from and --to" "the message asks for both dates"
run 2 "a period given twice" A stats --period year --year 2026 --from 2026-01-01 --to 2026-01-31
run 2 "no period" A stats
run 2 "an unknown subcommand" A stats publish
has "$T/err" "unknown subcommand “publish”" "the message names the subcommand"
run 2 "a stray argument" A stats --period year --year 2026 extra
run 1 "no register" "$ADMIN" --db "$T/missing.db" stats --period year --year 2026
if [ -e "$T/missing.db" ]; then fail "a missing register was created" quiet; else pass "no register was created"; fi
if ls "$T"/no-such-dir* >/dev/null 2>&1 || ls "$T"/*.XXXXXX >/dev/null 2>&1; then
  fail "files left behind" quiet
else
  pass "nothing left behind by the failures"
fi

# ---- Locked reports ----
run 0 "stats list, none yet" A stats list
has "$T/out" "no report has been locked" "no report yet"
run 0 "stats lock" A stats lock --period 6-months --year 2026
has "$T/out" "locked report 1: 6 months 2026, 2026-01-01 to 2026-05-31" "the lock is confirmed"
run 1 "a period is locked once" A stats lock --from 2026-01-01 --to 2026-05-31
has "$T/err" "already locked" "the message says it is locked"
run 0 "stats on a locked period" A stats --period 6-months --year 2026 --format json
same "$T/out" "$T/figures.json" "the figures are the same"
has "$T/err" "note: this period was locked" "a note says the period is locked"
run 0 "stats show, unchanged" A stats show --period 6-months --year 2026
has "$T/out" "Every figure is still the one locked." "nothing changed"
has "$T/out" "added (0)" "no record added"

# A late entry dated inside the period.
"$GEN" --office 00004 --count 1 --seed 77 --from 2026-03-02 --to 2026-03-02 >"$T/late.jsonl" 2>/dev/null
run 0 "import a late entry" A import "$T/late.jsonl"
run 0 "stats show after the late entry" A stats show --period 6-months --year 2026
has "$T/out" "added (1)" "the late entry is listed"
has "$T/out" "Figures that changed since the lock" "the changed figures are listed"
run 0 "stats show --json" A stats show --period 6-months --year 2026 --json
py "the changes as JSON" "$T/out" "$T/figures.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
locked = json.load(open(sys.argv[2]))
assert d["report"]["figures"] == locked
assert d["report"]["intact"] is True and d["report"]["period"] == "6-months" and d["report"]["year"] == 2026
added = d["records"]["added"]
assert len(added) == 1 and added[0]["registered_on"] == "2026-03-02" and added[0]["locked_version"] is None
kind = added[0]["kind"]
assert d["difference"][kind]["total"] == 1, d["difference"][kind]
assert d["current"][kind]["total"] == locked[kind]["total"] + 1
EOF
run 0 "stats list" A stats list
has "$T/out" "1  6 months 2026, 2026-01-01 to 2026-05-31  locked on" "the report is listed"
run 0 "stats list --json" A stats list --json
py "the list as JSON" "$T/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 1 and d[0]["id"] == 1 and d[0]["from"] == "2026-01-01" and d[0]["to"] == "2026-05-31"
EOF
run 1 "show a period that was never locked" A stats show --period year --year 2026
has "$T/err" "No report was locked for 2026-01-01 to 2026-12-31" "the message names the period"
run 0 "the register is sound after the locks" A check

# ---- Periods ----
run 0 "stats periods" A stats periods --year 2026
has "$T/out" "6-months           2026-01-01 .. 2026-05-31" "6 months"
has "$T/out" "preliminary-year   2026-01-01 .. 2026-10-31" "preliminary year"
has "$T/out" "year               2026-01-01 .. 2026-12-31" "official year"
run 0 "stats periods --set" A stats periods --year 2026 --set year=10-01..09-30
has "$T/out" "year               2025-10-01 .. 2026-09-30  Year (official) (set for this register)" "the register's own dates"
run 0 "stats with the register's own dates" A stats --period year --year 2026 --format json
has "$T/out" '"from":	"2025-10-01"' "the period follows the register's dates"
run 2 "a bad --set" A stats periods --set year=13-01..09-30
has "$T/err" "“13-01..09-30” is not a period's first and last day" "the message names the value"
run 2 "--set without =" A stats periods --set year
run 2 "--set of an unknown period" A stats periods --set decade=01-01..12-31
run 0 "stats periods --reset" A stats periods --year 2026 --reset year
has "$T/out" "year               2026-01-01 .. 2026-12-31  Year (official)" "back to the built-in dates"
lacks "$T/out" "set for this register" "no override left"

tap_end
