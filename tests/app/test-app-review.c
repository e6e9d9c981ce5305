/* test-app-review.c — the Review page and the clerk's side of review, under Xvfb.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reviewer's register is built without a server, as a sync would fill
 * it: records of two communes of Hà Nội pulled in, one resubmitted after an
 * earlier return (so that its changes show), one flagged by the server as
 * a potential duplicate.  The real window then shows the queue, filters it,
 * opens the resubmitted record with the changed field, refuses a return
 * without a comment and records one with a comment (an outbox entry, op
 * "review").  On a clerk's register, an approved record cannot be edited
 * (the button says why), a returned one is in "Needs attention" with the
 * reviewer's comment, and editing it resubmits it.  GTK cannot be forked,
 * so the tests run in one process (CK_NOFORK).
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "app-test-util.h"
#include "hs-test-records.h"
#include "ht-form-view.h"
#include "ht-record-view.h"
#include "ht-review-view.h"
#include "ht-screenshots.h"
#include "ht-store-sync.h"
#include "ht-test-util.h"

/* The scope (Hà Nội) and what the reviewer's register holds. */
#define SCOPE "01"
enum { PENDING, RESUBMITTED, FLAGGED, APPROVED, N_RECORDS };

/* An id the server flagged that lives outside the scope. */
#define OUTSIDE_ID "0b0b0b0b-0000-4000-8000-000000000001"

static char *dir;

static void
setup (void)
{
  dir = ht_test_tmpdir ();
}

static void
teardown (void)
{
  ht_test_rmtree (dir);
  g_clear_pointer (&dir, g_free);
}

/* ---- Helpers ---- */

static gboolean
row_has (GtkWidget  *root,
         const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child))
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
          const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (child));

          if ((title != NULL && strstr (title, text) != NULL) || (subtitle != NULL && strstr (subtitle, text) != NULL))
            return TRUE;
        }
      if (row_has (child, text))
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  AdwMessageDialog *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (found == NULL && ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        (heading == NULL || g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0))
      found = l->data;
  return found;
}

static void
close_dialog (AdwMessageDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_spin (20);
}

static char *
review_state (HtStore    *store,
              const char *id)
{
  g_autoptr(cJSON) record = ht_store_get (store, id, NULL);

  ck_assert_ptr_nonnull (record);
  return g_strdup (cJSON_GetStringValue (ht_record_get_path (record, "review.state")));
}

static gboolean
state_is (HtStore    *store,
          const char *id,
          const char *state)
{
  g_autofree char *now = review_state (store, id);

  return g_strcmp0 (now, state) == 0;
}

/* A record of the scope as the server sends it to a reviewer's device. */
static HtPullChange *
pull_record (gint64             seq,
             cJSON             *record,
             const char        *state,
             const char        *comment,
             gint64             version,
             const char *const *duplicates)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  cJSON *review = cJSON_GetObjectItem (record, "review");
  HtPullChange *change = g_new0 (HtPullChange, 1);

  cJSON_ReplaceItemInObject (review, "state", cJSON_CreateString (state));
  if (comment != NULL)
    {
      cJSON_ReplaceItemInObject (review, "comment", cJSON_CreateString (comment));
      cJSON_ReplaceItemInObject (review, "by", cJSON_CreateString ("Sở Tư pháp Hà Nội"));
      cJSON_ReplaceItemInObject (review, "at", cJSON_CreateString ("2026-02-20T03:00:00Z"));
    }
  cJSON_ReplaceItemInObject (record, "content_version", cJSON_CreateNumber ((double) version));
  change->server_seq = seq;
  change->op = HT_PULL_RECORD;
  change->record_id = g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (record, "id")));
  change->record = ht_record_canonicalize (record, issues);
  change->duplicates = g_strdupv ((char **) duplicates);
  ck_assert_msg (change->record != NULL, "the test record is not canonical");
  return change;
}

static void
apply (HtStore   *store,
       GPtrArray *changes,
       gint64     cursor)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (ht_store_sync_apply_pull (store, changes, cursor, NULL, &error), "%s",
                 error != NULL ? error->message : "");
}

