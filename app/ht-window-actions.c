/* ht-window-actions.c — the window's actions: every command a clerk gives.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command is a "win." action (its accelerator set by the
 * application); menus, buttons, the sidebar and the keys all name them.
 * Leaving a form with unsaved changes (another form, signing out, closing)
 * first asks whether to keep it as a draft.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-attention-view.h"
#include "ht-books-view.h"
#include "ht-form-view.h"
#include "ht-labels.h"
#include "ht-print-dialog.h"
#include "ht-record-view.h"
#include "ht-signin-view.h"
#include "ht-stats-view.h"
#include "ht-sync-indicator.h"
#include "ht-sync-scheduler.h"
#include "ht-sync-view.h"
#include "ht-tasks.h"
#include "ht-window-private.h"

/* ---- Unsaved work ---- */


typedef struct
{
  HtWindow *window;
  AfterSave then;
  char     *data;
  gulong    handler;
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->data);
  g_free (pending);
}

static void
draft_saved_cb (HtFormView *view,
                GParamSpec *pspec,
                Pending    *pending)
{
  /* Only once the draft is really stored does the window move on; a
   * failed save keeps the form (and says why). */
  if (ht_form_view_get_busy (view))
    return;
  g_signal_handler_disconnect (view, pending->handler);
  if (!ht_form_view_get_dirty (view))
    pending->then (pending->window, pending->data);
  pending_free (pending);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  HtWindow *self = pending->window;

  if (g_strcmp0 (response, "draft") == 0)
    {
      pending->handler = g_signal_connect (self->form_view, "notify::dirty", G_CALLBACK (draft_saved_cb), pending);
      ht_form_view_save_draft (self->form_view);
      return;
    }
  if (g_strcmp0 (response, "discard") == 0)
    pending->then (self, pending->data);
  pending_free (pending);
}

/* Runs "then" at once, or after asking what to do with an unsaved form. */
void
_ht_window_after_unsaved (HtWindow   *self,
               AfterSave   then,
               const char *data)
{
  Pending *pending;
  AdwMessageDialog *dialog;

  if (!ht_form_view_get_dirty (self->form_view))
    {
      then (self, (gpointer) data);
      return;
    }
  pending = g_new0 (Pending, 1);
  pending->window = self;
  pending->then = then;
  pending->data = g_strdup (data);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Keep the unfinished form?"),
                                                       _("The form has changes that are not saved. Save them as a "
                                                         "draft to finish them later, or discard them.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "draft", _("Save _Draft"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "draft", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "draft", ht_form_view_get_can_save_draft (self->form_view));
  adw_message_dialog_set_default_response (dialog, "draft");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (unsaved_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_new_form (HtWindow *self,
               gpointer  data)
{
  ht_form_view_new_record (self->form_view, data);
  _ht_window_show_page (self, "form");
}

/* ---- Actions ---- */

static void
new_registration_activated (GtkWidget  *widget,
                            const char *action,
                            GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  HtForm *form = ht_form_view_get_form (self->form_view);

  if (ht_kinds_lookup (kind) == NULL)
    return;
  /* The form of this kind is still open: back to it, as it was. */
  if (form != NULL && g_strcmp0 (ht_form_get_kind (form), kind) == 0 &&
      ht_record_id (ht_form_get_record (form)) == NULL)
    {
      _ht_window_show_page (self, "form");
      return;
    }
  _ht_window_after_unsaved (self, open_new_form, kind);
}

static void
new_activated (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);
  HtForm *form = ht_form_view_get_form (self->form_view);

  /* Ctrl+N: a new record of the kind last worked on (a birth at first). */
  gtk_widget_activate_action (widget, "win.new-registration", "s", form != NULL ? ht_form_get_kind (form) : "birth");
  (void) self;
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  _ht_window_show_page (HT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);

  _ht_window_show_page (self, "books");
  ht_books_view_focus_search (self->books_view);
}

static void
open_record_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);

  ht_record_view_show (self->record_view, g_variant_get_string (parameter, NULL));
  _ht_window_show_page (self, "record");
}

static void
edit_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HtWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtRecordBundle) bundle = ht_task_load_record_finish (result, &error);

  if (HT_TASK_CANCELLED (result))
    return;

  if (bundle == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ht_window_show_error (GTK_WIDGET (self), _("The record could not be read"), error);
      return;
    }
  ht_form_view_edit_record (self->form_view, bundle->record);
  _ht_window_show_page (self, "form");
}

