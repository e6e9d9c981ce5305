/* ht-sync-scheduler.h — when the app syncs: on connectivity, on a timer, on demand.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HtSyncScheduler is what the app's header bar and Sync page bind to.  It
 * lives in the main thread (the GMainContext it was made in); each run of
 * the engine (ht-sync-engine.h) happens in a GTask worker thread, and what
 * the run reports comes back as property notifications in the main thread,
 * so widgets only ever bind properties and connect signals.
 *
 * When it runs, once ht_sync_scheduler_start() was called:
 *  - at once, then every "interval" seconds (default 300);
 *  - when GNetworkMonitor says the network is back after the last run
 *    could not get through;
 *  - while the server cannot be reached ("state" is OFFLINE), it asks
 *    GET /api/v1/health after "retry-interval" seconds (default 30), then
 *    after twice that, and so on up to "interval", and syncs as soon as the
 *    server answers — so a server that comes back is noticed even where
 *    the network monitor saw no change;
 *  - on demand: ht_sync_scheduler_run_now() ("Sync now").
 * Every run asks /api/v1/health first, so being offline costs one short
 * request rather than the engine's retries.  Runs never overlap: a request
 * during a run makes one more run after it, and the register's sync lock
 * keeps a run of hotich-sync (or of another copy of the app) out too — the
 * scheduler then simply tries again later.  After the server refused the
 * device's token ("last-error" says so) automatic runs stop until
 * run_now() or the register is enrolled again.
 *
 * Properties (all read-only but "interval" and "retry-interval"):
 *   "store"             HtStore, construct-only
 *   "network-monitor"   GNetworkMonitor, construct-only (default: the system's)
 *   "state"             HtSyncSchedulerState
 *   "enrolled"          gboolean: the register has device credentials
 *   "activity"          string: what the running sync does now, translated ("" when idle)
 *   "progress-done"     guint64 and
 *   "progress-total"    guint64: changes sent of changes queued, or pulled (total 0)
 *   "pending"           guint64: changes waiting to be sent
 *   "needs-attention"   guint64: records the server refused
 *   "last-success"      GDateTime (nullable): end of the last successful run
 *   "last-error"        string (nullable): why the last run failed, translated
 *   "interval"          guint: seconds between automatic runs (≥ 10)
 *   "retry-interval"    guint: first pause before asking an unreachable server again (≥ 1)
 * Signal:
 *   "run-finished" (gboolean success): a run ended; on failure "last-error" says why.
 *
 * Dropping the last reference while a run is in progress keeps the object
 * alive until the run ends (the worker holds it); call
 * ht_sync_scheduler_stop() first to cancel the run.
 */
#pragma once

#include <gio/gio.h>

#include "ht-store.h"
#include "ht-sync-engine.h"

G_BEGIN_DECLS

typedef enum {
  HT_SYNC_SCHEDULER_IDLE,     /* nothing running; the last run went well, or none ran yet */
  HT_SYNC_SCHEDULER_RUNNING,
  HT_SYNC_SCHEDULER_OFFLINE,  /* the server cannot be reached; retried by itself */
  HT_SYNC_SCHEDULER_ERROR,    /* the last run failed otherwise; see "last-error" */
} HtSyncSchedulerState;

GType ht_sync_scheduler_state_get_type (void);
#define HT_TYPE_SYNC_SCHEDULER_STATE (ht_sync_scheduler_state_get_type ())

#define HT_TYPE_SYNC_SCHEDULER (ht_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (HtSyncScheduler, ht_sync_scheduler, HT, SYNC_SCHEDULER, GObject)

/* "monitor" may be NULL (the system's).  Nothing runs before start(); the
 * counts are read at once. */
HtSyncScheduler     *ht_sync_scheduler_new          (HtStore          *store,
                                                     GNetworkMonitor  *monitor);

/* Automatic runs: now, on the timer and when the network comes back. */
void                 ht_sync_scheduler_start        (HtSyncScheduler  *self);
/* No more automatic runs; a run in progress is cancelled (nothing is lost). */
void                 ht_sync_scheduler_stop         (HtSyncScheduler  *self);
/* A run now, or right after the one in progress. */
void                 ht_sync_scheduler_run_now      (HtSyncScheduler  *self);
/* Cancels the run in progress, if any. */
void                 ht_sync_scheduler_cancel       (HtSyncScheduler  *self);
/* Reads "pending", "needs-attention" and "enrolled" again (after the app
 * saved a record, or enrolled the register). */
void                 ht_sync_scheduler_refresh      (HtSyncScheduler  *self);
/* Options for the runs to come (batch sizes, retries, timeouts). */
void                 ht_sync_scheduler_set_options  (HtSyncScheduler      *self,
                                                     const HtSyncOptions  *options);

HtStore             *ht_sync_scheduler_get_store          (HtSyncScheduler *self);
HtSyncSchedulerState ht_sync_scheduler_get_state          (HtSyncScheduler *self);
gboolean             ht_sync_scheduler_get_enrolled       (HtSyncScheduler *self);
const char          *ht_sync_scheduler_get_activity       (HtSyncScheduler *self);
guint64              ht_sync_scheduler_get_progress_done  (HtSyncScheduler *self);
guint64              ht_sync_scheduler_get_progress_total (HtSyncScheduler *self);
guint64              ht_sync_scheduler_get_pending        (HtSyncScheduler *self);
guint64              ht_sync_scheduler_get_needs_attention (HtSyncScheduler *self);
GDateTime           *ht_sync_scheduler_get_last_success   (HtSyncScheduler *self);
const char          *ht_sync_scheduler_get_last_error     (HtSyncScheduler *self);
guint                ht_sync_scheduler_get_interval       (HtSyncScheduler *self);
void                 ht_sync_scheduler_set_interval       (HtSyncScheduler *self,
                                                           guint            seconds);
guint                ht_sync_scheduler_get_retry_interval (HtSyncScheduler *self);
void                 ht_sync_scheduler_set_retry_interval (HtSyncScheduler *self,
                                                           guint            seconds);

G_END_DECLS