/* The register of the Department of Justice of Hà Nội, enrolled as a
 * reviewer's device, with four births of two communes (registered on
 * 18/01, 25/01, 01/02 and 08/02/2026); "ids" gets their ids. */
static char *
make_reviewer_register (char **ids)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "review.db", NULL);
  g_autoptr(HtStore) store = ht_store_sync_create_for_scope (path, SCOPE, &error);
  g_autofree char *device_id = g_uuid_string_random ();
  /* A closed port: the scheduler's runs fail at once and push nothing. */
  HtSyncDevice device = {
    (char *) "https://127.0.0.1:9", NULL, device_id, (char *) "Sở Tư pháp Hà Nội", (char *) "VGhlVG9rZW4",
    (char *) "reviewer", NULL, (char *) SCOPE, NULL,
  };
  const char *first = hs_test_office (SCOPE, 0);
  const char *second = hs_test_office (SCOPE, 1);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);
  cJSON *records[N_RECORDS];

  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_msg (ht_store_user_add (store, "hoa.pt", "reviewer", "secret", &error), "%s", error->message);
  ck_assert_msg (ht_store_sync_save_device (store, &device, &error), "%s", error->message);

  for (guint i = 0; i < N_RECORDS; i++)
    {
      records[i] = hs_test_birth (i % 2 == 0 ? first : second, i + 1, 10 + i, NULL);
      ids[i] = g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (records[i], "id")));
    }
  {
    const char *flags[] = { ids[APPROVED], OUTSIDE_ID, NULL };
    g_ptr_array_add (page, pull_record (1, records[PENDING], "pending", NULL, 1, NULL));
    g_ptr_array_add (page, pull_record (2, records[RESUBMITTED], "returned", "Nơi sinh ghi chưa đủ", 1, NULL));
    g_ptr_array_add (page, pull_record (3, records[FLAGGED], "pending", NULL, 1, flags));
    g_ptr_array_add (page, pull_record (4, records[APPROVED], "approved", NULL, 1, NULL));
    apply (store, page, 4);
  }
  /* The commune corrected the returned record: a new content version. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (records[RESUBMITTED], "data"), "child"),
                             "place_of_birth", cJSON_CreateString ("Bệnh viện Phụ sản Hà Nội"));
  g_ptr_array_add (again, pull_record (5, records[RESUBMITTED], "resubmitted", "Nơi sinh ghi chưa đủ", 2, NULL));
  apply (store, again, 5);

  for (guint i = 0; i < N_RECORDS; i++)
    cJSON_Delete (records[i]);
  return path;
}

static void
wait_queue (HtReviewView *view,
            guint         n,
            const char   *what)
{
  WAIT_FOR (!ht_review_view_get_loading (view) && ht_review_view_get_n_items (view) == n, what);
}

/* ---- The reviewer ---- */

