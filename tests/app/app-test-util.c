/* app-test-util.c — driving the real window in tests and the benchmark.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "app-test-util.h"
#include "ht-form-view.h"
#include "ht-signin-view.h"

static HtApplication *app;
gboolean app_test_outside_check;

void
app_test_fail (const char *what)
{
  if (app_test_outside_check)
    {
      g_printerr ("timed out waiting for %s\n", what);
      exit (1);
    }
  ck_abort_msg ("timed out waiting for %s", what);
  /* ck_abort_msg does not return; the compiler cannot know. */
  abort ();
}

HtApplication *
app_test_init (void)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_init_check ())
    {
      g_printerr ("SKIP: no display: run under xvfb-run (DISPLAY=%s)\n",
                  g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "");
      exit (77);
    }
  adw_init ();
  app = ht_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("SKIP: the application cannot register: %s\n", error->message);
      exit (77);
    }
  return app;
}

HtApplication *
app_test_app (void)
{
  return app;
}

gboolean
app_test_wait (gboolean (*cond) (gpointer),
               gpointer   data,
               guint      ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

void
app_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

char *
app_test_make_register (const char *dir,
                        const char *user,
                        const char *role,
                        const char *password)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "registry.db", NULL);
  g_autoptr(HtStore) store = ht_store_create (path, "00004", &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_msg (ht_store_user_add (store, user, role, password, &error), "%s", error ? error->message : "");
  return path;
}

HtWindow *
app_test_window (const char *path)
{
  HtWindow *window = ht_window_new (app, path);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
app_test_sign_in (HtWindow   *window,
                  const char *user,
                  const char *password)
{
  WAIT_FOR (g_strcmp0 (ht_window_get_mode (window), "signin") == 0, "the sign-in");
  ht_signin_view_submit (HT_SIGNIN_VIEW (ht_window_get_view (window, "signin")), user, password);
  WAIT_FOR (g_strcmp0 (ht_window_get_mode (window), "main") == 0, "the main view");
}

void
app_test_close (HtWindow *window)
{
  GtkWidget *w = GTK_WIDGET (window);

  /* Dialogs left open belong to the window. */
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  gtk_window_destroy (GTK_WINDOW (w));
  app_test_spin (100);
}

static void
fill (HtForm     *form,
      const char *path,
      const char *text)
{
  ck_assert_msg (ht_form_set_text (form, path, text), "the form has no field %s", path);
  ht_form_leave (form, path);
}

void
app_test_fill_birth (HtForm     *form,
                     const char *child,
                     const char *dob,
                     const char *mother)
{
  /* With the father unknown the child follows the mother's surname, which
   * the names given here do. */
  /* The signer is remembered from the last registration. */
  if (ht_form_get_message (form, "signer.full_name") != NULL ||
      *gtk_editable_get_text (GTK_EDITABLE (ht_form_get_row (form, "signer.full_name"))) == '\0')
    {
      fill (form, "signer.full_name", "Lê Văn Tâm");
      fill (form, "signer.position", "Chủ tịch UBND phường");
    }
  fill (form, "data.parent_unknown", "father");
  fill (form, "data.child.full_name", child);
  fill (form, "data.child.sex", "female");
  fill (form, "data.child.date_of_birth", dob);
  fill (form, "data.child.place_of_birth", "Bệnh viện Đa khoa thành phố Hà Nội");
  fill (form, "data.child.ethnicity", "Kinh");
  fill (form, "data.child.nationality", "Việt Nam");
  fill (form, "data.child.hometown", "Phường Ba Đình, Thành phố Hà Nội");
  fill (form, "data.mother.full_name", mother);
  fill (form, "data.mother.birth_year", "1993");
  fill (form, "data.mother.ethnicity", "Kinh");
  fill (form, "data.mother.nationality", "Việt Nam");
  fill (form, "data.mother.residence", "Số 5 ngõ 2, Phường Ba Đình, Thành phố Hà Nội");
  fill (form, "data.declarant.full_name", mother);
  fill (form, "data.declarant.relationship", "mẹ");
  fill (form, "data.declarant.id_document.type", "cccd");
  fill (form, "data.declarant.id_document.number", "001193345860");
  fill (form, "data.birth_notice.type", "medical");
  fill (form, "data.birth_notice.number", "8710/GCS");
  fill (form, "data.birth_notice.issuer", "Bệnh viện Đa khoa thành phố Hà Nội");
  fill (form, "data.birth_notice.issued_on", dob);
}

char *
app_test_form_messages (HtForm *form)
{
  HtIssues *issues = ht_form_get_issues (form);
  GString *out = g_string_new (NULL);

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      HtIssue *issue = issues->pdata[i];
      g_string_append_printf (out, "\n  %s %s: %s", issue->severity == HT_SEVERITY_ERROR ? "error" : "warning",
                              issue->field, issue->message);
    }
  return g_string_free (out, FALSE);
}

void
app_test_answer (HtWindow   *window,
                 const char *response)
{
  HtFormView *view = HT_FORM_VIEW (ht_window_get_view (window, "form"));
  AdwMessageDialog *dialog;

  WAIT_FOR (ht_form_view_get_dialog (view) != NULL, "a dialog");
  dialog = ht_form_view_get_dialog (view);
  ck_assert_msg (adw_message_dialog_has_response (dialog, response), "the dialog “%s” has no response %s",
                 adw_message_dialog_get_heading (dialog), response);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  /* As a click does, the answer closes the dialog. */
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}
