/* test-store.c — tests of the local register (HtStore).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test gets a fresh temporary directory (a checked fixture, so it runs
 * in check's forked child) holding a new register of HT_TEST_OFFICE.
 * Tampering tests reach behind the store with their own SQLite connection.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-util.h"

static char *tmpdir;
static char *db_path;
static HtStore *store;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  tmpdir = ht_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "registry.db", NULL);
  store = ht_store_create (db_path, HT_TEST_OFFICE, &error);
  ck_assert_msg (store != NULL, "cannot create a register: %s", error ? error->message : "?");
}

static void
teardown (void)
{
  g_clear_object (&store);
  ht_test_rmtree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
}

/* ---- Helpers ---- */

static gint64
sql_int (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK, "%s: %s", sql, message);
  sqlite3_close (db);
}

/* The number of rows of every table, to prove that nothing stayed behind. */
static char *
table_counts (void)
{
  static const char *const tables[] = {
    "records", "history", "outbox", "search", "record_keys", "refs", "name_keys", "audit", "users", "sync_state",
    "keys", NULL
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_string_append_printf (out, "%s=%" G_GINT64_FORMAT " ", tables[i], sql_int (sql));
    }
  return g_string_free (out, FALSE);
}

/* Saves a record that must be accepted; returns it (updated in place). */
static cJSON *
save_ok (cJSON      *record,
         const char *reason,
         HtSaveFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();

  if (!ht_store_save (store, record, "lan.nt", reason, flags, issues, &error))
    {
      ht_test_print_issues (issues);
      ck_abort_msg ("save failed: %s", error->message);
    }
  return record;
}

