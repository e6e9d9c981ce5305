/* test-sync-migrate.c — a register of schema 6 keeps every record's sync state through migration 0008.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migration 0008 moved what sync knows of a record from two tables keyed
 * by the record's id (sync_state of 0001, sync_records of 0004) into one
 * keyed by its rid.  A register made by the code before it holds records
 * in every state: sent, needs attention (with the server's code, message
 * and findings), pending with a server version (edited after it was
 * sent), pending and never answered, and a draft.  Opened by this code, it
 * must show each the same way — state, message, server version, the
 * attention list, the list rows and their filters — and keep working.
 *
 * The old register is made by writing the answers with this code and then
 * turning the tables back into the shape of schema 6, row for row (as
 * test-store-lean.c does for schema 5); the states read before that are
 * the ones the old shape must give back.
 */
#include <string.h>
#include <check.h>
#include <sqlite3.h>

#include "../ht-check-run.h"
#include "ht-store-list.h"
#include "ht-store-private.h"
#include "ht-store-sync.h"
#include "hs-test-records.h"
#include "sync-test-util.h"

#define OFFICE "00004"

static const char schema6_sql[] =
  "BEGIN;"
  "CREATE TABLE sync_state6 ("
  " record_id TEXT PRIMARY KEY NOT NULL REFERENCES records (id),"
  " state TEXT NOT NULL CHECK (state = 'pending' OR state = 'sent' OR state = 'needs_attention'),"
  " message TEXT, updated_at TEXT NOT NULL) WITHOUT ROWID;"
  "INSERT INTO sync_state6 SELECT r.id, s.state, s.message, s.updated_at"
  " FROM sync_state s JOIN records r ON r.rid = s.rid WHERE s.state IS NOT NULL;"
  "CREATE TABLE sync_records ("
  " record_id TEXT PRIMARY KEY NOT NULL REFERENCES records (id),"
  " server_version INTEGER NOT NULL DEFAULT 0 CHECK (server_version >= 0),"
  " code TEXT, issues TEXT, change_id TEXT) WITHOUT ROWID;"
  "INSERT INTO sync_records SELECT r.id, s.server_version, s.code, s.issues, s.change_id"
  " FROM sync_state s JOIN records r ON r.rid = s.rid;"
  "DROP TABLE sync_state;"
  "ALTER TABLE sync_state6 RENAME TO sync_state;"
  "CREATE INDEX sync_state_state ON sync_state (state);"
  "PRAGMA user_version = 6;"
  "COMMIT;";

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK, "%s", message);
  sqlite3_close (db);
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
edit (HtStore    *store,
      const char *id,
      const char *place)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = ht_store_get (store, id, &error);

  ck_assert_msg (record != NULL, "%s", error != NULL ? error->message : "");
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"), "place_of_birth",
                             cJSON_CreateString (place));
  ck_assert_msg (ht_store_save (store, record, "lan.nt", "sửa nơi sinh", HT_SAVE_DEFAULT, NULL, &error), "%s",
                 error != NULL ? error->message : "");
}

static char *
save_draft (HtStore *store)
{
  g_autoptr(cJSON) birth = hs_test_birth (ht_store_get_office (store), 900, 0, NULL);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(GError) error = NULL;

  cJSON_DeleteItemFromObject (birth, "id");
  cJSON_DeleteItemFromObject (birth, "book_year");
  cJSON_DeleteItemFromObject (birth, "number");
  cJSON_ReplaceItemInObject (birth, "status", cJSON_CreateString ("draft"));
  ck_assert_msg (ht_store_save (store, birth, "lan.nt", NULL, HT_SAVE_DRAFT, issues, &error),
                 "save: %s", error != NULL ? error->message : "");
  return g_strdup (ht_record_id (birth));
}

/* Every thing the register says of the records' sync, as one text. */
static char *
describe (HtStore          *store,
          const char *const *ids)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  HtSyncSummary summary;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *message = NULL;
      HtSyncState state = ht_store_sync_record_state (store, ids[i], &message, &error);
      g_autoptr(HtListRow) row = ht_store_list_row (store, ids[i], &error);

      ck_assert_msg (row != NULL, "%s", error != NULL ? error->message : "");
      g_string_append_printf (out, "%u: state %d (%s), server version %" G_GINT64_FORMAT ", row %s (%s)\n", i,
                              state, message != NULL ? message : "-", ht_store_sync_server_version (store, ids[i]),
                              row->sync_state != NULL ? row->sync_state : "-",
                              row->sync_message != NULL ? row->sync_message : "-");
    }

  ck_assert (ht_store_sync_summary (store, &summary, &error));
  g_string_append_printf (out, "pending %" G_GUINT64_FORMAT ", attention %" G_GUINT64_FORMAT "\n", summary.pending,
                          summary.attention);
  ht_sync_summary_clear (&summary);

  {
    g_autoptr(GPtrArray) attention = ht_store_sync_attention (store, 10, &error);

    ck_assert_msg (attention != NULL, "%s", error != NULL ? error->message : "");
    for (guint i = 0; i < attention->len; i++)
      {
        const HtSyncAttention *item = attention->pdata[i];

        g_string_append_printf (out, "attention %s %s/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " %s: %s %s\n",
                                item->record_id, item->kind, item->book_year, item->number, item->code,
                                item->message, item->issues != NULL ? item->issues : "-");
      }
  }

  {
    static const char *const states[] = { "pending", "sent", "needs_attention" };

    for (guint s = 0; s < G_N_ELEMENTS (states); s++)
      {
        HtListFilter filter = { HT_LIST_BOOK, NULL, 0, states[s], NULL };
        g_autoptr(GArray) rids = ht_store_list_ids (store, &filter, NULL, &error);

        ck_assert_msg (rids != NULL, "%s", error != NULL ? error->message : "");
        g_string_append_printf (out, "list %s:", states[s]);
        for (guint i = 0; i < rids->len; i++)
          g_string_append_printf (out, " %" G_GINT64_FORMAT, g_array_index (rids, gint64, i));
        g_string_append_c (out, '\n');
      }
  }
  return g_string_free (out, FALSE);
}

