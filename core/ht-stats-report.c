/* ht-stats-report.c — locking a submitted report and showing what changed since.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once a commune has sent its figures for a period they must not move
 * (DOMAIN.md §4), yet DESIGN.md still lets a registered record be edited
 * while its review is pending or returned, revoked, or a late entry be
 * registered with an earlier date.  So a lock does not forbid anything: it
 * keeps the figures as sent, together with the list of book entries the
 * period held and their versions (table stats_report_records, migration
 * 0003).  What changed since is then an exact comparison of that list with
 * the register, and the difference per indicator is today's figures minus
 * the locked ones.
 *
 * The audit log records each lock with the SHA-256 of the stored figures:
 * the chain proves the entry was not altered (hotich-admin check), and the
 * entry proves the figures were not.
 */
#define G_LOG_DOMAIN "ht-stats"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-stats-store-private.h"

#define AUDIT_ACTION "stats_lock"

void
ht_stats_report_free (HtStatsReport *report)
{
  if (report == NULL)
    return;
  g_free (report->locked_at);
  g_free (report->locked_by);
  cJSON_Delete (report->figures);
  g_free (report);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Whether the audit log's entry for report "id" holds the SHA-256 of
 * "figures" (the stored text). */
static gboolean
figures_intact (HtStore    *store,
                gint64      id,
                const char *figures,
                gsize       length)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (store, "SELECT detail FROM audit WHERE action = '" AUDIT_ACTION "' AND detail LIKE ?1", NULL);
  g_autofree char *pattern = g_strdup_printf ("report=%" G_GINT64_FORMAT " %%", id);
  char hash[65];
  gboolean intact = FALSE;

  if (stmt == NULL)
    return FALSE;
  _ht_sha256_hex (figures, length, hash);
  _ht_store_bind_text (stmt, 1, pattern);
  while (!intact && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *found = strstr (column_text (stmt, 0), " figures=");
      intact = found != NULL && strcmp (found + strlen (" figures="), hash) == 0;
    }
  return intact;
}

/* A report from a row of SELECT id, period, year, date_from, date_to,
 * locked_at, locked_by, figures. */
static HtStatsReport *
report_from_row (HtStore       *store,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(HtStatsReport) report = g_new0 (HtStatsReport, 1);
  const char *figures = column_text (stmt, 7);
  int length = sqlite3_column_bytes (stmt, 7);

  report->id = sqlite3_column_int64 (stmt, 0);
  if (!ht_stats_period_from_string (column_text (stmt, 1), &report->period))
    report->period = HT_STATS_PERIOD_CUSTOM;
  report->year = sqlite3_column_int (stmt, 2);
  report->locked_at = g_strdup (column_text (stmt, 5));
  report->locked_by = g_strdup (column_text (stmt, 6));
  if (figures != NULL)
    report->figures = cJSON_ParseWithLengthOpts (figures, length, NULL, FALSE);
  if (!ht_date_parse (column_text (stmt, 3), &report->from) || !ht_date_parse (column_text (stmt, 4), &report->to)
      || !cJSON_IsObject (report->figures))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                   _("The locked report %" PRId64 " in the register is damaged"), report->id);
      return NULL;
    }
  report->intact = figures_intact (store, report->id, figures, length);
  return g_steal_pointer (&report);
}

#define REPORT_COLUMNS "SELECT id, period, year, date_from, date_to, locked_at, locked_by, figures FROM stats_reports"

/* The report of exactly from..to, or NULL (NOT_FOUND or another error). */
static HtStatsReport *
find_locked (HtStore      *store,
             const char   *from,
             const char   *to,
             GError      **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (store, REPORT_COLUMNS " WHERE date_from = ?1 AND date_to = ?2", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _ht_store_bind_text (stmt, 1, from);
  _ht_store_bind_text (stmt, 2, to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return report_from_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, _("No report was locked for %s to %s"), from, to);
  else
    _ht_store_db_error (store->db, rc, _("reading the locked reports"), error);
  return NULL;
}

static gboolean
check_lock_arguments (HtStatsPeriod  period,
                      int            year,
                      const GDate   *from,
                      const GDate   *to,
                      const char    *user,
                      GError       **error)
{
  if (from == NULL || to == NULL || !g_date_valid (from) || !g_date_valid (to))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A locked report needs its first and last day"));
      return FALSE;
    }
  if (g_date_compare (from, to) > 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The first day of the period is after its last day"));
      return FALSE;
    }
  if ((period == HT_STATS_PERIOD_CUSTOM) != (year == 0) || (year != 0 && (year < 1900 || year > 9998)))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("An official period needs its year (1900 to 9998), a custom one none"));
      return FALSE;
    }
  if (user == NULL || *user == '\0')
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A locked report needs the name of who locked it"));
      return FALSE;
    }
  return TRUE;
}

