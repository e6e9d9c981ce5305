/* hs-pull.c — GET /api/v1/pull and GET /api/v1/records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both page through the change log by server_seq: a cursor is the last
 * server_seq the device received, and the next page starts after it.  Rows
 * are written in commit order (hs_db_lock_change_log()), so a cursor never
 * passes a row that becomes visible later.
 *
 * A commune's device pulls what others decide about its office: personal ID
 * numbers (on the log row of the change they were issued with), review
 * decisions, and its own number blocks.  A reviewer's (or an
 * admin's) device pulls the records of its scope, with the links to the
 * records each may duplicate.  A record changed twice has two log rows;
 * only the row of its latest change is delivered (the decision's row once
 * its current version is decided), with the record as it is now, so nobody
 * receives a version that is already gone.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <microhttpd.h>

#include "ht-kinds.h"
#include "ht-record.h"
#include "hs-db.h"
#include "hs-scope.h"
#include "hs-server.h"

#define MAX_CURSOR G_GUINT64_CONSTANT (0x3fffffffffffffff)

/* Reads "cursor" and "limit"; FALSE with a 400 set on nonsense. */
static gboolean
read_paging (HsRequest *req,
             guint64   *cursor,
             guint     *limit)
{
  const char *cursor_arg = hs_request_arg (req, "cursor");
  const char *limit_arg = hs_request_arg (req, "limit");
  guint64 value;

  *cursor = 0;
  *limit = HS_PULL_LIMIT;
  if (cursor_arg != NULL && !hs_parse_uint (cursor_arg, MAX_CURSOR, cursor))
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("“cursor” must be a whole number from 0"));
      return FALSE;
    }
  if (limit_arg != NULL)
    {
      if (!hs_parse_uint (limit_arg, MAX_CURSOR, &value) || value == 0)
        {
          hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("“limit” must be a whole number from 1"));
          return FALSE;
        }
      *limit = (guint) MIN (value, HS_PULL_LIMIT_MAX);
    }
  return TRUE;
}

static cJSON *
parse_payload (const char *text)
{
  cJSON *json = text != NULL ? cJSON_Parse (text) : NULL;

  return json != NULL ? json : cJSON_CreateObject ();
}

/* The changes a commune's device must see. */
static gboolean
pull_office (HsRequest  *req,
             guint64     cursor,
             guint       limit,
             cJSON      *changes,
             guint64    *last,
             gboolean   *more,
             GError    **error)
{
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GUINT64_FORMAT, cursor);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit + 1);
  g_autofree char *horizon_text = NULL;
  g_autoptr(PGresult) result = NULL;
  gint64 horizon;

  if (!hs_db_change_log_horizon (req->db, &horizon, error))
    return FALSE;
  horizon_text = g_strdup_printf ("%" G_GINT64_FORMAT, horizon);
  {
    const char *params[] = { req->device->office, cursor_text, req->device->id, limit_text, horizon_text };
    result = hs_db_exec_named (req->db, "pull_office",
                               "SELECT server_seq, op, record_id::text, payload::text, pin FROM change_log"
                               " WHERE office = $1 AND server_seq > $2::bigint AND server_seq <= $5::bigint"
                               /* The condition of the partial index
                                * change_log_office, word for word, so that
                                * the planner sees that the index holds
                                * every row this can take. */
                               " AND (op <> 'record' OR pin IS NOT NULL)"
                               " AND (op IN ('pin', 'review') OR (op = 'record' AND pin IS NOT NULL)"
                               "  OR (op = 'number_block' AND device_id = $3::uuid))"
                               " ORDER BY server_seq LIMIT $4::int",
                               5, params, error);
  }
  if (result == NULL)
    return FALSE;

  *more = (guint) PQntuples (result) > limit;
  for (int row = 0; row < PQntuples (result) && (guint) row < limit; row++)
    {
      const char *op = PQgetvalue (result, row, 1);
      cJSON *payload = parse_payload (hs_db_value (result, row, 3));
      const char *pin = hs_db_value (result, row, 4);
      cJSON *change = cJSON_CreateObject ();
      gint64 seq = hs_db_int (result, row, 0);

      cJSON_AddNumberToObject (change, "server_seq", (double) seq);
      if (g_str_equal (op, "record"))
        {
          /* A PIN issued with a change rides on that change's row. */
          cJSON_AddStringToObject (change, "op", "pin");
          cJSON_AddStringToObject (change, "record_id", PQgetvalue (result, row, 2));
          cJSON_AddStringToObject (change, "pin", pin);
          cJSON_Delete (payload);
        }
      else if (g_str_equal (op, "number_block"))
        {
          /* jsonb keeps keys in its own order; the wire has the documented one. */
          static const char *const keys[] = { "kind", "book_year", "first", "last" };
          cJSON *block;

          cJSON_AddStringToObject (change, "op", op);
          block = cJSON_AddObjectToObject (change, "number_block");

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            cJSON_AddItemToObject (block, keys[k], cJSON_DetachItemFromObjectCaseSensitive (payload, keys[k]));
          cJSON_Delete (payload);
        }
      else if (g_str_equal (op, "review"))
        {
          /* A decision, flat, in the documented order. */
          static const char *const keys[] = { "state", "comment", "by", "at" };

          cJSON_AddStringToObject (change, "op", op);
          cJSON_AddStringToObject (change, "record_id", PQgetvalue (result, row, 2));
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              cJSON *member = cJSON_DetachItemFromObjectCaseSensitive (payload, keys[k]);
              cJSON_AddItemToObject (change, keys[k], member != NULL ? member : cJSON_CreateNull ());
            }
          cJSON_Delete (payload);
        }
      else
        {
          cJSON *member, *next;

          cJSON_AddStringToObject (change, "op", op);
          cJSON_AddStringToObject (change, "record_id", PQgetvalue (result, row, 2));
          /* pin: {"pin"}; review: the decision's members. */
          for (member = payload->child; member != NULL; member = next)
            {
              next = member->next;
              cJSON_AddItemToObject (change, member->string, cJSON_DetachItemViaPointer (payload, member));
            }
          cJSON_Delete (payload);
        }
      cJSON_AddItemToArray (changes, change);
      *last = (guint64) seq;
    }
  return TRUE;
}

