/* test-store-review.c — review decisions, the queue, diffs and amendments in real registers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two registers in a temporary directory: a commune's ("store", from
 * ht-test-store.c) and a reviewer's, made as hotich-sync makes one
 * (ht_store_sync_create_for_scope + ht_store_sync_save_device) and filled
 * through ht_store_sync_apply_pull() with the commune's records, as a pull
 * would bring them.
 */
#define G_LOG_DOMAIN "test-store-review"

#include <sqlite3.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-error.h"
#include "ht-record.h"
#include "ht-store-review.h"
#include "ht-store-sync.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

static HtStore *reviewer;
static char    *reviewer_path;
static gint64   pull_seq;

static HtSyncDevice *
device_new (const char *role,
            const char *scope)
{
  HtSyncDevice *device = g_new0 (HtSyncDevice, 1);

  device->server = g_strdup ("https://hotich.example");
  device->device_id = g_uuid_string_random ();
  device->device_name = g_strdup_printf ("%s-pc", role);
  device->token = g_strdup ("t0k3n");
  device->role = g_strdup (role);
  device->office = g_strcmp0 (role, "clerk") == 0 ? g_strdup (scope) : NULL;
  device->scope = g_strdup (scope);
  return device;
}

static void
review_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtSyncDevice) device = device_new ("reviewer", "01");

  store_setup ();
  reviewer_path = g_build_filename (tmpdir, "reviewer.db", NULL);
  reviewer = ht_store_sync_create_for_scope (reviewer_path, "01", &error);
  ck_assert_msg (reviewer != NULL, "%s", error != NULL ? error->message : "");
  ck_assert (ht_store_sync_save_device (reviewer, device, &error));
  pull_seq = 0;
}

static void
review_teardown (void)
{
  g_clear_object (&reviewer);
  g_clear_pointer (&reviewer_path, g_free);
  store_teardown ();
}

static void
review_case (Suite       *suite,
             const char  *name,
             const TTest *test)
{
  TCase *tc = tcase_create (name);

  tcase_add_checked_fixture (tc, review_setup, review_teardown);
  tcase_add_test (tc, test);
  suite_add_tcase (suite, tc);
}

/* Pulls "record" into "into" as the server would send it, at the server
 * version "version", flagged with "duplicates" (may be NULL). */
static void
pull_record (HtStore            *into,
             const cJSON        *record,
             gint64              version,
             const char *const  *duplicates)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);
  g_autoptr(GError) error = NULL;
  HtPullChange *change = g_new0 (HtPullChange, 1);

  change->server_seq = ++pull_seq;
  change->op = HT_PULL_RECORD;
  change->record_id = g_strdup (ht_record_id (record));
  change->record = cJSON_Duplicate (record, TRUE);
  cJSON_ReplaceItemInObject (change->record, "content_version", cJSON_CreateNumber ((double) version));
  change->duplicates = duplicates != NULL ? g_strdupv ((char **) duplicates) : NULL;
  g_ptr_array_add (changes, change);
  ck_assert_msg (ht_store_sync_apply_pull (into, changes, pull_seq, NULL, &error), "%s",
                 error != NULL ? error->message : "");
}

/* Pulls a decision into the commune's register. */
static void
pull_decision (HtStore    *into,
               const char *id,
               const char *state,
               const char *comment)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);
  g_autoptr(GError) error = NULL;
  HtPullChange *change = g_new0 (HtPullChange, 1);

  change->server_seq = ++pull_seq;
  change->op = HT_PULL_REVIEW;
  change->record_id = g_strdup (id);
  change->review = cJSON_CreateObject ();
  cJSON_AddStringToObject (change->review, "state", state);
  if (comment != NULL)
    cJSON_AddStringToObject (change->review, "comment", comment);
  else
    cJSON_AddNullToObject (change->review, "comment");
  cJSON_AddStringToObject (change->review, "by", "so-tu-phap-ha-noi");
  cJSON_AddStringToObject (change->review, "at", "2026-11-20T03:00:00Z");
  g_ptr_array_add (changes, change);
  ck_assert_msg (ht_store_sync_apply_pull (into, changes, pull_seq, NULL, &error), "%s",
                 error != NULL ? error->message : "");
}

