/* ht-sync-engine-private.h — what the engine's files share about a run.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ht-sync-engine.h"

G_BEGIN_DECLS

/* What one run works with. */
typedef struct
{
  HtSyncEngine  *self;
  HtSyncHttp    *http;
  HtSyncReport  *report;
  GCancellable  *cancellable;
  /* The progress and log callbacks are called one at a time: requests
   * pushed at the same time log from their own threads. */
  GMutex         callback_lock;
} HtSyncRun;

const HtSyncOptions *_ht_sync_engine_options (HtSyncEngine *self);
HtStore             *_ht_sync_engine_store   (HtSyncEngine *self);

/* Calls the engine's progress callback (in the run's thread). */
void        _ht_sync_run_progress (HtSyncRun    *run,
                                   HtSyncPhase   phase,
                                   guint64       done,
                                   guint64       total);
/* Calls the engine's log callback, if any (any thread). */
void        _ht_sync_run_log      (HtSyncRun    *run,
                                   const char   *line);
/* Another HTTP client like run->http: its own connection, for a request
 * that goes at the same time as others. */
HtSyncHttp *_ht_sync_run_new_http (HtSyncRun    *run,
                                   GError      **error);
/* The pause before the next try of a request (capped exponential backoff
 * with jitter, at least "retry_after" seconds when that is positive). */
guint       _ht_sync_backoff_ms   (const HtSyncOptions *options,
                                   guint                attempt,
                                   double               retry_after);

/* Pushes the outbox (ht-sync-push.c). */
gboolean    _ht_sync_push         (HtSyncRun    *run,
                                   GError      **error);

G_END_DECLS
