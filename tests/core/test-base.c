/* test-base.c — tests of the base library: dates, folding, units, PINs.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-base"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-pin.h"
#include "ht-units.h"

/* Parses a date the test itself wrote; a failure here is a broken test. */
static GDate
date (const char *text)
{
  GDate d;

  g_date_clear (&d, 1);
  ck_assert_msg (ht_date_parse (text, &d), "test date %s does not parse", text);
  return d;
}

static void
assert_date (const GDate *d,
             int          year,
             int          month,
             int          day)
{
  ck_assert (g_date_valid (d));
  ck_assert_int_eq (g_date_get_year (d), year);
  ck_assert_int_eq (g_date_get_month (d), month);
  ck_assert_int_eq (g_date_get_day (d), day);
}

static int
full_years (const char *birth,
            const char *on)
{
  GDate b = date (birth);
  GDate o = date (on);

  return ht_date_full_years (&b, &o);
}

/* ---- errors ---- */

START_TEST (test_error_quark)
{
  g_autoptr(GError) error = g_error_new (HT_ERROR, HT_ERROR_NOT_FOUND, "missing");

  ck_assert_uint_ne (HT_ERROR, 0);
  ck_assert_uint_eq (HT_ERROR, ht_error_quark ());
  ck_assert_str_eq (g_quark_to_string (HT_ERROR), "ht-error-quark");
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_NOT_FOUND));
}
END_TEST

/* ---- dates ---- */

START_TEST (test_date_parse_valid)
{
  GDate d;

  g_date_clear (&d, 1);
  ck_assert (ht_date_parse ("2026-03-02", &d));
  assert_date (&d, 2026, 3, 2);
  ck_assert (ht_date_parse ("2024-02-29", &d));
  assert_date (&d, 2024, 2, 29);
  ck_assert (ht_date_parse ("2000-02-29", &d));
  ck_assert (ht_date_parse ("1800-01-01", &d));
  assert_date (&d, 1800, 1, 1);
  ck_assert (ht_date_parse ("9999-12-31", &d));
  assert_date (&d, 9999, 12, 31);
  /* The output is optional for a caller that only validates. */
  ck_assert (ht_date_parse ("2026-12-31", NULL));
}
END_TEST

