/* ht-sync-engine.c — pushing the outbox and pulling what the server decided (sync protocol v1).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shape follows EDS's ECalMetaBackend: take the lock, upload local
 * changes, then fetch remote ones since a stored cursor.  What is ours is
 * the bookkeeping of exactly-once: a batch is read from the outbox, sent,
 * and its answers recorded in one transaction; until that commit the
 * batch is still in the outbox and the next attempt sends the same changes
 * again, which the server recognises by their change ids.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-kinds.h"
#include "ht-sync-engine-private.h"
#include "ht-sync-lock.h"
#include "ht-sync-wire.h"

/* docs/api.md "Bounds". */
#define MAX_BATCH 1000
#define MAX_PULL_LIMIT 1000
/* A Retry-After longer than this is not waited for within a run. */
#define MAX_RETRY_AFTER_MS (5 * 60 * 1000)

struct _HtSyncEngine
{
  GObject             parent_instance;

  HtStore            *store;
  HtSyncDevice       *device;
  HtSyncOptions       options;
  HtSyncProgressFunc  progress;
  gpointer            progress_data;
  HtSyncLogFunc       log;
  gpointer            log_data;
};

G_DEFINE_FINAL_TYPE (HtSyncEngine, ht_sync_engine, G_TYPE_OBJECT)

void
ht_sync_options_init (HtSyncOptions *options)
{
  options->batch_size = MAX_BATCH;
  options->batch_bytes = 4 * 1024 * 1024;
  options->pull_limit = MAX_PULL_LIMIT;
  options->max_attempts = 6;
  options->backoff_initial_ms = 1000;
  options->backoff_max_ms = 60000;
  options->connect_timeout_ms = 15000;
  options->request_timeout_ms = 300000;
  options->numbers_low = 20;
  options->gzip = TRUE;
  options->in_flight = 2;
}

static void
ht_sync_engine_finalize (GObject *object)
{
  HtSyncEngine *self = HT_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->device, ht_sync_device_free);
  G_OBJECT_CLASS (ht_sync_engine_parent_class)->finalize (object);
}

static void
ht_sync_engine_class_init (HtSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ht_sync_engine_finalize;
}

static void
ht_sync_engine_init (HtSyncEngine *self)
{
  ht_sync_options_init (&self->options);
}

HtSyncEngine *
ht_sync_engine_new (HtStore  *store,
                    GError  **error)
{
  g_autoptr(HtSyncEngine) self = NULL;
  g_autoptr(GError) local_error = NULL;
  HtSyncDevice *device;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);

  device = ht_store_sync_get_device (store, &local_error);
  if (device == NULL)
    {
      if (g_error_matches (local_error, HT_ERROR, HT_ERROR_NOT_FOUND))
        g_set_error_literal (error, HT_SYNC_ERROR, HT_SYNC_ERROR_NOT_ENROLLED, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self = g_object_new (HT_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->device = device;
  return g_steal_pointer (&self);
}

void
ht_sync_engine_set_options (HtSyncEngine        *self,
                            const HtSyncOptions *options)
{
  g_return_if_fail (HT_IS_SYNC_ENGINE (self));

  self->options = *options;
  self->options.batch_size = CLAMP (self->options.batch_size, 1, MAX_BATCH);
  self->options.pull_limit = CLAMP (self->options.pull_limit, 1, MAX_PULL_LIMIT);
  self->options.batch_bytes = MAX (self->options.batch_bytes, 1024);
  self->options.max_attempts = MAX (self->options.max_attempts, 1);
  self->options.backoff_max_ms = MAX (self->options.backoff_max_ms, self->options.backoff_initial_ms);
  self->options.in_flight = CLAMP (self->options.in_flight, 1, HT_SYNC_MAX_IN_FLIGHT);
}

void
ht_sync_engine_set_progress (HtSyncEngine       *self,
                             HtSyncProgressFunc  func,
                             gpointer            user_data)
{
  g_return_if_fail (HT_IS_SYNC_ENGINE (self));
  self->progress = func;
  self->progress_data = user_data;
}

void
ht_sync_engine_set_log (HtSyncEngine  *self,
                        HtSyncLogFunc  func,
                        gpointer       user_data)
{
  g_return_if_fail (HT_IS_SYNC_ENGINE (self));
  self->log = func;
  self->log_data = user_data;
}

const HtSyncDevice *
ht_sync_engine_get_device (HtSyncEngine *self)
{
  g_return_val_if_fail (HT_IS_SYNC_ENGINE (self), NULL);
  return self->device;
}

void
_ht_sync_run_progress (HtSyncRun   *run,
                       HtSyncPhase  phase,
                       guint64      done,
                       guint64      total)
{
  if (run->self->progress == NULL)
    return;
  g_mutex_lock (&run->callback_lock);
  run->self->progress (phase, done, total, run->self->progress_data);
  g_mutex_unlock (&run->callback_lock);
}

static void
progress (HtSyncRun   *run,
          HtSyncPhase  phase,
          guint64      done,
          guint64      total)
{
  _ht_sync_run_progress (run, phase, done, total);
}

const HtSyncOptions *
_ht_sync_engine_options (HtSyncEngine *self)
{
  return &self->options;
}

HtStore *
_ht_sync_engine_store (HtSyncEngine *self)
{
  return self->store;
}

void
_ht_sync_run_log (HtSyncRun  *run,
                  const char *line)
{
  if (run->self->log == NULL)
    return;
  g_mutex_lock (&run->callback_lock);
  run->self->log (line, run->self->log_data);
  g_mutex_unlock (&run->callback_lock);
}

static void
log_trampoline (const char *line,
                gpointer    user_data)
{
  _ht_sync_run_log (user_data, line);
}

HtSyncHttp *
_ht_sync_run_new_http (HtSyncRun  *run,
                       GError    **error)
{
  HtSyncEngine *self = run->self;
  HtSyncHttp *http = ht_sync_http_new (self->device->server, self->device->ca_file, error);

  if (http == NULL)
    return NULL;
  ht_sync_http_set_token (http, self->device->token);
  ht_sync_http_set_timeouts (http, self->options.connect_timeout_ms, self->options.request_timeout_ms);
  if (self->log != NULL)
    ht_sync_http_set_log (http, log_trampoline, run);
  return http;
}

/* ---- Waiting and retrying ---- */

gboolean
ht_sync_sleep (guint          ms,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  GPollFD pollfd;
  gboolean have_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd);

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable) || left <= 0)
        break;
      /* The cancellable's fd becomes readable when it fires, so the wait
       * ends at once rather than at the end of the pause. */
      if (have_fd)
        g_poll (&pollfd, 1, (gint) MIN (left / 1000 + 1, G_MAXINT));
      else
        g_usleep ((gulong) MIN (left, 100000));
    }
  if (have_fd)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Capped exponential backoff with "equal jitter": a pause drawn in
 * [½, 1] of the capped doubling, so devices that lost the server at the
 * same moment do not all come back at the same moment. */
