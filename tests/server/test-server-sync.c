/* test-server-sync.c — health, enrolment, push, pull and number blocks against a real PostgreSQL.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cluster and one server for the whole program, started before check
 * forks; every test enrols its own devices, for offices no other test of
 * this program uses, so tests do not see each other's rows.
 */
#include <string.h>
#include <check.h>
#include <zlib.h>

#include "ht-fold.h"
#include "ht-kinds.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "hs-test-main.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

static cJSON *
one_change (const cJSON *record,
            gint64       base)
{
  cJSON *changes = cJSON_CreateArray ();
  cJSON_AddItemToArray (changes, hs_test_change (NULL, record, base));
  return changes;
}

/* A clerk's PC gets one block per kind at enrolment. */
static guint
n_kinds (void)
{
  guint n = 0;

  for (const HtKind *const *kind = ht_kinds_all (); *kind != NULL; kind++)
    n++;
  return n;
}

static gint64
count_records (const char *office)
{
  const char *params[] = { office, NULL };
  return hs_pg_query_int (pg, "SELECT count(*) FROM records WHERE office = $1", params);
}

/* ---- health ---- */

START_TEST (test_health)
{
  g_autoptr(HsResponse) r = hs_http (url, NULL, "GET", "/api/v1/health", NULL, 0, HS_HTTP_NONE);

  ck_assert_int_eq (r->status, 200);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "status")), "ok");
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "version")), PACKAGE_VERSION);
}
END_TEST

/* ---- enrolment ---- */

static HsResponse *
enroll_with (const char *code)
{
  g_autoptr(cJSON) body = cJSON_CreateObject ();
  g_autofree char *text = NULL;

  cJSON_AddStringToObject (body, "code", code);
  cJSON_AddStringToObject (body, "device_name", "PC 2");
  text = cJSON_PrintUnformatted (body);
  return hs_http (url, NULL, "POST", "/api/v1/enroll", text, -1, HS_HTTP_NONE);
}

START_TEST (test_enroll_clerk)
{
  const char *office = hs_test_office ("01", 1);
  g_autofree char *code = hs_test_enroll_code (hs_pg_conninfo (pg), "clerk", office);
  g_autoptr(HsResponse) r = enroll_with (code);
  const cJSON *blocks, *block;
  guint n = 0;

  ck_assert_int_eq (r->status, 200);
  ck_assert (g_uuid_string_is_valid (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "device_id"))));
  ck_assert_int_eq (strlen (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "token"))), 43);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "office")), office);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "role")), "clerk");
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "scope")), office);

  /* One block per kind for the current year (2026, HOTICH_TODAY). */
  blocks = cJSON_GetObjectItem (r->json, "number_blocks");
  cJSON_ArrayForEach (block, blocks)
    {
      ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "book_year")), 2026);
      ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "first")), 1);
      ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "last")), 100);
      n++;
    }
  ck_assert_uint_eq (n, n_kinds ());

  /* The code works once, and only its hash is stored. */
  {
    g_autoptr(HsResponse) again = enroll_with (code);
    const char *params[] = { code, NULL };
    ck_assert_int_eq (again->status, 403);
    ck_assert_str_eq (hs_test_error_code (again), "invalid_code");
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM enrolment_codes WHERE code_hash = $1", params), 0);
  }
}
END_TEST

START_TEST (test_enroll_reviewer)
{
  g_autofree char *code = hs_test_enroll_code (hs_pg_conninfo (pg), "reviewer", "79");
  g_autoptr(HsResponse) r = enroll_with (code);

  ck_assert_int_eq (r->status, 200);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "role")), "reviewer");
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "scope")), "79");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (r->json, "office")));
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (r->json, "number_blocks")), 0);
}
END_TEST

START_TEST (test_enroll_bad_codes)
{
  g_autofree char *code = hs_test_enroll_code (hs_pg_conninfo (pg), "clerk", hs_test_office ("01", 2));
  g_autofree char *lower = g_ascii_strdown (code, -1);

  /* Expired: aged with SQL, as seven days would be. */
  {
    const char *params[] = { hs_test_office ("01", 2), NULL };
    g_free (hs_pg_query_value (pg, "UPDATE enrolment_codes SET expires_at = now () - interval '1 minute'"
                                   " WHERE office = $1", params));
  }
  {
    g_autoptr(HsResponse) r = enroll_with (lower);
    ck_assert_int_eq (r->status, 403);
    ck_assert_str_eq (hs_test_error_code (r), "invalid_code");
  }
  {
    g_autoptr(HsResponse) r = enroll_with ("ABCD-EFGH-JKMN-PQRS");
    ck_assert_int_eq (r->status, 401);
    ck_assert_str_eq (hs_test_error_code (r), "invalid_code");
  }
  {
    g_autoptr(HsResponse) r = enroll_with ("not a code");
    ck_assert_int_eq (r->status, 401);
    ck_assert_str_eq (hs_test_error_code (r), "invalid_code");
  }
  {
    g_autoptr(HsResponse) r = hs_http (url, NULL, "POST", "/api/v1/enroll", "{\"code\":1}", -1, HS_HTTP_NONE);
    ck_assert_int_eq (r->status, 400);
  }
}
END_TEST

/* ---- push ---- */