START_TEST (test_date_parse_impossible_days)
{
  static const char * const bad[] = {
    "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01",
    "2026-00-10", "2026-01-00", "2026-01-32",
  };
  GDate d;

  g_date_clear (&d, 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (!ht_date_parse (bad[i], &d), "%s was accepted", bad[i]);
}
END_TEST

START_TEST (test_date_parse_bad_shapes)
{
  static const char * const bad[] = {
    "2026-2-3", "2026-02-3", "26-02-03", "2026/02/03", "02/03/2026",
    " 2026-02-03", "2026-02-03 ", "2026-02-03x", "2026-02-03T00:00", "",
    "+026-02-03", "2026-+2-03", "2026--2-03", "20260203", "2026-02-0\xd9\xa3",
    "1799-12-31", "0000-01-01", "abcd-ef-gh",
  };
  GDate d;

  g_date_clear (&d, 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (!ht_date_parse (bad[i], &d), "“%s” was accepted", bad[i]);
  ck_assert (!ht_date_parse (NULL, &d));
}
END_TEST

START_TEST (test_local_datetime)
{
  static const char * const bad[] = {
    "2026-02-20T24:00", "2026-02-20T23:60", "2026-02-20T8:30", "2026-02-20 08:30",
    "2026-02-30T08:00", "2026-02-20T08:30:00", "2026-02-20T08:30Z", "2026-02-20T",
    "2026-02-20t08:30", "2026-02-20T08-30",
  };
  GDate d;
  int minutes = 42;

  g_date_clear (&d, 1);
  ck_assert (ht_local_datetime_parse ("2026-02-20", &d, &minutes));
  assert_date (&d, 2026, 2, 20);
  ck_assert_int_eq (minutes, -1);

  ck_assert (ht_local_datetime_parse ("2026-02-20T08:30", &d, &minutes));
  assert_date (&d, 2026, 2, 20);
  ck_assert_int_eq (minutes, 8 * 60 + 30);

  ck_assert (ht_local_datetime_parse ("2024-02-29T00:00", &d, &minutes));
  ck_assert_int_eq (minutes, 0);
  ck_assert (ht_local_datetime_parse ("2026-12-31T23:59", &d, &minutes));
  ck_assert_int_eq (minutes, 23 * 60 + 59);
  ck_assert (ht_local_datetime_parse ("2026-12-31T23:59", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (!ht_local_datetime_parse (bad[i], &d, &minutes), "%s was accepted", bad[i]);
  ck_assert (!ht_local_datetime_parse (NULL, &d, &minutes));
}
END_TEST

START_TEST (test_timestamp)
{
  static const char * const bad[] = {
    "2026-03-02T02:14:03", "2026-03-02T02:14:03+07:00", "2026-03-02 02:14:03Z",
    "2026-03-02T24:00:00Z", "2026-03-02T02:14:60Z", "2026-02-30T02:14:03Z",
    "2026-03-02T02:14:03.5Z", "2026-03-02T02:14:03z",
  };
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  g_autofree char *now = NULL;
  g_autofree char *again = NULL;

  ck_assert (ht_timestamp_parse ("2026-03-02T02:14:03Z", &dt));
  ck_assert_int_eq (g_date_time_get_year (dt), 2026);
  ck_assert_int_eq (g_date_time_get_month (dt), 3);
  ck_assert_int_eq (g_date_time_get_day_of_month (dt), 2);
  ck_assert_int_eq (g_date_time_get_hour (dt), 2);
  ck_assert_int_eq (g_date_time_get_minute (dt), 14);
  ck_assert_int_eq (g_date_time_get_second (dt), 3);
  ck_assert_int_eq (g_date_time_get_utc_offset (dt), 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (!ht_timestamp_parse (bad[i], NULL), "%s was accepted", bad[i]);

  /* Our own timestamps are in the strict shape and read back unchanged. */
  now = ht_timestamp_now ();
  ck_assert_uint_eq (strlen (now), 20);
  ck_assert (ht_timestamp_parse (now, &now_dt));
  again = g_date_time_format (now_dt, "%Y-%m-%dT%H:%M:%SZ");
  ck_assert_str_eq (again, now);
}
END_TEST

START_TEST (test_date_format)
{
  GDate d = date ("2026-03-02");
  GDate back;
  g_autofree char *iso = ht_date_format (&d);
  g_autofree char *vn = ht_date_format_vn (&d);
  g_autofree char *old_vn = NULL;

  ck_assert_str_eq (iso, "2026-03-02");
  ck_assert_str_eq (vn, "02/03/2026");

  g_date_clear (&back, 1);
  ck_assert (ht_date_parse_vn ("02/03/2026", &back));
  ck_assert_int_eq (g_date_compare (&back, &d), 0);

  d = date ("1801-11-09");
  old_vn = ht_date_format_vn (&d);
  ck_assert_str_eq (old_vn, "09/11/1801");
  ck_assert (ht_date_parse_vn (old_vn, &back));
  ck_assert_int_eq (g_date_compare (&back, &d), 0);

  ck_assert (ht_date_parse_vn ("29/02/2024", &back));
  ck_assert (!ht_date_parse_vn ("29/02/2025", &back));
  ck_assert (!ht_date_parse_vn ("30/02/2026", &back));
  ck_assert (!ht_date_parse_vn ("2/3/2026", &back));
  ck_assert (!ht_date_parse_vn ("02-03-2026", &back));
  ck_assert (!ht_date_parse_vn ("02/03/26", &back));
  ck_assert (!ht_date_parse_vn ("2026-03-02", &back));
  ck_assert (!ht_date_parse_vn ("02/13/2026", &back));
  ck_assert (!ht_date_parse_vn (NULL, &back));
}
END_TEST

START_TEST (test_full_years)
{
  ck_assert_int_eq (full_years ("2006-05-10", "2026-05-09"), 19);
  ck_assert_int_eq (full_years ("2006-05-10", "2026-05-10"), 20);
  ck_assert_int_eq (full_years ("2006-05-10", "2026-05-11"), 20);
  ck_assert_int_eq (full_years ("2006-12-31", "2026-01-01"), 19);
  ck_assert_int_eq (full_years ("2026-02-20", "2026-02-20"), 0);
  ck_assert_int_eq (full_years ("2026-02-20", "2027-02-19"), 0);
  ck_assert_int_eq (full_years ("2026-02-20", "2027-02-20"), 1);
}
END_TEST

START_TEST (test_full_years_feb29)
{
  /* Born on a leap day: a year older on 1 March of a common year, on
   * 29 February of a leap year. */
  ck_assert_int_eq (full_years ("2004-02-29", "2022-02-28"), 17);
  ck_assert_int_eq (full_years ("2004-02-29", "2022-03-01"), 18);
  ck_assert_int_eq (full_years ("2004-02-29", "2024-02-28"), 19);
  ck_assert_int_eq (full_years ("2004-02-29", "2024-02-29"), 20);
  ck_assert_int_eq (full_years ("2004-02-29", "2005-02-28"), 0);
  ck_assert_int_eq (full_years ("2004-02-29", "2005-03-01"), 1);
  /* Someone born on 28 February is not affected by leap years. */
  ck_assert_int_eq (full_years ("2004-02-28", "2022-02-28"), 18);
}
END_TEST

START_TEST (test_days_between)
{
  GDate a = date ("2026-02-20");
  GDate b = date ("2026-03-02");
  GDate c = date ("2024-02-28");
  GDate e = date ("2024-03-01");
  GDate y0 = date ("2025-01-01");
  GDate y1 = date ("2026-01-01");

  ck_assert_int_eq (ht_date_days_between (&a, &b), 10);
  ck_assert_int_eq (ht_date_days_between (&b, &a), -10);
  ck_assert_int_eq (ht_date_days_between (&a, &a), 0);
  ck_assert_int_eq (ht_date_days_between (&c, &e), 2);
  ck_assert_int_eq (ht_date_days_between (&y0, &y1), 365);
}
END_TEST

START_TEST (test_today_override)
{
  GDate today;
  GDate before;
  GDate after;
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) t0 = NULL;
  g_autoptr(GDateTime) t1 = NULL;

  g_date_clear (&today, 1);
  ck_assert (g_setenv ("HOTICH_TODAY", "2026-11-22", TRUE));
  ht_date_today (&today);
  assert_date (&today, 2026, 11, 22);

  ck_assert (g_setenv ("HOTICH_TODAY", "2030-01-15", TRUE));
  ht_date_today (&today);
  assert_date (&today, 2030, 1, 15);

  /* Without the override it is the date in Vietnam; read the clock on both
   * sides so a run across midnight cannot fail. */
  g_unsetenv ("HOTICH_TODAY");
  t0 = g_date_time_new_now (tz);
  ht_date_today (&today);
  t1 = g_date_time_new_now (tz);
  g_date_clear (&before, 1);
  g_date_clear (&after, 1);
  g_date_set_dmy (&before, g_date_time_get_day_of_month (t0), g_date_time_get_month (t0), g_date_time_get_year (t0));
  g_date_set_dmy (&after, g_date_time_get_day_of_month (t1), g_date_time_get_month (t1), g_date_time_get_year (t1));
  ck_assert (g_date_compare (&today, &before) == 0 || g_date_compare (&today, &after) == 0);
}
END_TEST

/* ---- folding ---- */

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *out = ht_fold (in);

  ck_assert_msg (out != NULL, "ht_fold(“%s”) returned NULL", in);
  ck_assert_str_eq (out, expected);
}

START_TEST (test_fold_vietnamese)
{
  assert_fold ("Nguyễn Văn An", "nguyen van an");
  assert_fold ("Đặng", "dang");
  assert_fold ("ĐẶNG THỊ", "dang thi");
  assert_fold ("đặng", "dang");
  assert_fold ("Trần Thị Bích", "tran thi bich");
  assert_fold ("Lê Thị Hồng Nhung", "le thi hong nhung");
  assert_fold ("Hoàng Thuỷ Tiên", "hoang thuy tien");
  assert_fold ("Hoàng Thủy Tiên", "hoang thuy tien");
  assert_fold ("Phường Ba Đình", "phuong ba dinh");
  assert_fold ("ƯỚC ƠN", "uoc on");
  assert_fold ("H'Hen Niê", "h'hen nie");
  assert_fold ("plain ascii 123", "plain ascii 123");
  /* Windows-1258 text read as Latin-1 writes Đ/đ as Ð/ð. */
  assert_fold ("Ðặng ðức", "dang duc");
}
END_TEST

START_TEST (test_fold_nfd_equals_nfc)
{
  static const char * const names[] = {
    "Nguyễn Văn An", "Đặng Thị Ngọc Ánh", "Hồ Chí Minh", "Phạm Quỳnh Hương", "Lưu Ỷ Lan",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *nfd = g_utf8_normalize (names[i], -1, G_NORMALIZE_NFD);
      g_autofree char *nfc = g_utf8_normalize (names[i], -1, G_NORMALIZE_NFC);
      g_autofree char *a = ht_fold (nfd);
      g_autofree char *b = ht_fold (nfc);

      ck_assert_str_ne (nfd, nfc);
      ck_assert_str_eq (a, b);
    }
}
END_TEST

START_TEST (test_fold_spaces)
{
  assert_fold ("  Nguyễn   Văn\tAn \n", "nguyen van an");
  assert_fold ("Nguyễn\xc2\xa0Văn", "nguyen van");
  assert_fold ("", "");
  assert_fold (" \t\n ", "");
  assert_fold ("a", "a");
}
END_TEST

START_TEST (test_fold_invalid_utf8)
{
  ck_assert_ptr_null (ht_fold ("Nguy\xe1\xbb"));
  ck_assert_ptr_null (ht_fold ("\xff"));
  ck_assert_ptr_null (ht_fold ("abc\xc0\xaf"));
  ck_assert_ptr_null (ht_fold ("\xed\xa0\x80"));
  ck_assert_ptr_null (ht_fold (NULL));
}
END_TEST

/* The straightforward reading of the folding rules: normalise to NFD, then
 * filter.  ht_fold() decomposes character by character instead, and must
 * give the same result for every character. */
static char *
fold_reference (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_combining_class (c) != 0 || g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (c < 0x80 ? g_ascii_isspace ((char) c) : g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0)
        g_string_append_c (out, 'd');
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

START_TEST (test_fold_matches_nfd)
{
  char buf[16];

  for (gunichar c = 1; c < 0x30000; c++)
    {
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;
      int len;

      if (c >= 0xD800 && c < 0xE000)
        continue;
      /* "A" + the character + a combining acute, so marks meet a base. */
      buf[0] = 'A';
      len = 1 + g_unichar_to_utf8 (c, buf + 1);
      memcpy (buf + len, "\xcc\x81", 3);
      got = ht_fold (buf);
      want = fold_reference (buf);
      ck_assert_msg (g_strcmp0 (got, want) == 0, "U+%04X: “%s” ≠ “%s”", c, got, want);
    }
}
END_TEST

/* ---- units ---- */

START_TEST (test_units_load_time)
{
  gint64 start = g_get_monotonic_time ();
  const HtUnit *unit = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, "00001");
  gint64 took = g_get_monotonic_time () - start;

  ck_assert_ptr_nonnull (unit);
  /* A figure to read, not to assert: machines are noisy. */
  printf ("test-base: loading the unit tables took %.1f ms\n", (double) took / 1000.0);
  fflush (stdout);
}
END_TEST

START_TEST (test_units_commune_post_reform)
{
  const HtUnit *u = ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, "00004");
  const HtUnit *p;

  ck_assert_ptr_nonnull (u);
  ck_assert_int_eq (u->level, HT_UNIT_COMMUNE);
  ck_assert_str_eq (u->code, "00004");
  ck_assert_str_eq (u->name, "Ba Đình");
  ck_assert_str_eq (u->full_name, "Phường Ba Đình");
  ck_assert_str_eq (u->province, "01");
  ck_assert_ptr_null (u->district);

  p = ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_PROVINCE, u->province);
  ck_assert_ptr_nonnull (p);
  ck_assert_str_eq (p->full_name, "Thành phố Hà Nội");
  ck_assert_ptr_null (p->province);

  u = ht_units_office ("00004");
  ck_assert_ptr_nonnull (u);
  ck_assert_str_eq (u->full_name, "Phường Ba Đình");
  ck_assert_ptr_eq (u, ht_units_lookup (HT_UNITS_2026_04_30, HT_UNIT_COMMUNE, "00004"));

  /* Đồng Nai became a centrally-run city on 2026-04-30. */
  ck_assert_str_eq (ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_PROVINCE, "75")->full_name, "Tỉnh Đồng Nai");
  ck_assert_str_eq (ht_units_lookup (HT_UNITS_2026_04_30, HT_UNIT_PROVINCE, "75")->full_name, "Thành phố Đồng Nai");
}
END_TEST

