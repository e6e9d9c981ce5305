/* ht-store-import-rows.c — an import's outbox and audit rows, written 32 records per statement.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save writes one outbox row and one audit row per record, each with a
 * statement of its own.  In an import the writer thread is the bottleneck,
 * and a statement's own cost (starting the virtual machine, finding the
 * b-tree's end from its root) is paid for each of those rows.  Nothing an
 * import reads looks at the outbox or the audit log before the commit
 * (the rules' look-ups read records, history and keys), so the import
 * keeps these rows in memory and writes them 32 at a time with one
 * multi-row INSERT each, as the name keys are written (ht-store-names.c).
 *
 * The rows are the same, in the same order: the outbox's sequence numbers
 * are given by SQLite in the order of the VALUES, which is the order of
 * the records, and the audit entries carry their own sequence numbers and
 * hashes, computed as before, record by record (_ht_audit_append).  What
 * is still in memory is written before the import's commit
 * (_ht_import_rows_flush); a failure anywhere rolls back the transaction,
 * and rows never written are simply dropped with the batch.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-store-private.h"

/* Records per multi-row statement (the SQL below holds 32 rows). */
#define ROWS_BATCH 32

typedef struct
{
  const char *change_id;
  gint64      rid;
  gint64      version;
  gint64      base_version;
  const char *queued_at;
} OutboxRow;

typedef struct
{
  gint64      seq;
  const char *at;
  const char *user;
  const char *action;
  const char *record_id;
  gint64      version;
  const char *detail;
  const char *record_hash;
  const char *hash_prev;
  const char *hash;
} AuditRow;

struct _HtImportRows
{
  /* Copies of the strings of the rows in memory, one store per kind,
   * emptied when that kind's rows are written: a record's tree may be
   * freed before its rows are. */
  GStringChunk *outbox_strings;
  OutboxRow     outbox[ROWS_BATCH];
  guint         n_outbox;
  GStringChunk *audit_strings;
  AuditRow      audit[ROWS_BATCH];
  guint         n_audit;
};

#define OUTBOX_ROW1 "(?, ?, ?, ?, 'record', ?)"
#define OUTBOX_ROW4 OUTBOX_ROW1 ", " OUTBOX_ROW1 ", " OUTBOX_ROW1 ", " OUTBOX_ROW1
#define OUTBOX_ROW16 OUTBOX_ROW4 ", " OUTBOX_ROW4 ", " OUTBOX_ROW4 ", " OUTBOX_ROW4
#define OUTBOX_INSERT "INSERT OR FAIL INTO outbox (change_id, rid, version, base_version, op, queued_at) VALUES "

#define AUDIT_ROW1 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define AUDIT_ROW4 AUDIT_ROW1 ", " AUDIT_ROW1 ", " AUDIT_ROW1 ", " AUDIT_ROW1
#define AUDIT_ROW16 AUDIT_ROW4 ", " AUDIT_ROW4 ", " AUDIT_ROW4 ", " AUDIT_ROW4
#define AUDIT_INSERT "INSERT OR FAIL INTO audit (seq, at, user, action, record_id, version, detail," \
                     " record_hash, hash_prev, hash) VALUES "

/* Set by the tests, to import the same records with a statement per row
 * and compare. */
static gint one_by_one;

void
_ht_import_rows_set_batched (gboolean batched)
{
  g_atomic_int_set (&one_by_one, !batched);
}

HtImportRows *
_ht_import_rows_new (void)
{
  HtImportRows *rows;

  if (g_atomic_int_get (&one_by_one))
    return NULL;
  rows = g_new0 (HtImportRows, 1);
  rows->outbox_strings = g_string_chunk_new (4096);
  rows->audit_strings = g_string_chunk_new (16384);
  return rows;
}

void
_ht_import_rows_free (HtImportRows *rows)
{
  g_string_chunk_free (rows->outbox_strings);
  g_string_chunk_free (rows->audit_strings);
  g_free (rows);
}

static const char *
keep (GStringChunk *strings,
      const char   *text)
{
  return text != NULL ? g_string_chunk_insert (strings, text) : NULL;
}

/* Writes the outbox rows in memory. */
static gboolean
write_outbox (HtStore       *self,
              HtImportRows  *rows,
              GError       **error)
{
  guint i = 0;

  /* A full batch is one statement; what is left at the end goes row by row. */
  if (rows->n_outbox == ROWS_BATCH)
    {
      g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, OUTBOX_INSERT OUTBOX_ROW16 ", " OUTBOX_ROW16, error);

      if (stmt == NULL)
        return FALSE;
      for (; i < ROWS_BATCH; i++)
        {
          const OutboxRow *row = &rows->outbox[i];

          _ht_store_bind_text (stmt, 5 * i + 1, row->change_id);
          sqlite3_bind_int64 (stmt, 5 * i + 2, row->rid);
          sqlite3_bind_int64 (stmt, 5 * i + 3, row->version);
          sqlite3_bind_int64 (stmt, 5 * i + 4, row->base_version);
          _ht_store_bind_text (stmt, 5 * i + 5, row->queued_at);
        }
      if (!_ht_store_step_done (self, stmt, _("queueing the change for sync"), error))
        return FALSE;
    }
  for (; i < rows->n_outbox; i++)
    {
      g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, OUTBOX_INSERT OUTBOX_ROW1, error);
      const OutboxRow *row = &rows->outbox[i];

      if (stmt == NULL)
        return FALSE;
      _ht_store_bind_text (stmt, 1, row->change_id);
      sqlite3_bind_int64 (stmt, 2, row->rid);
      sqlite3_bind_int64 (stmt, 3, row->version);
      sqlite3_bind_int64 (stmt, 4, row->base_version);
      _ht_store_bind_text (stmt, 5, row->queued_at);
      if (!_ht_store_step_done (self, stmt, _("queueing the change for sync"), error))
        return FALSE;
    }
  rows->n_outbox = 0;
  g_string_chunk_clear (rows->outbox_strings);
  return TRUE;
}

