/* ht-setup-view.c — the first start: creating the register and its first account.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a PC without a register the clerk (or technician) chooses the commune
 * from the administrative units in force and makes the first account; the
 * register file and the Argon2id hash are made in a worker thread.  A
 * register made by "hotich-admin init" without accounts only needs the
 * account.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"

#include "ht-setup-view.h"
#include "ht-tasks.h"
#include "ht-units.h"

struct _HtSetupView
{
  AdwBin               parent_instance;

  GtkLabel            *intro_label;
  AdwPreferencesGroup *commune_group;
  GtkDropDown         *province_dd;
  GtkDropDown         *commune_dd;
  AdwEntryRow         *user_row;
  AdwEntryRow         *password_row;
  AdwEntryRow         *confirm_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkWidget           *create_button;

  char                *path;
  HtStore             *store;      /* a register without accounts, or NULL */
  GPtrArray           *provinces;  /* const HtUnit* */
  GPtrArray           *communes;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (HtSetupView, ht_setup_view, ADW_TYPE_BIN)

enum {
  SIGNAL_DONE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* The newest units: a register is made for a commune as it is now. */
#define UNITS HT_UNITS_2026_04_30

static GListModel *
names_of (GPtrArray *units)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    gtk_string_list_append (names, ((const HtUnit *) units->pdata[i])->full_name);
  return G_LIST_MODEL (names);
}

static void
province_changed_cb (GtkDropDown *dd,
                     GParamSpec  *pspec,
                     HtSetupView *self)
{
  guint i = gtk_drop_down_get_selected (dd);
  g_autoptr(GListModel) names = NULL;

  g_clear_pointer (&self->communes, g_ptr_array_unref);
  if (self->provinces != NULL && i < self->provinces->len)
    self->communes = ht_units_list (UNITS, HT_UNIT_COMMUNE, ((const HtUnit *) self->provinces->pdata[i])->code);
  names = names_of (self->communes);
  gtk_drop_down_set_model (self->commune_dd, names);
}

static void
show_error (HtSetupView *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (HtSetupView *self,
          gboolean     busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->create_button, !busy);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HtSetupView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = NULL;

  set_busy (self, FALSE);
  if (self->store != NULL)
    {
      if (ht_task_add_user_finish (result, &error))
        store = g_object_ref (self->store);
    }
  else
    store = ht_task_create_finish (result, &error);
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  g_signal_emit (self, signals[SIGNAL_DONE], 0, store, gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
}

static void
create_clicked_cb (HtSetupView *self)
{
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  guint commune = gtk_drop_down_get_selected (self->commune_dd);

  if (self->store == NULL && (self->communes == NULL || commune >= self->communes->len))
    {
      show_error (self, _("Choose the province and the commune of the register."));
      return;
    }
  if (*user == '\0')
    {
      show_error (self, _("User name: type the name the account signs in with."));
      return;
    }
  if (*password == '\0')
    {
      show_error (self, _("Password: it must not be empty."));
      return;
    }
  if (g_strcmp0 (password, confirm) != 0)
    {
      show_error (self, _("Password again: the two passwords differ."));
      return;
    }
  show_error (self, NULL);
  set_busy (self, TRUE);
  if (self->store != NULL)
    ht_task_add_user_async (self->store, user, "admin", password, self->cancellable, created_cb,
                            g_object_ref (self));
  else
    ht_task_create_async (self->path, ((const HtUnit *) self->communes->pdata[commune])->code, user, password,
                          self->cancellable, created_cb, g_object_ref (self));
}

static void
ht_setup_view_dispose (GObject *object)
{
  HtSetupView *self = HT_SETUP_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_SETUP_VIEW);
  G_OBJECT_CLASS (ht_setup_view_parent_class)->dispose (object);
}

static void
ht_setup_view_finalize (GObject *object)
{
  HtSetupView *self = HT_SETUP_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->provinces, g_ptr_array_unref);
  g_clear_pointer (&self->communes, g_ptr_array_unref);
  g_free (self->path);
  G_OBJECT_CLASS (ht_setup_view_parent_class)->finalize (object);
}

static void
ht_setup_view_class_init (HtSetupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_setup_view_dispose;
  object_class->finalize = ht_setup_view_finalize;

  /* The register is ready and has its account. */
  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HT_TYPE_STORE, G_TYPE_STRING);

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-setup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, intro_label);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, commune_group);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, province_dd);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, commune_dd);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, user_row);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, password_row);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, error_label);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HtSetupView, create_button);
  gtk_widget_class_bind_template_callback (widget_class, province_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
}

static void
ht_setup_view_init (HtSetupView *self)
{
  g_autoptr(GListModel) names = NULL;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->province_dd, expression);
  gtk_drop_down_set_expression (self->commune_dd, expression);
  gtk_expression_unref (expression);

  self->provinces = ht_units_list (UNITS, HT_UNIT_PROVINCE, NULL);
  names = names_of (self->provinces);
  gtk_drop_down_set_model (self->province_dd, names);
  province_changed_cb (self->province_dd, NULL, self);
}

void
ht_setup_view_prepare (HtSetupView *self,
                       const char  *path,
                       HtStore     *store)
{
  g_autofree char *intro = NULL;

  g_return_if_fail (HT_IS_SETUP_VIEW (self));

  g_free (self->path);
  self->path = g_strdup (path);
  g_set_object (&self->store, store);
  gtk_widget_set_visible (GTK_WIDGET (self->commune_group), store == NULL);
  gtk_button_set_label (GTK_BUTTON (self->create_button),
                        store == NULL ? _("_Create the Register") : _("_Create the Account"));
  intro = store == NULL
    ? g_strdup_printf (_("There is no register on this PC yet. It will be kept in %s."), path)
    : g_strdup_printf (_("The register %s has no account yet: make the first one."), path);
  gtk_label_set_text (self->intro_label, intro);
  show_error (self, NULL);
}

/* For tests: picks the commune by code, as the clerk would in the menus. */
gboolean
ht_setup_view_select_commune (HtSetupView *self,
                              const char  *code)
{
  const HtUnit *commune = ht_units_lookup (UNITS, HT_UNIT_COMMUNE, code);

  g_return_val_if_fail (HT_IS_SETUP_VIEW (self), FALSE);

  for (guint i = 0; commune != NULL && i < self->provinces->len; i++)
    if (g_strcmp0 (((const HtUnit *) self->provinces->pdata[i])->code, commune->province) == 0)
      {
        gtk_drop_down_set_selected (self->province_dd, i);
        for (guint j = 0; self->communes != NULL && j < self->communes->len; j++)
          if (g_strcmp0 (((const HtUnit *) self->communes->pdata[j])->code, code) == 0)
            {
              gtk_drop_down_set_selected (self->commune_dd, j);
              return TRUE;
            }
      }
  return FALSE;
}

/* For tests: fills the account and presses the button. */
void
ht_setup_view_submit (HtSetupView *self,
                      const char  *user,
                      const char  *password,
                      const char  *confirm)
{
  g_return_if_fail (HT_IS_SETUP_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), confirm);
  create_clicked_cb (self);
}

const char *
ht_setup_view_get_error (HtSetupView *self)
{
  g_return_val_if_fail (HT_IS_SETUP_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