START_TEST (test_units_commune_pre_reform)
{
  const HtUnit *u = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, "00004");
  const HtUnit *d;

  ck_assert_ptr_nonnull (u);
  ck_assert_str_eq (u->name, "Trúc Bạch");
  ck_assert_str_eq (u->full_name, "Phường Trúc Bạch");
  ck_assert_str_eq (u->province, "01");
  ck_assert_str_eq (u->district, "001");

  d = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_DISTRICT, "001");
  ck_assert_ptr_nonnull (d);
  ck_assert_int_eq (d->level, HT_UNIT_DISTRICT);
  ck_assert_str_eq (d->full_name, "Quận Ba Đình");
  ck_assert_str_eq (d->province, "01");
  ck_assert_ptr_null (d->district);
}
END_TEST

START_TEST (test_units_unknown)
{
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, "99999"));
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, "0004"));
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, ""));
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, NULL));
  /* No districts after the reform, and a code only exists at its level. */
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_DISTRICT, "001"));
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_PROVINCE, "00004"));
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, "01"));
  /* Hà Giang (02) was merged into Tuyên Quang. */
  ck_assert_ptr_nonnull (ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_PROVINCE, "02"));
  ck_assert_ptr_null (ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_PROVINCE, "02"));
  ck_assert_ptr_null (ht_units_office ("99999"));
  ck_assert_ptr_null (ht_units_office (NULL));
}
END_TEST