/* Saves a new record that must be accepted, and lets it go. */
static void
save_new (cJSON      *record,
          HtSaveFlags flags)
{
  cJSON_Delete (save_ok (record, NULL, flags));
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *needle)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (strstr (problems->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    fprintf (stderr, "  problem: %s\n", (const char *) problems->pdata[i]);
}

/* A child's name made of syllables, different for every i up to 2,450. */
static char *
child_name (guint i)
{
  static const char *const surnames[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng" };
  static const char *const middles[] = { "Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Hữu" };
  static const char *const givens[] = { "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu",
                                        "Hoa", "Hùng", "Huy", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh",
                                        "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tú",
                                        "Tuấn", "Uyên", "Việt", "Vinh", "Xuân", "Yến", "Cường", "Đạt",
                                        "Giao", "Hậu", "Kiên", "Lộc", "Nhung", "Oanh", "Phong", "Quỳnh",
                                        "Sang", "Thanh", "Toàn", "Trí", "Vân", "Vy", "Yên" };

  return g_strdup_printf ("%s %s %s", surnames[i % 7], middles[(i / 7) % 7], givens[(i / 49) % 50]);
}

/* ---- Opening ---- */

START_TEST (test_create_open)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) again = NULL;
  g_autofree char *default_path = ht_store_default_path ();
  GStatBuf st;

  ck_assert_str_eq (ht_store_get_office (store), HT_TEST_OFFICE);
  ck_assert_str_eq (ht_store_get_path (store), db_path);
  ck_assert (g_str_has_suffix (default_path, "hotich/registry.db"));
  ck_assert_int_eq (g_stat (db_path, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);

  save_new (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), 0);
  g_clear_object (&store);

  again = ht_store_open (db_path, &error);
  ck_assert_msg (again != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (ht_store_get_office (again), HT_TEST_OFFICE);
  ck_assert_uint_eq (ht_store_count (again, "birth"), 1);
  ck_assert_int_eq (ht_store_schema_version (again), _ht_store_latest_schema ());

  ck_assert (ht_store_set_key (again, "sync.cursor", "42", NULL));
  {
    g_autofree char *value = ht_store_get_key (again, "sync.cursor");
    ck_assert_str_eq (value, "42");
  }
  ck_assert (!ht_store_set_key (again, HT_STORE_KEY_OFFICE, "00001", &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
}
END_TEST

START_TEST (test_create_refused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (tmpdir, "other.db", NULL);
  HtStore *s;

  s = ht_store_create (db_path, HT_TEST_OFFICE, &error);
  ck_assert_ptr_null (s);
  ck_assert_int_eq (error->code, HT_ERROR_EXISTS);
  ck_assert_ptr_nonnull (strstr (error->message, db_path));
  g_clear_error (&error);

  s = ht_store_create (other, "99999", &error);
  ck_assert_ptr_null (s);
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "unknown commune code"));
  ck_assert_ptr_nonnull (strstr (error->message, "99999"));
  ck_assert (!g_file_test (other, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_open_corrupt)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_build_filename (tmpdir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (tmpdir, "foreign.db", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.db", NULL);
  char bytes[8192];
  sqlite3 *db = NULL;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) g_random_int ();
  ck_assert (g_file_set_contents (garbage, bytes, sizeof bytes, NULL));
  ck_assert_ptr_null (ht_store_open (garbage, &error));
  ck_assert_int_eq (error->code, HT_ERROR_CORRUPT);
  ck_assert_ptr_nonnull (strstr (error->message, garbage));
  g_clear_error (&error);

  /* An SQLite database of another program is not a register either. */
  ck_assert_int_eq (sqlite3_open (foreign, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  ck_assert_ptr_null (ht_store_open (foreign, &error));
  ck_assert_int_eq (error->code, HT_ERROR_CORRUPT);
  ck_assert_ptr_nonnull (strstr (error->message, "not a hotich register"));
  g_clear_error (&error);

  ck_assert_ptr_null (ht_store_open (missing, &error));
  ck_assert_int_eq (error->code, HT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A register of a newer schema is left alone. */
  g_clear_object (&store);
  sql_exec ("PRAGMA user_version = 999");
  ck_assert_ptr_null (ht_store_open (db_path, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "newer version"));
}
END_TEST

START_TEST (test_unwritable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (tmpdir, "not-a-dir", NULL);
  g_autofree char *path = NULL;

  /* Root may write anywhere, so the parent is made a regular file, which
   * nobody can create files in. */
  ck_assert (g_file_set_contents (blocker, "x", 1, NULL));
  path = g_build_filename (blocker, "sub", "registry.db", NULL);
  ck_assert_ptr_null (ht_store_create (path, HT_TEST_OFFICE, &error));
  ck_assert_int_eq (error->code, HT_ERROR_IO);
  ck_assert_ptr_nonnull (strstr (error->message, blocker));
  g_clear_error (&error);

  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (tmpdir, "locked", NULL);
      g_autofree char *inside = g_build_filename (locked, "registry.db", NULL);

      ck_assert_int_eq (g_mkdir (locked, 0500), 0);
      ck_assert_ptr_null (ht_store_create (inside, HT_TEST_OFFICE, &error));
      ck_assert_int_eq (error->code, HT_ERROR_IO);
      ck_assert_ptr_nonnull (strstr (error->message, "Permission denied"));
    }
}
END_TEST

START_TEST (test_migrations)
{
  int latest = _ht_store_latest_schema ();

  ck_assert_int_ge (latest, 1);
  ck_assert_int_eq (ht_store_schema_version (store), latest);
  ck_assert_int_eq (sql_int ("PRAGMA user_version"), latest);
  ck_assert_int_eq (sql_int ("PRAGMA application_id"), HT_STORE_APPLICATION_ID);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name IN"
                             " ('keys','records','history','outbox','record_keys','refs','search','audit','users','sync_state',"
                             " 'name_keys')"),
                    11);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM keys WHERE key = 'store.office'"), 1);
}
END_TEST

/* ---- Saving ---- */

START_TEST (test_save_and_edit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = save_ok (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) stored = NULL;
  g_autoptr(cJSON) history = NULL;
  g_autofree char *id = g_strdup (ht_record_id (record));
  cJSON *child;

  ck_assert (g_uuid_string_is_valid (id));
  ck_assert_int_eq (ht_record_number (record), 1);
  ck_assert_int_eq (ht_record_book_year (record), 2026);
  ck_assert_int_eq (ht_record_content_version (record), 1);
  ck_assert_str_eq (ht_record_status (record), "registered");
  ck_assert_ptr_nonnull (cJSON_GetStringValue (cJSON_GetObjectItem (record, "updated_at")));

  stored = ht_store_get (store, id, &error);
  ck_assert_ptr_nonnull (stored);
  ck_assert (cJSON_Compare (stored, record, TRUE));
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), 1);
  ck_assert_int_eq (sql_int ("SELECT base_version FROM outbox"), 0);

  /* An edit keeps the id and number, bumps the version, adds history. */
  child = cJSON_GetObjectItem (ht_record_data (record), "child");
  cJSON_ReplaceItemInObject (child, "full_name", cJSON_CreateString ("Nguyễn Văn Ân"));
  save_ok (record, "sai chính tả", 0);
  ck_assert_str_eq (ht_record_id (record), id);
  ck_assert_int_eq (ht_record_number (record), 1);
  ck_assert_int_eq (ht_record_content_version (record), 2);

  history = ht_store_history (store, id, &error);
  ck_assert_int_eq (cJSON_GetArraySize (history), 2);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (history, 1), "reason")),
                    "sai chính tả");
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), 2);
  ck_assert_int_eq (sql_int ("SELECT max(base_version) FROM outbox"), 1);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox WHERE payload LIKE '{\"change_id\":\"%\"op\":\"record\",\"record\":{%'"), 2);

  /* An edit made from a stale copy is refused. */
  {
    g_autoptr(cJSON) stale = cJSON_Duplicate (record, TRUE);
    cJSON_ReplaceItemInObject (stale, "content_version", cJSON_CreateNumber (1));
    ck_assert (!ht_store_save (store, stale, "lan.nt", "again", 0, NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_CONFLICT);
  }
  ck_assert_uint_eq (ht_store_count (store, NULL), 1);
}
END_TEST

