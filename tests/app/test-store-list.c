/* test-store-list.c — the paged listing of the register (core/ht-store-list.c).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real register in a temporary directory, filled through ht_store_save:
 * the order of a book and of every kind, drafts, filters on year, review
 * and sync state, rows and their sync state, years, counts, bad filters,
 * and the async variants.
 */
#include <check.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-error.h"
#include "ht-record.h"
#include "ht-store-list.h"
#include "ht-store-private.h"
#include "ht-test-util.h"

static char *dir;
static HtStore *store;
/* Ids of what the fixture saved, in saving order. */
static char *births[4];
static char *death;
static char *draft;

static char *
save (cJSON      *record,
      HtSaveFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = ht_issues_new ();
  char *id;

  if (!ht_store_save (store, record, "lan.nt", NULL, flags, issues, &error))
    {
      ht_test_print_issues (issues);
      ck_abort_msg ("save failed: %s", error->message);
    }
  id = g_strdup (ht_record_id (record));
  cJSON_Delete (record);
  return id;
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  dir = ht_test_tmpdir ();
  path = g_build_filename (dir, "registry.db", NULL);
  store = ht_store_create (path, HT_TEST_OFFICE, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  /* Two books of births (2025, 2026), one death, one draft. */
  births[0] = save (ht_test_birth ("Nguyễn Văn An", "2025-03-01", "2025-03-10"), HT_SAVE_DEFAULT);
  births[1] = save (ht_test_birth ("Trần Thị Bình", "2025-05-01", "2025-05-10"), HT_SAVE_DEFAULT);
  births[2] = save (ht_test_birth ("Lê Văn Cường", "2026-01-02", "2026-01-10"), HT_SAVE_DEFAULT);
  births[3] = save (ht_test_birth ("Phạm Thị Dung", "2026-02-02", "2026-02-10"), HT_SAVE_DEFAULT);
  death = save (ht_test_death ("Hoàng Văn Em", "1950-01-01", "2026-03-01", "2026-03-02"), HT_SAVE_DEFAULT);
  draft = save (ht_test_birth ("Đặng Thị Gấm", "2026-04-01", "2026-04-05"), HT_SAVE_DRAFT);
}

static void
teardown (void)
{
  g_clear_object (&store);
  ht_test_rmtree (dir);
  g_clear_pointer (&dir, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (births); i++)
    g_clear_pointer (&births[i], g_free);
  g_clear_pointer (&death, g_free);
  g_clear_pointer (&draft, g_free);
}

static GPtrArray *
rows_of (const HtListFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ht_store_list_ids (store, filter, NULL, &error);
  GPtrArray *rows;

  ck_assert_msg (ids != NULL, "%s", error ? error->message : "");
  rows = ht_store_list_rows (store, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  ck_assert_msg (rows != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (rows->len, ids->len);
  return rows;
}

static const char *
row_id (GPtrArray *rows,
        guint      i)
{
  return ((HtListRow *) rows->pdata[i])->id;
}

START_TEST (book_in_book_order)
{
  HtListFilter filter = { HT_LIST_BOOK, "birth", 0, NULL, NULL };
  g_autoptr(GPtrArray) rows = rows_of (&filter);
  HtListRow *first;

  /* The newest book first, the newest number first; no draft. */
  ck_assert_uint_eq (rows->len, 4);
  ck_assert_str_eq (row_id (rows, 0), births[3]);
  ck_assert_str_eq (row_id (rows, 1), births[2]);
  ck_assert_str_eq (row_id (rows, 2), births[1]);
  ck_assert_str_eq (row_id (rows, 3), births[0]);
  first = rows->pdata[0];
  ck_assert_str_eq (first->kind, "birth");
  ck_assert_int_eq (first->book_year, 2026);
  ck_assert_int_eq (first->number, 2);
  ck_assert_str_eq (first->status, "registered");
  ck_assert_str_eq (first->registered_on, "2026-02-10");
  ck_assert_str_eq (first->review_state, "pending");
  /* Never answered by a server: waiting to be sent. */
  ck_assert_str_eq (first->sync_state, "pending");
  ck_assert_ptr_null (first->sync_message);
}
END_TEST

START_TEST (every_kind_newest_first)
{
  HtListFilter filter = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  g_autoptr(GPtrArray) rows = rows_of (&filter);

  ck_assert_uint_eq (rows->len, 5);
  ck_assert_str_eq (row_id (rows, 0), death);
  ck_assert_str_eq (row_id (rows, 4), births[0]);
}
END_TEST

START_TEST (filter_by_year)
{
  HtListFilter filter = { HT_LIST_BOOK, "birth", 2025, NULL, NULL };
  g_autoptr(GPtrArray) rows = rows_of (&filter);
  HtListFilter all_kinds = { HT_LIST_BOOK, NULL, 2026, NULL, NULL };
  g_autoptr(GPtrArray) rows2026 = rows_of (&all_kinds);

  ck_assert_uint_eq (rows->len, 2);
  ck_assert_str_eq (row_id (rows, 0), births[1]);
  ck_assert_uint_eq (rows2026->len, 3);
}
END_TEST

START_TEST (drafts_apart)
{
  HtListFilter filter = { HT_LIST_DRAFTS, NULL, 0, NULL, NULL };
  g_autoptr(GPtrArray) rows = rows_of (&filter);
  HtListRow *row;

  ck_assert_uint_eq (rows->len, 1);
  row = rows->pdata[0];
  ck_assert_str_eq (row->id, draft);
  ck_assert_str_eq (row->status, "draft");
  ck_assert_int_eq (row->number, 0);
  /* A draft never leaves the PC. */
  ck_assert_ptr_null (row->sync_state);
}
END_TEST

START_TEST (filter_by_review_and_sync)
{
  HtListFilter pending = { HT_LIST_BOOK, NULL, 0, NULL, "pending" };
  HtListFilter approved = { HT_LIST_BOOK, NULL, 0, NULL, "approved" };
  HtListFilter waiting = { HT_LIST_BOOK, "birth", 0, "pending", NULL };
  HtListFilter sent = { HT_LIST_BOOK, NULL, 0, "sent", NULL };
  g_autoptr(GPtrArray) a = rows_of (&pending);
  g_autoptr(GPtrArray) b = rows_of (&approved);
  g_autoptr(GPtrArray) c = rows_of (&waiting);
  g_autoptr(GPtrArray) d = rows_of (&sent);

  ck_assert_uint_eq (a->len, 5);
  ck_assert_uint_eq (b->len, 0);
  ck_assert_uint_eq (c->len, 4);
  ck_assert_uint_eq (d->len, 0);
}
END_TEST

/* What the sync engine would write after the server answered. */
static void
set_sync_state (const char *id,
                const char *state,
                const char *message)
{
  sqlite3_stmt *stmt = NULL;

  ck_assert_int_eq (sqlite3_prepare_v2 (store->db, "INSERT OR REPLACE INTO sync_state (rid, state, message,"
                                        " updated_at) SELECT rid, ?2, ?3, '2026-11-22T00:00:00Z' FROM records"
                                        " WHERE id = ?1", -1, &stmt, NULL), SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, message, -1, SQLITE_STATIC);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_DONE);
  sqlite3_finalize (stmt);
}

START_TEST (sync_states)
{
  HtListFilter refused = { HT_LIST_BOOK, NULL, 0, "needs_attention", NULL };
  HtListFilter sent = { HT_LIST_BOOK, NULL, 0, "sent", NULL };
  HtListFilter waiting = { HT_LIST_BOOK, "birth", 0, "pending", NULL };
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  HtListRow *row;

  set_sync_state (births[0], "needs_attention", "the server refused it: invalid_pin");
  set_sync_state (births[1], "sent", NULL);
  a = rows_of (&refused);
  b = rows_of (&sent);
  c = rows_of (&waiting);
  ck_assert_uint_eq (a->len, 1);
  row = a->pdata[0];
  ck_assert_str_eq (row->id, births[0]);
  ck_assert_str_eq (row->sync_state, "needs_attention");
  ck_assert_str_eq (row->sync_message, "the server refused it: invalid_pin");
  ck_assert_uint_eq (b->len, 1);
  ck_assert_str_eq (row_id (b, 0), births[1]);
  ck_assert_str_eq (((HtListRow *) b->pdata[0])->sync_state, "sent");
  /* Waiting: the births the server has not answered for, newest first. */
  ck_assert_uint_eq (c->len, 2);
  ck_assert_str_eq (row_id (c, 0), births[3]);
  ck_assert_str_eq (row_id (c, 1), births[2]);
}
END_TEST

START_TEST (count_and_years)
{
  HtListFilter filter = { HT_LIST_BOOK, "birth", 0, NULL, NULL };
  HtListFilter drafts = { HT_LIST_DRAFTS, "birth", 0, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) death_years = NULL;
  g_autoptr(GArray) all_years = NULL;
  guint64 n = 0;
  gboolean has_users = TRUE;

  ck_assert (ht_store_list_count (store, &filter, &n, NULL, &error));
  ck_assert_uint_eq (n, 4);
  ck_assert (ht_store_list_count (store, &drafts, &n, NULL, &error));
  ck_assert_uint_eq (n, 1);

  years = ht_store_list_years (store, "birth", &error);
  ck_assert_ptr_nonnull (years);
  ck_assert_uint_eq (years->len, 2);
  ck_assert_int_eq (g_array_index (years, gint64, 0), 2026);
  ck_assert_int_eq (g_array_index (years, gint64, 1), 2025);
  death_years = ht_store_list_years (store, "death", &error);
  ck_assert_uint_eq (death_years->len, 1);
  all_years = ht_store_list_years (store, NULL, &error);
  ck_assert_uint_eq (all_years->len, 2);

  ck_assert (ht_store_has_users (store, &has_users, &error));
  ck_assert (!has_users);
  ck_assert (ht_store_user_add (store, "lan.nt", "clerk", "secret", &error));
  ck_assert (ht_store_has_users (store, &has_users, &error));
  ck_assert (has_users);
}
END_TEST

START_TEST (one_row_and_missing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtListRow) row = ht_store_list_row (store, death, &error);
  g_autoptr(HtListRow) none = NULL;
  gint64 missing[] = { 999999 };
  g_autoptr(GPtrArray) rows = NULL;

  ck_assert_ptr_nonnull (row);
  ck_assert_str_eq (row->kind, "death");
  none = ht_store_list_row (store, "00000000-0000-4000-8000-000000000000", &error);
  ck_assert_ptr_null (none);
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_NOT_FOUND));
  /* A row gone from the register is left out, not an error. */
  rows = ht_store_list_rows (store, missing, 1, NULL);
  ck_assert_ptr_nonnull (rows);
  ck_assert_uint_eq (rows->len, 0);
}
END_TEST

