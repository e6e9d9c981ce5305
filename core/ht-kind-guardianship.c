/* ht-kind-guardianship.c — giám hộ and chấm dứt giám hộ (KINDS.md §2.5, §2.6).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both kinds live in book GH and share their people, so they share this
 * file.  A guardianship is "open" until a registered guardianship_end
 * references it; a change of guardian is an end with reason guardian_change
 * followed by a new guardianship naming that end (LHT 23).
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-kind-util.h"

static const char *const registration_types[] = { "appointed", "statutory", NULL };
static const char *const end_registration_types[] = { "new", NULL };
static const char *const values_ward_status[] = { "minor", "lost_capacity", "cognitive_difficulty", NULL };
static const char *const values_end_reason[] = {
  "ward_full_capacity", "ward_died", "parents_able", "ward_adopted", "guardian_change", "other", NULL
};

/* ---- Shapes ---- */

static const HtField guardian_fields[] = {
  HT_PERSON_OF_FORM ("Họ, chữ đệm, tên người giám hộ", "Form", HT_REQ_YES),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField ward_fields[] = {
  HT_PERSON_OF_FORM ("Họ, chữ đệm, tên người được giám hộ", "Form", HT_REQ_NO),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  /* A ward without an identity document is identified by the birth record. */
  { .name = "birth_record", .type = HT_T_REF, .req = HT_REQ_COND, .when = "!id_document?",
    .label_vi = "Giấy khai sinh/Giấy tờ tùy thân", .label = N_("Birth record"), .source = "Form" },
  HT_END
};

/* ⚠ A legal person as guardian (BLDS 48, 50†) has no form of its own. */
static const HtField organisation_fields[] = {
  HT_TEXT ("name", HT_REQ_YES, "Tên tổ chức", N_("Name"), "BLDS 48†"),
  HT_TEXT ("address", HT_REQ_YES, "Địa chỉ", N_("Address"), "BLDS 48†"),
  HT_AGENT ("representative", HT_REQ_YES, "Người đại diện", N_("Representative"), "BLDS 48†"),
  HT_END
};

/* ⚠ Supervision of guardianship (NĐ123 1) has no kind of its own. */
static const HtField supervisor_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên người giám sát", "NĐ123 1; BLDS 51†"),
  HT_P_DATE_OF_BIRTH (HT_REQ_NO, "BLDS 51†"),
  HT_P_RESIDENCE (HT_REQ_NO, "BLDS 51†"),
  HT_P_ID_DOCUMENT (HT_REQ_NO, "BLDS 51†"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField fields[] = {
  HT_OBJECT_IF ("guardian", "!guardian_organisation?", guardian_fields,
                "Người giám hộ", N_("Guardian"), "Form"),
  HT_OBJECT_IF ("guardian_organisation", "!guardian?", organisation_fields,
                "Tổ chức giám hộ", N_("Guardian organisation"), "BLDS 48, 50† ⚠"),
  HT_OBJECT ("ward", HT_REQ_YES, ward_fields, "Người được giám hộ", N_("Ward"), "Form"),
  HT_ENUM ("ward_status", HT_REQ_YES, values_ward_status, "Tình trạng người được giám hộ",
           N_("Ward's status"), "BLDS 47.1†"),
  HT_PAPER_IF ("capacity_decision", "ward_status!=minor", "Quyết định của Tòa án",
               N_("Court decision on capacity"), "BLDS 22, 23†"),
  HT_PAPER_IF ("appointment", "$registration_type=appointed", "Văn bản cử người giám hộ",
               N_("Appointment"), "LHT 20.1"),
  HT_TEXT_IF ("statutory_basis", "$registration_type=statutory", "Căn cứ giám hộ đương nhiên",
              N_("Basis of statutory guardianship"), "LHT 21.1; BLDS 52–53†"),
  /* Needed when several people qualify as statutory guardian: only the
   * clerk knows that, so it is not required by the registry. */
  HT_PAPER ("agreement", HT_REQ_NO, "Văn bản thỏa thuận cử một người",
            N_("Agreement naming one guardian"), "LHT 21.1"),
  HT_OBJECT ("supervisor", HT_REQ_NO, supervisor_fields, "Người giám sát việc giám hộ",
             N_("Supervisor"), "NĐ123 1; BLDS 51† ⚠"),
  /* Required on a change of guardian, which only the clerk knows. */
  HT_REF ("previous_guardianship", HT_REQ_NO, "Đăng ký chấm dứt giám hộ trước (thay đổi người giám hộ)",
          N_("Previous guardianship ended"), "LHT 23"),
  HT_AGENT ("declarant", HT_REQ_YES, "Người đi đăng ký giám hộ", N_("Declarant"), "Form"),
  HT_END
};

/* guardianship_end: the people are copied from the guardianship. */
static const HtField end_guardian_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên người giám hộ", "Form"),
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, "Form"),
  HT_P_SEX (HT_REQ_YES, "Form"),
  HT_P_ETHNICITY (HT_REQ_YES, "Form"),
  HT_P_NATIONALITY (HT_REQ_YES, "Form"),
  HT_P_ID_DOCUMENT (HT_REQ_YES, "Form"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField end_ward_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên người được giám hộ", "Form"),
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, "Form"),
  HT_P_SEX (HT_REQ_YES, "Form"),
  HT_P_ETHNICITY (HT_REQ_YES, "Form"),
  HT_P_NATIONALITY (HT_REQ_YES, "Form"),
  /* ⚠ Optional, as in the guardianship it copies: a ward registered without
   * one could otherwise never be released. */
  HT_P_ID_DOCUMENT (HT_REQ_NO, "Form"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField end_fields[] = {
  HT_REF ("guardianship", HT_REQ_YES, "Đăng ký giám hộ số … ngày …", N_("Guardianship"), "LHT 19; Form"),
  HT_OBJECT_IF ("guardian", "!guardian_organisation?", end_guardian_fields,
                "Người giám hộ", N_("Guardian"), "Form"),
  /* ⚠ Not in the KINDS table: a guardianship held by an organisation must
   * be endable too, so the end copies whichever guardian it had. */
  HT_OBJECT_IF ("guardian_organisation", "!guardian?", organisation_fields,
                "Tổ chức giám hộ", N_("Guardian organisation"), "BLDS 48, 50† ⚠"),
  HT_OBJECT ("ward", HT_REQ_YES, end_ward_fields, "Người được giám hộ", N_("Ward"), "Form"),
  HT_ENUM ("reason", HT_REQ_YES, values_end_reason, "Lý do chấm dứt", N_("Reason"), "BLDS 60, 62†"),
  HT_TEXT_IF ("reason_text", "reason=other", "Lý do khác", N_("Other reason"), ""),
  { .name = "basis_papers", .type = HT_T_LIST, .req = HT_REQ_YES, .min_items = 1, .children = ht_shape_paper,
    .flags = HT_F_EVIDENCE, .label_vi = "Giấy tờ làm căn cứ", .label = N_("Basis papers"), .source = "LHT 22.1" },
  HT_AGENT ("declarant", HT_REQ_YES, "Người đi đăng ký chấm dứt giám hộ", N_("Declarant"), "Form"),
  HT_END
};

/* ---- Guardianship rules ---- */

/* One guardian: a person or an organisation, not both. */
static void
rule_guardian_and_organisation (HtRuleCtx *ctx)
{
  if (ht_rule_get (ctx, "guardian") && ht_rule_get (ctx, "guardian_organisation"))
    ht_rule_report (ctx, "guardian_organisation",
                    _("the guardian is either a person or an organisation, not both"));
}

/* Rule 1 (BLDS 47.1†): a minor ward is under 18 on the registration date. */
static void
rule_ward_not_minor (HtRuleCtx *ctx)
{
  int age;

  if (!ht_rule_is (ctx, "ward_status", "minor"))
    return;
  age = ht_kind_age_on (ctx, "ward", &ctx->registered_on);
  if (age >= 18)
    ht_rule_report (ctx, "ward.date_of_birth",
                    _("the ward is %d years old: a minor is under 18"), age);
}

/* Rule 1 (BLDS 49†): a person guardian is at least 18. */
static void
rule_guardian_too_young (HtRuleCtx *ctx)
{
  int age;

  if (ht_rule_get (ctx, "guardian") == NULL)
    return;
  age = ht_kind_age_on (ctx, "guardian", &ctx->registered_on);
  if (age >= 0 && age < 18)
    ht_rule_report (ctx, "guardian.date_of_birth",
                    _("the guardian is %d years old: a guardian is at least 18"), age);
}

/* Rule 1: guardian ≠ ward. */
static void
rule_guardian_is_ward (HtRuleCtx *ctx)
{
  if (ht_kind_same_person (ht_rule_get (ctx, "guardian"), ht_rule_get (ctx, "ward")))
    ht_rule_report (ctx, "guardian", _("the guardian and the ward are the same person"));
}

/* Rule 2 (BLDS 47.2† ⚠): one guardian per ward, except parents or
 * grandparents together, which only the clerk can tell: a warning. */
static void
rule_second_guardianship (HtRuleCtx *ctx)
{
  const cJSON *ward = ht_rule_get (ctx, "ward");
  g_autoptr(cJSON) found = NULL;
  const cJSON *g;

  if (ward == NULL)
    return;
  found = ht_kind_find_person (ctx, "guardianship", "ward");
  cJSON_ArrayForEach (g, found)
    {
      g_autoptr(cJSON) ending = NULL;

      if (!ht_kind_same_person (ward, ht_record_get_path (g, "data.ward")))
        continue;
      ending = ht_kind_guardianship_ending (ctx, g);
      if (ending == NULL)
        {
          ht_rule_report (ctx, "ward",
                          _("the ward already has an open guardianship (GH/%" PRId64 "/%" PRId64 "): "
                            "only parents or grandparents may be guardians together"),
                          ht_record_book_year (g), ht_record_number (g));
          return;
        }
    }
}

/* Rule 3 (LHT 23): a new guardian follows the end of the old guardianship
 * with reason guardian_change, for the same ward. */
static void
rule_previous_guardianship (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) previous = ht_kind_resolve (ctx, "previous_guardianship");

  if (previous == NULL)
    return;
  if (g_strcmp0 (ht_record_kind_code (previous), "guardianship_end") != 0 ||
      g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (previous, "data.reason")), "guardian_change") != 0)
    ht_rule_report (ctx, "previous_guardianship",
                    _("a change of guardian refers to the end of the old guardianship with the reason \"change of guardian\""));
  else if (!ht_kind_same_person (ht_rule_get (ctx, "ward"), ht_record_get_path (previous, "data.ward")))
    ht_rule_report (ctx, "previous_guardianship",
                    _("the ended guardianship was for another ward"));
}

