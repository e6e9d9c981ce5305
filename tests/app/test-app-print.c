/* test-app-print.c — Print and Save as PDF from the record page, under Xvfb.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A temporary register with a registered birth (and its signing key
 * certified by a throwaway ministry key): the record page enables
 * win.print, the preview builds the paper, the copy and the pre-printed
 * form are chosen as a clerk would, and the PDF saved through the
 * preview's path-taking action is read back with pdftotext.  The print
 * operation is run in its export mode, which draws through the same
 * draw-page handler a printer gets, into a PDF read back the same way.  A
 * draft cannot be printed, a register without a certified key prints a
 * paper marked unsigned, and a PDF that cannot be written says so and
 * leaves nothing behind.  GTK cannot be forked: CK_NOFORK, one test after
 * the other.
 */
#include <string.h>

#include "app-test-util.h"
#include "ht-print-dialog.h"
#include "ht-record.h"
#include "ht-record-view.h"
#include "ht-sign-store.h"
#include "ht-test-util.h"

static char *dir;

static void
setup (void)
{
  dir = ht_test_tmpdir ();
}

static void
teardown (void)
{
  g_unsetenv (HT_SIGN_MINISTRY_KEY_ENV);
  ht_test_rmtree (dir);
  g_clear_pointer (&dir, g_free);
}

/* Certifies the register's device key with a new ministry key pair, which
 * the program then trusts through $HOTICH_MINISTRY_KEY. */
static void
certify (HtStore *store)
{
  g_autofree char *secret = g_build_filename (dir, "ministry.secret", NULL);
  g_autofree char *public = g_build_filename (dir, "ministry.pub", NULL);
  g_autoptr(GError) error = NULL;
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];

  ck_assert (ht_sign_write_key_pair (secret, public, NULL));
  ck_assert (ht_sign_read_secret_key (secret, sk, NULL));
  g_setenv (HT_SIGN_MINISTRY_KEY_ENV, public, TRUE);
  ck_assert_msg (ht_sign_certify_offline (store, sk, 365, &error), "%s", error ? error->message : "");
}

/* Stores a birth (registered, or a draft); returns its id. */
static char *
add_birth (const char *path,
           const char *child,
           gboolean    draft,
           gboolean    certified)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = ht_store_open (path, &error);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) birth = ht_test_birth (child, "2026-11-10", "2026-11-20");

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  if (draft)
    cJSON_ReplaceItemInObject (birth, "status", cJSON_CreateString ("draft"));
  if (!ht_store_save (store, birth, "lan.nt", NULL, draft ? HT_SAVE_DRAFT : HT_SAVE_DEFAULT, issues, &error))
    {
      ht_test_print_issues (issues);
      ck_abort_msg ("the birth was not stored: %s", error ? error->message : "");
    }
  if (certified)
    certify (store);
  return g_strdup (ht_record_id (birth));
}

static void
open_record (HtWindow   *window,
             const char *id)
{
  HtRecordView *view = HT_RECORD_VIEW (ht_window_get_view (window, "record"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "s", id);
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "record") == 0, "the record page");
  WAIT_FOR (ht_record_view_get_record (view) != NULL && g_strcmp0 (ht_record_view_get_id (view), id) == 0,
            "the record");
}

static HtPrintDialog *
find_dialog (void)
{
  HtPrintDialog *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (HT_IS_PRINT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static GtkWidget *
find_toplevel (const char *type_name)
{
  GtkWidget *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), type_name) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static void
wait_built (HtPrintDialog *dialog)
{
  WAIT_FOR (!ht_print_dialog_get_busy (dialog) &&
            (ht_print_dialog_get_paper (dialog) != NULL || ht_print_dialog_get_error (dialog) != NULL),
            "the paper");
  ck_assert_msg (ht_print_dialog_get_paper (dialog) != NULL, "no paper: %s", ht_print_dialog_get_error (dialog));
}

/* Saves the shown paper through the preview's action and waits. */
static void
save_to (HtPrintDialog *dialog,
         const char    *path)
{
  gtk_widget_activate_action (GTK_WIDGET (dialog), "print.save-pdf-to", "s", path);
  ck_assert (ht_print_dialog_get_busy (dialog));
  WAIT_FOR (!ht_print_dialog_get_busy (dialog), "the PDF");
}

/* The text of a PDF as pdftotext reads it. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                               &error),
                 "pdftotext: %s", error ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "pdftotext failed on %s: %s", path, err);
  return out;
}

/* "needles" occur in "text" in this order. */
static void
assert_in_order (const char        *text,
                 const char *const *needles)
{
  const char *at = text;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      const char *found = strstr (at, needles[i]);
      ck_assert_msg (found != NULL, "“%s” is not in the paper (after the previous line):\n%s", needles[i], text);
      at = found + strlen (needles[i]);
    }
}

