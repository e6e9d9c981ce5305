/* ht-sync-deps.c — which queued changes may be with the server at the same time.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys are core's (ht_record_keys_of_change(), core/ht-record-keys.c),
 * the same derivation the server stores and looks its records up by; this
 * adds what only the client knows, its own register, and keeps the keys
 * of the changes in flight.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <string.h>

#include "ht-record.h"
#include "ht-record-keys.h"
#include "ht-sync-deps.h"

struct _HtSyncKeys
{
  GArray   *stored;     /* guint64 */
  GArray   *looked_up;  /* guint64 */
  gboolean  unreadable;
};

struct _HtSyncKeySet
{
  GHashTable *stored;     /* hashes as pointers */
  GHashTable *looked_up;
  guint       unreadable;
};

/* A place in this register's own books is resolved to the record's id, so
 * that a reference by place meets one by id to the same record. */
static char *
resolve_place (const char *kind,
               const char *office,
               gint64      book_year,
               gint64      number,
               gpointer    user_data)
{
  HtStore *store = user_data;
  g_autoptr(cJSON) target = NULL;
  const char *id;

  if (g_strcmp0 (office, ht_store_get_office (store)) != 0)
    return NULL;
  target = ht_store_get_by_number (store, kind, book_year, number, NULL);
  id = target != NULL ? ht_record_id (target) : NULL;
  return g_strdup (id);
}

HtSyncKeys *
ht_sync_keys_of_change (const char *json,
                        HtStore    *store)
{
  HtSyncKeys *keys = g_new0 (HtSyncKeys, 1);

  keys->stored = g_array_new (FALSE, FALSE, sizeof (guint64));
  keys->looked_up = g_array_new (FALSE, FALSE, sizeof (guint64));
  keys->unreadable = !ht_record_keys_of_change (json, store != NULL ? resolve_place : NULL, store,
                                                keys->stored, keys->looked_up);
  return keys;
}

void
ht_sync_keys_free (HtSyncKeys *keys)
{
  if (keys == NULL)
    return;
  g_array_unref (keys->stored);
  g_array_unref (keys->looked_up);
  g_free (keys);
}

HtSyncKeySet *
ht_sync_key_set_new (void)
{
  HtSyncKeySet *set = g_new0 (HtSyncKeySet, 1);

  set->stored = g_hash_table_new (g_direct_hash, g_direct_equal);
  set->looked_up = g_hash_table_new (g_direct_hash, g_direct_equal);
  return set;
}

void
ht_sync_key_set_free (HtSyncKeySet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->stored);
  g_hash_table_unref (set->looked_up);
  g_free (set);
}

static gpointer
as_key (guint64 h)
{
  /* On a 32-bit machine the hash is folded; a collision only makes a
   * change wait. */
  return GSIZE_TO_POINTER ((gsize) (h ^ (h >> 32 >> (sizeof (gsize) * 8 - 32))));
}

void
ht_sync_key_set_add (HtSyncKeySet     *set,
                     const HtSyncKeys *keys)
{
  if (keys->unreadable)
    set->unreadable++;
  for (guint i = 0; i < keys->stored->len; i++)
    g_hash_table_add (set->stored, as_key (g_array_index (keys->stored, guint64, i)));
  for (guint i = 0; i < keys->looked_up->len; i++)
    g_hash_table_add (set->looked_up, as_key (g_array_index (keys->looked_up, guint64, i)));
}

gboolean
ht_sync_key_set_meets (const HtSyncKeySet *set,
                       const HtSyncKeys   *keys)
{
  if (set->unreadable > 0 || keys->unreadable)
    return g_hash_table_size (set->stored) > 0 || set->unreadable > 0;
  for (guint i = 0; i < keys->looked_up->len; i++)
    if (g_hash_table_contains (set->stored, as_key (g_array_index (keys->looked_up, guint64, i))))
      return TRUE;
  for (guint i = 0; i < keys->stored->len; i++)
    if (g_hash_table_contains (set->looked_up, as_key (g_array_index (keys->stored, guint64, i))))
      return TRUE;
  return FALSE;
}
