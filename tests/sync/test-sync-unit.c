/* test-sync-unit.c — the sync library without the real server: addresses, the server's answers, the register's bookkeeping, and the engine against a scripted server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind of bad answer must give a clear error naming what is wrong,
 * store nothing, and never crash.
 */
#include <string.h>
#include <check.h>
#include <sqlite3.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-sync-engine.h"
#include "ht-sync-wire.h"
#include "canned-server.h"
#include "hs-test-records.h"
#include "sync-test-util.h"

#define OFFICE "00004"

/* ---- Helpers ---- */

static HtStore *
register_with (guint n_births,
               char **ids)
{
  g_autofree char *name = g_strdup_printf ("unit-%u.db", g_random_int ());
  HtStore *store = st_register_new (name, OFFICE);

  for (guint i = 0; i < n_births; i++)
    {
      char *id = st_save_birth (store, 100 + i);

      if (ids != NULL)
        ids[i] = id;
      else
        g_free (id);
    }
  return store;
}

/* Credentials as an enrolment would store them, for a scripted server. */
static void
fake_enrol (HtStore    *store,
            const char *url)
{
  g_autofree char *device_id = g_uuid_string_random ();
  HtSyncDevice device = {
    (char *) url, NULL, device_id, (char *) "unit test", (char *) "VGhlVG9rZW4", (char *) "clerk",
    (char *) OFFICE, (char *) OFFICE, NULL,
  };
  g_autoptr(GError) error = NULL;

  ck_assert_msg (ht_store_sync_save_device (store, &device, &error), "%s", error != NULL ? error->message : "");
}

static HtPullChange *
pull_pin (gint64      seq,
          const char *record_id,
          const char *pin)
{
  HtPullChange *change = g_new0 (HtPullChange, 1);

  change->server_seq = seq;
  change->op = HT_PULL_PIN;
  change->record_id = g_strdup (record_id);
  change->pin = g_strdup (pin);
  return change;
}

static HtPullChange *
pull_review (gint64      seq,
             const char *record_id,
             const char *state)
{
  HtPullChange *change = g_new0 (HtPullChange, 1);

  change->server_seq = seq;
  change->op = HT_PULL_REVIEW;
  change->record_id = g_strdup (record_id);
  change->review = cJSON_CreateObject ();
  cJSON_AddStringToObject (change->review, "state", state);
  cJSON_AddStringToObject (change->review, "comment", "Đúng quy định");
  cJSON_AddStringToObject (change->review, "by", "Sở Tư pháp Hà Nội");
  cJSON_AddStringToObject (change->review, "at", "2026-11-21T03:00:00Z");
  return change;
}

static HtPullChange *
pull_block (gint64      seq,
            const char *kind,
            gint64      year,
            gint64      first,
            gint64      last)
{
  HtPullChange *change = g_new0 (HtPullChange, 1);

  change->server_seq = seq;
  change->op = HT_PULL_NUMBER_BLOCK;
  change->block.kind = g_strdup (kind);
  change->block.book_year = year;
  change->block.first = first;
  change->block.last = last;
  return change;
}

static GPtrArray *
page (HtPullChange *first,
      ...)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);
  va_list args;

  va_start (args, first);
  for (HtPullChange *c = first; c != NULL; c = va_arg (args, HtPullChange *))
    g_ptr_array_add (changes, c);
  va_end (args);
  return changes;
}

/* ---- Addresses ---- */

START_TEST (test_urls)
{
  static const char *const good[] = {
    "https://hotich.moj.gov.vn", "https://10.0.0.5:8443", "https://hotich.example/prefix",
    "http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080",
  };
  static const char *const bad[] = {
    "", "hotich.moj.gov.vn", "ftp://hotich.moj.gov.vn", "http://hotich.moj.gov.vn", "http://192.168.1.10",
    "https://user:pw@hotich.moj.gov.vn", "https://hotich.moj.gov.vn/?x=1", "https://hotich.moj.gov.vn/#top",
    "https://", "://", "https:// bad host",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      ck_assert_msg (ht_sync_check_url (good[i], &error), "%s: %s", good[i], error != NULL ? error->message : "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      ck_assert_msg (!ht_sync_check_url (bad[i], &error), "%s was accepted", bad[i]);
      ck_assert (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID));
    }
  ck_assert (!ht_sync_check_url (NULL, NULL));
}
END_TEST

/* ---- The server's answers ---- */

typedef struct
{
  const char *body;
  const char *named;  /* what the error must name */
} Bad;

START_TEST (test_bad_enrolment_answers)
{
  static const Bad bad[] = {
    { "", "the answer" },
    { "[]", "the answer" },
    { "{\"device_id\": \"x\"}", "device_id" },
    { "{\"device_id\": \"4d190717-e0e5-42c8-bc17-6a09a3dfc66a\", \"token\": \"a b\\r\\nX-Evil: 1\"}", "token" },
    { "{\"device_id\": \"4d190717-e0e5-42c8-bc17-6a09a3dfc66a\", \"token\": \"abc\", \"role\": \"root\"}", "role" },
    { "{\"device_id\": \"4d190717-e0e5-42c8-bc17-6a09a3dfc66a\", \"token\": \"abc\", \"role\": \"clerk\", "
      "\"office\": \"4\", \"scope\": \"4\"}", "office" },
    { "{\"device_id\": \"4d190717-e0e5-42c8-bc17-6a09a3dfc66a\", \"token\": \"abc\", \"role\": \"clerk\", "
      "\"office\": \"00004\", \"scope\": \"00004\", \"number_blocks\": {}}", "number_blocks" },
    { "{\"device_id\": \"4d190717-e0e5-42c8-bc17-6a09a3dfc66a\", \"token\": \"abc\", \"role\": \"clerk\", "
      "\"office\": \"00004\", \"scope\": \"00004\", \"number_blocks\": [{\"kind\": \"birth\", \"book_year\": 2026, "
      "\"first\": 10, \"last\": 5}]}", "number_blocks[0]" },
    { "{\"device_id\": \"4d190717-e0e5-42c8-bc17-6a09a3dfc66a\", \"token\": \"abc\", \"role\": \"clerk\", "
      "\"office\": \"00004\", \"scope\": \"00004\", \"number_blocks\": [{\"kind\": \"dragon\", \"book_year\": 2026, "
      "\"first\": 1, \"last\": 5}]}", "number_blocks[0]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HtSyncDevice) device = g_new0 (HtSyncDevice, 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) blocks = NULL;

      ck_assert_msg (!ht_sync_wire_enrolment (bad[i].body, strlen (bad[i].body), device, &blocks, &error),
                     "answer %u was accepted", i);
      ck_assert (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_PROTOCOL));
      ck_assert_msg (strstr (error->message, bad[i].named) != NULL, "answer %u: %s", i, error->message);
      ck_assert_ptr_null (device->token);
    }
}
END_TEST

