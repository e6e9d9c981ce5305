/* ht-form-view.c — the page around a generated form: saving, registering, editing.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registering is a short dialogue: the form is checked, a probable
 * duplicate is shown, the clerk confirms, the store numbers the record in
 * its book (a worker thread), and the number is shown.  A failed save
 * leaves the form exactly as it was, with the reason shown.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"
#include <inttypes.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-form-view.h"
#include "ht-labels.h"
#include "ht-record.h"
#include "ht-tasks.h"
#include "ht-window.h"

struct _HtFormView
{
  AdwBin            parent_instance;

  AdwBin           *form_bin;
  GtkWidget        *register_button;
  GtkWidget        *draft_button;
  GtkSpinner       *spinner;
  GtkLabel         *summary_label;

  HtSession        *session;
  HtForm           *form;
  char             *title;
  gboolean          busy;
  gboolean          editing;     /* a registered record: changes need a reason */
  cJSON            *pending;     /* the record being registered, between dialogs */
  AdwMessageDialog *dialog;
  GCancellable     *cancellable;
  cJSON            *last_signer; /* who signed the last record: the next one starts with them */
};

G_DEFINE_FINAL_TYPE (HtFormView, ht_form_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAN_SAVE_DRAFT,
  PROP_CAN_REGISTER,
  PROP_DIRTY,
  N_PROPS,
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void save (HtFormView *self, HtSaveFlags flags, const char *reason);
static AdwMessageDialog *new_dialog (HtFormView *self, const char *heading, const char *body);

static void
update_state (HtFormView *self)
{
  g_autofree char *summary = NULL;
  guint errors = self->form != NULL ? ht_form_get_n_errors (self->form) : 0;

  if (self->form == NULL)
    summary = g_strdup ("");
  else if (self->busy)
    summary = g_strdup (_("Saving…"));
  else if (ht_form_get_validating (self->form))
    summary = g_strdup (_("Checking…"));
  else if (errors > 0)
    summary = g_strdup_printf (ngettext ("%u problem to fix before registering",
                                         "%u problems to fix before registering", errors), errors);
  else if (self->editing)
    summary = g_strdup (ht_form_get_dirty (self->form) ? _("Ready to save the correction")
                                                       : _("No change yet"));
  else
    summary = g_strdup (_("Ready to register"));

  gtk_label_set_text (self->summary_label, summary);
  gtk_spinner_set_spinning (self->spinner, self->busy || (self->form && ht_form_get_validating (self->form)));
  gtk_widget_set_visible (self->draft_button, !self->editing);
  gtk_button_set_label (GTK_BUTTON (self->register_button), self->editing ? _("_Save Correction") : _("_Register"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE_DRAFT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REGISTER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
form_notify_cb (HtForm     *form,
                GParamSpec *pspec,
                HtFormView *self)
{
  update_state (self);
}

static void
set_busy (HtFormView *self,
          gboolean    busy)
{
  self->busy = busy;
  update_state (self);
}

static void
set_form (HtFormView  *self,
          const cJSON *record)
{
  const char *kind = ht_record_kind_code (record);
  g_autofree char *number = ht_labels_book_number (kind, ht_record_book_year (record), ht_record_number (record));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->pending, cJSON_Delete);

  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  self->form = HT_FORM (ht_form_new (ht_session_get_store (self->session), record));
  adw_bin_set_child (self->form_bin, GTK_WIDGET (self->form));
  g_signal_connect (self->form, "notify", G_CALLBACK (form_notify_cb), self);

  self->editing = g_strcmp0 (ht_record_status (record), "registered") == 0 ||
                  g_strcmp0 (ht_record_status (record), "revoked") == 0;
  g_free (self->title);
  if (ht_record_id (record) == NULL)
    /* TRANSLATORS: the title of a blank form, e.g. "Birth — new registration". */
    self->title = g_strdup_printf (_("%s — new registration"), ht_labels_kind (kind));
  else if (self->editing)
    /* TRANSLATORS: e.g. "Birth KS 2026/17 — correction". */
    self->title = g_strdup_printf (_("%s %s — correction"), ht_labels_kind (kind), number);
  else
    self->title = g_strdup_printf (_("%s — draft"), ht_labels_kind (kind));
  self->busy = FALSE;
  update_state (self);
}

/* ---- Saving ---- */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HtFormView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtIssues) issues = NULL;
  g_autoptr(cJSON) saved = ht_store_save_finish (HT_STORE (source), result, &issues, &error);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), HT_TYPE_WINDOW);
  const char *kind;

  if (HT_TASK_CANCELLED (result))
    return;

  if (saved == NULL)
    {
      set_busy (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The form stays exactly as it was; the reasons go to the fields. */
      if (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID) && issues != NULL && issues->len > 0)
        {
          ht_form_set_issues (self->form, issues);
          if (window != NULL)
            ht_window_toast (HT_WINDOW (window), _("Nothing was saved: fix the fields marked in red"));
        }
      else
        ht_window_show_error (GTK_WIDGET (self), _("Nothing was saved"), error);
      return;
    }

  kind = ht_record_kind_code (saved);
  if (cJSON_IsObject (cJSON_GetObjectItem (saved, "signer")))
    {
      g_clear_pointer (&self->last_signer, cJSON_Delete);
      self->last_signer = cJSON_Duplicate (cJSON_GetObjectItem (saved, "signer"), TRUE);
    }
  /* Saved first, then not busy: whoever waits for the save sees both. */
  ht_form_set_saved (self->form, saved);
  set_busy (self, FALSE);
  ht_session_record_saved (self->session, ht_record_id (saved));
  if (g_strcmp0 (ht_record_status (saved), "draft") == 0)
    {
      if (window != NULL)
        ht_window_toast (HT_WINDOW (window), _("Draft saved: it is not in the book yet"));
      g_free (self->title);
      self->title = g_strdup_printf (_("%s — draft"), ht_labels_kind (kind));
      update_state (self);
      return;
    }
  {
    g_autofree char *number = ht_labels_book_number (kind, ht_record_book_year (saved), ht_record_number (saved));
    g_autofree char *name = ht_labels_record_title (saved);
    g_autofree char *body = self->editing
      ? g_strdup_printf (_("The correction of %s (%s) is saved as version %" PRId64 "."), number, name,
                         ht_record_content_version (saved))
      : g_strdup_printf (_("“%s” is entered in the book as number %s."), name, number);
    AdwMessageDialog *dialog = new_dialog (self, self->editing ? _("Correction saved") : _("Registered"), body);

    adw_message_dialog_add_response (dialog, "close", _("_Close"));
    adw_message_dialog_set_default_response (dialog, "close");
    adw_message_dialog_set_close_response (dialog, "close");
    gtk_window_present (GTK_WINDOW (dialog));
  }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, ht_record_id (saved));
}

