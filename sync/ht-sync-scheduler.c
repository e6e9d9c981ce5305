/* ht-sync-scheduler.c — when the app syncs: on connectivity, on a timer, on demand.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheduler's own state is touched only in its main context.  The
 * worker thread of a run touches the register and the network, and speaks
 * back only through idle sources attached to that context (progress) and the GTask's
 * callback (the end of the run), as STYLE.md asks: results flow back
 * through GTask callbacks and property notifications.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "ht-store-sync.h"
#include "ht-sync-scheduler.h"

#define DEFAULT_INTERVAL 300
#define DEFAULT_RETRY_INTERVAL 30
#define MIN_INTERVAL 10

struct _HtSyncScheduler
{
  GObject               parent_instance;

  HtStore              *store;
  GNetworkMonitor      *monitor;
  gulong                network_handler;
  GMainContext         *context;
  HtSyncOptions         options;

  gboolean              started;
  gboolean              running;
  gboolean              again;        /* run once more when this run ends */
  gboolean              auth_failed;  /* automatic runs wait for run_now() */
  guint                 run_id;       /* tells progress of an old run apart */
  GCancellable         *cancellable;  /* of the run in progress */
  guint                 timer_id;
  guint                 retry_id;
  guint                 retry_delay;  /* seconds; 0 when not retrying */

  HtSyncSchedulerState  state;
  gboolean              enrolled;
  char                 *activity;
  guint64               progress_done;
  guint64               progress_total;
  guint64               pending;
  guint64               attention;
  GDateTime            *last_success;
  char                 *last_error;
  guint                 interval;
  guint                 retry_interval;
};

G_DEFINE_FINAL_TYPE (HtSyncScheduler, ht_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NETWORK_MONITOR,
  PROP_STATE,
  PROP_ENROLLED,
  PROP_ACTIVITY,
  PROP_PROGRESS_DONE,
  PROP_PROGRESS_TOTAL,
  PROP_PENDING,
  PROP_NEEDS_ATTENTION,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_INTERVAL,
  PROP_RETRY_INTERVAL,
  N_PROPS,
};

enum {
  SIGNAL_RUN_FINISHED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void kick (HtSyncScheduler *self, gboolean forced);

GType
ht_sync_scheduler_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { HT_SYNC_SCHEDULER_IDLE, "HT_SYNC_SCHEDULER_IDLE", "idle" },
    { HT_SYNC_SCHEDULER_RUNNING, "HT_SYNC_SCHEDULER_RUNNING", "running" },
    { HT_SYNC_SCHEDULER_OFFLINE, "HT_SYNC_SCHEDULER_OFFLINE", "offline" },
    { HT_SYNC_SCHEDULER_ERROR, "HT_SYNC_SCHEDULER_ERROR", "error" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("HtSyncSchedulerState", values));
  return type;
}

/* ---- Setting what the widgets see ---- */

static void
set_state (HtSyncScheduler      *self,
           HtSyncSchedulerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_activity (HtSyncScheduler *self,
              const char      *activity)
{
  if (g_strcmp0 (self->activity, activity) == 0)
    return;
  g_free (self->activity);
  self->activity = g_strdup (activity);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY]);
}

static void
set_progress (HtSyncScheduler *self,
              guint64          done,
              guint64          total)
{
  if (self->progress_done != done)
    {
      self->progress_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_DONE]);
    }
  if (self->progress_total != total)
    {
      self->progress_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TOTAL]);
    }
}

static void
set_last_error (HtSyncScheduler *self,
                const char      *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* What the register says: counts, enrolment, the last success. */
typedef struct
{
  gboolean      enrolled;
  HtSyncSummary summary;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  ht_sync_summary_clear (&snapshot->summary);
  g_free (snapshot);
}

static Snapshot *
take_snapshot (HtStore *store)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->enrolled = ht_store_sync_is_enrolled (store);
  ht_store_sync_summary (store, &snapshot->summary, NULL);
  return snapshot;
}