/* Rule 3 (LHT 23): the ward's guardianship ended for a change of guardian
 * and not yet followed by a new one is this record's previous guardianship.
 * Only the clerk knows the case for sure: a warning. */
static void
rule_previous_guardianship_missing (HtRuleCtx *ctx)
{
  const HtLookup *lookup = ctx->options->lookup;
  const char *self = ht_record_id (ctx->record);
  g_autoptr(cJSON) ends = NULL;
  const cJSON *e;

  if (ht_rule_get (ctx, "previous_guardianship") || !ht_rule_get (ctx, "ward") ||
      lookup == NULL || lookup->find_referencing == NULL)
    return;
  ends = ht_kind_find_person (ctx, "guardianship_end", "ward");
  cJSON_ArrayForEach (e, ends)
    {
      g_autoptr(cJSON) refs = NULL;
      const cJSON *r;
      gboolean followed = FALSE;

      if (g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (e, "data.reason")), "guardian_change") != 0 ||
          !ht_kind_same_person (ht_rule_get (ctx, "ward"), ht_record_get_path (e, "data.ward")) ||
          ht_record_id (e) == NULL)
        continue;
      refs = lookup->find_referencing (lookup->user_data, ht_record_id (e));
      cJSON_ArrayForEach (r, refs)
        followed |= g_strcmp0 (ht_record_kind_code (r), "guardianship") == 0 &&
                    g_strcmp0 (ht_record_status (r), "registered") == 0 &&
                    !(self != NULL && g_strcmp0 (ht_record_id (r), self) == 0);
      if (!followed)
        {
          ht_rule_report (ctx, "previous_guardianship",
                          _("the ward's guardianship was ended for a change of guardian (GH/%" PRId64 "/%" PRId64 "): "
                            "name that end as the previous guardianship"),
                          ht_record_book_year (e), ht_record_number (e));
          return;
        }
    }
}

