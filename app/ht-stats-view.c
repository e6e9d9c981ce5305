/* ht-stats-view.c — statistics (a first page until the statistics issue lands).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts the entries of each book in a worker thread.  The Ministry's
 * reports (forms 13a and 14a) and their charts belong to the statistics
 * issue; this page is where they will go.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"
#include <inttypes.h>

#include "ht-labels.h"
#include "ht-stats-view.h"
#include "ht-tasks.h"

struct _HtStatsView
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *counts_group;
  GtkSpinner          *spinner;

  HtSession           *session;
  GPtrArray           *rows;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (HtStatsView, ht_stats_view, ADW_TYPE_BIN)

static void
counts_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HtStatsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = ht_task_counts_finish (result, &error);
  const HtKind *const *kinds = ht_kinds_all ();
  guint64 total = 0;

  if (HT_TASK_CANCELLED (result))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (counts == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->counts_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; kinds[i] != NULL && i < counts->len; i++)
    {
      guint64 n = g_array_index (counts, guint64, i);
      g_autofree char *text = g_strdup_printf ("%" PRIu64, n);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (text);

      total += n;
      gtk_widget_add_css_class (label, "numeric");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kinds[i]->label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kinds[i]->title_vi);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->counts_group, row);
    }
  {
    g_autofree char *text = g_strdup_printf ("%" PRIu64, total);
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *label = gtk_label_new (text);

    gtk_widget_add_css_class (label, "heading");
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("All books"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    g_ptr_array_add (self->rows, row);
    adw_preferences_group_add (self->counts_group, row);
  }
}

static void
ht_stats_view_dispose (GObject *object)
{
  HtStatsView *self = HT_STATS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_STATS_VIEW);
  G_OBJECT_CLASS (ht_stats_view_parent_class)->dispose (object);
}

static void
ht_stats_view_finalize (GObject *object)
{
  HtStatsView *self = HT_STATS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (ht_stats_view_parent_class)->finalize (object);
}

static void
ht_stats_view_class_init (HtStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_stats_view_dispose;
  object_class->finalize = ht_stats_view_finalize;

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, counts_group);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, spinner);
}

static void
ht_stats_view_init (HtStatsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

void
ht_stats_view_set_session (HtStatsView *self,
                           HtSession   *session)
{
  g_return_if_fail (HT_IS_STATS_VIEW (self));
  g_set_object (&self->session, session);
}

void
ht_stats_view_reload (HtStatsView *self)
{
  g_return_if_fail (HT_IS_STATS_VIEW (self));

  if (self->session == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  ht_task_counts_async (ht_session_get_store (self->session), self->cancellable, counts_cb, g_object_ref (self));
}