/* Dark pixels of the preview drawn into an image of "w" × "h". */
static guint
preview_ink (HtPrintPaper *paper,
             int           w,
             int           h)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint dark = 0;

  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  ht_print_draw_preview (paper, cr, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        if (((px >> 16) & 0xff) < 0x40 && ((px >> 8) & 0xff) < 0x40 && (px & 0xff) < 0x40)
          dark++;
      }
  cairo_surface_destroy (surface);
  return dark;
}

START_TEST (print_and_save)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  g_autofree char *id = add_birth (path, "Trần Minh Khôi", FALSE, TRUE);
  g_autofree char *original_pdf = g_build_filename (dir, "original.pdf", NULL);
  g_autofree char *copy_pdf = g_build_filename (dir, "copy.pdf", NULL);
  g_autofree char *phoi_pdf = g_build_filename (dir, "phoi.pdf", NULL);
  g_autofree char *printed_pdf = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  HtWindow *window = app_test_window (path);
  HtPrintDialog *dialog;
  GtkWidget *print_dialog;
  HtPaperDoc *doc;

  app_test_sign_in (window, "lan.nt", "secret");
  /* Not on the record page: nothing to print. */
  ck_assert (!ht_window_get_action_enabled (window, "win.print"));
  open_record (window, id);
  ck_assert (ht_window_get_action_enabled (window, "win.print"));
  ck_assert (ht_window_get_action_enabled (window, "win.save-pdf"));

  /* Ctrl+P: the preview, with the original birth certificate, signed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL);
  WAIT_FOR ((dialog = find_dialog ()) != NULL, "the preview");
  ck_assert (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  wait_built (dialog);
  doc = ht_print_paper_get_doc (ht_print_dialog_get_paper (dialog));
  ck_assert_str_eq (ht_paper_doc_get_code (doc), "GKS");
  ck_assert_str_eq (ht_paper_doc_get_title (doc), "GIẤY KHAI SINH");
  ck_assert_ptr_nonnull (ht_paper_doc_get_payload (doc));
  ck_assert_ptr_null (ht_print_dialog_get_notice (dialog));
  /* The preview draws the paper: ink on the sheet. */
  ck_assert_uint_gt (preview_ink (ht_print_dialog_get_paper (dialog), 620, 700), 500);
  save_to (dialog, original_pdf);
  ck_assert_str_eq (ht_print_dialog_get_saved_path (dialog), original_pdf);
  text = pdf_text (original_pdf);
  {
    /* Mother before father; the pending personal ID in words. */
    const char *lines[] = { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ht_paper_doc_get_number (doc), "GIẤY KHAI SINH",
                            "TRẦN MINH KHÔI", "Đang chờ cấp", NULL };
    assert_in_order (text, lines);
  }
  ck_assert_ptr_null (strstr (text, "BẢN SAO"));
  g_clear_pointer (&text, g_free);

  /* The copy (bản sao): built again, with its own number. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "print.version", "s", "copy");
  wait_built (dialog);
  doc = ht_print_paper_get_doc (ht_print_dialog_get_paper (dialog));
  ck_assert_str_eq (ht_paper_doc_get_code (doc), "GKS-BS");
  number = g_strdup (ht_paper_doc_get_number (doc));
  ck_assert_ptr_nonnull (strstr (number, "GKS-BS"));
  save_to (dialog, copy_pdf);
  ck_assert_ptr_null (ht_print_dialog_get_save_error (dialog));
  text = pdf_text (copy_pdf);
  {
    const char *lines[] = { "GIẤY KHAI SINH", "BẢN SAO", "TRẦN MINH KHÔI", number, NULL };
    assert_in_order (text, lines);
  }
  g_clear_pointer (&text, g_free);

  /* What the printer gets: the print operation's draw-page, exported. */
  operation = ht_print_operation_new (ht_print_dialog_get_paper (dialog));
  gtk_print_operation_set_export_filename (operation, printed_pdf);
  ck_assert_int_eq (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (dialog),
                                             &error),
                    GTK_PRINT_OPERATION_RESULT_APPLY);
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  text = pdf_text (printed_pdf);
  {
    const char *lines[] = { "GIẤY KHAI SINH", "BẢN SAO", "TRẦN MINH KHÔI", number, NULL };
    assert_in_order (text, lines);
  }
  g_clear_pointer (&text, g_free);

  /* The pre-printed form: only the values, no printed header. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "print.layout", "s", "preprinted");
  wait_built (dialog);
  save_to (dialog, phoi_pdf);
  text = pdf_text (phoi_pdf);
  ck_assert_msg (strstr (text, "TRẦN MINH KHÔI") != NULL || strstr (text, "Trần Minh Khôi") != NULL, "%s", text);
  ck_assert_ptr_null (strstr (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  g_clear_pointer (&text, g_free);

  /* Print…: the system's print dialog over the preview; cancelled, the
   * preview is ready again and printed nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "print.print", NULL);
  ck_assert (ht_print_dialog_get_busy (dialog));
  WAIT_FOR ((print_dialog = find_toplevel ("GtkPrintUnixDialog")) != NULL, "the print dialog");
  ck_assert (gtk_window_get_transient_for (GTK_WINDOW (print_dialog)) == GTK_WINDOW (dialog));
  gtk_dialog_response (GTK_DIALOG (print_dialog), GTK_RESPONSE_CANCEL);
  WAIT_FOR (!ht_print_dialog_get_busy (dialog), "the end of printing");

  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_close (window);
}
END_TEST

START_TEST (save_fails)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  g_autofree char *id = add_birth (path, "Trần Minh Khôi", FALSE, TRUE);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "gks.pdf", NULL);
  HtWindow *window = app_test_window (path);
  HtPrintDialog *dialog;

  app_test_sign_in (window, "lan.nt", "secret");
  open_record (window, id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL);
  WAIT_FOR ((dialog = find_dialog ()) != NULL, "the preview");
  wait_built (dialog);
  /* A folder that is not there: the reason, and no file. */
  save_to (dialog, missing);
  ck_assert_ptr_nonnull (ht_print_dialog_get_save_error (dialog));
  ck_assert_ptr_null (ht_print_dialog_get_saved_path (dialog));
  ck_assert (!g_file_test (missing, G_FILE_TEST_EXISTS));
  /* An empty path is refused without a worker. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "print.save-pdf-to", "s", "");
  ck_assert (!ht_print_dialog_get_busy (dialog));
  /* An unknown choice is the default one, not a crash. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "print.version", "s", "bản sao?");
  wait_built (dialog);
  ck_assert_str_eq (ht_paper_doc_get_code (ht_print_paper_get_doc (ht_print_dialog_get_paper (dialog))), "GKS");
  /* Closing the preview while it builds leaves nothing running behind. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "print.version", "s", "copy");
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_spin (300);
  app_test_close (window);
}
END_TEST

START_TEST (draft_not_printable)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  g_autofree char *id = add_birth (path, "Trần Minh Khôi", TRUE, FALSE);
  HtWindow *window = app_test_window (path);
  HtRecordView *view = HT_RECORD_VIEW (ht_window_get_view (window, "record"));

  app_test_sign_in (window, "lan.nt", "secret");
  open_record (window, id);
  ck_assert (!ht_window_get_action_enabled (window, "win.print"));
  ck_assert (!ht_window_get_action_enabled (window, "win.save-pdf"));
  ck_assert_ptr_nonnull (ht_record_view_get_print_blocker (view));
  ck_assert_ptr_nonnull (strstr (ht_record_view_get_print_blocker (view), "draft"));
  /* Even activated by hand, it opens nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL);
  app_test_spin (200);
  ck_assert_ptr_null (find_dialog ());
  app_test_close (window);
}
END_TEST

START_TEST (unsigned_register)
{
  g_autofree char *path = app_test_make_register (dir, "lan.nt", "clerk", "secret");
  g_autofree char *id = add_birth (path, "Trần Minh Khôi", FALSE, FALSE);
  g_autofree char *pdf = g_build_filename (dir, "unsigned.pdf", NULL);
  g_autofree char *text = NULL;
  HtWindow *window = app_test_window (path);
  HtPrintDialog *dialog;

  app_test_sign_in (window, "lan.nt", "secret");
  open_record (window, id);
  /* Ctrl+Shift+S opens the preview too, and the Save dialog over it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-pdf", NULL);
  WAIT_FOR ((dialog = find_dialog ()) != NULL, "the preview");
  wait_built (dialog);
  WAIT_FOR (ht_print_dialog_get_chooser (dialog) != NULL, "the Save dialog");
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (ht_print_dialog_get_chooser (dialog)));
  ck_assert_ptr_null (ht_paper_doc_get_payload (ht_print_paper_get_doc (ht_print_dialog_get_paper (dialog))));
  ck_assert_ptr_nonnull (ht_print_dialog_get_notice (dialog));
  ck_assert_ptr_nonnull (strstr (ht_print_dialog_get_notice (dialog), "hotich-admin certify"));
  save_to (dialog, pdf);
  text = pdf_text (pdf);
  ck_assert_msg (strstr (text, "CHƯA KÝ SỐ") != NULL, "%s", text);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_close (window);
}
END_TEST

START_TEST (keyboard)
{
  static const struct { const char *action; const char *accel; } expected[] = {
    { "win.print", "<Control>p" },
    { "win.save-pdf", "<Shift><Control>s" },
    { "win.save-draft", "<Control>s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app_test_app ()),
                                                                    expected[i].action);
      g_autofree char *joined = g_strjoinv (" ", accels);
      ck_assert_msg (g_strv_contains ((const char *const *) accels, expected[i].accel), "%s has “%s”, not %s",
                     expected[i].action, joined, expected[i].accel);
    }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("app-print");
  TCase *tc = tcase_create ("print");
  SRunner *runner;
  int failed;

  app_test_init ();
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, print_and_save);
  tcase_add_test (tc, save_fails);
  tcase_add_test (tc, draft_not_printable);
  tcase_add_test (tc, unsigned_register);
  tcase_add_test (tc, keyboard);
  suite_add_tcase (suite, tc);

  runner = srunner_create (suite);
  /* GTK and the X connection cannot cross a fork. */
  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}
