/* ht-kind-parentage.c — nhận cha, mẹ, con (KINDS.md §2.4): fields, rules, papers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-kind-util.h"

/* KINDS.md §1.5; the first is the default. */
static const char *const registration_types[] = { "new", "with_birth", NULL };
static const char *const values_relation[] = { "father", "mother", NULL };
static const char *const values_direction[] = { "parent_recognises_child", "child_recognises_parent", NULL };

/* Days of the posting for a case with a foreign element (LHT 44.2; ⚠ after
 * the 2025 reform 10 working days, DOMAIN §6: the law's 7 days are kept). */
#define POSTING_DAYS 7

static const HtField parent_fields[] = {
  HT_PERSON_OF_FORM ("Họ, chữ đệm, tên", "Form", HT_REQ_YES),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField child_fields[] = {
  HT_PERSON_OF_FORM ("Họ, chữ đệm, tên", "Form", HT_REQ_NO),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  /* ⚠ "Birth registered in Viet Nam" is not in the record; the Form's
   * "Giấy khai sinh/Giấy tờ tùy thân" asks for one or the other, so the
   * birth record is required when the child shows no identity document. */
  { .name = "birth_record", .type = HT_T_REF, .req = HT_REQ_COND, .when = "!id_document?",
    .label_vi = "Giấy khai sinh/Giấy tờ tùy thân", .label = N_("Birth record"), .source = "Form" },
  HT_END
};

static const HtField fields[] = {
  HT_ENUM ("relation", HT_REQ_YES, values_relation, "Nhận cha / nhận mẹ", N_("Relation"), "LHT 3.1.d"),
  HT_ENUM ("direction", HT_REQ_YES, values_direction, "Cha, mẹ nhận con / Con nhận cha, mẹ",
           N_("Direction"), "Form; HNGĐ 90, 91"),
  HT_OBJECT ("parent", HT_REQ_YES, parent_fields, "Người nhận/được nhận là cha/mẹ", N_("Parent"), "Form"),
  HT_OBJECT ("child", HT_REQ_YES, child_fields, "Người con", N_("Child"), "Form"),
  HT_AGENT ("declarant", HT_REQ_YES, "Người đi đăng ký; quan hệ", N_("Declarant"), "Form"),
  HT_ENUM ("evidence", HT_REQ_YES, ht_values_paper_evidence, "Chứng cứ quan hệ cha, mẹ, con",
           N_("Evidence of the relationship"), "LHT 25.1; TT04 14†"),
  HT_PAPER_IF ("evidence_paper", "evidence=medical", "Văn bản của cơ quan y tế, giám định",
               N_("Medical or forensic paper"), "TT04 14†"),
  { .name = "witnesses", .type = HT_T_LIST, .req = HT_REQ_COND, .when = "evidence=undertaking", .min_items = 2,
    .children = ht_shape_agent, .flags = HT_F_EVIDENCE, .label_vi = "Người làm chứng", .label = N_("Witnesses"),
    .source = "TT04 14†" },
  /* ⚠ The birth registered together with this recognition (TT04 15). */
  HT_REF_IF ("birth", "$registration_type=with_birth", "Đăng ký khai sinh kết hợp", N_("Birth registered with it"),
             "TT04 15 ⚠"),
  /* A foreign element makes both required (rule_posting_required); either
   * one given asks for the other. */
  HT_DATE_IF ("posting_from", "posting_to?", "Niêm yết từ ngày", N_("Posting from"), "LHT 44.2"),
  HT_DATE_IF ("posting_to", "posting_from?", "Niêm yết đến ngày", N_("Posting to"), "LHT 44.2"),
  HT_END
};

/* ---- Rules ---- */

/* Rule 2: the parent's sex agrees with the relation. */
static void
rule_parent_sex (HtRuleCtx *ctx)
{
  const char *relation = ht_rule_string (ctx, "relation");
  const char *sex = ht_rule_string (ctx, "parent.sex");

  if (relation == NULL || sex == NULL)
    return;
  if (g_str_equal (relation, "father") && !g_str_equal (sex, "male"))
    ht_rule_report (ctx, NULL, _("a father is a man"));
  else if (g_str_equal (relation, "mother") && !g_str_equal (sex, "female"))
    ht_rule_report (ctx, NULL, _("a mother is a woman"));
}

/* Rule 2: the parent is born before the child. */
static void
rule_parent_older (HtRuleCtx *ctx)
{
  if (ht_kind_dates_out_of_order (ctx, "parent.date_of_birth", "child.date_of_birth", TRUE))
    ht_rule_report (ctx, NULL, _("the parent must be born before the child"));
}

/* The child's birth records: the one referenced, else those of the register
 * naming the child.  The birth registered together with this recognition
 * (with_birth) already carries the parent and is left out. */
static cJSON *
child_births (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) together = ht_kind_resolve (ctx, "birth");
  cJSON *referenced = ht_kind_resolve (ctx, "child.birth_record");
  cJSON *out;

  if (referenced != NULL)
    {
      out = cJSON_CreateArray ();
      cJSON_AddItemToArray (out, referenced);
    }
  else
    out = ht_kind_find_person (ctx, "birth", "child");
  if (together != NULL && ht_record_id (together) != NULL)
    for (int i = cJSON_GetArraySize (out) - 1; i >= 0; i--)
      if (g_strcmp0 (ht_record_id (cJSON_GetArrayItem (out, i)), ht_record_id (together)) == 0)
        cJSON_DeleteItemFromArray (out, i);
  return out;
}

