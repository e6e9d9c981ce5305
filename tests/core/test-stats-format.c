/* test-stats-format.c — reporting periods, and the statistics laid out as text and XLSX.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures printed are those of the edge register of
 * test-stats-store.c.  The XLSX written here is checked as a file (a zip
 * archive, the owner's only, nothing left behind on failure); its cells are
 * read back by test-stats-admin.sh with python3's zipfile.
 */
#include <string.h>
#include <check.h>
#include <glib/gstdio.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-error.h"
#include "ht-record.h"
#include "ht-stats.h"
#include "ht-stats-format.h"
#include "ht-stats-period.h"
#include "ht-test-util.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = ht_test_tmpdir ();
}

static void
teardown (void)
{
  ht_test_rmtree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static const char expected_edges[] =
  "{\"scope\":\"00004\",\"from\":\"2026-01-01\",\"to\":\"2026-06-30\","
  "\"birth\":{\"total\":6,\"male\":3,\"female\":3,\"kinh\":4,\"other_ethnicity\":2,\"on_time\":3,"
  "\"late\":3,\"re_registration\":1,\"under_5\":5},"
  "\"death\":{\"total\":5,\"male\":3,\"female\":2,\"on_time\":4,\"late\":1,\"under_1\":1,\"age_1_to_4\":2,"
  "\"age_5_plus\":2,\"re_registration\":0},"
  "\"marriage\":{\"total\":4,\"first_marriage\":3,\"mean_age_first_marriage_husband\":25.3,"
  "\"mean_age_first_marriage_wife\":20.7,\"re_registration\":0},"
  "\"marital_status\":{\"total\":4,\"male\":2,\"female\":2,\"purpose_marriage\":2,\"purpose_other\":2},"
  "\"change\":{\"total\":0},\"parentage\":{\"total\":0},\"guardianship\":{\"total\":0},"
  "\"guardianship_end\":{\"total\":0},\"decision_note\":{\"total\":2},\"foreign_note\":{\"total\":1},"
  "\"adoption\":{\"total\":0}}";

static char *
range_text (HtStatsPeriod period,
            int           year,
            const char   *cutoff)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = NULL, *to_text = NULL;
  GDate from, to;

  if (!ht_stats_period_range (period, year, cutoff, &from, &to, &error))
    return g_strdup_printf ("error %d", error->code);
  from_text = ht_date_format (&from);
  to_text = ht_date_format (&to);
  return g_strdup_printf ("%s..%s", from_text, to_text);
}

#define ck_range(period, year, cutoff, expected) \
  G_STMT_START { \
    g_autofree char *_r = range_text (period, year, cutoff); \
    ck_assert_str_eq (_r, expected); \
  } G_STMT_END

START_TEST (test_periods)
{
  HtStatsPeriod p;
  g_autoptr(GError) error = NULL;

  /* TT 03/2019: actual figures to 31 May, 31 October, 31 December. */
  ck_range (HT_STATS_PERIOD_SIX_MONTHS, 2026, NULL, "2026-01-01..2026-05-31");
  ck_range (HT_STATS_PERIOD_PRELIMINARY_YEAR, 2026, NULL, "2026-01-01..2026-10-31");
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "", "2026-01-01..2026-12-31");
  /* Overrides: a start after the end is in the year before; 29 February
   * is the last day of February in a common year. */
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "10-01..09-30", "2025-10-01..2026-09-30");
  ck_range (HT_STATS_PERIOD_SIX_MONTHS, 2026, "12-15..06-14", "2025-12-15..2026-06-14");
  ck_range (HT_STATS_PERIOD_SIX_MONTHS, 2025, "01-01..02-29", "2025-01-01..2025-02-28");
  ck_range (HT_STATS_PERIOD_SIX_MONTHS, 2024, "01-01..02-29", "2024-01-01..2024-02-29");
  ck_range (HT_STATS_PERIOD_SIX_MONTHS, 2026, "06-01..06-01", "2026-06-01..2026-06-01");
  /* Bad input: every one an error, never a crash. */
  ck_range (HT_STATS_PERIOD_CUSTOM, 2026, NULL, "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 1899, NULL, "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 9999, NULL, "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "13-01..12-31", "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "01-01..02-30", "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "01-01-12-31", "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "1-1..12-31", "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "01-01..12-31x", "error 1");
  ck_range (HT_STATS_PERIOD_YEAR, 2026, "00-01..12-31", "error 1");
  ck_assert (!ht_stats_period_cutoff_valid (NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));

  /* Names. */
  for (guint i = 0; i < HT_STATS_N_OFFICIAL_PERIODS; i++)
    {
      const char *name = ht_stats_period_to_string (ht_stats_official_periods[i]);
      ck_assert (ht_stats_period_from_string (name, &p));
      ck_assert_int_eq (p, ht_stats_official_periods[i]);
      ck_assert_ptr_nonnull (ht_stats_period_label (p));
    }
  ck_assert (ht_stats_period_from_string ("6-months", &p));
  ck_assert_int_eq (p, HT_STATS_PERIOD_SIX_MONTHS);
  ck_assert (!ht_stats_period_from_string ("6 months", &p));
  ck_assert (!ht_stats_period_from_string ("", &p));
  ck_assert (!ht_stats_period_from_string (NULL, &p));
}
END_TEST

