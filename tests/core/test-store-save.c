/* test-store-save.c — tests of opening a register, saving, numbering and the outbox.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture (a new register per test) and helpers are in ht-test-store.c.
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

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

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
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox WHERE payload IS NULL"), 2);
  /* The queued changes are the two versions, as the protocol pushes them. */
  {
    g_autoptr(GPtrArray) entries = ht_store_outbox_peek (store, 0, 10, 1 << 20, &error);
    g_autoptr(cJSON) history2 = ht_store_history (store, id, NULL);

    ck_assert_ptr_nonnull (entries);
    ck_assert_uint_eq (entries->len, 2);
    ck_assert_uint_eq (ht_store_outbox_count (store), 2);
    for (guint i = 0; i < 2; i++)
      {
        HtOutboxEntry *entry = entries->pdata[i];
        g_autofree char *printed = ht_record_print (cJSON_GetObjectItem (cJSON_GetArrayItem (history2, i), "record"));
        g_autofree char *expected =
          g_strdup_printf ("{\"change_id\":\"%s\",\"record_id\":\"%s\",\"base_version\":%u,\"op\":\"record\",\"record\":%s}",
                           entry->change_id, id, i, printed);

        ck_assert (g_uuid_string_is_valid (entry->change_id));
        ck_assert_str_eq (entry->record_id, id);
        ck_assert_str_eq (entry->op, "record");
        ck_assert_int_eq (entry->version, i + 1);
        ck_assert_int_eq (entry->base_version, i);
        ck_assert_str_eq (entry->json, expected);
      }
    ck_assert_int_lt (((HtOutboxEntry *) entries->pdata[0])->seq, ((HtOutboxEntry *) entries->pdata[1])->seq);
  }

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

/* ---- Number blocks of an enrolled PC ---- */

static gint64
save_number (const char *name)
{
  g_autoptr(cJSON) record = save_ok (ht_test_birth (name, "2026-07-01", "2026-07-15"), NULL, 0);

  return ht_record_number (record);
}

