/* ht-stats-view.c — the Statistics page: forms 13a and 14a for a period, charts and exports.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clerk picks an official reporting period of a year, or any range of
 * registration dates.  One worker thread resolves the period (the
 * register may override its dates), computes the figures, and looks for a
 * report locked for exactly that range and what changed since; a new
 * choice cancels the one still running.  The rows are made once from the
 * forms' description (ht_stats_format_forms()), the charts are drawn by
 * core's ht_stats_chart_draw() — the very routine of the PDF report, see
 * ht-stats-chart.c — and
 * the exports write the files in a worker too, ending in a toast.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "ht-application.h"
#include "ht-date.h"
#include "ht-date-row.h"
#include "ht-error.h"
#include "ht-labels.h"
#include "ht-stats-chart.h"
#include "ht-stats-format.h"
#include "ht-stats-months.h"
#include "ht-stats-pdf.h"
#include "ht-stats-store.h"
#include "ht-stats-view.h"
#include "ht-tasks.h"
#include "ht-window.h"

/* The period picker: the official periods, then a custom range. */
#define CUSTOM_INDEX HT_STATS_N_OFFICIAL_PERIODS

struct _HtStatsView
{
  AdwBin          parent_instance;

  AdwComboRow    *period_row;
  AdwActionRow   *year_row;
  GtkSpinButton  *year_spin;
  HtDateRow      *from_row;
  HtDateRow      *to_row;
  AdwActionRow   *dates_row;
  AdwActionRow   *lock_row;
  GtkSpinner     *spinner;
  GtkLabel       *error_label;
  GtkBox         *charts_box;
  GtkBox         *forms_box;

  HtSession      *session;
  GCancellable   *cancellable;        /* the figures being computed */
  GCancellable   *export_cancellable; /* the files being written */
  GHashTable     *value_labels;       /* key → GtkLabel */
  GHashTable     *value_rows;         /* key → AdwActionRow */
  GtkWidget      *charts[HT_STATS_N_CHARTS];
  gboolean        loading;
  gboolean        ready;  /* the picker is built: changes reload */

  /* What is shown: */
  cJSON          *figures;
  cJSON          *chart_figures; /* ht_stats_compute_birth_months(), charts only */
  char           *csv;
  HtStatsPeriod   period;
  int             year;
  char           *message;  /* the last export's outcome */
};

G_DEFINE_FINAL_TYPE (HtStatsView, ht_stats_view, ADW_TYPE_BIN)

/* ---- Computing the figures (worker thread) ---- */

typedef struct
{
  HtStore       *store;
  HtStatsPeriod  period;
  int            year;
  GDate          from;
  GDate          to;
} LoadRequest;

typedef struct
{
  HtStatsPeriod  period;
  int            year;
  cJSON         *figures;
  cJSON         *charts;   /* the figures only the charts need */
  char          *csv;
  HtStatsReport *report;   /* NULL when the range is not locked */
  cJSON         *changes;  /* ht_stats_report_changes() of it */
} LoadResult;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->store);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->figures, cJSON_Delete);
  g_clear_pointer (&result->charts, cJSON_Delete);
  g_free (result->csv);
  g_clear_pointer (&result->report, ht_stats_report_free);
  g_clear_pointer (&result->changes, cJSON_Delete);
  g_free (result);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static void
