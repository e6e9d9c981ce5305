/* ht-date.c — civil dates: strict parsing, full years, day counts.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-date"

#include "ht-date.h"

#include <string.h>

#define HT_DATE_YEAR_MIN 1800
#define HT_DATE_YEAR_MAX 9999

/* Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed
 * offset is exact for every date the register deals with "today". */
#define HT_VIETNAM_UTC_OFFSET (7 * 60 * 60)

/* Reads exactly "len" ASCII digits; FALSE on anything else, so signs, spaces
 * and the short forms that sscanf() and g_ascii_strtoull() accept are
 * refused. */
static gboolean
read_digits (const char *p,
             guint       len,
             guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (guint) (p[i] - '0');
    }

  *out = value;
  return TRUE;
}

static gboolean
set_checked_dmy (GDate *out,
                 guint  day,
                 guint  month,
                 guint  year)
{
  if (year < HT_DATE_YEAR_MIN || year > HT_DATE_YEAR_MAX)
    return FALSE;
  if (month < 1 || month > 12 || day < 1)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  if (out != NULL)
    g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Parses the first ten bytes of "text" as YYYY-MM-DD; the caller has checked
 * that there are at least ten. */
static gboolean
parse_iso_prefix (const char *text,
                  GDate      *out)
{
  guint y, m, d;

  if (text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!read_digits (text, 4, &y) || !read_digits (text + 5, 2, &m) || !read_digits (text + 8, 2, &d))
    return FALSE;

  return set_checked_dmy (out, d, m, y);
}

gboolean
ht_date_parse (const char *text,
               GDate      *out)
{
  if (text == NULL || strlen (text) != 10)
    return FALSE;

  return parse_iso_prefix (text, out);
}

gboolean
ht_local_datetime_parse (const char *text,
                         GDate      *out_date,
                         int        *out_minutes)
{
  GDate date;
  guint hh, mm;
  size_t len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  if (len != 10 && len != 16)
    return FALSE;

  g_date_clear (&date, 1);
  if (!parse_iso_prefix (text, &date))
    return FALSE;

  if (len == 10)
    {
      if (out_date != NULL)
        *out_date = date;
      if (out_minutes != NULL)
        *out_minutes = -1;
      return TRUE;
    }

  /* "24:00" is refused: the civil time of an event is a moment of its own
   * day, and midnight belongs to the next day as 00:00. */
  if (text[10] != 'T' || text[13] != ':')
    return FALSE;
  if (!read_digits (text + 11, 2, &hh) || !read_digits (text + 14, 2, &mm))
    return FALSE;
  if (hh > 23 || mm > 59)
    return FALSE;

  if (out_date != NULL)
    *out_date = date;
  if (out_minutes != NULL)
    *out_minutes = (int) (hh * 60 + mm);
  return TRUE;
}

gboolean
ht_timestamp_parse (const char  *text,
                    GDateTime  **out)
{
  GDate date;
  guint hh, mi, ss;
  GDateTime *dt;

  if (text == NULL || strlen (text) != 20)
    return FALSE;

  g_date_clear (&date, 1);
  if (!parse_iso_prefix (text, &date))
    return FALSE;
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return FALSE;
  if (!read_digits (text + 11, 2, &hh) || !read_digits (text + 14, 2, &mi) || !read_digits (text + 17, 2, &ss))
    return FALSE;

  /* GDateTime cannot hold a leap second, and our own timestamps never carry
   * one, so second 60 is refused with the rest. */
  if (hh > 23 || mi > 59 || ss > 59)
    return FALSE;

  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                            (int) hh, (int) mi, (gdouble) ss);
  if (dt == NULL)
    return FALSE;

  if (out != NULL)
    *out = dt;
  else
    g_date_time_unref (dt);
  return TRUE;
}

char *
ht_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
ht_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

char *
ht_date_format_vn (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u",
                          (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_year (date));
}

gboolean
ht_date_parse_vn (const char *text,
                  GDate      *out)
{
  guint y, m, d;

  /* Only the two-digit form the papers print; "2/3/2026" is refused like
   * "2026-3-2" so that a typing slip is caught rather than guessed at. */
  if (text == NULL || strlen (text) != 10)
    return FALSE;
  if (text[2] != '/' || text[5] != '/')
    return FALSE;
  if (!read_digits (text, 2, &d) || !read_digits (text + 3, 2, &m) || !read_digits (text + 6, 4, &y))
    return FALSE;

  return set_checked_dmy (out, d, m, y);
}

int
ht_date_full_years (const GDate *birth,
                    const GDate *on)
{
  int years;
  GDateMonth bm, om;
  GDateDay bd, od;

  g_return_val_if_fail (birth != NULL && g_date_valid (birth), 0);
  g_return_val_if_fail (on != NULL && g_date_valid (on), 0);

  years = (int) g_date_get_year (on) - (int) g_date_get_year (birth);
  bm = g_date_get_month (birth);
  bd = g_date_get_day (birth);
  om = g_date_get_month (on);
  od = g_date_get_day (on);

  /* A year is complete once the month and day of birth come round again.
   * For someone born on 29 February this comparison makes 28 February of a
   * common year still "before" the birthday and 1 March "after" it: the
   * year is not complete until the day after the last day of February.
   * A day before the birth gives a negative count. */
  if (om < bm || (om == bm && od < bd))
    years--;

  return years;
}

int
ht_date_days_between (const GDate *from,
                      const GDate *on)
{
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (on != NULL && g_date_valid (on), 0);

  return g_date_days_between (from, on);
}

/* GDate's Julian day of 1970-01-01 (day 1 is 0001-01-01). */
#define HT_DATE_JULIAN_UNIX_EPOCH 719163

void
ht_date_of_unix_time (gint64  unix_seconds,
                      GDate  *out)
{
  gint64 local = unix_seconds + HT_VIETNAM_UTC_OFFSET;
  /* Rounded towards minus infinity, so moments before 1970 fall on their day. */
  gint64 days = local / 86400 - (local % 86400 < 0 ? 1 : 0);

  g_return_if_fail (out != NULL);

  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) (HT_DATE_JULIAN_UNIX_EPOCH + days));
}

void
ht_date_today (GDate *out)
{
  const char *fixed;

  g_return_if_fail (out != NULL);

  /* Read on every call rather than cached: tests change it between cases. */
  fixed = g_getenv ("HOTICH_TODAY");
  if (fixed != NULL && *fixed != '\0')
    {
      if (ht_date_parse (fixed, out))
        return;
      g_warning_once ("HOTICH_TODAY=%s is not a YYYY-MM-DD date; using the real date", fixed);
    }

  /* Counted from the clock rather than through a GTimeZone and a
   * GDateTime: the server validates every pushed record against today, and
   * building those was about 2% of its CPU time.  The offset is fixed, so
   * the arithmetic is exact (test-date-unix compares it with GDateTime). */
  ht_date_of_unix_time (g_get_real_time () / G_USEC_PER_SEC, out);
}