START_TEST (bad_filters)
{
  HtListFilter kind = { HT_LIST_BOOK, "wedding'; DROP TABLE records; --", 0, NULL, NULL };
  HtListFilter sync = { HT_LIST_BOOK, NULL, 0, "lost", NULL };
  HtListFilter review = { HT_LIST_BOOK, NULL, 0, NULL, "maybe" };
  HtListFilter year = { HT_LIST_BOOK, NULL, -4, NULL, NULL };
  const HtListFilter *filters[] = { &kind, &sync, &review, &year };
  HtListFilter all = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  guint64 n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = ht_store_list_ids (store, filters[i], NULL, &error);

      ck_assert_ptr_null (ids);
      ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
      ck_assert_ptr_nonnull (error->message);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) years = ht_store_list_years (store, "nope", &error);
    ck_assert_ptr_null (years);
    ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  }
  /* Nothing was harmed. */
  ck_assert (ht_store_list_count (store, &all, &n, NULL, NULL));
  ck_assert_uint_eq (n, 5);
}
END_TEST

START_TEST (cancelled)
{
  HtListFilter filter = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_cancellable_cancel (cancellable);
  ids = ht_store_list_ids (store, &filter, cancellable, &error);
  ck_assert_ptr_null (ids);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}
END_TEST

static void
ids_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ht_store_list_ids_finish (HT_STORE (source), result, &error);
  ck_assert_msg (*out != NULL, "%s", error ? error->message : "");
}

