/* ht-store-vfs.c — the register's SQLite VFS: one write system call per commit to the log.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite writes a commit to the write-ahead log frame by frame, each frame
 * as two pwrite() calls (its 24-byte header, then its page), and then
 * syncs the log once.  A save changes 25 to 40 pages, so it made 50 to 80
 * system calls before the sync; on the virtual machines commune offices
 * and the development machine run on, each call costs a few microseconds
 * of exits into the hypervisor, which profiles showed as a seventh of a
 * save's CPU time.  This VFS wraps the default one and gathers writes to
 * a log that follow each other into one buffer, written with one call.
 *
 * SQLite makes the data it writes durable only at a sync, and no other
 * connection reads a frame before the commit that holds it has updated the
 * log's index in shared memory.  So a buffered write is as good as a
 * written one as long as the buffer reaches the file
 *   - before the log is synced, read, truncated or its size asked for, and
 *     before it is closed (the log's own handle: xSync, xRead, xTruncate,
 *     xFileSize, xFileControl, xClose);
 *   - before a commit publishes its frames (xShmBarrier on the database's
 *     handle: a connection with synchronous=OFF or NORMAL commits without
 *     a sync);
 *   - before the connection lets go of the log's write lock (xShmLock on
 *     the database's handle): frames of a rolled-back transaction must
 *     not reach the file later, over frames another connection wrote.
 * A read wholly inside the buffer is answered from it and one wholly
 * before it reads the file; any other read writes the buffer first.  A
 * write inside the buffer (SQLite rewrites a frame of the same
 * transaction in place) changes the buffer; one that neither lies inside
 * nor follows it writes the buffer first, so writes keep their order.
 * Everything else goes straight to the default VFS.
 *
 * Three more patterns of a bulk import's calls are gathered the same way
 * (docs/local-store.md, "The writer, 2026-11-24 session"):
 *   - a checkpoint writes the database's pages in the order of their
 *     numbers: runs of consecutive pages go out in one call, written
 *     before any other call on the database file (ht_write, flush_db);
 *   - the same checkpoint reads each page's frame from the log: the log
 *     is read 64 KiB at a time while it copies (ht_read);
 *   - a commit that rewrote one of its frames in place rewrites the
 *     checksum of every frame after it, a read and a 24-byte write per
 *     frame: those go through a 64 KiB window of the log (ht_read).
 *
 * The log's handle finds its database's handle by the file name: SQLite
 * opens a connection's log with a name inside the same allocation as the
 * database's name, and sqlite3_filename_database() gives the latter back,
 * the very pointer the database was opened with.
 */
#define G_LOG_DOMAIN "ht-store"

#include <string.h>

#include "ht-store-private.h"

/* Above this the buffer is written out and started again (a bulk import
 * commits hundreds of megabytes at once).  The default VFS writes at most
 * 128 KiB − 1 bytes per call (unixWrite masks the length with 0x1ffff:
 * SQLite itself never writes more than a page and a frame header), so the
 * buffer stays below that. */
#define WAL_BUFFER_MAX (124u * 1024)

/* How much of the log a checkpoint reads at once (see ht_read). */
#define WAL_READ_AHEAD (64u * 1024)

/* How much of the log a commit's rewriting of checksums reads at once
 * (see ht_read). */
#define WAL_WINDOW (64u * 1024)

/* SQLite's size of a frame's header in the log (wal.c, WAL_FRAME_HDRSIZE). */
#define WAL_FRAME_HEADER 24

/* SQLite's own lock slot for the log's writer (wal.c, WAL_WRITE_LOCK). */
#define WAL_WRITE_LOCK_SLOT 0

typedef struct HtVfsFile HtVfsFile;