static const HtRule rules[] = {
  { "guardian_and_organisation", HT_SEVERITY_ERROR, "guardian_organisation", "BLDS 46, 48†",
    N_("The guardian is a person or an organisation, not both."), rule_guardian_and_organisation },
  { "ward_not_minor", HT_SEVERITY_ERROR, "ward.date_of_birth", "BLDS 47.1†",
    N_("A ward of status \"minor\" is under 18 on the registration date."), rule_ward_not_minor },
  { "guardian_too_young", HT_SEVERITY_ERROR, "guardian.date_of_birth", "BLDS 49†",
    N_("A person guardian is at least 18 on the registration date."), rule_guardian_too_young },
  { "guardian_is_ward", HT_SEVERITY_ERROR, "guardian", "BLDS 46†; KINDS §2.5 rule 1",
    N_("The guardian and the ward are different people."), rule_guardian_is_ward },
  { "person_deceased", HT_SEVERITY_ERROR, "ward", "LHT 34.2",
    N_("The ward has no death record."), ht_kind_rule_subject_alive },
  { "person_deceased", HT_SEVERITY_ERROR, "guardian", "LHT 34.2",
    N_("The guardian has no death record."), ht_kind_rule_subject_alive },
  { "second_guardianship", HT_SEVERITY_WARNING, "ward", "BLDS 47.2† ⚠",
    N_("One guardian per ward except parents or grandparents together: another open guardianship is warned."),
    rule_second_guardianship },
  { "previous_guardianship_invalid", HT_SEVERITY_ERROR, "previous_guardianship", "LHT 23",
    N_("A change of guardian refers to the end, for guardian change, of the same ward's guardianship."),
    rule_previous_guardianship },
  { "previous_guardianship_missing", HT_SEVERITY_WARNING, "previous_guardianship", "LHT 23",
    N_("After an end for a change of guardian, the new guardianship names that end."),
    rule_previous_guardianship_missing },
  { NULL }
};

