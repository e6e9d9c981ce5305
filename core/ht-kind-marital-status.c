/* ht-kind-marital-status.c — xác nhận tình trạng hôn nhân (KINDS.md §2.8).
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
static const char *const registration_types[] = { "new", "reissue", NULL };
static const char *const values_status[] = { "never_married", "married", "divorced", "widowed", NULL };
static const char *const values_purpose[] = { "marriage_domestic", "marriage_abroad", "other", NULL };

/* Months a certificate stays valid (NĐ123 23.1†). */
#define VALID_MONTHS 6

static const HtField subject_fields[] = {
  HT_PERSON_OF_FORM ("Họ, chữ đệm, tên", "Form", HT_REQ_YES),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

/* ⚠ The intended spouse's members are our choice: name, year of birth and
 * nationality as the certificate prints them, the document when known. */
static const HtField intended_spouse_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "NĐ123 23.2† ⚠"),
  HT_P_BIRTH_YEAR (HT_REQ_YES, "NĐ123 23.2† ⚠"),
  HT_P_NATIONALITY (HT_REQ_YES, "NĐ123 23.2† ⚠"),
  HT_P_ID_DOCUMENT (HT_REQ_NO, "NĐ123 23.2† ⚠"),
  HT_END
};

static const HtField fields[] = {
  HT_OBJECT ("subject", HT_REQ_YES, subject_fields, "XÁC NHẬN", N_("Subject"), "Form"),
  /* Certifying a past period: the place and both dates go together. */
  HT_TEXT_IF ("period_place", "period_from? || period_to?", "Trong thời gian cư trú tại",
              N_("Residence during the period"), "Form; NĐ123 22.4†"),
  HT_DATE_IF ("period_from", "period_place?", "Từ ngày", N_("Period from"), "Form"),
  HT_DATE_IF ("period_to", "period_place?", "Đến ngày", N_("Period to"), "Form"),
  HT_ENUM ("status", HT_REQ_YES, values_status, "Tình trạng hôn nhân", N_("Marital status"), "TT04 33.1†"),
  /* Generated from the status (see derive) and editable: the given wording is kept. */
  HT_TEXT ("status_text", HT_REQ_YES, "Tình trạng hôn nhân (nội dung ghi)", N_("Marital status wording"),
           "TT04 33.1†"),
  HT_TEXT_IF ("spouse_name", "status=married", "Đang có vợ/chồng là bà/ông", N_("Spouse's name"), "TT04 33.1†"),
  { .name = "marriage_paper", .type = HT_T_REF_OR_PAPER, .req = HT_REQ_COND, .when = "status=married",
    .flags = HT_F_EVIDENCE, .label_vi = "Giấy chứng nhận kết hôn số …, do … cấp ngày …",
    .label = N_("Marriage certificate"), .source = "TT04 33.1†" },
  HT_PAPER_IF ("divorce_paper", "status=divorced", "Bản án/Quyết định ly hôn số …", N_("Divorce judgment"),
               "TT04 33.1†; NĐ123 22.2†"),
  HT_PAPER_IF ("spouse_death_paper", "status=widowed", "Giấy chứng tử/Trích lục khai tử/Bản án số …",
               N_("Spouse's death paper"), "TT04 33.1†; NĐ123 22.2†"),
  HT_ENUM ("purpose", HT_REQ_YES, values_purpose, "Để ĐKKH trong nước / ở nước ngoài / Mục đích khác",
           N_("Purpose"), "NĐ123 23.2†; Form"),
  /* ⚠ The wording of an "other" purpose. */
  HT_TEXT_IF ("purpose_text", "purpose=other", "Mục đích khác", N_("Other purpose"), "⚠"),
  HT_OBJECT_IF ("intended_spouse", "purpose=marriage_domestic|marriage_abroad", intended_spouse_fields,
                "Người dự định kết hôn", N_("Intended spouse"), "⚠"),
  /* Only when someone other than the subject asks; the register cannot
   * tell, so it is optional. */
  HT_AGENT ("requester", HT_REQ_NO, "Người đề nghị; quan hệ", N_("Requester"), "Form"),
  HT_REF_IF ("previous_certificate", "$registration_type=reissue", "Giấy xác nhận đã cấp trước đây",
             N_("Previous certificate"), "NĐ123 22.6†"),
  { .name = "valid_until", .type = HT_T_DATE, .req = HT_REQ_NO, .flags = HT_F_DERIVED,
    .label_vi = "Giá trị sử dụng đến ngày", .label = N_("Valid until"), .source = "NĐ123 23.1†" },
  HT_END
};

