/* ht-kind-marriage.c — kết hôn (KINDS.md §2.2): fields, rules, papers.
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

/* KINDS.md §1.5; the first is the default. */
static const char *const registration_types[] = { "new", "re-registration", "recognition", "redo", NULL };
static const char *const values_precision[] = { "day", "month", "year", NULL };

/* The two parties share one shape; only the printed name label differs.
 * The members named in DESIGN.md (full_name, date_of_birth, ethnicity,
 * nationality, residence, id_document, prior_status) keep DESIGN's order;
 * birth_year, sex, pin and prior_marriage sit beside the member they go with. */
#define PARTY_FIELDS(name_label)                                                                   \
  HT_P_FULL_NAME (HT_REQ_YES, name_label, "LHT 17.2.a"),                                           \
  /* ⚠ A year alone only for recognition and re-registration (old books). */                       \
  HT_P_DATE_OF_BIRTH_IF ("$registration_type=new|redo || !birth_year?", "LHT 17.2.a"),             \
  HT_P_BIRTH_YEAR (HT_REQ_NO, "LHT 17.2.a ⚠"),                                                     \
  HT_P_SEX (HT_REQ_NO, "HNGĐ 8.2"),                                                                \
  HT_P_ETHNICITY (HT_REQ_YES, "LHT 17.2.a"),                                                       \
  HT_P_NATIONALITY (HT_REQ_YES, "LHT 17.2.a"),                                                     \
  HT_P_RESIDENCE (HT_REQ_YES, "LHT 17.2.a"),                                                       \
  HT_P_ID_DOCUMENT (HT_REQ_YES, "LHT 17.2.a"),                                                     \
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),                                                              \
  HT_ENUM ("prior_status", HT_REQ_YES, ht_values_prior_status, "Tình trạng hôn nhân trước đây",    \
           N_("Marital status before this marriage"), "DESIGN; Form"),                             \
  /* ⚠ How the earlier marriage ended, when the register does not show it. */                      \
  { .name = "prior_marriage", .type = HT_T_REF_OR_PAPER, .req = HT_REQ_NO, .flags = HT_F_EVIDENCE, \
    .label_vi = "Giấy tờ chứng minh hôn nhân trước đã chấm dứt", .label = N_("Prior marriage"),    \
    .source = "HNGĐ 5.2.c ⚠" },                                                                    \
  HT_END

static const HtField husband_fields[] = { PARTY_FIELDS ("Họ, chữ đệm, tên người chồng") };
static const HtField wife_fields[] = { PARTY_FIELDS ("Họ, chữ đệm, tên người vợ") };

static const HtField fields[] = {
  HT_OBJECT ("husband", HT_REQ_YES, husband_fields, "Người chồng", N_("Husband"), "LHT 17.2.a"),
  HT_OBJECT ("wife", HT_REQ_YES, wife_fields, "Người vợ", N_("Wife"), "LHT 17.2.a"),
  HT_DATE_IF ("marriage_established_on", "$registration_type!=new",
              "Ngày, tháng, năm xác nhận quan hệ hôn nhân", N_("Marriage established on"), "TT04 32†; Form"),
  HT_ENUM_IF ("established_precision", "marriage_established_on?", values_precision,
              "Độ chính xác của ngày xác nhận", N_("Precision of the established date"), "TT04 32†"),
  HT_REF_IF ("original", "$registration_type=re-registration", "Đăng ký kết hôn trước đây",
             N_("Original registration"), "NĐ123 24†, 27†"),
  HT_PAPERS_IF ("basis_papers", "$registration_type=re-registration", 1,
                "Giấy tờ làm cơ sở", N_("Basis papers"), "NĐ123 24.2†"),
  HT_REF_IF ("previous_registration", "$registration_type=redo", "Đăng ký kết hôn không đúng thẩm quyền",
             N_("Registration at the wrong office"), "HNGĐ 13"),
  /* Required for a foreign party by rule_foreign_papers: "foreign" needs
   * folding ("Viet Nam", "Việt Nam") that a "when" cannot do. */
  { .name = "foreign_papers", .type = HT_T_LIST, .req = HT_REQ_NO, .children = ht_shape_paper,
    .flags = HT_F_EVIDENCE, .label_vi = "Giấy tờ của bên nước ngoài / định cư ở nước ngoài",
    .label = N_("Papers of a foreign party"), .source = "LHT 38.1" },
  HT_BOOL ("mobile", HT_REQ_NO, "Đăng ký lưu động", N_("Mobile registration"), "LHT 15.2; TT04 24†"),
  HT_DERIVED_BOOL ("first_marriage", "Kết hôn lần đầu", N_("First marriage"), "Form; 13a"),
  HT_END
};