static void
rows_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ht_store_list_rows_finish (HT_STORE (source), result, &error);
  ck_assert_msg (*out != NULL, "%s", error ? error->message : "");
}

START_TEST (async_variants)
{
  HtListFilter filter = { HT_LIST_BOOK, "death", 0, NULL, NULL };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  ht_store_list_ids_async (store, &filter, NULL, ids_done_cb, &ids);
  while (ids == NULL)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_uint_eq (ids->len, 1);
  ht_store_list_rows_async (store, (const gint64 *) (gpointer) ids->data, ids->len, NULL, rows_done_cb, &rows);
  while (rows == NULL)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_uint_eq (rows->len, 1);
  ck_assert_str_eq (row_id (rows, 0), death);
}
END_TEST

/* The search for the list: ids only, newest first, the same records as
 * ht_store_search, then the rest of the filter on their envelopes. */
START_TEST (search_ids_and_filter)
{
  HtListFilter all = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  HtListFilter births_2026 = { HT_LIST_BOOK, "birth", 2026, NULL, NULL };
  HtListFilter deaths = { HT_LIST_BOOK, "death", 0, NULL, NULL };
  HtListFilter drafts = { HT_LIST_DRAFTS, NULL, 0, NULL, NULL };
  HtListFilter sent = { HT_LIST_BOOK, NULL, 0, "sent", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint found = 0;

  /* "thi" is the middle name of Bình, Dung and the draft's Gấm. */
  ids = ht_store_search_ids (store, "  thi ", NULL, 0, NULL, &error);
  ck_assert_msg (ids != NULL, "%s", error ? error->message : "");
  records = ht_store_search (store, "thi", NULL, 0, &error);
  ck_assert_ptr_nonnull (records);
  ck_assert_uint_eq (ids->len, records->len);
  ck_assert_uint_ge (ids->len, 3);
  rows = ht_store_list_rows (store, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  ck_assert_uint_eq (rows->len, ids->len);
  for (guint i = 0; i < rows->len; i++)
    {
      ck_assert_str_eq (row_id (rows, i), ht_record_id (records->pdata[i]));
      if (i > 0)
        ck_assert_int_gt (g_array_index (ids, gint64, i - 1), g_array_index (ids, gint64, i));
    }
  g_clear_pointer (&ids, g_array_unref);

  /* The filter: the draft is not in a book, and the year and kind are
   * those of the records found. */
  {
    guint in_books = 0, of_2026 = 0;

    for (guint i = 0; i < records->len; i++)
      {
        in_books += ht_record_book_year (records->pdata[i]) > 0;
        of_2026 += ht_record_book_year (records->pdata[i]) == 2026 &&
                   g_strcmp0 (ht_record_kind_code (records->pdata[i]), "birth") == 0;
      }
    ck_assert_uint_eq (in_books, records->len - 1);
    ck_assert_uint_ge (of_2026, 1);
    ids = ht_store_list_search (store, "thi", &all, 0, &found, NULL, &error);
    ck_assert_msg (ids != NULL, "%s", error ? error->message : "");
    ck_assert_uint_eq (found, records->len);
    ck_assert_uint_eq (ids->len, in_books);
    g_clear_pointer (&ids, g_array_unref);
    ids = ht_store_list_search (store, "thi", &births_2026, 0, &found, NULL, &error);
    ck_assert_uint_eq (ids->len, of_2026);
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = ht_store_list_rows (store, (const gint64 *) (gpointer) ids->data, ids->len, &error);
    for (guint i = 0; i < rows->len; i++)
      {
        ck_assert_int_eq (((HtListRow *) rows->pdata[i])->book_year, 2026);
        ck_assert_str_eq (((HtListRow *) rows->pdata[i])->kind, "birth");
      }
    g_clear_pointer (&ids, g_array_unref);
  }
  ids = ht_store_list_search (store, "thi", &drafts, 0, NULL, NULL, &error);
  ck_assert_uint_eq (ids->len, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = ht_store_list_search (store, "thi", &sent, 0, NULL, NULL, &error);
  ck_assert_uint_eq (ids->len, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = ht_store_list_search (store, "hoang van em", &deaths, 0, NULL, NULL, &error);
  ck_assert_uint_eq (ids->len, 1);
  g_clear_pointer (&ids, g_array_unref);
  /* A book number, and the limit. */
  ids = ht_store_list_search (store, "death/2026/1", &all, 0, NULL, NULL, &error);
  ck_assert_uint_eq (ids->len, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = ht_store_search_ids (store, "thi", NULL, 1, NULL, &error);
  ck_assert_uint_eq (ids->len, 1);
  g_clear_pointer (&ids, g_array_unref);
  /* Nothing found is an empty list, not an error. */
  ids = ht_store_list_search (store, "khong co ai", &all, 0, &found, NULL, &error);
  ck_assert_msg (ids != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (ids->len, 0);
  ck_assert_uint_eq (found, 0);
}
END_TEST

START_TEST (search_bad_input)
{
  HtListFilter all = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  HtListFilter kind = { HT_LIST_BOOK, "wedding'; DROP TABLE records; --", 0, NULL, NULL };
  HtListFilter review = { HT_LIST_BOOK, NULL, 0, NULL, "maybe" };
  const char *const queries[] = { "\xff\xfe", "names : x* OR", "\"", "*", "", "   ", "birth/0/1" };
  guint64 n = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = ht_store_list_search (store, "an", i == 0 ? &kind : &review, 0, NULL, NULL, &error);

      ck_assert_ptr_null (ids);
      ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) ids = ht_store_search_ids (store, "an", "nope", 0, NULL, &error);
    ck_assert_ptr_null (ids);
    ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  }
  /* Invalid UTF-8 is refused with the reason; FTS5 syntax and blanks find
   * nothing harmful. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = ht_store_list_search (store, queries[i], &all, 0, NULL, NULL, &error);

      if (i == 0)
        {
          ck_assert_ptr_null (ids);
          ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
          ck_assert (strstr (error->message, "UTF-8") != NULL);
        }
      else
        ck_assert_msg (ids != NULL, "“%s”: %s", queries[i], error ? error->message : "");
    }
  ck_assert (ht_store_list_count (store, &all, &n, NULL, NULL));
  ck_assert_uint_eq (n, 5);
}
END_TEST

START_TEST (search_cancelled)
{
  HtListFilter all = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_cancellable_cancel (cancellable);
  ids = ht_store_list_search (store, "nguyen", &all, 0, NULL, cancellable, &error);
  ck_assert_ptr_null (ids);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  ids = ht_store_search_ids (store, "nguyen", NULL, 0, cancellable, &error);
  ck_assert_ptr_null (ids);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}
END_TEST

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  *out = ht_store_list_search_finish (HT_STORE (source), result, &found, &error);
  ck_assert_msg (*out != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (found, 1);
}

START_TEST (search_async_and_cache)
{
  HtListFilter all = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert (ht_store_list_set_cache (store, 8192, &error));
  ck_assert (ht_store_list_set_cache (store, 0, &error));
  ht_store_list_search_async (store, "le van cuong", &all, 0, NULL, search_done_cb, &ids);
  while (ids == NULL)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_uint_eq (ids->len, 1);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("store-list");
  TCase *tc = tcase_create ("list");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, book_in_book_order);
  tcase_add_test (tc, every_kind_newest_first);
  tcase_add_test (tc, filter_by_year);
  tcase_add_test (tc, drafts_apart);
  tcase_add_test (tc, filter_by_review_and_sync);
  tcase_add_test (tc, sync_states);
  tcase_add_test (tc, count_and_years);
  tcase_add_test (tc, one_row_and_missing);
  tcase_add_test (tc, bad_filters);
  tcase_add_test (tc, cancelled);
  tcase_add_test (tc, async_variants);
  tcase_add_test (tc, search_ids_and_filter);
  tcase_add_test (tc, search_bad_input);
  tcase_add_test (tc, search_cancelled);
  tcase_add_test (tc, search_async_and_cache);
  suite_add_tcase (suite, tc);

  return ht_check_run (suite, CK_FORK);
}
