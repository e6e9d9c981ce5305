/* ht-stats-months.c — the birth figures only the charts need: per month by sex, within a year.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same walk as the content pass of ht-stats-store.c: one query over
 * the index records_stats gives the row ids of the entries of the period,
 * the kind is told apart in C (a condition on the kind may make SQLite
 * prefer another index), and each new birth is read through the store's
 * own reading function.  It runs in a read transaction with the store's
 * lock held, so its figures are those of one moment of the register.
 */
#define G_LOG_DOMAIN "ht-stats"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-stats-months.h"
#include "ht-store-private.h"

/* Rows between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 256

/* A birth registered at most this many days after the date of birth is
 * within a year (the national target: 98% of births). */
#define WITHIN_YEAR_DAYS 365

typedef struct
{
  guint64 male;
  guint64 female;
} MonthCount;

typedef struct
{
  GHashTable *months;      /* month index (year × 12 + month − 1) → MonthCount */
  guint64     within_year;
  guint64     beyond_year;
} Counts;

static int
month_index (const GDate *date)
{
  return (int) g_date_get_year (date) * 12 + (int) g_date_get_month (date) - 1;
}

static const char *
child_string (const cJSON *child,
              const char  *name)
{
  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (child, name));
}

static void
add_birth (Counts      *counts,
           const cJSON *record,
           const GDate *registered_on)
{
  const cJSON *child = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (record, "data"),
                                                         "child");
  const char *sex = child_string (child, "sex");
  const char *dob = child_string (child, "date_of_birth");
  int index = month_index (registered_on);
  MonthCount *month = g_hash_table_lookup (counts->months, GINT_TO_POINTER (index));
  GDate born;

  if (month == NULL)
    {
      month = g_new0 (MonthCount, 1);
      g_hash_table_insert (counts->months, GINT_TO_POINTER (index), month);
    }
  /* As ht_stats_add(): a sex other than these two counts in neither. */
  if (g_strcmp0 (sex, "male") == 0)
    month->male++;
  else if (g_strcmp0 (sex, "female") == 0)
    month->female++;

  /* As on_time and late: without a usable date of birth, or with one after
   * the registration, the timing is unknown. */
  g_date_clear (&born, 1);
  if (dob != NULL && ht_date_parse (dob, &born) && g_date_compare (&born, registered_on) <= 0)
    {
      if (ht_date_days_between (&born, registered_on) <= WITHIN_YEAR_DAYS)
        counts->within_year++;
      else
        counts->beyond_year++;
    }
}

static gboolean
count_births (HtStore       *store,
              Counts        *counts,
              const char    *from,
              const char    *to,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (store,
                    "SELECT rid, kind, registration_type, registered_on FROM records"
                    " WHERE registered_on BETWEEN ?1 AND ?2 AND status = 'registered'",
                    error);
  guint64 rows = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, from != NULL ? from : "0000-01-01");
  _ht_store_bind_text (stmt, 2, to != NULL ? to : "9999-12-31");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *type = (const char *) sqlite3_column_text (stmt, 2);
      const char *registered_text = (const char *) sqlite3_column_text (stmt, 3);
      g_autoptr(cJSON) record = NULL;
      GDate registered_on;

      if (++rows % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* New births only: a re-registration is counted apart on the forms. */
      if (g_strcmp0 (kind, "birth") != 0 || g_strcmp0 (type, "re-registration") == 0)
        continue;
      g_date_clear (&registered_on, 1);
      if (registered_text == NULL || !ht_date_parse (registered_text, &registered_on))
        continue;
      record = _ht_store_get_rid_unlocked (store, sqlite3_column_int64 (stmt, 0), error);
      if (record == NULL)
        return FALSE;
      add_birth (counts, record, &registered_on);
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (store->db, rc, _("computing statistics"), error);
      return FALSE;
    }
  return TRUE;
}

static void
add_month (cJSON            *array,
           int               index,
           const MonthCount *count)
{
  cJSON *item = cJSON_CreateObject ();
  g_autofree char *month = g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1);

  cJSON_AddStringToObject (item, "month", month);
  cJSON_AddNumberToObject (item, "male", count != NULL ? (double) count->male : 0);
  cJSON_AddNumberToObject (item, "female", count != NULL ? (double) count->female : 0);
  cJSON_AddItemToArray (array, item);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

static cJSON *
counts_to_json (Counts      *counts,
                const GDate *from,
                const GDate *to)
{
  cJSON *json = cJSON_CreateObject ();
  cJSON *array = cJSON_AddArrayToObject (json, "birth_months");
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer key;
  int lo = G_MAXINT, hi = G_MININT;

  g_hash_table_iter_init (&iter, counts->months);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int index = GPOINTER_TO_INT (key);

      g_array_append_val (found, index);
      lo = MIN (lo, index);
      hi = MAX (hi, index);
    }
  g_array_sort (found, compare_ints);
  /* A bounded period shows its empty months too (a month without a birth
   * is a figure); an open or very long one only the months it has. */
  if (from != NULL)
    lo = month_index (from);
  if (to != NULL)
    hi = month_index (to);
  if (from != NULL && to != NULL && hi >= lo && hi - lo < HT_STATS_MONTHS_MAX)
    for (int m = lo; m <= hi; m++)
      add_month (array, m, g_hash_table_lookup (counts->months, GINT_TO_POINTER (m)));
  else
    for (guint i = 0; i < found->len; i++)
      {
        int m = g_array_index (found, int, i);
        add_month (array, m, g_hash_table_lookup (counts->months, GINT_TO_POINTER (m)));
      }
  cJSON_AddNumberToObject (json, "birth_within_year", (double) counts->within_year);
  cJSON_AddNumberToObject (json, "birth_beyond_year", (double) counts->beyond_year);
  return json;
}

cJSON *
ht_stats_compute_birth_months (HtStore       *store,
                               const GDate   *from,
                               const GDate   *to,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  Counts counts = { months, 0, 0 };
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (to == NULL || g_date_valid (to), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  from_text = from != NULL ? ht_date_format (from) : NULL;
  to_text = to != NULL ? ht_date_format (to) : NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_rec_mutex_lock (&store->lock);
  /* A read snapshot (WAL), as ht_stats_compute() takes. */
  if (_ht_store_exec (store, "BEGIN", error))
    {
      ok = count_births (store, &counts, from_text, to_text, cancellable, error);
      _ht_store_rollback (store);
    }
  g_rec_mutex_unlock (&store->lock);
  return ok ? counts_to_json (&counts, from, to) : NULL;
}

cJSON *
ht_stats_figures_with_charts (const cJSON *figures,
                              const cJSON *charts)
{
  cJSON *copy;

  g_return_val_if_fail (figures != NULL, NULL);

  copy = cJSON_Duplicate (figures, TRUE);
  cJSON_DeleteItemFromObjectCaseSensitive (copy, HT_STATS_CHARTS_MEMBER);
  if (charts != NULL)
    cJSON_AddItemToObject (copy, HT_STATS_CHARTS_MEMBER, cJSON_Duplicate (charts, TRUE));
  return copy;
}
