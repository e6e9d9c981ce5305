/* test-server-review.c — review decisions and potential duplicates on the real server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test enrols its own devices in offices no other test uses, so the
 * tests share one PostgreSQL and one server without seeing each other's
 * records (a reviewer of a province still sees the province's records of
 * other tests, which is why look-ups go by record id).
 */
#include <string.h>
#include <check.h>

#include "hs-test-main.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

/* ---- Helpers ---- */

static const char *
record_id (const cJSON *record)
{
  return cJSON_GetStringValue (cJSON_GetObjectItem (record, "id"));
}

/* Pushes one record change and insists it is applied; its new version. */
static gint64
store (const HsTestDevice *clerk,
       const cJSON        *record,
       gint64              base)
{
  cJSON *changes = cJSON_CreateArray ();
  g_autoptr(HsResponse) r = NULL;

  cJSON_AddItemToArray (changes, hs_test_change (NULL, record, base));
  r = hs_test_push (url, clerk->token, changes);
  ck_assert_msg (g_strcmp0 (hs_test_status (r, 0), "applied") == 0, "not applied: %s", r->body);
  return (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (hs_test_result (r, 0), "server_version"));
}

/* {"change_id","record_id","base_version","op":"review","review":{…}};
 * "comment" NULL sends null. */
static cJSON *
review_change (const char *change_id,
               const char *id,
               gint64      base,
               const char *state,
               const char *comment)
{
  g_autofree char *fresh = g_uuid_string_random ();
  cJSON *change = cJSON_CreateObject ();
  cJSON *review;

  cJSON_AddStringToObject (change, "change_id", change_id != NULL ? change_id : fresh);
  cJSON_AddStringToObject (change, "record_id", id);
  cJSON_AddNumberToObject (change, "base_version", (double) base);
  cJSON_AddStringToObject (change, "op", "review");
  review = cJSON_AddObjectToObject (change, "review");
  cJSON_AddStringToObject (review, "state", state);
  if (comment != NULL)
    cJSON_AddStringToObject (review, "comment", comment);
  else
    cJSON_AddNullToObject (review, "comment");
  return change;
}

/* Pushes one decision. */
static HsResponse *
decide (const HsTestDevice *reviewer,
        const char         *change_id,
        const char         *id,
        gint64              base,
        const char         *state,
        const char         *comment)
{
  cJSON *changes = cJSON_CreateArray ();

  cJSON_AddItemToArray (changes, review_change (change_id, id, base, state, comment));
  return hs_test_push (url, reviewer->token, changes);
}

/* Every change a device pulls from cursor 0, page after page. */
static cJSON *
pull_all (const HsTestDevice *device)
{
  cJSON *all = cJSON_CreateArray ();
  gint64 cursor = 0;
  gboolean more = TRUE;

  for (guint pages = 0; more; pages++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT "&limit=1000", cursor);
      g_autoptr(HsResponse) r = hs_http (url, device->token, "GET", path, NULL, 0, HS_HTTP_NONE);
      cJSON *item;

      ck_assert_int_eq (r->status, 200);
      ck_assert_uint_lt (pages, 100);
      cJSON_ArrayForEach (item, cJSON_GetObjectItem (r->json, "changes"))
        cJSON_AddItemToArray (all, cJSON_Duplicate (item, TRUE));
      cursor = (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (r->json, "cursor"));
      more = cJSON_IsTrue (cJSON_GetObjectItem (r->json, "more"));
    }
  return all;
}

/* The pulled changes of a record with "op"; asserts there is exactly one. */
static const cJSON *
pulled_once (const cJSON *changes,
             const char  *id,
             const char  *op)
{
  const cJSON *item, *found = NULL;
  guint n = 0;

  cJSON_ArrayForEach (item, changes)
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (item, "record_id")), id) == 0 &&
        g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (item, "op")), op) == 0)
      {
        found = item;
        n++;
      }
  ck_assert_msg (n == 1, "%u pulled %s changes of %s", n, op, id);
  return found;
}

