/* ht-print-dialog.c — the preview of a record's paper, with Print… and
 * Save as PDF….
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clerk sees the paper before it goes to the printer: the original or
 * a copy (bản sao), on plain A4 or as values only for the ministry's
 * pre-printed form (phôi).  Each choice builds the paper again in a worker
 * (it reads the register and signs the QR payload); the page is drawn by
 * the same routine that prints it and writes the PDF, scaled to fit.
 * Writing the PDF runs in a worker too, so that the window never waits on
 * the disk.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"
#include "ht-print-dialog.h"

struct _HtPrintDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *notice_label;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkDrawingArea       *drawing_area;

  HtStore              *store;
  char                 *id;
  char                 *version;       /* "original" | "copy" */
  char                 *layout;        /* "full" | "preprinted" */
  gboolean              then_save;

  HtPrintPaper         *paper;
  char                 *error;
  gboolean              building;
  gboolean              saving;
  char                 *saving_path;
  char                 *saved_path;
  char                 *save_error;
  GCancellable         *build_cancellable;
  GCancellable         *cancellable;   /* saves and prints: cancelled when the window goes */
  GtkFileChooserNative *chooser;
  GtkPrintOperation    *print_op;
};

G_DEFINE_FINAL_TYPE (HtPrintDialog, ht_print_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VERSION,
  PROP_LAYOUT,
  PROP_BUSY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* The printer and its options the clerk chose last, for the next paper of
 * this session. */
static GtkPrintSettings *last_print_settings;

static void
toast (HtPrintDialog *self,
       const char    *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
update_actions (HtPrintDialog *self)
{
  gboolean ready = self->paper != NULL && !self->building;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.print", ready && self->print_op == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.save-pdf", ready && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.save-pdf-to", ready && !self->saving);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- The preview ---- */

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  HtPrintDialog *self = user_data;

  if (self->paper != NULL)
    ht_print_draw_preview (self->paper, cr, width, height);
}

static void save_to (HtPrintDialog *self, const char *path);
static void open_chooser (HtPrintDialog *self);

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HtPrintDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtPrintPaper) paper = ht_print_build_finish (result, &error);
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  HtPaperDoc *doc;

  /* A later choice (or the window closing) made this paper stale. */
  if (g_task_get_cancellable (G_TASK (result)) != self->build_cancellable ||
      g_cancellable_is_cancelled (self->build_cancellable))
    return;

  self->building = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (paper == NULL)
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      self->then_save = FALSE;
      update_actions (self);
      return;
    }
  self->paper = g_steal_pointer (&paper);
  doc = ht_print_paper_get_doc (self->paper);
  /* TRANSLATORS: the preview's subtitle: the paper's title and number. */
  subtitle = g_strdup_printf (_("%s no. %s"), ht_paper_doc_get_title (doc), ht_paper_doc_get_number (doc));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (ht_print_paper_get_unsigned_reason (self->paper) != NULL)
    {
      g_autofree char *notice = g_strdup_printf (_("Not signed: %s. The paper says it is a preview without "
                                                   "legal value until the register's key is certified."),
                                                 ht_print_paper_get_unsigned_reason (self->paper));
      gtk_label_set_text (self->notice_label, notice);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  /* The paper's text, for screen readers: a picture of a page says
   * nothing to them. */
  text = ht_paper_doc_to_text (doc);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drawing_area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "paper");
  gtk_widget_queue_draw (GTK_WIDGET (self->drawing_area));
  update_actions (self);
  if (self->then_save)
    {
      self->then_save = FALSE;
      open_chooser (self);
    }
}

static void
rebuild (HtPrintDialog *self)
{
  if (self->store == NULL || self->id == NULL)
    return;
  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  self->build_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->paper, ht_print_paper_unref);
  g_clear_pointer (&self->error, g_free);
  self->building = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);
  ht_print_build_async (self->store, self->id, g_strcmp0 (self->version, "copy") == 0,
                        g_strcmp0 (self->layout, "preprinted") == 0 ? HT_PAPER_PREPRINTED : HT_PAPER_FULL_PAGE,
                        self->build_cancellable, built_cb, g_object_ref (self));
}

