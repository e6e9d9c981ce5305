/* ht-kind-amend.c — helpers for the entries that amend others: change,
 * decision_note and foreign_note (effective values, items, marriage endings).
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

/* ---- Amending entries: change, decision_note, foreign_note ---- */

/* The registry's description of the event_data of a divorce, annulment or
 * parentage determination noted from abroad, as a kind to search in. */
static const HtKind event_subjects_kind = { .code = "event_subjects", .fields = ht_shape_event_subjects };

const HtField *
ht_kind_record_field (const cJSON *record,
                      const char  *path)
{
  const HtKind *kind = ht_record_kind (record);
  g_autoptr(GString) plain = NULL;
  const char *rest;

  if (kind == NULL || path == NULL)
    return NULL;
  /* The registry describes every element of a list alike: drop the indexes. */
  plain = g_string_new (NULL);
  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '[')
        {
          const char *end = strchr (p, ']');
          if (end == NULL)
            return NULL;
          p = end;
          continue;
        }
      g_string_append_c (plain, *p);
    }
  rest = plain->str;
  if (g_str_equal (kind->code, "foreign_note") && g_str_has_prefix (rest, "event_data."))
    {
      const char *event = cJSON_GetStringValue (ht_record_get_path (record, "data.event"));
      const HtKind *ekind = ht_foreign_event_kind (event);
      g_autofree char *first = NULL;

      rest += strlen ("event_data.");
      first = g_strndup (rest, strcspn (rest, "."));
      if (ekind == NULL)
        return event != NULL ? ht_kind_find_field (&event_subjects_kind, rest) : NULL;
      return ht_foreign_event_excludes (first) ? NULL : ht_kind_find_field (ekind, rest);
    }
  return ht_kind_find_field (kind, rest);
}

char *
ht_kind_value_text (const cJSON *value)
{
  if (cJSON_IsString (value))
    {
      for (const char *p = value->valuestring; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return g_strdup (value->valuestring);
      return NULL;
    }
  if (cJSON_IsBool (value))
    return g_strdup (cJSON_IsTrue (value) ? "true" : "false");
  if (cJSON_IsNumber (value))
    return g_strdup_printf ("%" PRId64, (gint64) value->valuedouble);
  return NULL;
}

static gboolean
digits_only (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
ht_kind_value_valid (const HtField *field,
                     const char    *text)
{
  GDate d;
  int minutes;

  if (field == NULL || text == NULL)
    return FALSE;
  switch (field->type)
    {
    case HT_T_TEXT:
      return g_utf8_validate (text, -1, NULL) &&
             g_utf8_strlen (text, -1) <= (glong) (field->max_len ? field->max_len : 1000);
    case HT_T_DATE:
      return ht_date_parse (text, &d);
    case HT_T_LOCAL_DATETIME:
      return ht_local_datetime_parse (text, &d, &minutes);
    case HT_T_YEAR:
      {
        guint64 y = digits_only (text) ? g_ascii_strtoull (text, NULL, 10) : 0;
        return strlen (text) == 4 && y >= 1800 && y <= 9999;
      }
    case HT_T_INT:
      return digits_only (text[0] == '-' ? text + 1 : text);
    case HT_T_BOOL:
      return g_str_equal (text, "true") || g_str_equal (text, "false");
    case HT_T_ENUM:
      return field->values != NULL && g_strv_contains (field->values, text);
    case HT_T_CODE:
      return digits_only (text) && (field->code_len == 0 || strlen (text) == field->code_len);
    default:
      return FALSE;
    }
}

gboolean
ht_kind_same_value (const HtField *field,
                    const char    *a,
                    const char    *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (field != NULL && field->type == HT_T_DATE)
    {
      GDate da, db;
      /* A clerk copies a date from the paper as dd/mm/yyyy. */
      if ((ht_date_parse (a, &da) || ht_date_parse_vn (a, &da)) &&
          (ht_date_parse (b, &db) || ht_date_parse_vn (b, &db)))
        return g_date_compare (&da, &db) == 0;
    }
  return ht_kind_same_text (a, b);
}

const char *
ht_kind_entry_event (const cJSON *record)
{
  const char *kind = ht_record_kind_code (record);

  if (g_strcmp0 (kind, "foreign_note") == 0 || g_strcmp0 (kind, "decision_note") == 0)
    return cJSON_GetStringValue (ht_record_get_path (record, "data.event"));
  return kind;
}

static gboolean
is_approved (const cJSON *record)
{
  return g_strcmp0 (ht_record_status (record), "registered") == 0 &&
         g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (record, "review.state")), "approved") == 0;
}