static void
open_edit_form (HtWindow *self,
                gpointer  data)
{
  ht_task_load_record_async (self->store, data, self->cancellable, edit_loaded_cb, g_object_ref (self));
}

static void
edit_record_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);

  /* Read again: the form starts from the record's latest version. */
  _ht_window_after_unsaved (self, open_edit_form, g_variant_get_string (parameter, NULL));
}

static void
save_draft_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  ht_form_view_save_draft (HT_WINDOW (widget)->form_view);
}

static void
register_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  ht_form_view_submit (HT_WINDOW (widget)->form_view);
}

static void
open_print_dialog (HtWindow *self,
                   gboolean  then_save)
{
  const char *id = ht_record_view_get_id (self->record_view);

  /* The action is disabled then; a stray activation does nothing. */
  if (id == NULL || self->store == NULL || ht_record_view_get_print_blocker (self->record_view) != NULL)
    return;
  gtk_window_present (GTK_WINDOW (ht_print_dialog_new (GTK_WINDOW (self), self->store, id, then_save)));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  open_print_dialog (HT_WINDOW (widget), FALSE);
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  /* The preview first, with the Save dialog over it: the clerk sees which
   * paper goes into the file. */
  open_print_dialog (HT_WINDOW (widget), TRUE);
}

static void
sync_now_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);

  if (self->scheduler != NULL)
    ht_sync_scheduler_run_now (self->scheduler);
}

static void
back_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (page, "record") == 0 && self->previous_page != NULL &&
      g_strcmp0 (self->previous_page, "welcome") != 0)
    _ht_window_show_page (self, self->previous_page);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HtWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = ht_task_check_finish (result, &error);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (HT_TASK_CANCELLED (result))
    return;

  if (problems == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ht_window_show_error (GTK_WIDGET (self), _("The register could not be checked"), error);
      return;
    }
  if (problems->len == 0)
    {
      ht_window_toast (self, _("The register is sound: every record, index and audit entry checks out"));
      return;
    }
  for (guint i = 0; i < problems->len && i < 20; i++)
    g_string_append_printf (body, "• %s\n", (const char *) problems->pdata[i]);
  g_string_append_c (body, '\n');
  g_string_append (body, _("Stop registering on this PC and call the technician: the register must be restored "
                           "from the latest backup (“hotich-admin restore”) after “hotich-admin check” confirms "
                           "the damage."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The register fails its check"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_register_activated (GtkWidget  *widget,
                          const char *action,
                          GVariant   *parameter)
{
  HtWindow *self = HT_WINDOW (widget);

  ht_window_toast (self, _("Checking the register… this may take a while on a large register"));
  ht_task_check_async (self->store, self->cancellable, checked_cb, g_object_ref (self));
}


static void
sign_out_now (HtWindow *self,
              gpointer  data)
{
  const char *user = self->session != NULL ? ht_session_get_user (self->session) : NULL;
  g_autofree char *hint = g_strdup (user);

  _ht_window_stop_session (self);
  ht_form_view_set_session (self->form_view, NULL);
  ht_books_view_set_session (self->books_view, NULL);
  ht_record_view_set_session (self->record_view, NULL);
  ht_attention_view_set_session (self->attention_view, NULL);
  ht_stats_view_set_session (self->stats_view, NULL);
  ht_sync_view_set_session (self->sync_view, NULL);
  ht_review_view_set_session (self->review_view, NULL);
  ht_sync_indicator_set_session (self->sync_indicator, NULL);
  ht_signin_view_prepare (self->signin_view, self->store, hint);
  _ht_window_set_mode (self, "signin");
}

static void
sign_out_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  _ht_window_after_unsaved (HT_WINDOW (widget), sign_out_now, NULL);
}

static void
reopen_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  _ht_window_open_register (HT_WINDOW (widget));
}

void
_ht_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.new-registration", "s", new_registration_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.open-record", "s", open_record_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-record", "s", edit_record_activated);
  gtk_widget_class_install_action (widget_class, "win.save-draft", NULL, save_draft_activated);
  gtk_widget_class_install_action (widget_class, "win.register", NULL, register_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_activated);
  gtk_widget_class_install_action (widget_class, "win.check-register", NULL, check_register_activated);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, reopen_activated);
}
