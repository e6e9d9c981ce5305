/* test-date-unix.c — ht_date_of_unix_time() and ht_date_today() against GDateTime.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Today" is counted from the clock with plain arithmetic instead of
 * through a GTimeZone and a GDateTime (ht-date.c).  These tests compare the
 * two ways on moments around every local midnight of a long span, before
 * and after 1970, so an off-by-one in the offset, the rounding or the
 * epoch's day number fails them.
 */
#include <check.h>
#include <stdlib.h>

#include "../ht-check-run.h"
#include "ht-date.h"

/* The date GDateTime gives for a moment in Vietnam (UTC+7). */
static void
reference_date (gint64  unix_seconds,
                GDate  *out)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (7 * 60 * 60);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (local), (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
}

static void
check_moment (gint64 unix_seconds)
{
  GDate ours, theirs;

  ht_date_of_unix_time (unix_seconds, &ours);
  reference_date (unix_seconds, &theirs);
  ck_assert_msg (g_date_valid (&ours), "no valid date for %" G_GINT64_FORMAT, unix_seconds);
  ck_assert_msg (g_date_compare (&ours, &theirs) == 0, "%" G_GINT64_FORMAT ": %u-%u-%u, not %u-%u-%u", unix_seconds,
                 g_date_get_year (&ours), g_date_get_month (&ours), g_date_get_day (&ours), g_date_get_year (&theirs),
                 g_date_get_month (&theirs), g_date_get_day (&theirs));
}

START_TEST (test_midnights)
{
  /* 1900-01-01 to 2100-01-01 UTC, a day at a time: the last second of each
   * Vietnamese day (16:59:59 UTC), its first (17:00:00 UTC), UTC midnight
   * and a moment in between. */
  const gint64 first = -2208988800, last = 4102444800;

  for (gint64 day = first; day < last; day += 86400)
    {
      check_moment (day);
      check_moment (day + 17 * 3600 - 1);
      check_moment (day + 17 * 3600);
      check_moment (day + 23 * 3600 + 59 * 60 + 59);
    }
}
END_TEST

START_TEST (test_epoch)
{
  GDate date;

  /* 1970-01-01 00:00 UTC is 07:00 in Vietnam, the same day; a second
   * before it is still 1970-01-01 there. */
  ht_date_of_unix_time (0, &date);
  ck_assert_uint_eq (g_date_get_year (&date), 1970);
  ck_assert_uint_eq (g_date_get_month (&date), 1);
  ck_assert_uint_eq (g_date_get_day (&date), 1);
  ht_date_of_unix_time (-7 * 3600, &date);
  ck_assert_uint_eq (g_date_get_day (&date), 1);
  ht_date_of_unix_time (-7 * 3600 - 1, &date);
  ck_assert_uint_eq (g_date_get_year (&date), 1969);
  ck_assert_uint_eq (g_date_get_month (&date), 12);
  ck_assert_uint_eq (g_date_get_day (&date), 31);
}
END_TEST

START_TEST (test_today)
{
  GDate ours, before, after;

  /* Without HOTICH_TODAY, today is the clock's date in Vietnam; read the
   * reference on both sides in case the call straddles midnight there. */
  g_unsetenv ("HOTICH_TODAY");
  reference_date (g_get_real_time () / G_USEC_PER_SEC, &before);
  ht_date_today (&ours);
  reference_date (g_get_real_time () / G_USEC_PER_SEC, &after);
  ck_assert (g_date_compare (&ours, &before) == 0 || g_date_compare (&ours, &after) == 0);

  g_setenv ("HOTICH_TODAY", "2031-02-28", TRUE);
  ht_date_today (&ours);
  ck_assert_uint_eq (g_date_get_year (&ours), 2031);
  ck_assert_uint_eq (g_date_get_month (&ours), 2);
  ck_assert_uint_eq (g_date_get_day (&ours), 28);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("date-unix");
  TCase *tc = tcase_create ("date-unix");

  tcase_add_test (tc, test_midnights);
  tcase_add_test (tc, test_epoch);
  tcase_add_test (tc, test_today);
  suite_add_tcase (s, tc);
  return ht_check_run (s, CK_FORK);
}
