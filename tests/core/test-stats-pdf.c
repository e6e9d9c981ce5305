/* test-stats-pdf.c — the statistics charts and the PDF report.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is read back with pdftotext, as anyone holding it would read
 * it: its title, office, period and every figure of forms 13a and 14a.
 * The charts are drawn onto image surfaces and their pixels checked, and
 * hostile figures (missing, negative, not numbers, huge) and sizes (zero,
 * negative, tiny) must draw without a crash.
 */
#include <string.h>
#include <sys/stat.h>
#include <check.h>
#include <glib/gstdio.h>

#include "../ht-check-run.h"
#include "ht-error.h"
#include "ht-record.h"
#include "ht-stats-format.h"
#include "ht-stats-months.h"
#include "ht-stats-pdf.h"
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

/* Figures with a different value in every figure, so that each can be
 * found in the text. */
static const char figures_text[] =
  "{\"scope\":\"00004\",\"from\":\"2026-01-01\",\"to\":\"2026-05-31\","
  "\"birth\":{\"total\":137,\"male\":70,\"female\":67,\"kinh\":120,\"other_ethnicity\":17,\"on_time\":131,"
  "\"late\":6,\"re_registration\":3,\"under_5\":136},"
  "\"death\":{\"total\":41,\"male\":22,\"female\":19,\"on_time\":33,\"late\":8,\"under_1\":2,\"age_1_to_4\":1,"
  "\"age_5_plus\":38,\"re_registration\":4},"
  "\"marriage\":{\"total\":58,\"first_marriage\":51,\"mean_age_first_marriage_husband\":27.4,"
  "\"mean_age_first_marriage_wife\":null,\"re_registration\":5},"
  "\"marital_status\":{\"total\":44,\"male\":23,\"female\":21,\"purpose_marriage\":39,\"purpose_other\":5},"
  "\"change\":{\"total\":12},\"parentage\":{\"total\":7},\"guardianship\":{\"total\":9},"
  "\"guardianship_end\":{\"total\":10},\"decision_note\":{\"total\":11},\"foreign_note\":{\"total\":13},"
  "\"adoption\":{\"total\":14}}";

/* The member the app and the PDF add for the charts (ht-stats-months.h):
 * March has more boys, April only girls; 130 of 137 births within a year
 * (94.8%, under the 98% target). */
static const char charts_text[] =
  "{\"birth_months\":[{\"month\":\"2026-03\",\"male\":40,\"female\":10},"
  "{\"month\":\"2026-04\",\"male\":0,\"female\":20}],"
  "\"birth_within_year\":130,\"birth_beyond_year\":7}";

static cJSON *
figures_with_charts (void)
{
  g_autoptr(cJSON) figures = cJSON_Parse (figures_text);
  g_autoptr(cJSON) charts = cJSON_Parse (charts_text);

  return ht_stats_figures_with_charts (figures, charts);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    ck_abort_msg ("pdftotext cannot run (tools/deps.sh installs poppler-utils): %s", error->message);
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "pdftotext failed: %s", err);
  return g_steal_pointer (&out);
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Whether some line of "text" has "label" and then "value" at its end.
 * Spaces are ignored: pdftotext puts the value far right, and sometimes a
 * space inside a word whose letters were placed with kerning ("dứt"). */
