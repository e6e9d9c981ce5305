/* ht-store-list.c — paged, filtered listing of the register for the app.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list is asked for in two steps: the ordered row ids of a filter, then
 * the rows on screen.  The first step reads only indexes where it can: a
 * book is walked in (kind, book_year, number) order through records_book,
 * drafts are the NULL-year entries of that same index, and every kind at
 * once is read from the book-number index and sorted here, newest first.
 * Filters on review or sync state need each row and cost a scan; the app
 * runs them in a worker thread and can cancel them.
 *
 * Only the envelope columns of "records" and the table "sync_state" are
 * read: the content of a record is the store's business (ht_store_get).
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-kinds.h"
#include "ht-store-list.h"
#include "ht-store-private.h"

/* Virtual-machine steps between two looks at the cancellable. */
#define CANCEL_POLL_STEPS 4096

void
ht_list_row_free (HtListRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->kind);
  g_free (row->office);
  g_free (row->status);
  g_free (row->registration_type);
  g_free (row->registered_on);
  g_free (row->review_state);
  g_free (row->updated_at);
  g_free (row->sync_state);
  g_free (row->sync_message);
  g_free (row);
}

static int
cancel_handler (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

/* Prepares a one-shot statement; list queries are assembled from fixed
 * fragments (never from data, which is always bound) and so cannot be
 * cached by the address of their text as _ht_store_stmt() does. */
static sqlite3_stmt *
prepare (HtStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (self->db, rc, _("preparing a list of records"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
valid_filter (const HtListFilter *filter,
              GError            **error)
{
  static const char *const sync_states[] = { "pending", "sent", "needs_attention", NULL };
  static const char *const review_states[] = {
    "pending", "approved", "returned", "resubmitted", "rejected", NULL
  };

  if (filter->kind != NULL && ht_kinds_lookup (filter->kind) == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Unknown kind “%s”"), filter->kind);
      return FALSE;
    }
  if (filter->sync_state != NULL && !g_strv_contains (sync_states, filter->sync_state))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Unknown sync state “%s”"), filter->sync_state);
      return FALSE;
    }
  if (filter->review_state != NULL && !g_strv_contains (review_states, filter->review_state))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Unknown review state “%s”"), filter->review_state);
      return FALSE;
    }
  if (filter->book_year < 0 || filter->book_year > 9999)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Book year %lld is out of range"),
                   (long long) filter->book_year);
      return FALSE;
    }
  return TRUE;
}

/* The WHERE clause of a filter for one kind (or every kind when the kind
 * is NULL).  Parameters: ?1 kind, ?2 book_year, ?3 review_state,
 * ?4 sync_state. */
static void
append_where (GString            *sql,
              const HtListFilter *filter)
{
  g_string_append (sql, " WHERE 1");
  if (filter->kind != NULL)
    g_string_append (sql, " AND r.kind = ?1");
  /* book_year and number are NULL exactly for drafts (CHECK in the schema),
   * and both are in the book indexes, so this never reads the row. */
  if (filter->status == HT_LIST_DRAFTS)
    g_string_append (sql, " AND r.book_year IS NULL");
  else if (filter->book_year > 0)
    g_string_append (sql, " AND r.book_year = ?2 AND r.number IS NOT NULL");
  else
    g_string_append (sql, " AND r.number IS NOT NULL");
  if (filter->review_state != NULL)
    g_string_append (sql, " AND r.review_state = ?3");
  /* Refused records are few and found through sync_state's partial index
   * (which only a literal state can use); "pending" is every record
   * sync_state says nothing else of. */
  if (g_strcmp0 (filter->sync_state, "pending") == 0)
    g_string_append (sql, " AND r.rid NOT IN"
                          " (SELECT s.rid FROM sync_state s WHERE s.state <> 'pending')");
  else if (g_strcmp0 (filter->sync_state, "needs_attention") == 0)
    g_string_append (sql, " AND r.rid IN (SELECT s.rid FROM sync_state s WHERE s.state = 'needs_attention')");
  else if (filter->sync_state != NULL)
    g_string_append (sql, " AND r.rid IN (SELECT s.rid FROM sync_state s WHERE s.state = ?4)");
}

/* Every parameter is bound; those a filter's clause leaves out are not in
 * its SQL, and binding them only returns SQLITE_RANGE. */
