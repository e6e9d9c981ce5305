/* ht-stats-period.c — the reporting periods of the statistics forms.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thông tư 03/2019/TT-BTP sets the periods of the justice sector's
 * statistics (as summarised by thukyluat.vn, "Chi tiết kỳ báo cáo thống kê
 * định kỳ Ngành Tư pháp"; DOMAIN.md §4 marks the cut-offs unconfirmed):
 *
 *  - the 6-month report covers 1 January to 30 June, but its actual figures
 *    run from 1 January to 31 May, the rest being estimated by the office;
 *    the commune sends it by 6 June;
 *  - the year report covers the calendar year; the first (preliminary) one
 *    is sent in November with actual figures from 1 January to 31 October
 *    for the local offices (the commune by 7 November), the rest estimated;
 *  - the official year report holds every actual figure of 1 January to
 *    31 December, sent in January of the next year.
 *
 * A register counts actual entries only, so a period here is the span of
 * actual figures; estimating the remaining weeks stays the office's call.
 * Because the cut-offs are not confirmed and have changed before (TT
 * 04/2016 counted from 1 October of the year before), a register may
 * override each of them ("MM-DD..MM-DD", see ht-stats-store.h).
 */
#define G_LOG_DOMAIN "ht-stats"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-error.h"
#include "ht-stats-period.h"

const HtStatsPeriod ht_stats_official_periods[HT_STATS_N_OFFICIAL_PERIODS] = {
  HT_STATS_PERIOD_SIX_MONTHS,
  HT_STATS_PERIOD_PRELIMINARY_YEAR,
  HT_STATS_PERIOD_YEAR,
};

static const struct
{
  HtStatsPeriod period;
  const char   *name;
  const char   *label;   /* N_() */
  const char   *cutoff;  /* first and last day of the actual figures */
} periods[] = {
  { HT_STATS_PERIOD_CUSTOM, "custom", N_("Custom range"), NULL },
  { HT_STATS_PERIOD_SIX_MONTHS, "6-months", N_("6 months"), "01-01..05-31" },
  { HT_STATS_PERIOD_PRELIMINARY_YEAR, "preliminary-year", N_("Year (preliminary)"), "01-01..10-31" },
  { HT_STATS_PERIOD_YEAR, "year", N_("Year (official)"), "01-01..12-31" },
};

const char *
ht_stats_period_to_string (HtStatsPeriod period)
{
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (periods[i].period == period)
      return periods[i].name;
  g_return_val_if_reached ("custom");
}

gboolean
ht_stats_period_from_string (const char    *text,
                             HtStatsPeriod *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (periods); i++)
    if (strcmp (periods[i].name, text) == 0)
      {
        *out = periods[i].period;
        return TRUE;
      }
  return FALSE;
}

const char *
ht_stats_period_label (HtStatsPeriod period)
{
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (periods[i].period == period)
      return _(periods[i].label);
  g_return_val_if_reached (NULL);
}

const char *
ht_stats_period_default_cutoff (HtStatsPeriod period)
{
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (periods[i].period == period)
      return periods[i].cutoff;
  g_return_val_if_reached (NULL);
}

/* "MM-DD" at text[0..4]; the day is checked against a leap year, so that
 * "02-29" is accepted and becomes 28 February in a common year. */
static gboolean
parse_month_day (const char *text,
                 guint      *month,
                 guint      *day)
{
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != '-'
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  *month = (text[0] - '0') * 10 + (text[1] - '0');
  *day = (text[3] - '0') * 10 + (text[4] - '0');
  return *month >= 1 && *month <= 12 && *day >= 1 && *day <= g_date_get_days_in_month (*month, 2000);
}

static gboolean
parse_cutoff (const char *cutoff,
              guint       md[4])
{
  return strlen (cutoff) == 12 && strncmp (cutoff + 5, "..", 2) == 0
         && parse_month_day (cutoff, &md[0], &md[1]) && parse_month_day (cutoff + 7, &md[2], &md[3]);
}

gboolean
ht_stats_period_cutoff_valid (const char  *cutoff,
                              GError     **error)
{
  guint md[4];

  if (cutoff != NULL && parse_cutoff (cutoff, md))
    return TRUE;
  g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
               _("“%s” is not a period's first and last day as MM-DD..MM-DD (e.g. 01-01..05-31)"),
               cutoff != NULL ? cutoff : "");
  return FALSE;
}

static void
set_day (GDate *date,
         guint  day,
         guint  month,
         int    year)
{
  guint last = g_date_get_days_in_month (month, year);

  g_date_clear (date, 1);
  g_date_set_dmy (date, MIN (day, last), month, year);
}

gboolean
ht_stats_period_range (HtStatsPeriod  period,
                       int            year,
                       const char    *cutoff,
                       GDate         *from,
                       GDate         *to,
                       GError       **error)
{
  guint md[4];

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (period == HT_STATS_PERIOD_CUSTOM)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("A custom period has no fixed dates: give its first and last day"));
      return FALSE;
    }
  /* The year before must be a valid GDate year too. */
  if (year < 1900 || year > 9998)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The year of a report must be between 1900 and 9998, not %d"),
                   year);
      return FALSE;
    }
  if (cutoff == NULL || *cutoff == '\0')
    cutoff = ht_stats_period_default_cutoff (period);
  if (!ht_stats_period_cutoff_valid (cutoff, error))
    return FALSE;
  parse_cutoff (cutoff, md);

  /* A first day after the last one belongs to the year before. */
  set_day (to, md[3], md[2], year);
  set_day (from, md[1], md[0], (md[0] > md[2] || (md[0] == md[2] && md[1] > md[3])) ? year - 1 : year);
  return TRUE;
}
