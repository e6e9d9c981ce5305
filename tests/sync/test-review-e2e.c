/* test-review-e2e.c — review of synced records end to end (issue 6): communes, reviewers, the real server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PostgreSQL cluster and one server for the program (hs_test_main);
 * each test uses communes and birth serials no other test uses, since the
 * server looks for duplicates across every office.  Decisions and
 * amendments go through the library and through hotich-admin
 * ($HOTICH_ADMIN), as a script would make them.
 */
#include <string.h>
#include <sys/wait.h>

#include "ht-store-review.h"
#include "ht-sync-wire.h"
#include "hs-test-main.h"
#include "sync-test-util.h"

/* Runs hotich-admin --db PATH ARGS… and returns its exit status. */
static int
admin (const char         *path,
       const char *const  *args,
       char              **out,
       char              **err)
{
  const char *binary = g_getenv ("HOTICH_ADMIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *child_out = NULL;
  g_autofree char *child_err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  ck_assert_msg (binary != NULL, "HOTICH_ADMIN is not set");
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  ck_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &child_out, &child_err,
                           &status, &error));
  ck_assert_msg (WIFEXITED (status), "hotich-admin did not exit normally:\n%s", child_err);
  if (out != NULL)
    *out = g_steal_pointer (&child_out);
  if (err != NULL)
    *err = g_steal_pointer (&child_err);
  return WEXITSTATUS (status);
}

static void
run_ok (HtStore      *store,
        HtSyncReport *report)
{
  g_autoptr(GError) error = NULL;

  memset (report, 0, sizeof *report);
  ck_assert_msg (st_run (store, NULL, report, &error), "sync: %s", error != NULL ? error->message : "");
}

static char *
review_field (HtStore    *store,
              const char *id,
              const char *member)
{
  g_autoptr(cJSON) record = ht_store_get (store, id, NULL);
  g_autofree char *path = g_strconcat ("review.", member, NULL);

  ck_assert_msg (record != NULL, "the register lacks %s", id);
  return g_strdup (cJSON_GetStringValue (ht_record_get_path (record, path)));
}

static void
assert_state (HtStore    *store,
              const char *id,
              const char *state)
{
  g_autofree char *found = review_field (store, id, "state");

  ck_assert_msg (g_strcmp0 (found, state) == 0, "record %s is %s, not %s", id, found, state);
}

static cJSON *
server_record (const char *office,
               const char *id)
{
  g_autoptr(GHashTable) server = st_server_records (office);
  const cJSON *record = g_hash_table_lookup (server, id);

  ck_assert_msg (record != NULL, "the server lacks %s", id);
  return cJSON_Duplicate (record, TRUE);
}

/* A commune's enrolled register holding one birth the server has. */
static HtStore *
clerk_with_birth (const char  *name,
                  const char  *office,
                  guint        serial,
                  char       **id)
{
  g_autofree char *path = st_path (name);
  g_autoptr(HtStore) store = st_register_new (name, office);
  HtSyncReport report;

  g_clear_object (&store);
  store = st_enroll (path, st_url, "clerk", office);
  *id = st_save_birth (store, serial);
  run_ok (store, &report);
  ck_assert_uint_eq (report.pushed, 1);
  ck_assert_uint_eq (report.refused, 0);
  return g_steal_pointer (&store);
}

/* Issue 6 item 7: clerk registers → sync → reviewer pulls → returns with a
 * comment → sync → clerk sees the comment, amends → sync → reviewer sees
 * "resubmitted" and the field diff → approves → sync → clerk sees approved
 * and cannot amend. */
