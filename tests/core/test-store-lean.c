/* test-store-lean.c — tests of schema 6 (schema/local/0006-lean.sql), checkpoints off the saving thread, the store's VFS and page size.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture (a new register per test) and helpers are in ht-test-store.c.
 * A register of schema 5 is made from one of schema 6 by putting back, in
 * SQL, what migration 6 removed: the history's (rid, version) key, the
 * outbox's UNIQUE change ids, the two book indexes, the given-name keys
 * and the audit head of every entry.  Opening it again must migrate it and
 * give the same records, history, outbox and search results.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-error.h"
#include "ht-record.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

/* Schema 5's shape of what migration 6 changed. */
static const char *const schema5_sql =
  "PRAGMA foreign_keys = OFF;"
  "BEGIN;"
  "CREATE TABLE history5 (rid INTEGER NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL,"
  " reason TEXT, json TEXT NOT NULL, PRIMARY KEY (rid, version));"
  "INSERT INTO history5 SELECT rid, version, at, by, reason, json FROM history ORDER BY hid;"
  "DROP TABLE history;"
  "ALTER TABLE history5 RENAME TO history;"
  "CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE (ABORT, 'history is append-only'); END;"
  "CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN SELECT RAISE (ABORT, 'history is append-only'); END;"
  "CREATE TABLE outbox5 (seq INTEGER PRIMARY KEY, change_id TEXT NOT NULL UNIQUE, rid INTEGER NOT NULL,"
  " version INTEGER NOT NULL, base_version INTEGER NOT NULL, op TEXT NOT NULL CHECK (op = 'record' OR op = 'review'),"
  " payload TEXT, queued_at TEXT NOT NULL, CHECK ((op = 'record') = (payload IS NULL)));"
  "INSERT INTO outbox5 SELECT * FROM outbox;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox5 RENAME TO outbox;"
  "CREATE INDEX outbox_rid ON outbox (rid);"
  "DROP INDEX records_book;"
  "CREATE UNIQUE INDEX records_number ON records (office, kind, book_year, number) WHERE number IS NOT NULL;"
  "CREATE INDEX records_book ON records (kind, book_year, number);"
  "INSERT OR REPLACE INTO keys (key, value)"
  " SELECT 'store.audit_head', seq || ':' || hash FROM audit ORDER BY seq DESC LIMIT 1;"
  "PRAGMA user_version = 5;"
  "COMMIT;";

/* Puts back the given-name keys schema 5 had: the last word of every
 * person's full name of two words or more. */
static gint64
add_given_name_keys (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  gint64 added = 0;

  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT key, rid FROM name_keys WHERE instr (key, '|') > 0",
                                        -1, &read, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO name_keys (key, rid) VALUES (?1, ?2)",
                                        -1, &write, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      g_autofree char *full = g_strdup ((const char *) sqlite3_column_text (read, 0));
      char *space;

      *strchr (full, '|') = '\0';
      if ((space = strrchr (full, ' ')) == NULL)
        continue;
      sqlite3_bind_text (write, 1, space + 1, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (write, 2, sqlite3_column_int64 (read, 1));
      ck_assert_int_eq (sqlite3_step (write), SQLITE_DONE);
      added += sqlite3_changes (db);
      sqlite3_reset (write);
    }
  ck_assert_int_eq (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  sqlite3_close (db);
  return added;
}

static void
assert_sound (const char *when)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!ht_store_check (store, &problems, &error))
    {
      print_problems (problems);
      ck_abort_msg ("the register fails the check %s%s%s", when, error != NULL ? ": " : "",
                    error != NULL ? error->message : "");
    }
}

static char *
record_text (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = ht_store_get (store, id, &error);

  ck_assert_msg (record != NULL, "%s: %s", id, error ? error->message : "");
  return cJSON_PrintUnformatted (record);
}

static char *
history_text (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) history = ht_store_history (store, id, &error);

  ck_assert_msg (history != NULL, "%s: %s", id, error ? error->message : "");
  return cJSON_PrintUnformatted (history);
}

