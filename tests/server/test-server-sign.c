/* test-server-sign.c — device certificates at enrolment: a server started
 * with --ministry-key certifies the signing key a clerk's PC sends, and a
 * paper printed on that register verifies with the ministry public key.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <check.h>
#include <glib/gstdio.h>

#include "ht-date.h"
#include "ht-paper.h"
#include "ht-sign-store.h"
#include "hs-test-util.h"

static HsPg *pg;
static HsTestServer *server;   /* with --ministry-key */
static HsTestServer *plain;    /* without */
static char *dir;
static char *secret_path;
static char *public_path;

static guint8 ministry_pk[HT_SIGN_PUBLIC_KEY_BYTES];

/* POST /api/v1/enroll with a fresh code; "key" is the sign_public_key
 * member as JSON text, or NULL for none. */
static HsResponse *
enroll (const char *url,
        const char *role,
        const char *office_or_scope,
        const char *key)
{
  g_autofree char *code = hs_test_enroll_code (hs_pg_conninfo (pg), role, office_or_scope);
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"device_name\":\"Máy một cửa\"%s%s}", code,
                                           key ? ",\"sign_public_key\":" : "", key ? key : "");

  return hs_http (url, NULL, "POST", "/api/v1/enroll", body, -1, HS_HTTP_NONE);
}

static char *
quoted_key (const guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES])
{
  g_autofree char *b64 = g_base64_encode (pk, HT_SIGN_PUBLIC_KEY_BYTES);
  return g_strdup_printf ("\"%s\"", b64);
}

START_TEST (test_certificate_issued)
{
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES], sk[HT_SIGN_SECRET_KEY_BYTES];
  g_autofree char *key = NULL;
  g_autoptr(HsResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *cert;
  HtDeviceCert c;
  GDate today;

  ht_sign_keygen (pk, sk);
  key = quoted_key (pk);
  r = enroll (hs_test_server_url (server), "clerk", "00004", key);
  ck_assert_int_eq (r->status, 200);
  cert = cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "device_certificate"));
  ck_assert_ptr_nonnull (cert);
  ht_date_today (&today);
  ck_assert_msg (ht_sign_certificate_verify (cert, ministry_pk, &today, &c, &error), "%s",
                 error ? error->message : "");
  ck_assert_int_eq (memcmp (c.public_key, pk, sizeof pk), 0);
  ck_assert_str_eq (c.office, "00004");
  ck_assert_str_eq (c.device_id, cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "device_id")));
  ck_assert_int_gt (g_date_days_between (&c.valid_from, &c.valid_until), 365);
}
END_TEST

START_TEST (test_no_certificate_without_key)
{
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES], sk[HT_SIGN_SECRET_KEY_BYTES];
  g_autofree char *key = NULL;
  g_autoptr(HsResponse) none = enroll (hs_test_server_url (server), "clerk", "00004", NULL);
  g_autoptr(HsResponse) reviewer = NULL;
  g_autoptr(HsResponse) unconfigured = NULL;

  ht_sign_keygen (pk, sk);
  key = quoted_key (pk);
  /* No key sent: the answer is as before. */
  ck_assert_int_eq (none->status, 200);
  ck_assert_ptr_null (cJSON_GetObjectItem (none->json, "device_certificate"));
  /* A reviewer prints no papers. */
  reviewer = enroll (hs_test_server_url (server), "reviewer", "01", key);
  ck_assert_int_eq (reviewer->status, 200);
  ck_assert_ptr_null (cJSON_GetObjectItem (reviewer->json, "device_certificate"));
  /* A server without the ministry key enrols, but certifies nothing. */
  unconfigured = enroll (hs_test_server_url (plain), "clerk", "00004", key);
  ck_assert_int_eq (unconfigured->status, 200);
  ck_assert_ptr_nonnull (cJSON_GetObjectItem (unconfigured->json, "token"));
  ck_assert_ptr_null (cJSON_GetObjectItem (unconfigured->json, "device_certificate"));
}
END_TEST

START_TEST (test_bad_key_refused)
{
  static const char *const bad[] = {
    "\"\"", "\"not base64!\"", "\"AAAA\"", "12", "null", "{}",
    "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"", /* 36 bytes */
  };
  gint64 devices = hs_pg_query_int (pg, "SELECT count(*) FROM devices", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HsResponse) r = enroll (hs_test_server_url (server), "clerk", "00004", bad[i]);
      ck_assert_msg (r->status == 400, "%s: status %ld", bad[i], r->status);
      ck_assert_str_eq (hs_test_error_code (r), "bad_request");
    }
  /* Nothing was enrolled by a refused request. */
  ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM devices", NULL), devices);
}
END_TEST

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* The whole path of a commune PC: key made in the register, enrolment,
 * certificate stored, a birth registered and its certificate printed, the
 * QR payload verified offline; and a certificate of another key refused. */
