/* ht-signin-view.c — signing in with a local account.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Argon2id is slow on purpose, so the password is checked in a worker
 * thread; a wrong name and a wrong password get the same answer.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"

#include "ht-signin-view.h"
#include "ht-tasks.h"
#include "ht-units.h"

struct _HtSigninView
{
  AdwBin        parent_instance;

  GtkLabel     *office_label;
  AdwEntryRow  *user_row;
  AdwEntryRow  *password_row;
  GtkLabel     *error_label;
  GtkWidget    *sign_in_button;
  GtkSpinner   *spinner;

  HtStore      *store;
  char         *user;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (HtSigninView, ht_signin_view, ADW_TYPE_BIN)

enum {
  SIGNAL_SIGNED_IN,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
set_busy (HtSigninView *self,
          gboolean      busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->sign_in_button, !busy);
}

static void
show_error (HtSigninView *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HtSigninView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *role = ht_task_verify_finish (result, &error);

  if (HT_TASK_CANCELLED (result))
    return;

  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (role == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, self->user, role);
}

static void
sign_in_clicked_cb (HtSigninView *self)
{
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->store == NULL || !gtk_widget_get_sensitive (self->sign_in_button))
    return;
  if (*user == '\0')
    {
      show_error (self, _("Type your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return;
    }
  g_free (self->user);
  self->user = g_steal_pointer (&user);
  show_error (self, NULL);
  set_busy (self, TRUE);
  ht_task_verify_async (self->store, self->user, password, self->cancellable, verified_cb, g_object_ref (self));
}

static void
ht_signin_view_dispose (GObject *object)
{
  HtSigninView *self = HT_SIGNIN_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_SIGNIN_VIEW);
  G_OBJECT_CLASS (ht_signin_view_parent_class)->dispose (object);
}

static void
ht_signin_view_finalize (GObject *object)
{
  HtSigninView *self = HT_SIGNIN_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self->user);
  G_OBJECT_CLASS (ht_signin_view_parent_class)->finalize (object);
}

static void
ht_signin_view_class_init (HtSigninViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_signin_view_dispose;
  object_class->finalize = ht_signin_view_finalize;

  /* The name and password were right: (user, role). */
  signals[SIGNAL_SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-signin-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtSigninView, office_label);
  gtk_widget_class_bind_template_child (widget_class, HtSigninView, user_row);
  gtk_widget_class_bind_template_child (widget_class, HtSigninView, password_row);
  gtk_widget_class_bind_template_child (widget_class, HtSigninView, error_label);
  gtk_widget_class_bind_template_child (widget_class, HtSigninView, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, HtSigninView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
}

static void
ht_signin_view_init (HtSigninView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
ht_signin_view_prepare (HtSigninView *self,
                        HtStore      *store,
                        const char   *user_hint)
{
  const HtUnit *office;
  g_autofree char *text = NULL;

  g_return_if_fail (HT_IS_SIGNIN_VIEW (self));
  g_return_if_fail (HT_IS_STORE (store));

  g_set_object (&self->store, store);
  office = ht_units_office (ht_store_get_office (store));
  if (office != NULL)
    {
      const HtUnit *province = ht_units_lookup (HT_UNITS_2026_04_30, HT_UNIT_PROVINCE, office->province);
      text = g_strdup_printf ("%s, %s", office->full_name, province != NULL ? province->full_name : "");
    }
  else
    text = g_strdup_printf (_("Office %s"), ht_store_get_office (store));
  gtk_label_set_text (self->office_label, text);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user_hint != NULL ? user_hint : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  set_busy (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (user_hint != NULL && *user_hint != '\0' ? self->password_row : self->user_row));
}

void
ht_signin_view_submit (HtSigninView *self,
                       const char   *user,
                       const char   *password)
{
  g_return_if_fail (HT_IS_SIGNIN_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  sign_in_clicked_cb (self);
}

const char *
ht_signin_view_get_error (HtSigninView *self)
{
  g_return_val_if_fail (HT_IS_SIGNIN_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
