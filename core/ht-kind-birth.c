/* ht-kind-birth.c — khai sinh (KINDS.md §2.1): fields, rules, papers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-kind-util.h"

static const char *const registration_types[] = {
  "new", "re-registration", "foundling", "surrogacy", "with_recognition", "adult_with_documents", NULL
};
static const char *const values_parent_unknown[] = { "none", "father", "mother", "both", NULL };
static const char *const values_birth_notice[] = {
  "medical", "witness", "undertaking", "abandonment_report", "surrogacy", NULL
};
static const char *const values_father_mother[] = { "father", "mother", NULL };

static const HtField child_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "LHT 14.1.a; NĐ123 4.1†"),
  HT_P_SEX (HT_REQ_YES, "LHT 14.1.a; NĐ123 4.1†"),
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, "LHT 14.1.a; NĐ123 4.1†"),
  HT_PLACE ("place_of_birth", HT_REQ_YES, "Nơi sinh", N_("Place of birth"), "LHT 14.1.a; NĐ123 4.1†"),
  { .name = "ethnicity", .type = HT_T_TEXT, .req = HT_REQ_COND, .when = "/parent_unknown!=both",
    .max_len = 60, .flags = HT_F_ETHNICITY, .label_vi = "Dân tộc", .label = N_("Ethnicity"), .source = "LHT 14.1.a, 14.2" },
  HT_P_NATIONALITY (HT_REQ_YES, "LHT 14.1.a, 14.2"),
  HT_PLACE ("hometown", HT_REQ_YES, "Quê quán", N_("Home town"), "LHT 14.1.a, 4.8"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField parent_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "LHT 14.1.b"),
  HT_P_BIRTH_YEAR (HT_REQ_YES, "LHT 14.1.b"),
  HT_P_ETHNICITY (HT_REQ_YES, "LHT 14.1.b"),
  HT_P_NATIONALITY (HT_REQ_YES, "LHT 14.1.b"),
  HT_P_RESIDENCE (HT_REQ_YES, "LHT 14.1.b"),
  HT_P_ID_DOCUMENT (HT_REQ_NO, "TT 04/2024 form†"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField birth_notice_fields[] = {
  HT_ENUM ("type", HT_REQ_YES, values_birth_notice, "Loại giấy tờ chứng minh việc sinh", N_("Kind of proof of birth"), "LHT 16.1"),
  HT_TEXT_IF ("number", "type=medical|abandonment_report", "Giấy chứng sinh số", N_("Number"), "LHT 16.1"),
  HT_TEXT ("issuer", HT_REQ_YES, "do … cấp", N_("Issued by"), "LHT 16.1"),
  HT_DATE ("issued_on", HT_REQ_YES, "ngày cấp", N_("Issued on"), "LHT 16.1"),
  HT_END
};

static const HtField foundling_fields[] = {
  HT_DATE ("found_on", HT_REQ_YES, "Thời gian phát hiện", N_("Found on"), "NĐ123 14†"),
  HT_PLACE ("found_at", HT_REQ_YES, "Địa điểm phát hiện", N_("Found at"), "NĐ123 14†"),
  HT_DATE_ANY ("posting_until", HT_REQ_YES, "Niêm yết 07 ngày (ngày cuối)", N_("Posting until"), "NĐ123 14†"),
  HT_TEXT ("carer", HT_REQ_YES, "Người/tổ chức tạm thời nuôi dưỡng", N_("Temporary carer"), "NĐ123 14†; NCN 15.2.a†"),
  HT_END
};

static const HtField surrogate_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên người mang thai hộ", "LHT 16.1; HNGĐ 94–96"),
  HT_P_BIRTH_YEAR (HT_REQ_NO, "LHT 16.1"),
  HT_P_RESIDENCE (HT_REQ_NO, "LHT 16.1"),
  HT_END
};

static const HtField recognition_fields[] = {
  HT_ENUM ("parent", HT_REQ_YES, values_father_mother, "Người nhận con", N_("Recognising parent"), "NĐ123 15.3†; TT04 15"),
  HT_ENUM ("evidence", HT_REQ_YES, ht_values_paper_evidence, "Chứng cứ", N_("Evidence"), "TT04 14†"),
  { .name = "witnesses", .type = HT_T_LIST, .req = HT_REQ_COND, .when = "evidence=undertaking", .min_items = 2,
    .children = ht_shape_agent, .flags = HT_F_EVIDENCE, .label_vi = "Người làm chứng", .label = N_("Witnesses"),
    .source = "TT04 14†" },
  HT_END
};

static const HtField fields[] = {
  HT_OBJECT ("child", HT_REQ_YES, child_fields, "Người được khai sinh", N_("Child"), "LHT 14.1.a"),
  HT_OBJECT_IF ("mother", "parent_unknown!=mother|both", parent_fields, "Người mẹ", N_("Mother"), "LHT 14.1.b"),
  HT_OBJECT_IF ("father", "parent_unknown!=father|both", parent_fields, "Người cha", N_("Father"), "LHT 14.1.b"),
  /* Absent means "none" (the DESIGN.md example leaves it out). */
  HT_ENUM ("parent_unknown", HT_REQ_NO, values_parent_unknown,
           "Trẻ chưa xác định được cha mẹ", N_("Parent unknown"), "NĐ123 15†; Form"),
  { .name = "parents_marriage", .type = HT_T_REF_OR_PAPER, .req = HT_REQ_COND, .when = "$registration_type=surrogacy",
    .flags = HT_F_EVIDENCE, .label_vi = "Giấy chứng nhận kết hôn của cha mẹ", .label = N_("Parents' marriage"),
    .source = "NĐ123 3†; HNGĐ 94, 95.2" },
  HT_AGENT ("declarant", HT_REQ_YES, "Người đi khai sinh", N_("Declarant"), "LHT 15.1; Form"),
  HT_OBJECT_IF ("birth_notice", "$registration_type!=re-registration|adult_with_documents", birth_notice_fields,
                "Giấy chứng sinh / giấy tờ thay thế", N_("Proof of birth"), "LHT 16.1"),
  HT_OBJECT_IF ("foundling", "$registration_type=foundling", foundling_fields,
                "Trẻ bị bỏ rơi", N_("Foundling"), "NĐ123 14†"),
  HT_OBJECT_IF ("surrogate", "$registration_type=surrogacy", surrogate_fields,
                "Người mang thai hộ", N_("Surrogate mother"), "LHT 16.1; HNGĐ 94–96"),
  HT_OBJECT_IF ("recognition", "$registration_type=with_recognition", recognition_fields,
                "Khai sinh kết hợp nhận cha, mẹ, con", N_("Recognition"), "NĐ123 15.3†; TT04 14†, 15"),
  HT_PAPER ("nationality_agreement", HT_REQ_NO, "Văn bản thỏa thuận chọn quốc tịch",
            N_("Agreement on the child's nationality"), "LHT 36.1"),
  HT_REF_IF ("original", "$registration_type=re-registration", "Nơi, số, ngày đăng ký trước",
             N_("Original registration"), "NĐ123 24†, 26†"),
  HT_PAPERS_IF ("basis_papers", "$registration_type=re-registration|adult_with_documents", 1,
                "Giấy tờ làm cơ sở", N_("Basis papers"), "NĐ123 24.2†; TT04 8†, 9†"),
  HT_BOOL ("mobile", HT_REQ_NO, "Đăng ký lưu động", N_("Mobile registration"), "LHT 15.2; TT04 24†"),
  HT_DERIVED_BOOL ("late", "Quá hạn", N_("Late"), "LHT 15.1; Form"),
  HT_END
};