/* The line of the text form that ends with "[key]". */
static char *
text_line (const char *text,
           const char *key)
{
  g_autofree char *tag = g_strdup_printf ("  [%s]\n", key);
  const char *end = strstr (text, tag);
  const char *start;

  ck_assert_msg (end != NULL, "no line for %s", key);
  ck_assert_msg (strstr (end + 1, tag) == NULL, "two lines for %s", key);
  for (start = end; start > text && start[-1] != '\n'; start--)
    ;
  return g_strndup (start, end - start);
}

START_TEST (test_formats)
{
  g_autoptr(cJSON) figures = cJSON_Parse (expected_edges);
  g_autoptr(cJSON) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *xlsx = g_build_filename (tmpdir, "report.xlsx", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "no-such-dir", "report.xlsx", NULL);
  g_autofree char *contents = NULL;
  const char *const *keys = ht_stats_format_keys ();
  guint n_keys = 0, n_figures = 0;
  gsize length;
  GStatBuf st;

  /* The forms hold every figure of the JSON, once. */
  for (const cJSON *section = figures->child; section != NULL; section = section->next)
    if (cJSON_IsObject (section))
      for (const cJSON *item = section->child; item != NULL; item = item->next)
        {
          g_autofree char *key = g_strdup_printf ("%s.%s", section->string, item->string);
          ck_assert_msg (g_strv_contains (keys, key), "%s is on no form", key);
          n_figures++;
        }
  n_keys = g_strv_length ((char **) keys);
  ck_assert_uint_eq (n_keys, n_figures);
  ck_assert_uint_eq (n_keys, 35);

  text = ht_stats_format_text (figures, HT_STATS_PERIOD_CUSTOM, 0);
  for (guint i = 0; keys[i] != NULL; i++)
    g_free (text_line (text, keys[i]));
  {
    g_autofree char *total = text_line (text, "birth.total");
    g_autofree char *husband = text_line (text, "marriage.mean_age_first_marriage_husband");
    g_autofree char *notes = text_line (text, "decision_note.total");
    ck_assert (g_str_has_prefix (total, "  1. Đăng ký mới: tổng số"));
    ck_assert (g_str_has_suffix (total, " 6"));
    ck_assert (g_str_has_suffix (husband, " 25.3"));
    ck_assert (g_str_has_suffix (notes, " 2"));
  }
  ck_assert_ptr_nonnull (strstr (text, "Biểu số 13a/BTP/HTQTCT/HT\n"));
  ck_assert_ptr_nonnull (strstr (text, "Biểu số 14a/BTP/HTQTCT/HT/HTK\n"));
  ck_assert_ptr_nonnull (strstr (text, "Kỳ báo cáo: Từ ngày 01/01/2026 đến ngày 30/06/2026\n"));
  ck_assert_ptr_nonnull (strstr (text, "Đơn vị báo cáo: Ủy ban nhân dân Phường Ba Đình (00004)\n"));

  /* A mean of nothing prints "-". */
  {
    g_autoptr(HtStats) stats = ht_stats_new ("01", NULL, NULL);
    empty = ht_stats_to_json (stats);
  }
  empty_text = ht_stats_format_text (empty, HT_STATS_PERIOD_CUSTOM, 0);
  {
    g_autofree char *wife = text_line (empty_text, "marriage.mean_age_first_marriage_wife");
    ck_assert (g_str_has_suffix (wife, " -"));
  }
  ck_assert_ptr_nonnull (strstr (empty_text, "Kỳ báo cáo: Toàn bộ sổ hộ tịch\n"));
  ck_assert_ptr_nonnull (strstr (empty_text, "Đơn vị báo cáo: Mã đơn vị hành chính 01\n"));

  title = ht_stats_format_period_title (figures, HT_STATS_PERIOD_SIX_MONTHS, 2026);
  ck_assert_str_eq (title, "6 tháng năm 2026 (từ ngày 01/01/2026 đến ngày 30/06/2026)");

  /* XLSX: a zip archive, the owner's only; an unwritable path is an I/O
   * error and leaves nothing behind.  Its content is read back by
   * test-stats-admin.sh (python3 zipfile). */
  ck_assert (ht_stats_write_xlsx (figures, HT_STATS_PERIOD_YEAR, 2026, xlsx, &error));
  ck_assert (g_file_get_contents (xlsx, &contents, &length, NULL));
  ck_assert_uint_gt (length, 1000);
  ck_assert (memcmp (contents, "PK\003\004", 4) == 0);
  ck_assert_int_eq (g_stat (xlsx, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  ck_assert (!ht_stats_write_xlsx (figures, HT_STATS_PERIOD_YEAR, 2026, bad, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_IO));
  ck_assert_ptr_nonnull (strstr (error->message, bad));
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "report.xlsx"))
        n++;
    ck_assert_uint_eq (n, 1);
  }
}
END_TEST

static Suite *
stats_format_suite (void)
{
  Suite *s = suite_create ("stats-format");
  struct { const char *name; const TTest *test; } cases[] = {
    { "periods", test_periods },
    { "formats", test_formats },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_checked_fixture (tc, setup, teardown);
      _tcase_add_test (tc, cases[i].test, 0, 0, 0, 1);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  return ht_check_run (stats_format_suite (), CK_FORK);
}
