/* ht-stats-format.c — the statistics laid out as the Ministry's forms: text and XLSX.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows follow forms 13a (births, deaths, marriages) and 14a (the other
 * matters) of TT 03/2019/TT-BTP as DOMAIN.md §4 describes them.  Their
 * wording is the forms' own and is deliberately not marked for
 * translation: see ht-stats-format.h.  Domestic adoption is registered by
 * the commune but reported on the adoption forms, not on 14a; it is shown
 * after 14a's sections, labelled as such, so no figure of the JSON is left
 * out of a printed report.
 */
#define G_LOG_DOMAIN "ht-stats"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-stats-format.h"
#include "ht-units.h"

typedef HtStatsFormRow FormRow;

static const FormRow form_13a[] = {
  { "I. KHAI SINH (trường hợp)", NULL },
  { "  1. Đăng ký mới: tổng số", "birth.total" },
  { "     Chia theo dân tộc: Kinh", "birth.kinh" },
  { "     Chia theo dân tộc: Dân tộc khác", "birth.other_ethnicity" },
  { "     Chia theo giới tính: Nam", "birth.male" },
  { "     Chia theo giới tính: Nữ", "birth.female" },
  { "     Chia theo thời hạn: Đúng hạn", "birth.on_time" },
  { "     Chia theo thời hạn: Quá hạn", "birth.late" },
  { "     Trong đó: trẻ em dưới 5 tuổi", "birth.under_5" },
  { "  2. Đăng ký lại", "birth.re_registration" },
  { "II. KHAI TỬ (trường hợp)", NULL },
  { "  1. Đăng ký mới: tổng số", "death.total" },
  { "     Chia theo độ tuổi: Dưới 01 tuổi", "death.under_1" },
  { "     Chia theo độ tuổi: Từ 01 đến dưới 05 tuổi", "death.age_1_to_4" },
  { "     Chia theo độ tuổi: Từ 05 tuổi trở lên", "death.age_5_plus" },
  { "     Chia theo thời hạn: Đúng hạn", "death.on_time" },
  { "     Chia theo thời hạn: Quá hạn", "death.late" },
  { "     Chia theo giới tính: Nam", "death.male" },
  { "     Chia theo giới tính: Nữ", "death.female" },
  { "  2. Đăng ký lại", "death.re_registration" },
  { "III. KẾT HÔN (cặp)", NULL },
  { "  1. Đăng ký mới: tổng số", "marriage.total" },
  { "     Trong đó: kết hôn lần đầu", "marriage.first_marriage" },
  { "     Tuổi kết hôn trung bình lần đầu: Nam", "marriage.mean_age_first_marriage_husband" },
  { "     Tuổi kết hôn trung bình lần đầu: Nữ", "marriage.mean_age_first_marriage_wife" },
  { "  2. Đăng ký lại", "marriage.re_registration" },
};

static const FormRow form_14a[] = {
  { "I. Thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc", "change.total" },
  { "II. Nhận cha, mẹ, con", "parentage.total" },
  { "III. Giám hộ", NULL },
  { "  1. Đăng ký giám hộ", "guardianship.total" },
  { "  2. Đăng ký chấm dứt giám hộ", "guardianship_end.total" },
  { "IV. Ghi vào Sổ hộ tịch", NULL },
  { "  1. Việc hộ tịch theo bản án, quyết định của cơ quan nhà nước có thẩm quyền", "decision_note.total" },
  { "  2. Việc hộ tịch đã giải quyết tại cơ quan có thẩm quyền của nước ngoài", "foreign_note.total" },
  { "V. Xác nhận tình trạng hôn nhân: tổng số", "marital_status.total" },
  { "     Chia theo giới tính: Nam", "marital_status.male" },
  { "     Chia theo giới tính: Nữ", "marital_status.female" },
  { "     Chia theo mục đích: Để đăng ký kết hôn", "marital_status.purpose_marriage" },
  { "     Chia theo mục đích: Mục đích khác", "marital_status.purpose_other" },
  { "Ngoài biểu 14a: Đăng ký nuôi con nuôi trong nước", "adoption.total" },
};

