/* test-sync-checkpoint.c — the WAL checkpoints of a sync run's commits (core/ht-store-checkpoint.c).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync run commits a batch's answers, or a pulled page, in one large
 * transaction (_ht_store_commit_bulk).  Such a commit leaves the checkpoint
 * to the store's thread, unlike a clerk's save past 1000 pages, which
 * checkpoints inside its own commit; and the log stays bounded all the
 * same, since a bulk commit checkpoints by itself past 8000 pages.  The
 * thread is stopped here, so that only the commits themselves can
 * checkpoint, and the database file's size tells whether they did: pages
 * new to the file reach it only through a checkpoint.
 */
#include <string.h>
#include <check.h>
#include <glib/gstdio.h>

#include "../ht-check-run.h"
#include "ht-store-sync-private.h"

#define FRAME_BYTES (HT_STORE_PAGE_SIZE + 24)
#define WAL_HEADER_BYTES 32

static char *dir;
static char *db_path;
static char *wal_path;
static HtStore *store;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("hotich-test-sync-checkpoint-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "registry.db", NULL);
  wal_path = g_strconcat (db_path, "-wal", NULL);
  store = ht_store_create (db_path, "00004", &error);
  g_assert_no_error (error);
  /* Only the commits checkpoint from here on, into an empty log. */
  _ht_store_stop_checkpointer (store);
  g_rec_mutex_lock (&store->lock);
  _ht_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error);
  g_rec_mutex_unlock (&store->lock);
  g_assert_no_error (error);
}

static void
teardown (void)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&store);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&wal_path, g_free);
  g_clear_pointer (&dir, g_free);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_size;
}

/* Frames the log file holds: it was emptied at the start, and grows by a
 * frame for each page a commit writes until a checkpoint lets it start
 * again from its beginning. */
static gint64
wal_frames (void)
{
  goffset size = file_size (wal_path);

  return size > WAL_HEADER_BYTES ? (size - WAL_HEADER_BYTES) / FRAME_BYTES : 0;
}

/* One transaction of "rows" new rows of 900 bytes (a page and a bit each),
 * committed as a sync batch's or as a save's. */
static void
commit_rows (guint    first,
             guint    rows,
             gboolean bulk)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql =
    g_strdup_printf ("WITH RECURSIVE n(i) AS (SELECT %u UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                     " INSERT INTO keys (key, value) SELECT 'test.fill.' || i, printf ('%%.900c', 'x') FROM n",
                     first, first + rows - 1);
  gboolean ok;

  g_rec_mutex_lock (&store->lock);
  ok = _ht_store_begin (store, &error) && _ht_store_exec (store, sql, &error)
       && (bulk ? _ht_store_commit_bulk (store, &error) : _ht_store_commit (store, &error));
  if (!ok)
    _ht_store_rollback (store);
  g_rec_mutex_unlock (&store->lock);
  g_assert_no_error (error);
  ck_assert (ok);
}

static gint64
count_rows (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  ck_assert_int_eq (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT count(*) FROM keys WHERE key LIKE 'test.fill.%'", -1, &stmt,
                                        NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

START_TEST (test_bulk_commits)
{
  const guint rows = 1000;
  goffset size = file_size (db_path);
  gint64 frames_before = wal_frames ();
  gint64 per_commit;
  guint commits = 0;

  /* The first bulk commit past a save's hard limit does not checkpoint. */
  commit_rows (1, rows, TRUE);
  commits++;
  per_commit = wal_frames () - frames_before;
  ck_assert_int_ge (wal_frames (), 1000);
  ck_assert_int_eq (file_size (db_path), size);

  /* Neither do the next ones, until the log passes 8000 pages; the commit
   * that takes it there checkpoints, so it never grows further than one
   * batch beyond. */
  while (file_size (db_path) == size)
    {
      gint64 before = wal_frames ();

      ck_assert_int_lt (before, 8000);
      commit_rows (1 + commits * rows, rows, TRUE);
      commits++;
      ck_assert_int_le (wal_frames (), 8000 + 2 * per_commit);
    }
  ck_assert_int_ge (wal_frames (), 8000);
  ck_assert_uint_ge (commits, 3);

  /* A save of the same size still checkpoints inside its commit. */
  size = file_size (db_path);
  commit_rows (1 + commits * rows, rows, FALSE);
  commits++;
  ck_assert_int_gt (file_size (db_path), size);

  ck_assert_int_eq (count_rows (), (gint64) commits * rows);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sync-checkpoint");
  TCase *tc = tcase_create ("bulk_commits");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_bulk_commits);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (suite, tc);
  return ht_check_run (suite, CK_FORK);
}
