/* hs-parallel.h — the pieces of one request's work spread over the machine's cores.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Works on items [begin, end) of a request. */
typedef void (*HsParallelFunc) (guint    begin,
                                guint    end,
                                gpointer user_data);

/* Calls "func" on every item of [0, n) once, in chunks of at least
 * "min_chunk" items, some of them on a process-wide pool of worker threads
 * and the rest on the calling thread, and returns when all are done.  Work
 * of fewer than 2 × min_chunk items, or on a one-core machine, stays on
 * the calling thread.  "func" must be safe to run on several threads at
 * once for different items. */
void hs_parallel_for (guint          n,
                      guint          min_chunk,
                      HsParallelFunc func,
                      gpointer       user_data);

G_END_DECLS
