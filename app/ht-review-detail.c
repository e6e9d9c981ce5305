/* ht-review-detail.c — what the Review page shows above a record.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Above the record it is about to decide on, the reviewer sees the state
 * with the buttons Approve, Return… and Reject… (naming the window's
 * actions, ht-window-review.c), for a resubmitted record what the commune
 * changed since the last decision, field by field, and for a record the
 * server flagged the records it may duplicate.  They are read together in
 * a worker thread.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-labels.h"
#include "ht-record.h"
#include "ht-review-detail.h"
#include "ht-store-review.h"
#include "ht-units.h"

/* ---- Reading (in a worker) ---- */

static void
duplicate_free (HtReviewDuplicate *duplicate)
{
  g_free (duplicate->id);
  g_free (duplicate->title);
  g_free (duplicate->number);
  g_free (duplicate->office);
  g_free (duplicate);
}

void
ht_review_detail_free (HtReviewDetail *detail)
{
  if (detail == NULL)
    return;
  g_free (detail->id);
  g_clear_pointer (&detail->record, cJSON_Delete);
  g_clear_pointer (&detail->changes, g_ptr_array_unref);
  g_clear_pointer (&detail->duplicates, g_ptr_array_unref);
  g_free (detail);
}

const char *
ht_review_commune_name (const char *code)
{
  const HtUnit *unit = code != NULL ? ht_units_office (code) : NULL;

  /* The scope's records before 1 July 2025 belong to the communes of then. */
  if (unit == NULL && code != NULL)
    unit = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, code);
  return unit != NULL ? unit->full_name : (code != NULL ? code : "");
}

typedef struct
{
  char  *id;
  GStrv  duplicates;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->id);
  g_strfreev (data->duplicates);
  g_free (data);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HtStore *store = source_object;
  LoadData *data = task_data;
  g_autoptr(HtReviewDetail) detail = g_new0 (HtReviewDetail, 1);
  GError *error = NULL;
  const char *state;

  detail->id = g_strdup (data->id);
  detail->record = ht_store_get (store, data->id, &error);
  if (detail->record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  state = cJSON_GetStringValue (ht_record_get_path (detail->record, "review.state"));
  /* Only a resubmitted record has a decision its content can differ from. */
  if (g_strcmp0 (state, "resubmitted") == 0)
    {
      detail->changes = ht_store_review_changes (store, data->id, &error);
      if (detail->changes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else
    detail->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_field_change_free);

  detail->duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) duplicate_free);
  for (guint i = 0; data->duplicates != NULL && data->duplicates[i] != NULL; i++)
    {
      HtReviewDuplicate *duplicate = g_new0 (HtReviewDuplicate, 1);
      g_autoptr(cJSON) other = ht_store_get (store, data->duplicates[i], NULL);

      duplicate->id = g_strdup (data->duplicates[i]);
      /* The server compares with every office; records outside the scope
       * are not in this register and show by their id only. */
      if (other != NULL)
        {
          duplicate->title = ht_labels_record_title (other);
          duplicate->number = ht_labels_book_number (ht_record_kind_code (other), ht_record_book_year (other),
                                                     ht_record_number (other));
          duplicate->office = g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (other, "office")));
        }
      g_ptr_array_add (detail->duplicates, duplicate);
    }
  g_task_return_pointer (task, g_steal_pointer (&detail), (GDestroyNotify) ht_review_detail_free);
}

void
ht_review_detail_load_async (HtStore             *store,
                             const char          *id,
                             const char *const   *duplicates,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (HT_IS_STORE (store));
  g_return_if_fail (id != NULL);

  data = g_new0 (LoadData, 1);
  data->id = g_strdup (id);
  data->duplicates = g_strdupv ((char **) duplicates);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_review_detail_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_worker);
}

HtReviewDetail *
ht_review_detail_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_review_detail_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- The panel ---- */

