/* ht-paper-forms.c — what each paper shows, in the form's order, as data.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One description per paper code of the kinds registry (a test checks that
 * every registry paper has one and every one names a registry paper).  Rows
 * follow the forms of DOMAIN.md §2 — the birth certificate's order is Luật
 * Hộ tịch Điều 14 with the mother before the father; the extracts follow the
 * layouts of [BTXH]; a label left NULL is the registry's label_vi, and the
 * registry's capitals flag (HT_F_UPPERCASE) decides which names are printed
 * in capitals.  A kind's rows serve its foreign notes too, under the
 * "event_data." prefix.
 *
 * Pre-printed forms (phôi) exist for GKS, its copy and GCNKH (TT 04/2020
 * PL1).  Their positions (phoi_x, phoi_y, in mm from the top-left edge of
 * the sheet) are ⚠ measured from the layout of the full-page paper, not
 * from a ministry specimen; each office corrects its printer with the
 * calibration page and the offset setting (docs/certificates.md).
 */
#define G_LOG_DOMAIN "ht-paper"

#include <string.h>

#include "ht-kinds.h"
#include "ht-paper-private.h"
#include "ht-record.h"

/* ---- Shorthands ---- */

#define C(l, p, f) { .label = l, .path = p, .fmt = f }
#define CQ(l, p, f, q) { .label = l, .path = p, .fmt = f, .qr = q }
#define CW(l, p, f, w) { .label = l, .path = p, .fmt = f, .width = w }
#define CP(l, p, f, q, x) { .label = l, .path = p, .fmt = f, .qr = q, .phoi_x = x }
#define CPW(l, p, f, q, w, x) { .label = l, .path = p, .fmt = f, .qr = q, .width = w, .phoi_x = x }
#define ROW1(fl, a) { .flags = fl, .cells = { a } }
#define ROW2(fl, a, b) { .flags = fl, .cells = { a, b } }
#define ROW3(fl, a, b, c) { .flags = fl, .cells = { a, b, c } }
#define HEADING(text) { .flags = HT_ROW_HEADING, .cells = { C (text, NULL, HT_FMT_STATIC) } }
#define OPT HT_ROW_OPTIONAL
#define NOBOOK HT_ROW_NO_BOOK

/* A person of most forms: name, date of birth and sex, ethnicity and
 * nationality, residence, identity document. */
#define PERSON_CORE_ROWS(p, name_label, q) \
  ROW1 (HT_ROW_BOLD, CQ (name_label, p ".full_name", HT_FMT_TEXT, q)), \
  ROW2 (0, C ("Ngày, tháng, năm sinh", p ".date_of_birth", HT_FMT_BIRTH), C ("Giới tính", p ".sex", HT_FMT_ENUM)), \
  ROW2 (0, C ("Dân tộc", p ".ethnicity", HT_FMT_TEXT), C ("Quốc tịch", p ".nationality", HT_FMT_TEXT))
#define PERSON_ID_ROWS(p) \
  ROW1 (OPT, C ("Giấy tờ tùy thân", p ".id_document", HT_FMT_ID_DOC)), \
  ROW1 (OPT, C ("Số định danh cá nhân", p ".pin", HT_FMT_TEXT))
#define PERSON_ROWS(p, name_label, q) \
  PERSON_CORE_ROWS (p, name_label, q), \
  ROW1 (OPT, C ("Nơi cư trú", p ".residence", HT_FMT_TEXT)), \
  PERSON_ID_ROWS (p)

#define REGISTRATION_ROWS(place_label) \
  ROW1 (NOBOOK, C (place_label, NULL, HT_FMT_OFFICE)), \
  ROW1 (NOBOOK, C ("Ngày, tháng, năm đăng ký", NULL, HT_FMT_REGISTERED)), \
  ROW1 (OPT | NOBOOK, C ("Ghi chú", NULL, HT_FMT_NOTES))

/* ---- Khai sinh (LHT 14; DOMAIN §2.2) ---- */

