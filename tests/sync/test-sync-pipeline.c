/* test-sync-pipeline.c — more than one push request at the server at once: which changes may go together, and what a scripted server sees.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server applies requests that are with it together in no set order,
 * so two of them must never hold changes that could find each other's
 * records (sync/ht-sync-deps.h).  The scripted server notes, for every push,
 * which pushes were still unanswered when it arrived, and the tests check
 * that none of those shared a person with it, that every change was
 * applied exactly once, and that a failure of the second request while the
 * first succeeds loses and doubles nothing.
 */
#include <string.h>
#include <check.h>

#include "../ht-check-run.h"
#include "ht-sync-deps.h"
#include "ht-sync-engine.h"
#include "canned-server.h"
#include "hs-test-records.h"
#include "sync-test-util.h"

#define OFFICE "00004"

/* ---- Keys ---- */

static char *
change_json (const cJSON *record)
{
  g_autoptr(cJSON) change = hs_test_change (NULL, record, 0);

  return cJSON_PrintUnformatted (change);
}

static HtSyncKeys *
keys_of (const cJSON *record)
{
  g_autofree char *json = change_json (record);

  return ht_sync_keys_of_change (json, NULL);
}

static gboolean
meet (const cJSON *earlier,
      const cJSON *later)
{
  g_autoptr(HtSyncKeys) a = keys_of (earlier);
  g_autoptr(HtSyncKeys) b = keys_of (later);
  g_autoptr(HtSyncKeySet) set = ht_sync_key_set_new ();

  ht_sync_key_set_add (set, a);
  return ht_sync_key_set_meets (set, b);
}

static cJSON *
person (cJSON      *record,
        const char *who)
{
  return cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), who);
}

START_TEST (test_keys)
{
  g_autoptr(cJSON) a = hs_test_birth (OFFICE, 1, 17, NULL);
  g_autoptr(cJSON) b = hs_test_birth (OFFICE, 2, 18, NULL);
  g_autoptr(cJSON) same_doc = hs_test_birth (OFFICE, 3, 19, NULL);
  g_autoptr(cJSON) child_as_mother = hs_test_birth (OFFICE, 4, 20, NULL);
  g_autoptr(cJSON) year_only = hs_test_birth (OFFICE, 5, 21, NULL);
  g_autoptr(cJSON) by_id = hs_test_birth (OFFICE, 6, 22, NULL);
  g_autoptr(cJSON) by_place = hs_test_birth (OFFICE, 7, 23, NULL);
  g_autoptr(HtSyncKeys) unreadable = ht_sync_keys_of_change ("{\"record_id\":", NULL);
  g_autoptr(HtSyncKeys) keys_a = keys_of (a);
  g_autoptr(HtSyncKeySet) empty = ht_sync_key_set_new ();
  g_autoptr(HtSyncKeySet) set_a = ht_sync_key_set_new ();
  const cJSON *child = person (a, "child");
  g_autofree char *shouted = g_utf8_strup (cJSON_GetStringValue (cJSON_GetObjectItem (child, "full_name")), -1);
  const char *born = cJSON_GetStringValue (cJSON_GetObjectItem (child, "date_of_birth"));
  const char *doc = cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (person (a, "mother"),
                                                                                    "id_document"), "number"));
  cJSON *ref;

  /* Strangers go together, in either order. */
  ck_assert (!meet (a, b));
  ck_assert (!meet (b, a));

  /* The same ID document number (spaces and case aside). */
  {
    g_autofree char *spaced = g_strdup_printf (" %.6s %s", doc, doc + 6);
    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (person (same_doc, "mother"), "id_document"), "number",
                               cJSON_CreateString (spaced));
  }
  ck_assert (meet (a, same_doc));
  ck_assert (meet (same_doc, a));

  /* A's child, as the mother of another birth: the name folded, the same
   * date of birth; and with the year of birth alone, which a full date
   * finds. */
  cJSON_ReplaceItemInObject (person (child_as_mother, "mother"), "full_name", cJSON_CreateString (shouted));
  cJSON_DeleteItemFromObject (person (child_as_mother, "mother"), "birth_year");
  cJSON_AddStringToObject (person (child_as_mother, "mother"), "date_of_birth", born);
  ck_assert (meet (a, child_as_mother));
  ck_assert (meet (child_as_mother, a));
  cJSON_ReplaceItemInObject (person (year_only, "mother"), "full_name", cJSON_CreateString (shouted));
  cJSON_ReplaceItemInObject (person (year_only, "mother"), "birth_year", cJSON_CreateNumber (g_ascii_strtod (born, NULL)));
  ck_assert (meet (a, year_only));
  ck_assert (meet (year_only, a));

  /* A reference to A, by its id or by its place in the book. */
  ref = cJSON_AddObjectToObject (cJSON_GetObjectItem (by_id, "data"), "original");
  cJSON_AddStringToObject (ref, "id", ht_record_id (a));
  ck_assert (meet (a, by_id));
  ck_assert (meet (by_id, a));
  ref = cJSON_AddObjectToObject (cJSON_GetObjectItem (by_place, "data"), "original");
  cJSON_AddStringToObject (ref, "kind", "birth");
  cJSON_AddNumberToObject (ref, "book_year", 2026);
  cJSON_AddNumberToObject (ref, "number", 17);
  ck_assert (meet (a, by_place));
  ck_assert (meet (by_place, a));
  /* Two changes referring to the same record meet: each could find the
   * other among that record's referrers. */
  ck_assert (meet (by_id, by_id));

  /* A change that cannot be read goes with nothing, but alone it goes. */
  ht_sync_key_set_add (set_a, keys_a);
  ck_assert (ht_sync_key_set_meets (set_a, unreadable));
  ck_assert (!ht_sync_key_set_meets (empty, unreadable));
  ht_sync_key_set_add (empty, unreadable);
  ck_assert (ht_sync_key_set_meets (empty, keys_a));
}
END_TEST