static GPtrArray *
two_changes (void)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_change_free);
  static const char *const ids[] = { "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222" };

  for (guint i = 0; i < 2; i++)
    {
      HtSyncChange *change = g_new0 (HtSyncChange, 1);

      change->entry = g_new0 (HtOutboxEntry, 1);
      change->entry->change_id = g_strdup (ids[i]);
      change->entry->record_id = g_strdup (ids[i]);
      change->json = g_strdup ("{}");
      g_ptr_array_add (changes, change);
    }
  return changes;
}

START_TEST (test_bad_push_answers)
{
#define R1 "{\"change_id\":\"11111111-1111-4111-8111-111111111111\","
#define R2 "{\"change_id\":\"22222222-2222-4222-8222-222222222222\","
  static const Bad bad[] = {
    { "not json", "the answer" },
    { "{\"results\": 5}", "results" },
    { "{\"results\": [" R1 "\"status\":\"applied\",\"server_version\":1}]}", "results" },
    { "{\"results\": [" R2 "\"status\":\"applied\",\"server_version\":1}," R1 "\"status\":\"applied\","
      "\"server_version\":1}]}", "results[0]" },
    { "{\"results\": [" R1 "\"status\":\"maybe\",\"server_version\":1}," R2 "\"status\":\"applied\","
      "\"server_version\":1}]}", "results[0]" },
    { "{\"results\": [" R1 "\"status\":\"applied\",\"server_version\":null}," R2 "\"status\":\"applied\","
      "\"server_version\":1}]}", "results[0]" },
    { "{\"results\": [" R1 "\"status\":\"applied\",\"server_version\":1}," R2 "\"status\":\"rejected\","
      "\"code\":null}]}", "results[1]" },
    { "{\"results\": [" R1 "\"status\":\"applied\",\"server_version\":1.5}," R2 "\"status\":\"applied\","
      "\"server_version\":1}]}", "results[0]" },
    { "{\"results\": [" R1 "\"status\":\"applied\",\"server_version\":1}," R2 "\"status\":\"rejected\","
      "\"code\":\"invalid\",\"issues\":\"none\"}]}", "results[1]" },
  };
  g_autoptr(GPtrArray) changes = two_changes ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = ht_sync_wire_push_results (bad[i].body, strlen (bad[i].body), changes, &error);

      ck_assert_msg (results == NULL, "answer %u was accepted", i);
      ck_assert (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_PROTOCOL));
      ck_assert_msg (strstr (error->message, bad[i].named) != NULL, "answer %u: %s", i, error->message);
    }
  {
    const char *good = "{\"results\": [" R1 "\"status\":\"duplicate\",\"code\":null,\"message\":null,"
                       "\"server_version\":3}," R2 "\"status\":\"conflict\",\"code\":\"stale_version\","
                       "\"message\":\"changed\",\"server_version\":4,\"issues\":[{\"field\":\"x\"}]}]}";
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) results = ht_sync_wire_push_results (good, strlen (good), changes, &error);
    const HtSyncResult *second;

    ck_assert_msg (results != NULL, "%s", error != NULL ? error->message : "");
    ck_assert_int_eq (((HtSyncResult *) results->pdata[0])->status, HT_PUSH_DUPLICATE);
    ck_assert_int_eq (((HtSyncResult *) results->pdata[0])->server_version, 3);
    second = results->pdata[1];
    ck_assert_int_eq (second->status, HT_PUSH_CONFLICT);
    ck_assert_str_eq (second->code, "stale_version");
    ck_assert_str_eq (second->issues, "[{\"field\":\"x\"}]");
  }
#undef R1
#undef R2
}
END_TEST