/* ---- Rules ---- */

static gboolean
for_marriage (HtRuleCtx *ctx)
{
  return ht_rule_is (ctx, "purpose", "marriage_domestic") || ht_rule_is (ctx, "purpose", "marriage_abroad");
}

/* Rule 2 (NĐ123 22.1†; HNGĐ 8.1.a): for a marriage, the subject is of
 * marriageable age on the issue date ⚠. */
static void
rule_too_young (HtRuleCtx *ctx)
{
  gboolean male = ht_rule_is (ctx, "subject.sex", "male");
  int age;

  if (!for_marriage (ctx) || ht_rule_string (ctx, "subject.sex") == NULL)
    return;
  age = ht_kind_age_on (ctx, "subject", &ctx->registered_on);
  if (age >= 0 && age < (male ? 20 : 18))
    {
      if (male)
        ht_rule_report (ctx, NULL, _("to marry, a man must be at least 20 full years old; he is %d"), age);
      else
        ht_rule_report (ctx, NULL, _("to marry, a woman must be at least 18 full years old; she is %d"), age);
    }
}

/* Rule 2 (HNGĐ 5.2.c): a married person gets no certificate to marry. */
static void
rule_married_for_marriage (HtRuleCtx *ctx)
{
  if (for_marriage (ctx) && ht_rule_is (ctx, "status", "married"))
    ht_rule_report (ctx, NULL, _("a married person cannot be certified for a new marriage"));
}

/* Rule 3 (NĐ123 22.2†): a marriage in force in the register means "married". */
static void
rule_married_in_register (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) marriages = NULL;
  const cJSON *m;

  if (ctx->options->lookup == NULL || ht_rule_string (ctx, "status") == NULL || ht_rule_is (ctx, "status", "married"))
    return;
  marriages = ht_kind_marriages_of (ctx, "subject", &ctx->registered_on);
  cJSON_ArrayForEach (m, marriages)
    {
      const cJSON *r = _ht_json_member (m, "record");
      const HtKind *kind = ht_kinds_lookup (ht_record_kind_code (r));

      if (!g_str_equal (cJSON_GetStringValue (_ht_json_member (m, "state")), "in_force"))
        continue;
      ht_rule_report (ctx, NULL,
                      _("the register shows a marriage in force (%s/%" PRId64 "/%" PRId64 "): the status is \"married\""),
                      kind ? kind->book : "?", ht_record_book_year (r), ht_record_number (r));
      return;
    }
}

/* Table, period_from/period_to: the period runs forwards. */
static void
rule_period_order (HtRuleCtx *ctx)
{
  if (ht_kind_dates_out_of_order (ctx, "period_from", "period_to", FALSE))
    ht_rule_report (ctx, NULL, _("the period ends before it begins"));
}

/* Rule 5 (NĐ123 22.6†): a reissue replaces an earlier certificate of the
 * same person. */
static void
rule_previous_certificate (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) previous = NULL;

  if (g_strcmp0 (ht_rule_registration_type (ctx), "reissue") != 0 ||
      (previous = ht_kind_resolve (ctx, "previous_certificate")) == NULL)
    return;
  if (g_strcmp0 (ht_record_kind_code (previous), "marital_status") != 0)
    ht_rule_report (ctx, NULL, _("the previous certificate must be a marital-status certificate"));
  else if (!ht_kind_same_person (ht_rule_get (ctx, "subject"), ht_record_get_path (previous, "data.subject")) &&
           !ht_kind_same_person (ht_record_get_path (previous, "data.subject"), ht_rule_get (ctx, "subject")))
    ht_rule_report (ctx, NULL, _("the previous certificate was issued to another person"));
}