struct HtVfsFile
{
  sqlite3_file  base;      /* our methods */
  const char   *name;      /* database files: the name SQLite opened it with */
  HtVfsFile    *db;        /* log files: the database's handle, or NULL */
  HtVfsFile    *wal;       /* database files: the open log's handle, or NULL */
  gboolean      is_wal;
  guchar       *buf;       /* writes not yet made (the log's, or a checkpoint's) */
  gsize         buf_len;
  gsize         buf_size;
  sqlite3_int64 buf_offset;
  /* Database files: a checkpoint is writing pages and they are gathered;
   * the log was synced since this connection's last write transaction or
   * checkpoint; the error of a gathered write that SQLite did not ask
   * for, returned by the next call that can return one. */
  gboolean      gathering;
  gboolean      wal_synced;
  int           deferred_rc;
  /* Log files: a block of the log read ahead for a checkpoint. */
  guchar       *ahead;
  gsize         ahead_len;
  sqlite3_int64 ahead_offset;
  /* Log files: a block of the log read whole for a commit that rewrites
   * the checksums of its frames, and the part of it written since (from
   * dirty_lo to dirty_hi); database files: this connection holds the
   * log's write lock. */
  guchar       *win;
  gsize         win_len;
  sqlite3_int64 win_offset;
  gsize         dirty_lo;
  gsize         dirty_hi;
  gboolean      write_locked;
  sqlite3_file  real[];    /* the default VFS's file, szOsFile bytes */
};

static sqlite3_vfs *root_vfs;
static sqlite3_vfs ht_vfs;
static sqlite3_io_methods ht_io_methods;

/* Database handles by the name pointer SQLite opened them with. */
static GMutex registry_lock;
static GHashTable *registry;

static sqlite3_file *
real_of (sqlite3_file *file)
{
  return ((HtVfsFile *) file)->real;
}

/* Write calls made to database files, which the tests read to see that a
 * checkpoint's pages were gathered. */
static gint db_write_calls;

static void
db_write_calls_add (void)
{
  g_atomic_int_inc (&db_write_calls);
}

guint
_ht_store_vfs_db_writes (void)
{
  return (guint) g_atomic_int_get (&db_write_calls);
}

/* Writes what was written into the window and forgets the window. */
static int
flush_window (HtVfsFile *f)
{
  int rc = SQLITE_OK;

  if (f->dirty_hi > f->dirty_lo)
    rc = f->real->pMethods->xWrite (f->real, f->win + f->dirty_lo, (int) (f->dirty_hi - f->dirty_lo),
                                    f->win_offset + (sqlite3_int64) f->dirty_lo);
  f->dirty_lo = f->dirty_hi = 0;
  f->win_len = 0;
  return rc;
}

static int
flush_wal (HtVfsFile *f)
{
  sqlite3_file *real = f->real;
  int rc;

  if (f->win_len > 0 && (rc = flush_window (f)) != SQLITE_OK)
    {
      f->buf_len = 0;
      return rc;
    }
  if (f->buf_len == 0)
    return SQLITE_OK;
  if (!f->is_wal)
    db_write_calls_add ();
  rc = real->pMethods->xWrite (real, f->buf, (int) f->buf_len, f->buf_offset);
  f->buf_len = 0;
  return rc;
}

/* A database file's gathered pages, written out, or the error of an
 * earlier flush that no caller has heard of yet.  Every method of a
 * database file but the write itself calls this first, so a read, a
 * sync, a truncation, a lock or a close never finds the file behind what
 * SQLite wrote. */
static int
flush_db (HtVfsFile *f)
{
  int rc = flush_wal (f);

  if (rc == SQLITE_OK && f->deferred_rc != SQLITE_OK)
    {
      rc = f->deferred_rc;
      f->deferred_rc = SQLITE_OK;
    }
  return rc;
}

/* The writes of either kind of file waiting in its buffer, written out. */
static int
flush_pending (HtVfsFile *f)
{
  return f->is_wal ? flush_wal (f) : flush_db (f);
}

/* For the methods whose result SQLite ignores (hints, unlocks, barriers):
 * a failed flush is kept for the next call that can report it. */
static void
flush_db_deferred (HtVfsFile *f)
{
  int rc = flush_wal (f);

  if (rc != SQLITE_OK && f->deferred_rc == SQLITE_OK)
    f->deferred_rc = rc;
}

/* Adds a write that continues the buffer to it, or writes the buffer and
 * starts it again with this one. */