typedef HtStatsForm Form;

static const Form forms[] = {
  { "Biểu 13a", "Biểu số 13a/BTP/HTQTCT/HT",
    "TÌNH HÌNH ĐĂNG KÝ KHAI SINH, KHAI TỬ, KẾT HÔN TẠI ỦY BAN NHÂN DÂN CẤP XÃ",
    form_13a, G_N_ELEMENTS (form_13a) },
  { "Biểu 14a", "Biểu số 14a/BTP/HTQTCT/HT/HTK",
    "TÌNH HÌNH ĐĂNG KÝ CÁC VIỆC HỘ TỊCH KHÁC TẠI ỦY BAN NHÂN DÂN CẤP XÃ",
    form_14a, G_N_ELEMENTS (form_14a) },
};

/* The width of the label column of the text form, in characters. */
#define LABEL_WIDTH 78

/* ---- Reading the figures ---- */

/* The value of "section.indicator"; NULL if it is missing. */
static const cJSON *
figure (const cJSON *figures,
        const char  *key)
{
  const char *dot = strchr (key, '.');
  g_autofree char *section = g_strndup (key, dot - key);

  return cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (figures, section), dot + 1);
}

static gboolean
is_mean (const char *key)
{
  return strstr (key, ".mean_") != NULL;
}

/* A count as a whole number, a mean with one decimal, "-" for null. */
static char *
format_value (const char  *key,
              const cJSON *value)
{
  if (!cJSON_IsNumber (value))
    return g_strdup ("-");
  if (is_mean (key))
    {
      gint64 tenths = (gint64) llround (value->valuedouble * 10.0);
      return g_strdup_printf ("%s%" PRId64 ".%" PRId64, tenths < 0 ? "-" : "", ABS (tenths) / 10,
                              ABS (tenths) % 10);
    }
  return g_strdup_printf ("%" PRId64, (gint64) llround (value->valuedouble));
}

const char *const *
ht_stats_format_keys (void)
{
  static const char **keys;

  if (g_once_init_enter (&keys))
    {
      GPtrArray *list = g_ptr_array_new ();

      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        for (guint i = 0; i < forms[f].n_rows; i++)
          if (forms[f].rows[i].key != NULL)
            g_ptr_array_add (list, (gpointer) forms[f].rows[i].key);
      g_ptr_array_add (list, NULL);
      g_once_init_leave (&keys, (const char **) g_ptr_array_free (list, FALSE));
    }
  return keys;
}

const HtStatsForm *
ht_stats_format_forms (guint *n_forms)
{
  if (n_forms != NULL)
    *n_forms = G_N_ELEMENTS (forms);
  return forms;
}

char *
ht_stats_format_figure (const cJSON *figures,
                        const char  *key)
{
  g_return_val_if_fail (key != NULL && strchr (key, '.') != NULL, NULL);
  return format_value (key, figure (figures, key));
}

/* ---- Headings ---- */

static char *
date_vn (const char *iso)
{
  GDate date;

  if (iso == NULL || !ht_date_parse (iso, &date))
    return NULL;
  return ht_date_format_vn (&date);
}

char *
ht_stats_format_period_title (const cJSON   *figures,
                              HtStatsPeriod  period,
                              int            year)
{
  g_autofree char *from = date_vn (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (figures, "from")));
  g_autofree char *to = date_vn (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (figures, "to")));
  g_autofree char *dates = NULL;

  g_return_val_if_fail (figures != NULL, NULL);

  if (from != NULL && to != NULL)
    dates = g_strdup_printf ("từ ngày %s đến ngày %s", from, to);
  else if (from != NULL)
    dates = g_strdup_printf ("từ ngày %s", from);
  else if (to != NULL)
    dates = g_strdup_printf ("đến ngày %s", to);
  else
    dates = g_strdup ("toàn bộ sổ hộ tịch");

  switch (period)
    {
    case HT_STATS_PERIOD_SIX_MONTHS:
      return g_strdup_printf ("6 tháng năm %d (%s)", year, dates);
    case HT_STATS_PERIOD_PRELIMINARY_YEAR:
      return g_strdup_printf ("Năm %d, báo cáo lần 1 (%s)", year, dates);
    case HT_STATS_PERIOD_YEAR:
      return g_strdup_printf ("Năm %d, báo cáo chính thức (%s)", year, dates);
    case HT_STATS_PERIOD_CUSTOM:
    default:
      /* Capitalised as the start of the line. */
      return g_strdup_printf ("%c%s", g_ascii_toupper (dates[0]), dates + 1);
    }
}

