/* ht-unit-picker.c — choosing an administrative unit: province → (district →) commune.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The units come from the project's data (core/ht-units.h): the 2-level
 * units in force since the 2025 reform, and the 3-level units (with
 * districts) of older records, whose places must be written as they were.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <cjson/cJSON.h>

#include "ht-unit-picker.h"

struct _HtUnitPicker
{
  GtkPopover      parent_instance;

  HtUnitsDataset  dataset;
  GtkDropDown    *dataset_dd;
  GtkDropDown    *province_dd;
  GtkDropDown    *district_dd;
  GtkDropDown    *commune_dd;
  GtkWidget      *district_label;
  GPtrArray      *provinces;  /* const HtUnit* */
  GPtrArray      *districts;
  GPtrArray      *communes;
};

G_DEFINE_FINAL_TYPE (HtUnitPicker, ht_unit_picker, GTK_TYPE_POPOVER)

enum {
  SIGNAL_PICKED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const HtUnitsDataset datasets[] = { HT_UNITS_2026_04_30, HT_UNITS_2025_07_01, HT_UNITS_2025_03_01 };

static gboolean
has_districts (HtUnitsDataset dataset)
{
  return dataset == HT_UNITS_2025_03_01;
}

static void
fill (GtkDropDown *dd,
      GPtrArray   *units)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    gtk_string_list_append (names, ((const HtUnit *) units->pdata[i])->full_name);
  gtk_drop_down_set_model (dd, G_LIST_MODEL (names));
}

static const HtUnit *
selected_unit (GtkDropDown *dd,
               GPtrArray   *units)
{
  guint i = gtk_drop_down_get_selected (dd);

  return units != NULL && i < units->len ? units->pdata[i] : NULL;
}

static void
reload_communes (HtUnitPicker *self)
{
  const HtUnit *parent = has_districts (self->dataset)
    ? selected_unit (self->district_dd, self->districts)
    : selected_unit (self->province_dd, self->provinces);

  g_clear_pointer (&self->communes, g_ptr_array_unref);
  if (parent != NULL)
    self->communes = ht_units_list (self->dataset, HT_UNIT_COMMUNE, parent->code);
  fill (self->commune_dd, self->communes);
}

static void
reload_districts (HtUnitPicker *self)
{
  const HtUnit *province = selected_unit (self->province_dd, self->provinces);

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  if (has_districts (self->dataset) && province != NULL)
    self->districts = ht_units_list (self->dataset, HT_UNIT_DISTRICT, province->code);
  fill (self->district_dd, self->districts);
  gtk_widget_set_visible (GTK_WIDGET (self->district_dd), has_districts (self->dataset));
  gtk_widget_set_visible (self->district_label, has_districts (self->dataset));
  reload_communes (self);
}

static void
reload_provinces (HtUnitPicker *self)
{
  g_clear_pointer (&self->provinces, g_ptr_array_unref);
  self->provinces = ht_units_list (self->dataset, HT_UNIT_PROVINCE, NULL);
  fill (self->province_dd, self->provinces);
  reload_districts (self);
}

static void
dataset_changed_cb (GtkDropDown  *dd,
                    GParamSpec   *pspec,
                    HtUnitPicker *self)
{
  guint i = gtk_drop_down_get_selected (dd);

  if (i < G_N_ELEMENTS (datasets) && datasets[i] != self->dataset)
    {
      self->dataset = datasets[i];
      reload_provinces (self);
    }
}

static void
province_changed_cb (GtkDropDown  *dd,
                     GParamSpec   *pspec,
                     HtUnitPicker *self)
{
  reload_districts (self);
}

static void
district_changed_cb (GtkDropDown  *dd,
                     GParamSpec   *pspec,
                     HtUnitPicker *self)
{
  reload_communes (self);
}

static void
use_clicked_cb (GtkButton    *button,
                HtUnitPicker *self)
{
  ht_unit_picker_use (self);
}

static GtkDropDown *
new_drop_down (void)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkDropDown *dd = GTK_DROP_DOWN (gtk_drop_down_new (NULL, expression));

  gtk_drop_down_set_enable_search (dd, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (dd), TRUE);
  return dd;
}

static GtkWidget *
new_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
ht_unit_picker_dispose (GObject *object)
{
  HtUnitPicker *self = HT_UNIT_PICKER (object);

  g_clear_pointer (&self->provinces, g_ptr_array_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->communes, g_ptr_array_unref);
  G_OBJECT_CLASS (ht_unit_picker_parent_class)->dispose (object);
}