START_TEST (test_bad_pull_answers)
{
#define ID "\"record_id\":\"0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11\""
  static const Bad bad[] = {
    { "", "the answer" },
    { "{\"changes\": [], \"cursor\": 9}", "more" },
    { "{\"changes\": {}, \"cursor\": 9, \"more\": false}", "changes" },
    { "{\"changes\": [], \"cursor\": 4, \"more\": false}", "cursor" },
    { "{\"changes\": [], \"cursor\": 5, \"more\": true}", "more" },
    { "{\"changes\": [{\"server_seq\": 5, \"op\": \"pin\", " ID ", \"pin\": \"001226000001\"}],"
      " \"cursor\": 6, \"more\": false}", "changes[0]" },
    { "{\"changes\": [{\"server_seq\": 7, \"op\": \"pin\", " ID ", \"pin\": \"001226000001\"},"
      " {\"server_seq\": 7, \"op\": \"pin\", " ID ", \"pin\": \"001226000002\"}], \"cursor\": 7, \"more\": false}",
      "changes[1]" },
    { "{\"changes\": [{\"server_seq\": 6, \"op\": \"pin\", " ID ", \"pin\": \"12\"}], \"cursor\": 6,"
      " \"more\": false}", "changes[0]" },
    { "{\"changes\": [{\"server_seq\": 6, \"op\": \"pin\", \"record_id\": \"nope\", \"pin\": \"001226000001\"}],"
      " \"cursor\": 6, \"more\": false}", "record_id" },
    { "{\"changes\": [{\"server_seq\": 6, \"op\": \"teleport\"}], \"cursor\": 6, \"more\": false}", "teleport" },
    { "{\"changes\": [{\"server_seq\": 6, \"op\": \"review\", " ID "}], \"cursor\": 6, \"more\": false}", "state" },
    { "{\"changes\": [{\"server_seq\": 6, \"op\": \"number_block\", \"number_block\": {\"kind\": \"birth\"}}],"
      " \"cursor\": 6, \"more\": false}", "number_block" },
    { "{\"changes\": [{\"server_seq\": 6, \"op\": \"record\", " ID ", \"record\": {\"kind\": \"birth\"}}],"
      " \"cursor\": 6, \"more\": false}", "the record cannot be read" },
    { "{\"changes\": [{\"server_seq\": 6, \"op\": \"pin\", " ID ", \"pin\": \"001226000001\"}],"
      " \"cursor\": 5, \"more\": false}", "cursor" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *changes = NULL;
      gint64 next = 0;
      gboolean more = FALSE;

      ck_assert_msg (!ht_sync_wire_pull (bad[i].body, strlen (bad[i].body), 5, &changes, &next, &more, &error),
                     "answer %u was accepted", i);
      ck_assert_ptr_null (changes);
      ck_assert (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_PROTOCOL));
      ck_assert_msg (strstr (error->message, bad[i].named) != NULL, "answer %u: %s", i, error->message);
    }
#undef ID
}
END_TEST

/* ---- Applying what a pull brings ---- */

START_TEST (test_pull_application)
{
  char *ids[2];
  g_autoptr(HtStore) store = register_with (2, ids);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) overlap = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) a = NULL;
  g_autoptr(cJSON) b = NULL;
  g_autoptr(cJSON) history = NULL;
  HtPullCounts counts = { 0 };
  guint64 queued = ht_store_outbox_count (store);

  first = page (pull_pin (3, ids[0], "001226000123"), pull_review (4, ids[1], "approved"),
                pull_block (5, "birth", 2027, 1, 10),
                pull_pin (7, "99999999-9999-4999-8999-999999999999", "001226000999"), NULL);
  ck_assert_msg (ht_store_sync_apply_pull (store, first, 7, &counts, &error), "%s",
                 error != NULL ? error->message : "");
  ck_assert_uint_eq (counts.pins, 1);
  ck_assert_uint_eq (counts.reviews, 1);
  ck_assert_uint_eq (counts.blocks, 1);
  ck_assert_uint_eq (counts.skipped, 1);
  ck_assert_int_eq (ht_store_sync_get_cursor (store), 7);
  ck_assert_int_eq (ht_store_numbers_left (store, "birth", 2027), 10);

  /* A new version of its own, in the history, not queued for the server. */
  a = ht_store_get (store, ids[0], &error);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (a, "pin")), "001226000123");
  ck_assert_int_eq (ht_record_content_version (a), 2);
  history = ht_store_history (store, ids[0], &error);
  ck_assert_int_eq (cJSON_GetArraySize (history), 2);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (history, 1), "by")), "sync");
  ck_assert_uint_eq (ht_store_outbox_count (store), queued);
  /* Found by its new number. */
  {
    g_autoptr(GPtrArray) found = ht_store_search (store, "001226000123", NULL, 10, &error);
    ck_assert_uint_eq (found->len, 1);
  }

  /* An approved record's content changes only through a change record. */
  b = ht_store_get (store, ids[1], &error);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (b, "review.state")), "approved");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (b, "review.by")), "Sở Tư pháp Hà Nội");
  ck_assert (!ht_store_save (store, b, "lan.nt", "sửa", HT_SAVE_DEFAULT, NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_PERMISSION));
  g_clear_error (&error);

  /* The same page again (a crash before its cursor was stored): nothing
   * is written twice. */
  memset (&counts, 0, sizeof counts);
  again = page (pull_pin (3, ids[0], "001226000123"), pull_review (4, ids[1], "approved"),
                pull_block (5, "birth", 2027, 1, 10), NULL);
  ck_assert (ht_store_sync_apply_pull (store, again, 7, &counts, &error));
  ck_assert_uint_eq (counts.pins + counts.reviews, 0);
  ck_assert_uint_eq (counts.skipped, 2);
  {
    g_autoptr(cJSON) same = ht_store_get (store, ids[0], &error);
    ck_assert_int_eq (ht_record_content_version (same), 2);
  }

  /* A page that cannot be applied is applied not at all. */
  overlap = page (pull_pin (8, ids[1], "001226000456"), pull_block (9, "birth", 2027, 5, 20), NULL);
  ck_assert (!ht_store_sync_apply_pull (store, overlap, 9, NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_CONFLICT));
  g_clear_error (&error);
  ck_assert_int_eq (ht_store_sync_get_cursor (store), 7);
  {
    g_autoptr(cJSON) still = ht_store_get (store, ids[1], &error);
    ck_assert (cJSON_IsNull (cJSON_GetObjectItem (still, "pin")));
  }

  /* A value the record cannot hold: refused, nothing stored. */
  {
    g_autoptr(GPtrArray) bad = page (pull_review (10, ids[0], "lost"), NULL);
    ck_assert (!ht_store_sync_apply_pull (store, bad, 10, NULL, &error));
    ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
    ck_assert_ptr_nonnull (strstr (error->message, "review.state"));
    g_clear_error (&error);
    ck_assert_int_eq (ht_store_sync_get_cursor (store), 7);
  }

  st_assert_sound (store);
  g_free (ids[0]);
  g_free (ids[1]);
}
END_TEST

