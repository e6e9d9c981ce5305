/* ht-window-review.c — the window's review actions: approve, return, reject.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a supervising office's register, a reviewer decides on the records of
 * the communes (ht-store-review.h).  Each decision is a window action the
 * Review page's buttons name: "win.review-approve" decides at once,
 * "win.review-return" and "win.review-reject" first ask for the comment or
 * the reason (the dialog's button stays disabled until there is one), and
 * "win.review-decide" ("(sss)": id, state, comment) is the decision itself.
 * The store records it in a worker thread, with an outbox entry that the
 * next sync pushes; a refusal is shown in a dialog naming what is wrong.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-error.h"
#include "ht-store-review.h"
#include "ht-window-private.h"

typedef struct
{
  HtWindow *window;
  char     *id;
  char     *state;
} Decision;

static void
decision_free (Decision *decision)
{
  g_clear_object (&decision->window);
  g_free (decision->id);
  g_free (decision->state);
  g_free (decision);
}

static Decision *
decision_new (HtWindow   *self,
              const char *id,
              const char *state)
{
  Decision *decision = g_new0 (Decision, 1);

  decision->window = g_object_ref (self);
  decision->id = g_strdup (id);
  decision->state = g_strdup (state);
  return decision;
}

static gboolean
blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* ---- Deciding ---- */

static void
decided_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Decision *decision = user_data;
  HtWindow *self = decision->window;
  g_autoptr(GError) error = NULL;

  if (!ht_store_review_decide_finish (HT_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ht_window_show_error (GTK_WIDGET (self), _("The decision was not recorded"), error);
      decision_free (decision);
      return;
    }
  if (g_str_equal (decision->state, "approved"))
    ht_window_toast (self, _("Approved. The decision is sent to the commune at the next sync."));
  else if (g_str_equal (decision->state, "returned"))
    ht_window_toast (self, _("Returned for correction. The commune sees your comment after the next sync."));
  else
    ht_window_toast (self, _("Rejected. The commune sees your reason after the next sync."));
  /* The queue, the record and the count of changes to send follow. */
  if (self->session != NULL)
    ht_session_record_saved (self->session, decision->id);
  decision_free (decision);
}

static void
decide (HtWindow   *self,
        const char *id,
        const char *state,
        const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean needs_comment = g_strcmp0 (state, "returned") == 0 || g_strcmp0 (state, "rejected") == 0;

  if (self->session == NULL || !ht_session_can_review (self->session))
    error = g_error_new (HT_ERROR, HT_ERROR_PERMISSION,
                         _("Only a reviewer signed in on the supervising office's register decides on records."));
  else if (!needs_comment && g_strcmp0 (state, "approved") != 0)
    error = g_error_new (HT_ERROR, HT_ERROR_INVALID,
                         _("“%s” is not a decision: approve, return or reject."), state != NULL ? state : "");
  else if (id == NULL || *id == '\0')
    error = g_error_new (HT_ERROR, HT_ERROR_INVALID, _("No record is chosen."));
  else if (g_str_equal (state, "returned") && blank (comment))
    error = g_error_new (HT_ERROR, HT_ERROR_INVALID,
                         _("The comment is missing: a returned record needs a comment saying what the commune "
                           "must correct."));
  else if (g_str_equal (state, "rejected") && blank (comment))
    error = g_error_new (HT_ERROR, HT_ERROR_INVALID,
                         _("The reason is missing: a rejected record needs the reason why it is void."));
  if (error != NULL)
    {
      /* Nothing is stored. */
      ht_window_show_error (GTK_WIDGET (self), _("The decision was not recorded"), error);
      return;
    }
  if (needs_comment)
    text = g_strstrip (g_strdup (comment));
  ht_store_review_decide_async (self->store, id, state, text, ht_session_get_user (self->session),
                                self->cancellable, decided_cb, decision_new (self, id, state));
}

/* ---- Asking for the comment or the reason ---- */

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
comment_changed_cb (GtkTextBuffer    *buffer,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = buffer_text (buffer);
  const char *response = g_object_get_data (G_OBJECT (dialog), "ht-response");

  adw_message_dialog_set_response_enabled (dialog, response, !blank (text));
}

static void
comment_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Decision         *decision)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "ht-comment");
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, g_object_get_data (G_OBJECT (dialog), "ht-response")) != 0)
    return;
  text = buffer_text (buffer);
  decide (decision->window, decision->id, decision->state, text);
}

static void
ask_comment (HtWindow   *self,
             const char *id,
             const char *state)
{
  gboolean returning = g_str_equal (state, "returned");
  const char *response = returning ? "return" : "reject";
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (returning ? _("Comment (required)") : _("Reason (required)"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  Decision *decision = decision_new (self, id, state);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   returning ? _("Return the record for correction?")
                                             : _("Reject the record?"),
                                   returning ? _("Say what the commune must correct. It sees your comment, corrects "
                                                 "the record, and it comes back to you as resubmitted.")
                                             : _("A rejected entry is void, and the decision cannot be undone. "
                                                 "The commune sees your reason."));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    response, returning ? _("_Return") : _("Re_ject"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              returning ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  /* Nothing to send until there is a comment. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), response, FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* The tests type the comment through the same buffer. */
  g_object_set_data (G_OBJECT (dialog), "ht-comment", buffer);
  g_object_set_data (G_OBJECT (dialog), "ht-response", (gpointer) response);
  g_object_set_data_full (G_OBJECT (dialog), "ht-decision", decision, (GDestroyNotify) decision_free);
  g_signal_connect (buffer, "changed", G_CALLBACK (comment_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (comment_response_cb), decision);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* ---- Actions ---- */

static void
review_approve_activated (GtkWidget  *widget,
                          const char *action,
                          GVariant   *parameter)
{
  decide (HT_WINDOW (widget), g_variant_get_string (parameter, NULL), "approved", NULL);
}

static void
review_return_activated (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  ask_comment (HT_WINDOW (widget), g_variant_get_string (parameter, NULL), "returned");
}

static void
review_reject_activated (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  ask_comment (HT_WINDOW (widget), g_variant_get_string (parameter, NULL), "rejected");
}

static void
review_decide_activated (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  const char *id, *state, *comment;

  g_variant_get (parameter, "(&s&s&s)", &id, &state, &comment);
  decide (HT_WINDOW (widget), id, state, comment);
}

void
_ht_window_install_review_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.review-approve", "s", review_approve_activated);
  gtk_widget_class_install_action (widget_class, "win.review-return", "s", review_return_activated);
  gtk_widget_class_install_action (widget_class, "win.review-reject", "s", review_reject_activated);
  gtk_widget_class_install_action (widget_class, "win.review-decide", "(sss)", review_decide_activated);
}
