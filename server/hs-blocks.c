/* hs-blocks.c — blocks of register numbers reserved for one device.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Register numbers run per office, kind and book year (DESIGN.md "Local
 * store").  Two PCs of one office must never hand out the same number while
 * offline, so each draws from a block the server reserved for it.  A block
 * starts above the office's counter and above every number already stored
 * for that key (books digitised before the office enrolled), and the counter
 * row is updated in the same statement that reads it, under its row lock,
 * so concurrent allocations queue instead of overlapping.  The exclusion
 * constraint on number_blocks would refuse an overlap regardless.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <microhttpd.h>

#include "ht-kinds.h"
#include "hs-db.h"
#include "hs-scope.h"
#include "hs-server.h"

/* Blocks can be asked for this far back: digitised books carry their own
 * numbers, so older years need none. */
#define OLDEST_BLOCK_YEAR 1900

cJSON *
hs_blocks_allocate (PGconn      *db,
                    const char  *device_id,
                    const char  *office,
                    const char  *kind,
                    gint64       book_year,
                    guint        size,
                    GError     **error)
{
  const char *province = hs_office_province (office);
  g_autofree char *year = g_strdup_printf ("%" G_GINT64_FORMAT, book_year);
  g_autofree char *count = g_strdup_printf ("%u", MAX (size, 1));
  g_autofree char *payload = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(cJSON) detail = NULL;
  cJSON *block;
  gint64 first, last;

  if (province == NULL)
    {
      g_set_error (error, HS_ERROR, HS_ERROR_INVALID, _("%s is not a commune code"), office);
      return NULL;
    }

  {
    const char *params[] = { office, kind, year, province, count };
    result = hs_db_exec_named (db, "block_counter",
                         "INSERT INTO number_counters AS c (office, kind, book_year, next_number)"
                         " VALUES ($1, $2, $3::int,"
                         "  (SELECT coalesce (max (number), 0) + 1 FROM records"
                         "   WHERE province = $4 AND office = $1 AND kind = $2 AND book_year = $3::int)"
                         "  + $5::bigint)"
                         " ON CONFLICT (office, kind, book_year) DO UPDATE"
                         " SET next_number = greatest (c.next_number,"
                         "  (SELECT coalesce (max (number), 0) + 1 FROM records"
                         "   WHERE province = $4 AND office = $1 AND kind = $2 AND book_year = $3::int))"
                         "  + $5::bigint"
                         " RETURNING next_number - $5::bigint",
                         5, params, error);
    if (result == NULL)
      return NULL;
  }
  first = hs_db_int (result, 0, 0);
  last = first + MAX (size, 1) - 1;
  first_text = g_strdup_printf ("%" G_GINT64_FORMAT, first);
  last_text = g_strdup_printf ("%" G_GINT64_FORMAT, last);

  block = cJSON_CreateObject ();
  cJSON_AddStringToObject (block, "kind", kind);
  cJSON_AddNumberToObject (block, "book_year", (double) book_year);
  cJSON_AddNumberToObject (block, "first", (double) first);
  cJSON_AddNumberToObject (block, "last", (double) last);
  payload = cJSON_PrintUnformatted (block);

  {
    const char *params[] = { device_id, office, kind, year, first_text, last_text };
    if (!hs_db_run (db,
                    "INSERT INTO number_blocks (device_id, office, kind, book_year, first_number, last_number)"
                    " VALUES ($1::uuid, $2, $3, $4::int, $5::bigint, $6::bigint)",
                    6, params, error))
      goto fail;
  }

  /* The device learns of the block at pull too, like of anything else the
   * server decides for it. */
  {
    const char *params[] = { province, office, device_id, payload };
    if (!hs_db_lock_change_log (db, error) ||
        !hs_db_run (db,
                    "INSERT INTO change_log (op, province, office, device_id, payload)"
                    " VALUES ('number_block', $1, $2, $3::uuid, $4::jsonb)",
                    4, params, error))
      goto fail;
  }

  detail = cJSON_Duplicate (block, TRUE);
  cJSON_AddStringToObject (detail, "office", office);
  if (!hs_audit (db, "number_block", device_id, NULL, NULL, detail, error))
    goto fail;
  return block;

fail:
  cJSON_Delete (block);
  return NULL;
}

void
hs_handle_number_blocks (HsRequest *req)
{
  g_autoptr(cJSON) body = NULL;
  g_autoptr(GError) error = NULL;
  const cJSON *kind, *year;
  cJSON *answer, *blocks, *block;
  int current = hs_current_year ();

  if (req->device->role != HS_ROLE_CLERK)
    {
      hs_request_error (req, MHD_HTTP_FORBIDDEN, "forbidden",
                        _("Only a commune office's device numbers records"));
      return;
    }
  body = hs_request_parse_body (req);
  if (body == NULL)
    return;
  kind = cJSON_GetObjectItemCaseSensitive (body, "kind");
  year = cJSON_GetObjectItemCaseSensitive (body, "book_year");
  if (!cJSON_IsString (kind) || ht_kinds_lookup (kind->valuestring) == NULL)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("“kind” must be a kind of record"));
      return;
    }
  if (!cJSON_IsNumber (year) || year->valuedouble != (double) (gint64) year->valuedouble ||
      year->valuedouble < OLDEST_BLOCK_YEAR || year->valuedouble > current + 1)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request",
                        _("“book_year” must be a year from %d to %d"), OLDEST_BLOCK_YEAR, current + 1);
      return;
    }

  for (guint attempt = 0;; attempt++)
    {
      g_clear_error (&error);
      block = NULL;
      if (hs_db_begin (req->db, &error))
        {
          block = hs_blocks_allocate (req->db, req->device->id, req->device->office, kind->valuestring,
                                      (gint64) year->valuedouble, req->config->block_size, &error);
          if (block != NULL && !hs_db_commit (req->db, &error))
            g_clear_pointer (&block, cJSON_Delete);
        }
      if (block != NULL)
        break;
      hs_db_rollback (req->db);
      if (attempt >= 3 || error == NULL || error->domain != HS_DB_ERROR || error->code != HS_DB_ERROR_RETRY)
        {
          hs_request_fail (req, error);
          return;
        }
    }

  answer = cJSON_CreateObject ();
  blocks = cJSON_AddArrayToObject (answer, "number_blocks");
  cJSON_AddItemToArray (blocks, block);
  hs_request_json (req, MHD_HTTP_OK, answer);
}
