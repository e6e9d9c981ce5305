/* ht-stats-chart.c — one statistics chart as a widget, drawn by core's ht_stats_chart_draw().
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing itself is core's, shared with the PDF report; this widget
 * only keeps a copy of the figures, gives the routine the theme's text
 * colour, and tells assistive technologies what the chart shows in words
 * (ht_stats_chart_describe()), as its accessible description and tooltip.
 */
#define G_LOG_DOMAIN "hotich"

#include "ht-stats-chart.h"

struct _HtStatsChartArea
{
  GtkDrawingArea  parent_instance;

  HtStatsChart    chart;
  cJSON          *figures;
  char           *description;
};

G_DEFINE_FINAL_TYPE (HtStatsChartArea, ht_stats_chart, GTK_TYPE_DRAWING_AREA)

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  HtStatsChartArea *self = HT_STATS_CHART (area);
  HtStatsChartStyle style = { { 0, 0, 0 }, 13.0 };
  GdkRGBA colour;

  if (self->figures == NULL)
    return;
  /* The text follows the theme (dark or light); the bars keep the
   * palette's colours, which read on both. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style.fg[0] = colour.red;
  style.fg[1] = colour.green;
  style.fg[2] = colour.blue;
  ht_stats_chart_draw (self->figures, self->chart, &style, cr, width, height);
}

static void
ht_stats_chart_finalize (GObject *object)
{
  HtStatsChartArea *self = HT_STATS_CHART (object);

  g_clear_pointer (&self->figures, cJSON_Delete);
  g_free (self->description);
  G_OBJECT_CLASS (ht_stats_chart_parent_class)->finalize (object);
}

static void
ht_stats_chart_class_init (HtStatsChartAreaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ht_stats_chart_finalize;
}

static void
ht_stats_chart_init (HtStatsChartArea *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
}

GtkWidget *
ht_stats_chart_new (HtStatsChart chart,
                    int          height)
{
  HtStatsChartArea *self = g_object_new (HT_TYPE_STATS_CHART,
                                         "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                         "content-height", height,
                                         NULL);

  self->chart = chart;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ht_stats_chart_title (chart), -1);
  return GTK_WIDGET (self);
}

void
ht_stats_chart_set_figures (HtStatsChartArea *self,
                            const cJSON      *figures)
{
  g_return_if_fail (HT_IS_STATS_CHART (self));

  g_clear_pointer (&self->figures, cJSON_Delete);
  g_clear_pointer (&self->description, g_free);
  if (figures != NULL)
    {
      self->figures = cJSON_Duplicate (figures, TRUE);
      self->description = ht_stats_chart_describe (figures, self->chart);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "", -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
ht_stats_chart_get_description (HtStatsChartArea *self)
{
  g_return_val_if_fail (HT_IS_STATS_CHART (self), NULL);
  return self->description;
}
