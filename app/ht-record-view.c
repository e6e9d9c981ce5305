/* ht-record-view.c — one record: every field, its states and its history.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is generated from the kinds registry like the form: a group per
 * person or paper, a row per value that is there.  Above them: the book
 * number and date, the personal ID number (or "pending" until the server
 * issues it), what sync and the reviewer said; below, every version with
 * who saved it, when, why and what changed.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"
#include <inttypes.h>
#include <string.h>

#include "ht-labels.h"
#include "ht-record.h"
#include "ht-record-view.h"
#include "ht-tasks.h"

/* Versions show at most this many changed values each. */
#define MAX_CHANGES 40

struct _HtRecordView
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkLabel       *title_label;
  GtkLabel       *number_label;
  GtkWidget      *edit_button;
  GtkWidget      *print_button;
  GtkBox         *content_box;

  HtSession      *session;
  char           *id;
  char           *title;
  HtRecordBundle *bundle;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (HtRecordView, ht_record_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* ---- Rows ---- */

static GtkWidget *
value_row (const char *title,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
  gtk_widget_add_css_class (row, "ht-value-row");
  return row;
}

static void
sink_add (GtkWidget *sink,
          GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (sink))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (sink), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (sink), row);
}

static GtkWidget *
new_group (HtRecordView *self,
           const char   *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->content_box, group);
  return group;
}

static void add_fields (HtRecordView *self, GtkWidget *sink, const char *kind, const HtField *fields,
                        const cJSON *object, const char *path, guint depth);

static void
add_field (HtRecordView  *self,
           GtkWidget     *sink,
           const char    *kind,
           const HtField *field,
           const cJSON   *value,
           const cJSON   *object,
           const char    *path,
           guint          depth)
{
  const char *label = field->label != NULL ? _(field->label) : field->name;
  GtkWidget *container;

  if (value == NULL || cJSON_IsNull (value) || depth > 6)
    return;
  switch (field->type)
    {
    case HT_T_OBJECT:
    case HT_T_REF:
    case HT_T_REF_OR_PAPER:
    case HT_T_EVENT_DATA:
      {
        const HtField *children = field->children;

        if (field->type == HT_T_REF || field->type == HT_T_REF_OR_PAPER)
          children = ht_ref_shape (value) != NULL ? ht_ref_shape (value) : ht_shape_paper;
        else if (field->type == HT_T_EVENT_DATA)
          {
            const char *event = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (object, "event"));
            const HtKind *event_kind = ht_foreign_event_kind (event);
            children = event_kind != NULL ? event_kind->fields : ht_shape_event_subjects;
          }
        if (sink == NULL)
          container = new_group (self, label);
        else
          {
            container = adw_expander_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (container), label);
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (container), depth <= 1);
            sink_add (sink, container);
          }
        add_fields (self, container, kind, children, value, path, depth + 1);
      }
      break;

    case HT_T_LIST:
    case HT_T_TEXT_LIST:
      {
        const cJSON *item;
        guint i = 0;

        if (sink == NULL)
          container = new_group (self, label);
        else
          {
            container = adw_expander_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (container), label);
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (container), TRUE);
            sink_add (sink, container);
          }
        cJSON_ArrayForEach (item, value)
          {
            g_autofree char *title = g_strdup_printf ("%s %u", label, ++i);
            g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i - 1);

            if (field->type == HT_T_TEXT_LIST)
              sink_add (container, value_row (title, cJSON_GetStringValue (item)));
            else
              {
                GtkWidget *expander = adw_expander_row_new ();
                adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
                adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
                sink_add (container, expander);
                add_fields (self, expander, kind, field->children, item, item_path, depth + 1);
              }
          }
      }
      break;

    case HT_T_TEXT:
    case HT_T_DATE:
    case HT_T_YEAR:
    case HT_T_INT:
    case HT_T_LOCAL_DATETIME:
    case HT_T_BOOL:
    case HT_T_ENUM:
    case HT_T_CODE:
    default:
      {
        g_autofree char *text = ht_labels_field_value (kind, g_str_has_prefix (path, "data.") ? path + 5 : path,
                                                       field, value);
        if (text != NULL)
          sink_add (sink, value_row (label, text));
      }
      break;
    }
}