START_TEST (review_queue_and_filters)
{
  char *ids[N_RECORDS];
  g_autofree char *path = make_reviewer_register (ids);
  HtWindow *window = app_test_window (path);
  HtReviewView *view;

  app_test_sign_in (window, "hoa.pt", "secret");
  /* A reviewer's register opens on its queue, and registers nothing. */
  ck_assert_str_eq (ht_window_get_page (window), "review");
  ck_assert (!ht_window_get_action_enabled (window, "win.new"));
  ck_assert (!ht_window_get_action_enabled (window, "win.edit-record"));
  ck_assert (ht_window_get_action_enabled (window, "win.review-approve"));
  ck_assert (ht_window_get_action_enabled (window, "win.review-return"));
  view = HT_REVIEW_VIEW (ht_window_get_view (window, "review"));

  /* The open queue: pending and resubmitted, oldest registration first. */
  wait_queue (view, 3, "the open queue");
  ck_assert_str_eq (ht_review_view_get_item (view, 0)->id, ids[PENDING]);
  ck_assert_str_eq (ht_review_view_get_item (view, 1)->id, ids[RESUBMITTED]);
  ck_assert_str_eq (ht_review_view_get_item (view, 1)->review_state, "resubmitted");
  ck_assert_str_eq (ht_review_view_get_item (view, 2)->id, ids[FLAGGED]);
  ck_assert_ptr_nonnull (ht_review_view_get_item (view, 2)->duplicates);

  ck_assert (ht_review_view_set_state (view, "resubmitted"));
  wait_queue (view, 1, "the resubmitted records");
  ck_assert_str_eq (ht_review_view_get_item (view, 0)->id, ids[RESUBMITTED]);
  ck_assert (ht_review_view_set_state (view, "potential_duplicate"));
  wait_queue (view, 1, "the flagged records");
  ck_assert_str_eq (ht_review_view_get_item (view, 0)->id, ids[FLAGGED]);
  ck_assert (ht_review_view_set_state (view, "approved"));
  wait_queue (view, 1, "the approved records");
  ck_assert_str_eq (ht_review_view_get_item (view, 0)->id, ids[APPROVED]);
  ck_assert (!ht_review_view_set_state (view, "lost"));

  /* The second commune's open queue. */
  ck_assert (ht_review_view_set_state (view, NULL));
  ck_assert (ht_review_view_set_office (view, hs_test_office (SCOPE, 1)));
  wait_queue (view, 1, "the second commune's queue");
  ck_assert_str_eq (ht_review_view_get_item (view, 0)->id, ids[RESUBMITTED]);
  ck_assert (!ht_review_view_set_office (view, "00004x"));
  ck_assert (ht_review_view_set_office (view, NULL));
  wait_queue (view, 3, "every commune again");

  /* Registered from 1 February on. */
  ht_review_view_set_dates (view, "01/02/2026", "");
  wait_queue (view, 1, "the records of February");
  ck_assert_str_eq (ht_review_view_get_item (view, 0)->id, ids[FLAGGED]);
  ck_assert_ptr_null (ht_review_view_get_filter_error (view));
  /* A day that does not exist is named, and the queue stays as it was. */
  ht_review_view_set_dates (view, "31/02/2026", "");
  ck_assert_ptr_nonnull (ht_review_view_get_filter_error (view));
  ck_assert_ptr_nonnull (strstr (ht_review_view_get_filter_error (view), "From"));
  ck_assert_ptr_nonnull (strstr (ht_review_view_get_filter_error (view), "31/02/2026"));
  app_test_spin (50);
  ck_assert_uint_eq (ht_review_view_get_n_items (view), 1);
  ht_review_view_set_dates (view, "10/02/2026", "01/02/2026");
  ck_assert_ptr_nonnull (strstr (ht_review_view_get_filter_error (view), "“From” is after “To”"));
  ht_review_view_set_dates (view, "", "");
  ck_assert_ptr_null (ht_review_view_get_filter_error (view));
  wait_queue (view, 3, "the whole queue again");

  app_test_close (window);
  for (guint i = 0; i < N_RECORDS; i++)
    g_free (ids[i]);
}
END_TEST

