/* test-app.c — the desktop application under Xvfb, driven as a clerk would.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test opens the real window on a temporary register: the first start,
 * signing in, registering a birth through the form generated from the
 * kinds registry, finding it by its unaccented name, a field error for a
 * bad date, a save that fails and keeps the form, a probable duplicate, a
 * correction with its reason, drafts, roles and the keyboard.  GTK cannot
 * be forked, so the tests run in one process (CK_NOFORK), one after the
 * other.
 */
#include <string.h>

#include "app-test-util.h"
#include "ht-books-view.h"
#include "ht-error.h"
#include "ht-form-view.h"
#include "ht-record-list.h"
#include "ht-record-view.h"
#include "ht-setup-view.h"
#include "ht-signin-view.h"
#include "ht-store-list.h"
#include "ht-store-private.h"
#include "ht-test-util.h"
#include "ht-unit-picker.h"

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

static HtForm *
open_form (HtWindow   *window,
           const char *kind)
{
  HtFormView *view = HT_FORM_VIEW (ht_window_get_view (window, "form"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-registration", "s", kind);
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "form") == 0, "the form");
  return ht_form_view_get_form (view);
}

static gboolean
action_enabled (HtWindow   *window,
                const char *name)
{
  g_autofree char *full = g_strconcat ("win.", name, NULL);

  return ht_window_get_action_enabled (window, full);
}

/* Registers a birth through the form; returns the new record's id. */
static char *
register_birth (HtWindow   *window,
                const char *child,
                const char *dob,
                const char *mother)
{
  HtForm *form = open_form (window, "birth");
  HtRecordView *record_view = HT_RECORD_VIEW (ht_window_get_view (window, "record"));
  g_autofree char *messages = NULL;

  app_test_fill_birth (form, child, dob, mother);
  if (!app_test_wait ((gboolean (*) (gpointer)) ht_form_get_valid, form, APP_TEST_TIMEOUT_MS))
    {
      messages = app_test_form_messages (form);
      ck_abort_msg ("the form stays invalid:%s", messages);
    }
  ck_assert (ht_form_view_get_can_register (HT_FORM_VIEW (ht_window_get_view (window, "form"))));
  /* Ctrl+Enter. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  app_test_answer (window, "register");
  app_test_answer (window, "close");
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "record") == 0, "the record page");
  WAIT_FOR (ht_record_view_get_record (record_view) != NULL, "the record");
  return g_strdup (ht_record_view_get_id (record_view));
}

START_TEST (first_start)
{
  g_autofree char *path = g_build_filename (dir, "new", "registry.db", NULL);
  HtWindow *window = app_test_window (path);
  HtSetupView *setup_view = HT_SETUP_VIEW (ht_window_get_view (window, "setup"));

  WAIT_FOR (g_strcmp0 (ht_window_get_mode (window), "setup") == 0, "the first start");
  ck_assert (ht_setup_view_select_commune (setup_view, "00004"));
  /* Passwords that differ are refused, naming the field; nothing is made. */
  ht_setup_view_submit (setup_view, "lan.nt", "secret", "secreT");
  ck_assert_ptr_nonnull (ht_setup_view_get_error (setup_view));
  ck_assert_ptr_nonnull (strstr (ht_setup_view_get_error (setup_view), "Password again"));
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  /* A name with a space cannot be an account: the file is not left behind. */
  ht_setup_view_submit (setup_view, "lan nt", "secret", "secret");
  WAIT_FOR (ht_setup_view_get_error (setup_view) != NULL, "the refusal");
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

  ht_setup_view_submit (setup_view, "lan.nt", "secret", "secret");
  WAIT_FOR (g_strcmp0 (ht_window_get_mode (window), "signin") == 0, "the sign-in after creation");
  ck_assert (g_file_test (path, G_FILE_TEST_EXISTS));
  app_test_sign_in (window, "lan.nt", "secret");
  ck_assert_str_eq (ht_session_get_role (ht_window_get_session (window)), "admin");
  ck_assert_str_eq (ht_session_get_office (ht_window_get_session (window)), "00004");
  ck_assert_str_eq (ht_window_get_page (window), "books");
  app_test_close (window);
}
END_TEST

