/* ht-stats-pdf.c — the statistics as charts and as a PDF report, drawn with cairo and pango.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart is a list of horizontal bars described as data (label, value,
 * colour), so the three charts share one drawing routine; the timing chart
 * stacks on-time and late registrations into one bar per kind and marks
 * the national target.  The report lays the forms' rows out as a table
 * (ht_stats_format_forms(), the same rows as the text and XLSX outputs)
 * and then draws the charts, breaking pages where a block would not fit.
 */
#define G_LOG_DOMAIN "ht-stats"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "ht-error.h"
#include "ht-stats-format.h"
#include "ht-stats-pdf.h"

#define FONT "Noto Sans, DejaVu Sans, sans"

/* A4 in points, and the report's margins. */
#define PAGE_WIDTH  595.2756
#define PAGE_HEIGHT 841.8898
#define MARGIN      48.0

/* The libadwaita palette (blue 3, green 4, orange 3, red 3, purple 3,
 * brown 3, yellow 5), the colours of GNOME's own charts. */
static const double palette[][3] = {
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 },
  { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0 },
  { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0 },
  { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },
  { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0 },
  { 0x98 / 255.0, 0x6a / 255.0, 0x44 / 255.0 },
  { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0 },
};
enum { BLUE, GREEN, ORANGE, RED, PURPLE, BROWN, YELLOW };

/* ---- Which bars each chart has ---- */

typedef struct
{
  const char *label;
  const char *key;    /* the figure of the bar */
  const char *late;   /* timing chart: the late figure stacked after it */
  int         colour;
  double      target; /* timing chart: the share aimed at, marked on the bar */
  const char *share;  /* timing chart: what the share is of ("đúng hạn") */
} Bar;

static const Bar kind_bars[] = {
  { "Khai sinh", "birth.total", NULL, BLUE },
  { "Khai tử", "death.total", NULL, BLUE },
  { "Kết hôn", "marriage.total", NULL, BLUE },
  { "Xác nhận tình trạng hôn nhân", "marital_status.total", NULL, BLUE },
  { "Thay đổi, cải chính, bổ sung", "change.total", NULL, BLUE },
  { "Nhận cha, mẹ, con", "parentage.total", NULL, BLUE },
  { "Giám hộ", "guardianship.total", NULL, BLUE },
  { "Chấm dứt giám hộ", "guardianship_end.total", NULL, BLUE },
  { "Ghi theo bản án, quyết định", "decision_note.total", NULL, BLUE },
  { "Ghi việc đã giải quyết ở nước ngoài", "foreign_note.total", NULL, BLUE },
  { "Nuôi con nuôi", "adoption.total", NULL, BLUE },
};

static const Bar timing_bars[] = {
  { "Khai sinh", "birth.on_time", "birth.late", GREEN, HT_STATS_TARGET_ON_TIME, "đúng hạn" },
  { "Khai sinh trong một năm", "charts.birth_within_year", "charts.birth_beyond_year", GREEN,
    HT_STATS_TARGET_WITHIN_YEAR, "trong một năm" },
  { "Khai tử", "death.on_time", "death.late", GREEN, HT_STATS_TARGET_ON_TIME, "đúng hạn" },
};

static const Bar age_bars[] = {
  { "Dưới 01 tuổi", "death.under_1", NULL, RED },
  { "Từ 01 đến dưới 05 tuổi", "death.age_1_to_4", NULL, PURPLE },
  { "Từ 05 tuổi trở lên", "death.age_5_plus", NULL, BROWN },
};

typedef struct
{
  const char *title;
  const Bar  *bars;
  guint       n_bars;
} ChartDef;

static const ChartDef charts[HT_STATS_N_CHARTS] = {
  [HT_STATS_CHART_KINDS] = { "Đăng ký mới theo loại việc", kind_bars, G_N_ELEMENTS (kind_bars) },
  [HT_STATS_CHART_TIMING] = { "Đăng ký đúng hạn và quá hạn (mục tiêu: 95% đúng hạn, 98% khai sinh trong một năm)",
                              timing_bars, G_N_ELEMENTS (timing_bars) },
  [HT_STATS_CHART_DEATH_AGES] = { "Khai tử theo độ tuổi", age_bars, G_N_ELEMENTS (age_bars) },
  /* Drawn by draw_months(), not as bars of figures. */
  [HT_STATS_CHART_BIRTH_MONTHS] = { "Khai sinh theo tháng và giới tính", NULL, 0 },
};

