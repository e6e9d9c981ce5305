/* ht-sync-engine.h — pushing the outbox and pulling what the server decided (sync protocol v1).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run pushes the outbox in bounded batches (count and bytes, gzip
 * bodies), asks for register numbers when a book runs low, then pulls until
 * the server has nothing more.  Every step is safe to stop at any moment —
 * a GCancellable, a crash, a lost connection — and to run again:
 *
 *  - an outbox entry leaves only in the transaction that records the
 *    server's answer for it, and a change sent again is answered
 *    "duplicate" with its first result, so nothing is lost or doubled;
 *  - a pull page and the cursor after it are one transaction;
 *  - transient failures (no answer, 5xx, 429) are retried with capped
 *    exponential backoff and jitter, honouring Retry-After, and the run
 *    resumes where it stopped; after "max_attempts" tries of one request
 *    the run ends with HT_SYNC_ERROR_UNREACHABLE (nothing lost);
 *  - a change the server refuses (rejected, conflict) marks its record
 *    "needs attention" with the server's code and message and the run goes
 *    on; a request refused whole (400, 403, 413) is split until the change
 *    at fault is alone, and only that one needs attention;
 *  - 401 ends the run at once with HT_SYNC_ERROR_AUTH;
 *  - up to "in_flight" push requests are with the server at once, never
 *    two holding changes of one record or changes that could find each
 *    other's records (ht-sync-push.c, ht-sync-deps.h), and their answers
 *    are recorded in the order they were sent.
 *
 * A run holds the register's sync lock (ht-sync-lock.h) from start to end.
 * The engine is used from one thread at a time (the scheduler runs it in a
 * GTask worker); the callbacks are called in that thread.
 */
#pragma once

#include <gio/gio.h>

#include "ht-store.h"
#include "ht-store-sync.h"
#include "ht-sync-error.h"
#include "ht-sync-http.h"

G_BEGIN_DECLS

typedef struct
{
  guint  batch_size;          /* changes per push, 1 to 1,000 (default 1,000) */
  gsize  batch_bytes;         /* JSON bytes per push before gzip (default 4 MiB; the server takes 8) */
  guint  pull_limit;          /* changes per pull page, 1 to 1,000 (default 1,000) */
  guint  max_attempts;        /* tries of one request before giving up (default 6) */
  guint  backoff_initial_ms;  /* the first pause (default 1 s); it doubles up to… */
  guint  backoff_max_ms;      /* …this (default 60 s); each pause is jittered in [½, 1] of it */
  guint  connect_timeout_ms;  /* default 15 s */
  guint  request_timeout_ms;  /* a whole request, default 5 min */
  guint  numbers_low;         /* ask for a block when fewer numbers are left (default 20) */
  gboolean gzip;              /* gzip request bodies (default TRUE) */
  guint  in_flight;           /* push requests with the server at once, 1 to HT_SYNC_MAX_IN_FLIGHT (default 2) */
} HtSyncOptions;

#define HT_SYNC_MAX_IN_FLIGHT 4

void ht_sync_options_init (HtSyncOptions *options);

typedef enum {
  HT_SYNC_PHASE_PUSH,     /* done/total: changes answered / changes queued */
  HT_SYNC_PHASE_NUMBERS,  /* asking for register numbers */
  HT_SYNC_PHASE_PULL,     /* done: changes pulled (total 0: unknown) */
  HT_SYNC_PHASE_WAIT,     /* waiting before a retry: done = attempt, total = pause in ms */
} HtSyncPhase;

typedef struct
{
  guint64 pushed;      /* changes the server applied (or had applied: duplicates) */
  guint64 refused;     /* changes it rejected or found in conflict */
  guint64 pulled;      /* changes pulled */
  guint64 blocks;      /* number blocks asked for */
  guint64 requests;
  guint64 retries;
  guint64 bytes_sent;  /* request bodies answered, before gzip */
} HtSyncReport;

typedef void (*HtSyncProgressFunc) (HtSyncPhase  phase,
                                    guint64      done,
                                    guint64      total,
                                    gpointer     user_data);

#define HT_TYPE_SYNC_ENGINE (ht_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (HtSyncEngine, ht_sync_engine, HT, SYNC_ENGINE, GObject)

/* An engine for an enrolled register; HT_SYNC_ERROR_NOT_ENROLLED if it is
 * not. */
HtSyncEngine *ht_sync_engine_new          (HtStore              *store,
                                           GError              **error);
void          ht_sync_engine_set_options  (HtSyncEngine         *self,
                                           const HtSyncOptions  *options);
void          ht_sync_engine_set_progress (HtSyncEngine         *self,
                                           HtSyncProgressFunc    func,
                                           gpointer              user_data);
/* One line per HTTP request (hotich-sync --verbose). */
void          ht_sync_engine_set_log      (HtSyncEngine         *self,
                                           HtSyncLogFunc         func,
                                           gpointer              user_data);
const HtSyncDevice *ht_sync_engine_get_device (HtSyncEngine *self);

/* "report" may be NULL.  Each of these takes the sync lock, and records
 * in the register how it ended (last success, or last error) unless it
 * was cancelled.  TRUE means the run completed: some records may still
 * need attention (report->refused, ht_store_sync_summary()). */
gboolean      ht_sync_engine_push  (HtSyncEngine  *self,
                                    HtSyncReport  *report,
                                    GCancellable  *cancellable,
                                    GError       **error);
gboolean      ht_sync_engine_pull  (HtSyncEngine  *self,
                                    HtSyncReport  *report,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* Push, register numbers, then pull until drained. */
gboolean      ht_sync_engine_run   (HtSyncEngine  *self,
                                    HtSyncReport  *report,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Asks GET /api/v1/health once (short timeouts, no retry, no lock). */
gboolean      ht_sync_engine_probe (HtSyncEngine  *self,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* The same for any server (enrolment, status of a register not enrolled). */
gboolean      ht_sync_probe_server (const char    *server,
                                    const char    *ca_file,
                                    guint          timeout_ms,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Waits "ms" milliseconds unless "cancellable" fires first (then FALSE
 * with G_IO_ERROR_CANCELLED). */
gboolean      ht_sync_sleep        (guint          ms,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