guint
_ht_sync_backoff_ms (const HtSyncOptions *options,
            guint                attempt,
            double               retry_after)
{
  double base = options->backoff_initial_ms;
  guint ms;

  for (guint i = 1; i < attempt && base < options->backoff_max_ms; i++)
    base *= 2;
  base = MIN (base, (double) options->backoff_max_ms);
  ms = (guint) (base / 2 + g_random_double () * base / 2);
  if (retry_after > 0)
    ms = MAX (ms, (guint) MIN (retry_after * 1000, (double) MAX_RETRY_AFTER_MS));
  return ms;
}

/* Sends a request, retrying transient failures.  Returns a 2xx answer, or
 * a 4xx answer other than 401 for the caller to judge; NULL with an error
 * otherwise (authentication, TLS, cancelled, or still failing after the
 * last attempt). */
static HtSyncResponse *
request_sized (HtSyncRun              *run,
               const char       *method,
               const char       *path,
               const char       *body,
               gsize             length,
               HtSyncHttpFlags   flags,
               gsize             raw_length,
               const char       *what,
               GError          **error)
{
  const HtSyncOptions *options = &run->self->options;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(HtSyncResponse) response = NULL;
      double retry_after = -1;
      guint pause;

      response = ht_sync_http_request (run->http, method, path, body, length, flags, run->cancellable,
                                       &local_error);
      run->report->requests++;
      if (response != NULL)
        {
          if (!ht_sync_response_to_error (response, what, &local_error))
            {
              run->report->bytes_sent += raw_length;
              return g_steal_pointer (&response);
            }
          if (g_error_matches (local_error, HT_SYNC_ERROR, HT_SYNC_ERROR_REFUSED))
            return g_steal_pointer (&response);
          retry_after = response->retry_after;
        }

      if (!ht_sync_error_is_transient (local_error) || attempt >= options->max_attempts)
        {
          if (ht_sync_error_is_transient (local_error))
            g_prefix_error (&local_error, ngettext ("After %u attempt: ", "After %u attempts: ", attempt), attempt);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      pause = _ht_sync_backoff_ms (options, attempt, retry_after);
      run->report->retries++;
      if (run->self->log != NULL)
        {
          g_autofree char *line = g_strdup_printf (_("retrying in %.1f s (attempt %u of %u): %s"), pause / 1000.0,
                                                   attempt + 1, options->max_attempts, local_error->message);
          _ht_sync_run_log (run, line);
        }
      progress (run, HT_SYNC_PHASE_WAIT, attempt, pause);
      if (!ht_sync_sleep (pause, run->cancellable, error))
        return NULL;
    }
}