static char *
db_value (const char *sql,
          const char *param)
{
  const char *params[] = { param, NULL };
  return hs_pg_query_value (pg, sql, params);
}

static gint64
db_int (const char *sql,
        const char *param)
{
  const char *params[] = { param, NULL };
  return hs_pg_query_int (pg, sql, params);
}

static char *
device_name (const HsTestDevice *device)
{
  return db_value ("SELECT name FROM devices WHERE id = $1::uuid", device->id);
}

static void
assert_result (const HsResponse *r,
               guint             i,
               const char       *status,
               const char       *code)
{
  ck_assert_int_eq (r->status, 200);
  ck_assert_msg (g_strcmp0 (hs_test_status (r, i), status) == 0 && g_strcmp0 (hs_test_code (r, i), code) == 0,
                 "result %u: want %s/%s, got %s", i, status, code[0] != '\0' ? code : "null", r->body);
}

static gint64
result_version (const HsResponse *r,
                guint             i)
{
  const cJSON *version = cJSON_GetObjectItem (hs_test_result (r, i), "server_version");
  return cJSON_IsNumber (version) ? (gint64) version->valuedouble : -1;
}

/* ---- Decisions ---- */

START_TEST (test_approve)
{
  const char *office = hs_test_office ("79", 10);
  g_autoptr(HsTestDevice) clerk = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(cJSON) birth = hs_test_birth (office, 1000, hs_test_block_first (clerk, "birth"), NULL);
  g_autofree char *change_id = g_uuid_string_random ();
  g_autofree char *name = device_name (reviewer);
  const char *id = record_id (birth);
  gint64 version = store (clerk, birth, 0);

  ck_assert_int_eq (version, 1);
  /* The reviewer sees it pending. */
  {
    g_autoptr(cJSON) pulled = pull_all (reviewer);
    const cJSON *change = pulled_once (pulled, id, "record");
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (cJSON_GetObjectItem (change, "record"), "review.state")),
                      "pending");
    ck_assert_ptr_null (cJSON_GetObjectItem (change, "potential_duplicate"));
  }

  {
    g_autoptr(HsResponse) r = decide (reviewer, change_id, id, 1, "approved", NULL);
    assert_result (r, 0, "applied", "");
    ck_assert_int_eq (result_version (r, 0), 1);
  }
  {
    g_autofree char *state = db_value ("SELECT review_state FROM records WHERE id = $1::uuid", id);
    g_autofree char *by = db_value ("SELECT doc #>> '{review,by}' FROM records WHERE id = $1::uuid", id);
    g_autofree char *at = db_value ("SELECT doc #>> '{review,at}' FROM records WHERE id = $1::uuid", id);
    g_autofree char *content = db_value ("SELECT content_version::text FROM records WHERE id = $1::uuid", id);
    GDateTime *when;

    ck_assert_str_eq (state, "approved");
    ck_assert_str_eq (by, name);
    when = g_date_time_new_from_iso8601 (at, NULL);
    ck_assert_msg (when != NULL, "review.at is not RFC 3339: %s", at);
    g_date_time_unref (when);
    ck_assert_str_eq (content, "1");
  }
  /* The audit log says who, when and what. */
  ck_assert_int_eq (db_int ("SELECT count(*) FROM audit_log WHERE action = 'review' AND record_id = $1::uuid"
                            " AND device_id IS NOT NULL AND at IS NOT NULL AND detail ->> 'state' = 'approved'"
                            " AND detail ? 'comment' AND detail ? 'by'", id), 1);

  /* The commune pulls the decision, flat. */
  {
    g_autoptr(cJSON) pulled = pull_all (clerk);
    const cJSON *change = pulled_once (pulled, id, "review");
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (change, "state")), "approved");
    ck_assert (cJSON_IsNull (cJSON_GetObjectItem (change, "comment")));
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (change, "by")), name);
    ck_assert (cJSON_IsString (cJSON_GetObjectItem (change, "at")));
    ck_assert (cJSON_IsNumber (cJSON_GetObjectItem (change, "server_seq")));
  }
  /* The reviewer pulls the record once, approved. */
  {
    g_autoptr(cJSON) pulled = pull_all (reviewer);
    const cJSON *change = pulled_once (pulled, id, "record");
    const cJSON *record = cJSON_GetObjectItem (change, "record");
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.state")), "approved");
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.by")), name);
  }

  /* The same change again: a replay.  The same id for another decision:
   * refused.  A second decision: a conflict. */
  {
    g_autoptr(HsResponse) replay = decide (reviewer, change_id, id, 1, "approved", NULL);
    g_autoptr(HsResponse) reused = decide (reviewer, change_id, id, 1, "returned", "Sai tên mẹ");
    g_autoptr(HsResponse) again = decide (reviewer, NULL, id, 1, "rejected", "Trùng");

    assert_result (replay, 0, "duplicate", "");
    ck_assert_int_eq (result_version (replay, 0), 1);
    assert_result (reused, 0, "rejected", "id_reused");
    assert_result (again, 0, "conflict", "invalid_transition");
    ck_assert_ptr_nonnull (strstr (cJSON_GetStringValue (cJSON_GetObjectItem (hs_test_result (again, 0), "message")),
                                   "approved"));
  }
  ck_assert_int_eq (db_int ("SELECT count(*) FROM audit_log WHERE action = 'review' AND record_id = $1::uuid", id), 1);
  ck_assert_int_eq (db_int ("SELECT count(*) FROM change_log WHERE op = 'review' AND record_id = $1::uuid", id), 1);

  /* Approved content is frozen. */
  {
    cJSON *changes = cJSON_CreateArray ();
    g_autoptr(HsResponse) r = NULL;

    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"), "child"), "hometown",
                               cJSON_CreateString ("Phường Sài Gòn, Thành phố Hồ Chí Minh"));
    cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 1));
    r = hs_test_push (url, clerk->token, changes);
    assert_result (r, 0, "rejected", "frozen");
  }
  ck_assert_int_eq (db_int ("SELECT content_version FROM records WHERE id = $1::uuid", id), 1);
}
END_TEST

