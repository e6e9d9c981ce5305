/* ht-kind-death.c — khai tử (KINDS.md §2.3): fields, rules, papers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time of death is Vietnamese civil time (local_datetime, hour and
 * minute left out when unknown); rules compare it by its day.  A registered
 * death locks the person (LHT 34.2): the later acts that need a living
 * person check it with ht_kind_rule_subject_alive().
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-kind-util.h"
#include "ht-units.h"

static const char *const registration_types[] = { "new", "re-registration", NULL };
static const char *const values_death_notice[] = {
  "medical", "execution", "court", "police", "commune", "other_evidence", NULL
};
static const char *const values_age_band[] = { "under_1", "1_to_4", "5_plus", NULL };

static const HtField deceased_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "NĐ123 4.2†"),
  /* KINDS §1.1: the date of birth, or the year alone when the date is
   * unknown; giving both is refused by rule "birth_date_and_year". */
  HT_P_DATE_OF_BIRTH_IF ("!birth_year?", "Form"),
  { .name = "birth_year", .type = HT_T_YEAR, .req = HT_REQ_COND, .when = "!date_of_birth?",
    .label_vi = "Năm sinh", .label = N_("Year of birth"), .source = "NĐ123 4.2†" },
  HT_P_SEX (HT_REQ_YES, "Form; 13a"),
  HT_P_ETHNICITY (HT_REQ_YES, "Form"),
  HT_P_NATIONALITY (HT_REQ_YES, "NĐ123 4.2†; Form"),
  /* "If the person has one": only the clerk knows, so a missing number is
   * the warning "deceased_pin_expected" rather than a requirement. */
  HT_P_PIN (HT_REQ_NO, "NĐ123 4.2†"),
  HT_P_ID_DOCUMENT (HT_REQ_NO, "Form"),
  /* ⚠ Optional: the last residence decides the office (LHT 32) but is not
   * printed on the extract. */
  { .name = "residence", .type = HT_T_TEXT, .req = HT_REQ_NO, .flags = HT_F_PLACE,
    .label_vi = "Nơi cư trú cuối cùng", .label = N_("Last residence"), .source = "LHT 32" },
  /* ⚠ The lock's target when the person has no personal ID number. */
  HT_P_BIRTH_RECORD (HT_REQ_NO, "⚠ (lock target)"),
  HT_END
};

static const HtField death_notice_fields[] = {
  HT_ENUM ("type", HT_REQ_YES, values_death_notice, "Giấy báo tử / giấy tờ thay thế",
           N_("Kind of death notice"), "NĐ123 4.2.a–đ†"),
  HT_TEXT_IF ("number", "type!=other_evidence", "Số", N_("Number"), "Form"),
  HT_TEXT ("issuer", HT_REQ_YES, "do … cấp", N_("Issued by"), "Form"),
  HT_DATE ("issued_on", HT_REQ_YES, "cấp ngày", N_("Issued on"), "Form"),
  HT_END
};