/* ---- Helpers ---- */

/* The day the marriage conditions are judged on: the registration for a new
 * marriage, the established date for the other types (⚠ KINDS.md §2.2.1). */
static gboolean
reference_date (HtRuleCtx *ctx,
                GDate     *out)
{
  if (g_strcmp0 (ht_rule_registration_type (ctx), "new") != 0 &&
      ht_rule_date (ctx, "marriage_established_on", out))
    return TRUE;
  *out = ctx->registered_on;
  return g_date_valid (out);
}

/* The id of the record a ref at "path" resolves to, or NULL. */
static char *
resolved_id (HtRuleCtx  *ctx,
             const char *path)
{
  g_autoptr(cJSON) target = ht_kind_resolve (ctx, path);

  return target && ht_record_id (target) ? g_strdup (ht_record_id (target)) : NULL;
}

/* The register's marriages of a party, leaving out the entry this record
 * re-registers or redoes: that is the same marriage, not an earlier one. */
static cJSON *
marriages_of (HtRuleCtx  *ctx,
              const char *party)
{
  g_autofree char *original = resolved_id (ctx, "original");
  g_autofree char *previous = resolved_id (ctx, "previous_registration");
  cJSON *all, *out = cJSON_CreateArray ();
  GDate on;

  if (ctx->options->lookup == NULL)
    return out;
  reference_date (ctx, &on);
  all = ht_kind_marriages_of (ctx, party, &on);
  while (cJSON_GetArraySize (all) > 0)
    {
      cJSON *m = cJSON_DetachItemFromArray (all, 0);
      const char *id = ht_record_id (_ht_json_member (m, "record"));

      if (id != NULL && (g_strcmp0 (id, original) == 0 || g_strcmp0 (id, previous) == 0))
        cJSON_Delete (m);
      else
        cJSON_AddItemToArray (out, m);
    }
  cJSON_Delete (all);
  return out;
}

static const char *
book_of (const cJSON *record)
{
  const HtKind *kind = ht_kinds_lookup (ht_record_kind_code (record));

  return kind ? kind->book : "?";
}

/* ---- Rules ---- */

/* Rule 1 (HNGĐ 8.1.a): the age of a party on the reference date, or -1;
 * "path" is where to report it (the date of birth, else the year). */
static int
party_age (HtRuleCtx   *ctx,
           const char  *party,
           char       **path)
{
  g_autofree char *dob = g_strconcat (party, ".date_of_birth", NULL);
  GDate on;

  *path = ht_rule_get (ctx, dob) ? g_strdup (dob) : g_strconcat (party, ".birth_year", NULL);
  return reference_date (ctx, &on) ? ht_kind_age_on (ctx, party, &on) : -1;
}

static void
rule_husband_age (HtRuleCtx *ctx)
{
  g_autofree char *path = NULL;
  int age = party_age (ctx, "husband", &path);

  if (age >= 0 && age < 20)
    ht_rule_report (ctx, path, _("the husband must be at least 20 full years old; he is %d"), age);
}

static void
rule_wife_age (HtRuleCtx *ctx)
{
  g_autofree char *path = NULL;
  int age = party_age (ctx, "wife", &path);

  if (age >= 0 && age < 18)
    ht_rule_report (ctx, path, _("the wife must be at least 18 full years old; she is %d"), age);
}

/* Rule 1 (HNGĐ 8.2): a man and a woman. */
static void
rule_sex (HtRuleCtx *ctx)
{
  const char *h = ht_rule_string (ctx, "husband.sex");
  const char *w = ht_rule_string (ctx, "wife.sex");

  if (h != NULL && !g_str_equal (h, "male"))
    ht_rule_report (ctx, "husband.sex", _("the husband must be a man"));
  if (w != NULL && !g_str_equal (w, "female"))
    ht_rule_report (ctx, "wife.sex", _("the wife must be a woman"));
}