START_TEST (damaged_register)
{
  g_autofree char *path = g_build_filename (dir, "registry.db", NULL);
  HtWindow *window;
  gboolean dialog = FALSE;

  /* Not a register at all: the window says so, with what to do. */
  ck_assert (g_file_set_contents (path, "This is not a SQLite database, only text.\n", -1, NULL));
  window = app_test_window (path);
  WAIT_FOR (g_strcmp0 (ht_window_get_mode (window), "failed") == 0, "the failure");
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        const char *body = adw_message_dialog_get_body (l->data);
        dialog = TRUE;
        ck_assert_ptr_nonnull (strstr (body, "hotich-admin"));
      }
  ck_assert (dialog);
  ck_assert (!ht_window_get_action_enabled (window, "win.new"));
  app_test_close (window);
}
END_TEST

START_TEST (sign_in)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtSigninView *view = HT_SIGNIN_VIEW (ht_window_get_view (window, "signin"));

  WAIT_FOR (g_strcmp0 (ht_window_get_mode (window), "signin") == 0, "the sign-in");
  ck_assert (!action_enabled (window, "new"));
  ht_signin_view_submit (view, "lan.nt", "wrong");
  WAIT_FOR (ht_signin_view_get_error (view) != NULL, "the refusal");
  ck_assert_str_eq (ht_window_get_mode (window), "signin");
  ht_signin_view_submit (view, "nobody", "secret");
  WAIT_FOR (ht_signin_view_get_error (view) != NULL, "the refusal");
  app_test_sign_in (window, "lan.nt", "secret");
  ck_assert (action_enabled (window, "new"));
  app_test_close (window);
}
END_TEST

START_TEST (register_and_find)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtBooksView *books;
  GListModel *model;
  g_autofree char *id = NULL;
  g_autoptr(HtRecordItem) item = NULL;
  const cJSON *record;

  app_test_sign_in (window, "lan.nt", "secret");
  id = register_birth (window, "Nguyễn Thị Hoà", "10/11/2026", "Nguyễn Thị Thảo");

  /* The page shows the record with its book number. */
  record = ht_record_view_get_record (HT_RECORD_VIEW (ht_window_get_view (window, "record")));
  ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (record, "number")), 1);
  ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (record, "book_year")), 2026);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (record, "data.child.date_of_birth")), "2026-11-10");
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (record, "clerk")), "lan.nt");

  /* Ctrl+F and an unaccented name. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "books") == 0, "the books");
  books = HT_BOOKS_VIEW (ht_window_get_view (window, "books"));
  ht_books_view_set_search (books, "nguyen thi hoa");
  model = ht_books_view_get_model (books);
  WAIT_FOR (ht_record_list_get_search (HT_RECORD_LIST (model)) != NULL &&
            !ht_record_list_get_loading (HT_RECORD_LIST (model)) && g_list_model_get_n_items (model) == 1,
            "the search result");
  item = g_list_model_get_item (model, 0);
  ck_assert (ht_record_item_get_loaded (item));
  ck_assert_str_eq (ht_record_item_get_id (item), id);
  ck_assert_str_eq (ht_record_item_get_number (item), "KS 2026/1");
  ck_assert_str_eq (ht_record_item_get_title (item), "Nguyễn Thị Hoà");
  ck_assert_str_eq (ht_record_item_get_sync_state (item), "pending");

  /* A name that is not there finds nothing. */
  ht_books_view_set_search (books, "tran van khong");
  WAIT_FOR (!ht_record_list_get_loading (HT_RECORD_LIST (model)) && g_list_model_get_n_items (model) == 0,
            "no result");
  /* Back to the whole book. */
  ht_books_view_set_search (books, "");
  WAIT_FOR (ht_record_list_get_search (HT_RECORD_LIST (model)) == NULL &&
            !ht_record_list_get_loading (HT_RECORD_LIST (model)) && g_list_model_get_n_items (model) == 1,
            "the whole book");
  app_test_close (window);
}
END_TEST

