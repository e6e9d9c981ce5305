/* ht-date-row.h — a date entry row: typed dd/mm/yyyy or picked from a calendar.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HT_TYPE_DATE_ROW (ht_date_row_get_type ())
G_DECLARE_FINAL_TYPE (HtDateRow, ht_date_row, HT, DATE_ROW, AdwEntryRow)

/* "with_time": a civil date-time (dd/mm/yyyy HH:MM, the time optional). */
GtkWidget *ht_date_row_new      (gboolean    with_time);
/* Shows an ISO value ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM") as the clerk
 * types it; NULL empties the row. */
void       ht_date_row_set_iso  (HtDateRow  *self,
                                 const char *iso);
/* The typed value in ISO form.  Returns FALSE (and a translated message)
 * when the text is not a date; an empty row gives TRUE and NULL. */
gboolean   ht_date_row_get_iso  (HtDateRow  *self,
                                 char      **iso,
                                 char      **message);

G_END_DECLS