START_TEST (test_return_amend_approve)
{
  const char *office = hs_test_office ("01", 40);
  g_autofree char *id = NULL;
  g_autofree char *clerk_path = st_path ("return-clerk.db");
  g_autofree char *reviewer_path = st_path ("return-reviewer.db");
  g_autoptr(HtStore) clerk = clerk_with_birth ("return-clerk.db", office, 50000, &id);
  g_autoptr(HtStore) reviewer = st_enroll (reviewer_path, st_url, "reviewer", "01");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(cJSON) on_server = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *comment = NULL;
  HtSyncReport report;
  gboolean place_changed = FALSE;

  /* The reviewer pulls it: pending, in the queue. */
  run_ok (reviewer, &report);
  assert_state (reviewer, id, "pending");
  {
    const char *args[] = { "review", "list", "--office", office, "--json", NULL };
    g_auto(GStrv) lines = NULL;

    ck_assert_int_eq (admin (reviewer_path, args, &out, &err), 0);
    lines = g_strsplit (g_strstrip (out), "\n", -1);
    ck_assert_uint_eq (g_strv_length (lines), 1);
    ck_assert_ptr_nonnull (strstr (lines[0], id));
    ck_assert_ptr_nonnull (strstr (lines[0], "\"review\":{\"state\":\"pending\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Returned with a comment, through hotich-admin. */
  {
    const char *no_comment[] = { "review", "return", id, NULL };
    const char *args[] = { "review", "return", id, "--comment", "Nơi sinh ghi chưa đúng giấy chứng sinh", NULL };

    ck_assert_int_eq (admin (reviewer_path, no_comment, NULL, &err), 2);
    ck_assert_ptr_nonnull (strstr (err, "--comment"));
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (admin (reviewer_path, args, &out, &err), 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  assert_state (reviewer, id, "returned");
  run_ok (reviewer, &report);
  ck_assert_uint_eq (report.pushed, 1);
  ck_assert_uint_eq (report.refused, 0);
  ck_assert_int_eq (ht_store_sync_record_state (reviewer, id, NULL, NULL), HT_SYNC_STATE_SENT);
  on_server = server_record (office, id);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (on_server, "review.state")), "returned");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (on_server, "review.comment")),
                    "Nơi sinh ghi chưa đúng giấy chứng sinh");
  ck_assert_ptr_nonnull (cJSON_GetStringValue (ht_record_get_path (on_server, "review.by")));
  g_clear_pointer (&on_server, cJSON_Delete);

  /* The clerk sees the comment. */
  run_ok (clerk, &report);
  assert_state (clerk, id, "returned");
  comment = review_field (clerk, id, "comment");
  ck_assert_str_eq (comment, "Nơi sinh ghi chưa đúng giấy chứng sinh");

  /* … and amends, through hotich-admin. */
  {
    const char *args[] = { "amend", id, "--set", "data.child.place_of_birth=Bệnh viện Phụ sản Hà Nội",
                           "--reason", "sửa theo ý kiến Sở Tư pháp", NULL };
    const char *bad[] = { "amend", id, "--set", "data.child.favourite_colour=blue", "--reason", "x", NULL };

    ck_assert_int_eq (admin (clerk_path, bad, NULL, &err), 1);
    ck_assert_ptr_nonnull (strstr (err, "data.child.favourite_colour"));
    g_clear_pointer (&err, g_free);
    ck_assert_msg (admin (clerk_path, args, &out, &err) == 0, "%s", err);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  assert_state (clerk, id, "resubmitted");
  run_ok (clerk, &report);
  ck_assert_uint_eq (report.pushed, 1);
  ck_assert_uint_eq (report.refused, 0);

  /* The reviewer sees "resubmitted" and what changed since the return. */
  run_ok (reviewer, &report);
  assert_state (reviewer, id, "resubmitted");
  changes = ht_store_review_changes (reviewer, id, &error);
  ck_assert_msg (changes != NULL, "%s", error != NULL ? error->message : "");
  for (guint i = 0; i < changes->len; i++)
    {
      const HtFieldChange *change = changes->pdata[i];

      ck_assert_msg (g_str_has_prefix (change->path, "data."), "unexpected change of %s", change->path);
      if (strcmp (change->path, "data.child.place_of_birth") == 0)
        {
          place_changed = TRUE;
          ck_assert_str_eq (change->after, "Bệnh viện Phụ sản Hà Nội");
        }
    }
  ck_assert (place_changed);
  ck_assert_uint_eq (changes->len, 1);
  {
    HtReviewFilter filter = { .state = "resubmitted", .office = office };
    g_autoptr(GPtrArray) queue = ht_store_review_list (reviewer, &filter, NULL, &error);

    ck_assert_uint_eq (queue->len, 1);
    ck_assert_str_eq (((HtReviewItem *) queue->pdata[0])->id, id);
  }

  /* Approved. */
  ck_assert_msg (ht_store_review_decide (reviewer, id, "approved", NULL, "tuan.sotp", &error), "%s",
                 error != NULL ? error->message : "");
  run_ok (reviewer, &report);
  ck_assert_uint_eq (report.pushed, 1);
  ck_assert_uint_eq (report.refused, 0);
  assert_state (reviewer, id, "approved");

  /* The clerk sees it approved and can no longer amend it. */
  run_ok (clerk, &report);
  assert_state (clerk, id, "approved");
  {
    const char *args[] = { "amend", id, "--set", "data.child.place_of_birth=Trạm y tế", "--reason", "sửa", NULL };
    g_autoptr(cJSON) record = ht_store_get (clerk, id, NULL);

    ck_assert_int_eq (admin (clerk_path, args, NULL, &err), 1);
    ck_assert_ptr_nonnull (strstr (err, "approved"));
    g_clear_pointer (&err, g_free);
    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"),
                               "place_of_birth", cJSON_CreateString ("Trạm y tế"));
    ck_assert (!ht_store_save (clerk, record, "lan.nt", "sửa", HT_SAVE_DEFAULT, NULL, &error));
    ck_assert_int_eq (error->code, HT_ERROR_PERMISSION);
    g_clear_error (&error);
  }
  on_server = server_record (office, id);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (on_server, "review.state")), "approved");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (on_server, "data.child.place_of_birth")),
                    "Bệnh viện Phụ sản Hà Nội");

  ck_assert_uint_eq (ht_store_outbox_count (clerk), 0);
  ck_assert_uint_eq (ht_store_outbox_count (reviewer), 0);
  st_assert_sound (clerk);
  st_assert_sound (reviewer);
  st_assert_admin_check (clerk_path);
  st_assert_admin_check (reviewer_path);
}
END_TEST