load_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  result->period = request->period;
  result->year = request->year;
  if (request->period != HT_STATS_PERIOD_CUSTOM &&
      !ht_stats_store_period_range (request->store, request->period, request->year, &request->from,
                                    &request->to, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  stats = ht_stats_compute (request->store, &request->from, &request->to, cancellable, &error);
  if (stats == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result->figures = ht_stats_to_json (stats);
  result->csv = ht_stats_to_csv (stats);
  /* Births per month and within a year are not in the statistics JSON
   * (its shape is fixed by issue 8): they travel beside it. */
  result->charts = ht_stats_compute_birth_months (request->store, &request->from, &request->to, cancellable,
                                                  &error);
  if (result->charts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A period submitted earlier keeps its figures: say so, and what moved. */
  result->report = ht_stats_report_find (request->store, &request->from, &request->to, &error);
  if (result->report == NULL && !g_error_matches (error, HT_ERROR, HT_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (result->report != NULL)
    {
      result->changes = ht_stats_report_changes (request->store, result->report, cancellable, &error);
      if (result->changes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) load_result_free);
}

/* ---- Charts ---- */

static void
build_charts (HtStatsView *self)
{
  static const int heights[HT_STATS_N_CHARTS] = { 380, 170, 150, 260 };

  for (guint c = 0; c < HT_STATS_N_CHARTS; c++)
    {
      GtkWidget *area = ht_stats_chart_new ((HtStatsChart) c, heights[c]);

      gtk_widget_set_margin_start (area, 12);
      gtk_widget_set_margin_end (area, 12);
      gtk_widget_set_margin_top (area, 12);
      gtk_widget_set_margin_bottom (area, 12);
      gtk_box_append (self->charts_box, area);
      self->charts[c] = area;
    }
}

static void
set_chart_figures (HtStatsView *self)
{
  cJSON *figures = self->figures != NULL ? ht_stats_figures_with_charts (self->figures, self->chart_figures) : NULL;

  for (guint c = 0; c < HT_STATS_N_CHARTS; c++)
    ht_stats_chart_set_figures (HT_STATS_CHART (self->charts[c]), figures);
  cJSON_Delete (figures);
}

/* ---- Showing them ---- */

static void
set_error (HtStatsView *self,
           const char  *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_export_actions (HtStatsView *self)
{
  gboolean can = self->figures != NULL && !self->loading;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export-csv", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export-xlsx", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export-pdf", can);
}

/* Nothing shown and nothing to export: the figures on screen must always
 * be those of the period the picker says. */
static void
clear_figures (HtStatsView *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_clear_pointer (&self->figures, cJSON_Delete);
  g_clear_pointer (&self->chart_figures, cJSON_Delete);
  g_clear_pointer (&self->csv, g_free);
  g_hash_table_iter_init (&iter, self->value_labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_label_set_text (value, "");
  g_hash_table_iter_init (&iter, self->value_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    adw_action_row_set_subtitle (value, "");
  adw_action_row_set_subtitle (self->dates_row, "");
  adw_action_row_set_subtitle (self->lock_row, "");
  set_chart_figures (self);
  update_export_actions (self);
}

static guint
changes_count (const cJSON *changes,
               const char  *group)
{
  const cJSON *records = cJSON_GetObjectItemCaseSensitive (changes, "records");

  return (guint) cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (records, group));
}

/* The locked report's line: when and by whom, and what changed since. */
static void
show_report (HtStatsView *self,
             LoadResult  *result)
{
  const cJSON *difference = cJSON_GetObjectItemCaseSensitive (result->changes, "difference");
  const cJSON *locked = result->report != NULL ? result->report->figures : NULL;
  g_autofree char *subtitle = NULL;

  for (const char *const *key = ht_stats_format_keys (); *key != NULL; key++)
    {
      AdwActionRow *row = g_hash_table_lookup (self->value_rows, *key);
      g_autofree char *before = NULL;
      g_autofree char *now = NULL;
      g_autofree char *text = NULL;

      if (locked != NULL)
        {
          before = ht_stats_format_figure (locked, *key);
          now = ht_stats_format_figure (self->figures, *key);
        }
      /* TRANSLATORS: under a figure that differs from the locked report's. */
      if (before != NULL && g_strcmp0 (before, now) != 0)
        text = g_strdup_printf (_("Locked report: %s"), before);
      adw_action_row_set_subtitle (row, text != NULL ? text : "");
    }

  if (result->report == NULL)
    {
      adw_action_row_set_subtitle (self->lock_row, _("This period has not been locked"));
      return;
    }
  {
    g_autofree char *at = ht_labels_timestamp (result->report->locked_at);
    g_autofree char *when = NULL;
    g_autofree char *what = NULL;

    /* TRANSLATORS: "Locked on 05/06/2026 10:12 by lan.nt". */
    when = g_strdup_printf (_("Locked on %s by %s"), at, result->report->locked_by);
    if (!result->report->intact)
      what = g_strdup (_("The stored figures do not match the audit log: the register file was altered"));
    else if (ht_stats_json_difference_is_zero (difference) && changes_count (result->changes, "added") == 0
             && changes_count (result->changes, "edited") == 0 && changes_count (result->changes, "revoked") == 0
             && changes_count (result->changes, "removed") == 0)
      what = g_strdup (_("Nothing has changed since"));
    else
      /* TRANSLATORS: what changed in the books of a locked period. */
      what = g_strdup_printf (_("Since then: %u added, %u edited, %u revoked, %u moved out of the period"),
                              changes_count (result->changes, "added"), changes_count (result->changes, "edited"),
                              changes_count (result->changes, "revoked"),
                              changes_count (result->changes, "removed"));
    subtitle = g_strdup_printf ("%s\n%s", when, what);
  }
  adw_action_row_set_subtitle (self->lock_row, subtitle);
}

/* Shows self->figures (taken from "result") and the report of "result". */
static void
show_figures (HtStatsView *self,
              LoadResult  *result)
{
  const char *from = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (self->figures, "from"));
  const char *to = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (self->figures, "to"));
  g_autofree char *from_vn = ht_labels_date (from);
  g_autofree char *to_vn = ht_labels_date (to);
  /* TRANSLATORS: a range of dates, "01/01/2026 – 31/05/2026". */
  g_autofree char *dates = g_strdup_printf (_("%s – %s"), from_vn, to_vn);
  GHashTableIter iter;
  gpointer key, label;

  g_hash_table_iter_init (&iter, self->value_labels);
  while (g_hash_table_iter_next (&iter, &key, &label))
    {
      g_autofree char *text = ht_stats_format_figure (self->figures, key);
      gtk_label_set_text (label, text);
    }
  adw_action_row_set_subtitle (self->dates_row, dates);

  set_chart_figures (self);
  show_report (self, result);
}

static void
load_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(HtStatsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoadResult) result = g_task_propagate_pointer (G_TASK (res), &error);

  if (HT_TASK_CANCELLED (res))
    return;
  self->loading = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (result == NULL)
    {
      g_autofree char *advice = ht_task_error_advice (error);
      g_autofree char *text = g_strdup_printf (_("The figures cannot be computed: %s"), advice);

      set_error (self, text);
      clear_figures (self);
      return;
    }
  set_error (self, NULL);
  g_clear_pointer (&self->figures, cJSON_Delete);
  g_clear_pointer (&self->chart_figures, cJSON_Delete);
  g_free (self->csv);
  self->figures = g_steal_pointer (&result->figures);
  self->chart_figures = g_steal_pointer (&result->charts);
  self->csv = g_steal_pointer (&result->csv);
  self->period = result->period;
  self->year = result->year;
  show_figures (self, result);
  update_export_actions (self);
}

/* Reads the picker; FALSE with a message naming the field when a custom
 * date cannot be read. */
static gboolean
read_choice (HtStatsView *self,
             LoadRequest *request,
             char       **message)
{
  guint index = adw_combo_row_get_selected (self->period_row);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *why = NULL;

  request->year = gtk_spin_button_get_value_as_int (self->year_spin);
  if (index < HT_STATS_N_OFFICIAL_PERIODS)
    {
      request->period = ht_stats_official_periods[index];
      return TRUE;
    }
  request->period = HT_STATS_PERIOD_CUSTOM;
  request->year = 0;
  if (!ht_date_row_get_iso (self->from_row, &from, &why))
    {
      /* TRANSLATORS: "From: 31/02/2026 is not a date". */
      *message = g_strdup_printf (_("From: %s"), why);
      return FALSE;
    }
  if (!ht_date_row_get_iso (self->to_row, &to, &why))
    {
      *message = g_strdup_printf (_("To: %s"), why);
      return FALSE;
    }
  if (from == NULL || to == NULL)
    {
      *message = g_strdup (_("Give both dates of the range: From and To"));
      return FALSE;
    }
  if (!ht_date_parse (from, &request->from) || !ht_date_parse (to, &request->to))
    {
      *message = g_strdup (_("The dates of the range cannot be read"));
      return FALSE;
    }
  if (g_date_compare (&request->from, &request->to) > 0)
    {
      *message = g_strdup (_("From is after To: the range is empty"));
      return FALSE;
    }
  return TRUE;
}

static void
update_picker (HtStatsView *self)
{
  gboolean custom = adw_combo_row_get_selected (self->period_row) == CUSTOM_INDEX;

  gtk_widget_set_visible (GTK_WIDGET (self->year_row), !custom);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom);
}

void
ht_stats_view_reload (HtStatsView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *message = NULL;
  LoadRequest *request;

  g_return_if_fail (HT_IS_STATS_VIEW (self));

  if (self->session == NULL)
    return;
  /* A new choice replaces the one still being computed. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (LoadRequest, 1);
  g_date_clear (&request->from, 1);
  g_date_clear (&request->to, 1);
  if (!read_choice (self, request, &message))
    {
      load_request_free (request);
      self->loading = FALSE;
      gtk_spinner_set_spinning (self->spinner, FALSE);
      set_error (self, message);
      clear_figures (self);
      return;
    }
  request->store = g_object_ref (ht_session_get_store (self->session));
  self->loading = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  update_export_actions (self);

  task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, ht_stats_view_reload);
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_worker);
}

static void
choice_changed_cb (HtStatsView *self)
{
  update_picker (self);
  if (self->ready && gtk_widget_get_mapped (GTK_WIDGET (self)))
    ht_stats_view_reload (self);
}

/* ---- The rows, from the forms' description ---- */

static void
build_forms (HtStatsView *self)
{
  guint n_forms;
  const HtStatsForm *forms = ht_stats_format_forms (&n_forms);

  for (guint f = 0; f < n_forms; f++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      /* The forms' wording is the Ministry's and stays Vietnamese, as in
       * the files sent to the province (ht-stats-format.h). */
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), forms[f].sheet);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), forms[f].title);
      for (guint i = 0; i < forms[f].n_rows; i++)
        {
          const HtStatsFormRow *form_row = &forms[f].rows[i];
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = g_strstrip (g_strdup (form_row->label));

          if (form_row->key == NULL)
            {
              g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
            }
          else
            {
              GtkWidget *label = gtk_label_new ("");

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
              /* Sub-rows of the forms are indented there; here a margin. */
              if (form_row->label[0] == ' ' && form_row->label[3] == ' ')
                gtk_widget_set_margin_start (row, 24);
              gtk_widget_set_tooltip_text (row, form_row->key);
              gtk_widget_add_css_class (label, "numeric");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
              g_hash_table_insert (self->value_labels, (gpointer) form_row->key, label);
              g_hash_table_insert (self->value_rows, (gpointer) form_row->key, row);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (self->forms_box, group);
    }
}

/* ---- Exports ---- */

typedef enum {
  EXPORT_CSV,
  EXPORT_XLSX,
  EXPORT_PDF,
} ExportFormat;

typedef struct
{
  ExportFormat   format;
  char          *path;
  cJSON         *figures;
  char          *csv;
  HtStatsPeriod  period;
  int            year;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->figures, cJSON_Delete);
  g_free (job->csv);
  g_free (job);
}

static void
export_worker (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (job->format)
    {
    case EXPORT_CSV:
      /* Owner-only like the XLSX and PDF: the figures are not public
       * before the report is sent. */
      ok = g_file_set_contents_full (job->path, job->csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
      break;
    case EXPORT_XLSX:
      ok = ht_stats_write_xlsx (job->figures, job->period, job->year, job->path, &error);
      break;
    case EXPORT_PDF:
      /* The office is named from the figures' scope, as in the XLSX. */
      ok = ht_stats_write_pdf (job->figures, job->period, job->year, NULL, job->path, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(HtStatsView) self = user_data;
  g_autoptr(GError) error = NULL;
  ExportJob *job = g_task_get_task_data (G_TASK (res));
  GtkRoot *root;

  if (HT_TASK_CANCELLED (res))
    return;
  g_free (self->message);
  if (g_task_propagate_boolean (G_TASK (res), &error))
    /* TRANSLATORS: a toast after an export. */
    self->message = g_strdup_printf (_("Saved to %s"), job->path);
  else
    self->message = g_strdup_printf (_("Nothing was saved: %s"), error->message);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (HT_IS_WINDOW (root))
    ht_window_toast (HT_WINDOW (root), self->message);
}

static void
export_to (HtStatsView  *self,
           ExportFormat  format,
           const char   *path)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  if (self->figures == NULL)
    return;
  job = g_new0 (ExportJob, 1);
  job->format = format;
  job->path = g_strdup (path);
  /* The PDF draws the charts, so it takes their figures too. */
  job->figures = format == EXPORT_PDF ? ht_stats_figures_with_charts (self->figures, self->chart_figures)
                                      : cJSON_Duplicate (self->figures, TRUE);
  job->csv = g_strdup (self->csv);
  job->period = self->period;
  job->year = self->year;
  g_clear_pointer (&self->message, g_free);

  task = g_task_new (self, self->export_cancellable, export_cb, g_object_ref (self));
  g_task_set_source_tag (task, export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_worker);
}

static const char *const export_extensions[] = { "csv", "xlsx", "pdf" };

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     HtStatsView     *self)
{
  ExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        export_to (self, format, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HtStatsView *self = HT_STATS_VIEW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  ExportFormat format = g_str_has_suffix (action_name, "csv") ? EXPORT_CSV
                        : g_str_has_suffix (action_name, "xlsx") ? EXPORT_XLSX : EXPORT_PDF;
  GtkFileChooserNative *dialog;
  GtkRoot *root;
  const char *from, *to;
  g_autofree char *name = NULL;

  /* A path given with the action (tests, scripts) skips the dialog. */
  if (*path != '\0')
    {
      export_to (self, format, path);
      return;
    }
  if (self->figures == NULL)
    return;
  root = gtk_widget_get_root (widget);
  dialog = gtk_file_chooser_native_new (_("Export the statistics"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  from = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (self->figures, "from"));
  to = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (self->figures, "to"));
  name = g_strdup_printf ("thong-ke-%s_%s.%s", from != NULL ? from : "", to != NULL ? to : "",
                          export_extensions[format]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- GObject ---- */

static void
ht_stats_view_dispose (GObject *object)
{
  HtStatsView *self = HT_STATS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->export_cancellable);
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
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->session);
  g_hash_table_unref (self->value_labels);
  g_hash_table_unref (self->value_rows);
  g_clear_pointer (&self->figures, cJSON_Delete);
  g_clear_pointer (&self->chart_figures, cJSON_Delete);
  g_free (self->csv);
  g_free (self->message);
  G_OBJECT_CLASS (ht_stats_view_parent_class)->finalize (object);
}

static void
ht_stats_view_class_init (HtStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_stats_view_dispose;
  object_class->finalize = ht_stats_view_finalize;

  g_type_ensure (HT_TYPE_DATE_ROW);
  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, period_row);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, year_row);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, year_spin);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, from_row);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, to_row);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, dates_row);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, lock_row);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, charts_box);
  gtk_widget_class_bind_template_child (widget_class, HtStatsView, forms_box);

  /* The parameter is a path to write to, or "" to ask for one. */
  gtk_widget_class_install_action (widget_class, "stats.export-csv", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "stats.export-xlsx", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "stats.export-pdf", "s", export_activated);
}

