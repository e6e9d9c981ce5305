/* ht-form.c — a registration form generated from the kinds registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No kind has a hand-drawn form: the form walks the kind's fields in the
 * registry and makes a group for each person or paper, a row for each
 * value, an expander for nested and optional objects, list editors for
 * lists and a shape chooser for references.  Conditions ("when") of the
 * registry show and hide the objects they govern as the clerk chooses.
 *
 * The rows are made in ht-form-build.c and ht-form-rows.c; this file
 * holds the values together.  Collecting walks the bindings and builds a
 * record; checking sends that record to a worker thread, which runs the
 * same canonical parse, derivation and rules as a save, and the messages
 * come back to the rows by their JSON path.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <string.h>

#include "ht-date.h"
#include "ht-form-private.h"
#include "ht-labels.h"
#include "ht-record.h"
#include "ht-tasks.h"

/* A check starts this long after the last keystroke. */
#define CHECK_DELAY_MS 300

G_DEFINE_FINAL_TYPE (HtForm, ht_form, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VALID,
  PROP_VALIDATING,
  PROP_N_ERRORS,
  PROP_DIRTY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* ---- Bindings ---- */

/* Whether the clerk has left this field, or one inside this object. */
static gboolean
touched (HtForm  *self,
         Binding *b)
{
  GHashTableIter iter;
  gpointer key;
  gsize len = strlen (b->path);

  if (g_hash_table_contains (self->touched, b->path))
    return TRUE;
  if (b->kind == B_SCALAR)
    return FALSE;
  g_hash_table_iter_init (&iter, self->touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strncmp (key, b->path, len) == 0 && (((char *) key)[len] == '.' || ((char *) key)[len] == '['))
      return TRUE;
  return FALSE;
}

static gboolean
enabled (Binding *b)
{
  if (b->enable == NULL)
    return TRUE;
  if (ADW_IS_EXPANDER_ROW (b->enable))
    return adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (b->enable));
  return gtk_switch_get_active (GTK_SWITCH (b->enable));
}

/* Hidden by a condition, here or above. */
static gboolean
hidden (Binding *b)
{
  for (; b != NULL; b = b->parent)
    if (b->row != NULL && !gtk_widget_get_visible (b->row))
      return TRUE;
  return FALSE;
}

/* ---- Collecting ---- */

static void
collect_into (HtForm  *self,
              Binding *b,
              cJSON   *target)
{
  cJSON *value = NULL;

  if (b->row != NULL && !gtk_widget_get_visible (b->row))
    return;
  switch (b->kind)
    {
    case B_SCALAR:
      value = _ht_form_row_value (b);
      if (value != NULL && b->stype == S_PLACE && b->unit != NULL && cJSON_IsObject (target))
        {
          g_autofree char *unit_key = g_strconcat (b->name, "_unit", NULL);
          cJSON_AddItemToObject (target, unit_key, cJSON_Duplicate (b->unit, TRUE));
        }
      break;

    case B_OBJECT:
    case B_VARIANT:
      if (!enabled (b))
        return;
      value = cJSON_CreateObject ();
      for (guint i = 0; i < b->children->len; i++)
        collect_into (self, b->children->pdata[i], value);
      break;

    case B_LIST:
      value = cJSON_CreateArray ();
      for (guint i = 0; i < b->children->len; i++)
        collect_into (self, b->children->pdata[i], value);
      if (cJSON_GetArraySize (value) == 0)
        g_clear_pointer (&value, cJSON_Delete);
      break;

    default:
      break;
    }
  if (value == NULL)
    return;
  if (cJSON_IsArray (target))
    cJSON_AddItemToArray (target, value);
  else
    cJSON_AddItemToObject (target, b->name, value);
}

static void
collect_raw (HtForm *self)
{
  /* Remember text that is not a value, so a rebuild shows it again. */
  g_hash_table_remove_all (self->raw);
  for (guint i = 0; i < self->all->len; i++)
    {
      Binding *b = self->all->pdata[i];
      if (b->kind == B_SCALAR && b->local_error != NULL)
        g_hash_table_replace (self->raw, g_strdup (b->path), _ht_form_row_raw_text (b));
    }
}