static const HtField fields[] = {
  HT_OBJECT ("deceased", HT_REQ_YES, deceased_fields, "Người chết", N_("Deceased"), "NĐ123 4.2†; Form"),
  /* ⚠ Vietnamese civil time, no offset: DESIGN's UTC rule is for system
   * timestamps; hour and minute are left out when unknown (TT04 34†). */
  { .name = "died_at", .type = HT_T_LOCAL_DATETIME, .req = HT_REQ_YES,
    .label_vi = "Đã chết vào lúc … giờ … phút, ngày …", .label = N_("Time of death"),
    .source = "NĐ123 4.2†; TT04 34†" },
  HT_PLACE ("place_of_death", HT_REQ_YES, "Nơi chết", N_("Place of death"), "NĐ123 4.2†; TT04 34†"),
  HT_TEXT ("cause_of_death", HT_REQ_NO, "Nguyên nhân chết", N_("Cause of death"), "NĐ123 4.2†; TT04 34†"),
  HT_OBJECT ("death_notice", HT_REQ_YES, death_notice_fields, "Giấy báo tử / giấy tờ thay thế",
             N_("Death notice"), "NĐ123 4.2.a–đ†"),
  HT_AGENT_IF ("declarant", "ex_officio!=true", "Người đi khai tử", N_("Declarant"), "LHT 33.1"),
  HT_BOOL ("ex_officio", HT_REQ_NO, "Đăng ký khai tử theo chức năng (công chức tư pháp – hộ tịch)",
           N_("Registered ex officio"), "LHT 33.2"),
  HT_REF_IF ("original", "$registration_type=re-registration", "Nơi, số, ngày đăng ký trước",
             N_("Original registration"), "NĐ123 24†, 25†"),
  HT_PAPERS_IF ("basis_papers", "$registration_type=re-registration", 1,
                "Giấy tờ làm cơ sở", N_("Basis papers"), "NĐ123 24†, 25†"),
  HT_BOOL ("mobile", HT_REQ_NO, "Đăng ký lưu động", N_("Mobile registration"), "LHT 15.2; TT04 26†"),
  HT_DERIVED_BOOL ("late", "Quá hạn", N_("Late"), "LHT 33.1; Form"),
  { .name = "age_band", .type = HT_T_ENUM, .req = HT_REQ_NO, .values = values_age_band, .flags = HT_F_DERIVED,
    .label_vi = "Trẻ dưới 01 tuổi / từ 01 đến dưới 5 tuổi", .label = N_("Age band"), .source = "Form; 13a" },
  HT_END
};

/* ---- Rules ---- */

/* The day of birth for comparisons: the date, else 1 January of the year
 * (⚠ approximate, KINDS §2.3 rule 5). */
static gboolean
birth_day (const cJSON *deceased,
           GDate       *out)
{
  const cJSON *dob = _ht_json_member (deceased, "date_of_birth");
  const cJSON *year = _ht_json_member (deceased, "birth_year");

  g_date_clear (out, 1);
  if (cJSON_IsString (dob) && ht_date_parse (dob->valuestring, out))
    return TRUE;
  if (cJSON_IsNumber (year) && year->valuedouble >= 1 && year->valuedouble <= 9999)
    {
      g_date_set_dmy (out, 1, G_DATE_JANUARY, (GDateYear) year->valuedouble);
      return TRUE;
    }
  return FALSE;
}

/* KINDS §1.1: the date of birth xor the year. */
static void
rule_birth_date_and_year (HtRuleCtx *ctx)
{
  if (ht_rule_get (ctx, "deceased.date_of_birth") && ht_rule_get (ctx, "deceased.birth_year"))
    ht_rule_report (ctx, "deceased.birth_year",
                    _("give the date of birth, or the year alone when the date is unknown, not both"));
}

/* Rule 1: birth ≤ died_at.  With a year alone, only the year is compared. */
static void
rule_died_before_birth (HtRuleCtx *ctx)
{
  GDate died, dob;
  gint64 year;

  if (!ht_rule_date (ctx, "died_at", &died))
    return;
  if (ht_rule_date (ctx, "deceased.date_of_birth", &dob))
    {
      if (g_date_compare (&died, &dob) < 0)
        ht_rule_report (ctx, "died_at", _("the date of death is before the date of birth"));
    }
  else if (ht_rule_int (ctx, "deceased.birth_year", &year) && year > g_date_get_year (&died))
    ht_rule_report (ctx, "died_at", _("the date of death is before the year of birth"));
}

/* Rule 1: died_at ≤ registered_on.  The engine checks local date-times only
 * against today, so the registration date is compared here. */
static void
rule_died_after_registration (HtRuleCtx *ctx)
{
  GDate died;

  if (ht_rule_date (ctx, "died_at", &died) && g_date_valid (&ctx->registered_on) &&
      g_date_compare (&died, &ctx->registered_on) > 0)
    ht_rule_report (ctx, "died_at", _("the date of death is after the registration date"));
}

/* Rule 4: a death notice is issued on or after the death. */
static void
rule_notice_before_death (HtRuleCtx *ctx)
{
  if (ht_kind_dates_out_of_order (ctx, "died_at", "death_notice.issued_on", FALSE))
    ht_rule_report (ctx, "death_notice.issued_on", _("the death notice is dated before the death"));
}