START_TEST (test_units_list)
{
  g_autoptr(GPtrArray) hanoi = ht_units_list (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, "01");
  g_autoptr(GPtrArray) hanoi_old = ht_units_list (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, "01");
  g_autoptr(GPtrArray) ba_dinh = ht_units_list (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, "001");
  g_autoptr(GPtrArray) districts = ht_units_list (HT_UNITS_2025_03_01, HT_UNIT_DISTRICT, "01");
  g_autoptr(GPtrArray) none = ht_units_list (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, "02");
  gboolean found = FALSE;

  ck_assert_uint_eq (hanoi->len, 126);
  for (guint i = 0; i < hanoi->len; i++)
    {
      const HtUnit *u = g_ptr_array_index (hanoi, i);

      ck_assert_int_eq (u->level, HT_UNIT_COMMUNE);
      ck_assert_str_eq (u->province, "01");
      found |= g_str_equal (u->code, "00004");
    }
  ck_assert (found);

  ck_assert_uint_eq (hanoi_old->len, 526);
  ck_assert_uint_eq (districts->len, 30);
  ck_assert_uint_eq (ba_dinh->len, 13);
  for (guint i = 0; i < ba_dinh->len; i++)
    ck_assert_str_eq (((const HtUnit *) g_ptr_array_index (ba_dinh, i))->district, "001");
  ck_assert_uint_eq (none->len, 0);
}
END_TEST

