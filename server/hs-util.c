/* hs-util.c — small helpers shared by the server's modules.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-server"

#include <string.h>

#include "ht-date.h"
#include "hs-db.h"
#include "hs-server.h"

G_DEFINE_QUARK (hs-error-quark, hs_error)

void
hs_device_free (HsDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->name);
  g_free (device->office);
  g_free (device->scope);
  g_free (device);
}

static const char *const role_names[] = { "clerk", "reviewer", "admin" };

const char *
hs_role_name (HsRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (role_names), "clerk");
  return role_names[role];
}

gboolean
hs_role_parse (const char *name,
               HsRole     *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (name, role_names[i]) == 0)
      {
        *out = (HsRole) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
hs_is_uuid (const char *text)
{
  /* The canonical 8-4-4-4-12 form only: ids are compared as text in
   * places (hash tables, JSON), so one spelling per id. */
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      char c = text[i];
      if (dash ? c != '-' : !(g_ascii_isdigit (c) || (c >= 'a' && c <= 'f')))
        return FALSE;
    }
  return TRUE;
}

char *
hs_new_uuid (void)
{
  return g_uuid_string_random ();
}

gboolean
hs_parse_uint (const char *text,
               guint64     max,
               guint64    *out)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 19)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }
  if (value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

char *
hs_timestamp_now (void)
{
  return ht_timestamp_now ();
}

int
hs_current_year (void)
{
  GDate today;

  ht_date_today (&today);
  return g_date_get_year (&today);
}

gboolean
hs_audit (PGconn      *db,
          const char  *action,
          const char  *device_id,
          const char  *change_id,
          const char  *record_id,
          const cJSON *detail,
          GError     **error)
{
  g_autofree char *json = detail != NULL ? cJSON_PrintUnformatted (detail) : NULL;
  const char *params[] = { action, device_id, change_id, record_id, json };

  return hs_db_run (db,
                    "INSERT INTO audit_log (action, device_id, change_id, record_id, detail)"
                    " VALUES ($1, $2::uuid, $3::uuid, $4::uuid, $5::jsonb)",
                    5, params, error);
}
