/* ht-sync-push.c — pushing the outbox, with more than one request at the server at once.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is CPU work in three places — the client reading the outbox and
 * recording answers, the server validating, PostgreSQL storing — and one
 * request at a time leaves all but one of them waiting.  So up to
 * "in_flight" push requests are with the server at once, each sent by a
 * thread of its own over its own connection, while the run's thread
 * records the answers that came back and reads the next batch.  The
 * sending threads live for the whole push (a pool of "in_flight"): a new
 * thread for every request paid each time for its allocator's first steps
 * (GLib's slice magazines, glibc consolidating the arena it was given),
 * which perf showed as 6% of the client's CPU in bench-sync.
 *
 * What keeps this exactly-once and in order:
 *
 *  - a batch holds no change of a record that is in a batch still with the
 *    server: its base version comes with that batch's answer;
 *  - the server applies requests that are with it together in no set
 *    order, and its rules look at other records, so two batches with it
 *    together hold no changes that could find each other's records
 *    (ht-sync-deps.h); a batch ends before such a change, which goes once
 *    the earlier batch is answered;
 *  - answers are recorded in the order the batches were sent, each batch's
 *    in one transaction, and an outbox entry leaves only in that
 *    transaction;
 *  - when a request fails (the network, 5xx, 429) or is refused whole
 *    (400, 403, 413), no new request leaves; those still with the server are
 *    waited for and their answers recorded; then, after a pause for a
 *    failure, the outbox is read again from its start.  What was sent and
 *    not recorded is sent again, and the server answers "duplicate";
 *  - a refused token (401), an answer that does not fit the protocol, or
 *    the run being cancelled stops everything the same way: the answers
 *    that came back are recorded, nothing else is sent.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-sync-deps.h"
#include "ht-sync-engine-private.h"
#include "ht-sync-wire.h"

/* A change read from the outbox and not sent yet. */
typedef struct
{
  HtSyncChange *change;
  HtSyncKeys   *keys;   /* NULL when one request goes at a time */
  gsize         bytes;
} Queued;

static void
queued_free (Queued *q)
{
  ht_sync_change_free (q->change);
  ht_sync_keys_free (q->keys);
  g_free (q);
}

/* A batch with the server, and what its thread brought back. */
typedef struct
{
  GPtrArray     *batch;       /* HtSyncChange* */
  GHashTable    *records;     /* the batch's records' rids (gint64*, borrowed from it) */
  HtSyncKeySet  *keys;        /* NULL when one request goes at a time */
  HtSyncHttp    *http;        /* the pool's */
  gboolean       gzip;
  GCancellable  *cancellable;
  GMutex        *done_lock;   /* the pusher's, with done_cond */
  GCond         *done_cond;
  gboolean       done;        /* the sending thread is finished with it */

  gsize           raw_length;
  HtSyncResponse *response;
  GPtrArray      *results;    /* HtSyncResult*, for a 2xx answer that fits the protocol */
  GError         *error;
} Flight;

static void
flight_free (Flight *f)
{
  g_clear_pointer (&f->records, g_hash_table_unref);
  g_clear_pointer (&f->batch, g_ptr_array_unref);
  g_clear_pointer (&f->keys, ht_sync_key_set_free);
  g_clear_pointer (&f->response, ht_sync_response_free);
  g_clear_pointer (&f->results, g_ptr_array_unref);
  g_clear_error (&f->error);
  g_free (f);
}

/* A sending thread's work for one batch: the body is built and gzipped
 * here, so that this work too runs beside the run's thread. */
static void
send_batch (Flight *f)
{
  g_autoptr(GString) json = ht_sync_wire_push_body (f->batch);
  g_autoptr(GBytes) body = NULL;
  gconstpointer bytes;
  gsize length;

  f->raw_length = json->len;
  if (f->gzip)
    body = ht_sync_http_gzip (f->http, json->str, json->len);
  else
    body = g_string_free_to_bytes (g_steal_pointer (&json));
  bytes = g_bytes_get_data (body, &length);
  f->response = ht_sync_http_request (f->http, "POST", "/api/v1/push", bytes, length,
                                      f->gzip ? HT_SYNC_HTTP_GZIPPED : HT_SYNC_HTTP_NONE, f->cancellable,
                                      &f->error);
  if (f->response != NULL && f->response->status >= 200 && f->response->status <= 299)
    f->results = ht_sync_wire_push_results (f->response->body, f->response->length, f->batch, &f->error);
}