static void
bind_filter (sqlite3_stmt       *stmt,
             const HtListFilter *filter)
{
  _ht_store_bind_text (stmt, 1, filter->kind);
  sqlite3_bind_int64 (stmt, 2, filter->book_year);
  _ht_store_bind_text (stmt, 3, filter->review_state);
  _ht_store_bind_text (stmt, 4, filter->sync_state);
}

static gint
compare_desc (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* Runs a statement whose first column is a row id, appending the ids. */
static gboolean
collect_ids (HtStore       *self,
             sqlite3_stmt  *stmt,
             GArray        *ids,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, rid);
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, _("listing records"), error);
      return FALSE;
    }
  return TRUE;
}

static GArray *
list_ids_unlocked (HtStore            *self,
                   const HtListFilter *filter,
                   GError            **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  g_autoptr(GString) sql = g_string_new ("SELECT r.rid FROM records r");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  append_where (sql, filter);
  /* One book is read in its own order straight from records_book.  Every
   * kind at once has no index in entry order; the ids come from the
   * narrow book-number index and are sorted here (a million in well under
   * a second), which is far cheaper than walking the table's wide rows. */
  if (filter->kind != NULL && filter->status == HT_LIST_BOOK)
    g_string_append (sql, " ORDER BY r.book_year DESC, r.number DESC");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  if (!collect_ids (self, stmt, ids, error))
    return NULL;
  if (filter->kind == NULL || filter->status == HT_LIST_DRAFTS)
    g_array_sort (ids, compare_desc);
  return g_steal_pointer (&ids);
}

/* Drafts of every kind: the NULL-year entries of records_book are found
 * kind by kind (a seek each), where one query without the kind would walk
 * the whole index. */
static GArray *
list_drafts_unlocked (HtStore            *self,
                      const HtListFilter *filter,
                      GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    {
      HtListFilter one = *filter;
      g_autoptr(GArray) some = NULL;

      one.kind = (*k)->code;
      if ((some = list_ids_unlocked (self, &one, error)) == NULL)
        return NULL;
      g_array_append_vals (ids, some->data, some->len);
    }
  g_array_sort (ids, compare_desc);
  return g_steal_pointer (&ids);
}

GArray *
ht_store_list_ids (HtStore            *self,
                   const HtListFilter *filter,
                   GCancellable       *cancellable,
                   GError            **error)
{
  GArray *ids;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!valid_filter (filter, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_rec_mutex_lock (&self->lock);
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, CANCEL_POLL_STEPS, cancel_handler, cancellable);
  if (filter->status == HT_LIST_DRAFTS && filter->kind == NULL)
    ids = list_drafts_unlocked (self, filter, error);
  else
    ids = list_ids_unlocked (self, filter, error);
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  g_rec_mutex_unlock (&self->lock);
  return ids;
}

gboolean
ht_store_list_count (HtStore            *self,
                     const HtListFilter *filter,
                     guint64            *out_count,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM records r");
  gboolean ok = FALSE;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!valid_filter (filter, error))
    return FALSE;
  append_where (sql, filter);

  g_rec_mutex_lock (&self->lock);
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, CANCEL_POLL_STEPS, cancel_handler, cancellable);
  {
    g_autoptr(sqlite3_stmt) stmt = prepare (self, sql->str, error);
    int rc;

    if (stmt != NULL)
      {
        bind_filter (stmt, filter);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            *out_count = (guint64) sqlite3_column_int64 (stmt, 0);
            ok = TRUE;
          }
        else
          _ht_store_db_error (self->db, rc, _("counting records"), error);
      }
  }
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static HtListRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  HtListRow *row = g_new0 (HtListRow, 1);

  row->rid = sqlite3_column_int64 (stmt, 0);
  row->id = column_dup (stmt, 1);
  row->kind = column_dup (stmt, 2);
  row->office = column_dup (stmt, 3);
  row->book_year = sqlite3_column_int64 (stmt, 4);
  row->number = sqlite3_column_int64 (stmt, 5);
  row->status = column_dup (stmt, 6);
  row->registration_type = column_dup (stmt, 7);
  row->registered_on = column_dup (stmt, 8);
  row->review_state = column_dup (stmt, 9);
  row->content_version = sqlite3_column_int64 (stmt, 10);
  row->updated_at = column_dup (stmt, 11);
  row->sync_state = column_dup (stmt, 12);
  row->sync_message = column_dup (stmt, 13);
  /* A book entry the server has not answered for is waiting to be sent;
   * a draft never leaves the PC. */
  if (row->sync_state == NULL && g_strcmp0 (row->status, "draft") != 0)
    row->sync_state = g_strdup ("pending");
  return row;
}