static void
apply_snapshot (HtSyncScheduler *self,
                const Snapshot  *snapshot)
{
  g_autoptr(GDateTime) success = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->enrolled != snapshot->enrolled)
    {
      self->enrolled = snapshot->enrolled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENROLLED]);
    }
  if (self->pending != snapshot->summary.pending)
    {
      self->pending = snapshot->summary.pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (self->attention != snapshot->summary.attention)
    {
      self->attention = snapshot->summary.attention;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_ATTENTION]);
    }
  if (snapshot->summary.last_success != NULL)
    success = g_date_time_new_from_iso8601 (snapshot->summary.last_success, NULL);
  if ((success == NULL) != (self->last_success == NULL)
      || (success != NULL && !g_date_time_equal (success, self->last_success)))
    {
      g_clear_pointer (&self->last_success, g_date_time_unref);
      self->last_success = g_steal_pointer (&success);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- Progress from the worker ---- */

typedef struct
{
  HtSyncScheduler *self;
  guint            run_id;
  HtSyncPhase      phase;
  guint64          done;
  guint64          total;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
progress_idle (gpointer data)
{
  Progress *p = data;
  HtSyncScheduler *self = p->self;
  g_autofree char *text = NULL;

  if (!self->running || p->run_id != self->run_id)
    return G_SOURCE_REMOVE;
  switch (p->phase)
    {
    case HT_SYNC_PHASE_PUSH:
      text = g_strdup_printf (_("Sending changes: %" PRIu64 " of %" PRIu64), p->done, p->total);
      set_progress (self, p->done, p->total);
      break;
    case HT_SYNC_PHASE_NUMBERS:
      text = g_strdup (_("Asking the server for register numbers"));
      break;
    case HT_SYNC_PHASE_PULL:
      text = g_strdup_printf (_("Receiving what the server decided: %" PRIu64), p->done);
      set_progress (self, p->done, 0);
      break;
    case HT_SYNC_PHASE_WAIT:
    default:
      text = g_strdup_printf (_("The server did not answer; trying again in %.0f s"), p->total / 1000.0);
      break;
    }
  set_activity (self, text);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  HtSyncScheduler *self;   /* not a reference: the task holds one */
  GMainContext    *context;
  guint            run_id;
} ProgressTarget;

static void
engine_progress_cb (HtSyncPhase phase,
                    guint64     done,
                    guint64     total,
                    gpointer    user_data)
{
  ProgressTarget *target = user_data;
  Progress *progress = g_new0 (Progress, 1);
  GSource *source;

  progress->self = g_object_ref (target->self);
  progress->run_id = target->run_id;
  progress->phase = phase;
  progress->done = done;
  progress->total = total;

  /* Not g_main_context_invoke(): from a thread whose default context is
   * the one given, it runs the function right there when nobody iterates
   * the context at that moment — in the worker, on the scheduler's state. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_idle, progress, (GDestroyNotify) progress_free);
  g_source_attach (source, target->context);
  g_source_unref (source);
}

/* ---- A run ---- */

typedef struct
{
  HtStore        *store;
  HtSyncOptions   options;
  ProgressTarget  target;
} RunData;

typedef struct
{
  gboolean   ok;
  GError    *error;
  Snapshot  *snapshot;
} RunResult;

static void
run_data_free (RunData *data)
{
  g_object_unref (data->store);
  g_main_context_unref (data->target.context);
  g_free (data);
}

static void
run_result_free (RunResult *result)
{
  g_clear_error (&result->error);
  g_clear_pointer (&result->snapshot, snapshot_free);
  g_free (result);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  RunResult *result = g_new0 (RunResult, 1);
  g_autoptr(HtSyncEngine) engine = ht_sync_engine_new (data->store, &result->error);

  if (engine != NULL)
    {
      ht_sync_engine_set_options (engine, &data->options);
      ht_sync_engine_set_progress (engine, engine_progress_cb, &data->target);
      /* One short request tells whether the server is there at all; the
       * engine's retries are for a server that stops answering midway. */
      if (!ht_sync_engine_probe (engine, cancellable, &result->error))
        {
          if (!g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            ht_store_sync_note_run (data->store, FALSE, result->error->message, NULL);
        }
      else
        result->ok = ht_sync_engine_run (engine, NULL, cancellable, &result->error);
    }
  result->snapshot = take_snapshot (data->store);
  g_task_return_pointer (task, result, (GDestroyNotify) run_result_free);
}

static gboolean
retry_cb (gpointer user_data)
{
  HtSyncScheduler *self = user_data;

  self->retry_id = 0;
  kick (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (HtSyncScheduler *self)
{
  if (!self->started || self->retry_id != 0)
    return;
  self->retry_delay = self->retry_delay == 0 ? self->retry_interval
                                             : MIN (self->retry_delay * 2, self->interval);
  self->retry_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, self->retry_delay, retry_cb,
                                               self, NULL);
}

static void
run_done_cb (GObject      *source_object,
             GAsyncResult *res,
             gpointer      user_data)
{
  HtSyncScheduler *self = HT_SYNC_SCHEDULER (source_object);
  RunResult *result = g_task_propagate_pointer (G_TASK (res), NULL);
  const GError *error = result != NULL ? result->error : NULL;
  gboolean retry = FALSE;

  self->running = FALSE;
  g_clear_object (&self->cancellable);

  g_object_freeze_notify (G_OBJECT (self));
  if (result != NULL && result->snapshot != NULL)
    apply_snapshot (self, result->snapshot);
  set_activity (self, "");
  set_progress (self, 0, 0);

  if (result != NULL && result->ok)
    {
      self->retry_delay = 0;
      set_last_error (self, NULL);
      set_state (self, HT_SYNC_SCHEDULER_IDLE);
    }
  else if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           || g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_NOT_ENROLLED))
    set_state (self, HT_SYNC_SCHEDULER_IDLE);
  else if (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_BUSY))
    {
      /* hotich-sync (or another copy of the app) is syncing this register:
       * look again a little later. */
      set_state (self, HT_SYNC_SCHEDULER_IDLE);
      retry = TRUE;
    }
  else
    {
      set_last_error (self, error->message);
      if (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_UNREACHABLE))
        {
          set_state (self, HT_SYNC_SCHEDULER_OFFLINE);
          retry = TRUE;
        }
      else
        {
          self->auth_failed = g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_AUTH);
          set_state (self, HT_SYNC_SCHEDULER_ERROR);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, result != NULL && result->ok);
  if (result != NULL)
    run_result_free (result);

  if (self->again)
    {
      self->again = FALSE;
      kick (self, TRUE);
    }
  else if (retry)
    schedule_retry (self);
}

static void
kick (HtSyncScheduler *self,
      gboolean         forced)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (!forced && self->auth_failed)
    return;
  /* The timer or the network during a run: the run will see the same.
   * "Sync now" during a run: the clerk may have saved meanwhile. */
  if (self->running)
    {
      self->again |= forced;
      return;
    }
  g_clear_handle_id (&self->retry_id, g_source_remove);

  self->running = TRUE;
  self->run_id++;
  self->cancellable = g_cancellable_new ();
  set_state (self, HT_SYNC_SCHEDULER_RUNNING);
  set_activity (self, _("Connecting to the server"));

  data = g_new0 (RunData, 1);
  data->store = g_object_ref (self->store);
  data->options = self->options;
  data->target.self = self;
  data->target.context = g_main_context_ref (self->context);
  data->target.run_id = self->run_id;

  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, kick);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_worker);
}

