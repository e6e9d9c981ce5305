/* ht-kind-adoption.c — nuôi con nuôi trong nước (KINDS.md §2.11): fields, rules, papers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conditions of Luật Nuôi con nuôi (NCN) are checked on the day that
 * counts for the procedure: the registration date for a new adoption, the
 * start of the relationship for a de facto one (NCN 50†), the original
 * registration for a re-registration.  Register links (siblings,
 * grandparents, an adoption in force) are found through birth records and
 * the lookup, and stay silent without it.
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-kind-util.h"

static const char *const registration_types[] = { "new", "re-registration", "de_facto", NULL };
static const char *const values_relationship[] = { "stepparent", "aunt_uncle", "other", NULL };
static const char *const values_giver_kind[] = { "birth_parents", "guardian", "institution", NULL };
static const char *const values_consent_by[] = { "birth_father", "birth_mother", "guardian", "child", NULL };
static const char *const adopters[] = { "adoptive_father", "adoptive_mother", NULL };

static const HtField adopter_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ và tên", "Form"),
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, "Form"),
  HT_P_ETHNICITY (HT_REQ_YES, "Form"),
  HT_P_NATIONALITY (HT_REQ_YES, "Form"),
  HT_P_RESIDENCE (HT_REQ_YES, "Form"),
  HT_P_ID_DOCUMENT (HT_REQ_YES, "Form"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField child_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ và tên con nuôi", "Form"),
  HT_P_SEX (HT_REQ_YES, "Form"),
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, "Form"),
  HT_PLACE ("place_of_birth", HT_REQ_YES, "Nơi sinh", N_("Place of birth"), "Form"),
  HT_P_ETHNICITY (HT_REQ_YES, "Form"),
  HT_P_NATIONALITY (HT_REQ_YES, "Form"),
  HT_P_RESIDENCE (HT_REQ_YES, "Form"),
  HT_P_ID_DOCUMENT (HT_REQ_NO, "Form"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_P_BIRTH_RECORD (HT_REQ_NO, "NCN 18.1.a†"),
  HT_END
};

static const HtField giver_person_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Ông / Bà", "Form"),
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, "Form"),
  HT_P_ETHNICITY (HT_REQ_YES, "Form"),
  HT_P_NATIONALITY (HT_REQ_YES, "Form"),
  HT_P_RESIDENCE (HT_REQ_YES, "Form"),
  HT_P_ID_DOCUMENT (HT_REQ_YES, "Form"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField institution_fields[] = {
  HT_TEXT ("name", HT_REQ_YES, "Tên cơ sở nuôi dưỡng", N_("Institution"), "Form"),
  HT_AGENT ("representative", HT_REQ_YES, "Người đại diện", N_("Representative"), "Form"),
  HT_TEXT ("position", HT_REQ_YES, "Chức vụ", N_("Position"), "Form"),
  HT_END
};

static const HtField giver_fields[] = {
  HT_ENUM ("kind", HT_REQ_YES, values_giver_kind, "Bên giao con nuôi", N_("Giver"), "Form; NCN 18.2†"),
  HT_LIST_IF ("persons", "kind=birth_parents|guardian", 1, giver_person_fields, "Ông / Bà",
              N_("Giving persons"), "Form"),
  HT_OBJECT_IF ("institution", "kind=institution", institution_fields, "Tên cơ sở nuôi dưỡng; đại diện",
                N_("Giving institution"), "Form"),
  HT_TEXT_IF ("relationship", "kind!=institution", "Quan hệ của bên giao với trẻ",
              N_("Giver's relationship to the child"), "Form"),
  HT_END
};

static const HtField consent_fields[] = {
  HT_ENUM ("by", HT_REQ_YES, values_consent_by, "Người đồng ý", N_("Consent by"), "NCN 21.1†"),
  HT_DATE ("on", HT_REQ_YES, "Ngày đồng ý", N_("Consent date"), "NCN 20, 21†"),
  HT_END
};

static const HtField fields[] = {
  /* At least one adopter (NCN 8.3†): each is required without the other. */
  HT_OBJECT_IF ("adoptive_father", "!adoptive_mother?", adopter_fields, "Họ và tên cha nuôi",
                N_("Adoptive father"), "Form"),
  HT_OBJECT_IF ("adoptive_mother", "!adoptive_father?", adopter_fields, "Họ và tên mẹ nuôi",
                N_("Adoptive mother"), "Form"),
  HT_OBJECT ("child", HT_REQ_YES, child_fields, "Họ và tên con nuôi", N_("Child"), "Form"),
  HT_ENUM ("relationship", HT_REQ_YES, values_relationship, "Quan hệ giữa người nhận con nuôi và trẻ",
           N_("Adopter's relationship to the child"), "NCN 8.2, 14.3†"),
  HT_OBJECT ("giver", HT_REQ_YES, giver_fields, "Bên giao con nuôi", N_("Giver"), "Form; NCN 18.2†"),
  HT_LIST ("consents", HT_REQ_YES, 1, consent_fields, "Ý kiến đồng ý (văn bản)", N_("Consents"), "NCN 20, 21†"),
  HT_DATE_ANY ("handover_on", HT_REQ_NO, "Ngày giao nhận con nuôi", N_("Handed over on"), "NCN 22.1, 24.1†"),
  HT_TEXT ("new_full_name", HT_REQ_NO, "Họ, chữ đệm, tên mới của con nuôi", N_("New full name requested"),
           "NCN 24.2†"),
  HT_REF_IF ("original", "$registration_type=re-registration", "Nơi, số, ngày đăng ký trước",
             N_("Original registration"), "NĐ 19/2011 1.2† ⚠"),
  HT_PAPERS_IF ("basis_papers", "$registration_type=re-registration", 1, "Giấy tờ làm cơ sở",
                N_("Basis papers"), "NĐ 19/2011 1.2† ⚠"),
  HT_DATE_IF ("de_facto_since", "$registration_type=de_facto", "Thời điểm phát sinh quan hệ nuôi con nuôi",
              N_("De facto since"), "NCN 50†"),
  HT_END
};