static void
send_thread (gpointer data,
             gpointer user_data)
{
  Flight *f = data;

  send_batch (f);
  g_mutex_lock (f->done_lock);
  f->done = TRUE;
  g_cond_broadcast (f->done_cond);
  g_mutex_unlock (f->done_lock);
}

/* Waits until the sending thread is finished with "f". */
static void
wait_sent (Flight *f)
{
  g_mutex_lock (f->done_lock);
  while (!f->done)
    g_cond_wait (f->done_cond, f->done_lock);
  g_mutex_unlock (f->done_lock);
}

typedef struct
{
  HtSyncRun            *run;
  HtStore              *store;
  const HtSyncOptions  *options;
  GQueue                flights;    /* Flight*, the oldest first */
  GPtrArray            *idle_http;  /* HtSyncHttp*, free for a request */
  GPtrArray            *own_http;   /* those made here, freed at the end */
  GPtrArray            *queued;     /* Queued*, in outbox order */
  GThreadPool          *senders;    /* the sending threads, made at the first launch */
  GMutex                done_lock;
  GCond                 done_cond;
  gint64                read_after; /* the outbox was read up to this entry */
  guint                 cap;        /* changes per batch (smaller after a split) */
  guint64               done;
  guint64               total;

  GError               *stop;       /* the run ends with this once nothing is with the server */
  gboolean              draining;   /* no request leaves until the others came back */
  guint                 attempt;    /* failed tries since the last answer */
  guint                 pause_ms;   /* the pause once drained, after a failure */
} Pusher;

/* ---- Reading batches ---- */

/* What read_more() asks of every change it reads. */
typedef struct
{
  Pusher     *p;
  GHashTable *taking;
  GHashTable *queued;
} Busy;

/* Whether the record of "rid" is in a batch with the server, in the batch
 * being made, or queued already.  Asked of each flight's own set of records
 * rather than of one set made anew for every read: that cost the push's
 * thread a fifteenth of its CPU in bench-sync, adding some 3,000 record ids
 * a batch.  The sets hold rids, not the records' UUID texts: a number
 * hashes and compares in a few instructions, and the record of a rid is
 * the record of its id. */
static gboolean
is_busy (gint64   rid,
         gpointer user_data)
{
  const Busy *b = user_data;

  if (g_hash_table_contains (b->taking, &rid) || g_hash_table_contains (b->queued, &rid))
    return TRUE;
  for (GList *l = b->p->flights.head; l != NULL; l = l->next)
    if (g_hash_table_contains (((Flight *) l->data)->records, &rid))
      return TRUE;
  return FALSE;
}

/* Reads up to "want" more changes after those read, ending before a
 * change of a record that is with the server, queued already, or in
 * "taking" (the batch being made). */
static gboolean
read_more (Pusher      *p,
           GHashTable  *taking,
           guint        want,
           GError     **error)
{
  /* Few: the changes held back, which wait for an answer. */
  g_autoptr(GHashTable) queued = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) batch = NULL;
  gboolean together = p->options->in_flight > 1;
  Busy busy = { p, taking, queued };

  for (guint i = 0; i < p->queued->len; i++)
    {
      const Queued *q = p->queued->pdata[i];

      if (q->change != NULL)
        g_hash_table_add (queued, &q->change->rid);
    }

  batch = ht_store_sync_next_batch_after (p->store, p->read_after, is_busy, &busy, want, p->options->batch_bytes,
                                          error);
  if (batch == NULL)
    return FALSE;
  g_ptr_array_set_free_func (batch, NULL);
  for (guint i = 0; i < batch->len; i++)
    {
      Queued *q = g_new0 (Queued, 1);

      q->change = batch->pdata[i];
      q->bytes = q->change->json_len;
      if (together)
        q->keys = ht_sync_keys_of_change (q->change->json, p->store);
      p->read_after = q->change->entry->seq;
      g_ptr_array_add (p->queued, q);
    }
  return TRUE;
}

/* Whether "q" may go with the batches that will still be with the server
 * when the next one leaves: all of them when a place is free, all but the
 * oldest otherwise (the next one leaves once that one is answered). */
static gboolean
may_go (Pusher       *p,
        const Queued *q)
{
  GList *l = p->flights.head;

  if (q->keys == NULL)
    return TRUE;
  if (p->flights.length >= p->options->in_flight && l != NULL)
    l = l->next;
  for (; l != NULL; l = l->next)
    if (ht_sync_key_set_meets (((Flight *) l->data)->keys, q->keys))
      return FALSE;
  return TRUE;
}