static char *
change_value (const char *kind,
              const char *path,
              const char *text)
{
  const HtField *field = ht_labels_field (kind, path);
  g_autoptr(cJSON) value = NULL;
  char *shown;

  if (text == NULL)
    return g_strdup (_("(empty)"));
  if (field == NULL)
    return g_strdup (text);
  if (field->type == HT_T_BOOL)
    return g_strdup (g_str_equal (text, "true") ? _("Yes") : _("No"));
  value = cJSON_CreateString (text);
  shown = ht_labels_field_value (kind, g_str_has_prefix (path, "data.") ? path + 5 : path, field, value);
  return shown != NULL ? shown : g_strdup (text);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
decision_button (const char *label,
                 const char *action,
                 const char *id,
                 const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "pill");
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static void
add_decision (GtkBox     *panel,
              const char *id,
              const char *state,
              gboolean    can_review)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean open = g_strcmp0 (state, "pending") == 0 || g_strcmp0 (state, "resubmitted") == 0;
  const char *text;

  if (g_strcmp0 (state, "resubmitted") == 0)
    text = _("Resubmitted: the commune corrected the record after it was returned. Check the changes below.");
  else if (open)
    text = _("Awaiting review: approve the record, return it for correction with a comment, or reject it "
             "with a reason.");
  else
    text = _("Decided. The decision is sent to the commune at the next sync; it cannot be changed here.");
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_box_append (GTK_BOX (box), label);

  if (open && can_review)
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (buttons), decision_button (_("Re_ject…"), "win.review-reject", id,
                                                          "destructive-action"));
      gtk_box_append (GTK_BOX (buttons), decision_button (_("_Return…"), "win.review-return", id,
                                                          NULL));
      gtk_box_append (GTK_BOX (buttons), decision_button (_("_Approve"), "win.review-approve", id,
                                                          "suggested-action"));
      gtk_box_append (GTK_BOX (box), buttons);
    }
  else if (open)
    {
      GtkWidget *note = gtk_label_new (_("Your account cannot decide on records: sign in as a reviewer."));
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_xalign (GTK_LABEL (note), 0.0f);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
    }
  gtk_box_append (panel, box);
}

static void
add_changes (GtkBox               *panel,
             const HtReviewDetail *detail,
             const char           *kind)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What changed since the last decision"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The values the commune changed after the record was returned."));
  if (detail->changes->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               text_row (_("No value changed"),
                                         _("The commune sent the record back as it was returned.")));
  for (guint i = 0; i < detail->changes->len; i++)
    {
      HtFieldChange *change = detail->changes->pdata[i];
      g_autofree char *label = ht_labels_path (kind, change->path);
      g_autofree char *before = change_value (kind, change->path, change->before);
      g_autofree char *after = change_value (kind, change->path, change->after);
      /* TRANSLATORS: a change in a record's history: old value → new value. */
      g_autofree char *text = g_strdup_printf (_("%s → %s"), before, after);
      GtkWidget *row = text_row (label, text);

      gtk_widget_set_tooltip_text (row, change->path);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (panel, group);
}

static void
add_duplicates (GtkBox               *panel,
                const HtReviewDetail *detail)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Potential duplicates"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The server found records registered elsewhere that may be the same "
                                           "event: the same folded names and dates. Compare them before deciding."));
  for (guint i = 0; i < detail->duplicates->len; i++)
    {
      HtReviewDuplicate *duplicate = detail->duplicates->pdata[i];
      GtkWidget *row;

      if (duplicate->title == NULL)
        {
          row = text_row (duplicate->id, _("Not in this register: it belongs to an office outside the scope."));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          continue;
        }
      {
        g_autofree char *title = g_strdup_printf ("%s · %s", duplicate->number, duplicate->title);
        row = text_row (title, ht_review_commune_name (duplicate->office));
      }
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-record");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", duplicate->id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (panel, group);
}

static void
clear (GtkBox *panel)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (panel))) != NULL)
    gtk_box_remove (panel, child);
}

void
ht_review_detail_fill (GtkBox               *panel,
                       const HtReviewDetail *detail,
                       gboolean              can_review)
{
  const char *state;

  g_return_if_fail (GTK_IS_BOX (panel));
  g_return_if_fail (detail != NULL);

  state = cJSON_GetStringValue (ht_record_get_path (detail->record, "review.state"));
  clear (panel);
  add_decision (panel, detail->id, state, can_review);
  if (g_strcmp0 (state, "resubmitted") == 0)
    add_changes (panel, detail, ht_record_kind_code (detail->record));
  if (detail->duplicates->len > 0)
    add_duplicates (panel, detail);
}

void
ht_review_detail_fill_error (GtkBox     *panel,
                             const char *message)
{
  g_return_if_fail (GTK_IS_BOX (panel));

  clear (panel);
  gtk_box_append (panel, text_row (_("The review details could not be read"), message));
}