static char *
outbox_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ht_store_outbox_peek (store, 0, 1000, G_MAXSIZE, &error);
  GString *out = g_string_new (NULL);

  ck_assert_msg (entries != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < entries->len; i++)
    {
      HtOutboxEntry *entry = entries->pdata[i];
      g_string_append_printf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                              entry->seq, entry->version, entry->json);
    }
  return g_string_free (out, FALSE);
}

START_TEST (test_migrates_from_schema_5)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) draft = save_ok (ht_test_birth ("Lê Thị Mai", "2026-03-01", "2026-03-05"), NULL, HT_SAVE_DRAFT);
  g_autoptr(cJSON) hoa = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) histories = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *outbox = NULL;
  g_autofree char *outbox_after = NULL;
  gint64 records, versions, name_keys;

  fill_register ();
  results = ht_store_search (store, "dang thi hoa", NULL, 0, &error);
  ck_assert (results != NULL && results->len == 1);
  hoa = cJSON_Duplicate (results->pdata[0], TRUE);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* What the register holds before. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
    ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT id FROM records ORDER BY rid", -1, &stmt, NULL), SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  ck_assert_uint_eq (ids->len, 4);
  for (guint i = 0; i < ids->len; i++)
    {
      g_ptr_array_add (texts, record_text (ids->pdata[i]));
      g_ptr_array_add (histories, history_text (ids->pdata[i]));
    }
  outbox = outbox_text ();
  records = sql_int ("SELECT count(*) FROM records");
  versions = sql_int ("SELECT count(*) FROM history");
  name_keys = sql_int ("SELECT count(*) FROM name_keys");
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM name_keys WHERE instr (key, ' ') = 0 AND instr (key, '|') = 0"), 0);

  /* Back to schema 5. */
  g_clear_object (&store);
  sql_exec (schema5_sql);
  ck_assert_int_gt (add_given_name_keys (), 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_history_1'"), 1);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_outbox_1'"), 1);

  store = ht_store_open (db_path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_int_ge (ht_store_schema_version (store), 6);
  ck_assert_int_eq (ht_store_schema_version (store), _ht_store_latest_schema ());

  /* The shape of schema 6. */
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_history_1'"), 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_outbox_1'"), 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'records_number'"), 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'records_book'"), 1);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM history WHERE hid <> rid * 1048576 + version"), 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'history'"), 2);

  /* The same content. */
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM records"), records);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM history"), versions);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM name_keys"), name_keys);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *text = record_text (ids->pdata[i]);
      g_autofree char *history = history_text (ids->pdata[i]);

      ck_assert_str_eq (text, texts->pdata[i]);
      ck_assert_str_eq (history, histories->pdata[i]);
    }
  outbox_after = outbox_text ();
  ck_assert_str_eq (outbox_after, outbox);
  assert_sound ("right after the migration");

  /* Names are found as before, one word (FTS5) and several (name keys). */
  ck_assert (search_finds ("dang thi hoa", ht_record_id (hoa)));
  ck_assert (search_finds ("dang hoa", ht_record_id (hoa)));
  ck_assert (search_finds ("hoa", ht_record_id (hoa)));
  ck_assert (search_finds ("Đặng", ht_record_id (hoa)));
  ck_assert_uint_eq (search_count ("nguyen van an", NULL), 1);

  /* Saving and editing go on, numbers stay unique per book. */
  {
    g_autoptr(cJSON) more = save_ok (ht_test_birth ("Trần Văn Bình", "2026-02-22", "2026-03-03"), NULL, 0);
    g_autoptr(cJSON) clash = ht_test_birth ("Phạm Thị Cúc", "2026-02-23", "2026-03-03");
    g_autoptr(GError) clash_error = NULL;
    g_autoptr(HtIssues) issues = ht_issues_new ();
    g_autofree char *history = NULL;
    g_autoptr(cJSON) list = NULL;

    cJSON_ReplaceItemInObject (clash, "book_year", cJSON_CreateNumber (2026));
    cJSON_ReplaceItemInObject (clash, "number", cJSON_CreateNumber ((double) ht_record_number (more)));
    ck_assert (!ht_store_save (store, clash, "lan.nt", NULL, 0, issues, &clash_error));
    ck_assert_msg (g_error_matches (clash_error, HT_ERROR, HT_ERROR_CONFLICT), "%s",
                   clash_error != NULL ? clash_error->message : "saved");

    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (more), "child"), "sex",
                               cJSON_CreateString ("female"));
    save_ok (more, "nhầm giới tính", 0);
    list = ht_store_history (store, ht_record_id (more), &error);
    ck_assert (list != NULL);
    ck_assert_int_eq (cJSON_GetArraySize (list), 2);
    save_ok (draft, NULL, 0);
  }
  assert_sound ("after more saves");
}
END_TEST