/* The next batch, or NULL (with no error) when none can go yet: the
 * outbox is empty, or its next changes wait for answers.  A change that
 * may not go with the batches at the server is held back, and so is every
 * later change that depends on a held one; the changes after it that
 * depend on neither go now.  Those overtake the held ones safely, since
 * none of them could find the other's records.  Held changes stay first
 * in the queue and go once the batch they wait for is answered. */
static Flight *
take_batch (Pusher  *p,
            GError **error)
{
  gboolean together = p->options->in_flight > 1;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_change_free);
  g_autoptr(HtSyncKeySet) held = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) queued_free);
  Flight *f;
  gsize bytes = 0;
  guint i = 0, reads = 0;
  gboolean full = FALSE;

  f = g_new0 (Flight, 1);
  f->records = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (together)
    f->keys = ht_sync_key_set_new_like (p->flights.tail != NULL ? ((Flight *) p->flights.tail->data)->keys : NULL);
  for (;;)
    {
      Queued *q;

      if (i == p->queued->len)
        {
          guint before = p->queued->len;

          /* Read on while the batch is not full, but not without end when
           * everything read is held back. */
          if (full || batch->len >= p->cap || reads == 2
              || !read_more (p, f->records, p->cap - batch->len, error))
            break;
          reads++;
          if (p->queued->len == before)
            break;
        }
      q = p->queued->pdata[i++];
      if (batch->len >= p->cap || (batch->len > 0 && bytes + q->bytes > p->options->batch_bytes))
        {
          full = TRUE;
          break;
        }
      if (!may_go (p, q) || (held != NULL && ht_sync_key_set_meets (held, q->keys)))
        {
          if (held == NULL)
            held = ht_sync_key_set_new ();
          ht_sync_key_set_add (held, q->keys);
          continue;
        }
      bytes += q->bytes;
      g_hash_table_add (f->records, &q->change->rid);
      if (together)
        ht_sync_key_set_add (f->keys, q->keys);
      g_ptr_array_add (batch, g_steal_pointer (&q->change));
    }

  /* What was taken leaves the queue; the rest keeps its order. */
  for (guint j = 0; j < p->queued->len; j++)
    {
      Queued *q = p->queued->pdata[j];

      if (q->change != NULL)
        g_ptr_array_add (keep, q);
      else
        queued_free (q);
    }
  g_ptr_array_set_free_func (p->queued, NULL);
  g_ptr_array_set_size (p->queued, 0);
  g_ptr_array_set_free_func (p->queued, (GDestroyNotify) queued_free);
  g_ptr_array_extend_and_steal (p->queued, g_steal_pointer (&keep));

  if (batch->len == 0 || (error != NULL && *error != NULL))
    {
      flight_free (f);
      return NULL;
    }
  f->batch = g_steal_pointer (&batch);
  return f;
}

/* Sends "f" from a thread of its own; FALSE (and "f" freed) when no HTTP
 * client can be made for it (the CA file went away during the run). */
static gboolean
launch (Pusher  *p,
        Flight  *f,
        GError **error)
{
  HtSyncHttp *http = NULL;

  if (p->idle_http->len > 0)
    http = g_ptr_array_steal_index (p->idle_http, p->idle_http->len - 1);
  else
    {
      http = _ht_sync_run_new_http (p->run, error);
      if (http == NULL)
        {
          flight_free (f);
          return FALSE;
        }
      g_ptr_array_add (p->own_http, http);
    }
  if (p->senders == NULL)
    {
      /* Exclusive: the threads are made now and kept until the push
       * ends, each one sending one batch at a time. */
      p->senders = g_thread_pool_new (send_thread, NULL, (gint) p->options->in_flight, TRUE, error);
      if (p->senders == NULL)
        {
          g_ptr_array_add (p->idle_http, http);
          flight_free (f);
          return FALSE;
        }
    }
  f->http = http;
  f->gzip = p->options->gzip;
  f->cancellable = p->run->cancellable;
  f->done_lock = &p->done_lock;
  f->done_cond = &p->done_cond;
  if (!g_thread_pool_push (p->senders, f, error))
    {
      g_ptr_array_add (p->idle_http, http);
      flight_free (f);
      return FALSE;
    }
  g_queue_push_tail (&p->flights, f);
  return TRUE;
}

/* ---- Answers ---- */

/* Stores the answers for a batch (ht_store_sync_record_outcomes). */
static gboolean
record_results (HtStore     *store,
                GPtrArray   *batch,
                GPtrArray   *results,
                GError     **error)
{
  g_autofree HtPushOutcome *outcomes = g_new0 (HtPushOutcome, batch->len);

  for (guint i = 0; i < batch->len; i++)
    {
      const HtSyncChange *change = batch->pdata[i];
      const HtSyncResult *result = results->pdata[i];

      outcomes[i] = (HtPushOutcome) {
        change->entry->seq, change->entry->change_id, change->entry->record_id, result->status,
        result->server_version, result->code, result->message, result->issues, change->rid,
      };
    }
  return ht_store_sync_record_outcomes (store, outcomes, batch->len, error);
}