/* ---- Triggers ---- */

static gboolean
timer_cb (gpointer user_data)
{
  kick (user_data, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (HtSyncScheduler *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->started)
    self->timer_id = g_timeout_add_seconds (self->interval, timer_cb, self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  HtSyncScheduler *self = user_data;

  if (!self->started || self->running)
    return;
  if (!available)
    {
      set_state (self, HT_SYNC_SCHEDULER_OFFLINE);
      return;
    }
  /* Connectivity came back: if the last run could not get through, try
   * now, without waiting for the retry's pause.  The monitor also speaks
   * of changes that do not matter (a new route); those wait for the
   * timer. */
  if (self->state == HT_SYNC_SCHEDULER_OFFLINE || self->state == HT_SYNC_SCHEDULER_ERROR)
    {
      self->retry_delay = 0;
      kick (self, FALSE);
    }
}

void
ht_sync_scheduler_start (HtSyncScheduler *self)
{
  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->network_handler = g_signal_connect (self->monitor, "network-changed",
                                            G_CALLBACK (network_changed_cb), self);
  restart_timer (self);
  kick (self, FALSE);
}

void
ht_sync_scheduler_stop (HtSyncScheduler *self)
{
  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));

  self->started = FALSE;
  self->again = FALSE;
  g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_delay = 0;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
ht_sync_scheduler_run_now (HtSyncScheduler *self)
{
  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));

  self->auth_failed = FALSE;
  self->retry_delay = 0;
  kick (self, TRUE);
}