static const HtPaper papers[] = {
  { "TLGH", "Trích lục đăng ký giám hộ", "%u/TLGH", "Form; LHT 20.2, 62.1" },
  { "TLGH-BS", "Trích lục đăng ký giám hộ (bản sao)", "%u/TLGH-BS", "⚠" },
  { NULL }
};

const HtKind ht_kind_guardianship = {
  .code = "guardianship",
  .book = "GH",
  .title_vi = "Đăng ký giám hộ",
  .label = N_("Guardianship"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "ward", "guardian", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of the ward's or the guardian's residence (LHT 19, 39)",
  .late_after_days = 0,
  .derive = NULL,
};

/* ---- Guardianship end rules ---- */

/* The referenced guardianship, when it is in the register. */
static cJSON *
ended_guardianship (HtRuleCtx *ctx)
{
  cJSON *g = ht_kind_resolve (ctx, "guardianship");

  if (g != NULL && g_strcmp0 (ht_record_kind_code (g), "guardianship") != 0)
    g_clear_pointer (&g, cJSON_Delete);
  return g;
}

/* Rule 1 (LHT 19): the guardianship is in this register.  A paper-form ref
 * names a book entry outside the system and is taken as it is. */
static void
rule_guardianship_not_found (HtRuleCtx *ctx)
{
  const cJSON *ref = ht_rule_get (ctx, "guardianship");
  const HtLookup *lookup = ctx->options->lookup;
  g_autoptr(cJSON) target = NULL;

  if (ref == NULL || lookup == NULL || lookup->resolve_ref == NULL || cJSON_HasObjectItem (ref, "office_name"))
    return;
  target = ht_kind_resolve (ctx, "guardianship");
  if (target == NULL)
    ht_rule_report (ctx, "guardianship", _("the guardianship to end is not in this register"));
  else if (g_strcmp0 (ht_record_kind_code (target), "guardianship") != 0)
    ht_rule_report (ctx, "guardianship", _("the referenced registration is not a guardianship"));
}

/* Rule 1: the guardianship has been approved by the reviewer. */
static void
rule_guardianship_not_approved (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) g = ended_guardianship (ctx);

  /* A revoked one is the engine's "ref_revoked"; a draft is not approved either. */
  if (g != NULL && g_strcmp0 (ht_record_status (g), "revoked") != 0 &&
      g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (g, "review.state")), "approved") != 0)
    ht_rule_report (ctx, "guardianship", _("the guardianship has not been approved yet"));
}