static void
add_fields (HtRecordView  *self,
            GtkWidget     *sink,
            const char    *kind,
            const HtField *fields,
            const cJSON   *object,
            const char    *path,
            guint          depth)
{
  GtkWidget *scalars = NULL;

  for (const HtField *f = fields; f != NULL && f->name != NULL; f++)
    {
      g_autofree char *child_path = g_strconcat (path, ".", f->name, NULL);
      const cJSON *value = cJSON_GetObjectItemCaseSensitive (object, f->name);
      gboolean scalar = f->type != HT_T_OBJECT && f->type != HT_T_LIST && f->type != HT_T_TEXT_LIST &&
                        f->type != HT_T_REF && f->type != HT_T_REF_OR_PAPER && f->type != HT_T_EVENT_DATA;

      /* The record's own values at the top level share one group. */
      if (sink == NULL && scalar)
        {
          if (value == NULL || cJSON_IsNull (value))
            continue;
          if (scalars == NULL)
            scalars = new_group (self, _("Details"));
          add_field (self, scalars, kind, f, value, object, child_path, depth);
        }
      else
        add_field (self, sink, kind, f, value, object, child_path, depth);
    }
}

/* ---- History ---- */

static void
flatten (const cJSON *node,
         const char  *path,
         GHashTable  *out)
{
  const cJSON *child;
  guint i = 0;

  if (cJSON_IsObject (node))
    cJSON_ArrayForEach (child, node)
      {
        g_autofree char *child_path = *path != '\0' ? g_strconcat (path, ".", child->string, NULL)
                                                    : g_strdup (child->string);
        flatten (child, child_path, out);
      }
  else if (cJSON_IsArray (node))
    cJSON_ArrayForEach (child, node)
      {
        g_autofree char *child_path = g_strdup_printf ("%s[%u]", path, i++);
        flatten (child, child_path, out);
      }
  else if (!cJSON_IsNull (node))
    {
      char *text = cJSON_IsString (node) ? g_strdup (node->valuestring)
                   : cJSON_IsBool (node) ? g_strdup (cJSON_IsTrue (node) ? "true" : "false")
                   : g_strdup_printf ("%.0f", node->valuedouble);
      g_hash_table_insert (out, g_strdup (path), text);
    }
}

static gboolean
bookkeeping (const char *path)
{
  /* Versions and times are in the version's own title. */
  return g_str_equal (path, "content_version") || g_str_equal (path, "updated_at") || g_str_equal (path, "id");
}

static char *
shown_value (const char *kind,
             const char *path,
             const char *text)
{
  const HtField *field = ht_labels_field (kind, path);
  g_autoptr(cJSON) value = NULL;

  if (text == NULL)
    return g_strdup (_("(empty)"));
  if (field == NULL)
    return g_strdup (text);
  value = cJSON_CreateString (text);
  if (field->type == HT_T_BOOL)
    return g_strdup (g_str_equal (text, "true") ? _("Yes") : _("No"));
  return ht_labels_field_value (kind, g_str_has_prefix (path, "data.") ? path + 5 : path, field, value);
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
add_changes (GtkWidget   *expander,
             const char  *kind,
             GHashTable  *before,
             GHashTable  *after)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  guint shown = 0;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_strcmp0 (g_hash_table_lookup (before, key), g_hash_table_lookup (after, key)) != 0)
      g_ptr_array_add (paths, key);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (after, key))
      g_ptr_array_add (paths, key);
  g_ptr_array_sort (paths, compare_paths);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      g_autofree char *label = NULL;
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;
      g_autofree char *change = NULL;

      if (bookkeeping (path))
        continue;
      if (++shown > MAX_CHANGES)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("and %u more change", "and %u more changes",
                                                             paths->len - i), paths->len - i);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), value_row ("…", more));
          break;
        }
      label = ht_labels_path (kind, path);
      old_value = shown_value (kind, path, g_hash_table_lookup (before, path));
      new_value = shown_value (kind, path, g_hash_table_lookup (after, path));
      /* TRANSLATORS: a change in a record's history: old value → new value. */
      change = g_strdup_printf (_("%s → %s"), old_value, new_value);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), value_row (label, change));
    }
}

