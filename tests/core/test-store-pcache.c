/* test-store-pcache.c — tests of the store's page cache (core/ht-store-pcache.c).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache skips a truncation only when it knows no page is at or past the
 * limit; a page it wrongly kept would come back with stale content after a
 * rolled-back transaction.  So the tests drive its methods directly (pages
 * moved to the balancer's spare number and back, pages left at high
 * numbers, pages created past the end) and then through SQLite: b-tree
 * splits out of order, rolled-back growth and a VACUUM, checked with
 * PRAGMA integrity_check and the store's own check.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-record.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

/* The page of the locking byte with 1 KiB pages: the balancer's spare. */
#define SPARE_KEY 1048577u

static const sqlite3_pcache_methods2 *methods;

/* A cache of "n" pages numbered 1..n, none pinned. */
static sqlite3_pcache *
cache_with_pages (unsigned n)
{
  sqlite3_pcache *cache;

  ck_assert_int_eq (sqlite3_initialize (), SQLITE_OK);
  methods = _ht_store_pcache_methods ();
  ck_assert_ptr_nonnull (methods);
  cache = methods->xCreate (1024, 64, 1);
  ck_assert_ptr_nonnull (cache);
  methods->xCachesize (cache, 100);
  for (unsigned key = 1; key <= n; key++)
    {
      sqlite3_pcache_page *page = methods->xFetch (cache, key, 2);

      ck_assert_ptr_nonnull (page);
      memset (page->pExtra, 0, 64);
      methods->xUnpin (cache, page, 0);
    }
  ck_assert_int_eq (methods->xPagecount (cache), (int) n);
  return cache;
}

static gboolean
has_page (sqlite3_pcache *cache,
          unsigned        key)
{
  sqlite3_pcache_page *page = methods->xFetch (cache, key, 0);

  if (page == NULL)
    return FALSE;
  methods->xUnpin (cache, page, 0);
  return TRUE;
}

/* Moves page "from" to "to", as sqlite3PcacheMove does with a pinned page. */
static void
move_page (sqlite3_pcache *cache,
           unsigned        from,
           unsigned        to)
{
  sqlite3_pcache_page *page = methods->xFetch (cache, from, 0);

  ck_assert_ptr_nonnull (page);
  methods->xRekey (cache, page, from, to);
  methods->xUnpin (cache, page, 0);
}

START_TEST (test_installed)
{
  if (g_getenv ("HOTICH_SQLITE_DEFAULT_PCACHE") != NULL)
    ck_assert (!_ht_store_pcache_installed ());
  else
    ck_assert_msg (_ht_store_pcache_installed (), "SQLite did not take the store's page cache");
}
END_TEST

/* The balancer's swap: two pages trade numbers through the spare one. */
START_TEST (test_swap_through_spare)
{
  sqlite3_pcache *cache = cache_with_pages (10);
  guint skipped;

  move_page (cache, 5, SPARE_KEY);
  move_page (cache, 7, 5);
  move_page (cache, SPARE_KEY, 7);
  ck_assert (!has_page (cache, SPARE_KEY));

  /* Nothing is past 10: the truncation need not reach SQLite's cache. */
  skipped = _ht_store_pcache_skipped ();
  methods->xTruncate (cache, 11);
  ck_assert_uint_eq (_ht_store_pcache_skipped (), skipped + 1);
  for (unsigned key = 1; key <= 10; key++)
    ck_assert (has_page (cache, key));

  /* A truncation that does drop pages still does. */
  methods->xTruncate (cache, 6);
  for (unsigned key = 1; key <= 10; key++)
    ck_assert_msg (has_page (cache, key) == (key < 6), "page %u", key);
  ck_assert_int_eq (methods->xPagecount (cache), 5);
  methods->xDestroy (cache);
}
END_TEST

/* A page left at a high number must go at the next truncation. */
START_TEST (test_page_left_high)
{
  sqlite3_pcache *cache = cache_with_pages (10);

  move_page (cache, 3, SPARE_KEY);
  methods->xTruncate (cache, 11);
  ck_assert (!has_page (cache, SPARE_KEY));
  ck_assert (!has_page (cache, 3));
  ck_assert_int_eq (methods->xPagecount (cache), 9);

  /* Two different high numbers at once. */
  move_page (cache, 1, 2000000);
  move_page (cache, 2, 3000000);
  move_page (cache, 4, SPARE_KEY);
  move_page (cache, SPARE_KEY, 4);
  methods->xTruncate (cache, 11);
  ck_assert (!has_page (cache, 2000000));
  ck_assert (!has_page (cache, 3000000));
  ck_assert (has_page (cache, 4));
  ck_assert_int_eq (methods->xPagecount (cache), 7);
  methods->xDestroy (cache);
}
END_TEST

/* Pages created past the end (a transaction that grew the file) go when
 * the transaction rolls back, and the bound comes down with them. */
