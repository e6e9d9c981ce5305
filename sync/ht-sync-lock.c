/* ht-sync-lock.c — one sync of a register at a time, across processes.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * flock() rather than fcntl() locks: flock locks belong to the open file,
 * so two runs in one process (the app's scheduler and a test) exclude each
 * other too, where fcntl locks would be shared by the whole process.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "ht-sync-lock.h"

struct _HtSyncLock
{
  int fd;
};

HtSyncLock *
ht_sync_lock_acquire (const char  *register_path,
                      GError     **error)
{
  g_autofree char *path = g_strconcat (register_path, ".sync-lock", NULL);
  HtSyncLock *lock;
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_FAILED,
                   _("Cannot open the sync lock “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (saved == EINTR)
        continue;
      close (fd);
      if (saved == EWOULDBLOCK)
        g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_BUSY,
                     _("Another sync of this register is running (the app or hotich-sync); try again when it is done"));
      else
        g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_FAILED,
                     _("Cannot lock “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  lock = g_new0 (HtSyncLock, 1);
  lock->fd = fd;
  return lock;
}

void
ht_sync_lock_release (HtSyncLock *lock)
{
  if (lock == NULL)
    return;
  /* Closing the descriptor lets the lock go. */
  close (lock->fd);
  g_free (lock);
}