START_TEST (test_number_blocks)
{
  g_autoptr(GError) error = NULL;

  /* Refused blocks leave nothing behind. */
  ck_assert (!ht_store_add_number_block (store, "wedding", 2026, 1, 10, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "wedding"));
  g_clear_error (&error);
  ck_assert (!ht_store_add_number_block (store, "birth", 2026, 10, 9, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!ht_store_add_number_block (store, "birth", 2026, 0, 9, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!ht_store_add_number_block (store, "birth", 20260, 1, 9, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM number_blocks"), 0);

  /* A PC never enrolled numbers its office's books itself, blocks or not. */
  ck_assert_int_eq (save_number ("Nguyễn Văn An"), 1);
  ck_assert (ht_store_add_number_block (store, "birth", 2026, 201, 202, &error));
  ck_assert (ht_store_add_number_block (store, "birth", 2026, 101, 103, &error));
  ck_assert_int_eq (ht_store_numbers_left (store, "birth", 2026), 5);
  ck_assert_int_eq (ht_store_numbers_left (store, "birth", 2027), 0);
  ck_assert_int_eq (ht_store_numbers_left (store, "death", 2026), 0);
  ck_assert_int_eq (save_number ("Nguyễn Văn Bình"), 2);

  /* Enrolled: the lowest free number of the blocks, in order. */
  ck_assert (ht_store_set_key (store, "device_id", "3f1c2d4e-0000-4000-8000-000000000001", NULL));
  ck_assert_int_eq (save_number ("Trần Văn Chi"), 101);
  ck_assert_int_eq (save_number ("Trần Văn Dũng"), 102);
  {
    /* An import numbers the same way; a digitised entry keeps its own
     * number, which the block then skips. */
    g_autoptr(GPtrArray) records = births (2);
    cJSON_ReplaceItemInObject (records->pdata[1], "book_year", cJSON_CreateNumber (2026));
    cJSON_ReplaceItemInObject (records->pdata[1], "number", cJSON_CreateNumber (201));
    ck_assert_msg (ht_store_import (store, records, "lan.nt", NULL, NULL, NULL, NULL, &error),
                   "%s", error ? error->message : "");
    ck_assert_int_eq (ht_record_number (records->pdata[0]), 103);
    ck_assert_int_eq (ht_record_number (records->pdata[1]), 201);
  }
  ck_assert_int_eq (ht_store_numbers_left (store, "birth", 2026), 1);
  ck_assert_int_eq (save_number ("Trần Thị Giang"), 202);
  ck_assert_int_eq (ht_store_numbers_left (store, "birth", 2026), 0);

  /* No number left: a clear error, nothing stored; a draft still may be. */
  {
    g_autofree char *before = table_counts ();
    g_autofree char *after = NULL;
    g_autoptr(cJSON) record = ht_test_birth ("Lê Văn Hải", "2026-07-01", "2026-07-15");
    g_autoptr(GPtrArray) records = births (1);
    g_autoptr(GPtrArray) issues = NULL;

    ck_assert (!ht_store_save (store, record, "lan.nt", NULL, 0, NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_CONFLICT);
    ck_assert_ptr_nonnull (strstr (error->message, "draft"));
    ck_assert_ptr_nonnull (strstr (error->message, "sync"));
    ck_assert_ptr_nonnull (strstr (error->message, "birth"));
    ck_assert (cJSON_IsNull (cJSON_GetObjectItem (record, "id")));
    g_clear_error (&error);
    ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
    ck_assert (ht_issues_has_code (issues->pdata[0], "number", "no_number_left"));
    g_clear_error (&error);
    after = table_counts ();
    ck_assert_str_eq (before, after);

    save_ok (record, NULL, HT_SAVE_DRAFT);
    ck_assert_str_eq (ht_record_status (record), "draft");
    /* …and it takes a number once the next block came. */
    ck_assert (ht_store_add_number_block (store, "birth", 2026, 301, 301, &error));
    save_ok (record, NULL, 0);
    ck_assert_int_eq (ht_record_number (record), 301);
  }
  {
    /* Blocks are per book: none for deaths yet. */
    g_autoptr(cJSON) death = ht_test_death ("Bùi Văn Khang", "1950-05-05", "2026-10-01", "2026-10-03");
    ck_assert (!ht_store_save (store, death, "lan.nt", NULL, 0, NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* Blocks are never reused: the same block again changes nothing (a
   * replayed pull), an overlapping one is refused. */
  ck_assert (ht_store_add_number_block (store, "birth", 2026, 101, 103, &error));
  ck_assert_int_eq (ht_store_numbers_left (store, "birth", 2026), 0);
  ck_assert (!ht_store_add_number_block (store, "birth", 2026, 103, 110, &error));
  ck_assert_int_eq (error->code, HT_ERROR_CONFLICT);
  ck_assert_ptr_nonnull (strstr (error->message, "never handed out twice"));
  g_clear_error (&error);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM number_blocks"), 3);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM audit WHERE action = 'number_block'"), 3);
  ck_assert_int_eq (sql_int ("SELECT count(DISTINCT number) FROM records"), sql_int ("SELECT count(*) FROM records"));
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

/* ---- The outbox as sync reads it ---- */

START_TEST (test_outbox_peek)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  gsize first_two;

  ck_assert_uint_eq (ht_store_outbox_count (store), 0);
  all = ht_store_outbox_peek (store, 0, 10, 1 << 20, &error);
  ck_assert_uint_eq (all->len, 0);
  g_clear_pointer (&all, g_ptr_array_unref);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = child_name (i);
      save_new (ht_test_birth (name, "2026-08-01", "2026-08-05"), 0);
    }
  save_new (ht_test_birth ("Lê Văn Nháp", "2026-08-01", "2026-08-05"), HT_SAVE_DRAFT);
  ck_assert_uint_eq (ht_store_outbox_count (store), 5);

  all = ht_store_outbox_peek (store, 0, 100, G_MAXSIZE, &error);
  ck_assert_uint_eq (all->len, 5);
  for (guint i = 0; i < all->len; i++)
    {
      HtOutboxEntry *entry = all->pdata[i];
      g_autoptr(cJSON) change = cJSON_Parse (entry->json);
      g_autoptr(cJSON) stored = ht_store_get (store, entry->record_id, NULL);
      g_autofree char *printed = ht_record_print (stored);
      g_autofree char *inner = cJSON_PrintUnformatted (cJSON_GetObjectItem (change, "record"));

      ck_assert_ptr_nonnull (change);
      ck_assert_str_eq (inner, printed);
      if (i > 0)
        ck_assert_int_gt (entry->seq, ((HtOutboxEntry *) all->pdata[i - 1])->seq);
    }

  /* By count, from a position. */
  some = ht_store_outbox_peek (store, 0, 2, G_MAXSIZE, &error);
  ck_assert_uint_eq (some->len, 2);
  g_clear_pointer (&some, g_ptr_array_unref);
  some = ht_store_outbox_peek (store, ((HtOutboxEntry *) all->pdata[1])->seq, 10, G_MAXSIZE, &error);
  ck_assert_uint_eq (some->len, 3);
  ck_assert_str_eq (((HtOutboxEntry *) some->pdata[0])->change_id, ((HtOutboxEntry *) all->pdata[2])->change_id);
  g_clear_pointer (&some, g_ptr_array_unref);
  some = ht_store_outbox_peek (store, ((HtOutboxEntry *) all->pdata[4])->seq, 10, G_MAXSIZE, &error);
  ck_assert_uint_eq (some->len, 0);
  g_clear_pointer (&some, g_ptr_array_unref);
  some = ht_store_outbox_peek (store, 0, 0, G_MAXSIZE, &error);
  ck_assert_uint_eq (some->len, 0);
  g_clear_pointer (&some, g_ptr_array_unref);

  /* By bytes: stops before the entry that would go past the bound, but
   * always gives the first. */
  first_two = strlen (((HtOutboxEntry *) all->pdata[0])->json) + strlen (((HtOutboxEntry *) all->pdata[1])->json);
  some = ht_store_outbox_peek (store, 0, 10, first_two, &error);
  ck_assert_uint_eq (some->len, 2);
  g_clear_pointer (&some, g_ptr_array_unref);
  some = ht_store_outbox_peek (store, 0, 10, first_two - 1, &error);
  ck_assert_uint_eq (some->len, 1);
  g_clear_pointer (&some, g_ptr_array_unref);
  some = ht_store_outbox_peek (store, 0, 10, 1, &error);
  ck_assert_uint_eq (some->len, 1);
  ck_assert_str_eq (((HtOutboxEntry *) some->pdata[0])->json, ((HtOutboxEntry *) all->pdata[0])->json);

  /* The same change reads back the same bytes: it is frozen. */
  g_clear_pointer (&some, g_ptr_array_unref);
  some = ht_store_outbox_peek (store, 0, 100, G_MAXSIZE, &error);
  for (guint i = 0; i < all->len; i++)
    ck_assert_str_eq (((HtOutboxEntry *) some->pdata[i])->json, ((HtOutboxEntry *) all->pdata[i])->json);
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

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-save");
  add_case (s, "create-open", test_create_open);
  add_case (s, "create-refused", test_create_refused);
  add_case (s, "open-corrupt", test_open_corrupt);
  add_case (s, "unwritable", test_unwritable);
  add_case (s, "migrations", test_migrations);
  add_case (s, "save-edit", test_save_and_edit);
  add_case (s, "edit-refused", test_edit_refused);
  add_case (s, "draft", test_draft);
  {
    TCase *tc = tcase_create ("failure-leaves-nothing");
    tcase_add_checked_fixture (tc, store_setup, store_teardown);
    tcase_add_loop_test (tc, test_failure_leaves_nothing, 0, G_N_ELEMENTS (fail_steps));
    suite_add_tcase (s, tc);
  }
  add_case (s, "numbering-concurrent", test_numbering_concurrent);
  add_case (s, "number-conflict", test_number_conflict);
  add_case (s, "number-blocks", test_number_blocks);
  add_case (s, "outbox-peek", test_outbox_peek);
  add_case (s, "async", test_async);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