/* ---- Helpers ---- */

/* The day the conditions are judged on (see the header comment). */
static gboolean
judged_on (HtRuleCtx *ctx,
           GDate     *out)
{
  const char *type = ht_rule_registration_type (ctx);

  g_date_clear (out, 1);
  if (g_strcmp0 (type, "de_facto") == 0)
    return ht_rule_date (ctx, "de_facto_since", out);
  if (g_strcmp0 (type, "re-registration") == 0)
    return ht_kind_ref_registered_on (ctx, "original", out);
  *out = ctx->registered_on;
  return g_date_valid (out);
}

static gboolean
waived (HtRuleCtx *ctx)
{
  return ht_rule_is (ctx, "relationship", "stepparent") || ht_rule_is (ctx, "relationship", "aunt_uncle");
}

/* The year of birth of a person object (date_of_birth or birth_year), or 0. */
static int
year_of (const cJSON *person)
{
  const char *dob = cJSON_GetStringValue (_ht_json_member (person, "date_of_birth"));
  const cJSON *year = _ht_json_member (person, "birth_year");
  GDate d;

  if (dob != NULL && ht_date_parse (dob, &d))
    return g_date_get_year (&d);
  return cJSON_IsNumber (year) ? (int) year->valuedouble : 0;
}

/* Whether the parent named in a birth record (name, birth year, perhaps an
 * identity number) is "person": an equal number, else the same folded name
 * and year of birth.  A name alone is not enough. */
static gboolean
parent_is (const cJSON *parent,
           const cJSON *person)
{
  const char *ids_a[] = {
    cJSON_GetStringValue (_ht_json_member (parent, "pin")),
    cJSON_GetStringValue (ht_record_get_path (parent, "id_document.number")),
  };
  const char *ids_b[] = {
    cJSON_GetStringValue (_ht_json_member (person, "pin")),
    cJSON_GetStringValue (ht_record_get_path (person, "id_document.number")),
  };
  int year;

  if (!cJSON_IsObject (parent) || !cJSON_IsObject (person))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (ids_a); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ids_b); j++)
      if (ids_a[i] != NULL && g_strcmp0 (ids_a[i], ids_b[j]) == 0)
        return TRUE;
  year = year_of (parent);
  return year != 0 && year == year_of (person) &&
         ht_kind_same_text (cJSON_GetStringValue (_ht_json_member (parent, "full_name")),
                            cJSON_GetStringValue (_ht_json_member (person, "full_name")));
}