static void
count_results (HtSyncRun  *run,
               GPtrArray  *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      const HtSyncResult *result = results->pdata[i];

      if (result->status == HT_PUSH_APPLIED || result->status == HT_PUSH_DUPLICATE)
        run->report->pushed++;
      else
        run->report->refused++;
    }
}

/* The server refused a one-change request whole: that change needs
 * attention, with the server's code and message. */
static gboolean
refuse_alone (HtSyncRun             *run,
              const HtSyncChange    *change,
              const HtSyncResponse  *response,
              GError               **error)
{
  g_autofree char *message = NULL;
  HtPushOutcome outcome;

  if (response->status == 413)
    message = g_strdup (_("The record is too large for the server to accept"));
  else
    message = g_strdup_printf (_("The server refused the change (HTTP %ld): %s"), response->status,
                               response->error_message != NULL ? response->error_message : "");
  outcome = (HtPushOutcome) {
    change->entry->seq, change->entry->change_id, change->entry->record_id, HT_PUSH_REJECTED, -1,
    response->error_code != NULL ? response->error_code : "refused", message, NULL, change->rid,
  };
  run->report->refused++;
  return ht_store_sync_record_outcomes (_ht_sync_engine_store (run->self), &outcome, 1, error);
}

static void
stop (Pusher *p,
      GError *error)
{
  if (p->stop == NULL)
    p->stop = error;
  else
    g_error_free (error);
}

static void
answered (Pusher  *p,
          guint    n)
{
  p->done += n;
  p->total = MAX (p->total, p->done);
  _ht_sync_run_progress (p->run, HT_SYNC_PHASE_PUSH, p->done, p->total);
}

/* A request that did not get through: try again after a pause, unless it
 * was the last try.  A second failure while the first one's batches are
 * still coming back is the same failure. */
static void
failed (Pusher  *p,
        GError  *error,
        double   retry_after)
{
  if (p->draining || p->stop != NULL)
    {
      g_error_free (error);
      return;
    }
  p->attempt++;
  if (p->attempt >= p->options->max_attempts)
    {
      g_prefix_error (&error, ngettext ("After %u attempt: ", "After %u attempts: ", p->attempt), p->attempt);
      stop (p, error);
      return;
    }
  p->pause_ms = _ht_sync_backoff_ms (p->options, p->attempt, retry_after);
  p->run->report->retries++;
  {
    g_autofree char *line = g_strdup_printf (_("retrying in %.1f s (attempt %u of %u): %s"), p->pause_ms / 1000.0,
                                             p->attempt + 1, p->options->max_attempts, error->message);
    _ht_sync_run_log (p->run, line);
  }
  g_error_free (error);
  p->draining = TRUE;
}

/* What came back for the oldest batch. */
static void
handle (Pusher *p,
        Flight *f)
{
  HtSyncRun *run = p->run;
  GError *error = NULL;

  run->report->requests++;
  if (f->results != NULL)
    {
      if (!record_results (p->store, f->batch, f->results, &error))
        {
          stop (p, error);
          return;
        }
      count_results (run, f->results);
      run->report->bytes_sent += f->raw_length;
      p->attempt = 0;
      /* After a split, batches grow back to their size. */
      p->cap = MIN (p->options->batch_size, p->cap * 2);
      answered (p, f->batch->len);
      return;
    }
  if (f->error != NULL)
    {
      error = g_steal_pointer (&f->error);
      /* A 2xx answer that does not fit the protocol is not retried. */
      if (f->response == NULL && ht_sync_error_is_transient (error))
        failed (p, error, -1);
      else
        stop (p, error);
      return;
    }

  ht_sync_response_to_error (f->response, _("the push"), &error);
  if (!g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_REFUSED))
    {
      if (ht_sync_error_is_transient (error))
        failed (p, error, f->response->retry_after);
      else
        stop (p, error);
      return;
    }
  g_clear_error (&error);
  if (f->response->status == 404 || f->response->status == 405 || f->response->status == 415)
    {
      stop (p, g_error_new (HT_SYNC_ERROR, HT_SYNC_ERROR_PROTOCOL,
                            _("The server does not take pushes at this address (HTTP %ld); is it a hotich server?"),
                            f->response->status));
      return;
    }
  if (p->draining || p->stop != NULL)
    return;
  if (f->batch->len > 1)
    {
      /* A request refused whole (a change the server cannot read, too
       * large, out of scope): halve until the change at fault is alone, so
       * that only it waits and the others go on. */
      p->cap = MAX (1, f->batch->len / 2);
      p->pause_ms = 0;
      p->draining = TRUE;
      return;
    }
  if (!refuse_alone (run, f->batch->pdata[0], f->response, &error))
    {
      stop (p, error);
      return;
    }
  answered (p, 1);
}

