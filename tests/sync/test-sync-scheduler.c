/* test-sync-scheduler.c — the app's scheduler: offline at start, then the server comes back; on demand; the lock.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The network monitor is a fake one the test switches, as EDS's
 * test-cal-meta-backend toggles e_backend_set_online(); the "offline"
 * server is the fault proxy refusing connections.
 */
#include <string.h>

#include "ht-sync-lock.h"
#include "ht-sync-scheduler.h"
#include "fault-proxy.h"
#include "hs-test-main.h"
#include "sync-test-util.h"

/* ---- A network monitor the test controls ---- */

#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

struct _FakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  FAKE_PROP_0,
  FAKE_PROP_AVAILABLE,
  FAKE_PROP_METERED,
  FAKE_PROP_CONNECTIVITY,
};

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface);
static void fake_initable_iface_init (GInitableIface *iface);

/* GNetworkMonitor requires GInitable. */
G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

static gboolean
fake_initable_init (GInitable     *initable,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return TRUE;
}

static void
fake_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_initable_init;
}

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case FAKE_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case FAKE_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case FAKE_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
fake_can_reach (GNetworkMonitor     *monitor,
                GSocketConnectable  *connectable,
                GCancellable        *cancellable,
                GError             **error)
{
  return FAKE_MONITOR (monitor)->available;
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = fake_can_reach;
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, FAKE_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, FAKE_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, FAKE_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
}

