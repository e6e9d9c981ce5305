/* ht-stats-months.h — the birth figures only the charts need: per month by sex, within a year.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics JSON (issue 8) is a fixed shape shared with the server
 * and the Ministry's forms, so these figures are not in it: the app and
 * the PDF report add them to a copy of the figures as the member
 * HT_STATS_CHARTS_MEMBER, which only ht_stats_chart_draw() reads.
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "ht-store.h"

G_BEGIN_DECLS

#define HT_STATS_CHARTS_MEMBER "charts"

/* The figures of the births registered from..to (both included; NULL is
 * open), counted as ht_stats_compute() does (entries in the book only,
 * new registrations only):
 *   {"birth_months": [{"month": "2026-01", "male": 0, "female": 0}, ...],
 *    "birth_within_year": 0, "birth_beyond_year": 0}
 * The months are every calendar month of the period when it is bounded
 * and at most HT_STATS_MONTHS_MAX long, else only those with a birth.
 * "birth_within_year" are the births registered at most 365 days after
 * the date of birth, "birth_beyond_year" the later ones; a birth without a
 * usable date of birth is in neither, as in on_time and late.
 * G_IO_ERROR_CANCELLED when "cancellable" is cancelled. */
#define HT_STATS_MONTHS_MAX 120
cJSON *ht_stats_compute_birth_months (HtStore       *store,
                                      const GDate   *from,
                                      const GDate   *to,
                                      GCancellable  *cancellable,
                                      GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* A copy of "figures" with the member HT_STATS_CHARTS_MEMBER set to
 * "charts" (copied too), for ht_stats_chart_draw() and ht_stats_write_pdf(). */
cJSON *ht_stats_figures_with_charts  (const cJSON   *figures,
                                      const cJSON   *charts) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