START_TEST (test_return_and_resubmit)
{
  const char *office = hs_test_office ("79", 11);
  g_autoptr(HsTestDevice) clerk = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(cJSON) birth = hs_test_birth (office, 1010, hs_test_block_first (clerk, "birth"), NULL);
  g_autofree char *name = device_name (reviewer);
  const char *id = record_id (birth);

  store (clerk, birth, 0);

  /* A return needs a comment; blanks are none. */
  {
    g_autoptr(HsResponse) none = decide (reviewer, NULL, id, 1, "returned", NULL);
    g_autoptr(HsResponse) blank = decide (reviewer, NULL, id, 1, "returned", "  \t ");
    assert_result (none, 0, "rejected", "comment_required");
    assert_result (blank, 0, "rejected", "comment_required");
    ck_assert_ptr_nonnull (strstr (cJSON_GetStringValue (cJSON_GetObjectItem (hs_test_result (none, 0), "message")),
                                   "review.comment"));
  }
  {
    g_autofree char *state = db_value ("SELECT review_state FROM records WHERE id = $1::uuid", id);
    ck_assert_str_eq (state, "pending");
  }
  {
    g_autoptr(HsResponse) r = decide (reviewer, NULL, id, 1, "returned", " Quê quán ghi thiếu tỉnh ");
    assert_result (r, 0, "applied", "");
  }

  /* The commune sees the comment, who and when. */
  {
    g_autoptr(cJSON) pulled = pull_all (clerk);
    const cJSON *change = pulled_once (pulled, id, "review");
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (change, "state")), "returned");
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (change, "comment")), "Quê quán ghi thiếu tỉnh");
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (change, "by")), name);
    ck_assert (cJSON_IsString (cJSON_GetObjectItem (change, "at")));
  }

  /* It edits the record: resubmitted, the comment kept. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"), "child"), "hometown",
                             cJSON_CreateString ("Phường Sài Gòn, Thành phố Hồ Chí Minh"));
  ck_assert_int_eq (store (clerk, birth, 1), 2);
  {
    g_autofree char *state = db_value ("SELECT review_state FROM records WHERE id = $1::uuid", id);
    g_autofree char *doc_state = db_value ("SELECT doc #>> '{review,state}' FROM records WHERE id = $1::uuid", id);
    g_autofree char *comment = db_value ("SELECT doc #>> '{review,comment}' FROM records WHERE id = $1::uuid", id);
    ck_assert_str_eq (state, "resubmitted");
    ck_assert_str_eq (doc_state, "resubmitted");
    ck_assert_str_eq (comment, "Quê quán ghi thiếu tỉnh");
  }
  {
    g_autoptr(cJSON) pulled = pull_all (reviewer);
    const cJSON *record = cJSON_GetObjectItem (pulled_once (pulled, id, "record"), "record");
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.state")), "resubmitted");
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.comment")), "Quê quán ghi thiếu tỉnh");
    ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (record, "content_version")), 2);
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "data.child.hometown")),
                      "Phường Sài Gòn, Thành phố Hồ Chí Minh");
  }

  /* A decision made on the version before: a conflict naming both. */
  {
    g_autoptr(HsResponse) stale = decide (reviewer, NULL, id, 1, "approved", NULL);
    const char *message;

    assert_result (stale, 0, "conflict", "stale_version");
    ck_assert_int_eq (result_version (stale, 0), 2);
    message = cJSON_GetStringValue (cJSON_GetObjectItem (hs_test_result (stale, 0), "message"));
    ck_assert_ptr_nonnull (strstr (message, "1"));
    ck_assert_ptr_nonnull (strstr (message, "2"));
  }
  {
    g_autoptr(HsResponse) r = decide (reviewer, NULL, id, 2, "approved", NULL);
    assert_result (r, 0, "applied", "");
    ck_assert_int_eq (result_version (r, 0), 2);
  }
  {
    g_autoptr(cJSON) pulled = pull_all (clerk);
    const cJSON *item;
    guint reviews = 0;

    cJSON_ArrayForEach (item, pulled)
      if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (item, "record_id")), id) == 0 &&
          g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (item, "op")), "review") == 0)
        reviews++;
    ck_assert_uint_eq (reviews, 2);
  }
  ck_assert_int_eq (db_int ("SELECT count(*) FROM audit_log WHERE action = 'review' AND record_id = $1::uuid", id), 2);
}
END_TEST