/* A record's audit entry is anchored by its history version and writes no
 * head; an entry about something else (a user, a number block) does, and
 * removing it is found. */
START_TEST (test_audit_head)
{
  g_autofree char *head = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  save_new (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), 0);
  ck_assert_ptr_null (ht_store_get_key (store, HT_STORE_KEY_AUDIT_HEAD));

  ck_assert (ht_store_user_add (store, "lan.nt", "clerk", "mật khẩu", NULL));
  head = ht_store_get_key (store, HT_STORE_KEY_AUDIT_HEAD);
  ck_assert_ptr_nonnull (head);
  ck_assert (g_str_has_prefix (head, "2:"));

  save_new (ht_test_birth ("Đặng Thị Hoa", "2026-02-21", "2026-03-02"), 0);
  after = ht_store_get_key (store, HT_STORE_KEY_AUDIT_HEAD);
  ck_assert_str_eq (after, head);
  assert_sound ("with a head before the last entry");

  /* The last record entry removed: the history has one version more. */
  sql_exec ("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3;");
  problems = check_fails ();
  ck_assert (has_problem (problems, "audit entries were removed"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The last entry about no record removed: the head names it. */
  sql_exec ("DELETE FROM audit WHERE seq = 2;");
  problems = check_fails ();
  ck_assert (has_problem (problems, "no longer holds entry 2"));
}
END_TEST

/* Checkpoints are made by a thread of the store in a pause between saves,
 * not inside a save: the pages reach the database file and the saves go
 * on. */
START_TEST (test_checkpoint_thread)
{
  g_autoptr(GPtrArray) batch = births (80);
  g_autoptr(GPtrArray) more = births (80);
  GStatBuf before, after;
  guint done = 0;

  ck_assert_int_eq (g_stat (db_path, &before), 0);
  /* About 25 pages each: the log passes the thread's 250 pages. */
  for (guint i = 0; i < batch->len; i++)
    save_ok (batch->pdata[i], NULL, 0);

  /* The thread was woken when the log passed 250 pages and checkpoints
   * once no save has come for a moment; wait for it (no time is asserted,
   * the test's own timeout bounds the wait). */
  for (;;)
    {
      g_mutex_lock (&store->checkpoint_lock);
      done = store->checkpoints;
      g_mutex_unlock (&store->checkpoint_lock);
      if (done > 0)
        break;
      g_usleep (10000);
    }
  ck_assert_uint_gt (done, 0);
  /* A passive checkpoint with no reader in the way copies every page the
   * log held when it started, new pages of the file among them. */
  ck_assert_int_eq (g_stat (db_path, &after), 0);
  ck_assert_int_gt (after.st_size, before.st_size);

  for (guint i = 0; i < more->len; i++)
    save_ok (more->pdata[i], NULL, 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM records"), 160);
  assert_sound ("after background checkpoints");

  /* Closing stops the thread first (ASan and the leak check see it). */
  g_clear_object (&store);
}
END_TEST

/* ---- The store's VFS (ht-store-vfs.c) ---- */

static sqlite3 *
vfs_open (const char *path,
          const char *vfs)
{
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs), SQLITE_OK);
  /* A cache of a few pages makes a long transaction spill frames into
   * the log before its commit, which SQLite reads back and rewrites. */
  ck_assert_int_eq (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                  "PRAGMA cache_size = 10; PRAGMA busy_timeout = 10000;",
                                  NULL, NULL, NULL), SQLITE_OK);
  return db;
}

