/* hs-enroll.c — one-time enrolment codes and POST /api/v1/enroll.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ministry's admin makes a code for an office (clerk) or a supervising
 * scope (reviewer) and hands it to the technician, who types it into the PC
 * being enrolled.  The PC gets a device id and a token, and a clerk's PC
 * its first blocks of register numbers: one per kind for the current year,
 * so it can register offline from the first day.  A code works once and for
 * seven days; it is stored hashed, like tokens.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <microhttpd.h>

#include "ht-date.h"
#include "ht-kinds.h"
#include "ht-sign.h"
#include "ht-units.h"
#include "hs-db.h"
#include "hs-scope.h"
#include "hs-server.h"

#define DEVICE_NAME_MAX 200

char *
hs_enroll_create_code (PGconn      *db,
                       HsRole       role,
                       const char  *office_or_scope,
                       guint        days,
                       GDateTime  **expires,
                       GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *days_text = g_strdup_printf ("%u", days);
  g_autoptr(cJSON) detail = cJSON_CreateObject ();
  const char *office = NULL;
  const char *scope = "";

  switch (role)
    {
    case HS_ROLE_CLERK:
      if (office_or_scope == NULL || ht_units_office (office_or_scope) == NULL)
        {
          g_set_error (error, HS_ERROR, HS_ERROR_INVALID,
                       _("“%s” is not the code of a current commune (2026-04-30 units)"),
                       office_or_scope != NULL ? office_or_scope : "");
          return NULL;
        }
      office = scope = office_or_scope;
      break;

    case HS_ROLE_REVIEWER:
      {
        g_autoptr(HsScope) parsed = hs_scope_new (office_or_scope, error);
        if (parsed == NULL)
          return NULL;
        if (parsed->level == HS_SCOPE_NATION)
          {
            g_set_error (error, HS_ERROR, HS_ERROR_INVALID, _("A reviewer needs a scope"));
            return NULL;
          }
        scope = office_or_scope;
      }
      break;

    case HS_ROLE_ADMIN:
    default:
      break;
    }

  code = hs_auth_new_code ();
  normalized = hs_auth_normalize_code (code);
  hash = hs_auth_sha256_hex (normalized, -1);

  {
    const char *params[] = { hash, hs_role_name (role), office, scope, days_text };
    if (!hs_db_begin (db, error))
      return NULL;
    if (!hs_db_run (db,
                    "INSERT INTO enrolment_codes (code_hash, role, office, scope, expires_at)"
                    " VALUES ($1, $2, $3, $4, now () + make_interval (days => $5::int))",
                    5, params, error))
      goto fail;
  }
  cJSON_AddStringToObject (detail, "role", hs_role_name (role));
  cJSON_AddStringToObject (detail, "scope", scope);
  if (!hs_audit (db, "code_created", NULL, NULL, NULL, detail, error) || !hs_db_commit (db, error))
    goto fail;

  if (expires != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      *expires = g_date_time_add_days (now, (int) days);
    }
  return g_steal_pointer (&code);

fail:
  hs_db_rollback (db);
  return NULL;
}

/* A clerk's PC sends the public half of its signing key; with the ministry
 * secret key (serve --ministry-key) the answer certifies it for the office,
 * so papers printed on that PC verify offline (docs/certificates.md).
 * Reviewers and admins print no papers and get no certificate. */
static gboolean
add_device_certificate (HsRequest    *req,
                        const guint8 *sign_public_key,
                        const char   *device_id,
                        const char   *role,
                        const char   *office,
                        cJSON        *answer,
                        GError      **error)
{
  g_autofree char *cert = NULL;
  GDate from, until;

  if (sign_public_key == NULL || req->config->ministry_secret_key == NULL ||
      !g_str_equal (role, "clerk") || office == NULL)
    return TRUE;
  ht_date_today (&from);
  until = from;
  g_date_add_days (&until, HT_SIGN_CERT_DAYS_DEFAULT);
  cert = ht_sign_certificate_make (req->config->ministry_secret_key, sign_public_key, device_id, office,
                                   &from, &until, error);
  if (cert == NULL)
    return FALSE;
  cJSON_AddStringToObject (answer, "device_certificate", cert);
  return TRUE;
}

typedef enum {
  ENROL_OK,
  ENROL_UNKNOWN,
  ENROL_USED,
  ENROL_EXPIRED,
  ENROL_ERROR,
} EnrolOutcome;