START_TEST (test_push_births_and_pins)
{
  const char *office = "00004";
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  gint64 first = hs_test_block_first (dev, "birth");
  cJSON *changes = cJSON_CreateArray ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HsResponse) r = NULL;
  g_autoptr(HsResponse) pulled = NULL;
  g_autoptr(GHashTable) pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const cJSON *change;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(cJSON) birth = hs_test_birth (office, i, first + i, NULL);
      g_ptr_array_add (ids, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id"))));
      cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    }
  r = hs_test_push (url, dev->token, changes);
  ck_assert_int_eq (r->status, 200);
  for (guint i = 0; i < 3; i++)
    {
      const cJSON *result = hs_test_result (r, i);
      ck_assert_str_eq (hs_test_status (r, i), "applied");
      ck_assert (cJSON_IsNull (cJSON_GetObjectItem (result, "code")));
      ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (result, "server_version")), 1);
    }

  /* Each birth got a personal ID number, delivered at pull as op "pin". */
  pulled = hs_http (url, dev->token, "GET", "/api/v1/pull?cursor=0&limit=1000", NULL, 0, HS_HTTP_NONE);
  ck_assert_int_eq (pulled->status, 200);
  cJSON_ArrayForEach (change, cJSON_GetObjectItem (pulled->json, "changes"))
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (change, "op")), "pin") == 0)
      g_hash_table_insert (pins, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (change, "record_id"))),
                           g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (change, "pin"))));
  for (guint i = 0; i < 3; i++)
    {
      const char *pin = g_hash_table_lookup (pins, g_ptr_array_index (ids, i));
      const char *params[] = { g_ptr_array_index (ids, i), NULL };
      g_autofree char *stored = NULL;

      ck_assert_ptr_nonnull (pin);
      /* PPP C YY RRRRRR: Hà Nội, 21st century by sex, born 2026. */
      ck_assert_int_eq (ht_pin_check (pin, i % 2 == 0 ? "male" : "female", 2026), HT_PIN_OK);
      ck_assert (g_str_has_prefix (pin, "001"));
      stored = hs_pg_query_value (pg, "SELECT doc ->> 'pin' FROM records WHERE id = $1::uuid", params);
      ck_assert_str_eq (stored, pin);
    }
}
END_TEST

START_TEST (test_replay_and_id_reuse)
{
  const char *office = hs_test_office ("01", 3);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(cJSON) birth = hs_test_birth (office, 10, hs_test_block_first (dev, "birth"), NULL);
  g_autoptr(cJSON) change = hs_test_change (NULL, birth, 0);
  g_autoptr(HsResponse) first = NULL;
  g_autoptr(HsResponse) replay = NULL;
  g_autoptr(HsResponse) reused = NULL;
  cJSON *changes;

  changes = cJSON_CreateArray ();
  cJSON_AddItemToArray (changes, cJSON_Duplicate (change, TRUE));
  first = hs_test_push (url, dev->token, changes);
  ck_assert_str_eq (hs_test_status (first, 0), "applied");

  /* The same change again: "duplicate" with the first result. */
  changes = cJSON_CreateArray ();
  cJSON_AddItemToArray (changes, cJSON_Duplicate (change, TRUE));
  replay = hs_test_push (url, dev->token, changes);
  ck_assert_int_eq (replay->status, 200);
  ck_assert_str_eq (hs_test_status (replay, 0), "duplicate");
  ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (hs_test_result (replay, 0), "server_version")), 1);
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (hs_test_result (replay, 0), "code")));

  /* The members the server owns are not the change's content: a replay
   * that spells them otherwise is the same change. */
  {
    g_autoptr(cJSON) respelled = cJSON_Duplicate (change, TRUE);
    cJSON *record = cJSON_GetObjectItem (respelled, "record");
    g_autoptr(HsResponse) r = NULL;

    cJSON_ReplaceItemInObject (record, "updated_at", cJSON_CreateString ("2026-01-01T00:00:00Z"));
    cJSON_ReplaceItemInObject (record, "content_version", cJSON_CreateNumber (7));
    changes = cJSON_CreateArray ();
    cJSON_AddItemToArray (changes, g_steal_pointer (&respelled));
    r = hs_test_push (url, dev->token, changes);
    ck_assert_str_eq (hs_test_status (r, 0), "duplicate");
  }

  /* Stored: the record as pushed, with the server's members; the change in
   * the log, once; one audit row for the batch, naming the change. */
  {
    const char *change_id = cJSON_GetStringValue (cJSON_GetObjectItem (change, "change_id"));
    const char *record_id = cJSON_GetStringValue (cJSON_GetObjectItem (change, "record_id"));
    const char *params[] = { record_id, change_id, NULL };
    const char *id_param[] = { record_id, NULL };
    g_autofree char *doc = hs_pg_query_value (pg, "SELECT doc::text FROM records WHERE id = $1::uuid", id_param);
    g_autoptr(HtIssues) issues = ht_issues_new ();
    g_autoptr(cJSON) stored = ht_record_parse (doc, -1, issues);
    g_autoptr(cJSON) pushed = ht_record_canonicalize (birth, issues);

    ck_assert_ptr_nonnull (stored);
    ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
    ck_assert (cJSON_Compare (cJSON_GetObjectItem (stored, "data"), cJSON_GetObjectItem (pushed, "data"), TRUE));
    ck_assert_int_eq (ht_record_content_version (stored), 1);
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (stored, "review.state")), "pending");
    ck_assert (cJSON_IsString (cJSON_GetObjectItem (stored, "updated_at")));
    ck_assert (cJSON_IsString (cJSON_GetObjectItem (stored, "pin")));
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM change_log WHERE record_id = $1::uuid"
                                           " AND change_id = $2::uuid AND pin IS NOT NULL", params), 1);
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM audit_log WHERE action = 'changes_applied'"
                                           " AND detail @> jsonb_build_object ('changes', jsonb_build_array ("
                                           "  jsonb_build_object ('change_id', $2::text, 'record_id', $1::text)))",
                                       params), 1);
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM audit_log WHERE action = 'pins_issued'"
                                           " AND detail @> jsonb_build_object ('records', jsonb_build_array ("
                                           "  jsonb_build_object ('record_id', $1::text)))",
                                       id_param), 1);
  }

  /* The same id with other content: refused, nothing changes. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (cJSON_GetObjectItem (change, "record"), "data"),
                                                  "child"), "full_name", cJSON_CreateString ("Nguyễn Văn Khác"));
  changes = cJSON_CreateArray ();
  cJSON_AddItemToArray (changes, cJSON_Duplicate (change, TRUE));
  reused = hs_test_push (url, dev->token, changes);
  ck_assert_str_eq (hs_test_status (reused, 0), "rejected");
  ck_assert_str_eq (hs_test_code (reused, 0), "id_reused");
  ck_assert_int_eq (count_records (office), 1);

  /* The same change twice in one batch: the second is the replay. */
  {
    g_autoptr(cJSON) other = hs_test_birth (office, 11, hs_test_block_first (dev, "birth") + 1, NULL);
    g_autoptr(cJSON) twice = hs_test_change (NULL, other, 0);
    g_autoptr(HsResponse) r = NULL;
    changes = cJSON_CreateArray ();
    cJSON_AddItemToArray (changes, cJSON_Duplicate (twice, TRUE));
    cJSON_AddItemToArray (changes, cJSON_Duplicate (twice, TRUE));
    r = hs_test_push (url, dev->token, changes);
    ck_assert_str_eq (hs_test_status (r, 0), "applied");
    ck_assert_str_eq (hs_test_status (r, 1), "duplicate");
    ck_assert_int_eq (count_records (office), 2);
  }
}
END_TEST

