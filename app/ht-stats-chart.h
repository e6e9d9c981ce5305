/* ht-stats-chart.h — one statistics chart as a widget, drawn by core's ht_stats_chart_draw().
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <cjson/cJSON.h>

#include "ht-stats-pdf.h"

G_BEGIN_DECLS

#define HT_TYPE_STATS_CHART (ht_stats_chart_get_type ())
G_DECLARE_FINAL_TYPE (HtStatsChartArea, ht_stats_chart, HT, STATS_CHART, GtkDrawingArea)

/* An image to assistive technologies, labelled with the chart's title. */
GtkWidget *ht_stats_chart_new          (HtStatsChart      chart,
                                        int               height);
/* Shows "figures" (copied; NULL draws nothing) and describes them. */
void       ht_stats_chart_set_figures  (HtStatsChartArea *self,
                                        const cJSON      *figures);
/* The text alternative set last, or NULL. */
const char *ht_stats_chart_get_description (HtStatsChartArea *self);

G_END_DECLS
