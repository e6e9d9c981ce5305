/* ht-stats-view.h — the Statistics page: forms 13a and 14a for a period, charts and exports.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Actions (each takes a path, or "" to ask for one with a file chooser):
 * stats.export-csv, stats.export-xlsx, stats.export-pdf.
 */
#pragma once

#include <adwaita.h>
#include <cjson/cJSON.h>

#include "ht-session.h"
#include "ht-stats-pdf.h"
#include "ht-stats-period.h"

G_BEGIN_DECLS

#define HT_TYPE_STATS_VIEW (ht_stats_view_get_type ())
G_DECLARE_FINAL_TYPE (HtStatsView, ht_stats_view, HT, STATS_VIEW, AdwBin)

void ht_stats_view_set_session (HtStatsView *self,
                                HtSession   *session);
/* Computes the figures of the period picked again (the register changed). */
void ht_stats_view_reload      (HtStatsView *self);

/* Picks a period as a clerk would and computes it: an official period of
 * "year", or HT_STATS_PERIOD_CUSTOM with "from" and "to" typed as on the
 * page (dd/mm/yyyy). */
void         ht_stats_view_choose        (HtStatsView   *self,
                                          HtStatsPeriod  period,
                                          int            year,
                                          const char    *from,
                                          const char    *to);

/* For tests and screenshots: */
/* Whether figures are being computed. */
gboolean     ht_stats_view_get_loading   (HtStatsView *self);
/* The value shown for a figure ("birth.total"); NULL for an unknown key. */
const char  *ht_stats_view_get_figure    (HtStatsView *self,
                                          const char  *key);
/* What is written under a figure's row: its locked value when it differs. */
const char  *ht_stats_view_get_figure_note (HtStatsView *self,
                                            const char  *key);
/* The message shown instead of figures (a bad date, a failed read), or NULL. */
const char  *ht_stats_view_get_error     (HtStatsView *self);
/* What the page says about a locked report of the period. */
const char  *ht_stats_view_get_lock_text (HtStatsView *self);
/* The toast of the last export ("Saved to …"), NULL while it runs. */
const char  *ht_stats_view_get_message   (HtStatsView *self);
/* The figures shown (ht_stats_to_json()), or NULL. */
const cJSON *ht_stats_view_get_figures   (HtStatsView *self);
/* The widget of a chart (an HtStatsChartArea). */
GtkWidget   *ht_stats_view_get_chart     (HtStatsView  *self,
                                          HtStatsChart  chart);

G_END_DECLS