/* Book order: by registration date, then by number within one kind. */
static gint
book_order (gconstpointer pa,
            gconstpointer pb)
{
  const cJSON *a = *(const cJSON *const *) pa;
  const cJSON *b = *(const cJSON *const *) pb;
  GDate da, db;
  gint64 na, nb;

  if (ht_record_registered_on (a, &da) && ht_record_registered_on (b, &db) && g_date_compare (&da, &db) != 0)
    return g_date_compare (&da, &db);
  na = ht_record_number (a);
  nb = ht_record_number (b);
  return (na > nb) - (na < nb);
}

/* Whether "entry" comes before "self" in the book (an undated "self", a
 * draft, comes after everything registered). */
static gboolean
comes_before (const cJSON *entry,
              const cJSON *self)
{
  GDate de, ds;

  if (!ht_record_registered_on (self, &ds))
    return TRUE;
  if (!ht_record_registered_on (entry, &de))
    return FALSE;
  if (g_date_compare (&de, &ds) != 0)
    return g_date_compare (&de, &ds) < 0;
  if (ht_record_number (entry) > 0 && ht_record_number (self) > 0 &&
      g_strcmp0 (ht_record_kind_code (entry), ht_record_kind_code (self)) == 0)
    return ht_record_number (entry) < ht_record_number (self);
  return TRUE;
}

/* Applies one amending entry's items for "path" to *value. */
static void
apply_items (const cJSON *items,
             const char  *path,
             char       **value)
{
  const cJSON *item;

  cJSON_ArrayForEach (item, items)
    if (g_strcmp0 (cJSON_GetStringValue (_ht_json_member (item, "field")), path) == 0)
      {
        g_free (*value);
        *value = ht_kind_value_text (_ht_json_member (item, "to"));
      }
}

/* A recognised parent becomes the birth's father or mother (KINDS.md §2.4
 * rule 5): the parentage's parent answers for "father.*" or "mother.*". */
static void
apply_parentage (const cJSON *entry,
                 const cJSON *original,
                 const char  *path,
                 char       **value)
{
  const char *relation = cJSON_GetStringValue (ht_record_get_path (entry, "data.relation"));
  const cJSON *parent = ht_record_get_path (entry, "data.parent");
  gsize len;
  char *v = NULL;

  if (relation == NULL || !cJSON_IsObject (parent) ||
      !ht_kind_ref_designates (ht_record_get_path (entry, "data.child.birth_record"), original))
    return;
  len = strlen (relation);
  if (strncmp (path, relation, len) != 0 || path[len] != '.')
    return;
  if (g_str_equal (path + len + 1, "birth_year"))
    {
      const char *dob = cJSON_GetStringValue (_ht_json_member (parent, "date_of_birth"));
      GDate d;
      if (dob != NULL && ht_date_parse (dob, &d))
        v = g_strdup_printf ("%d", g_date_get_year (&d));
    }
  else
    v = ht_kind_value_text (ht_record_get_path (parent, path + len + 1));
  if (v != NULL)
    {
      g_free (*value);
      *value = v;
    }
}