static void
save (HtFormView  *self,
      HtSaveFlags  flags,
      const char  *reason)
{
  g_autoptr(cJSON) record = NULL;

  if (self->pending != NULL && !(flags & HT_SAVE_DRAFT))
    record = g_steal_pointer (&self->pending);
  else
    record = ht_form_collect (self->form, (flags & HT_SAVE_DRAFT) ? "draft" : "registered");
  set_busy (self, TRUE);
  ht_store_save_async (ht_session_get_store (self->session), record, ht_session_get_user (self->session),
                       reason, flags, self->cancellable, saved_cb, g_object_ref (self));
}

/* ---- The dialogue of registering ---- */

static void
dialog_destroyed_cb (GtkWidget  *dialog,
                     HtFormView *self)
{
  /* A newer dialog may have taken its place already. */
  if (self->dialog == (AdwMessageDialog *) dialog)
    self->dialog = NULL;
}

static AdwMessageDialog *
new_dialog (HtFormView *self,
            const char *heading,
            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                                              : NULL,
                                                                         heading, body));

  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, 0);
  return dialog;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     HtFormView       *self)
{
  if (g_strcmp0 (response, "register") == 0)
    save (self, HT_SAVE_DEFAULT, NULL);
  else
    {
      g_clear_pointer (&self->pending, cJSON_Delete);
      set_busy (self, FALSE);
    }
}