START_TEST (bad_date)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtForm *form;
  const char *message;

  app_test_sign_in (window, "lan.nt", "secret");
  form = open_form (window, "birth");
  app_test_fill_birth (form, "Lê Thị Mai", "10/11/2026", "Lê Thị Lan");
  WAIT_FOR (ht_form_get_valid (form), "a valid form");

  /* A day that does not exist: the message is under the field at once. */
  ht_form_set_text (form, "data.child.date_of_birth", "31/02/2026");
  ht_form_leave (form, "data.child.date_of_birth");
  message = ht_form_get_message (form, "data.child.date_of_birth");
  ck_assert_ptr_nonnull (message);
  ck_assert_ptr_nonnull (strstr (message, "31/02/2026"));
  WAIT_FOR (!ht_form_get_validating (form), "the check");
  ck_assert (!ht_form_get_valid (form));
  ck_assert (!action_enabled (window, "register"));

  /* A date after the registration: core's rule says so under the field. */
  ht_form_set_text (form, "data.child.date_of_birth", "01/01/2027");
  ht_form_leave (form, "data.child.date_of_birth");
  WAIT_FOR (!ht_form_get_validating (form), "the check");
  ck_assert (!ht_form_get_valid (form));
  ck_assert_ptr_nonnull (ht_form_get_message (form, "data.child.date_of_birth"));
  ck_assert (!action_enabled (window, "register"));

  /* Text that is no year at all. */
  ht_form_set_text (form, "data.mother.birth_year", "199x");
  ht_form_leave (form, "data.mother.birth_year");
  ck_assert_ptr_nonnull (ht_form_get_message (form, "data.mother.birth_year"));

  /* Corrected, the errors go and "Register" comes back. */
  ht_form_set_text (form, "data.child.date_of_birth", "2026-11-10");
  ht_form_leave (form, "data.child.date_of_birth");
  ht_form_set_text (form, "data.mother.birth_year", "1990");
  ht_form_leave (form, "data.mother.birth_year");
  WAIT_FOR (ht_form_get_valid (form), "the valid form again");
  ck_assert_ptr_null (ht_form_get_message (form, "data.child.date_of_birth"));
  ck_assert (action_enabled (window, "register"));
  app_test_close (window);
}
END_TEST

START_TEST (hostile_input)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtForm *form;
  g_autofree char *huge = g_strnfill (200000, 'A');
  static const char *const texts[] = {
    "", " ", "\t\n", "'; DROP TABLE records; --", "<b>bold</b> & co", "%s%s%s%n", "\xe2\x80\xae reversed",
    "0000-00-00", "99/99/9999", "-1", "1e9", "Nguyễn\u0301\u0301\u0301",
  };
  static const char *const paths[] = {
    "data.child.full_name", "data.child.date_of_birth", "data.mother.birth_year",
    "data.declarant.id_document.number", "data.child.place_of_birth", "registered_on",
  };

  app_test_sign_in (window, "lan.nt", "secret");
  form = open_form (window, "birth");
  /* Nothing a clerk can type crashes the form or gets stored. */
  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          ht_form_set_text (form, paths[p], texts[t]);
          ht_form_leave (form, paths[p]);
        }
      ht_form_set_text (form, paths[p], huge);
      ht_form_leave (form, paths[p]);
    }
  WAIT_FOR (!ht_form_get_validating (form), "the checks");
  ck_assert (!ht_form_get_valid (form));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  app_test_spin (200);
  ck_assert_str_eq (ht_window_get_page (window), "form");
  {
    g_autoptr(GError) error = NULL;
    HtListFilter all = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
    guint64 n = 99;
    ck_assert (ht_store_list_count (ht_session_get_store (ht_window_get_session (window)), &all, &n, NULL, &error));
    ck_assert_uint_eq (n, 0);
  }
  app_test_close (window);
}
END_TEST

