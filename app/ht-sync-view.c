/* ht-sync-view.c — the sync page: device, server, what waits, recent runs.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the scheduler (sync/) knows, bound property by property: its state
 * and progress, the changes waiting, the records the server refused, the
 * last success and the last problem; "Sync now"; the enrolment of a PC that
 * has none yet; and a log of the runs of this session.  Sync also runs by
 * itself (on a timer and when the network returns); this page only shows
 * it.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "ht-application.h"
#include "ht-labels.h"
#include "ht-store-sync.h"
#include "ht-sync-enroll.h"
#include "ht-sync-scheduler.h"
#include "ht-sync-view.h"
#include "ht-tasks.h"
#include "ht-window.h"

/* Runs kept in the log. */
#define LOG_LENGTH 20

struct _HtSyncView
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *status_group;
  GtkWidget           *sync_button;
  AdwActionRow        *state_row;
  GtkSpinner          *spinner;
  GtkWidget           *progress_row;
  GtkProgressBar      *progress_bar;
  AdwActionRow        *pending_row;
  AdwActionRow        *attention_row;
  AdwActionRow        *success_row;
  AdwActionRow        *error_row;
  AdwPreferencesGroup *device_group;
  AdwPreferencesGroup *enrol_group;
  AdwEntryRow         *server_row;
  AdwEntryRow         *code_row;
  GtkWidget           *enrol_button;
  AdwPreferencesGroup *log_group;

  HtSession           *session;
  HtSyncScheduler     *scheduler;
  GPtrArray           *device_rows;
  GPtrArray           *log_rows;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (HtSyncView, ht_sync_view, ADW_TYPE_BIN)

static GtkWidget *
info_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
  return row;
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, text != NULL ? text : "—");
}

static gboolean
may_enrol (HtSyncView *self)
{
  const char *role = self->session != NULL ? ht_session_get_role (self->session) : NULL;

  return g_strcmp0 (role, "technician") == 0 || g_strcmp0 (role, "admin") == 0;
}

static void
update (HtSyncView *self)
{
  HtSyncScheduler *s = self->scheduler;
  g_autofree char *pending = NULL;
  g_autofree char *attention = NULL;
  g_autofree char *success = NULL;
  const char *state;
  gboolean enrolled, running;
  guint64 done, total;

  if (s == NULL)
    return;
  enrolled = ht_sync_scheduler_get_enrolled (s);
  running = ht_sync_scheduler_get_state (s) == HT_SYNC_SCHEDULER_RUNNING;
  switch (ht_sync_scheduler_get_state (s))
    {
    case HT_SYNC_SCHEDULER_RUNNING:
      state = ht_sync_scheduler_get_activity (s) != NULL && *ht_sync_scheduler_get_activity (s) != '\0'
              ? ht_sync_scheduler_get_activity (s) : _("Syncing…");
      break;
    case HT_SYNC_SCHEDULER_OFFLINE:
      state = _("Offline: the server cannot be reached. Sync starts by itself when it can be reached again.");
      break;
    case HT_SYNC_SCHEDULER_ERROR:
      state = _("The last sync failed");
      break;
    case HT_SYNC_SCHEDULER_IDLE:
    default:
      state = ht_sync_scheduler_get_last_success (s) != NULL ? _("Online and up to date") : _("Not synced yet");
      break;
    }
  if (!enrolled)
    state = may_enrol (self) ? _("This PC is not enrolled with a server yet: enrol it below.")
                             : _("This PC is not enrolled with a server yet. Ask the technician to enrol it; "
                                 "until then the register works on this PC only.");
  set_subtitle (self->state_row, state);
  gtk_spinner_set_spinning (self->spinner, running);

  done = ht_sync_scheduler_get_progress_done (s);
  total = ht_sync_scheduler_get_progress_total (s);
  gtk_widget_set_visible (self->progress_row, running);
  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%" PRIu64 " of %" PRIu64 " changes sent"), done, total);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / (double) total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else if (running)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, state);
    }

  pending = g_strdup_printf (ngettext ("%" PRIu64 " change", "%" PRIu64 " changes",
                                       ht_sync_scheduler_get_pending (s)), ht_sync_scheduler_get_pending (s));
  set_subtitle (self->pending_row, pending);
  attention = g_strdup_printf (ngettext ("%" PRIu64 " record", "%" PRIu64 " records",
                                         ht_sync_scheduler_get_needs_attention (s)),
                               ht_sync_scheduler_get_needs_attention (s));
  set_subtitle (self->attention_row, attention);
  if (ht_sync_scheduler_get_last_success (s) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (ht_sync_scheduler_get_last_success (s));
      success = g_date_time_format (local, "%d/%m/%Y %H:%M");
    }
  set_subtitle (self->success_row, success != NULL ? success : _("Never"));
  set_subtitle (self->error_row, ht_sync_scheduler_get_last_error (s) != NULL ? ht_sync_scheduler_get_last_error (s)
                                                                             : _("None"));

  gtk_widget_set_sensitive (self->sync_button, enrolled);
  gtk_widget_set_visible (GTK_WIDGET (self->enrol_group), !enrolled && may_enrol (self));
  gtk_widget_set_visible (GTK_WIDGET (self->device_group), enrolled);
}

