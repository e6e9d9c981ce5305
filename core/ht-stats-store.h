/* ht-stats-store.h — the statistics of a register, its reporting periods and locked reports.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ht-stats.h defines every figure; this is how a commune's register feeds
 * it.  The counts that need no content (the other matters, every
 * re-registration) come from one SQL query over an index; the records
 * whose content matters are read through ht_store_get() and counted by
 * ht_stats_add().  hotich-admin calls the blocking functions; the app calls
 * the _async ones so its main thread never waits on SQLite.
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "ht-stats.h"
#include "ht-stats-period.h"
#include "ht-store.h"

G_BEGIN_DECLS

/* ---- Figures of a period ---- */

/* The statistics of the register's office for the registration dates
 * from..to (both included; NULL is open), read in one consistent snapshot
 * of the register.  G_IO_ERROR_CANCELLED when "cancellable" is cancelled. */
HtStats  *ht_stats_compute        (HtStore             *store,
                                   const GDate         *from,
                                   const GDate         *to,
                                   GCancellable        *cancellable,
                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void      ht_stats_compute_async  (HtStore             *store,
                                   const GDate         *from,
                                   const GDate         *to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
HtStats  *ht_stats_compute_finish (HtStore             *store,
                                   GAsyncResult        *result,
                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Reporting periods of this register ---- */

/* The register's key holding an override of an official period's dates
 * ("stats.period.6-months" = "01-01..06-30", see ht-stats-period.h). */
#define HT_STATS_CUTOFF_KEY_PREFIX "stats.period."

/* The dates of an official period of "year" for this register: its
 * override if it has one, else the built-in dates. */
gboolean  ht_stats_store_period_range (HtStore        *store,
                                       HtStatsPeriod   period,
                                       int             year,
                                       GDate          *from,
                                       GDate          *to,
                                       GError        **error);
/* The "MM-DD..MM-DD" in force for a period; "overridden" says whether it is
 * the register's own. */
char     *ht_stats_store_get_cutoff   (HtStore        *store,
                                       HtStatsPeriod   period,
                                       gboolean       *overridden);
/* Sets a period's override, or removes it when "cutoff" is NULL. */
gboolean  ht_stats_store_set_cutoff   (HtStore        *store,
                                       HtStatsPeriod   period,
                                       const char     *cutoff,
                                       GError        **error);

/* ---- Locked reports ---- */

typedef struct
{
  gint64         id;
  HtStatsPeriod  period;
  int            year;        /* 0 for a custom period */
  GDate          from;
  GDate          to;
  char          *locked_at;   /* RFC 3339 UTC */
  char          *locked_by;
  cJSON         *figures;     /* the statistics JSON as it was locked */
  /* FALSE when the stored figures are not those the audit log recorded at
   * the lock (the file was edited behind the register's back). */
  gboolean       intact;
} HtStatsReport;

void ht_stats_report_free (HtStatsReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtStatsReport, ht_stats_report_free)

/* Locks the figures of from..to as submitted, with the book entries of the
 * period and their versions, in one transaction with an audit entry.  An
 * official period names itself ("period", "year"); a custom one passes
 * HT_STATS_PERIOD_CUSTOM and 0.  A range already locked is
 * HT_ERROR_EXISTS.  Records stay editable: the report keeps its figures. */
HtStatsReport *ht_stats_report_lock    (HtStore        *store,
                                        HtStatsPeriod   period,
                                        int             year,
                                        const GDate    *from,
                                        const GDate    *to,
                                        const char     *user,
                                        GCancellable   *cancellable,
                                        GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every locked report (HtStatsReport*), oldest lock first. */
GPtrArray     *ht_stats_report_list    (HtStore        *store,
                                        GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The report locked for exactly from..to; HT_ERROR_NOT_FOUND if none. */
HtStatsReport *ht_stats_report_find    (HtStore        *store,
                                        const GDate    *from,
                                        const GDate    *to,
                                        GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* What changed since a report was locked:
 *   {"current": <statistics now>,
 *    "difference": <now minus locked, ht_stats_json_difference()>,
 *    "records": {"added": [...], "edited": [...], "revoked": [...], "removed": [...]}}
 * Each record is {"id","kind","book_year","number","registered_on","status",
 * "content_version","locked_version"}: "added" are book entries of the
 * period that were not in it at the lock (registered later, or moved into
 * it), "edited" those whose content changed, "revoked" those struck out
 * since, "removed" those no longer in the period (their date was
 * corrected); "locked_version" is null for an added one, "content_version"
 * and the envelope are null for one that left the register. */
cJSON         *ht_stats_report_changes (HtStore              *store,
                                        const HtStatsReport  *report,
                                        GCancellable         *cancellable,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* {"id","period","year","from","to","locked_at","locked_by","intact","figures"};
 * "year" is null for a custom period. */
cJSON         *ht_stats_report_to_json (const HtStatsReport  *report) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