START_TEST (test_edit_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = save_ok (ht_test_birth ("Lê Thị Mai", "2026-01-05", "2026-01-20"), NULL, 0);
  g_autofree char *before = table_counts ();
  g_autofree char *after = NULL;

  ck_assert (!ht_store_save (store, record, "lan.nt", NULL, 0, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  ck_assert (!ht_store_save (store, record, "lan.nt", "  ", 0, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!ht_store_save (store, record, "lan.nt", "why", HT_SAVE_DRAFT, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  g_clear_error (&error);
  after = table_counts ();
  ck_assert_str_eq (before, after);

  /* An approved record (here a digitised book entry) is closed to edits. */
  {
    g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
    cJSON *old = ht_test_birth ("Lê Văn Tám", "2010-04-01", "2010-04-10");
    cJSON *review = cJSON_GetObjectItem (old, "review");

    cJSON_ReplaceItemInObject (review, "state", cJSON_CreateString ("approved"));
    cJSON_ReplaceItemInObject (old, "book_year", cJSON_CreateNumber (2010));
    cJSON_ReplaceItemInObject (old, "number", cJSON_CreateNumber (12));
    g_ptr_array_add (records, old);
    ck_assert_msg (ht_store_import (store, records, "lan.nt", NULL, NULL, NULL, NULL, &error),
                   "%s", error ? error->message : "");
    ck_assert (!ht_store_save (store, old, "lan.nt", "sửa", 0, NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
    ck_assert_ptr_nonnull (strstr (error->message, "approved"));
  }
}
END_TEST

START_TEST (test_draft)
{
  g_autoptr(cJSON) draft = save_ok (ht_test_birth ("Phạm Minh Đức", "2026-05-01", "2026-05-10"), NULL, HT_SAVE_DRAFT);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(GError) error = NULL;

  ck_assert_str_eq (ht_record_status (draft), "draft");
  ck_assert_int_eq (ht_record_number (draft), 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), 0);
  ck_assert_uint_eq (ht_store_count (store, "birth"), 0);

  /* A draft may still be incomplete; its problems come back as issues. */
  {
    g_autoptr(cJSON) incomplete = ht_test_birth ("Phạm Thu Hà", "2026-05-01", "2026-05-10");
    cJSON_DeleteItemFromObject (cJSON_GetObjectItem (ht_record_data (incomplete), "child"), "sex");
    ck_assert (ht_store_save (store, incomplete, "lan.nt", NULL, HT_SAVE_DRAFT, issues, &error));
    ck_assert_uint_gt (ht_issues_n_errors (issues), 0);
    /* …but it does not go into the book like that. */
    ck_assert (!ht_store_save (store, incomplete, "lan.nt", NULL, 0, NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  }

  /* Registering the draft numbers it and queues it as new (base 0). */
  save_ok (draft, NULL, 0);
  ck_assert_str_eq (ht_record_status (draft), "registered");
  ck_assert_int_eq (ht_record_number (draft), 1);
  ck_assert_int_eq (ht_record_content_version (draft), 2);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), 1);
  ck_assert_int_eq (sql_int ("SELECT base_version FROM outbox"), 0);
}
END_TEST

static const char *const fail_steps[] = { "record", "history", "outbox", "search", "keys", "audit", "commit" };

START_TEST (test_failure_leaves_nothing)
{
  const char *step = fail_steps[_i];
  g_autoptr(cJSON) record = save_ok (ht_test_birth ("Vũ Hữu Long", "2026-06-01", "2026-06-10"), NULL, 0);
  g_autofree char *before = table_counts ();
  g_autofree char *printed = ht_record_print (record);
  g_autoptr(GError) error = NULL;

  _ht_store_set_fail_at (store, step);
  {
    g_autoptr(cJSON) fresh = ht_test_birth ("Vũ Thị Lan", "2026-06-02", "2026-06-10");
    ck_assert (!ht_store_save (store, fresh, "lan.nt", NULL, 0, NULL, &error));
    ck_assert_ptr_nonnull (strstr (error->message, step));
    ck_assert (cJSON_IsNull (cJSON_GetObjectItem (fresh, "id")));
    g_clear_error (&error);
  }
  {
    g_autoptr(cJSON) edit = cJSON_Duplicate (record, TRUE);
    ck_assert (!ht_store_save (store, edit, "lan.nt", "sửa", 0, NULL, &error));
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
    g_ptr_array_add (records, ht_test_birth ("Vũ Văn Nam", "2026-06-03", "2026-06-10"));
    ck_assert (!ht_store_import (store, records, "lan.nt", NULL, NULL, NULL, NULL, &error));
  }
  _ht_store_set_fail_at (store, NULL);

  {
    g_autofree char *after = table_counts ();
    g_autoptr(cJSON) stored = ht_store_get (store, ht_record_id (record), NULL);
    g_autofree char *stored_text = ht_record_print (stored);
    g_autoptr(GPtrArray) problems = NULL;

    ck_assert_str_eq (before, after);
    ck_assert_str_eq (printed, stored_text);
    ck_assert (ht_store_check (store, &problems, NULL));
  }
  /* The next save takes the number the failed ones did not keep. */
  {
    g_autoptr(cJSON) next = save_ok (ht_test_birth ("Vũ Thị Lan", "2026-06-02", "2026-06-10"), NULL, 0);
    ck_assert_int_eq (ht_record_number (next), 2);
  }
}
END_TEST

/* ---- Numbering ---- */

typedef struct
{
  HtStore *store;
  guint    first;
  guint    count;
  guint    failures;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;

  for (guint i = 0; i < w->count; i++)
    {
      g_autofree char *name = child_name (w->first + i);
      g_autoptr(cJSON) record = ht_test_birth (name, "2026-07-01", "2026-07-15");
      g_autoptr(GError) error = NULL;

      if (!ht_store_save (w->store, record, "lan.nt", NULL, 0, NULL, &error))
        {
          fprintf (stderr, "concurrent save failed: %s\n", error->message);
          w->failures++;
        }
    }
  return NULL;
}

START_TEST (test_numbering_concurrent)
{
  enum { SHARED = 4, SHARED_SAVES = 200, SEPARATE = 2, SEPARATE_SAVES = 100 };
  Writer writers[SHARED + SEPARATE];
  GThread *threads[SHARED + SEPARATE];
  HtStore *others[SEPARATE];
  guint total = SHARED * SHARED_SAVES + SEPARATE * SEPARATE_SAVES;
  guint first = 0;

  for (guint i = 0; i < SEPARATE; i++)
    {
      others[i] = ht_store_open (db_path, NULL);
      ck_assert_ptr_nonnull (others[i]);
    }
  for (guint i = 0; i < SHARED + SEPARATE; i++)
    {
      writers[i].store = i < SHARED ? store : others[i - SHARED];
      writers[i].count = i < SHARED ? SHARED_SAVES : SEPARATE_SAVES;
      writers[i].first = first;
      writers[i].failures = 0;
      first += writers[i].count;
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  for (guint i = 0; i < SHARED + SEPARATE; i++)
    {
      g_thread_join (threads[i]);
      ck_assert_uint_eq (writers[i].failures, 0);
    }
  for (guint i = 0; i < SEPARATE; i++)
    g_object_unref (others[i]);

  ck_assert_int_eq (sql_int ("SELECT count(*) FROM records WHERE kind = 'birth' AND book_year = 2026"), total);
  ck_assert_int_eq (sql_int ("SELECT count(DISTINCT number) FROM records WHERE kind = 'birth'"), total);
  ck_assert_int_eq (sql_int ("SELECT min(number) FROM records WHERE kind = 'birth'"), 1);
  ck_assert_int_eq (sql_int ("SELECT max(number) FROM records WHERE kind = 'birth'"), total);
  {
    g_autoptr(GPtrArray) problems = NULL;
    gboolean sound = ht_store_check (store, &problems, NULL);
    if (!sound)
      print_problems (problems);
    ck_assert (sound);
  }
}
END_TEST

START_TEST (test_number_conflict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) first = save_ok (ht_test_birth ("Đặng Văn Hùng", "2026-03-01", "2026-03-05"), NULL, 0);
  g_autoptr(cJSON) clash = ht_test_birth ("Đặng Thị Hạnh", "2026-03-01", "2026-03-05");
  g_autoptr(cJSON) found = NULL;

  cJSON_ReplaceItemInObject (clash, "book_year", cJSON_CreateNumber (2026));
  cJSON_ReplaceItemInObject (clash, "number", cJSON_CreateNumber (1));
  ck_assert (!ht_store_save (store, clash, "lan.nt", NULL, 0, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_CONFLICT);
  ck_assert_ptr_nonnull (strstr (error->message, "birth"));
  ck_assert_ptr_nonnull (strstr (error->message, "2026"));
  ck_assert_ptr_nonnull (strstr (error->message, "Number 1 "));
  ck_assert_uint_eq (ht_store_count (store, NULL), 1);
  g_clear_error (&error);

  found = ht_store_get_by_number (store, "birth", 2026, 1, NULL);
  ck_assert_str_eq (ht_record_id (found), ht_record_id (first));
  g_clear_pointer (&found, cJSON_Delete);
  found = ht_store_lookup (store, "birth/2026/1", NULL);
  ck_assert_str_eq (ht_record_id (found), ht_record_id (first));
  g_clear_pointer (&found, cJSON_Delete);
  ck_assert_ptr_null (found = ht_store_lookup (store, "birth/2026/2", &error));
  ck_assert_int_eq (error->code, HT_ERROR_NOT_FOUND);
}
END_TEST

/* ---- Import ---- */

static void
count_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  guint *calls = user_data;

  ck_assert_uint_le (done, total);
  (*calls)++;
}

static GPtrArray *
births (guint n)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = child_name (i);
      g_ptr_array_add (records, ht_test_birth (name, "2026-08-01", "2026-08-05"));
    }
  return records;
}

START_TEST (test_import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = births (100);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *before = table_counts ();
  guint calls = 0;

  /* One record born after its registration spoils the whole file. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (records->pdata[57]), "child"),
                             "date_of_birth", cJSON_CreateString ("2026-09-01"));
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_uint_eq (issues->len, 100);
  ck_assert_uint_gt (ht_issues_n_errors (issues->pdata[57]), 0);
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[3]), 0);
  {
    g_autofree char *after = table_counts ();
    ck_assert_str_eq (before, after);
  }
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (records->pdata[3], "number")));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (records->pdata[57]), "child"),
                             "date_of_birth", cJSON_CreateString ("2026-08-01"));
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, count_progress, &calls, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_ge (calls, 1);
  ck_assert_uint_eq (ht_store_count (store, "birth"), 100);
  ck_assert_int_eq (ht_record_number (records->pdata[99]), 100);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), 100);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM audit WHERE action = 'import'"), 100);
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

START_TEST (test_import_chunks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = births (1100);
  g_autoptr(GPtrArray) issues = NULL;
  guint calls = 0;

  /* Records are canonicalised ahead of the writer in chunks, on other
   * threads: a malformed one far into the file still stops everything. */
  cJSON_AddStringToObject (records->pdata[700], "bogus", "x");
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert (ht_issues_has_code (issues->pdata[700], "bogus", "unknown_field"));
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[699]), 0);
  ck_assert_uint_eq (ht_store_count (store, NULL), 0);
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (records->pdata[10], "id")));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  cJSON_DeleteItemFromObject (records->pdata[700], "bogus");
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, count_progress, &calls, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_eq (calls, 2);
  ck_assert_uint_eq (ht_store_count (store, "birth"), 1100);
  ck_assert_int_eq (sql_int ("SELECT count(DISTINCT number) FROM records"), 1100);
  ck_assert_int_eq (sql_int ("SELECT max(number) FROM records"), 1100);
  for (guint i = 0; i < records->len; i++)
    ck_assert_int_eq (ht_record_number (records->pdata[i]), i + 1);
}
END_TEST