/* A personal ID number is written without re-reading the whole record
 * (ht-store-sync-pull.c): the version it makes must be the one the
 * general write path would make — canonical text, its own history row and
 * audit entry, the lookup key moved — and ht_store_check must agree. */
/* The current version's text as stored, byte for byte. */
static char *
stored_text (HtStore    *store,
             const char *id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  ck_assert_int_eq (sqlite3_open (ht_store_get_path (store), &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT h.json FROM records r JOIN history h"
                                        " ON h.rid = r.rid AND h.version = r.content_version WHERE r.id = ?1",
                                        -1, &stmt, NULL), SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

START_TEST (test_pin_versions)
{
  char *ids[2];
  g_autoptr(HtStore) store = register_with (2, ids);
  g_autoptr(GError) error = NULL;
  HtPullCounts counts = { 0 };

  {
    g_autoptr(GPtrArray) first = page (pull_pin (1, ids[0], "001226000123"), NULL);
    g_autoptr(cJSON) record = NULL;
    g_autoptr(cJSON) canon = NULL;
    g_autoptr(HtIssues) issues = ht_issues_new ();
    g_autoptr(cJSON) history = NULL;
    g_autofree char *stored = NULL;
    g_autofree char *canonical = NULL;

    ck_assert_msg (ht_store_sync_apply_pull (store, first, 1, &counts, &error), "%s",
                   error != NULL ? error->message : "");
    ck_assert_uint_eq (counts.pins, 1);
    record = ht_store_get (store, ids[0], &error);
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (record, "pin")), "001226000123");
    ck_assert_int_eq (ht_record_content_version (record), 2);
    canon = ht_record_canonicalize (record, issues);
    ck_assert_ptr_nonnull (canon);
    stored = ht_record_print (record);
    canonical = ht_record_print (canon);
    ck_assert_str_eq (stored, canonical);
    /* A first number is written into the stored text (splice_first_pin):
     * byte for byte what printing the canonical record gives. */
    g_clear_pointer (&stored, g_free);
    stored = stored_text (store, ids[0]);
    ck_assert_str_eq (stored, canonical);
    history = ht_store_history (store, ids[0], &error);
    ck_assert_int_eq (cJSON_GetArraySize (history), 2);
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (history, 1), "by")), "sync");
  }

  /* The server corrects the number: the old one no longer finds the
   * record, the new one does. */
  {
    g_autoptr(GPtrArray) fix = page (pull_pin (2, ids[0], "001226000124"), NULL);
    g_autoptr(GPtrArray) old_hits = NULL;
    g_autoptr(GPtrArray) new_hits = NULL;
    g_autoptr(cJSON) record = NULL;

    ck_assert_msg (ht_store_sync_apply_pull (store, fix, 2, NULL, &error), "%s", error != NULL ? error->message : "");
    record = ht_store_get (store, ids[0], &error);
    ck_assert_int_eq (ht_record_content_version (record), 3);
    old_hits = ht_store_search (store, "001226000123", NULL, 10, &error);
    ck_assert_uint_eq (old_hits->len, 0);
    new_hits = ht_store_search (store, "001226000124", NULL, 10, &error);
    ck_assert_uint_eq (new_hits->len, 1);
  }

  /* Numbers a record cannot hold: the page is refused, naming the field,
   * and nothing of it is stored. */
  {
    const char *const bad[] = { "12", "00122600012x", "0012260001234", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GPtrArray) changes = page (pull_pin (3, ids[1], "001226000200"),
                                             pull_pin (4, ids[0], bad[i]), NULL);
        g_autoptr(cJSON) a = NULL;
        g_autoptr(cJSON) b = NULL;

        ck_assert_msg (!ht_store_sync_apply_pull (store, changes, 4, NULL, &error), "pin “%s” was stored", bad[i]);
        ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
        ck_assert_ptr_nonnull (strstr (error->message, "pin"));
        g_clear_error (&error);
        ck_assert_int_eq (ht_store_sync_get_cursor (store), 2);
        a = ht_store_get (store, ids[0], &error);
        b = ht_store_get (store, ids[1], &error);
        ck_assert_int_eq (ht_record_content_version (a), 3);
        ck_assert_int_eq (ht_record_content_version (b), 1);
        ck_assert (cJSON_IsNull (cJSON_GetObjectItem (b, "pin")));
      }
  }

  st_assert_sound (store);
  g_free (ids[0]);
  g_free (ids[1]);
}
END_TEST

/* A reviewer's register: records of other offices, stored as they are,
 * never queued to go back. */
START_TEST (test_pulled_records)
{
  g_autofree char *path = st_path ("scope.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = ht_store_sync_create_for_scope (path, "01", &error);
  g_autoptr(cJSON) birth = hs_test_birth ("00004", 7, 12, NULL);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  HtPullChange *change = g_new0 (HtPullChange, 1);
  g_autoptr(GPtrArray) changes = page (change, NULL);
  g_autoptr(cJSON) stored = NULL;
  HtPullCounts counts = { 0 };

  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_str_eq (ht_store_get_office (store), "01");
  cJSON_ReplaceItemInObject (birth, "content_version", cJSON_CreateNumber (3));
  cJSON_ReplaceItemInObject (birth, "pin", cJSON_CreateString ("001226000777"));
  change->server_seq = 1;
  change->op = HT_PULL_RECORD;
  change->record_id = g_strdup (ht_record_id (birth));
  change->record = ht_record_canonicalize (birth, issues);

  ck_assert_msg (ht_store_sync_apply_pull (store, changes, 1, &counts, &error), "%s",
                 error != NULL ? error->message : "");
  ck_assert_uint_eq (counts.records, 1);
  stored = ht_store_get (store, change->record_id, &error);
  {
    g_autofree char *mine = ht_record_print (stored);
    g_autofree char *theirs = ht_record_print (change->record);
    ck_assert_str_eq (mine, theirs);
  }
  ck_assert_uint_eq (ht_store_outbox_count (store), 0);
  ck_assert_int_eq (ht_store_sync_server_version (store, change->record_id), 3);
  ck_assert_int_eq (ht_store_sync_record_state (store, change->record_id, NULL, NULL), HT_SYNC_STATE_NONE);

  /* Again: nothing.  A newer version: stored as the server numbers it. */
  memset (&counts, 0, sizeof counts);
  ck_assert (ht_store_sync_apply_pull (store, changes, 1, &counts, &error));
  ck_assert_uint_eq (counts.skipped, 1);
  cJSON_ReplaceItemInObject (change->record, "content_version", cJSON_CreateNumber (5));
  cJSON_ReplaceItemInObject (change->record, "clerk", cJSON_CreateString ("hoa.pt"));
  change->server_seq = 2;
  ck_assert (ht_store_sync_apply_pull (store, changes, 2, &counts, &error));
  g_clear_pointer (&stored, cJSON_Delete);
  stored = ht_store_get (store, change->record_id, &error);
  ck_assert_int_eq (ht_record_content_version (stored), 5);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (stored, "clerk")), "hoa.pt");
  st_assert_sound (store);

  /* Only a province or a district makes such a register. */
  {
    g_autofree char *other = st_path ("commune-scope.db");
    ck_assert_ptr_null (ht_store_sync_create_for_scope (other, "00004", &error));
    ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  }
}
END_TEST