/* Rule 3 (HNGĐ 88.2, 89): a birth that already names this parent's role,
 * or an earlier recognition of the same role, makes it a court matter. */
static void
rule_parent_already_registered (HtRuleCtx *ctx)
{
  const char *relation = ht_rule_string (ctx, "relation");
  g_autoptr(cJSON) births = NULL;
  g_autoptr(cJSON) recognitions = NULL;
  const cJSON *b;

  if (relation == NULL || ctx->options->lookup == NULL)
    return;
  births = child_births (ctx);
  cJSON_ArrayForEach (b, births)
    {
      g_autofree char *path = g_strconcat ("data.", relation, NULL);
      if (cJSON_IsObject (ht_record_get_path (b, path)))
        {
          ht_rule_report (ctx, NULL,
                          g_str_equal (relation, "father")
                          ? _("the child's birth record already names a father: only a court can decide")
                          : _("the child's birth record already names a mother: only a court can decide"));
          return;
        }
    }
  recognitions = ht_kind_find_person (ctx, "parentage", "child");
  cJSON_ArrayForEach (b, recognitions)
    if (ht_kind_same_person (ht_rule_get (ctx, "child"), ht_record_get_path (b, "data.child")) &&
        g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (b, "data.relation")), relation) == 0)
      {
        ht_rule_report (ctx, NULL,
                        g_str_equal (relation, "father")
                        ? _("the child's father is already recognised (CMC/%" PRId64 "/%" PRId64 ")")
                        : _("the child's mother is already recognised (CMC/%" PRId64 "/%" PRId64 ")"),
                        ht_record_book_year (b), ht_record_number (b));
        return;
      }
}

/* Table, child.birth_record: the referenced birth is this child's. */
static void
rule_birth_record_mismatch (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) birth = ht_kind_resolve (ctx, "child.birth_record");
  const cJSON *child;

  if (birth == NULL)
    return;
  child = ht_record_get_path (birth, "data.child");
  if (g_strcmp0 (ht_record_kind_code (birth), "birth") != 0 ||
      !ht_kind_same_text (cJSON_GetStringValue (_ht_json_member (child, "full_name")),
                          ht_rule_string (ctx, "child.full_name")) ||
      g_strcmp0 (cJSON_GetStringValue (_ht_json_member (child, "date_of_birth")),
                 ht_rule_string (ctx, "child.date_of_birth")) != 0)
    ht_rule_report (ctx, NULL, _("the referenced birth record is not this child's (name or date of birth differ)"));
}

/* Rule 4 (LHT 6.3) ⚠: a minor child who recognises a parent acts through a
 * legal representative, who is the declarant. */
static void
rule_minor_representative (HtRuleCtx *ctx)
{
  const cJSON *child = ht_rule_get (ctx, "child");
  const cJSON *declarant = ht_rule_get (ctx, "declarant");
  int age;

  if (!ht_rule_is (ctx, "direction", "child_recognises_parent") || !cJSON_IsObject (declarant))
    return;
  age = ht_kind_age_on (ctx, "child", &ctx->registered_on);
  if (age < 0 || age >= 18)
    return;
  if (ht_kind_same_person (declarant, child) || ht_kind_same_person (child, declarant) ||
      ht_kind_same_text (ht_rule_string (ctx, "declarant.full_name"), ht_rule_string (ctx, "child.full_name")))
    ht_rule_report (ctx, NULL, _("the child is a minor: the request is made by the legal representative"));
}

