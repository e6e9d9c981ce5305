/* ht-sync-enroll.c — enrolling a register with the server (POST /api/v1/enroll).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device token is kept in the register itself (the keys table), not in
 * a file beside it.  The register is readable by its owner only (0600,
 * like its -wal and -shm files, which SQLite makes with the register's
 * mode) and already holds every citizen's personal data, so a side file
 * would protect nothing more; it would only be one more file to lose, or
 * to leave behind, when the register is backed up, restored or moved.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ht-store-sync.h"
#include "ht-sync-enroll.h"
#include "ht-sync-lock.h"
#include "ht-sync-wire.h"

#define DEVICE_NAME_MAX 200

/* Makes the register and its sidecar files readable by the owner only. */
static gboolean
owner_only (const char  *path,
            GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) != 0)
        continue;
      if ((st.st_mode & 0077) != 0 && g_chmod (file, 0600) != 0)
        {
          int saved = errno;
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_FAILED,
                       _("The register “%s” can be read by other users and cannot be made private (%s); the device token would not be safe in it"),
                       file, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_code (const char  *code,
            GError     **error)
{
  static const char allowed[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789- ";

  /* The server folds case and drops dashes and spaces; anything else can
   * only be a typing mistake. */
  if (code == NULL || strspn (code, allowed) != strlen (code) || strspn (code, "- ") == strlen (code))
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("“%s” is not an enrolment code (four groups of four letters and digits, e.g. UNX6-S72R-DT5V-NJDZ)"),
                   code != NULL ? code : "");
      return FALSE;
    }
  return TRUE;
}

static char *
default_device_name (void)
{
  /* TRANSLATORS: the name a PC gets on the server; %s is its host name. */
  g_autofree char *name = g_strdup_printf (_("hotich on %s"), g_get_host_name ());

  if (g_utf8_strlen (name, -1) > DEVICE_NAME_MAX)
    {
      char *end = g_utf8_offset_to_pointer (name, DEVICE_NAME_MAX);
      *end = '\0';
    }
  return g_steal_pointer (&name);
}

/* Asks the server; the answer fills "device" and "blocks". */
static gboolean
ask_server (HtSyncDevice   *device,
            const char     *code,
            HtSyncLogFunc   log,
            gpointer        log_data,
            GArray        **blocks,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(HtSyncHttp) http = ht_sync_http_new (device->server, device->ca_file, error);
  g_autoptr(HtSyncResponse) response = NULL;
  g_autoptr(cJSON) body = cJSON_CreateObject ();
  g_autofree char *text = NULL;

  if (http == NULL)
    return FALSE;
  ht_sync_http_set_log (http, log, log_data);
  ht_sync_http_set_timeouts (http, 15000, 60000);
  cJSON_AddStringToObject (body, "code", code);
  cJSON_AddStringToObject (body, "device_name", device->device_name);
  text = cJSON_PrintUnformatted (body);

  response = ht_sync_http_request (http, "POST", "/api/v1/enroll", text, strlen (text), HT_SYNC_HTTP_NONE,
                                   cancellable, error);
  if (response == NULL)
    return FALSE;
  if (g_strcmp0 (response->error_code, "invalid_code") == 0)
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_AUTH, _("The server refused the enrolment code: %s"),
                   response->error_message != NULL ? response->error_message : response->error_code);
      return FALSE;
    }
  if (ht_sync_response_to_error (response, _("the enrolment"), error))
    return FALSE;
  return ht_sync_wire_enrolment (response->body, response->length, device, blocks, error);
}

/* Opens or makes the register the answer is for; the code is used up by
 * now, so every refusal says so. */
static HtStore *
register_for (const char          *path,
              HtStore             *existing,
              const HtSyncDevice  *device,
              GError             **error)
{
  if (g_str_equal (device->role, "clerk"))
    {
      if (existing == NULL)
        {
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                       _("There is no register at “%s”: a commune PC's register is made first with “hotich-admin init --office %s”. The code is used up now; ask for a new one"),
                       path, device->office);
          return NULL;
        }
      if (g_strcmp0 (ht_store_get_office (existing), device->office) != 0)
        {
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                       _("The code is for office %s but the register “%s” belongs to office %s. The code is used up now; ask for a new one for office %s"),
                       device->office, path, ht_store_get_office (existing), ht_store_get_office (existing));
          return NULL;
        }
      return g_object_ref (existing);
    }

  if (g_str_equal (device->role, "reviewer"))
    {
      if (existing == NULL)
        return ht_store_sync_create_for_scope (path, device->scope, error);
      if (g_strcmp0 (ht_store_get_office (existing), device->scope) != 0)
        {
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                       _("The code is for a reviewer of %s but the register “%s” belongs to %s; a reviewer's register is made by enrolling with a path where no file is yet. The code is used up now; ask for a new one"),
                       device->scope, path, ht_store_get_office (existing));
          return NULL;
        }
      return g_object_ref (existing);
    }

  g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
               _("The code is a ministry administrator's, which is for the ministry's tools and not for a register. The code is used up now"));
  return NULL;
}

HtStore *
ht_sync_enroll (const char     *path,
                const char     *server,
                const char     *code,
                const char     *ca_file,
                const char     *device_name,
                HtSyncLogFunc   log,
                gpointer        log_data,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(HtSyncDevice) device = g_new0 (HtSyncDevice, 1);
  g_autoptr(HtStore) existing = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtSyncLock) lock = NULL;
  g_autoptr(GArray) blocks = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ht_sync_check_url (server, error) || !check_code (code, error))
    return NULL;
  if (ca_file != NULL)
    {
      device->ca_file = g_canonicalize_filename (ca_file, NULL);
      if (!g_file_test (device->ca_file, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                       _("The certificate authority file “%s” does not exist"), ca_file);
          return NULL;
        }
    }
  if (device_name != NULL && (*device_name == '\0' || g_utf8_strlen (device_name, -1) > DEVICE_NAME_MAX))
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("A device name has 1 to %d characters"), DEVICE_NAME_MAX);
      return NULL;
    }
  device->server = g_strdup (server);
  while (g_str_has_suffix (device->server, "/"))
    device->server[strlen (device->server) - 1] = '\0';
  device->device_name = device_name != NULL ? g_strdup (device_name) : default_device_name ();

  /* Everything that can be refused without the server is refused before
   * the code is used up. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      existing = ht_store_open (path, error);
      if (existing == NULL)
        return NULL;
      if (ht_store_sync_is_enrolled (existing))
        {
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                       _("The register “%s” is already enrolled; a register is enrolled once"), path);
          return NULL;
        }
      if (!owner_only (path, error))
        return NULL;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                       _("Cannot create the folder “%s” for the register: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }
  lock = ht_sync_lock_acquire (path, error);
  if (lock == NULL)
    return NULL;

  if (!ask_server (device, code, log, log_data, &blocks, cancellable, error))
    return NULL;
  store = register_for (path, existing, device, error);
  if (store == NULL || !ht_store_sync_save_device (store, device, error))
    return NULL;

  /* Numbers to register with from the first day offline.  Should this stop
   * half-way, the blocks come again at the first pull. */
  for (guint i = 0; i < blocks->len; i++)
    {
      const HtNumberBlock *block = &g_array_index (blocks, HtNumberBlock, i);

      if (!ht_store_add_number_block (store, block->kind, block->book_year, block->first, block->last, error))
        return NULL;
    }
  return g_steal_pointer (&store);
}
