/* test-server-scope.c — what reviewers and admins see: pull, records, statistics.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records are pushed once, before the tests run: two communes of Thành
 * phố Hồ Chí Minh (79), one of Hà Nội (01), and Phường Ba Đình (00004) with
 * births of 2024 (before the reform, when it was Phường Trúc Bạch of Quận
 * Ba Đình, district 001) and of 2026.
 */
#include <string.h>
#include <check.h>

#include "hs-test-main.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

#define PER_OFFICE 3

static const char *hcm_a, *hcm_b, *hanoi;
static GPtrArray *hcm_ids;   /* ids of the records of 79 */
static char *edited_id;      /* one of them, edited to version 2 */

static void
push_births (HsTestDevice *dev,
             guint         serial,
             guint         count,
             int           year,
             GPtrArray    *ids)
{
  cJSON *changes = cJSON_CreateArray ();
  g_autoptr(HsResponse) r = NULL;
  gint64 first = year == 2026 ? hs_test_block_first (dev, "birth") : 1;

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(cJSON) birth = hs_test_birth_in (dev->office, serial + i, first + i, NULL, year);
      if (ids != NULL)
        g_ptr_array_add (ids, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id"))));
      cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    }
  r = hs_test_push (url, dev->token, changes);
  for (guint i = 0; i < count; i++)
    if (g_strcmp0 (hs_test_status (r, i), "applied") != 0)
      g_error ("setup push failed: %s", r->body);
}

static void
setup_records (void)
{
  g_autoptr(HsTestDevice) a = NULL;
  g_autoptr(HsTestDevice) b = NULL;
  g_autoptr(HsTestDevice) h = NULL;
  g_autoptr(HsTestDevice) ba_dinh = NULL;

  hcm_a = hs_test_office ("79", 0);
  hcm_b = hs_test_office ("79", 1);
  hanoi = hs_test_office ("01", 1);
  a = hs_test_enroll (pg, url, "clerk", hcm_a);
  b = hs_test_enroll (pg, url, "clerk", hcm_b);
  h = hs_test_enroll (pg, url, "clerk", hanoi);
  ba_dinh = hs_test_enroll (pg, url, "clerk", "00004");
  hcm_ids = g_ptr_array_new_with_free_func (g_free);

  push_births (a, 0, PER_OFFICE, 2026, hcm_ids);
  push_births (h, 100, PER_OFFICE, 2026, NULL);
  push_births (b, 200, PER_OFFICE, 2026, hcm_ids);
  push_births (ba_dinh, 300, 2, 2024, NULL);
  push_births (ba_dinh, 400, 1, 2026, NULL);

  /* One record of 79 edited: reviewers must get it once, as version 2. */
  {
    const char *params[] = { g_ptr_array_index (hcm_ids, 0), NULL };
    g_autofree char *doc = hs_pg_query_value (pg, "SELECT doc::text FROM records WHERE id = $1::uuid", params);
    g_autoptr(cJSON) record = cJSON_Parse (doc);
    cJSON *changes = cJSON_CreateArray ();
    g_autoptr(HsResponse) r = NULL;

    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child"), "hometown",
                               cJSON_CreateString ("Phường Sài Gòn, Thành phố Hồ Chí Minh"));
    cJSON_AddItemToArray (changes, hs_test_change (NULL, record, 1));
    r = hs_test_push (url, a->token, changes);
    if (g_strcmp0 (hs_test_status (r, 0), "applied") != 0)
      g_error ("setup edit failed: %s", r->body);
    edited_id = g_strdup (params[0]);
  }
}

/* Pages through pull or records with limit 2; returns record ids in order. */
static GPtrArray *
page_through (const char *token,
              const char *endpoint,
              const char *filter)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  gint64 cursor = 0;
  gboolean more = TRUE;
  guint pages = 0;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("%s?cursor=%" G_GINT64_FORMAT "&limit=2%s", endpoint, cursor,
                                               filter != NULL ? filter : "");
      g_autoptr(HsResponse) r = hs_http (url, token, "GET", path, NULL, 0, HS_HTTP_NONE);
      gboolean is_pull = strstr (endpoint, "pull") != NULL;
      const cJSON *item;

      ck_assert_int_eq (r->status, 200);
      cJSON_ArrayForEach (item, cJSON_GetObjectItem (r->json, is_pull ? "changes" : "records"))
        {
          const cJSON *record = is_pull ? cJSON_GetObjectItem (item, "record") : item;
          if (is_pull)
            {
              ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (item, "op")), "record");
              ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (item, "record_id")),
                                cJSON_GetStringValue (cJSON_GetObjectItem (record, "id")));
            }
          g_ptr_array_add (ids, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (record, "id"))));
          /* Canonical records, with the server's fields. */
          ck_assert_ptr_nonnull (cJSON_GetObjectItem (record, "kind"));
          ck_assert (cJSON_IsString (cJSON_GetObjectItem (record, "pin")));
          if (g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItem (record, "id")), edited_id) == 0)
            ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (record, "content_version")), 2);
        }
      cursor = (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (r->json, "cursor"));
      more = cJSON_IsTrue (cJSON_GetObjectItem (r->json, "more"));
      ck_assert_int_lt (++pages, 50);
    }
  return ids;
}

