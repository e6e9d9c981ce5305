#!/usr/bin/env python3
# convert-units.py — regenerates data/units/*.tsv from the shared unit data.
#
# Copyright 2026 The hotich developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The program never reads the shared data at run time: this script turns the
# upstream JSON and CSV files into the compact TSV files under data/units/,
# which are committed and embedded into libhotich-core as a GResource.  Run it
# only when the upstream data changes:
#
#   tools/convert-units.py [--shared ../shared/data] [--out data/units]
#
# Each unit file has one comment line naming its source, then one unit a line:
#
#   level<TAB>code<TAB>province<TAB>district<TAB>name<TAB>full_name
#
# with level P (province), D (district) or C (commune), and the parent columns
# left empty where they do not apply.  pin-provinces.tsv has
# ppp<TAB>province name<TAB>gso code.  Only the standard library is used.

import argparse
import csv
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

THANGLEQUOC = "github.com/thanglequoc/vietnamese-provinces-database"

# (output name, input path under the shared data folder, levels, source line)
DATASETS = [
    ("2025-03-01.tsv",
     "dvhc_pre2025_3cap/vn_units_3cap_2025-03-01.json", 3,
     THANGLEQUOC + " tag v2.4.1 (commit fc33b741), "
     "json/simplified_json_generated_data_vn_units.json; MIT; "
     "units as of 2025-03-01, 3 levels"),
    ("2025-07-01.tsv",
     "dvhc_post2025_2cap/vn_units_2cap_2025-07-01.json", 2,
     THANGLEQUOC + " tag v3.0.2 (commit 78594ea6), "
     "json/full_json_generated_data_vn_units.json; MIT; "
     "units from 2025-07-01 (QĐ 19/2025/QĐ-TTg), 2 levels"),
    ("2026-04-30.tsv",
     "dvhc_post2025_2cap/vn_units_2cap_2026-04-30.json", 2,
     THANGLEQUOC + " HEAD (commit cd580632), "
     "json/full_json_generated_data_vn_units_2026-07-25__20_49_07.json; MIT; "
     "units from 2026-04-30, 2 levels"),
]

PIN_SOURCE = ("so_dinh_danh/ma_tinh_noi_dang_ky_khai_sinh.csv",
              "Phụ lục 1, Thông tư 07/2016/TT-BCA (province codes of the "
              "personal ID number), typed in by hand; facts from a legal text")

LICENCES = [
    ("dvhc_pre2025_3cap/LICENSE.thanglequoc.txt", "LICENSE.thanglequoc.txt"),
]


def clean(value, what):
    """Rejects values that would break the TSV layout; names never hold these."""
    if value is None:
        return ""
    value = str(value).strip()
    if "\t" in value or "\n" in value or "\r" in value:
        sys.exit("convert-units: %s holds a tab or a line break: %r" % (what, value))
    return value


def row(level, code, province, district, name, full_name):
    fields = [level, code, province, district, name, full_name]
    return "\t".join(clean(f, "%s %s" % (level, code)) for f in fields) + "\n"


def convert_3cap(units):
    lines = []
    counts = {"P": 0, "D": 0, "C": 0}
    for p in units:
        lines.append(row("P", p["Code"], "", "", p["Name"], p["FullName"]))
        counts["P"] += 1
        for d in p.get("District") or []:
            if d.get("ProvinceCode", p["Code"]) != p["Code"]:
                sys.exit("convert-units: district %s is filed under the wrong province" % d["Code"])
            lines.append(row("D", d["Code"], p["Code"], "", d["Name"], d["FullName"]))
            counts["D"] += 1
            for c in d.get("Ward") or []:
                if c.get("DistrictCode", d["Code"]) != d["Code"]:
                    sys.exit("convert-units: commune %s is filed under the wrong district" % c["Code"])
                lines.append(row("C", c["Code"], p["Code"], d["Code"], c["Name"], c["FullName"]))
                counts["C"] += 1
    return lines, counts


def convert_2cap(units):
    lines = []
    counts = {"P": 0, "D": 0, "C": 0}
    for p in units:
        lines.append(row("P", p["Code"], "", "", p["Name"], p["FullName"]))
        counts["P"] += 1
        for c in p.get("Wards") or []:
            if c.get("ProvinceCode", p["Code"]) != p["Code"]:
                sys.exit("convert-units: commune %s is filed under the wrong province" % c["Code"])
            lines.append(row("C", c["Code"], p["Code"], "", c["Name"], c["FullName"]))
            counts["C"] += 1
    return lines, counts


def check_unique(lines, name):
    seen = set()
    for line in lines:
        level, code = line.split("\t", 2)[:2]
        if (level, code) in seen:
            sys.exit("convert-units: %s: %s %s appears twice" % (name, level, code))
        seen.add((level, code))


def write(path, header, lines):
    # Written in binary with "\n" so the files are identical on every system.
    with open(path, "wb") as f:
        f.write(("# source: " + header + "\n").encode("utf-8"))
        for line in lines:
            f.write(line.encode("utf-8"))


def main():
    parser = argparse.ArgumentParser(
        description="Regenerates data/units/*.tsv from the shared unit data.")
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared", "data"),
                        help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--out", default=os.path.join(REPO, "data", "units"),
                        help="where to write the TSV files (default: data/units)")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)

    for out_name, in_name, levels, source in DATASETS:
        with open(os.path.join(args.shared, in_name), encoding="utf-8") as f:
            units = json.load(f)
        lines, counts = convert_3cap(units) if levels == 3 else convert_2cap(units)
        check_unique(lines, out_name)
        write(os.path.join(args.out, out_name), source, lines)
        print("%s: %d provinces, %d districts, %d communes"
              % (out_name, counts["P"], counts["D"], counts["C"]))

    pin_lines = []
    with open(os.path.join(args.shared, PIN_SOURCE[0]), encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            ppp = clean(rec["ma_sddcn"], "ppp")
            gso = clean(rec["ma_gso_tinh_truoc_2025"], "gso")
            if len(ppp) != 3 or not ppp.isdigit() or ppp != "0" + gso:
                sys.exit("convert-units: unexpected PIN province row %r" % rec)
            pin_lines.append("\t".join([ppp, clean(rec["ten_tinh_truoc_2025"], ppp), gso]) + "\n")
    write(os.path.join(args.out, "pin-provinces.tsv"), PIN_SOURCE[1], pin_lines)
    print("pin-provinces.tsv: %d codes" % len(pin_lines))

    for src, dst in LICENCES:
        with open(os.path.join(args.shared, src), "rb") as f:
            text = f.read()
        with open(os.path.join(args.out, dst), "wb") as f:
            f.write(text)


if __name__ == "__main__":
    main()