START_TEST (test_versions_and_conflicts)
{
  const char *office = hs_test_office ("01", 4);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  gint64 number = hs_test_block_first (dev, "birth");
  g_autoptr(cJSON) birth = hs_test_birth (office, 20, number, NULL);
  g_autoptr(HsResponse) r1 = hs_test_push (url, dev->token, one_change (birth, 0));
  g_autoptr(HsResponse) stale = NULL;
  g_autoptr(HsResponse) edit = NULL;
  g_autoptr(HsResponse) stale2 = NULL;
  g_autoptr(HsResponse) clash = NULL;

  ck_assert_str_eq (hs_test_status (r1, 0), "applied");

  /* Created again from version 0: someone else's version 1 is there. */
  stale = hs_test_push (url, dev->token, one_change (birth, 0));
  ck_assert_str_eq (hs_test_status (stale, 0), "conflict");
  ck_assert_str_eq (hs_test_code (stale, 0), "stale_version");
  ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (hs_test_result (stale, 0), "server_version")), 1);

  /* An edit based on version 1 makes version 2; another one based on 1
   * is then stale. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"), "child"), "hometown",
                             cJSON_CreateString ("Xã Cổ Loa, Thành phố Hà Nội"));
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"), "child"), "full_name",
                             cJSON_CreateString ("Đỗ Minh Khôi"));
  edit = hs_test_push (url, dev->token, one_change (birth, 1));
  ck_assert_str_eq (hs_test_status (edit, 0), "applied");
  ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (hs_test_result (edit, 0), "server_version")), 2);
  stale2 = hs_test_push (url, dev->token, one_change (birth, 1));
  ck_assert_str_eq (hs_test_code (stale2, 0), "stale_version");
  {
    const char *params[] = { cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id")), NULL };
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT content_version FROM records WHERE id = $1::uuid", params), 2);
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT (doc ->> 'content_version')::int FROM records WHERE id = $1::uuid",
                                       params), 2);
  }
  /* The child is now found by the new name only (the keys rules use). */
  {
    g_autofree char *old_name = hs_test_child_name (20);
    g_autofree char *old_folded = ht_fold (old_name);
    const char *born = cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"),
                                                                                          "child"), "date_of_birth"));
    g_autofree char *old_key = g_strdup_printf ("person\t%s|%s", old_folded, born);
    g_autofree char *new_key = g_strdup_printf ("person\tdo minh khoi|%s", born);
    const char *old_params[] = { cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id")), old_key, NULL };
    const char *new_params[] = { cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id")), new_key, NULL };

    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM record_keys WHERE record_id = $1::uuid AND key = $2",
                                       old_params), 0);
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM record_keys WHERE record_id = $1::uuid AND key = $2",
                                       new_params), 1);
  }

  /* Another record with the same number in the same book. */
  {
    g_autoptr(cJSON) other = hs_test_birth (office, 21, number, NULL);
    clash = hs_test_push (url, dev->token, one_change (other, 0));
    ck_assert_str_eq (hs_test_status (clash, 0), "conflict");
    ck_assert_str_eq (hs_test_code (clash, 0), "number_taken");
  }
  ck_assert_int_eq (count_records (office), 1);
}
END_TEST

