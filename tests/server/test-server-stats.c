/* test-server-stats.c — the server's statistics equal the register's for the same records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the tests run, a commune's register is made as a clerk's PC makes
 * it: generated records (hotich-gen, three years, re-registrations among
 * them) imported into a real SQLite register, some of them revoked later,
 * some kept as drafts.  What a sync would send goes to the real server over
 * HTTP: every book entry as first saved, then the revocations as edits.
 * The figures of GET /api/v1/stats and of "hotich-server stats" must then
 * be byte for byte those of the register (ht_stats_compute), for any
 * period; the province's figures are the commune's, as it is alone in it.
 */
#include <string.h>
#include <check.h>
#include <glib/gstdio.h>

#include "hs-test-main.h"
#include "ht-date.h"
#include "ht-gen.h"
#include "ht-stats-store.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

/* Phường Ba Đình, Hà Nội (province 01). */
#define OFFICE "00004"
#define PROVINCE "01"
#define N_RECORDS 420
#define PUSH_BATCH 200

static char *tmpdir;
static char *db_path;
static char *clerk_token;
static char *reviewer_token;
static guint n_revoked;

/* ---- Setup: the register, then the same records on the server ---- */

typedef struct
{
  GPtrArray *changes;   /* cJSON* push changes */
} Collect;

static gboolean
collect_cb (const cJSON *record,
            gpointer     user_data)
{
  Collect *c = user_data;

  g_ptr_array_add (c->changes, hs_test_change (NULL, record, 0));
  return TRUE;
}

/* Pushes "changes" (cJSON*, taken) in batches; every one must apply. */
static void
push_all (GPtrArray *changes)
{
  for (guint start = 0; start < changes->len; start += PUSH_BATCH)
    {
      cJSON *batch = cJSON_CreateArray ();
      g_autoptr(HsResponse) r = NULL;
      guint n = MIN (PUSH_BATCH, changes->len - start);

      for (guint i = 0; i < n; i++)
        cJSON_AddItemToArray (batch, g_steal_pointer (&changes->pdata[start + i]));
      r = hs_test_push (url, clerk_token, batch);
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (hs_test_status (r, i), "applied") != 0)
          g_error ("setup push failed at change %u: %s %s", start + i, hs_test_code (r, i),
                   cJSON_PrintUnformatted (hs_test_result (r, i)));
    }
}

static void
setup_records (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(HsTestDevice) clerk = NULL;
  g_autoptr(HsTestDevice) reviewer = NULL;
  Collect collect = { changes };
  GDate from, to;
  cJSON *record;

  tmpdir = g_dir_make_tmp ("test-server-stats-XXXXXX", &error);
  if (tmpdir == NULL)
    g_error ("%s", error->message);
  db_path = g_build_filename (tmpdir, "registry.db", NULL);
  store = ht_store_create (db_path, OFFICE, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  /* The register: generated records, all or nothing. */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_MARCH, 2024);
  g_date_set_dmy (&to, 20, G_DATE_NOVEMBER, 2026);
  gen = ht_gen_new (OFFICE, 23, &from, &to, N_RECORDS + 3, FALSE, &error);
  if (gen == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < N_RECORDS; i++)
    {
      record = ht_gen_next (gen, &error);
      if (record == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (records, record);
    }
  if (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error))
    g_error ("import: %s", error->message);
  /* Three drafts: never pushed, never counted. */
  while ((record = ht_gen_next (gen, &error)) != NULL)
    {
      g_autoptr(HtIssues) found = ht_issues_new ();
      g_autoptr(cJSON) owned = record;
      if (!ht_store_save (store, record, "lan.nt", NULL, HT_SAVE_DRAFT, found, &error))
        g_error ("draft: %s", error->message);
    }

  /* The server: a clerk of the commune pushes every entry as imported. */
  clerk = hs_test_enroll (pg, url, "clerk", OFFICE);
  reviewer = hs_test_enroll (pg, url, "reviewer", PROVINCE);
  clerk_token = g_strdup (clerk->token);
  reviewer_token = g_strdup (reviewer->token);
  if (!ht_store_export (store, NULL, NULL, NULL, collect_cb, &collect, &error))
    g_error ("export: %s", error->message);
  push_all (changes);

  /* Then every 29th entry revoked, in the register and on the server. */
  for (guint i = 0; i < records->len; i += 29)
    {
      g_autoptr(HtIssues) found = ht_issues_new ();
      cJSON *r = records->pdata[i];

      cJSON_ReplaceItemInObjectCaseSensitive (r, "status", cJSON_CreateString ("revoked"));
      if (!ht_store_save (store, r, "lan.nt", "Đăng ký sai thẩm quyền", HT_SAVE_DEFAULT, found, &error))
        g_error ("revoke: %s", error->message);
      g_ptr_array_add (edits, hs_test_change (NULL, r, ht_record_content_version (r) - 1));
      n_revoked++;
    }
  push_all (edits);
}

static void
free_records (void)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_remove (db_path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (tmpdir);
  g_free (db_path);
  g_free (tmpdir);
  g_free (clerk_token);
  g_free (reviewer_token);
}

/* ---- Helpers ---- */

