/* ht-stats-store.c — the statistics of a register for a period.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A year of a commune is a few thousand entries, but the same code must stay
 * fast on a register of a million (a digitised province-sized book, the
 * benchmark), so the work is split by what each record needs:
 *
 *  - a re-registration and an entry of the other matters count from their
 *    envelope alone (ht_stats_needs_content()); one GROUP BY over the
 *    index records_stats (registered_on, status, kind, registration_type)
 *    counts them without reading a single row of the table;
 *  - the new births, deaths, marriages and marital-status certificates need
 *    their content (dates of birth, sex, ethnicity, purpose); the same index
 *    gives their row ids in the period, the store reads each one as
 *    ht_store_get() does (by row id, which spares a lookup in the index of
 *    UUIDs), and ht_stats_add() applies every definition to it.
 *
 * Only the envelope columns of "records" are named in SQL; the content is
 * read through the store's own reading function, whatever table holds it.  Both
 * queries run in one read transaction with the store's lock held, so the
 * figures are those of one moment of the register.
 */
#define G_LOG_DOMAIN "ht-stats"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-stats-store-private.h"

/* Rows between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 256

/* Text bounds for an open period: registration dates are YYYY-MM-DD. */
#define OPEN_FROM "0000-01-01"
#define OPEN_TO   "9999-12-31"

static void
bind_period (sqlite3_stmt *stmt,
             const char   *from,
             const char   *to)
{
  _ht_store_bind_text (stmt, 1, from != NULL ? from : OPEN_FROM);
  _ht_store_bind_text (stmt, 2, to != NULL ? to : OPEN_TO);
}

/* The counts that need no content, from the index alone. */
static gboolean
count_envelopes (HtStore      *store,
                 HtStats      *stats,
                 const char   *from,
                 const char   *to,
                 GError      **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (store,
                    "SELECT kind, registration_type, count(*) FROM records"
                    " WHERE registered_on BETWEEN ?1 AND ?2 AND status = 'registered'"
                    " GROUP BY kind, registration_type",
                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *type = (const char *) sqlite3_column_text (stmt, 1);

      if (kind != NULL && !ht_stats_needs_content (kind, type))
        ht_stats_add_counted (stats, kind, type, (guint64) sqlite3_column_int64 (stmt, 2));
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (store->db, rc, _("computing statistics"), error);
      return FALSE;
    }
  return TRUE;
}

/* The records whose content is needed, one by one. */
static gboolean
count_contents (HtStore      *store,
                HtStats      *stats,
                const char   *from,
                const char   *to,
                GCancellable *cancellable,
                GError      **error)
{
  /* Everything here is in the index records_stats (the rid too), so the
   * scan never reads the table.  The kinds are told apart in C, not in SQL:
   * with a condition on the kind, SQLite may prefer the index records_book
   * (kind, …) and walk every year of those kinds.  Rows come in
   * registration order, which is nearly the order of their rids, so the
   * reads by rid below go through the table and the history in order. */
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (store,
                    "SELECT rid, kind, registration_type FROM records"
                    " WHERE registered_on BETWEEN ?1 AND ?2 AND status = 'registered'",
                    error);
  guint64 rows = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(cJSON) record = NULL;

      if (++rows % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* The rest was counted from the index. */
      if (!ht_stats_needs_content ((const char *) sqlite3_column_text (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 2)))
        continue;
      record = _ht_store_get_rid_unlocked (store, sqlite3_column_int64 (stmt, 0), error);
      if (record == NULL)
        return FALSE;
      ht_stats_add (stats, record);
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (store->db, rc, _("computing statistics"), error);
      return FALSE;
    }
  return TRUE;
}

HtStats *
_ht_stats_compute_locked (HtStore       *store,
                          const GDate   *from,
                          const GDate   *to,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(HtStats) stats = ht_stats_new (ht_store_get_office (store), from, to);
  g_autofree char *from_text = from != NULL ? ht_date_format (from) : NULL;
  g_autofree char *to_text = to != NULL ? ht_date_format (to) : NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !count_envelopes (store, stats, from_text, to_text, error)
      || !count_contents (store, stats, from_text, to_text, cancellable, error))
    return NULL;
  return g_steal_pointer (&stats);
}

