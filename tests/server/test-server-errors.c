/* test-server-errors.c — every refusal: 400, 401, 404, 405, 413, 415, 429, and what a refusal leaves behind.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <check.h>
#include <zlib.h>

#include "hs-test-main.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

/* Rows a refused request must not have added to. */
static gint64
stored_rows (void)
{
  return hs_pg_query_int (pg,
                          "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM record_heads)"
                          " + (SELECT count(*) FROM audit_log WHERE action IN ('changes_applied', 'pins_issued'))"
                          " + (SELECT count(*) FROM change_log WHERE op <> 'number_block')"
                          " + (SELECT count(*) FROM record_keys) + (SELECT count(*) FROM pins)",
                          NULL);
}

static HsResponse *
post (const char *token,
      const char *path,
      const char *body)
{
  return hs_http (url, token, "POST", path, body, -1, HS_HTTP_NONE);
}

START_TEST (test_unauthorized)
{
  gint64 before = stored_rows ();
  g_autoptr(HsResponse) none = post (NULL, "/api/v1/push", "{\"changes\":[]}");
  g_autoptr(HsResponse) unknown = post ("bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtbm90LWF0LWFsbA", "/api/v1/push",
                                        "{\"changes\":[]}");
  g_autoptr(HsResponse) pull = hs_http (url, NULL, "GET", "/api/v1/pull", NULL, 0, HS_HTTP_NONE);

  ck_assert_int_eq (none->status, 401);
  ck_assert_str_eq (hs_test_error_code (none), "unauthorized");
  ck_assert_ptr_nonnull (cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (none->json, "error"),
                                                                   "message")));
  ck_assert_int_eq (unknown->status, 401);
  ck_assert_str_eq (hs_test_error_code (unknown), "unauthorized");
  ck_assert_int_eq (pull->status, 401);
  ck_assert_int_eq (stored_rows (), before);
}
END_TEST

START_TEST (test_bad_requests)
{
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", hs_test_office ("01", 20));
  g_autoptr(cJSON) birth = hs_test_birth (dev->office, 1, 1, NULL);
  g_autoptr(cJSON) good = hs_test_change (NULL, birth, 0);
  gint64 before = stored_rows ();
  static const char *const malformed[] = {
    "{\"changes\": [", "not json at all", "{\"changes\": []} trailing", "",
  };
  struct { const char *name; const char *key; cJSON *value; } shapes[] = {
    { "change_id not a uuid", "change_id", cJSON_CreateString ("42") },
    { "record_id missing", "record_id", NULL },
    { "base_version negative", "base_version", cJSON_CreateNumber (-1) },
    { "base_version fraction", "base_version", cJSON_CreateNumber (1.5) },
    { "op unknown", "op", cJSON_CreateString ("delete") },
    { "record not an object", "record", cJSON_CreateString ("{}") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(HsResponse) r = post (dev->token, "/api/v1/push", malformed[i]);
      ck_assert_int_eq (r->status, 400);
      ck_assert_str_eq (hs_test_error_code (r), "malformed_json");
    }
  {
    g_autoptr(HsResponse) r = post (dev->token, "/api/v1/push", "[1, 2]");
    ck_assert_int_eq (r->status, 400);
    ck_assert_str_eq (hs_test_error_code (r), "bad_request");
  }
  {
    g_autoptr(HsResponse) r = post (dev->token, "/api/v1/push", "{\"batch_id\": \"b\", \"changes\": {}}");
    ck_assert_int_eq (r->status, 400);
    ck_assert_str_eq (hs_test_error_code (r), "bad_request");
  }

  /* A good change next to a badly shaped one: the request is refused whole. */
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      cJSON *changes = cJSON_CreateArray ();
      cJSON *bad = cJSON_Duplicate (good, TRUE);
      g_autoptr(HsResponse) r = NULL;

      if (shapes[i].value != NULL)
        cJSON_ReplaceItemInObject (bad, shapes[i].key, shapes[i].value);
      else
        cJSON_DeleteItemFromObject (bad, shapes[i].key);
      cJSON_AddItemToArray (changes, cJSON_Duplicate (good, TRUE));
      cJSON_AddItemToArray (changes, bad);
      r = hs_test_push (url, dev->token, changes);
      ck_assert_msg (r->status == 400, "%s: %ld", shapes[i].name, r->status);
      ck_assert_str_eq (hs_test_error_code (r), "bad_request");
    }

  /* More than 1,000 changes. */
  {
    cJSON *changes = cJSON_CreateArray ();
    g_autoptr(HsResponse) r = NULL;
    for (guint i = 0; i < 1001; i++)
      cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    r = hs_test_push (url, dev->token, changes);
    ck_assert_int_eq (r->status, 400);
    ck_assert_str_eq (hs_test_error_code (r), "too_many_changes");
  }
  ck_assert_int_eq (stored_rows (), before);

  /* Paging arguments. */
  {
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "GET", "/api/v1/pull?cursor=-1", NULL, 0, HS_HTTP_NONE);
    g_autoptr(HsResponse) r2 = hs_http (url, dev->token, "GET", "/api/v1/pull?limit=0", NULL, 0, HS_HTTP_NONE);
    g_autoptr(HsResponse) r3 = hs_http (url, dev->token, "GET", "/api/v1/pull?limit=99999", NULL, 0, HS_HTTP_NONE);
    ck_assert_int_eq (r->status, 400);
    ck_assert_int_eq (r2->status, 400);
    ck_assert_int_eq (r3->status, 200);
  }
}
END_TEST