START_TEST (test_register_enrols_and_signs)
{
  g_autofree char *regdir = g_dir_make_tmp ("test-sign-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (regdir, "reg.db", NULL);
  g_autofree char *pdf = g_build_filename (regdir, "gks.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = ht_store_create (db, "00004", &error);
  g_autofree char *pk64 = NULL, *again = NULL, *key = NULL;
  g_autoptr(HsResponse) r = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(HtPaperDoc) doc = NULL;
  g_autoptr(HtPayload) payload = NULL;
  g_autoptr(cJSON) birth = NULL;
  const char *cert;

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert (ht_sign_prepare_enrolment (store, &pk64, &error));
  /* A retried enrolment sends the same key. */
  ck_assert (ht_sign_prepare_enrolment (store, &again, &error));
  ck_assert_str_eq (pk64, again);

  key = g_strdup_printf ("\"%s\"", pk64);
  r = enroll (hs_test_server_url (server), "clerk", "00004", key);
  ck_assert_int_eq (r->status, 200);
  cert = cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "device_certificate"));
  ck_assert_ptr_nonnull (cert);
  ck_assert_msg (ht_sign_store_certificate (store, cert, &error), "%s", error ? error->message : "");

  birth = cJSON_Parse ("{\"kind\":\"birth\",\"office\":\"00004\",\"registered_on\":\"2026-03-02\","
                       "\"signer\":{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND phường\"},"
                       "\"data\":{\"child\":{\"full_name\":\"Nguyễn Văn An\",\"sex\":\"male\",\"date_of_birth\":\"2026-02-20\","
                       "\"place_of_birth\":\"Trạm y tế phường Ba Đình\",\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\","
                       "\"hometown\":\"Hà Nội\"},\"parent_unknown\":\"father\","
                       "\"mother\":{\"full_name\":\"Nguyễn Thị Bích\",\"birth_year\":1995,\"ethnicity\":\"Kinh\","
                       "\"nationality\":\"Việt Nam\",\"residence\":\"Phường Ba Đình, Hà Nội\"},"
                       "\"declarant\":{\"full_name\":\"Nguyễn Thị Bích\",\"id_document\":{\"type\":\"cccd\",\"number\":\"001195012345\"}},"
                       "\"birth_notice\":{\"type\":\"medical\",\"number\":\"1/GCS\",\"issuer\":\"Trạm y tế\",\"issued_on\":\"2026-02-21\"}}}");
  ck_assert_msg (ht_store_save (store, birth, "lan.nt", NULL, HT_SAVE_DEFAULT, issues, &error), "%s",
                 error ? error->message : "");
  doc = ht_paper_doc_new_from_store (store, birth, NULL, TRUE, &error);
  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  ck_assert (ht_paper_doc_write_pdf (doc, pdf, &error));
  payload = ht_payload_verify (ht_paper_doc_get_payload (doc), ministry_pk, &error);
  ck_assert_msg (payload != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (ht_payload_get (payload, "ten"), "NGUYỄN VĂN AN");
  ck_assert_str_eq (payload->cert.device_id, cJSON_GetStringValue (cJSON_GetObjectItem (r->json, "device_id")));

  /* A certificate issued for another PC's key is not this register's. */
  {
    guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES], sk[HT_SIGN_SECRET_KEY_BYTES];
    g_autofree char *other = NULL;
    g_autoptr(HsResponse) r2 = NULL;
    g_autoptr(GError) refused = NULL;

    ht_sign_keygen (pk, sk);
    other = quoted_key (pk);
    r2 = enroll (hs_test_server_url (server), "clerk", "00004", other);
    ck_assert (!ht_sign_store_certificate (store, cJSON_GetStringValue (cJSON_GetObjectItem (r2->json,
                                                                                             "device_certificate")),
                                           &refused));
    ck_assert_int_eq (refused->code, HT_SIGN_ERROR_MISMATCH);
  }
  g_clear_object (&store);
  remove_dir (regdir);
}
END_TEST

int
main (void)
{
  g_autoptr(GError) error = NULL;
  Suite *suite = suite_create ("server-sign");
  const struct { const char *name; const TTest *test; } cases[] = {
    { "certificate issued", test_certificate_issued },
    { "no certificate without a key", test_no_certificate_without_key },
    { "bad key refused", test_bad_key_refused },
    { "register enrols and signs", test_register_enrols_and_signs },
  };
  SRunner *runner;
  int failed;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_test (tc, cases[i].test);
      suite_add_tcase (suite, tc);
    }

  hs_client_global_init ();
  dir = g_dir_make_tmp ("test-server-sign-XXXXXX", &error);
  g_assert_no_error (error);
  secret_path = g_build_filename (dir, "ministry.secret", NULL);
  public_path = g_build_filename (dir, "ministry.pub", NULL);
  if (!ht_sign_write_key_pair (secret_path, public_path, &error) ||
      !ht_sign_read_public_key (public_path, ministry_pk, &error))
    g_error ("%s", error->message);
  /* The register trusts this test's ministry, not the one built in. */
  g_setenv (HT_SIGN_MINISTRY_KEY_ENV, public_path, TRUE);

  pg = hs_pg_start_or_skip ();
  {
    const char *const args[] = { "--ministry-key", secret_path, NULL };
    server = hs_test_server_start (pg, args, &error);
    if (server == NULL)
      g_error ("%s", error->message);
    plain = hs_test_server_start (pg, NULL, &error);
    if (plain == NULL)
      g_error ("%s", error->message);
  }

  runner = srunner_create (suite);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  hs_test_server_free (server);
  hs_test_server_free (plain);
  hs_pg_stop (pg);
  g_unlink (secret_path);
  g_unlink (public_path);
  g_rmdir (dir);
  g_free (secret_path);
  g_free (public_path);
  g_free (dir);
  return failed == 0 ? 0 : 1;
}