/* The deceased's number is the lock's key (LHT 34.2).  An identity card
 * number is the personal ID number itself; otherwise a Vietnamese who died
 * after personal ID numbers began (2016) probably had one. */
static void
rule_pin_expected (HtRuleCtx *ctx)
{
  const char *doc_type = ht_rule_string (ctx, "deceased.id_document.type");
  GDate died, start;

  if (ht_rule_get (ctx, "deceased") == NULL || ht_rule_get (ctx, "deceased.pin") != NULL)
    return;
  if (g_strcmp0 (doc_type, "cccd") == 0 || g_strcmp0 (doc_type, "can_cuoc") == 0 ||
      g_strcmp0 (doc_type, "e_id") == 0)
    {
      ht_rule_report (ctx, "deceased.pin",
                      _("the identity card number is the personal ID number: enter it here too"));
      return;
    }
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, 2016);
  if (!ht_kind_is_foreign (ht_rule_string (ctx, "deceased.nationality")) &&
      ht_rule_date (ctx, "died_at", &died) && g_date_compare (&died, &start) >= 0)
    ht_rule_report (ctx, "deceased.pin", _("if the person had a personal ID number, enter it"));
}

/* How strongly two person objects are the same person: 2 by personal ID
 * or document number, 1 by folded name and date of birth only, 0 not. */
static int
match_strength (const cJSON *a,
                const cJSON *b)
{
  const char *ids_a[] = {
    cJSON_GetStringValue (_ht_json_member (a, "pin")),
    cJSON_GetStringValue (ht_record_get_path (a, "id_document.number")),
  };
  const char *ids_b[] = {
    cJSON_GetStringValue (_ht_json_member (b, "pin")),
    cJSON_GetStringValue (ht_record_get_path (b, "id_document.number")),
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids_a); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ids_b); j++)
      if (ids_a[i] != NULL && g_strcmp0 (ids_a[i], ids_b[j]) == 0)
        return 2;
  return ht_kind_same_person (a, b) ? 1 : 0;
}

/* Rule 5: one death record per person.  A match by number or birth record
 * is certain; by name and date of birth it is only probable. */
static void
rule_already_registered (HtRuleCtx *ctx)
{
  const cJSON *deceased = ht_rule_get (ctx, "deceased");
  g_autoptr(cJSON) deaths = NULL;
  g_autoptr(cJSON) birth = NULL;
  const cJSON *d;

  if (deceased == NULL)
    return;
  deaths = ht_kind_find_person (ctx, "death", "deceased");
  cJSON_ArrayForEach (d, deaths)
    if (match_strength (deceased, ht_record_get_path (d, "data.deceased")) == 2)
      {
        ht_rule_report (ctx, "deceased",
                        _("this person's death is already registered (KT/%" PRId64 "/%" PRId64 ")"),
                        ht_record_book_year (d), ht_record_number (d));
        return;
      }

  /* The same birth record named by another death. */
  birth = ht_kind_resolve (ctx, "deceased.birth_record");
  if (birth != NULL && ht_record_id (birth) != NULL && ctx->options->lookup->find_referencing != NULL)
    {
      const HtLookup *lookup = ctx->options->lookup;
      g_autoptr(cJSON) refs = lookup->find_referencing (lookup->user_data, ht_record_id (birth));

      cJSON_ArrayForEach (d, refs)
        if (g_strcmp0 (ht_record_kind_code (d), "death") == 0 &&
            g_strcmp0 (ht_record_status (d), "registered") == 0 &&
            !(ht_record_id (d) != NULL && g_strcmp0 (ht_record_id (d), ht_record_id (ctx->record)) == 0) &&
            ht_kind_ref_designates (ht_record_get_path (d, "data.deceased.birth_record"), birth))
          {
            ht_rule_report (ctx, "deceased.birth_record",
                            _("a death is already registered for this birth record (KT/%" PRId64 "/%" PRId64 ")"),
                            ht_record_book_year (d), ht_record_number (d));
            return;
          }
    }
}