/* ---- Rules ---- */

/* Rule 2 (NĐ123 15†): a parent declared unknown is not given. */
static void
rule_unknown_parent_given (HtRuleCtx *ctx)
{
  const char *unknown = ht_rule_string (ctx, "parent_unknown");

  if (unknown == NULL)
    return;
  if ((g_str_equal (unknown, "father") || g_str_equal (unknown, "both")) && ht_rule_get (ctx, "father"))
    ht_rule_report (ctx, "father", _("the father is declared unknown but is filled in"));
  if ((g_str_equal (unknown, "mother") || g_str_equal (unknown, "both")) && ht_rule_get (ctx, "mother"))
    ht_rule_report (ctx, "mother", _("the mother is declared unknown but is filled in"));
}

/* Rule 2: with the father unknown, surname, ethnicity and nationality follow the mother. */
static void
rule_follows_mother (HtRuleCtx *ctx)
{
  const char *child_name = ht_rule_string (ctx, "child.full_name");
  const char *mother_name = ht_rule_string (ctx, "mother.full_name");

  if (!ht_rule_is (ctx, "parent_unknown", "father") || child_name == NULL || mother_name == NULL)
    return;
  {
    g_autofree char *c = ht_fold (child_name);
    g_autofree char *m = ht_fold (mother_name);
    const char *cs = c ? strchr (c, ' ') : NULL;
    const char *ms = m ? strchr (m, ' ') : NULL;
    if (cs && ms && (cs - c != ms - m || strncmp (c, m, cs - c) != 0))
      ht_rule_report (ctx, "child.full_name", _("with the father unknown, the child takes the mother's surname"));
  }
  if (ht_rule_string (ctx, "child.nationality") && ht_rule_string (ctx, "mother.nationality") &&
      g_strcmp0 (ht_rule_string (ctx, "child.nationality"), ht_rule_string (ctx, "mother.nationality")) != 0)
    ht_rule_report (ctx, "child.nationality", _("with the father unknown, the child takes the mother's nationality"));
}

