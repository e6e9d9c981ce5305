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
void     ht_stats_add     (HtStats     *self,
                           const cJSON *record);
/* Adds another partial result of the same period (e.g. one per partition). */
void     ht_stats_merge   (HtStats       *self,
                           const HtStats *other);
guint64  ht_stats_counted (const HtStats *self);

/* The JSON shape of issue 8 / docs/api.md, key order fixed. */
cJSON   *ht_stats_to_json (const HtStats *self);
/* CSV: one "section,indicator,value" line per figure, with a header. */
char    *ht_stats_to_csv  (const HtStats *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtStats, ht_stats_free)

G_END_DECLS