/* A reference by place and one by id to the same record of the register
 * meet once the register says which record holds the place. */
START_TEST (test_keys_place_resolved)
{
  g_autofree char *name = g_strdup_printf ("keys-%u.db", g_random_int ());
  g_autoptr(HtStore) store = st_register_new (name, OFFICE);
  g_autoptr(GError) error = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) a = hs_test_birth (OFFICE, 700, 0, NULL);
  g_autoptr(cJSON) by_id = hs_test_birth (OFFICE, 701, 0, NULL);
  g_autoptr(cJSON) by_place = hs_test_birth (OFFICE, 702, 0, NULL);
  g_autofree char *json_id = NULL;
  g_autofree char *json_place = NULL;
  g_autoptr(HtSyncKeys) keys_id = NULL;
  g_autoptr(HtSyncKeys) keys_place = NULL;
  g_autoptr(HtSyncKeys) keys_place_alone = NULL;
  g_autoptr(HtSyncKeySet) set = ht_sync_key_set_new ();
  cJSON *ref;

  cJSON_DeleteItemFromObject (a, "id");
  cJSON_DeleteItemFromObject (a, "book_year");
  ck_assert_msg (ht_store_save (store, a, "lan.nt", NULL, HT_SAVE_DEFAULT, issues, &error),
                 "save: %s", error != NULL ? error->message : "");
  ck_assert_int_gt (ht_record_number (a), 0);

  ref = cJSON_AddObjectToObject (cJSON_GetObjectItem (by_id, "data"), "original");
  cJSON_AddStringToObject (ref, "id", ht_record_id (a));
  ref = cJSON_AddObjectToObject (cJSON_GetObjectItem (by_place, "data"), "original");
  cJSON_AddStringToObject (ref, "kind", "birth");
  cJSON_AddNumberToObject (ref, "book_year", (double) ht_record_book_year (a));
  cJSON_AddNumberToObject (ref, "number", (double) ht_record_number (a));
  json_id = change_json (by_id);
  json_place = change_json (by_place);

  keys_id = ht_sync_keys_of_change (json_id, store);
  keys_place = ht_sync_keys_of_change (json_place, store);
  keys_place_alone = ht_sync_keys_of_change (json_place, NULL);
  ht_sync_key_set_add (set, keys_id);
  ck_assert (ht_sync_key_set_meets (set, keys_place));
  ck_assert (!ht_sync_key_set_meets (set, keys_place_alone));
}
END_TEST

/* ---- A scripted server that notes what it had at once ---- */

typedef enum {
  PIPE_OK,
  PIPE_500_SECOND,  /* the second push is answered 500 while the first is still out */
} PipeScript;

typedef struct
{
  PipeScript  script;
  GHashTable *docs;      /* push index → GHashTable of its mothers' document numbers */
  GHashTable *applied;   /* change_id → times applied */
  guint       pushes;
  guint       overlaps;  /* pushes that arrived while another was unanswered */
  guint       shared;    /* of those, pushes sharing a mother with one still unanswered */
} Pipe;