/* "Ủy ban nhân dân Phường Ba Đình (00004)" for a commune; the bare code for
 * a wider scope (the server's figures), "toàn quốc" for the nation. */
static char *
unit_line (const cJSON *figures)
{
  const char *scope = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (figures, "scope"));
  const HtUnit *unit;

  if (scope == NULL || *scope == '\0')
    return g_strdup ("Toàn quốc");
  unit = strlen (scope) == 5 ? ht_units_office (scope) : NULL;
  if (unit != NULL)
    return g_strdup_printf ("Ủy ban nhân dân %s (%s)", unit->full_name, scope);
  return g_strdup_printf ("Mã đơn vị hành chính %s", scope);
}

/* For a period whose actual figures stop before the report's end (TT
 * 03/2019: the rest is estimated by the office). */
static const char *
estimate_note (HtStatsPeriod period)
{
  switch (period)
    {
    case HT_STATS_PERIOD_SIX_MONTHS:
    case HT_STATS_PERIOD_PRELIMINARY_YEAR:
      return "Số liệu thực tế trong sổ; số liệu ước tính đến hết kỳ báo cáo do cơ quan báo cáo bổ sung.";
    case HT_STATS_PERIOD_CUSTOM:
    case HT_STATS_PERIOD_YEAR:
    default:
      return NULL;
    }
}

char *
ht_stats_format_unit (const cJSON *figures)
{
  return unit_line (figures);
}

const char *
ht_stats_format_estimate_note (HtStatsPeriod period)
{
  return estimate_note (period);
}

/* ---- Text ---- */

static void
append_padded (GString    *out,
               const char *text,
               glong       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = len; i < width; i++)
    g_string_append_c (out, ' ');
}

char *
ht_stats_format_text (const cJSON   *figures,
                      HtStatsPeriod  period,
                      int            year)
{
  g_autofree char *title = NULL;
  g_autofree char *unit = NULL;
  const char *note = estimate_note (period);
  GString *out;

  g_return_val_if_fail (figures != NULL, NULL);

  title = ht_stats_format_period_title (figures, period, year);
  unit = unit_line (figures);
  out = g_string_new (NULL);
  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      const Form *form = &forms[f];

      if (f > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s\n%s\n", form->number, form->title);
      g_string_append_printf (out, "Kỳ báo cáo: %s\n", title);
      g_string_append_printf (out, "Đơn vị báo cáo: %s\n", unit);
      if (note != NULL)
        g_string_append_printf (out, "%s\n", note);
      g_string_append_c (out, '\n');
      for (guint i = 0; i < form->n_rows; i++)
        {
          const FormRow *row = &form->rows[i];
          g_autofree char *value = NULL;

          if (row->key == NULL)
            {
              g_string_append_printf (out, "%s\n", row->label);
              continue;
            }
          value = format_value (row->key, figure (figures, row->key));
          append_padded (out, row->label, LABEL_WIDTH);
          g_string_append_printf (out, " %8s  [%s]\n", value, row->key);
        }
    }
  return g_string_free (out, FALSE);
}

/* ---- XLSX ---- */

static gboolean
xlsx_failed (lxw_error    rc,
             const char  *path,
             GError     **error)
{
  if (rc == LXW_NO_ERROR)
    return FALSE;
  g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot write %s: %s"), path, lxw_strerror (rc));
  return TRUE;
}