static const HtFormRow birth_child[] = {
  { .flags = HT_ROW_BOLD, .phoi_y = 95,
    .cells = { CP ("Họ, chữ đệm, tên", "child.full_name", HT_FMT_TEXT, "ten", 62) } },
  { .phoi_y = 104,
    .cells = { CPW ("Ngày, tháng, năm sinh", "child.date_of_birth", HT_FMT_DATE, "ns", 0.45f, 70),
               CPW ("ghi bằng chữ", "child.date_of_birth", HT_FMT_DATE_WORDS, NULL, 0.55f, 118) } },
  { .phoi_y = 113,
    .cells = { CP ("Giới tính", "child.sex", HT_FMT_ENUM, "gt", 42), CP ("Dân tộc", "child.ethnicity", HT_FMT_TEXT, NULL, 92),
               CP ("Quốc tịch", "child.nationality", HT_FMT_TEXT, NULL, 150) } },
  { .phoi_y = 122, .cells = { CP ("Nơi sinh", "child.place_of_birth", HT_FMT_TEXT, NULL, 42) } },
  { .phoi_y = 131, .cells = { CP ("Quê quán", "child.hometown", HT_FMT_TEXT, NULL, 45) } },
  { .phoi_y = 140, .cells = { CP ("Số định danh cá nhân", "child.pin", HT_FMT_PIN_PENDING, "dd", 75) } },
  HT_FORM_END
};

/* Luật Hộ tịch Điều 14.1.b: the mother comes before the father. */
static const HtFormRow birth_parents[] = {
  { .flags = HT_ROW_BOLD, .phoi_y = 152,
    .cells = { CP ("Họ, chữ đệm, tên người mẹ", "mother.full_name", HT_FMT_TEXT, "me", 85) } },
  { .phoi_y = 161,
    .cells = { CP ("Năm sinh", "mother.birth_year", HT_FMT_YEAR, NULL, 45), CP ("Dân tộc", "mother.ethnicity", HT_FMT_TEXT, NULL, 92),
               CP ("Quốc tịch", "mother.nationality", HT_FMT_TEXT, NULL, 150) } },
  { .phoi_y = 170, .cells = { CP ("Nơi cư trú", "mother.residence", HT_FMT_TEXT, NULL, 48) } },
  { .flags = HT_ROW_BOLD, .phoi_y = 182,
    .cells = { CP ("Họ, chữ đệm, tên người cha", "father.full_name", HT_FMT_TEXT, "cha", 85) } },
  { .phoi_y = 191,
    .cells = { CP ("Năm sinh", "father.birth_year", HT_FMT_YEAR, NULL, 45), CP ("Dân tộc", "father.ethnicity", HT_FMT_TEXT, NULL, 92),
               CP ("Quốc tịch", "father.nationality", HT_FMT_TEXT, NULL, 150) } },
  { .phoi_y = 200, .cells = { CP ("Nơi cư trú", "father.residence", HT_FMT_TEXT, NULL, 48) } },
  HT_FORM_END
};

static const HtFormRow birth_registration[] = {
  { .phoi_y = 212, .cells = { CP ("Họ, chữ đệm, tên người đi khai sinh", "declarant.full_name", HT_FMT_TEXT, NULL, 100) } },
  { .phoi_y = 221, .cells = { CP ("Giấy tờ tùy thân", "declarant.id_document", HT_FMT_ID_DOC, NULL, 60) } },
  { .flags = NOBOOK, .phoi_y = 233, .cells = { CP ("Nơi đăng ký khai sinh", NULL, HT_FMT_OFFICE, NULL, 75) } },
  { .flags = NOBOOK, .phoi_y = 242, .cells = { CP ("Ngày, tháng, năm đăng ký", NULL, HT_FMT_REGISTERED, NULL, 80) } },
  HT_FORM_END
};

/* The extract copy of 2016–2020 (Trích lục khai sinh, bản sao) and the
 * note of a birth abroad end with the place, the number and the notes. */
static const HtFormRow birth_extract_end[] = {
  REGISTRATION_ROWS ("Nơi đăng ký khai sinh"),
  HT_FORM_END
};

/* ---- Kết hôn (LHT 17.2) ---- */

#define SPOUSES(label_h, label_w, field, fmt, yy, qh, qw) \
  { .phoi_y = yy, .cells = { CPW (label_h, "husband." field, fmt, qh, 0.5f, 45), CPW (label_w, "wife." field, fmt, qw, 0.5f, 130) } }

static const HtFormRow marriage_rows[] = {
  { .flags = HT_ROW_BOLD, .phoi_y = 100,
    .cells = { CPW ("Họ, chữ đệm, tên người chồng", "husband.full_name", HT_FMT_TEXT, "chong", 0.5f, 25),
               CPW ("Họ, chữ đệm, tên người vợ", "wife.full_name", HT_FMT_TEXT, "vo", 0.5f, 110) } },
  SPOUSES ("Ngày, tháng, năm sinh", "Ngày, tháng, năm sinh", "date_of_birth", HT_FMT_BIRTH, 112, "nsc", "nsv"),
  SPOUSES ("Dân tộc", "Dân tộc", "ethnicity", HT_FMT_TEXT, 121, NULL, NULL),
  SPOUSES ("Quốc tịch", "Quốc tịch", "nationality", HT_FMT_TEXT, 130, NULL, NULL),
  SPOUSES ("Nơi cư trú", "Nơi cư trú", "residence", HT_FMT_TEXT, 139, NULL, NULL),
  SPOUSES ("Giấy tờ tùy thân", "Giấy tờ tùy thân", "id_document", HT_FMT_ID_DOC, 155, NULL, NULL),
  { .flags = OPT, .cells = { C ("Ngày, tháng, năm xác nhận quan hệ hôn nhân", "marriage_established_on", HT_FMT_DATE) } },
  HT_FORM_END
};