/* The birth record of the person at data path "person": its birth_record
 * ref, else the first birth found for them; NULL when unknown. */
static cJSON *
birth_of (HtRuleCtx  *ctx,
          const char *person)
{
  g_autofree char *ref = g_strconcat (person, ".birth_record", NULL);
  g_autoptr(cJSON) found = NULL;
  cJSON *birth = ht_rule_get (ctx, ref) ? ht_kind_resolve (ctx, ref) : NULL;

  if (birth != NULL && g_strcmp0 (ht_record_kind_code (birth), "birth") == 0)
    return birth;
  g_clear_pointer (&birth, cJSON_Delete);
  found = ht_kind_find_person (ctx, "birth", person);
  return cJSON_GetArraySize (found) > 0 ? cJSON_DetachItemFromArray (found, 0) : NULL;
}

/* The birth record of a parent named in a birth record, found by the
 * parent's personal ID or document number (NULL without one). */
static cJSON *
birth_of_parent (HtRuleCtx   *ctx,
                 const cJSON *parent)
{
  const HtLookup *lookup = ctx->options->lookup;
  const char *pin = cJSON_GetStringValue (_ht_json_member (parent, "pin"));
  const char *doc = cJSON_GetStringValue (ht_record_get_path (parent, "id_document.number"));
  g_autoptr(cJSON) found = NULL;
  cJSON *b;

  if (lookup == NULL || lookup->find_person == NULL || (pin == NULL && doc == NULL))
    return NULL;
  /* An identity card number is the personal ID number, which a birth
   * record holds as the child's pin: ask by it as a PIN too. */
  found = lookup->find_person (lookup->user_data, "birth", pin ? pin : doc, doc, NULL, NULL);
  cJSON_ArrayForEach (b, found)
    if (g_strcmp0 (ht_record_status (b), "registered") == 0 && parent_is (parent, ht_record_get_path (b, "data.child")))
      return cJSON_Duplicate (b, TRUE);
  return NULL;
}

/* Whether a registered decision_note of one of "events" references "record". */
static gboolean
ended_by_decision (HtRuleCtx         *ctx,
                   const cJSON       *record,
                   const char *const *events)
{
  const HtLookup *lookup = ctx->options->lookup;
  g_autoptr(cJSON) refs = NULL;
  const cJSON *r;

  if (lookup == NULL || lookup->find_referencing == NULL || ht_record_id (record) == NULL)
    return FALSE;
  refs = lookup->find_referencing (lookup->user_data, ht_record_id (record));
  cJSON_ArrayForEach (r, refs)
    {
      const char *event = cJSON_GetStringValue (ht_record_get_path (r, "data.event"));
      if (g_strcmp0 (ht_record_kind_code (r), "decision_note") == 0 &&
          g_strcmp0 (ht_record_status (r), "registered") == 0 && event != NULL && g_strv_contains (events, event))
        return TRUE;
    }
  return FALSE;
}

/* ---- Rules ---- */

/* Rule 1 (NCN 8.1–2†): under 16, or under 18 for a step-parent or an
 * aunt or uncle. */
static void
rule_child_too_old (HtRuleCtx *ctx)
{
  GDate on;
  int age, limit = waived (ctx) ? 18 : 16;

  if (!judged_on (ctx, &on) || (age = ht_kind_age_on (ctx, "child", &on)) < limit)
    return;
  if (limit == 18)
    ht_rule_report (ctx, "child.date_of_birth", _("the child is %d: adopted only under 18"), age);
  else
    ht_rule_report (ctx, "child.date_of_birth",
                    _("the child is %d: adopted only under 16, or under 18 by a step-parent, aunt or uncle"), age);
}

/* Rule 2 (NCN 14.1.b, 14.3†): each adopter is at least 20 years older,
 * unless a step-parent, aunt or uncle. */
