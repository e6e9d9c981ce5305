/* ht-stats-store-private.h — what ht-stats-store.c and ht-stats-report.c share.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ht-stats-store.h"
#include "ht-store-private.h"

G_BEGIN_DECLS

/* ht_stats_compute() for a caller that holds the store's lock inside a
 * transaction of its own (locking a report reads and writes in one). */
HtStats *_ht_stats_compute_locked (HtStore       *store,
                                   const GDate   *from,
                                   const GDate   *to,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
