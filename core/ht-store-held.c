/* ht-store-held.c — an import's index keys, held back and written sorted, many at a time.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save writes a record's name keys (name_keys), lookup keys (record_keys)
 * and refs one row at a time, each into a b-tree keyed at random.  A bulk
 * import's writer thread, the import's bottleneck, keeps them instead in
 * its HtIndexBuf (_ht_index_buf_defer) and writes them sorted, in
 * multi-row statements: the name keys at the end of the import (or when a
 * lookup needs a name with any birth), the lookup keys and refs whenever a
 * lookup of the import asks SQLite about a key the import may have written
 * (_ht_import_keys_may_have, about one record in a hundred) and at the end.
 * A lookup by a full "name|birth" key finds the held-back records in
 * memory (_ht_index_buf_pending_rids).  The rows written are the same;
 * only their order and the statements differ.  Everything held back is
 * written before the import's commit, and dropped with the transaction if
 * the import fails.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-store-index-buf.h"

/* The hash a pending key is found by: FNV-1a, finished as MurmurHash3
 * finishes (every bit depends on every byte), never 0 (a free slot). */
static guint64
pending_hash (const char *key)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (const char *p = key; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * G_GUINT64_CONSTANT (1099511628211);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return h != 0 ? h : 1;
}

static void
pending_reset (HtIndexBuf *buf,
               gsize       slots)
{
  g_free (buf->pending);
  buf->pending = g_new0 (PendingSlot, slots);
  buf->pending_mask = slots - 1;
  buf->pending_used = 0;
}

/* The slot of "hash", if it has one. */
static PendingSlot *
pending_find (HtIndexBuf *buf,
              guint64     hash)
{
  for (gsize i = hash & buf->pending_mask;; i = (i + 1) & buf->pending_mask)
    {
      PendingSlot *slot = &buf->pending[i];

      if (slot->hash == hash)
        return slot;
      if (slot->hash == 0)
        return NULL;
    }
}

/* The slot of "hash", made if it has none (its "last" then 0).  The table
 * stays at most half full. */
static PendingSlot *
pending_slot (HtIndexBuf *buf,
              guint64     hash)
{
  gsize i;

  if ((buf->pending_used + 1) * 2 > buf->pending_mask + 1)
    {
      PendingSlot *old = buf->pending;
      gsize old_slots = buf->pending_mask + 1;

      buf->pending = NULL;
      pending_reset (buf, old_slots * 2);
      for (gsize j = 0; j < old_slots; j++)
        if (old[j].hash != 0)
          *pending_slot (buf, old[j].hash) = old[j];
      g_free (old);
    }
  for (i = hash & buf->pending_mask; buf->pending[i].hash != 0 && buf->pending[i].hash != hash;
       i = (i + 1) & buf->pending_mask)
    ;
  if (buf->pending[i].hash == 0)
    {
      buf->pending[i].hash = hash;
      buf->pending_used++;
    }
  return &buf->pending[i];
}

gboolean
_ht_index_buf_hold (HtStore     *self,
                    HtIndexBuf  *buf,
                    gint64       rid,
                    GError     **error)
{
  for (guint i = 0; i < buf->keys->len; i++)
    {
      IndexKey *key = &g_array_index (buf->keys, IndexKey, i);
      DeferredRow row = { key->type, g_string_chunk_insert (buf->deferred_values, key->value), rid };

      g_array_append_val (buf->deferred_rows, row);
    }
  if (buf->deferred_rows->len >= DEFERRED_KEYS_MAX && !_ht_index_buf_flush_lookup_keys (self, buf, error))
    return FALSE;

  /* The name keys of all the import's records go in sorted at the end:
   * far fewer pages touched than one key here and one there for every
   * record. */
  for (guint i = 0; i < buf->name_keys->len; i++)
    {
      const char *text = buf->name_keys->pdata[i];
      gsize len = strlen (text);
      DeferredKey key = { g_string_chunk_insert_len (buf->deferred_keys, text, len), rid, 0 };

      if (memchr (text, '|', len) != NULL)
        {
          PendingSlot *slot = pending_slot (buf, pending_hash (text));

          key.prev = slot->last;
          slot->last = buf->deferred->len + 1;
        }
      g_array_append_val (buf->deferred, key);
    }
  if (buf->deferred->len >= DEFERRED_KEYS_MAX)
    return _ht_index_buf_flush (self, buf, error);
  return TRUE;
}

static int
compare_deferred (gconstpointer a,
                  gconstpointer b)
{
  const DeferredKey *x = a, *y = b;
  int c = x->key == y->key ? 0 : strcmp (x->key, y->key);

  return c != 0 ? c : (x->rid > y->rid) - (x->rid < y->rid);
}