static void
rule_age_gap (HtRuleCtx *ctx)
{
  GDate child, adopter;

  if (waived (ctx) || !ht_rule_date (ctx, "child.date_of_birth", &child))
    return;
  for (guint i = 0; adopters[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (adopters[i], ".date_of_birth", NULL);
      if (ht_rule_date (ctx, path, &adopter) && ht_date_full_years (&adopter, &child) < 20)
        ht_rule_report (ctx, path, _("an adopter is at least 20 years older than the child"));
    }
}

/* Rule 2 (NCN 14.1.a†): full civil capacity begins at 18; the rest of
 * capacity is the clerk's to see. */
static void
rule_adopter_not_adult (HtRuleCtx *ctx)
{
  GDate on;

  if (!judged_on (ctx, &on))
    return;
  for (guint i = 0; adopters[i] != NULL; i++)
    {
      int age = ht_kind_age_on (ctx, adopters[i], &on);
      g_autofree char *path = g_strconcat (adopters[i], ".date_of_birth", NULL);
      if (age >= 0 && age < 18)
        ht_rule_report (ctx, path, _("the adopter is %d: an adopter is at least 18"), age);
    }
}

/* Rule 3 (NCN 13.6†): no sibling adopts a sibling — the register's birth
 * records show the same mother or father. */
static void
rule_sibling (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) child = NULL;

  if (ctx->options->lookup == NULL || (child = birth_of (ctx, "child")) == NULL)
    return;
  for (guint i = 0; adopters[i] != NULL; i++)
    {
      g_autoptr(cJSON) own = ht_rule_get (ctx, adopters[i]) ? birth_of (ctx, adopters[i]) : NULL;

      if (own == NULL || g_strcmp0 (ht_record_id (own), ht_record_id (child)) == 0)
        continue;
      if (parent_is (ht_record_get_path (own, "data.mother"), ht_record_get_path (child, "data.mother")) ||
          parent_is (ht_record_get_path (own, "data.father"), ht_record_get_path (child, "data.father")))
        ht_rule_report (ctx, adopters[i], _("the register shows the adopter and the child are siblings"));
    }
}

/* Rule 3 (NCN 13.6†): no grandparent adopts a grandchild — the adopter is a
 * parent in the birth record of one of the child's parents. */
static void
rule_grandparent (HtRuleCtx *ctx)
{
  static const char *const parents[] = { "data.mother", "data.father", NULL };
  g_autoptr(cJSON) child = NULL;

  if (ctx->options->lookup == NULL || (child = birth_of (ctx, "child")) == NULL)
    return;
  for (guint p = 0; parents[p] != NULL; p++)
    {
      g_autoptr(cJSON) parent_birth = birth_of_parent (ctx, ht_record_get_path (child, parents[p]));

      if (parent_birth == NULL)
        continue;
      for (guint i = 0; adopters[i] != NULL; i++)
        {
          const cJSON *adopter = ht_rule_get (ctx, adopters[i]);
          if (adopter != NULL &&
              (parent_is (ht_record_get_path (parent_birth, "data.mother"), adopter) ||
               parent_is (ht_record_get_path (parent_birth, "data.father"), adopter)))
            ht_rule_report (ctx, adopters[i], _("the register shows the adopter is the child's grandparent"));
        }
    }
}

/* Rule 4 (NCN 8.3†): one adoption in force per child.  An adoption stands
 * until a decision_note of its termination (NCN 25–27†). */
static void
rule_already_adopted (HtRuleCtx *ctx)
{
  static const char *const termination[] = { "adoption_termination", NULL };
  g_autoptr(cJSON) found = NULL;
  const cJSON *a;

  if (ht_rule_get (ctx, "child") == NULL)
    return;
  found = ht_kind_find_person (ctx, "adoption", "child");
  cJSON_ArrayForEach (a, found)
    if (ht_kind_same_person (ht_rule_get (ctx, "child"), ht_record_get_path (a, "data.child")) &&
        !ended_by_decision (ctx, a, termination))
      {
        ht_rule_report (ctx, "child",
                        _("the child is already adopted (NCN/%" PRId64 "/%" PRId64 ")"),
                        ht_record_book_year (a), ht_record_number (a));
        return;
      }
}

/* Rule 4 (NCN 8.3†): two adopters are spouses.  The register is asked;
 * their marriage certificate may show it instead, so this is a warning. */