/* A batch's first attempt leaves register numbers to the unique index
 * (hs-apply.c): a number already used among good records is answered
 * "number_taken" on the next attempt, and the batch's other records, its
 * PINs and log rows are stored once, whatever the attempt that failed
 * wrote before.  Two records of one batch with one number: the second is
 * the conflict. */
START_TEST (test_taken_number_in_batch)
{
  const char *office = hs_test_office ("01", 12);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  gint64 number = hs_test_block_first (dev, "birth");
  g_autoptr(cJSON) first = hs_test_birth (office, 50, number, NULL);
  g_autoptr(HsResponse) r1 = hs_test_push (url, dev->token, one_change (first, 0));
  g_autoptr(HsResponse) r2 = NULL;
  cJSON *changes = cJSON_CreateArray ();
  const char *params[] = { office, NULL };

  ck_assert_str_eq (hs_test_status (r1, 0), "applied");
  for (int i = 0; i < 4; i++)
    {
      /* Numbers: new, taken by "first", new, the same new one again. */
      gint64 n = i == 1 ? number : i == 3 ? number + 1 : number + 1 + i;
      g_autoptr(cJSON) birth = hs_test_birth (office, 51 + i, n, NULL);
      cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    }
  r2 = hs_test_push (url, dev->token, changes);
  ck_assert_str_eq (hs_test_status (r2, 0), "applied");
  ck_assert_str_eq (hs_test_status (r2, 1), "conflict");
  ck_assert_str_eq (hs_test_code (r2, 1), "number_taken");
  ck_assert_str_eq (hs_test_status (r2, 2), "applied");
  ck_assert_str_eq (hs_test_status (r2, 3), "conflict");
  ck_assert_str_eq (hs_test_code (r2, 3), "number_taken");
  ck_assert_int_eq (count_records (office), 3);
  ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM change_log WHERE office = $1 AND op = 'record'", params),
                    3);
  ck_assert_int_eq (hs_pg_query_int (pg,
                                     "SELECT count(*) FROM pins p JOIN records r ON r.id = p.record_id"
                                     " WHERE r.office = $1",
                                     params),
                    3);
  ck_assert_int_eq (hs_pg_query_int (pg,
                                     "SELECT count(*) FROM record_keys k JOIN records r ON r.id = k.record_id"
                                     " WHERE r.office = $1 AND k.key LIKE 'pin%'",
                                     params),
                    3);
}
END_TEST

START_TEST (test_invalid_and_ownership)
{
  const char *office = hs_test_office ("01", 5);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  gint64 number = hs_test_block_first (dev, "birth");
  g_autoptr(cJSON) bad = hs_test_birth (office, 30, number, NULL);
  g_autoptr(cJSON) good = hs_test_birth (office, 31, number + 1, NULL);
  cJSON *changes = cJSON_CreateArray ();
  g_autoptr(HsResponse) r = NULL;
  const cJSON *issue;
  gboolean named = FALSE;

  /* Born after the registration: an error on the field. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (bad, "data"), "child"), "date_of_birth",
                             cJSON_CreateString ("2026-11-20"));
  /* The server's own fields in a push are not taken. */
  cJSON_ReplaceItemInObject (good, "pin", cJSON_CreateString ("001226999999"));
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (good, "review"), "state", cJSON_CreateString ("approved"));
  cJSON_AddItemToArray (changes, hs_test_change (NULL, bad, 0));
  cJSON_AddItemToArray (changes, hs_test_change (NULL, good, 0));
  r = hs_test_push (url, dev->token, changes);

  ck_assert_int_eq (r->status, 200);
  ck_assert_str_eq (hs_test_status (r, 0), "rejected");
  ck_assert_str_eq (hs_test_code (r, 0), "invalid");
  ck_assert_ptr_nonnull (strstr (cJSON_GetStringValue (cJSON_GetObjectItem (hs_test_result (r, 0), "message")),
                                 "data.child.date_of_birth"));
  cJSON_ArrayForEach (issue, cJSON_GetObjectItem (hs_test_result (r, 0), "issues"))
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (issue, "field")), "data.child.date_of_birth") == 0 &&
        g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (issue, "severity")), "error") == 0)
      named = TRUE;
  ck_assert (named);
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (hs_test_result (r, 0), "server_version")));

  /* The refused change did not stop the other. */
  ck_assert_str_eq (hs_test_status (r, 1), "applied");
  {
    const char *params[] = { cJSON_GetStringValue (cJSON_GetObjectItem (good, "id")), NULL };
    g_autofree char *pin = hs_pg_query_value (pg, "SELECT pin FROM records WHERE id = $1::uuid", params);
    g_autofree char *state = hs_pg_query_value (pg, "SELECT doc -> 'review' ->> 'state' FROM records"
                                                    " WHERE id = $1::uuid", params);
    ck_assert_str_ne (pin, "001226999999");
    ck_assert_str_eq (state, "pending");
  }
  ck_assert_int_eq (count_records (office), 1);
}
END_TEST

/* A push of "changes" whose text has the placeholder "@BAD@" replaced with
 * a byte that is not UTF-8. */