static void
scheduler_notify_cb (HtSyncScheduler *scheduler,
                     GParamSpec      *pspec,
                     HtSyncView      *self)
{
  update (self);
  if (g_strcmp0 (pspec->name, "enrolled") == 0)
    ht_sync_view_reload (self);
}

static void
run_finished_cb (HtSyncScheduler *scheduler,
                 gboolean         success,
                 HtSyncView      *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%d/%m/%Y %H:%M:%S");
  GtkWidget *row = info_row (when, success ? _("Finished: everything waiting was sent and received")
                                           : ht_sync_scheduler_get_last_error (scheduler));

  gtk_widget_add_css_class (row, success ? "success" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (success ? "emblem-ok-symbolic" : "dialog-warning-symbolic"));
  /* The newest run first; the oldest leaves when the log is full. */
  if (self->log_rows->len >= LOG_LENGTH)
    {
      adw_preferences_group_remove (self->log_group, self->log_rows->pdata[0]);
      g_ptr_array_remove_index (self->log_rows, 0);
    }
  g_ptr_array_add (self->log_rows, g_object_ref_sink (row));
  for (guint i = 0; i < self->log_rows->len; i++)
    {
      GtkWidget *r = self->log_rows->pdata[i];
      if (gtk_widget_get_parent (r) != NULL)
        adw_preferences_group_remove (self->log_group, r);
    }
  for (guint i = self->log_rows->len; i > 0; i--)
    adw_preferences_group_add (self->log_group, self->log_rows->pdata[i - 1]);
  gtk_widget_set_visible (GTK_WIDGET (self->log_group), TRUE);
}

/* ---- The device ---- */

static void
device_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  HtSyncDevice *device = ht_store_sync_get_device (source_object, &error);

  if (device != NULL)
    g_task_return_pointer (task, device, (GDestroyNotify) ht_sync_device_free);
  else
    g_task_return_error (task, error);
}

static void
device_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HtSyncView) self = user_data;
  g_autoptr(HtSyncDevice) device = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *enrolled_at = NULL;

  if (HT_TASK_CANCELLED (result))
    return;

  for (guint i = 0; i < self->device_rows->len; i++)
    adw_preferences_group_remove (self->device_group, self->device_rows->pdata[i]);
  g_ptr_array_set_size (self->device_rows, 0);
  if (device == NULL)
    return;
  enrolled_at = ht_labels_timestamp (device->enrolled_at);
  g_ptr_array_add (self->device_rows, info_row (_("Server"), device->server));
  g_ptr_array_add (self->device_rows, info_row (_("Device name"), device->device_name));
  g_ptr_array_add (self->device_rows, info_row (_("Device id"), device->device_id));
  g_ptr_array_add (self->device_rows, info_row (_("Role of this PC"), ht_labels_role (device->role)));
  g_ptr_array_add (self->device_rows, info_row (_("Office or scope"), device->office != NULL ? device->office
                                                                                             : device->scope));
  g_ptr_array_add (self->device_rows, info_row (_("Enrolled on"), enrolled_at));
  for (guint i = 0; i < self->device_rows->len; i++)
    adw_preferences_group_add (self->device_group, self->device_rows->pdata[i]);
}

/* ---- Enrolment ---- */

typedef struct
{
  char *path;
  char *server;
  char *code;
} EnrolData;

static void
enrol_data_free (EnrolData *data)
{
  g_free (data->path);
  g_free (data->server);
  g_free (data->code);
  g_free (data);
}