static gboolean
has_row (const char *text,
         const char *label,
         const char *value)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *want_label = squeeze (label);
  g_autofree char *want_value = squeeze (value);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = squeeze (lines[i]);
      const char *at = strstr (line, want_label);

      if (at != NULL && g_strcmp0 (at + strlen (want_label), want_value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The text goes to standard error: check's messages are short. */
#define ck_assert_row(text, label, value) \
  G_STMT_START { \
    if (!has_row ((text), (label), (value))) \
      { \
        g_printerr ("%s\n", (text)); \
        ck_abort_msg ("no row “%s %s”", (label), (value)); \
      } \
  } G_STMT_END

static guint
files_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

START_TEST (report_reads_back)
{
  g_autoptr(cJSON) figures = figures_with_charts ();
  g_autofree char *path = g_build_filename (tmpdir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  struct stat st;

  ck_assert (ht_stats_write_pdf (figures, HT_STATS_PERIOD_SIX_MONTHS, 2026, NULL, path, &error));
  ck_assert_ptr_null (error);
  text = pdf_text (path);
  ck_assert_ptr_nonnull (strstr (text, "BÁO CÁO THỐNG KÊ HỘ TỊCH"));
  ck_assert_ptr_nonnull (strstr (text, "Ủy ban nhân dân Phường Ba Đình (00004)"));
  ck_assert_ptr_nonnull (strstr (text, "6 tháng năm 2026 (từ ngày 01/01/2026 đến ngày 31/05/2026)"));
  ck_assert_ptr_nonnull (strstr (text, "Biểu số 13a/BTP/HTQTCT/HT"));
  ck_assert_ptr_nonnull (strstr (text, "Biểu số 14a/BTP/HTQTCT/HT/HTK"));
  /* The period stops before the report's end: the estimate note says so. */
  ck_assert_ptr_nonnull (strstr (text, "Số liệu thực tế trong sổ"));

  /* Every figure, on its own row, as the forms word it. */
  ck_assert_row (text, "Chia theo dân tộc: Kinh", "120");
  ck_assert_row (text, "Chia theo dân tộc: Dân tộc khác", "17");
  ck_assert_row (text, "Trong đó: trẻ em dưới 5 tuổi", "136");
  ck_assert_row (text, "Chia theo độ tuổi: Từ 05 tuổi trở lên", "38");
  ck_assert_row (text, "Trong đó: kết hôn lần đầu", "51");
  ck_assert_row (text, "Tuổi kết hôn trung bình lần đầu: Nam", "27.4");
  /* A mean of nothing is a dash, as in the text form. */
  ck_assert_row (text, "Tuổi kết hôn trung bình lần đầu: Nữ", "-");
  ck_assert_row (text, "Chia theo mục đích: Để đăng ký kết hôn", "39");
  ck_assert_row (text, "Nhận cha, mẹ, con", "7");
  ck_assert_row (text, "Đăng ký chấm dứt giám hộ", "10");
  ck_assert_row (text, "Ngoài biểu 14a: Đăng ký nuôi con nuôi trong nước", "14");
  /* The charts, with their Vietnamese labels and the on-time share. */
  ck_assert_ptr_nonnull (strstr (text, "Đăng ký mới theo loại việc"));
  ck_assert_ptr_nonnull (strstr (text, "Khai tử theo độ tuổi"));
  flat = g_strdup (text);
  ck_assert_ptr_nonnull (strstr (flat, "95% đúng hạn"));   /* birth: 131 of 137 is 95.6% */
  ck_assert_ptr_nonnull (strstr (flat, "80% đúng hạn"));   /* death: 33 of 41 is 80.5% */
  ck_assert_ptr_nonnull (strstr (flat, "94% trong một năm")); /* 130 of 137 is 94.9% */
  ck_assert_ptr_nonnull (strstr (text, "Khai sinh theo tháng và giới tính"));
  ck_assert_ptr_nonnull (strstr (text, "03/2026"));
  ck_assert_ptr_nonnull (strstr (text, "04/2026"));

  /* The owner's only, and no temporary file left beside it. */
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  ck_assert_uint_eq (files_in (tmpdir), 1);
}
END_TEST

START_TEST (report_office_and_custom_period)
{
  g_autoptr(cJSON) figures = cJSON_Parse (figures_text);
  g_autofree char *path = g_build_filename (tmpdir, "custom.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ck_assert (ht_stats_write_pdf (figures, HT_STATS_PERIOD_CUSTOM, 0, "UBND Phường Thử", path, &error));
  text = pdf_text (path);
  ck_assert_ptr_nonnull (strstr (text, "Đơn vị báo cáo: UBND Phường Thử"));
  ck_assert_ptr_nonnull (strstr (text, "Từ ngày 01/01/2026 đến ngày 31/05/2026"));
  ck_assert_ptr_null (strstr (text, "Số liệu thực tế trong sổ"));
}
END_TEST

START_TEST (report_empty_figures)
{
  /* Figures with nothing in them (a JSON from elsewhere) still print:
   * every count "-" or 0, never a crash. */
  g_autoptr(cJSON) figures = cJSON_Parse ("{\"birth\":{\"total\":\"many\"},\"death\":[]}");
  g_autofree char *path = g_build_filename (tmpdir, "empty.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ck_assert (ht_stats_write_pdf (figures, HT_STATS_PERIOD_YEAR, 2026, NULL, path, &error));
  text = pdf_text (path);
  ck_assert_ptr_nonnull (strstr (text, "Toàn quốc"));
  ck_assert_row (text, "1. Đăng ký mới: tổng số", "-");
}
END_TEST

START_TEST (report_cannot_be_written)
{
  g_autoptr(cJSON) figures = cJSON_Parse (figures_text);
  g_autofree char *path = g_build_filename (tmpdir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  ck_assert (!ht_stats_write_pdf (figures, HT_STATS_PERIOD_YEAR, 2026, NULL, path, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_IO));
  ck_assert_ptr_nonnull (strstr (error->message, path));
  ck_assert_uint_eq (files_in (tmpdir), 0);
}
END_TEST

/* How many pixels of an ARGB32 surface are close to the colour r,g,b. */
static guint
pixels_of (cairo_surface_t *surface,
           guint8           r,
           guint8           g,
           guint8           b)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);
        if (ABS ((int) ((p >> 16) & 0xff) - r) < 8 && ABS ((int) ((p >> 8) & 0xff) - g) < 8
            && ABS ((int) (p & 0xff) - b) < 8 && (p >> 24) == 0xff)
          n++;
      }
  return n;
}

static cairo_surface_t *
draw (const cJSON  *figures,
      HtStatsChart  chart,
      int           width,
      int           height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
  cairo_t *cr = cairo_create (surface);

  ht_stats_chart_draw (figures, chart, NULL, cr, width, height);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

START_TEST (charts_draw_their_bars)
{
  g_autoptr(cJSON) figures = cJSON_Parse (figures_text);
  g_autoptr(cJSON) none = cJSON_Parse ("{}");
  cairo_surface_t *surface;

  /* Blue bars for the kinds; none when nothing was registered. */
  surface = draw (figures, HT_STATS_CHART_KINDS, 500, 300);
  ck_assert_uint_gt (pixels_of (surface, 0x35, 0x84, 0xe4), 1000);
  cairo_surface_destroy (surface);
  surface = draw (none, HT_STATS_CHART_KINDS, 500, 300);
  ck_assert_uint_eq (pixels_of (surface, 0x35, 0x84, 0xe4), 0);
  cairo_surface_destroy (surface);

  /* Green on time and orange late, in proportion: 131:6 and 33:8. */
  surface = draw (figures, HT_STATS_CHART_TIMING, 500, 150);
  {
    guint green = pixels_of (surface, 0x2e, 0xc2, 0x7e);
    guint orange = pixels_of (surface, 0xff, 0x78, 0x00);

    ck_assert_uint_gt (orange, 0);
    ck_assert_uint_gt (green, orange * 4);
  }
  cairo_surface_destroy (surface);

  /* The three age bands in their three colours. */
  surface = draw (figures, HT_STATS_CHART_DEATH_AGES, 500, 150);
  ck_assert_uint_gt (pixels_of (surface, 0xe0, 0x1b, 0x24), 0);
  ck_assert_uint_gt (pixels_of (surface, 0x91, 0x41, 0xac), 0);
  ck_assert_uint_gt (pixels_of (surface, 0x98, 0x6a, 0x44), pixels_of (surface, 0xe0, 0x1b, 0x24));
  cairo_surface_destroy (surface);

  /* Births per month: blue boys and red girls, 40 against 30 in all. */
  {
    g_autoptr(cJSON) with_charts = figures_with_charts ();
    guint blue, red;

    surface = draw (with_charts, HT_STATS_CHART_BIRTH_MONTHS, 500, 250);
    blue = pixels_of (surface, 0x35, 0x84, 0xe4);
    red = pixels_of (surface, 0xe0, 0x1b, 0x24);
    ck_assert_uint_gt (red, 500);
    ck_assert_uint_gt (blue, red);
    cairo_surface_destroy (surface);
    /* Without the member (a locked report's figures): no columns. */
    surface = draw (figures, HT_STATS_CHART_BIRTH_MONTHS, 500, 250);
    ck_assert_uint_lt (pixels_of (surface, 0xe0, 0x1b, 0x24), 200); /* the legend's square only */
    cairo_surface_destroy (surface);

    /* The timing chart gets a third bar, births within a year: more orange. */
    surface = draw (with_charts, HT_STATS_CHART_TIMING, 500, 150);
    blue = pixels_of (surface, 0xff, 0x78, 0x00);
    cairo_surface_destroy (surface);
    surface = draw (figures, HT_STATS_CHART_TIMING, 500, 150);
    ck_assert_uint_gt (blue, pixels_of (surface, 0xff, 0x78, 0x00));
    cairo_surface_destroy (surface);
  }
}
END_TEST

START_TEST (charts_survive_hostile_input)
{
  static const char *const hostile[] = {
    "{}",
    "[]",
    "{\"birth\":{\"total\":-5,\"on_time\":-1,\"late\":1e308},\"death\":{\"total\":\"x\",\"under_1\":null}}",
    "{\"birth\":{\"total\":1e300,\"on_time\":1e300,\"late\":1e300},\"death\":{\"age_5_plus\":4294967296}}",
    "{\"charts\":[]}",
    "{\"charts\":{\"birth_months\":{},\"birth_within_year\":\"x\"}}",
    "{\"charts\":{\"birth_months\":[null,5,{\"month\":7,\"male\":-1,\"female\":\"x\"},"
    "{\"month\":\"2026-13-99\",\"male\":1e308,\"female\":1e308},{}],"
    "\"birth_within_year\":-3,\"birth_beyond_year\":1e308}}",
  };
  static const int sizes[][2] = { { 0, 0 }, { -10, 50 }, { 3, 2 }, { 40, 20 }, { 2000, 30 }, { 300, 300 } };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(cJSON) figures = cJSON_Parse (hostile[i]);

      ck_assert_ptr_nonnull (figures);
      for (guint c = 0; c < HT_STATS_N_CHARTS; c++)
        {
          g_autofree char *description = ht_stats_chart_describe (figures, (HtStatsChart) c);

          ck_assert_ptr_nonnull (strstr (description, ht_stats_chart_title ((HtStatsChart) c)));
          for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
            cairo_surface_destroy (draw (figures, (HtStatsChart) c, sizes[s][0], sizes[s][1]));
        }
    }
  /* A NULL figures object counts as all zero too. */
  cairo_surface_destroy (draw (NULL, HT_STATS_CHART_TIMING, 300, 100));
}
END_TEST

START_TEST (charts_described_in_words)
{
  g_autoptr(cJSON) figures = cJSON_Parse (figures_text);
  g_autoptr(cJSON) none = cJSON_Parse ("{}");
  g_autofree char *kinds = ht_stats_chart_describe (figures, HT_STATS_CHART_KINDS);
  g_autofree char *timing = ht_stats_chart_describe (figures, HT_STATS_CHART_TIMING);
  g_autofree char *ages = ht_stats_chart_describe (figures, HT_STATS_CHART_DEATH_AGES);
  g_autofree char *empty = ht_stats_chart_describe (none, HT_STATS_CHART_TIMING);

  ck_assert_ptr_nonnull (strstr (kinds, "Khai sinh 137"));
  ck_assert_ptr_nonnull (strstr (kinds, "Nuôi con nuôi 14"));
  ck_assert_ptr_nonnull (strstr (timing, "Khai sinh 131 đúng hạn, 6 quá hạn (95% đúng hạn; mục tiêu 95%)"));
  ck_assert_ptr_nonnull (strstr (ages, "Dưới 01 tuổi 2"));
  ck_assert_ptr_nonnull (strstr (empty, "không có"));

  /* The figures only the charts have. */
  {
    g_autoptr(cJSON) with_charts = figures_with_charts ();
    g_autofree char *months = ht_stats_chart_describe (with_charts, HT_STATS_CHART_BIRTH_MONTHS);
    g_autofree char *no_months = ht_stats_chart_describe (figures, HT_STATS_CHART_BIRTH_MONTHS);
    g_autofree char *within = ht_stats_chart_describe (with_charts, HT_STATS_CHART_TIMING);

    ck_assert_str_eq (months, "Khai sinh theo tháng và giới tính: tháng 03/2026 nam 40, nữ 10; "
                              "tháng 04/2026 nam 0, nữ 20.");
    ck_assert_str_eq (no_months, "Khai sinh theo tháng và giới tính: không có số liệu.");
    ck_assert_ptr_nonnull (strstr (within, "Khai sinh trong một năm 130 trong một năm, 7 quá hạn "
                                           "(94% trong một năm; mục tiêu 98%)"));
    ck_assert_ptr_nonnull (strstr (timing, "Khai sinh trong một năm 0 trong một năm, 0 quá hạn (không có"));
  }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("stats-pdf");
  TCase *tc = tcase_create ("report");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, report_reads_back);
  tcase_add_test (tc, report_office_and_custom_period);
  tcase_add_test (tc, report_empty_figures);
  tcase_add_test (tc, report_cannot_be_written);
  tcase_add_test (tc, charts_draw_their_bars);
  tcase_add_test (tc, charts_survive_hostile_input);
  tcase_add_test (tc, charts_described_in_words);
  suite_add_tcase (suite, tc);

  return ht_check_run (suite, CK_FORK);
}
