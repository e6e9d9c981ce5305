#!/bin/bash
# test-review-admin.sh — hotich-admin review and amend on a commune's register.
#
# Copyright 2026 The hotich developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-review-admin.sh PATH-TO-hotich-admin
# A commune's register holds records in every review state (imported with
# their review block, as another register's export carries it).  The
# reviewer's side, which needs a server to fill its register, is driven
# through hotich-admin in tests/sync/test-review-e2e.c.
# Prints TAP-like lines; exits 1 when any check failed.

set -u

ADMIN=${1:?usage: test-review-admin.sh PATH-TO-hotich-admin}
: "${HOTICH_TODAY:=2026-11-22}"
export HOTICH_TODAY
export LC_ALL=C.UTF-8

. "$(dirname "$0")/tap-lib.sh"
tap_begin test-review-admin

# birth ID FULL_NAME REGISTERED_ON NUMBER REVIEW_STATE [COMMENT]
birth () {
  printf '{"id":"%s","kind":"birth","office":"00004","book_year":2026,"number":%s,"registered_on":"%s","status":"registered","registration_type":"new","signer":{"full_name":"Lê Văn Tâm","position":"Chủ tịch UBND xã"},"clerk":"lan.nt","data":{"child":{"full_name":"%s","sex":"male","date_of_birth":"2026-10-01","place_of_birth":"Trạm y tế phường Ba Đình, Thành phố Hà Nội","ethnicity":"Kinh","nationality":"Việt Nam","hometown":"Phường Ba Đình, Thành phố Hà Nội"},"mother":{"full_name":"Trần Thị Bích","birth_year":1995,"ethnicity":"Kinh","nationality":"Việt Nam","residence":"Số 5 ngõ 2, phường Ba Đình, Hà Nội","id_document":{"type":"cccd","number":"001195012345"}},"parent_unknown":"father","declarant":{"full_name":"Trần Thị Bích","relationship":"mẹ","id_document":{"type":"cccd","number":"001195012345"}},"birth_notice":{"type":"medical","number":"123/GCS","issuer":"Trạm y tế phường Ba Đình","issued_on":"2026-10-02"}},"review":{"state":"%s","comment":%s}}\n' \
    "$1" "$4" "$3" "$2" "$5" "${6:-null}"
}

PENDING=11111111-1111-4111-8111-00000000a001
APPROVED=11111111-1111-4111-8111-00000000a002
RETURNED=11111111-1111-4111-8111-00000000a003
REJECTED=11111111-1111-4111-8111-00000000a004

run 0 "init" admin init --office 00004
{
  birth $PENDING "Nguyễn Văn An" 2026-10-07 1 pending
  birth $APPROVED "Lê Văn Bình" 2026-10-05 2 approved
  birth $RETURNED "Trần Văn Cường" 2026-10-06 3 returned '"Sai nơi sinh"'
  birth $REJECTED "Phạm Văn Dũng" 2026-10-04 4 rejected '"Đăng ký trùng"'
} >"$T/records.jsonl"
run 0 "import records in every review state" admin import "$T/records.jsonl"

# ---- review list ----------------------------------------------------------

run 0 "review list" admin review list
has "$T/out" "Nguyễn Văn An" "the open queue holds the pending record"
has "$T/out" "birth/2026/1" "rows show KIND/YEAR/NUMBER"
if grep -q "Lê Văn Bình" "$T/out"; then fail "the open queue leaves approved records out"; else pass "the open queue leaves approved records out"; fi
run 0 "review list --state returned" admin review list --state returned
has "$T/out" "Trần Văn Cường" "returned records are listed"
has "$T/out" "Sai nơi sinh" "with the comment"
run 0 "review list --json" admin review list --state approved --json
is "$(wc -l <"$T/out" | tr -d ' ')" 1 "one line per record"
has "$T/out" "\"id\":\"$APPROVED\"" "the line is the record"
has "$T/out" '"review":{"state":"approved"' "with its review block"
run 2 "an unknown state is a usage error" admin review list --state maybe
has "$T/err" "--state" "the option is named"
run 2 "a bad --from is a usage error" admin review list --from 2026-02-30
run 2 "a bad --office is a usage error" admin review list --office 12
run 2 "review without a subcommand" admin review
run 2 "an unknown subcommand" admin review frobnicate
run 0 "review --help" admin review --help
has "$T/out" "review approve ID" "the help lists the subcommands"

# ---- decisions need a reviewer's register ---------------------------------

run 1 "a commune's register does not decide" admin review approve $PENDING
has "$T/err" "reviewer" "the refusal says why"
run 2 "return without --comment" admin review return $PENDING
run 2 "return with a blank --comment" admin review return $PENDING --comment "   "
run 2 "reject without --reason" admin review reject $PENDING
run 1 "an unknown record" admin review approve 11111111-1111-4111-8111-00000000ffff
run 2 "approve without an id" admin review approve

# ---- amend ----------------------------------------------------------------

run 0 "amend a pending record" admin amend $PENDING --set "data.child.place_of_birth=Bệnh viện Phụ sản Hà Nội" \
  --set 'data.mother.birth_year=1996' --reason "sửa theo giấy chứng sinh"
has "$T/out" "version 2" "the new version is named"
run 0 "show" admin show $PENDING --json
has "$T/out" '"place_of_birth":"Bệnh viện Phụ sản Hà Nội"' "the field changed"
has "$T/out" '"birth_year":1996' "the number changed"
run 0 "amend by KIND/YEAR/NUMBER, a returned record" admin amend birth/2026/3 \
  --set "data.child.full_name=Trần Văn Cương" --reason "sửa tên"
has "$T/out" "resubmitted" "a returned record becomes resubmitted"
run 0 "the resubmitted record is in the open queue" admin review list --state resubmitted
has "$T/out" "Trần Văn Cương" "listed as resubmitted"
run 1 "an approved record cannot be amended" admin amend $APPROVED --set "data.child.full_name=X" --reason "sửa"
has "$T/err" "approved" "the refusal says it is approved"
has "$T/err" "change record" "and how it changes instead"
run 1 "a rejected record cannot be amended" admin amend $REJECTED --set "data.child.full_name=X" --reason "sửa"
has "$T/err" "rejected" "the refusal says it was rejected"
run 1 "a path outside data" admin amend $PENDING --set "review.state=approved" --reason "x"
has "$T/err" "review.state" "the path is named"
run 1 "a path that is not a field" admin amend $PENDING --set "data.child.shoe_size=42" --reason "x"
has "$T/err" "data.child.shoe_size" "the path is named"
run 1 "a value the rules refuse" admin amend $PENDING --set "data.child.date_of_birth=2026-02-30" --reason "x"
has "$T/err" "date_of_birth" "the field is named"
run 1 "a required field removed" admin amend $PENDING --set "data.child.full_name=" --reason "x"
run 2 "amend without --reason" admin amend $PENDING --set "data.child.full_name=X"
run 2 "amend without --set" admin amend $PENDING --reason "x"
run 1 "amend of an unknown record" admin amend 11111111-1111-4111-8111-00000000ffff --set "data.child.full_name=X" --reason "x"
run 0 "show after the refusals" admin show $PENDING --json
has "$T/out" '"content_version":2' "the refusals stored nothing"
run 0 "the register checks" admin check

tap_end
