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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtStats, ht_stats_free)

G_END_DECLS
