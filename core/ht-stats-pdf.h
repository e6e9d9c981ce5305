/* ht-stats-pdf.h — the statistics as charts and as a PDF report, drawn with cairo and pango.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One routine draws each chart onto any cairo context: a GtkDrawingArea in
 * the app's Statistics page and a page of the PDF report here, so the
 * screen and the paper cannot disagree.  Everything reads a statistics
 * JSON (ht_stats_to_json(), or the figures of a locked report).  Labels
 * are Vietnamese in every locale, like the forms they illustrate (see
 * ht-stats-format.h); bar colours are those of the GNOME (libadwaita)
 * palette.
 */
#pragma once

#include <cairo.h>
#include <cjson/cJSON.h>

#include "ht-stats-period.h"

G_BEGIN_DECLS

typedef enum {
  HT_STATS_CHART_KINDS,       /* new registrations of each kind, bars */
  HT_STATS_CHART_TIMING,      /* births and deaths on time and late, against the 95% target */
  HT_STATS_CHART_DEATH_AGES,  /* deaths by age band, bars */
  HT_STATS_CHART_BIRTH_MONTHS, /* births per month by sex, grouped columns (needs
                                * the member of ht-stats-months.h) */
} HtStatsChart;

#define HT_STATS_N_CHARTS 4

/* The share of registrations made on time the national programme aims at
 * (issue 8: 95% on time), marked on the timing chart. */
#define HT_STATS_TARGET_ON_TIME 0.95
/* The share of births registered within a year of birth it aims at (98%),
 * marked on the timing chart's bar of births within a year; that bar and
 * the monthly chart read the member "charts" of ht-stats-months.h and show
 * nothing ("không có") when the figures lack it (a locked report). */
#define HT_STATS_TARGET_WITHIN_YEAR 0.98

typedef struct
{
  double fg[3];      /* text, axes and outlines (RGB, 0..1) */
  double font_size;  /* body text, in the context's user units */
} HtStatsChartStyle;

/* The chart's title ("Đăng ký mới theo loại việc"), static. */
const char *ht_stats_chart_title    (HtStatsChart        chart);
/* A text alternative of the chart: its title and every value it shows,
 * one sentence (for the accessibility tree). */
char       *ht_stats_chart_describe (const cJSON        *figures,
                                     HtStatsChart        chart) G_GNUC_WARN_UNUSED_RESULT;
/* Draws the chart, title included, in the rectangle 0,0..width,height of
 * "cr" (its current transformation applies).  Missing figures count as 0;
 * "style" NULL is black text at 10 units. */
void        ht_stats_chart_draw     (const cJSON             *figures,
                                     HtStatsChart             chart,
                                     const HtStatsChartStyle *style,
                                     cairo_t                 *cr,
                                     double                   width,
                                     double                   height);

/* The report as an A4 PDF at "path": the title, the office ("office" or,
 * when NULL, the one named by the figures' scope), the period, forms 13a
 * and 14a as tables, then the charts.  Written beside "path" and renamed
 * over it when complete, mode 0600 like the XLSX; HT_ERROR_IO when it
 * cannot be written, and then nothing is left at "path". */
gboolean    ht_stats_write_pdf      (const cJSON        *figures,
                                     HtStatsPeriod       period,
                                     int                 year,
                                     const char         *office,
                                     const char         *path,
                                     GError            **error);

G_END_DECLS