/* The current records of a scope after "cursor", as rows (server_seq,
 * record_id, doc, duplicates), at most limit + 1 of them; "kind" may be
 * NULL. */
static gboolean
scope_records (HsRequest      *req,
               const HsScope  *scope,
               const char     *kind,
               guint64         cursor,
               guint           limit,
               PGresult      **out,
               GError        **error)
{
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GUINT64_FORMAT, cursor);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit + 1);
  g_autofree char *offices = hs_scope_offices_literal (scope);
  g_autofree char *horizon_text = NULL;
  const char *params[7];
  gint64 horizon;

  *out = NULL;
  if (!hs_db_change_log_horizon (req->db, &horizon, error))
    return FALSE;
  horizon_text = g_strdup_printf ("%" G_GINT64_FORMAT, horizon);
  params[0] = cursor_text;
  params[1] = scope->province;
  params[2] = offices;
  params[3] = scope->before;
  params[4] = kind;
  params[5] = limit_text;
  params[6] = horizon_text;

  /* Not a prepared statement: the plan depends on which of the scope's
   * filters are set, and custom plans prune the partitions. */
  *out = hs_db_exec (req->db,
                     "SELECT l.server_seq, l.record_id::text, r.doc::text, r.duplicates::text FROM change_log l"
                     " JOIN records r ON r.province = l.province AND r.id = l.record_id"
                     "  AND r.content_version = l.content_version"
                     " WHERE l.op IN ('record', 'review') AND l.server_seq > $1::bigint"
                     " AND l.server_seq <= $7::bigint"
                     /* The latest change of the record: a decided version
                      * was decided after it was stored, so its review row
                      * comes instead of its record row (one version is
                      * decided once; an edit makes a new version). */
                     " AND (CASE WHEN r.review_state IN ('approved', 'returned', 'rejected')"
                     "  THEN l.op = 'review' ELSE l.op = 'record' END)"
                     " AND ($2::text IS NULL OR l.province = $2)"
                     " AND ($3::text[] IS NULL OR l.office = ANY ($3::text[]))"
                     " AND ($4::date IS NULL OR r.registered_on < $4::date)"
                     " AND ($5::text IS NULL OR r.kind = $5)"
                     " ORDER BY l.server_seq LIMIT $6::int",
                     7, params, error);
  return *out != NULL;
}

static cJSON *
canonical (const char *text,
           int         length)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();

  /* jsonb keeps keys in its own order; the wire carries canonical JSON. */
  return ht_record_parse (text, length, issues);
}

/* The records a stored birth or death may duplicate (hs-review.c), for
 * the reviewer to decide; nothing when there are none. */