static void
add_history (HtRecordView *self,
             const char   *kind,
             const cJSON  *history)
{
  GtkWidget *group = new_group (self, _("History"));
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const cJSON *version;
  GPtrArray *rows = g_ptr_array_new ();

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every version is kept: who saved it, when, why, and what changed."));
  cJSON_ArrayForEach (version, history)
    {
      g_autoptr(GHashTable) after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      gint64 number = (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (version, "version"));
      const char *by = cJSON_GetStringValue (cJSON_GetObjectItem (version, "by"));
      const char *reason = cJSON_GetStringValue (cJSON_GetObjectItem (version, "reason"));
      g_autofree char *at = ht_labels_timestamp (cJSON_GetStringValue (cJSON_GetObjectItem (version, "at")));
      g_autofree char *title = g_strdup_printf (_("Version %" PRId64 " · %s"), number, at != NULL ? at : "");
      g_autofree char *subtitle = reason != NULL && *reason != '\0'
        ? g_strdup_printf (_("by %s: %s"), by != NULL ? by : "?", reason)
        : g_strdup_printf (_("by %s"), by != NULL ? by : "?");
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      flatten (cJSON_GetObjectItem (version, "record"), "", after);
      if (g_hash_table_size (before) == 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), value_row (_("Created"), _("The first version")));
      else
        add_changes (expander, kind, before, after);
      g_ptr_array_add (rows, expander);
      g_hash_table_remove_all (before);
      {
        GHashTableIter iter;
        gpointer key, value;
        g_hash_table_iter_init (&iter, after);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            g_hash_table_insert (before, key, value);
            g_hash_table_iter_steal (&iter);
          }
      }
    }
  /* The newest version first. */
  for (guint i = rows->len; i > 0; i--)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), rows->pdata[i - 1]);
  g_ptr_array_unref (rows);
}

/* ---- The page ---- */

static gboolean
can_edit (HtRecordView *self,
          const cJSON  *record)
{
  const char *status = ht_record_status (record);
  const char *review = cJSON_GetStringValue (ht_record_get_path (record, "review.state"));

  if (self->session == NULL || !ht_session_can_register (self->session))
    return FALSE;
  /* DESIGN.md: content changes while review is pending or returned; once
   * approved, only a change record can amend it. */
  if (g_strcmp0 (status, "draft") == 0)
    return TRUE;
  return g_strcmp0 (status, "registered") == 0 &&
         (review == NULL || g_str_equal (review, "pending") || g_str_equal (review, "returned") ||
          g_str_equal (review, "resubmitted"));
}

/* Edit is offered while the record may change; a record the reviewer
 * approved or rejected keeps the button, disabled, saying why. */