static guint
count_units (HtUnitsDataset dataset,
             HtUnitLevel    level)
{
  g_autoptr(GPtrArray) all = ht_units_list (dataset, level, NULL);

  return all->len;
}

START_TEST (test_units_counts)
{
  ck_assert_uint_eq (count_units (HT_UNITS_2025_03_01, HT_UNIT_PROVINCE), 63);
  ck_assert_uint_eq (count_units (HT_UNITS_2025_03_01, HT_UNIT_DISTRICT), 696);
  ck_assert_uint_eq (count_units (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE), 10035);
  for (HtUnitsDataset ds = HT_UNITS_2025_07_01; ds <= HT_UNITS_2026_04_30; ds++)
    {
      ck_assert_uint_eq (count_units (ds, HT_UNIT_PROVINCE), 34);
      ck_assert_uint_eq (count_units (ds, HT_UNIT_DISTRICT), 0);
      ck_assert_uint_eq (count_units (ds, HT_UNIT_COMMUNE), 3321);
    }
}
END_TEST

static HtUnitsDataset
dataset_on (const char *day)
{
  GDate d = date (day);

  return ht_units_dataset_on (&d);
}

START_TEST (test_units_datasets)
{
  HtUnitsDataset ds;
  GDate from;
  GDate to;

  ck_assert_int_eq (dataset_on ("1975-04-30"), HT_UNITS_2025_03_01);
  ck_assert_int_eq (dataset_on ("1850-01-01"), HT_UNITS_2025_03_01);
  ck_assert_int_eq (dataset_on ("2025-06-30"), HT_UNITS_2025_03_01);
  ck_assert_int_eq (dataset_on ("2025-07-01"), HT_UNITS_2025_07_01);
  ck_assert_int_eq (dataset_on ("2026-04-29"), HT_UNITS_2025_07_01);
  ck_assert_int_eq (dataset_on ("2026-04-30"), HT_UNITS_2026_04_30);
  ck_assert_int_eq (dataset_on ("2031-01-01"), HT_UNITS_2026_04_30);

  for (guint i = 0; i < HT_UNITS_N_DATASETS; i++)
    {
      ck_assert (ht_units_dataset_from_name (ht_units_dataset_name (i), &ds));
      ck_assert_int_eq (ds, i);
    }
  ck_assert_str_eq (ht_units_dataset_name (HT_UNITS_2025_03_01), "2025-03-01");
  ck_assert (!ht_units_dataset_from_name ("2025-01-01", &ds));
  ck_assert (!ht_units_dataset_from_name (NULL, &ds));

  ht_units_dataset_validity (HT_UNITS_2025_03_01, &from, &to);
  assert_date (&from, 1900, 1, 1);
  assert_date (&to, 2025, 6, 30);
  ht_units_dataset_validity (HT_UNITS_2025_07_01, &from, &to);
  assert_date (&from, 2025, 7, 1);
  assert_date (&to, 2026, 4, 29);
  ht_units_dataset_validity (HT_UNITS_2026_04_30, &from, &to);
  assert_date (&from, 2026, 4, 30);
  ck_assert (!g_date_valid (&to));
}
END_TEST