START_TEST (test_not_found_and_method)
{
  g_autoptr(HsResponse) missing = hs_http (url, NULL, "GET", "/api/v1/nothing", NULL, 0, HS_HTTP_NONE);
  g_autoptr(HsResponse) method = hs_http (url, NULL, "GET", "/api/v1/push", NULL, 0, HS_HTTP_NONE);
  g_autoptr(HsResponse) method2 = hs_http (url, NULL, "DELETE", "/api/v1/health", NULL, 0, HS_HTTP_NONE);

  ck_assert_int_eq (missing->status, 404);
  ck_assert_str_eq (hs_test_error_code (missing), "not_found");
  ck_assert_int_eq (method->status, 405);
  ck_assert_str_eq (hs_test_error_code (method), "method_not_allowed");
  ck_assert_int_eq (method2->status, 405);
}
END_TEST

START_TEST (test_too_large)
{
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", hs_test_office ("01", 21));
  gsize size = 9 * 1024 * 1024;
  g_autofree char *body = g_malloc (size);
  gint64 before = stored_rows ();

  /* A body over 8 MiB, valid JSON (a long string), sent whole. */
  memset (body, 'a', size);
  memcpy (body, "{\"x\":\"", 6);
  memcpy (body + size - 2, "\"}", 2);
  {
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "POST", "/api/v1/push", body, size, HS_HTTP_NONE);
    ck_assert_int_eq (r->status, 413);
    ck_assert_str_eq (hs_test_error_code (r), "too_large");
  }
  /* Small once gzipped, over 8 MiB once expanded. */
  {
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "POST", "/api/v1/push", body, size, HS_HTTP_GZIP_BODY);
    ck_assert_int_eq (r->status, 413);
    ck_assert_str_eq (hs_test_error_code (r), "too_large");
  }
  /* A damaged gzip body, and an encoding the server does not take. */
  {
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "POST", "/api/v1/push", "{}", 2, HS_HTTP_SAY_BROTLI);
    ck_assert_int_eq (r->status, 415);
  }
  {
    g_autoptr(HsResponse) r = hs_http (url, dev->token, "POST", "/api/v1/push", "\x1f\x8b\x08garbage", 10,
                                       HS_HTTP_SAY_GZIP);
    ck_assert_int_eq (r->status, 400);
    ck_assert_str_eq (hs_test_error_code (r), "bad_request");
  }
  ck_assert_int_eq (stored_rows (), before);

  /* The server is still well. */
  {
    g_autoptr(HsResponse) r = hs_http (url, NULL, "GET", "/api/v1/health", NULL, 0, HS_HTTP_NONE);
    ck_assert_int_eq (r->status, 200);
  }
}
END_TEST

START_TEST (test_rate_limit)
{
  const char *const args[] = { "--rate", "2", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestServer) slow = hs_test_server_start (pg, args, &error);
  g_autoptr(HsTestDevice) dev = NULL;
  guint ok = 0, limited = 0;

  ck_assert_msg (slow != NULL, "%s", error != NULL ? error->message : "");
  dev = hs_test_enroll (pg, hs_test_server_url (slow), "clerk", hs_test_office ("01", 22));

  /* A burst of 4 is allowed, then 2 a second. */
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(HsResponse) r = hs_http (hs_test_server_url (slow), dev->token, "GET", "/api/v1/pull", NULL, 0,
                                         HS_HTTP_NONE);
      if (r->status == 200)
        ok++;
      else
        {
          ck_assert_int_eq (r->status, 429);
          ck_assert_str_eq (hs_test_error_code (r), "too_many_requests");
          ck_assert_ptr_nonnull (r->retry_after);
          ck_assert_int_ge (atoi (r->retry_after), 1);
          limited++;
        }
    }
  ck_assert_uint_ge (ok, 4);
  ck_assert_uint_ge (limited, 1);

  /* Waiting as told lets the device in again. */
  g_usleep (1100 * 1000);
  {
    g_autoptr(HsResponse) r = hs_http (hs_test_server_url (slow), dev->token, "GET", "/api/v1/pull", NULL, 0,
                                       HS_HTTP_NONE);
    ck_assert_int_eq (r->status, 200);
  }
}
END_TEST