static const HtFormRow marriage_registration[] = {
  { .flags = NOBOOK, .phoi_y = 180, .cells = { CP ("Nơi đăng ký kết hôn", NULL, HT_FMT_OFFICE, NULL, 65) } },
  { .flags = NOBOOK, .phoi_y = 189, .cells = { CP ("Ngày, tháng, năm đăng ký", NULL, HT_FMT_REGISTERED, NULL, 75) } },
  ROW1 (OPT | NOBOOK, C ("Ghi chú", NULL, HT_FMT_NOTES)),
  HT_FORM_END
};

/* ---- Khai tử (DOMAIN §2.3) ---- */

static const HtFormRow death_rows[] = {
  ROW1 (HT_ROW_BOLD, CQ ("Họ, chữ đệm, tên", "deceased.full_name", HT_FMT_TEXT, "ten")),
  ROW2 (0, CQ ("Ngày, tháng, năm sinh", "deceased.date_of_birth", HT_FMT_BIRTH, "ns"),
        C ("Giới tính", "deceased.sex", HT_FMT_ENUM)),
  ROW2 (0, C ("Dân tộc", "deceased.ethnicity", HT_FMT_TEXT), C ("Quốc tịch", "deceased.nationality", HT_FMT_TEXT)),
  ROW1 (OPT, CQ ("Số định danh cá nhân", "deceased.pin", HT_FMT_TEXT, "dd")),
  ROW1 (OPT, C ("Giấy tờ tùy thân", "deceased.id_document", HT_FMT_ID_DOC)),
  ROW1 (0, CQ ("Đã chết vào lúc", "died_at", HT_FMT_DATETIME, "chet")),
  ROW1 (0, C ("Nơi chết", "place_of_death", HT_FMT_TEXT)),
  HT_FORM_END
};

