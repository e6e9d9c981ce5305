/* test-app-stats.c — the Statistics page under Xvfb: periods, figures, lock, exports.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test makes a register with records whose figures are known by
 * construction (births on time and late, a death, a marriage, a draft and
 * entries of another year), opens the real window, picks periods on the
 * Statistics page and reads the rows; the exports are driven through the
 * page's actions with a path (no file chooser) and the files read back:
 * the CSV's values, the PDF through pdftotext.  GTK cannot be forked, so
 * the tests run in one process (CK_NOFORK).
 */
#include <string.h>

#include "app-test-util.h"
#include "ht-record.h"
#include "ht-stats-chart.h"
#include "ht-stats-format.h"
#include "ht-stats-store.h"
#include "ht-stats-view.h"
#include "ht-test-util.h"

static char *dir;
static char *db;

static void
save (HtStore    *store,
      cJSON      *record,
      HtSaveFlags flags)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(GError) error = NULL;

  if (!ht_store_save (store, record, "lan.nt", NULL, flags, issues, &error))
    {
      ht_test_print_issues (issues);
      ck_abort_msg ("save failed: %s", error->message);
    }
  cJSON_Delete (record);
}

static void
set_sex (cJSON      *record,
         const char *sex)
{
  cJSON *child = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (record, "data"), "child");

  cJSON_ReplaceItemInObjectCaseSensitive (child, "sex", cJSON_CreateString (sex));
}

/* In 2026: three births (one on time, two late; two boys), a death, a
 * marriage, and a draft that never counts; in 2025: one birth.  The
 * 6-month period of 2026 (01-01..05-31) holds the first two births, the
 * death and the marriage. */
static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = NULL;
  cJSON *record;

  dir = ht_test_tmpdir ();
  db = app_test_make_register (dir, "lan.nt", "admin", "secret");
  store = ht_store_open (db, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");

  record = ht_test_birth ("Nguyễn Văn An", "2026-02-01", "2026-02-10");
  set_sex (record, "male");
  save (store, record, HT_SAVE_DEFAULT);
  record = ht_test_birth ("Nguyễn Thị Bình", "2026-01-01", "2026-03-15");
  set_sex (record, "female");
  save (store, record, HT_SAVE_DEFAULT);
  record = ht_test_birth ("Nguyễn Văn Cường", "2025-12-01", "2026-07-01");
  set_sex (record, "male");
  save (store, record, HT_SAVE_DEFAULT);
  save (store, ht_test_death ("Trần Văn Dũng", "1950-05-05", "2026-04-01", "2026-04-03"), HT_SAVE_DEFAULT);
  save (store, ht_test_marriage ("Lê Văn Hùng", "1995-01-10", "Phạm Thị Lan", "1998-03-03", "2026-05-20"),
        HT_SAVE_DEFAULT);
  save (store, ht_test_birth ("Nguyễn Thị Nháp", "2026-08-01", "2026-08-02"), HT_SAVE_DRAFT);
  save (store, ht_test_birth ("Nguyễn Thị Năm", "2025-05-01", "2025-05-20"), HT_SAVE_DEFAULT);
}

static void
teardown (void)
{
  ht_test_rmtree (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

static HtStatsView *
open_stats (HtWindow **out)
{
  HtWindow *window = app_test_window (db);
  HtStatsView *view;

  app_test_sign_in (window, "lan.nt", "secret");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "stats");
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "stats") == 0, "the Statistics page");
  view = HT_STATS_VIEW (ht_window_get_view (window, "stats"));
  WAIT_FOR (!ht_stats_view_get_loading (view) && ht_stats_view_get_figures (view) != NULL, "the first figures");
  *out = window;
  return view;
}

/* Picks a period and waits for its figures. */
static void
choose (HtStatsView   *view,
        HtStatsPeriod  period,
        int            year,
        const char    *from,
        const char    *to)
{
  ht_stats_view_choose (view, period, year, from, to);
  WAIT_FOR (!ht_stats_view_get_loading (view), "the figures of the period");
}

#define ck_assert_figure(view, key, value) \
  ck_assert_str_eq (ht_stats_view_get_figure ((view), (key)), (value))

