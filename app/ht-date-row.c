/* ht-date-row.c — a date entry row: typed dd/mm/yyyy or picked from a calendar.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clerks type dates as they are written on papers (dd/mm/yyyy); the row
 * also takes the record format (yyyy-mm-dd) and a calendar popover.  The
 * rules about dates (not in the future, birth before registration …) are
 * core's; this row only says whether the text is a date at all.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ht-date.h"
#include "ht-date-row.h"

struct _HtDateRow
{
  AdwEntryRow    parent_instance;

  gboolean       with_time;
  GtkMenuButton *button;
  GtkCalendar   *calendar;
};

G_DEFINE_FINAL_TYPE (HtDateRow, ht_date_row, ADW_TYPE_ENTRY_ROW)

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* "dd/mm/yyyy", "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" or "yyyy-mm-dd". */
static gboolean
parse_day (const char *text,
           GDate      *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  unsigned d, m, y;
  char sep1, sep2, rest;

  if (ht_date_parse (copy, out))
    return TRUE;
  if (sscanf (copy, "%2u%c%2u%c%4u%c", &d, &sep1, &m, &sep2, &y, &rest) != 5)
    return FALSE;
  if (sep1 != sep2 || (sep1 != '/' && sep1 != '-' && sep1 != '.') || y < 1800 || y > 9999)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
parse_text (HtDateRow   *self,
            const char  *text,
            GDate       *day,
            int         *minutes)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *space;
  unsigned h, mi;
  char rest;

  *minutes = -1;
  if (!self->with_time)
    return parse_day (copy, day);
  if (ht_local_datetime_parse (copy, day, minutes))
    return TRUE;
  space = strchr (copy, ' ');
  if (space == NULL)
    return parse_day (copy, day);
  *space = '\0';
  if (!parse_day (copy, day))
    return FALSE;
  if (sscanf (space + 1, "%2u:%2u%c", &h, &mi, &rest) != 2 || h > 23 || mi > 59)
    return FALSE;
  *minutes = (int) (h * 60 + mi);
  return TRUE;
}

static void
day_selected_cb (GtkCalendar *calendar,
                 HtDateRow   *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (picked, "%d/%m/%Y");
  const char *old = gtk_editable_get_text (GTK_EDITABLE (self));
  GDate day;
  int minutes = -1;

  /* Keep a time already typed after the date. */
  if (self->with_time && parse_text (self, old, &day, &minutes) && minutes >= 0)
    {
      g_autofree char *with_time = g_strdup_printf ("%s %02d:%02d", text, minutes / 60, minutes % 60);
      gtk_editable_set_text (GTK_EDITABLE (self), with_time);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_menu_button_popdown (self->button);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
popover_shown_cb (GtkPopover *popover,
                  HtDateRow  *self)
{
  GDate day;
  int minutes;

  /* Open the calendar on the typed date, else on today. */
  if (!parse_text (self, gtk_editable_get_text (GTK_EDITABLE (self)), &day, &minutes))
    ht_date_today (&day);
  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                                     g_date_get_day (&day), 0, 0, 0);
    g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
    gtk_calendar_select_day (self->calendar, dt);
    g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
  }
}

static void
ht_date_row_class_init (HtDateRowClass *klass)
{
}

static void
ht_date_row_init (HtDateRow *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect (popover, "show", G_CALLBACK (popover_shown_cb), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose the date on a calendar"));
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));
}

GtkWidget *
ht_date_row_new (gboolean with_time)
{
  HtDateRow *self = g_object_new (HT_TYPE_DATE_ROW, NULL);

  self->with_time = with_time;
  return GTK_WIDGET (self);
}

void
ht_date_row_set_iso (HtDateRow  *self,
                     const char *iso)
{
  GDate day;
  int minutes = -1;

  g_return_if_fail (HT_IS_DATE_ROW (self));

  if (iso == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self), "");
  else if (ht_local_datetime_parse (iso, &day, &minutes))
    {
      g_autofree char *text = ht_date_format_vn (&day);
      if (minutes >= 0)
        {
          g_autofree char *with_time = g_strdup_printf ("%s %02d:%02d", text, minutes / 60, minutes % 60);
          gtk_editable_set_text (GTK_EDITABLE (self), with_time);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (self), text);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self), iso);
}

gboolean
ht_date_row_get_iso (HtDateRow  *self,
                     char      **iso,
                     char      **message)
{
  const char *text;
  GDate day;
  int minutes;

  g_return_val_if_fail (HT_IS_DATE_ROW (self), FALSE);

  *iso = NULL;
  if (message != NULL)
    *message = NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (self));
  if (is_blank (text))
    return TRUE;
  if (!parse_text (self, text, &day, &minutes))
    {
      if (message != NULL)
        *message = self->with_time
          ? g_strdup_printf (_("“%s” is not a date: type it as dd/mm/yyyy, with the time as HH:MM if known"), text)
          : g_strdup_printf (_("“%s” is not a date: type it as dd/mm/yyyy"), text);
      return FALSE;
    }
  {
    g_autofree char *day_text = ht_date_format (&day);
    *iso = minutes >= 0 ? g_strdup_printf ("%sT%02d:%02d", day_text, minutes / 60, minutes % 60)
                        : g_steal_pointer (&day_text);
  }
  return TRUE;
}