static int
gather_write (HtVfsFile    *f,
              const void   *data,
              int           amount,
              sqlite3_int64 offset)
{
  int rc;

  /* SQLite rewrites frames and frame headers of its own transaction in
   * place: one inside the buffer changes the buffer. */
  if (f->buf_len > 0 && offset >= f->buf_offset
      && offset + amount <= f->buf_offset + (sqlite3_int64) f->buf_len)
    {
      memcpy (f->buf + (offset - f->buf_offset), data, amount);
      return SQLITE_OK;
    }
  /* Only writes that continue the buffer join it. */
  if (f->buf_len > 0
      && (offset != f->buf_offset + (sqlite3_int64) f->buf_len || f->buf_len + amount > WAL_BUFFER_MAX))
    {
      rc = flush_wal (f);
      if (rc != SQLITE_OK)
        return rc;
    }
  if ((gsize) amount > WAL_BUFFER_MAX)
    {
      if (!f->is_wal)
        db_write_calls_add ();
      return f->real->pMethods->xWrite (f->real, data, amount, offset);
    }
  if (f->buf_len == 0)
    f->buf_offset = offset;
  if (f->buf_len + amount > f->buf_size)
    {
      f->buf_size = MIN (MAX (f->buf_size * 2, f->buf_len + amount + 65536), WAL_BUFFER_MAX);
      f->buf = g_realloc (f->buf, f->buf_size);
    }
  memcpy (f->buf + f->buf_len, data, amount);
  f->buf_len += amount;
  return SQLITE_OK;
}

/* ---- Methods of an open file ---- */

static int
ht_close (sqlite3_file *file)
{
  HtVfsFile *f = (HtVfsFile *) file;
  sqlite3_file *real = f->real;
  int rc = SQLITE_OK;
  int rc2;

  g_mutex_lock (&registry_lock);
  if (f->is_wal)
    {
      rc = flush_wal (f);
      if (f->db != NULL)
        f->db->wal = NULL;
      g_clear_pointer (&f->buf, g_free);
      g_clear_pointer (&f->ahead, g_free);
      g_clear_pointer (&f->win, g_free);
    }
  else
    {
      rc = flush_db (f);
      g_clear_pointer (&f->buf, g_free);
      if (f->name != NULL)
        {
          if (f->wal != NULL)
            f->wal->db = NULL;
          if (g_hash_table_lookup (registry, f->name) == f)
            g_hash_table_remove (registry, f->name);
        }
    }
  g_mutex_unlock (&registry_lock);

  rc2 = real->pMethods != NULL ? real->pMethods->xClose (real) : SQLITE_OK;
  return rc != SQLITE_OK ? rc : rc2;
}