static HtSyncResponse *
request (HtSyncRun         *run,
         const char  *method,
         const char  *path,
         const char  *body,
         gsize        length,
         const char  *what,
         GError     **error)
{
  HtSyncHttpFlags flags = run->self->options.gzip && body != NULL ? HT_SYNC_HTTP_GZIP : HT_SYNC_HTTP_NONE;

  return request_sized (run, method, path, body, length, flags, length, what, error);
}

/* ---- Register numbers ---- */

static gboolean
ask_block (HtSyncRun         *run,
           const char  *kind,
           gint64       year,
           GError     **error)
{
  g_autoptr(cJSON) body = cJSON_CreateObject ();
  g_autofree char *text = NULL;
  g_autoptr(HtSyncResponse) response = NULL;
  g_autoptr(GArray) blocks = NULL;

  cJSON_AddStringToObject (body, "kind", kind);
  cJSON_AddNumberToObject (body, "book_year", (double) year);
  text = cJSON_PrintUnformatted (body);
  response = request (run, "POST", "/api/v1/number-blocks", text, strlen (text), _("the request for register numbers"),
                      error);
  if (response == NULL)
    return FALSE;
  if (ht_sync_response_to_error (response, _("the request for register numbers"), error))
    return FALSE;
  blocks = ht_sync_wire_number_blocks (response->body, response->length, error);
  if (blocks == NULL)
    return FALSE;
  /* The block comes again at pull; adding it twice changes nothing. */
  for (guint i = 0; i < blocks->len; i++)
    {
      const HtNumberBlock *block = &g_array_index (blocks, HtNumberBlock, i);

      if (!ht_store_add_number_block (run->self->store, block->kind, block->book_year, block->first, block->last,
                                      error))
        return FALSE;
    }
  run->report->blocks++;
  return TRUE;
}

/* A clerk's PC keeps a stock of numbers for every book of the year, and in
 * December for the next, so it can register offline on 1 January. */
static gboolean
refill_numbers (HtSyncRun     *run,
                GError **error)
{
  GDate today;
  gint64 years[2];
  guint n_years = 1;

  if (g_strcmp0 (run->self->device->role, "clerk") != 0)
    return TRUE;
  ht_date_today (&today);
  years[0] = g_date_get_year (&today);
  if (g_date_get_month (&today) == G_DATE_DECEMBER)
    years[n_years++] = years[0] + 1;

  progress (run, HT_SYNC_PHASE_NUMBERS, 0, 0);
  for (guint y = 0; y < n_years; y++)
    for (const HtKind *const *kind = ht_kinds_all (); *kind != NULL; kind++)
      {
        if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
          return FALSE;
        if (ht_store_numbers_left (run->self->store, (*kind)->code, years[y]) >= run->self->options.numbers_low)
          continue;
        if (!ask_block (run, (*kind)->code, years[y], error))
          return FALSE;
      }
  return TRUE;
}

/* ---- Pull ---- */

/* One page of a pull being applied by another thread. */
typedef struct
{
  HtStore      *store;
  GPtrArray    *changes;
  gint64        cursor;
  GThread      *thread;
  GError       *error;
} Applying;

static gpointer
apply_thread (gpointer data)
{
  Applying *a = data;

  ht_store_sync_apply_pull (a->store, a->changes, a->cursor, NULL, &a->error);
  return NULL;
}

/* Waits for the page being applied; FALSE with its error if it failed. */
static gboolean
applied (Applying  *a,
         GError   **error)
{
  if (a->thread == NULL)
    return TRUE;
  g_thread_join (a->thread);
  a->thread = NULL;
  g_clear_pointer (&a->changes, g_ptr_array_unref);
  if (a->error != NULL)
    {
      g_propagate_error (error, a->error);
      a->error = NULL;
      return FALSE;
    }
  return TRUE;
}

/* Pulls until the server has nothing more.  A page is applied (with the
 * cursor after it, in one transaction) by another thread while the next
 * one is asked for: the request for page k+1 names the cursor after page
 * k, which the server gave, so it needs nothing of page k stored.  Pages
 * are still applied one after the other, in order; a run stopped before a
 * page's commit asks for it again from the stored cursor. */