START_TEST (test_no_personal_data_in_log)
{
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", "00004");
  g_autoptr(cJSON) birth = hs_test_birth ("00004", 99, hs_test_block_first (dev, "birth"), NULL);
  g_autofree char *child = hs_test_child_name (99);
  const char *mother = cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"),
                                                                                       "mother"), "full_name"));
  const char *params[] = { cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id")), NULL };
  cJSON *changes = cJSON_CreateArray ();
  g_autoptr(HsResponse) r = NULL;
  g_autoptr(HsResponse) bad = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *log = NULL;

  cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
  r = hs_test_push (url, dev->token, changes);
  ck_assert_str_eq (hs_test_status (r, 0), "applied");
  /* Refusals are logged too; they must not quote what was sent. */
  bad = post (dev->token, "/api/v1/push", "{\"changes\": [{\"full_name\": \"Trần Thị Bích\"");
  ck_assert_int_eq (bad->status, 400);
  pin = hs_pg_query_value (pg, "SELECT pin FROM records WHERE id = $1::uuid", params);
  ck_assert_ptr_nonnull (pin);

  ck_assert (g_file_get_contents (hs_test_server_log (server), &log, NULL, NULL));
  ck_assert_ptr_nonnull (strstr (log, "POST /api/v1/push 200"));
  ck_assert_ptr_null (strstr (log, child));
  ck_assert_ptr_null (strstr (log, mother));
  ck_assert_ptr_null (strstr (log, "Trần Thị Bích"));
  ck_assert_ptr_null (strstr (log, pin));
  ck_assert_ptr_null (strstr (log, dev->token));
}
END_TEST

START_TEST (test_database_unavailable)
{
  const char *const args[] = { "--threads", "2", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestServer) own = hs_test_server_start (pg, args, &error);
  g_autoptr(HsTestDevice) dev = NULL;
  const char *own_url;
  long status = 0;

  ck_assert_msg (own != NULL, "%s", error != NULL ? error->message : "");
  own_url = hs_test_server_url (own);
  dev = hs_test_enroll (pg, own_url, "clerk", hs_test_office ("01", 23));

  ck_assert_msg (hs_pg_pause (pg, &error), "%s", error != NULL ? error->message : "");
  {
    g_autoptr(HsResponse) r = hs_http (own_url, dev->token, "GET", "/api/v1/pull", NULL, 0, HS_HTTP_NONE);
    g_autoptr(HsResponse) health = hs_http (own_url, NULL, "GET", "/api/v1/health", NULL, 0, HS_HTTP_NONE);

    ck_assert_int_eq (r->status, 503);
    ck_assert_str_eq (hs_test_error_code (r), "unavailable");
    ck_assert_ptr_nonnull (r->retry_after);
    ck_assert_int_eq (health->status, 503);
  }
  ck_assert_msg (hs_pg_resume (pg, &error), "%s", error != NULL ? error->message : "");

  /* Back without a restart of the server: it opens new connections. */
  for (guint attempt = 0; attempt < 20 && status != 200; attempt++)
    {
      g_autoptr(HsResponse) r = hs_http (own_url, dev->token, "GET", "/api/v1/pull", NULL, 0, HS_HTTP_NONE);
      status = r->status;
      if (status != 200)
        g_usleep (100 * 1000);
    }
  ck_assert_int_eq (status, 200);
}
END_TEST

START_TEST (test_tls)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (hs_pg_dir (pg), "tls", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(HsTestServer) tls = NULL;
  int status = 0;

  if (openssl == NULL)
    {
      g_printerr ("tls: no openssl to make a certificate with; not tested here\n");
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  {
    const char *const argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                 "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", NULL };
    ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                             NULL, NULL, NULL, NULL, &status, NULL));
    ck_assert (g_spawn_check_wait_status (status, NULL));
  }
  {
    const char *const args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
    tls = hs_test_server_start (pg, args, &error);
    ck_assert_msg (tls != NULL, "%s", error != NULL ? error->message : "");
  }
  ck_assert (g_str_has_prefix (hs_test_server_url (tls), "https://"));
  {
    g_autoptr(HsResponse) r = hs_http (hs_test_server_url (tls), NULL, "GET", "/api/v1/health", NULL, 0,
                                       HS_HTTP_INSECURE);
    g_autofree char *plain = g_strdup_printf ("http://127.0.0.1:%u", hs_test_server_port (tls));
    g_autoptr(HsResponse) clear = hs_http (plain, NULL, "GET", "/api/v1/health", NULL, 0, HS_HTTP_NONE);

    ck_assert_int_eq (r->status, 200);
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "status")), "ok");
    /* No clear-text answers on a TLS port. */
    ck_assert_int_ne (clear->status, 200);
  }
}
END_TEST


int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "unauthorized", test_unauthorized },
    { "bad-requests", test_bad_requests },
    { "not-found-method", test_not_found_and_method },
    { "too-large", test_too_large },
    { "rate-limit", test_rate_limit },
    { "no-personal-data-in-log", test_no_personal_data_in_log },
    { "database-unavailable", test_database_unavailable },
    { "tls", test_tls },
  };

  return hs_test_main ("server-errors", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
