/* ht-stats-format.h — the statistics laid out as the Ministry's forms: text and XLSX.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both read a statistics JSON (ht_stats_to_json(), or the figures of a
 * locked report), so today's figures and a locked report print the same
 * way.  The headings and row labels are those of forms 13a and 14a
 * (TT 03/2019/TT-BTP) and stay Vietnamese in every locale: the report is a
 * legal document sent to the province, and a form in the technician's
 * language could not be submitted.  Each row also carries the figure's key
 * ("birth.total"), so a program reads any output without the labels.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

#include "ht-stats-period.h"

G_BEGIN_DECLS

/* The reporting period line of the forms: "6 tháng năm 2026 (từ ngày
 * 01/01/2026 đến ngày 31/05/2026)", or the dates alone for a custom
 * period; from and to are read from "figures". */
char     *ht_stats_format_period_title (const cJSON   *figures,
                                        HtStatsPeriod  period,
                                        int            year) G_GNUC_WARN_UNUSED_RESULT;

/* Forms 13a and 14a as plain text, one figure a line: the label, padded,
 * then the value right-aligned (a count, a mean with one decimal, "-" for
 * a mean of nothing), then the key in brackets. */
char     *ht_stats_format_text         (const cJSON   *figures,
                                        HtStatsPeriod  period,
                                        int            year) G_GNUC_WARN_UNUSED_RESULT;

/* The same as an XLSX workbook at "path", one sheet per form; columns
 * "Chỉ tiêu" (label), "Mã" (key) and "Số liệu" (value: numbers, a mean
 * formatted 0.0, a blank cell for a mean of nothing).  Written beside
 * "path" and renamed over it when complete, mode 0600 (the figures of a
 * commune are not public before they are sent); HT_ERROR_IO when it cannot
 * be written. */
gboolean  ht_stats_write_xlsx          (const cJSON   *figures,
                                        HtStatsPeriod  period,
                                        int            year,
                                        const char    *path,
                                        GError       **error);

/* The rows of a form as the Ministry lays it out: "label" is the form's
 * wording (leading spaces indent it), "key" the figure ("birth.total"), or
 * NULL for a heading.  Read by the app's Statistics page and the PDF
 * report, so that every output follows one description. */
typedef struct
{
  const char *label;
  const char *key;
} HtStatsFormRow;

typedef struct
{
  const char           *sheet;   /* "Biểu 13a" */
  const char           *number;  /* "Biểu số 13a/BTP/HTQTCT/HT" */
  const char           *title;
  const HtStatsFormRow *rows;
  guint                 n_rows;
} HtStatsForm;

/* Forms 13a and 14a, in that order (static). */
const HtStatsForm *ht_stats_format_forms (guint *n_forms);
/* A figure of "figures" as the forms print it: a count, a mean with one
 * decimal, "-" for a mean of nothing or a missing figure. */
char     *ht_stats_format_figure       (const cJSON   *figures,
                                        const char    *key) G_GNUC_WARN_UNUSED_RESULT;
/* "Ủy ban nhân dân Phường Ba Đình (00004)", the line naming who reports. */
char     *ht_stats_format_unit         (const cJSON   *figures) G_GNUC_WARN_UNUSED_RESULT;
/* The note of a period whose actual figures stop before the report's end,
 * or NULL. */
const char *ht_stats_format_estimate_note (HtStatsPeriod period);

/* Every figure of the forms, in their order: the "section.indicator" keys
 * (NULL-terminated, static).  The JSON, CSV, text and XLSX outputs all
 * hold exactly these. */
const char *const *ht_stats_format_keys (void);

G_END_DECLS