static HsResponse *
push_with_bad_byte (const HsTestDevice *dev,
                    cJSON              *changes)
{
  g_autoptr(cJSON) batch = hs_test_batch (changes);
  g_autofree char *text = cJSON_PrintUnformatted (batch);
  g_autoptr(GString) body = g_string_new (text);

  ck_assert_uint_eq (g_string_replace (body, "@BAD@", "\xff", 0), 1);
  return hs_http (url, dev->token, "POST", "/api/v1/push", body->str, (gssize) body->len, HS_HTTP_NONE);
}

/* A record is canonicalised by moving its values out of the request when
 * the body is valid UTF-8, and by copying them when it is not (hs-push.c):
 * the same record gets the same answer either way, a text that is not
 * UTF-8 is named by its field, nothing refused is stored, and the hash of
 * an applied change is of the text cJSON prints, as servers before stored
 * it, so that a replay of a change they applied is still a duplicate. */
START_TEST (test_push_paths)
{
  static const char *const server_members[] = { "pin", "review", "content_version", "updated_at" };
  const char *office = hs_test_office ("48", 1);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  gint64 first = hs_test_block_first (dev, "birth");
  g_autoptr(cJSON) bad = hs_test_birth (office, 60, first, NULL);
  g_autoptr(cJSON) not_utf8 = hs_test_birth (office, 61, first + 1, NULL);
  g_autoptr(cJSON) good = hs_test_birth (office, 62, first + 2, NULL);
  g_autoptr(cJSON) reordered = cJSON_CreateObject ();
  g_autoptr(HsResponse) taken = NULL;
  g_autoptr(HsResponse) copied = NULL;
  g_autoptr(HsResponse) applied = NULL;
  g_autoptr(HsResponse) replay = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) canonical = NULL;
  g_autofree char *change_id = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autofree char *content = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *stored = NULL;
  const char *params[] = { change_id, NULL };
  cJSON *changes;
  const cJSON *issue;
  gboolean named = FALSE;

  /* A member the kind does not have, and a wrong type: invalid. */
  cJSON_AddStringToObject (cJSON_GetObjectItem (cJSON_GetObjectItem (bad, "data"), "child"), "colour", "red");
  cJSON_ReplaceItemInObject (bad, "book_year", cJSON_CreateString ("2026"));
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (not_utf8, "data"), "child"), "full_name",
                             cJSON_CreateString ("Nguy@BAD@n Văn An"));

  taken = hs_test_push (url, dev->token, one_change (bad, 0));
  changes = one_change (bad, 0);
  cJSON_AddItemToArray (changes, hs_test_change (NULL, not_utf8, 0));
  copied = push_with_bad_byte (dev, changes);
  ck_assert_int_eq (taken->status, 200);
  ck_assert_int_eq (copied->status, 200);
  ck_assert_str_eq (hs_test_status (taken, 0), "rejected");
  ck_assert_str_eq (hs_test_code (taken, 0), "invalid");
  ck_assert_str_eq (hs_test_status (copied, 0), "rejected");
  ck_assert_str_eq (hs_test_code (copied, 0), "invalid");
  ck_assert_msg (cJSON_GetArraySize (cJSON_GetObjectItem (hs_test_result (taken, 0), "issues")) >= 2, "%s",
                 taken->body);
  ck_assert_msg (cJSON_Compare (cJSON_GetObjectItem (hs_test_result (taken, 0), "issues"),
                                cJSON_GetObjectItem (hs_test_result (copied, 0), "issues"), TRUE),
                 "%s\n%s", taken->body, copied->body);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (hs_test_result (taken, 0), "message")),
                    cJSON_GetStringValue (cJSON_GetObjectItem (hs_test_result (copied, 0), "message")));
  ck_assert_str_eq (hs_test_status (copied, 1), "rejected");
  ck_assert_str_eq (hs_test_code (copied, 1), "invalid");
  cJSON_ArrayForEach (issue, cJSON_GetObjectItem (hs_test_result (copied, 1), "issues"))
    named = named ||
            (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (issue, "field")), "data.child.full_name") == 0 &&
             g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (issue, "code")), "invalid_utf8") == 0);
  ck_assert_msg (named, "%s", copied->body);
  ck_assert_int_eq (count_records (office), 0);

  /* Applied, and hashed as cJSON prints the record less the server's
   * members. */
  changes = cJSON_CreateArray ();
  cJSON_AddItemToArray (changes, hs_test_change (change_id, good, 0));
  applied = hs_test_push (url, dev->token, changes);
  ck_assert_msg (g_strcmp0 (hs_test_status (applied, 0), "applied") == 0, "%s", applied->body);
  canonical = ht_record_canonicalize (good, issues);
  ck_assert_ptr_nonnull (canonical);
  for (guint m = 0; m < G_N_ELEMENTS (server_members); m++)
    cJSON_DeleteItemFromObjectCaseSensitive (canonical, server_members[m]);
  text = cJSON_PrintUnformatted (canonical);
  content = g_strdup_printf ("%s\n0\nrecord\n%s", cJSON_GetStringValue (cJSON_GetObjectItem (good, "id")), text);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  stored = hs_pg_query_value (pg, "SELECT content_hash FROM change_log WHERE change_id = $1::uuid", params);
  ck_assert_str_eq (stored, expected);

  /* The same change again, its members in the opposite order: a
   * duplicate. */
  for (int i = cJSON_GetArraySize (good) - 1; i >= 0; i--)
    {
      const cJSON *member = cJSON_GetArrayItem (good, i);
      cJSON_AddItemToObject (reordered, member->string, cJSON_Duplicate (member, TRUE));
    }
  changes = cJSON_CreateArray ();
  cJSON_AddItemToArray (changes, hs_test_change (change_id, reordered, 0));
  replay = hs_test_push (url, dev->token, changes);
  ck_assert_msg (g_strcmp0 (hs_test_status (replay, 0), "duplicate") == 0, "%s", replay->body);
  ck_assert_int_eq (count_records (office), 1);
}
END_TEST

