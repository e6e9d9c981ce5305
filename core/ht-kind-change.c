/* ht-kind-change.c — thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân
 * tộc (KINDS.md §2.7): fields, rules, papers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A change entry amends an earlier registration ("original"), which is never
 * rewritten once approved: its effective data is the original with the
 * items of later approved entries applied in order (KINDS.md §1.6), and the
 * marginal note and the reprinted GKS/GCNKH are made from them (rule 7, LHT
 * 28.2, 29.2).  ⚠ A changed sex, birth year or birthplace makes the server
 * request a new personal ID number (DOMAIN §3); that is the server's work.
 * The deadlines of rule 8 (3 working days, +3 with verification; a
 * supplement the same day) are working-day targets, not checks on a record.
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <string.h>

#include "ht-date.h"
#include "ht-kind-util.h"

/* One record, one type: a request mixing a change and a correction makes
 * two records ⚠ (the book has one tick per entry, Form). */
static const char *const registration_types[] = {
  "change", "correction", "supplement", "ethnicity", NULL
};

static const HtField subject_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "Form"),
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, "Form"),
  HT_P_SEX (HT_REQ_YES, "Form"),
  HT_P_ETHNICITY (HT_REQ_YES, "Form"),
  HT_P_NATIONALITY (HT_REQ_YES, "Form"),
  HT_P_RESIDENCE (HT_REQ_YES, "Form"),
  HT_P_ID_DOCUMENT (HT_REQ_NO, "LHT 9.2"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

/* The table has no printed label for items[].field (the book writes the
 * field's own name in the sentence); "Thông tin thay đổi" names it on forms. */
static const HtField item_fields[] = {
  HT_TEXT ("field", HT_REQ_YES, "Thông tin thay đổi", N_("Field"), ""),
  HT_TEXT_IF ("from", "$registration_type!=supplement", "từ", N_("From"), ""),
  HT_TEXT ("to", HT_REQ_YES, "thành", N_("To"), ""),
  HT_END
};

static const HtField fields[] = {
  HT_REF ("original", HT_REQ_YES, "Tên giấy tờ hộ tịch, Số, Ngày cấp, Nơi cấp",
          N_("Original registration"), "DESIGN; Form"),
  HT_OBJECT ("subject", HT_REQ_YES, subject_fields,
             "Người được thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc",
             N_("Person concerned"), "Form"),
  HT_LIST ("items", HT_REQ_YES, 1, item_fields, "Được thay đổi từ … thành …", N_("Changes"), "Form; NĐ123 13"),
  HT_TEXT ("reason", HT_REQ_YES, "Lý do", N_("Reason"), "Form"),
  HT_PAPERS_IF ("basis_papers", "$registration_type=correction|ethnicity", 1,
                "Giấy tờ liên quan", N_("Supporting papers"), "LHT 28.1, 47.1"),
  HT_AGENT ("requester", HT_REQ_YES, "Người yêu cầu", N_("Requester"), "LHT 28.1; Form"),
  /* Conditional on the subject's age and on what is changed, which the
   * "when" language cannot say: rules consent_parents_required and
   * consent_subject_required ask for them. */
  HT_BOOL ("consent_parents", HT_REQ_NO, "Ý kiến của cha và mẹ", N_("Parents' consent"), "NĐ123 7.1†"),
  HT_BOOL ("consent_subject", HT_REQ_NO, "Ý kiến người được thay đổi", N_("Consent of the person concerned"),
           "NĐ123 7.1†; Form; BLDS 29†"),
  /* Required when the parents are changed after an adoption (rule adoption_required). */
  HT_REF ("adoption", HT_REQ_NO, "Việc nuôi con nuôi", N_("Adoption"), "LHT 26.2; TT04 19"),
  /* Sent on or after the registration, so not bounded by it; required when
   * the original was registered by another office (rule notice_required). */
  { .name = "notice_sent_on", .type = HT_T_DATE, .req = HT_REQ_NO,
    .label_vi = "Thông báo kèm bản sao trích lục", .label = N_("Notice sent on"), .source = "LHT 28.3" },
  HT_END
};

/* ---- Helpers ---- */

static gboolean
is_type (HtRuleCtx  *ctx,
         const char *type)
{
  return g_strcmp0 (ht_rule_registration_type (ctx), type) == 0;
}

/* The path of an item relative to the birth: a birth noted from abroad
 * (foreign_note) holds it under "event_data.". */
static const char *
birth_path (const char *field)
{
  if (field != NULL && g_str_has_prefix (field, "event_data."))
    return field + strlen ("event_data.");
  return field;
}

static gboolean
is_parent_path (const char *path)
{
  return g_str_has_prefix (path, "father.") || g_str_has_prefix (path, "mother.");
}

/* The day ages are counted on: the registration, else (a draft) today. */
static const GDate *
age_day (HtRuleCtx *ctx)
{
  return g_date_valid (&ctx->registered_on) ? &ctx->registered_on : &ctx->options->today;
}

static gboolean
is_name_change (HtRuleCtx *ctx)
{
  const cJSON *item;

  if (!is_type (ctx, "change"))
    return FALSE;
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    if (g_strcmp0 (birth_path (cJSON_GetStringValue (_ht_json_member (item, "field"))),
                   "child.full_name") == 0)
      return TRUE;
  return FALSE;
}

static const char *
item_string (const cJSON *item,
             const char  *name)
{
  return cJSON_GetStringValue (_ht_json_member (item, name));
}

/* ---- Rules ---- */

/* Rule 1: a change amends a registration, not another change or a
 * marital-status certificate (which is reissued, KINDS.md §2.8). */
static void
rule_original_kind (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = ht_kind_resolve (ctx, "original");
  const char *kind = original ? ht_record_kind_code (original) : NULL;

  if (g_strcmp0 (kind, "change") == 0 || g_strcmp0 (kind, "marital_status") == 0)
    ht_rule_report (ctx, "original", _("a change amends a registration, not a %s entry"), kind);
}

/* Rules 2, 4, 5 and 6 read the original's data: an entry outside the system
 * cannot be read, so the clerk checks the items against the book. */
static void
rule_original_outside (HtRuleCtx *ctx)
{
  if (cJSON_HasObjectItem (ht_rule_get (ctx, "original"), "office_name"))
    ht_rule_report (ctx, "original",
                    _("the original is not in this register: check every \"from\" against the book"));
}

/* Rule 2 (LHT 26): a change proper is only of the birth name, or of the
 * parents after an adoption. */
static void
rule_change_field (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;
  gboolean birth;
  const cJSON *item;
  int i = 0;

  if (!is_type (ctx, "change"))
    return;
  original = ht_kind_resolve (ctx, "original");
  birth = original == NULL || g_strcmp0 (ht_kind_entry_event (original), "birth") == 0;
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      const char *path = birth_path (item_string (item, "field"));
      g_autofree char *at = g_strdup_printf ("items[%d].field", i++);

      if (path == NULL)
        continue;
      if (!birth)
        ht_rule_report (ctx, at, _("a change (thay đổi) is made only to a birth registration"));
      else if (!g_str_equal (path, "child.full_name") && !is_parent_path (path))
        ht_rule_report (ctx, at, _("only the name, or the parents after an adoption, can be changed: "
                                   "use a correction or a supplement"));
    }
}