HtStats *
ht_stats_compute (HtStore       *store,
                  const GDate   *from,
                  const GDate   *to,
                  GCancellable  *cancellable,
                  GError       **error)
{
  HtStats *stats = NULL;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (to == NULL || g_date_valid (to), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_rec_mutex_lock (&store->lock);
  /* A deferred transaction is a read snapshot (WAL): another program's
   * import cannot land between the two queries. */
  if (_ht_store_exec (store, "BEGIN", error))
    {
      stats = _ht_stats_compute_locked (store, from, to, cancellable, error);
      _ht_store_rollback (store);
    }
  g_rec_mutex_unlock (&store->lock);
  return stats;
}

/* ---- Async ---- */

typedef struct
{
  GDate    from;
  GDate    to;
  gboolean has_from;
  gboolean has_to;
} ComputeData;

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  GError *error = NULL;
  HtStats *stats = ht_stats_compute (source_object, data->has_from ? &data->from : NULL,
                                     data->has_to ? &data->to : NULL, cancellable, &error);

  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) ht_stats_free);
}

void
ht_stats_compute_async (HtStore             *store,
                        const GDate         *from,
                        const GDate         *to,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (HT_IS_STORE (store));
  g_return_if_fail (from == NULL || g_date_valid (from));
  g_return_if_fail (to == NULL || g_date_valid (to));

  data = g_new0 (ComputeData, 1);
  if (from != NULL)
    {
      data->from = *from;
      data->has_from = TRUE;
    }
  if (to != NULL)
    {
      data->to = *to;
      data->has_to = TRUE;
    }
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_stats_compute_async);
  g_task_set_task_data (task, data, g_free);
  /* A cancelled computation has nothing worth returning. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_thread);
}

HtStats *
ht_stats_compute_finish (HtStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_stats_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Reporting periods of this register ---- */

static char *
cutoff_key (HtStatsPeriod period)
{
  return g_strconcat (HT_STATS_CUTOFF_KEY_PREFIX, ht_stats_period_to_string (period), NULL);
}

char *
ht_stats_store_get_cutoff (HtStore       *store,
                           HtStatsPeriod  period,
                           gboolean      *overridden)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (period != HT_STATS_PERIOD_CUSTOM, NULL);

  key = cutoff_key (period);
  value = ht_store_get_key (store, key);
  /* An override that is no longer valid (set by hand in the file) is
   * ignored rather than making every report of the period fail. */
  if (value != NULL && ht_stats_period_cutoff_valid (value, NULL))
    {
      if (overridden != NULL)
        *overridden = TRUE;
      return g_steal_pointer (&value);
    }
  if (overridden != NULL)
    *overridden = FALSE;
  return g_strdup (ht_stats_period_default_cutoff (period));
}

gboolean
ht_stats_store_set_cutoff (HtStore        *store,
                           HtStatsPeriod   period,
                           const char     *cutoff,
                           GError        **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (HT_IS_STORE (store), FALSE);

  if (period == HT_STATS_PERIOD_CUSTOM)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A custom period has no fixed dates to set"));
      return FALSE;
    }
  if (cutoff != NULL && !ht_stats_period_cutoff_valid (cutoff, error))
    return FALSE;
  key = cutoff_key (period);
  return ht_store_set_key (store, key, cutoff, error);
}

gboolean
ht_stats_store_period_range (HtStore        *store,
                             HtStatsPeriod   period,
                             int             year,
                             GDate          *from,
                             GDate          *to,
                             GError        **error)
{
  g_autofree char *cutoff = NULL;

  g_return_val_if_fail (HT_IS_STORE (store), FALSE);

  if (period != HT_STATS_PERIOD_CUSTOM)
    cutoff = ht_stats_store_get_cutoff (store, period, NULL);
  return ht_stats_period_range (period, year, cutoff, from, to, error);
}
