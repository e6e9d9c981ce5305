/* ht-form-rows.c — the rows of a generated form's scalar fields.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per field type: entry rows for text and numbers, a date row with
 * a calendar, combo rows for enums and the 54 ethnic groups, switches for
 * booleans, and entry rows with a chooser for nationalities and places
 * (province → commune from the administrative units).  A row knows how to
 * turn its text into a JSON value; the form decides when to check it.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <string.h>

#include "ht-date-row.h"
#include "ht-form-private.h"
#include "ht-labels.h"
#include "ht-unit-picker.h"

/* Nationalities a commune meets most, in the record's language
 * (Vietnamese, as written on papers); any other can be typed. */
static const char *const common_nationalities[] = {
  "Việt Nam", "Trung Quốc", "Lào", "Campuchia", "Hàn Quốc", "Nhật Bản", "Đài Loan (Trung Quốc)",
  "Thái Lan", "Hoa Kỳ", "Pháp", "Úc", "Canada", "Đức", "Liên bang Nga", "Anh", NULL
};

const char *
_ht_form_field_label (const HtField *field)
{
  if (field->label != NULL)
    return _(field->label);
  return field->name;
}

GtkWidget *
_ht_form_error_row_new (GtkLabel **label)
{
  /* A preferences row: a group keeps only those inside its boxed list,
   * next to the field the message is about. */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *text = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  gtk_widget_set_margin_top (text, 6);
  gtk_widget_set_margin_bottom (text, 6);
  gtk_widget_add_css_class (text, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "ht-message-row");
  gtk_widget_set_visible (row, FALSE);
  *label = GTK_LABEL (text);
  return row;
}

/* ---- Signals ---- */

static void
entry_changed_cb (GtkEditable *editable,
                  Binding     *b)
{
  _ht_form_row_changed (b);
}

static void
focus_left_cb (GtkEventControllerFocus *controller,
               Binding                 *b)
{
  _ht_form_row_left (b);
}

static void
selection_changed_cb (GObject    *object,
                      GParamSpec *pspec,
                      Binding    *b)
{
  _ht_form_row_committed (b);
}

static void
watch_focus (Binding *b)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_left_cb), b);
  gtk_widget_add_controller (b->row, focus);
}

/* ---- Choosers ---- */

static void
nationality_activated_cb (GtkListBox    *box,
                          GtkListBoxRow *row,
                          Binding       *b)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (box), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (b->row), g_object_get_data (G_OBJECT (row), "value"));
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  _ht_form_row_committed (b);
}

static void
add_nationality_chooser (Binding *b)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_list_box_new ();

  for (guint i = 0; common_nationalities[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (common_nationalities[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "value", (gpointer) common_nationalities[i]);
      gtk_list_box_append (GTK_LIST_BOX (box), row);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  g_signal_connect (box, "row-activated", G_CALLBACK (nationality_activated_cb), b);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose a nationality"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (b->row), button);
}

static void
unit_picked_cb (HtUnitPicker *picker,
                const char   *text,
                gpointer      unit,
                Binding      *b)
{
  g_clear_pointer (&b->unit, cJSON_Delete);
  b->unit = cJSON_Duplicate (unit, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (b->row), text);
  gtk_widget_set_tooltip_text (b->row, text);
  _ht_form_row_committed (b);
}

static void
add_place_chooser (Binding *b)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *picker = ht_unit_picker_new ();

  if (b->unit != NULL)
    {
      HtUnitsDataset dataset;
      if (ht_units_dataset_from_name (cJSON_GetStringValue (cJSON_GetObjectItem (b->unit, "as_of")), &dataset))
        ht_unit_picker_set_dataset (HT_UNIT_PICKER (picker), dataset);
      ht_unit_picker_select (HT_UNIT_PICKER (picker),
                             cJSON_GetStringValue (cJSON_GetObjectItem (b->unit, "province")),
                             cJSON_GetStringValue (cJSON_GetObjectItem (b->unit, "district")),
                             cJSON_GetStringValue (cJSON_GetObjectItem (b->unit, "commune")));
    }
  g_signal_connect (picker, "picked", G_CALLBACK (unit_picked_cb), b);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), picker);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "mark-location-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose the province and commune"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (b->row), button);
}