#define ROW_COLUMNS \
  "r.rid, r.id, r.kind, r.office, r.book_year, r.number, r.status, r.registration_type," \
  " r.registered_on, r.review_state, r.content_version, r.updated_at, s.state, s.message" \
  " FROM records r LEFT JOIN sync_state s ON s.rid = r.rid"

GPtrArray *
ht_store_list_rows (HtStore       *self,
                    const gint64  *rids,
                    guint          n,
                    GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_list_row_free);
  gboolean ok = TRUE;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (rids != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, "SELECT " ROW_COLUMNS " WHERE r.rid = ?1", error);

    ok = stmt != NULL;
    for (guint i = 0; ok && i < n; i++)
      {
        int rc;

        sqlite3_reset (stmt);
        sqlite3_bind_int64 (stmt, 1, rids[i]);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          g_ptr_array_add (rows, row_from_stmt (stmt));
        else if (rc != SQLITE_DONE)
          {
            _ht_store_db_error (self->db, rc, _("reading a list of records"), error);
            ok = FALSE;
          }
      }
  }
  g_rec_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&rows) : NULL;
}

HtListRow *
ht_store_list_row (HtStore     *self,
                   const char  *id,
                   GError     **error)
{
  HtListRow *row = NULL;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, "SELECT " ROW_COLUMNS " WHERE r.id = ?1", error);
    int rc;

    if (stmt != NULL)
      {
        _ht_store_bind_text (stmt, 1, id);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          row = row_from_stmt (stmt);
        else if (rc == SQLITE_DONE)
          g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, _("No record with id %s"), id);
        else
          _ht_store_db_error (self->db, rc, _("reading a record"), error);
      }
  }
  g_rec_mutex_unlock (&self->lock);
  return row;
}

/* The newest book year of "kind" before "below", or 0: one index seek. */
static gboolean
year_below (HtStore     *self,
            const char  *kind,
            gint64       below,
            gint64      *out,
            GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "SELECT MAX (book_year) FROM records WHERE kind = ?1 AND book_year < ?2",
                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, below);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, _("listing the book years"), error);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GArray *
ht_store_list_years (HtStore     *self,
                     const char  *kind,
                     GError     **error)
{
  const HtKind *const *kinds = ht_kinds_all ();
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = TRUE;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind != NULL && ht_kinds_lookup (kind) == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Unknown kind “%s”"), kind);
      return NULL;
    }

  /* Skipping from year to year costs one seek per year of each book,
   * where DISTINCT would walk every entry of the index. */
  g_rec_mutex_lock (&self->lock);
  for (guint k = 0; ok && kinds[k] != NULL; k++)
    {
      gint64 below = G_MAXINT64;
      gint64 year = 0;

      if (kind != NULL && strcmp (kinds[k]->code, kind) != 0)
        continue;
      while ((ok = year_below (self, kinds[k]->code, below, &year, error)) && year > 0)
        {
          gboolean known = FALSE;

          /* A register spans a few dozen years at most. */
          for (guint i = 0; i < years->len && !known; i++)
            known = g_array_index (years, gint64, i) == year;
          if (!known)
            g_array_append_val (years, year);
          below = year;
        }
    }
  g_rec_mutex_unlock (&self->lock);
  if (!ok)
    return NULL;
  g_array_sort (years, compare_desc);
  return g_steal_pointer (&years);
}

gboolean
ht_store_has_users (HtStore   *self,
                    gboolean  *out_has_users,
                    GError   **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_has_users != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, "SELECT 1 FROM users LIMIT 1", error);
    int rc;

    if (stmt != NULL)
      {
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
          {
            *out_has_users = rc == SQLITE_ROW;
            ok = TRUE;
          }
        else
          _ht_store_db_error (self->db, rc, _("reading the user accounts"), error);
      }
  }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