/* KINDS.md §1.1: a date of birth or a year of birth, not both. */
static void
rule_date_and_year (HtRuleCtx *ctx)
{
  static const char *const parties[] = { "husband", "wife", NULL };

  for (guint i = 0; parties[i] != NULL; i++)
    {
      g_autofree char *dob = g_strconcat (parties[i], ".date_of_birth", NULL);
      g_autofree char *year = g_strconcat (parties[i], ".birth_year", NULL);

      if (ht_rule_get (ctx, dob) != NULL && ht_rule_get (ctx, year) != NULL)
        ht_rule_report (ctx, year, _("give the date of birth or the year of birth, not both"));
    }
}

/* Rule 2 (HNGĐ 5.2.c, 8.1.d; NĐ87 24.7; NĐ123 3†): neither party is married
 * according to the register, which replaces the marital-status certificate. */
static void
rule_married_in_register (HtRuleCtx *ctx)
{
  static const char *const parties[] = { "husband", "wife", NULL };

  for (guint i = 0; parties[i] != NULL; i++)
    {
      g_autoptr(cJSON) marriages = marriages_of (ctx, parties[i]);
      const cJSON *m;

      cJSON_ArrayForEach (m, marriages)
        {
          const cJSON *r = _ht_json_member (m, "record");

          if (!g_str_equal (cJSON_GetStringValue (_ht_json_member (m, "state")), "in_force"))
            continue;
          ht_rule_report (ctx, parties[i],
                          _("already married according to the register (%s/%" PRId64 "/%" PRId64 ")"),
                          book_of (r), ht_record_book_year (r), ht_record_number (r));
          break;
        }
    }
}

/* Rule 4 ⚠: prior_status agrees with the register.  An annulled marriage
 * does not count: the statuses revert (HNGĐ 12.1). */
