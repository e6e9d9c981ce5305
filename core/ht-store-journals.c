/* ht-store-journals.c — what a save writes: the record row, its history, its outbox entry, its index rows and its audit entry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every save (and every record of an import, a pulled change or a review
 * decision) goes through _ht_store_write_record, in the caller's
 * transaction.  The audit entry and its hash chain are ht-store-audit.c's;
 * an import writes its outbox and audit rows 32 records per statement
 * (ht-store-import-rows.c).
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>

#include "ht-store-private.h"

const char *
_ht_store_review_state (const cJSON *record)
{
  const cJSON *review = cJSON_GetObjectItemCaseSensitive (record, "review");

  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "state"));
}

static gboolean
write_outbox (HtStore      *self,
              HtSaveOp     *op,
              const cJSON  *canon,
              GError      **error)
{
  g_autofree char *change_id = NULL;
  g_autoptr(HtCachedStmt) stmt = NULL;

  if (!_ht_store_fail_point (self, "outbox", error))
    return FALSE;

  /* The change points at its version in the history, which never changes:
   * the pushed text is rebuilt from it (ht-store-outbox.c). */
  if (op->change_id == NULL)
    change_id = g_uuid_string_random ();
  /* An import writes its new records' changes 32 at a time. */
  if (self->import_rows != NULL && op->is_new)
    return _ht_import_rows_add_outbox (self, op->change_id != NULL ? op->change_id : change_id, op->rid,
                                       ht_record_content_version (canon), op->base_version, op->now, error);
  stmt = _ht_store_stmt (self,
                         "INSERT INTO outbox (change_id, rid, version, base_version, op, queued_at)"
                         " VALUES (?1, ?2, ?3, ?4, 'record', ?5)",
                         error);
  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, op->change_id != NULL ? op->change_id : change_id);
  sqlite3_bind_int64 (stmt, 2, op->rid);
  sqlite3_bind_int64 (stmt, 3, ht_record_content_version (canon));
  sqlite3_bind_int64 (stmt, 4, op->base_version);
  _ht_store_bind_text (stmt, 5, op->now);
  if (!_ht_store_step_done_n (self, stmt, N_("queueing the change for sync"), error))
    return FALSE;

  if (!op->is_new)
    {
      /* What the server said about an earlier version no longer applies. */
      g_autoptr(HtCachedStmt) clear =
        _ht_store_stmt (self, "UPDATE sync_state SET state = NULL, message = NULL WHERE rid = ?1", error);
      if (clear == NULL)
        return FALSE;
      sqlite3_bind_int64 (clear, 1, op->rid);
      if (!_ht_store_step_done (self, clear, _("queueing the change for sync"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_row (HtStore      *self,
           HtSaveOp     *op,
           const cJSON  *canon,
           HtIssues     *found,
           GError      **error)
{
  g_autofree char *warnings = NULL;
  g_autoptr(HtCachedStmt) stmt = NULL;
  int rc;

  if (!_ht_store_fail_point (self, "record", error))
    return FALSE;

  if (found->len > 0)
    {
      g_autoptr(cJSON) list = ht_issues_to_json (found);
      warnings = cJSON_PrintUnformatted (list);
    }

  stmt = _ht_store_stmt (self,
                         op->is_new
                         ? "INSERT INTO records (id, kind, office, book_year, number, status, registration_type,"
                           " registered_on, review_state, content_version, updated_at, warnings)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13)"
                         : "UPDATE records SET kind = ?2, office = ?3, book_year = ?4, number = ?5, status = ?6,"
                           " registration_type = ?7, registered_on = ?8, review_state = ?9, content_version = ?10,"
                           " updated_at = ?11, warnings = ?13 WHERE rid = ?14",
                         error);
  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, ht_record_id (canon));
  _ht_store_bind_text (stmt, 2, ht_record_kind_code (canon));
  _ht_store_bind_text (stmt, 3, ht_record_office (canon));
  if (ht_record_number (canon) > 0)
    {
      sqlite3_bind_int64 (stmt, 4, ht_record_book_year (canon));
      sqlite3_bind_int64 (stmt, 5, ht_record_number (canon));
    }
  _ht_store_bind_text (stmt, 6, ht_record_status (canon));
  _ht_store_bind_text (stmt, 7, ht_record_registration_type (canon));
  _ht_store_bind_text (stmt, 8, cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (canon, "registered_on")));
  _ht_store_bind_text (stmt, 9, _ht_store_review_state (canon));
  sqlite3_bind_int64 (stmt, 10, ht_record_content_version (canon));
  _ht_store_bind_text (stmt, 11, op->now);
  _ht_store_bind_text (stmt, 13, warnings);
  if (!op->is_new)
    sqlite3_bind_int64 (stmt, 14, op->rid);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CONFLICT,
                   _("Number %lld of the %s book of %lld is already used by another record"),
                   (long long) ht_record_number (canon), ht_record_kind_code (canon),
                   (long long) ht_record_book_year (canon));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, _("writing the record"), error);
      return FALSE;
    }
  if (op->is_new)
    op->rid = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
write_history (HtStore      *self,
               HtSaveOp     *op,
               const cJSON  *canon,
               const char   *json,
               gsize         json_len,
               GError      **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;

  if (!_ht_store_fail_point (self, "history", error))
    return FALSE;
  stmt = _ht_store_stmt (self,
                         "INSERT INTO history (hid, rid, version, at, by, reason, json)"
                         " VALUES (" HT_HID ("?7", "?2") ", ?7, ?2, ?3, ?4, ?5, ?6)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, ht_record_content_version (canon));
  _ht_store_bind_text (stmt, 3, op->now);
  _ht_store_bind_text (stmt, 4, op->user);
  _ht_store_bind_text (stmt, 5, op->reason);
  sqlite3_bind_text (stmt, 6, json, json_len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, op->rid);
  return _ht_store_step_done_n (self, stmt, N_("writing the history"), error);
}

gboolean
_ht_store_write_record (HtStore       *self,
                        HtSaveOp      *op,
                        const cJSON   *canon,
                        HtIssues      *found,
                        HtIndexBuf    *buf,
                        HtAuditChain  *chain,
                        GString       *scratch,
                        GError       **error)
{
  /* An import's workers printed the text already. */
  const char *json = op->text != NULL ? op->text : ht_record_print_into (canon, scratch);
  gsize json_len = op->text != NULL ? op->text_len : scratch->len;
  const char *action = op->action != NULL ? op->action : op->importing ? "import" : op->is_new ? "create" : "edit";
  g_autoptr(cJSON) old = NULL;

  if (json == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The record is too large to store"));
      return FALSE;
    }
  /* The version being replaced says which index rows go. */
  if (!op->is_new && (old = _ht_store_get_rid_unlocked (self, op->rid, error)) == NULL)
    return FALSE;

  return write_row (self, op, canon, found, error)
    && write_history (self, op, canon, json, json_len, error)
    && (op->draft || write_outbox (self, op, canon, error))
    && _ht_store_index_record (self, buf, op->rid, canon, old, error)
    && _ht_audit_append (self, chain, op->now, op->user, action, ht_record_id (canon),
                         ht_record_content_version (canon), op->is_new ? NULL : op->reason,
                         json, json_len, error);
}