static lxw_error
write_form (lxw_workbook *workbook,
            const Form   *form,
            const cJSON  *figures,
            const char   *title,
            const char   *unit,
            const char   *note)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, form->sheet);
  lxw_format *bold = workbook_add_format (workbook);
  lxw_format *mean = workbook_add_format (workbook);
  lxw_row_t row = 0;
  lxw_error rc = LXW_NO_ERROR;
  g_autofree char *period = g_strdup_printf ("Kỳ báo cáo: %s", title);
  g_autofree char *office = g_strdup_printf ("Đơn vị báo cáo: %s", unit);

  if (sheet == NULL || bold == NULL || mean == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;
  format_set_bold (bold);
  format_set_num_format (mean, "0.0");
  worksheet_set_column (sheet, 0, 0, 70, NULL);
  worksheet_set_column (sheet, 1, 1, 40, NULL);
  worksheet_set_column (sheet, 2, 2, 12, NULL);

  rc = worksheet_write_string (sheet, row++, 0, form->number, bold);
  if (rc == LXW_NO_ERROR)
    rc = worksheet_write_string (sheet, row++, 0, form->title, bold);
  if (rc == LXW_NO_ERROR)
    rc = worksheet_write_string (sheet, row++, 0, period, NULL);
  if (rc == LXW_NO_ERROR)
    rc = worksheet_write_string (sheet, row++, 0, office, NULL);
  if (rc == LXW_NO_ERROR && note != NULL)
    rc = worksheet_write_string (sheet, row++, 0, note, NULL);
  row++;
  if (rc == LXW_NO_ERROR)
    rc = worksheet_write_string (sheet, row, 0, "Chỉ tiêu", bold);
  if (rc == LXW_NO_ERROR)
    rc = worksheet_write_string (sheet, row, 1, "Mã", bold);
  if (rc == LXW_NO_ERROR)
    rc = worksheet_write_string (sheet, row, 2, "Số liệu", bold);
  row++;

  for (guint i = 0; rc == LXW_NO_ERROR && i < form->n_rows; i++, row++)
    {
      const FormRow *r = &form->rows[i];
      const cJSON *value;

      rc = worksheet_write_string (sheet, row, 0, r->label, r->key == NULL ? bold : NULL);
      if (rc != LXW_NO_ERROR || r->key == NULL)
        continue;
      rc = worksheet_write_string (sheet, row, 1, r->key, NULL);
      value = figure (figures, r->key);
      /* A mean of nothing stays a blank cell, as null in the JSON. */
      if (rc == LXW_NO_ERROR && cJSON_IsNumber (value))
        rc = worksheet_write_number (sheet, row, 2, value->valuedouble, is_mean (r->key) ? mean : NULL);
    }
  return rc;
}

gboolean
ht_stats_write_xlsx (const cJSON   *figures,
                     HtStatsPeriod  period,
                     int            year,
                     const char    *path,
                     GError       **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *title = NULL;
  g_autofree char *unit = NULL;
  lxw_workbook *workbook;
  lxw_error rc = LXW_NO_ERROR;
  int fd;

  g_return_val_if_fail (figures != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The workbook is written under a new name beside "path", with the
   * owner's permissions, and renamed over it only when complete. */
  tmp = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  title = ht_stats_format_period_title (figures, period, year);
  unit = unit_line (figures);
  workbook = workbook_new (tmp);
  if (workbook == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot write %s: %s"), path,
                   lxw_strerror (LXW_ERROR_MEMORY_MALLOC_FAILED));
      return FALSE;
    }
  for (guint f = 0; rc == LXW_NO_ERROR && f < G_N_ELEMENTS (forms); f++)
    rc = write_form (workbook, &forms[f], figures, title, unit, estimate_note (period));
  /* Closing writes the file and frees the workbook, whatever happened. */
  if (rc == LXW_NO_ERROR)
    rc = workbook_close (workbook);
  else
    workbook_close (workbook);
  if (xlsx_failed (rc, path, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
