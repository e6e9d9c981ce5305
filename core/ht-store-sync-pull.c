/* ht-store-sync-pull.c — applying what a pull brought: personal ID numbers, decisions, records, number blocks.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the server decides is written like any other version of a record —
 * history, search index, audit chain — through the store's own write path,
 * but without an outbox entry: the server already has it.  One page of a
 * pull and the cursor after it are one transaction, so a page is applied
 * once, entirely, or not at all; a page replayed after a crash finds its
 * changes applied (nothing is written twice).
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-sync-private.h"

void
ht_pull_change_free (HtPullChange *change)
{
  if (change == NULL)
    return;
  g_free (change->record_id);
  cJSON_Delete (change->record);
  g_free (change->pin);
  cJSON_Delete (change->review);
  g_strfreev (change->duplicates);
  ht_number_block_clear (&change->block);
  g_free (change);
}

typedef struct
{
  HtStore      *self;
  const char   *now;
  HtAuditChain  chain;
  HtIndexBuf   *buf;
  GString      *scratch;
  HtPullCounts *counts;
} Apply;

/* The rid and version of a record; *rid is 0 when the register lacks it. */
static gboolean
find_record (HtStore     *self,
             const char  *id,
             gint64      *rid,
             gint64      *version,
             GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self, "SELECT rid, content_version FROM records WHERE id = ?1", error);
  int rc;

  *rid = *version = 0;
  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rid = sqlite3_column_int64 (stmt, 0);
      *version = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _ht_store_db_error (self->db, rc, _("reading a record"), error);
  return FALSE;
}

/* Writes "canon" (content_version set) as a version of the record by
 * "sync": record row, history, search index and audit entry. */
static gboolean
write_version_as (Apply        *a,
                  gint64        rid,
                  const cJSON  *canon,
                  gboolean      is_new,
                  const char   *reason,
                  const char   *action,
                  GError      **error)
{
  g_autoptr(HtIssues) none = ht_issues_new ();
  HtSaveOp op = {
    .user = HT_SYNC_USER,
    .reason = reason,
    .now = a->now,
    .flags = HT_SAVE_DEFAULT,
    /* Audited as "import": a record that comes from elsewhere. */
    .importing = is_new,
    .is_new = is_new,
    /* No outbox entry: what the server sent, it has. */
    .draft = TRUE,
    .rid = rid,
    .base_version = is_new ? 0 : ht_record_content_version (canon) - 1,
    .action = action,
  };

  return _ht_store_write_record (a->self, &op, canon, none, a->buf, &a->chain, a->scratch, error);
}

static gboolean
write_version (Apply        *a,
               gint64        rid,
               const cJSON  *canon,
               gboolean      is_new,
               const char   *reason,
               GError      **error)
{
  return write_version_as (a, rid, canon, is_new, reason, NULL, error);
}

static void
put_member (cJSON      *record,
            const char *key,
            cJSON      *value)
{
  if (cJSON_GetObjectItemCaseSensitive (record, key) != NULL)
    cJSON_ReplaceItemInObjectCaseSensitive (record, key, value);
  else
    cJSON_AddItemToObject (record, key, value);
}

/* Puts a member the server owns ("pin", "review") on the current version of
 * a record, as a new version; nothing when it holds that value already. */
static gboolean
apply_owned (Apply        *a,
             const char   *record_id,
             const char   *member,
             const cJSON  *value,
             const char   *reason,
             const char   *action,
             guint        *count,
             GError      **error)
{
  g_autoptr(cJSON) current = NULL;
  g_autoptr(cJSON) canon = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  gint64 rid, version;

  if (!find_record (a->self, record_id, &rid, &version, error))
    return FALSE;
  /* The office's other PCs' records: their PINs and decisions reach every
   * PC of the office, and only the one that holds the record uses them. */
  if (rid == 0)
    {
      a->counts->skipped++;
      return TRUE;
    }
  current = _ht_store_get_unlocked (a->self, record_id, error);
  if (current == NULL)
    return FALSE;
  if (cJSON_Compare (cJSON_GetObjectItemCaseSensitive (current, member), value, TRUE))
    {
      a->counts->skipped++;
      return TRUE;
    }

  put_member (current, member, cJSON_Duplicate (value, TRUE));
  put_member (current, "content_version", cJSON_CreateNumber ((double) (version + 1)));
  put_member (current, "updated_at", cJSON_CreateString (a->now));
  /* Canonicalising checks the server's value like any input. */
  canon = ht_record_canonicalize (current, issues);
  if (canon == NULL)
    {
      const HtIssue *first = issues->len > 0 ? issues->pdata[0] : NULL;

      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("The server sent a value for record %s that cannot be stored (%s: %s)"), record_id,
                   first != NULL ? first->field : member, first != NULL ? first->message : "?");
      return FALSE;
    }
  if (!write_version_as (a, rid, canon, FALSE, reason, action, error))
    return FALSE;
  (*count)++;
  return TRUE;
}

static gboolean
apply_pin (Apply               *a,
           const HtPullChange  *change,
           GError             **error)
{
  g_autoptr(cJSON) pin = cJSON_CreateString (change->pin);

  return apply_owned (a, change->record_id, "pin", pin, _("personal ID number issued by the server"), NULL,
                      &a->counts->pins, error);
}