static void
rule_prior_status (HtRuleCtx *ctx)
{
  static const char *const parties[] = { "husband", "wife", NULL };

  for (guint i = 0; parties[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (parties[i], ".prior_status", NULL);
      const char *claimed = ht_rule_string (ctx, path);
      g_autoptr(cJSON) marriages = NULL;
      const char *latest = NULL, *latest_on = NULL;
      const cJSON *m;

      if (claimed == NULL)
        continue;
      marriages = marriages_of (ctx, parties[i]);
      cJSON_ArrayForEach (m, marriages)
        {
          const char *state = cJSON_GetStringValue (_ht_json_member (m, "state"));
          const char *ended = cJSON_GetStringValue (_ht_json_member (m, "ended_on"));

          if (!g_str_equal (state, "divorced") && !g_str_equal (state, "widowed"))
            continue;
          /* ISO dates compare as text; an undated end counts as the oldest. */
          if (latest == NULL || g_strcmp0 (ended, latest_on) > 0)
            {
              latest = state;
              latest_on = ended;
            }
        }
      if (latest != NULL && !g_str_equal (claimed, latest))
        ht_rule_report (ctx, path,
                        g_str_equal (latest, "divorced")
                        ? _("the register shows an earlier marriage ended by divorce")
                        : _("the register shows an earlier marriage ended by the spouse's death"));
    }
}

/* Table, prior_marriage ⚠: a divorced or widowed party shows how the earlier
 * marriage ended when the register does not. */
static void
rule_prior_marriage_unproven (HtRuleCtx *ctx)
{
  static const char *const parties[] = { "husband", "wife", NULL };

  if (ctx->options->lookup == NULL)
    return;
  for (guint i = 0; parties[i] != NULL; i++)
    {
      g_autofree char *status = g_strconcat (parties[i], ".prior_status", NULL);
      g_autofree char *paper = g_strconcat (parties[i], ".prior_marriage", NULL);
      g_autoptr(cJSON) marriages = NULL;
      const cJSON *m;
      gboolean shown = FALSE;

      if (ht_rule_string (ctx, status) == NULL || ht_rule_is (ctx, status, "never_married") ||
          ht_rule_get (ctx, paper) != NULL)
        continue;
      marriages = marriages_of (ctx, parties[i]);
      cJSON_ArrayForEach (m, marriages)
        {
          const char *state = cJSON_GetStringValue (_ht_json_member (m, "state"));
          shown |= g_str_equal (state, "divorced") || g_str_equal (state, "widowed");
        }
      if (!shown)
        ht_rule_report (ctx, paper,
                        _("the register does not show how the earlier marriage ended: give the divorce or death paper"));
    }
}

/* Rule 3 (DESIGN): the two parties are different people. */
static void
rule_same_person (HtRuleCtx *ctx)
{
  if (ht_kind_same_person (ht_rule_get (ctx, "husband"), ht_rule_get (ctx, "wife")) ||
      ht_kind_same_person (ht_rule_get (ctx, "wife"), ht_rule_get (ctx, "husband")))
    ht_rule_report (ctx, "wife", _("husband and wife are the same person"));
}

/* A birth's parent ({full_name, birth_year, id_document, pin}) is the party:
 * by number, else by folded name and year of birth. */
static gboolean
is_birth_parent (const cJSON *parent,
                 const cJSON *party)
{
  const char *name = cJSON_GetStringValue (_ht_json_member (parent, "full_name"));
  const char *pname = cJSON_GetStringValue (_ht_json_member (party, "full_name"));
  const cJSON *year = _ht_json_member (parent, "birth_year");
  const char *dob = cJSON_GetStringValue (_ht_json_member (party, "date_of_birth"));
  const cJSON *pyear = _ht_json_member (party, "birth_year");
  gint64 party_year = 0;
  GDate d;

  if (!cJSON_IsObject (parent))
    return FALSE;
  if (ht_kind_same_person (parent, party) || ht_kind_same_person (party, parent))
    return TRUE;
  if (dob != NULL && ht_date_parse (dob, &d))
    party_year = g_date_get_year (&d);
  else if (cJSON_IsNumber (pyear))
    party_year = (gint64) pyear->valuedouble;
  return cJSON_IsNumber (year) && party_year == (gint64) year->valuedouble && ht_kind_same_text (name, pname);
}

/* Whether "a" and "b" appear in two different principal roles of a record
 * (parent and child, adopter and adoptee). */
static gboolean
in_roles (const cJSON       *record,
          const char *const *roles,
          const cJSON       *a,
          const cJSON       *b)
{
  for (guint i = 0; roles[i] != NULL; i++)
    for (guint j = 0; roles[j] != NULL; j++)
      if (i != j && ht_kind_same_person (a, ht_record_get_path (record, roles[i])) &&
          ht_kind_same_person (b, ht_record_get_path (record, roles[j])))
        return TRUE;
  return FALSE;
}

/* Rule 3 (HNGĐ 5.2.d): no marriage between a parent and a child (birth,
 * recognition, adoption) or between children of a same registered parent. */
static void
rule_prohibited_relation (HtRuleCtx *ctx)
{
  static const char *const parentage_roles[] = { "data.parent", "data.child", NULL };
  static const char *const adoption_roles[] = { "data.child", "data.adoptive_father", "data.adoptive_mother", NULL };
  static const char *const parents[] = { "data.mother", "data.father", NULL };
  const cJSON *husband = ht_rule_get (ctx, "husband");
  const cJSON *wife = ht_rule_get (ctx, "wife");
  g_autoptr(cJSON) births_h = NULL;
  g_autoptr(cJSON) births_w = NULL;
  g_autoptr(cJSON) recognitions = NULL;
  g_autoptr(cJSON) adoptions = NULL;
  const cJSON *b, *c;

  if (ctx->options->lookup == NULL || !cJSON_IsObject (husband) || !cJSON_IsObject (wife))
    return;
  births_h = ht_kind_find_person (ctx, "birth", "husband");
  births_w = ht_kind_find_person (ctx, "birth", "wife");
  cJSON_ArrayForEach (b, births_h)
    for (guint i = 0; parents[i] != NULL; i++)
      if (is_birth_parent (ht_record_get_path (b, parents[i]), wife))
        goto related;
  cJSON_ArrayForEach (b, births_w)
    for (guint i = 0; parents[i] != NULL; i++)
      if (is_birth_parent (ht_record_get_path (b, parents[i]), husband))
        goto related;
  /* Siblings: both births name the same parent, identified by number. */
  cJSON_ArrayForEach (b, births_h)
    cJSON_ArrayForEach (c, births_w)
      for (guint i = 0; parents[i] != NULL; i++)
        {
          const cJSON *p = ht_record_get_path (b, parents[i]);
          const cJSON *q = ht_record_get_path (c, parents[i]);
          if (cJSON_IsObject (p) && cJSON_IsObject (q) && ht_kind_same_person (p, q))
            goto related;
        }
  recognitions = ht_kind_find_person (ctx, "parentage", "husband");
  cJSON_ArrayForEach (b, recognitions)
    if (in_roles (b, parentage_roles, husband, wife))
      goto related;
  adoptions = ht_kind_find_person (ctx, "adoption", "husband");
  cJSON_ArrayForEach (b, adoptions)
    if (in_roles (b, adoption_roles, husband, wife))
      goto related;
  return;

related:
  ht_rule_report (ctx, "wife",
                  _("the register links husband and wife as parent and child or as siblings: marriage is prohibited"));
}

/* Table, foreign_papers (LHT 38.1): a foreign party adds papers. */
static void
rule_foreign_papers (HtRuleCtx *ctx)
{
  if ((ht_kind_is_foreign (ht_rule_string (ctx, "husband.nationality")) ||
       ht_kind_is_foreign (ht_rule_string (ctx, "wife.nationality"))) &&
      cJSON_GetArraySize (ht_rule_get (ctx, "foreign_papers")) == 0)
    ht_rule_report_severity (ctx, ctx->options->digitised ? HT_SEVERITY_WARNING : HT_SEVERITY_ERROR, NULL,
                             _("a party is foreign: the papers on marital status, mental health and passport are required"));
}

/* Rule 5 (NĐ123 44.2): recognition only of a couple living together before 3 January 1987. */
static void
rule_recognition_date (HtRuleCtx *ctx)
{
  GDate established, limit;

  g_date_set_dmy (&limit, 3, G_DATE_JANUARY, 1987);
  if (g_strcmp0 (ht_rule_registration_type (ctx), "recognition") == 0 &&
      ht_rule_date (ctx, "marriage_established_on", &established) &&
      g_date_compare (&established, &limit) >= 0)
    ht_rule_report (ctx, NULL, _("recognition is only for couples living together as husband and wife before 3 January 1987"));
}

/* Rule 5: a redo or a re-registration keeps the date of the earlier registration. */
static void
check_kept_date (HtRuleCtx  *ctx,
                 const char *type,
                 const char *ref)
{
  GDate established, earlier;

  if (g_strcmp0 (ht_rule_registration_type (ctx), type) != 0 ||
      !ht_rule_date (ctx, "marriage_established_on", &established) ||
      !ht_kind_ref_registered_on (ctx, ref, &earlier))
    return;
  if (g_date_compare (&established, &earlier) != 0)
    {
      g_autofree char *s = ht_date_format (&earlier);
      ht_rule_report (ctx, NULL, _("must be the date of the earlier registration, %s"), s);
    }
}

static void
rule_redo_date (HtRuleCtx *ctx)
{
  check_kept_date (ctx, "redo", "previous_registration");
}

static void
rule_re_registration_date (HtRuleCtx *ctx)
{
  check_kept_date (ctx, "re-registration", "original");
}

/* Rule 6 (TT04 32†): an unknown day is written as the 1st, an unknown day
 * and month as 1 January. */
static void
rule_precision (HtRuleCtx *ctx)
{
  GDate d;
  const char *precision = ht_rule_string (ctx, "established_precision");

  if (precision == NULL || !ht_rule_date (ctx, "marriage_established_on", &d))
    return;
  if (g_str_equal (precision, "month") && g_date_get_day (&d) != 1)
    ht_rule_report (ctx, "marriage_established_on", _("with the day unknown, the date is the 1st of the month"));
  else if (g_str_equal (precision, "year") && (g_date_get_day (&d) != 1 || g_date_get_month (&d) != G_DATE_JANUARY))
    ht_rule_report (ctx, "marriage_established_on", _("with day and month unknown, the date is 1 January"));
}

static cJSON *
derive (const cJSON *record)
{
  cJSON *out = cJSON_CreateObject ();
  const char *h = cJSON_GetStringValue (ht_record_get_path (record, "data.husband.prior_status"));
  const char *w = cJSON_GetStringValue (ht_record_get_path (record, "data.wife.prior_status"));

  /* Form, 13a: "Kết hôn lần đầu" when neither was married before. */
  if (h != NULL && w != NULL)
    cJSON_AddBoolToObject (out, "first_marriage", g_str_equal (h, "never_married") && g_str_equal (w, "never_married"));
  return out;
}

static const HtRule rules[] = {
  { "husband_too_young", HT_SEVERITY_ERROR, "husband.date_of_birth", "HNGĐ 8.1.a",
    N_("The husband is at least 20 full years old on the registration date (on the established date for the other types ⚠)."),
    rule_husband_age },
  { "wife_too_young", HT_SEVERITY_ERROR, "wife.date_of_birth", "HNGĐ 8.1.a",
    N_("The wife is at least 18 full years old on the registration date (on the established date for the other types ⚠)."),
    rule_wife_age },
  { "sex_mismatch", HT_SEVERITY_ERROR, "husband.sex", "HNGĐ 8.2",
    N_("A man and a woman: a recorded sex agrees with husband and wife."), rule_sex },
  { "date_and_year", HT_SEVERITY_ERROR, "husband.birth_year", "KINDS §1.1",
    N_("A party has a date of birth or a year of birth, not both."), rule_date_and_year },
  { "married_in_register", HT_SEVERITY_ERROR, "husband", "HNGĐ 5.2.c, 8.1.d; NĐ87 24.7; NĐ123 3†",
    N_("Neither party is married according to the register (not ended by divorce, annulment or the spouse's death)."),
    rule_married_in_register },
  { "same_person", HT_SEVERITY_ERROR, "wife", "DESIGN",
    N_("Husband and wife are different people (personal ID, document number, or name and date of birth)."),
    rule_same_person },
  { "prohibited_relation", HT_SEVERITY_ERROR, "wife", "HNGĐ 5.2.d",
    N_("The register does not link the parties as parent and child (birth, recognition, adoption) or as siblings."),
    rule_prohibited_relation },
  { "prior_status_mismatch", HT_SEVERITY_ERROR, "husband.prior_status", "KINDS §2.2 rule 4 ⚠",
    N_("The prior status agrees with how the party's last marriage in the register ended."), rule_prior_status },
  { "prior_marriage_unproven", HT_SEVERITY_WARNING, "husband.prior_marriage", "HNGĐ 5.2.c ⚠",
    N_("A divorced or widowed party shows how the earlier marriage ended when the register does not."),
    rule_prior_marriage_unproven },
  { "foreign_papers_required", HT_SEVERITY_ERROR, "foreign_papers", "LHT 38.1",
    N_("A foreign party adds the papers on marital status, mental health and passport (a warning for digitised entries)."),
    rule_foreign_papers },
  { "recognition_after_1987", HT_SEVERITY_ERROR, "marriage_established_on", "NĐ123 44.2",
    N_("A recognised marriage was established before 3 January 1987."), rule_recognition_date },
  { "redo_date_mismatch", HT_SEVERITY_ERROR, "marriage_established_on", "HNGĐ 13",
    N_("A redone registration keeps the date of the registration at the wrong office."), rule_redo_date },
  { "re_registration_date_mismatch", HT_SEVERITY_ERROR, "marriage_established_on", "NĐ123 24†; TT04 32†",
    N_("A re-registration keeps the date of the original registration."), rule_re_registration_date },
  { "re_registration_too_recent", HT_SEVERITY_ERROR, "original.registered_on", "NĐ123 24.1†",
    N_("Re-registration only for marriages registered before 2016-01-01."), ht_kind_rule_re_registration_date },
  { "person_deceased", HT_SEVERITY_ERROR, "husband", "LHT 34.2; NĐ123 24† ⚠",
    N_("The husband has no death record."), ht_kind_rule_subject_alive },
  { "person_deceased", HT_SEVERITY_ERROR, "wife", "LHT 34.2; NĐ123 24† ⚠",
    N_("The wife has no death record."), ht_kind_rule_subject_alive },
  { "precision_date", HT_SEVERITY_ERROR, "marriage_established_on", "TT04 32†",
    N_("An unknown day is the 1st of the month; an unknown day and month is 1 January."), rule_precision },
  { "after_registration", HT_SEVERITY_ERROR, "marriage_established_on", "TT04 32†",
    N_("The established date is not after the registration date (generic date check, HT_F_NOT_FUTURE)."), NULL },
  { NULL }
};

static const HtPaper papers[] = {
  /* ⚠ One original per spouse. */
  { "GCNKH", "Giấy chứng nhận kết hôn", "%u", "LHT 17.2.c, 18.2" },
  { "TLKH-BS", "Trích lục kết hôn (bản sao)", "%u/TLKH-BS", "Form ⚠" },
  { NULL }
};

const HtKind ht_kind_marriage = {
  .code = "marriage",
  .book = "KH",
  .title_vi = "Đăng ký kết hôn",
  .label = N_("Marriage"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "husband", "wife", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of either party's residence (LHT 17.1, 37)",
  .late_after_days = 0,
  .derive = derive,
};