/* Rule 2: a mother is unknown only when the father recognises the child at registration. */
static void
rule_mother_unknown (HtRuleCtx *ctx)
{
  if (ht_rule_is (ctx, "parent_unknown", "mother") &&
      !(g_strcmp0 (ht_rule_registration_type (ctx), "with_recognition") == 0 &&
        ht_rule_is (ctx, "recognition.parent", "father")))
    ht_rule_report (ctx, "parent_unknown",
                    _("a birth with the mother unknown is registered only with the father's recognition"));
}

/* Rule 3 (NĐ123 14†): a foundling. */
static void
rule_foundling (HtRuleCtx *ctx)
{
  GDate until;

  if (g_strcmp0 (ht_rule_registration_type (ctx), "foundling") != 0)
    return;
  if (!ht_rule_is (ctx, "parent_unknown", "both"))
    ht_rule_report (ctx, "parent_unknown", _("a foundling has both parents unknown"));
  if (ht_rule_get (ctx, "birth_notice") && !ht_rule_is (ctx, "birth_notice.type", "abandonment_report"))
    ht_rule_report (ctx, "birth_notice.type", _("a foundling's proof of birth is the abandonment report"));
  if (ht_rule_date (ctx, "foundling.posting_until", &until) && g_date_valid (&ctx->registered_on) &&
      g_date_compare (&ctx->registered_on, &until) <= 0)
    ht_rule_report (ctx, "foundling.posting_until",
                    _("a foundling is registered only after the 7-day posting has ended"));
}

/* Rule 4 (HNGĐ 88.1; NĐ123 15.3†): a father needs a basis. */
static void
rule_father_basis (HtRuleCtx *ctx)
{
  const char *type = ht_rule_registration_type (ctx);

  if (ht_rule_get (ctx, "father") == NULL || ht_rule_get (ctx, "parents_marriage") != NULL)
    return;
  if (g_strcmp0 (type, "with_recognition") == 0 || g_strcmp0 (type, "surrogacy") == 0 ||
      g_strcmp0 (type, "re-registration") == 0)
    return;
  /* Since NĐ 07/2025 the office looks the parents' marriage up itself: a
   * marriage of the mother to this father in the register is the basis. */
  {
    g_autoptr(cJSON) marriages = ht_kind_find_person (ctx, "marriage", "mother");
    const cJSON *m;
    cJSON_ArrayForEach (m, marriages)
      if (ht_kind_same_text (cJSON_GetStringValue (ht_record_get_path (m, "data.husband.full_name")),
                             ht_rule_string (ctx, "father.full_name")))
        return;
  }
  ht_rule_report (ctx, "father",
                  _("the father is named without the parents' marriage or a recognition: confirm the basis was seen"));
}

/* Rule 6 (TT04 14†, 15): the recognising parent is in the record. */
static void
rule_recognition_parent (HtRuleCtx *ctx)
{
  const char *parent = ht_rule_string (ctx, "recognition.parent");

  if (g_strcmp0 (ht_rule_registration_type (ctx), "with_recognition") != 0 || parent == NULL)
    return;
  if (ht_rule_get (ctx, parent) == NULL)
    ht_rule_report (ctx, parent, _("the recognising parent must be filled in"));
}

static gboolean
is_vietnamese (const char *nationality)
{
  g_autofree char *f = nationality ? ht_fold (nationality) : NULL;
  return f == NULL || g_str_equal (f, "viet nam") || g_str_equal (f, "vietnam");
}

/* Rule 7 (LHT 36): foreign parents and foreign children. */
static void
rule_foreign_parent (HtRuleCtx *ctx)
{
  gboolean foreign = (ht_rule_get (ctx, "mother") && !is_vietnamese (ht_rule_string (ctx, "mother.nationality"))) ||
                     (ht_rule_get (ctx, "father") && !is_vietnamese (ht_rule_string (ctx, "father.nationality")));

  if (foreign && ht_rule_get (ctx, "nationality_agreement") == NULL)
    ht_rule_report_severity (ctx, ctx->options->digitised ? HT_SEVERITY_WARNING : HT_SEVERITY_ERROR,
                             "nationality_agreement",
                             _("a parent is foreign: the parents' agreement on the child's nationality is required"));
}