static void
update_edit_button (HtRecordView *self,
                    const cJSON  *record)
{
  const char *review = cJSON_GetStringValue (ht_record_get_path (record, "review.state"));
  const char *why = NULL;

  if (can_edit (self, record))
    {
      /* Name and target together: the action takes the record's id. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", ht_record_id (record));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "win.edit-record");
      gtk_widget_set_sensitive (self->edit_button, TRUE);
      gtk_widget_set_tooltip_text (self->edit_button, NULL);
      gtk_widget_set_visible (self->edit_button, TRUE);
      return;
    }
  if (self->session != NULL && ht_session_can_register (self->session))
    {
      if (g_strcmp0 (review, "approved") == 0)
        why = _("Approved by the reviewer: its content can no longer be edited; it changes only through a "
                "change or correction record");
      else if (g_strcmp0 (review, "rejected") == 0)
        why = _("Rejected by the reviewer: the entry is void and can no longer be edited");
    }
  /* Without an action the button stays insensitive. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), NULL);
  gtk_widget_set_sensitive (self->edit_button, FALSE);
  gtk_widget_set_tooltip_text (self->edit_button, why);
  gtk_widget_set_visible (self->edit_button, why != NULL);
}

static void
clear_content (HtRecordView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
}

static void
show_bundle (HtRecordView *self)
{
  const cJSON *record = self->bundle->record;
  const HtListRow *row = self->bundle->row;
  const char *kind = ht_record_kind_code (record);
  const HtKind *k = ht_record_kind (record);
  g_autofree char *number = ht_labels_book_number (kind, ht_record_book_year (record), ht_record_number (record));
  g_autofree char *date = ht_labels_date (cJSON_GetStringValue (cJSON_GetObjectItem (record, "registered_on")));
  g_autofree char *subtitle = NULL;
  const char *pin = cJSON_GetStringValue (cJSON_GetObjectItem (record, "pin"));
  const char *review = cJSON_GetStringValue (ht_record_get_path (record, "review.state"));
  GtkWidget *group;

  clear_content (self);
  g_free (self->title);
  self->title = ht_labels_record_title (record);
  gtk_label_set_text (self->title_label, self->title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  /* TRANSLATORS: under a record's name: kind, book number, date. */
  subtitle = g_strdup_printf (_("%s · %s · %s"), ht_labels_kind (kind), number, date != NULL ? date : "—");
  gtk_label_set_text (self->number_label, subtitle);
  update_edit_button (self, record);
  /* The window enables win.print; the button says why when it cannot. */
  gtk_widget_set_tooltip_text (self->print_button, ht_record_view_get_print_blocker (self) != NULL
                               ? ht_record_view_get_print_blocker (self)
                               : _("Preview the paper, then print it or save it as PDF"));

  group = new_group (self, _("Registration"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (_("Book number"), number));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (_("Registration date"), date));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             value_row (_("Registration type"),
                                        ht_labels_value (kind, "registration_type",
                                                         ht_record_registration_type (record))));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             value_row (_("Status"), ht_labels_status (ht_record_status (record))));
  if (g_strcmp0 (kind, "birth") == 0 || pin != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               value_row (_("Personal ID number"),
                                          pin != NULL ? pin : _("Pending: the server issues it at the next sync")));
  if (ht_record_get_path (record, "signer.full_name") != NULL)
    {
      g_autofree char *signer = g_strdup_printf ("%s (%s)",
                                                 cJSON_GetStringValue (ht_record_get_path (record, "signer.full_name")),
                                                 cJSON_GetStringValue (ht_record_get_path (record, "signer.position"))
                                                 ? cJSON_GetStringValue (ht_record_get_path (record, "signer.position"))
                                                 : "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (_("Signer"), signer));
    }
  if (cJSON_GetStringValue (cJSON_GetObjectItem (record, "clerk")) != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               value_row (_("Clerk"), cJSON_GetStringValue (cJSON_GetObjectItem (record, "clerk"))));
  if (k != NULL && k->title_vi != NULL)
    gtk_widget_set_tooltip_text (group, k->title_vi);

  group = new_group (self, _("Sync and review"));
  {
    g_autofree char *sync = row->sync_message != NULL
      ? g_strdup_printf ("%s: %s", ht_labels_sync_state (row->sync_state), row->sync_message)
      : g_strdup (ht_labels_sync_state (row->sync_state));
    GtkWidget *sync_row = value_row (_("Sync"), sync);
    if (g_strcmp0 (row->sync_state, "needs_attention") == 0)
      gtk_widget_add_css_class (sync_row, "error");
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), sync_row);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (_("Review"), ht_labels_review_state (review)));
  if (cJSON_GetStringValue (ht_record_get_path (record, "review.comment")) != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               value_row (_("Reviewer's comment"),
                                          cJSON_GetStringValue (ht_record_get_path (record, "review.comment"))));
  if (cJSON_GetStringValue (ht_record_get_path (record, "review.by")) != NULL)
    {
      g_autofree char *at = ht_labels_timestamp (cJSON_GetStringValue (ht_record_get_path (record, "review.at")));
      g_autofree char *by = g_strdup_printf ("%s %s", cJSON_GetStringValue (ht_record_get_path (record, "review.by")),
                                             at != NULL ? at : "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (_("Reviewed by"), by));
    }

  if (k != NULL)
    add_fields (self, NULL, kind, k->fields, cJSON_GetObjectItem (record, "data"), "data", 0);
  add_history (self, kind, self->bundle->history);
  gtk_stack_set_visible_child_name (self->stack, "record");
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HtRecordView) self = user_data;
  g_autoptr(GError) error = NULL;
  HtRecordBundle *bundle = ht_task_load_record_finish (result, &error);

  if (HT_TASK_CANCELLED (result))
    {
      g_clear_pointer (&bundle, ht_record_bundle_free);
      return;
    }

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&bundle, ht_record_bundle_free);
      return;
    }
  if (bundle == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->bundle, ht_record_bundle_free);
  self->bundle = bundle;
  show_bundle (self);
}

static void
record_saved_cb (HtSession    *session,
                 const char   *id,
                 HtRecordView *self)
{
  /* The shown record got a new version (or its sync state changed). */
  if (self->id != NULL && g_strcmp0 (id, self->id) == 0)
    ht_record_view_show (self, self->id);
}