char *
ht_kind_effective_value (HtRuleCtx   *ctx,
                         const cJSON *original,
                         const char  *path)
{
  g_autofree char *full = g_strconcat ("data.", path, NULL);
  char *value = ht_kind_value_text (ht_record_get_path (original, full));
  g_autoptr(cJSON) refs = ht_kind_find_referencing (ctx, original);
  g_autoptr(GPtrArray) amending = g_ptr_array_new ();
  const char *self = ht_record_id (ctx->record);
  cJSON *r;

  cJSON_ArrayForEach (r, refs)
    if (is_approved (r) && !(self != NULL && g_strcmp0 (ht_record_id (r), self) == 0) &&
        comes_before (r, ctx->record))
      g_ptr_array_add (amending, r);
  g_ptr_array_sort (amending, book_order);

  for (guint i = 0; i < amending->len; i++)
    {
      const cJSON *e = amending->pdata[i];
      const char *kind = ht_record_kind_code (e);

      if (g_strcmp0 (kind, "change") == 0 || g_strcmp0 (kind, "decision_note") == 0)
        {
          if (ht_kind_ref_designates (ht_record_get_path (e, "data.original"), original))
            apply_items (ht_record_get_path (e, "data.items"), path, &value);
        }
      else if (g_strcmp0 (kind, "foreign_note") == 0)
        {
          /* A change settled abroad amends the entry it names (LHT 3.3). */
          if (g_strcmp0 (ht_kind_entry_event (e), "change") == 0 &&
              ht_kind_ref_designates (ht_record_get_path (e, "data.event_data.original"), original))
            apply_items (ht_record_get_path (e, "data.event_data.items"), path, &value);
        }
      else if (g_strcmp0 (kind, "parentage") == 0 && g_strcmp0 (ht_record_kind_code (original), "birth") == 0)
        apply_parentage (e, original, path, &value);
    }
  return value;
}

cJSON *
ht_kind_marriage_ending (HtRuleCtx   *ctx,
                         const cJSON *marriage)
{
  g_autoptr(cJSON) refs = NULL;
  const char *self = ht_record_id (ctx->record);
  const cJSON *r;

  if (marriage == NULL)
    return NULL;
  refs = ht_kind_find_referencing (ctx, marriage);
  cJSON_ArrayForEach (r, refs)
    {
      const char *kind = ht_record_kind_code (r);
      const char *event = ht_kind_entry_event (r);
      gboolean ends = (g_strcmp0 (kind, "decision_note") == 0 &&
                       (g_strcmp0 (event, "divorce") == 0 || g_strcmp0 (event, "marriage_annulment") == 0)) ||
                      (g_strcmp0 (kind, "foreign_note") == 0 &&
                       (g_strcmp0 (event, "divorce") == 0 || g_strcmp0 (event, "annulment") == 0));

      if (ends && !(self != NULL && g_strcmp0 (ht_record_id (r), self) == 0) &&
          ht_kind_ref_designates (ht_record_get_path (r, "data.original"), marriage))
        return cJSON_Duplicate (r, TRUE);
    }
  return NULL;
}

static gboolean
same_spouse (const cJSON *spouse,
             const cJSON *person)
{
  const char *d1 = cJSON_GetStringValue (_ht_json_member (spouse, "date_of_birth"));
  const char *d2 = cJSON_GetStringValue (_ht_json_member (person, "date_of_birth"));

  if (!cJSON_IsObject (spouse) || !cJSON_IsObject (person))
    return FALSE;
  if (ht_kind_same_person (person, spouse) || ht_kind_same_person (spouse, person))
    return TRUE;
  /* A court's notice often names the parties without their dates of birth. */
  return (d1 == NULL || d2 == NULL) &&
         ht_kind_same_text (cJSON_GetStringValue (_ht_json_member (spouse, "full_name")),
                            cJSON_GetStringValue (_ht_json_member (person, "full_name")));
}

gboolean
ht_kind_is_spouse (const cJSON *marriage,
                   const cJSON *person)
{
  gboolean noted = g_strcmp0 (ht_record_kind_code (marriage), "foreign_note") == 0;

  return same_spouse (ht_record_get_path (marriage, noted ? "data.event_data.husband" : "data.husband"), person) ||
         same_spouse (ht_record_get_path (marriage, noted ? "data.event_data.wife" : "data.wife"), person);
}

void
ht_kind_check_marriage_open (HtRuleCtx   *ctx,
                             const cJSON *original)
{
  g_autoptr(cJSON) ending = ht_kind_marriage_ending (ctx, original);

  if (ending != NULL)
    ht_rule_report (ctx, "original", _("this marriage already ended (%s/%" PRId64 "/%" PRId64 ")"),
                    ht_record_kind_code (ending), ht_record_book_year (ending), ht_record_number (ending));
}

