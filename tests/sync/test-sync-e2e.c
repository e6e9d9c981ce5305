/* test-sync-e2e.c — two communes and a reviewer against the real server: push, PINs, numbers, edits, pull.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PostgreSQL cluster and one server for the program (hs_test_main);
 * each test uses communes no other test of this program uses.
 */
#include <string.h>

#include "ht-date.h"
#include "hs-test-main.h"
#include "sync-test-util.h"

/* Two communes of Hà Nội with a backlog, and the city's reviewer: the
 * backlog reaches the server exactly once, record by record; the births
 * come back with their personal ID numbers; the reviewer's register then
 * holds the same records as the server. */
START_TEST (test_two_offices_and_reviewer)
{
  const char *office_a = hs_test_office ("01", 3);
  const char *office_b = hs_test_office ("01", 4);
  g_autofree char *path_a = st_path ("a.db");
  g_autofree char *path_b = st_path ("b.db");
  g_autofree char *path_r = st_path ("reviewer/registry.db");
  g_autoptr(HtStore) a = st_register_new ("a.db", office_a);
  g_autoptr(HtStore) b = st_register_new ("b.db", office_b);
  g_autoptr(HtStore) reviewer = NULL;
  g_autoptr(GError) error = NULL;
  HtSyncReport report = { 0 };
  guint with_pin = 0;

  st_add_births (a, 0, 2000);
  st_add_births (b, 10000, 1000);
  g_clear_object (&a);
  g_clear_object (&b);

  a = st_enroll (path_a, st_url, "clerk", office_a);
  b = st_enroll (path_b, st_url, "clerk", office_b);
  reviewer = st_enroll (path_r, st_url, "reviewer", "01");
  ck_assert_str_eq (ht_store_get_office (reviewer), "01");

  ck_assert_msg (st_run (a, NULL, &report, &error), "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (report.pushed, 2000);
  ck_assert_uint_eq (report.refused, 0);
  /* A personal ID number for every birth, and the enrolment's blocks. */
  ck_assert_uint_ge (report.pulled, 2000);
  memset (&report, 0, sizeof report);
  ck_assert_msg (st_run (b, NULL, &report, &error), "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (report.pushed, 1000);

  st_assert_synced (a, NULL);
  st_assert_synced (b, NULL);

  /* Every birth got its number back, in a version of its own. */
  {
    g_autoptr(GHashTable) server = st_server_records (office_a);
    GHashTableIter iter;
    gpointer id, record;

    g_hash_table_iter_init (&iter, server);
    while (g_hash_table_iter_next (&iter, &id, &record))
      {
        g_autoptr(cJSON) local = ht_store_get (a, id, NULL);
        g_autoptr(cJSON) history = ht_store_history (a, id, NULL);
        const char *pin = cJSON_GetStringValue (cJSON_GetObjectItem (local, "pin"));

        ck_assert_ptr_nonnull (pin);
        ck_assert_str_eq (pin, cJSON_GetStringValue (cJSON_GetObjectItem (record, "pin")));
        ck_assert_int_eq (ht_record_content_version (local), 2);
        ck_assert_int_eq (cJSON_GetArraySize (history), 2);
        with_pin++;
      }
    ck_assert_uint_eq (with_pin, 2000);
  }

  /* The reviewer's register holds what the server holds, byte for byte. */
  memset (&report, 0, sizeof report);
  ck_assert_msg (st_run (reviewer, NULL, &report, &error), "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (report.pushed, 0);
  ck_assert_uint_eq (report.pulled, 3000);
  ck_assert_uint_eq (st_count_records (reviewer), 3000);
  {
    const char *offices[] = { office_a, office_b };

    for (guint o = 0; o < G_N_ELEMENTS (offices); o++)
      {
        g_autoptr(GHashTable) server = st_server_records (offices[o]);
        GHashTableIter iter;
        gpointer id, record;

        g_hash_table_iter_init (&iter, server);
        while (g_hash_table_iter_next (&iter, &id, &record))
          {
            g_autoptr(cJSON) local = ht_store_get (reviewer, id, NULL);
            g_autofree char *mine = local != NULL ? ht_record_print (local) : NULL;
            g_autofree char *theirs = ht_record_print (record);

            ck_assert_msg (local != NULL, "the reviewer lacks %s", (char *) id);
            ck_assert_str_eq (mine, theirs);
          }
      }
  }
  /* Nothing of it is queued to go back. */
  ck_assert_uint_eq (ht_store_outbox_count (reviewer), 0);

  /* A run with nothing to do does nothing. */
  memset (&report, 0, sizeof report);
  ck_assert (st_run (a, NULL, &report, &error));
  ck_assert_uint_eq (report.pushed + report.pulled + report.refused, 0);

  st_assert_sound (a);
  st_assert_sound (b);
  st_assert_sound (reviewer);
  g_clear_object (&a);
  st_assert_admin_check (path_a);
  st_assert_admin_check (path_r);
}
END_TEST

/* An edit made after the server issued a PIN is based on the server's
 * version, not on the local one the PIN made: it is applied, not a
 * conflict, and the reviewer receives the new version. */
START_TEST (test_edit_after_pin)
{
  const char *office = hs_test_office ("01", 5);
  g_autofree char *path = st_path ("edit.db");
  g_autofree char *path_r = st_path ("edit-reviewer.db");
  g_autoptr(HtStore) store = st_register_new ("edit.db", office);
  g_autoptr(HtStore) reviewer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = NULL;
  g_autoptr(cJSON) server_record = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autofree char *id = NULL;
  HtSyncReport report = { 0 };

  st_add_births (store, 20000, 5);
  g_clear_object (&store);
  store = st_enroll (path, st_url, "clerk", office);
  reviewer = st_enroll (path_r, st_url, "reviewer", "01");
  ck_assert (st_run (store, NULL, NULL, &error));

  {
    g_autoptr(GHashTable) server = st_server_records (office);
    GList *ids = g_hash_table_get_keys (server);
    id = g_strdup (ids->data);
    g_list_free (ids);
  }
  record = ht_store_get (store, id, &error);
  ck_assert_int_eq (ht_record_content_version (record), 2);  /* 1 saved, 2 the PIN */
  ck_assert_int_eq (ht_store_sync_server_version (store, id), 1);

  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"), "place_of_birth",
                             cJSON_CreateString ("Bệnh viện Phụ sản Hà Nội"));
  ck_assert_msg (ht_store_save (store, record, "lan.nt", "sửa nơi sinh theo giấy chứng sinh", HT_SAVE_DEFAULT, issues,
                                &error), "%s", error != NULL ? error->message : "");
  ck_assert_int_eq (ht_record_content_version (record), 3);
  ck_assert_int_eq (ht_store_sync_record_state (store, id, NULL, NULL), HT_SYNC_STATE_PENDING);

  ck_assert (st_run (store, NULL, &report, &error));
  ck_assert_uint_eq (report.pushed, 1);
  ck_assert_uint_eq (report.refused, 0);
  ck_assert_int_eq (ht_store_sync_server_version (store, id), 2);
  st_assert_synced (store, NULL);

  /* The PIN stays: the edit carried it, and the server owns it anyway. */
  {
    g_autoptr(GHashTable) server = st_server_records (office);
    server_record = cJSON_Duplicate (g_hash_table_lookup (server, id), TRUE);
  }
  ck_assert_int_eq (ht_record_content_version (server_record), 2);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (server_record, "pin")),
                    cJSON_GetStringValue (cJSON_GetObjectItem (record, "pin")));

  /* The reviewer sees the edit. */
  ck_assert (st_run (reviewer, NULL, NULL, &error));
  {
    g_autoptr(cJSON) seen = ht_store_get (reviewer, id, &error);
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (seen, "data.child.place_of_birth")),
                      "Bệnh viện Phụ sản Hà Nội");
    ck_assert_int_eq (ht_record_content_version (seen), 2);
  }
  st_assert_sound (store);
  st_assert_sound (reviewer);
}
END_TEST

