/* sync-test-util.c — registers, enrolment and comparisons with the server for the sync tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "ht-sync-enroll.h"
#include "sync-test-util.h"

HsPg *st_pg;
HsTestServer *st_server;
const char *st_url;

/* ---- Files ---- */

static char *test_dir;
static pid_t test_dir_owner;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_test_dir (void)
{
  if (test_dir != NULL && test_dir_owner == getpid ())
    remove_tree (test_dir);
}

const char *
st_dir (void)
{
  /* check forks each test: a child makes a directory of its own. */
  if (test_dir == NULL || test_dir_owner != getpid ())
    {
      g_autoptr(GError) error = NULL;

      test_dir = g_dir_make_tmp ("hotich-sync-test-XXXXXX", &error);
      g_assert_no_error (error);
      if (test_dir_owner == 0)
        atexit (remove_test_dir);
      test_dir_owner = getpid ();
    }
  return test_dir;
}

char *
st_path (const char *name)
{
  return g_build_filename (st_dir (), name, NULL);
}

/* ---- Registers ---- */

HtStore *
st_register_new (const char *name,
                 const char *office)
{
  g_autofree char *path = st_path (name);
  g_autoptr(GError) error = NULL;
  HtStore *store = ht_store_create (path, office, &error);

  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  return store;
}

void
st_add_births (HtStore *store,
               guint    first,
               guint    n)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      cJSON *birth = hs_test_birth (ht_store_get_office (store), first + i, 0, NULL);

      /* The register gives each its id and number. */
      cJSON_DeleteItemFromObject (birth, "id");
      cJSON_DeleteItemFromObject (birth, "book_year");
      g_ptr_array_add (records, birth);
    }
  if (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error))
    {
      for (guint i = 0; issues != NULL && i < issues->len; i++)
        {
          HtIssues *found = issues->pdata[i];
          for (guint j = 0; j < found->len; j++)
            if (((HtIssue *) found->pdata[j])->severity == HT_SEVERITY_ERROR)
              ck_abort_msg ("import: record %u: %s: %s", i, ((HtIssue *) found->pdata[j])->field,
                            ((HtIssue *) found->pdata[j])->message);
        }
      ck_abort_msg ("import: %s", error->message);
    }
}

char *
st_save_birth (HtStore *store,
               guint    serial)
{
  g_autoptr(cJSON) birth = hs_test_birth (ht_store_get_office (store), serial, 0, NULL);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(GError) error = NULL;

  cJSON_DeleteItemFromObject (birth, "id");
  cJSON_DeleteItemFromObject (birth, "book_year");
  ck_assert_msg (ht_store_save (store, birth, "lan.nt", NULL, HT_SAVE_DEFAULT, issues, &error),
                 "save: %s", error != NULL ? error->message : "");
  return g_strdup (ht_record_id (birth));
}

guint
st_count_records (HtStore *store)
{
  guint n = 0;

  for (const HtKind *const *kind = ht_kinds_all (); *kind != NULL; kind++)
    n += (guint) ht_store_count (store, (*kind)->code);
  return n;
}

HtStore *
st_enroll (const char *path,
           const char *url,
           const char *role,
           const char *office_or_scope)
{
  g_autofree char *code = hs_test_enroll_code (hs_pg_conninfo (st_pg), role, office_or_scope);
  g_autoptr(GError) error = NULL;
  HtStore *store = ht_sync_enroll (path, url, code, NULL, "test PC", NULL, NULL, NULL, &error);

  ck_assert_msg (store != NULL, "enrol: %s", error != NULL ? error->message : "");
  return store;
}

void
st_options (HtSyncOptions *options)
{
  ht_sync_options_init (options);
  options->backoff_initial_ms = 50;
  options->backoff_max_ms = 400;
  options->max_attempts = 8;
  options->connect_timeout_ms = 2000;
  options->request_timeout_ms = 60000;
}

gboolean
st_run (HtStore              *store,
        const HtSyncOptions  *options,
        HtSyncReport         *report,
        GError              **error)
{
  g_autoptr(HtSyncEngine) engine = ht_sync_engine_new (store, error);
  HtSyncOptions quick;

  if (engine == NULL)
    return FALSE;
  st_options (&quick);
  ht_sync_engine_set_options (engine, options != NULL ? options : &quick);
  return ht_sync_engine_run (engine, report, NULL, error);
}

/* ---- What the server holds ---- */

static HsTestDevice *admin;

