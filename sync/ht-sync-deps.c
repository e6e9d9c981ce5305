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

/* A set of 64-bit key hashes, open addressing with linear probing.  A
 * batch's set takes some 8,000 keys; GHashTable spent a twelfth of the
 * push's CPU in bench-sync adding and finding them (a node, a hash and
 * a resize for each), this a flat array of the values themselves. */
typedef struct
{
  guint64 *slots;  /* 0: empty */
  gsize    mask;   /* slots - 1, a power of two less one */
  gsize    n;
} KeyHashes;

struct _HtSyncKeySet
{
  KeyHashes stored;
  KeyHashes looked_up;
  guint     unreadable;
};

#define KEY_HASHES_FIRST 256

/* 0 marks an empty slot, so the hash 0 is kept as 1: the two sharing a
 * slot only makes a change wait when it need not. */
static inline guint64
stored_value (guint64 h)
{
  return h != 0 ? h : 1;
}

static inline gsize
first_slot (const KeyHashes *set,
            guint64          value)
{
  /* Fibonacci hashing spreads hashes that differ only in high bits. */
  return (gsize) ((value * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & set->mask;
}

/* Room for "n" keys without growing: at most half full. */
static void
key_hashes_init (KeyHashes *set,
                 gsize      n)
{
  gsize size = KEY_HASHES_FIRST;

  while (size < 2 * (n + 1))
    size *= 2;
  set->slots = g_new0 (guint64, size);
  set->mask = size - 1;
  set->n = 0;
}

static void key_hashes_add (KeyHashes *set, guint64 h);

static void
key_hashes_grow (KeyHashes *set)
{
  guint64 *old = set->slots;
  gsize old_size = set->mask + 1;

  set->slots = g_new0 (guint64, old_size * 2);
  set->mask = old_size * 2 - 1;
  set->n = 0;
  for (gsize i = 0; i < old_size; i++)
    if (old[i] != 0)
      key_hashes_add (set, old[i]);
  g_free (old);
}

static void
key_hashes_add (KeyHashes *set,
                guint64    h)
{
  guint64 value = stored_value (h);
  gsize i;

  /* At most half full, so that a probe ends soon. */
  if ((set->n + 1) * 2 > set->mask + 1)
    key_hashes_grow (set);
  for (i = first_slot (set, value); set->slots[i] != 0; i = (i + 1) & set->mask)
    if (set->slots[i] == value)
      return;
  set->slots[i] = value;
  set->n++;
}

static gboolean
key_hashes_contains (const KeyHashes *set,
                     guint64          h)
{
  guint64 value = stored_value (h);

  for (gsize i = first_slot (set, value); set->slots[i] != 0; i = (i + 1) & set->mask)
    if (set->slots[i] == value)
      return TRUE;
  return FALSE;
}

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
  return ht_sync_key_set_new_like (NULL);
}

HtSyncKeySet *
ht_sync_key_set_new_like (const HtSyncKeySet *like)
{
  HtSyncKeySet *set = g_new0 (HtSyncKeySet, 1);

  /* Adding the keys of a batch to a set made small doubled it six times
   * and put every key in again each time: a third of the work of adding
   * them in bench-sync. */
  key_hashes_init (&set->stored, like != NULL ? like->stored.n : 0);
  key_hashes_init (&set->looked_up, like != NULL ? like->looked_up.n : 0);
  return set;
}

void
ht_sync_key_set_free (HtSyncKeySet *set)
{
  if (set == NULL)
    return;
  g_free (set->stored.slots);
  g_free (set->looked_up.slots);
  g_free (set);
}

void
ht_sync_key_set_add (HtSyncKeySet     *set,
                     const HtSyncKeys *keys)
{
  if (keys->unreadable)
    set->unreadable++;
  for (guint i = 0; i < keys->stored->len; i++)
    key_hashes_add (&set->stored, g_array_index (keys->stored, guint64, i));
  for (guint i = 0; i < keys->looked_up->len; i++)
    key_hashes_add (&set->looked_up, g_array_index (keys->looked_up, guint64, i));
}

gboolean
ht_sync_key_set_meets (const HtSyncKeySet *set,
                       const HtSyncKeys   *keys)
{
  if (set->unreadable > 0 || keys->unreadable)
    return set->stored.n > 0 || set->unreadable > 0;
  for (guint i = 0; i < keys->looked_up->len; i++)
    if (key_hashes_contains (&set->stored, g_array_index (keys->looked_up, guint64, i)))
      return TRUE;
  for (guint i = 0; i < keys->stored->len; i++)
    if (key_hashes_contains (&set->looked_up, g_array_index (keys->stored, guint64, i)))
      return TRUE;
  return FALSE;
}