/* Records edited while queued: each change of a record waits for the
 * answer about the one before, also while the engine reads a batch ahead
 * of the one the server is working on, so the server applies a record's
 * changes in order and none is a conflict. */
START_TEST (test_edits_queued_across_batches)
{
  const char *office = hs_test_office ("01", 7);
  g_autofree char *path = st_path ("queued.db");
  g_autoptr(HtStore) store = st_register_new ("queued.db", office);
  g_autoptr(GPtrArray) edited = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  HtSyncOptions options;
  HtSyncReport report = { 0 };
  guint queued;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *id = st_save_birth (store, 40000 + i);

      if (i % 3 != 0)
        continue;
      for (guint e = 0; e < 2; e++)
        {
          g_autoptr(cJSON) record = ht_store_get (store, id, &error);
          g_autoptr(HtIssues) issues = ht_issues_new ();
          g_autofree char *place = g_strdup_printf ("Trạm y tế số %u", e + 1);

          cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"),
                                     "place_of_birth", cJSON_CreateString (place));
          ck_assert_msg (ht_store_save (store, record, "lan.nt", "sửa nơi sinh", HT_SAVE_DEFAULT, issues, &error),
                         "%s", error != NULL ? error->message : "");
        }
      g_ptr_array_add (edited, g_steal_pointer (&id));
    }
  queued = (guint) ht_store_outbox_count (store);
  ck_assert_uint_eq (queued, 60 + 2 * 20);
  g_clear_object (&store);

  store = st_enroll (path, st_url, "clerk", office);
  st_options (&options);
  options.batch_size = 7;
  /* Two batches at the server at once: a record's second change still
   * waits for the answer about its first. */
  options.in_flight = 2;
  ck_assert_msg (st_run (store, &options, &report, &error), "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (report.pushed, queued);
  ck_assert_uint_eq (report.refused, 0);
  st_assert_synced (store, NULL);
  for (guint i = 0; i < edited->len; i++)
    {
      g_autoptr(cJSON) local = ht_store_get (store, edited->pdata[i], &error);

      /* Created, edited twice: three versions on the server, the PIN a
       * fourth here. */
      ck_assert_int_eq (ht_store_sync_server_version (store, edited->pdata[i]), 3);
      ck_assert_int_eq (ht_record_content_version (local), 4);
      ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (local, "data.child.place_of_birth")),
                        "Trạm y tế số 2");
    }
  st_assert_sound (store);
  g_clear_object (&store);
  st_assert_admin_check (path);
}
END_TEST