/* The register's figures, opened in the test's own process (check forks). */
static char *
local_figures (const char *from,
               const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = ht_store_open (db_path, &error);
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(cJSON) json = NULL;
  GDate f, t;

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert (ht_date_parse (from, &f));
  ck_assert (ht_date_parse (to, &t));
  stats = ht_stats_compute (store, &f, &t, NULL, &error);
  ck_assert_msg (stats != NULL, "%s", error ? error->message : "");
  json = ht_stats_to_json (stats);
  return cJSON_PrintUnformatted (json);
}

static char *
server_figures (const char *token,
                const char *scope,
                const char *from,
                const char *to)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stats?scope=%s&from=%s&to=%s", scope, from, to);
  g_autoptr(HsResponse) r = hs_http (url, token, "GET", path, NULL, 0, HS_HTTP_NONE);

  ck_assert_msg (r->status == 200, "%s → %ld %s", path, r->status, r->body ? r->body : "");
  ck_assert_ptr_nonnull (r->json);
  return cJSON_PrintUnformatted (r->json);
}

static const char *const periods[][2] = {
  { "2024-03-01", "2024-12-31" },
  { "2025-01-01", "2025-12-31" },
  { "2026-01-01", "2026-05-31" },   /* the 6-month report of 2026 */
  { "2026-01-01", "2026-10-31" },   /* the preliminary year report */
  { "2024-01-01", "2026-12-31" },
  { "2025-07-01", "2025-07-01" },
};

/* ---- Tests ---- */

START_TEST (test_endpoint_equals_register)
{
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *local = local_figures (periods[i][0], periods[i][1]);
      g_autofree char *remote = server_figures (clerk_token, OFFICE, periods[i][0], periods[i][1]);

      ck_assert_str_eq (remote, local);
    }
}
END_TEST

START_TEST (test_figures_are_not_empty)
{
  g_autofree char *local = local_figures ("2024-01-01", "2026-12-31");
  g_autoptr(cJSON) json = cJSON_Parse (local);
  const cJSON *birth = cJSON_GetObjectItem (json, "birth");
  const cJSON *marriage = cJSON_GetObjectItem (json, "marriage");

  /* The comparison means something only if every part of the figures has
   * something in it. */
  ck_assert_int_gt (cJSON_GetNumberValue (cJSON_GetObjectItem (birth, "total")), 50);
  ck_assert_int_gt (cJSON_GetNumberValue (cJSON_GetObjectItem (birth, "late")), 0);
  ck_assert_int_gt (cJSON_GetNumberValue (cJSON_GetObjectItem (cJSON_GetObjectItem (json, "death"), "total")), 5);
  ck_assert_int_gt (cJSON_GetNumberValue (cJSON_GetObjectItem (marriage, "first_marriage")), 5);
  ck_assert (cJSON_IsNumber (cJSON_GetObjectItem (marriage, "mean_age_first_marriage_wife")));
  ck_assert_int_gt (cJSON_GetNumberValue (cJSON_GetObjectItem (cJSON_GetObjectItem (json, "marital_status"),
                                                               "total")), 5);
  ck_assert_uint_gt (n_revoked, 10);
  /* Revoked entries and drafts are in the register and not counted. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HtStore) store = ht_store_open (db_path, &error);
    g_autoptr(HtStats) all = ht_stats_compute (store, NULL, NULL, NULL, &error);

    ck_assert_uint_eq (ht_store_count (store, NULL), N_RECORDS);
    ck_assert_uint_eq (ht_stats_counted (all), N_RECORDS - n_revoked);
  }
}
END_TEST

START_TEST (test_province_equals_register)
{
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *local = local_figures (periods[i][0], periods[i][1]);
      g_autofree char *remote = server_figures (reviewer_token, PROVINCE, periods[i][0], periods[i][1]);
      g_autoptr(cJSON) json = cJSON_Parse (remote);
      g_autofree char *as_commune = NULL;

      /* The same figures, the province's scope. */
      ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (json, "scope")), PROVINCE);
      cJSON_ReplaceItemInObject (json, "scope", cJSON_CreateString (OFFICE));
      as_commune = cJSON_PrintUnformatted (json);
      ck_assert_str_eq (as_commune, local);
    }
}
END_TEST

START_TEST (test_cli_equals_register)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      const char *const args[] = { "stats", "--scope", OFFICE, "--from", periods[i][0], "--to", periods[i][1],
                                   "--format", "json", NULL };
      g_autofree char *out = hs_test_run_cli (hs_pg_conninfo (pg), args, &error);
      g_autoptr(cJSON) json = NULL;
      g_autofree char *remote = NULL;
      g_autofree char *local = local_figures (periods[i][0], periods[i][1]);

      ck_assert_msg (out != NULL, "%s", error ? error->message : "");
      json = cJSON_Parse (out);
      ck_assert_ptr_nonnull (json);
      remote = cJSON_PrintUnformatted (json);
      ck_assert_str_eq (remote, local);
    }
}
END_TEST

int
main (void)
{
  const HsTestCase cases[] = {
    { "endpoint-equals-register", test_endpoint_equals_register },
    { "figures-not-empty", test_figures_are_not_empty },
    { "province-equals-register", test_province_equals_register },
    { "cli-equals-register", test_cli_equals_register },
  };

  return hs_test_main ("server-stats", cases, G_N_ELEMENTS (cases), &pg, &server, &url, setup_records,
                       free_records);
}