/* Rule 6 (LHT 44.2): a foreign party means a 7-day posting before the
 * registration. */
static void
rule_posting_required (HtRuleCtx *ctx)
{
  if ((ht_kind_is_foreign (ht_rule_string (ctx, "parent.nationality")) ||
       ht_kind_is_foreign (ht_rule_string (ctx, "child.nationality"))) &&
      ht_rule_get (ctx, "posting_from") == NULL && ht_rule_get (ctx, "posting_to") == NULL)
    ht_rule_report (ctx, NULL, _("a party is foreign: the request is posted for 7 days before registration"));
}

static void
rule_posting_period (HtRuleCtx *ctx)
{
  GDate from, to;

  if (!ht_rule_date (ctx, "posting_from", &from) || !ht_rule_date (ctx, "posting_to", &to))
    return;
  if (ht_date_days_between (&from, &to) + 1 < POSTING_DAYS)
    ht_rule_report (ctx, NULL, _("the posting lasts at least 7 days"));
  else if (g_date_valid (&ctx->registered_on) && g_date_compare (&ctx->registered_on, &to) <= 0)
    ht_rule_report (ctx, NULL, _("the registration comes after the posting has ended"));
}

/* Table, birth (TT04 15 ⚠): the birth registered together is a birth. */
static void
rule_with_birth (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) birth = ht_kind_resolve (ctx, "birth");

  if (birth != NULL && g_strcmp0 (ht_record_kind_code (birth), "birth") != 0)
    ht_rule_report (ctx, NULL, _("must reference a birth registration"));
}

static const HtRule rules[] = {
  { "person_deceased", HT_SEVERITY_ERROR, "parent", "HNGĐ 101.2; LHT 34.2",
    N_("The parent has no death record: recognition of a dead person is for a court."), ht_kind_rule_subject_alive },
  { "person_deceased", HT_SEVERITY_ERROR, "child", "HNGĐ 101.2; LHT 34.2",
    N_("The child has no death record: recognition of a dead person is for a court."), ht_kind_rule_subject_alive },
  { "parent_sex_mismatch", HT_SEVERITY_ERROR, "parent.sex", "KINDS §2.4 rule 2",
    N_("A father is a man, a mother a woman."), rule_parent_sex },
  { "parent_not_older", HT_SEVERITY_ERROR, "parent.date_of_birth", "KINDS §2.4 rule 2",
    N_("The parent is born before the child."), rule_parent_older },
  { "parent_already_registered", HT_SEVERITY_ERROR, "relation", "HNGĐ 88.2, 89",
    N_("The child's birth does not already name a parent of this role, nor does an earlier recognition."),
    rule_parent_already_registered },
  { "birth_record_mismatch", HT_SEVERITY_ERROR, "child.birth_record", "Form",
    N_("The referenced birth record is the child's (same name and date of birth)."), rule_birth_record_mismatch },
  { "minor_representative", HT_SEVERITY_WARNING, "declarant", "LHT 6.3 ⚠",
    N_("A minor child recognising a parent acts through a legal representative."), rule_minor_representative },
  { "posting_required", HT_SEVERITY_ERROR, "posting_from", "LHT 44.2",
    N_("A foreign party means a 7-day posting (⚠ 10 working days after the 2025 reform)."), rule_posting_required },
  { "posting_period", HT_SEVERITY_ERROR, "posting_to", "LHT 44.2",
    N_("The posting lasts at least 7 days and ends before the registration."), rule_posting_period },
  { "with_birth_not_birth", HT_SEVERITY_ERROR, "birth", "TT04 15 ⚠",
    N_("A recognition registered with a birth references that birth."), rule_with_birth },
  { NULL }
};

static const HtPaper papers[] = {
  { "TLCMC", "Trích lục đăng ký nhận cha, mẹ, con", "%u/TLCMC", "Form; LHT 25.2" },
  { "TLCMC-BS", "Trích lục đăng ký nhận cha, mẹ, con (bản sao)", "%u/TLCMC-BS", "⚠" },
  { NULL }
};

const HtKind ht_kind_parentage = {
  .code = "parentage",
  .book = "CMC",
  .title_vi = "Đăng ký nhận cha, mẹ, con",
  .label = N_("Recognition of parentage"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "parent", "child", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of either party's residence (LHT 24, 43)",
  .late_after_days = 0,
  .derive = NULL,
};