START_TEST (failed_save_keeps_form)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtStore *store;
  HtForm *form;
  GtkWidget *row;

  app_test_sign_in (window, "lan.nt", "secret");
  store = ht_session_get_store (ht_window_get_session (window));
  form = open_form (window, "birth");
  app_test_fill_birth (form, "Vũ Thị Hà", "10/11/2026", "Vũ Thị Hồng");
  WAIT_FOR (ht_form_get_valid (form), "a valid form");

  /* The disk fails at the commit: nothing is stored, the form stays. */
  _ht_store_set_fail_at (store, "commit");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  app_test_answer (window, "register");
  WAIT_FOR (!ht_form_view_get_busy (HT_FORM_VIEW (ht_window_get_view (window, "form"))), "the failed save");
  ck_assert_str_eq (ht_window_get_page (window), "form");
  ck_assert_ptr_eq (ht_form_view_get_form (HT_FORM_VIEW (ht_window_get_view (window, "form"))), form);
  row = ht_form_get_row (form, "data.child.full_name");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (row)), "Vũ Thị Hà");
  ck_assert (ht_form_get_dirty (form));
  ck_assert_uint_eq (ht_store_count (store, "birth"), 0);
  /* The reason is shown in a dialog. */
  {
    gboolean found = FALSE;
    for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        {
          found = TRUE;
          gtk_window_destroy (l->data);
        }
    ck_assert (found);
  }

  /* Once the disk is back, the same form registers. */
  _ht_store_set_fail_at (store, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  app_test_answer (window, "register");
  app_test_answer (window, "close");
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "record") == 0, "the record");
  ck_assert_uint_eq (ht_store_count (store, "birth"), 1);
  app_test_close (window);
}
END_TEST

START_TEST (probable_duplicate)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtFormView *view;
  HtForm *form;
  g_autofree char *id = NULL;

  app_test_sign_in (window, "lan.nt", "secret");
  id = register_birth (window, "Đỗ Thị Lan", "10/11/2026", "Đỗ Thị Hạnh");

  form = open_form (window, "birth");
  app_test_fill_birth (form, "Do Thi Lan", "10/11/2026", "Do Thi Hanh");
  WAIT_FOR (!ht_form_get_validating (form) && ht_form_get_n_errors (form) == 0, "the checked form");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  view = HT_FORM_VIEW (ht_window_get_view (window, "form"));
  WAIT_FOR (ht_form_view_get_dialog (view) != NULL, "the duplicate");
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (ht_form_view_get_dialog (view)), "KS 2026/1"));
  app_test_answer (window, "cancel");
  WAIT_FOR (!ht_form_view_get_busy (view), "the form back");
  ck_assert_uint_eq (ht_store_count (ht_session_get_store (ht_window_get_session (window)), "birth"), 1);
  ck_assert_str_eq (ht_window_get_page (window), "form");
  app_test_close (window);
}
END_TEST