/* ---- GObject ---- */

static void
ht_record_view_dispose (GObject *object)
{
  HtRecordView *self = HT_RECORD_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_RECORD_VIEW);
  G_OBJECT_CLASS (ht_record_view_parent_class)->dispose (object);
}

static void
ht_record_view_finalize (GObject *object)
{
  HtRecordView *self = HT_RECORD_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->bundle, ht_record_bundle_free);
  g_free (self->id);
  g_free (self->title);
  G_OBJECT_CLASS (ht_record_view_parent_class)->finalize (object);
}

static void
ht_record_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HtRecordView *self = HT_RECORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, ht_record_view_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_record_view_class_init (HtRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_record_view_dispose;
  object_class->finalize = ht_record_view_finalize;
  object_class->get_property = ht_record_view_get_property;

  /* Who the shown record is about, for the window's title. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-record-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtRecordView, stack);
  gtk_widget_class_bind_template_child (widget_class, HtRecordView, error_page);
  gtk_widget_class_bind_template_child (widget_class, HtRecordView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HtRecordView, number_label);
  gtk_widget_class_bind_template_child (widget_class, HtRecordView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, HtRecordView, print_button);
  gtk_widget_class_bind_template_child (widget_class, HtRecordView, content_box);
}

static void
ht_record_view_init (HtRecordView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
ht_record_view_set_session (HtRecordView *self,
                            HtSession    *session)
{
  g_return_if_fail (HT_IS_RECORD_VIEW (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect (session, "record-saved", G_CALLBACK (record_saved_cb), self);
  g_clear_pointer (&self->bundle, ht_record_bundle_free);
  g_clear_pointer (&self->id, g_free);
  clear_content (self);
}

void
ht_record_view_show (HtRecordView *self,
                     const char   *id)
{
  g_return_if_fail (HT_IS_RECORD_VIEW (self));
  g_return_if_fail (id != NULL && self->session != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (g_strcmp0 (self->id, id) != 0)
    {
      g_free (self->id);
      self->id = g_strdup (id);
      g_clear_pointer (&self->bundle, ht_record_bundle_free);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  ht_task_load_record_async (ht_session_get_store (self->session), id, self->cancellable, loaded_cb,
                             g_object_ref (self));
}

const char *
ht_record_view_get_id (HtRecordView *self)
{
  g_return_val_if_fail (HT_IS_RECORD_VIEW (self), NULL);
  return self->id;
}

const cJSON *
ht_record_view_get_record (HtRecordView *self)
{
  g_return_val_if_fail (HT_IS_RECORD_VIEW (self), NULL);
  return self->bundle != NULL ? self->bundle->record : NULL;
}

const char *
ht_record_view_get_title (HtRecordView *self)
{
  g_return_val_if_fail (HT_IS_RECORD_VIEW (self), NULL);
  return self->title != NULL ? self->title : "";
}

const char *
ht_record_view_get_print_blocker (HtRecordView *self)
{
  const char *status;

  g_return_val_if_fail (HT_IS_RECORD_VIEW (self), NULL);

  if (self->bundle == NULL)
    return _("The record is still being read");
  /* Papers are issued by the office that keeps the book. */
  if (self->session == NULL || !ht_session_can_register (self->session))
    return _("Papers are issued by the office's clerks and signers");
  status = ht_record_status (self->bundle->record);
  if (g_strcmp0 (status, "draft") == 0)
    return _("A draft is not in the book yet: register it before printing its paper");
  if (g_strcmp0 (status, "revoked") == 0)
    return _("A revoked entry has no paper");
  return NULL;
}

void
ht_record_view_set_extra (HtRecordView *self,
                          GtkWidget    *extra)
{
  GtkWidget *box;

  g_return_if_fail (HT_IS_RECORD_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (extra));

  /* Between the title and the record's groups, kept when a record loads. */
  box = gtk_widget_get_parent (GTK_WIDGET (self->content_box));
  gtk_box_insert_child_after (GTK_BOX (box), extra, gtk_widget_get_prev_sibling (GTK_WIDGET (self->content_box)));
}

GtkWidget *
ht_record_view_get_edit_button (HtRecordView *self)
{
  g_return_val_if_fail (HT_IS_RECORD_VIEW (self), NULL);
  return self->edit_button;
}