/* ---- Combo rows ---- */

static void
combo_add (Binding       *b,
           GtkStringList *labels,
           const char    *value,
           const char    *label)
{
  g_ptr_array_add (b->values, g_strdup (value));
  gtk_string_list_append (labels, label);
}

static GtkWidget *
combo_row_new (Binding     *b,
               const char  *kind,
               const char  *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;
  gboolean found = FALSE;

  b->values = g_ptr_array_new_with_free_func (g_free);
  /* Nothing is chosen for the clerk: a required choice left at "—" is an
   * error, never a silent default (a sex, a parent unknown). */
  combo_add (b, labels, NULL, _("— not chosen —"));

  if (b->stype == S_ETHNICITY)
    for (guint i = 0; ht_ethnic_groups[i] != NULL; i++)
      combo_add (b, labels, ht_ethnic_groups[i], ht_ethnic_groups[i]);
  else if (b->stype == S_KIND)
    for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
      combo_add (b, labels, (*k)->code, _((*k)->label));
  else if (b->field->values != NULL)
    for (guint i = 0; b->field->values[i] != NULL; i++)
      combo_add (b, labels, b->field->values[i],
                 ht_labels_value (kind, g_str_has_prefix (b->path, "data.") ? b->path + 5 : b->path,
                                  b->field->values[i]));
  else if (g_strcmp0 (b->name, "registration_type") == 0)
    {
      const HtKind *k = ht_kinds_lookup (kind);
      for (guint i = 0; k != NULL && k->registration_types[i] != NULL; i++)
        combo_add (b, labels, k->registration_types[i],
                   ht_labels_value (kind, "registration_type", k->registration_types[i]));
    }

  for (guint i = 1; current != NULL && i < b->values->len; i++)
    if (g_strcmp0 (b->values->pdata[i], current) == 0)
      {
        selected = i;
        found = TRUE;
      }
  /* A value from elsewhere (an imported record) is kept as it is. */
  if (current != NULL && !found)
    {
      combo_add (b, labels, current, current);
      selected = b->values->len - 1;
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

/* ---- Rows ---- */

void
_ht_form_row_create (Binding     *b,
                     const char  *kind,
                     const cJSON *value,
                     gboolean     is_new)
{
  const char *text = cJSON_GetStringValue (value);
  g_autofree char *number = NULL;

  switch (b->stype)
    {
    case S_BOOL:
      {
        GtkWidget *toggle = gtk_switch_new ();

        b->row = adw_action_row_new ();
        gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
        gtk_switch_set_active (GTK_SWITCH (toggle), cJSON_IsTrue (value));
        b->was_false = cJSON_IsFalse (value);
        adw_action_row_add_suffix (ADW_ACTION_ROW (b->row), toggle);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (b->row), toggle);
        g_object_set_data (G_OBJECT (b->row), "switch", toggle);
        g_signal_connect (toggle, "notify::active", G_CALLBACK (selection_changed_cb), b);
      }
      break;

    case S_ENUM:
    case S_ETHNICITY:
    case S_KIND:
      b->row = combo_row_new (b, kind, text);
      g_signal_connect (b->row, "notify::selected", G_CALLBACK (selection_changed_cb), b);
      break;

    case S_DATE:
    case S_DATETIME:
      b->row = ht_date_row_new (b->stype == S_DATETIME);
      ht_date_row_set_iso (HT_DATE_ROW (b->row), text);
      break;

    case S_YEAR:
    case S_INT:
    case S_CODE:
      b->row = adw_entry_row_new ();
      if (cJSON_IsNumber (value))
        number = g_strdup_printf ("%.0f", value->valuedouble);
      gtk_editable_set_text (GTK_EDITABLE (b->row), number != NULL ? number : text != NULL ? text : "");
      g_object_set (b->row, "input-purpose", GTK_INPUT_PURPOSE_DIGITS, NULL);
      break;

    case S_NATIONALITY:
      b->row = adw_entry_row_new ();
      /* New records start with the nationality most records have. */
      gtk_editable_set_text (GTK_EDITABLE (b->row), text != NULL ? text : is_new ? "Việt Nam" : "");
      add_nationality_chooser (b);
      break;

    case S_PLACE:
      b->row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (b->row), text != NULL ? text : "");
      add_place_chooser (b);
      break;

    case S_TEXT:
    default:
      b->row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (b->row), text != NULL ? text : "");
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->row), _ht_form_field_label (b->field));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (b->row), FALSE);
  if (b->field->label_vi != NULL && g_strcmp0 (b->field->label_vi, _ht_form_field_label (b->field)) != 0)
    gtk_widget_set_tooltip_text (b->row, b->field->label_vi);
  if (ADW_IS_ENTRY_ROW (b->row))
    {
      g_signal_connect (b->row, "changed", G_CALLBACK (entry_changed_cb), b);
      watch_focus (b);
    }
}