/* Rule 2 (LHT 26.2; TT04 19): the parents change only after an adoption. */
static void
rule_adoption_required (HtRuleCtx *ctx)
{
  const cJSON *item;

  if (!is_type (ctx, "change") || ht_rule_get (ctx, "adoption") != NULL)
    return;
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      const char *path = birth_path (item_string (item, "field"));
      if (path != NULL && is_parent_path (path))
        {
          ht_rule_report (ctx, "adoption", _("the parents are changed only after an adoption: name the adoption"));
          return;
        }
    }
}

/* An adoption is registered here, noted from a decision (a foreign-element
 * adoption, KINDS.md §2.11), or noted from abroad. */
static void
rule_adoption_kind (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) adoption = ht_kind_resolve (ctx, "adoption");

  if (adoption != NULL && g_strcmp0 (ht_kind_entry_event (adoption), "adoption") != 0)
    ht_rule_report (ctx, "adoption", _("this reference is not an adoption"));
}

/* Rule 4 (LHT 4.13): a supplement adds what is missing; it has no "from". */
static void
rule_supplement_from (HtRuleCtx *ctx)
{
  const cJSON *item;
  int i = 0;

  if (!is_type (ctx, "supplement"))
    return;
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      g_autofree char *at = g_strdup_printf ("items[%d].from", i++);
      g_autofree char *from = ht_kind_value_text (_ht_json_member (item, "from"));

      if (from != NULL)
        ht_rule_report (ctx, at, _("a supplement adds missing information: it has no \"from\""));
    }
}