void
ht_sync_scheduler_cancel (HtSyncScheduler *self)
{
  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));

  self->again = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
refresh_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_task_return_pointer (task, take_snapshot (task_data), (GDestroyNotify) snapshot_free);
}

static void
refresh_done_cb (GObject      *source_object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Snapshot *snapshot = g_task_propagate_pointer (G_TASK (res), NULL);

  if (snapshot != NULL)
    {
      apply_snapshot (HT_SYNC_SCHEDULER (source_object), snapshot);
      snapshot_free (snapshot);
    }
}

void
ht_sync_scheduler_refresh (HtSyncScheduler *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));

  task = g_task_new (self, NULL, refresh_done_cb, NULL);
  g_task_set_source_tag (task, ht_sync_scheduler_refresh);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, refresh_worker);
}

void
ht_sync_scheduler_set_options (HtSyncScheduler     *self,
                               const HtSyncOptions *options)
{
  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));
  self->options = *options;
}

/* ---- GObject ---- */

HtSyncScheduler *
ht_sync_scheduler_new (HtStore         *store,
                       GNetworkMonitor *monitor)
{
  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (HT_TYPE_SYNC_SCHEDULER, "store", store, "network-monitor", monitor, NULL);
}

static void
ht_sync_scheduler_constructed (GObject *object)
{
  HtSyncScheduler *self = HT_SYNC_SCHEDULER (object);

  G_OBJECT_CLASS (ht_sync_scheduler_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  ht_sync_scheduler_refresh (self);
}

static void
ht_sync_scheduler_dispose (GObject *object)
{
  HtSyncScheduler *self = HT_SYNC_SCHEDULER (object);

  ht_sync_scheduler_stop (self);
  G_OBJECT_CLASS (ht_sync_scheduler_parent_class)->dispose (object);
}

static void
ht_sync_scheduler_finalize (GObject *object)
{
  HtSyncScheduler *self = HT_SYNC_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->activity, g_free);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  G_OBJECT_CLASS (ht_sync_scheduler_parent_class)->finalize (object);
}