START_TEST (test_foreign_child_no_pin)
{
  const char *office = hs_test_office ("01", 6);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(cJSON) birth = hs_test_birth (office, 40, hs_test_block_first (dev, "birth"), NULL);
  cJSON *data = cJSON_GetObjectItem (birth, "data");
  cJSON *agreement = cJSON_CreateObject ();
  g_autoptr(HsResponse) r = NULL;

  /* A child of foreign nationality, with the parents' agreement: no PIN
   * (Luật Hộ tịch Điều 36.2). */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (data, "child"), "nationality", cJSON_CreateString ("Hàn Quốc"));
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (data, "father"), "nationality", cJSON_CreateString ("Hàn Quốc"));
  cJSON_AddStringToObject (agreement, "title", "Văn bản thỏa thuận chọn quốc tịch cho con");
  cJSON_AddStringToObject (agreement, "issued_on", "2026-01-05");
  cJSON_AddItemToObject (data, "nationality_agreement", agreement);
  r = hs_test_push (url, dev->token, one_change (birth, 0));
  if (g_strcmp0 (hs_test_status (r, 0), "applied") != 0)
    ck_abort_msg ("not applied: %s", r->body);
  {
    const char *params[] = { cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id")), NULL };
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM records WHERE id = $1::uuid AND pin IS NULL",
                                       params), 1);
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM pins WHERE record_id = $1::uuid", params), 0);
  }
}
END_TEST

START_TEST (test_scope_and_unsupported)
{
  const char *office = hs_test_office ("01", 7);
  const char *other = hs_test_office ("01", 8);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(cJSON) mine = hs_test_birth (office, 50, hs_test_block_first (dev, "birth"), NULL);
  g_autoptr(cJSON) theirs = hs_test_birth (other, 51, 1, NULL);
  g_autoptr(HsResponse) mixed = NULL;
  g_autoptr(HsResponse) all_out = NULL;
  cJSON *changes = cJSON_CreateArray ();
  cJSON *review = cJSON_CreateObject ();

  cJSON_AddItemToArray (changes, hs_test_change (NULL, theirs, 0));
  cJSON_AddItemToArray (changes, hs_test_change (NULL, mine, 0));
  {
    g_autofree char *id = g_uuid_string_random ();
    cJSON_AddStringToObject (review, "change_id", id);
    cJSON_AddStringToObject (review, "record_id", cJSON_GetStringValue (cJSON_GetObjectItem (mine, "id")));
    cJSON_AddNumberToObject (review, "base_version", 1);
    cJSON_AddStringToObject (review, "op", "review");
    cJSON_AddStringToObject (cJSON_AddObjectToObject (review, "review"), "state", "approved");
    cJSON_AddItemToArray (changes, review);
  }
  mixed = hs_test_push (url, dev->token, changes);
  ck_assert_int_eq (mixed->status, 200);
  ck_assert_str_eq (hs_test_status (mixed, 0), "rejected");
  ck_assert_str_eq (hs_test_code (mixed, 0), "out_of_scope");
  ck_assert_str_eq (hs_test_status (mixed, 1), "applied");
  /* A commune's device does not decide reviews (tests/server/test-server-review.c). */
  ck_assert_str_eq (hs_test_code (mixed, 2), "forbidden");
  ck_assert_int_eq (count_records (other), 0);

  /* A batch only for another office: refused whole. */
  all_out = hs_test_push (url, dev->token, one_change (theirs, 0));
  ck_assert_int_eq (all_out->status, 403);
  ck_assert_str_eq (hs_test_error_code (all_out), "forbidden");
  ck_assert_int_eq (count_records (other), 0);

  /* A reviewer writes no records. */
  {
    g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "01");
    g_autoptr(cJSON) more = hs_test_birth (office, 52, hs_test_block_first (dev, "birth") + 1, NULL);
    g_autoptr(HsResponse) r = hs_test_push (url, reviewer->token, one_change (more, 0));
    ck_assert_int_eq (r->status, 403);
  }
  ck_assert_int_eq (count_records (office), 1);
}
END_TEST

/* ---- pull ---- */