/* ---- Batches and answers ---- */

static HtPushOutcome
outcome (const HtSyncChange *change,
         HtPushStatus        status,
         gint64              version,
         const char         *code,
         const char         *message)
{
  HtPushOutcome o = {
    change->entry->seq, change->entry->change_id, change->entry->record_id, status, version, code, message, NULL,
  };
  return o;
}

static void
edit (HtStore    *store,
      const char *id,
      const char *place)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = ht_store_get (store, id, &error);

  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"), "place_of_birth",
                             cJSON_CreateString (place));
  ck_assert_msg (ht_store_save (store, record, "lan.nt", "sửa nơi sinh", HT_SAVE_DEFAULT, NULL, &error), "%s",
                 error != NULL ? error->message : "");
}

/* "hotich-admin show --json" of a record: its "sync" member, as a
 * technician's script reads it. */
static cJSON *
admin_show_sync (HtStore    *store,
                 const char *id)
{
  const char *admin_binary = g_getenv ("HOTICH_ADMIN");
  const char *argv[] = { admin_binary, "--db", ht_store_get_path (store), "show", "--json", id, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) shown = NULL;
  int status = 0;

  ck_assert_msg (admin_binary != NULL, "HOTICH_ADMIN is not set");
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "hotich-admin show failed:\n%s", err);
  shown = cJSON_Parse (out);
  ck_assert_msg (shown != NULL, "not JSON: %s", out);
  return cJSON_DetachItemFromObject (shown, "sync");
}

START_TEST (test_batches_and_outcomes)
{
  char *ids[3];
  g_autoptr(HtStore) store = register_with (3, ids);
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  HtPushOutcome outcomes[3];
  HtSyncSummary summary;

  edit (store, ids[0], "Bệnh viện Bạch Mai");

  /* A record's second change waits for the answer about its first. */
  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 3);
  for (guint i = 0; i < 3; i++)
    ck_assert_int_eq (((HtSyncChange *) batch->pdata[i])->server_base, 0);
  /* Bounded by count. */
  {
    g_autoptr(GPtrArray) small = ht_store_sync_next_batch (store, 2, 1 << 20, &error);
    ck_assert_uint_eq (small->len, 2);
  }

  outcomes[0] = outcome (batch->pdata[0], HT_PUSH_APPLIED, 1, NULL, NULL);
  outcomes[1] = outcome (batch->pdata[1], HT_PUSH_REJECTED, -1, "invalid", "data.child.sex: is required");
  outcomes[2] = outcome (batch->pdata[2], HT_PUSH_DUPLICATE, 1, NULL, NULL);
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 3, &error));
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[0], NULL, NULL), HT_SYNC_STATE_PENDING);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[1], &message, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ck_assert_str_eq (message, "data.child.sex: is required");
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[2], NULL, NULL), HT_SYNC_STATE_SENT);
  ck_assert_int_eq (ht_store_sync_server_version (store, ids[0]), 1);
  /* hotich-admin show tells the same states, with the server's reason. */
  {
    g_autoptr(cJSON) pending = admin_show_sync (store, ids[0]);
    g_autoptr(cJSON) refused = admin_show_sync (store, ids[1]);
    g_autoptr(cJSON) sent = admin_show_sync (store, ids[2]);

    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (pending, "state")), "pending");
    ck_assert_ptr_null (cJSON_GetObjectItem (pending, "message"));
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (refused, "state")), "needs_attention");
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (refused, "message")), "data.child.sex: is required");
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (sent, "state")), "sent");
  }

  /* Answered twice (an old copy of the register): the second time is
   * ignored. */
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 3, &error));
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[2], NULL, NULL), HT_SYNC_STATE_SENT);

  /* The edit goes on from the server's version 1, which here is also the
   * local one: its text is sent as queued. */
  g_clear_pointer (&batch, g_ptr_array_unref);
  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 1);
  ck_assert_int_eq (((HtSyncChange *) batch->pdata[0])->server_base, 1);
  ck_assert_int_eq (((HtSyncChange *) batch->pdata[0])->entry->base_version, 1);

  /* A PIN arrives meanwhile (a local version 3 the server does not count),
   * and the clerk edits again (local 4, based on 3). */
  {
    g_autoptr(GPtrArray) pins = page (pull_pin (1, ids[0], "001226000321"), NULL);
    ck_assert (ht_store_sync_apply_pull (store, pins, 1, NULL, &error));
  }
  edit (store, ids[0], "Trạm y tế phường");
  outcomes[0] = outcome (batch->pdata[0], HT_PUSH_APPLIED, 2, NULL, NULL);
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 1, &error));

  g_clear_pointer (&batch, g_ptr_array_unref);
  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 1);
  {
    const HtSyncChange *change = batch->pdata[0];
    g_autoptr(cJSON) sent = cJSON_Parse (change->json);

    ck_assert_int_eq (change->entry->base_version, 3);
    ck_assert_int_eq (change->server_base, 2);
    ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (sent, "base_version")), 2);
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (cJSON_GetObjectItem (sent, "record"),
                                                                "data.child.place_of_birth")),
                      "Trạm y tế phường");
  }

  ht_store_sync_summary (store, &summary, NULL);
  ck_assert_uint_eq (summary.pending, 1);
  ck_assert_uint_eq (summary.attention, 1);
  ck_assert_int_eq (summary.cursor, 1);
  ht_sync_summary_clear (&summary);
  {
    g_autoptr(GPtrArray) attention = ht_store_sync_attention (store, 10, &error);
    ck_assert_uint_eq (attention->len, 1);
    ck_assert_str_eq (((HtSyncAttention *) attention->pdata[0])->code, "invalid");
  }
  st_assert_sound (store);
  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}
