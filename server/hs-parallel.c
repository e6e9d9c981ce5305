/* hs-parallel.c — the pieces of one request's work spread over the machine's cores.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A push of a thousand records spends most of the server's part of its time
 * canonicalising and hashing them one after another, while the other cores
 * wait for it (a commune PC catching up on a backlog sends one batch at a
 * time).  That work is independent from record to record, so it is cut into
 * chunks that the calling thread and the pool's threads claim from a shared
 * counter.  The calling thread claims chunks too, so a pool busy with other
 * requests' chunks never makes a request wait for work nobody has started:
 * it only ever waits for chunks that are running.
 */
#define G_LOG_DOMAIN "hotich-server"

#include "hs-parallel.h"

typedef struct
{
  gint            refs;        /* the caller and every helper task queued */
  guint           n;
  guint           chunk;
  guint           n_chunks;
  gint            next;        /* the next chunk to claim */
  gint            done;        /* chunks finished */
  HsParallelFunc  func;
  gpointer        user_data;
  GMutex          lock;
  GCond           finished;
} Job;

static void
job_unref (Job *job)
{
  if (!g_atomic_int_dec_and_test (&job->refs))
    return;
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->finished);
  g_free (job);
}

/* Claims and runs chunks until none is left. */
static void
job_work (Job *job)
{
  for (;;)
    {
      guint chunk = (guint) g_atomic_int_add (&job->next, 1);
      guint begin, end;

      if (chunk >= job->n_chunks)
        return;
      begin = chunk * job->chunk;
      end = MIN (begin + job->chunk, job->n);
      job->func (begin, end, job->user_data);
      if ((guint) g_atomic_int_add (&job->done, 1) + 1 == job->n_chunks)
        {
          g_mutex_lock (&job->lock);
          g_cond_broadcast (&job->finished);
          g_mutex_unlock (&job->lock);
        }
    }
}

static void
helper_cb (gpointer data,
           gpointer user_data G_GNUC_UNUSED)
{
  Job *job = data;

  job_work (job);
  job_unref (job);
}

/* One pool for the process, as many threads as cores: more would only
 * take turns on them. */
static GThreadPool *
shared_pool (void)
{
  static GThreadPool *pool = NULL;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *created = g_thread_pool_new (helper_cb, NULL, (gint) g_get_num_processors (), FALSE, NULL);

      g_once_init_leave (&pool, created);
    }
  return pool;
}

void
hs_parallel_for (guint          n,
                 guint          min_chunk,
                 HsParallelFunc func,
                 gpointer       user_data)
{
  guint cores = g_get_num_processors ();
  guint n_chunks;
  Job *job;

  g_return_if_fail (func != NULL);

  min_chunk = MAX (min_chunk, 1);
  n_chunks = MIN (n / min_chunk, cores);
  if (n_chunks < 2)
    {
      if (n > 0)
        func (0, n, user_data);
      return;
    }

  job = g_new0 (Job, 1);
  job->refs = 1;
  job->n = n;
  /* A few chunks per core, so that a core that is slower to start (busy
   * with another request) takes a smaller share. */
  job->n_chunks = MIN (n / min_chunk, 4 * cores);
  job->chunk = (n + job->n_chunks - 1) / job->n_chunks;
  job->n_chunks = (n + job->chunk - 1) / job->chunk;
  job->func = func;
  job->user_data = user_data;
  g_mutex_init (&job->lock);
  g_cond_init (&job->finished);

  /* Helpers for every core but this thread's; one that starts late finds
   * nothing left and only drops its reference. */
  for (guint i = 0; i + 1 < n_chunks; i++)
    {
      g_atomic_int_inc (&job->refs);
      if (!g_thread_pool_push (shared_pool (), job, NULL))
        (void) g_atomic_int_dec_and_test (&job->refs);
    }

  job_work (job);

  g_mutex_lock (&job->lock);
  while ((guint) g_atomic_int_get (&job->done) < job->n_chunks)
    g_cond_wait (&job->finished, &job->lock);
  g_mutex_unlock (&job->lock);
  job_unref (job);
}