START_TEST (test_pull_paging)
{
  const char *office = hs_test_office ("01", 9);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(HsTestDevice) sibling = hs_test_enroll (pg, url, "clerk", office);
  cJSON *changes = cJSON_CreateArray ();
  g_autoptr(HsResponse) pushed = NULL;
  g_autofree char *cursor = g_strdup ("0");
  gint64 last_seq = 0;
  guint pins = 0, blocks = 0, pages = 0;
  gboolean more = TRUE;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(cJSON) birth = hs_test_birth (office, 60 + i, hs_test_block_first (dev, "birth") + i, NULL);
      cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    }
  pushed = hs_test_push (url, dev->token, changes);
  ck_assert_str_eq (hs_test_status (pushed, 2), "applied");

  /* Its own number blocks (not the sibling's) and 3 PINs, 2 a page. */
  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%s&limit=2", cursor);
      g_autoptr(HsResponse) r = hs_http (url, dev->token, "GET", path, NULL, 0, HS_HTTP_NONE);
      const cJSON *change;

      ck_assert_int_eq (r->status, 200);
      ck_assert_int_le (cJSON_GetArraySize (cJSON_GetObjectItem (r->json, "changes")), 2);
      cJSON_ArrayForEach (change, cJSON_GetObjectItem (r->json, "changes"))
        {
          gint64 seq = (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (change, "server_seq"));
          const char *op = cJSON_GetStringValue (cJSON_GetObjectItem (change, "op"));

          ck_assert_int_gt (seq, last_seq);
          last_seq = seq;
          if (g_str_equal (op, "pin"))
            pins++;
          else if (g_str_equal (op, "number_block"))
            {
              const cJSON *block = cJSON_GetObjectItem (change, "number_block");
              ck_assert_ptr_nonnull (cJSON_GetObjectItem (block, "kind"));
              ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "book_year")), 2026);
              blocks++;
            }
        }
      g_free (cursor);
      cursor = g_strdup_printf ("%.0f", cJSON_GetNumberValue (cJSON_GetObjectItem (r->json, "cursor")));
      more = cJSON_IsTrue (cJSON_GetObjectItem (r->json, "more"));
      ck_assert_int_lt (++pages, 20);
    }
  ck_assert_uint_eq (blocks, n_kinds ());
  ck_assert_uint_eq (pins, 3);
  ck_assert_int_eq (g_ascii_strtoll (cursor, NULL, 10), last_seq);

  /* Nothing after the end. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%s", cursor);
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "GET", path, NULL, 0, HS_HTTP_NONE);
    ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (r->json, "changes")), 0);
    ck_assert (cJSON_IsFalse (cJSON_GetObjectItem (r->json, "more")));
    ck_assert_int_eq ((gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (r->json, "cursor")), last_seq);
  }
}
END_TEST

/* ---- number blocks ---- */

typedef struct
{
  const char *token;
  gint64      first;
  gint64      last;
} BlockCall;

static gpointer
request_block (gpointer data)
{
  BlockCall *call = data;
  g_autoptr(HsResponse) r = hs_http (url, call->token, "POST", "/api/v1/number-blocks",
                                     "{\"kind\":\"death\",\"book_year\":2026}", -1, HS_HTTP_NONE);
  const cJSON *block = cJSON_GetArrayItem (cJSON_GetObjectItem (r->json, "number_blocks"), 0);

  if (r->status == 200 && block != NULL)
    {
      call->first = (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "first"));
      call->last = (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "last"));
    }
  return NULL;
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const BlockCall *x = a, *y = b;
  return x->first < y->first ? -1 : x->first > y->first;
}

START_TEST (test_number_blocks)
{
  const char *office = hs_test_office ("01", 10);
  g_autoptr(HsTestDevice) a = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(HsTestDevice) b = hs_test_enroll (pg, url, "clerk", office);
  BlockCall calls[12];
  GThread *threads[G_N_ELEMENTS (calls)];

  /* The second PC of the office starts where the first one's block ends. */
  ck_assert_int_eq (hs_test_block_first (a, "birth"), 1);
  ck_assert_int_eq (hs_test_block_first (b, "birth"), 101);

  /* On request, a further block. */
  {
    g_autoptr(HsResponse) r = hs_http (url, a->token, "POST", "/api/v1/number-blocks",
                                       "{\"kind\":\"birth\",\"book_year\":2026}", -1, HS_HTTP_NONE);
    const cJSON *block = cJSON_GetArrayItem (cJSON_GetObjectItem (r->json, "number_blocks"), 0);
    ck_assert_int_eq (r->status, 200);
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (block, "kind")), "birth");
    ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "first")), 201);
    ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "last")), 300);
  }

  /* Many at once, from both devices: never overlapping. */
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      calls[i].token = i % 2 ? a->token : b->token;
      calls[i].first = calls[i].last = 0;
      threads[i] = g_thread_new ("block", request_block, &calls[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    g_thread_join (threads[i]);
  qsort (calls, G_N_ELEMENTS (calls), sizeof calls[0], compare_calls);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      ck_assert_int_gt (calls[i].first, 0);
      ck_assert_int_eq (calls[i].last - calls[i].first, 99);
      if (i > 0)
        ck_assert_int_gt (calls[i].first, calls[i - 1].last);
    }

  /* Numbers stored beyond the counter (a digitised book) are skipped. */
  {
    g_autoptr(cJSON) old = hs_test_birth (office, 70, 5000, NULL);
    g_autoptr(HsResponse) pushed = hs_test_push (url, a->token, one_change (old, 0));
    g_autoptr(HsResponse) r = NULL;
    ck_assert_str_eq (hs_test_status (pushed, 0), "applied");
    r = hs_http (url, a->token, "POST", "/api/v1/number-blocks", "{\"kind\":\"birth\",\"book_year\":2026}", -1,
                 HS_HTTP_NONE);
    ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (
                        cJSON_GetArrayItem (cJSON_GetObjectItem (r->json, "number_blocks"), 0), "first")), 5001);
  }

  /* Wrong shapes and roles. */
  {
    g_autoptr(HsResponse) bad_kind = hs_http (url, a->token, "POST", "/api/v1/number-blocks",
                                              "{\"kind\":\"wedding\",\"book_year\":2026}", -1, HS_HTTP_NONE);
    g_autoptr(HsResponse) bad_year = hs_http (url, a->token, "POST", "/api/v1/number-blocks",
                                              "{\"kind\":\"birth\",\"book_year\":3026}", -1, HS_HTTP_NONE);
    g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "01");
    g_autoptr(HsResponse) forbidden = hs_http (url, reviewer->token, "POST", "/api/v1/number-blocks",
                                               "{\"kind\":\"birth\",\"book_year\":2026}", -1, HS_HTTP_NONE);
    ck_assert_int_eq (bad_kind->status, 400);
    ck_assert_int_eq (bad_year->status, 400);
    ck_assert_int_eq (forbidden->status, 403);
  }
}
END_TEST