static gboolean
same_set (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_ptr_array_find_with_equal_func (b, g_ptr_array_index (a, i), g_str_equal, NULL))
      return FALSE;
  return TRUE;
}

START_TEST (test_reviewer_pull)
{
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(GPtrArray) ids = page_through (reviewer->token, "/api/v1/pull", NULL);

  /* Every record of 79, each once (the edited one too), none of 01. */
  ck_assert_msg (same_set (ids, hcm_ids), "got %u records, want %u", ids->len, hcm_ids->len);
}
END_TEST

START_TEST (test_commune_and_district_reviewers)
{
  g_autoptr(HsTestDevice) commune = hs_test_enroll (pg, url, "reviewer", hcm_b);
  g_autoptr(HsTestDevice) district = hs_test_enroll (pg, url, "reviewer", "001");
  g_autoptr(GPtrArray) of_commune = page_through (commune->token, "/api/v1/pull", NULL);
  g_autoptr(GPtrArray) of_district = page_through (district->token, "/api/v1/pull", NULL);

  ck_assert_uint_eq (of_commune->len, PER_OFFICE);
  /* The pre-2025 district sees the 2024 births of its commune 00004, not
   * those registered after the reform. */
  ck_assert_uint_eq (of_district->len, 2);
}
END_TEST

START_TEST (test_records_endpoint)
{
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(HsTestDevice) admin = hs_test_enroll (pg, url, "admin", NULL);
  g_autoptr(HsTestDevice) clerk = hs_test_enroll (pg, url, "clerk", hcm_a);
  g_autoptr(GPtrArray) all = page_through (reviewer->token, "/api/v1/records", NULL);
  g_autofree char *office_filter = g_strdup_printf ("&office=%s&kind=birth", hcm_a);
  g_autoptr(GPtrArray) one_office = page_through (reviewer->token, "/api/v1/records", office_filter);
  g_autoptr(GPtrArray) everything = page_through (admin->token, "/api/v1/records", NULL);

  ck_assert (same_set (all, hcm_ids));
  ck_assert_uint_eq (one_office->len, PER_OFFICE);
  ck_assert_uint_ge (everything->len, 2 * PER_OFFICE + PER_OFFICE + 3);

  {
    g_autoptr(GPtrArray) no_deaths = page_through (reviewer->token, "/api/v1/records", "&kind=death");
    g_autofree char *path = g_strdup_printf ("/api/v1/records?office=%s", hanoi);
    g_autoptr(HsResponse) outside = hs_http (url, reviewer->token, "GET", path, NULL, 0, HS_HTTP_NONE);
    g_autoptr(HsResponse) as_clerk = hs_http (url, clerk->token, "GET", "/api/v1/records", NULL, 0, HS_HTTP_NONE);
    g_autoptr(HsResponse) bad_kind = hs_http (url, reviewer->token, "GET", "/api/v1/records?kind=x", NULL, 0,
                                              HS_HTTP_NONE);
    ck_assert_uint_eq (no_deaths->len, 0);
    ck_assert_int_eq (outside->status, 403);
    ck_assert_int_eq (as_clerk->status, 403);
    ck_assert_int_eq (bad_kind->status, 400);
  }
}
END_TEST

static gint64
births (const cJSON *stats)
{
  return (gint64) cJSON_GetNumberValue (cJSON_GetObjectItem (cJSON_GetObjectItem (stats, "birth"), "total"));
}