static int
ht_read (sqlite3_file *file,
         void         *data,
         int           amount,
         sqlite3_int64 offset)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = SQLITE_OK;

  if (f->is_wal && f->win_len > 0)
    {
      sqlite3_int64 win_end = f->win_offset + (sqlite3_int64) f->win_len;

      if (offset >= f->win_offset && offset + amount <= win_end)
        {
          memcpy (data, f->win + (offset - f->win_offset), amount);
          return SQLITE_OK;
        }
      if (offset < win_end && offset + amount > f->win_offset && (rc = flush_window (f)) != SQLITE_OK)
        return rc;
    }
  /* A commit that rewrote a frame of its own transaction in place then
   * rewrites the checksum of every frame after it (wal.c,
   * walRewriteChecksums): it reads each whole frame and writes its
   * 24-byte header back, two calls per frame of a transaction that can
   * hold a whole import.  Such reads (a frame's header and page) load a
   * block of the log, and the headers are written into the block, which
   * goes to the file in one call when the reads leave it or the log is
   * synced.  Only while this connection holds the log's write lock, so
   * that no other connection writes the log under the block; the lock's
   * release writes and forgets it (flush_wal_of). */
  if (f->is_wal && f->db != NULL && f->db->write_locked && !f->db->gathering
      && amount > WAL_FRAME_HEADER + 256 && ((amount - WAL_FRAME_HEADER) & (amount - WAL_FRAME_HEADER - 1)) == 0
      && (f->buf_len == 0 || offset + amount <= f->buf_offset))
    {
      gsize len = WAL_WINDOW;

      if (f->buf_len > 0)
        len = MIN (len, (gsize) (f->buf_offset - offset));
      if (len >= (gsize) amount && (rc = flush_window (f)) == SQLITE_OK)
        {
          if (f->win == NULL)
            f->win = g_malloc (WAL_WINDOW);
          /* Near the log's end the block is short; that read is made as
           * asked. */
          if (f->real->pMethods->xRead (f->real, f->win, (int) len, offset) == SQLITE_OK)
            {
              f->win_offset = offset;
              f->win_len = len;
              memcpy (data, f->win, amount);
              return SQLITE_OK;
            }
        }
      else if (rc != SQLITE_OK)
        return rc;
    }
  /* A transaction larger than the page cache writes pages to the log
   * (spills) and reads others back from it, alternately: a read that
   * lies wholly inside the log's buffer is answered from it, and one
   * wholly before it reads the file as it is, so the buffer keeps
   * growing instead of being written at every such read.  Any other read
   * of the log writes the buffer first, as before. */
  if (f->is_wal && f->buf_len > 0)
    {
      sqlite3_int64 end = f->buf_offset + (sqlite3_int64) f->buf_len;

      if (offset >= f->buf_offset && offset + amount <= end)
        {
          memcpy (data, f->buf + (offset - f->buf_offset), amount);
          return SQLITE_OK;
        }
      if (offset + amount <= f->buf_offset)
        return f->real->pMethods->xRead (f->real, data, amount, offset);
    }
  rc = flush_pending (f);
  if (rc != SQLITE_OK)
    return rc;
  /* A checkpoint reads the frames it copies one page at a time, in the
   * order of the pages' numbers; the frames of a large transaction are
   * mostly in that order too, so reading the log a block at a time spares
   * most of those calls.  Only while the checkpoint copies (between
   * SQLITE_FCNTL_CKPT_START and _DONE on the database's handle): the
   * frames it reads cannot change then, since no writer may start the
   * log again before the checkpoint has counted them as copied, and the
   * block is dropped when the copy ends. */
  if (f->is_wal && f->db != NULL && f->db->gathering && (gsize) amount <= WAL_READ_AHEAD)
    {
      if (f->ahead_len == 0 || offset < f->ahead_offset
          || offset + amount > f->ahead_offset + (sqlite3_int64) f->ahead_len)
        {
          if (f->ahead == NULL)
            f->ahead = g_malloc (WAL_READ_AHEAD);
          f->ahead_len = 0;
          /* Near the log's end the block is short; that read is made
           * as asked. */
          if (f->real->pMethods->xRead (f->real, f->ahead, WAL_READ_AHEAD, offset) == SQLITE_OK)
            {
              f->ahead_offset = offset;
              f->ahead_len = WAL_READ_AHEAD;
            }
        }
      if (f->ahead_len > 0)
        {
          memcpy (data, f->ahead + (offset - f->ahead_offset), amount);
          return SQLITE_OK;
        }
    }
  else if (f->is_wal)
    f->ahead_len = 0;
  return f->real->pMethods->xRead (f->real, data, amount, offset);
}

static int
ht_write (sqlite3_file *file,
          const void   *data,
          int           amount,
          sqlite3_int64 offset)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc;

  /* A checkpoint writes the database's pages in the order of their
   * numbers, so the pages of a grown file follow each other. */
  if (!f->is_wal)
    {
      if (f->gathering)
        return gather_write (f, data, amount, offset);
      if ((rc = flush_db (f)) != SQLITE_OK)
        return rc;
      db_write_calls_add ();
      return f->real->pMethods->xWrite (f->real, data, amount, offset);
    }
  f->ahead_len = 0;
  /* A frame header rewritten inside the window changes the window. */
  if (f->win_len > 0)
    {
      sqlite3_int64 win_end = f->win_offset + (sqlite3_int64) f->win_len;

      if (offset >= f->win_offset && offset + amount <= win_end)
        {
          gsize lo = offset - f->win_offset;

          memcpy (f->win + lo, data, amount);
          if (f->dirty_hi == f->dirty_lo)
            f->dirty_lo = lo, f->dirty_hi = lo + amount;
          else
            {
              f->dirty_lo = MIN (f->dirty_lo, lo);
              f->dirty_hi = MAX (f->dirty_hi, lo + amount);
            }
          return SQLITE_OK;
        }
      if (offset < win_end && offset + amount > f->win_offset && (rc = flush_window (f)) != SQLITE_OK)
        return rc;
    }
  /* A log whose database handle was not found could not be flushed when
   * the write lock goes: it is written through. */
  if (f->db == NULL)
    {
      if ((rc = flush_wal (f)) != SQLITE_OK)
        return rc;
      return f->real->pMethods->xWrite (f->real, data, amount, offset);
    }
  return gather_write (f, data, amount, offset);
}