static void
rule_supplement_blank (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;
  const cJSON *item;
  int i = 0;

  if (!is_type (ctx, "supplement") || (original = ht_kind_resolve (ctx, "original")) == NULL)
    return;
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      const char *path = item_string (item, "field");
      g_autofree char *at = g_strdup_printf ("items[%d].field", i++);
      g_autofree char *value = path ? ht_kind_effective_value (ctx, original, path) : NULL;

      if (value != NULL)
        ht_rule_report (ctx, at, _("the register already says \"%s\" here: this is a correction, not a supplement"),
                        value);
    }
}

/* Rule 5 (LHT 3.1.đ, 47): re-determining ethnicity amends an ethnicity. */
static void
rule_ethnicity_field (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;
  const cJSON *item;
  int i = 0;

  if (!is_type (ctx, "ethnicity"))
    return;
  original = ht_kind_resolve (ctx, "original");
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      const char *path = item_string (item, "field");
      const HtField *f = (original && path) ? ht_kind_record_field (original, path) : NULL;
      const char *last = path ? strrchr (path, '.') : NULL;
      g_autofree char *at = g_strdup_printf ("items[%d].field", i++);
      gboolean ethnicity;

      if (path == NULL)
        continue;
      /* Without the original's kind, the path's last member says it; an
       * unknown field of a known kind is item_field_unknown's to report. */
      if (f != NULL)
        ethnicity = (f->flags & HT_F_ETHNICITY) != 0;
      else
        ethnicity = original != NULL || g_str_equal (last ? last + 1 : path, "ethnicity");
      if (!ethnicity)
        ht_rule_report (ctx, at, _("re-determining ethnicity changes an ethnicity, not \"%s\""), path);
    }
}

/* Rule 5 ⚠ (BLDS 29†; LHT 4.11): the new ethnicity is the birth father's
 * or mother's.  Checked for the person of a birth entry, whose parents the
 * entry names; for other entries the person's own birth would be needed. */
static void
rule_ethnicity_parent (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;
  const cJSON *item;
  int i = 0;

  if (!is_type (ctx, "ethnicity") || (original = ht_kind_resolve (ctx, "original")) == NULL ||
      g_strcmp0 (ht_kind_entry_event (original), "birth") != 0)
    return;
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      const char *path = item_string (item, "field");
      const char *to = item_string (item, "to");
      gboolean noted = path != NULL && g_str_has_prefix (path, "event_data.");
      g_autofree char *at = g_strdup_printf ("items[%d].to", i++);
      g_autofree char *father = NULL;
      g_autofree char *mother = NULL;

      if (to == NULL || g_strcmp0 (birth_path (path), "child.ethnicity") != 0)
        continue;
      father = ht_kind_effective_value (ctx, original, noted ? "event_data.father.ethnicity" : "father.ethnicity");
      mother = ht_kind_effective_value (ctx, original, noted ? "event_data.mother.ethnicity" : "mother.ethnicity");
      if ((father != NULL || mother != NULL) && !ht_kind_same_text (to, father) && !ht_kind_same_text (to, mother))
        ht_rule_report (ctx, at, _("the ethnicity can only be re-determined as the father's or the mother's"));
    }
}

/* Rule 6: "from" is the original's effective value; not for a supplement,
 * which has none (rule supplement_has_from). */
static void
rule_from (HtRuleCtx *ctx)
{
  if (!is_type (ctx, "supplement"))
    ht_kind_rule_item_from (ctx);
}

/* An item that changes nothing is a slip.  Exact (NFC) comparison: a
 * correction of a tone mark is a real correction. */
static void
rule_item_unchanged (HtRuleCtx *ctx)
{
  const cJSON *item;
  int i = 0;

  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      const char *from = item_string (item, "from");
      const char *to = item_string (item, "to");
      g_autofree char *at = g_strdup_printf ("items[%d].to", i++);
      g_autofree char *nf = from ? g_utf8_normalize (from, -1, G_NORMALIZE_NFC) : NULL;
      g_autofree char *nt = to ? g_utf8_normalize (to, -1, G_NORMALIZE_NFC) : NULL;

      if (nf != NULL && nt != NULL && g_str_equal (g_strstrip (nf), g_strstrip (nt)))
        ht_rule_report (ctx, at, _("the new value is the same as the old one"));
    }
}

/* NĐ123 7.1†: a name change under 18 needs both parents' consent. */
static void
rule_consent_parents (HtRuleCtx *ctx)
{
  int age = ht_kind_age_on (ctx, "subject", age_day (ctx));

  if (age < 0 || age >= 18 || !is_name_change (ctx) || ht_rule_bool (ctx, "consent_parents"))
    return;
  ht_rule_report (ctx, "consent_parents", _("changing the name of a person under 18 needs the consent of the father and mother"));
}

