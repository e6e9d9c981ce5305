/* ht-store-sync.c — device credentials, batches to push, the server's answers and the sync state of records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is a short transaction on the register's one connection,
 * so the app keeps saving while a sync runs in another thread or process.
 * Pulled changes are applied in ht-store-sync-pull.c.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-private.h"
#include "ht-store-sync-private.h"

/* ---- Small things ---- */

void
ht_sync_device_free (HtSyncDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->server);
  g_free (device->ca_file);
  g_free (device->device_id);
  g_free (device->device_name);
  if (device->token != NULL)
    memset (device->token, 0, strlen (device->token));
  g_free (device->token);
  g_free (device->role);
  g_free (device->office);
  g_free (device->scope);
  g_free (device->enrolled_at);
  g_free (device);
}

void
ht_number_block_clear (HtNumberBlock *block)
{
  g_clear_pointer (&block->kind, g_free);
}

void
ht_sync_change_free (HtSyncChange *change)
{
  if (change == NULL)
    return;
  ht_outbox_entry_free (change->entry);
  g_free (change->json);
  g_free (change);
}

void
ht_sync_summary_clear (HtSyncSummary *summary)
{
  g_clear_pointer (&summary->last_success, g_free);
  g_clear_pointer (&summary->last_error, g_free);
  g_clear_pointer (&summary->last_error_at, g_free);
}

void
ht_sync_attention_free (HtSyncAttention *item)
{
  if (item == NULL)
    return;
  g_free (item->record_id);
  g_free (item->kind);
  g_free (item->code);
  g_free (item->message);
  g_free (item->issues);
  g_free (item);
}

char *
_ht_sync_key_get (HtStore    *self,
                  const char *key)
{
  g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, "SELECT value FROM keys WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  _ht_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
_ht_sync_key_put (HtStore     *self,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    value != NULL ? "INSERT OR REPLACE INTO keys (key, value) VALUES (?1, ?2)"
                                  : "DELETE FROM keys WHERE key = ?1",
                    error);

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, key);
  if (value != NULL)
    _ht_store_bind_text (stmt, 2, value);
  return _ht_store_step_done (self, stmt, _("writing the sync settings"), error);
}

/* ---- The register of a supervising office ---- */

static gboolean
is_scope_code (const char *scope)
{
  gsize len = scope != NULL ? strlen (scope) : 0;

  if (len != 2 && len != 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (scope[i]))
      return FALSE;
  return TRUE;
}