cJSON *
ht_form_collect (HtForm     *self,
                 const char *status)
{
  static const char *const filled[] = { "registration_type", "registered_on", "signer", "data", "status", NULL };
  cJSON *record, *data;

  g_return_val_if_fail (HT_IS_FORM (self), NULL);

  record = cJSON_Duplicate (self->record, TRUE);
  for (guint i = 0; filled[i] != NULL; i++)
    cJSON_DeleteItemFromObjectCaseSensitive (record, filled[i]);
  cJSON_AddStringToObject (record, "status", status != NULL ? status : "draft");
  data = cJSON_AddObjectToObject (record, "data");
  for (guint i = 0; i < self->roots->len; i++)
    {
      Binding *b = self->roots->pdata[i];
      collect_into (self, b, g_str_has_prefix (b->path, "data.") ? data : record);
    }
  collect_raw (self);
  return record;
}

/* Shows or hides the objects whose registry condition changed; TRUE when
 * anything did (the record must then be collected again). */
static gboolean
update_visibility (HtForm      *self,
                   const cJSON *record)
{
  gboolean changed = FALSE;
  gboolean was_building = self->building;

  /* What the form changes itself is not the clerk's doing. */
  self->building = TRUE;

  for (guint i = 0; i < self->all->len; i++)
    {
      Binding *b = self->all->pdata[i];
      const cJSON *container;
      gboolean required, show;

      if (b->kind == B_SCALAR || b->field == NULL || b->field->req != HT_REQ_COND || b->field->when == NULL ||
          b->name == NULL)
        continue;
      container = b->parent != NULL ? ht_record_get_path (record, b->parent->path)
                                    : g_str_has_prefix (b->path, "data.")
                                      ? cJSON_GetObjectItemCaseSensitive (record, "data") : record;
      required = container != NULL && ht_kinds_eval_when (b->field->when, record, container);
      show = required || b->evidence || b->keep;
      if (b->enable != NULL && ADW_IS_EXPANDER_ROW (b->enable))
        {
          /* Required here: always there, no switch; else the clerk's choice. */
          gboolean switchable = !required;
          if (switchable != adw_expander_row_get_show_enable_switch (ADW_EXPANDER_ROW (b->enable)))
            {
              adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (b->enable), switchable);
              if (!switchable)
                {
                  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (b->enable), TRUE);
                  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (b->enable), TRUE);
                }
              changed = TRUE;
            }
        }
      if (show != gtk_widget_get_visible (b->row))
        {
          gtk_widget_set_visible (b->row, show);
          changed = TRUE;
        }
    }
  self->building = was_building;
  return changed;
}

static cJSON *
collect_settled (HtForm     *self,
                 const char *status)
{
  cJSON *record = ht_form_collect (self, status);

  /* A condition may depend on an object another condition governs. */
  for (guint round = 0; round < 4 && update_visibility (self, record); round++)
    {
      cJSON_Delete (record);
      record = ht_form_collect (self, status);
    }
  return record;
}

/* ---- Messages ---- */

static const HtIssue *
issue_for (HtForm     *self,
           const char *path)
{
  const HtIssue *warning = NULL;

  for (guint i = 0; self->issues != NULL && i < self->issues->len; i++)
    {
      const HtIssue *issue = self->issues->pdata[i];
      if (g_strcmp0 (issue->field, path) != 0)
        continue;
      if (issue->severity == HT_SEVERITY_ERROR)
        return issue;
      if (warning == NULL)
        warning = issue;
    }
  return warning;
}

/* "is required" under a field reads as a sentence. */
static char *
sentence (const char *message)
{
  gunichar first;
  char buf[8];
  int len;

  if (message == NULL || *message == '\0')
    return g_strdup ("");
  first = g_unichar_totitle (g_utf8_get_char (message));
  len = g_unichar_to_utf8 (first, buf);
  return g_strdup_printf ("%.*s%s", len, buf, g_utf8_next_char (message));
}

static void
show_message (Binding    *b,
              const char *message,
              gboolean    warning)
{
  g_autofree char *text = sentence (message);

  if (b->error_row == NULL)
    return;
  gtk_label_set_text (b->error_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (b->error_label), warning ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (b->error_label), warning ? "warning" : "error");
  gtk_widget_set_visible (b->error_row, message != NULL && !hidden (b));
  if (b->kind == B_SCALAR)
    {
      gtk_widget_remove_css_class (b->row, "error");
      gtk_widget_remove_css_class (b->row, "warning");
      if (message != NULL)
        gtk_widget_add_css_class (b->row, warning ? "warning" : "error");
    }
}