/* NĐ123 7.1†: from 9, the person consents to a name change too; BLDS 29†:
 * from 15, to a re-determined ethnicity. */
static void
rule_consent_subject (HtRuleCtx *ctx)
{
  int age = ht_kind_age_on (ctx, "subject", age_day (ctx));

  if (age < 0 || age >= 18 || ht_rule_bool (ctx, "consent_subject"))
    return;
  if (age >= 9 && is_name_change (ctx))
    ht_rule_report (ctx, "consent_subject", _("a person aged 9 or more consents to the change of their name"));
  else if (age >= 15 && is_type (ctx, "ethnicity"))
    ht_rule_report (ctx, "consent_subject", _("a person aged 15 or more consents to the re-determination of their ethnicity"));
}

/* LHT 28.3: an original registered by another office is told of the change.
 * A code gone from the units may be our own predecessor: not required. */
static void
rule_notice_required (HtRuleCtx *ctx)
{
  const cJSON *ref = ht_rule_get (ctx, "original");
  const char *office = cJSON_GetStringValue (_ht_json_member (ref, "office"));
  g_autoptr(cJSON) original = NULL;

  if (g_strcmp0 (ht_record_status (ctx->record), "draft") == 0 || ht_rule_get (ctx, "notice_sent_on") != NULL)
    return;
  if (office == NULL && (original = ht_kind_resolve (ctx, "original")) != NULL)
    office = ht_record_office (original);
  if (office != NULL && ht_kind_office_relation (ctx, office) == HT_KIND_OFFICE_OTHER)
    ht_rule_report (ctx, "notice_sent_on",
                    _("the original was registered by office %s: send it the notice with a copy of the extract"),
                    office);
}

static void
rule_notice_date (HtRuleCtx *ctx)
{
  GDate sent;

  if (ht_rule_date (ctx, "notice_sent_on", &sent) && g_date_valid (&ctx->registered_on) &&
      g_date_compare (&sent, &ctx->registered_on) < 0)
    ht_rule_report (ctx, "notice_sent_on", _("the notice is sent after the change is registered, not before"));
}

/* Rule 9 (LHT 7.1, 7.2.b): before 1 July 2025 the district registered
 * changes and corrections for persons aged 14 or more, and every
 * re-determined ethnicity; a commune's book could not hold them. */
static void
rule_district_competence (HtRuleCtx *ctx)
{
  GDate reform;

  g_date_set_dmy (&reform, 1, G_DATE_JULY, 2025);
  if (!g_date_valid (&ctx->registered_on) || g_date_compare (&ctx->registered_on, &reform) >= 0)
    return;
  if (is_type (ctx, "ethnicity"))
    ht_rule_report (ctx, NULL, _("before 1 July 2025 ethnicity was re-determined by the district, not the commune"));
  else if ((is_type (ctx, "change") || is_type (ctx, "correction")) &&
           ht_kind_age_on (ctx, "subject", &ctx->registered_on) >= 14)
    ht_rule_report (ctx, NULL, _("before 1 July 2025 the district changed or corrected the entries of persons aged 14 or more"));
}