/* ---- gzip ---- */

START_TEST (test_gzip)
{
  const char *office = hs_test_office ("01", 11);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(cJSON) birth = hs_test_birth (office, 80, hs_test_block_first (dev, "birth"), NULL);
  g_autoptr(cJSON) batch = hs_test_batch (one_change (birth, 0));
  g_autofree char *text = cJSON_PrintUnformatted (batch);
  g_autoptr(HsResponse) r = hs_http (url, dev->token, "POST", "/api/v1/push", text, -1, HS_HTTP_GZIP_BODY);
  g_autoptr(HsResponse) pulled = NULL;

  ck_assert_int_eq (r->status, 200);
  ck_assert_str_eq (hs_test_status (r, 0), "applied");

  /* A large answer comes back gzipped to a client that accepts it (curl
   * decodes it, so the JSON is still readable here). */
  pulled = hs_http (url, dev->token, "GET", "/api/v1/pull", NULL, 0, HS_HTTP_ACCEPT_GZIP);
  ck_assert_int_eq (pulled->status, 200);
  ck_assert_str_eq (pulled->content_encoding, "gzip");
  ck_assert_ptr_nonnull (pulled->json);
}
END_TEST

/* The gzip text of "len" bytes at "data", as a client sends it. */
static GBytes *
gzip_bytes (const char *data,
            gsize       len)
{
  z_stream z = { 0 };
  gsize bound;
  guint8 *out;

  ck_assert_int_eq (deflateInit2 (&z, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  bound = deflateBound (&z, len) + 32;
  out = g_malloc (bound);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) len;
  z.next_out = out;
  z.avail_out = (uInt) bound;
  ck_assert_int_eq (deflate (&z, Z_FINISH), Z_STREAM_END);
  deflateEnd (&z);
  return g_bytes_new_take (out, bound - z.avail_out);
}

/* A gzip body that expands to several of the server's 64 KiB inflate steps
 * (hs-http.c writes them straight into a buffer sized from the gzip trailer)
 * is read whole; one whose trailer gives a wrong size is damaged and stores
 * nothing. */
START_TEST (test_gzip_large)
{
  const char *office = hs_test_office ("01", 12);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  cJSON *changes = cJSON_CreateArray ();
  g_autoptr(cJSON) batch = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) zipped = NULL;
  g_autofree guint8 *wrong = NULL;
  gsize zlen, len;
  gint64 first = hs_test_block_first (dev, "birth");
  gint64 before = count_records (office);

  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(cJSON) birth = hs_test_birth (office, 300 + i, first + i, NULL);
      cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    }
  batch = hs_test_batch (changes);
  text = cJSON_PrintUnformatted (batch);
  len = strlen (text);
  ck_assert_uint_gt (len, 3 * 64 * 1024);
  zipped = gzip_bytes (text, len);
  wrong = g_memdup2 (g_bytes_get_data (zipped, &zlen), g_bytes_get_size (zipped));

  /* ISIZE, the trailer's last four bytes, one too small. */
  wrong[zlen - 4]--;
  {
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "POST", "/api/v1/push", (const char *) wrong, (gssize) zlen,
                                       HS_HTTP_SAY_GZIP);
    ck_assert_int_eq (r->status, 400);
    ck_assert_str_eq (hs_test_error_code (r), "bad_request");
  }
  ck_assert_int_eq (count_records (office), before);
  {
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "POST", "/api/v1/push", g_bytes_get_data (zipped, NULL),
                                       (gssize) zlen, HS_HTTP_SAY_GZIP);
    ck_assert_int_eq (r->status, 200);
    for (guint i = 0; i < 150; i++)
      ck_assert_str_eq (hs_test_status (r, i), "applied");
  }
  ck_assert_int_eq (count_records (office), before + 150);
}
END_TEST


int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "health", test_health },
    { "enroll-clerk", test_enroll_clerk },
    { "enroll-reviewer", test_enroll_reviewer },
    { "enroll-bad-codes", test_enroll_bad_codes },
    { "push-births-pins", test_push_births_and_pins },
    { "replay-id-reuse", test_replay_and_id_reuse },
    { "versions-conflicts", test_versions_and_conflicts },
    { "taken-number-in-batch", test_taken_number_in_batch },
    { "invalid-ownership", test_invalid_and_ownership },
    { "foreign-child", test_foreign_child_no_pin },
    { "push-paths", test_push_paths },
    { "scope-unsupported", test_scope_and_unsupported },
    { "pull-paging", test_pull_paging },
    { "number-blocks", test_number_blocks },
    { "gzip", test_gzip },
    { "gzip-large", test_gzip_large },
  };

  return hs_test_main ("server-sync", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