START_TEST (test_reject)
{
  const char *office = hs_test_office ("79", 12);
  g_autoptr(HsTestDevice) clerk = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(cJSON) birth = hs_test_birth (office, 1020, hs_test_block_first (clerk, "birth"), NULL);
  const char *id = record_id (birth);

  store (clerk, birth, 0);
  {
    g_autoptr(HsResponse) none = decide (reviewer, NULL, id, 1, "rejected", NULL);
    g_autoptr(HsResponse) r = decide (reviewer, NULL, id, 1, "rejected", "Đăng ký trùng với KS/2026/3");
    assert_result (none, 0, "rejected", "comment_required");
    assert_result (r, 0, "applied", "");
  }
  ck_assert_int_eq (db_int ("SELECT count(*) FROM audit_log WHERE action = 'review' AND record_id = $1::uuid"
                            " AND detail ->> 'state' = 'rejected'"
                            " AND detail ->> 'comment' = 'Đăng ký trùng với KS/2026/3'", id), 1);
  /* A void entry is not edited either. */
  {
    cJSON *changes = cJSON_CreateArray ();
    g_autoptr(HsResponse) r = NULL;

    cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 1));
    r = hs_test_push (url, clerk->token, changes);
    assert_result (r, 0, "rejected", "frozen");
  }
}
END_TEST

/* ---- Who may decide ---- */