static CannedAnswer
pipe_push (Pipe                *p,
           const CannedRequest *request)
{
  g_autoptr(cJSON) body = cJSON_Parse (request->body);
  g_autoptr(cJSON) answer = cJSON_CreateObject ();
  cJSON *results = cJSON_AddArrayToObject (answer, "results");
  GHashTable *docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const cJSON *change;
  g_autofree char *text = NULL;
  CannedAnswer canned;
  guint nth = p->pushes++;

  cJSON_ArrayForEach (change, cJSON_GetObjectItem (body, "changes"))
    {
      const cJSON *doc = ht_record_get_path (cJSON_GetObjectItem (change, "record"), "data.mother.id_document.number");

      if (cJSON_IsString (doc))
        g_hash_table_add (docs, g_strdup (doc->valuestring));
    }
  g_hash_table_insert (p->docs, GUINT_TO_POINTER (request->index), docs);
  if (request->open_with->len > 0)
    p->overlaps++;
  for (guint i = 0; i < request->open_with->len; i++)
    {
      GHashTable *other = g_hash_table_lookup (p->docs, GUINT_TO_POINTER (g_array_index (request->open_with, guint, i)));
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, docs);
      while (other != NULL && g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_contains (other, key))
          {
            p->shared++;
            break;
          }
    }

  if (p->script == PIPE_500_SECOND && nth == 1)
    {
      canned = canned_answer (500, "{\"error\":{\"code\":\"internal\",\"message\":\"internal\"}}");
      canned.delay_ms = 50;
      return canned;
    }
  cJSON_ArrayForEach (change, cJSON_GetObjectItem (body, "changes"))
    {
      cJSON *result = cJSON_CreateObject ();
      const char *id = cJSON_GetStringValue (cJSON_GetObjectItem (change, "change_id"));

      g_hash_table_insert (p->applied, g_strdup (id),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (p->applied, id)) + 1));
      cJSON_AddStringToObject (result, "change_id", id);
      cJSON_AddStringToObject (result, "status", "applied");
      cJSON_AddNumberToObject (result, "server_version",
                               cJSON_GetNumberValue (cJSON_GetObjectItem (change, "base_version")) + 1);
      cJSON_AddItemToArray (results, result);
    }
  text = cJSON_PrintUnformatted (answer);
  canned = canned_answer (200, text);
  /* Long enough for the next request to leave while this one is out. */
  canned.delay_ms = 150;
  return canned;
}

static CannedAnswer
pipe_cb (const CannedRequest *request,
         gpointer             user_data)
{
  if (g_str_has_prefix (request->path, "/api/v1/push"))
    return pipe_push (user_data, request);
  if (g_str_has_prefix (request->path, "/api/v1/number-blocks"))
    {
      g_autoptr(cJSON) body = cJSON_Parse (request->body);
      g_autofree char *answer = g_strdup_printf ("{\"number_blocks\":[{\"kind\":\"%s\",\"book_year\":%d,"
                                                 "\"first\":5000,\"last\":5099}]}",
                                                 cJSON_GetStringValue (cJSON_GetObjectItem (body, "kind")),
                                                 (int) cJSON_GetNumberValue (cJSON_GetObjectItem (body, "book_year")));
      return canned_answer (200, answer);
    }
  if (g_str_has_prefix (request->path, "/api/v1/pull"))
    return canned_answer (200, "{\"changes\":[],\"cursor\":0,\"more\":false}");
  return canned_answer (404, "{\"error\":{\"code\":\"not_found\",\"message\":\"?\"}}");
}

/* 30 births; births 5 to 9 of every ten have the mothers of births 0 to 4
 * (their ID document numbers), so that with batches of five the second
 * batch meets the first. */
static HtStore *
siblings_register (GPtrArray *ids)
{
  g_autofree char *name = g_strdup_printf ("pipe-%u.db", g_random_int ());
  g_autoptr(HtStore) store = st_register_new (name, OFFICE);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(cJSON) birth = hs_test_birth (OFFICE, 600 + i, 0, NULL);
      g_autoptr(HtIssues) issues = ht_issues_new ();

      cJSON_DeleteItemFromObject (birth, "id");
      cJSON_DeleteItemFromObject (birth, "book_year");
      if (i % 10 >= 5)
        {
          g_autoptr(cJSON) elder = hs_test_birth (OFFICE, 600 + i - 5, 0, NULL);
          const cJSON *doc = ht_record_get_path (elder, "data.mother.id_document.number");

          cJSON_ReplaceItemInObject (cJSON_GetObjectItem (person (birth, "mother"), "id_document"), "number",
                                     cJSON_CreateString (doc->valuestring));
          cJSON_ReplaceItemInObject (cJSON_GetObjectItem (person (birth, "declarant"), "id_document"), "number",
                                     cJSON_CreateString (doc->valuestring));
        }
      ck_assert_msg (ht_store_save (store, birth, "lan.nt", NULL, HT_SAVE_DEFAULT, issues, &error),
                     "save: %s", error != NULL ? error->message : "");
      g_ptr_array_add (ids, g_strdup (ht_record_id (birth)));
    }
  return g_steal_pointer (&store);
}