/* Everything of one enrolment, in the caller's transaction. */
static EnrolOutcome
enrol (HsRequest    *req,
       const char   *code_hash,
       const char   *device_name,
       const guint8 *sign_public_key,
       cJSON        *answer,
       GError      **error)
{
  g_autoptr(PGresult) found = NULL;
  g_autofree char *device_id = hs_new_uuid ();
  g_autofree char *token = hs_auth_new_token ();
  g_autofree char *token_hash = hs_auth_sha256_hex (token, -1);
  g_autoptr(cJSON) detail = cJSON_CreateObject ();
  const char *role, *office, *scope;
  cJSON *blocks;

  {
    const char *params[] = { code_hash };
    found = hs_db_exec (req->db,
                        "SELECT role, office, scope, used_at IS NOT NULL, expires_at <= now ()"
                        " FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE",
                        1, params, error);
  }
  if (found == NULL)
    return ENROL_ERROR;
  if (PQntuples (found) == 0)
    return ENROL_UNKNOWN;
  if (g_str_equal (PQgetvalue (found, 0, 3), "t"))
    return ENROL_USED;
  if (g_str_equal (PQgetvalue (found, 0, 4), "t"))
    return ENROL_EXPIRED;
  role = hs_db_value (found, 0, 0);
  office = hs_db_value (found, 0, 1);
  scope = hs_db_value (found, 0, 2);

  {
    const char *params[] = { device_id, device_name, role, office, scope, token_hash };
    const char *used[] = { device_id, code_hash };
    if (!hs_db_run (req->db,
                    "INSERT INTO devices (id, name, role, office, scope, token_hash)"
                    " VALUES ($1::uuid, $2, $3, $4, $5, $6)",
                    6, params, error) ||
        !hs_db_run (req->db,
                    "UPDATE enrolment_codes SET used_at = now (), device_id = $1::uuid WHERE code_hash = $2",
                    2, used, error))
      return ENROL_ERROR;
  }

  cJSON_AddStringToObject (answer, "device_id", device_id);
  cJSON_AddStringToObject (answer, "token", token);
  if (office != NULL)
    cJSON_AddStringToObject (answer, "office", office);
  else
    cJSON_AddNullToObject (answer, "office");
  cJSON_AddStringToObject (answer, "role", role);
  cJSON_AddStringToObject (answer, "scope", scope);
  blocks = cJSON_AddArrayToObject (answer, "number_blocks");

  if (g_str_equal (role, "clerk"))
    {
      int year = hs_current_year ();

      for (const HtKind *const *kind = ht_kinds_all (); *kind != NULL; kind++)
        {
          cJSON *block = hs_blocks_allocate (req->db, device_id, office, (*kind)->code, year,
                                             req->config->block_size, error);
          if (block == NULL)
            return ENROL_ERROR;
          cJSON_AddItemToArray (blocks, block);
        }
    }

  if (!add_device_certificate (req, sign_public_key, device_id, role, office, answer, error))
    return ENROL_ERROR;

  cJSON_AddStringToObject (detail, "role", role);
  cJSON_AddStringToObject (detail, "scope", scope);
  cJSON_AddBoolToObject (detail, "certified", cJSON_HasObjectItem (answer, "device_certificate"));
  if (!hs_audit (req->db, "enrol", device_id, NULL, NULL, detail, error))
    return ENROL_ERROR;
  return ENROL_OK;
}

void
hs_handle_enroll (HsRequest *req)
{
  g_autoptr(cJSON) body = hs_request_parse_body (req);
  g_autofree char *normalized = NULL;
  g_autofree char *hash = NULL;
  const cJSON *code, *name, *sign_key;
  guint8 sign_public_key[HT_SIGN_PUBLIC_KEY_BYTES];

  if (body == NULL)
    return;
  code = cJSON_GetObjectItemCaseSensitive (body, "code");
  name = cJSON_GetObjectItemCaseSensitive (body, "device_name");
  sign_key = cJSON_GetObjectItemCaseSensitive (body, "sign_public_key");
  if (sign_key != NULL && (!cJSON_IsString (sign_key) ||
                           !ht_sign_parse_public_key (sign_key->valuestring, sign_public_key, NULL)))
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request",
                        _("“sign_public_key” must be the base64 of a 32-byte Ed25519 public key"));
      return;
    }
  if (!cJSON_IsString (code) || !cJSON_IsString (name) || name->valuestring[0] == '\0' ||
      !g_utf8_validate (name->valuestring, -1, NULL) || g_utf8_strlen (name->valuestring, -1) > DEVICE_NAME_MAX)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request",
                        _("The body must be {\"code\": string, \"device_name\": string of 1 to %d characters}"),
                        DEVICE_NAME_MAX);
      return;
    }

  normalized = hs_auth_normalize_code (code->valuestring);
  if (normalized == NULL)
    {
      hs_request_error (req, MHD_HTTP_UNAUTHORIZED, "invalid_code", _("This enrolment code is not known"));
      return;
    }
  hash = hs_auth_sha256_hex (normalized, -1);

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) error = NULL;
      cJSON *answer = cJSON_CreateObject ();
      EnrolOutcome outcome = ENROL_ERROR;

      if (hs_db_begin (req->db, &error))
        {
          outcome = enrol (req, hash, name->valuestring, sign_key != NULL ? sign_public_key : NULL, answer, &error);
          if (outcome == ENROL_OK && !hs_db_commit (req->db, &error))
            outcome = ENROL_ERROR;
        }
      if (outcome != ENROL_OK)
        {
          hs_db_rollback (req->db);
          cJSON_Delete (answer);
        }

      switch (outcome)
        {
        case ENROL_OK:
          hs_request_json (req, MHD_HTTP_OK, answer);
          return;
        case ENROL_UNKNOWN:
          hs_request_error (req, MHD_HTTP_UNAUTHORIZED, "invalid_code", _("This enrolment code is not known"));
          return;
        case ENROL_USED:
          hs_request_error (req, MHD_HTTP_FORBIDDEN, "invalid_code",
                            _("This enrolment code was already used; ask for a new one"));
          return;
        case ENROL_EXPIRED:
          hs_request_error (req, MHD_HTTP_FORBIDDEN, "invalid_code",
                            _("This enrolment code has expired; ask for a new one"));
          return;
        case ENROL_ERROR:
        default:
          if (attempt < 3 && error != NULL && error->domain == HS_DB_ERROR && error->code == HS_DB_ERROR_RETRY)
            continue;
          hs_request_fail (req, error);
          return;
        }
    }
}