static void
enrol_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  EnrolData *data = task_data;
  GError *error = NULL;
  g_autoptr(HtStore) store = ht_sync_enroll (data->path, data->server, data->code, NULL, NULL, NULL, NULL,
                                             cancellable, &error);

  if (store != NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
enrolled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HtSyncView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), HT_TYPE_WINDOW);

  gtk_widget_set_sensitive (self->enrol_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ht_window_show_error (GTK_WIDGET (self), _("This PC could not be enrolled"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  if (window != NULL)
    ht_window_toast (HT_WINDOW (window), _("This PC is enrolled: sync starts now"));
  if (self->scheduler != NULL)
    ht_sync_scheduler_refresh (self->scheduler);
}

static void
enrol_clicked_cb (GtkButton  *button,
                  HtSyncView *self)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  g_autoptr(GTask) task = NULL;
  EnrolData *data;

  if (self->session == NULL || *server == '\0' || *code == '\0')
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                     _("Enter both the server address and the enrolment code."));
      ht_window_show_error (GTK_WIDGET (self), _("This PC could not be enrolled"), error);
      return;
    }
  if (HT_IS_APPLICATION (app) && ht_application_get_settings (HT_APPLICATION (app)) != NULL)
    g_settings_set_string (ht_application_get_settings (HT_APPLICATION (app)), "last-server", server);

  data = g_new0 (EnrolData, 1);
  data->path = g_strdup (ht_store_get_path (ht_session_get_store (self->session)));
  data->server = g_steal_pointer (&server);
  data->code = g_steal_pointer (&code);
  gtk_widget_set_sensitive (self->enrol_button, FALSE);
  task = g_task_new (NULL, self->cancellable, enrolled_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) enrol_data_free);
  g_task_run_in_thread (task, enrol_worker);
}

/* ---- GObject ---- */

static void
ht_sync_view_dispose (GObject *object)
{
  HtSyncView *self = HT_SYNC_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_SYNC_VIEW);
  G_OBJECT_CLASS (ht_sync_view_parent_class)->dispose (object);
}

static void
ht_sync_view_finalize (GObject *object)
{
  HtSyncView *self = HT_SYNC_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_ptr_array_unref (self->device_rows);
  g_ptr_array_unref (self->log_rows);
  G_OBJECT_CLASS (ht_sync_view_parent_class)->finalize (object);
}

static void
ht_sync_view_class_init (HtSyncViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_sync_view_dispose;
  object_class->finalize = ht_sync_view_finalize;

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-sync-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, status_group);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, sync_button);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, state_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, progress_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, pending_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, attention_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, success_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, error_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, device_group);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, enrol_group);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, server_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, code_row);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, HtSyncView, log_group);
  gtk_widget_class_bind_template_callback (widget_class, enrol_clicked_cb);
}

static void
ht_sync_view_init (HtSyncView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->device_rows = g_ptr_array_new ();
  /* The log's rows are taken out and put back newest first: held here. */
  self->log_rows = g_ptr_array_new_with_free_func (g_object_unref);
  /* Shown once this session has a run to tell of. */
  gtk_widget_set_visible (GTK_WIDGET (self->log_group), FALSE);
  self->cancellable = g_cancellable_new ();
}

void
ht_sync_view_set_session (HtSyncView *self,
                          HtSession  *session)
{
  g_return_if_fail (HT_IS_SYNC_VIEW (self));

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  g_set_object (&self->session, session);
  if (session != NULL && HT_IS_SYNC_SCHEDULER (ht_session_get_sync (session)))
    {
      self->scheduler = g_object_ref (HT_SYNC_SCHEDULER (ht_session_get_sync (session)));
      g_signal_connect (self->scheduler, "notify", G_CALLBACK (scheduler_notify_cb), self);
      g_signal_connect (self->scheduler, "run-finished", G_CALLBACK (run_finished_cb), self);
    }
  ht_sync_view_reload (self);
}

void
ht_sync_view_reload (HtSyncView *self)
{
  GtkRoot *root;
  GtkApplication *app;

  g_return_if_fail (HT_IS_SYNC_VIEW (self));

  update (self);
  if (self->session == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (HT_IS_APPLICATION (app) && ht_application_get_settings (HT_APPLICATION (app)) != NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    {
      g_autofree char *server = g_settings_get_string (ht_application_get_settings (HT_APPLICATION (app)),
                                                       "last-server");
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
    }
  if (self->scheduler != NULL && ht_sync_scheduler_get_enrolled (self->scheduler))
    {
      g_autoptr(GTask) task = g_task_new (ht_session_get_store (self->session), self->cancellable, device_cb,
                                          g_object_ref (self));
      g_task_run_in_thread (task, device_worker);
    }
}

void
ht_sync_view_enrol (HtSyncView *self,
                    const char *server,
                    const char *code)
{
  g_return_if_fail (HT_IS_SYNC_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
  enrol_clicked_cb (GTK_BUTTON (self->enrol_button), self);
}