/* Rule 5: the same folded name and date of birth already in KT. */
static void
rule_possible_duplicate (HtRuleCtx *ctx)
{
  const cJSON *deceased = ht_rule_get (ctx, "deceased");
  g_autoptr(cJSON) deaths = NULL;
  const cJSON *d;

  if (deceased == NULL)
    return;
  deaths = ht_kind_find_person (ctx, "death", "deceased");
  cJSON_ArrayForEach (d, deaths)
    {
      int strength = match_strength (deceased, ht_record_get_path (d, "data.deceased"));
      if (strength == 2)
        return; /* certain: "death_already_registered" says it */
      if (strength == 1)
        {
          ht_rule_report (ctx, "deceased.full_name",
                          _("probably already registered: KT/%" PRId64 "/%" PRId64 " has the same name and date of birth"),
                          ht_record_book_year (d), ht_record_number (d));
          return;
        }
    }
}

/* Rule 6: a re-registration is made at the office of the original entry.
 * After the 2025 reform an office code that no longer exists belongs to a
 * merged commune whose successor cannot be told from the unit data, so
 * that case is only a warning. */
static void
rule_re_registration_office (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (g_strcmp0 (ht_rule_registration_type (ctx), "re-registration") != 0)
    return;
  original = ht_kind_resolve (ctx, "original");
  if (original == NULL)
    return;
  switch (ht_kind_office_relation (ctx, ht_record_office (original)))
    {
    case HT_KIND_OFFICE_OTHER:
      ht_rule_report (ctx, "original",
                      _("a death is re-registered at the office of the original entry (%s)"),
                      ht_record_office (original));
      break;
    case HT_KIND_OFFICE_MERGED:
      ht_rule_report_severity (ctx, HT_SEVERITY_WARNING, "original",
                               _("the original office %s no longer exists: confirm this office succeeds it"),
                               ht_record_office (original));
      break;
    case HT_KIND_OFFICE_SAME:
    default:
      break;
    }
}

/* Rule 8 (LHT 52.3): a foreign national's death is notified through the
 * Ministry of Foreign Affairs; the warning is the flag kept with the record. */
static void
rule_foreign_national (HtRuleCtx *ctx)
{
  if (ht_kind_is_foreign (ht_rule_string (ctx, "deceased.nationality")))
    ht_rule_report (ctx, "deceased.nationality",
                    _("a foreign national: notify the death through the Ministry of Foreign Affairs"));
}

static cJSON *
derive (const cJSON *record)
{
  cJSON *out = cJSON_CreateObject ();
  const char *died_at = cJSON_GetStringValue (ht_record_get_path (record, "data.died_at"));
  GDate reg, died, born;
  int minutes;

  if (died_at == NULL || !ht_local_datetime_parse (died_at, &died, &minutes))
    return out;

  /* Rule 1: late after 15 days, counted from the day of death; not for a
   * re-registration (own tick in the book). */
  if (ht_record_registered_on (record, &reg))
    {
      gboolean re = g_strcmp0 (ht_record_registration_type (record), "re-registration") == 0;
      cJSON_AddBoolToObject (out, "late", !re && ht_date_days_between (&died, &reg) > 15);
    }

  /* Form 13a bands by full years at death; from a year alone the age is
   * counted from 1 January (⚠ approximate, rule 5). */
  if (birth_day (ht_record_get_path (record, "data.deceased"), &born) && g_date_compare (&born, &died) <= 0)
    {
      int years = ht_date_full_years (&born, &died);
      cJSON_AddStringToObject (out, "age_band", years < 1 ? "under_1" : years < 5 ? "1_to_4" : "5_plus");
    }
  return out;
}