static void
ht_stats_view_init (HtStatsView *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->export_cancellable = g_cancellable_new ();
  self->value_labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->value_rows = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < HT_STATS_N_OFFICIAL_PERIODS; i++)
    gtk_string_list_append (periods, ht_stats_period_label (ht_stats_official_periods[i]));
  gtk_string_list_append (periods, _("Custom range"));
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (periods));
  /* The official year report of this year is the one asked for most. */
  adw_combo_row_set_selected (self->period_row, HT_STATS_N_OFFICIAL_PERIODS - 1);
  ht_date_today (&today);
  gtk_spin_button_set_value (self->year_spin, g_date_get_year (&today));
  update_picker (self);
  /* A date is short; whatever is pasted must not widen the window. */
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->from_row), 16);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->to_row), 16);

  build_charts (self);
  build_forms (self);
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->from_row, "apply", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "apply", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->from_row, "entry-activated", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "entry-activated", G_CALLBACK (choice_changed_cb), self);
  self->ready = TRUE;
  update_export_actions (self);
}

/* ---- Public ---- */

void
ht_stats_view_set_session (HtStatsView *self,
                           HtSession   *session)
{
  g_return_if_fail (HT_IS_STATS_VIEW (self));

  if (!g_set_object (&self->session, session))
    return;
  g_cancellable_cancel (self->cancellable);
  self->loading = FALSE;
  clear_figures (self);
}