START_TEST (correction_with_reason)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtStore *store;
  HtFormView *view;
  HtForm *form;
  g_autofree char *id = NULL;
  g_autoptr(cJSON) history = NULL;
  g_autoptr(GError) error = NULL;

  app_test_sign_in (window, "lan.nt", "secret");
  store = ht_session_get_store (ht_window_get_session (window));
  id = register_birth (window, "Bùi Thị Ngọc", "10/11/2026", "Bùi Thị Hương");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-record", "s", id);
  view = HT_FORM_VIEW (ht_window_get_view (window, "form"));
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "form") == 0 && ht_form_view_get_form (view) != NULL &&
            ht_record_id (ht_form_get_record (ht_form_view_get_form (view))) != NULL, "the correction form");
  form = ht_form_view_get_form (view);
  WAIT_FOR (!ht_form_get_validating (form), "the check");
  /* Nothing changed yet: nothing to save. */
  ck_assert (!action_enabled (window, "register"));
  ht_form_set_text (form, "data.child.place_of_birth", "Trạm y tế phường Ba Đình");
  ht_form_leave (form, "data.child.place_of_birth");
  WAIT_FOR (ht_form_view_get_can_register (view), "a correction to save");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  WAIT_FOR (ht_form_view_get_dialog (view) != NULL, "the reason");
  /* No reason, no save. */
  ck_assert (!adw_message_dialog_get_response_enabled (ht_form_view_get_dialog (view), "save"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ht_form_view_get_dialog (view))),
                         "Nơi sinh ghi nhầm");
  app_test_answer (window, "save");
  app_test_answer (window, "close");
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "record") == 0, "the record");

  history = ht_store_history (store, id, &error);
  ck_assert_int_eq (cJSON_GetArraySize (history), 2);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetArrayItem (history, 1), "reason")),
                    "Nơi sinh ghi nhầm");
  app_test_close (window);
}
END_TEST

START_TEST (draft_kept)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);
  HtFormView *view;
  HtForm *form;
  HtListFilter drafts = { HT_LIST_DRAFTS, NULL, 0, NULL, NULL };
  guint64 n = 0;

  app_test_sign_in (window, "lan.nt", "secret");
  form = open_form (window, "death");
  view = HT_FORM_VIEW (ht_window_get_view (window, "form"));
  ht_form_set_text (form, "data.deceased.full_name", "Trịnh Văn Sơn");
  ht_form_leave (form, "data.deceased.full_name");
  /* Ctrl+S keeps unfinished work, errors and all. */
  ck_assert (action_enabled (window, "save-draft"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-draft", NULL);
  WAIT_FOR (!ht_form_view_get_busy (view) && !ht_form_get_dirty (form), "the draft");
  ck_assert (ht_store_list_count (ht_session_get_store (ht_window_get_session (window)), &drafts, &n, NULL, NULL));
  ck_assert_uint_eq (n, 1);
  ck_assert_uint_eq (ht_store_count (ht_session_get_store (ht_window_get_session (window)), "death"), 0);
  ck_assert_ptr_nonnull (ht_record_id (ht_form_get_record (form)));
  app_test_close (window);
}
END_TEST

START_TEST (roles)
{
  g_autofree char *path = app_test_make_register (dir, "tech", "technician", "secret");
  HtWindow *window = app_test_window (path);

  app_test_sign_in (window, "tech", "secret");
  /* A technician runs sync; the records' content is not theirs. */
  ck_assert_str_eq (ht_window_get_page (window), "sync");
  ck_assert (!action_enabled (window, "new"));
  ck_assert (!action_enabled (window, "new-registration"));
  ck_assert (!action_enabled (window, "search"));
  ck_assert (!action_enabled (window, "open-record"));
  app_test_close (window);
}
END_TEST

START_TEST (keyboard)
{
  static const struct { const char *action; const char *accel; } expected[] = {
    { "win.new", "<Control>n" },
    { "win.search", "<Control>f" },
    { "win.save-draft", "<Control>s" },
    { "win.register", "<Control>Return" },
    { "app.quit", "<Control>q" },
    { "win.show-help-overlay", "<Control>question" },
  };
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app_test_app ()),
                                                                    expected[i].action);
      ck_assert_msg (g_strv_contains ((const char *const *) accels, expected[i].accel), "%s has no %s",
                     expected[i].action, expected[i].accel);
    }
  /* The shortcuts window is there and knows Ctrl+N. */
  ck_assert_ptr_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  app_test_sign_in (window, "lan.nt", "secret");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "form") == 0, "Ctrl+N");
  app_test_close (window);
}
END_TEST