/* Rule 1 (LHT 19): ended by the office that registered it.  A code merged
 * away in 2025 may be this commune's predecessor: only a warning then. */
static void
rule_guardianship_other_office (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) g = ended_guardianship (ctx);

  if (g == NULL)
    return;
  switch (ht_kind_office_relation (ctx, ht_record_office (g)))
    {
    case HT_KIND_OFFICE_OTHER:
      ht_rule_report (ctx, "guardianship",
                      _("a guardianship is ended by the office that registered it (%s)"), ht_record_office (g));
      break;
    case HT_KIND_OFFICE_MERGED:
      ht_rule_report_severity (ctx, HT_SEVERITY_WARNING, "guardianship",
                               _("the guardianship's office %s no longer exists: confirm this office succeeds it"),
                               ht_record_office (g));
      break;
    case HT_KIND_OFFICE_SAME:
    default:
      break;
    }
}

/* Rule 1: not already ended. */
static void
rule_guardianship_already_ended (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) g = ended_guardianship (ctx);
  g_autoptr(cJSON) ending = g ? ht_kind_guardianship_ending (ctx, g) : NULL;

  if (ending != NULL)
    ht_rule_report (ctx, "guardianship",
                    _("this guardianship was already ended (GH/%" PRId64 "/%" PRId64 ")"),
                    ht_record_book_year (ending), ht_record_number (ending));
}

/* The people are copied from the guardianship: a different one is a slip. */
static void
rule_differs_from_guardianship (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) g = ended_guardianship (ctx);
  const cJSON *theirs;

  if (g == NULL)
    return;
  if (ht_rule_get (ctx, "ward") && !ht_kind_same_person (ht_rule_get (ctx, "ward"), ht_record_get_path (g, "data.ward")))
    ht_rule_report (ctx, "ward", _("the ward is not the one of the guardianship being ended"));
  theirs = ht_record_get_path (g, "data.guardian");
  if (ht_rule_get (ctx, "guardian") && theirs != NULL && !ht_kind_same_person (ht_rule_get (ctx, "guardian"), theirs))
    ht_rule_report (ctx, "guardian", _("the guardian is not the one of the guardianship being ended"));
}

/* Rule 2 (BLDS 62†): full capacity needs the minor to have turned 18. */
static void
rule_ward_still_minor (HtRuleCtx *ctx)
{
  int age;

  if (!ht_rule_is (ctx, "reason", "ward_full_capacity"))
    return;
  age = ht_kind_age_on (ctx, "ward", &ctx->registered_on);
  if (age >= 0 && age < 18)
    ht_rule_report (ctx, "reason", _("the ward is %d years old: a minor has full capacity only at 18"), age);
}

/* Rule 2: the ward's death is in the register, else the clerk checks the
 * death paper among the basis papers (a warning). */
