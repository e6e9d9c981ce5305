/* ht-stats.h — the Ministry's indicators (forms 13a and 14a) for a period.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One module computes them for hotich-admin (one register), the server (any
 * scope) and the app, so the three can never disagree.  Records are fed one
 * at a time; the caller may pre-filter by registered_on, but ht_stats_add()
 * applies every definition itself (period, drafts and revoked records never
 * count, re-registrations only in re_registration, …).
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

typedef struct _HtStats HtStats;

/* "scope" is the office, district, province code or "" for the nation. */
HtStats *ht_stats_new     (const char  *scope,
                           const GDate *from,
                           const GDate *to);
void     ht_stats_free    (HtStats *self);
/* Counts a canonical record if it belongs to the period. */
/* The scope is only echoed: the caller feeds the records of its scope.
 * Only status "registered" counts; the period is by registered_on, both
 * bounds included, a NULL bound being open. */
void     ht_stats_add     (HtStats     *self,
                           const cJSON *record);
/* Whether a record of this kind and registration type needs its content
 * (data) to be counted.  When it does not, a record counts from its
 * envelope alone and ht_stats_add_counted() may count many at once (the
 * register counts those with SQL over indexed columns). */
gboolean ht_stats_needs_content (const char *kind,
                                 const char *registration_type);
/* Counts "n" records of "kind" whose status is "registered" and whose
 * registration date is in the period, which the caller has checked; only
 * for a kind and type that do not need their content. */
void     ht_stats_add_counted   (HtStats    *self,
                                 const char *kind,
                                 const char *registration_type,
                                 guint64     n);
/* Adds another partial result of the same period (e.g. one per partition). */
/* Self keeps its scope and period, so the offices of a province may be
 * merged into the province's figures; mean ages merge exactly. */
void     ht_stats_merge   (HtStats       *self,
                           const HtStats *other);
/* Records counted in any figure, re-registrations included. */
guint64  ht_stats_counted (const HtStats *self);

/* The JSON shape of issue 8 / docs/api.md, key order fixed. */
/* An open bound is null; a mean age with no first marriage is null. */
cJSON   *ht_stats_to_json (const HtStats *self);
/* CSV: one "section,indicator,value" line per figure, with a header. */
/* Lines end with "\n", in the JSON order; a mean has one decimal ("26.0"),
 * a null one an empty value. */
char    *ht_stats_to_csv  (const HtStats *self);

/* Figure by figure, "now" minus "before" (two ht_stats_to_json() results,
 * e.g. the figures of a locked report and today's): the same shape
 * without scope and period, counts as signed whole numbers, means as a
 * signed difference with one decimal: 0 when both are null, null when
 * only one is (a mean appeared or vanished).  A figure missing from either
 * side is taken as 0 (null for a mean). */
cJSON   *ht_stats_json_difference (const cJSON *now,
                                   const cJSON *before);
/* Whether every figure of a ht_stats_json_difference() result is 0. */
gboolean ht_stats_json_difference_is_zero (const cJSON *difference);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtStats, ht_stats_free)

G_END_DECLS
