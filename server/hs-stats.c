/* hs-stats.c — GET /api/v1/stats and the statistics of any scope.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are those of core/ht-stats.c, the same module the commune's
 * own register uses, fed with every record of the scope registered in the
 * period, one at a time as PostgreSQL sends them, so a province's year is
 * never held in memory at once.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <microhttpd.h>

#include "ht-date.h"
#include "ht-record.h"
#include "ht-stats.h"
#include "hs-db.h"
#include "hs-scope.h"
#include "hs-server.h"

static gboolean
add_row_cb (const PGresult *row,
            gpointer        user_data)
{
  HtStats *stats = user_data;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) record = ht_record_parse (PQgetvalue (row, 0, 0), PQgetlength (row, 0, 0), issues);

  if (record != NULL)
    ht_stats_add (stats, record);
  return TRUE;
}

cJSON *
hs_stats_compute (PGconn         *db,
                  const HsScope  *scope,
                  const GDate    *from,
                  const GDate    *to,
                  char          **csv,
                  GError        **error)
{
  g_autoptr(HtStats) stats = ht_stats_new (scope->code, from, to);
  g_autofree char *offices = hs_scope_offices_literal (scope);
  g_autofree char *from_text = ht_date_format (from);
  g_autofree char *to_text = ht_date_format (to);
  const char *params[] = { scope->province, offices, scope->before, from_text, to_text };

  /* The server's pooled connections price sequential scans out (hs-db.c).
   * A province's year reads its partition whole, and a sequential scan is
   * the cheapest way to do that, so the query runs in a read-only
   * transaction that allows them (and bitmap scans, which the pool prices
   * out as well). */
  if (!hs_db_run (db, "BEGIN READ ONLY", 0, NULL, error))
    return NULL;
  if (!hs_db_run (db, "SET LOCAL enable_seqscan = on", 0, NULL, error) ||
      !hs_db_run (db, "SET LOCAL enable_bitmapscan = on", 0, NULL, error) ||
      !hs_db_each_row (db,
                       "SELECT doc::text FROM records"
                       " WHERE ($1::text IS NULL OR province = $1)"
                       " AND ($2::text[] IS NULL OR office = ANY ($2::text[]))"
                       " AND ($3::date IS NULL OR registered_on < $3::date)"
                       " AND registered_on BETWEEN $4::date AND $5::date"
                       " AND status = 'registered'",
                       5, params, add_row_cb, stats, error) ||
      !hs_db_commit (db, error))
    {
      hs_db_rollback (db);
      return NULL;
    }
  if (csv != NULL)
    *csv = ht_stats_to_csv (stats);
  return ht_stats_to_json (stats);
}

static gboolean
read_date (HsRequest  *req,
           const char *name,
           GDate      *out)
{
  const char *text = hs_request_arg (req, name);

  if (text == NULL || !ht_date_parse (text, out))
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("“%s” must be a date, YYYY-MM-DD"), name);
      return FALSE;
    }
  return TRUE;
}

void
hs_handle_stats (HsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsScope) own = NULL;
  g_autoptr(HsScope) wanted = NULL;
  const char *code = hs_request_arg (req, "scope");
  GDate from, to;
  cJSON *json;

  if (!read_date (req, "from", &from) || !read_date (req, "to", &to))
    return;
  if (g_date_compare (&from, &to) > 0)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("“from” is after “to”"));
      return;
    }

  own = hs_scope_new (req->device->scope, &error);
  if (own == NULL)
    {
      hs_request_fail (req, error);
      return;
    }
  wanted = hs_scope_new (code != NULL ? code : req->device->scope, NULL);
  if (wanted == NULL)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request",
                        _("“scope” must be a province, pre-2025 district or commune code"));
      return;
    }
  if (!hs_scope_contains (own, wanted))
    {
      hs_request_error (req, MHD_HTTP_FORBIDDEN, "forbidden", _("Scope %s is outside this device's scope"),
                        wanted->code);
      return;
    }
  hs_scope_narrow (wanted, own);

  json = hs_stats_compute (req->db, wanted, &from, &to, NULL, &error);
  if (json == NULL)
    {
      hs_request_fail (req, error);
      return;
    }
  hs_request_json (req, MHD_HTTP_OK, json);
}
