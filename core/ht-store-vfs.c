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
 * A write that does not follow the buffer (SQLite rewrites a frame of the
 * same transaction in place) writes the buffer first, so writes keep
 * their order.  Everything else goes straight to the default VFS.
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
  guchar       *buf;       /* log files: writes not yet made */
  gsize         buf_len;
  gsize         buf_size;
  sqlite3_int64 buf_offset;
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

static int
flush_wal (HtVfsFile *f)
{
  sqlite3_file *real = f->real;
  int rc;

  if (f->buf_len == 0)
    return SQLITE_OK;
  rc = real->pMethods->xWrite (real, f->buf, (int) f->buf_len, f->buf_offset);
  f->buf_len = 0;
  return rc;
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
    }
  else if (f->name != NULL)
    {
      if (f->wal != NULL)
        f->wal->db = NULL;
      if (g_hash_table_lookup (registry, f->name) == f)
        g_hash_table_remove (registry, f->name);
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
  int rc = f->is_wal ? flush_wal (f) : SQLITE_OK;

  if (rc != SQLITE_OK)
    return rc;
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

  /* A log whose database handle was not found could not be flushed when
   * the write lock goes: it is written through. */
  if (!f->is_wal || f->db == NULL)
    {
      if (f->is_wal && (rc = flush_wal (f)) != SQLITE_OK)
        return rc;
      return f->real->pMethods->xWrite (f->real, data, amount, offset);
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
    return f->real->pMethods->xWrite (f->real, data, amount, offset);
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

static int
ht_truncate (sqlite3_file *file,
             sqlite3_int64 size)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = f->is_wal ? flush_wal (f) : SQLITE_OK;

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
ht_sync (sqlite3_file *file,
         int           flags)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = f->is_wal ? flush_wal (f) : SQLITE_OK;

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xSync (f->real, flags);
}

static int
ht_file_size (sqlite3_file  *file,
              sqlite3_int64 *size)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc = f->is_wal ? flush_wal (f) : SQLITE_OK;

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xFileSize (f->real, size);
}

static int
ht_lock (sqlite3_file *file,
         int           level)
{
  return real_of (file)->pMethods->xLock (real_of (file), level);
}

static int
ht_unlock (sqlite3_file *file,
           int           level)
{
  return real_of (file)->pMethods->xUnlock (real_of (file), level);
}

static int
ht_check_reserved_lock (sqlite3_file *file,
                        int          *out)
{
  return real_of (file)->pMethods->xCheckReservedLock (real_of (file), out);
}

static int
ht_file_control (sqlite3_file *file,
                 int           op,
                 void         *arg)
{
  HtVfsFile *f = (HtVfsFile *) file;
  int rc;

  if (f->is_wal && (rc = flush_wal (f)) != SQLITE_OK)
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

  /* The log's writer lets go: its frames reach the file before another
   * writer may write at the same place. */
  if (offset <= WAL_WRITE_LOCK_SLOT && offset + n > WAL_WRITE_LOCK_SLOT
      && (flags & SQLITE_SHM_UNLOCK) && (flags & SQLITE_SHM_EXCLUSIVE))
    flush_wal_of (f);
  return f->real->pMethods->xShmLock (f->real, offset, n, flags);
}

static void
ht_shm_barrier (sqlite3_file *file)
{
  HtVfsFile *f = (HtVfsFile *) file;

  /* A commit is about to publish its frames in the shared index. */
  flush_wal_of (f);
  f->real->pMethods->xShmBarrier (f->real);
}

static int
ht_shm_unmap (sqlite3_file *file,
              int           delete_flag)
{
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
  int rc = f->is_wal ? flush_wal (f) : SQLITE_OK;

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