START_TEST (test_import_clashes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = births (5);
  g_autoptr(GPtrArray) issues = NULL;

  /* Two digitised entries with one number, and an id given twice. */
  for (guint i = 1; i <= 2; i++)
    {
      cJSON_ReplaceItemInObject (records->pdata[i], "book_year", cJSON_CreateNumber (2026));
      cJSON_ReplaceItemInObject (records->pdata[i], "number", cJSON_CreateNumber (7));
    }
  cJSON_ReplaceItemInObject (records->pdata[3], "id", cJSON_CreateString ("7d0f3c52-5f0b-4c52-9d1e-7f3a3b1c2d4e"));
  cJSON_ReplaceItemInObject (records->pdata[4], "id", cJSON_CreateString ("7d0f3c52-5f0b-4c52-9d1e-7f3a3b1c2d4e"));
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert (ht_issues_has_code (issues->pdata[2], "number", "number_taken"));
  ck_assert (ht_issues_has_code (issues->pdata[4], "id", "id_exists"));
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[0]), 0);
  ck_assert_uint_eq (ht_store_count (store, NULL), 0);
  g_clear_error (&error);

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GPtrArray) more = births (3);
    g_cancellable_cancel (cancellable);
    ck_assert (!ht_store_import (store, more, "lan.nt", NULL, NULL, NULL, cancellable, &error));
    ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    ck_assert_uint_eq (ht_store_count (store, NULL), 0);
  }
}
END_TEST