GHashTable *
st_server_records (const char *office)
{
  GHashTable *records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cJSON_Delete);
  guint64 cursor = 0;
  gboolean more = TRUE;

  if (admin == NULL)
    admin = hs_test_enroll (st_pg, st_url, "admin", NULL);
  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/records?office=%s&cursor=%" G_GUINT64_FORMAT "&limit=1000",
                                               office, cursor);
      g_autoptr(HsResponse) r = hs_http (st_url, admin->token, "GET", path, NULL, 0, HS_HTTP_ACCEPT_GZIP);
      const cJSON *record;

      ck_assert_msg (r->status == 200, "GET %s: %ld %s", path, r->status, r->body != NULL ? r->body : "");
      cJSON_ArrayForEach (record, cJSON_GetObjectItem (r->json, "records"))
        {
          g_autoptr(HtIssues) issues = ht_issues_new ();
          cJSON *canon = ht_record_canonicalize (record, issues);

          ck_assert_msg (canon != NULL, "the server's record cannot be read");
          g_hash_table_replace (records, g_strdup (ht_record_id (canon)), canon);
        }
      cursor = (guint64) cJSON_GetNumberValue (cJSON_GetObjectItem (r->json, "cursor"));
      more = cJSON_IsTrue (cJSON_GetObjectItem (r->json, "more"));
    }
  return records;
}

/* Canonical text without the members each side keeps for itself. */
static char *
content_of (const cJSON *record)
{
  g_autoptr(cJSON) copy = cJSON_Duplicate (record, TRUE);

  cJSON_ReplaceItemInObjectCaseSensitive (copy, "content_version", cJSON_CreateNumber (0));
  cJSON_ReplaceItemInObjectCaseSensitive (copy, "updated_at", cJSON_CreateNull ());
  return ht_record_print (copy);
}

typedef struct
{
  HtStore            *store;
  GHashTable         *server;
  const char *const  *refused;
  guint               compared;
} Compare;

static gboolean
is_refused (const char *const *refused,
            const char        *id)
{
  return refused != NULL && g_strv_contains (refused, id);
}

static gboolean
compare_cb (const cJSON *record,
            gpointer     user_data)
{
  Compare *c = user_data;
  const char *id = ht_record_id (record);
  const cJSON *theirs = g_hash_table_lookup (c->server, id);
  g_autofree char *mine = NULL;
  g_autofree char *server = NULL;

  if (is_refused (c->refused, id))
    return TRUE;
  ck_assert_msg (theirs != NULL, "record %s is not on the server", id);
  mine = content_of (record);
  server = content_of (theirs);
  ck_assert_msg (g_str_equal (mine, server), "record %s differs:\n  here:   %s\n  server: %s", id, mine, server);
  ck_assert_int_eq (ht_record_content_version (theirs), ht_store_sync_server_version (c->store, id));
  ck_assert_int_eq (ht_store_sync_record_state (c->store, id, NULL, NULL), HT_SYNC_STATE_SENT);
  c->compared++;
  return TRUE;
}

static void
assert_synced (HtStore           *store,
               const char *const *refused,
               gboolean           whole_office)
{
  g_autoptr(GHashTable) server = st_server_records (ht_store_get_office (store));
  g_autoptr(GError) error = NULL;
  Compare c = { store, server, refused, 0 };
  HtSyncSummary summary;
  guint n_refused = refused != NULL ? g_strv_length ((char **) refused) : 0;

  ck_assert_msg (ht_store_export (store, NULL, NULL, NULL, compare_cb, &c, &error), "%s",
                 error != NULL ? error->message : "");
  /* Nothing on the server that the register lacks, nothing twice. */
  if (whole_office)
    ck_assert_uint_eq (g_hash_table_size (server), c.compared);

  ht_store_sync_summary (store, &summary, NULL);
  ck_assert_uint_eq (summary.pending, 0);
  ck_assert_uint_eq (summary.attention, n_refused);
  for (guint i = 0; i < n_refused; i++)
    ck_assert_int_eq (ht_store_sync_record_state (store, refused[i], NULL, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ht_sync_summary_clear (&summary);
}

void
st_assert_synced (HtStore           *store,
                  const char *const *refused)
{
  assert_synced (store, refused, TRUE);
}

void
st_assert_synced_part (HtStore *store)
{
  assert_synced (store, NULL, FALSE);
}

void
st_assert_sound (HtStore *store)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sound = ht_store_check (store, &problems, &error);

  ck_assert_msg (error == NULL, "%s", error != NULL ? error->message : "");
  ck_assert_msg (sound, "%s", problems != NULL && problems->len > 0 ? (char *) problems->pdata[0] : "?");
}

void
st_assert_admin_check (const char *path)
{
  const char *admin_binary = g_getenv ("HOTICH_ADMIN");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  ck_assert_msg (admin_binary != NULL, "HOTICH_ADMIN is not set");
  {
    const char *argv[] = { admin_binary, "--db", path, "check", NULL };
    ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  }
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "hotich-admin check failed:\n%s%s", out, err);
}

int
st_cli (const char *const  *args,
        char              **out,
        char              **err)
{
  const char *binary = g_getenv ("HOTICH_SYNC");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *child_out = NULL;
  g_autofree char *child_err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  ck_assert_msg (binary != NULL, "HOTICH_SYNC is not set");
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  ck_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &child_out, &child_err,
                           &status, &error));
  ck_assert_msg (WIFEXITED (status), "hotich-sync did not exit normally:\n%s", child_err);
  if (out != NULL)
    *out = g_steal_pointer (&child_out);
  if (err != NULL)
    *err = g_steal_pointer (&child_err);
  return WEXITSTATUS (status);
}
