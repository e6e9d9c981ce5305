/* test-store-import-fast.c — an import into an empty register writes what the slower path writes.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import into an empty register takes shortcuts (ht-store-import-tune.c):
 * the search index does not merge as it goes, and the indexes no lookup of
 * the import reads are dropped and built again at the end; its workers make
 * the outbox entries' ids.  An import into a register that holds a record
 * takes none of them.  These tests import the same generated records both
 * ways and compare every table row by row, and show that a file that fails
 * near its end leaves the register, indexes included, as it was.  Every
 * import writes its outbox and audit rows 32 records per statement; that
 * too is compared with an import that writes them row by row.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <sqlite3.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-error.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

#define N_RECORDS 2500

/* Every table a save or an import writes, in a fixed order, with every
 * column but the outbox's random change ids and the audit's hashes (which
 * cover the time of the import: compared apart). */
static const char *const dumps[] = {
  "SELECT * FROM records ORDER BY rid",
  "SELECT * FROM history ORDER BY hid",
  "SELECT seq, rid, version, base_version, op, payload, queued_at FROM outbox ORDER BY seq",
  "SELECT * FROM record_keys ORDER BY type, value, rid",
  "SELECT * FROM refs ORDER BY target_id, rid",
  "SELECT * FROM name_keys ORDER BY key, rid",
  "SELECT rowid, names, kind FROM search ORDER BY rowid",
  "SELECT * FROM search_terms ORDER BY term",
  "SELECT seq, at, user, action, record_id, version, detail FROM audit ORDER BY seq",
  "SELECT * FROM sync_state ORDER BY rid",
  "SELECT * FROM number_blocks",
  "SELECT key, value FROM keys WHERE key NOT IN ('store.created_at') ORDER BY key",
  /* The schema, indexes included, as the migrations made it. */
  "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
  "PRAGMA integrity_check",
  NULL
};

static sqlite3 *
open_file (const char *path)
{
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  return db;
}

/* The rows of "sql" as text, one line a row, every time an import of the
 * register wrote (its audit entries' "at") replaced by "NOW". */
static char *
dump (sqlite3    *db,
      const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT DISTINCT at FROM audit", -1, &stmt, NULL), SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (times, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append (out, text != NULL ? text : "∅");
          g_string_append_c (out, '\t');
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < times->len; i++)
    g_string_replace (out, times->pdata[i], "NOW", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One field of an audit entry as its hash covers it: "length:value\n",
 * or "-\n" for none (ht-store-audit.c, written out again here). */
static void
chain_field (GChecksum  *sum,
             const char *value)
{
  g_autofree char *text = value != NULL ? g_strdup_printf ("%zu:%s\n", strlen (value), value) : g_strdup ("-\n");

  g_checksum_update (sum, (const guchar *) text, -1);
}

/* Recomputes every audit entry of "db" from its fields, as the chain is
 * defined, without the store's code: an import must keep the chain's
 * bytes whatever it computes where. */
static void
verify_chain (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = g_strdup ("");
  gint64 entries = 0;

  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT a.seq, a.at, a.user, a.action, a.record_id, a.version, a.detail,"
                                        " a.record_hash, a.hash_prev, a.hash, h.json FROM audit a"
                                        " LEFT JOIN records r ON r.id = a.record_id"
                                        " LEFT JOIN history h ON h.rid = r.rid AND h.version = a.version"
                                        " ORDER BY a.seq", -1, &stmt, NULL), SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      const char *json = (const char *) sqlite3_column_text (stmt, 10);
      g_autofree char *seq = g_strdup_printf ("%lld", (long long) sqlite3_column_int64 (stmt, 0));
      g_autofree char *version = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? NULL
        : g_strdup_printf ("%lld", (long long) sqlite3_column_int64 (stmt, 5));

      ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 8), prev);
      if (json != NULL)
        {
          g_autofree char *record_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
          ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 7), record_hash);
        }
      chain_field (sum, prev);
      chain_field (sum, seq);
      for (int c = 1; c <= 4; c++)
        chain_field (sum, (const char *) sqlite3_column_text (stmt, c));
      chain_field (sum, version);
      chain_field (sum, (const char *) sqlite3_column_text (stmt, 6));
      chain_field (sum, (const char *) sqlite3_column_text (stmt, 7));
      ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 9), g_checksum_get_string (sum));
      g_free (prev);
      prev = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      entries++;
    }
  sqlite3_finalize (stmt);
  ck_assert_int_ge (entries, N_RECORDS);
}

