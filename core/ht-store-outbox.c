/* ht-store-outbox.c — what sync takes from the register: queued changes and register numbers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox holds no record text: an entry points at the version it
 * carries, and the history keeps that version unchanged for ever, so the
 * change is rebuilt around it when read — the same bytes each time, as
 * DESIGN.md wants of a frozen change.  Number blocks are the ranges of
 * register numbers the server reserved for this PC.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-int-text.h"
#include "ht-store-sync-private.h"

/* ---- The outbox ---- */

void
ht_outbox_entry_free (HtOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->change_id);
  g_free (entry->record_id);
  g_free (entry->op);
  g_free (entry->json);
  g_free (entry);
}

#define CHANGE_HEAD "{\"change_id\":\""
#define CHANGE_RECORD_ID "\",\"record_id\":\""
#define CHANGE_BASE "\",\"base_version\":"
#define CHANGE_OP ",\"op\":\"record\",\"record\":"

/* The change as the protocol pushes it.  The ids are UUIDs and the record
 * is canonical JSON, so plain concatenation gives canonical JSON.  Put
 * together in one allocation of its exact size: the sync engine builds one
 * for every change a run pushes. */
static char *
record_change (const char *change_id,
               gsize       change_id_len,
               const char *record_id,
               gsize       record_id_len,
               gint64      base_version,
               const char *record,
               gsize       record_len,
               gsize      *length)
{
  char base_buf[HT_INT64_TEXT_SIZE];
  const char *base = ht_int64_text (base_buf, base_version);
  gsize base_len = strlen (base);
  gsize total = strlen (CHANGE_HEAD) + change_id_len + strlen (CHANGE_RECORD_ID) + record_id_len
                + strlen (CHANGE_BASE) + base_len + strlen (CHANGE_OP) + record_len + 1;
  char *out = g_malloc (total + 1);
  char *p = out;

#define PUT(text, len) (memcpy (p, (text), (len)), p += (len))
  PUT (CHANGE_HEAD, strlen (CHANGE_HEAD));
  PUT (change_id, change_id_len);
  PUT (CHANGE_RECORD_ID, strlen (CHANGE_RECORD_ID));
  PUT (record_id, record_id_len);
  PUT (CHANGE_BASE, strlen (CHANGE_BASE));
  PUT (base, base_len);
  PUT (CHANGE_OP, strlen (CHANGE_OP));
  PUT (record, record_len);
#undef PUT
  *p++ = '}';
  *p = '\0';
  *length = total;
  return out;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strndup (text, (gsize) sqlite3_column_bytes (stmt, column)) : NULL;
}

HtOutboxEntry *
_ht_outbox_entry_from_row (sqlite3_stmt  *stmt,
                           gsize         *json_len,
                           GError       **error)
{
  g_autoptr(HtOutboxEntry) entry = g_new0 (HtOutboxEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->change_id = column_strdup (stmt, 1);
  entry->record_id = column_strdup (stmt, 2);
  entry->version = sqlite3_column_int64 (stmt, 3);
  entry->base_version = sqlite3_column_int64 (stmt, 4);
  entry->op = column_strdup (stmt, 5);

  if (entry->change_id == NULL || entry->record_id == NULL || entry->op == NULL)
    ;
  else if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      entry->json = column_strdup (stmt, 6);
      *json_len = strlen (entry->json);
    }
  else if (strcmp (entry->op, "record") == 0 && sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    entry->json = record_change (entry->change_id, (gsize) sqlite3_column_bytes (stmt, 1),
                                 entry->record_id, (gsize) sqlite3_column_bytes (stmt, 2),
                                 entry->base_version, (const char *) sqlite3_column_text (stmt, 7),
                                 (gsize) sqlite3_column_bytes (stmt, 7), json_len);
  if (entry->json == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                   _("The outgoing change %lld points to a version that is not in the history"),
                   (long long) entry->seq);
      return NULL;
    }
  return g_steal_pointer (&entry);
}

/* The outbox read in seq order, for tests and the app's review.  The sync
 * engine reads its batches with a statement of its own
 * (ht_store_sync_next_batch_after() in ht-store-sync.c), which also takes
 * each record's version on the server and rid and builds the change texts
 * without copying them twice. */