void
ht_kind_check_spouses (HtRuleCtx   *ctx,
                       const cJSON *original,
                       const char  *subjects_path)
{
  const cJSON *subject;
  int i = 0;

  if (g_strcmp0 (ht_kind_entry_event (original), "marriage") != 0)
    return;
  cJSON_ArrayForEach (subject, ht_rule_get (ctx, subjects_path))
    {
      g_autofree char *at = g_strdup_printf ("%s[%d].full_name", subjects_path, i++);
      if (!ht_kind_is_spouse (original, subject))
        ht_rule_report (ctx, at, _("this person is not a spouse of the marriage entry"));
    }
}

/* The items' checks against the original, one function per rule code. */
typedef enum {
  ITEM_FIELD_UNKNOWN,
  ITEM_FIELD_DERIVED,
  ITEM_VALUE_INVALID,
  ITEM_FROM,
} ItemCheck;

static void
check_items (HtRuleCtx *ctx,
             ItemCheck  check)
{
  g_autoptr(cJSON) original = ht_kind_resolve (ctx, "original");
  const cJSON *item;
  int i = 0;

  if (original == NULL)
    return;
  cJSON_ArrayForEach (item, ht_rule_get (ctx, "items"))
    {
      const char *path = cJSON_GetStringValue (_ht_json_member (item, "field"));
      const char *from = cJSON_GetStringValue (_ht_json_member (item, "from"));
      const char *to = cJSON_GetStringValue (_ht_json_member (item, "to"));
      const HtField *f = path ? ht_kind_record_field (original, path) : NULL;
      gboolean value_field = f != NULL && f->type != HT_T_OBJECT && f->type != HT_T_LIST &&
                             f->type != HT_T_TEXT_LIST && f->type != HT_T_REF &&
                             f->type != HT_T_REF_OR_PAPER && f->type != HT_T_EVENT_DATA;
      g_autofree char *at = NULL;

      switch (check)
        {
        case ITEM_FIELD_UNKNOWN:
          if (path != NULL && !value_field)
            {
              at = g_strdup_printf ("items[%d].field", i);
              ht_rule_report (ctx, at, _("\"%s\" is not a field of the %s entry that can be amended"),
                              path, ht_record_kind_code (original));
            }
          break;
        case ITEM_FIELD_DERIVED:
          if (value_field && (f->flags & HT_F_DERIVED))
            {
              at = g_strdup_printf ("items[%d].field", i);
              ht_rule_report (ctx, at, _("\"%s\" is computed by the register and cannot be amended"), path);
            }
          break;
        case ITEM_VALUE_INVALID:
          if (value_field && to != NULL && !ht_kind_value_valid (f, to))
            {
              at = g_strdup_printf ("items[%d].to", i);
              if (f->type == HT_T_ENUM && f->values != NULL)
                {
                  g_autofree char *allowed = g_strjoinv (", ", (char **) f->values);
                  ht_rule_report (ctx, at, _("\"%s\" is not a value of this field (one of: %s)"), to, allowed);
                }
              else
                ht_rule_report (ctx, at, _("\"%s\" is not a valid %s for this field"), to,
                                ht_field_type_name (f->type));
            }
          break;
        case ITEM_FROM:
          if (value_field && from != NULL && path != NULL)
            {
              g_autofree char *effective = ht_kind_effective_value (ctx, original, path);
              g_autofree char *given = ht_kind_value_text (_ht_json_member (item, "from"));

              at = g_strdup_printf ("items[%d].from", i);
              if (effective == NULL && given != NULL)
                ht_rule_report (ctx, at, _("the register has nothing written here, not \"%s\""), given);
              else if (!ht_kind_same_value (f, given, effective))
                ht_rule_report (ctx, at, _("the register says \"%s\" here"), effective);
            }
          break;
        default:
          break;
        }
      i++;
    }
}

void
ht_kind_rule_item_field_unknown (HtRuleCtx *ctx)
{
  check_items (ctx, ITEM_FIELD_UNKNOWN);
}

void
ht_kind_rule_item_field_derived (HtRuleCtx *ctx)
{
  check_items (ctx, ITEM_FIELD_DERIVED);
}

void
ht_kind_rule_item_value_invalid (HtRuleCtx *ctx)
{
  check_items (ctx, ITEM_VALUE_INVALID);
}

void
ht_kind_rule_item_from (HtRuleCtx *ctx)
{
  check_items (ctx, ITEM_FROM);
}