/* ---- Search ---- */

static guint
search_count (const char *query,
              const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = ht_store_search (store, query, kind, 0, &error);

  ck_assert_msg (results != NULL, "search “%s” failed: %s", query, error ? error->message : "");
  return results->len;
}

static gboolean
search_finds (const char *query,
              const char *id)
{
  g_autoptr(GPtrArray) results = ht_store_search (store, query, NULL, 0, NULL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    if (g_strcmp0 (ht_record_id (results->pdata[i]), id) == 0)
      return TRUE;
  return FALSE;
}

START_TEST (test_search)
{
  g_autoptr(cJSON) an = save_ok (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) hoa = save_ok (ht_test_birth ("Đặng Thị Hoa", "2026-02-21", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) binh = save_ok (ht_test_birth ("Trần Văn Bình", "2026-02-22", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) couple = save_ok (ht_test_marriage ("Hoàng Văn Sơn", "1990-01-01", "Lý Thị Hằng",
                                                       "1994-02-02", "2026-04-01"), NULL, 0);
  g_autofree char *pin = ht_pin_build ("001", "male", 1950, 123456);
  g_autoptr(cJSON) death = ht_test_death ("Bùi Văn Khang", "1950-05-05", "2026-10-01", "2026-10-03");
  const char *nfd = "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An"; /* "Nguyễn Văn An", decomposed */
  const char *card;

  cJSON_AddStringToObject (cJSON_GetObjectItem (ht_record_data (death), "deceased"), "pin", pin);
  {
    g_autoptr(HtIssues) issues = ht_issues_new ();
    cJSON *canon = ht_record_canonicalize (death, issues);
    cJSON_Delete (death);
    death = save_ok (canon, NULL, 0);
  }

  ck_assert (search_finds ("nguyen van an", ht_record_id (an)));
  ck_assert (!search_finds ("nguyen van an", ht_record_id (binh)));
  ck_assert (search_finds ("dang", ht_record_id (hoa)));
  ck_assert (search_finds ("Đặng", ht_record_id (hoa)));
  ck_assert (search_finds ("NGUYỄN VĂN AN", ht_record_id (an)));
  ck_assert (search_finds (nfd, ht_record_id (an)));
  ck_assert (search_finds ("ng v an", ht_record_id (an)));
  ck_assert (search_finds ("  tran   van  binh ", ht_record_id (binh)));
  ck_assert_uint_eq (search_count ("nguyen van binh", NULL), 0);
  ck_assert_uint_eq (search_count ("hoang son", NULL), 1);
  ck_assert_uint_eq (search_count ("hoang son", "birth"), 0);
  ck_assert_uint_eq (search_count ("hoang son", "marriage"), 1);
  ck_assert_uint_eq (search_count ("\"; DROP TABLE records; --", NULL), 0);

  /* The shapes the name keys answer: a name being typed, "surname given",
   * a given name alone; and words out of order, which FTS5 answers. */
  ck_assert (search_finds ("nguyen van a", ht_record_id (an)));
  ck_assert (search_finds ("nguyen an", ht_record_id (an)));
  ck_assert (search_finds ("Bình", ht_record_id (binh)));
  ck_assert (search_finds ("hang thi ly", ht_record_id (couple)));
  ck_assert (search_finds ("van son", ht_record_id (couple)));
  ck_assert_uint_eq (search_count ("hoang van s", NULL), 1);
  ck_assert_uint_eq (search_count ("hoang van s", "birth"), 0);
  ck_assert_uint_eq (search_count ("ly thi hang", "marriage"), 1);

  /* Exact lookups: personal ID number, ID card, place in the book. */
  ck_assert (search_finds (pin, ht_record_id (death)));
  ck_assert_uint_eq (search_count (pin, NULL), 1);
  card = cJSON_GetStringValue (ht_record_get_path (couple, "data.wife.id_document.number"));
  ck_assert (search_finds (card, ht_record_id (couple)));
  ck_assert_uint_eq (search_count ("001195012345", NULL), 3);
  ck_assert_uint_eq (search_count ("001195012345", "birth"), 3);
  ck_assert (search_finds ("birth/2026/2", ht_record_id (hoa)));
  ck_assert_uint_eq (search_count ("birth/2026/2", NULL), 1);
  ck_assert_uint_eq (search_count ("death/2026/1", NULL), 1);
  ck_assert_uint_eq (search_count ("birth/2026/9", NULL), 0);

  /* Newest first, and limited. */
  {
    g_autoptr(GPtrArray) results = ht_store_search (store, "tran thi bich", NULL, 2, NULL);
    ck_assert_uint_eq (results->len, 2);
    ck_assert_str_eq (ht_record_id (results->pdata[0]), ht_record_id (binh));
  }
}
END_TEST

START_TEST (test_lookup)
{
  g_autoptr(cJSON) an = save_ok (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) couple = save_ok (ht_test_marriage ("Hoàng Văn Sơn", "1990-01-01", "Lý Thị Hằng",
                                                       "1994-02-02", "2026-04-01"), NULL, 0);
  const HtLookup *lookup = ht_store_get_lookup (store);
  g_autofree char *folded = ht_fold ("Hoàng Văn Sơn");
  const char *card = cJSON_GetStringValue (ht_record_get_path (couple, "data.husband.id_document.number"));
  g_autoptr(cJSON) by_name = lookup->find_person (lookup->user_data, "marriage", NULL, NULL, folded, "1990-01-01");
  g_autoptr(cJSON) by_wrong_date = lookup->find_person (lookup->user_data, "marriage", NULL, NULL, folded, "1990-01-02");
  g_autoptr(cJSON) by_name_only = lookup->find_person (lookup->user_data, NULL, NULL, NULL, folded, NULL);
  g_autoptr(cJSON) by_card = lookup->find_person (lookup->user_data, "marriage", NULL, card, NULL, NULL);
  g_autoptr(cJSON) by_pin = lookup->find_person (lookup->user_data, "birth", "001195012345", NULL, NULL, NULL);
  g_autoptr(cJSON) wrong_kind = lookup->find_person (lookup->user_data, "death", NULL, card, NULL, NULL);
  g_autoptr(cJSON) ref = cJSON_CreateObject ();
  g_autoptr(cJSON) resolved = NULL;
  g_autoptr(cJSON) referencing = NULL;

  ck_assert_int_eq (cJSON_GetArraySize (by_name), 1);
  ck_assert_int_eq (cJSON_GetArraySize (by_wrong_date), 0);
  ck_assert_int_eq (cJSON_GetArraySize (by_name_only), 1);
  ck_assert_int_eq (cJSON_GetArraySize (by_card), 1);
  ck_assert_int_eq (cJSON_GetArraySize (by_pin), 1);
  ck_assert_int_eq (cJSON_GetArraySize (wrong_kind), 0);

  cJSON_AddStringToObject (ref, "kind", "birth");
  cJSON_AddStringToObject (ref, "office", HT_TEST_OFFICE);
  cJSON_AddNumberToObject (ref, "book_year", 2026);
  cJSON_AddNumberToObject (ref, "number", 1);
  resolved = lookup->resolve_ref (lookup->user_data, ref);
  ck_assert_str_eq (ht_record_id (resolved), ht_record_id (an));

  /* A later record pointing at the birth by id is found from the birth. */
  {
    g_autoptr(cJSON) child = ht_test_birth ("Nguyễn Thị Bé", "2026-06-01", "2026-06-05");
    cJSON *parents = cJSON_CreateObject ();
    g_autoptr(HtIssues) issues = ht_issues_new ();
    g_autoptr(cJSON) canon = NULL;

    cJSON_AddStringToObject (parents, "id", ht_record_id (couple));
    cJSON_AddItemToObject (ht_record_data (child), "parents_marriage", parents);
    canon = ht_record_canonicalize (child, issues);
    ck_assert_ptr_nonnull (canon);
    save_ok (canon, NULL, 0);
    referencing = lookup->find_referencing (lookup->user_data, ht_record_id (couple));
    ck_assert_int_eq (cJSON_GetArraySize (referencing), 1);
  }
}
END_TEST

/* ---- Integrity ---- */

static GPtrArray *
check_fails (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  ck_assert_msg (!ht_store_check (store, &problems, &error), "the check missed the tampering");
  ck_assert_ptr_null (error);
  print_problems (problems);
  return problems;
}

static void
fill_register (void)
{
  g_autoptr(cJSON) a = save_ok (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) b = save_ok (ht_test_birth ("Đặng Thị Hoa", "2026-02-21", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) c = save_ok (ht_test_death ("Bùi Văn Khang", "1950-05-05", "2026-10-01", "2026-10-03"), NULL, 0);
  g_autoptr(GPtrArray) problems = NULL;

  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (a), "child"), "sex", cJSON_CreateString ("female"));
  save_ok (a, "nhầm giới tính", 0);
  ck_assert (ht_store_user_add (store, "lan.nt", "clerk", "mật khẩu", NULL));
  if (!ht_store_check (store, &problems, NULL))
    {
      print_problems (problems);
      ck_abort_msg ("a sound register fails the check");
    }
}

START_TEST (test_check_record_altered)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  sql_exec ("UPDATE records SET json = replace (json, 'Đặng Thị Hoa', 'Đặng Thị Hòa') WHERE number = 2");
  problems = check_fails ();
  ck_assert (has_problem (problems, "differs from its last version"));
}
END_TEST

START_TEST (test_check_name_keys_removed)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  sql_exec ("DELETE FROM name_keys WHERE key = 'dang thi hoa'");
  problems = check_fails ();
  ck_assert (has_problem (problems, "do not match the records"));
}
END_TEST