static GPtrArray *
peek (HtStore  *self,
      gint64    after_seq,
      guint     max_count,
      gsize     max_bytes,
      GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_outbox_entry_free);
  g_autoptr(HtCachedStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize bytes = 0;
  int rc = SQLITE_DONE;

  if (max_count == 0)
    return g_steal_pointer (&entries);

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         "SELECT " HT_OUTBOX_COLUMNS HT_OUTBOX_FROM
                         " WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2",
                         &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, after_seq);
      sqlite3_bind_int64 (stmt, 2, max_count);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gsize len = 0;
          HtOutboxEntry *entry = _ht_outbox_entry_from_row (stmt, &len, &local_error);

          if (entry == NULL)
            break;
          /* The first entry goes whatever its size: a batch must move. */
          if (entries->len > 0 && bytes + len > max_bytes)
            {
              ht_outbox_entry_free (entry);
              break;
            }
          bytes += len;
          g_ptr_array_add (entries, entry);
        }
      if (local_error == NULL && rc != SQLITE_DONE && rc != SQLITE_ROW)
        _ht_store_db_error (self->db, rc, _("reading the outbox"), &local_error);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
ht_store_outbox_peek (HtStore  *self,
                      gint64    after_seq,
                      guint     max_count,
                      gsize     max_bytes,
                      GError  **error)
{
  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return peek (self, after_seq, max_count, max_bytes, error);
}

guint64
ht_store_outbox_count (HtStore *self)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  guint64 count = 0;

  g_return_val_if_fail (HT_IS_STORE (self), 0);

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self, "SELECT count(*) FROM outbox", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint64) sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

/* ---- Number blocks ---- */

gboolean
_ht_store_enrolled (HtStore  *self,
                    gboolean *enrolled,
                    GError  **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self, "SELECT 1 FROM keys WHERE key = '" HT_STORE_KEY_DEVICE_ID "' AND value IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, _("reading the device id"), error);
      return FALSE;
    }
  *enrolled = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
_ht_store_take_block_number (HtStore     *self,
                             const char  *office,
                             const char  *kind,
                             gint64       book_year,
                             gint64      *number,
                             GError     **error)
{
  for (;;)
    {
      g_autoptr(HtCachedStmt) pick =
        _ht_store_stmt (self,
                        "SELECT first, next FROM number_blocks"
                        " WHERE kind = ?1 AND book_year = ?2 AND next <= last ORDER BY first LIMIT 1",
                        error);
      g_autoptr(HtCachedStmt) used = NULL;
      g_autoptr(HtCachedStmt) advance = NULL;
      gint64 first, next;
      gboolean taken;
      int rc;

      if (pick == NULL)
        return FALSE;
      _ht_store_bind_text (pick, 1, kind);
      sqlite3_bind_int64 (pick, 2, book_year);
      rc = sqlite3_step (pick);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, HT_ERROR, HT_ERROR_CONFLICT,
                       _("This PC has no register numbers left for the %s book of %lld: save the record as a draft and sync to get new numbers from the server"),
                       kind, (long long) book_year);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          _ht_store_db_error (self->db, rc, _("numbering the record"), error);
          return FALSE;
        }
      first = sqlite3_column_int64 (pick, 0);
      next = sqlite3_column_int64 (pick, 1);
      g_clear_pointer (&pick, _ht_cached_stmt_release);

      /* A digitised entry may already hold a number of the block. */
      used = _ht_store_stmt (self,
                             "SELECT 1 FROM records WHERE office = ?1 AND kind = ?2 AND book_year = ?3 AND number = ?4",
                             error);
      if (used == NULL)
        return FALSE;
      _ht_store_bind_text (used, 1, office);
      _ht_store_bind_text (used, 2, kind);
      sqlite3_bind_int64 (used, 3, book_year);
      sqlite3_bind_int64 (used, 4, next);
      rc = sqlite3_step (used);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _ht_store_db_error (self->db, rc, _("numbering the record"), error);
          return FALSE;
        }
      taken = rc == SQLITE_ROW;

      advance = _ht_store_stmt (self,
                                "UPDATE number_blocks SET next = ?4 WHERE kind = ?1 AND book_year = ?2 AND first = ?3",
                                error);
      if (advance == NULL)
        return FALSE;
      _ht_store_bind_text (advance, 1, kind);
      sqlite3_bind_int64 (advance, 2, book_year);
      sqlite3_bind_int64 (advance, 3, first);
      sqlite3_bind_int64 (advance, 4, next + 1);
      if (!_ht_store_step_done (self, advance, _("numbering the record"), error))
        return FALSE;
      if (!taken)
        {
          *number = next;
          return TRUE;
        }
    }
}