void
ht_stats_view_choose (HtStatsView   *self,
                      HtStatsPeriod  period,
                      int            year,
                      const char    *from,
                      const char    *to)
{
  g_return_if_fail (HT_IS_STATS_VIEW (self));

  /* Set as a clerk would, without a reload per widget, then one reload. */
  self->ready = FALSE;
  if (period == HT_STATS_PERIOD_CUSTOM)
    {
      adw_combo_row_set_selected (self->period_row, CUSTOM_INDEX);
      gtk_editable_set_text (GTK_EDITABLE (self->from_row), from != NULL ? from : "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_row), to != NULL ? to : "");
    }
  else
    {
      for (guint i = 0; i < HT_STATS_N_OFFICIAL_PERIODS; i++)
        if (ht_stats_official_periods[i] == period)
          adw_combo_row_set_selected (self->period_row, i);
      gtk_spin_button_set_value (self->year_spin, year);
    }
  update_picker (self);
  self->ready = TRUE;
  ht_stats_view_reload (self);
}

gboolean
ht_stats_view_get_loading (HtStatsView *self)
{
  g_return_val_if_fail (HT_IS_STATS_VIEW (self), FALSE);
  return self->loading;
}

const char *
ht_stats_view_get_figure (HtStatsView *self,
                          const char  *key)
{
  GtkLabel *label;

  g_return_val_if_fail (HT_IS_STATS_VIEW (self), NULL);
  label = g_hash_table_lookup (self->value_labels, key);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

const char *
ht_stats_view_get_error (HtStatsView *self)
{
  g_return_val_if_fail (HT_IS_STATS_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
ht_stats_view_get_lock_text (HtStatsView *self)
{
  g_return_val_if_fail (HT_IS_STATS_VIEW (self), NULL);
  return adw_action_row_get_subtitle (self->lock_row);
}

const char *
ht_stats_view_get_message (HtStatsView *self)
{
  g_return_val_if_fail (HT_IS_STATS_VIEW (self), NULL);
  return self->message;
}

const cJSON *
ht_stats_view_get_figures (HtStatsView *self)
{
  g_return_val_if_fail (HT_IS_STATS_VIEW (self), NULL);
  return self->figures;
}

GtkWidget *
ht_stats_view_get_chart (HtStatsView  *self,
                         HtStatsChart  chart)
{
  g_return_val_if_fail (HT_IS_STATS_VIEW (self), NULL);
  g_return_val_if_fail ((guint) chart < HT_STATS_N_CHARTS, NULL);
  return self->charts[chart];
}

const char *
ht_stats_view_get_figure_note (HtStatsView *self,
                               const char  *key)
{
  AdwActionRow *row;

  g_return_val_if_fail (HT_IS_STATS_VIEW (self), NULL);
  row = g_hash_table_lookup (self->value_rows, key);
  return row != NULL ? adw_action_row_get_subtitle (row) : NULL;
}
