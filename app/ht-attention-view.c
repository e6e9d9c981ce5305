/* ht-attention-view.c — what needs the clerk: sync problems, returned records, drafts.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three short lists, read in one worker thread: records the server refused
 * (with its message), records the reviewer returned or rejected (with the
 * comment), and drafts not yet in a book.  Each row opens its record.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"

#include "ht-attention-view.h"
#include "ht-labels.h"
#include "ht-record.h"
#include "ht-store-list.h"
#include "ht-store-sync.h"
#include "ht-tasks.h"

/* Rows shown per list; the rest is counted. */
#define LIST_LIMIT 200

struct _HtAttentionView
{
  AdwBin         parent_instance;

  GtkStack      *stack;
  GtkBox        *content_box;

  HtSession     *session;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (HtAttentionView, ht_attention_view, ADW_TYPE_BIN)

typedef struct
{
  const char *title;        /* N_() */
  const char *description;  /* N_() */
  GPtrArray  *rows;         /* HtListRow* */
  GPtrArray  *titles;       /* char* */
  GPtrArray  *notes;        /* char* (may be NULL): the server's message, the reviewer's comment */
  guint       total;
} Section;

typedef struct
{
  Section sections[3];
} Found;

static void
found_free (Found *found)
{
  for (guint i = 0; i < G_N_ELEMENTS (found->sections); i++)
    {
      g_clear_pointer (&found->sections[i].rows, g_ptr_array_unref);
      g_clear_pointer (&found->sections[i].titles, g_ptr_array_unref);
      g_clear_pointer (&found->sections[i].notes, g_ptr_array_unref);
    }
  g_free (found);
}

static void
section_init (Section    *section,
              const char *title,
              const char *description)
{
  section->title = title;
  section->description = description;
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_list_row_free);
  section->titles = g_ptr_array_new_with_free_func (g_free);
  section->notes = g_ptr_array_new_with_free_func (g_free);
}

/* Adds the records of "ids" (at most LIST_LIMIT) with their titles and
 * what the review or sync said. */
static void
section_fill (HtStore *store,
              Section *section,
              GArray  *ids)
{
  guint n = MIN (ids->len, LIST_LIMIT);
  g_autoptr(GPtrArray) rows = ht_store_list_rows (store, (const gint64 *) (gpointer) ids->data, n, NULL);

  section->total = ids->len;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      HtListRow *row = rows->pdata[i];
      g_autoptr(cJSON) record = ht_store_get (store, row->id, NULL);
      const char *comment = record != NULL ? cJSON_GetStringValue (ht_record_get_path (record, "review.comment"))
                                           : NULL;

      g_ptr_array_add (section->titles, record != NULL ? ht_labels_record_title (record) : g_strdup ("?"));
      g_ptr_array_add (section->notes, g_strdup (g_strcmp0 (row->sync_state, "needs_attention") == 0
                                                 ? row->sync_message : comment));
      g_ptr_array_add (section->rows, g_steal_pointer (&rows->pdata[i]));
    }
}

static void
attention_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  HtStore *store = source_object;
  gboolean reviewer_register = GPOINTER_TO_INT (task_data);
  Found *found = g_new0 (Found, 1);
  GError *error = NULL;
  static const HtListFilter refused = { HT_LIST_BOOK, NULL, 0, "needs_attention", NULL };
  static const HtListFilter returned = { HT_LIST_BOOK, NULL, 0, NULL, "returned" };
  static const HtListFilter rejected = { HT_LIST_BOOK, NULL, 0, NULL, "rejected" };
  static const HtListFilter drafts = { HT_LIST_DRAFTS, NULL, 0, NULL, NULL };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) more = NULL;

  section_init (&found->sections[0], N_("Refused by the server"),
                N_("Correct these records; the next sync sends them again."));
  section_init (&found->sections[1], N_("Returned or rejected by the reviewer"),
                N_("A returned record is corrected and goes back to review; a rejected one is void."));
  section_init (&found->sections[2], N_("Drafts"), N_("Unfinished work: not in a book and not sent yet."));

  if ((ids = ht_store_list_ids (store, &refused, cancellable, &error)) == NULL)
    goto failed;
  section_fill (store, &found->sections[0], ids);
  g_clear_pointer (&ids, g_array_unref);

  /* On a supervising office's register these are its own decisions, for
   * the communes to act on: its Review page shows them. */
  if (!reviewer_register)
    {
      if ((ids = ht_store_list_ids (store, &returned, cancellable, &error)) == NULL ||
          (more = ht_store_list_ids (store, &rejected, cancellable, &error)) == NULL)
        goto failed;
      g_array_append_vals (ids, more->data, more->len);
      section_fill (store, &found->sections[1], ids);
      g_clear_pointer (&ids, g_array_unref);
    }

  if ((ids = ht_store_list_ids (store, &drafts, cancellable, &error)) == NULL)
    goto failed;
  section_fill (store, &found->sections[2], ids);
  g_task_return_pointer (task, found, (GDestroyNotify) found_free);
  return;