/* ---- The run ---- */

static void
read_again (Pusher *p)
{
  g_ptr_array_set_size (p->queued, 0);
  p->read_after = 0;
}

gboolean
_ht_sync_push (HtSyncRun  *run,
               GError    **error)
{
  Pusher p = { 0 };
  Flight *next = NULL;
  gboolean tried = FALSE;  /* the next batch was looked for since the last change */
  gboolean ok = FALSE;

  p.run = run;
  p.store = _ht_sync_engine_store (run->self);
  p.options = _ht_sync_engine_options (run->self);
  g_queue_init (&p.flights);
  p.idle_http = g_ptr_array_new ();
  p.own_http = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_http_free);
  p.queued = g_ptr_array_new_with_free_func ((GDestroyNotify) queued_free);
  g_mutex_init (&p.done_lock);
  g_cond_init (&p.done_cond);
  p.cap = p.options->batch_size;
  p.total = ht_store_outbox_count (p.store);
  g_ptr_array_add (p.idle_http, run->http);

  _ht_sync_run_progress (run, HT_SYNC_PHASE_PUSH, 0, p.total);
  for (;;)
    {
      Flight *f;

      if (p.stop == NULL && !p.draining)
        {
          GError *local_error = NULL;

          if (g_cancellable_set_error_if_cancelled (run->cancellable, &local_error))
            {
              stop (&p, local_error);
              continue;
            }
          if (next == NULL && !tried)
            {
              next = take_batch (&p, &local_error);
              tried = TRUE;
              if (local_error != NULL)
                {
                  stop (&p, local_error);
                  continue;
                }
            }
          if (next != NULL && p.flights.length < p.options->in_flight)
            {
              if (!launch (&p, g_steal_pointer (&next), &local_error))
                stop (&p, local_error);
              tried = FALSE;
              continue;
            }
        }

      if (p.flights.length == 0)
        {
          g_clear_pointer (&next, flight_free);
          tried = FALSE;
          if (p.stop != NULL)
            break;
          if (p.draining)
            {
              /* Everything sent came back: after the pause, the outbox
               * is read again from its start. */
              p.draining = FALSE;
              read_again (&p);
              if (p.pause_ms > 0)
                {
                  GError *local_error = NULL;

                  _ht_sync_run_progress (run, HT_SYNC_PHASE_WAIT, p.attempt, p.pause_ms);
                  if (!ht_sync_sleep (p.pause_ms, run->cancellable, &local_error))
                    stop (&p, local_error);
                  p.pause_ms = 0;
                }
              continue;
            }
          if (p.read_after > 0)
            {
              /* Nothing left after what was read: one more look from the
               * start before saying the outbox is empty. */
              read_again (&p);
              continue;
            }
          ok = TRUE;
          break;
        }

      /* Answers are taken in the order the batches left. */
      f = g_queue_pop_head (&p.flights);
      wait_sent (f);
      g_ptr_array_add (p.idle_http, f->http);
      /* The batch read while this one was out holds none of its records
       * and was checked against the others: it leaves before this one's
       * answers are recorded, so that the server is not kept waiting. */
      if (f->results != NULL && next != NULL && p.stop == NULL && !p.draining)
        {
          GError *local_error = NULL;

          if (!launch (&p, g_steal_pointer (&next), &local_error))
            stop (&p, local_error);
        }
      handle (&p, f);
      flight_free (f);
      tried = FALSE;
      if (p.draining || p.stop != NULL)
        {
          g_clear_pointer (&next, flight_free);
        }
    }

  g_clear_pointer (&next, flight_free);
  /* Every flight came back: the threads are idle, and end here. */
  if (p.senders != NULL)
    g_thread_pool_free (p.senders, FALSE, TRUE);
  g_mutex_clear (&p.done_lock);
  g_cond_clear (&p.done_cond);
  g_ptr_array_unref (p.queued);
  g_ptr_array_unref (p.idle_http);
  g_ptr_array_unref (p.own_http);
  if (p.stop != NULL)
    {
      g_propagate_error (error, p.stop);
      return FALSE;
    }
  return ok;
}