/* Writes the report row, the list of the period's book entries and the
 * audit entry; the caller holds the transaction. */
static gint64
write_report (HtStore        *store,
              HtStatsPeriod   period,
              int             year,
              const char     *from,
              const char     *to,
              const char     *now,
              const char     *user,
              const char     *figures,
              GError        **error)
{
  HtAuditChain chain;
  char hash[65];
  g_autofree char *detail = NULL;
  gint64 id;

  {
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (store,
                      "INSERT INTO stats_reports (period, year, date_from, date_to, locked_at, locked_by, figures)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                      error);
    if (stmt == NULL)
      return 0;
    _ht_store_bind_text (stmt, 1, ht_stats_period_to_string (period));
    if (year != 0)
      sqlite3_bind_int (stmt, 2, year);
    _ht_store_bind_text (stmt, 3, from);
    _ht_store_bind_text (stmt, 4, to);
    _ht_store_bind_text (stmt, 5, now);
    _ht_store_bind_text (stmt, 6, user);
    _ht_store_bind_text (stmt, 7, figures);
    if (!_ht_store_step_done (store, stmt, _("locking a report"), error))
      return 0;
    id = sqlite3_last_insert_rowid (store->db);
  }
  {
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (store,
                      "INSERT INTO stats_report_records (report, rid, content_version, status)"
                      " SELECT ?1, rid, content_version, status FROM records"
                      " WHERE registered_on BETWEEN ?2 AND ?3 AND status <> 'draft'",
                      error);
    if (stmt == NULL)
      return 0;
    sqlite3_bind_int64 (stmt, 1, id);
    _ht_store_bind_text (stmt, 2, from);
    _ht_store_bind_text (stmt, 3, to);
    if (!_ht_store_step_done (store, stmt, _("locking a report"), error))
      return 0;
  }

  _ht_sha256_hex (figures, strlen (figures), hash);
  detail = g_strdup_printf ("report=%" G_GINT64_FORMAT " period=%s year=%d from=%s to=%s figures=%s", id,
                            ht_stats_period_to_string (period), year, from, to, hash);
  if (!_ht_audit_chain_load (store, &chain, error)
      || !_ht_audit_append (store, &chain, now, user, AUDIT_ACTION, NULL, 0, detail, NULL, 0, error)
      || !_ht_audit_chain_store (store, &chain, error))
    return 0;
  return id;
}

HtStatsReport *
ht_stats_report_lock (HtStore        *store,
                      HtStatsPeriod   period,
                      int             year,
                      const GDate    *from,
                      const GDate    *to,
                      const char     *user,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(HtStatsReport) existing = NULL;
  g_autoptr(HtStatsReport) report = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *now = NULL;
  g_autofree char *figures = NULL;
  gint64 id = 0;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_lock_arguments (period, year, from, to, user, error))
    return NULL;
  from_text = ht_date_format (from);
  to_text = ht_date_format (to);
  now = ht_timestamp_now ();

  g_rec_mutex_lock (&store->lock);
  if (!_ht_store_begin (store, &local_error))
    goto out;

  existing = find_locked (store, from_text, to_text, &local_error);
  if (existing != NULL)
    {
      g_set_error (&local_error, HT_ERROR, HT_ERROR_EXISTS,
                   _("The period %s to %s was already locked on %s by %s"), from_text, to_text,
                   existing->locked_at, existing->locked_by);
      goto out;
    }
  if (!g_error_matches (local_error, HT_ERROR, HT_ERROR_NOT_FOUND))
    goto out;
  g_clear_error (&local_error);

  stats = _ht_stats_compute_locked (store, from, to, cancellable, &local_error);
  if (stats == NULL)
    goto out;
  {
    g_autoptr(cJSON) json = ht_stats_to_json (stats);
    figures = cJSON_PrintUnformatted (json);
  }
  id = write_report (store, period, year, from_text, to_text, now, user, figures, &local_error);
  if (id == 0)
    goto out;
  /* Read back inside the transaction: a report that cannot be read is
   * not committed. */
  report = find_locked (store, from_text, to_text, &local_error);
  if (report == NULL || !_ht_store_commit (store, &local_error))
    goto out;

out:
  if (local_error != NULL)
    _ht_store_rollback (store);
  g_rec_mutex_unlock (&store->lock);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&report);
}

