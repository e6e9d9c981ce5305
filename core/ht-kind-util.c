/* ht-kind-util.c — helpers shared by the rule functions of several kinds.
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
#include "ht-units.h"

gboolean
ht_kind_same_text (const char *a,
                   const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fa = ht_fold (a);
  fb = ht_fold (b);
  return fa != NULL && fb != NULL && strcmp (fa, fb) == 0;
}

int
ht_kind_age_on (HtRuleCtx   *ctx,
                const char  *person,
                const GDate *on)
{
  g_autofree char *dob_path = g_strconcat (person, ".date_of_birth", NULL);
  g_autofree char *year_path = g_strconcat (person, ".birth_year", NULL);
  GDate dob;
  gint64 year;

  if (on == NULL || !g_date_valid (on))
    return -1;
  if (!ht_rule_date (ctx, dob_path, &dob))
    {
      if (!ht_rule_int (ctx, year_path, &year))
        return -1;
      g_date_set_dmy (&dob, 1, G_DATE_JANUARY, (GDateYear) year);
    }
  return ht_date_full_years (&dob, on);
}

cJSON *
ht_kind_resolve (HtRuleCtx  *ctx,
                 const char *ref)
{
  const cJSON *r = ht_rule_get (ctx, ref);
  const HtLookup *lookup = ctx->options->lookup;

  if (!cJSON_IsObject (r) || lookup == NULL || lookup->resolve_ref == NULL ||
      cJSON_HasObjectItem (r, "office_name") || cJSON_HasObjectItem (r, "title"))
    return NULL;
  return lookup->resolve_ref (lookup->user_data, r);
}

gboolean
ht_kind_ref_registered_on (HtRuleCtx  *ctx,
                           const char *ref,
                           GDate      *out)
{
  g_autofree char *path = g_strconcat (ref, ".registered_on", NULL);
  g_autoptr(cJSON) target = NULL;

  if (ht_rule_date (ctx, path, out))
    return TRUE;
  target = ht_kind_resolve (ctx, ref);
  return target != NULL && ht_record_registered_on (target, out);
}

/* The people a record of each kind is about: a match on a declarant or a
 * witness is not a match on the person. */
static const char *const *
principal_paths (const char *kind)
{
  static const char *const birth[] = { "data.child", NULL };
  static const char *const marriage[] = { "data.husband", "data.wife", NULL };
  static const char *const death[] = { "data.deceased", NULL };
  static const char *const parentage[] = { "data.parent", "data.child", NULL };
  static const char *const guardianship[] = { "data.guardian", "data.ward", NULL };
  static const char *const adoption[] = { "data.child", "data.adoptive_father", "data.adoptive_mother", NULL };
  static const char *const subject[] = { "data.subject", NULL };
  static const char *const decision_note[] = { "data.subjects[]", NULL };
  static const char *const foreign_note[] = {
    "data.event_data.child", "data.event_data.husband", "data.event_data.wife", "data.event_data.deceased",
    "data.event_data.parent", "data.event_data.subject", "data.event_data.subjects[]", NULL
  };

  if (g_str_equal (kind, "birth")) return birth;
  if (g_str_equal (kind, "marriage")) return marriage;
  if (g_str_equal (kind, "death")) return death;
  if (g_str_equal (kind, "parentage")) return parentage;
  if (g_str_equal (kind, "guardianship") || g_str_equal (kind, "guardianship_end")) return guardianship;
  if (g_str_equal (kind, "adoption")) return adoption;
  if (g_str_equal (kind, "decision_note")) return decision_note;
  if (g_str_equal (kind, "foreign_note")) return foreign_note;
  return subject;
}