static gboolean
apply_review (Apply               *a,
              const HtPullChange  *change,
              GError             **error)
{
  const cJSON *review = change->review;
  const char *state = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "state"));
  const char *by = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "by"));
  const char *comment = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "comment"));
  g_autofree char *reason = NULL;

  /* The audit entry (and the history's reason) says who decided what and
   * why: the clerk's side of issue 6's "every decision is audited". */
  if (comment != NULL && *comment != '\0')
    reason = g_strdup_printf (_("review decision from the server: %s by %s — %s"), state != NULL ? state : "?",
                              by != NULL ? by : "?", comment);
  else
    reason = g_strdup_printf (_("review decision from the server: %s by %s"), state != NULL ? state : "?",
                              by != NULL ? by : "?");
  return apply_owned (a, change->record_id, "review", review, reason, "review", &a->counts->reviews, error);
}

/* Replaces the potential-duplicate flag of a record of a reviewer's scope
 * with the one the server sent with it (none removes it). */
static gboolean
store_flags (Apply               *a,
             const HtPullChange  *change,
             GError             **error)
{
  gboolean flagged = change->duplicates != NULL && change->duplicates[0] != NULL;
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (a->self,
                    flagged ? "INSERT OR REPLACE INTO review_flags (record_id, duplicates) VALUES (?1, ?2)"
                            : "DELETE FROM review_flags WHERE record_id = ?1",
                    error);

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, change->record_id);
  if (flagged)
    {
      g_autoptr(cJSON) list = cJSON_CreateStringArray ((const char *const *) change->duplicates,
                                                       (int) g_strv_length (change->duplicates));
      g_autofree char *text = cJSON_PrintUnformatted (list);

      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
    }
  return _ht_store_step_done (a->self, stmt, _("writing the duplicate flag"), error);
}

/* A record of a reviewer's scope, stored as the server has it: its local
 * version follows the server's, unless an earlier version here is already
 * numbered higher (a decision applied meanwhile). */
static gboolean
apply_record (Apply               *a,
              const HtPullChange  *change,
              GError             **error)
{
  g_autoptr(cJSON) canon = cJSON_Duplicate (change->record, TRUE);
  gint64 server_version = ht_record_content_version (change->record);
  gint64 rid, version;

  if (!find_record (a->self, change->record_id, &rid, &version, error))
    return FALSE;

  if (rid == 0)
    {
      if (!write_version (a, 0, canon, TRUE, NULL, error))
        return FALSE;
      a->counts->records++;
    }
  else
    {
      g_autoptr(cJSON) current = _ht_store_get_unlocked (a->self, change->record_id, error);

      if (current == NULL)
        return FALSE;
      put_member (canon, "content_version", cJSON_CreateNumber ((double) version));
      if (cJSON_Compare (canon, current, TRUE))
        a->counts->skipped++;
      else
        {
          put_member (canon, "content_version", cJSON_CreateNumber ((double) MAX (version + 1, server_version)));
          if (!write_version (a, rid, canon, FALSE, _("new version from the server"), error))
            return FALSE;
          a->counts->records++;
        }
    }
  return _ht_sync_set_server_version (a->self, change->record_id, server_version, error)
    && store_flags (a, change, error);
}

gboolean
ht_store_sync_apply_pull (HtStore       *self,
                          GPtrArray     *changes,
                          gint64         cursor,
                          HtPullCounts  *counts,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = ht_timestamp_now ();
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  g_autoptr(HtIndexBuf) buf = _ht_index_buf_new ();
  g_autoptr(GString) scratch = g_string_sized_new (4096);
  HtPullCounts local_counts = { 0 };
  Apply a = { self, now, { 0 }, buf, scratch, counts != NULL ? counts : &local_counts };

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  /* Blocks first, each in its own transaction: adding a block again
   * changes nothing, so a page replayed after a crash between here and the
   * cursor's commit is harmless. */
  for (guint i = 0; i < changes->len; i++)
    {
      const HtPullChange *change = changes->pdata[i];

      if (change->op != HT_PULL_NUMBER_BLOCK)
        continue;
      if (!ht_store_add_number_block (self, change->block.kind, change->block.book_year, change->block.first,
                                      change->block.last, error))
        return FALSE;
      a.counts->blocks++;
    }

  g_rec_mutex_lock (&self->lock);
  if (_ht_store_begin (self, &local_error) && _ht_audit_chain_load (self, &a.chain, &local_error))
    {
      for (guint i = 0; i < changes->len && local_error == NULL; i++)
        {
          const HtPullChange *change = changes->pdata[i];

          switch (change->op)
            {
            case HT_PULL_PIN:
              apply_pin (&a, change, &local_error);
              break;
            case HT_PULL_REVIEW:
              apply_review (&a, change, &local_error);
              break;
            case HT_PULL_RECORD:
              apply_record (&a, change, &local_error);
              break;
            case HT_PULL_NUMBER_BLOCK:
            default:
              break;
            }
        }
      if (local_error == NULL
          && _ht_sync_key_put (self, HT_SYNC_KEY_CURSOR, cursor_text, &local_error)
          && _ht_audit_chain_store (self, &a.chain, &local_error))
        _ht_store_commit (self, &local_error);
    }
  if (local_error != NULL)
    _ht_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