END_TEST

/* ---- The engine against a scripted server ---- */

typedef enum {
  SCRIPT_OK,
  SCRIPT_500_ONCE,
  SCRIPT_429_ONCE,
  SCRIPT_413_FOR,       /* any push holding "target" */
  SCRIPT_GARBAGE,       /* a push answered with something that is not JSON */
  SCRIPT_WRONG_IDS,     /* results for other changes */
  SCRIPT_401,
  SCRIPT_BAD_PULL,
  SCRIPT_HANG,
  SCRIPT_404,
} Script;

typedef struct
{
  Script  script;
  char   *target;
  gint    pushes;
  gint    next_block;
  gboolean fired;
} Scripted;

static CannedAnswer
answer_push (Scripted            *s,
             const CannedRequest *request)
{
  g_autoptr(cJSON) body = cJSON_Parse (request->body);
  g_autoptr(cJSON) answer = cJSON_CreateObject ();
  cJSON *results = cJSON_AddArrayToObject (answer, "results");
  const cJSON *change;
  g_autofree char *text = NULL;

  if (s->script == SCRIPT_413_FOR && strstr (request->body, s->target) != NULL)
    return canned_answer (413, "{\"error\":{\"code\":\"too_large\",\"message\":\"The body is larger than 8 MiB\"}}");
  cJSON_ArrayForEach (change, cJSON_GetObjectItem (body, "changes"))
    {
      cJSON *result = cJSON_CreateObject ();
      const char *id = cJSON_GetStringValue (cJSON_GetObjectItem (change, "change_id"));

      cJSON_AddStringToObject (result, "change_id", s->script == SCRIPT_WRONG_IDS ? "nope" : id);
      cJSON_AddStringToObject (result, "status", "applied");
      cJSON_AddNullToObject (result, "code");
      cJSON_AddNullToObject (result, "message");
      cJSON_AddNumberToObject (result, "server_version",
                               cJSON_GetNumberValue (cJSON_GetObjectItem (change, "base_version")) + 1);
      cJSON_AddItemToArray (results, result);
    }
  text = cJSON_PrintUnformatted (answer);
  return canned_answer (200, text);
}

static CannedAnswer
scripted_cb (const CannedRequest *request,
             gpointer             user_data)
{
  Scripted *s = user_data;

  if (g_str_has_prefix (request->path, "/api/v1/push"))
    {
      g_atomic_int_inc (&s->pushes);
      g_assert (request->gzipped);
      if (s->script == SCRIPT_401)
        return canned_answer (401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Unknown token\"}}");
      if (s->script == SCRIPT_404)
        return canned_answer (404, "{\"error\":{\"code\":\"not_found\",\"message\":\"No such endpoint\"}}");
      if (s->script == SCRIPT_HANG)
        {
          CannedAnswer hang = canned_answer (200, "");
          hang.hang = TRUE;
          return hang;
        }
      if (s->script == SCRIPT_GARBAGE)
        return canned_answer (200, "<html>Gateway says hello</html>");
      if (s->script == SCRIPT_500_ONCE && !s->fired)
        {
          s->fired = TRUE;
          return canned_answer (500, "{\"error\":{\"code\":\"internal\",\"message\":\"internal\"}}");
        }
      if (s->script == SCRIPT_429_ONCE && !s->fired)
        {
          CannedAnswer busy = canned_answer (429, "{\"error\":{\"code\":\"too_many_requests\",\"message\":\"Slow\"}}");
          s->fired = TRUE;
          busy.retry_after = g_strdup ("1");
          return busy;
        }
      return answer_push (s, request);
    }
  if (g_str_has_prefix (request->path, "/api/v1/number-blocks"))
    {
      g_autoptr(cJSON) body = cJSON_Parse (request->body);
      g_autofree char *answer = g_strdup_printf ("{\"number_blocks\":[{\"kind\":\"%s\",\"book_year\":%d,"
                                                 "\"first\":%d,\"last\":%d}]}",
                                                 cJSON_GetStringValue (cJSON_GetObjectItem (body, "kind")),
                                                 (int) cJSON_GetNumberValue (cJSON_GetObjectItem (body, "book_year")),
                                                 1000 + s->next_block, 1000 + s->next_block + 99);
      s->next_block += 100;
      return canned_answer (200, answer);
    }
  if (g_str_has_prefix (request->path, "/api/v1/pull"))
    {
      if (s->script == SCRIPT_BAD_PULL)
        return canned_answer (200, "{\"changes\":[{\"server_seq\":1,\"op\":\"pin\","
                                   "\"record_id\":\"0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11\",\"pin\":\"12\"}],"
                                   "\"cursor\":1,\"more\":false}");
      return canned_answer (200, "{\"changes\":[],\"cursor\":0,\"more\":false}");
    }
  if (g_str_has_prefix (request->path, "/api/v1/health"))
    return canned_answer (200, "{\"status\":\"ok\",\"version\":\"0.1.0\"}");
  return canned_answer (404, "{\"error\":{\"code\":\"not_found\",\"message\":\"?\"}}");
}