static gboolean
pull (HtSyncRun     *run,
      GError **error)
{
  HtStore *store = run->self->store;
  gint64 cursor = ht_store_sync_get_cursor (store);
  guint64 done = 0;
  gboolean more = TRUE;
  Applying applying = { store, NULL, 0, NULL, NULL };
  g_autoptr(GError) local_error = NULL;

  progress (run, HT_SYNC_PHASE_PULL, 0, 0);
  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT "&limit=%u", cursor,
                                               run->self->options.pull_limit);
      g_autoptr(HtSyncResponse) response = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      gint64 next = cursor;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, &local_error))
        break;
      response = request (run, "GET", path, NULL, 0, _("the pull"), &local_error);
      if (response == NULL || ht_sync_response_to_error (response, _("the pull"), &local_error)
          || !ht_sync_wire_pull (response->body, response->length, cursor, &changes, &next, &more, &local_error))
        break;
      if (!applied (&applying, &local_error))
        break;
      cursor = next;
      done += changes->len;
      run->report->pulled += changes->len;
      applying.changes = g_steal_pointer (&changes);
      applying.cursor = next;
      applying.thread = g_thread_new ("ht-sync-apply", apply_thread, &applying);
      progress (run, HT_SYNC_PHASE_PULL, done, 0);
    }

  /* The page being applied is finished (or failed) before the run ends. */
  if (local_error != NULL)
    {
      g_autoptr(GError) apply_error = NULL;

      applied (&applying, &apply_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return applied (&applying, error);
}

/* ---- Runs ---- */

typedef enum {
  STEP_PUSH = 1 << 0,
  STEP_NUMBERS = 1 << 1,
  STEP_PULL = 1 << 2,
} Steps;

static gboolean
run_steps (HtSyncEngine  *self,
           Steps          steps,
           HtSyncReport  *report,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(HtSyncLock) lock = NULL;
  g_autoptr(GError) local_error = NULL;
  HtSyncReport local_report = { 0 };
  HtSyncRun run = { self, NULL, report != NULL ? report : &local_report, cancellable, { 0 } };
  gboolean ok;

  g_return_val_if_fail (HT_IS_SYNC_ENGINE (self), FALSE);

  lock = ht_sync_lock_acquire (ht_store_get_path (self->store), error);
  if (lock == NULL)
    return FALSE;

  g_mutex_init (&run.callback_lock);
  run.http = _ht_sync_run_new_http (&run, &local_error);
  ok = run.http != NULL;
  if (ok)
    {
      /* Mapped reads only save CPU: a register where they cannot be had
       * syncs the same with plain reads. */
      ht_store_sync_map_reads (self->store, TRUE, NULL);
      ok = (!(steps & STEP_PUSH) || _ht_sync_push (&run, &local_error))
        && (!(steps & STEP_NUMBERS) || refill_numbers (&run, &local_error))
        && (!(steps & STEP_PULL) || pull (&run, &local_error));
      ht_store_sync_map_reads (self->store, FALSE, NULL);
    }
  g_clear_pointer (&run.http, ht_sync_http_free);
  g_mutex_clear (&run.callback_lock);

  /* A cancelled run did not fail: the next one simply goes on. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ht_store_sync_note_run (self->store, ok, ok ? NULL : local_error->message, NULL);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

gboolean
ht_sync_engine_push (HtSyncEngine  *self,
                     HtSyncReport  *report,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return run_steps (self, STEP_PUSH, report, cancellable, error);
}

gboolean
ht_sync_engine_pull (HtSyncEngine  *self,
                     HtSyncReport  *report,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return run_steps (self, STEP_NUMBERS | STEP_PULL, report, cancellable, error);
}

gboolean
ht_sync_engine_run (HtSyncEngine  *self,
                    HtSyncReport  *report,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return run_steps (self, STEP_PUSH | STEP_NUMBERS | STEP_PULL, report, cancellable, error);
}

gboolean
ht_sync_probe_server (const char    *server,
                      const char    *ca_file,
                      guint          timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(HtSyncHttp) http = ht_sync_http_new (server, ca_file, error);
  g_autoptr(HtSyncResponse) response = NULL;
  g_autoptr(cJSON) json = NULL;

  if (http == NULL)
    return FALSE;
  ht_sync_http_set_timeouts (http, timeout_ms, timeout_ms);
  response = ht_sync_http_request (http, "GET", "/api/v1/health", NULL, 0, HT_SYNC_HTTP_NONE, cancellable, error);
  if (response == NULL || ht_sync_response_to_error (response, _("the health check"), error))
    return FALSE;
  json = cJSON_ParseWithLengthOpts (response->body, response->length, NULL, FALSE);
  if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (json, "status")), "ok") != 0)
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_PROTOCOL,
                   _("%s answers, but not as a hotich server (no {\"status\": \"ok\"} at /api/v1/health)"), server);
      return FALSE;
    }
  return TRUE;
}

gboolean
ht_sync_engine_probe (HtSyncEngine  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (HT_IS_SYNC_ENGINE (self), FALSE);
  return ht_sync_probe_server (self->device->server, self->device->ca_file,
                               MIN (self->options.connect_timeout_ms, 10000), cancellable, error);
}