static void
rule_foreign_child_pin (HtRuleCtx *ctx)
{
  if (!is_vietnamese (ht_rule_string (ctx, "child.nationality")) &&
      (ht_rule_get (ctx, "child.pin") != NULL || ht_rule_get (ctx, "$pin") != NULL))
    ht_rule_report (ctx, "child.pin", _("a child of foreign nationality gets no personal ID number"));
}

/* child.pin is asked of a person who already has one: re-registration and
 * adults with documents (LHT 14.1.c).  Whether they have one is only known
 * to the clerk, so a missing number is a warning. */
static void
rule_child_pin_expected (HtRuleCtx *ctx)
{
  const char *type = ht_rule_registration_type (ctx);

  if ((g_strcmp0 (type, "re-registration") == 0 || g_strcmp0 (type, "adult_with_documents") == 0) &&
      ht_rule_get (ctx, "child.pin") == NULL && is_vietnamese (ht_rule_string (ctx, "child.nationality")))
    ht_rule_report (ctx, "child.pin", _("if the person already has a personal ID number, enter it"));
}

/* Rule 9 (TT04 6†): the child's ethnicity is a parent's. */
static void
rule_ethnicity_of_parent (HtRuleCtx *ctx)
{
  const char *e = ht_rule_string (ctx, "child.ethnicity");
  const char *m = ht_rule_string (ctx, "mother.ethnicity");
  const char *f = ht_rule_string (ctx, "father.ethnicity");

  if (e == NULL || (m == NULL && f == NULL))
    return;
  if (!ht_kind_same_text (e, m) && !ht_kind_same_text (e, f))
    ht_rule_report (ctx, "child.ethnicity", _("the child's ethnicity is neither the mother's nor the father's"));
}

/* Rule 10: parents are born before the child. */
static void
rule_parents_older (HtRuleCtx *ctx)
{
  GDate dob;
  gint64 year;

  if (!ht_rule_date (ctx, "child.date_of_birth", &dob))
    return;
  if (ht_rule_int (ctx, "mother.birth_year", &year) && year >= g_date_get_year (&dob))
    ht_rule_report (ctx, "mother.birth_year", _("the mother must be born before the child"));
  if (ht_rule_int (ctx, "father.birth_year", &year) && year >= g_date_get_year (&dob))
    ht_rule_report (ctx, "father.birth_year", _("the father must be born before the child"));
}

/* Rule 10 (LHT 5.4): same folded name, date of birth and mother already in KS. */
static void
rule_possible_duplicate (HtRuleCtx *ctx)
{
  const HtLookup *lookup = ctx->options->lookup;
  const char *name = ht_rule_string (ctx, "child.full_name");
  const char *dob = ht_rule_string (ctx, "child.date_of_birth");
  const char *mother = ht_rule_string (ctx, "mother.full_name");
  g_autofree char *folded = NULL;
  g_autofree char *folded_mother = NULL;
  g_autoptr(cJSON) found = NULL;
  const cJSON *item;

  if (lookup == NULL || lookup->find_person == NULL || name == NULL || dob == NULL)
    return;
  folded = ht_fold (name);
  folded_mother = mother ? ht_fold (mother) : NULL;
  found = lookup->find_person (lookup->user_data, "birth", NULL, NULL, folded, dob);
  cJSON_ArrayForEach (item, found)
    {
      const char *other_mother = cJSON_GetStringValue (ht_record_get_path (item, "data.mother.full_name"));
      g_autofree char *fo = other_mother ? ht_fold (other_mother) : NULL;

      if (g_strcmp0 (ht_record_id (item), ht_record_id (ctx->record)) == 0)
        continue;
      if (g_strcmp0 (fo, folded_mother) == 0)
        {
          ht_rule_report (ctx, "child.full_name",
                          _("probably already registered: %s/%" PRId64 "/%" PRId64 " has the same name, date of birth and mother"),
                          ht_record_kind_code (item), ht_record_book_year (item), ht_record_number (item));
          return;
        }
    }
}