START_TEST (review_decisions)
{
  char *ids[N_RECORDS];
  g_autofree char *path = make_reviewer_register (ids);
  HtWindow *window = app_test_window (path);
  HtReviewView *view;
  HtStore *store;
  GPtrArray *changes;
  AdwMessageDialog *dialog;
  GtkTextBuffer *buffer;
  gboolean place_changed = FALSE;
  g_autofree char *dup_child = hs_test_child_name (APPROVED + 1);

  app_test_sign_in (window, "hoa.pt", "secret");
  store = ht_session_get_store (ht_window_get_session (window));
  view = HT_REVIEW_VIEW (ht_window_get_view (window, "review"));
  wait_queue (view, 3, "the open queue");

  /* The resubmitted record, with what changed since it was returned. */
  ht_review_view_select (view, ids[RESUBMITTED]);
  WAIT_FOR (!ht_review_view_get_loading (view) && ht_review_view_get_record (view) != NULL, "the record");
  changes = ht_review_view_get_changes (view);
  for (guint i = 0; i < changes->len; i++)
    {
      HtFieldChange *change = changes->pdata[i];
      if (g_strcmp0 (change->path, "data.child.place_of_birth") == 0)
        {
          place_changed = TRUE;
          ck_assert_str_eq (change->after, "Bệnh viện Phụ sản Hà Nội");
        }
    }
  ck_assert_msg (place_changed, "the changed place of birth is not among %u changes", changes->len);
  ck_assert (row_has (GTK_WIDGET (view), "→ Bệnh viện Phụ sản Hà Nội"));
  ck_assert_uint_eq (ht_store_outbox_count (store), 0);

  /* Returned without a comment: refused, naming the comment; nothing stored. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-decide", "(sss)", ids[RESUBMITTED], "returned",
                              "   ");
  WAIT_FOR ((dialog = find_dialog ("The decision was not recorded")) != NULL, "the refusal");
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (dialog), "comment"));
  close_dialog (dialog);
  ck_assert_uint_eq (ht_store_outbox_count (store), 0);
  ck_assert (state_is (store, ids[RESUBMITTED], "resubmitted"));
  /* Not a decision, and a record this register does not hold. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-decide", "(sss)", ids[RESUBMITTED], "maybe", "");
  WAIT_FOR ((dialog = find_dialog ("The decision was not recorded")) != NULL, "the refusal of a state");
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (dialog), "“maybe”"));
  close_dialog (dialog);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-approve", "s", OUTSIDE_ID);
  WAIT_FOR ((dialog = find_dialog ("The decision was not recorded")) != NULL, "the refusal of an unknown record");
  close_dialog (dialog);
  ck_assert_uint_eq (ht_store_outbox_count (store), 0);

  /* Return…: the dialog sends nothing until there is a comment. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-return", "s", ids[RESUBMITTED]);
  WAIT_FOR ((dialog = find_dialog ("Return the record for correction?")) != NULL, "the return dialog");
  ck_assert (!adw_message_dialog_get_response_enabled (dialog, "return"));
  buffer = g_object_get_data (G_OBJECT (dialog), "ht-comment");
  gtk_text_buffer_set_text (buffer, "  \n ", -1);
  ck_assert (!adw_message_dialog_get_response_enabled (dialog, "return"));
  gtk_text_buffer_set_text (buffer, "Ghi rõ khoa sinh trong bệnh viện", -1);
  ck_assert (adw_message_dialog_get_response_enabled (dialog, "return"));
  adw_message_dialog_response (dialog, "return");
  close_dialog (dialog);
  WAIT_FOR (state_is (store, ids[RESUBMITTED], "returned"), "the return");
  {
    g_autoptr(cJSON) record = ht_store_get (store, ids[RESUBMITTED], NULL);
    g_autoptr(GPtrArray) outbox = ht_store_outbox_peek (store, 0, 10, 1 << 20, NULL);

    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.comment")),
                      "Ghi rõ khoa sinh trong bệnh viện");
    ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "review.by")), "hoa.pt");
    ck_assert_uint_eq (outbox->len, 1);
    ck_assert_str_eq (((HtOutboxEntry *) outbox->pdata[0])->op, "review");
    ck_assert_ptr_nonnull (strstr (((HtOutboxEntry *) outbox->pdata[0])->json, "Ghi rõ khoa sinh"));
  }
  /* The page follows: the record decided, the queue without it. */
  WAIT_FOR (!ht_review_view_get_loading (view) && ht_review_view_get_record (view) != NULL &&
            g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (ht_review_view_get_record (view), "review.state")),
                       "returned") == 0, "the returned record on the page");
  wait_queue (view, 2, "the queue without the returned record");
  /* Decided once: a second decision on it is refused by the register. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-approve", "s", ids[RESUBMITTED]);
  WAIT_FOR ((dialog = find_dialog ("The decision was not recorded")) != NULL, "the refusal of a second decision");
  close_dialog (dialog);
  ck_assert (state_is (store, ids[RESUBMITTED], "returned"));

  /* The flagged record links the record it may duplicate. */
  ht_review_view_select (view, ids[FLAGGED]);
  WAIT_FOR (!ht_review_view_get_loading (view) && ht_review_view_get_record (view) != NULL &&
            g_strcmp0 (ht_record_id (ht_review_view_get_record (view)), ids[FLAGGED]) == 0, "the flagged record");
  ck_assert_uint_eq (g_strv_length ((char **) ht_review_view_get_duplicates (view)), 2);
  ck_assert (row_has (GTK_WIDGET (view), dup_child));
  ck_assert (row_has (GTK_WIDGET (view), OUTSIDE_ID));

  /* Rejected with a reason; approved at once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-reject", "s", ids[FLAGGED]);
  WAIT_FOR ((dialog = find_dialog ("Reject the record?")) != NULL, "the reject dialog");
  ck_assert (!adw_message_dialog_get_response_enabled (dialog, "reject"));
  close_dialog (dialog);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-decide", "(sss)", ids[FLAGGED], "rejected",
                              "Trùng với khai sinh đã đăng ký");
  WAIT_FOR (state_is (store, ids[FLAGGED], "rejected"), "the rejection");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-approve", "s", ids[PENDING]);
  WAIT_FOR (state_is (store, ids[PENDING], "approved"), "the approval");
  ck_assert_uint_eq (ht_store_outbox_count (store), 3);
  wait_queue (view, 0, "an empty queue");

  app_test_close (window);
  for (guint i = 0; i < N_RECORDS; i++)
    g_free (ids[i]);
}
END_TEST

/* ---- The clerk ---- */