GPtrArray *
ht_stats_report_list (HtStore  *store,
                      GError  **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_stats_report_free);
  g_autoptr(HtCachedStmt) stmt = NULL;
  GError *local_error = NULL;
  int rc;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);

  g_rec_mutex_lock (&store->lock);
  stmt = _ht_store_stmt (store, REPORT_COLUMNS " ORDER BY id", &local_error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          HtStatsReport *report = report_from_row (store, stmt, &local_error);
          if (report == NULL)
            break;
          g_ptr_array_add (reports, report);
        }
      if (local_error == NULL && rc != SQLITE_DONE)
        _ht_store_db_error (store->db, rc, _("reading the locked reports"), &local_error);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&store->lock);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&reports);
}

HtStatsReport *
ht_stats_report_find (HtStore      *store,
                      const GDate  *from,
                      const GDate  *to,
                      GError      **error)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  HtStatsReport *report;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  from_text = ht_date_format (from);
  to_text = ht_date_format (to);
  g_rec_mutex_lock (&store->lock);
  report = find_locked (store, from_text, to_text, error);
  g_rec_mutex_unlock (&store->lock);
  return report;
}

/* ---- What changed since ---- */

static void
add_int_or_null (cJSON        *object,
                 const char   *name,
                 sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    cJSON_AddNullToObject (object, name);
  else
    cJSON_AddNumberToObject (object, name, (double) sqlite3_column_int64 (stmt, column));
}

static void
add_text_or_null (cJSON        *object,
                  const char   *name,
                  sqlite3_stmt *stmt,
                  int           column)
{
  const char *text = column_text (stmt, column);

  if (text == NULL)
    cJSON_AddNullToObject (object, name);
  else
    cJSON_AddStringToObject (object, name, text);
}

/* One changed record from columns id, kind, book_year, number,
 * registered_on, status, content_version, locked content_version. */
static cJSON *
changed_record (sqlite3_stmt *stmt)
{
  cJSON *entry = cJSON_CreateObject ();

  add_text_or_null (entry, "id", stmt, 0);
  add_text_or_null (entry, "kind", stmt, 1);
  add_int_or_null (entry, "book_year", stmt, 2);
  add_int_or_null (entry, "number", stmt, 3);
  add_text_or_null (entry, "registered_on", stmt, 4);
  add_text_or_null (entry, "status", stmt, 5);
  add_int_or_null (entry, "content_version", stmt, 6);
  add_int_or_null (entry, "locked_version", stmt, 7);
  return entry;
}