HtStore *
ht_store_sync_create_for_scope (const char  *path,
                                const char  *scope,
                                GError     **error)
{
  g_autoptr(HtStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The server checked the scope when it made the code; here only its
   * shape matters, since it becomes the register's office. */
  if (!is_scope_code (scope))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("“%s” is not the code of a province (2 digits) or a district (3 digits)"),
                   scope != NULL ? scope : "");
      return NULL;
    }
  self = g_object_new (HT_TYPE_STORE, NULL);
  if (!_ht_store_connect (self, path, scope, TRUE, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Credentials ---- */

gboolean
ht_store_sync_is_enrolled (HtStore *self)
{
  g_autofree char *device_id = NULL;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  device_id = _ht_sync_key_get (self, HT_STORE_KEY_DEVICE_ID);
  g_rec_mutex_unlock (&self->lock);
  return device_id != NULL;
}

HtSyncDevice *
ht_store_sync_get_device (HtStore  *self,
                          GError  **error)
{
  g_autoptr(HtSyncDevice) device = g_new0 (HtSyncDevice, 1);

  g_return_val_if_fail (HT_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  device->device_id = _ht_sync_key_get (self, HT_STORE_KEY_DEVICE_ID);
  device->server = _ht_sync_key_get (self, HT_SYNC_KEY_SERVER);
  device->ca_file = _ht_sync_key_get (self, HT_SYNC_KEY_CA_FILE);
  device->device_name = _ht_sync_key_get (self, HT_SYNC_KEY_DEVICE_NAME);
  device->token = _ht_sync_key_get (self, HT_SYNC_KEY_TOKEN);
  device->role = _ht_sync_key_get (self, HT_SYNC_KEY_ROLE);
  device->office = _ht_sync_key_get (self, HT_SYNC_KEY_OFFICE);
  device->scope = _ht_sync_key_get (self, HT_SYNC_KEY_SCOPE);
  device->enrolled_at = _ht_sync_key_get (self, HT_SYNC_KEY_ENROLLED_AT);
  g_rec_mutex_unlock (&self->lock);

  if (device->device_id == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND,
                   _("The register “%s” is not enrolled with a server yet (hotich-sync enroll)"), self->path);
      return NULL;
    }
  if (device->server == NULL || device->token == NULL || device->role == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                   _("The sync settings of the register “%s” are incomplete; enrol it again"), self->path);
      return NULL;
    }
  return g_steal_pointer (&device);
}

gboolean
ht_store_sync_save_device (HtStore             *self,
                           const HtSyncDevice  *device,
                           GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = ht_timestamp_now ();
  g_autoptr(cJSON) detail = cJSON_CreateObject ();
  g_autofree char *detail_text = NULL;
  HtAuditChain chain;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (device != NULL && device->device_id != NULL && device->token != NULL, FALSE);

  /* The audit entry names the device, never its token. */
  cJSON_AddStringToObject (detail, "device_id", device->device_id);
  cJSON_AddStringToObject (detail, "role", device->role != NULL ? device->role : "");
  cJSON_AddStringToObject (detail, "scope", device->scope != NULL ? device->scope : "");
  cJSON_AddStringToObject (detail, "server", device->server != NULL ? device->server : "");
  detail_text = cJSON_PrintUnformatted (detail);

  g_rec_mutex_lock (&self->lock);
  if (_ht_store_begin (self, &local_error))
    {
      g_autofree char *existing = _ht_sync_key_get (self, HT_STORE_KEY_DEVICE_ID);

      if (existing != NULL)
        g_set_error (&local_error, HT_ERROR, HT_ERROR_EXISTS,
                     _("The register “%s” is already enrolled (device %s)"), self->path, existing);
      else if (_ht_sync_key_put (self, HT_SYNC_KEY_SERVER, device->server, &local_error)
               && _ht_sync_key_put (self, HT_SYNC_KEY_CA_FILE, device->ca_file, &local_error)
               && _ht_sync_key_put (self, HT_SYNC_KEY_DEVICE_NAME, device->device_name, &local_error)
               && _ht_sync_key_put (self, HT_SYNC_KEY_TOKEN, device->token, &local_error)
               && _ht_sync_key_put (self, HT_SYNC_KEY_ROLE, device->role, &local_error)
               && _ht_sync_key_put (self, HT_SYNC_KEY_OFFICE, device->office, &local_error)
               && _ht_sync_key_put (self, HT_SYNC_KEY_SCOPE, device->scope, &local_error)
               && _ht_sync_key_put (self, HT_SYNC_KEY_ENROLLED_AT, now, &local_error)
               /* Last: from here on the register numbers from server blocks. */
               && _ht_sync_key_put (self, HT_STORE_KEY_DEVICE_ID, device->device_id, &local_error)
               && _ht_audit_chain_load (self, &chain, &local_error)
               && _ht_audit_append (self, &chain, now, HT_SYNC_USER, "enrol", NULL, 0, detail_text, NULL, 0,
                                    &local_error)
               && _ht_audit_chain_store (self, &chain, &local_error))
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

/* ---- Pushing ---- */

/* A sync run reads the whole history of the records it pushes (1.6 KB of
 * JSON each, on 1 KiB pages) and far more of the file than the page cache
 * holds, so nearly every page it reads is a pread() system call into the
 * operating system's cache: in bench-sync a tenth of the client's CPU.
 * Mapped, the same pages are read from memory.  Only for the run: the
 * clerks' connection keeps its usual reads, and the mapping is address
 * space, not memory (SQLite caps it at its compiled-in maximum). */
#define SYNC_MMAP_BYTES "1073741824"

gboolean
ht_store_sync_map_reads (HtStore   *self,
                         gboolean   on,
                         GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = _ht_store_exec (self, on ? "PRAGMA mmap_size = " SYNC_MMAP_BYTES : "PRAGMA mmap_size = 0", error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* 0 when the server never acknowledged the record.  The lock is held. */
static gint64
server_version_unlocked (HtStore    *self,
                         const char *record_id,
                         GError    **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "SELECT s.server_version FROM records r JOIN sync_state s ON s.rid = r.rid WHERE r.id = ?1",
                    error);
  int rc;

  if (stmt == NULL)
    return -1;
  _ht_store_bind_text (stmt, 1, record_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  _ht_store_db_error (self->db, rc, _("reading the sync state"), error);
  return -1;
}

gint64
ht_store_sync_server_version (HtStore    *self,
                              const char *record_id)
{
  gint64 version;

  g_return_val_if_fail (HT_IS_STORE (self), 0);

  g_rec_mutex_lock (&self->lock);
  version = server_version_unlocked (self, record_id, NULL);
  g_rec_mutex_unlock (&self->lock);
  return MAX (version, 0);
}

/* The change as pushed, based on "base".  Only a change whose local base
 * differs from the server's version is rebuilt; the server compares the
 * canonical record, so the spelling of the JSON does not matter. */
static char *
rebase_change (const char  *change_id,
               const char  *json,
               gsize        json_len,
               gint64       base,
               GError     **error)
{
  g_autoptr(cJSON) change = cJSON_ParseWithLengthOpts (json, json_len, NULL, FALSE);
  cJSON *base_item = cJSON_GetObjectItemCaseSensitive (change, "base_version");

  if (!cJSON_IsNumber (base_item))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                   _("The outgoing change %s cannot be read"), change_id);
      return NULL;
    }
  cJSON_SetNumberValue (base_item, (double) base);
  return cJSON_PrintUnformatted (change);
}

GPtrArray *
ht_store_sync_next_batch (HtStore  *self,
                          guint     max_count,
                          gsize     max_bytes,
                          GError  **error)
{
  return ht_store_sync_next_batch_after (self, 0, NULL, NULL, max_count, max_bytes, error);
}

/* The outbox entry of one row of the statement in
 * ht_store_sync_next_batch_after(), as a change based on the server's
 * version of its record.  NULL with "error" set when its version is not in
 * the history or it cannot be rebased.  "local_len" gets the length of the
 * change as queued, which the batch's bytes are counted in. */
static HtSyncChange *
change_from_row (sqlite3_stmt  *stmt,
                 gsize         *local_len,
                 GError       **error)
{
  g_autoptr(HtSyncChange) change = g_new0 (HtSyncChange, 1);
  HtOutboxEntry *entry = _ht_outbox_entry_from_row (stmt, &change->json_len, error);
  gint64 base;

  if (entry == NULL)
    return NULL;
  change->entry = entry;
  /* The text moves to the change: the entry keeps the rest. */
  change->json = g_steal_pointer (&entry->json);
  base = sqlite3_column_int64 (stmt, 8);
  change->rid = sqlite3_column_int64 (stmt, 9);

  *local_len = change->json_len;

  /* A reviewer's decision is about the version the reviewer saw: it
   * keeps that base, so that a record changed on the server meanwhile
   * makes it a conflict rather than approving content nobody read. */
  if (strcmp (entry->op, "review") == 0)
    base = entry->base_version;
  change->server_base = base;
  if (base != entry->base_version)
    {
      g_autofree char *local = g_steal_pointer (&change->json);

      change->json = rebase_change (entry->change_id, local, change->json_len, base, error);
      if (change->json == NULL)
        return NULL;
      change->json_len = strlen (change->json);
    }
  return g_steal_pointer (&change);
}

/* The outbox is read here rather than through ht_store_outbox_peek(),
 * with the same row reader (_ht_outbox_entry_from_row()): a run reads every
 * queued change once, and this takes its record's rid and server version
 * from the same statement, keeps the text's length, and reads no row past
 * the end of the batch (a change of a busy record
 * ends it before the rows after it are stepped to). */
GPtrArray *
ht_store_sync_next_batch_after (HtStore         *self,
                                gint64           after_seq,
                                HtSyncBusyFunc   busy,
                                gpointer         busy_data,
                                guint            max_count,
                                gsize            max_bytes,
                                GError         **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_change_free);
  /* The batch's records, by rid (borrowed from its changes): hashing a
   * number is a few instructions, a record's UUID text some two hundred. */
  g_autoptr(GHashTable) records = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(HtCachedStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize bytes = 0;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_count == 0)
    return g_steal_pointer (&batch);

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         "SELECT " HT_OUTBOX_COLUMNS ", IFNULL (x.server_version, 0), o.rid" HT_OUTBOX_FROM
                         " LEFT JOIN sync_state x ON x.rid = o.rid"
                         " WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2",
                         &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, after_seq);
      sqlite3_bind_int64 (stmt, 2, max_count);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 rid = sqlite3_column_int64 (stmt, 9);
          HtSyncChange *change;
          gsize local_len = 0;

          /* A second change of a record waits for the answer about the
           * first: its base is the version that answer gives. */
          if (g_hash_table_contains (records, &rid) || (busy != NULL && busy (rid, busy_data)))
            break;
          change = change_from_row (stmt, &local_len, &local_error);
          if (change == NULL)
            break;
          /* The first change goes whatever its size: a batch must move.
           * The bytes counted are those of the change as queued. */
          if (batch->len > 0 && bytes + local_len > max_bytes)
            {
              ht_sync_change_free (change);
              break;
            }
          bytes += local_len;
          g_hash_table_add (records, &change->rid);
          g_ptr_array_add (batch, change);
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
  return g_steal_pointer (&batch);
}

/* What the server said of a record is one row of sync_state, keyed by the
 * record's rid (0008): the rows of a batch's records follow each other, so
 * its answers change a few pages rather than a random page each.
 *
 * An applied (or duplicate) change: the record's server version, "sent"
 * or, when a newer change of it waits, nothing (the outbox row says
 * "pending"); an earlier refusal is forgotten.  Whether a newer change
 * waits is asked in the same statement (through the outbox's index of
 * rids), not in one of its own: one statement fewer for every answer. */
static gboolean
set_sent (HtStore     *self,
          gint64       rid,
          gint64       version,
          const char  *now,
          GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "INSERT INTO sync_state (rid, state, message, updated_at, server_version, code, issues, change_id)"
                    " VALUES (?1, CASE WHEN EXISTS (SELECT 1 FROM outbox WHERE rid = ?1) THEN NULL ELSE 'sent' END,"
                    " NULL, ?2, ?3, NULL, NULL, NULL)"
                    " ON CONFLICT (rid) DO UPDATE SET state = excluded.state, message = NULL, updated_at = ?2,"
                    " server_version = ?3, code = NULL, issues = NULL, change_id = NULL",
                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid);
  _ht_store_bind_text (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, version);
  /* Stepped here rather than by _ht_store_step_done(): its message would
   * be translated for every answer of a push, not only on a failure. */
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, _("writing the sync state"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ht_sync_set_server_version (HtStore     *self,
                             const char  *record_id,
                             gint64       version,
                             GError     **error)
{
  /* By id: a record pulled from the server (a reviewer's register) has
   * just been written, and only the id is at hand.  The state stays. */
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "INSERT INTO sync_state (rid, server_version) SELECT rid, ?2 FROM records WHERE id = ?1"
                    " ON CONFLICT (rid) DO UPDATE SET server_version = ?2, code = NULL, issues = NULL,"
                    " change_id = NULL",
                    error);

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, version);
  return _ht_store_step_done (self, stmt, _("writing the sync state"), error);
}