static gboolean
person_matches (const cJSON *person,
                const char  *pin,
                const char  *doc,
                const char  *folded,
                const char  *dob)
{
  const char *p = cJSON_GetStringValue (_ht_json_member (person, "pin"));
  const char *d = cJSON_GetStringValue (ht_record_get_path (person, "id_document.number"));
  const char *n = cJSON_GetStringValue (_ht_json_member (person, "full_name"));
  const char *b = cJSON_GetStringValue (_ht_json_member (person, "date_of_birth"));
  g_autofree char *fn = NULL;

  if (!cJSON_IsObject (person))
    return FALSE;
  if (pin != NULL && (g_strcmp0 (p, pin) == 0 || g_strcmp0 (d, pin) == 0))
    return TRUE;
  if (doc != NULL && (g_strcmp0 (d, doc) == 0 || g_strcmp0 (p, doc) == 0))
    return TRUE;
  if (folded == NULL || dob == NULL || n == NULL || g_strcmp0 (b, dob) != 0)
    return FALSE;
  fn = ht_fold (n);
  return g_strcmp0 (fn, folded) == 0;
}

/* Whether a found record is about the person (not merely naming them). */
static gboolean
record_is_about (const cJSON *record,
                 const char  *kind,
                 const char  *pin,
                 const char  *doc,
                 const char  *folded,
                 const char  *dob)
{
  const char *const *paths = principal_paths (kind);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      /* "path[]" names a list of people. */
      if (g_str_has_suffix (paths[i], "[]"))
        {
          g_autofree char *list_path = g_strndup (paths[i], strlen (paths[i]) - 2);
          const cJSON *person;
          cJSON_ArrayForEach (person, ht_record_get_path (record, list_path))
            if (person_matches (person, pin, doc, folded, dob))
              return TRUE;
        }
      else if (person_matches (ht_record_get_path (record, paths[i]), pin, doc, folded, dob))
        return TRUE;
    }
  return FALSE;
}

cJSON *
ht_kind_find_person (HtRuleCtx  *ctx,
                     const char *kind,
                     const char *person)
{
  const HtLookup *lookup = ctx->options->lookup;
  const cJSON *who;
  const char *pin, *doc, *name, *dob;
  g_autofree char *folded = NULL;
  cJSON *found, *out = cJSON_CreateArray ();
  cJSON *item;

  /* Nothing is read, and no name folded, when no register can answer. */
  if (lookup == NULL || lookup->find_person == NULL)
    return out;
  /* The person's members are read from the person object, found once,
   * rather than by four full paths from the record. */
  who = ht_rule_get (ctx, person);
  pin = cJSON_GetStringValue (ht_record_get_path (who, "pin"));
  doc = cJSON_GetStringValue (ht_record_get_path (who, "id_document.number"));
  name = cJSON_GetStringValue (ht_record_get_path (who, "full_name"));
  dob = cJSON_GetStringValue (ht_record_get_path (who, "date_of_birth"));
  /* A citizen identity card number is the personal ID number (Luật Căn cước
   * 2023 Điều 12): a person known by one is found by the other too. */
  if (pin == NULL && doc != NULL && strlen (doc) == 12 && strspn (doc, "0123456789") == 12)
    pin = doc;
  /* A name alone is too weak to act on: it needs a date of birth with it. */
  if (name != NULL && dob != NULL)
    folded = ht_fold (name);
  if (pin == NULL && doc == NULL && folded == NULL)
    return out;
  found = lookup->find_person (lookup->user_data, kind, pin, doc, folded, dob);
  while (found != NULL && cJSON_GetArraySize (found) > 0)
    {
      item = cJSON_DetachItemFromArray (found, 0);
      if (g_strcmp0 (ht_record_id (item), ht_record_id (ctx->record)) == 0 ||
          g_strcmp0 (ht_record_status (item), "registered") != 0 ||
          !record_is_about (item, kind, pin, doc, folded, dob))
        cJSON_Delete (item);
      else
        cJSON_AddItemToArray (out, item);
    }
  cJSON_Delete (found);
  return out;
}