START_TEST (figures_of_each_period)
{
  HtWindow *window;
  HtStatsView *view = open_stats (&window);
  const cJSON *figures;

  /* The page opens on the official year report of this year (2026). */
  ck_assert_ptr_null (ht_stats_view_get_error (view));
  ck_assert_figure (view, "birth.total", "3");
  ck_assert_figure (view, "birth.male", "2");
  ck_assert_figure (view, "birth.female", "1");
  ck_assert_figure (view, "birth.on_time", "1");
  ck_assert_figure (view, "birth.late", "2");
  ck_assert_figure (view, "death.total", "1");
  ck_assert_figure (view, "death.age_5_plus", "1");
  ck_assert_figure (view, "marriage.total", "1");
  ck_assert_figure (view, "marriage.first_marriage", "1");
  ck_assert_figure (view, "marriage.mean_age_first_marriage_husband", "31.0");
  ck_assert_figure (view, "marriage.mean_age_first_marriage_wife", "28.0");
  ck_assert_figure (view, "adoption.total", "0");
  figures = ht_stats_view_get_figures (view);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (figures, "from")), "2026-01-01");
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (figures, "to")), "2026-12-31");
  /* Every figure of the forms has its row. */
  for (const char *const *key = ht_stats_format_keys (); *key != NULL; key++)
    ck_assert_msg (ht_stats_view_get_figure (view, *key) != NULL, "no row for %s", *key);
  ck_assert_ptr_nonnull (strstr (ht_stats_view_get_lock_text (view), "not been locked"));
  /* The charts say in words what they draw. */
  {
    HtStatsChartArea *kinds = HT_STATS_CHART (ht_stats_view_get_chart (view, HT_STATS_CHART_KINDS));
    HtStatsChartArea *timing = HT_STATS_CHART (ht_stats_view_get_chart (view, HT_STATS_CHART_TIMING));
    HtStatsChartArea *months = HT_STATS_CHART (ht_stats_view_get_chart (view, HT_STATS_CHART_BIRTH_MONTHS));
    const char *text = ht_stats_chart_get_description (months);

    ck_assert_ptr_nonnull (strstr (ht_stats_chart_get_description (kinds), "Khai sinh 3; Khai tử 1; Kết hôn 1"));
    ck_assert_ptr_nonnull (strstr (ht_stats_chart_get_description (timing),
                                   "Khai sinh 1 đúng hạn, 2 quá hạn (33% đúng hạn; mục tiêu 95%)"));
    /* Within a year: 9, 73 and 212 days after the birth. */
    ck_assert_ptr_nonnull (strstr (ht_stats_chart_get_description (timing),
                                   "Khai sinh trong một năm 3 trong một năm, 0 quá hạn "
                                   "(100% trong một năm; mục tiêu 98%)"));
    /* Every month of the year, the empty ones too. */
    ck_assert_msg (g_str_has_prefix (text, "Khai sinh theo tháng và giới tính: tháng 01/2026 nam 0, nữ 0; "
                                           "tháng 02/2026 nam 1, nữ 0; tháng 03/2026 nam 0, nữ 1; "), "%s", text);
    ck_assert_ptr_nonnull (strstr (text, "; tháng 07/2026 nam 1, nữ 0; "));
    ck_assert_msg (g_str_has_suffix (text, "; tháng 12/2026 nam 0, nữ 0."), "%s", text);
    /* The figures of the page stay the statistics JSON of issue 8. */
    ck_assert_ptr_null (cJSON_GetObjectItemCaseSensitive (ht_stats_view_get_figures (view), "charts"));
  }

  /* The 6-month report stops at 31 May. */
  choose (view, HT_STATS_PERIOD_SIX_MONTHS, 2026, NULL, NULL);
  ck_assert_figure (view, "birth.total", "2");
  ck_assert_figure (view, "birth.late", "1");
  ck_assert_figure (view, "death.total", "1");
  ck_assert_figure (view, "marriage.total", "1");

  /* A custom range, typed as on paper. */
  choose (view, HT_STATS_PERIOD_CUSTOM, 0, "01/01/2025", "31/12/2025");
  ck_assert_ptr_null (ht_stats_view_get_error (view));
  ck_assert_figure (view, "birth.total", "1");
  ck_assert_figure (view, "birth.on_time", "1");
  ck_assert_figure (view, "death.total", "0");
  ck_assert_figure (view, "marriage.mean_age_first_marriage_husband", "-");

  /* The previous year's official report. */
  choose (view, HT_STATS_PERIOD_YEAR, 2025, NULL, NULL);
  ck_assert_figure (view, "birth.total", "1");
  app_test_close (window);
}
END_TEST