/* ---- Save as PDF ---- */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HtPrintDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  ht_print_write_pdf_finish (result, &error);
  /* The window is gone: nobody is left to tell. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->saving = FALSE;
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The PDF was not saved: %s"), error->message);
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      g_clear_pointer (&self->saved_path, g_free);
      toast (self, message);
    }
  else
    {
      g_autofree char *message = NULL;

      g_clear_pointer (&self->save_error, g_free);
      g_free (self->saved_path);
      self->saved_path = g_steal_pointer (&self->saving_path);
      message = g_strdup_printf (_("Saved as %s"), self->saved_path);
      toast (self, message);
    }
  g_clear_pointer (&self->saving_path, g_free);
  update_actions (self);
}

static void
save_to (HtPrintDialog *self,
         const char    *path)
{
  if (self->paper == NULL || self->saving)
    return;
  if (path == NULL || *path == '\0')
    {
      toast (self, _("The PDF was not saved: no file name was given"));
      return;
    }
  self->saving = TRUE;
  g_free (self->saving_path);
  self->saving_path = g_strdup (path);
  update_actions (self);
  ht_print_write_pdf_async (self->paper, path, self->cancellable, saved_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     HtPrintDialog   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        toast (self, _("The PDF was not saved: choose a file on this computer"));
      else
        save_to (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
open_chooser (HtPrintDialog *self)
{
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->paper == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Paper as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = ht_print_paper_file_name (self->paper);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- Print ---- */

static void
print_finished (HtPrintDialog           *self,
                GtkPrintOperation       *operation,
                GtkPrintOperationResult  result)
{
  /* "done" may come before or after gtk_print_operation_run() returns;
   * whichever is first settles it. */
  if (self->print_op != operation)
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("The paper was not printed: %s"),
                                 error != NULL ? error->message : _("the printing system gave no reason"));
      toast (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_print_settings, gtk_print_operation_get_print_settings (operation));
      toast (self, _("The paper was sent to the printer"));
    }
  g_signal_handlers_disconnect_by_data (operation, self);
  g_clear_object (&self->print_op);
  update_actions (self);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               HtPrintDialog           *self)
{
  print_finished (self, operation, result);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  HtPrintDialog *self = HT_PRINT_DIALOG (widget);
  GtkPrintOperationResult result;
  GtkPrintOperation *operation;

  if (self->paper == NULL || self->print_op != NULL)
    return;
  operation = self->print_op = ht_print_operation_new (self->paper);
  if (last_print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_print_settings);
  /* The print dialog runs without a nested main loop. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);
  update_actions (self);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), NULL);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    print_finished (self, operation, result);
}

/* ---- Actions ---- */

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  open_chooser (HT_PRINT_DIALOG (widget));
}