static const HtRule rules[] = {
  { "late", HT_SEVERITY_WARNING, "late", "LHT 33.1",
    N_("Registered more than 15 days after the day of death: derived flag \"late\" (not for re-registration)."),
    NULL },
  { "age_band", HT_SEVERITY_WARNING, "age_band", "Form; 13a",
    N_("Derived: under 1, 1 to 4, or 5 and over, in full years at death (approximate from a year of birth)."),
    NULL },
  { "birth_date_and_year", HT_SEVERITY_ERROR, "deceased.birth_year", "KINDS §1.1; NĐ123 4.2†",
    N_("The date of birth, or the year alone when the date is unknown, not both."), rule_birth_date_and_year },
  { "died_before_birth", HT_SEVERITY_ERROR, "died_at", "LHT 33.1; KINDS §2.3 rule 1",
    N_("The death is not before the birth."), rule_died_before_birth },
  { "died_after_registration", HT_SEVERITY_ERROR, "died_at", "LHT 33.1",
    N_("The death is not after the registration date."), rule_died_after_registration },
  { "invalid_date", HT_SEVERITY_ERROR, "died_at", "TT04 34†",
    N_("The time of death is YYYY-MM-DD or YYYY-MM-DDTHH:MM civil time, hour and minute left out if unknown "
       "(checked by the parser, type local_datetime)."), NULL },
  { "old_units", HT_SEVERITY_WARNING, "place_of_death_unit", "TT04 34† ⚠",
    N_("The place of death's units: 3 levels before 2025-07-01, 2 after (generic unit check)."), NULL },
  { "invalid_value", HT_SEVERITY_ERROR, "death_notice.type", "NĐ123 4.2†",
    N_("The notice is one of: health facility, execution council, court judgment, police or forensic, "
       "commune, or other evidence for an old death (checked by the parser)."), NULL },
  { "notice_before_death", HT_SEVERITY_ERROR, "death_notice.issued_on", "NĐ123 4.2†",
    N_("The death notice is not dated before the death."), rule_notice_before_death },
  { "deceased_pin_expected", HT_SEVERITY_WARNING, "deceased.pin", "NĐ123 4.2†; LHT 34.2",
    N_("The personal ID number is given when the person had one (an identity card number is one)."),
    rule_pin_expected },
  { "death_already_registered", HT_SEVERITY_ERROR, "deceased", "LHT 34.2; KINDS §2.3 rule 5",
    N_("One death record per personal ID number or birth record."), rule_already_registered },
  { "possible_duplicate", HT_SEVERITY_WARNING, "deceased.full_name", "LHT 5.4; KINDS §2.3 rule 5",
    N_("A death with the same folded name and date of birth is already in the book."), rule_possible_duplicate },
  { "re_registration_too_recent", HT_SEVERITY_ERROR, "original.registered_on", "NĐ123 24.1†",
    N_("Re-registration only for deaths registered before 2016-01-01."), ht_kind_rule_re_registration_date },
  { "re_registration_other_office", HT_SEVERITY_ERROR, "original", "NĐ123 24.1, 25†",
    N_("A death is re-registered at the office of the original entry (a warning when that office was merged "
       "away in 2025)."), rule_re_registration_office },
  { "person_deceased", HT_SEVERITY_ERROR, "deceased", "LHT 34.2, 52.3",
    N_("Lock: once approved, the person is dead from died_at; later marriage, marital status, guardianship, "
       "adoption and birth re-registration refuse the person (their person_deceased rules, "
       "ht_kind_rule_subject_alive)."), NULL },
  { "foreign_national", HT_SEVERITY_WARNING, "deceased.nationality", "LHT 52.3",
    N_("A foreign national's death is notified through the Ministry of Foreign Affairs."), rule_foreign_national },
  { NULL }
};

static const HtPaper papers[] = {
  { "TLKT", "Trích lục khai tử", "%u/TLKT", "LHT 34.2, 62.1" },
  { "TLKT-BS", "Trích lục khai tử (bản sao)", "%u/TLKT-BS", "DOMAIN §2.3; Form" },
  { NULL }
};

const HtKind ht_kind_death = {
  .code = "death",
  .book = "KT",
  .title_vi = "Đăng ký khai tử",
  .label = N_("Death"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "deceased", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of the last residence, else of the place of death or finding (LHT 32, 51)",
  .late_after_days = 15,
  .derive = derive,
};