/* A reviewer of another province cannot decide on a Hà Nội record, even
 * holding a copy of it: the server refuses, the record needs attention
 * there, and nothing changes on the server. */
START_TEST (test_out_of_scope)
{
  const char *office = hs_test_office ("01", 41);
  g_autofree char *id = NULL;
  g_autofree char *outsider_path = st_path ("outsider.db");
  g_autoptr(HtStore) clerk = clerk_with_birth ("scope-clerk.db", office, 51000, &id);
  g_autoptr(HtStore) outsider = st_enroll (outsider_path, st_url, "reviewer", "79");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);
  g_autoptr(cJSON) on_server = server_record (office, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  HtPullChange *change = g_new0 (HtPullChange, 1);
  HtSyncReport report;

  /* Its own pull does not bring the record … */
  run_ok (outsider, &report);
  ck_assert_ptr_null (ht_store_get (outsider, id, NULL));
  /* … so it is planted, as a copy would be. */
  change->server_seq = ht_store_sync_get_cursor (outsider) + 1;
  change->op = HT_PULL_RECORD;
  change->record_id = g_strdup (id);
  change->record = cJSON_Duplicate (on_server, TRUE);
  g_ptr_array_add (changes, change);
  ck_assert (ht_store_sync_apply_pull (outsider, changes, ht_store_sync_get_cursor (outsider), NULL, &error));

  ck_assert (ht_store_review_decide (outsider, id, "approved", NULL, "hcm.sotp", &error));
  run_ok (outsider, &report);
  ck_assert_uint_eq (report.pushed, 0);
  ck_assert_uint_eq (report.refused, 1);
  ck_assert_int_eq (ht_store_sync_record_state (outsider, id, &message, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ck_assert_ptr_nonnull (message);

  g_clear_pointer (&on_server, cJSON_Delete);
  on_server = server_record (office, id);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (on_server, "review.state")), "pending");
  run_ok (clerk, &report);
  {
    g_autoptr(cJSON) record = ht_store_get (clerk, id, NULL);
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.state")), "pending");
  }
  st_assert_sound (outsider);
}
END_TEST

/* A decision made offline on a version the commune has changed since is
 * a conflict the reviewer must look at again, not an approval of content
 * nobody read. */