static HtPushOutcome
outcome (const HtSyncChange *change,
         HtPushStatus        status,
         gint64              version,
         const char         *code,
         const char         *message,
         const char         *issues)
{
  HtPushOutcome o = {
    change->entry->seq, change->entry->change_id, change->entry->record_id, status, version, code, message, issues,
  };
  return o;
}

START_TEST (test_states_carried_over)
{
  g_autofree char *path = st_path ("schema6.db");
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  char *ids[7] = { NULL };
  HtPushOutcome outcomes[5];

  {
    g_autoptr(GError) create_error = NULL;

    store = ht_store_create (path, OFFICE, &create_error);
    ck_assert_msg (store != NULL, "%s", create_error != NULL ? create_error->message : "");
  }
  /* 0 sent, 1 needs attention, 2 sent then edited (pending, server
   * version 1), 3 never answered (pending), 4 duplicate answer (sent),
   * 5 a draft (no state at all). */
  for (guint i = 0; i < 5; i++)
    ids[i] = st_save_birth (store, 100 + i);
  ids[5] = save_draft (store);

  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_msg (batch != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (batch->len, 5);
  outcomes[0] = outcome (batch->pdata[0], HT_PUSH_APPLIED, 1, NULL, NULL, NULL);
  outcomes[1] = outcome (batch->pdata[1], HT_PUSH_REJECTED, -1, "invalid",
                         "data.child.sex: is required",
                         "[{\"field\":\"data.child.sex\",\"code\":\"required\",\"message\":\"is required\"}]");
  outcomes[2] = outcome (batch->pdata[2], HT_PUSH_APPLIED, 1, NULL, NULL, NULL);
  outcomes[3] = outcome (batch->pdata[4], HT_PUSH_DUPLICATE, 3, NULL, NULL, NULL);
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 4, &error));
  edit (store, ids[2], "Bệnh viện Bạch Mai");

  ck_assert_int_eq (ht_store_sync_record_state (store, ids[0], NULL, NULL), HT_SYNC_STATE_SENT);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[1], NULL, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[2], NULL, NULL), HT_SYNC_STATE_PENDING);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[3], NULL, NULL), HT_SYNC_STATE_PENDING);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[4], NULL, NULL), HT_SYNC_STATE_SENT);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[5], NULL, NULL), HT_SYNC_STATE_NONE);
  ck_assert_int_eq (ht_store_sync_server_version (store, ids[2]), 1);
  ck_assert_int_eq (ht_store_sync_server_version (store, ids[4]), 3);
  before = describe (store, (const char *const *) ids);
  g_clear_object (&store);

  /* Back to schema 6: the old tables, keyed by the records' ids. */
  exec_sql (path, schema6_sql);
  ck_assert_int_eq (sql_int (path, "SELECT count(*) FROM sync_state"), 3);
  ck_assert_int_eq (sql_int (path, "SELECT count(*) FROM sync_records"), 4);

  store = ht_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_int_eq (ht_store_schema_version (store), _ht_store_latest_schema ());
  ck_assert_int_eq (sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'sync_records'"), 0);
  ck_assert_int_eq (sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'sync_state_state'"), 0);
  ck_assert_int_eq (sql_int (path, "SELECT count(*) FROM sync_state"), 4);
  after = describe (store, (const char *const *) ids);
  ck_assert_str_eq (after, before);

  /* Run again over the new shape (a version set back), it changes nothing. */
  g_clear_object (&store);
  exec_sql (path, "PRAGMA user_version = 6");
  store = ht_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  again = describe (store, (const char *const *) ids);
  ck_assert_str_eq (again, before);

  /* And the migrated register goes on: the pending ones are answered. */
  g_clear_pointer (&batch, g_ptr_array_unref);
  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_msg (batch != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (batch->len, 2);
  /* In outbox order: the never answered one, then the edit, which builds
   * on the server version the old register remembered. */
  ck_assert_str_eq (((HtSyncChange *) batch->pdata[0])->entry->record_id, ids[3]);
  ck_assert_int_eq (((HtSyncChange *) batch->pdata[0])->server_base, 0);
  ck_assert_str_eq (((HtSyncChange *) batch->pdata[1])->entry->record_id, ids[2]);
  ck_assert_int_eq (((HtSyncChange *) batch->pdata[1])->server_base, 1);
  outcomes[0] = outcome (batch->pdata[0], HT_PUSH_APPLIED, 1, NULL, NULL, NULL);
  outcomes[1] = outcome (batch->pdata[1], HT_PUSH_APPLIED, 2, NULL, NULL, NULL);
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 2, &error));
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[2], NULL, NULL), HT_SYNC_STATE_SENT);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[3], NULL, NULL), HT_SYNC_STATE_SENT);
  ck_assert_int_eq (ht_store_sync_server_version (store, ids[2]), 2);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[1], NULL, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  st_assert_sound (store);

  for (guint i = 0; ids[i] != NULL; i++)
    g_free (ids[i]);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sync-migrate");
  TCase *tc = tcase_create ("states_carried_over");

  tcase_add_test (tc, test_states_carried_over);
  suite_add_tcase (suite, tc);
  return ht_check_run (suite, CK_FORK);
}