static char *
save_birth (HtStore    *store,
            const char *child)
{
  g_autoptr(cJSON) record = ht_test_birth (child, "2026-11-01", "2026-11-10");
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(GError) error = NULL;

  ck_assert_msg (ht_store_save (store, record, "lan.nt", NULL, HT_SAVE_DEFAULT, issues, &error), "%s",
                 error != NULL ? error->message : "");
  return g_strdup (ht_record_id (record));
}

static HtPullChange *
pull_review (gint64      seq,
             const char *id,
             const char *state,
             const char *comment)
{
  HtPullChange *change = g_new0 (HtPullChange, 1);

  change->server_seq = seq;
  change->op = HT_PULL_REVIEW;
  change->record_id = g_strdup (id);
  change->review = cJSON_CreateObject ();
  cJSON_AddStringToObject (change->review, "state", state);
  cJSON_AddStringToObject (change->review, "comment", comment);
  cJSON_AddStringToObject (change->review, "by", "Sở Tư pháp Hà Nội");
  cJSON_AddStringToObject (change->review, "at", "2026-11-15T03:00:00Z");
  return change;
}

START_TEST (clerk_side)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  g_autofree char *approved = NULL;
  g_autofree char *returned = NULL;
  HtWindow *window;
  HtRecordView *record_view;
  GtkWidget *edit;
  HtFormView *form_view;
  HtForm *form;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HtStore) store = ht_store_open (path, &error);
    g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);

    ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
    approved = save_birth (store, "Nguyễn Thị Hoà");
    returned = save_birth (store, "Nguyễn Thị Thuỷ");
    g_ptr_array_add (page, pull_review (1, approved, "approved", "Đúng quy định"));
    g_ptr_array_add (page, pull_review (2, returned, "returned", "Thiếu số giấy chứng sinh"));
    apply (store, page, 2);
  }

  window = app_test_window (path);
  app_test_sign_in (window, "lan.nt", "secret");
  /* A commune's register has no Review page. */
  ck_assert (!ht_window_get_action_enabled (window, "win.review-approve"));
  record_view = HT_RECORD_VIEW (ht_window_get_view (window, "record"));
  edit = ht_record_view_get_edit_button (record_view);

  /* Approved: shown as approved, Edit there but disabled, saying why. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "s", approved);
  WAIT_FOR (ht_record_view_get_record (record_view) != NULL &&
            g_strcmp0 (ht_record_view_get_id (record_view), approved) == 0, "the approved record");
  ck_assert (row_has (GTK_WIDGET (record_view), "Approved"));
  ck_assert (gtk_widget_get_visible (edit));
  ck_assert (!gtk_widget_get_sensitive (edit));
  ck_assert_ptr_nonnull (gtk_widget_get_tooltip_text (edit));
  ck_assert_ptr_nonnull (strstr (gtk_widget_get_tooltip_text (edit), "Approved"));

  /* Returned: in "Needs attention" with the reviewer's comment. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "attention");
  WAIT_FOR (row_has (ht_window_get_view (window, "attention"), "Thiếu số giấy chứng sinh"), "the returned record");
  ck_assert (!row_has (ht_window_get_view (window, "attention"), "Đúng quy định"));

  /* Its page shows the comment and offers Edit. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "s", returned);
  WAIT_FOR (ht_record_view_get_record (record_view) != NULL &&
            g_strcmp0 (ht_record_view_get_id (record_view), returned) == 0, "the returned record");
  ck_assert (row_has (GTK_WIDGET (record_view), "Thiếu số giấy chứng sinh"));
  ck_assert (gtk_widget_get_visible (edit) && gtk_widget_get_sensitive (edit));

  /* Corrected: it goes back to review as resubmitted. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-record", "s", returned);
  form_view = HT_FORM_VIEW (ht_window_get_view (window, "form"));
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "form") == 0 && ht_form_view_get_form (form_view) != NULL &&
            ht_record_id (ht_form_get_record (ht_form_view_get_form (form_view))) != NULL, "the correction form");
  form = ht_form_view_get_form (form_view);
  WAIT_FOR (!ht_form_get_validating (form), "the check");
  ck_assert (ht_form_set_text (form, "data.birth_notice.number", "9911/GCS"));
  ht_form_leave (form, "data.birth_notice.number");
  WAIT_FOR (ht_form_view_get_can_register (form_view), "a correction to save");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  WAIT_FOR (ht_form_view_get_dialog (form_view) != NULL, "the reason");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ht_form_view_get_dialog (form_view))),
                         "Bổ sung số giấy chứng sinh");
  app_test_answer (window, "save");
  app_test_answer (window, "close");
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "record") == 0 && ht_record_view_get_record (record_view) != NULL &&
            g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (ht_record_view_get_record (record_view),
                                                                 "review.state")), "resubmitted") == 0,
            "the resubmitted record");
  ck_assert (row_has (GTK_WIDGET (record_view), "Resubmitted"));

  app_test_close (window);
}
END_TEST

/* The picture of docs/app.md: with HOTICH_REVIEW_SCREENSHOT=FILE.png (and
 * LANGUAGE=vi for the Vietnamese page) the program only saves it. */