START_TEST (test_scope)
{
  const char *hcm = hs_test_office ("79", 13);
  const char *hanoi = hs_test_office ("01", 13);
  g_autoptr(HsTestDevice) hcm_clerk = hs_test_enroll (pg, url, "clerk", hcm);
  g_autoptr(HsTestDevice) hanoi_clerk = hs_test_enroll (pg, url, "clerk", hanoi);
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "01");
  g_autoptr(HsTestDevice) district = hs_test_enroll (pg, url, "reviewer", "001");
  g_autoptr(cJSON) outside = hs_test_birth (hcm, 1030, hs_test_block_first (hcm_clerk, "birth"), NULL);
  g_autoptr(cJSON) inside = hs_test_birth (hanoi, 1031, hs_test_block_first (hanoi_clerk, "birth"), NULL);

  store (hcm_clerk, outside, 0);
  store (hanoi_clerk, inside, 0);

  /* Every decision outside: the request is refused, nothing stored. */
  {
    g_autoptr(HsResponse) r = decide (reviewer, NULL, record_id (outside), 1, "approved", NULL);
    ck_assert_int_eq (r->status, 403);
    ck_assert_str_eq (hs_test_error_code (r), "forbidden");
  }
  /* A pre-2025 district sees only records registered before the reform:
   * a 2026 record of its old commune is outside too. */
  {
    g_autoptr(HsTestDevice) ba_dinh = hs_test_enroll (pg, url, "clerk", "00004");
    g_autoptr(cJSON) recent = hs_test_birth ("00004", 1032, hs_test_block_first (ba_dinh, "birth"), NULL);
    g_autoptr(HsResponse) r = NULL;

    store (ba_dinh, recent, 0);
    r = decide (district, NULL, record_id (recent), 1, "approved", NULL);
    ck_assert_int_eq (r->status, 403);
  }
  /* Mixed: the one outside is refused, the other applied. */
  {
    cJSON *changes = cJSON_CreateArray ();
    g_autoptr(HsResponse) r = NULL;

    cJSON_AddItemToArray (changes, review_change (NULL, record_id (outside), 1, "approved", NULL));
    cJSON_AddItemToArray (changes, review_change (NULL, record_id (inside), 1, "approved", NULL));
    r = hs_test_push (url, reviewer->token, changes);
    assert_result (r, 0, "rejected", "out_of_scope");
    assert_result (r, 1, "applied", "");
  }
  {
    g_autofree char *state = db_value ("SELECT review_state FROM records WHERE id = $1::uuid", record_id (outside));
    ck_assert_str_eq (state, "pending");
  }
  ck_assert_int_eq (db_int ("SELECT count(*) FROM audit_log WHERE action = 'review' AND record_id = $1::uuid",
                            record_id (outside)), 0);

  /* A record the server does not have. */
  {
    g_autofree char *unknown = g_uuid_string_random ();
    g_autoptr(HsResponse) r = decide (reviewer, NULL, unknown, 1, "approved", NULL);
    assert_result (r, 0, "rejected", "unknown_record");
  }
}
END_TEST

