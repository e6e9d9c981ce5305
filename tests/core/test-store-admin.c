/* test-store-admin.c — tests of the self-check, backup and restore, export and users.
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

/* ---- Integrity ---- */

START_TEST (test_check_record_altered)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  /* The envelope columns are copies of the current version's text. */
  sql_exec ("UPDATE records SET status = 'revoked' WHERE kind = 'birth' AND number = 2");
  problems = check_fails ();
  ck_assert (has_problem (problems, "the stored status (“revoked”) differs from its text (“registered”)"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A version missing from the history, as if it were removed. */
  sql_exec ("UPDATE records SET status = 'registered', content_version = 3 WHERE kind = 'birth' AND number = 2");
  problems = check_fails ();
  ck_assert (has_problem (problems, "is at version 3 but its history ends at version 1"));
}
END_TEST

START_TEST (test_check_name_keys_removed)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  sql_exec ("DELETE FROM name_keys WHERE key LIKE 'dang thi hoa|%'");
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
  /* The text changed where the envelope does not show it: only the audit
   * chain can tell. */
  sql_exec ("DROP TRIGGER history_no_update;"
            "UPDATE history SET json = replace (json, 'Bệnh viện', 'Trạm y tế')");
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


/* ---- Runner ---- */

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-admin");
  add_case (s, "check-record-altered", test_check_record_altered);
  add_case (s, "check-name-keys-removed", test_check_name_keys_removed);
  add_case (s, "name-keys-backfill", test_name_keys_backfill);
  add_case (s, "check-audit-removed", test_check_audit_removed);
  add_case (s, "check-audit-altered", test_check_audit_altered);
  add_case (s, "check-history-altered", test_check_history_altered);
  add_case (s, "backup-restore", test_backup_restore);
  add_case (s, "export-count", test_export_count);
  add_case (s, "users", test_users);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