START_TEST (test_stale_decision)
{
  const char *office = hs_test_office ("01", 42);
  g_autofree char *id = NULL;
  g_autofree char *reviewer_path = st_path ("stale-reviewer.db");
  g_autoptr(HtStore) clerk = clerk_with_birth ("stale-clerk.db", office, 52000, &id);
  g_autoptr(HtStore) reviewer = st_enroll (reviewer_path, st_url, "reviewer", "01");
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) on_server = NULL;
  g_autofree char *message = NULL;
  HtSyncReport report;
  const char *sets[] = { "data.child.place_of_birth=Bệnh viện Đa khoa Đống Đa", NULL };

  run_ok (reviewer, &report);
  assert_state (reviewer, id, "pending");

  /* Meanwhile the commune corrects the record (still pending). */
  ck_assert_msg (ht_store_amend (clerk, id, sets, "sửa nơi sinh", "lan.nt", NULL, &error), "%s",
                 error != NULL ? error->message : "");
  run_ok (clerk, &report);
  ck_assert_uint_eq (report.pushed, 1);

  /* The reviewer, offline, approves what it saw; then a pull (the
   * scheduler's, say) brings the new version before the decision is
   * pushed.  The decision still carries the version it was made on. */
  ck_assert (ht_store_review_decide (reviewer, id, "approved", NULL, "tuan.sotp", &error));
  {
    g_autoptr(HtSyncEngine) engine = ht_sync_engine_new (reviewer, &error);
    HtSyncOptions options;

    ck_assert_ptr_nonnull (engine);
    st_options (&options);
    ht_sync_engine_set_options (engine, &options);
    memset (&report, 0, sizeof report);
    ck_assert_msg (ht_sync_engine_pull (engine, &report, NULL, &error), "%s", error != NULL ? error->message : "");
  }
  ck_assert_int_eq (ht_store_outbox_count (reviewer), 1);
  run_ok (reviewer, &report);
  ck_assert_uint_eq (report.pushed, 0);
  ck_assert_uint_eq (report.refused, 1);
  ck_assert_int_eq (ht_store_sync_record_state (reviewer, id, &message, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ck_assert_ptr_nonnull (message);

  on_server = server_record (office, id);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (on_server, "review.state")), "pending");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (on_server, "data.child.place_of_birth")),
                    "Bệnh viện Đa khoa Đống Đa");

  /* The same run pulled the new version: the reviewer reads it and decides again. */
  assert_state (reviewer, id, "pending");
  {
    g_autoptr(cJSON) seen = ht_store_get (reviewer, id, NULL);
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (seen, "data.child.place_of_birth")),
                      "Bệnh viện Đa khoa Đống Đa");
  }
  ck_assert (ht_store_review_decide (reviewer, id, "approved", NULL, "tuan.sotp", &error));
  run_ok (reviewer, &report);
  ck_assert_uint_eq (report.pushed, 1);
  ck_assert_uint_eq (report.refused, 0);
  ck_assert_int_eq (ht_store_sync_record_state (reviewer, id, NULL, NULL), HT_SYNC_STATE_SENT);
  run_ok (clerk, &report);
  assert_state (clerk, id, "approved");
  st_assert_sound (reviewer);
  st_assert_sound (clerk);
}
END_TEST