/* An enrolled PC numbers from its blocks, asks for more before they run
 * out, and two PCs of one office never give out the same number. */
START_TEST (test_number_blocks)
{
  const char *office = hs_test_office ("01", 6);
  g_autofree char *path_1 = st_path ("pc1.db");
  g_autofree char *path_2 = st_path ("pc2.db");
  g_autoptr(HtStore) pc1 = st_register_new ("pc1.db", office);
  g_autoptr(HtStore) pc2 = st_register_new ("pc2.db", office);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) error = NULL;
  HtSyncReport report = { 0 };
  HtStore *pcs[2];
  GDate today;
  gint64 year;

  ht_date_today (&today);
  year = g_date_get_year (&today);
  g_clear_object (&pc1);
  g_clear_object (&pc2);
  pc1 = st_enroll (path_1, st_url, "clerk", office);
  pc2 = st_enroll (path_2, st_url, "clerk", office);
  pcs[0] = pc1;
  pcs[1] = pc2;
  ck_assert_int_eq (ht_store_numbers_left (pc1, "birth", year), 100);
  ck_assert_int_eq (ht_store_numbers_left (pc2, "birth", year), 100);

  for (guint i = 0; i < 85; i++)
    for (guint p = 0; p < 2; p++)
      g_free (st_save_birth (pcs[p], 30000 + i * 2 + p));
  ck_assert_int_eq (ht_store_numbers_left (pc1, "birth", year), 15);

  /* Fewer than 20 left: the run asks for another block. */
  ck_assert (st_run (pc1, NULL, &report, &error));
  ck_assert_uint_eq (report.blocks, 1);
  ck_assert_int_eq (ht_store_numbers_left (pc1, "birth", year), 115);
  ck_assert (st_run (pc2, NULL, NULL, &error));
  for (guint p = 0; p < 2; p++)
    st_assert_synced_part (pcs[p]);

  {
    g_autoptr(GHashTable) server = st_server_records (office);
    GHashTableIter iter;
    gpointer record;

    ck_assert_uint_eq (g_hash_table_size (server), 170);
    g_hash_table_iter_init (&iter, server);
    while (g_hash_table_iter_next (&iter, NULL, &record))
      ck_assert_msg (g_hash_table_add (numbers, GINT_TO_POINTER ((int) ht_record_number (record))),
                     "number %d given twice", (int) ht_record_number (record));
  }
  st_assert_sound (pc1);
  st_assert_sound (pc2);
}
END_TEST

int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "two_offices_and_reviewer", test_two_offices_and_reviewer },
    { "edit_after_pin", test_edit_after_pin },
    { "number_blocks", test_number_blocks },
    { "edits_queued_across_batches", test_edits_queued_across_batches },
  };

  return hs_test_main ("sync-e2e", cases, G_N_ELEMENTS (cases), &st_pg, &st_server, &st_url, NULL, NULL);
}