static const ChartDef *
chart_def (HtStatsChart chart)
{
  return (guint) chart < HT_STATS_N_CHARTS ? &charts[chart] : &charts[HT_STATS_CHART_KINDS];
}

/* A count of the figures; anything missing, negative or not a number is 0
 * (a chart never fails on figures it is given). */
static double
count (const cJSON *figures,
       const char  *key)
{
  const char *dot = strchr (key, '.');
  g_autofree char *section = g_strndup (key, dot - key);
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (figures, section),
                                                         dot + 1);

  if (!cJSON_IsNumber (value) || !isfinite (value->valuedouble) || value->valuedouble < 0)
    return 0;
  /* No register holds 10^15 entries; the cap keeps sums of figures finite. */
  return MIN (value->valuedouble, 1e15);
}

const char *
ht_stats_chart_title (HtStatsChart chart)
{
  return chart_def (chart)->title;
}

/* "97% đúng hạn": the share of a timing bar, rounded down so that 94.6%
 * never reads as the target reached. */
static char *
share_text (double      on_time,
            double      late,
            const char *word)
{
  if (on_time + late <= 0)
    return g_strdup ("không có");
  return g_strdup_printf ("%d%% %s", (int) floor (100.0 * on_time / (on_time + late)), word);
}

/* The months of the monthly chart, or NULL when the figures lack them. */
static const cJSON *
months_of (const cJSON *figures)
{
  const cJSON *months =
    cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (figures, "charts"), "birth_months");

  return cJSON_IsArray (months) && cJSON_GetArraySize (months) > 0 ? months : NULL;
}

/* A month's births of one sex; anything unusable is 0, as in count(). */
static double
month_count (const cJSON *month,
             const char  *sex)
{
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (month, sex);

  if (!cJSON_IsNumber (value) || !isfinite (value->valuedouble) || value->valuedouble < 0)
    return 0;
  return MIN (value->valuedouble, 1e15);
}

/* "01/2026" from "2026-01"; anything else as it is. */
static char *
month_label (const cJSON *month)
{
  const char *text = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (month, "month"));

  if (text == NULL)
    return g_strdup ("?");
  if (strlen (text) == 7 && text[4] == '-')
    return g_strdup_printf ("%.2s/%.4s", text + 5, text);
  return g_strdup (text);
}

char *
ht_stats_chart_describe (const cJSON  *figures,
                         HtStatsChart  chart)
{
  const ChartDef *def = chart_def (chart);
  GString *out = g_string_new (def->title);

  g_string_append (out, ": ");
  if (chart == HT_STATS_CHART_BIRTH_MONTHS)
    {
      const cJSON *months = months_of (figures);
      const cJSON *month;
      gboolean first = TRUE;

      if (months == NULL)
        g_string_append (out, "không có số liệu");
      cJSON_ArrayForEach (month, months)
        {
          g_autofree char *label = month_label (month);

          g_string_append_printf (out, "%stháng %s nam %.0f, nữ %.0f", first ? "" : "; ", label,
                                  month_count (month, "male"), month_count (month, "female"));
          first = FALSE;
        }
    }
  for (guint i = 0; i < def->n_bars; i++)
    {
      const Bar *bar = &def->bars[i];

      if (i > 0)
        g_string_append (out, "; ");
      if (bar->late != NULL)
        {
          double on_time = count (figures, bar->key), late = count (figures, bar->late);
          g_autofree char *share = share_text (on_time, late, bar->share);

          g_string_append_printf (out, "%s %.0f %s, %.0f quá hạn (%s; mục tiêu %.0f%%)", bar->label, on_time,
                                  bar->share, late, share, 100.0 * bar->target);
        }
      else
        g_string_append_printf (out, "%s %.0f", bar->label, count (figures, bar->key));
    }
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

/* ---- Drawing ---- */

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the same layout on screen and in the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

/* Shows "layout" with its top left at x,y; returns its height. */
static double
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  double height;

  layout_size (layout, NULL, &height);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return height;
}