START_TEST (test_clerk_and_shape)
{
  const char *office = hs_test_office ("79", 14);
  g_autoptr(HsTestDevice) clerk = hs_test_enroll (pg, url, "clerk", office);
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(cJSON) birth = hs_test_birth (office, 1040, hs_test_block_first (clerk, "birth"), NULL);
  const char *id = record_id (birth);

  store (clerk, birth, 0);
  /* A commune does not decide on its own records. */
  {
    g_autoptr(HsResponse) r = decide (clerk, NULL, id, 1, "approved", NULL);
    assert_result (r, 0, "rejected", "forbidden");
  }
  /* Wrong shapes: the whole request is refused and names the member. */
  {
    cJSON *changes = cJSON_CreateArray ();
    cJSON *change = review_change (NULL, id, 1, "maybe", NULL);
    g_autoptr(HsResponse) r = NULL;

    cJSON_AddItemToArray (changes, change);
    r = hs_test_push (url, reviewer->token, changes);
    ck_assert_int_eq (r->status, 400);
    ck_assert_ptr_nonnull (strstr (r->body, "review"));
  }
  {
    cJSON *changes = cJSON_CreateArray ();
    cJSON *change = review_change (NULL, id, 1, "returned", NULL);
    g_autoptr(HsResponse) r = NULL;

    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (change, "review"), "comment", cJSON_CreateNumber (3));
    cJSON_AddItemToArray (changes, change);
    r = hs_test_push (url, reviewer->token, changes);
    ck_assert_int_eq (r->status, 400);
  }
  {
    cJSON *changes = cJSON_CreateArray ();
    cJSON *change = review_change (NULL, id, 1, "approved", NULL);
    g_autoptr(HsResponse) r = NULL;

    cJSON_DeleteItemFromObject (change, "review");
    cJSON_AddItemToArray (changes, change);
    r = hs_test_push (url, reviewer->token, changes);
    ck_assert_int_eq (r->status, 400);
  }
  {
    g_autofree char *state = db_value ("SELECT review_state FROM records WHERE id = $1::uuid", id);
    ck_assert_str_eq (state, "pending");
  }
  /* Two decisions on one record in one batch: the second sees the first. */
  {
    cJSON *changes = cJSON_CreateArray ();
    g_autoptr(HsResponse) r = NULL;

    cJSON_AddItemToArray (changes, review_change (NULL, id, 1, "approved", NULL));
    cJSON_AddItemToArray (changes, review_change (NULL, id, 1, "rejected", "Trùng"));
    r = hs_test_push (url, reviewer->token, changes);
    assert_result (r, 0, "applied", "");
    assert_result (r, 1, "conflict", "invalid_transition");
  }
}
END_TEST

/* ---- Potential duplicates ---- */

/* A death registered at "office" in 2026, numbered from the clerk's block. */
static cJSON *
death (const HsTestDevice *clerk,
       guint               serial,
       const char         *name,
       const char         *born,
       const char         *pin)
{
  g_autofree char *uuid = g_uuid_string_random ();
  cJSON *r = cJSON_CreateObject ();
  cJSON *signer, *data, *deceased, *notice, *declarant, *doc;

  cJSON_AddStringToObject (r, "id", uuid);
  cJSON_AddStringToObject (r, "kind", "death");
  cJSON_AddStringToObject (r, "office", clerk->office);
  cJSON_AddNumberToObject (r, "book_year", 2026);
  cJSON_AddNumberToObject (r, "number", (double) (hs_test_block_first (clerk, "death") + serial));
  cJSON_AddStringToObject (r, "registered_on", "2026-09-15");
  cJSON_AddStringToObject (r, "status", "registered");
  cJSON_AddStringToObject (r, "registration_type", "new");
  signer = cJSON_AddObjectToObject (r, "signer");
  cJSON_AddStringToObject (signer, "full_name", "Lê Văn Tâm");
  cJSON_AddStringToObject (signer, "position", "Chủ tịch UBND xã");
  cJSON_AddStringToObject (r, "clerk", "lan.nt");
  data = cJSON_AddObjectToObject (r, "data");
  deceased = cJSON_AddObjectToObject (data, "deceased");
  cJSON_AddStringToObject (deceased, "full_name", name);
  cJSON_AddStringToObject (deceased, "date_of_birth", born);
  cJSON_AddStringToObject (deceased, "sex", "male");
  cJSON_AddStringToObject (deceased, "ethnicity", "Kinh");
  cJSON_AddStringToObject (deceased, "nationality", "Việt Nam");
  if (pin != NULL)
    cJSON_AddStringToObject (deceased, "pin", pin);
  cJSON_AddStringToObject (deceased, "residence", "Số 5 ngõ 2 phố Đội Cấn, Thành phố Hà Nội");
  cJSON_AddStringToObject (data, "died_at", "2026-09-12T14:30");
  cJSON_AddStringToObject (data, "place_of_death", "Bệnh viện Bạch Mai, Thành phố Hà Nội");
  cJSON_AddStringToObject (data, "cause_of_death", "Suy tim");
  notice = cJSON_AddObjectToObject (data, "death_notice");
  cJSON_AddStringToObject (notice, "type", "medical");
  cJSON_AddStringToObject (notice, "number", "35/GBT");
  cJSON_AddStringToObject (notice, "issuer", "Bệnh viện Bạch Mai");
  cJSON_AddStringToObject (notice, "issued_on", "2026-09-12");
  declarant = cJSON_AddObjectToObject (data, "declarant");
  cJSON_AddStringToObject (declarant, "full_name", "Phạm Thị Mai");
  cJSON_AddStringToObject (declarant, "relationship", "con");
  doc = cJSON_AddObjectToObject (declarant, "id_document");
  cJSON_AddStringToObject (doc, "type", "cccd");
  cJSON_AddStringToObject (doc, "number", "001180012345");
  cJSON_AddStringToObject (declarant, "residence", "Số 5 ngõ 2 phố Đội Cấn, Thành phố Hà Nội");
  return r;
}