static void
add_duplicates (cJSON      *change,
                const char *text)
{
  cJSON *ids = text != NULL ? cJSON_Parse (text) : NULL;

  if (cJSON_IsArray (ids) && cJSON_GetArraySize (ids) > 0)
    cJSON_AddItemToObject (change, "potential_duplicate", ids);
  else
    cJSON_Delete (ids);
}

void
hs_handle_pull (HsRequest *req)
{
  g_autoptr(GError) error = NULL;
  guint64 cursor, last;
  gboolean more = FALSE;
  guint limit;
  cJSON *answer, *changes;

  if (!read_paging (req, &cursor, &limit))
    return;
  last = cursor;
  answer = cJSON_CreateObject ();
  changes = cJSON_AddArrayToObject (answer, "changes");

  if (req->device->role == HS_ROLE_CLERK)
    {
      if (!pull_office (req, cursor, limit, changes, &last, &more, &error))
        goto fail;
    }
  else
    {
      g_autoptr(HsScope) scope = hs_scope_new (req->device->scope, &error);
      g_autoptr(PGresult) result = NULL;

      if (scope == NULL || !scope_records (req, scope, NULL, cursor, limit, &result, &error))
        goto fail;
      more = (guint) PQntuples (result) > limit;
      for (int row = 0; row < PQntuples (result) && (guint) row < limit; row++)
        {
          cJSON *record = canonical (PQgetvalue (result, row, 2), PQgetlength (result, row, 2));
          cJSON *change;

          last = (guint64) hs_db_int (result, row, 0);
          if (record == NULL)
            continue;
          change = cJSON_CreateObject ();
          cJSON_AddNumberToObject (change, "server_seq", (double) last);
          cJSON_AddStringToObject (change, "op", "record");
          cJSON_AddStringToObject (change, "record_id", PQgetvalue (result, row, 1));
          cJSON_AddItemToObject (change, "record", record);
          add_duplicates (change, hs_db_value (result, row, 3));
          cJSON_AddItemToArray (changes, change);
        }
    }

  cJSON_AddNumberToObject (answer, "cursor", (double) last);
  cJSON_AddBoolToObject (answer, "more", more);
  hs_request_json (req, MHD_HTTP_OK, answer);
  return;

fail:
  cJSON_Delete (answer);
  hs_request_fail (req, error);
}

void
hs_handle_records (HsRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsScope) scope = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *office = hs_request_arg (req, "office");
  const char *kind = hs_request_arg (req, "kind");
  guint64 cursor, last;
  guint limit;
  cJSON *answer, *records;

  if (req->device->role == HS_ROLE_CLERK)
    {
      hs_request_error (req, MHD_HTTP_FORBIDDEN, "forbidden",
                        _("Records are listed for supervising offices; a commune's device pulls"));
      return;
    }
  if (!read_paging (req, &cursor, &limit))
    return;
  if (kind != NULL && ht_kinds_lookup (kind) == NULL)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("“kind” must be a kind of record"));
      return;
    }

  scope = hs_scope_new (req->device->scope, &error);
  if (scope == NULL)
    {
      hs_request_fail (req, error);
      return;
    }
  if (office != NULL)
    {
      g_autoptr(HsScope) wanted = hs_scope_new (office, NULL);

      if (wanted == NULL || wanted->level != HS_SCOPE_COMMUNE)
        {
          hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("“office” must be a commune code"));
          return;
        }
      if (!hs_scope_contains (scope, wanted))
        {
          hs_request_error (req, MHD_HTTP_FORBIDDEN, "forbidden", _("Office %s is outside this device's scope"),
                            office);
          return;
        }
      hs_scope_narrow (wanted, scope);
      hs_scope_free (scope);
      scope = g_steal_pointer (&wanted);
    }

  if (!scope_records (req, scope, kind, cursor, limit, &result, &error))
    {
      hs_request_fail (req, error);
      return;
    }
  last = cursor;
  answer = cJSON_CreateObject ();
  records = cJSON_AddArrayToObject (answer, "records");
  for (int row = 0; row < PQntuples (result) && (guint) row < limit; row++)
    {
      cJSON *record = canonical (PQgetvalue (result, row, 2), PQgetlength (result, row, 2));

      last = (guint64) hs_db_int (result, row, 0);
      if (record != NULL)
        cJSON_AddItemToArray (records, record);
    }
  cJSON_AddNumberToObject (answer, "cursor", (double) last);
  cJSON_AddBoolToObject (answer, "more", (guint) PQntuples (result) > limit);
  hs_request_json (req, MHD_HTTP_OK, answer);
}