static void
set_colour (cairo_t      *cr,
            const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* A small square of colour and its word, for the timing chart's legend;
 * returns the x after it. */
static double
legend_item (cairo_t                 *cr,
             const HtStatsChartStyle *style,
             double                   x,
             double                   y,
             int                      colour,
             const char              *text)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, style->font_size, FALSE, -1);
  double w, h;

  layout_size (layout, &w, &h);
  set_colour (cr, palette[colour]);
  cairo_rectangle (cr, x, y + (h - style->font_size) / 2, style->font_size, style->font_size);
  cairo_fill (cr);
  set_colour (cr, style->fg);
  show (cr, layout, x + style->font_size * 1.4, y);
  return x + style->font_size * 2.4 + w;
}

/* The monthly chart below its title (from "y" down): a pair of columns
 * per month, boys then girls, on one scale whose top is marked on the
 * axis.  Month labels are skipped evenly when they would overlap (a long
 * custom period); the text alternative still names every month. */
static void
draw_months (const cJSON             *figures,
             const HtStatsChartStyle *style,
             cairo_t                 *cr,
             double                   width,
             double                   height,
             double                   y)
{
  const cJSON *months = months_of (figures);
  const cJSON *month;
  g_autoptr(PangoLayout) legend = make_layout (cr, "Nam", style->font_size, FALSE, -1);
  g_autoptr(PangoLayout) top_label = NULL;
  double max = 0, axis_w, label_w = 0, label_h = 0, legend_h, plot_top, plot_bottom, slot, x;
  guint n, step, i = 0;

  x = legend_item (cr, style, 0, y, BLUE, "Nam");
  legend_item (cr, style, x, y, RED, "Nữ");
  layout_size (legend, NULL, &legend_h);
  y += legend_h + style->font_size * 0.6;
  if (months == NULL)
    {
      g_autoptr(PangoLayout) none = make_layout (cr, "Không có số liệu", style->font_size, FALSE, width);

      set_colour (cr, style->fg);
      show (cr, none, 0, y);
      return;
    }

  n = (guint) cJSON_GetArraySize (months);
  cJSON_ArrayForEach (month, months)
    {
      g_autofree char *text = month_label (month);
      g_autoptr(PangoLayout) label = make_layout (cr, text, style->font_size * 0.85, FALSE, -1);
      double w, h;

      layout_size (label, &w, &h);
      label_w = MAX (label_w, w);
      label_h = MAX (label_h, h);
      max = MAX (max, MAX (month_count (month, "male"), month_count (month, "female")));
    }
  {
    g_autofree char *text = g_strdup_printf ("%.0f", max);
    top_label = make_layout (cr, text, style->font_size * 0.85, FALSE, -1);
    layout_size (top_label, &axis_w, NULL);
  }
  axis_w += style->font_size * 0.4;
  plot_top = y + style->font_size * 0.5;
  plot_bottom = height - label_h - style->font_size * 0.3;
  slot = (width - axis_w) / n;
  if (plot_bottom - plot_top <= 0 || slot <= 0)
    return;
  step = (guint) ceil ((label_w + style->font_size * 0.5) / slot);
  step = MAX (step, 1);

  set_colour (cr, style->fg);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, axis_w - 0.5, plot_top);
  cairo_line_to (cr, axis_w - 0.5, plot_bottom + 0.5);
  cairo_line_to (cr, width, plot_bottom + 0.5);
  cairo_stroke (cr);
  {
    double h;

    layout_size (top_label, NULL, &h);
    show (cr, top_label, 0, plot_top - h / 2);
  }

  cJSON_ArrayForEach (month, months)
    {
      double left = axis_w + slot * i, bar_w = slot * 0.35;
      double scale = max > 0 ? (plot_bottom - plot_top) / max : 0;
      double male = month_count (month, "male") * scale, female = month_count (month, "female") * scale;

      set_colour (cr, palette[BLUE]);
      cairo_rectangle (cr, left + slot * 0.15, plot_bottom - male, bar_w, male);
      cairo_fill (cr);
      set_colour (cr, palette[RED]);
      cairo_rectangle (cr, left + slot * 0.15 + bar_w, plot_bottom - female, bar_w, female);
      cairo_fill (cr);
      if (i % step == 0)
        {
          g_autofree char *text = month_label (month);
          g_autoptr(PangoLayout) label = make_layout (cr, text, style->font_size * 0.85, FALSE, -1);
          double w;

          layout_size (label, &w, NULL);
          set_colour (cr, style->fg);
          show (cr, label, left + (slot - w) / 2, plot_bottom + style->font_size * 0.3);
        }
      i++;
    }
}

