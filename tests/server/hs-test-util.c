/* hs-test-util.c — enrolling devices and pushing batches in server tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include "hs-test-util.h"

void
hs_test_device_free (HsTestDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->token);
  g_free (device->office);
  cJSON_Delete (device->enrolment);
  g_free (device);
}

HsTestDevice *
hs_test_enroll (HsPg       *pg,
                const char *url,
                const char *role,
                const char *office_or_scope)
{
  g_autofree char *code = hs_test_enroll_code (hs_pg_conninfo (pg), role, office_or_scope);
  g_autoptr(cJSON) body = cJSON_CreateObject ();
  g_autofree char *text = NULL;
  g_autoptr(HsResponse) response = NULL;
  HsTestDevice *device;

  cJSON_AddStringToObject (body, "code", code);
  cJSON_AddStringToObject (body, "device_name", "Máy tính bộ phận một cửa");
  text = cJSON_PrintUnformatted (body);
  response = hs_http (url, NULL, "POST", "/api/v1/enroll", text, -1, HS_HTTP_NONE);
  if (response->status != 200 || response->json == NULL)
    g_error ("enrolment failed: %ld %s", response->status, response->body != NULL ? response->body : response->error);

  device = g_new0 (HsTestDevice, 1);
  device->id = g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (response->json, "device_id")));
  device->token = g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (response->json, "token")));
  device->office = g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (response->json, "office")));
  device->enrolment = g_steal_pointer (&response->json);
  return device;
}

gint64
hs_test_block_first (const HsTestDevice *device,
                     const char         *kind)
{
  const cJSON *block;

  cJSON_ArrayForEach (block, cJSON_GetObjectItem (device->enrolment, "number_blocks"))
    if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (block, "kind")), kind) == 0)
      return (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (block, "first"));
  g_error ("the device has no %s block", kind);
  return 0;
}

HsResponse *
hs_test_push (const char *url,
              const char *token,
              cJSON      *changes)
{
  g_autoptr(cJSON) batch = hs_test_batch (changes);
  g_autofree char *text = cJSON_PrintUnformatted (batch);
  HsResponse *response = hs_http (url, token, "POST", "/api/v1/push", text, -1, HS_HTTP_NONE);

  if (response->status == 0)
    g_error ("push: no answer: %s", response->error);
  return response;
}

const cJSON *
hs_test_result (const HsResponse *response,
                guint             i)
{
  return cJSON_GetArrayItem (cJSON_GetObjectItem (response->json, "results"), (int) i);
}

static const char *
text_or_empty (const cJSON *value)
{
  const char *text = cJSON_GetStringValue (value);
  return text != NULL ? text : "";
}

const char *
hs_test_status (const HsResponse *response,
                guint             i)
{
  return text_or_empty (cJSON_GetObjectItem (hs_test_result (response, i), "status"));
}

const char *
hs_test_code (const HsResponse *response,
              guint             i)
{
  return text_or_empty (cJSON_GetObjectItem (hs_test_result (response, i), "code"));
}

const char *
hs_test_error_code (const HsResponse *response)
{
  return text_or_empty (cJSON_GetObjectItem (cJSON_GetObjectItem (response->json, "error"), "code"));
}

/* ---- CPU time, for the benchmarks ---- */

/* utime + stime (and, with "children", the times of children it reaped)
 * of a process, in seconds; 0 if it is gone.  Fields of /proc/PID/stat
 * after the parenthesised name: state is the first, utime the 12th. */
double
hs_test_process_seconds (GPid     pid,
                         gboolean children,
                         GPid    *parent)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;
  double ticks = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 15)
    return 0;
  if (parent != NULL)
    *parent = (GPid) g_ascii_strtoll (fields[1], NULL, 10);
  for (guint i = 11; i <= (children ? 14u : 12u); i++)
    ticks += g_ascii_strtod (fields[i], NULL);
  return ticks / sysconf (_SC_CLK_TCK);
}

/* The postmaster, the backends it reaped and the ones still running. */
double
hs_test_postgres_seconds (HsPg *pg)
{
  GPid postmaster = hs_pg_postmaster_pid (pg);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  double seconds;

  if (postmaster <= 0 || proc == NULL)
    return 0;
  seconds = hs_test_process_seconds (postmaster, TRUE, NULL);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      GPid pid = (GPid) g_ascii_strtoll (name, NULL, 10), parent = 0;
      double own;

      if (pid <= 0)
        continue;
      own = hs_test_process_seconds (pid, FALSE, &parent);
      if (parent == postmaster)
        seconds += own;
    }
  return seconds;
}