/* A register of schema 1 gets its name keys from its records when it is
 * opened by this version. */
START_TEST (test_name_keys_backfill)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 keys;

  fill_register ();
  keys = sql_int ("SELECT count(*) FROM name_keys");
  ck_assert_int_gt (keys, 0);
  g_clear_object (&store);
  sql_exec ("DROP TABLE name_keys; PRAGMA user_version = 1");

  store = ht_store_open (db_path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (ht_store_schema_version (store), _ht_store_latest_schema ());
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM name_keys"), keys);
  if (!ht_store_check (store, &problems, NULL))
    {
      print_problems (problems);
      ck_abort_msg ("the filled name keys fail the check");
    }
  ck_assert_uint_eq (search_count ("dang thi h", NULL), 1);
}
END_TEST

START_TEST (test_check_audit_removed)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  sql_exec ("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;");
  problems = check_fails ();
  ck_assert (has_problem (problems, "Audit entries 2 to 2 are missing"));
  ck_assert (has_problem (problems, "audit_no_delete"));
}
END_TEST

START_TEST (test_check_audit_altered)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  sql_exec ("DROP TRIGGER audit_no_update; UPDATE audit SET user = 'mallory' WHERE seq = 1;"
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE (ABORT, 'no'); END;");
  problems = check_fails ();
  ck_assert (has_problem (problems, "Audit entry 1 was altered"));
  ck_assert_uint_eq (problems->len, 1);
}
END_TEST