void
ht_stats_chart_draw (const cJSON             *figures,
                     HtStatsChart             chart,
                     const HtStatsChartStyle *style,
                     cairo_t                 *cr,
                     double                   width,
                     double                   height)
{
  static const HtStatsChartStyle plain = { { 0, 0, 0 }, 10.0 };
  const ChartDef *def = chart_def (chart);
  gboolean stacked = chart == HT_STATS_CHART_TIMING;
  g_autoptr(PangoLayout) title = NULL;
  double label_width = 0, value_width = 0, max = 0, y, row, bar_x, bar_width, title_h;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (cr != NULL);
  if (style == NULL)
    style = &plain;
  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  set_colour (cr, style->fg);
  title = make_layout (cr, def->title, style->font_size * 1.15, TRUE, width);
  title_h = show (cr, title, 0, 0);
  y = title_h + style->font_size * 0.6;
  if (chart == HT_STATS_CHART_BIRTH_MONTHS)
    {
      draw_months (figures, style, cr, width, height, y);
      cairo_restore (cr);
      return;
    }
  if (stacked)
    {
      double x = legend_item (cr, style, 0, y, GREEN, "Đúng hạn");
      g_autoptr(PangoLayout) layout = NULL;
      double h;

      legend_item (cr, style, x, y, ORANGE, "Quá hạn");
      layout = make_layout (cr, "Đúng hạn", style->font_size, FALSE, -1);
      layout_size (layout, NULL, &h);
      y += h + style->font_size * 0.6;
    }

  /* Measure the labels and the values first: the bars take what is left. */
  for (guint i = 0; i < def->n_bars; i++)
    {
      const Bar *bar = &def->bars[i];
      g_autoptr(PangoLayout) label = make_layout (cr, bar->label, style->font_size, FALSE, -1);
      g_autoptr(PangoLayout) value = NULL;
      double w;

      layout_size (label, &w, NULL);
      label_width = MAX (label_width, w);
      if (stacked)
        g_ptr_array_add (values, share_text (count (figures, bar->key), count (figures, bar->late), bar->share));
      else
        g_ptr_array_add (values, g_strdup_printf ("%.0f", count (figures, bar->key)));
      value = make_layout (cr, values->pdata[i], style->font_size, FALSE, -1);
      layout_size (value, &w, NULL);
      value_width = MAX (value_width, w);
      max = MAX (max, stacked ? count (figures, bar->key) + count (figures, bar->late) : count (figures, bar->key));
    }
  label_width = MIN (label_width, width * 0.45);
  bar_x = label_width + style->font_size;
  bar_width = width - bar_x - value_width - style->font_size;
  row = MIN ((height - y) / MAX (def->n_bars, 1), style->font_size * 2.6);
  if (bar_width <= 0 || row <= 0)
    {
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < def->n_bars; i++, y += row)
    {
      const Bar *bar = &def->bars[i];
      g_autoptr(PangoLayout) label = make_layout (cr, bar->label, style->font_size, FALSE, label_width);
      g_autoptr(PangoLayout) value = make_layout (cr, values->pdata[i], style->font_size, FALSE, -1);
      double h, bar_h = row * 0.62, top = y + (row - bar_h) / 2, end = bar_x;

      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (label, -1);
      layout_size (label, NULL, &h);
      set_colour (cr, style->fg);
      show (cr, label, 0, y + (row - h) / 2);

      if (stacked)
        {
          double on_time = count (figures, bar->key), late = count (figures, bar->late);
          double total = on_time + late;

          /* Each bar is the whole of its kind: the shares compare, not the
           * counts, as the target is a share. */
          if (total > 0)
            {
              set_colour (cr, palette[GREEN]);
              cairo_rectangle (cr, bar_x, top, bar_width * on_time / total, bar_h);
              cairo_fill (cr);
              set_colour (cr, palette[ORANGE]);
              cairo_rectangle (cr, bar_x + bar_width * on_time / total, top, bar_width * late / total, bar_h);
              cairo_fill (cr);
            }
          else
            {
              set_colour (cr, style->fg);
              cairo_set_line_width (cr, 0.5);
              cairo_rectangle (cr, bar_x + 0.25, top + 0.25, bar_width - 0.5, bar_h - 0.5);
              cairo_stroke (cr);
            }
          end = bar_x + bar_width;
        }
      else if (max > 0)
        {
          double w = bar_width * count (figures, bar->key) / max;

          set_colour (cr, palette[bar->colour]);
          cairo_rectangle (cr, bar_x, top, w, bar_h);
          cairo_fill (cr);
          end = bar_x + w;
        }
      layout_size (value, NULL, &h);
      set_colour (cr, style->fg);
      show (cr, value, end + style->font_size * 0.4, y + (row - h) / 2);
    }

  /* The axis the bars start from, and the target on the timing chart. */
  {
    double top = y - row * def->n_bars;

    set_colour (cr, style->fg);
    cairo_set_line_width (cr, 1.0);
    cairo_move_to (cr, bar_x - 0.5, top);
    cairo_line_to (cr, bar_x - 0.5, y);
    cairo_stroke (cr);
    /* Each bar has its own target (95% on time, 98% within a year), so
     * the dashed mark crosses its own row only. */
    if (stacked)
      for (guint i = 0; i < def->n_bars; i++)
        {
          static const double dash[] = { 3.0, 2.0 };
          double x = bar_x + bar_width * def->bars[i].target;

          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_move_to (cr, x, top + row * i);
          cairo_line_to (cr, x, top + row * (i + 1));
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
  }
  cairo_restore (cr);
}

/* ---- The PDF report ---- */

typedef struct
{
  cairo_t *cr;
  double   y;
  int      page;
} Report;

static void
page_footer (Report *report)
{
  g_autofree char *text = g_strdup_printf ("Trang %d", report->page);
  g_autoptr(PangoLayout) layout = make_layout (report->cr, text, 8.0, FALSE, PAGE_WIDTH - 2 * MARGIN);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (report->cr, 0.3, 0.3, 0.3);
  show (report->cr, layout, MARGIN, PAGE_HEIGHT - MARGIN / 2 - 8.0);
  cairo_set_source_rgb (report->cr, 0, 0, 0);
}

/* Starts a new page when "needed" points do not fit on this one. */
static void
need (Report *report,
      double  needed)
{
  if (report->y + needed <= PAGE_HEIGHT - MARGIN)
    return;
  page_footer (report);
  cairo_show_page (report->cr);
  report->page++;
  report->y = MARGIN;
}

static void
text_line (Report     *report,
           const char *text,
           double      size,
           gboolean    bold,
           gboolean    centred)
{
  g_autoptr(PangoLayout) layout = make_layout (report->cr, text, size, bold, PAGE_WIDTH - 2 * MARGIN);
  double h;

  if (centred)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  layout_size (layout, NULL, &h);
  need (report, h);
  report->y += show (report->cr, layout, MARGIN, report->y);
}

static void
form_table (Report            *report,
            const HtStatsForm *form,
            const cJSON       *figures)
{
  const double size = 9.0, value_col = 70, pad = 1.2;
  const double label_width = PAGE_WIDTH - 2 * MARGIN - value_col;
  cairo_t *cr = report->cr;

  report->y += 8;
  text_line (report, form->number, size, FALSE, FALSE);
  text_line (report, form->title, size + 1, TRUE, FALSE);
  report->y += 4;
  for (guint i = 0; i < form->n_rows; i++)
    {
      const HtStatsFormRow *row = &form->rows[i];
      const char *label = row->label;
      double indent = 0, h;
      g_autoptr(PangoLayout) layout = NULL;

      /* The forms indent sub-rows with spaces; here they become a margin. */
      while (*label == ' ')
        {
          indent += 3.5;
          label++;
        }
      layout = make_layout (cr, label, size, row->key == NULL, label_width - indent - 2 * pad);
      layout_size (layout, NULL, &h);
      need (report, h + 2 * pad);
      show (cr, layout, MARGIN + pad + indent, report->y + pad);
      if (row->key != NULL)
        {
          g_autofree char *text = ht_stats_format_figure (figures, row->key);
          g_autoptr(PangoLayout) value = make_layout (cr, text, size, FALSE, value_col - 2 * pad);

          pango_layout_set_alignment (value, PANGO_ALIGN_RIGHT);
          show (cr, value, PAGE_WIDTH - MARGIN - value_col + pad, report->y + pad);
        }
      cairo_set_line_width (cr, 0.4);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_move_to (cr, MARGIN, report->y + h + 2 * pad);
      cairo_line_to (cr, PAGE_WIDTH - MARGIN, report->y + h + 2 * pad);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      report->y += h + 2 * pad;
    }
}

static gboolean
pdf_failed (const char  *path,
            const char  *why,
            GError     **error)
{
  g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot write %s: %s"), path, why);
  return FALSE;
}

gboolean
ht_stats_write_pdf (const cJSON   *figures,
                    HtStatsPeriod  period,
                    int            year,
                    const char    *office,
                    const char    *path,
                    GError       **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *title = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *period_line = NULL;
  g_autofree char *office_line = NULL;
  const HtStatsForm *forms;
  const char *note = ht_stats_format_estimate_note (period);
  cairo_surface_t *surface;
  cairo_status_t status;
  Report report = { NULL, MARGIN, 1 };
  guint n_forms;
  int fd;

  g_return_val_if_fail (figures != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* As the XLSX: a new file beside "path", the owner's only, renamed over
   * it when complete (the figures are not public before they are sent). */
  tmp = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return pdf_failed (path, g_strerror (errno), error);
  close (fd);

  surface = cairo_pdf_surface_create (tmp, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Báo cáo thống kê hộ tịch");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "hotich");
  report.cr = cairo_create (surface);

  title = ht_stats_format_period_title (figures, period, year);
  unit = office != NULL && *office != '\0' ? g_strdup (office) : ht_stats_format_unit (figures);
  period_line = g_strdup_printf ("Kỳ báo cáo: %s", title);
  office_line = g_strdup_printf ("Đơn vị báo cáo: %s", unit);

  text_line (&report, "BÁO CÁO THỐNG KÊ HỘ TỊCH", 15.0, TRUE, TRUE);
  report.y += 6;
  text_line (&report, office_line, 10.5, FALSE, TRUE);
  text_line (&report, period_line, 10.5, FALSE, TRUE);
  if (note != NULL)
    text_line (&report, note, 9.0, FALSE, TRUE);
  report.y += 6;

  forms = ht_stats_format_forms (&n_forms);
  for (guint f = 0; f < n_forms; f++)
    form_table (&report, &forms[f], figures);

  /* The charts start a page of their own when they do not all fit. */
  {
    static const double heights[HT_STATS_N_CHARTS] = { 250, 130, 110, 170 };
    const HtStatsChartStyle style = { { 0, 0, 0 }, 9.5 };
    double total = 0;

    for (guint c = 0; c < HT_STATS_N_CHARTS; c++)
      total += heights[c] + 18;
    need (&report, total);
    for (guint c = 0; c < HT_STATS_N_CHARTS; c++)
      {
        report.y += 18;
        need (&report, heights[c]);
        cairo_save (report.cr);
        cairo_translate (report.cr, MARGIN, report.y);
        ht_stats_chart_draw (figures, (HtStatsChart) c, &style, report.cr, PAGE_WIDTH - 2 * MARGIN, heights[c]);
        cairo_restore (report.cr);
        report.y += heights[c];
      }
  }
  page_footer (&report);
  cairo_show_page (report.cr);

  status = cairo_status (report.cr);
  cairo_destroy (report.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      return pdf_failed (path, cairo_status_to_string (status), error);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      return pdf_failed (path, g_strerror (saved), error);
    }
  return TRUE;
}