static int
ht_truncate (sqlite3_file *file,
             sqlite3_int64 size)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  f->ahead_len = 0;
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
ht_sync (sqlite3_file *file,
         int           flags)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  rc = f->real->pMethods->xSync (f->real, flags);
  /* A checkpoint syncs the log before it copies pages only when the
   * connection syncs at all (synchronous is not OFF): then it also syncs
   * the database file after the copy, so a gathered write's error is
   * reported to it (ht_file_control). */
  if (rc == SQLITE_OK && f->is_wal && f->db != NULL)
    f->db->wal_synced = TRUE;
  return rc;
}

static int
ht_file_size (sqlite3_file  *file,
              sqlite3_int64 *size)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xFileSize (f->real, size);
}

static int
ht_lock (sqlite3_file *file,
         int           level)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = f->is_wal ? SQLITE_OK : flush_db (f);

  if (rc != SQLITE_OK)
    return rc;
  return real_of (file)->pMethods->xLock (real_of (file), level);
}

static int
ht_unlock (sqlite3_file *file,
           int           level)
{
  HtVfsFile *f = (HtVfsFile *) file;

  /* Another process may read the file once the lock is gone. */
  if (!f->is_wal)
    flush_db_deferred (f);
  return real_of (file)->pMethods->xUnlock (real_of (file), level);
}

static int
ht_check_reserved_lock (sqlite3_file *file,
                        int          *out)
{
  return real_of (file)->pMethods->xCheckReservedLock (real_of (file), out);
}

static void drop_read_ahead_of (HtVfsFile *db);

static int
ht_file_control (sqlite3_file *file,
                 int           op,
                 void         *arg)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc;

  if (!f->is_wal)
    {
      /* A checkpoint announces its copy of pages and its end.  The end is
       * only a hint, whose result SQLite ignores: a failed write is kept
       * for the truncation or sync that follows it.  Pages are gathered
       * only when the checkpoint will sync (the log's sync before it says
       * so): a checkpoint without one would count its pages as copied
       * without any call left to report a failed write. */
      if (op == SQLITE_FCNTL_CKPT_START || op == SQLITE_FCNTL_CKPT_DONE)
        drop_read_ahead_of (f);
      if (op == SQLITE_FCNTL_CKPT_START)
        f->gathering = f->wal_synced;
      else if (op == SQLITE_FCNTL_CKPT_DONE)
        {
          flush_db_deferred (f);
          f->gathering = FALSE;
          f->wal_synced = FALSE;
          return f->real->pMethods->xFileControl (f->real, op, arg);
        }
      if ((rc = flush_db (f)) != SQLITE_OK)
        return rc;
    }
  else if ((rc = flush_wal (f)) != SQLITE_OK)
    return rc;
  /* SQLITE_FCNTL_VFSNAME: say that this VFS is in the stack. */
  if (op == SQLITE_FCNTL_VFSNAME)
    {
      rc = f->real->pMethods->xFileControl (f->real, op, arg);
      if (rc == SQLITE_OK)
        *(char **) arg = sqlite3_mprintf ("%s/%z", ht_vfs.zName, *(char **) arg);
      return rc;
    }
  return f->real->pMethods->xFileControl (f->real, op, arg);
}

static int
ht_sector_size (sqlite3_file *file)
{
  return real_of (file)->pMethods->xSectorSize (real_of (file));
}

static int
ht_device_characteristics (sqlite3_file *file)
{
  return real_of (file)->pMethods->xDeviceCharacteristics (real_of (file));
}