static gboolean
scripted_run (Script         script,
              guint          n,
              HtStore      **out_store,
              char         **ids,
              HtSyncReport  *report,
              GError       **error)
{
  Scripted s = { script, NULL, 0, 0, FALSE };
  g_autoptr(CannedServer) server = canned_server_new (scripted_cb, &s);
  g_autoptr(HtStore) store = register_with (n, ids);
  g_autoptr(HtSyncEngine) engine = NULL;
  HtSyncOptions options;
  gboolean ok;

  if (script == SCRIPT_413_FOR)
    s.target = ids[n / 2];
  fake_enrol (store, canned_server_url (server));
  engine = ht_sync_engine_new (store, error);
  ck_assert_ptr_nonnull (engine);
  st_options (&options);
  options.max_attempts = 3;
  options.request_timeout_ms = 500;
  ht_sync_engine_set_options (engine, &options);
  ok = ht_sync_engine_run (engine, report, NULL, error);
  *out_store = g_steal_pointer (&store);
  return ok;
}

START_TEST (test_engine_transient_answers)
{
  static const Script transient[] = { SCRIPT_500_ONCE, SCRIPT_429_ONCE };

  for (guint t = 0; t < G_N_ELEMENTS (transient); t++)
    {
      g_autoptr(HtStore) store = NULL;
      g_autoptr(GError) error = NULL;
      HtSyncReport report = { 0 };
      char *ids[4];

      ck_assert_msg (scripted_run (transient[t], 4, &store, ids, &report, &error), "%s",
                     error != NULL ? error->message : "");
      ck_assert_uint_eq (report.retries, 1);
      ck_assert_uint_eq (report.pushed, 4);
      ck_assert_uint_eq (ht_store_outbox_count (store), 0);
      for (guint i = 0; i < 4; i++)
        {
          ck_assert_int_eq (ht_store_sync_record_state (store, ids[i], NULL, NULL), HT_SYNC_STATE_SENT);
          g_free (ids[i]);
        }
      /* Register numbers were asked for every book of the year. */
      ck_assert_int_ge (ht_store_numbers_left (store, "marriage", 2026), 100);
      st_assert_sound (store);
    }
}
END_TEST

/* A request refused whole is split until the change at fault is alone:
 * only that record needs attention. */
START_TEST (test_engine_split_refused_batch)
{
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  HtSyncReport report = { 0 };
  char *ids[9];

  ck_assert_msg (scripted_run (SCRIPT_413_FOR, 9, &store, ids, &report, &error), "%s",
                 error != NULL ? error->message : "");
  ck_assert_uint_eq (report.pushed, 8);
  ck_assert_uint_eq (report.refused, 1);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[4], &message, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ck_assert_ptr_nonnull (strstr (message, "too large"));
  for (guint i = 0; i < 9; i++)
    {
      if (i != 4)
        ck_assert_int_eq (ht_store_sync_record_state (store, ids[i], NULL, NULL), HT_SYNC_STATE_SENT);
      g_free (ids[i]);
    }
}
END_TEST

typedef struct
{
  Script       script;
  HtSyncError  code;
  const char  *says;
} Failing;

START_TEST (test_engine_failing_answers)
{
  static const Failing failing[] = {
    { SCRIPT_GARBAGE, HT_SYNC_ERROR_PROTOCOL, "not a JSON object" },
    { SCRIPT_WRONG_IDS, HT_SYNC_ERROR_PROTOCOL, "results[0]" },
    { SCRIPT_401, HT_SYNC_ERROR_AUTH, "Unknown token" },
    { SCRIPT_BAD_PULL, HT_SYNC_ERROR_PROTOCOL, "changes[0]" },
    { SCRIPT_HANG, HT_SYNC_ERROR_UNREACHABLE, "After 3 attempts" },
    { SCRIPT_404, HT_SYNC_ERROR_PROTOCOL, "does not take pushes" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (failing); f++)
    {
      g_autoptr(HtStore) store = NULL;
      g_autoptr(GError) error = NULL;
      HtSyncReport report = { 0 };
      HtSyncSummary summary;
      char *ids[3];

      ck_assert_msg (!scripted_run (failing[f].script, 3, &store, ids, &report, &error), "script %u succeeded", f);
      ck_assert_msg (g_error_matches (error, HT_SYNC_ERROR, failing[f].code), "script %u: %s", f, error->message);
      ck_assert_msg (strstr (error->message, failing[f].says) != NULL, "script %u: %s", f, error->message);
      if (failing[f].script == SCRIPT_401)
        ck_assert_uint_eq (report.requests, 1);

      /* Nothing of a refused answer was taken: the outbox holds what it
       * held, unless the pushes went through before the pull failed. */
      ht_store_sync_summary (store, &summary, NULL);
      ck_assert_uint_eq (summary.pending, failing[f].script == SCRIPT_BAD_PULL ? 0 : 3);
      ck_assert_uint_eq (summary.attention, 0);
      ck_assert_int_eq (summary.cursor, 0);
      ck_assert_str_eq (summary.last_error, error->message);
      ht_sync_summary_clear (&summary);
      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(cJSON) record = ht_store_get (store, ids[i], NULL);
          ck_assert (cJSON_IsNull (cJSON_GetObjectItem (record, "pin")));
          g_free (ids[i]);
        }
      st_assert_sound (store);
    }
}
END_TEST

/* The engine reads the outbox through ht_store_sync_next_batch_after(),
 * which builds each change itself (its rid, length and text in one pass):
 * the text must be byte for byte what ht_store_outbox_peek() gives, and an
 * answer recorded by the rid it carries must do what one recorded by the
 * outbox entry alone does. */