void
_ht_index_buf_defer (HtIndexBuf *buf)
{
  if (buf->deferred != NULL)
    return;
  buf->deferred = g_array_sized_new (FALSE, FALSE, sizeof (DeferredKey), 1 << 16);
  buf->deferred_keys = g_string_chunk_new (1 << 20);
  pending_reset (buf, PENDING_FIRST_SLOTS);
  buf->deferred_rows = g_array_sized_new (FALSE, FALSE, sizeof (DeferredRow), 1 << 14);
  buf->deferred_values = g_string_chunk_new (1 << 18);
  buf->deferred_terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_ht_index_buf_pending_rids (HtIndexBuf *buf,
                            const char *key,
                            GArray     *rids)
{
  PendingSlot *slot;

  if (buf->pending == NULL || (slot = pending_find (buf, pending_hash (key))) == NULL)
    return;
  /* Newest first.  Keys of the same hash share the chain; only this key's
   * records count. */
  for (guint next = slot->last; next > 0;)
    {
      DeferredKey *d = &g_array_index (buf->deferred, DeferredKey, next - 1);

      if (strcmp (d->key, key) == 0)
        g_array_append_val (rids, d->rid);
      next = d->prev;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const DeferredRow *x = a, *y = b;
  int c = x->type == y->type ? 0 : strcmp (x->type, y->type);

  if (c == 0)
    c = strcmp (x->value, y->value);
  return c != 0 ? c : (x->rid > y->rid) - (x->rid < y->rid);
}

/* Rows of one multi-row insert of lookup keys or refs. */
#define ROWS_BATCH 32
#define KEY_ROW1 "(?, ?, ?)"
#define KEY_ROW4 KEY_ROW1 ", " KEY_ROW1 ", " KEY_ROW1 ", " KEY_ROW1
#define KEY_ROW16 KEY_ROW4 ", " KEY_ROW4 ", " KEY_ROW4 ", " KEY_ROW4
#define REF_ROW1 "(?, ?)"
#define REF_ROW4 REF_ROW1 ", " REF_ROW1 ", " REF_ROW1 ", " REF_ROW1
#define REF_ROW16 REF_ROW4 ", " REF_ROW4 ", " REF_ROW4 ", " REF_ROW4

/* Runs an insert of lookup keys; the message is translated only when it
 * is needed, not for every row of an import. */
static gboolean
step_row (HtStore       *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  _ht_store_db_error (self->db, rc, _("writing the lookup keys"), error);
  return FALSE;
}

/* Writes rows[0..n) (all refs, or all lookup keys) ROWS_BATCH per
 * statement, the rest one by one.  OR FAIL: a plain multi-row INSERT would
 * open a statement journal, and with it make FTS5 write out the index
 * data it holds in memory (docs/local-store.md); a row that failed fails
 * the whole import, which rolls back. */
static gboolean
insert_rows (HtStore           *self,
             const DeferredRow *rows,
             guint              n,
             gboolean           refs,
             GError           **error)
{
  guint i = 0;

  G_STATIC_ASSERT (ROWS_BATCH == 32);
  for (; i + ROWS_BATCH <= n; i += ROWS_BATCH)
    {
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self,
                        refs ? "INSERT OR FAIL INTO refs (target_id, rid) VALUES " REF_ROW16 ", " REF_ROW16
                             : "INSERT OR FAIL INTO record_keys (type, value, rid) VALUES " KEY_ROW16 ", " KEY_ROW16,
                        error);
      int p = 1;

      if (stmt == NULL)
        return FALSE;
      for (guint j = i; j < i + ROWS_BATCH; j++)
        {
          if (!refs)
            _ht_store_bind_text (stmt, p++, rows[j].type);
          _ht_store_bind_text (stmt, p++, rows[j].value);
          sqlite3_bind_int64 (stmt, p++, rows[j].rid);
        }
      if (!step_row (self, stmt, error))
        return FALSE;
    }
  for (; i < n; i++)
    {
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self,
                        refs ? "INSERT INTO refs (target_id, rid) VALUES (?2, ?3)"
                             : "INSERT INTO record_keys (type, value, rid) VALUES (?1, ?2, ?3)",
                        error);

      if (stmt == NULL)
        return FALSE;
      if (!refs)
        _ht_store_bind_text (stmt, 1, rows[i].type);
      _ht_store_bind_text (stmt, 2, rows[i].value);
      sqlite3_bind_int64 (stmt, 3, rows[i].rid);
      if (!step_row (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_ht_index_buf_flush_lookup_keys (HtStore     *self,
                                 HtIndexBuf  *buf,
                                 GError     **error)
{
  const DeferredRow *rows;
  guint n, refs = 0;

  if (buf->deferred_rows == NULL || buf->deferred_rows->len == 0)
    return TRUE;
  /* Sorted, each batch's rows land on neighbouring pages; "doc" and "pin"
   * sort before "ref", so the refs are the last rows. */
  g_array_sort (buf->deferred_rows, compare_rows);
  rows = &g_array_index (buf->deferred_rows, DeferredRow, 0);
  n = buf->deferred_rows->len;
  while (refs < n && strcmp (rows[n - refs - 1].type, "ref") == 0)
    refs++;
  if (!insert_rows (self, rows, n - refs, FALSE, error)
      || !insert_rows (self, rows + n - refs, refs, TRUE, error))
    return FALSE;
  g_array_set_size (buf->deferred_rows, 0);
  g_string_chunk_clear (buf->deferred_values);
  return TRUE;
}

gboolean
_ht_index_buf_flush (HtStore     *self,
                     HtIndexBuf  *buf,
                     GError     **error)
{
  if (buf->deferred_terms != NULL && !_ht_terms_flush (self, buf->deferred_terms, error))
    return FALSE;
  if (!_ht_index_buf_flush_lookup_keys (self, buf, error))
    return FALSE;
  if (buf->deferred == NULL || buf->deferred->len == 0)
    return TRUE;
  g_array_sort (buf->deferred, compare_deferred);
  if (!_ht_store_insert_name_keys (self, &g_array_index (buf->deferred, DeferredKey, 0).key,
                                   &g_array_index (buf->deferred, DeferredKey, 0).rid,
                                   sizeof (DeferredKey), buf->deferred->len, error))
    return FALSE;
  g_array_set_size (buf->deferred, 0);
  /* Small again: a flush may come every few records (a lookup of a name
   * with any birth writes the keys held back first). */
  pending_reset (buf, PENDING_FIRST_SLOTS);
  g_string_chunk_clear (buf->deferred_keys);
  return TRUE;
}