static void
fake_monitor_set (FakeMonitor *self,
                  gboolean     available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- Waiting in the main loop ---- */

static gboolean
state_is (HtSyncScheduler      *scheduler,
          HtSyncSchedulerState  state)
{
  return ht_sync_scheduler_get_state (scheduler) == state;
}

/* Iterates the main context until the scheduler is in "state" and not
 * running, or "seconds" passed (then fails). */
static void
wait_for_state (HtSyncScheduler      *scheduler,
                HtSyncSchedulerState  state,
                guint                 seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!state_is (scheduler, state))
    {
      ck_assert_msg (g_get_monotonic_time () < deadline, "still %d, not %d, after %u s (last error: %s)",
                     ht_sync_scheduler_get_state (scheduler), state, seconds,
                     ht_sync_scheduler_get_last_error (scheduler));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* Iterates the main context until "cond" holds; fails after a minute
 * rather than hanging the suite. */
#define WAIT_UNTIL(cond)                                                             \
  G_STMT_START                                                                       \
  {                                                                                  \
    gint64 deadline_ = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;                \
    while (!(cond))                                                                  \
      {                                                                              \
        ck_assert_msg (g_get_monotonic_time () < deadline_, "still not %s", #cond);  \
        g_main_context_iteration (NULL, FALSE);                                      \
        g_usleep (2000);                                                             \
      }                                                                              \
  }                                                                                  \
  G_STMT_END

static void
count_runs_cb (HtSyncScheduler *scheduler,
               gboolean         success,
               gpointer         user_data)
{
  guint *runs = user_data;
  (*runs)++;
}

static HtStore *
backlog (const char *name,
         const char *office,
         guint       first,
         guint       n,
         const char *url)
{
  g_autofree char *path = st_path (name);
  g_autoptr(HtStore) store = st_register_new (name, office);

  st_add_births (store, first, n);
  g_clear_object (&store);
  return st_enroll (path, url, "clerk", office);
}

static void
quick (HtSyncScheduler *scheduler)
{
  HtSyncOptions options;

  st_options (&options);
  options.max_attempts = 2;
  ht_sync_scheduler_set_options (scheduler, &options);
  ht_sync_scheduler_set_retry_interval (scheduler, 1);
}

/* The PC starts with no network and a server that cannot be reached; when
 * the network comes back, the scheduler syncs by itself. */
START_TEST (test_offline_then_network_returns)
{
  g_autoptr(FaultProxy) proxy = fault_proxy_new (hs_test_server_port (st_server));
  g_autoptr(HtStore) store = backlog ("offline.db", hs_test_office ("52", 0), 90000, 120, fault_proxy_url (proxy));
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(HtSyncScheduler) scheduler = NULL;
  guint runs = 0;

  fault_proxy_set (proxy, FAULT_REFUSE, 0, 0);
  scheduler = ht_sync_scheduler_new (store, G_NETWORK_MONITOR (monitor));
  quick (scheduler);
  /* Long enough that only the network can bring it back within the test. */
  ht_sync_scheduler_set_retry_interval (scheduler, 3600);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (count_runs_cb), &runs);
  ht_sync_scheduler_start (scheduler);

  wait_for_state (scheduler, HT_SYNC_SCHEDULER_OFFLINE, 30);
  ck_assert_uint_eq (runs, 1);
  ck_assert_ptr_nonnull (ht_sync_scheduler_get_last_error (scheduler));
  ck_assert_uint_eq (ht_sync_scheduler_get_pending (scheduler), 120);
  ck_assert (ht_sync_scheduler_get_enrolled (scheduler));
  ck_assert_ptr_null (ht_sync_scheduler_get_last_success (scheduler));

  /* The cable is plugged back in. */
  fault_proxy_set (proxy, FAULT_NONE, 0, 0);
  fake_monitor_set (monitor, TRUE);
  wait_for_state (scheduler, HT_SYNC_SCHEDULER_IDLE, 60);
  ck_assert_uint_eq (runs, 2);
  ck_assert_uint_eq (ht_sync_scheduler_get_pending (scheduler), 0);
  ck_assert_uint_eq (ht_sync_scheduler_get_needs_attention (scheduler), 0);
  ck_assert_ptr_nonnull (ht_sync_scheduler_get_last_success (scheduler));
  ck_assert_ptr_null (ht_sync_scheduler_get_last_error (scheduler));
  st_assert_synced (store, NULL);
  ht_sync_scheduler_stop (scheduler);
}
END_TEST

/* The server comes back while the network monitor sees no change (a
 * server restarted, a router that never went down): the scheduler's own
 * health probes notice it. */
START_TEST (test_offline_then_server_returns)
{
  g_autoptr(FaultProxy) proxy = fault_proxy_new (hs_test_server_port (st_server));
  g_autoptr(HtStore) store = backlog ("probe.db", hs_test_office ("52", 1), 91000, 50, fault_proxy_url (proxy));
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(HtSyncScheduler) scheduler = NULL;

  monitor->available = TRUE;
  fault_proxy_set (proxy, FAULT_REFUSE, 0, 0);
  scheduler = ht_sync_scheduler_new (store, G_NETWORK_MONITOR (monitor));
  quick (scheduler);
  ht_sync_scheduler_start (scheduler);
  wait_for_state (scheduler, HT_SYNC_SCHEDULER_OFFLINE, 30);

  fault_proxy_set (proxy, FAULT_NONE, 0, 0);
  wait_for_state (scheduler, HT_SYNC_SCHEDULER_IDLE, 60);
  ck_assert_uint_eq (ht_sync_scheduler_get_pending (scheduler), 0);
  st_assert_synced (store, NULL);
  ht_sync_scheduler_stop (scheduler);
}
END_TEST

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *notified = user_data;
  (*notified)++;
}

/* "Sync now", the counts the header bar shows, the progress, and the lock
 * shared with hotich-sync. */
START_TEST (test_run_now_and_lock)
{
  const char *office = hs_test_office ("52", 2);
  g_autofree char *path = st_path ("now.db");
  g_autoptr(FaultProxy) proxy = fault_proxy_new (hs_test_server_port (st_server));
  g_autoptr(HtStore) store = backlog ("now.db", office, 92000, 300, fault_proxy_url (proxy));
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(HtSyncScheduler) scheduler = NULL;
  g_autoptr(HtSyncLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  guint runs = 0, progress_seen = 0;
  HtSyncOptions options;

  monitor->available = TRUE;
  scheduler = ht_sync_scheduler_new (store, G_NETWORK_MONITOR (monitor));
  quick (scheduler);
  st_options (&options);
  options.batch_size = 50;
  ht_sync_scheduler_set_options (scheduler, &options);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (count_runs_cb), &runs);
  g_signal_connect (scheduler, "notify::progress-done", G_CALLBACK (count_notify_cb), &progress_seen);

  /* The counts are read at once, without a run. */
  WAIT_UNTIL (ht_sync_scheduler_get_pending (scheduler) == 300);
  ck_assert_int_eq (ht_sync_scheduler_get_state (scheduler), HT_SYNC_SCHEDULER_IDLE);

  /* hotich-sync holds the lock: the scheduler's run does not start, and
   * nothing is lost. */
  lock = ht_sync_lock_acquire (path, &error);
  ck_assert_ptr_nonnull (lock);
  ht_sync_scheduler_run_now (scheduler);
  WAIT_UNTIL (runs >= 1);
  ck_assert_int_eq (ht_sync_scheduler_get_state (scheduler), HT_SYNC_SCHEDULER_IDLE);
  ck_assert_uint_eq (ht_sync_scheduler_get_pending (scheduler), 300);
  g_clear_pointer (&lock, ht_sync_lock_release);

  /* A slow server: while the scheduler runs, hotich-sync cannot. */
  fault_proxy_set (proxy, FAULT_DELAY, 400, 0);
  ht_sync_scheduler_run_now (scheduler);
  ck_assert_int_eq (ht_sync_scheduler_get_state (scheduler), HT_SYNC_SCHEDULER_RUNNING);
  /* The first batch answered: the run holds the lock, and has five more
   * batches to go. */
  WAIT_UNTIL (progress_seen > 0);
  {
    const char *args[] = { "--db", path, "run", NULL };
    ck_assert_int_eq (st_cli (args, NULL, &err), 2);
    ck_assert_ptr_nonnull (strstr (err, "Another sync"));
  }
  /* "Sync now" during a run makes one more run after it, not a second
   * run at the same time. */
  ht_sync_scheduler_run_now (scheduler);
  WAIT_UNTIL (runs >= 3);
  ck_assert_int_eq (ht_sync_scheduler_get_state (scheduler), HT_SYNC_SCHEDULER_IDLE);
  ck_assert_uint_eq (ht_sync_scheduler_get_pending (scheduler), 0);
  ck_assert_uint_gt (progress_seen, 0);
  ck_assert_str_eq (ht_sync_scheduler_get_activity (scheduler), "");

  /* A record saved in the app shows as pending once the app says so. */
  g_free (st_save_birth (store, 92999));
  ht_sync_scheduler_refresh (scheduler);
  WAIT_UNTIL (ht_sync_scheduler_get_pending (scheduler) == 1);
  fault_proxy_set (proxy, FAULT_NONE, 0, 0);
  ht_sync_scheduler_run_now (scheduler);
  WAIT_UNTIL (runs >= 4);
  st_assert_synced (store, NULL);
}
END_TEST

/* The server refuses the token: the scheduler says so and stops trying by
 * itself. */
START_TEST (test_auth_failure_stops)
{
  g_autoptr(HtStore) store = backlog ("denied.db", hs_test_office ("52", 3), 93000, 10, st_url);
  g_autoptr(HtSyncScheduler) scheduler = NULL;
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(GError) error = NULL;
  guint runs = 0;

  ck_assert (ht_store_set_key (store, "sync.token", "bm90LWEtdG9rZW4tdGhlLXNlcnZlci1rbm93cw", &error));
  monitor->available = TRUE;
  scheduler = ht_sync_scheduler_new (store, G_NETWORK_MONITOR (monitor));
  quick (scheduler);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (count_runs_cb), &runs);
  ht_sync_scheduler_start (scheduler);
  wait_for_state (scheduler, HT_SYNC_SCHEDULER_ERROR, 30);
  ck_assert_ptr_nonnull (strstr (ht_sync_scheduler_get_last_error (scheduler), "enrolled again"));

  /* The network coming back does not start another doomed run. */
  fake_monitor_set (monitor, TRUE);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_uint_eq (runs, 1);
  ck_assert_int_eq (ht_sync_scheduler_get_state (scheduler), HT_SYNC_SCHEDULER_ERROR);
  ht_sync_scheduler_stop (scheduler);
}
END_TEST

int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "offline_then_network_returns", test_offline_then_network_returns },
    { "offline_then_server_returns", test_offline_then_server_returns },
    { "run_now_and_lock", test_run_now_and_lock },
    { "auth_failure_stops", test_auth_failure_stops },
  };

  return hs_test_main ("sync-scheduler", cases, G_N_ELEMENTS (cases), &st_pg, &st_server, &st_url, NULL, NULL);
}