static const HtFormRow death_local[] = {
  ROW1 (OPT, C ("Họ, chữ đệm, tên người đi khai tử", "declarant.full_name", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Giấy tờ tùy thân", "declarant.id_document", HT_FMT_ID_DOC)),
  REGISTRATION_ROWS ("Nơi đăng ký khai tử"),
  HT_FORM_END
};

/* ---- Nhận cha, mẹ, con ---- */

static const HtFormRow parentage_rows[] = {
  ROW2 (0, C ("Việc đăng ký", "direction", HT_FMT_ENUM), C ("Quan hệ", "relation", HT_FMT_ENUM)),
  HEADING ("Người cha, mẹ"),
  PERSON_ROWS ("parent", "Họ, chữ đệm, tên", "cha_me"),
  HEADING ("Người con"),
  PERSON_ROWS ("child", "Họ, chữ đệm, tên", "con"),
  ROW1 (OPT, C ("Chứng cứ", "evidence", HT_FMT_ENUM)),
  HT_FORM_END
};

static const HtFormRow parentage_local[] = {
  ROW2 (OPT, C ("Họ, chữ đệm, tên người đi đăng ký", "declarant.full_name", HT_FMT_TEXT),
        C ("Quan hệ", "declarant.relationship", HT_FMT_TEXT)),
  REGISTRATION_ROWS ("Nơi đăng ký"),
  HT_FORM_END
};

/* ---- Giám hộ, chấm dứt giám hộ ---- */

static const HtFormRow guardianship_rows[] = {
  ROW1 (0, C ("Loại giám hộ", "$registration_type", HT_FMT_ENUM)),
  HEADING ("Người giám hộ"),
  PERSON_ROWS ("guardian", "Họ, chữ đệm, tên", "giam_ho"),
  ROW1 (OPT | HT_ROW_BOLD, CQ ("Tổ chức giám hộ", "guardian_organisation.name", HT_FMT_TEXT, "to_chuc")),
  ROW1 (OPT, C ("Địa chỉ", "guardian_organisation.address", HT_FMT_TEXT)),
  HEADING ("Người được giám hộ"),
  PERSON_ROWS ("ward", "Họ, chữ đệm, tên", "duoc_giam_ho"),
  ROW1 (OPT, C ("Văn bản cử người giám hộ", "appointment", HT_FMT_PAPER)),
  ROW1 (OPT, C ("Căn cứ giám hộ đương nhiên", "statutory_basis", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Quyết định của Tòa án", "capacity_decision", HT_FMT_PAPER)),
  HT_FORM_END
};

static const HtFormRow guardianship_local[] = {
  ROW1 (OPT, C ("Họ, chữ đệm, tên người đi đăng ký giám hộ", "declarant.full_name", HT_FMT_TEXT)),
  REGISTRATION_ROWS ("Nơi đăng ký giám hộ"),
  HT_FORM_END
};

/* The people as the guardianship named them, without a residence. */
static const HtFormRow guardianship_end_rows[] = {
  ROW1 (0, C ("Đăng ký giám hộ", "guardianship", HT_FMT_REF)),
  HEADING ("Người giám hộ"),
  PERSON_CORE_ROWS ("guardian", "Họ, chữ đệm, tên", "giam_ho"),
  PERSON_ID_ROWS ("guardian"),
  HEADING ("Người được giám hộ"),
  PERSON_CORE_ROWS ("ward", "Họ, chữ đệm, tên", "duoc_giam_ho"),
  PERSON_ID_ROWS ("ward"),
  ROW1 (0, C ("Lý do chấm dứt giám hộ", "reason", HT_FMT_ENUM)),
  ROW1 (OPT, C ("Giấy tờ làm căn cứ", "basis_papers", HT_FMT_PAPERS)),
  ROW1 (OPT, C ("Họ, chữ đệm, tên người đi đăng ký", "declarant.full_name", HT_FMT_TEXT)),
  REGISTRATION_ROWS ("Nơi đăng ký chấm dứt giám hộ"),
  HT_FORM_END
};

/* ---- Thay đổi, cải chính, bổ sung, xác định lại dân tộc ---- */

static const HtFormRow change_rows[] = {
  HEADING ("Người có thông tin hộ tịch được điều chỉnh"),
  ROW1 (HT_ROW_BOLD, CQ ("Họ, chữ đệm, tên", "subject.full_name", HT_FMT_TEXT, "ten")),
  ROW2 (0, CQ ("Ngày, tháng, năm sinh", "subject.date_of_birth", HT_FMT_BIRTH, "ns"), C ("Giới tính", "subject.sex", HT_FMT_ENUM)),
  ROW2 (0, C ("Dân tộc", "subject.ethnicity", HT_FMT_TEXT), C ("Quốc tịch", "subject.nationality", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Nơi cư trú", "subject.residence", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Số định danh cá nhân", "subject.pin", HT_FMT_TEXT)),
  ROW1 (0, C ("Đã đăng ký tại", "original", HT_FMT_REF)),
  ROW1 (0, C ("Nội dung", "items", HT_FMT_ITEMS)),
  ROW1 (0, C ("Lý do", "reason", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Giấy tờ làm căn cứ", "basis_papers", HT_FMT_PAPERS)),
  ROW2 (OPT, C ("Người yêu cầu", "requester.full_name", HT_FMT_TEXT), C ("Quan hệ", "requester.relationship", HT_FMT_TEXT)),
  HT_FORM_END
};

static const HtFormRow change_registration[] = {
  REGISTRATION_ROWS ("Nơi đăng ký"),
  HT_FORM_END
};

/* ---- Xác nhận tình trạng hôn nhân (NĐ 123 Điều 22–23) ---- */

static const HtFormRow marital_status_rows[] = {
  HEADING ("XÁC NHẬN:"),
  ROW1 (HT_ROW_BOLD, CQ ("Họ, chữ đệm, tên", "subject.full_name", HT_FMT_TEXT, "ten")),
  ROW2 (0, CQ ("Ngày, tháng, năm sinh", "subject.date_of_birth", HT_FMT_BIRTH, "ns"), C ("Giới tính", "subject.sex", HT_FMT_ENUM)),
  ROW2 (0, C ("Dân tộc", "subject.ethnicity", HT_FMT_TEXT), C ("Quốc tịch", "subject.nationality", HT_FMT_TEXT)),
  ROW1 (0, C ("Giấy tờ tùy thân", "subject.id_document", HT_FMT_ID_DOC)),
  ROW1 (OPT, C ("Số định danh cá nhân", "subject.pin", HT_FMT_TEXT)),
  ROW1 (0, C ("Nơi cư trú", "subject.residence", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Trong thời gian cư trú tại", "period_place", HT_FMT_TEXT)),
  ROW2 (OPT, C ("từ ngày", "period_from", HT_FMT_DATE), C ("đến ngày", "period_to", HT_FMT_DATE)),
  ROW1 (HT_ROW_BOLD, CQ ("Tình trạng hôn nhân", "status_text", HT_FMT_TEXT, "tthn")),
  ROW1 (0, C ("Giấy này được cấp để sử dụng vào việc", "purpose", HT_FMT_PURPOSE)),
  ROW1 (NOBOOK, C ("Giấy này có giá trị sử dụng trong thời hạn 06 tháng, kể từ ngày cấp.", NULL, HT_FMT_STATIC)),
  ROW1 (0, CQ ("Có giá trị đến ngày", "valid_until", HT_FMT_DATE, "hl")),
  ROW1 (OPT | NOBOOK, C ("Ghi chú", NULL, HT_FMT_NOTES)),
  HT_FORM_END
};

/* ---- Ghi vào Sổ hộ tịch theo bản án, quyết định (LHT 30–31) ---- */

static const HtFormRow decision_note_rows[] = {
  ROW1 (0, CQ ("Việc hộ tịch", "event", HT_FMT_ENUM, "viec")),
  ROW1 (HT_ROW_BOLD, CQ ("Người có việc hộ tịch", "subjects", HT_FMT_PERSONS, "ten")),
  ROW1 (0, C ("Căn cứ", "decision", HT_FMT_PAPER)),
  ROW1 (0, C ("Ngày có hiệu lực pháp luật", "decision.effective_on", HT_FMT_DATE)),
  ROW1 (OPT, C ("Việc hộ tịch đã đăng ký", "original", HT_FMT_REF)),
  ROW1 (OPT, C ("Nội dung thay đổi", "items", HT_FMT_ITEMS)),
  ROW1 (OPT, C ("Ngày chết ghi trong quyết định", "declared_death_date", HT_FMT_DATE)),
  ROW1 (0, C ("Nội dung ghi vào Sổ hộ tịch", "content", HT_FMT_TEXT)),
  REGISTRATION_ROWS ("Cơ quan ghi vào Sổ hộ tịch"),
  HT_FORM_END
};

/* ---- Nuôi con nuôi (NCN 22; TT 12/2011 layout ⚠) ---- */

#define ADOPTER_ROWS(p, label, q) \
  ROW1 (OPT | HT_ROW_BOLD, CQ (label, p ".full_name", HT_FMT_TEXT, q)), \
  ROW3 (OPT, CW ("Ngày, tháng, năm sinh", p ".date_of_birth", HT_FMT_BIRTH, 0.45f), \
        CW ("Dân tộc", p ".ethnicity", HT_FMT_TEXT, 0.22f), CW ("Quốc tịch", p ".nationality", HT_FMT_TEXT, 0.33f)), \
  ROW1 (OPT, C ("Giấy tờ tùy thân", p ".id_document", HT_FMT_ID_DOC)), \
  ROW1 (OPT, C ("Nơi cư trú", p ".residence", HT_FMT_TEXT))

static const HtFormRow adoption_rows[] = {
  ADOPTER_ROWS ("adoptive_father", "Họ, chữ đệm, tên cha nuôi", "cha_nuoi"),
  ADOPTER_ROWS ("adoptive_mother", "Họ, chữ đệm, tên mẹ nuôi", "me_nuoi"),
  ROW1 (HT_ROW_BOLD, CQ ("Họ, chữ đệm, tên con nuôi", "child.full_name", HT_FMT_TEXT, "con_nuoi")),
  ROW2 (0, CQ ("Ngày, tháng, năm sinh", "child.date_of_birth", HT_FMT_BIRTH, "ns"), C ("Giới tính", "child.sex", HT_FMT_ENUM)),
  ROW1 (0, C ("Nơi sinh", "child.place_of_birth", HT_FMT_TEXT)),
  ROW2 (0, C ("Dân tộc", "child.ethnicity", HT_FMT_TEXT), C ("Quốc tịch", "child.nationality", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Nơi cư trú", "child.residence", HT_FMT_TEXT)),
  ROW1 (0, C ("Bên giao con nuôi", "giver.kind", HT_FMT_ENUM)),
  ROW1 (OPT, C ("Họ, chữ đệm, tên", "giver.persons", HT_FMT_PERSONS)),
  ROW1 (OPT, C ("Tên cơ sở nuôi dưỡng", "giver.institution.name", HT_FMT_TEXT)),
  ROW1 (OPT, C ("Ngày giao nhận con nuôi", "handover_on", HT_FMT_DATE)),
  HT_FORM_END
};

static const HtFormRow adoption_registration[] = {
  REGISTRATION_ROWS ("Nơi đăng ký nuôi con nuôi"),
  HT_FORM_END
};

/* ---- Ghi chú việc hộ tịch ở nước ngoài (LHT 48–50) ---- */

static const HtFormRow foreign_subjects[] = {
  ROW1 (HT_ROW_BOLD, CQ ("Người có việc hộ tịch", "subjects", HT_FMT_PERSONS, "ten")),
  HT_FORM_END
};

static const HtFormRow foreign_act[] = {
  ROW1 (0, C ("Giấy tờ do cơ quan có thẩm quyền nước ngoài cấp", "foreign_act.title", HT_FMT_TEXT)),
  ROW2 (0, C ("Số", "foreign_act.number", HT_FMT_TEXT), C ("Ngày cấp", "foreign_act.issued_on", HT_FMT_DATE)),
  ROW2 (0, C ("Cơ quan cấp", "foreign_act.issuer", HT_FMT_TEXT), C ("Quốc gia", "foreign_act.country", HT_FMT_TEXT)),
  ROW1 (0, C ("Ngày xảy ra sự kiện", "foreign_act.event_date", HT_FMT_DATE)),
  ROW1 (OPT, C ("Đã đăng ký kết hôn tại", "original", HT_FMT_REF)),
  REGISTRATION_ROWS ("Cơ quan ghi vào Sổ hộ tịch"),
  HT_FORM_END
};

/* ---- The forms ---- */

#define SIGNER_EXTRACT "NGƯỜI KÝ TRÍCH LỤC"

/* An extract and its copy: the same rows, "-BS" and "(BẢN SAO)" added. */
#define EXTRACT(code_, kind_, when_, ...) \
  { .code = code_, .kind = kind_, .when = when_, .header = HT_HEADER_OFFICE, \
    .signer_title = SIGNER_EXTRACT, .blocks = { __VA_ARGS__ } }, \
  { .code = code_ "-BS", .kind = kind_, .when = when_, .copy = TRUE, .header = HT_HEADER_OFFICE, \
    .signer_title = SIGNER_EXTRACT, .blocks = { __VA_ARGS__ } }

#define NOTED(code_, event_, ...) \
  EXTRACT (code_, "foreign_note", "/event=" event_, __VA_ARGS__, { foreign_act, "" })

static const HtForm forms[] = {
  { .code = "GKS", .kind = "birth", .header = HT_HEADER_NATIONAL, .signer_title = "NGƯỜI KÝ GIẤY KHAI SINH",
    .blocks = { { birth_child, "" }, { birth_parents, "" }, { birth_registration, "" } },
    .preprinted = TRUE, .number_phoi = { 150, 52 }, .signer_phoi = { 125, 283 } },
  { .code = "GKS-BS", .kind = "birth", .copy = TRUE, .header = HT_HEADER_NATIONAL,
    .signer_title = "NGƯỜI KÝ GIẤY KHAI SINH", .copy_source = "Sao từ Sổ đăng ký khai sinh",
    .blocks = { { birth_child, "" }, { birth_parents, "" }, { birth_registration, "" } },
    .preprinted = TRUE, .number_phoi = { 150, 52 }, .signer_phoi = { 125, 283 }, .endorse_phoi = { 22, 262 } },
  /* Not chosen by default: the 2016–2020 copy form, for entries of that time. */
  { .code = "TLKS-BS", .kind = "birth", .copy = TRUE, .header = HT_HEADER_OFFICE, .signer_title = SIGNER_EXTRACT,
    .blocks = { { birth_child, "" }, { birth_parents, "" }, { birth_extract_end, "" } } },

  { .code = "GCNKH", .kind = "marriage", .header = HT_HEADER_NATIONAL,
    .signer_title = "NGƯỜI KÝ GIẤY CHỨNG NHẬN KẾT HÔN",
    .parties = { "Chồng", "husband.full_name", "Vợ", "wife.full_name" },
    .blocks = { { marriage_rows, "" }, { marriage_registration, "" } },
    .preprinted = TRUE, .number_phoi = { 150, 52 }, .signer_phoi = { 125, 283 }, .parties_phoi = { 22, 283, 70, 283 } },
  { .code = "TLKH-BS", .kind = "marriage", .copy = TRUE, .header = HT_HEADER_OFFICE, .signer_title = SIGNER_EXTRACT,
    .blocks = { { marriage_rows, "" }, { marriage_registration, "" } } },

  EXTRACT ("TLKT", "death", NULL, { death_rows, "" }, { death_local, "" }),
  EXTRACT ("TLCMC", "parentage", NULL, { parentage_rows, "" }, { parentage_local, "" }),
  EXTRACT ("TLGH", "guardianship", NULL, { guardianship_rows, "" }, { guardianship_local, "" }),
  EXTRACT ("TLCDGH", "guardianship_end", NULL, { guardianship_end_rows, "" }),
  EXTRACT ("TLTĐ", "change", "$registration_type=change", { change_rows, "" }, { change_registration, "" }),
  EXTRACT ("TLCC", "change", "$registration_type=correction", { change_rows, "" }, { change_registration, "" }),
  EXTRACT ("TLBS", "change", "$registration_type=supplement", { change_rows, "" }, { change_registration, "" }),
  EXTRACT ("TLXĐLDT", "change", "$registration_type=ethnicity", { change_rows, "" }, { change_registration, "" }),

  /* One original only (NĐ 123 Điều 22.3): no copy. */
  { .code = "XNTTHN", .kind = "marital_status", .header = HT_HEADER_OFFICE,
    .signer_title = "NGƯỜI KÝ GIẤY XÁC NHẬN", .blocks = { { marital_status_rows, "" } } },

  EXTRACT ("TLGVS", "decision_note", NULL, { decision_note_rows, "" }),

  NOTED ("TLGCKS", "birth", { birth_child, "event_data." }, { birth_parents, "event_data." }),
  NOTED ("TLGCKH", "marriage", { marriage_rows, "event_data." }),
  NOTED ("TLGCLH", "divorce", { foreign_subjects, "event_data." }),
  NOTED ("TLGCHH", "annulment", { foreign_subjects, "event_data." }),
  NOTED ("TLGCGH", "guardianship", { guardianship_rows, "event_data." }),
  NOTED ("TLGCCMC", "parentage|parentage_determination", { parentage_rows, "event_data." }),
  NOTED ("TLGCNCN", "adoption", { adoption_rows, "event_data." }),
  NOTED ("TLGCTĐ", "change", { change_rows, "event_data." }),
  NOTED ("TLGCKT", "death", { death_rows, "event_data." }),

  { .code = "GCNNCN", .kind = "adoption", .header = HT_HEADER_NATIONAL,
    .signer_title = "NGƯỜI KÝ GIẤY CHỨNG NHẬN", .blocks = { { adoption_rows, "" }, { adoption_registration, "" } } },
  { .code = "TLNCN-BS", .kind = "adoption", .copy = TRUE, .header = HT_HEADER_OFFICE, .signer_title = SIGNER_EXTRACT,
    .blocks = { { adoption_rows, "" }, { adoption_registration, "" } } },

  { .code = NULL }
};

const HtForm *
ht_paper_forms (void)
{
  return forms;
}

const HtForm *
ht_paper_form_lookup (const char *code)
{
  for (const HtForm *f = forms; f->code != NULL; f++)
    if (g_strcmp0 (f->code, code) == 0)
      return f;
  return NULL;
}

const HtForm *
ht_paper_form_for (const cJSON *record,
                   gboolean     copy)
{
  const char *kind = ht_record_kind_code (record);
  const cJSON *data = ht_record_data (record);

  for (const HtForm *f = forms; f->code != NULL; f++)
    {
      if (g_strcmp0 (f->kind, kind) != 0 || f->copy != copy)
        continue;
      /* The 2016–2020 extract copy is asked for by its code only. */
      if (g_str_equal (f->code, "TLKS-BS"))
        continue;
      if (f->when == NULL || ht_kinds_eval_when (f->when, record, data))
        return f;
    }
  return NULL;
}

/* ---- The wording of enumerated values ---- */

typedef struct
{
  const char *field;
  const char *value;
  const char *text;
} EnumText;

static const EnumText enum_texts[] = {
  { "sex", "male", "Nam" },
  { "sex", "female", "Nữ" },
  { "type", "cccd", "Căn cước công dân" },
  { "type", "can_cuoc", "Thẻ căn cước" },
  { "type", "e_id", "Căn cước điện tử" },
  { "type", "id_certificate", "Giấy chứng nhận căn cước" },
  { "type", "cmnd", "Chứng minh nhân dân" },
  { "type", "passport", "Hộ chiếu" },
  { "prior_status", "never_married", "Chưa kết hôn" },
  { "prior_status", "divorced", "Đã ly hôn" },
  { "prior_status", "widowed", "Vợ/chồng đã chết" },
  { "relation", "father", "Nhận cha" },
  { "relation", "mother", "Nhận mẹ" },
  { "direction", "parent_recognises_child", "Cha, mẹ nhận con" },
  { "direction", "child_recognises_parent", "Con nhận cha, mẹ" },
  { "evidence", "medical", "Văn bản của cơ quan y tế, cơ quan giám định" },
  { "evidence", "undertaking", "Văn bản cam đoan và người làm chứng" },
  { "registration_type", "appointed", "Giám hộ cử" },
  { "registration_type", "statutory", "Giám hộ đương nhiên" },
  { "registration_type", "change", "Thay đổi" },
  { "registration_type", "correction", "Cải chính" },
  { "registration_type", "supplement", "Bổ sung" },
  { "registration_type", "ethnicity", "Xác định lại dân tộc" },
  { "registration_type", "re-registration", "Đăng ký lại" },
  { "registration_type", "foundling", "Trẻ bị bỏ rơi" },
  { "registration_type", "surrogacy", "Sinh con theo phương pháp mang thai hộ" },
  { "registration_type", "with_recognition", "Kết hợp nhận cha, mẹ, con" },
  { "registration_type", "adult_with_documents", "Người đã có hồ sơ, giấy tờ cá nhân" },
  { "registration_type", "recognition", "Công nhận việc kết hôn" },
  { "registration_type", "redo", "Đăng ký lại việc kết hôn" },
  { "registration_type", "with_birth", "Kết hợp đăng ký khai sinh" },
  { "registration_type", "reissue", "Cấp lại" },
  { "registration_type", "de_facto", "Nuôi con nuôi thực tế" },
  { "reason", "ward_full_capacity", "Người được giám hộ đã có đầy đủ năng lực hành vi dân sự" },
  { "reason", "ward_died", "Người được giám hộ chết" },
  { "reason", "parents_able", "Cha, mẹ của người được giám hộ đủ điều kiện thực hiện quyền, nghĩa vụ của mình" },
  { "reason", "ward_adopted", "Người được giám hộ được nhận làm con nuôi" },
  { "reason", "guardian_change", "Thay đổi người giám hộ" },
  { "event", "birth", "Khai sinh" },
  { "event", "marriage", "Kết hôn" },
  { "event", "divorce", "Ly hôn" },
  { "event", "annulment", "Hủy việc kết hôn" },
  { "event", "guardianship", "Giám hộ" },
  { "event", "parentage", "Nhận cha, mẹ, con" },
  { "event", "change", "Thay đổi hộ tịch" },
  { "event", "death", "Khai tử" },
  { "event", "nationality_change", "Thay đổi quốc tịch" },
  { "event", "parentage_determination", "Xác định cha, mẹ, con" },
  { "event", "sex_redetermination", "Xác định lại giới tính" },
  { "event", "adoption", "Nuôi con nuôi" },
  { "event", "adoption_termination", "Chấm dứt việc nuôi con nuôi" },
  { "event", "marriage_annulment", "Hủy việc kết hôn trái pháp luật" },
  { "event", "marriage_recognition", "Công nhận việc kết hôn" },
  { "event", "guardianship_recognition", "Công nhận việc giám hộ" },
  { "event", "declared_missing", "Tuyên bố mất tích" },
  { "event", "declared_dead", "Tuyên bố đã chết" },
  { "event", "capacity_lost", "Tuyên bố mất năng lực hành vi dân sự" },
  { "event", "capacity_limited", "Tuyên bố hạn chế năng lực hành vi dân sự" },
  { "kind", "birth_parents", "Cha mẹ đẻ" },
  { "kind", "guardian", "Người giám hộ" },
  { "kind", "institution", "Cơ sở nuôi dưỡng" },
  { "purpose", "marriage_domestic", "Đăng ký kết hôn" },
  { "purpose", "marriage_abroad", "Đăng ký kết hôn ở nước ngoài" },
  { "status", "never_married", "Chưa đăng ký kết hôn với ai" },
  { "status", "married", "Đang có vợ/chồng" },
  { "status", "divorced", "Đã ly hôn, chưa kết hôn mới" },
  { "status", "widowed", "Vợ/chồng đã chết, chưa kết hôn mới" },
  { NULL, NULL, NULL }
};

const char *
ht_paper_enum_text (const char *field,
                    const char *value)
{
  if (field == NULL || value == NULL)
    return NULL;
  for (const EnumText *e = enum_texts; e->field != NULL; e++)
    if (g_str_equal (e->field, field) && g_str_equal (e->value, value))
      return e->text;
  return NULL;
}
