/* ht-date.h — civil dates: strict parsing, full years, day counts.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strict "YYYY-MM-DD" (exactly that shape, a real calendar date, year 1800..9999). */
gboolean ht_date_parse (const char *text, GDate *out);
/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (00..23, 00..59); *out_minutes is -1 without a time. */
gboolean ht_local_datetime_parse (const char *text, GDate *out_date, int *out_minutes);
/* "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339 UTC, as DESIGN.md's system timestamps). */
gboolean ht_timestamp_parse (const char *text, GDateTime **out);
char    *ht_timestamp_now (void);

char    *ht_date_format (const GDate *date);          /* "YYYY-MM-DD" */
char    *ht_date_format_vn (const GDate *date);       /* "dd/mm/yyyy" */
gboolean ht_date_parse_vn (const char *text, GDate *out); /* "dd/mm/yyyy" */

/* Full years between birth and "on" (the age on that day). */
int      ht_date_full_years (const GDate *birth, const GDate *on);
/* on - from, in days. */
int      ht_date_days_between (const GDate *from, const GDate *on);
/* Today in Vietnamese civil time (UTC+7).  HOTICH_TODAY=YYYY-MM-DD overrides it
 * for tests and demos that must not depend on the day they run. */
void     ht_date_today (GDate *out);
/* The Vietnamese civil date (UTC+7) at a moment, in seconds since 1970-01-01 UTC. */
void     ht_date_of_unix_time (gint64 unix_seconds, GDate *out);

G_END_DECLS