static const char *
label_of_path (HtForm     *self,
               const char *path)
{
  const HtField *field = NULL;

  if (g_str_has_prefix (path, "data."))
    {
      /* "data.items[1].to" → "items.to" */
      g_autoptr(GString) clean = g_string_new (NULL);
      for (const char *p = path + 5; *p != '\0'; p++)
        {
          if (*p == '[')
            {
              while (*p != '\0' && *p != ']')
                p++;
              if (*p == '\0')
                break;
              continue;
            }
          g_string_append_c (clean, *p);
        }
      field = ht_kind_find_field (self->kind, clean->str);
    }
  else
    for (const HtField *f = ht_envelope_fields; f->name != NULL; f++)
      if (g_str_equal (f->name, path))
        field = f;
  return field != NULL ? _ht_form_field_label (field) : (*path != '\0' ? path : _("The record"));
}

static void
apply_issues (HtForm *self)
{
  guint errors = 0;

  for (guint i = 0; i < self->general_rows->len; i++)
    adw_preferences_group_remove (self->general, self->general_rows->pdata[i]);
  g_ptr_array_set_size (self->general_rows, 0);

  for (guint i = 0; i < self->all->len; i++)
    {
      Binding *b = self->all->pdata[i];
      const HtIssue *issue = issue_for (self, b->path);

      if (b->local_error != NULL)
        {
          show_message (b, b->local_error, FALSE);
          errors++;
        }
      else if (issue != NULL && (self->show_all || touched (self, b)))
        show_message (b, issue->message, issue->severity == HT_SEVERITY_WARNING);
      else
        show_message (b, NULL, FALSE);
    }

  for (guint i = 0; self->issues != NULL && i < self->issues->len; i++)
    {
      const HtIssue *issue = self->issues->pdata[i];
      Binding *b = g_hash_table_lookup (self->by_path, issue->field);

      if (issue->severity == HT_SEVERITY_ERROR)
        errors++;
      /* What no visible field can show is listed at the top. */
      if ((b == NULL || hidden (b)) && (self->show_all || issue->severity == HT_SEVERITY_ERROR))
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *message = sentence (issue->message);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label_of_path (self, issue->field));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          gtk_widget_add_css_class (row, issue->severity == HT_SEVERITY_ERROR ? "error" : "warning");
          adw_preferences_group_add (self->general, row);
          g_ptr_array_add (self->general_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->general), self->show_all && self->general_rows->len > 0);

  if (errors != self->n_errors)
    {
      self->n_errors = errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
}

static void
set_valid (HtForm   *self,
           gboolean  valid,
           gboolean  validating)
{
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  if (validating != self->validating)
    {
      self->validating = validating;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALIDATING]);
    }
}

/* ---- Checking ---- */

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HtForm) self = user_data;
  g_autoptr(GError) error = NULL;
  HtIssues *issues = ht_task_validate_finish (result, &error);

  if (HT_TASK_CANCELLED (result))
    {
      g_clear_pointer (&issues, g_ptr_array_unref);
      return;
    }

  /* A newer check replaced this one. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&issues, g_ptr_array_unref);
      return;
    }
  if (issues == NULL)
    {
      issues = ht_issues_new ();
      ht_issues_add (issues, "", "check_failed", HT_SEVERITY_ERROR, "%s", error->message);
    }
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->issues = issues;
  apply_issues (self);
  set_valid (self, self->n_errors == 0, FALSE);
}

void
_ht_form_start_check (HtForm *self)
{
  g_autoptr(cJSON) record = NULL;
  guint local_errors = 0;

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Checked as it would go into the book. */
  record = collect_settled (self, "registered");
  for (guint i = 0; i < self->all->len; i++)
    if (((Binding *) self->all->pdata[i])->local_error != NULL)
      local_errors++;
  set_valid (self, FALSE, TRUE);
  if (local_errors > 0)
    apply_issues (self);
  ht_task_validate_async (self->store, record, self->cancellable, checked_cb, g_object_ref (self));
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  HtForm *self = user_data;

  self->check_source = 0;
  _ht_form_start_check (self);
  return G_SOURCE_REMOVE;
}