START_TEST (test_units_pin_provinces)
{
  ck_assert (ht_units_pin_province_known ("001"));
  ck_assert_str_eq (ht_units_pin_province_name ("001"), "Hà Nội");
  ck_assert (ht_units_pin_province_known ("079"));
  ck_assert_str_eq (ht_units_pin_province_name ("079"), "Hồ Chí Minh");
  ck_assert (ht_units_pin_province_known ("096"));
  ck_assert (!ht_units_pin_province_known ("003"));
  ck_assert (!ht_units_pin_province_known ("000"));
  ck_assert (!ht_units_pin_province_known ("097"));
  ck_assert (!ht_units_pin_province_known ("01"));
  ck_assert (!ht_units_pin_province_known (NULL));
  ck_assert_ptr_null (ht_units_pin_province_name ("003"));
}
END_TEST

static gpointer
lookup_thread (gpointer data)
{
  return (gpointer) ht_units_lookup (HT_UNITS_2025_07_01, HT_UNIT_COMMUNE, "00004");
}

START_TEST (test_units_threads)
{
  GThread *threads[8];
  gpointer first = NULL;

  /* Several threads racing for the first load all see one set of tables. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("units", lookup_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      gpointer got = g_thread_join (threads[i]);

      ck_assert_ptr_nonnull (got);
      if (first == NULL)
        first = got;
      ck_assert_ptr_eq (got, first);
    }
}
END_TEST

/* ---- personal ID numbers ---- */

START_TEST (test_pin_valid)
{
  ck_assert_int_eq (ht_pin_check ("001095012345", "male", 1995), HT_PIN_OK);
  ck_assert_int_eq (ht_pin_check ("001195012345", "female", 1995), HT_PIN_OK);
  ck_assert_int_eq (ht_pin_check ("079206000123", "male", 2006), HT_PIN_OK);
  ck_assert_int_eq (ht_pin_check ("001326000001", "female", 2026), HT_PIN_OK);
  ck_assert_int_eq (ht_pin_check ("096100000000", "female", 1900), HT_PIN_OK);
  /* What is not known is not compared. */
  ck_assert_int_eq (ht_pin_check ("001095012345", NULL, 0), HT_PIN_OK);
  ck_assert_int_eq (ht_pin_check ("001095012345", "male", 0), HT_PIN_OK);
  ck_assert_int_eq (ht_pin_check ("001095012345", NULL, 1995), HT_PIN_OK);
}
END_TEST

START_TEST (test_pin_shape)
{
  static const char * const bad[] = {
    "", "00109501234", "0010950123456", "00109501234a", " 001095012345",
    "001 095 012 345", "-01095012345", "００１０９５０１２３４５",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (ht_pin_check (bad[i], "male", 1995) == HT_PIN_SHAPE, "%s passed the shape", bad[i]);
  ck_assert_int_eq (ht_pin_check (NULL, "male", 1995), HT_PIN_SHAPE);
}
END_TEST

START_TEST (test_pin_province)
{
  ck_assert_int_eq (ht_pin_check ("003095012345", "male", 1995), HT_PIN_PROVINCE);
  ck_assert_int_eq (ht_pin_check ("000095012345", "male", 1995), HT_PIN_PROVINCE);
  ck_assert_int_eq (ht_pin_check ("097095012345", "male", 1995), HT_PIN_PROVINCE);
  ck_assert_int_eq (ht_pin_check ("999095012345", NULL, 0), HT_PIN_PROVINCE);
}
END_TEST

START_TEST (test_pin_sex)
{
  ck_assert_int_eq (ht_pin_check ("001095012345", "female", 1995), HT_PIN_SEX);
  ck_assert_int_eq (ht_pin_check ("001195012345", "male", 1995), HT_PIN_SEX);
  ck_assert_int_eq (ht_pin_check ("001226012345", "female", 2026), HT_PIN_SEX);
  ck_assert_int_eq (ht_pin_check ("001326012345", "male", 2026), HT_PIN_SEX);
}
END_TEST

START_TEST (test_pin_century)
{
  ck_assert_int_eq (ht_pin_check ("001095012345", "male", 2095), HT_PIN_CENTURY);
  ck_assert_int_eq (ht_pin_check ("001295012345", "male", 1995), HT_PIN_CENTURY);
  ck_assert_int_eq (ht_pin_check ("001326012345", "female", 1926), HT_PIN_CENTURY);
  ck_assert_int_eq (ht_pin_check ("001095012345", "male", 1895), HT_PIN_CENTURY);
}
END_TEST

START_TEST (test_pin_year)
{
  ck_assert_int_eq (ht_pin_check ("001095012345", "male", 1996), HT_PIN_YEAR);
  ck_assert_int_eq (ht_pin_check ("001326012345", "female", 2025), HT_PIN_YEAR);
  ck_assert_int_eq (ht_pin_check ("001200012345", "male", 2010), HT_PIN_YEAR);
}
END_TEST

START_TEST (test_pin_build)
{
  static const char * const provinces[] = { "001", "008", "048", "079", "096" };
  static const char * const sexes[] = { "male", "female" };
  static const int years[] = { 1900, 1901, 1999, 2000, 2006, 2026, 2099, 2100, 2250, 2399 };

  for (guint p = 0; p < G_N_ELEMENTS (provinces); p++)
    for (guint s = 0; s < G_N_ELEMENTS (sexes); s++)
      for (guint y = 0; y < G_N_ELEMENTS (years); y++)
        {
          g_autofree char *pin = ht_pin_build (provinces[p], sexes[s], years[y], 4242 + y);

          ck_assert_ptr_nonnull (pin);
          ck_assert_uint_eq (strlen (pin), 12);
          ck_assert (g_str_has_prefix (pin, provinces[p]));
          ck_assert_int_eq (ht_pin_check (pin, sexes[s], years[y]), HT_PIN_OK);
        }

  {
    g_autofree char *lo = ht_pin_build ("001", "female", 2026, 0);
    g_autofree char *hi = ht_pin_build ("001", "male", 1995, 999999);

    ck_assert_str_eq (lo, "001326000000");
    ck_assert_str_eq (hi, "001095999999");
  }

  ck_assert_int_eq (ht_pin_century_digit ("male", 1995), 0);
  ck_assert_int_eq (ht_pin_century_digit ("female", 1995), 1);
  ck_assert_int_eq (ht_pin_century_digit ("male", 2000), 2);
  ck_assert_int_eq (ht_pin_century_digit ("female", 2026), 3);
  ck_assert_int_eq (ht_pin_century_digit ("male", 2100), 4);
  ck_assert_int_eq (ht_pin_century_digit ("female", 2299), 7);
  ck_assert_int_eq (ht_pin_century_digit ("male", 2300), 8);
  ck_assert_int_eq (ht_pin_century_digit ("female", 2399), 9);
  ck_assert_int_eq (ht_pin_century_digit ("male", 1899), -1);
  ck_assert_int_eq (ht_pin_century_digit ("male", 2400), -1);
  ck_assert_int_eq (ht_pin_century_digit ("unknown", 1995), -1);
  ck_assert_int_eq (ht_pin_century_digit (NULL, 1995), -1);
}
END_TEST

START_TEST (test_pin_messages)
{
  static const HtPinCheck failures[] = {
    HT_PIN_SHAPE, HT_PIN_PROVINCE, HT_PIN_SEX, HT_PIN_CENTURY, HT_PIN_YEAR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      const char *msg = ht_pin_check_message (failures[i]);

      ck_assert_ptr_nonnull (msg);
      ck_assert_uint_gt (strlen (msg), 10);
      for (guint j = 0; j < i; j++)
        ck_assert_str_ne (msg, ht_pin_check_message (failures[j]));
    }
}
END_TEST

/* ---- suite ---- */

static void
add_case (Suite      *suite,
          const char *name,
          const TTest *test)
{
  TCase *tc = tcase_create (name);

  tcase_add_test (tc, test);
  suite_add_tcase (suite, tc);
}

static Suite *
base_suite (void)
{
  Suite *s = suite_create ("base");

  add_case (s, "error-quark", test_error_quark);

  add_case (s, "date-parse-valid", test_date_parse_valid);
  add_case (s, "date-parse-impossible-days", test_date_parse_impossible_days);
  add_case (s, "date-parse-bad-shapes", test_date_parse_bad_shapes);
  add_case (s, "local-datetime", test_local_datetime);
  add_case (s, "timestamp", test_timestamp);
  add_case (s, "date-format", test_date_format);
  add_case (s, "full-years", test_full_years);
  add_case (s, "full-years-feb29", test_full_years_feb29);
  add_case (s, "days-between", test_days_between);
  add_case (s, "today-override", test_today_override);

  add_case (s, "fold-vietnamese", test_fold_vietnamese);
  add_case (s, "fold-nfd-equals-nfc", test_fold_nfd_equals_nfc);
  add_case (s, "fold-spaces", test_fold_spaces);
  add_case (s, "fold-invalid-utf8", test_fold_invalid_utf8);
  add_case (s, "fold-matches-nfd", test_fold_matches_nfd);

  add_case (s, "units-load-time", test_units_load_time);
  add_case (s, "units-commune-post-reform", test_units_commune_post_reform);
  add_case (s, "units-commune-pre-reform", test_units_commune_pre_reform);
  add_case (s, "units-unknown", test_units_unknown);
  add_case (s, "units-list", test_units_list);
  add_case (s, "units-counts", test_units_counts);
  add_case (s, "units-datasets", test_units_datasets);
  add_case (s, "units-pin-provinces", test_units_pin_provinces);
  add_case (s, "units-threads", test_units_threads);

  add_case (s, "pin-valid", test_pin_valid);
  add_case (s, "pin-shape", test_pin_shape);
  add_case (s, "pin-province", test_pin_province);
  add_case (s, "pin-sex", test_pin_sex);
  add_case (s, "pin-century", test_pin_century);
  add_case (s, "pin-year", test_pin_year);
  add_case (s, "pin-build", test_pin_build);
  add_case (s, "pin-messages", test_pin_messages);

  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (base_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