START_TEST (test_check_history_altered)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  /* Both copies changed together: only the audit chain can tell. */
  sql_exec ("DROP TRIGGER history_no_update;"
            "UPDATE history SET json = replace (json, 'Bùi Văn Khang', 'Bùi Văn Khương');"
            "UPDATE records SET json = replace (json, 'Bùi Văn Khang', 'Bùi Văn Khương');");
  problems = check_fails ();
  ck_assert (has_problem (problems, "is not what audit entry"));
}
END_TEST

/* ---- Backup and restore ---- */

static gboolean
collect_cb (const cJSON *record,
            gpointer     user_data)
{
  g_ptr_array_add (user_data, ht_record_print (record));
  return TRUE;
}

static GPtrArray *
export_all (HtStore *s)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  ck_assert (ht_store_export (s, NULL, NULL, NULL, collect_cb, lines, NULL));
  return lines;
}

START_TEST (test_backup_restore)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (tmpdir, "backup.db", NULL);
  g_autofree char *target = g_build_filename (tmpdir, "restored.db", NULL);
  g_autofree char *garbage = g_build_filename (tmpdir, "garbage.db", NULL);
  g_autoptr(GPtrArray) before = NULL;
  GStatBuf st;

  fill_register ();
  before = export_all (store);
  ck_assert_uint_eq (before->len, 3);
  ck_assert_msg (ht_store_backup (store, backup, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (g_stat (backup, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  ck_assert (!ht_store_backup (store, backup, &error));
  ck_assert_int_eq (error->code, HT_ERROR_EXISTS);
  g_clear_error (&error);

  /* Work done after the backup is what a restore takes back. */
  save_new (ht_test_birth ("Trần Văn Bình", "2026-02-22", "2026-03-02"), 0);
  g_clear_object (&store);
  ck_assert_msg (ht_store_restore (db_path, backup, &error), "%s", error ? error->message : "");
  ck_assert_msg (ht_store_restore (target, backup, &error), "%s", error ? error->message : "");

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(HtStore) s = ht_store_open (k == 0 ? db_path : target, &error);
      g_autoptr(GPtrArray) after = NULL;

      ck_assert_msg (s != NULL, "%s", error ? error->message : "");
      after = export_all (s);
      ck_assert_uint_eq (after->len, before->len);
      for (guint i = 0; i < before->len; i++)
        ck_assert_str_eq (after->pdata[i], before->pdata[i]);
      ck_assert (ht_store_check (s, NULL, NULL));
    }

  /* Garbage is refused and the register stays as it was. */
  ck_assert (g_file_set_contents (garbage, "SQLite format 3 but not really", -1, NULL));
  ck_assert (!ht_store_restore (db_path, garbage, &error));
  ck_assert_int_eq (error->code, HT_ERROR_CORRUPT);
  ck_assert_ptr_nonnull (strstr (error->message, garbage));
  g_clear_error (&error);
  {
    g_autoptr(HtStore) s = ht_store_open (db_path, &error);
    ck_assert_uint_eq (ht_store_count (s, NULL), 3);
  }
}
END_TEST

START_TEST (test_export_count)
{
  g_autoptr(GPtrArray) lines = NULL;
  GDate from, to;

  save_new (ht_test_death ("Bùi Văn Khang", "1950-05-05", "2026-10-01", "2026-10-03"), 0);
  save_new (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), 0);
  save_new (ht_test_birth ("Đặng Thị Hoa", "2026-01-21", "2026-02-02"), 0);
  save_new (ht_test_birth ("Lê Văn Nháp", "2026-01-21", "2026-02-02"), HT_SAVE_DRAFT);

  ck_assert_uint_eq (ht_store_count (store, NULL), 3);
  ck_assert_uint_eq (ht_store_count (store, "birth"), 2);
  ck_assert_uint_eq (ht_store_count (store, "marriage"), 0);

  lines = export_all (store);
  ck_assert_uint_eq (lines->len, 3);
  ck_assert_ptr_nonnull (strstr (lines->pdata[0], "Nguyễn Văn An"));
  ck_assert_ptr_nonnull (strstr (lines->pdata[1], "Đặng Thị Hoa"));
  ck_assert_ptr_nonnull (strstr (lines->pdata[2], "Bùi Văn Khang"));
  g_clear_pointer (&lines, g_ptr_array_unref);

  ck_assert (ht_date_parse ("2026-02-01", &from) && ht_date_parse ("2026-02-28", &to));
  lines = g_ptr_array_new_with_free_func (g_free);
  ck_assert (ht_store_export (store, "birth", &from, &to, collect_cb, lines, NULL));
  ck_assert_uint_eq (lines->len, 1);
  ck_assert_ptr_nonnull (strstr (lines->pdata[0], "Đặng Thị Hoa"));
}
END_TEST

/* ---- Users ---- */

START_TEST (test_users)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;

  ck_assert (ht_store_user_add (store, "lan.nt", "clerk", "bí mật", &error));
  role = ht_store_user_verify (store, "lan.nt", "bí mật", &error);
  ck_assert_str_eq (role, "clerk");
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'"), 1);

  ck_assert_ptr_null (ht_store_user_verify (store, "lan.nt", "sai", &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  g_clear_error (&error);
  ck_assert_ptr_null (ht_store_user_verify (store, "nobody", "bí mật", &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  g_clear_error (&error);

  ck_assert (!ht_store_user_add (store, "lan.nt", "clerk", "x", &error));
  ck_assert_int_eq (error->code, HT_ERROR_EXISTS);
  ck_assert_ptr_nonnull (strstr (error->message, "lan.nt"));
  g_clear_error (&error);
  ck_assert (!ht_store_user_add (store, "tam.lv", "mayor", "x", &error));
  ck_assert_ptr_nonnull (strstr (error->message, "mayor"));
  g_clear_error (&error);
  ck_assert (!ht_store_user_add (store, "tam.lv", "signer", "", &error));
  ck_assert_ptr_nonnull (strstr (error->message, "empty"));
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

/* ---- Async ---- */

typedef struct
{
  GMainLoop *loop;
  cJSON     *saved;
  HtIssues  *issues;
  GPtrArray *results;
  GError    *error;
} AsyncState;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncState *state = user_data;

  state->saved = ht_store_save_finish (HT_STORE (source), result, &state->issues, &state->error);
  g_main_loop_quit (state->loop);
}

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->results = ht_store_search_finish (HT_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

START_TEST (test_async)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(cJSON) record = ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02");
  AsyncState state = { loop, NULL, NULL, NULL, NULL };

  ht_store_save_async (store, record, "lan.nt", NULL, 0, NULL, saved_cb, &state);
  g_main_loop_run (loop);
  ck_assert_msg (state.saved != NULL, "%s", state.error ? state.error->message : "");
  ck_assert_int_eq (ht_record_number (state.saved), 1);
  ck_assert_ptr_nonnull (state.issues);
  /* The caller's tree is left as it was. */
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (record, "id")));

  ht_store_search_async (store, "nguyen an", NULL, 10, NULL, searched_cb, &state);
  g_main_loop_run (loop);
  ck_assert_ptr_nonnull (state.results);
  ck_assert_uint_eq (state.results->len, 1);
  ck_assert_str_eq (ht_record_id (state.results->pdata[0]), ht_record_id (state.saved));

  /* A cancelled save stores nothing. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_clear_pointer (&state.saved, cJSON_Delete);
    g_clear_pointer (&state.issues, g_ptr_array_unref);
    g_cancellable_cancel (cancellable);
    ht_store_save_async (store, record, "lan.nt", NULL, 0, cancellable, saved_cb, &state);
    g_main_loop_run (loop);
    ck_assert_ptr_null (state.saved);
    ck_assert (g_error_matches (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    ck_assert_uint_eq (ht_store_count (store, NULL), 1);
  }
  g_clear_pointer (&state.results, g_ptr_array_unref);
  g_clear_pointer (&state.issues, g_ptr_array_unref);
  g_clear_error (&state.error);
}
END_TEST

/* ---- Runner ---- */

static void
add_case (Suite      *suite,
          const char *name,
          const TTest *test)
{
  TCase *tc = tcase_create (name);

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test);
  suite_add_tcase (suite, tc);
}

static Suite *
store_suite (void)
{
  Suite *s = suite_create ("store");
  TCase *tc;

  add_case (s, "create-open", test_create_open);
  add_case (s, "create-refused", test_create_refused);
  add_case (s, "open-corrupt", test_open_corrupt);
  add_case (s, "unwritable", test_unwritable);
  add_case (s, "migrations", test_migrations);
  add_case (s, "save-edit", test_save_and_edit);
  add_case (s, "edit-refused", test_edit_refused);
  add_case (s, "draft", test_draft);
  tc = tcase_create ("failure-leaves-nothing");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_failure_leaves_nothing, 0, G_N_ELEMENTS (fail_steps));
  suite_add_tcase (s, tc);
  add_case (s, "numbering-concurrent", test_numbering_concurrent);
  add_case (s, "number-conflict", test_number_conflict);
  add_case (s, "import", test_import);
  add_case (s, "import-chunks", test_import_chunks);
  add_case (s, "import-clashes", test_import_clashes);
  add_case (s, "search", test_search);
  add_case (s, "lookup", test_lookup);
  add_case (s, "check-record-altered", test_check_record_altered);
  add_case (s, "check-name-keys-removed", test_check_name_keys_removed);
  add_case (s, "name-keys-backfill", test_name_keys_backfill);
  add_case (s, "check-audit-removed", test_check_audit_removed);
  add_case (s, "check-audit-altered", test_check_audit_altered);
  add_case (s, "check-history-altered", test_check_history_altered);
  add_case (s, "backup-restore", test_backup_restore);
  add_case (s, "export-count", test_export_count);
  add_case (s, "users", test_users);
  add_case (s, "async", test_async);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (store_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