static void
confirm (HtFormView *self)
{
  const char *kind = ht_record_kind_code (self->pending);
  const char *label = ht_labels_kind (kind);
  /* The kind inside a sentence: "Register this birth?" */
  g_autofree char *first = *label != '\0' ? g_utf8_strdown (label, g_utf8_next_char (label) - label) : g_strdup ("");
  g_autofree char *lower = g_strconcat (first, *label != '\0' ? g_utf8_next_char (label) : "", NULL);
  g_autofree char *heading = g_strdup_printf (_("Register this %s?"), lower);
  g_autofree char *title = ht_labels_record_title (self->pending);
  g_autofree char *body =
    g_strdup_printf (_("“%s” will be entered in the book with the next free number. After that its content can "
                       "only be corrected with a reason, and every version is kept."), title);
  AdwMessageDialog *dialog = new_dialog (self, heading, body);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "register", _("_Register"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "register", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "register");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HtFormView       *self)
{
  if (g_strcmp0 (response, "register") == 0)
    confirm (self);
  else
    {
      g_clear_pointer (&self->pending, cJSON_Delete);
      set_busy (self, FALSE);
    }
}

static void
duplicates_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HtFormView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) found = ht_task_duplicates_finish (result, &error);
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;
  const cJSON *item;

  if (HT_TASK_CANCELLED (result))
    return;

  if (self->pending == NULL)
    return;
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          g_clear_pointer (&self->pending, cJSON_Delete);
          ht_window_show_error (GTK_WIDGET (self), _("The register could not be searched for duplicates"), error);
        }
      return;
    }
  if (cJSON_GetArraySize (found) == 0)
    {
      confirm (self);
      return;
    }

  body = g_string_new (_("The register already holds a birth of a child with the same name and date of birth, "
                         "and the same mother:"));
  g_string_append_c (body, '\n');
  cJSON_ArrayForEach (item, found)
    {
      g_autofree char *number = ht_labels_book_number (ht_record_kind_code (item), ht_record_book_year (item),
                                                       ht_record_number (item));
      g_autofree char *name = ht_labels_record_title (item);
      g_autofree char *date = ht_labels_date (cJSON_GetStringValue (cJSON_GetObjectItem (item, "registered_on")));
      /* TRANSLATORS: a record in a list: book number, name, registration date. */
      g_string_append_printf (body, _("\n• %s: %s, registered on %s"), number, name, date != NULL ? date : "?");
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("A birth is registered only once. Register this one only if it is a different child."));

  dialog = new_dialog (self, _("Probable duplicate"), body->str);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Do Not Register"), "register", _("Register _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "register", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (duplicate_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    HtFormView       *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "save") == 0 && *reason != '\0')
    save (self, HT_SAVE_DEFAULT, reason);
  else
    {
      g_clear_pointer (&self->pending, cJSON_Delete);
      set_busy (self, FALSE);
    }
}