static void
assert_batch_as_queued (HtStore   *store,
                        GPtrArray *batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queued = ht_store_outbox_peek (store, 0, 100, 1 << 20, &error);

  ck_assert_ptr_nonnull (queued);
  ck_assert_uint_ge (queued->len, batch->len);
  for (guint i = 0; i < batch->len; i++)
    {
      const HtSyncChange *change = batch->pdata[i];
      const HtOutboxEntry *entry = queued->pdata[i];

      ck_assert_int_eq (change->entry->seq, entry->seq);
      ck_assert_str_eq (change->entry->change_id, entry->change_id);
      ck_assert_str_eq (change->entry->record_id, entry->record_id);
      ck_assert_str_eq (change->entry->op, entry->op);
      ck_assert_int_eq (change->entry->version, entry->version);
      ck_assert_int_eq (change->entry->base_version, entry->base_version);
      ck_assert_uint_eq (change->json_len, strlen (change->json));
      ck_assert_int_gt (change->rid, 0);
      if (change->server_base == entry->base_version)
        ck_assert_str_eq (change->json, entry->json);
    }
}

START_TEST (test_batch_as_queued)
{
  char *ids[3];
  g_autoptr(HtStore) store = register_with (3, ids);
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  HtPushOutcome outcomes[3];

  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 3);
  assert_batch_as_queued (store, batch);
  ck_assert_int_ne (((HtSyncChange *) batch->pdata[0])->rid, ((HtSyncChange *) batch->pdata[1])->rid);
  /* Bounded by bytes: the first change goes whatever its size. */
  {
    g_autoptr(GPtrArray) one = ht_store_sync_next_batch (store, 100, 1, &error);
    gsize two = ((HtSyncChange *) batch->pdata[0])->json_len + ((HtSyncChange *) batch->pdata[1])->json_len;
    g_autoptr(GPtrArray) two_only = ht_store_sync_next_batch (store, 100, two, &error);

    ck_assert_uint_eq (one->len, 1);
    ck_assert_uint_eq (two_only->len, 2);
  }

  /* Answers carrying the rid: the entries leave, the states are set. */
  for (guint i = 0; i < 3; i++)
    {
      outcomes[i] = outcome (batch->pdata[i], i == 1 ? HT_PUSH_CONFLICT : HT_PUSH_APPLIED, i == 1 ? -1 : 1,
                             i == 1 ? "conflict" : NULL, NULL);
      outcomes[i].rid = ((HtSyncChange *) batch->pdata[i])->rid;
    }
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 3, &error));
  ck_assert_uint_eq (ht_store_outbox_count (store), 0);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[0], NULL, NULL), HT_SYNC_STATE_SENT);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[1], NULL, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ck_assert_int_eq (ht_store_sync_server_version (store, ids[2]), 1);

  /* Answered twice: the entry is not there, and nothing changes, though
   * the answer names the record's rid. */
  edit (store, ids[0], "Bệnh viện Bạch Mai");
  outcomes[0].server_version = 7;
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 1, &error));
  ck_assert_int_eq (ht_store_sync_server_version (store, ids[0]), 1);
  ck_assert_int_eq (ht_store_sync_record_state (store, ids[0], NULL, NULL), HT_SYNC_STATE_PENDING);

  /* An edit based on the server's version, and one rebased on it after a
   * PIN made a local version the server does not count. */
  g_clear_pointer (&batch, g_ptr_array_unref);
  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 1);
  assert_batch_as_queued (store, batch);
  {
    g_autoptr(GPtrArray) pins = page (pull_pin (1, ids[0], "001226000321"), NULL);
    ck_assert (ht_store_sync_apply_pull (store, pins, 1, NULL, &error));
  }
  edit (store, ids[0], "Trạm y tế phường");
  outcomes[0] = outcome (batch->pdata[0], HT_PUSH_APPLIED, 2, NULL, NULL);
  outcomes[0].rid = ((HtSyncChange *) batch->pdata[0])->rid;
  ck_assert (ht_store_sync_record_outcomes (store, outcomes, 1, &error));
  g_clear_pointer (&batch, g_ptr_array_unref);
  batch = ht_store_sync_next_batch (store, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 1);
  assert_batch_as_queued (store, batch);
  ck_assert_int_eq (((HtSyncChange *) batch->pdata[0])->server_base, 2);
  ck_assert_int_eq (((HtSyncChange *) batch->pdata[0])->entry->base_version, 3);
  st_assert_sound (store);
  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}
END_TEST

/* Not enrolled: the engine says so before anything else. */
START_TEST (test_engine_not_enrolled)
{
  g_autoptr(HtStore) store = register_with (0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HtSyncEngine) engine = ht_sync_engine_new (store, &error);

  ck_assert_ptr_null (engine);
  ck_assert (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_NOT_ENROLLED));
  ck_assert (!ht_store_sync_is_enrolled (store));
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sync-unit");
  const struct { const char *name; const TTest *test; } cases[] = {
    { "urls", test_urls },
    { "bad_enrolment_answers", test_bad_enrolment_answers },
    { "bad_push_answers", test_bad_push_answers },
    { "bad_pull_answers", test_bad_pull_answers },
    { "pull_application", test_pull_application },
    { "pin_versions", test_pin_versions },
    { "pulled_records", test_pulled_records },
    { "batches_and_outcomes", test_batches_and_outcomes },
    { "batch_as_queued", test_batch_as_queued },
    { "engine_transient_answers", test_engine_transient_answers },
    { "engine_split_refused_batch", test_engine_split_refused_batch },
    { "engine_failing_answers", test_engine_failing_answers },
    { "engine_not_enrolled", test_engine_not_enrolled },
  };

  ht_sync_global_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_test (tc, cases[i].test);
      suite_add_tcase (suite, tc);
    }
  return ht_check_run (suite, CK_FORK);
}
