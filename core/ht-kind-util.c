/* ht-kind-util.c — helpers shared by the rule functions of several kinds.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-kind-util.h"

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

  if (g_str_equal (kind, "birth")) return birth;
  if (g_str_equal (kind, "marriage")) return marriage;
  if (g_str_equal (kind, "death")) return death;
  if (g_str_equal (kind, "parentage")) return parentage;
  if (g_str_equal (kind, "guardianship") || g_str_equal (kind, "guardianship_end")) return guardianship;
  if (g_str_equal (kind, "adoption")) return adoption;
  return subject;
}

static gboolean
person_matches (const cJSON *person,
                const char  *pin,
                const char  *doc,
                const char  *folded,
                const char  *dob)
{
  const char *p = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (person, "pin"));
  const char *d = cJSON_GetStringValue (ht_record_get_path (person, "id_document.number"));
  const char *n = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (person, "full_name"));
  const char *b = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (person, "date_of_birth"));
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
    if (person_matches (ht_record_get_path (record, paths[i]), pin, doc, folded, dob))
      return TRUE;
  return FALSE;
}

cJSON *
ht_kind_find_person (HtRuleCtx  *ctx,
                     const char *kind,
                     const char *person)
{
  const HtLookup *lookup = ctx->options->lookup;
  g_autofree char *pin_path = g_strconcat (person, ".pin", NULL);
  g_autofree char *doc_path = g_strconcat (person, ".id_document.number", NULL);
  g_autofree char *name_path = g_strconcat (person, ".full_name", NULL);
  g_autofree char *dob_path = g_strconcat (person, ".date_of_birth", NULL);
  const char *pin = ht_rule_string (ctx, pin_path);
  const char *doc = ht_rule_string (ctx, doc_path);
  const char *name = ht_rule_string (ctx, name_path);
  const char *dob = ht_rule_string (ctx, dob_path);
  g_autofree char *folded = name ? ht_fold (name) : NULL;
  cJSON *found, *out = cJSON_CreateArray ();
  cJSON *item;

  if (lookup == NULL || lookup->find_person == NULL)
    return out;
  /* A name alone is too weak to act on: it needs a date of birth with it. */
  if (dob == NULL)
    g_clear_pointer (&folded, g_free);
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
                      _("this person is registered as dead (KT/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ")"),
                      ht_record_book_year (d), ht_record_number (d));
    }
}