static gboolean
list_changes (HtStore              *store,
              const HtStatsReport  *report,
              cJSON                *records,
              GError              **error)
{
  g_autofree char *from = ht_date_format (&report->from);
  g_autofree char *to = ht_date_format (&report->to);
  cJSON *added = cJSON_AddArrayToObject (records, "added");
  cJSON *edited = cJSON_AddArrayToObject (records, "edited");
  cJSON *revoked = cJSON_AddArrayToObject (records, "revoked");
  cJSON *removed = cJSON_AddArrayToObject (records, "removed");
  int rc;

  /* The period's book entries now, against the list kept at the lock. */
  {
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (store,
                      "SELECT r.id, r.kind, r.book_year, r.number, r.registered_on, r.status, r.content_version,"
                      " s.content_version, s.status FROM records r"
                      " LEFT JOIN stats_report_records s ON s.report = ?3 AND s.rid = r.rid"
                      " WHERE r.registered_on BETWEEN ?1 AND ?2 AND r.status <> 'draft'"
                      " AND (s.rid IS NULL OR s.content_version <> r.content_version OR s.status <> r.status)"
                      " ORDER BY r.kind, r.book_year, r.number, r.rid",
                      error);
    if (stmt == NULL)
      return FALSE;
    _ht_store_bind_text (stmt, 1, from);
    _ht_store_bind_text (stmt, 2, to);
    sqlite3_bind_int64 (stmt, 3, report->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *locked_status = column_text (stmt, 8);
        cJSON *list;

        if (locked_status == NULL)
          list = added;
        else if (strcmp (locked_status, "registered") == 0 && g_strcmp0 (column_text (stmt, 5), "revoked") == 0)
          list = revoked;
        else
          list = edited;
        cJSON_AddItemToArray (list, changed_record (stmt));
      }
    if (rc != SQLITE_DONE)
      {
        _ht_store_db_error (store->db, rc, _("comparing a locked report with the register"), error);
        return FALSE;
      }
  }

  /* Entries of the list that the period no longer holds. */
  {
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (store,
                      "SELECT r.id, r.kind, r.book_year, r.number, r.registered_on, r.status, r.content_version,"
                      " s.content_version FROM stats_report_records s"
                      " LEFT JOIN records r ON r.rid = s.rid"
                      " WHERE s.report = ?3 AND (r.rid IS NULL OR r.status = 'draft' OR r.registered_on IS NULL"
                      " OR r.registered_on NOT BETWEEN ?1 AND ?2)"
                      " ORDER BY r.kind, r.book_year, r.number, s.rid",
                      error);
    if (stmt == NULL)
      return FALSE;
    _ht_store_bind_text (stmt, 1, from);
    _ht_store_bind_text (stmt, 2, to);
    sqlite3_bind_int64 (stmt, 3, report->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      cJSON_AddItemToArray (removed, changed_record (stmt));
    if (rc != SQLITE_DONE)
      {
        _ht_store_db_error (store->db, rc, _("comparing a locked report with the register"), error);
        return FALSE;
      }
  }
  return TRUE;
}

cJSON *
ht_stats_report_changes (HtStore              *store,
                         const HtStatsReport  *report,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(cJSON) out = NULL;
  g_autoptr(HtStats) stats = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  out = cJSON_CreateObject ();
  g_rec_mutex_lock (&store->lock);
  /* The figures and the list of records from one snapshot. */
  if (_ht_store_exec (store, "BEGIN", error))
    {
      stats = _ht_stats_compute_locked (store, &report->from, &report->to, cancellable, error);
      if (stats != NULL)
        {
          cJSON *current = ht_stats_to_json (stats);
          cJSON_AddItemToObject (out, "current", current);
          cJSON_AddItemToObject (out, "difference", ht_stats_json_difference (current, report->figures));
          ok = list_changes (store, report, cJSON_AddObjectToObject (out, "records"), error);
        }
      _ht_store_rollback (store);
    }
  g_rec_mutex_unlock (&store->lock);
  return ok ? g_steal_pointer (&out) : NULL;
}

cJSON *
ht_stats_report_to_json (const HtStatsReport *report)
{
  cJSON *out;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  from = ht_date_format (&report->from);
  to = ht_date_format (&report->to);
  out = cJSON_CreateObject ();
  cJSON_AddNumberToObject (out, "id", (double) report->id);
  cJSON_AddStringToObject (out, "period", ht_stats_period_to_string (report->period));
  if (report->year != 0)
    cJSON_AddNumberToObject (out, "year", report->year);
  else
    cJSON_AddNullToObject (out, "year");
  cJSON_AddStringToObject (out, "from", from);
  cJSON_AddStringToObject (out, "to", to);
  cJSON_AddStringToObject (out, "locked_at", report->locked_at);
  cJSON_AddStringToObject (out, "locked_by", report->locked_by);
  cJSON_AddBoolToObject (out, "intact", report->intact);
  cJSON_AddItemToObject (out, "figures", cJSON_Duplicate (report->figures, TRUE));
  return out;
}