static void
bind_audit (sqlite3_stmt   *stmt,
            int             at,
            const AuditRow *row)
{
  sqlite3_bind_int64 (stmt, at + 1, row->seq);
  _ht_store_bind_text (stmt, at + 2, row->at);
  _ht_store_bind_text (stmt, at + 3, row->user);
  _ht_store_bind_text (stmt, at + 4, row->action);
  _ht_store_bind_text (stmt, at + 5, row->record_id);
  if (row->version > 0)
    sqlite3_bind_int64 (stmt, at + 6, row->version);
  else
    sqlite3_bind_null (stmt, at + 6);
  _ht_store_bind_text (stmt, at + 7, row->detail);
  _ht_store_bind_text (stmt, at + 8, row->record_hash);
  _ht_store_bind_text (stmt, at + 9, row->hash_prev);
  _ht_store_bind_text (stmt, at + 10, row->hash);
}

static gboolean
write_audit (HtStore       *self,
             HtImportRows  *rows,
             GError       **error)
{
  guint i = 0;

  if (rows->n_audit == ROWS_BATCH)
    {
      g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, AUDIT_INSERT AUDIT_ROW16 ", " AUDIT_ROW16, error);

      if (stmt == NULL)
        return FALSE;
      for (; i < ROWS_BATCH; i++)
        bind_audit (stmt, 10 * i, &rows->audit[i]);
      if (!_ht_store_step_done (self, stmt, _("writing the audit log"), error))
        return FALSE;
    }
  for (; i < rows->n_audit; i++)
    {
      g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, AUDIT_INSERT AUDIT_ROW1, error);

      if (stmt == NULL)
        return FALSE;
      bind_audit (stmt, 0, &rows->audit[i]);
      if (!_ht_store_step_done (self, stmt, _("writing the audit log"), error))
        return FALSE;
    }
  rows->n_audit = 0;
  g_string_chunk_clear (rows->audit_strings);
  return TRUE;
}

gboolean
_ht_import_rows_add_outbox (HtStore     *self,
                            const char  *change_id,
                            gint64       rid,
                            gint64       version,
                            gint64       base_version,
                            const char  *queued_at,
                            GError     **error)
{
  HtImportRows *rows = self->import_rows;
  OutboxRow *row;

  /* Full only if writing them failed before: try again rather than
   * write past the batch. */
  if (rows->n_outbox == ROWS_BATCH && !write_outbox (self, rows, error))
    return FALSE;
  row = &rows->outbox[rows->n_outbox++];
  row->change_id = keep (rows->outbox_strings, change_id);
  row->rid = rid;
  row->version = version;
  row->base_version = base_version;
  row->queued_at = keep (rows->outbox_strings, queued_at);
  return rows->n_outbox < ROWS_BATCH || write_outbox (self, rows, error);
}

gboolean
_ht_import_rows_add_audit (HtStore     *self,
                           gint64       seq,
                           const char  *at,
                           const char  *user,
                           const char  *action,
                           const char  *record_id,
                           gint64       version,
                           const char  *detail,
                           const char  *record_hash,
                           const char  *hash_prev,
                           const char  *hash,
                           GError     **error)
{
  HtImportRows *rows = self->import_rows;
  AuditRow *row;

  if (rows->n_audit == ROWS_BATCH && !write_audit (self, rows, error))
    return FALSE;
  row = &rows->audit[rows->n_audit++];
  row->seq = seq;
  row->at = keep (rows->audit_strings, at);
  row->user = keep (rows->audit_strings, user);
  row->action = keep (rows->audit_strings, action);
  row->record_id = keep (rows->audit_strings, record_id);
  row->version = version;
  row->detail = keep (rows->audit_strings, detail);
  row->record_hash = keep (rows->audit_strings, record_hash);
  row->hash_prev = keep (rows->audit_strings, hash_prev);
  row->hash = keep (rows->audit_strings, hash);
  return rows->n_audit < ROWS_BATCH || write_audit (self, rows, error);
}

gboolean
_ht_import_rows_flush (HtStore  *self,
                       GError  **error)
{
  HtImportRows *rows = self->import_rows;

  if (rows == NULL)
    return TRUE;
  return write_outbox (self, rows, error) && write_audit (self, rows, error);
}