static gint64
db_int (sqlite3    *db,
        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
db_fill (sqlite3 *db,
         int      first,
         int      n)
{
  g_autofree char *sql =
    g_strdup_printf ("WITH RECURSIVE c (i) AS (SELECT %d UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
                     " INSERT INTO t (i, pad) SELECT i, randomblob (600) FROM c", first, first + n - 1);

  ck_assert_int_eq (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Writes to the log are gathered and made at the sync; a transaction that
 * spilled frames and was rolled back must not write them later over the
 * frames of another connection, and every committed row must be in the
 * file as a connection without this VFS reads it. */
START_TEST (test_vfs_log_writes)
{
  g_autofree char *path = g_build_filename (tmpdir, "vfs.db", NULL);
  const char *vfs = _ht_store_vfs ();
  sqlite3 *a, *b, *plain;

  ck_assert_str_eq (vfs, HT_STORE_VFS);
  a = vfs_open (path, vfs);
  b = vfs_open (path, vfs);
  ck_assert_int_eq (sqlite3_exec (a, "CREATE TABLE t (i INTEGER PRIMARY KEY, pad BLOB)", NULL, NULL, NULL),
                    SQLITE_OK);

  /* A: a long transaction, spilled and rolled back. */
  ck_assert_int_eq (sqlite3_exec (a, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  db_fill (a, 1, 400);
  ck_assert_int_eq (sqlite3_exec (a, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);

  /* B writes where A's frames were, then A again, with a savepoint
   * rolled back in the middle (frames rewritten in place). */
  ck_assert_int_eq (sqlite3_exec (b, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  db_fill (b, 1001, 50);
  ck_assert_int_eq (sqlite3_exec (b, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (a, "BEGIN IMMEDIATE; SAVEPOINT s", NULL, NULL, NULL), SQLITE_OK);
  db_fill (a, 1, 300);
  ck_assert_int_eq (sqlite3_exec (a, "ROLLBACK TO s; RELEASE s", NULL, NULL, NULL), SQLITE_OK);
  db_fill (a, 2001, 300);
  ck_assert_int_eq (sqlite3_exec (a, "UPDATE t SET pad = zeroblob (10) WHERE i % 7 = 0; COMMIT",
                                  NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (b, "INSERT INTO t (i, pad) VALUES (5000, x'00')", NULL, NULL, NULL),
                    SQLITE_OK);

  /* Another process reads the log as it is on disk. */
  ck_assert_int_eq (sqlite3_open_v2 (path, &plain, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t"), 351);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t WHERE i < 1001"), 0);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t WHERE length (pad) = 10"), 51);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
  sqlite3_close (plain);

  /* A checkpoint reads the frames back from the log. */
  ck_assert_int_eq (sqlite3_exec (a, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_close (a), SQLITE_OK);
  ck_assert_int_eq (sqlite3_close (b), SQLITE_OK);
  plain = vfs_open (path, NULL);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t"), 351);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
  sqlite3_close (plain);
}
END_TEST

/* A transaction that spills frames to the log and changes their pages
 * again rewrites them in place, and its commit then rewrites the checksum
 * of every frame after the first such one (through a window of the log in
 * this VFS).  The log as it is on disk must hold the commit: a copy of the
 * files, opened where no shared index exists, is recovered from the log
 * alone, which checks every frame's checksum. */
START_TEST (test_vfs_rewritten_checksums)
{
  g_autofree char *path = g_build_filename (tmpdir, "cksum.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (tmpdir, "cksum-copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  sqlite3 *a, *plain;

  a = vfs_open (path, _ht_store_vfs ());
  ck_assert_int_eq (sqlite3_exec (a, "CREATE TABLE t (i INTEGER PRIMARY KEY, pad BLOB)", NULL, NULL, NULL),
                    SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (a, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  db_fill (a, 1, 2000);
  ck_assert_int_eq (sqlite3_exec (a, "UPDATE t SET pad = zeroblob (10) WHERE i % 50 = 0; COMMIT",
                                  NULL, NULL, NULL), SQLITE_OK);

  ck_assert (g_file_get_contents (path, &bytes, &len, NULL));
  ck_assert (g_file_set_contents (copy, bytes, len, NULL));
  g_clear_pointer (&bytes, g_free);
  ck_assert (g_file_get_contents (wal, &bytes, &len, NULL));
  ck_assert_uint_gt (len, 1024 * 1024);
  ck_assert (g_file_set_contents (copy_wal, bytes, len, NULL));
  ck_assert_int_eq (sqlite3_close (a), SQLITE_OK);

  ck_assert_int_eq (sqlite3_open_v2 (copy, &plain, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t"), 2000);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t WHERE length (pad) = 10"), 40);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
  sqlite3_close (plain);
}
END_TEST

/* A checkpoint writes the pages it copies in runs of consecutive pages,
 * one call per run; what it copied must be in the file as a connection
 * without this VFS reads it, after a partial checkpoint (a reader holding
 * an older snapshot) as after a full one.  A connection that does not
 * sync gets one call per page: its checkpoint has no later call that
 * could report a failed write. */
START_TEST (test_vfs_checkpoint_writes)
{
  g_autofree char *path = g_build_filename (tmpdir, "ckpt.db", NULL);
  g_autofree char *unsynced = g_build_filename (tmpdir, "ckpt-off.db", NULL);
  const char *vfs = _ht_store_vfs ();
  int log = 0, copied = 0;
  guint before;
  sqlite3 *a, *reader, *plain;

  a = vfs_open (path, vfs);
  reader = vfs_open (path, vfs);
  ck_assert_int_eq (sqlite3_exec (a, "CREATE TABLE t (i INTEGER PRIMARY KEY, pad BLOB)", NULL, NULL, NULL),
                    SQLITE_OK);
  db_fill (a, 1, 500);
  ck_assert_int_eq (sqlite3_exec (reader, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (db_int (reader, "SELECT count(*) FROM t"), 500);
  db_fill (a, 501, 1500);

  /* Partial: only the frames the reader's snapshot allows. */
  before = _ht_store_vfs_db_writes ();
  ck_assert_int_eq (sqlite3_wal_checkpoint_v2 (a, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &copied), SQLITE_OK);
  ck_assert_int_gt (copied, 40);
  ck_assert_int_lt (copied, log);
  ck_assert_uint_lt ((_ht_store_vfs_db_writes () - before) * 4, (guint) copied);
  ck_assert_int_eq (db_int (reader, "SELECT count(*) FROM t"), 500);
  ck_assert_int_eq (db_int (reader, "SELECT sum (length (pad)) FROM t"), 500 * 600);
  ck_assert_int_eq (sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL), SQLITE_OK);

  /* Full, then the file alone, read without this VFS. */
  before = _ht_store_vfs_db_writes ();
  ck_assert_int_eq (sqlite3_wal_checkpoint_v2 (a, NULL, SQLITE_CHECKPOINT_FULL, &log, &copied), SQLITE_OK);
  ck_assert_int_eq (copied, log);
  ck_assert_uint_gt (_ht_store_vfs_db_writes (), before);
  ck_assert_uint_lt ((_ht_store_vfs_db_writes () - before) * 4, (guint) copied);
  ck_assert_int_eq (sqlite3_close (reader), SQLITE_OK);
  ck_assert_int_eq (sqlite3_close (a), SQLITE_OK);
  ck_assert_int_eq (sqlite3_open_v2 (path, &plain, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t"), 2000);
  ck_assert_int_eq (db_int (plain, "SELECT sum (length (pad)) FROM t"), 2000 * 600);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
  sqlite3_close (plain);

  a = vfs_open (unsynced, vfs);
  ck_assert_int_eq (sqlite3_exec (a, "PRAGMA synchronous = OFF; CREATE TABLE t (i INTEGER PRIMARY KEY, pad BLOB)",
                                  NULL, NULL, NULL), SQLITE_OK);
  db_fill (a, 1, 1000);
  before = _ht_store_vfs_db_writes ();
  ck_assert_int_eq (sqlite3_wal_checkpoint_v2 (a, NULL, SQLITE_CHECKPOINT_FULL, &log, &copied), SQLITE_OK);
  ck_assert_int_gt (copied, 40);
  ck_assert_uint_gt ((_ht_store_vfs_db_writes () - before) * 4, (guint) copied);
  ck_assert_int_eq (sqlite3_close (a), SQLITE_OK);
  plain = vfs_open (unsynced, NULL);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM t"), 1000);
  ck_assert_int_eq (db_int (plain, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
  sqlite3_close (plain);
}
END_TEST

/* A new register gets small pages (fewer bytes for each commit to write
 * and sync); a register made with larger ones keeps them and works as
 * before. */
START_TEST (test_page_size)
{
  g_autoptr(GPtrArray) batch = births (30);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  ck_assert_int_eq (sql_int ("PRAGMA page_size"), HT_STORE_PAGE_SIZE);
  ck_assert_int_eq (sql_int ("SELECT v FROM search_config WHERE k = 'pgsz'"), HT_STORE_PAGE_SIZE - 46);
  for (guint i = 0; i < 10; i++)
    save_ok (batch->pdata[i], NULL, 0);
  g_clear_object (&store);

  /* The register as an earlier version made it: 4096-byte pages, FTS5's
   * own leaf size. */
  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;"
                                  "DELETE FROM search_config WHERE k = 'pgsz'; PRAGMA journal_mode = WAL;",
                                  NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  ck_assert_int_eq (sql_int ("PRAGMA page_size"), 4096);

  store = ht_store_open (db_path, &error);
  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  for (guint i = 10; i < batch->len; i++)
    save_ok (batch->pdata[i], NULL, 0);
  ck_assert_int_eq (sql_int ("PRAGMA page_size"), 4096);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM records"), 30);
  {
    g_autofree char *name = child_name (25);
    ck_assert (search_finds (name, ht_record_id (batch->pdata[25])));
  }
  assert_sound ("after saves into a register of 4096-byte pages");
}
END_TEST

/* An import ends on a new connection (its large page cache would make
 * every later save walk it): the same store object goes on saving,
 * searching and checking with statements prepared again. */
START_TEST (test_import_then_save)
{
  g_autoptr(GPtrArray) batch = births (40);
  g_autoptr(GPtrArray) imported = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  save_ok (batch->pdata[0], NULL, 0);
  for (guint i = 1; i < 30; i++)
    g_ptr_array_add (imported, batch->pdata[i]);
  ck_assert_msg (ht_store_import (store, imported, "importer", NULL, NULL, NULL, NULL, &error),
                 "%s", error != NULL ? error->message : "");
  ck_assert (store->db != NULL);
  /* The connection's own setting again, not the import's large cache. */
  ck_assert_int_eq (db_int (store->db, "PRAGMA cache_size"), HT_STORE_CACHE_PAGES);
  ck_assert_int_eq (sql_int ("PRAGMA page_size"), HT_STORE_PAGE_SIZE);

  for (guint i = 30; i < batch->len; i++)
    save_ok (batch->pdata[i], NULL, 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM records"), 40);
  {
    g_autofree char *name = child_name (35);
    ck_assert (search_finds (name, ht_record_id (batch->pdata[35])));
  }
  assert_sound ("after an import and more saves");
}
END_TEST

static Suite *
lean_suite (void)
{
  Suite *s = suite_create ("store-lean");

  add_case (s, "migrates-from-schema-5", test_migrates_from_schema_5);
  add_case (s, "audit-head", test_audit_head);
  add_case (s, "checkpoint-thread", test_checkpoint_thread);
  add_case (s, "vfs-log-writes", test_vfs_log_writes);
  add_case (s, "vfs-rewritten-checksums", test_vfs_rewritten_checksums);
  add_case (s, "vfs-checkpoint-writes", test_vfs_checkpoint_writes);
  add_case (s, "page-size", test_page_size);
  add_case (s, "import-then-save", test_import_then_save);
  return s;
}

int
main (void)
{
  return ht_check_run (lean_suite (), CK_FORK);
}