static cJSON *
derive (const cJSON *record)
{
  cJSON *out = cJSON_CreateObject ();
  GDate reg, dob;
  const cJSON *d = ht_record_get_path (record, "data.child.date_of_birth");

  /* Rule 1: late after 60 days, not for a re-registration (own tick). */
  if (ht_record_registered_on (record, &reg) && cJSON_IsString (d) && ht_date_parse (d->valuestring, &dob))
    {
      gboolean re = g_strcmp0 (ht_record_registration_type (record), "re-registration") == 0;
      cJSON_AddBoolToObject (out, "late", !re && ht_date_days_between (&dob, &reg) > 60);
    }
  return out;
}

static const HtRule rules[] = {
  { "late", HT_SEVERITY_WARNING, "late", "LHT 15.1",
    N_("Registered more than 60 days after the birth: derived flag \"late\" (not for re-registration)."), NULL },
  { "after_registration", HT_SEVERITY_ERROR, "child.date_of_birth", "LHT 15.1",
    N_("The date of birth is not after the registration date (generic date check)."), NULL },
  { "unknown_parent_given", HT_SEVERITY_ERROR, "parent_unknown", "NĐ123 15†",
    N_("A parent declared unknown is not filled in."), rule_unknown_parent_given },
  { "follows_mother", HT_SEVERITY_WARNING, "child.full_name", "NĐ123 15†",
    N_("With the father unknown, surname and nationality follow the mother."), rule_follows_mother },
  { "mother_unknown_needs_recognition", HT_SEVERITY_ERROR, "parent_unknown", "NĐ123 15†",
    N_("The mother is unknown only with a recognition by the father."), rule_mother_unknown },
  { "foundling", HT_SEVERITY_ERROR, "foundling", "NĐ123 14†",
    N_("A foundling has both parents unknown, the abandonment report, and is registered after the posting."),
    rule_foundling },
  { "father_needs_recognition", HT_SEVERITY_WARNING, "father", "HNGĐ 88.1; NĐ123 15.3†",
    N_("A father needs the parents' marriage, a recognition or surrogacy; otherwise the clerk confirms."),
    rule_father_basis },
  { "recognising_parent_missing", HT_SEVERITY_ERROR, "recognition.parent", "TT04 14†, 15",
    N_("With recognition, the recognising parent is filled in."), rule_recognition_parent },
  { "nationality_agreement_required", HT_SEVERITY_ERROR, "nationality_agreement", "LHT 36.1",
    N_("A foreign parent needs the agreement on the child's nationality."), rule_foreign_parent },
  { "foreign_child_pin", HT_SEVERITY_ERROR, "child.pin", "LHT 36.2",
    N_("A child of foreign nationality gets no personal ID number."), rule_foreign_child_pin },
  { "child_pin_expected", HT_SEVERITY_WARNING, "child.pin", "LHT 14.1.c",
    N_("A re-registered person or an adult with documents gives the personal ID number they have."),
    rule_child_pin_expected },
  { "re_registration_too_recent", HT_SEVERITY_ERROR, "original.registered_on", "NĐ123 24.1†",
    N_("Re-registration only for events registered before 2016-01-01."), ht_kind_rule_re_registration_date },
  { "person_deceased", HT_SEVERITY_ERROR, "child", "NĐ123 24.3†; LHT 34.2",
    N_("A re-registered person is alive: a death record is an error."), ht_kind_rule_subject_alive },
  { "ethnicity_not_parent", HT_SEVERITY_WARNING, "child.ethnicity", "TT04 6†",
    N_("The child's ethnicity is the mother's or the father's."), rule_ethnicity_of_parent },
  { "parent_not_older", HT_SEVERITY_ERROR, "mother.birth_year", "KINDS §2.1 rule 10",
    N_("Parents are born before the child."), rule_parents_older },
  { "possible_duplicate", HT_SEVERITY_WARNING, "child.full_name", "LHT 5.4",
    N_("Same folded name, date of birth and mother already in the birth book."), rule_possible_duplicate },
  { NULL }
};

static const HtPaper papers[] = {
  { "GKS", "Giấy khai sinh", "%u", "LHT 16.2" },
  { "GKS-BS", "Giấy khai sinh (bản sao)", "%u/GKS-BS", "DOMAIN §2.2" },
  { "TLKS-BS", "Trích lục khai sinh (bản sao)", "%u/TLKS-BS", "Form (2016–2020)" },
  { NULL }
};

const HtKind ht_kind_birth = {
  .code = "birth",
  .book = "KS",
  .title_vi = "Đăng ký khai sinh",
  .label = N_("Birth"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "child", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of the father's or mother's residence (LHT 13, 35)",
  .late_after_days = 60,
  .derive = derive,
};