static void
save_pdf_to_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  save_to (HT_PRINT_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

/* ---- GObject ---- */

static void
set_choice (HtPrintDialog  *self,
            char          **field,
            const char     *value,
            const char     *first,
            const char     *second,
            GParamSpec     *pspec)
{
  /* Anything but the two known values is the first. */
  const char *choice = g_strcmp0 (value, second) == 0 ? second : first;

  if (g_strcmp0 (*field, choice) == 0)
    return;
  g_free (*field);
  *field = g_strdup (choice);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  rebuild (self);
}

static void
ht_print_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HtPrintDialog *self = HT_PRINT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      set_choice (self, &self->version, g_value_get_string (value), "original", "copy", pspec);
      break;
    case PROP_LAYOUT:
      set_choice (self, &self->layout, g_value_get_string (value), "full", "preprinted", pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_print_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HtPrintDialog *self = HT_PRINT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_LAYOUT:
      g_value_set_string (value, self->layout);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, ht_print_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_print_dialog_dispose (GObject *object)
{
  HtPrintDialog *self = HT_PRINT_DIALOG (object);

  g_cancellable_cancel (self->build_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->print_op != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->print_op, self);
      gtk_print_operation_cancel (self->print_op);
      g_clear_object (&self->print_op);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_PRINT_DIALOG);
  G_OBJECT_CLASS (ht_print_dialog_parent_class)->dispose (object);
}

static void
ht_print_dialog_finalize (GObject *object)
{
  HtPrintDialog *self = HT_PRINT_DIALOG (object);

  g_clear_object (&self->build_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->paper, ht_print_paper_unref);
  g_free (self->id);
  g_free (self->version);
  g_free (self->layout);
  g_free (self->error);
  g_free (self->saving_path);
  g_free (self->saved_path);
  g_free (self->save_error);
  G_OBJECT_CLASS (ht_print_dialog_parent_class)->finalize (object);
}

static void
ht_print_dialog_class_init (HtPrintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_print_dialog_dispose;
  object_class->finalize = ht_print_dialog_finalize;
  object_class->set_property = ht_print_dialog_set_property;
  object_class->get_property = ht_print_dialog_get_property;

  /* Which paper: "original" or "copy" (bản sao). */
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, "original",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How: "full" (plain A4) or "preprinted" (values only, for the phôi). */
  properties[PROP_LAYOUT] =
    g_param_spec_string ("layout", NULL, NULL, "full",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HtPrintDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HtPrintDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HtPrintDialog, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HtPrintDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HtPrintDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HtPrintDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, HtPrintDialog, drawing_area);

  gtk_widget_class_install_property_action (widget_class, "print.version", "version");
  gtk_widget_class_install_property_action (widget_class, "print.layout", "layout");
  gtk_widget_class_install_action (widget_class, "print.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "print.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "print.save-pdf-to", "s", save_pdf_to_activated);
  /* Inside the preview, Ctrl+P prints and Ctrl+Shift+S saves, as they
   * opened it; Escape closes it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "print.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "print.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ht_print_dialog_init (HtPrintDialog *self)
{
  /* The toggle buttons read the choices while the template is built. */
  self->version = g_strdup ("original");
  self->layout = g_strdup ("full");
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_drawing_area_set_draw_func (self->drawing_area, draw_cb, self, NULL);
  update_actions (self);
}

HtPrintDialog *
ht_print_dialog_new (GtkWindow  *parent,
                     HtStore    *store,
                     const char *id,
                     gboolean    then_save)
{
  HtPrintDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (HT_TYPE_PRINT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->id = g_strdup (id);
  self->then_save = then_save;
  rebuild (self);
  return self;
}

HtPrintPaper *
ht_print_dialog_get_paper (HtPrintDialog *self)
{
  g_return_val_if_fail (HT_IS_PRINT_DIALOG (self), NULL);
  return self->building ? NULL : self->paper;
}

gboolean
ht_print_dialog_get_busy (HtPrintDialog *self)
{
  g_return_val_if_fail (HT_IS_PRINT_DIALOG (self), FALSE);
  return self->building || self->saving || self->print_op != NULL;
}

const char *
ht_print_dialog_get_error (HtPrintDialog *self)
{
  g_return_val_if_fail (HT_IS_PRINT_DIALOG (self), NULL);
  return self->error;
}

const char *
ht_print_dialog_get_notice (HtPrintDialog *self)
{
  g_return_val_if_fail (HT_IS_PRINT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->notice_label)) ? gtk_label_get_text (self->notice_label) : NULL;
}

const char *
ht_print_dialog_get_saved_path (HtPrintDialog *self)
{
  g_return_val_if_fail (HT_IS_PRINT_DIALOG (self), NULL);
  return self->saved_path;
}

const char *
ht_print_dialog_get_save_error (HtPrintDialog *self)
{
  g_return_val_if_fail (HT_IS_PRINT_DIALOG (self), NULL);
  return self->save_error;
}

GtkFileChooserNative *
ht_print_dialog_get_chooser (HtPrintDialog *self)
{
  g_return_val_if_fail (HT_IS_PRINT_DIALOG (self), NULL);
  return self->chooser;
}