/* The potential_duplicate ids a reviewer pulls with a record (NULL: none). */
static char *
pulled_duplicates (const HsTestDevice *reviewer,
                   const char         *id)
{
  g_autoptr(cJSON) pulled = pull_all (reviewer);
  const cJSON *links = cJSON_GetObjectItem (pulled_once (pulled, id, "record"), "potential_duplicate");

  return links != NULL ? cJSON_PrintUnformatted (links) : NULL;
}

START_TEST (test_duplicate_birth)
{
  /* Two communes of different provinces register the same child. */
  const char *hcm = hs_test_office ("79", 15);
  const char *hue = hs_test_office ("46", 0);
  g_autoptr(HsTestDevice) hcm_clerk = hs_test_enroll (pg, url, "clerk", hcm);
  g_autoptr(HsTestDevice) hue_clerk = hs_test_enroll (pg, url, "clerk", hue);
  g_autoptr(HsTestDevice) hcm_reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(HsTestDevice) hue_reviewer = hs_test_enroll (pg, url, "reviewer", "46");
  g_autoptr(cJSON) first = hs_test_birth (hcm, 1050, hs_test_block_first (hcm_clerk, "birth"), NULL);
  g_autoptr(cJSON) second = hs_test_birth (hue, 1050, hs_test_block_first (hue_clerk, "birth"), NULL);
  g_autoptr(cJSON) other = hs_test_birth (hue, 1051, hs_test_block_first (hue_clerk, "birth") + 1, NULL);
  g_autofree char *want = g_strdup_printf ("[\"%s\"]", record_id (first));
  g_autofree char *links = NULL;
  g_autofree char *first_links = NULL;
  g_autofree char *other_links = NULL;
  cJSON *child = cJSON_GetObjectItem (cJSON_GetObjectItem (second, "data"), "child");
  g_autofree char *upper = g_utf8_strup (cJSON_GetStringValue (cJSON_GetObjectItem (child, "full_name")), -1);

  store (hcm_clerk, first, 0);
  /* Spelled in capitals: folded names match. */
  cJSON_ReplaceItemInObject (child, "full_name", cJSON_CreateString (upper));
  store (hue_clerk, second, 0);
  store (hue_clerk, other, 0);

  links = pulled_duplicates (hue_reviewer, record_id (second));
  ck_assert_msg (g_strcmp0 (links, want) == 0, "want %s, got %s", want, links != NULL ? links : "nothing");
  first_links = pulled_duplicates (hcm_reviewer, record_id (first));
  ck_assert_ptr_null (first_links);
  other_links = pulled_duplicates (hue_reviewer, record_id (other));
  ck_assert_ptr_null (other_links);
  ck_assert_int_eq (db_int ("SELECT count(*) FROM audit_log WHERE action = 'duplicate_flagged'"
                            " AND record_id = $1::uuid", record_id (second)), 1);

  /* Corrected (another mother's name), the link goes. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (second, "data"), "mother"), "full_name",
                             cJSON_CreateString ("Trương Thị Hồng"));
  store (hue_clerk, second, 1);
  {
    g_autofree char *after = pulled_duplicates (hue_reviewer, record_id (second));
    ck_assert_ptr_null (after);
  }
}
END_TEST

START_TEST (test_duplicate_death)
{
  const char *hanoi = hs_test_office ("01", 20);
  const char *danang = hs_test_office ("48", 0);
  g_autoptr(HsTestDevice) hanoi_clerk = hs_test_enroll (pg, url, "clerk", hanoi);
  g_autoptr(HsTestDevice) danang_clerk = hs_test_enroll (pg, url, "clerk", danang);
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "48");
  g_autoptr(cJSON) first = death (hanoi_clerk, 0, "Phạm Văn Hùng", "1940-03-15", "001040012345");
  g_autoptr(cJSON) by_pin = death (danang_clerk, 0, "Phạm Văn Hưng", "1940-03-16", "001040012345");
  g_autoptr(cJSON) by_name = death (danang_clerk, 1, "PHAM VAN HUNG", "1940-03-15", NULL);
  g_autoptr(cJSON) again_hanoi = death (hanoi_clerk, 1, "Phạm Văn Hùng", "1940-03-15", "001040012345");
  g_autoptr(cJSON) again_danang = death (danang_clerk, 2, "Phạm Văn Hưng", "1940-03-16", "001040012345");
  g_autofree char *want = g_strdup_printf ("[\"%s\"]", record_id (first));
  g_autoptr(HsResponse) r = NULL;
  g_autoptr(HsResponse) r2 = NULL;

  store (hanoi_clerk, first, 0);

  /* By personal ID number, from another office: not refused by the
   * register's rule (one death per person and register), stored and
   * flagged with the other office's record for the reviewer. */
  store (danang_clerk, by_pin, 0);
  {
    g_autofree char *links = pulled_duplicates (reviewer, record_id (by_pin));
    ck_assert_msg (g_strcmp0 (links, want) == 0, "want %s, got %s", want, links != NULL ? links : "nothing");
  }
  ck_assert_int_eq (db_int ("SELECT count(*) FROM audit_log WHERE action = 'duplicate_flagged'"
                            " AND record_id = $1::uuid", record_id (by_pin)), 1);

  /* By folded name and date of birth: stored, with the link. */
  store (danang_clerk, by_name, 0);
  {
    g_autofree char *links = pulled_duplicates (reviewer, record_id (by_name));
    ck_assert_msg (g_strcmp0 (links, want) == 0, "want %s, got %s", want, links != NULL ? links : "nothing");
  }

  /* The same personal ID number within one office stays refused, in
   * either office, and nothing is stored. */
  {
    cJSON *changes = cJSON_CreateArray ();

    cJSON_AddItemToArray (changes, hs_test_change (NULL, again_hanoi, 0));
    r = hs_test_push (url, hanoi_clerk->token, changes);
    assert_result (r, 0, "rejected", "invalid");
    ck_assert_ptr_nonnull (strstr (r->body, "death_already_registered"));
  }
  {
    cJSON *changes = cJSON_CreateArray ();

    cJSON_AddItemToArray (changes, hs_test_change (NULL, again_danang, 0));
    r2 = hs_test_push (url, danang_clerk->token, changes);
    assert_result (r2, 0, "rejected", "invalid");
    ck_assert_ptr_nonnull (strstr (r2->body, "death_already_registered"));
  }
  ck_assert_int_eq (db_int ("SELECT count(*) FROM records WHERE id = $1::uuid",
                            record_id (again_hanoi)), 0);
  ck_assert_int_eq (db_int ("SELECT count(*) FROM records WHERE id = $1::uuid",
                            record_id (again_danang)), 0);
}
END_TEST

int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "approve", test_approve },
    { "return-resubmit", test_return_and_resubmit },
    { "reject", test_reject },
    { "scope", test_scope },
    { "clerk-and-shape", test_clerk_and_shape },
    { "duplicate-birth", test_duplicate_birth },
    { "duplicate-death", test_duplicate_death },
  };

  return hs_test_main ("server-review", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