static char *
trimmed_text (Binding *b)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

cJSON *
_ht_form_row_value (Binding *b)
{
  g_clear_pointer (&b->local_error, g_free);

  switch (b->stype)
    {
    case S_BOOL:
      {
        GtkSwitch *toggle = g_object_get_data (G_OBJECT (b->row), "switch");
        if (gtk_switch_get_active (toggle))
          return cJSON_CreateTrue ();
        return b->was_false ? cJSON_CreateFalse () : NULL;
      }

    case S_ENUM:
    case S_ETHNICITY:
    case S_KIND:
      {
        guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (b->row));
        const char *value = i < b->values->len ? b->values->pdata[i] : NULL;
        return value != NULL ? cJSON_CreateString (value) : NULL;
      }

    case S_DATE:
    case S_DATETIME:
      {
        g_autofree char *iso = NULL;
        if (!ht_date_row_get_iso (HT_DATE_ROW (b->row), &iso, &b->local_error))
          return NULL;
        return iso != NULL ? cJSON_CreateString (iso) : NULL;
      }

    case S_YEAR:
    case S_INT:
      {
        g_autofree char *text = trimmed_text (b);
        gint64 n = 0;
        if (text == NULL)
          return NULL;
        if (strlen (text) > 12 || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &n, NULL) ||
            (b->stype == S_YEAR && (n < 1800 || n > 9999)))
          {
            b->local_error = b->stype == S_YEAR
              ? g_strdup_printf (_("“%s” is not a year: type four digits, such as 1995"), text)
              : g_strdup_printf (_("“%s” is not a whole number"), text);
            return NULL;
          }
        return cJSON_CreateNumber ((double) n);
      }

    case S_CODE:
      {
        g_autofree char *text = trimmed_text (b);
        g_autoptr(GString) digits = NULL;
        if (text == NULL)
          return NULL;
        /* Clerks type long numbers in groups ("001 1 95 012345"). */
        digits = g_string_new (NULL);
        for (const char *p = text; *p != '\0'; p++)
          if (*p != ' ' && *p != '.')
            g_string_append_c (digits, *p);
        return cJSON_CreateString (digits->str);
      }

    case S_NATIONALITY:
    case S_PLACE:
    case S_TEXT:
    default:
      {
        g_autofree char *text = trimmed_text (b);
        return text != NULL ? cJSON_CreateString (text) : NULL;
      }
    }
}

gboolean
_ht_form_row_set_text (Binding    *b,
                       const char *text)
{
  switch (b->stype)
    {
    case S_BOOL:
      gtk_switch_set_active (g_object_get_data (G_OBJECT (b->row), "switch"), g_strcmp0 (text, "true") == 0);
      return TRUE;

    case S_ENUM:
    case S_ETHNICITY:
    case S_KIND:
      for (guint i = 0; i < b->values->len; i++)
        if (g_strcmp0 (b->values->pdata[i], text) == 0)
          {
            adw_combo_row_set_selected (ADW_COMBO_ROW (b->row), i);
            return TRUE;
          }
      return FALSE;

    case S_DATE:
    case S_DATETIME:
    case S_YEAR:
    case S_INT:
    case S_CODE:
    case S_NATIONALITY:
    case S_PLACE:
    case S_TEXT:
    default:
      gtk_editable_set_text (GTK_EDITABLE (b->row), text != NULL ? text : "");
      return TRUE;
    }
}

char *
_ht_form_row_raw_text (Binding *b)
{
  if (b->row != NULL && ADW_IS_ENTRY_ROW (b->row))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->row)));
  return NULL;
}
