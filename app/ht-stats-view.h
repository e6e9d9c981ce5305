/* ht-stats-view.h — statistics (a first page until the statistics issue lands).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"

G_BEGIN_DECLS

#define HT_TYPE_STATS_VIEW (ht_stats_view_get_type ())
G_DECLARE_FINAL_TYPE (HtStatsView, ht_stats_view, HT, STATS_VIEW, AdwBin)

void ht_stats_view_set_session (HtStatsView *self,
                                  HtSession *session);
/* Reads again what the register (and sync) say. */
void ht_stats_view_reload      (HtStatsView *self);

G_END_DECLS