static void
rule_ward_death_not_found (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) death = NULL;
  GDate died_on;

  if (!ht_rule_is (ctx, "reason", "ward_died") || ctx->options->lookup == NULL)
    return;
  death = ht_kind_death_of (ctx, ht_rule_get (ctx, "ward"), &died_on);
  if (death == NULL)
    ht_rule_report (ctx, "reason",
                    _("the ward's death is not in the register: check the death paper among the basis papers"));
}

/* Rule 2 ⚠: the ward's adoption is in the register, else a warning. */
static void
rule_ward_adoption_not_found (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) adoptions = NULL;
  const cJSON *a;

  if (!ht_rule_is (ctx, "reason", "ward_adopted") || ctx->options->lookup == NULL)
    return;
  adoptions = ht_kind_find_person (ctx, "adoption", "ward");
  cJSON_ArrayForEach (a, adoptions)
    if (ht_kind_same_person (ht_rule_get (ctx, "ward"), ht_record_get_path (a, "data.child")))
      return;
  ht_rule_report (ctx, "reason",
                  _("the ward's adoption is not in the register: check the adoption paper among the basis papers"));
}

static const HtRule end_rules[] = {
  { "guardianship_not_found", HT_SEVERITY_ERROR, "guardianship", "LHT 19; KINDS §2.6 rule 1",
    N_("The guardianship to end is a guardianship of this register (a paper-form entry is taken as it is)."),
    rule_guardianship_not_found },
  { "guardianship_not_approved", HT_SEVERITY_ERROR, "guardianship", "KINDS §2.6 rule 1",
    N_("The guardianship to end has been approved."), rule_guardianship_not_approved },
  { "guardianship_other_office", HT_SEVERITY_ERROR, "guardianship", "LHT 19",
    N_("A guardianship is ended by the office that registered it (a warning when that office was merged "
       "away in 2025)."), rule_guardianship_other_office },
  { "guardianship_already_ended", HT_SEVERITY_ERROR, "guardianship", "LHT 22; KINDS §2.6 rule 1",
    N_("The guardianship is not already ended."), rule_guardianship_already_ended },
  { "differs_from_guardianship", HT_SEVERITY_WARNING, "ward", "Form",
    N_("The guardian and the ward are those of the guardianship being ended."), rule_differs_from_guardianship },
  { "ward_still_minor", HT_SEVERITY_ERROR, "reason", "BLDS 62†",
    N_("\"Ward has full capacity\" needs a ward of 18 or more."), rule_ward_still_minor },
  { "ward_death_not_found", HT_SEVERITY_WARNING, "reason", "BLDS 62†; LHT 22.1",
    N_("\"Ward died\": the ward's death is in the register, else the death paper is checked."),
    rule_ward_death_not_found },
  { "ward_adoption_not_found", HT_SEVERITY_WARNING, "reason", "BLDS 62† ⚠",
    N_("\"Ward adopted\": the ward's adoption is in the register, else the adoption paper is checked."),
    rule_ward_adoption_not_found },
  { NULL }
};

static const HtPaper end_papers[] = {
  { "TLCDGH", "Trích lục đăng ký chấm dứt giám hộ", "%u/TLCDGH", "Form" },
  { "TLCDGH-BS", "Trích lục đăng ký chấm dứt giám hộ (bản sao)", "%u/TLCDGH-BS", "⚠" },
  { NULL }
};

const HtKind ht_kind_guardianship_end = {
  .code = "guardianship_end",
  /* ⚠ The Form keeps a separate book; per-kind numbering keeps them apart. */
  .book = "GH",
  .title_vi = "Đăng ký chấm dứt giám hộ",
  .label = N_("End of guardianship"),
  .registration_types = end_registration_types,
  .parties = (const char *const[]) { "ward", "guardian", NULL },
  .fields = end_fields,
  .rules = end_rules,
  .papers = end_papers,
  .authority = "the UBND xã that registered the guardianship, or its successor ⚠ (LHT 19)",
  .late_after_days = 0,
  .derive = NULL,
};