static void
ask_reason (HtFormView *self)
{
  AdwMessageDialog *dialog = new_dialog (self, _("Why is the record corrected?"),
                                         _("The reason is kept with the new version, next to the old one. "
                                           "A registered record's number and date do not change."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("For example: a typing error in the mother's name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save Correction"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", FALSE);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (reason_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

static void
ht_form_view_dispose (GObject *object)
{
  HtFormView *self = HT_FORM_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  self->form = NULL;
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_FORM_VIEW);
  G_OBJECT_CLASS (ht_form_view_parent_class)->dispose (object);
}

static void
ht_form_view_finalize (GObject *object)
{
  HtFormView *self = HT_FORM_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pending, cJSON_Delete);
  g_clear_pointer (&self->last_signer, cJSON_Delete);
  g_free (self->title);
  G_OBJECT_CLASS (ht_form_view_parent_class)->finalize (object);
}

static void
ht_form_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HtFormView *self = HT_FORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAN_SAVE_DRAFT:
      g_value_set_boolean (value, ht_form_view_get_can_save_draft (self));
      break;
    case PROP_CAN_REGISTER:
      g_value_set_boolean (value, ht_form_view_get_can_register (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, ht_form_view_get_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_form_view_class_init (HtFormViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_form_view_dispose;
  object_class->finalize = ht_form_view_finalize;
  object_class->get_property = ht_form_view_get_property;

  properties[PROP_CAN_SAVE_DRAFT] =
    g_param_spec_boolean ("can-save-draft", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REGISTER] =
    g_param_spec_boolean ("can-register", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A record went into the book (or its correction was saved). */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-form-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtFormView, form_bin);
  gtk_widget_class_bind_template_child (widget_class, HtFormView, register_button);
  gtk_widget_class_bind_template_child (widget_class, HtFormView, draft_button);
  gtk_widget_class_bind_template_child (widget_class, HtFormView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HtFormView, summary_label);
}

static void
ht_form_view_init (HtFormView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* ---- Public API ---- */

void
ht_form_view_set_session (HtFormView *self,
                          HtSession  *session)
{
  g_return_if_fail (HT_IS_FORM_VIEW (self));

  g_set_object (&self->session, session);
  adw_bin_set_child (self->form_bin, NULL);
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  self->form = NULL;
}

void
ht_form_view_new_record (HtFormView *self,
                         const char *kind)
{
  const HtKind *k = ht_kinds_lookup (kind);
  g_autoptr(cJSON) record = cJSON_CreateObject ();
  g_autofree char *today = NULL;
  GDate date;

  g_return_if_fail (HT_IS_FORM_VIEW (self));
  g_return_if_fail (k != NULL && self->session != NULL);

  ht_date_today (&date);
  today = ht_date_format (&date);
  cJSON_AddStringToObject (record, "kind", k->code);
  cJSON_AddStringToObject (record, "office", ht_session_get_office (self->session));
  cJSON_AddStringToObject (record, "registered_on", today);
  cJSON_AddStringToObject (record, "status", "draft");
  cJSON_AddStringToObject (record, "registration_type", k->registration_types[0]);
  if (self->last_signer != NULL)
    cJSON_AddItemToObject (record, "signer", cJSON_Duplicate (self->last_signer, TRUE));
  cJSON_AddObjectToObject (record, "data");
  set_form (self, record);
}

void
ht_form_view_edit_record (HtFormView  *self,
                          const cJSON *record)
{
  g_return_if_fail (HT_IS_FORM_VIEW (self));
  g_return_if_fail (record != NULL && self->session != NULL);

  set_form (self, record);
}

HtForm *
ht_form_view_get_form (HtFormView *self)
{
  g_return_val_if_fail (HT_IS_FORM_VIEW (self), NULL);
  return self->form;
}

const char *
ht_form_view_get_title (HtFormView *self)
{
  g_return_val_if_fail (HT_IS_FORM_VIEW (self), NULL);
  return self->title != NULL ? self->title : "";
}

gboolean
ht_form_view_get_dirty (HtFormView *self)
{
  g_return_val_if_fail (HT_IS_FORM_VIEW (self), FALSE);
  return self->form != NULL && ht_form_get_dirty (self->form);
}

gboolean
ht_form_view_get_busy (HtFormView *self)
{
  g_return_val_if_fail (HT_IS_FORM_VIEW (self), FALSE);
  return self->busy;
}

gboolean
ht_form_view_get_can_save_draft (HtFormView *self)
{
  g_return_val_if_fail (HT_IS_FORM_VIEW (self), FALSE);
  return self->form != NULL && !self->busy && !self->editing;
}

gboolean
ht_form_view_get_can_register (HtFormView *self)
{
  g_return_val_if_fail (HT_IS_FORM_VIEW (self), FALSE);
  if (self->form == NULL || self->busy || !ht_form_get_valid (self->form))
    return FALSE;
  return !self->editing || ht_form_get_dirty (self->form);
}

void
ht_form_view_save_draft (HtFormView *self)
{
  g_return_if_fail (HT_IS_FORM_VIEW (self));

  if (!ht_form_view_get_can_save_draft (self))
    return;
  save (self, HT_SAVE_DRAFT, NULL);
}

void
ht_form_view_submit (HtFormView *self)
{
  g_return_if_fail (HT_IS_FORM_VIEW (self));

  if (self->form == NULL || self->busy)
    return;
  if (!ht_form_view_get_can_register (self))
    {
      /* Say what stands in the way, under every field. */
      ht_form_show_all_issues (self->form);
      return;
    }
  set_busy (self, TRUE);
  g_clear_pointer (&self->pending, cJSON_Delete);
  self->pending = ht_form_collect (self->form, "registered");
  if (self->editing)
    ask_reason (self);
  else
    ht_task_duplicates_async (ht_session_get_store (self->session), self->pending, self->cancellable,
                              duplicates_cb, g_object_ref (self));
}

AdwMessageDialog *
ht_form_view_get_dialog (HtFormView *self)
{
  g_return_val_if_fail (HT_IS_FORM_VIEW (self), NULL);
  return self->dialog;
}