static void
fake_enrol (HtStore    *store,
            const char *url)
{
  g_autofree char *device_id = g_uuid_string_random ();
  HtSyncDevice device = {
    (char *) url, NULL, device_id, (char *) "pipeline test", (char *) "VGhlVG9rZW4", (char *) "clerk",
    (char *) OFFICE, (char *) OFFICE, NULL,
  };
  g_autoptr(GError) error = NULL;

  ck_assert_msg (ht_store_sync_save_device (store, &device, &error), "%s", error != NULL ? error->message : "");
}

static void
pipe_run (PipeScript  script,
          guint       in_flight,
          Pipe       *p,
          HtSyncReport *report)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HtStore) store = siblings_register (ids);
  g_autoptr(CannedServer) server = NULL;
  g_autoptr(HtSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  HtSyncOptions options;
  GHashTableIter iter;
  gpointer value;

  p->script = script;
  p->docs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  p->applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server = canned_server_new (pipe_cb, p);
  fake_enrol (store, canned_server_url (server));
  engine = ht_sync_engine_new (store, &error);
  ck_assert_ptr_nonnull (engine);
  st_options (&options);
  options.batch_size = 5;
  options.in_flight = in_flight;
  ht_sync_engine_set_options (engine, &options);
  ck_assert_msg (ht_sync_engine_run (engine, report, NULL, &error), "%s", error != NULL ? error->message : "");

  /* Every change applied exactly once, every record sent. */
  ck_assert_uint_eq (report->pushed, 30);
  ck_assert_uint_eq (g_hash_table_size (p->applied), 30);
  g_hash_table_iter_init (&iter, p->applied);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ck_assert_uint_eq (GPOINTER_TO_UINT (value), 1);
  ck_assert_uint_eq (ht_store_outbox_count (store), 0);
  for (guint i = 0; i < ids->len; i++)
    ck_assert_int_eq (ht_store_sync_record_state (store, ids->pdata[i], NULL, NULL), HT_SYNC_STATE_SENT);
  st_assert_sound (store);
  g_clear_object (&engine);
  canned_server_free (g_steal_pointer (&server));
  g_hash_table_unref (p->docs);
  g_hash_table_unref (p->applied);
}

/* Two requests at once, never two that share a mother. */
START_TEST (test_two_at_once)
{
  Pipe p = { 0 };
  HtSyncReport report = { 0 };

  pipe_run (PIPE_OK, 2, &p, &report);
  ck_assert_uint_gt (p.overlaps, 0);
  ck_assert_uint_eq (p.shared, 0);
  ck_assert_uint_eq (report.retries, 0);
}
END_TEST

/* One at a time: the scripted server never has two. */
START_TEST (test_one_at_a_time)
{
  Pipe p = { 0 };
  HtSyncReport report = { 0 };

  pipe_run (PIPE_OK, 1, &p, &report);
  ck_assert_uint_eq (p.overlaps, 0);
  ck_assert_uint_eq (p.pushes, 6);
}
END_TEST

/* The second request fails while the first is still out: the first one's
 * answers are recorded (its changes are not sent again), and after the
 * pause the rest goes, each change applied once. */
START_TEST (test_second_fails)
{
  Pipe p = { 0 };
  HtSyncReport report = { 0 };

  pipe_run (PIPE_500_SECOND, 2, &p, &report);
  ck_assert_uint_eq (report.retries, 1);
  ck_assert_uint_gt (p.overlaps, 0);
  ck_assert_uint_eq (p.shared, 0);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sync-pipeline");
  const struct { const char *name; const TTest *test; } cases[] = {
    { "keys", test_keys },
    { "keys_place_resolved", test_keys_place_resolved },
    { "two_at_once", test_two_at_once },
    { "one_at_a_time", test_one_at_a_time },
    { "second_fails", test_second_fails },
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
