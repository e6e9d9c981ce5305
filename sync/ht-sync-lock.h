/* ht-sync-lock.h — one sync of a register at a time, across processes.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's scheduler and hotich-sync may run on the same register at the
 * same moment; two runs would push the same outbox entries twice at once.
 * Each run therefore holds flock() on "PATH.sync-lock" (mode 0600, never
 * removed, since removing a lock file races with the next taker).  The
 * kernel lets the lock go when the process ends, however it ends (SIGKILL
 * included), so a crashed run never blocks the next one.
 */
#pragma once

#include <glib.h>

#include "ht-sync-error.h"

G_BEGIN_DECLS

typedef struct _HtSyncLock HtSyncLock;

/* Takes the lock of the register at "register_path" without waiting;
 * HT_SYNC_ERROR_BUSY when another run holds it. */
HtSyncLock *ht_sync_lock_acquire (const char  *register_path,
                                  GError     **error);
void        ht_sync_lock_release (HtSyncLock  *lock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncLock, ht_sync_lock_release)

G_END_DECLS