/* The same birth registered in two communes is flagged for the reviewer. */
START_TEST (test_duplicate_across_communes)
{
  const char *office_a = hs_test_office ("01", 43);
  const char *office_b = hs_test_office ("01", 44);
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *reviewer_path = st_path ("dup-reviewer.db");
  g_autoptr(HtStore) a = clerk_with_birth ("dup-a.db", office_a, 53000, &id_a);
  g_autoptr(HtStore) b = clerk_with_birth ("dup-b.db", office_b, 53000, &id_b);
  g_autoptr(HtStore) reviewer = st_enroll (reviewer_path, st_url, "reviewer", "01");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flagged = NULL;
  HtReviewFilter filter = { .state = "potential_duplicate" };
  gboolean b_flagged = FALSE;
  HtSyncReport report;
  g_autofree char *out = NULL;

  run_ok (reviewer, &report);
  flagged = ht_store_review_list (reviewer, &filter, NULL, &error);
  ck_assert_msg (flagged != NULL, "%s", error != NULL ? error->message : "");
  for (guint i = 0; i < flagged->len; i++)
    {
      const HtReviewItem *item = flagged->pdata[i];

      ck_assert_ptr_nonnull (item->duplicates);
      if (strcmp (item->id, id_b) == 0)
        {
          b_flagged = TRUE;
          ck_assert (g_strv_contains ((const char *const *) item->duplicates, id_a));
        }
      else if (strcmp (item->id, id_a) == 0)
        ck_assert (g_strv_contains ((const char *const *) item->duplicates, id_b));
    }
  ck_assert_msg (b_flagged, "the second registration of the same birth was not flagged");

  /* hotich-admin lists it too. */
  {
    const char *args[] = { "review", "list", "--state", "potential_duplicate", NULL };
    ck_assert_int_eq (admin (reviewer_path, args, &out, NULL), 0);
    ck_assert_ptr_nonnull (strstr (out, id_b));
    ck_assert_ptr_nonnull (strstr (out, id_a));
  }
  /* A clerk's records carry no flag. */
  ck_assert (ht_store_sync_get_cursor (a) > 0);
  st_assert_sound (reviewer);
}
END_TEST

/* The pull's "potential_duplicate" as the wire reads it: absent, null and
 * [] are no flag; anything but a list of record ids refuses the page. */
START_TEST (test_wire_duplicates)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autofree char *other_upper = g_ascii_strup (other, -1);
  g_autoptr(cJSON) birth = hs_test_birth (hs_test_office ("01", 45), 54000, 7, id);
  g_autofree char *record = cJSON_PrintUnformatted (birth);
  g_autofree char *one = g_strdup_printf (",\"potential_duplicate\":[\"%s\"]", other_upper);
  g_autofree char *two = g_strdup_printf (",\"potential_duplicate\":[\"%s\",\"%s\"]", other_upper, other);
  g_autofree char *text = g_strdup_printf (",\"potential_duplicate\":\"%s\"", other);
  const struct { const char *member; gboolean ok; guint flags; } cases[] = {
    { "", TRUE, 0 },
    { ",\"potential_duplicate\":null", TRUE, 0 },
    { ",\"potential_duplicate\":[]", TRUE, 0 },
    { one, TRUE, 1 },
    { two, TRUE, 2 },
    { text, FALSE, 0 },
    { ",\"potential_duplicate\":[42]", FALSE, 0 },
    { ",\"potential_duplicate\":[\"not-an-id\"]", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *member = cases[i].member;
      g_autofree char *body = g_strdup_printf ("{\"changes\":[{\"server_seq\":1,\"op\":\"record\",\"record_id\":\"%s\","
                                               "\"record\":%s%s}],\"cursor\":1,\"more\":false}",
                                               id, record, member);
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;
      gint64 cursor = 0;
      gboolean more = TRUE;
      gboolean ok = ht_sync_wire_pull (body, strlen (body), 0, &changes, &cursor, &more, &error);
      const HtPullChange *change;

      ck_assert_msg (ok == cases[i].ok, "case %u: %s", i, error != NULL ? error->message : "accepted");
      if (!ok)
        {
          ck_assert_ptr_nonnull (strstr (error->message, "potential_duplicate"));
          continue;
        }
      change = changes->pdata[0];
      ck_assert_uint_eq (change->duplicates != NULL ? g_strv_length (change->duplicates) : 0, cases[i].flags);
      /* Ids are kept in the register's spelling: lower case. */
      if (cases[i].flags > 0)
        ck_assert_str_eq (change->duplicates[0], other);
    }
}
END_TEST

int
main (void)
{
  const HsTestCase cases[] = {
    { "return_amend_approve", test_return_amend_approve },
    { "out_of_scope", test_out_of_scope },
    { "stale_decision", test_stale_decision },
    { "duplicate_across_communes", test_duplicate_across_communes },
    { "wire_duplicates", test_wire_duplicates },
  };

  return hs_test_main ("review-e2e", cases, G_N_ELEMENTS (cases), &st_pg, &st_server, &st_url, NULL, NULL);
}