START_TEST (every_kind_has_a_form)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  HtWindow *window = app_test_window (path);

  app_test_sign_in (window, "lan.nt", "secret");
  /* Generated from the registry: one form per kind, no kind left out. */
  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    {
      HtForm *form = open_form (window, (*k)->code);

      ck_assert_str_eq (ht_form_get_kind (form), (*k)->code);
      ck_assert_ptr_nonnull (ht_form_get_row (form, "registered_on"));
      ck_assert_ptr_nonnull (ht_form_get_row (form, "registration_type"));
      WAIT_FOR (!ht_form_get_validating (form), "the first check");
      /* A blank form cannot be registered. */
      ck_assert (!ht_form_get_valid (form));
    }
  /* A foreign note's data follow the event chosen. */
  {
    HtForm *form = open_form (window, "foreign_note");
    HtFormView *view = HT_FORM_VIEW (ht_window_get_view (window, "form"));

    ck_assert_ptr_null (ht_form_get_row (form, "data.event_data.husband.full_name"));
    ht_form_set_text (form, "data.event", "marriage");
    WAIT_FOR (ht_form_get_row (ht_form_view_get_form (view), "data.event_data.husband.full_name") != NULL,
              "the marriage fields");
  }
  app_test_close (window);
}
END_TEST

static void
picked_cb (HtUnitPicker *picker,
           const char   *text,
           gpointer      unit,
           char        **out)
{
  g_autofree char *printed = cJSON_PrintUnformatted (unit);

  g_free (*out);
  *out = g_strdup_printf ("%s|%s", text, printed);
}

START_TEST (unit_picker)
{
  GtkWidget *picker = g_object_ref_sink (ht_unit_picker_new ());
  g_autofree char *picked = NULL;

  g_signal_connect (picker, "picked", G_CALLBACK (picked_cb), &picked);
  /* The units in force: province → commune. */
  ht_unit_picker_select (HT_UNIT_PICKER (picker), "01", NULL, "00004");
  ht_unit_picker_use (HT_UNIT_PICKER (picker));
  ck_assert_str_eq (picked, "Phường Ba Đình, Thành phố Hà Nội|"
                            "{\"province\":\"01\",\"commune\":\"00004\",\"as_of\":\"2026-04-30\"}");
  /* An old record: province → district → commune as they were. */
  ht_unit_picker_set_dataset (HT_UNIT_PICKER (picker), HT_UNITS_2025_03_01);
  ht_unit_picker_select (HT_UNIT_PICKER (picker), "01", "001", "00004");
  ht_unit_picker_use (HT_UNIT_PICKER (picker));
  ck_assert_str_eq (picked, "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội|"
                            "{\"province\":\"01\",\"district\":\"001\",\"commune\":\"00004\","
                            "\"as_of\":\"2025-03-01\"}");
  g_object_unref (picker);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("app");
  TCase *tc = tcase_create ("window");
  SRunner *runner;
  int failed;

  app_test_init ();
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, first_start);
  tcase_add_test (tc, damaged_register);
  tcase_add_test (tc, sign_in);
  tcase_add_test (tc, register_and_find);
  tcase_add_test (tc, bad_date);
  tcase_add_test (tc, hostile_input);
  tcase_add_test (tc, failed_save_keeps_form);
  tcase_add_test (tc, probable_duplicate);
  tcase_add_test (tc, correction_with_reason);
  tcase_add_test (tc, draft_kept);
  tcase_add_test (tc, roles);
  tcase_add_test (tc, keyboard);
  tcase_add_test (tc, every_kind_has_a_form);
  tcase_add_test (tc, unit_picker);
  suite_add_tcase (suite, tc);

  runner = srunner_create (suite);
  /* GTK and the X connection cannot cross a fork. */
  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}