static void
rule_adopters_spouses (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) marriages = NULL;
  const cJSON *m;

  if (ctx->options->lookup == NULL || !ht_rule_get (ctx, "adoptive_father") || !ht_rule_get (ctx, "adoptive_mother"))
    return;
  marriages = ht_kind_marriages_of (ctx, "adoptive_father", &ctx->registered_on);
  cJSON_ArrayForEach (m, marriages)
    {
      const cJSON *entry = _ht_json_member (m, "record");
      gboolean noted = g_strcmp0 (ht_record_kind_code (entry), "foreign_note") == 0;
      const cJSON *wife = ht_record_get_path (entry, noted ? "data.event_data.wife" : "data.wife");

      if (g_strcmp0 (cJSON_GetStringValue (_ht_json_member (m, "state")), "in_force") == 0 &&
          ht_kind_same_person (ht_rule_get (ctx, "adoptive_mother"), wife))
        return;
    }
  ht_rule_report (ctx, "adoptive_mother",
                  _("no marriage in force of the two adopters in the register: check their marriage certificate"));
}

static gboolean
has_consent (HtRuleCtx  *ctx,
             const char *by)
{
  const cJSON *c;

  cJSON_ArrayForEach (c, ht_rule_get (ctx, "consents"))
    if (g_strcmp0 (cJSON_GetStringValue (_ht_json_member (c, "by")), by) == 0)
      return TRUE;
  return FALSE;
}

/* Rule 5 (NCN 21.1†): both birth parents, else the one left, else the
 * guardian (for a child in an institution, its head as guardian).  Two
 * birth parents named as givers both consent. */
static void
rule_parent_consent (HtRuleCtx *ctx)
{
  const char *giver = ht_rule_string (ctx, "giver.kind");

  if (g_strcmp0 (ht_rule_registration_type (ctx), "new") != 0 || giver == NULL || !ht_rule_get (ctx, "consents"))
    return;
  if (g_str_equal (giver, "birth_parents"))
    {
      gboolean father = has_consent (ctx, "birth_father"), mother = has_consent (ctx, "birth_mother");
      if (!father && !mother)
        ht_rule_report (ctx, "consents", _("the birth parents' consent is missing"));
      else if (cJSON_GetArraySize (ht_rule_get (ctx, "giver.persons")) >= 2 && !(father && mother))
        ht_rule_report (ctx, "consents", _("both birth parents give the child: both consent"));
    }
  else if (!has_consent (ctx, "guardian"))
    ht_rule_report (ctx, "consents", _("the guardian's consent is missing"));
}

/* Rule 5 (NCN 21.1†): a child of 9 or more consents too. */
static void
rule_child_consent (HtRuleCtx *ctx)
{
  int age;

  if (g_strcmp0 (ht_rule_registration_type (ctx), "new") != 0 || !ht_rule_get (ctx, "consents"))
    return;
  age = ht_kind_age_on (ctx, "child", &ctx->registered_on);
  if (age >= 9 && !has_consent (ctx, "child"))
    ht_rule_report (ctx, "consents", _("the child is %d: a child of 9 or more consents"), age);
}

/* Rule 5 (NCN 21.4†): a birth parent consents at least 15 days after the birth. */
static void
rule_consent_too_early (HtRuleCtx *ctx)
{
  const cJSON *c;
  GDate dob, on;
  int i = 0;

  if (!ht_rule_date (ctx, "child.date_of_birth", &dob))
    return;
  cJSON_ArrayForEach (c, ht_rule_get (ctx, "consents"))
    {
      const char *by = cJSON_GetStringValue (_ht_json_member (c, "by"));
      const char *when = cJSON_GetStringValue (_ht_json_member (c, "on"));

      if ((g_strcmp0 (by, "birth_father") == 0 || g_strcmp0 (by, "birth_mother") == 0) &&
          when != NULL && ht_date_parse (when, &on) && ht_date_days_between (&dob, &on) < 15)
        {
          g_autofree char *path = g_strdup_printf ("consents[%d].on", i);
          ht_rule_report (ctx, path, _("a birth parent consents only 15 days or more after the birth"));
        }
      i++;
    }
}