void
ht_kind_rule_re_registration_date (HtRuleCtx *ctx)
{
  GDate original, limit;

  if (g_strcmp0 (ht_rule_registration_type (ctx), "re-registration") != 0)
    return;
  g_date_set_dmy (&limit, 1, G_DATE_JANUARY, 2016);
  if (ht_kind_ref_registered_on (ctx, "original", &original) && g_date_compare (&original, &limit) >= 0)
    ht_rule_report (ctx, "original.registered_on",
                    _("re-registration is only for events registered before 1 January 2016"));
}

void
ht_kind_rule_subject_alive (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) deaths = NULL;
  const char *type = ht_rule_registration_type (ctx);

  /* The lock applies to re-registrations of births and to every act that
   * needs a living person; kinds list this rule where it applies and birth
   * only for a re-registration. */
  if (g_str_equal (ctx->kind->code, "birth") && g_strcmp0 (type, "re-registration") != 0)
    return;
  if (ht_rule_get (ctx, ctx->rule->field) == NULL)
    return;
  deaths = ht_kind_find_person (ctx, "death", ctx->rule->field);
  if (cJSON_GetArraySize (deaths) > 0)
    {
      const cJSON *d = cJSON_GetArrayItem (deaths, 0);
      ht_rule_report (ctx, ctx->rule->field,
                      _("this person is registered as dead (KT/%" PRId64 "/%" PRId64 ")"),
                      ht_record_book_year (d), ht_record_number (d));
    }
}

/* ---- Marriages and deaths in the register (marriage, marital_status) ---- */

/* The keys the register is searched by, taken from a person object. */
typedef struct
{
  const char *pin;
  const char *doc;
  const char *dob;
  char       *folded; /* only with a date of birth: a name alone is too weak */
} PersonKeys;

static void
person_keys_init (PersonKeys  *k,
                  const cJSON *person)
{
  const char *name = cJSON_GetStringValue (_ht_json_member (person, "full_name"));

  k->pin = cJSON_GetStringValue (_ht_json_member (person, "pin"));
  k->doc = cJSON_GetStringValue (ht_record_get_path (person, "id_document.number"));
  k->dob = cJSON_GetStringValue (_ht_json_member (person, "date_of_birth"));
  k->folded = (name != NULL && k->dob != NULL) ? ht_fold (name) : NULL;
}

static gboolean
person_keys_match (const PersonKeys *k,
                   const cJSON      *person)
{
  return person_matches (person, k->pin, k->doc, k->folded, k->dob);
}

/* Registered records of "kind" in which the keys appear anywhere; the
 * caller decides in which role.  The record under validation is left out. */
static cJSON *
find_registered (HtRuleCtx        *ctx,
                 const char       *kind,
                 const PersonKeys *k)
{
  const HtLookup *lookup = ctx->options->lookup;
  cJSON *found, *item, *out = cJSON_CreateArray ();

  if (lookup == NULL || lookup->find_person == NULL ||
      (k->pin == NULL && k->doc == NULL && k->folded == NULL))
    return out;
  found = lookup->find_person (lookup->user_data, kind, k->pin, k->doc, k->folded, k->dob);
  while (found != NULL && cJSON_GetArraySize (found) > 0)
    {
      item = cJSON_DetachItemFromArray (found, 0);
      if (g_strcmp0 (ht_record_status (item), "registered") != 0 ||
          (ht_record_id (item) != NULL && g_strcmp0 (ht_record_id (item), ht_record_id (ctx->record)) == 0))
        cJSON_Delete (item);
      else
        cJSON_AddItemToArray (out, item);
    }
  cJSON_Delete (found);
  return out;
}

