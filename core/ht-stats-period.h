/* ht-stats-period.h — the reporting periods of the statistics forms.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Ministry's forms 13a and 14a are reported for fixed periods of a year
 * (DOMAIN.md §4): the 6-month report, the preliminary year report and the
 * official year report.  This module turns a period and a year into the
 * registration dates it counts, so that the tool and the app offer them
 * "one click away"; any other range is a custom period.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HT_STATS_PERIOD_CUSTOM,           /* any from/to the user gives */
  HT_STATS_PERIOD_SIX_MONTHS,       /* "6-months" */
  HT_STATS_PERIOD_PRELIMINARY_YEAR, /* "preliminary-year": the year report sent before the year ends */
  HT_STATS_PERIOD_YEAR,             /* "year": the official year report */
} HtStatsPeriod;

/* The official periods, in the order of a year's reports. */
#define HT_STATS_N_OFFICIAL_PERIODS 3
extern const HtStatsPeriod ht_stats_official_periods[HT_STATS_N_OFFICIAL_PERIODS];

/* "custom", "6-months", "preliminary-year", "year". */
const char *ht_stats_period_to_string   (HtStatsPeriod  period);
/* FALSE for any other text. */
gboolean    ht_stats_period_from_string (const char    *text,
                                         HtStatsPeriod *out);
/* A short translated name for a period picker ("6 months of 2026" is built
 * by the caller from it and the year). */
const char *ht_stats_period_label       (HtStatsPeriod  period);

/* The registration dates an official period of "year" counts, both
 * included.  "cutoff" overrides the built-in dates when not NULL or empty:
 * "MM-DD..MM-DD", the first day and the last; when the first is after the
 * last, the period starts in the year before (the pre-2019 regime counted
 * "10-01..09-30").  A bad override, a custom period or a year outside
 * 1900..9998 is HT_ERROR_INVALID with a message naming what is wrong. */
gboolean    ht_stats_period_range       (HtStatsPeriod  period,
                                         int            year,
                                         const char    *cutoff,
                                         GDate         *from,
                                         GDate         *to,
                                         GError       **error);
/* The built-in dates of a period as "MM-DD..MM-DD" (for display). */
const char *ht_stats_period_default_cutoff (HtStatsPeriod period);
/* Whether "cutoff" is a valid override (see ht_stats_period_range()). */
gboolean    ht_stats_period_cutoff_valid   (const char    *cutoff,
                                            GError       **error);

G_END_DECLS