failed:
  found_free (found);
  g_task_return_error (task, error);
}

static void
clear_content (HtAttentionView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HtAttentionView) self = user_data;
  g_autoptr(GError) error = NULL;
  Found *found = g_task_propagate_pointer (G_TASK (result), &error);
  guint shown = 0;

  if (HT_TASK_CANCELLED (result))
    {
      g_clear_pointer (&found, found_free);
      return;
    }

  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading what needs attention failed: %s", error->message);
      return;
    }
  clear_content (self);
  for (guint s = 0; s < G_N_ELEMENTS (found->sections); s++)
    {
      Section *section = &found->sections[s];
      GtkWidget *group;

      if (section->rows->len == 0)
        continue;
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(section->title));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _(section->description));
      for (guint i = 0; i < section->rows->len; i++)
        {
          HtListRow *row = section->rows->pdata[i];
          GtkWidget *item = adw_action_row_new ();
          g_autofree char *number = ht_labels_book_number (row->kind, row->book_year, row->number);
          g_autofree char *title = g_strdup_printf ("%s · %s", number, (char *) section->titles->pdata[i]);
          const char *note = section->notes->pdata[i];
          g_autofree char *subtitle = note != NULL
            ? g_strdup_printf ("%s — %s", ht_labels_kind (row->kind), note)
            : g_strdup (ht_labels_kind (row->kind));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (item), subtitle);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (item), "win.open-record");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (item), "s", row->id);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (item), gtk_image_new_from_icon_name ("go-next-symbolic"));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), item);
        }
      if (section->total > section->rows->len)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more",
                                                             section->total - section->rows->len),
                                                   section->total - section->rows->len);
          GtkWidget *item = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), more);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), item);
        }
      gtk_box_append (self->content_box, group);
      shown += section->rows->len;
    }
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  found_free (found);
}

static void
record_saved_cb (HtSession       *session,
                 const char      *id,
                 HtAttentionView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ht_attention_view_reload (self);
}

static void
ht_attention_view_dispose (GObject *object)
{
  HtAttentionView *self = HT_ATTENTION_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_ATTENTION_VIEW);
  G_OBJECT_CLASS (ht_attention_view_parent_class)->dispose (object);
}

static void
ht_attention_view_finalize (GObject *object)
{
  HtAttentionView *self = HT_ATTENTION_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (ht_attention_view_parent_class)->finalize (object);
}

static void
ht_attention_view_class_init (HtAttentionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_attention_view_dispose;
  object_class->finalize = ht_attention_view_finalize;

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-attention-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtAttentionView, stack);
  gtk_widget_class_bind_template_child (widget_class, HtAttentionView, content_box);
}

static void
ht_attention_view_init (HtAttentionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
ht_attention_view_set_session (HtAttentionView *self,
                               HtSession       *session)
{
  g_return_if_fail (HT_IS_ATTENTION_VIEW (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect (session, "record-saved", G_CALLBACK (record_saved_cb), self);
  clear_content (self);
}

void
ht_attention_view_reload (HtAttentionView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HT_IS_ATTENTION_VIEW (self));

  if (self->session == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (gtk_widget_get_first_child (GTK_WIDGET (self->content_box)) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  task = g_task_new (ht_session_get_store (self->session), self->cancellable, found_cb, g_object_ref (self));
  g_task_set_task_data (task, GINT_TO_POINTER (ht_session_is_reviewer_register (self->session)), NULL);
  g_task_run_in_thread (task, attention_worker);
}