/* Rule 6 (NCN 22.1†): registered within 20 days of the last consent. */
static void
rule_late_after_consent (HtRuleCtx *ctx)
{
  const cJSON *c;
  GDate last, on;

  if (g_strcmp0 (ht_rule_registration_type (ctx), "new") != 0 || !g_date_valid (&ctx->registered_on))
    return;
  g_date_clear (&last, 1);
  cJSON_ArrayForEach (c, ht_rule_get (ctx, "consents"))
    {
      const char *when = cJSON_GetStringValue (_ht_json_member (c, "on"));
      if (when != NULL && ht_date_parse (when, &on) && (!g_date_valid (&last) || g_date_compare (&on, &last) > 0))
        last = on;
    }
  if (g_date_valid (&last) && ht_date_days_between (&last, &ctx->registered_on) > 20)
    ht_rule_report (ctx, "$registered_on",
                    _("registered more than 20 days after the last consent"));
}

/* Rule 7 (NCN 24.3†): a foundling takes an adoptive parent's ethnicity. */
static void
rule_foundling_ethnicity (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) birth = NULL;
  const char *ethnicity = ht_rule_string (ctx, "child.ethnicity");

  if (ctx->options->lookup == NULL || ethnicity == NULL || (birth = birth_of (ctx, "child")) == NULL)
    return;
  if (g_strcmp0 (ht_record_registration_type (birth), "foundling") != 0 &&
      g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (birth, "data.parent_unknown")), "both") != 0)
    return;
  if (!ht_kind_same_text (ethnicity, ht_rule_string (ctx, "adoptive_father.ethnicity")) &&
      !ht_kind_same_text (ethnicity, ht_rule_string (ctx, "adoptive_mother.ethnicity")))
    ht_rule_report (ctx, "child.ethnicity", _("a foundling takes the ethnicity of an adoptive parent"));
}

/* Rule 9 (NCN 50†): a de facto adoption began before 2011-01-01. */
static void
rule_de_facto_too_recent (HtRuleCtx *ctx)
{
  GDate since, limit;

  g_date_set_dmy (&limit, 1, G_DATE_JANUARY, 2011);
  if (g_strcmp0 (ht_rule_registration_type (ctx), "de_facto") == 0 &&
      ht_rule_date (ctx, "de_facto_since", &since) && g_date_compare (&since, &limit) >= 0)
    ht_rule_report (ctx, "de_facto_since", _("a de facto adoption is registered only if it began before 2011"));
}

/* Rule 9 (NCN 50†): filing closed on 2015-12-31; later only as imports of
 * book entries. */
static void
rule_de_facto_closed (HtRuleCtx *ctx)
{
  GDate limit;

  g_date_set_dmy (&limit, 31, G_DATE_DECEMBER, 2015);
  if (g_strcmp0 (ht_rule_registration_type (ctx), "de_facto") == 0 && !ctx->options->digitised &&
      g_date_valid (&ctx->registered_on) && g_date_compare (&ctx->registered_on, &limit) > 0)
    ht_rule_report (ctx, "$registered_on",
                    _("de facto adoptions could be registered only until 31 December 2015"));
}

/* Rule 10 (BLDS 62†): an open guardianship of the child is to be ended
 * with reason "ward adopted". */
static void
rule_open_guardianship (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) found = NULL;
  const cJSON *g;

  if (ht_rule_get (ctx, "child") == NULL)
    return;
  found = ht_kind_find_person (ctx, "guardianship", "child");
  cJSON_ArrayForEach (g, found)
    {
      g_autoptr(cJSON) ending = NULL;

      if (!ht_kind_same_person (ht_rule_get (ctx, "child"), ht_record_get_path (g, "data.ward")))
        continue;
      if ((ending = ht_kind_guardianship_ending (ctx, g)) == NULL)
        {
          ht_rule_report (ctx, "child",
                          _("the child has an open guardianship (GH/%" PRId64 "/%" PRId64 "): "
                            "end it with the reason \"ward adopted\""),
                          ht_record_book_year (g), ht_record_number (g));
          return;
        }
    }
}

