/* ht-record-diff.c — what changed between two versions of a record, field by field.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reviewer who returned a record wants to see what the commune changed
 * before deciding again.  Both versions are flattened into their leaves
 * ("data.child.full_name", "data.items[0].to") and the leaves compared; a
 * member only one side has is a change from or to "absent".  Only what the
 * commune writes is compared: the reviewer's block, the server's PIN and
 * the bookkeeping members (version, time) would otherwise show on every
 * version.
 */
#define G_LOG_DOMAIN "ht-store"

#include <string.h>

#include "ht-store-review.h"

void
ht_field_change_free (HtFieldChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

/* Envelope members the commune does not own (DESIGN.md "field ownership"). */
static gboolean
is_owned_elsewhere (const char *member)
{
  static const char *const others[] = { "review", "pin", "content_version", "updated_at", NULL };

  return member != NULL && g_strv_contains (others, member);
}

/* A leaf as the reviewer reads it: text as it is, anything else as JSON. */
static char *
leaf_text (const cJSON *value)
{
  char *printed;
  char *text;

  if (cJSON_IsString (value))
    return g_strdup (value->valuestring);
  printed = cJSON_PrintUnformatted (value);
  text = g_strdup (printed);
  cJSON_free (printed);
  return text;
}

/* Adds every leaf under "node" to "leaves" (path → text).  An empty object
 * or list is a leaf of its own, so that adding or removing one shows. */
static void
flatten (const cJSON *node,
         const char  *path,
         GHashTable  *leaves)
{
  const cJSON *child;
  guint i = 0;

  if ((cJSON_IsObject (node) || cJSON_IsArray (node)) && node->child != NULL)
    {
      cJSON_ArrayForEach (child, node)
        {
          g_autofree char *sub = NULL;

          if (cJSON_IsArray (node))
            sub = g_strdup_printf ("%s[%u]", path, i++);
          else if (path[0] == '\0')
            sub = g_strdup (child->string);
          else
            sub = g_strconcat (path, ".", child->string, NULL);
          if (path[0] == '\0' && is_owned_elsewhere (child->string))
            continue;
          flatten (child, sub, leaves);
        }
      return;
    }
  g_hash_table_insert (leaves, g_strdup (path), leaf_text (node));
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const HtFieldChange *x = *(HtFieldChange *const *) a;
  const HtFieldChange *y = *(HtFieldChange *const *) b;

  return strcmp (x->path, y->path);
}

GPtrArray *
ht_record_diff (const cJSON *before,
                const cJSON *after)
{
  g_autoptr(GHashTable) old_leaves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) new_leaves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_field_change_free);
  GHashTableIter iter;
  gpointer path, text;

  if (before != NULL)
    flatten (before, "", old_leaves);
  if (after != NULL)
    flatten (after, "", new_leaves);

  g_hash_table_iter_init (&iter, old_leaves);
  while (g_hash_table_iter_next (&iter, &path, &text))
    {
      const char *now = g_hash_table_lookup (new_leaves, path);

      if (g_strcmp0 (now, text) != 0)
        {
          HtFieldChange *change = g_new0 (HtFieldChange, 1);

          change->path = g_strdup (path);
          change->before = g_strdup (text);
          change->after = g_strdup (now);
          g_ptr_array_add (changes, change);
        }
    }
  g_hash_table_iter_init (&iter, new_leaves);
  while (g_hash_table_iter_next (&iter, &path, &text))
    {
      if (!g_hash_table_contains (old_leaves, path))
        {
          HtFieldChange *change = g_new0 (HtFieldChange, 1);

          change->path = g_strdup (path);
          change->after = g_strdup (text);
          g_ptr_array_add (changes, change);
        }
    }
  g_ptr_array_sort (changes, compare_changes);
  return changes;
}