/* A birth saved in the commune's register and pulled by the reviewer. */
static char *
registered_birth (const char *name,
                  const char *dob,
                  const char *registered_on)
{
  g_autoptr(cJSON) record = ht_test_birth (name, dob, registered_on);

  save_ok (record, NULL, HT_SAVE_DEFAULT);
  pull_record (reviewer, record, 1, NULL);
  return g_strdup (ht_record_id (record));
}

static const char *
state_of (HtStore    *in,
          const char *id)
{
  static char state[32];
  g_autoptr(cJSON) record = ht_store_get (in, id, NULL);
  const char *value;

  ck_assert_ptr_nonnull (record);
  value = cJSON_GetStringValue (ht_record_get_path (record, "review.state"));
  g_strlcpy (state, value != NULL ? value : "", sizeof state);
  return state;
}

static gint64
version_of (HtStore    *in,
            const char *id)
{
  g_autoptr(cJSON) record = ht_store_get (in, id, NULL);

  ck_assert_ptr_nonnull (record);
  return ht_record_content_version (record);
}

/* The last audit entry of a register: "action|user|detail". */
static char *
last_audit (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *entry = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT action, user, detail FROM audit ORDER BY seq DESC LIMIT 1",
                                        -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  entry = g_strdup_printf ("%s|%s|%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                           sqlite3_column_text (stmt, 2) != NULL ? (const char *) sqlite3_column_text (stmt, 2) : "");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return entry;
}

static void
assert_sound (HtStore *in)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!ht_store_check (in, &problems, &error))
    {
      if (problems != NULL)
        print_problems (problems);
      ck_abort_msg ("the register is not sound: %s", error != NULL ? error->message : "see above");
    }
}

/* ---- Deciding ---- */

START_TEST (test_decide_return)
{
  g_autofree char *id = registered_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(cJSON) record = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *audit = NULL;
  HtSyncChange *change;

  ck_assert_str_eq (state_of (reviewer, id), "pending");
  ck_assert_int_eq (ht_store_sync_server_version (reviewer, id), 1);
  ck_assert_uint_eq (ht_store_outbox_count (reviewer), 0);

  ck_assert_msg (ht_store_review_decide (reviewer, id, "returned", "  Sai tên mẹ, đề nghị kiểm tra lại  ",
                                         "tuan.sotp", &error),
                 "%s", error != NULL ? error->message : "");
  record = ht_store_get (reviewer, id, &error);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.state")), "returned");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.comment")),
                    "Sai tên mẹ, đề nghị kiểm tra lại");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.by")), "tuan.sotp");
  ck_assert_ptr_nonnull (cJSON_GetStringValue (ht_record_get_path (record, "review.at")));
  ck_assert_int_eq (ht_record_content_version (record), 2);
  ck_assert_int_eq (ht_store_sync_record_state (reviewer, id, NULL, NULL), HT_SYNC_STATE_PENDING);

  /* The pushed change is exactly the contract's shape. */
  ck_assert_uint_eq (ht_store_outbox_count (reviewer), 1);
  batch = ht_store_sync_next_batch (reviewer, 100, 1 << 20, &error);
  ck_assert_ptr_nonnull (batch);
  ck_assert_uint_eq (batch->len, 1);
  change = batch->pdata[0];
  ck_assert_str_eq (change->entry->op, "review");
  ck_assert_int_eq (change->server_base, 1);
  expected = g_strdup_printf ("{\"change_id\":\"%s\",\"record_id\":\"%s\",\"base_version\":1,\"op\":\"review\","
                              "\"review\":{\"state\":\"returned\",\"comment\":\"Sai tên mẹ, đề nghị kiểm tra lại\"}}",
                              change->entry->change_id, id);
  ck_assert_str_eq (change->json, expected);
  ck_assert (g_uuid_string_is_valid (change->entry->change_id));

  /* The audit entry names who, what and why. */
  audit = last_audit (reviewer_path);
  ck_assert_msg (strstr (audit, "review|tuan.sotp|") == audit, "%s", audit);
  ck_assert_msg (strstr (audit, "returned") != NULL && strstr (audit, "Sai tên mẹ") != NULL, "%s", audit);
  assert_sound (reviewer);
}
END_TEST