void
_ht_form_mark_dirty (HtForm *self)
{
  if (!self->dirty)
    {
      self->dirty = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

void
_ht_form_row_changed (Binding *b)
{
  HtForm *self = b->form;

  if (self->building)
    return;
  _ht_form_mark_dirty (self);
  /* What is on screen is no longer what was checked. */
  set_valid (self, FALSE, TRUE);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

void
_ht_form_row_left (Binding *b)
{
  HtForm *self = b->form;

  if (self->building)
    return;
  g_hash_table_add (self->touched, g_strdup (b->path));
  _ht_form_start_check (self);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  HtForm *self = user_data;
  g_autoptr(cJSON) record = ht_form_collect (self, ht_record_status (self->record));

  self->rebuild_source = 0;
  cJSON_Delete (self->record);
  self->record = g_steal_pointer (&record);
  _ht_form_build (self);
  _ht_form_start_check (self);
  return G_SOURCE_REMOVE;
}

void
_ht_form_row_committed (Binding *b)
{
  HtForm *self = b->form;

  if (self->building)
    return;
  _ht_form_mark_dirty (self);
  g_hash_table_add (self->touched, g_strdup (b->path));
  /* The event of a foreign note decides which fields its data have. */
  if (b->field->type == HT_T_ENUM && g_strcmp0 (b->name, "event") == 0 &&
      g_strcmp0 (self->kind->code, "foreign_note") == 0)
    {
      if (self->rebuild_source == 0)
        self->rebuild_source = g_idle_add (rebuild_cb, self);
      return;
    }
  _ht_form_start_check (self);
}

/* ---- GObject ---- */

static void
ht_form_dispose (GObject *object)
{
  HtForm *self = HT_FORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  G_OBJECT_CLASS (ht_form_parent_class)->dispose (object);
}

static void
ht_form_finalize (GObject *object)
{
  HtForm *self = HT_FORM (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->record, cJSON_Delete);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_ptr_array_unref (self->roots);
  g_ptr_array_unref (self->all);
  g_ptr_array_unref (self->general_rows);
  g_hash_table_unref (self->by_path);
  g_hash_table_unref (self->touched);
  g_hash_table_unref (self->raw);
  g_hash_table_unref (self->shapes);
  G_OBJECT_CLASS (ht_form_parent_class)->finalize (object);
}

static void
ht_form_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HtForm *self = HT_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_VALIDATING:
      g_value_set_boolean (value, self->validating);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_form_class_init (HtFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ht_form_dispose;
  object_class->finalize = ht_form_finalize;
  object_class->get_property = ht_form_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALIDATING] =
    g_param_spec_boolean ("validating", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ht_form_init (HtForm *self)
{
  self->roots = g_ptr_array_new ();
  self->all = g_ptr_array_new_with_free_func ((GDestroyNotify) _ht_form_binding_free);
  self->general_rows = g_ptr_array_new ();
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->raw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->scroller));
}

/* ---- Public API ---- */

GtkWidget *
ht_form_new (HtStore     *store,
             const cJSON *record)
{
  HtForm *self;
  const HtKind *kind = ht_record_kind (record);

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (HT_TYPE_FORM, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->record = cJSON_Duplicate (record, TRUE);
  self->is_new = ht_record_id (record) == NULL;
  if (!cJSON_IsObject (cJSON_GetObjectItemCaseSensitive (self->record, "data")))
    {
      cJSON_DeleteItemFromObjectCaseSensitive (self->record, "data");
      cJSON_AddObjectToObject (self->record, "data");
    }
  _ht_form_build (self);
  {
    g_autoptr(cJSON) settled = collect_settled (self, "registered");
  }
  /* An existing record shows what is wrong with it straight away. */
  if (!self->is_new)
    self->show_all = TRUE;
  _ht_form_start_check (self);
  return GTK_WIDGET (self);
}

const char *
ht_form_get_kind (HtForm *self)
{
  g_return_val_if_fail (HT_IS_FORM (self), NULL);
  return self->kind->code;
}

const cJSON *
ht_form_get_record (HtForm *self)
{
  g_return_val_if_fail (HT_IS_FORM (self), NULL);
  return self->record;
}

void
ht_form_set_saved (HtForm      *self,
                   const cJSON *record)
{
  g_return_if_fail (HT_IS_FORM (self));
  g_return_if_fail (record != NULL);

  cJSON_Delete (self->record);
  self->record = cJSON_Duplicate (record, TRUE);
  self->is_new = FALSE;
  self->dirty = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

gboolean
ht_form_get_valid (HtForm *self)
{
  g_return_val_if_fail (HT_IS_FORM (self), FALSE);
  return self->valid;
}

gboolean
ht_form_get_validating (HtForm *self)
{
  g_return_val_if_fail (HT_IS_FORM (self), FALSE);
  return self->validating;
}

guint
ht_form_get_n_errors (HtForm *self)
{
  g_return_val_if_fail (HT_IS_FORM (self), 0);
  return self->n_errors;
}

gboolean
ht_form_get_dirty (HtForm *self)
{
  g_return_val_if_fail (HT_IS_FORM (self), FALSE);
  return self->dirty;
}

void
ht_form_validate (HtForm *self)
{
  g_return_if_fail (HT_IS_FORM (self));
  _ht_form_start_check (self);
}

/* The first field, in form order, that shows an error. */
static const char *
first_error_path (HtForm *self)
{
  for (guint i = 0; i < self->all->len; i++)
    {
      Binding *b = self->all->pdata[i];
      if (b->error_row != NULL && gtk_widget_get_visible (b->error_row) &&
          gtk_widget_has_css_class (GTK_WIDGET (b->error_label), "error"))
        return b->path;
    }
  return NULL;
}

void
ht_form_show_all_issues (HtForm *self)
{
  const char *first;

  g_return_if_fail (HT_IS_FORM (self));
  self->show_all = TRUE;
  apply_issues (self);
  /* Where the clerk has to look first. */
  if ((first = first_error_path (self)) != NULL)
    ht_form_scroll_to (self, first);
}

void
ht_form_set_issues (HtForm   *self,
                    HtIssues *issues)
{
  g_return_if_fail (HT_IS_FORM (self));

  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->issues = issues != NULL ? g_ptr_array_ref (issues) : ht_issues_new ();
  set_valid (self, FALSE, FALSE);
  ht_form_show_all_issues (self);
  set_valid (self, self->n_errors == 0, FALSE);
}

GtkWidget *
ht_form_get_row (HtForm     *self,
                 const char *path)
{
  Binding *b;

  g_return_val_if_fail (HT_IS_FORM (self), NULL);
  b = g_hash_table_lookup (self->by_path, path);
  return b != NULL ? b->row : NULL;
}

gboolean
ht_form_set_text (HtForm     *self,
                  const char *path,
                  const char *text)
{
  Binding *b;

  g_return_val_if_fail (HT_IS_FORM (self), FALSE);
  b = g_hash_table_lookup (self->by_path, path);
  if (b == NULL)
    return FALSE;
  if (b->kind != B_SCALAR)
    {
      /* An optional object is switched on by any text. */
      if (b->enable != NULL && ADW_IS_EXPANDER_ROW (b->enable))
        adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (b->enable), text != NULL);
      return b->enable != NULL;
    }
  return _ht_form_row_set_text (b, text);
}

void
ht_form_leave (HtForm     *self,
               const char *path)
{
  Binding *b;

  g_return_if_fail (HT_IS_FORM (self));
  b = g_hash_table_lookup (self->by_path, path);
  if (b != NULL)
    _ht_form_row_left (b);
}

const char *
ht_form_get_message (HtForm     *self,
                     const char *path)
{
  Binding *b;

  g_return_val_if_fail (HT_IS_FORM (self), NULL);
  b = g_hash_table_lookup (self->by_path, path);
  if (b == NULL || b->error_row == NULL || !gtk_widget_get_visible (b->error_row))
    return NULL;
  return gtk_label_get_text (b->error_label);
}

HtIssues *
ht_form_get_issues (HtForm *self)
{
  g_return_val_if_fail (HT_IS_FORM (self), NULL);
  return self->issues;
}

void
ht_form_scroll_to (HtForm     *self,
                   const char *path)
{
  GtkAdjustment *adjustment;
  GtkWidget *child;
  Binding *b;
  graphene_point_t point;

  g_return_if_fail (HT_IS_FORM (self));

  b = g_hash_table_lookup (self->by_path, path);
  child = gtk_scrolled_window_get_child (self->scroller);
  if (b == NULL || b->row == NULL || child == NULL ||
      !gtk_widget_compute_point (b->row, child, &GRAPHENE_POINT_INIT (0, 0), &point))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  /* The field a little below the top, its group's title still in view. */
  gtk_adjustment_set_value (adjustment, MAX (0.0, point.y - 96.0));
}