static void
ht_sync_scheduler_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HtSyncScheduler *self = HT_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ENROLLED:
      g_value_set_boolean (value, self->enrolled);
      break;
    case PROP_ACTIVITY:
      g_value_set_string (value, self->activity != NULL ? self->activity : "");
      break;
    case PROP_PROGRESS_DONE:
      g_value_set_uint64 (value, self->progress_done);
      break;
    case PROP_PROGRESS_TOTAL:
      g_value_set_uint64 (value, self->progress_total);
      break;
    case PROP_PENDING:
      g_value_set_uint64 (value, self->pending);
      break;
    case PROP_NEEDS_ATTENTION:
      g_value_set_uint64 (value, self->attention);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_boxed (value, self->last_success);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_sync_scheduler_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HtSyncScheduler *self = HT_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      ht_sync_scheduler_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_RETRY_INTERVAL:
      ht_sync_scheduler_set_retry_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_sync_scheduler_class_init (HtSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ht_sync_scheduler_constructed;
  object_class->dispose = ht_sync_scheduler_dispose;
  object_class->finalize = ht_sync_scheduler_finalize;
  object_class->get_property = ht_sync_scheduler_get_property;
  object_class->set_property = ht_sync_scheduler_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, HT_TYPE_SYNC_SCHEDULER_STATE, HT_SYNC_SCHEDULER_IDLE, ro);
  properties[PROP_ENROLLED] = g_param_spec_boolean ("enrolled", NULL, NULL, FALSE, ro);
  properties[PROP_ACTIVITY] = g_param_spec_string ("activity", NULL, NULL, "", ro);
  properties[PROP_PROGRESS_DONE] = g_param_spec_uint64 ("progress-done", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PROGRESS_TOTAL] = g_param_spec_uint64 ("progress-total", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PENDING] = g_param_spec_uint64 ("pending", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_NEEDS_ATTENTION] = g_param_spec_uint64 ("needs-attention", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_LAST_SUCCESS] = g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, MIN_INTERVAL, G_MAXUINT / 2, DEFAULT_INTERVAL, rw);
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL, 1, G_MAXUINT / 2, DEFAULT_RETRY_INTERVAL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
ht_sync_scheduler_init (HtSyncScheduler *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->interval = DEFAULT_INTERVAL;
  self->retry_interval = DEFAULT_RETRY_INTERVAL;
  self->activity = g_strdup ("");
  ht_sync_options_init (&self->options);
  /* The app runs many syncs a day: a server that stops answering midway is
   * left to the scheduler's own retries rather than kept waiting on. */
  self->options.max_attempts = 4;
  self->options.backoff_max_ms = 8000;
}

/* ---- Accessors ---- */

HtStore *
ht_sync_scheduler_get_store (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), NULL);
  return self->store;
}

HtSyncSchedulerState
ht_sync_scheduler_get_state (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), HT_SYNC_SCHEDULER_IDLE);
  return self->state;
}

gboolean
ht_sync_scheduler_get_enrolled (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), FALSE);
  return self->enrolled;
}

const char *
ht_sync_scheduler_get_activity (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), NULL);
  return self->activity;
}

guint64
ht_sync_scheduler_get_progress_done (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), 0);
  return self->progress_done;
}

guint64
ht_sync_scheduler_get_progress_total (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), 0);
  return self->progress_total;
}

guint64
ht_sync_scheduler_get_pending (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), 0);
  return self->pending;
}

guint64
ht_sync_scheduler_get_needs_attention (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), 0);
  return self->attention;
}

GDateTime *
ht_sync_scheduler_get_last_success (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), NULL);
  return self->last_success;
}

const char *
ht_sync_scheduler_get_last_error (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), NULL);
  return self->last_error;
}

guint
ht_sync_scheduler_get_interval (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), 0);
  return self->interval;
}

void
ht_sync_scheduler_set_interval (HtSyncScheduler *self,
                                guint            seconds)
{
  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));

  seconds = MAX (seconds, MIN_INTERVAL);
  if (self->interval == seconds)
    return;
  self->interval = seconds;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
ht_sync_scheduler_get_retry_interval (HtSyncScheduler *self)
{
  g_return_val_if_fail (HT_IS_SYNC_SCHEDULER (self), 0);
  return self->retry_interval;
}

void
ht_sync_scheduler_set_retry_interval (HtSyncScheduler *self,
                                      guint            seconds)
{
  g_return_if_fail (HT_IS_SYNC_SCHEDULER (self));

  seconds = MAX (seconds, 1);
  if (self->retry_interval == seconds)
    return;
  self->retry_interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_INTERVAL]);
}
