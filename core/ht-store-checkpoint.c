/* ht-store-checkpoint.c — WAL checkpoints off the saving thread.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A commit appends its pages to the WAL; a checkpoint copies them into the
 * database file and syncs it, so the log can start again.  SQLite's own
 * auto-checkpoint does this inside the commit that crosses 1000 pages:
 * that clerk's save then writes and syncs a thousand pages, 10 to 40 ms,
 * and it was the slowest save of a hundred.  Here the commit only wakes a
 * thread, which checkpoints through a connection of its own (a passive
 * checkpoint never blocks a writer) once the register has been quiet for a
 * moment: a checkpoint running beside a stream of saves competes with them
 * for the disk, and measured that way it made the median save a third
 * slower.  A clerk pauses between records, so the thread finds its moment;
 * a script saving without pause reaches the hard limit instead, where the
 * commit checkpoints by itself, so the log stays bounded either way.  The
 * limit is kept low on purpose: a log that grows past the size it had
 * before makes every commit's sync also write the file's new size, which
 * measured as a slower save than an occasional checkpoint of 1000 pages.
 *
 * A sync run is another pattern: one large commit per batch (the answers
 * of 1000 changes, or a page of pulled numbers, 1000 to 4000 pages each),
 * with the next request at the server in between.  Checkpointed inside the
 * commit, each batch's pages were written and synced a second time on the
 * run's thread — a fifth of the client's CPU in bench-sync, 25 to 90 ms of
 * its time per batch while the server waited for the next request.  Such
 * commits (_ht_store_commit_bulk) let the log grow past the hard limit to
 * CHECKPOINT_BULK_WAKE_PAGES, where they wake the thread at once, without
 * waiting for a pause, and checkpoint themselves only past
 * CHECKPOINT_BULK_PAGES, should the thread fall behind.  So the thread
 * copies the pages of two or three batches at a time while the run talks
 * to the server: the run's thread no longer waits for it, a page that
 * several of those batches wrote (a pulled page's records and history
 * pages, the outbox's) is copied and synced once, and the log still stays
 * bounded (CHECKPOINT_BULK_PAGES plus one batch).
 */
#define G_LOG_DOMAIN "ht-store"

#include "ht-store-sync-private.h"

#define CHECKPOINT_SOFT_PAGES 250
#define CHECKPOINT_HARD_PAGES 1000
/* The limits for a sync run's commits: the thread is woken at once from
 * the first, the commit checkpoints by itself from the second (about two
 * pulled pages' worth). */
#define CHECKPOINT_BULK_WAKE_PAGES 4000
#define CHECKPOINT_BULK_PAGES      8000

/* Set on the committing thread by _ht_store_commit_bulk for the length of
 * its commit: the WAL hook runs inside that commit, on that thread. */
static _Thread_local gboolean bulk_commit;

/* How long no commit must have come before the thread checkpoints (µs). */
#define CHECKPOINT_QUIET_US (200 * G_TIME_SPAN_MILLISECOND)

static gpointer
checkpoint_thread (gpointer data)
{
  HtStore *self = data;

  g_mutex_lock (&self->checkpoint_lock);
  for (;;)
    {
      sqlite3 *db = NULL;
      int rc;

      while (!self->checkpoint_wanted && !self->checkpoint_quit)
        g_cond_wait (&self->checkpoint_cond, &self->checkpoint_lock);
      /* Wait for a pause in the saves; each new commit moves it on. */
      while (!self->checkpoint_quit)
        {
          gint64 quiet_at = self->checkpoint_last_commit + CHECKPOINT_QUIET_US;

          if (g_get_monotonic_time () >= quiet_at)
            break;
          g_cond_wait_until (&self->checkpoint_cond, &self->checkpoint_lock, quiet_at);
        }
      if (self->checkpoint_quit)
        break;
      self->checkpoint_wanted = FALSE;
      g_mutex_unlock (&self->checkpoint_lock);

      /* A connection for each checkpoint: they are rare, and nothing stays
       * open on the file between them. */
      rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_wal_checkpoint_v2 (db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      /* A failed checkpoint loses nothing: the pages stay in the WAL, and
       * the next commit asks again, or checkpoints itself at the limit. */
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("background checkpoint of %s: %s", self->path,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);

      g_mutex_lock (&self->checkpoint_lock);
      self->checkpoints++;
    }
  g_mutex_unlock (&self->checkpoint_lock);
  return NULL;
}

/* Called by SQLite after every commit of the connection, which holds the
 * store's lock. */
static int
wal_hook (void       *data,
          sqlite3    *db,
          const char *name,
          int         pages)
{
  HtStore *self = data;
  gboolean bulk = bulk_commit;

  g_mutex_lock (&self->checkpoint_lock);
  /* A bulk commit that takes the log past CHECKPOINT_BULK_WAKE_PAGES does
   * not wait for a pause: it counts as one long ago. */
  self->checkpoint_last_commit = bulk && pages >= CHECKPOINT_BULK_WAKE_PAGES ? G_MININT64 / 2
                                                                              : g_get_monotonic_time ();
  g_mutex_unlock (&self->checkpoint_lock);
  if (pages >= (bulk ? CHECKPOINT_BULK_PAGES : CHECKPOINT_HARD_PAGES))
    {
      sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      return SQLITE_OK;
    }
  if (pages < CHECKPOINT_SOFT_PAGES)
    return SQLITE_OK;

  g_mutex_lock (&self->checkpoint_lock);
  if (!self->checkpoint_quit)
    {
      self->checkpoint_wanted = TRUE;
      if (self->checkpointer == NULL)
        self->checkpointer = g_thread_try_new ("ht-checkpoint", checkpoint_thread, self, NULL);
      if (self->checkpointer == NULL)
        {
          /* No thread: do it here, as SQLite would have. */
          self->checkpoint_wanted = FALSE;
          g_mutex_unlock (&self->checkpoint_lock);
          sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
          return SQLITE_OK;
        }
      g_cond_signal (&self->checkpoint_cond);
    }
  g_mutex_unlock (&self->checkpoint_lock);
  return SQLITE_OK;
}

void
_ht_store_stop_checkpointer (HtStore *self)
{
  GThread *thread;

  g_mutex_lock (&self->checkpoint_lock);
  self->checkpoint_quit = TRUE;
  g_cond_signal (&self->checkpoint_cond);
  thread = g_steal_pointer (&self->checkpointer);
  g_mutex_unlock (&self->checkpoint_lock);
  if (thread != NULL)
    g_thread_join (thread);
}

gboolean
_ht_store_commit_bulk (HtStore  *self,
                       GError  **error)
{
  gboolean ok;

  bulk_commit = TRUE;
  ok = _ht_store_commit (self, error);
  bulk_commit = FALSE;
  return ok;
}

void
_ht_store_start_checkpoints (HtStore *self)
{
  /* Replaces SQLite's auto-checkpoint (the two share one hook). */
  sqlite3_wal_hook (self->db, wal_hook, self);
}