static const HtRule rules[] = {
  { "child_too_old", HT_SEVERITY_ERROR, "child.date_of_birth", "NCN 8.1–2†",
    N_("The child is under 16, or under 18 for a step-parent, aunt or uncle."), rule_child_too_old },
  { "adopter_age_gap", HT_SEVERITY_ERROR, "adoptive_father.date_of_birth", "NCN 14.1.b, 14.3†",
    N_("Each adopter is at least 20 years older than the child, unless a step-parent, aunt or uncle."),
    rule_age_gap },
  { "adopter_not_adult", HT_SEVERITY_ERROR, "adoptive_father.date_of_birth", "NCN 14.1.a†",
    N_("Each adopter is of age (full civil capacity)."), rule_adopter_not_adult },
  { "sibling_adoption", HT_SEVERITY_ERROR, "adoptive_father", "NCN 13.6†",
    N_("No sibling adopts a sibling (same mother or father in the register's birth records)."), rule_sibling },
  { "grandparent_adoption", HT_SEVERITY_ERROR, "adoptive_father", "NCN 13.6†",
    N_("No grandparent adopts a grandchild (a parent in the birth record of the child's parent)."),
    rule_grandparent },
  { "child_already_adopted", HT_SEVERITY_ERROR, "child", "NCN 8.3†",
    N_("One adoption in force per child."), rule_already_adopted },
  { "adopters_not_spouses", HT_SEVERITY_WARNING, "adoptive_mother", "NCN 8.3†",
    N_("Two adopters are spouses: a marriage in force in the register, else their certificate is checked."),
    rule_adopters_spouses },
  { "parent_consent_missing", HT_SEVERITY_ERROR, "consents", "NCN 21.1†",
    N_("The birth parents consent, else the one left, else the guardian."), rule_parent_consent },
  { "child_consent_missing", HT_SEVERITY_ERROR, "consents", "NCN 21.1†",
    N_("A child of 9 or more consents."), rule_child_consent },
  { "consent_too_early", HT_SEVERITY_ERROR, "consents", "NCN 21.4†",
    N_("A birth parent consents at least 15 days after the birth."), rule_consent_too_early },
  { "late_after_consent", HT_SEVERITY_WARNING, "", "NCN 22.1†",
    N_("Registered within 20 days of the last consent."), rule_late_after_consent },
  { "ethnicity_not_adopter", HT_SEVERITY_WARNING, "child.ethnicity", "NCN 24.3†",
    N_("A foundling takes the ethnicity of an adoptive parent."), rule_foundling_ethnicity },
  { "de_facto_too_recent", HT_SEVERITY_ERROR, "de_facto_since", "NCN 50†",
    N_("A de facto adoption began before 2011-01-01."), rule_de_facto_too_recent },
  { "de_facto_filing_closed", HT_SEVERITY_ERROR, "", "NCN 50†",
    N_("De facto adoptions were filed until 2015-12-31; later only digitised book entries."),
    rule_de_facto_closed },
  { "person_deceased", HT_SEVERITY_ERROR, "child", "LHT 34.2; NCN 50†",
    N_("The child has no death record."), ht_kind_rule_subject_alive },
  { "person_deceased", HT_SEVERITY_ERROR, "adoptive_father", "LHT 34.2; NCN 50†",
    N_("The adoptive father has no death record."), ht_kind_rule_subject_alive },
  { "person_deceased", HT_SEVERITY_ERROR, "adoptive_mother", "LHT 34.2; NCN 50†",
    N_("The adoptive mother has no death record."), ht_kind_rule_subject_alive },
  { "open_guardianship", HT_SEVERITY_WARNING, "child", "BLDS 62†",
    N_("An open guardianship of the child is to be ended with the reason \"ward adopted\"."),
    rule_open_guardianship },
  { NULL }
};

static const HtPaper papers[] = {
  { "GCNNCN", "Giấy chứng nhận nuôi con nuôi", "%u", "NCN 22.1, 22.3†; Form (TT 12/2011 layout ⚠)" },
  { "TLNCN-BS", "Trích lục đăng ký nuôi con nuôi (bản sao)", "%u/TLNCN-BS", "LHT 63 ⚠" },
  { NULL }
};

const HtKind ht_kind_adoption = {
  .code = "adoption",
  .book = "NCN",
  .title_vi = "Đăng ký nuôi con nuôi",
  .label = N_("Adoption"),
  .registration_types = registration_types,
  .parties = (const char *const[]) { "child", NULL },
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of the child's or the adopter's permanent residence (NCN 9.1†); "
               "foreign-element adoptions stay with the province (NCN 9.2†)",
  .late_after_days = 0,
  .derive = NULL,
};