gboolean
ht_store_add_number_block (HtStore     *self,
                           const char  *kind,
                           gint64       book_year,
                           gint64       first,
                           gint64       last,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  HtAuditChain chain;
  gboolean duplicate = FALSE;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kind == NULL || ht_kinds_lookup (kind) == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Unknown kind of record “%s”"), kind != NULL ? kind : "");
      return FALSE;
    }
  if (book_year < 1800 || book_year > 9999)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("A number block needs a book year between 1800 and 9999, not %lld"), (long long) book_year);
      return FALSE;
    }
  if (first < 1 || last < first)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("A number block runs from a first number of at least 1 to a last one not below it (not %lld to %lld)"),
                   (long long) first, (long long) last);
      return FALSE;
    }

  now = ht_timestamp_now ();
  detail = g_strdup_printf ("%s/%lld/%lld-%lld", kind, (long long) book_year, (long long) first, (long long) last);

  g_rec_mutex_lock (&self->lock);
  if (_ht_store_begin (self, &local_error))
    {
      g_autoptr(HtCachedStmt) overlap =
        _ht_store_stmt (self,
                        "SELECT first, last FROM number_blocks"
                        " WHERE kind = ?1 AND book_year = ?2 AND first <= ?4 AND last >= ?3",
                        &local_error);
      int rc = SQLITE_ERROR;

      if (overlap != NULL)
        {
          _ht_store_bind_text (overlap, 1, kind);
          sqlite3_bind_int64 (overlap, 2, book_year);
          sqlite3_bind_int64 (overlap, 3, first);
          sqlite3_bind_int64 (overlap, 4, last);
          rc = sqlite3_step (overlap);
          if (rc == SQLITE_ROW && sqlite3_column_int64 (overlap, 0) == first
              && sqlite3_column_int64 (overlap, 1) == last && sqlite3_step (overlap) == SQLITE_DONE)
            duplicate = TRUE; /* The same block again: a replayed pull. */
          else if (rc == SQLITE_ROW)
            g_set_error (&local_error, HT_ERROR, HT_ERROR_CONFLICT,
                         _("The numbers %lld to %lld of the %s book of %lld overlap a block this PC already has: register numbers are never handed out twice"),
                         (long long) first, (long long) last, kind, (long long) book_year);
          else if (rc != SQLITE_DONE)
            _ht_store_db_error (self->db, rc, _("adding a number block"), &local_error);
        }
      g_clear_pointer (&overlap, _ht_cached_stmt_release);

      if (local_error == NULL && !duplicate)
        {
          g_autoptr(HtCachedStmt) insert =
            _ht_store_stmt (self,
                            "INSERT INTO number_blocks (kind, book_year, first, last, next, added_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?3, ?5)",
                            &local_error);
          if (insert != NULL)
            {
              _ht_store_bind_text (insert, 1, kind);
              sqlite3_bind_int64 (insert, 2, book_year);
              sqlite3_bind_int64 (insert, 3, first);
              sqlite3_bind_int64 (insert, 4, last);
              _ht_store_bind_text (insert, 5, now);
              if (_ht_store_step_done (self, insert, _("adding a number block"), &local_error)
                  && _ht_audit_chain_load (self, &chain, &local_error)
                  && _ht_audit_append (self, &chain, now, "sync", "number_block", NULL, 0, detail, NULL, 0,
                                       &local_error))
                _ht_audit_chain_store (self, &chain, &local_error);
            }
        }
      if (local_error == NULL)
        _ht_store_commit (self, &local_error);
      if (local_error != NULL)
        _ht_store_rollback (self);
    }
  g_rec_mutex_unlock (&self->lock);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gint64
ht_store_numbers_left (HtStore    *self,
                       const char *kind,
                       gint64      book_year)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  gint64 left = 0;

  g_return_val_if_fail (HT_IS_STORE (self), 0);
  g_return_val_if_fail (kind != NULL, 0);

  /* Free numbers of the blocks: those not handed out yet, less those a
   * digitised entry took meanwhile. */
  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         "SELECT IFNULL (SUM (b.last - b.next + 1"
                         "   - (SELECT count(*) FROM records r WHERE r.office = ?3 AND r.kind = b.kind"
                         "      AND r.book_year = b.book_year AND r.number BETWEEN b.next AND b.last)), 0)"
                         " FROM number_blocks b WHERE b.kind = ?1 AND b.book_year = ?2 AND b.next <= b.last",
                         NULL);
  if (stmt != NULL)
    {
      _ht_store_bind_text (stmt, 1, kind);
      sqlite3_bind_int64 (stmt, 2, book_year);
      _ht_store_bind_text (stmt, 3, self->office);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        left = sqlite3_column_int64 (stmt, 0);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return left;
}