/* The log's buffer of this database's connection, written out. */
static int
flush_wal_of (HtVfsFile *db)
{
  int rc = SQLITE_OK;

  /* Only this connection's thread uses db->wal; the lock keeps the link
   * itself steady against a close on another connection. */
  g_mutex_lock (&registry_lock);
  if (db->wal != NULL)
    rc = flush_wal (db->wal);
  g_mutex_unlock (&registry_lock);
  return rc;
}

/* Forgets the block of the log read ahead through this database's
 * connection: other connections write the log between checkpoints. */
static void
drop_read_ahead_of (HtVfsFile *db)
{
  g_mutex_lock (&registry_lock);
  if (db->wal != NULL)
    db->wal->ahead_len = 0;
  g_mutex_unlock (&registry_lock);
}

static int
ht_shm_map (sqlite3_file  *file,
            int            page,
            int            page_size,
            int            extend,
            void volatile **out)
{
  return real_of (file)->pMethods->xShmMap (real_of (file), page, page_size, extend, out);
}

static int
ht_shm_lock (sqlite3_file *file,
             int           offset,
             int           n,
             int           flags)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc;

  /* A checkpoint's pages reach the file before it lets readers in. */
  flush_db_deferred (f);
  /* The log's writer lets go: its frames reach the file before another
   * writer may write at the same place.  The next checkpoint gathers its
   * pages only if the log is synced again after this. */
  if (offset <= WAL_WRITE_LOCK_SLOT && offset + n > WAL_WRITE_LOCK_SLOT
      && (flags & SQLITE_SHM_UNLOCK) && (flags & SQLITE_SHM_EXCLUSIVE))
    {
      flush_wal_of (f);
      f->wal_synced = FALSE;
      f->write_locked = FALSE;
    }
  rc = f->real->pMethods->xShmLock (f->real, offset, n, flags);
  if (rc == SQLITE_OK && offset <= WAL_WRITE_LOCK_SLOT && offset + n > WAL_WRITE_LOCK_SLOT
      && (flags & SQLITE_SHM_LOCK) && (flags & SQLITE_SHM_EXCLUSIVE))
    f->write_locked = TRUE;
  return rc;
}

static void
ht_shm_barrier (sqlite3_file *file)
{
  HtVfsFile *f = (HtVfsFile *) file;

  /* A commit is about to publish its frames in the shared index. */
  flush_db_deferred (f);
  flush_wal_of (f);
  f->real->pMethods->xShmBarrier (f->real);
}

static int
ht_shm_unmap (sqlite3_file *file,
              int           delete_flag)
{
  flush_db_deferred ((HtVfsFile *) file);
  return real_of (file)->pMethods->xShmUnmap (real_of (file), delete_flag);
}

/* Memory-mapped reads (PRAGMA mmap_size), where the default VFS has them;
 * "no mapping" makes SQLite read with xRead instead. */
static int
ht_fetch (sqlite3_file  *file,
          sqlite3_int64  offset,
          int            amount,
          void         **out)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = flush_pending (f);

  *out = NULL;
  if (rc != SQLITE_OK)
    return rc;
  if (f->real->pMethods->iVersion < 3)
    return SQLITE_OK;
  return f->real->pMethods->xFetch (f->real, offset, amount, out);
}

static int
ht_unfetch (sqlite3_file  *file,
            sqlite3_int64  offset,
            void          *page)
{
  if (real_of (file)->pMethods->iVersion < 3)
    return SQLITE_OK;
  return real_of (file)->pMethods->xUnfetch (real_of (file), offset, page);
}

/* ---- The VFS ---- */

static int
ht_open (sqlite3_vfs  *vfs,
         sqlite3_filename name,
         sqlite3_file *file,
         int           flags,
         int           *out_flags)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc;

  memset (f, 0, sizeof *f);
  rc = root_vfs->xOpen (root_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      /* SQLite calls xClose on a failed open only if pMethods is set. */
      if (f->real->pMethods != NULL)
        f->real->pMethods->xClose (f->real);
      f->base.pMethods = NULL;
      return rc;
    }
  /* A file without shared-memory methods (an old or special VFS) stays
   * the default VFS's own: its log could not be used anyway. */
  if (f->real->pMethods->iVersion < 2)
    {
      f->real->pMethods->xClose (f->real);
      f->base.pMethods = NULL;
      return SQLITE_CANTOPEN;
    }
  f->base.pMethods = &ht_io_methods;

  g_mutex_lock (&registry_lock);
  if (name != NULL && (flags & SQLITE_OPEN_MAIN_DB))
    {
      f->name = name;
      g_hash_table_insert (registry, (gpointer) name, f);
    }
  else if (name != NULL && (flags & SQLITE_OPEN_WAL))
    {
      f->is_wal = TRUE;
      f->db = g_hash_table_lookup (registry, sqlite3_filename_database (name));
      if (f->db != NULL)
        f->db->wal = f;
    }
  g_mutex_unlock (&registry_lock);
  return SQLITE_OK;
}