static const HtRule rules[] = {
  { "ref_unresolved", HT_SEVERITY_WARNING, "original", "KINDS §1.4",
    N_("Rule 1: the original resolves (generic ref check; ref_revoked is an error)."), NULL },
  { "original_wrong_kind", HT_SEVERITY_ERROR, "original", "LHT 3.1.đ",
    N_("The original is a registration, not a change or a marital-status certificate."), rule_original_kind },
  { "original_outside_register", HT_SEVERITY_WARNING, "original", "KINDS §2.7 rule 6",
    N_("An original outside the system cannot be read: the items are checked against the book by hand."),
    rule_original_outside },
  { "item_field_unknown", HT_SEVERITY_ERROR, "items", "NĐ123 13; Form",
    N_("Every items[].field is a field of the original's kind."), ht_kind_rule_item_field_unknown },
  { "item_field_derived", HT_SEVERITY_ERROR, "items", "KINDS §0",
    N_("A derived field is computed, not amended."), ht_kind_rule_item_field_derived },
  { "item_value_invalid", HT_SEVERITY_ERROR, "items", "KINDS §0",
    N_("Every items[].to is a valid value of its field (dates YYYY-MM-DD, enum values)."),
    ht_kind_rule_item_value_invalid },
  { "item_unchanged", HT_SEVERITY_ERROR, "items", "Form",
    N_("An item changes something: \"to\" differs from \"from\"."), rule_item_unchanged },
  { "change_field_not_allowed", HT_SEVERITY_ERROR, "items", "LHT 26",
    N_("Rule 2: a change is of the birth name, or of the parents after an adoption."), rule_change_field },
  { "adoption_required", HT_SEVERITY_ERROR, "adoption", "LHT 26.2; TT04 19",
    N_("Rule 2: changing the parents names the adoption."), rule_adoption_required },
  { "adoption_wrong_kind", HT_SEVERITY_ERROR, "adoption", "LHT 26.2",
    N_("The adoption reference is an adoption."), rule_adoption_kind },
  { "required", HT_SEVERITY_ERROR, "basis_papers", "NĐ123 7.2†; LHT 28.1, 47.1",
    N_("Rules 3 and 5: a correction or an ethnicity needs papers (generic, when registration_type is correction or ethnicity)."),
    NULL },
  { "supplement_has_from", HT_SEVERITY_ERROR, "items", "LHT 4.13",
    N_("Rule 4: a supplement has no \"from\"."), rule_supplement_from },
  { "supplement_not_blank", HT_SEVERITY_ERROR, "items", "LHT 4.13",
    N_("Rule 4: a supplement fills a field that is blank in the effective data."), rule_supplement_blank },
  { "not_ethnicity_field", HT_SEVERITY_ERROR, "items", "LHT 3.1.đ, 47",
    N_("Rule 5: re-determining ethnicity amends an ethnicity field."), rule_ethnicity_field },
  { "ethnicity_not_parent", HT_SEVERITY_ERROR, "items", "BLDS 29†; LHT 4.11",
    N_("Rule 5 ⚠: the new ethnicity is the father's or the mother's on the birth entry."), rule_ethnicity_parent },
  { "from_mismatch", HT_SEVERITY_ERROR, "items", "Form; KINDS §1.6",
    N_("Rule 6: every \"from\" is the original's effective value (folded)."), rule_from },
  { "consent_parents_required", HT_SEVERITY_ERROR, "consent_parents", "NĐ123 7.1†",
    N_("A name change under 18 has the parents' consent."), rule_consent_parents },
  { "consent_subject_required", HT_SEVERITY_ERROR, "consent_subject", "NĐ123 7.1†; BLDS 29†",
    N_("A name change from 9 to under 18, or an ethnicity from 15 to under 18, has the person's consent."),
    rule_consent_subject },
  { "notice_required", HT_SEVERITY_ERROR, "notice_sent_on", "LHT 28.3",
    N_("An original registered by another office is sent a notice."), rule_notice_required },
  { "notice_before_registration", HT_SEVERITY_ERROR, "notice_sent_on", "LHT 28.3",
    N_("The notice is sent on or after the registration."), rule_notice_date },
  { "district_competence", HT_SEVERITY_ERROR, "$registered_on", "LHT 7.1, 7.2.b",
    N_("Rule 9: before 2025-07-01 a commune did not change or correct for persons of 14 or more, nor re-determine ethnicity."),
    rule_district_competence },
  { NULL }
};

/* ⚠ The extract's number suffix is not in our sources; TT15 24 and the Form
 * name the papers, the suffixes follow the other extracts. */
static const HtPaper papers[] = {
  { "TLTĐ", "Trích lục thay đổi hộ tịch", "%u/TLTĐ", "LHT 28.2; TT15 24" },
  { "TLCC", "Trích lục cải chính hộ tịch", "%u/TLCC", "LHT 28.2; TT15 24" },
  { "TLBS", "Trích lục bổ sung hộ tịch", "%u/TLBS", "LHT 29.2; TT15 24" },
  { "TLXĐLDT", "Trích lục xác định lại dân tộc", "%u/TLXĐLDT", "LHT 47; TT15 24" },
  { "TLTĐ-BS", "Trích lục thay đổi hộ tịch (bản sao)", "%u/TLTĐ-BS", "LHT 63" },
  { "TLCC-BS", "Trích lục cải chính hộ tịch (bản sao)", "%u/TLCC-BS", "LHT 63" },
  { "TLBS-BS", "Trích lục bổ sung hộ tịch (bản sao)", "%u/TLBS-BS", "LHT 63" },
  { "TLXĐLDT-BS", "Trích lục xác định lại dân tộc (bản sao)", "%u/TLXĐLDT-BS", "LHT 63" },
  { NULL }
};

const HtKind ht_kind_change = {
  .code = "change",
  .book = "TĐCC",
  .title_vi = "Đăng ký thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc",
  .label = N_("Change, correction or supplement"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "subject", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of the original registration or of residence (LHT 27, 46)",
  .late_after_days = 0,
  .derive = NULL,
};