/* The wording of the status (TT04 33.1†), as the certificate prints it. */
static char *
status_wording (const cJSON *record)
{
  const char *status = cJSON_GetStringValue (ht_record_get_path (record, "data.status"));
  const char *sex = cJSON_GetStringValue (ht_record_get_path (record, "data.subject.sex"));
  const char *spouse = cJSON_GetStringValue (ht_record_get_path (record, "data.spouse_name"));
  gboolean male = g_strcmp0 (sex, "male") == 0;

  if (g_strcmp0 (status, "never_married") == 0)
    return g_strdup ("Chưa đăng ký kết hôn với ai.");
  if (g_strcmp0 (status, "married") == 0)
    return spouse ? g_strdup_printf (male ? "Đang có vợ là bà %s." : "Đang có chồng là ông %s.", spouse) : NULL;
  if (g_strcmp0 (status, "divorced") == 0)
    return g_strdup ("Đã đăng ký kết hôn, nhưng đã ly hôn; hiện tại chưa đăng ký kết hôn với ai.");
  if (g_strcmp0 (status, "widowed") == 0)
    return g_strdup (male ? "Đã đăng ký kết hôn, nhưng vợ đã chết; hiện tại chưa đăng ký kết hôn với ai."
                          : "Đã đăng ký kết hôn, nhưng chồng đã chết; hiện tại chưa đăng ký kết hôn với ai.");
  return NULL;
}

static cJSON *
derive (const cJSON *record)
{
  cJSON *out = cJSON_CreateObject ();
  const char *given = cJSON_GetStringValue (ht_record_get_path (record, "data.status_text"));
  GDate until;

  /* Rule 1 (NĐ123 23.1†): valid 6 months from the issue date; a day past
   * the end of a shorter month falls on its last day (GDate clamps). */
  if (ht_record_registered_on (record, &until))
    {
      g_autofree char *s = NULL;
      g_date_add_months (&until, VALID_MONTHS);
      s = ht_date_format (&until);
      cJSON_AddStringToObject (out, "valid_until", s);
    }
  /* The wording is generated only when the clerk left it empty: the clerk's
   * own wording stands (TT04 33.1† lets the office phrase it). */
  if (given == NULL || *given == '\0')
    {
      g_autofree char *text = status_wording (record);
      if (text != NULL)
        cJSON_AddStringToObject (out, "status_text", text);
    }
  return out;
}

static const HtRule rules[] = {
  { "valid_until", HT_SEVERITY_WARNING, "valid_until", "NĐ123 23.1, 23.3†; DESIGN",
    N_("Valid 6 months from the issue date, for the stated purpose only: derived \"valid_until\"."), NULL },
  { "subject_too_young", HT_SEVERITY_ERROR, "subject.date_of_birth", "NĐ123 22.1†; HNGĐ 8.1.a ⚠",
    N_("For a marriage, a man is at least 20 and a woman at least 18 full years old on the issue date."),
    rule_too_young },
  { "status_married", HT_SEVERITY_ERROR, "status", "NĐ123 22.1†; HNGĐ 5.2.c, 8",
    N_("A certificate to marry is not issued to a married person."), rule_married_for_marriage },
  { "married_in_register", HT_SEVERITY_ERROR, "status", "NĐ123 22.2†; HNGĐ 57.1, 65",
    N_("A marriage in force in the register means the status is \"married\"."), rule_married_in_register },
  { "required", HT_SEVERITY_ERROR, "divorce_paper", "NĐ123 22.2†",
    N_("Divorced and widowed need their paper, married the marriage certificate and the spouse's name "
       "(generic \"when\" conditions; warnings for digitised entries)."), NULL },
  { "period_order", HT_SEVERITY_ERROR, "period_to", "Form; NĐ123 22.4†",
    N_("A certified period ends after it begins."), rule_period_order },
  { "previous_certificate_mismatch", HT_SEVERITY_ERROR, "previous_certificate", "NĐ123 22.6†",
    N_("A reissue replaces a marital-status certificate of the same person."), rule_previous_certificate },
  { "person_deceased", HT_SEVERITY_ERROR, "subject", "LHT 34.2",
    N_("The subject has no death record."), ht_kind_rule_subject_alive },
  { NULL }
};

static const HtPaper papers[] = {
  /* ⚠ Local practice numbers it as in the Form. */
  { "XNTTHN", "Giấy xác nhận tình trạng hôn nhân", "%u/UBND-XNTTHN", "NĐ123 22.3†; Form ⚠" },
  { NULL }
};

const HtKind ht_kind_marital_status = {
  .code = "marital_status",
  .book = "XNTTHN",
  .title_vi = "Cấp Giấy xác nhận tình trạng hôn nhân",
  .label = N_("Marital status certificate"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "subject", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of permanent, else temporary residence, also for foreign residents (NĐ123 21†)",
  .late_after_days = 0,
  .derive = derive,
};