static int
ht_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return root_vfs->xDelete (root_vfs, name, sync_dir);
}

static int
ht_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return root_vfs->xAccess (root_vfs, name, flags, out);
}

static int
ht_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return root_vfs->xFullPathname (root_vfs, name, n, out);
}

static void *
ht_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return root_vfs->xDlOpen (root_vfs, name);
}

static void
ht_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  root_vfs->xDlError (root_vfs, n, out);
}

static void
(*ht_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return root_vfs->xDlSym (root_vfs, handle, symbol);
}

static void
ht_dl_close (sqlite3_vfs *vfs, void *handle)
{
  root_vfs->xDlClose (root_vfs, handle);
}

static int
ht_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return root_vfs->xRandomness (root_vfs, n, out);
}

static int
ht_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return root_vfs->xSleep (root_vfs, microseconds);
}

static int
ht_current_time (sqlite3_vfs *vfs, double *out)
{
  return root_vfs->xCurrentTime (root_vfs, out);
}

static int
ht_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return root_vfs->xGetLastError (root_vfs, n, out);
}

static int
ht_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return root_vfs->xCurrentTimeInt64 (root_vfs, out);
}

static gpointer
register_vfs (gpointer data)
{
  root_vfs = sqlite3_vfs_find (NULL);
  /* Debian's default is "unix", of version 3; anything older is left alone. */
  if (root_vfs == NULL || root_vfs->iVersion < 2)
    return NULL;

  ht_io_methods = (sqlite3_io_methods) {
    .iVersion = 3,
    .xClose = ht_close,
    .xRead = ht_read,
    .xWrite = ht_write,
    .xTruncate = ht_truncate,
    .xSync = ht_sync,
    .xFileSize = ht_file_size,
    .xLock = ht_lock,
    .xUnlock = ht_unlock,
    .xCheckReservedLock = ht_check_reserved_lock,
    .xFileControl = ht_file_control,
    .xSectorSize = ht_sector_size,
    .xDeviceCharacteristics = ht_device_characteristics,
    .xShmMap = ht_shm_map,
    .xShmLock = ht_shm_lock,
    .xShmBarrier = ht_shm_barrier,
    .xShmUnmap = ht_shm_unmap,
    .xFetch = ht_fetch,
    .xUnfetch = ht_unfetch,
  };
  ht_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) sizeof (HtVfsFile) + root_vfs->szOsFile,
    .mxPathname = root_vfs->mxPathname,
    .zName = HT_STORE_VFS,
    .xOpen = ht_open,
    .xDelete = ht_delete,
    .xAccess = ht_access,
    .xFullPathname = ht_full_pathname,
    .xDlOpen = ht_dl_open,
    .xDlError = ht_dl_error,
    .xDlSym = ht_dl_sym,
    .xDlClose = ht_dl_close,
    .xRandomness = ht_randomness,
    .xSleep = ht_sleep,
    .xCurrentTime = ht_current_time,
    .xGetLastError = ht_get_last_error,
    .xCurrentTimeInt64 = ht_current_time_int64,
  };
  registry = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* Said once per process, for whoever wonders why saves cost more here. */
  g_debug ("SQLite page cache: %s",
           _ht_store_pcache_installed () ? "the store's (ht-store-pcache.c)" : "SQLite's default");
  if (sqlite3_vfs_register (&ht_vfs, 0) != SQLITE_OK)
    return NULL;
  return (gpointer) HT_STORE_VFS;
}

const char *
_ht_store_vfs (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, register_vfs, NULL);
}
