/* ht-sync-error.c — the sync library's GError domain.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ht-sync-error.h"

G_DEFINE_QUARK (ht-sync-error-quark, ht_sync_error)