cJSON *
ht_kind_find_referencing (HtRuleCtx   *ctx,
                          const cJSON *target)
{
  const HtLookup *lookup = ctx->options->lookup;
  const char *id = ht_record_id (target);
  cJSON *found, *item, *out = cJSON_CreateArray ();

  if (lookup == NULL || lookup->find_referencing == NULL || id == NULL)
    return out;
  found = lookup->find_referencing (lookup->user_data, id);
  while (found != NULL && cJSON_GetArraySize (found) > 0)
    {
      item = cJSON_DetachItemFromArray (found, 0);
      if (g_strcmp0 (ht_record_status (item), "registered") != 0)
        cJSON_Delete (item);
      else
        cJSON_AddItemToArray (out, item);
    }
  cJSON_Delete (found);
  return out;
}

static gboolean
date_at (const cJSON *record,
         const char  *path,
         GDate       *out)
{
  const char *s = cJSON_GetStringValue (ht_record_get_path (record, path));
  int minutes;

  g_date_clear (out, 1);
  return s != NULL && (ht_date_parse (s, out) || ht_local_datetime_parse (s, out, &minutes));
}

gboolean
ht_kind_same_person (const cJSON *a,
                     const cJSON *b)
{
  PersonKeys k;
  gboolean same;

  if (!cJSON_IsObject (a) || !cJSON_IsObject (b))
    return FALSE;
  person_keys_init (&k, a);
  same = person_keys_match (&k, b);
  g_free (k.folded);
  return same;
}

gboolean
ht_kind_is_foreign (const char *nationality)
{
  g_autofree char *f = nationality ? ht_fold (nationality) : NULL;

  return f != NULL && *f != '\0' && !g_str_equal (f, "viet nam") && !g_str_equal (f, "vietnam");
}

/* Whether a court's declaration of death was later cancelled (LHT 3.2.g). */
static gboolean
declaration_cancelled (HtRuleCtx   *ctx,
                       const cJSON *note)
{
  g_autoptr(cJSON) refs = ht_kind_find_referencing (ctx, note);
  const cJSON *r;

  cJSON_ArrayForEach (r, refs)
    if (g_strcmp0 (ht_record_kind_code (r), "decision_note") == 0 &&
        ht_record_get_path (r, "data.cancels") != NULL)
      return TRUE;
  return FALSE;
}

cJSON *
ht_kind_death_of (HtRuleCtx   *ctx,
                  const cJSON *person,
                  GDate       *died_on)
{
  PersonKeys k;
  cJSON *result = NULL;
  cJSON *item;

  g_date_clear (died_on, 1);
  if (!cJSON_IsObject (person))
    return NULL;
  person_keys_init (&k, person);

  {
    g_autoptr(cJSON) deaths = find_registered (ctx, "death", &k);
    cJSON_ArrayForEach (item, deaths)
      if (result == NULL && person_keys_match (&k, ht_record_get_path (item, "data.deceased")))
        {
          result = cJSON_Duplicate (item, TRUE);
          date_at (item, "data.died_at", died_on);
        }
  }
  if (result == NULL)
    {
      /* A person declared dead is treated as dead from the date in the
       * judgment (HNGĐ 65; LHT 34.2). */
      g_autoptr(cJSON) notes = find_registered (ctx, "decision_note", &k);
      cJSON_ArrayForEach (item, notes)
        {
          const cJSON *subject;
          gboolean about = FALSE;

          /* A note that cancels a declaration lifts it; it declares nothing. */
          if (result != NULL || ht_record_get_path (item, "data.cancels") != NULL ||
              g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (item, "data.event")), "declared_dead") != 0)
            continue;
          cJSON_ArrayForEach (subject, ht_record_get_path (item, "data.subjects"))
            about |= person_keys_match (&k, subject);
          if (about && !declaration_cancelled (ctx, item))
            {
              result = cJSON_Duplicate (item, TRUE);
              date_at (item, "data.declared_death_date", died_on);
            }
        }
    }
  if (result == NULL)
    {
      g_autoptr(cJSON) notes = find_registered (ctx, "foreign_note", &k);
      cJSON_ArrayForEach (item, notes)
        if (result == NULL &&
            g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (item, "data.event")), "death") == 0 &&
            person_keys_match (&k, ht_record_get_path (item, "data.event_data.deceased")))
          {
            result = cJSON_Duplicate (item, TRUE);
            if (!date_at (item, "data.foreign_act.event_date", died_on))
              date_at (item, "data.event_data.died_at", died_on);
          }
    }
  g_free (k.folded);
  return result;
}