START_TEST (test_created_past_end)
{
  sqlite3_pcache *cache = cache_with_pages (10);
  sqlite3_pcache_page *page = methods->xFetch (cache, 25, 2);

  ck_assert_ptr_nonnull (page);
  methods->xUnpin (cache, page, 0);
  /* Moved to the spare number and back by a balance of the new pages. */
  move_page (cache, 25, SPARE_KEY);
  move_page (cache, SPARE_KEY, 24);
  methods->xTruncate (cache, 11);
  ck_assert (!has_page (cache, 24));
  ck_assert_int_eq (methods->xPagecount (cache), 10);

  /* Created at the spare number itself (never by SQLite, but possible). */
  page = methods->xFetch (cache, SPARE_KEY, 2);
  ck_assert_ptr_nonnull (page);
  methods->xUnpin (cache, page, 0);
  methods->xTruncate (cache, 11);
  ck_assert (!has_page (cache, SPARE_KEY));

  /* Truncating everything, as closing a connection does. */
  methods->xTruncate (cache, 1);
  ck_assert_int_eq (methods->xPagecount (cache), 0);
  methods->xDestroy (cache);
}
END_TEST

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    ck_abort_msg ("%s: %s", sql, message);
}

static gint64
int_of (sqlite3    *db,
        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Random keys in 1 KiB pages split leaves out of page order (the balancer
 * then swaps numbers through the spare page); every third transaction
 * grows the file and rolls back, and a VACUUM shrinks it.  Whatever the
 * cache kept or dropped, the file stays sound and holds what was
 * committed. */
START_TEST (test_sqlite_rollbacks)
{
  g_autofree char *path = g_build_filename (tmpdir, "raw.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 committed = 0;
  guint skipped = _ht_store_pcache_skipped ();

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  exec_ok (db, "PRAGMA page_size = 1024; PRAGMA journal_mode = WAL; PRAGMA cache_size = 200;"
               "CREATE TABLE t (k BLOB, v TEXT); CREATE INDEX t_k ON t (k);");
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "INSERT INTO t (k, v) VALUES (?1, ?2)", -1, &insert, NULL), SQLITE_OK);
  for (guint round = 0; round < 120; round++)
    {
      gboolean keep = round % 3 != 2;

      exec_ok (db, "BEGIN IMMEDIATE");
      for (guint i = 0; i < 40; i++)
        {
          guint32 key[4];
          g_autofree char *value = g_strdup_printf ("%u-%u-%0*u", round, i, (int) g_rand_int_range (rand, 1, 300), 0u);

          for (guint j = 0; j < G_N_ELEMENTS (key); j++)
            key[j] = g_rand_int (rand);
          sqlite3_bind_blob (insert, 1, key, sizeof key, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 2, value, -1, SQLITE_TRANSIENT);
          ck_assert_int_eq (sqlite3_step (insert), SQLITE_DONE);
          sqlite3_reset (insert);
        }
      exec_ok (db, keep ? "COMMIT" : "ROLLBACK");
      committed += keep ? 40 : 0;
      if (round == 60)
        {
          exec_ok (db, "DELETE FROM t WHERE rowid % 2 = 0");
          committed = int_of (db, "SELECT count(*) FROM t");
          exec_ok (db, "VACUUM");
        }
    }
  sqlite3_finalize (insert);
  ck_assert_int_eq (int_of (db, "SELECT count(*) FROM t"), committed);
  ck_assert_int_eq (int_of (db, "SELECT count(*) FROM t INDEXED BY t_k WHERE k IS NOT NULL"), committed);
  {
    sqlite3_stmt *check = NULL;

    ck_assert_int_eq (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &check, NULL), SQLITE_OK);
    ck_assert_int_eq (sqlite3_step (check), SQLITE_ROW);
    ck_assert_str_eq ((const char *) sqlite3_column_text (check, 0), "ok");
    sqlite3_finalize (check);
  }
  sqlite3_close (db);
  /* The commits did go past the walk this cache is for. */
  if (_ht_store_pcache_installed ())
    ck_assert_uint_gt (_ht_store_pcache_skipped (), skipped);
}
END_TEST

/* The store: saves that fail at their commit (after writing every page)
 * between saves that succeed, then the store's own check. */
START_TEST (test_store_failed_commits)
{
  g_autoptr(GPtrArray) records = births (60);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = child_name (5);
  guint saved = 0;

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean fail = i % 4 == 3;

      _ht_store_set_fail_at (store, fail ? "commit" : NULL);
      if (ht_store_save (store, records->pdata[i], "clerk", NULL, HT_SAVE_DEFAULT, NULL, &error))
        {
          ck_assert (!fail);
          saved++;
        }
      else
        ck_assert_msg (fail, "save %u: %s", i, error->message);
    }
  _ht_store_set_fail_at (store, NULL);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM records"), saved);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM history"), saved);
  ck_assert_uint_ge (search_count (name, NULL), 1);
  if (!ht_store_check (store, &problems, NULL))
    {
      print_problems (problems);
      ck_abort_msg ("the register fails its check after failed commits");
    }
}
END_TEST

static Suite *
pcache_suite (void)
{
  Suite *s = suite_create ("store-pcache");

  add_case (s, "installed", test_installed);
  /* Without the store's cache (HOTICH_SQLITE_DEFAULT_PCACHE) only the
   * tests through SQLite run. */
  if (_ht_store_pcache_installed ())
    {
      add_case (s, "swap-through-spare", test_swap_through_spare);
      add_case (s, "page-left-high", test_page_left_high);
      add_case (s, "created-past-end", test_created_past_end);
    }
  add_case (s, "sqlite-rollbacks", test_sqlite_rollbacks);
  add_case (s, "store-failed-commits", test_store_failed_commits);
  return s;
}

int
main (void)
{
  return ht_check_run (pcache_suite (), CK_FORK);
}
