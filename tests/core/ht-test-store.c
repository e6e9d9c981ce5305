/* ht-test-store.c — the fixture and helpers of the store suites.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "ht-error.h"
#include "ht-record.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

char *tmpdir;
char *db_path;
HtStore *store;

void
store_setup (void)
{
  g_autoptr(GError) error = NULL;

  tmpdir = ht_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "registry.db", NULL);
  store = ht_store_create (db_path, HT_TEST_OFFICE, &error);
  ck_assert_msg (store != NULL, "cannot create a register: %s", error ? error->message : "?");
}

void
store_teardown (void)
{
  g_clear_object (&store);
  ht_test_rmtree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
}

void
add_case (Suite       *suite,
          const char  *name,
          const TTest *test)
{
  TCase *tc = tcase_create (name);

  tcase_add_checked_fixture (tc, store_setup, store_teardown);
  tcase_add_test (tc, test);
  suite_add_tcase (suite, tc);
}

gint64
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

void
sql_exec (const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK, "%s: %s", sql, message);
  sqlite3_close (db);
}

char *
table_counts (void)
{
  static const char *const tables[] = {
    "records", "history", "outbox", "search", "record_keys", "refs", "name_keys", "audit", "users", "sync_state",
    "number_blocks",
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

cJSON *
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

void
save_new (cJSON      *record,
          HtSaveFlags flags)
{
  cJSON_Delete (save_ok (record, NULL, flags));
}

gboolean
has_problem (GPtrArray  *problems,
             const char *needle)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (strstr (problems->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    fprintf (stderr, "  problem: %s\n", (const char *) problems->pdata[i]);
}

char *
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


GPtrArray *
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

guint
search_count (const char *query,
              const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = ht_store_search (store, query, kind, 0, &error);

  ck_assert_msg (results != NULL, "search “%s” failed: %s", query, error ? error->message : "");
  return results->len;
}

gboolean
search_finds (const char *query,
              const char *id)
{
  g_autoptr(GPtrArray) results = ht_store_search (store, query, NULL, 0, NULL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    if (g_strcmp0 (ht_record_id (results->pdata[i]), id) == 0)
      return TRUE;
  return FALSE;
}

GPtrArray *
check_fails (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  ck_assert_msg (!ht_store_check (store, &problems, &error), "the check missed the tampering");
  ck_assert_ptr_null (error);
  print_problems (problems);
  return problems;
}

void
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

gboolean
line_has_code (GArray     *issues,
               guint64     line,
               const char *field,
               const char *code)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      const HtLineIssues *li = &g_array_index (issues, HtLineIssues, i);
      if (li->line == line && ht_issues_has_code (li->issues, field, code))
        return TRUE;
    }
  return FALSE;
}
