/* ht-store-import-tune.c — how a bulk import sets the connection up and leaves the search index.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ht-store-import.c does to the register's connection around the
 * records it writes: the size of the page cache, the search index's
 * merging during the import and its one merge at the end, and the indexes
 * an import into an empty register builds after its last record.  The measurements
 * behind the numbers are in docs/local-store.md ("Bulk import").
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>

#include "ht-store-private.h"

/* Imports of fewer records leave the search index's segments to FTS5's
 * own merging (_ht_import_optimize_search). */
#define OPTIMIZE_MIN_RECORDS 2000

/* A bulk import's page cache (KiB, as PRAGMA cache_size takes it negated):
 * a base, and as much again per record of the register as its b-trees
 * keyed at random (record ids, personal ID numbers, references) take, so
 * that their pages stay in memory however large the register grows.  The
 * cache is not simply made large: every page that enters it for the first
 * time is a new allocation and a page fault, which on the virtual machines
 * the offices run on cost more than the insert itself (measured with
 * 100,000 records and 4 KiB pages: 73 µs of the writer per record with
 * 16 MiB, 93 µs with 512 MiB; with 1 KiB pages no difference showed).  A
 * small cache writes the pages of the tables that only grow at their end
 * (records, history, outbox, audit, the search index's segments) to the
 * log early and reuses their memory.  With 1,000,000 records a fixed
 * 16 MiB cache made the writer slower instead (134 µs against 104 µs with
 * the share per record).  With the 1 KiB pages of new registers a page
 * holds a quarter of the keys and costs relatively more bookkeeping, so
 * the share is 384 bytes: at 1,000,000 records the writer took 238 µs per
 * record with 192 bytes and 186 µs with 384 (bench-store, 0.11× → 0.16×
 * the raw load). */
#define IMPORT_CACHE_BASE_KIB        16384
#define IMPORT_CACHE_BYTES_PER_RECORD 384
#define IMPORT_CACHE_MAX_KIB         524288

/* The indexes an import into an empty register builds once, after its
 * last record, rather than record by record: none of them is read by the
 * import's own lookups (those go through the records' ids, their books,
 * record_keys, refs and name_keys), so dropping them changes no answer
 * during the import, only the work.  records_stats and records_review are
 * keyed by the registration date, at random in a file's order: every
 * record inserted into them a key on a page of its own, and their pages
 * competed with the other b-trees for the import's page cache.  outbox_rid
 * only grows at its end, but its inserts still cost the writer.  Built
 * from a sorted scan, each index is written page after page once.  DROP
 * and CREATE INDEX take part in the import's transaction: a failed or
 * interrupted import leaves the indexes as they were. */
static const struct
{
  const char *name;
  const char *drop;
} deferred_indexes[] = {
  { "records_stats", "DROP INDEX records_stats" },
  { "records_review", "DROP INDEX records_review" },
  { "outbox_rid", "DROP INDEX outbox_rid" },
};

gboolean
_ht_import_drop_indexes (HtStore    *self,
                         GPtrArray **dropped,
                         GError    **error)
{
  g_autoptr(GPtrArray) sqls = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (deferred_indexes); i++)
    {
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", error);
      g_autofree char *sql = NULL;
      int rc;

      if (stmt == NULL)
        return FALSE;
      _ht_store_bind_text (stmt, 1, deferred_indexes[i].name);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _ht_store_db_error (self->db, rc, _("reading the register"), error);
          return FALSE;
        }
      /* The index is built again from its own definition; one the
       * register does not have is left alone. */
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
        sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_clear_pointer (&stmt, _ht_cached_stmt_release);
      if (sql == NULL)
        continue;
      if (!_ht_store_exec (self, deferred_indexes[i].drop, error))
        return FALSE;
      g_ptr_array_add (sqls, g_steal_pointer (&sql));
    }
  *dropped = g_steal_pointer (&sqls);
  return TRUE;
}

gboolean
_ht_import_build_indexes (HtStore    *self,
                          GPtrArray  *dropped,
                          GError    **error)
{
  for (guint i = 0; dropped != NULL && i < dropped->len; i++)
    if (!_ht_store_exec (self, dropped->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* A pragma of the connection, not of the file: it may change inside the
 * transaction. */
void
_ht_import_set_cache (HtStore *self,
                      guint64  records)
{
  guint64 kib = MIN (IMPORT_CACHE_BASE_KIB + records * IMPORT_CACHE_BYTES_PER_RECORD / 1024,
                     IMPORT_CACHE_MAX_KIB);
  char sql[64];

  g_snprintf (sql, sizeof sql, "PRAGMA cache_size = -%" G_GUINT64_FORMAT, kib);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/* Whether the register holds no record, and its highest rid (about how
 * many it holds: rids are not reused). */
gboolean
_ht_import_register_size (HtStore   *self,
                          gboolean  *empty,
                          gint64    *max_rid,
                          GError   **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self, "SELECT NOT EXISTS (SELECT 1 FROM records), IFNULL (MAX (rid), 0) FROM records", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, _("reading the register"), error);
      return FALSE;
    }
  *empty = sqlite3_column_int (stmt, 0) != 0;
  *max_rid = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* The search index merges its segments as they are written (automerge);
 * an import that ends with merging the whole index into one
 * (_ht_import_optimize_search) does that work twice, so an import into an empty
 * register (which merges at the end unless it is small, and then leaves
 * few segments) turns it off for its duration.  FTS5 keeps the setting in
 * the index itself, inside the import's transaction: a failed import
 * leaves it as it was, and a successful one sets it back to FTS5's
 * default before it commits.  Past 16 segments on one level FTS5 still
 * merges (crisismerge), so the index never grows out of shape. */
gboolean
_ht_import_set_search_merges (HtStore   *self,
                              gboolean   on,
                              GError   **error)
{
  return _ht_store_exec (self,
                         on ? "INSERT INTO search (search, rank) VALUES ('automerge', 4)"
                            : "INSERT INTO search (search, rank) VALUES ('automerge', 0)",
                         error);
}

/* A bulk import leaves the search index in several large segments on
 * different levels.  FTS5 merges them bit by bit on later writes, which
 * made one clerk's save in a few dozen write thousands of pages; merged
 * into one segment now, the saves after the import only merge their own
 * small segments.  The merge rewrites the whole index, so it is done only
 * when the import brought a good share of the register. */
gboolean
_ht_import_optimize_search (HtStore  *self,
                            guint64   imported,
                            GError  **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  gint64 total;
  int rc;

  if (imported < OPTIMIZE_MIN_RECORDS)
    return TRUE;
  stmt = _ht_store_stmt (self, "SELECT IFNULL (MAX (rid), 0) FROM records", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, _("updating the search index"), error);
      return FALSE;
    }
  total = sqlite3_column_int64 (stmt, 0);
  if ((gint64) imported * 4 < total)
    return TRUE;
  return _ht_store_exec (self, "INSERT INTO search (search) VALUES ('optimize')", error);
}