ht_store_list_set_cache (HtStore  *self,
                         guint     kib,
                         GError  **error)
{
  /* PRAGMA takes no parameters; the size is an integer, not user text. */
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%u", MAX (kib, 1024u));
  gboolean ok;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = _ht_store_exec (self, sql, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* ---- Async variants ---- */

typedef struct
{
  HtListFilter filter;
  char        *kind;
  char        *sync_state;
  char        *review_state;
  gint64      *rids;
  guint        n;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->kind);
  g_free (data->sync_state);
  g_free (data->review_state);
  g_free (data->rids);
  g_free (data);
}

static void
ids_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GArray *ids = ht_store_list_ids (source_object, &data->filter, cancellable, &error);

  if (ids != NULL)
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

void
ht_store_list_ids_async (HtStore             *self,
                         const HtListFilter  *filter,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (HT_IS_STORE (self));
  g_return_if_fail (filter != NULL);

  data = g_new0 (ListData, 1);
  data->filter = *filter;
  data->filter.kind = data->kind = g_strdup (filter->kind);
  data->filter.sync_state = data->sync_state = g_strdup (filter->sync_state);
  data->filter.review_state = data->review_state = g_strdup (filter->review_state);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_store_list_ids_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, ids_worker);
}

GArray *
ht_store_list_ids_finish (HtStore       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_store_list_ids_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rows_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *rows;

  if (g_task_return_error_if_cancelled (task))
    return;
  rows = ht_store_list_rows (source_object, data->rids, data->n, &error);
  if (rows != NULL)
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
ht_store_list_rows_async (HtStore             *self,
                          const gint64        *rids,
                          guint                n,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (HT_IS_STORE (self));
  g_return_if_fail (rids != NULL || n == 0);

  data = g_new0 (ListData, 1);
  data->rids = g_memdup2 (rids, sizeof (gint64) * n);
  data->n = n;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_store_list_rows_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, rows_worker);
}

GPtrArray *
ht_store_list_rows_finish (HtStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_store_list_rows_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Search for the list ---- */

/* Whether "row" passes what of "filter" a search does not ask the index:
 * the kind is part of the search itself. */
static gboolean
row_passes (const HtListFilter *filter,
            const HtListRow    *row)
{
  /* book_year is NULL exactly for drafts, as in append_where(). */
  if ((filter->status == HT_LIST_DRAFTS) != (row->book_year == 0))
    return FALSE;
  if (filter->book_year > 0 && row->book_year != filter->book_year)
    return FALSE;
  if (filter->review_state != NULL && g_strcmp0 (row->review_state, filter->review_state) != 0)
    return FALSE;
  if (filter->sync_state != NULL && g_strcmp0 (row->sync_state, filter->sync_state) != 0)
    return FALSE;
  return TRUE;
}

typedef struct
{
  ListData  list;
  char     *query;
  guint     limit;
  guint     found;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->list.kind);
  g_free (data->list.sync_state);
  g_free (data->list.review_state);
  g_free (data->query);
  g_free (data);
}

GArray *
ht_store_list_search (HtStore             *self,
                      const char          *query,
                      const HtListFilter  *filter,
                      guint                limit,
                      guint               *out_found,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(GArray) found = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GArray *passing;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!valid_filter (filter, error)
      || (found = ht_store_search_ids (self, query, filter->kind, limit, cancellable, error)) == NULL)
    return NULL;
  if (out_found != NULL)
    *out_found = found->len;
  /* The envelope rows alone (no record is parsed) say which pass the
   * filter; a search finds a hundred at most. */
  rows = ht_store_list_rows (self, (const gint64 *) (gpointer) found->data, found->len, error);
  if (rows == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  passing = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const HtListRow *row = rows->pdata[i];

      if (row_passes (filter, row))
        g_array_append_val (passing, row->rid);
    }
  return passing;
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GArray *passing = ht_store_list_search (source_object, data->query, &data->list.filter, data->limit,
                                          &data->found, cancellable, &error);

  if (passing != NULL)
    g_task_return_pointer (task, passing, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

void
ht_store_list_search_async (HtStore             *self,
                            const char          *query,
                            const HtListFilter  *filter,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (HT_IS_STORE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (filter != NULL);

  data = g_new0 (SearchData, 1);
  data->list.filter = *filter;
  data->list.filter.kind = data->list.kind = g_strdup (filter->kind);
  data->list.filter.sync_state = data->list.sync_state = g_strdup (filter->sync_state);
  data->list.filter.review_state = data->list.review_state = g_strdup (filter->review_state);
  data->query = g_strdup (query);
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_store_list_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_worker);
}

GArray *
ht_store_list_search_finish (HtStore       *self,
                             GAsyncResult  *result,
                             guint         *out_found,
                             GError       **error)
{
  SearchData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_store_list_search_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (out_found != NULL)
    *out_found = data->found;
  return g_task_propagate_pointer (G_TASK (result), error);
}