/* A refused change: the record needs attention, with the server's code,
 * message and findings and the change they are about; the server version
 * stays what the last applied change made it. */
static gboolean
set_refusal (HtStore              *self,
             gint64                rid,
             const HtPushOutcome  *o,
             const char           *now,
             GError              **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "INSERT INTO sync_state (rid, state, message, updated_at, code, issues, change_id)"
                    " VALUES (?1, 'needs_attention', ?2, ?3, ?4, ?5, ?6)"
                    " ON CONFLICT (rid) DO UPDATE SET state = 'needs_attention', message = ?2, updated_at = ?3,"
                    " code = ?4, issues = ?5, change_id = ?6",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid);
  _ht_store_bind_text (stmt, 2, o->message != NULL && *o->message != '\0' ? o->message : o->code);
  _ht_store_bind_text (stmt, 3, now);
  _ht_store_bind_text (stmt, 4, o->code);
  _ht_store_bind_text (stmt, 5, o->issues);
  _ht_store_bind_text (stmt, 6, o->change_id);
  return _ht_store_step_done (self, stmt, _("writing the sync state"), error);
}

/* Removes the answered entry; *rid is its record's, or 0 when the entry
 * was not there (answered before: a run that stopped between answer and
 * commit cannot get here, but two runs of an old register copy could).
 * The engine knows the rid from reading the entry, and then the plain
 * DELETE says by its count of changed rows whether the entry was there:
 * "RETURNING" makes SQLite set up a table of the rows returned for every
 * execution, which cost as much as the deletion itself. */