static void
ht_unit_picker_class_init (HtUnitPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ht_unit_picker_dispose;

  signals[SIGNAL_PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_POINTER);
}

static void
ht_unit_picker_init (HtUnitPicker *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use This Place"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  /* TRANSLATORS: the administrative units in force since the 2025 reform. */
  gtk_string_list_append (names, _("Current units (since 30 April 2026)"));
  gtk_string_list_append (names, _("Units of 1 July 2025 (two levels)"));
  gtk_string_list_append (names, _("Units before 1 July 2025 (with districts)"));

  self->dataset = HT_UNITS_2026_04_30;
  self->dataset_dd = new_drop_down ();
  gtk_drop_down_set_enable_search (self->dataset_dd, FALSE);
  gtk_drop_down_set_model (self->dataset_dd, G_LIST_MODEL (names));
  self->province_dd = new_drop_down ();
  self->district_dd = new_drop_down ();
  self->commune_dd = new_drop_down ();
  self->district_label = new_label (_("District"));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_size_request (grid, 360, -1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Units of")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->dataset_dd), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Province")), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->province_dd), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->district_label, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->district_dd), 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Commune")), 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->commune_dd), 1, 3, 1, 1);
  gtk_widget_add_css_class (use, "suggested-action");
  gtk_widget_set_halign (use, GTK_ALIGN_END);
  gtk_grid_attach (GTK_GRID (grid), use, 0, 4, 2, 1);
  gtk_popover_set_child (GTK_POPOVER (self), grid);

  reload_provinces (self);
  g_signal_connect (self->dataset_dd, "notify::selected", G_CALLBACK (dataset_changed_cb), self);
  g_signal_connect (self->province_dd, "notify::selected", G_CALLBACK (province_changed_cb), self);
  g_signal_connect (self->district_dd, "notify::selected", G_CALLBACK (district_changed_cb), self);
  g_signal_connect (use, "clicked", G_CALLBACK (use_clicked_cb), self);
}

GtkWidget *
ht_unit_picker_new (void)
{
  return g_object_new (HT_TYPE_UNIT_PICKER, NULL);
}

void
ht_unit_picker_set_dataset (HtUnitPicker   *self,
                            HtUnitsDataset  dataset)
{
  g_return_if_fail (HT_IS_UNIT_PICKER (self));

  for (guint i = 0; i < G_N_ELEMENTS (datasets); i++)
    if (datasets[i] == dataset)
      gtk_drop_down_set_selected (self->dataset_dd, i);
}

static void
select_code (GtkDropDown *dd,
             GPtrArray   *units,
             const char  *code)
{
  for (guint i = 0; code != NULL && units != NULL && i < units->len; i++)
    if (g_strcmp0 (((const HtUnit *) units->pdata[i])->code, code) == 0)
      {
        gtk_drop_down_set_selected (dd, i);
        return;
      }
}

void
ht_unit_picker_select (HtUnitPicker *self,
                       const char   *province,
                       const char   *district,
                       const char   *commune)
{
  g_return_if_fail (HT_IS_UNIT_PICKER (self));

  select_code (self->province_dd, self->provinces, province);
  select_code (self->district_dd, self->districts, district);
  select_code (self->commune_dd, self->communes, commune);
}

void
ht_unit_picker_use (HtUnitPicker *self)
{
  const HtUnit *province = selected_unit (self->province_dd, self->provinces);
  const HtUnit *district = has_districts (self->dataset) ? selected_unit (self->district_dd, self->districts) : NULL;
  const HtUnit *commune = selected_unit (self->commune_dd, self->communes);
  g_autoptr(GString) text = g_string_new (NULL);
  cJSON *unit;

  g_return_if_fail (HT_IS_UNIT_PICKER (self));

  if (province == NULL)
    return;
  unit = cJSON_CreateObject ();
  cJSON_AddStringToObject (unit, "province", province->code);
  if (district != NULL)
    cJSON_AddStringToObject (unit, "district", district->code);
  if (commune != NULL)
    cJSON_AddStringToObject (unit, "commune", commune->code);
  cJSON_AddStringToObject (unit, "as_of", ht_units_dataset_name (self->dataset));

  if (commune != NULL)
    g_string_append_printf (text, "%s, ", commune->full_name);
  if (district != NULL)
    g_string_append_printf (text, "%s, ", district->full_name);
  g_string_append (text, province->full_name);

  g_signal_emit (self, signals[SIGNAL_PICKED], 0, text->str, unit);
  cJSON_Delete (unit);
  gtk_popover_popdown (GTK_POPOVER (self));
}