static GPtrArray *
generate (guint64 seed,
          guint   n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  GDate from, to;
  cJSON *record;

  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2025);
  g_date_set_dmy (&to, 30, G_DATE_JUNE, 2026);
  gen = ht_gen_new (HT_TEST_OFFICE, seed, &from, &to, n, FALSE, &error);
  ck_assert_msg (gen != NULL, "%s", error ? error->message : "");
  while ((record = ht_gen_next (gen, &error)) != NULL)
    {
      /* Ids given here, so that both registers hold the same ones. */
      if (ht_record_id (record) == NULL)
        {
          g_autofree char *id = g_uuid_string_random ();
          cJSON_DeleteItemFromObject (record, "id");
          cJSON_AddStringToObject (record, "id", id);
        }
      g_ptr_array_add (records, record);
    }
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (records->len, n);
  return records;
}

static GPtrArray *
copy_range (GPtrArray *records,
            guint      first,
            guint      end)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);

  for (guint i = first; i < end; i++)
    g_ptr_array_add (copy, cJSON_Duplicate (records->pdata[i], TRUE));
  return copy;
}

static void
import_ok (HtStore   *into,
           GPtrArray *records)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (ht_store_import (into, records, "lan.nt", NULL, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
}

/* The same records, imported at once into the empty register (every
 * shortcut) and, into another, one record first (itself an import into an
 * empty register) and then the other 2,499 (an import into a register
 * that is not empty: none of the shortcuts): every table holds the same
 * rows, the schema is the same, the indexes are there, and both audit
 * chains check. */
START_TEST (test_fast_import_same_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = generate (11, N_RECORDS);
  g_autoptr(GPtrArray) all = copy_range (records, 0, N_RECORDS);
  g_autoptr(GPtrArray) first = copy_range (records, 0, 1);
  g_autoptr(GPtrArray) rest = copy_range (records, 1, N_RECORDS);
  g_autofree char *other_path = g_build_filename (tmpdir, "slow.db", NULL);
  g_autoptr(HtStore) other = ht_store_create (other_path, HT_TEST_OFFICE, &error);
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *fast_db, *slow_db;
  gint64 change_ids;

  ck_assert_msg (other != NULL, "%s", error ? error->message : "");
  import_ok (store, all);
  import_ok (other, first);
  import_ok (other, rest);

  fast_db = open_file (db_path);
  slow_db = open_file (other_path);
  for (guint i = 0; dumps[i] != NULL; i++)
    {
      g_autofree char *fast = dump (fast_db, dumps[i]);
      g_autofree char *slow = dump (slow_db, dumps[i]);

      if (strcmp (fast, slow) != 0 && g_getenv ("HT_TEST_DUMP_DIR") != NULL)
        {
          g_autofree char *a = g_build_filename (g_getenv ("HT_TEST_DUMP_DIR"), "fast.txt", NULL);
          g_autofree char *b = g_build_filename (g_getenv ("HT_TEST_DUMP_DIR"), "slow.txt", NULL);

          g_file_set_contents (a, fast, -1, NULL);
          g_file_set_contents (b, slow, -1, NULL);
        }
      if (strcmp (fast, slow) != 0)
        ck_abort_msg ("%s differs between the two imports", dumps[i]);
    }
  /* Every record was stored once, with its own outbox entry id. */
  {
    sqlite3_stmt *stmt = NULL;

    ck_assert_int_eq (sqlite3_prepare_v2 (fast_db, "SELECT count(DISTINCT change_id) FROM outbox"
                                          " WHERE length (change_id) = 36", -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
    change_ids = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  ck_assert_int_eq (change_ids, N_RECORDS);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM records"), N_RECORDS);
  /* The comparison had rows to compare in the tables the shortcuts touch. */
  ck_assert_int_gt (sql_int ("SELECT count(*) FROM record_keys"), 0);
  ck_assert_int_gt (sql_int ("SELECT count(*) FROM name_keys"), N_RECORDS);
  ck_assert_int_gt (sql_int ("SELECT count(*) FROM search_terms"), 100);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name IN"
                             " ('records_stats', 'records_review', 'outbox_rid')"), 3);
  /* Imported in the same second, the chains are the same bytes. */
  {
    sqlite3_stmt *stmt = NULL;
    g_autofree char *fast_at = NULL;
    g_autofree char *slow_at = NULL;

    ck_assert_int_eq (sqlite3_prepare_v2 (fast_db, "SELECT group_concat (DISTINCT at) FROM audit", -1, &stmt, NULL),
                      SQLITE_OK);
    ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
    fast_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    ck_assert_int_eq (sqlite3_prepare_v2 (slow_db, "SELECT group_concat (DISTINCT at) FROM audit", -1, &stmt, NULL),
                      SQLITE_OK);
    ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
    slow_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    if (g_strcmp0 (fast_at, slow_at) == 0)
      {
        g_autofree char *fast = dump (fast_db, "SELECT seq, record_hash, hash_prev, hash FROM audit ORDER BY seq");
        g_autofree char *slow = dump (slow_db, "SELECT seq, record_hash, hash_prev, hash FROM audit ORDER BY seq");
        ck_assert_str_eq (fast, slow);
      }
  }
  verify_chain (fast_db);
  verify_chain (slow_db);
  sqlite3_close (fast_db);
  sqlite3_close (slow_db);

  /* Each chain checks against its own records, so the hashes compared
   * apart above follow from the rows compared here. */
  ck_assert_msg (ht_store_check (store, &problems, &error), "%s",
                 problems != NULL && problems->len > 0 ? (const char *) problems->pdata[0] : "");
  g_clear_pointer (&problems, g_ptr_array_unref);
  ck_assert_msg (ht_store_check (other, &problems, &error), "%s",
                 problems != NULL && problems->len > 0 ? (const char *) problems->pdata[0] : "");
  /* The search answers alike. */
  for (guint i = 0; i < N_RECORDS; i += 97)
    {
      const cJSON *data = ht_record_data (records->pdata[i]);
      const cJSON *child = cJSON_GetObjectItem (data, "child");
      const cJSON *name = cJSON_GetObjectItem (child != NULL ? child : cJSON_GetObjectItem (data, "deceased"),
                                               "full_name");

      if (!cJSON_IsString (name))
        continue;
      {
        g_autoptr(GPtrArray) fast = ht_store_search (store, name->valuestring, NULL, 0, &error);
        g_autoptr(GPtrArray) slow = ht_store_search (other, name->valuestring, NULL, 0, &error);

        ck_assert_msg (fast != NULL && slow != NULL, "%s", error ? error->message : "");
        ck_assert_uint_gt (fast->len, 0);
        ck_assert_uint_eq (fast->len, slow->len);
        for (guint j = 0; j < fast->len; j++)
          ck_assert_str_eq (ht_record_id (fast->pdata[j]), ht_record_id (slow->pdata[j]));
      }
    }
}
END_TEST

/* The outbox and audit rows that an import writes 32 records per
 * statement (ht-store-import-rows.c) are the rows a statement per row
 * writes: the same records imported both ways into empty registers give
 * the same tables (N_RECORDS is not a multiple of 32, so the rows left
 * at the end are written too), the same audit chain when both imports
 * ran in the same second, and chains that check entry by entry. */
START_TEST (test_batched_rows_same)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = generate (13, N_RECORDS);
  g_autoptr(GPtrArray) batched = copy_range (records, 0, N_RECORDS);
  g_autoptr(GPtrArray) single = copy_range (records, 0, N_RECORDS);
  g_autofree char *other_path = g_build_filename (tmpdir, "single.db", NULL);
  g_autoptr(HtStore) other = ht_store_create (other_path, HT_TEST_OFFICE, &error);
  sqlite3 *batched_db, *single_db;

  G_STATIC_ASSERT (N_RECORDS % 32 != 0);
  ck_assert_msg (other != NULL, "%s", error ? error->message : "");
  import_ok (store, batched);
  _ht_import_rows_set_batched (FALSE);
  import_ok (other, single);
  _ht_import_rows_set_batched (TRUE);

  batched_db = open_file (db_path);
  single_db = open_file (other_path);
  for (guint i = 0; dumps[i] != NULL; i++)
    {
      g_autofree char *a = dump (batched_db, dumps[i]);
      g_autofree char *b = dump (single_db, dumps[i]);

      ck_assert_msg (strcmp (a, b) == 0, "%s differs between the batched and the row-by-row import", dumps[i]);
    }
  {
    g_autofree char *a_rows = dump (batched_db, "SELECT * FROM audit ORDER BY seq");
    g_autofree char *b_rows = dump (single_db, "SELECT * FROM audit ORDER BY seq");

    /* dump() wrote both times as NOW: compare the real ones. */
    sqlite3_stmt *stmt = NULL;
    g_autofree char *a_at = NULL;
    g_autofree char *b_at = NULL;

    ck_assert_int_eq (sqlite3_prepare_v2 (batched_db, "SELECT min (at) FROM audit", -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
    a_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    ck_assert_int_eq (sqlite3_prepare_v2 (single_db, "SELECT min (at) FROM audit", -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
    b_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    if (g_strcmp0 (a_at, b_at) == 0)
      ck_assert_str_eq (a_rows, b_rows);
  }
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), N_RECORDS);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM audit WHERE record_id IS NOT NULL"), N_RECORDS);
  ck_assert_int_eq (sql_int ("SELECT count(DISTINCT change_id) FROM outbox"), N_RECORDS);
  verify_chain (batched_db);
  verify_chain (single_db);
  sqlite3_close (batched_db);
  sqlite3_close (single_db);
  ck_assert (ht_store_check (store, NULL, NULL));
  ck_assert (ht_store_check (other, NULL, NULL));
}
END_TEST

/* A file whose bad lines are near its end stores nothing: not a record,
 * not an index row, and the indexes dropped for the import are back as
 * they were. */
START_TEST (test_fast_import_fails_late)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = generate (12, N_RECORDS);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *before = table_counts ();
  g_autofree char *after = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  sqlite3 *db;

  db = open_file (db_path);
  schema_before = dump (db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  sqlite3_close (db);

  /* Registered before it happened: an error of the record itself, found
   * by the workers; a repeated id, found by the writer. */
  cJSON_ReplaceItemInObject (records->pdata[N_RECORDS - 40], "registered_on", cJSON_CreateString ("1970-01-01"));
  cJSON_ReplaceItemInObject (records->pdata[N_RECORDS - 90], "id",
                             cJSON_CreateString ("4f1c8f4e-2b0e-4f53-9d43-6c1a1c0e7a11"));
  cJSON_ReplaceItemInObject (records->pdata[N_RECORDS - 3], "id",
                             cJSON_CreateString ("4f1c8f4e-2b0e-4f53-9d43-6c1a1c0e7a11"));
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_uint_gt (ht_issues_n_errors (issues->pdata[N_RECORDS - 40]), 0);
  ck_assert_uint_gt (ht_issues_n_errors (issues->pdata[N_RECORDS - 3]), 0);
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[N_RECORDS - 41]), 0);

  after = table_counts ();
  ck_assert_str_eq (after, before);
  db = open_file (db_path);
  schema_after = dump (db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  sqlite3_close (db);
  ck_assert_str_eq (schema_after, schema_before);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM search_terms"), 0);
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-import-fast");
  add_case (s, "fast-import-same-rows", test_fast_import_same_rows);
  add_case (s, "fast-import-fails-late", test_fast_import_fails_late);
  add_case (s, "batched-rows-same", test_batched_rows_same);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