static gboolean
remove_answered (HtStore              *self,
                 const HtPushOutcome  *o,
                 gint64               *rid,
                 GError              **error)
{
  g_autoptr(HtCachedStmt) remove =
    _ht_store_stmt (self,
                    o->rid > 0 ? "DELETE FROM outbox WHERE seq = ?1 AND change_id = ?2 AND rid = ?3"
                               : "DELETE FROM outbox WHERE seq = ?1 AND change_id = ?2 RETURNING rid",
                    error);
  int rc;

  *rid = 0;
  if (remove == NULL)
    return FALSE;
  sqlite3_bind_int64 (remove, 1, o->seq);
  _ht_store_bind_text (remove, 2, o->change_id);
  if (o->rid > 0)
    {
      sqlite3_bind_int64 (remove, 3, o->rid);
      rc = sqlite3_step (remove);
      if (rc == SQLITE_DONE && sqlite3_changes (self->db) == 1)
        *rid = o->rid;
    }
  else
    {
      rc = sqlite3_step (remove);
      if (rc == SQLITE_ROW)
        {
          *rid = sqlite3_column_int64 (remove, 0);
          /* seq is the key: one row at most. */
          rc = sqlite3_step (remove);
        }
    }
  if (rc != SQLITE_DONE)
    {
      *rid = 0;
      _ht_store_db_error (self->db, rc, _("removing an answered change from the outbox"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_outcome (HtStore              *self,
                const HtPushOutcome  *o,
                const char           *now,
                GError              **error)
{
  gint64 rid;

  if (!remove_answered (self, o, &rid, error))
    return FALSE;
  if (rid == 0)
    return TRUE;

  switch (o->status)
    {
    case HT_PUSH_APPLIED:
    case HT_PUSH_DUPLICATE:
      return set_sent (self, rid, o->server_version, now, error);

    case HT_PUSH_REJECTED:
    case HT_PUSH_CONFLICT:
    default:
      return set_refusal (self, rid, o, now, error);
    }
}

gboolean
ht_store_sync_record_outcomes (HtStore              *self,
                               const HtPushOutcome  *outcomes,
                               guint                 n,
                               GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = ht_timestamp_now ();

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (outcomes != NULL || n == 0, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (_ht_store_begin (self, &local_error))
    {
      for (guint i = 0; i < n && local_error == NULL; i++)
        record_outcome (self, &outcomes[i], now, &local_error);
      if (local_error == NULL)
        _ht_store_commit_bulk (self, &local_error);
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

/* ---- State ---- */

gint64
ht_store_sync_get_cursor (HtStore *self)
{
  g_autofree char *text = NULL;
  gint64 cursor = 0;

  g_return_val_if_fail (HT_IS_STORE (self), 0);

  g_rec_mutex_lock (&self->lock);
  text = _ht_sync_key_get (self, HT_SYNC_KEY_CURSOR);
  g_rec_mutex_unlock (&self->lock);
  if (text != NULL)
    cursor = g_ascii_strtoll (text, NULL, 10);
  return MAX (cursor, 0);
}

HtSyncState
ht_store_sync_record_state (HtStore     *self,
                            const char  *record_id,
                            char       **message,
                            GError     **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  HtSyncState state = HT_SYNC_STATE_NONE;
  int rc;

  g_return_val_if_fail (HT_IS_STORE (self), HT_SYNC_STATE_NONE);
  g_return_val_if_fail (record_id != NULL, HT_SYNC_STATE_NONE);

  if (message != NULL)
    *message = NULL;
  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         "SELECT s.state, s.message, EXISTS (SELECT 1 FROM outbox o WHERE o.rid = r.rid)"
                         " FROM records r LEFT JOIN sync_state s ON s.rid = r.rid WHERE r.id = ?1",
                         error);
  if (stmt != NULL)
    {
      _ht_store_bind_text (stmt, 1, record_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *stored = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (stored, "needs_attention") == 0)
            {
              state = HT_SYNC_STATE_NEEDS_ATTENTION;
              if (message != NULL)
                *message = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
            }
          else if (sqlite3_column_int (stmt, 2))
            state = HT_SYNC_STATE_PENDING;
          else if (g_strcmp0 (stored, "sent") == 0)
            state = HT_SYNC_STATE_SENT;
        }
      else if (rc == SQLITE_DONE)
        g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, _("There is no record “%s”"), record_id);
      else
        _ht_store_db_error (self->db, rc, _("reading the sync state"), error);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return state;
}

static guint64
count_of (HtStore    *self,
          const char *sql)
{
  g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, sql, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return (guint64) sqlite3_column_int64 (stmt, 0);
  return 0;
}

gboolean
ht_store_sync_summary (HtStore        *self,
                       HtSyncSummary  *summary,
                       GError        **error)
{
  g_autofree char *cursor = NULL;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  g_rec_mutex_lock (&self->lock);
  summary->pending = count_of (self, "SELECT count(*) FROM outbox");
  summary->attention = count_of (self, "SELECT count(*) FROM sync_state WHERE state = 'needs_attention'");
  cursor = _ht_sync_key_get (self, HT_SYNC_KEY_CURSOR);
  summary->last_success = _ht_sync_key_get (self, HT_SYNC_KEY_LAST_SUCCESS);
  summary->last_error = _ht_sync_key_get (self, HT_SYNC_KEY_LAST_ERROR);
  summary->last_error_at = _ht_sync_key_get (self, HT_SYNC_KEY_LAST_ERROR_AT);
  g_rec_mutex_unlock (&self->lock);
  summary->cursor = cursor != NULL ? MAX (g_ascii_strtoll (cursor, NULL, 10), 0) : 0;
  return TRUE;
}

GPtrArray *
ht_store_sync_attention (HtStore  *self,
                         guint     limit,
                         GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_attention_free);
  g_autoptr(HtCachedStmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         "SELECT r.id, r.kind, r.book_year, r.number, s.code, s.message, s.issues"
                         " FROM sync_state s JOIN records r ON r.rid = s.rid"
                         " WHERE s.state = 'needs_attention'"
                         " ORDER BY r.kind, r.book_year, r.number, r.id LIMIT ?1",
                         error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          HtSyncAttention *item = g_new0 (HtSyncAttention, 1);

          item->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          item->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          item->book_year = sqlite3_column_int64 (stmt, 2);
          item->number = sqlite3_column_int64 (stmt, 3);
          item->code = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          item->message = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          item->issues = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          g_ptr_array_add (items, item);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _ht_store_db_error (self->db, rc, _("reading the sync state"), error);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&items) : NULL;
}

gboolean
ht_store_sync_note_run (HtStore     *self,
                        gboolean     success,
                        const char  *error_message,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = ht_timestamp_now ();

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (_ht_store_begin (self, &local_error))
    {
      if (success)
        {
          if (_ht_sync_key_put (self, HT_SYNC_KEY_LAST_SUCCESS, now, &local_error)
              && _ht_sync_key_put (self, HT_SYNC_KEY_LAST_ERROR, NULL, &local_error))
            _ht_sync_key_put (self, HT_SYNC_KEY_LAST_ERROR_AT, NULL, &local_error);
        }
      else if (_ht_sync_key_put (self, HT_SYNC_KEY_LAST_ERROR, error_message != NULL ? error_message : "",
                                 &local_error))
        _ht_sync_key_put (self, HT_SYNC_KEY_LAST_ERROR_AT, now, &local_error);
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