START_TEST (test_decide_approve_and_reject)
{
  g_autofree char *a = registered_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autofree char *b = registered_birth ("Lê Thị Bình", "2026-10-02", "2026-10-06");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = NULL;

  ck_assert (ht_store_review_decide (reviewer, a, "approved", NULL, "tuan.sotp", &error));
  ck_assert_str_eq (state_of (reviewer, a), "approved");
  ck_assert (ht_store_review_decide (reviewer, b, "rejected", "Đăng ký trùng", "tuan.sotp", &error));
  ck_assert_str_eq (state_of (reviewer, b), "rejected");

  batch = ht_store_sync_next_batch (reviewer, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 2);
  ck_assert_ptr_nonnull (strstr (((HtSyncChange *) batch->pdata[0])->json,
                                 "\"review\":{\"state\":\"approved\",\"comment\":null}"));
  ck_assert_ptr_nonnull (strstr (((HtSyncChange *) batch->pdata[1])->json,
                                 "\"review\":{\"state\":\"rejected\",\"comment\":\"Đăng ký trùng\"}"));

  /* Decided is decided: a second decision is a conflict. */
  ck_assert (!ht_store_review_decide (reviewer, a, "returned", "x", "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_CONFLICT);
  ck_assert_ptr_nonnull (strstr (error->message, "approved"));
  g_clear_error (&error);
  ck_assert (!ht_store_review_decide (reviewer, b, "approved", NULL, "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_CONFLICT);
  ck_assert_uint_eq (ht_store_outbox_count (reviewer), 2);
  assert_sound (reviewer);
}
END_TEST

START_TEST (test_decide_refusals)
{
  g_autofree char *id = registered_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autofree char *unknown = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) mine = ht_test_birth ("Phạm Văn Cường", "2026-10-01", "2026-10-05");
  static const char *const bad_states[] = { "pending", "resubmitted", "maybe", "", "APPROVED" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_states); i++)
    {
      ck_assert (!ht_store_review_decide (reviewer, id, bad_states[i], "x", "tuan.sotp", &error));
      ck_assert_int_eq (error->code, HT_ERROR_INVALID);
      g_clear_error (&error);
    }
  ck_assert (!ht_store_review_decide (reviewer, id, NULL, "x", "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);

  /* A return needs its comment, a rejection its reason. */
  ck_assert (!ht_store_review_decide (reviewer, id, "returned", NULL, "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "comment"));
  g_clear_error (&error);
  ck_assert (!ht_store_review_decide (reviewer, id, "returned", " \t\n ", "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!ht_store_review_decide (reviewer, id, "rejected", "", "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  ck_assert (!ht_store_review_decide (reviewer, id, "returned", "\xff\xfe", "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);

  /* Unknown records. */
  ck_assert (!ht_store_review_decide (reviewer, unknown, "approved", NULL, "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ck_assert (!ht_store_review_decide (reviewer, "BIRTH/2026/1", "approved", NULL, "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ck_assert (!ht_store_review_decide (reviewer, NULL, "approved", NULL, "tuan.sotp", &error));
  ck_assert_int_eq (error->code, HT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A commune's register does not decide, even on its own records. */
  save_ok (mine, NULL, HT_SAVE_DEFAULT);
  ck_assert (!ht_store_review_decide (store, ht_record_id (mine), "approved", NULL, "lan.nt", &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Nothing of it was stored. */
  ck_assert_str_eq (state_of (reviewer, id), "pending");
  ck_assert_int_eq (version_of (reviewer, id), 1);
  ck_assert_uint_eq (ht_store_outbox_count (reviewer), 0);
  ck_assert_str_eq (state_of (store, ht_record_id (mine)), "pending");
  assert_sound (reviewer);
  assert_sound (store);
}
END_TEST

/* A decision keeps the base it was made on, even when a pull brings a
 * newer version before it is pushed: the server then says "conflict". */
START_TEST (test_decision_keeps_its_base)
{
  g_autofree char *id = registered_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autoptr(cJSON) edited = ht_store_get (store, id, NULL);
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert (ht_store_review_decide (reviewer, id, "approved", NULL, "tuan.sotp", &error));
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (edited, "data"), "child"), "place_of_birth",
                             cJSON_CreateString ("Bệnh viện Phụ sản Hà Nội"));
  ck_assert (ht_store_save (store, edited, "lan.nt", "sửa nơi sinh", HT_SAVE_DEFAULT, NULL, &error));
  pull_record (reviewer, edited, 2, NULL);
  ck_assert_int_eq (ht_store_sync_server_version (reviewer, id), 2);
  /* The server's version replaced the local decision's. */
  ck_assert_str_eq (state_of (reviewer, id), "pending");

  batch = ht_store_sync_next_batch (reviewer, 100, 1 << 20, &error);
  ck_assert_uint_eq (batch->len, 1);
  ck_assert_int_eq (((HtSyncChange *) batch->pdata[0])->server_base, 1);
  ck_assert_ptr_nonnull (strstr (((HtSyncChange *) batch->pdata[0])->json, "\"base_version\":1,"));
  assert_sound (reviewer);
}
END_TEST

/* ---- Read-only and frozen content ---- */

START_TEST (test_reviewer_register_read_only)
{
  g_autofree char *id = registered_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autoptr(cJSON) record = ht_store_get (reviewer, id, NULL);
  g_autoptr(cJSON) fresh = ht_test_birth ("Đặng Văn Dũng", "2026-10-01", "2026-10-05");
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GError) error = NULL;
  const char *sets[] = { "data.child.full_name=Nguyễn Văn Ân", NULL };

  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"), "full_name",
                             cJSON_CreateString ("Nguyễn Văn Ân"));
  ck_assert (!ht_store_save (reviewer, record, "tuan.sotp", "sửa", HT_SAVE_DEFAULT, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  ck_assert_ptr_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  ck_assert (!ht_store_save (reviewer, fresh, "tuan.sotp", NULL, HT_SAVE_DEFAULT, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_ptr_array_add (records, ht_test_birth ("Đặng Văn Dũng", "2026-10-01", "2026-10-05"));
  ck_assert (!ht_store_import (reviewer, records, "tuan.sotp", NULL, NULL, NULL, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  g_clear_error (&error);
  ck_assert (!ht_store_amend (reviewer, id, sets, "sửa", "tuan.sotp", NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
  g_clear_error (&error);

  ck_assert_int_eq (version_of (reviewer, id), 1);
  ck_assert_uint_eq (ht_store_count (reviewer, NULL), 1);
  assert_sound (reviewer);
}
END_TEST

START_TEST (test_clerk_frozen)
{
  g_autoptr(cJSON) a = ht_test_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autoptr(cJSON) b = ht_test_birth ("Lê Thị Bình", "2026-10-02", "2026-10-06");
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;
  const char *sets[] = { "data.child.place_of_birth=Bệnh viện Phụ sản Hà Nội", NULL };
  const char *ids[2];

  save_ok (a, NULL, HT_SAVE_DEFAULT);
  save_ok (b, NULL, HT_SAVE_DEFAULT);
  ids[0] = ht_record_id (a);
  ids[1] = ht_record_id (b);
  pull_decision (store, ids[0], "approved", NULL);
  audit = last_audit (db_path);
  ck_assert_msg (g_str_has_prefix (audit, "review|sync|") && strstr (audit, "approved") != NULL
                 && strstr (audit, "so-tu-phap-ha-noi") != NULL, "%s", audit);
  g_clear_pointer (&audit, g_free);
  pull_decision (store, ids[1], "rejected", "Trùng với bản ghi đã đăng ký");
  audit = last_audit (db_path);
  ck_assert_msg (strstr (audit, "rejected") != NULL && strstr (audit, "Trùng với bản ghi") != NULL, "%s", audit);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(cJSON) record = ht_store_get (store, ids[i], NULL);
      gint64 version = ht_record_content_version (record);

      cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"),
                                 "place_of_birth", cJSON_CreateString ("Bệnh viện Phụ sản Hà Nội"));
      ck_assert (!ht_store_save (store, record, "lan.nt", "sửa nơi sinh", HT_SAVE_DEFAULT, NULL, &error));
      ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
      g_clear_error (&error);
      ck_assert (!ht_store_amend (store, ids[i], sets, "sửa nơi sinh", "lan.nt", NULL, &error));
      ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
      ck_assert_ptr_nonnull (strstr (error->message, i == 0 ? "approved" : "rejected"));
      g_clear_error (&error);
      ck_assert_int_eq (version_of (store, ids[i]), version);
    }
  assert_sound (store);
}
END_TEST

/* ---- Amending and what changed ---- */

START_TEST (test_amend_resubmits)
{
  g_autoptr(cJSON) record = ht_test_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) after = NULL;
  const char *sets[] = { "data.child.full_name=Nguyễn Văn Ân", "data.birth_notice.number=\"456/GCS\"",
                         "data.mother.birth_year=1996", NULL };
  const char *id;
  HtFieldChange *change;

  save_ok (record, NULL, HT_SAVE_DEFAULT);
  id = ht_record_id (record);
  none = ht_store_review_changes (store, id, &error);
  ck_assert_uint_eq (none->len, 0);

  pull_decision (store, id, "returned", "Sai tên");
  ck_assert_str_eq (state_of (store, id), "returned");
  ck_assert_msg (ht_store_amend (store, id, sets, "sửa theo ý kiến Sở", "lan.nt", issues, &error), "%s",
                 error != NULL ? error->message : "");
  after = ht_store_get (store, id, NULL);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (after, "review.state")), "resubmitted");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (after, "review.comment")), "Sai tên");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (after, "data.child.full_name")), "Nguyễn Văn Ân");
  ck_assert_int_eq ((int) cJSON_GetNumberValue (ht_record_get_path (after, "data.mother.birth_year")), 1996);
  ck_assert_int_eq (ht_store_sync_record_state (store, id, NULL, NULL), HT_SYNC_STATE_PENDING);

  changes = ht_store_review_changes (store, id, &error);
  ck_assert_ptr_nonnull (changes);
  ck_assert_uint_eq (changes->len, 3);
  change = changes->pdata[0];
  ck_assert_str_eq (change->path, "data.birth_notice.number");
  ck_assert_str_eq (change->before, "123/GCS");
  ck_assert_str_eq (change->after, "456/GCS");
  change = changes->pdata[1];
  ck_assert_str_eq (change->path, "data.child.full_name");
  ck_assert_str_eq (change->before, "Nguyễn Văn An");
  ck_assert_str_eq (change->after, "Nguyễn Văn Ân");
  change = changes->pdata[2];
  ck_assert_str_eq (change->path, "data.mother.birth_year");
  ck_assert_str_eq (change->before, "1995");
  ck_assert_str_eq (change->after, "1996");

  /* Resubmitted is still editable. */
  {
    const char *again[] = { "data.child.hometown=Xã Phúc Xá, Thành phố Hà Nội", NULL };
    ck_assert (ht_store_amend (store, id, again, "sửa quê quán", "lan.nt", NULL, &error));
    ck_assert_str_eq (state_of (store, id), "resubmitted");
  }
  assert_sound (store);
}
END_TEST

START_TEST (test_amend_refusals)
{
  g_autoptr(cJSON) record = ht_test_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown = g_uuid_string_random ();
  const char *id;
  gint64 version;
  static const struct { const char *set; const char *names; } bad[] = {
    { "data.child.nickname=Bin", "data.child.nickname" },
    { "child.full_name=Nguyễn Văn Ân", "child.full_name" },
    { "review.state=approved", "review.state" },
    { "pin=001206012345", "pin" },
    { "data.child.full_name", "data.child.full_name" },
    { "data.=x", "data." },
    { "data.child..full_name=x", "data.child..full_name" },
    { "data.child[x].full_name=x", "data.child[x].full_name" },
    { "data.child.full_name.first=x", "data.child.full_name.first" },
  };

  save_ok (record, NULL, HT_SAVE_DEFAULT);
  id = ht_record_id (record);
  version = version_of (store, id);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *sets[] = { bad[i].set, NULL };

      ck_assert_msg (!ht_store_amend (store, id, sets, "sửa", "lan.nt", NULL, &error), "%s accepted", bad[i].set);
      ck_assert_int_eq (error->code, HT_ERROR_INVALID);
      ck_assert_msg (strstr (error->message, bad[i].names) != NULL, "“%s” does not name %s", error->message,
                     bad[i].names);
      g_clear_error (&error);
    }

  /* Values the rules refuse: the findings name the field. */
  {
    const char *sets[] = { "data.child.date_of_birth=2026-13-45", NULL };
    g_autoptr(HtIssues) issues = ht_issues_new ();
    gboolean named = FALSE;

    ck_assert (!ht_store_amend (store, id, sets, "sửa", "lan.nt", issues, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
    for (guint i = 0; i < issues->len; i++)
      named |= g_strcmp0 (((HtIssue *) issues->pdata[i])->field, "data.child.date_of_birth") == 0;
    ck_assert (named);
    g_clear_error (&error);
  }
  {
    const char *sets[] = { "data.child.sex=cat", NULL };
    ck_assert (!ht_store_amend (store, id, sets, "sửa", "lan.nt", NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    /* A required field removed. */
    const char *sets[] = { "data.child.full_name=", NULL };
    ck_assert (!ht_store_amend (store, id, sets, "sửa", "lan.nt", NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    const char *sets[] = { "data.child.full_name=Nguyễn Văn Ân", NULL };
    const char *empty[] = { NULL };

    ck_assert (!ht_store_amend (store, id, sets, "  ", "lan.nt", NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
    g_clear_error (&error);
    ck_assert (!ht_store_amend (store, id, empty, "sửa", "lan.nt", NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
    g_clear_error (&error);
    ck_assert (!ht_store_amend (store, id, NULL, "sửa", "lan.nt", NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
    g_clear_error (&error);
    ck_assert (!ht_store_amend (store, unknown, sets, "sửa", "lan.nt", NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    ck_assert_ptr_null (ht_store_review_changes (store, unknown, &error));
    ck_assert_int_eq (error->code, HT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  ck_assert_int_eq (version_of (store, id), version);
  assert_sound (store);
}
END_TEST

START_TEST (test_record_diff)
{
  g_autoptr(cJSON) before = cJSON_Parse ("{\"kind\":\"birth\",\"office\":\"00004\",\"data\":{\"child\":{"
                                         "\"full_name\":\"A\",\"sex\":\"male\"},\"items\":[{\"to\":\"x\"}],"
                                         "\"late\":false},\"review\":{\"state\":\"returned\"},\"pin\":null,"
                                         "\"content_version\":3,\"updated_at\":\"t1\"}");
  g_autoptr(cJSON) after = cJSON_Parse ("{\"kind\":\"birth\",\"office\":\"00004\",\"data\":{\"child\":{"
                                        "\"full_name\":\"B\"},\"items\":[{\"to\":\"x\"},{\"to\":\"y\"}],"
                                        "\"late\":true,\"note\":{}},\"review\":{\"state\":\"resubmitted\"},"
                                        "\"pin\":\"001206012345\",\"content_version\":4,\"updated_at\":\"t2\"}");
  g_autoptr(GPtrArray) changes = ht_record_diff (before, after);
  g_autoptr(GPtrArray) same = ht_record_diff (after, after);
  static const struct { const char *path, *before, *after; } expected[] = {
    { "data.child.full_name", "A", "B" },
    { "data.child.sex", "male", NULL },
    { "data.items[1].to", NULL, "y" },
    { "data.late", "false", "true" },
    { "data.note", NULL, "{}" },
  };

  ck_assert_uint_eq (same->len, 0);
  ck_assert_uint_eq (changes->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const HtFieldChange *change = changes->pdata[i];

      ck_assert_str_eq (change->path, expected[i].path);
      ck_assert_pstr_eq (change->before, expected[i].before);
      ck_assert_pstr_eq (change->after, expected[i].after);
    }
}
END_TEST

/* ---- The queue ---- */

START_TEST (test_queue)
{
  g_autofree char *a = registered_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-07");
  g_autofree char *b = registered_birth ("Lê Thị Bình", "2026-10-02", "2026-10-05");
  g_autofree char *c = registered_birth ("Trần Văn Cường", "2026-10-03", "2026-10-06");
  g_autofree char *other = g_uuid_string_random ();
  const char *dups[] = { other, NULL };
  g_autoptr(cJSON) record_c = ht_store_get (reviewer, c, NULL);
  g_autoptr(GError) error = NULL;
  HtReviewFilter filter = { 0 };
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) returned = NULL;
  g_autoptr(GPtrArray) flagged = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GPtrArray) none = NULL;
  HtReviewItem *item;

  /* c comes again, flagged. */
  pull_record (reviewer, record_c, 1, dups);
  ck_assert (ht_store_review_decide (reviewer, a, "returned", "Thiếu giấy chứng sinh", "tuan.sotp", &error));

  open = ht_store_review_list (reviewer, NULL, NULL, &error);
  ck_assert_ptr_nonnull (open);
  ck_assert_uint_eq (open->len, 2);
  item = open->pdata[0];
  ck_assert_str_eq (item->id, b);   /* oldest registration first */
  ck_assert_str_eq (item->subject, "Lê Thị Bình");
  ck_assert_str_eq (item->kind, "birth");
  ck_assert_str_eq (item->office, HT_TEST_OFFICE);
  ck_assert_str_eq (item->review_state, "pending");
  ck_assert_str_eq (item->registered_on, "2026-10-05");
  ck_assert_ptr_null (item->duplicates);
  item = open->pdata[1];
  ck_assert_str_eq (item->id, c);
  ck_assert_ptr_nonnull (item->duplicates);
  ck_assert_str_eq (item->duplicates[0], other);
  ck_assert_ptr_null (item->duplicates[1]);

  filter.state = "returned";
  returned = ht_store_review_list (reviewer, &filter, NULL, &error);
  ck_assert_uint_eq (returned->len, 1);
  item = returned->pdata[0];
  ck_assert_str_eq (item->id, a);
  ck_assert_str_eq (item->review_comment, "Thiếu giấy chứng sinh");
  ck_assert_str_eq (item->review_by, "tuan.sotp");
  ck_assert_int_eq (item->content_version, 2);

  filter.state = "potential_duplicate";
  flagged = ht_store_review_list (reviewer, &filter, NULL, &error);
  ck_assert_uint_eq (flagged->len, 1);
  ck_assert_str_eq (((HtReviewItem *) flagged->pdata[0])->id, c);

  filter = (HtReviewFilter) { .limit = 1, .kind = "birth", .office = HT_TEST_OFFICE, .from = "2026-10-05",
                              .to = "2026-10-05" };
  limited = ht_store_review_list (reviewer, &filter, NULL, &error);
  ck_assert_uint_eq (limited->len, 1);
  ck_assert_str_eq (((HtReviewItem *) limited->pdata[0])->id, b);
  filter = (HtReviewFilter) { .kind = "death" };
  none = ht_store_review_list (reviewer, &filter, NULL, &error);
  ck_assert_uint_eq (none->len, 0);

  /* The flag goes when the server sends the record without it. */
  pull_record (reviewer, record_c, 1, NULL);
  filter = (HtReviewFilter) { .state = "potential_duplicate" };
  g_clear_pointer (&flagged, g_ptr_array_unref);
  flagged = ht_store_review_list (reviewer, &filter, NULL, &error);
  ck_assert_uint_eq (flagged->len, 0);

  filter = (HtReviewFilter) { .state = "maybe" };
  ck_assert_ptr_null (ht_store_review_list (reviewer, &filter, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  g_clear_error (&error);
  filter = (HtReviewFilter) { .from = "2026-02-30" };
  ck_assert_ptr_null (ht_store_review_list (reviewer, &filter, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "from"));
  g_clear_error (&error);
  filter = (HtReviewFilter) { .kind = "unicorn" };
  ck_assert_ptr_null (ht_store_review_list (reviewer, &filter, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  assert_sound (reviewer);
}
END_TEST

/* ---- Async ---- */

typedef struct
{
  GMainLoop *loop;
  GPtrArray *items;
  gboolean   decided;
  GError    *error;
} Wait;

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->items = ht_store_review_list_finish (HT_STORE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
decided_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->decided = ht_store_review_decide_finish (HT_STORE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

START_TEST (test_async)
{
  g_autofree char *id = registered_birth ("Nguyễn Văn An", "2026-10-01", "2026-10-05");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, FALSE, NULL };
  HtReviewFilter filter = { .state = "pending" };

  ht_store_review_list_async (reviewer, &filter, NULL, listed_cb, &wait);
  g_main_loop_run (loop);
  ck_assert_ptr_nonnull (wait.items);
  ck_assert_uint_eq (wait.items->len, 1);
  g_clear_pointer (&wait.items, g_ptr_array_unref);

  ht_store_review_decide_async (reviewer, id, "returned", NULL, "tuan.sotp", NULL, decided_cb, &wait);
  g_main_loop_run (loop);
  ck_assert (!wait.decided);
  ck_assert_int_eq (wait.error->code, HT_ERROR_INVALID);
  g_clear_error (&wait.error);

  ht_store_review_decide_async (reviewer, id, "approved", NULL, "tuan.sotp", NULL, decided_cb, &wait);
  g_main_loop_run (loop);
  ck_assert_msg (wait.decided, "%s", wait.error != NULL ? wait.error->message : "");
  ck_assert_str_eq (state_of (reviewer, id), "approved");
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-review");

  review_case (s, "decide-return", test_decide_return);
  review_case (s, "decide-approve-reject", test_decide_approve_and_reject);
  review_case (s, "decide-refusals", test_decide_refusals);
  review_case (s, "decision-keeps-base", test_decision_keeps_its_base);
  review_case (s, "reviewer-read-only", test_reviewer_register_read_only);
  review_case (s, "clerk-frozen", test_clerk_frozen);
  review_case (s, "amend-resubmits", test_amend_resubmits);
  review_case (s, "amend-refusals", test_amend_refusals);
  review_case (s, "record-diff", test_record_diff);
  review_case (s, "queue", test_queue);
  review_case (s, "async", test_async);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
