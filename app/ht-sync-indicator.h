/* ht-sync-indicator.h — the header bar's sync state at a glance.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"

G_BEGIN_DECLS

#define HT_TYPE_SYNC_INDICATOR (ht_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (HtSyncIndicator, ht_sync_indicator, HT, SYNC_INDICATOR, AdwBin)

void ht_sync_indicator_set_session (HtSyncIndicator *self,
                                      HtSession *session);
/* Reads again what the register (and sync) say. */
void ht_sync_indicator_reload      (HtSyncIndicator *self);

/* What the indicator says ("3 waiting", "Up to date", "Offline"). */
const char *ht_sync_indicator_get_text (HtSyncIndicator *self);

G_END_DECLS