START_TEST (test_stats_endpoint)
{
  g_autoptr(HsTestDevice) reviewer = hs_test_enroll (pg, url, "reviewer", "79");
  g_autoptr(HsTestDevice) clerk = hs_test_enroll (pg, url, "clerk", hcm_a);
  g_autoptr(HsResponse) province = hs_http (url, reviewer->token, "GET",
                                            "/api/v1/stats?scope=79&from=2026-01-01&to=2026-12-31", NULL, 0,
                                            HS_HTTP_NONE);
  g_autofree char *own_path = g_strdup_printf ("/api/v1/stats?scope=%s&from=2026-01-01&to=2026-12-31", hcm_a);
  g_autoptr(HsResponse) own = hs_http (url, clerk->token, "GET", own_path, NULL, 0, HS_HTTP_NONE);
  g_autoptr(HsResponse) default_scope = hs_http (url, clerk->token, "GET",
                                                 "/api/v1/stats?from=2026-01-01&to=2026-12-31", NULL, 0,
                                                 HS_HTTP_NONE);

  ck_assert_int_eq (province->status, 200);
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (province->json, "scope")), "79");
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (province->json, "from")), "2026-01-01");
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (province->json, "to")), "2026-12-31");
  ck_assert_int_eq (births (province->json), 2 * PER_OFFICE);
  ck_assert_ptr_nonnull (cJSON_GetObjectItem (province->json, "death"));
  ck_assert_ptr_nonnull (cJSON_GetObjectItem (province->json, "marriage"));

  ck_assert_int_eq (own->status, 200);
  ck_assert_int_eq (births (own->json), PER_OFFICE);
  ck_assert_int_eq (default_scope->status, 200);
  ck_assert_int_eq (births (default_scope->json), PER_OFFICE);

  /* Outside one's scope, or nonsense. */
  {
    g_autoptr(HsResponse) clerk_province = hs_http (url, clerk->token, "GET",
                                                    "/api/v1/stats?scope=79&from=2026-01-01&to=2026-12-31", NULL, 0,
                                                    HS_HTTP_NONE);
    g_autoptr(HsResponse) other_province = hs_http (url, reviewer->token, "GET",
                                                    "/api/v1/stats?scope=01&from=2026-01-01&to=2026-12-31", NULL, 0,
                                                    HS_HTTP_NONE);
    g_autoptr(HsResponse) bad_date = hs_http (url, reviewer->token, "GET", "/api/v1/stats?from=2026-13-01&to=2026-12-31",
                                              NULL, 0, HS_HTTP_NONE);
    g_autoptr(HsResponse) reversed = hs_http (url, reviewer->token, "GET", "/api/v1/stats?from=2026-12-01&to=2026-01-31",
                                              NULL, 0, HS_HTTP_NONE);
    ck_assert_int_eq (clerk_province->status, 403);
    ck_assert_int_eq (other_province->status, 403);
    ck_assert_int_eq (bad_date->status, 400);
    ck_assert_int_eq (reversed->status, 400);
  }
}
END_TEST

START_TEST (test_stats_cli)
{
  g_autoptr(GError) error = NULL;
  const char *const json_args[] = { "stats", "--scope", "79", "--from", "2026-01-01", "--to", "2026-12-31", NULL };
  const char *const csv_args[] = { "stats", "--scope", "001", "--from", "2024-01-01", "--to", "2026-12-31",
                                   "--format", "csv", NULL };
  g_autofree char *json_text = hs_test_run_cli (hs_pg_conninfo (pg), json_args, &error);
  g_autofree char *csv = NULL;
  g_autoptr(cJSON) json = NULL;

  ck_assert_msg (json_text != NULL, "%s", error != NULL ? error->message : "");
  json = cJSON_Parse (json_text);
  ck_assert_int_eq (births (json), 2 * PER_OFFICE);

  csv = hs_test_run_cli (hs_pg_conninfo (pg), csv_args, &error);
  ck_assert_msg (csv != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_ptr_nonnull (strstr (csv, "birth,total,2"));
}
END_TEST


static void
free_records (void)
{
  g_ptr_array_unref (hcm_ids);
  g_free (edited_id);
}

int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "reviewer-pull", test_reviewer_pull },
    { "commune-district-reviewers", test_commune_and_district_reviewers },
    { "records-endpoint", test_records_endpoint },
    { "stats-endpoint", test_stats_endpoint },
    { "stats-cli", test_stats_cli },
  };

  return hs_test_main ("server-scope", cases, G_N_ELEMENTS (cases), &pg, &server, &url, setup_records, free_records);
}
