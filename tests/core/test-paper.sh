#!/bin/bash
# test-paper.sh — every paper end to end, as a clerk's PC prints it and as
# anyone checks it: hotich-admin print / book / calibrate / verify /
# certify / keygen on a real register, pdftotext for what the page says,
# pdftoppm + zbarimg for the QR code.
#
# Copyright 2026 The hotich developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-paper.sh PATH-TO-hotich-admin PATH-TO-test-paper-records.jsonl
# Prints TAP-like lines; exits 1 when any check failed, 77 when the PDF and
# QR tools (poppler-utils, zbar-tools; tools/deps.sh) are not installed.

set -u

ADMIN=${1:?usage: test-paper.sh PATH-TO-hotich-admin RECORDS.jsonl}
RECORDS=${2:?usage: test-paper.sh PATH-TO-hotich-admin RECORDS.jsonl}
: "${HOTICH_TODAY:=2026-11-22}"
export HOTICH_TODAY
export LC_ALL=C.UTF-8

for tool in pdftotext pdftoppm pdfinfo zbarimg python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (tools/deps.sh lists poppler-utils and zbar-tools)"
    exit 77
  fi
done

. "$(dirname "$0")/tap-lib.sh"
tap_begin test-paper

# in_order FILE DESCRIPTION STRING...: the strings occur in FILE in this
# order, white space (line breaks included) counting as one space.
in_order () {
  local file=$1 desc=$2; shift 2
  if python3 - "$file" "$@" <<'EOF'
import re, sys
text = re.sub(r"\s+", " ", open(sys.argv[1], encoding="utf-8").read())
at = 0
for want in sys.argv[2:]:
    i = text.find(want, at)
    if i < 0:
        print("#   missing (in order): " + want)
        print("#   text: " + text[:1500])
        sys.exit(1)
    at = i + len(want)
EOF
  then pass "$desc"; else fail "$desc" quiet; fi
}

# The QR code of the first page of a PDF, as zbarimg reads it from a scan
# at 200 dpi (what an office scanner gives).
qr_of () {
  pdftoppm -r 200 -png -f 1 -l 1 -singlefile "$1" "$T/page" && zbarimg --raw -q "$T/page.png" 2>/dev/null
}

# ---- A register of one entry of every kind, certified by a test ministry ----

run 0 "init" admin init --office 00004
run 0 "import the records of every kind" admin import "$RECORDS"
run 0 "keygen makes the test ministry's key pair" "$ADMIN" keygen --secret "$T/ministry.secret" --public "$T/ministry.pub"
[ "$(stat -c %a "$T/ministry.secret")" = 600 ] && pass "the secret key file is 0600" || fail "the secret key file is 0600" quiet
run 1 "keygen never replaces a key" "$ADMIN" keygen --secret "$T/ministry.secret" --public "$T/other.pub"
export HOTICH_MINISTRY_KEY="$T/ministry.pub"
run 1 "print refuses before the register is certified" admin print death/2026/1 --out "$T/x.pdf"
grep -q "certify" "$T/err" && pass "... and says how to get a certificate" || fail "... and says how to get a certificate"
run 0 "print --unsigned makes a preview" admin print death/2026/1 --unsigned --out "$T/preview.pdf"
grep -q "preview" "$T/out" && pass "... said to be a preview" || fail "... said to be a preview"
run 1 "a preview has no QR code to verify" "$ADMIN" verify "$T/preview.pdf"
run 0 "certify with the ministry's secret key" admin certify --ministry-key "$T/ministry.secret"
grep -q "trusted" "$T/out" && pass "... the certificate is trusted" || fail "... the certificate is trusted"
run 0 "certify --show" admin certify --show

# ---- Every paper: what it says, and its QR code ----