START_TEST (bad_range_is_refused)
{
  HtWindow *window;
  HtStatsView *view = open_stats (&window);

  /* Each mistake names its field, and no figures are shown (those on
   * screen would not be the range typed). */
  choose (view, HT_STATS_PERIOD_CUSTOM, 0, "31/02/2025", "31/12/2025");
  ck_assert_ptr_nonnull (ht_stats_view_get_error (view));
  ck_assert_msg (g_str_has_prefix (ht_stats_view_get_error (view), "From"), "%s", ht_stats_view_get_error (view));
  choose (view, HT_STATS_PERIOD_CUSTOM, 0, "01/01/2025", "hôm qua");
  ck_assert_msg (g_str_has_prefix (ht_stats_view_get_error (view), "To"), "%s", ht_stats_view_get_error (view));
  choose (view, HT_STATS_PERIOD_CUSTOM, 0, "01/01/2026", "");
  ck_assert_ptr_nonnull (strstr (ht_stats_view_get_error (view), "both dates"));
  choose (view, HT_STATS_PERIOD_CUSTOM, 0, "31/12/2026", "01/01/2026");
  ck_assert_ptr_nonnull (strstr (ht_stats_view_get_error (view), "after"));
  /* Text that is no date at all, very long, with markup and controls. */
  {
    g_autofree char *junk = g_strnfill (5000, 'x');

    choose (view, HT_STATS_PERIOD_CUSTOM, 0, junk, "<b>&amp;\x01</b>");
    ck_assert_ptr_nonnull (ht_stats_view_get_error (view));
  }
  ck_assert_ptr_null (ht_stats_view_get_figures (view));
  ck_assert_str_eq (ht_stats_view_get_figure (view, "birth.total"), "");
  /* Nothing to export then. */
  {
    g_autofree char *never = g_build_filename (dir, "never.csv", NULL);

    gtk_widget_activate_action (GTK_WIDGET (view), "stats.export-csv", "s", never);
    app_test_spin (300);
    ck_assert (!g_file_test (never, G_FILE_TEST_EXISTS));
  }

  /* A good range clears the message. */
  choose (view, HT_STATS_PERIOD_CUSTOM, 0, "01/01/2026", "31/12/2026");
  ck_assert_ptr_null (ht_stats_view_get_error (view));
  ck_assert_figure (view, "birth.total", "3");
  app_test_close (window);
}
END_TEST

static char *
read_file (const char *path)
{
  char *text = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, NULL, &error), "%s", error ? error->message : "");
  return text;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    ck_abort_msg ("pdftotext cannot run (tools/deps.sh installs poppler-utils): %s", error->message);
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "pdftotext failed: %s", err);
  return out;
}

/* Runs an export action with a path and waits for its outcome. */
static const char *
export (HtStatsView *view,
        const char  *action,
        const char  *path)
{
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), action, "s", path));
  WAIT_FOR (ht_stats_view_get_message (view) != NULL, "the export");
  return ht_stats_view_get_message (view);
}

