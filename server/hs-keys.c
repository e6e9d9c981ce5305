/* hs-keys.c — the keys records are looked up by when rules check the register.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-server"

#include <string.h>

#include "ht-fold.h"
#include "ht-record.h"
#include "hs-keys.h"

char *
hs_key (const char *type,
        const char *value)
{
  return g_strconcat (type, "\t", value, NULL);
}

void
hs_keys_add (GPtrArray  *keys,
             const char *type,
             const char *value)
{
  char *key = hs_key (type, value);

  if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_free (key);
  else
    g_ptr_array_add (keys, key);
}

char *
hs_normalize_doc (const char *number)
{
  GString *out = g_string_sized_new (strlen (number));

  for (const char *p = number; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

typedef struct
{
  const cJSON *record;
  GPtrArray   *keys;
} Walk;

/* The object holding the member at "path" (the record itself for a
 * top-level member): a name's date or year of birth is its sibling. */
static const cJSON *
parent_of (const cJSON *record,
           const char  *path)
{
  const char *dot = strrchr (path, '.');
  char buf[256];

  if (dot == NULL)
    return record;
  if ((gsize) (dot - path) >= sizeof buf)
    {
      g_autofree char *parent = g_strndup (path, dot - path);
      return ht_record_get_path (record, parent);
    }
  memcpy (buf, path, dot - path);
  buf[dot - path] = '\0';
  return ht_record_get_path (record, buf);
}

static void
flagged_cb (const HtField *field,
            const char    *path,
            const cJSON   *value,
            gpointer       user_data)
{
  Walk *walk = user_data;

  if (!cJSON_IsString (value) || value->valuestring[0] == '\0')
    return;
  if (field->flags & HT_F_PIN)
    hs_keys_add (walk->keys, "pin", value->valuestring);
  if (field->flags & HT_F_DOC_NUMBER)
    {
      g_autofree char *doc = hs_normalize_doc (value->valuestring);
      if (doc[0] != '\0')
        hs_keys_add (walk->keys, "doc", doc);
    }
  if (field->flags & HT_F_SEARCH_NAME)
    {
      g_autofree char *folded = ht_fold (value->valuestring);
      g_autofree char *key = NULL;
      const cJSON *parent = parent_of (walk->record, path);
      const cJSON *dob = cJSON_GetObjectItemCaseSensitive (parent, "date_of_birth");
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (parent, "birth_year");

      /* A name alone is too weak to find anyone by (the rules never ask
       * for one), so only names with a date or a year of birth count. */
      if (folded == NULL || folded[0] == '\0')
        return;
      if (cJSON_IsString (dob))
        key = g_strconcat (folded, "|", dob->valuestring, NULL);
      else if (cJSON_IsNumber (year))
        key = g_strdup_printf ("%s|%d", folded, year->valueint);
      if (key != NULL)
        hs_keys_add (walk->keys, "person", key);
    }
}

/* Refs anywhere in "data", by id or by place in a book; the place is kept
 * as "kind/office/book_year/number" so it does not depend on what the
 * register held when the record was stored. */
static void
walk_refs (Walk        *walk,
           const cJSON *node,
           const char  *office)
{
  const cJSON *child;

  if (cJSON_IsObject (node))
    {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive (node, "id");
      const cJSON *kind = cJSON_GetObjectItemCaseSensitive (node, "kind");
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (node, "book_year");
      const cJSON *number = cJSON_GetObjectItemCaseSensitive (node, "number");

      if (cJSON_IsString (id) && id->valuestring[0] != '\0')
        hs_keys_add (walk->keys, "ref", id->valuestring);
      else if (cJSON_IsString (kind) && cJSON_IsNumber (year) && cJSON_IsNumber (number))
        {
          const cJSON *ref_office = cJSON_GetObjectItemCaseSensitive (node, "office");
          g_autofree char *key = g_strdup_printf ("%s/%s/%.0f/%.0f", kind->valuestring,
                                                  cJSON_IsString (ref_office) ? ref_office->valuestring : office,
                                                  year->valuedouble, number->valuedouble);
          hs_keys_add (walk->keys, "ref", key);
        }
    }
  if (cJSON_IsObject (node) || cJSON_IsArray (node))
    cJSON_ArrayForEach (child, node)
      walk_refs (walk, child, office);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
hs_record_keys (const cJSON *record)
{
  Walk walk = { record, g_ptr_array_new_with_free_func (g_free) };
  const cJSON *pin = cJSON_GetObjectItemCaseSensitive (record, "pin");
  const char *office = ht_record_office (record);

  ht_record_foreach_flagged (record, HT_F_PIN | HT_F_DOC_NUMBER | HT_F_SEARCH_NAME, flagged_cb, &walk);
  if (cJSON_IsString (pin) && pin->valuestring[0] != '\0')
    hs_keys_add (walk.keys, "pin", pin->valuestring);
  walk_refs (&walk, ht_record_data (record), office != NULL ? office : "");
  g_ptr_array_sort (walk.keys, compare_keys);
  return walk.keys;
}

void
hs_keys_for_lookup (GPtrArray  *keys,
                    GHashTable *into)
{
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *value = strchr (key, '\t') + 1;

      /* find_person matches a personal ID number against both kinds of
       * number (a citizen identity card's number is the holder's PIN), and
       * a full date of birth also against a person recorded with the year
       * alone. */
      if (g_str_has_prefix (key, "pin\t") || g_str_has_prefix (key, "doc\t"))
        {
          g_hash_table_add (into, hs_key ("pin", value));
          g_hash_table_add (into, hs_key ("doc", value));
        }
      else if (g_str_has_prefix (key, "person\t"))
        {
          const char *bar = strrchr (value, '|');

          if (bar == NULL || strlen (bar + 1) <= 4)
            continue;
          g_hash_table_add (into, g_strdup (key));
          g_hash_table_add (into, g_strdup_printf ("person\t%.*s%.4s", (int) (bar - value + 1), value, bar + 1));
        }
    }
}