/* The path of the other spouse in a marriage entry when the keys name one
 * of the spouses, else NULL. */
static const char *
other_spouse (const cJSON      *entry,
              const PersonKeys *k)
{
  gboolean noted = g_strcmp0 (ht_record_kind_code (entry), "foreign_note") == 0;
  const char *husband = noted ? "data.event_data.husband" : "data.husband";
  const char *wife = noted ? "data.event_data.wife" : "data.wife";

  if (person_keys_match (k, ht_record_get_path (entry, husband)))
    return wife;
  if (person_keys_match (k, ht_record_get_path (entry, wife)))
    return husband;
  return NULL;
}

/* How a marriage entry stood on "on": its state and the day it ended. */
static const char *
marriage_state (HtRuleCtx   *ctx,
                const cJSON *entry,
                const char  *spouse_path,
                const GDate *on,
                GDate       *ended_on)
{
  g_autoptr(cJSON) refs = ht_kind_find_referencing (ctx, entry);
  g_autoptr(cJSON) death = NULL;
  const cJSON *r;

  g_date_clear (ended_on, 1);
  cJSON_ArrayForEach (r, refs)
    {
      const char *kind = ht_record_kind_code (r);
      const char *event = cJSON_GetStringValue (ht_record_get_path (r, "data.event"));
      gboolean divorce, annulment;
      GDate end;

      if (g_strcmp0 (kind, "decision_note") == 0)
        {
          divorce = g_strcmp0 (event, "divorce") == 0;
          annulment = g_strcmp0 (event, "marriage_annulment") == 0;
          date_at (r, "data.decision.effective_on", &end);
        }
      else if (g_strcmp0 (kind, "foreign_note") == 0)
        {
          divorce = g_strcmp0 (event, "divorce") == 0;
          annulment = g_strcmp0 (event, "annulment") == 0;
          date_at (r, "data.foreign_act.event_date", &end);
        }
      else
        continue;
      if (!divorce && !annulment)
        continue;
      /* An end dated after "on" did not yet count; an undated one does. */
      if (on != NULL && g_date_valid (on) && g_date_valid (&end) && g_date_compare (&end, on) > 0)
        continue;
      *ended_on = end;
      return annulment ? "annulled" : "divorced";
    }

  death = ht_kind_death_of (ctx, ht_record_get_path (entry, spouse_path), ended_on);
  if (death != NULL && (on == NULL || !g_date_valid (on) || !g_date_valid (ended_on) ||
                        g_date_compare (ended_on, on) <= 0))
    return "widowed";
  g_date_clear (ended_on, 1);
  return "in_force";
}

cJSON *
ht_kind_marriages_of (HtRuleCtx   *ctx,
                      const char  *person,
                      const GDate *on)
{
  static const char *const kinds[] = { "marriage", "foreign_note", NULL };
  cJSON *out = cJSON_CreateArray ();
  PersonKeys k;

  if (!cJSON_IsObject (ht_rule_get (ctx, person)))
    return out;
  person_keys_init (&k, ht_rule_get (ctx, person));
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autoptr(cJSON) found = find_registered (ctx, kinds[i], &k);
      const cJSON *entry;

      cJSON_ArrayForEach (entry, found)
        {
          gboolean noted = g_str_equal (kinds[i], "foreign_note");
          const char *spouse = NULL;
          const char *state;
          GDate start, ended_on;
          cJSON *o;

          if (noted && g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (entry, "data.event")), "marriage") != 0)
            continue;
          if ((spouse = other_spouse (entry, &k)) == NULL)
            continue;
          /* A marriage counts from its established date where the book has
           * one (recognition, re-registration), else from its registration. */
          if (!date_at (entry, noted ? "data.foreign_act.event_date" : "data.marriage_established_on", &start))
            ht_record_registered_on (entry, &start);
          if (on != NULL && g_date_valid (on) && g_date_valid (&start) && g_date_compare (&start, on) > 0)
            continue;
          state = marriage_state (ctx, entry, spouse, on, &ended_on);
          o = cJSON_CreateObject ();
          cJSON_AddItemToObject (o, "record", cJSON_Duplicate (entry, TRUE));
          cJSON_AddStringToObject (o, "state", state);
          if (g_date_valid (&ended_on))
            {
              g_autofree char *s = ht_date_format (&ended_on);
              cJSON_AddStringToObject (o, "ended_on", s);
            }
          else
            cJSON_AddNullToObject (o, "ended_on");
          cJSON_AddItemToArray (out, o);
        }
    }
  g_free (k.folded);
  return out;
}