# check_paper KEY OPTIONS EXPECTED...: prints, reads the text, reads and
# verifies the QR code, then tampers with it.
check_paper () {
  local key=$1 opts=$2; shift 2
  local pdf="$T/paper.pdf" payload
  # shellcheck disable=SC2086
  run 0 "print $key $opts" admin print "$key" $opts --out "$pdf" || return
  pdftotext "$pdf" "$T/paper.txt"
  in_order "$T/paper.txt" "$key $opts: the lines of the form, in order" "$@"
  payload=$(qr_of "$pdf")
  if [ -z "$payload" ]; then fail "$key $opts: zbarimg reads the QR code" quiet; return; fi
  pass "$key $opts: zbarimg reads the QR code"
  run 0 "$key $opts: the payload verifies" "$ADMIN" verify "$payload"
  grep -q "^VALID" "$T/out" && pass "$key $opts: VALID" || fail "$key $opts: VALID"
  run 0 "$key $opts: verify FILE.pdf" "$ADMIN" verify "$pdf"
  # One character of the first name field changed.
  local bad
  bad=$(printf '%s' "$payload" | python3 -c 'import sys
p = sys.stdin.read()
i = p.index("|", p.index("|t=") + 1) + 1
i = p.index("=", i) + 2
sys.stdout.write(p[:i] + ("X" if p[i] != "X" else "Y") + p[i + 1:])')
  run 1 "$key $opts: one changed character does not verify" "$ADMIN" verify "$bad"
  grep -q "^INVALID" "$T/out" && pass "$key $opts: INVALID, and why" || fail "$key $opts: INVALID, and why"
}

COMMON_HEAD="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
check_paper birth/2026/1 "" "$COMMON_HEAD" "Độc lập - Tự do - Hạnh phúc" "Số: 1" "GIẤY KHAI SINH" \
  "NGUYỄN VĂN ANH" "20/02/2026" "Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu" \
  "Quốc tịch: Việt Nam" "Nơi sinh: Trạm y tế phường Ba Đình" "Quê quán: Xã Phúc Xá" \
  "Số định danh cá nhân: Đang chờ cấp từ Cơ sở dữ liệu quốc gia về dân cư" \
  "Họ, chữ đệm, tên người mẹ: TRẦN THỊ BÍCH" "Họ, chữ đệm, tên người cha: NGUYỄN VĂN CƯỜNG" \
  "Nơi đăng ký khai sinh: Ủy ban nhân dân phường Ba Đình, thành phố Hà Nội" "02/03/2026" \
  "NGƯỜI KÝ GIẤY KHAI SINH" "Lê Văn Tâm"
check_paper birth/2026/1 --copy "GIẤY KHAI SINH" "(BẢN SAO)" "NGUYỄN VĂN ANH" "TRẦN THỊ BÍCH" \
  "Sao từ Sổ đăng ký khai sinh" "Ba Đình, ngày 22 tháng 11 năm 2026" "Số: 1/GKS-BS"
check_paper birth/2024/35 "" "Số: 35" "GIẤY KHAI SINH" "LÊ MINH KHOA" \
  "Ngày hai mươi tám, tháng tư, năm hai nghìn không trăm hai mươi tư" "Số định danh cá nhân: 001224012345" \
  "Nơi đăng ký khai sinh: Ủy ban nhân dân phường Trúc Bạch, quận Ba Đình, thành phố Hà Nội"
check_paper birth/2024/35 "--paper TLKS-BS" "Số: 35/TLKS-BS" "TRÍCH LỤC KHAI SINH" "(BẢN SAO)" "LÊ MINH KHOA"
check_paper marriage/2025/1 "" "Số: 1" "GIẤY CHỨNG NHẬN KẾT HÔN" "NGUYỄN VĂN CƯỜNG" "TRẦN THỊ BÍCH" \
  "Nơi đăng ký kết hôn: Ủy ban nhân dân phường Ba Đình" "10/10/2025" "Chồng" "Vợ" "NGƯỜI KÝ GIẤY CHỨNG NHẬN KẾT HÔN"
check_paper marriage/2025/1 --copy "Số: 1/TLKH-BS" "TRÍCH LỤC KẾT HÔN" "(BẢN SAO)" "NGUYỄN VĂN CƯỜNG"
check_paper death/2026/1 "" "UBND PHƯỜNG BA ĐÌNH" "Số: 1/TLKT" "TRÍCH LỤC KHAI TỬ" "PHẠM VĂN HÙNG" \
  "15/03/1940" "Đã chết vào lúc: 14 giờ 30 phút, ngày 12/09/2026" "Nơi chết: Bệnh viện Bạch Mai" "NGƯỜI KÝ TRÍCH LỤC"
check_paper death/2026/1 --copy "Số: 1/TLKT-BS" "TRÍCH LỤC KHAI TỬ" "(BẢN SAO)" "PHẠM VĂN HÙNG"
check_paper parentage/2026/1 "" "Số: 1/TLCMC" "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON" "ĐỖ VĂN LONG" "ĐỖ MINH CHÂU"
check_paper parentage/2026/1 --copy "Số: 1/TLCMC-BS" "(BẢN SAO)" "ĐỖ VĂN LONG"
check_paper guardianship/2026/1 "" "Số: 1/TLGH" "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ" "TRẦN VĂN TUẤN" "TRẦN THỊ HOA" \
  "Ghi chú: Chấm dứt giám hộ"
check_paper guardianship/2026/1 --copy "Số: 1/TLGH-BS" "(BẢN SAO)" "TRẦN VĂN TUẤN"
check_paper guardianship_end/2026/1 "" "Số: 1/TLCDGH" "TRÍCH LỤC ĐĂNG KÝ CHẤM DỨT GIÁM HỘ" "TRẦN VĂN TUẤN" \
  "Lý do chấm dứt giám hộ"
check_paper guardianship_end/2026/1 --copy "Số: 1/TLCDGH-BS" "(BẢN SAO)" "TRẦN THỊ HOA"
check_paper change/2026/1 "" "Số: 1/TLTĐ" "TRÍCH LỤC THAY ĐỔI HỘ TỊCH" "NGUYỄN VĂN AN" \
  "từ “Nguyễn Văn An” thành “Nguyễn Văn Anh”"
check_paper change/2026/1 --copy "Số: 1/TLTĐ-BS" "(BẢN SAO)" "thành “Nguyễn Văn Anh”"
check_paper marital_status/2026/1 "" "Số: 1/UBND-XNTTHN" "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN" "LÊ THỊ MAI" \
  "Chưa đăng ký kết hôn với ai." "06 tháng" "Có giá trị đến ngày: 20/01/2027"
check_paper decision_note/2026/1 "" "Số: 1/TLGVS" "TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH VIỆC HỘ TỊCH THEO BẢN ÁN, QUYẾT ĐỊNH" \
  "Tuyên bố mất tích" "LÊ VĂN HẢI" "15/2026/QĐST"
check_paper decision_note/2026/1 --copy "Số: 1/TLGVS-BS" "(BẢN SAO)" "LÊ VĂN HẢI"
check_paper foreign_note/2026/1 "" "Số: 1/TLGCKS" "TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH VIỆC KHAI SINH" "NGUYỄN MINH KHÔI" \
  "Ngày một, tháng năm, năm hai nghìn không trăm hai mươi sáu" "Hàn Quốc"
check_paper foreign_note/2026/1 --copy "Số: 1/TLGCKS-BS" "(BẢN SAO)" "NGUYỄN MINH KHÔI"
check_paper adoption/2026/1 "" "Số: 1" "GIẤY CHỨNG NHẬN NUÔI CON NUÔI" "VÕ VĂN NAM" "PHẠM THỊ LAN ANH" "NGUYỄN THỊ MAI"
check_paper adoption/2026/1 --copy "Số: 1/TLNCN-BS" "TRÍCH LỤC ĐĂNG KÝ NUÔI CON NUÔI" "(BẢN SAO)" "NGUYỄN THỊ MAI"

run 1 "a marital-status certificate has no copy" admin print marital_status/2026/1 --copy --out "$T/x.pdf"
[ ! -e "$T/x.pdf" ] && pass "... and no file is left" || fail "... and no file is left" quiet
run 1 "no paper for an unknown record" admin print birth/2026/99 --out "$T/x.pdf"
run 2 "print needs --out" admin print birth/2026/1
run 2 "--signer goes with --position" admin print birth/2026/1 --copy --signer "Ông A" --out "$T/x.pdf"
run 0 "a copy signed today by another signer" admin print birth/2026/1 --copy --signer "Trần Văn Bảy" \
  --position "Phó Chủ tịch UBND phường" --out "$T/signer.pdf"
pdftotext "$T/signer.pdf" "$T/signer.txt"
in_order "$T/signer.txt" "... names today's signer in the endorsement" "Sao từ Sổ đăng ký khai sinh" "Trần Văn Bảy"
run 2 "a malformed --issued-on" admin print birth/2026/1 --copy --issued-on 22/11/2026 --out "$T/x.pdf"
run 1 "an unwritable output path" admin print birth/2026/1 --out "$T/no/such/dir/x.pdf"

# ---- Trust: a key the ministry did not certify ----

ROGUE_DB="$T/rogue.db"
run 0 "a rogue ministry key pair" "$ADMIN" keygen --secret "$T/rogue.secret" --public "$T/rogue.pub"
run 0 "init a second register" "$ADMIN" --db "$ROGUE_DB" init --office 00004
run 1 "certify refuses a key that is not the trusted ministry's" "$ADMIN" --db "$ROGUE_DB" certify --ministry-key "$T/rogue.secret"
grep -q "trusted ministry key" "$T/err" && pass "... and says why" || fail "... and says why"
# The rogue register certifies itself when it trusts the rogue key …
HOTICH_MINISTRY_KEY="$T/rogue.pub" run 0 "a register that trusts the rogue key certifies itself" \
  "$ADMIN" --db "$ROGUE_DB" certify --ministry-key "$T/rogue.secret"
"$ADMIN" --db "$ROGUE_DB" import "$RECORDS" >/dev/null 2>&1
HOTICH_MINISTRY_KEY="$T/rogue.pub" run 0 "... and prints" "$ADMIN" --db "$ROGUE_DB" print death/2026/1 --out "$T/rogue.pdf"
# … but its papers are refused by anyone who trusts the ministry.
run 1 "a paper signed under the rogue key is refused" "$ADMIN" verify --ministry-key "$T/ministry.pub" "$T/rogue.pdf"
grep -q "not signed by the trusted ministry key" "$T/out" && pass "... as not certified by the ministry" \
  || fail "... as not certified by the ministry"
run 1 "the built-in key refuses it too" env -u HOTICH_MINISTRY_KEY "$ADMIN" verify "$T/rogue.pdf"

# ---- verify: input shapes ----

payload=$(qr_of "$T/signer.pdf")
printf '%s\n' "$payload" >"$T/payload.txt"
run 0 "verify a text file" "$ADMIN" verify "$T/payload.txt"
run 0 "verify standard input" sh -c "\"$ADMIN\" verify - <\"$T/payload.txt\""
run 2 "verify something that is neither" "$ADMIN" verify "not a payload"
: >"$T/empty.txt"
run 1 "verify an empty file" "$ADMIN" verify "$T/empty.txt"
run 2 "verify with no argument" "$ADMIN" verify

# ---- Pre-printed forms ----

run 0 "calibrate shows the offset" admin calibrate
grep -q "0.0 mm" "$T/out" && pass "... 0 by default" || fail "... 0 by default"
run 0 "calibrate --offset stores it" admin calibrate --offset 1.5,-2
run 0 "calibrate --out writes the page" admin calibrate --paper GKS-BS --out "$T/cal.pdf"
grep -q "1.5 mm to the right, -2.0 mm down" "$T/out" && pass "... with the stored offset" || fail "... with the stored offset"
pdftotext "$T/cal.pdf" "$T/cal.txt"
in_order "$T/cal.txt" "the calibration page explains itself" "TRANG CĂN CHỈNH" "GKS-BS" "hotich-admin calibrate"
run 1 "the calibration page has no QR code" "$ADMIN" verify "$T/cal.pdf"
run 2 "calibrate refuses a bad offset" admin calibrate --offset 40,0
run 2 "calibrate refuses an offset that is not X,Y" admin calibrate --offset 1.5
run 2 "calibrate refuses a paper without a form" admin calibrate --paper TLKT
run 0 "print onto the pre-printed form" admin print birth/2026/1 --preprinted --out "$T/phoi.pdf"
pdftotext "$T/phoi.pdf" "$T/phoi.txt"
in_order "$T/phoi.txt" "the pre-printed print has the values" "NGUYỄN VĂN ANH" "20/02/2026" "TRẦN THỊ BÍCH"
grep -q "GIẤY KHAI SINH\|Họ, chữ đệm, tên" "$T/phoi.txt" && fail "... and none of the form's own text" quiet \
  || pass "... and none of the form's own text"
run 0 "... its QR code verifies" "$ADMIN" verify "$T/phoi.pdf"
run 1 "no pre-printed form for an extract" admin print death/2026/1 --preprinted --out "$T/x.pdf"

# ---- Register books ----

run 0 "book birth 2026" admin book birth 2026 --out "$T/book.pdf"
pdftotext "$T/book.pdf" "$T/book.txt"
in_order "$T/book.txt" "the book: cover, entries, notes, pages, closing" "$COMMON_HEAD" "BỘ TƯ PHÁP" \
  "SỔ ĐĂNG KÝ KHAI SINH" "Cơ quan đăng ký hộ tịch: Ủy ban nhân dân phường Ba Đình" "Quyển số: 01-TP/HT-2026-KS" \
  "Mở ngày: 02/03/2026" "Nội dung đăng ký" "Ghi chú" "NGUYỄN VĂN AN" "Thay đổi Họ, chữ đệm, tên: từ" "Trang 1" \
  "KHÓA SỔ" "Sổ này có 2 trang, đã đăng ký 1 sự kiện, từ số 1 đến số 1."
[ "$(pdfinfo "$T/book.pdf" | awk '/^Pages:/ {print $2}')" = 3 ] && pass "the book has 3 pages" || fail "the book has 3 pages" quiet
HOTICH_TODAY=2027-01-05 run 0 "the book after the year ends" admin book birth 2026 --out "$T/closed.pdf"
pdftotext "$T/closed.pdf" "$T/closed.txt"
in_order "$T/closed.txt" "... is closed on 31/12" "Khóa ngày: 31/12/2026" "Khóa sổ ngày 31/12/2026."
run 0 "an empty book" admin book death 2019 --out "$T/empty.pdf"
run 2 "book: unknown kind" admin book births 2026 --out "$T/x.pdf"
run 2 "book: bad year" admin book birth twenty --out "$T/x.pdf"
run 2 "book needs --out" admin book birth 2026

tap_end