START_TEST (exports)
{
  HtWindow *window;
  HtStatsView *view = open_stats (&window);
  g_autofree char *csv_path = g_build_filename (dir, "thong-ke.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "bao-cao.pdf", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "thong-ke.xlsx", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "no-such-folder", "x.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *xlsx = NULL;
  const char *message;

  choose (view, HT_STATS_PERIOD_SIX_MONTHS, 2026, NULL, NULL);

  message = export (view, "stats.export-csv", csv_path);
  ck_assert_msg (strstr (message, csv_path) != NULL, "%s", message);
  csv = read_file (csv_path);
  ck_assert (g_str_has_prefix (csv, "section,indicator,value\n"));
  ck_assert_ptr_nonnull (strstr (csv, "\nbirth,total,2\n"));
  ck_assert_ptr_nonnull (strstr (csv, "\nbirth,late,1\n"));
  ck_assert_ptr_nonnull (strstr (csv, "\ndeath,total,1\n"));
  ck_assert_ptr_nonnull (strstr (csv, "\nmarriage,mean_age_first_marriage_wife,28.0\n"));

  message = export (view, "stats.export-pdf", pdf_path);
  ck_assert_msg (strstr (message, pdf_path) != NULL, "%s", message);
  text = pdf_text (pdf_path);
  ck_assert_ptr_nonnull (strstr (text, "BÁO CÁO THỐNG KÊ HỘ TỊCH"));
  ck_assert_ptr_nonnull (strstr (text, "Phường Ba Đình"));
  ck_assert_ptr_nonnull (strstr (text, "6 tháng năm 2026 (từ ngày 01/01/2026 đến ngày 31/05/2026)"));
  ck_assert_ptr_nonnull (strstr (text, "Đăng ký mới theo loại việc"));
  ck_assert_ptr_nonnull (strstr (text, "Khai sinh theo tháng và giới tính"));
  ck_assert_ptr_nonnull (strstr (text, "100% trong một năm"));
  {
    /* The birth rows: a total of 2, one late. */
    g_autoptr(GRegex) total = g_regex_new ("I\\. KHAI SINH.*\\n.*tổng số +2\\n", 0, 0, NULL);
    g_autoptr(GRegex) late = g_regex_new ("Quá hạn +1\\n", 0, 0, NULL);

    ck_assert_msg (g_regex_match (total, text, 0, NULL), "%s", text);
    ck_assert (g_regex_match (late, text, 0, NULL));
  }

  message = export (view, "stats.export-xlsx", xlsx_path);
  ck_assert_msg (strstr (message, xlsx_path) != NULL, "%s", message);
  xlsx = read_file (xlsx_path);
  ck_assert (g_str_has_prefix (xlsx, "PK"));

  /* A folder that does not exist: the toast says why, nothing is left. */
  message = export (view, "stats.export-pdf", bad_path);
  ck_assert_msg (g_str_has_prefix (message, "Nothing was saved"), "%s", message);
  ck_assert (!g_file_test (bad_path, G_FILE_TEST_EXISTS));
  app_test_close (window);
}
END_TEST

START_TEST (locked_period_shows_changes)
{
  g_autoptr(GError) error = NULL;
  HtWindow *window;
  HtStatsView *view;

  /* The 6-month report was sent and locked; then a late entry was
   * registered with a date inside it. */
  {
    g_autoptr(HtStore) store = ht_store_open (db, &error);
    g_autoptr(HtStatsReport) report = NULL;
    GDate from, to;

    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    ck_assert (ht_stats_store_period_range (store, HT_STATS_PERIOD_SIX_MONTHS, 2026, &from, &to, &error));
    report = ht_stats_report_lock (store, HT_STATS_PERIOD_SIX_MONTHS, 2026, &from, &to, "lan.nt", NULL, &error);
    ck_assert_msg (report != NULL, "%s", error ? error->message : "");
    save (store, ht_test_birth ("Nguyễn Văn Muộn", "2026-05-01", "2026-05-30"), HT_SAVE_DEFAULT);
  }

  view = open_stats (&window);
  /* The year is not locked. */
  ck_assert_ptr_nonnull (strstr (ht_stats_view_get_lock_text (view), "not been locked"));
  choose (view, HT_STATS_PERIOD_SIX_MONTHS, 2026, NULL, NULL);
  ck_assert_figure (view, "birth.total", "3");
  ck_assert_msg (strstr (ht_stats_view_get_lock_text (view), "Locked on") != NULL, "%s",
                 ht_stats_view_get_lock_text (view));
  ck_assert_msg (strstr (ht_stats_view_get_lock_text (view), "1 added") != NULL, "%s",
                 ht_stats_view_get_lock_text (view));
  /* The figures that moved show what was sent; the others say nothing. */
  ck_assert_str_eq (ht_stats_view_get_figure_note (view, "birth.total"), "Locked report: 2");
  ck_assert_str_eq (ht_stats_view_get_figure_note (view, "birth.on_time"), "Locked report: 1");
  ck_assert_str_eq (ht_stats_view_get_figure_note (view, "death.total"), "");
  app_test_close (window);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("app-stats");
  TCase *tc = tcase_create ("statistics");
  SRunner *runner;
  int failed;

  app_test_init ();
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, figures_of_each_period);
  tcase_add_test (tc, bad_range_is_refused);
  tcase_add_test (tc, exports);
  tcase_add_test (tc, locked_period_shows_changes);
  suite_add_tcase (suite, tc);

  runner = srunner_create (suite);
  /* GTK and the X connection cannot cross a fork. */
  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}