/* ---- Refs, guardianships and offices (death, guardianship, adoption) ---- */

gboolean
ht_kind_ref_designates (const cJSON *ref,
                        const cJSON *record)
{
  const char *id = cJSON_GetStringValue (_ht_json_member (ref, "id"));
  const cJSON *book_year = _ht_json_member (ref, "book_year");
  const cJSON *number = _ht_json_member (ref, "number");

  if (!cJSON_IsObject (ref) || record == NULL)
    return FALSE;
  if (id != NULL)
    return g_strcmp0 (id, ht_record_id (record)) == 0;
  return cJSON_IsNumber (book_year) && cJSON_IsNumber (number) &&
         g_strcmp0 (cJSON_GetStringValue (_ht_json_member (ref, "kind")),
                    ht_record_kind_code (record)) == 0 &&
         g_strcmp0 (cJSON_GetStringValue (_ht_json_member (ref, "office")),
                    ht_record_office (record)) == 0 &&
         (gint64) book_year->valuedouble == ht_record_book_year (record) &&
         (gint64) number->valuedouble == ht_record_number (record);
}

cJSON *
ht_kind_guardianship_ending (HtRuleCtx   *ctx,
                             const cJSON *guardianship)
{
  g_autoptr(cJSON) refs = NULL;
  const char *self = ht_record_id (ctx->record);
  const cJSON *r;

  if (guardianship == NULL)
    return NULL;
  refs = ht_kind_find_referencing (ctx, guardianship);
  cJSON_ArrayForEach (r, refs)
    if (g_strcmp0 (ht_record_kind_code (r), "guardianship_end") == 0 &&
        !(self != NULL && g_strcmp0 (ht_record_id (r), self) == 0) &&
        ht_kind_ref_designates (ht_record_get_path (r, "data.guardianship"), guardianship))
      return cJSON_Duplicate (r, TRUE);
  return NULL;
}

HtKindOfficeRelation
ht_kind_office_relation (HtRuleCtx  *ctx,
                         const char *office)
{
  const char *own = ht_record_office (ctx->record);
  HtUnitsDataset ds;

  if (own == NULL || office == NULL || g_str_equal (own, office))
    return HT_KIND_OFFICE_SAME;
  ds = g_date_valid (&ctx->registered_on) ? ht_units_dataset_on (&ctx->registered_on) : HT_UNITS_2026_04_30;
  return ht_units_lookup (ds, HT_UNIT_COMMUNE, office) != NULL ? HT_KIND_OFFICE_OTHER : HT_KIND_OFFICE_MERGED;
}

gboolean
ht_kind_dates_out_of_order (HtRuleCtx  *ctx,
                            const char *earlier,
                            const char *later,
                            gboolean    strict)
{
  GDate a, b;
  int order;

  if (!ht_rule_date (ctx, earlier, &a) || !ht_rule_date (ctx, later, &b))
    return FALSE;
  order = g_date_compare (&b, &a);
  return strict ? order <= 0 : order < 0;
}