START_TEST (review_screenshot)
{
  char *ids[N_RECORDS];
  g_autofree char *path = make_reviewer_register (ids);
  HtWindow *window = app_test_window (path);
  HtReviewView *view;

  /* No crossfade caught half-way in the picture. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 780);
  app_test_sign_in (window, "hoa.pt", "secret");
  view = HT_REVIEW_VIEW (ht_window_get_view (window, "review"));
  wait_queue (view, 3, "the open queue");
  ht_review_view_select (view, ids[RESUBMITTED]);
  WAIT_FOR (!ht_review_view_get_loading (view) && ht_review_view_get_record (view) != NULL, "the record");
  app_test_spin (1000);
  ck_assert (ht_screenshots_save (GTK_WIDGET (window), g_getenv ("HOTICH_REVIEW_SCREENSHOT")));
  app_test_close (window);
  for (guint i = 0; i < N_RECORDS; i++)
    g_free (ids[i]);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("app-review");
  TCase *tc = tcase_create ("review");
  SRunner *runner;
  int failed;

  /* The picture speaks the language of the environment, as the app does. */
  if (g_getenv ("HOTICH_REVIEW_SCREENSHOT") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, ht_application_locale_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  app_test_init ();
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 600);
  if (g_getenv ("HOTICH_REVIEW_SCREENSHOT") != NULL)
    tcase_add_test (tc, review_screenshot);
  else
    {
      tcase_add_test (tc, review_queue_and_filters);
      tcase_add_test (tc, review_decisions);
      tcase_add_test (tc, clerk_side);
    }
  suite_add_tcase (suite, tc);

  runner = srunner_create (suite);
  /* GTK and the X connection cannot cross a fork. */
  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}
