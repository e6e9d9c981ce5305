/* test-sign.c — Ed25519 key files, device certificates, signed payloads and
 * the register's signing key.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sign"

#include <string.h>
#include <check.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-error.h"
#include "ht-sign-store.h"
#include "ht-test-util.h"

static char *tmp;

static void
setup (void)
{
  tmp = ht_test_tmpdir ();
}

static void
teardown (void)
{
  ht_test_rmtree (tmp);
  g_clear_pointer (&tmp, g_free);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp, name, NULL);
}

static void
date (GDate      *d,
      const char *iso)
{
  ck_assert (ht_date_parse (iso, d));
}

/* A ministry key pair and a device certified by it. */
typedef struct
{
  guint8 ministry_pk[HT_SIGN_PUBLIC_KEY_BYTES];
  guint8 ministry_sk[HT_SIGN_SECRET_KEY_BYTES];
  guint8 device_pk[HT_SIGN_PUBLIC_KEY_BYTES];
  guint8 device_sk[HT_SIGN_SECRET_KEY_BYTES];
  char  *cert;
} World;

static void
world_init (World      *w,
            const char *office)
{
  GDate from, until;
  g_autoptr(GError) error = NULL;

  ht_sign_keygen (w->ministry_pk, w->ministry_sk);
  ht_sign_keygen (w->device_pk, w->device_sk);
  date (&from, "2026-01-01");
  date (&until, "2030-12-31");
  w->cert = ht_sign_certificate_make (w->ministry_sk, w->device_pk, "0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11", office,
                                      &from, &until, &error);
  ck_assert_msg (w->cert != NULL, "%s", error ? error->message : "");
}

static char *
signed_payload (World      *w,
                const char *name,
                const char *signed_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtSigner) signer = ht_signer_new (w->device_sk, w->cert, &error);
  g_autoptr(HtPayloadBuilder) b = ht_payload_builder_new ();

  ck_assert_msg (signer != NULL, "%s", error ? error->message : "");
  ht_payload_builder_add (b, "p", "GKS");
  ht_payload_builder_add (b, "so", "17");
  ht_payload_builder_add (b, "o", "00004");
  ht_payload_builder_add (b, "k", "birth/2026/17");
  ht_payload_builder_add (b, "r", "2026-03-02");
  ht_payload_builder_add (b, "i", "2026-03-02");
  ht_payload_builder_add (b, "t", signed_on);
  ht_payload_builder_add (b, "ten", name);
  return ht_payload_builder_sign (b, signer);
}

static int
verify_code (const char   *payload,
             const guint8  ministry[HT_SIGN_PUBLIC_KEY_BYTES])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtPayload) p = ht_payload_verify (payload, ministry, &error);

  if (p != NULL)
    return -1;
  ck_assert (error != NULL && error->domain == HT_SIGN_ERROR);
  return error->code;
}

/* ---- Key files ---- */

START_TEST (test_key_files)
{
  g_autofree char *sec = tmp_path ("m.secret");
  g_autofree char *pub = tmp_path ("m.pub");
  g_autofree char *junk = tmp_path ("junk");
  g_autoptr(GError) error = NULL;
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES], pk2[HT_SIGN_PUBLIC_KEY_BYTES], sk[HT_SIGN_SECRET_KEY_BYTES];
  GStatBuf st;

  ck_assert_msg (ht_sign_write_key_pair (sec, pub, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (g_stat (sec, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  ck_assert (ht_sign_read_secret_key (sec, sk, &error));
  ck_assert (ht_sign_read_public_key (pub, pk, &error));
  /* The public key is the one of the secret (libsodium keeps it in the
   * second half of its secret key). */
  ck_assert_int_eq (memcmp (sk + 32, pk, sizeof pk), 0);

  /* Never replaced. */
  ck_assert (!ht_sign_write_key_pair (sec, pub, &error));
  g_clear_error (&error);

  /* A secret others can read is refused, and says how to fix it. */
  ck_assert_int_eq (g_chmod (sec, 0640), 0);
  ck_assert (!ht_sign_read_secret_key (sec, sk, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_INSECURE);
  ck_assert (strstr (error->message, "chmod 600") != NULL);
  g_clear_error (&error);

  /* Wrong files: a public key where a secret is expected, garbage, none. */
  ck_assert_int_eq (g_chmod (pub, 0600), 0);
  ck_assert (!ht_sign_read_secret_key (pub, sk, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_MALFORMED);
  g_clear_error (&error);
  ck_assert (g_file_set_contents (junk, "hotich-ed25519-public AAAA\n", -1, NULL));
  ck_assert (!ht_sign_read_public_key (junk, pk2, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_MALFORMED);
  g_clear_error (&error);
  ck_assert (!ht_sign_read_public_key ("/nonexistent/key.pub", pk2, &error));
  g_clear_error (&error);

  /* Bare base64 and the file form say the same; stray characters do not pass. */
  {
    g_autofree char *line = ht_sign_format_public_key (pk);
    const char *bare = line + strlen ("hotich-ed25519-public ");
    g_autofree char *spoiled = g_strdup_printf ("%s!", bare);
    ck_assert (ht_sign_parse_public_key (bare, pk2, NULL));
    ck_assert_int_eq (memcmp (pk, pk2, sizeof pk), 0);
    ck_assert (!ht_sign_parse_public_key (spoiled, pk2, NULL));
    ck_assert (!ht_sign_parse_public_key (NULL, pk2, NULL));
  }
}
END_TEST

/* The trusted key: the option, the environment, the built-in key. */
START_TEST (test_ministry_key_resolution)
{
  g_autofree char *sec = tmp_path ("m.secret");
  g_autofree char *pub = tmp_path ("m.pub");
  g_autofree char *where = NULL;
  guint8 file_pk[HT_SIGN_PUBLIC_KEY_BYTES], pk[HT_SIGN_PUBLIC_KEY_BYTES], builtin[HT_SIGN_PUBLIC_KEY_BYTES];
  g_autoptr(GError) error = NULL;

  ck_assert (ht_sign_write_key_pair (sec, pub, NULL));
  ck_assert (ht_sign_read_public_key (pub, file_pk, NULL));
  g_unsetenv (HT_SIGN_MINISTRY_KEY_ENV);
  ck_assert_msg (ht_sign_ministry_key (NULL, builtin, &where, &error), "%s", error ? error->message : "");
  ck_assert (strstr (where, "built") != NULL || strstr (where, "sẵn") != NULL);
  g_setenv (HT_SIGN_MINISTRY_KEY_ENV, pub, TRUE);
  ck_assert (ht_sign_ministry_key (NULL, pk, NULL, NULL));
  ck_assert_int_eq (memcmp (pk, file_pk, sizeof pk), 0);
  g_setenv (HT_SIGN_MINISTRY_KEY_ENV, "/nonexistent.pub", TRUE);
  ck_assert (ht_sign_ministry_key (pub, pk, NULL, NULL));  /* an explicit file wins */
  ck_assert (!ht_sign_ministry_key (NULL, pk, NULL, NULL));
  g_unsetenv (HT_SIGN_MINISTRY_KEY_ENV);
}
END_TEST

/* ---- Certificates ---- */

START_TEST (test_certificates)
{
  World w, other;
  g_autoptr(GError) error = NULL;
  HtDeviceCert c;
  GDate on, from, until;

  world_init (&w, "00004");
  world_init (&other, "00004");
  date (&on, "2027-06-01");
  ck_assert_msg (ht_sign_certificate_verify (w.cert, w.ministry_pk, &on, &c, &error), "%s",
                 error ? error->message : "");
  ck_assert_str_eq (c.office, "00004");
  ck_assert_str_eq (c.device_id, "0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11");
  ck_assert_int_eq (memcmp (c.public_key, w.device_pk, sizeof c.public_key), 0);

  /* Another ministry's certificate is refused. */
  ck_assert (!ht_sign_certificate_verify (other.cert, w.ministry_pk, &on, NULL, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_UNTRUSTED);
  g_clear_error (&error);
  /* Outside its validity. */
  date (&on, "2031-01-01");
  ck_assert (!ht_sign_certificate_verify (w.cert, w.ministry_pk, &on, NULL, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_EXPIRED);
  g_clear_error (&error);
  /* Any character changed: never accepted. */
  for (gsize i = 0; w.cert[i] != '\0'; i++)
    {
      g_autofree char *bad = g_strdup (w.cert);
      bad[i] = bad[i] == 'A' ? 'B' : 'A';
      ck_assert (!ht_sign_certificate_verify (bad, w.ministry_pk, NULL, NULL, NULL));
    }
  ck_assert (!ht_sign_certificate_verify ("", w.ministry_pk, NULL, NULL, NULL));
  ck_assert (!ht_sign_certificate_verify (NULL, w.ministry_pk, NULL, NULL, NULL));

  /* Bad input when making one. */
  date (&from, "2026-01-01");
  date (&until, "2025-01-01");
  ck_assert_ptr_null (ht_sign_certificate_make (w.ministry_sk, w.device_pk, "0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11",
                                                "00004", &from, &until, &error));
  g_clear_error (&error);
  ck_assert_ptr_null (ht_sign_certificate_make (w.ministry_sk, w.device_pk, "not-a-uuid", "00004", &from, &from, &error));
  g_clear_error (&error);
  ck_assert_ptr_null (ht_sign_certificate_make (w.ministry_sk, w.device_pk, "0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11",
                                                "4", &from, &from, &error));
  g_clear_error (&error);

  /* A signer checks that the certificate is its key's. */
  ck_assert_ptr_null (ht_signer_new (w.device_sk, other.cert, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_MISMATCH);
  g_free (w.cert);
  g_free (other.cert);
}
END_TEST

/* ---- Payloads ---- */

START_TEST (test_payload_round_trip)
{
  World w;
  g_autofree char *payload = NULL;
  g_autoptr(HtPayload) p = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = "Nguyễn Văn An | 100% \"thật\"\nxuống dòng";

  world_init (&w, "00004");
  payload = signed_payload (&w, name, "2026-11-22");
  ck_assert (g_str_has_prefix (payload, "HT1|p=GKS|"));
  ck_assert (strchr (payload, '\n') == NULL);  /* one line, so it can be typed and passed as an argument */
  p = ht_payload_verify (payload, w.ministry_pk, &error);
  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (ht_payload_get (p, "ten"), name);
  ck_assert_str_eq (ht_payload_get (p, "k"), "birth/2026/17");
  ck_assert_ptr_null (ht_payload_get (p, "c"));
  ck_assert_str_eq (p->cert.office, "00004");
  {
    /* A final newline, as a scanner may add, is fine. */
    g_autofree char *nl = g_strconcat (payload, "\n", NULL);
    ck_assert_int_eq (verify_code (nl, w.ministry_pk), -1);
  }
  g_free (w.cert);
}
END_TEST

/* One changed character anywhere makes the payload invalid. */
START_TEST (test_payload_tampering)
{
  World w;
  g_autofree char *payload = NULL;
  gsize len;

  world_init (&w, "00004");
  payload = signed_payload (&w, "Nguyễn Văn An", "2026-11-22");
  len = strlen (payload);
  for (gsize i = 0; i < len; i++)
    {
      g_autofree char *bad = g_strdup (payload);
      bad[i] = bad[i] == 'x' ? 'y' : 'x';
      ck_assert_msg (verify_code (bad, w.ministry_pk) != -1, "changing byte %zu was not noticed", i);
    }
  {
    /* The name changed by one letter: the signature says so. */
    g_autofree char *bad = g_strdup (payload);
    char *at = strstr (bad, "Văn An");
    at[strlen ("Văn ")] = 'O';
    ck_assert_int_eq (verify_code (bad, w.ministry_pk), HT_SIGN_ERROR_BAD_SIGNATURE);
  }
  /* Cut short, empty, not ours. */
  ck_assert_int_eq (verify_code ("", w.ministry_pk), HT_SIGN_ERROR_MALFORMED);
  ck_assert_int_eq (verify_code ("HT1|p=GKS", w.ministry_pk), HT_SIGN_ERROR_MALFORMED);
  ck_assert_int_eq (verify_code ("https://example.org/", w.ministry_pk), HT_SIGN_ERROR_MALFORMED);
  ck_assert_int_eq (verify_code ("\xff\xfe", w.ministry_pk), HT_SIGN_ERROR_MALFORMED);
  g_free (w.cert);
}
END_TEST

START_TEST (test_payload_untrusted_and_expired)
{
  World w, rogue;
  g_autofree char *payload = NULL;
  g_autofree char *late = NULL;
  g_autofree char *forged = NULL;

  world_init (&w, "00004");
  /* A device certified by a key that is not the ministry's. */
  world_init (&rogue, "00004");
  forged = signed_payload (&rogue, "Nguyễn Văn An", "2026-11-22");
  ck_assert_int_eq (verify_code (forged, w.ministry_pk), HT_SIGN_ERROR_UNTRUSTED);
  ck_assert_int_eq (verify_code (forged, rogue.ministry_pk), -1);
  /* Signed after the certificate ended. */
  late = signed_payload (&w, "Nguyễn Văn An", "2031-01-02");
  ck_assert_int_eq (verify_code (late, w.ministry_pk), HT_SIGN_ERROR_EXPIRED);
  /* The paper's own date may be earlier than the signature (an original
   * printed after its registration). */
  payload = signed_payload (&w, "Nguyễn Văn An", "2026-11-22");
  ck_assert_int_eq (verify_code (payload, w.ministry_pk), -1);
  g_free (w.cert);
  g_free (rogue.cert);
}
END_TEST

START_TEST (test_payload_other_office)
{
  World w;
  g_autofree char *payload = NULL;

  /* The device belongs to office 00008, the paper says 00004. */
  world_init (&w, "00008");
  payload = signed_payload (&w, "Nguyễn Văn An", "2026-11-22");
  ck_assert_int_eq (verify_code (payload, w.ministry_pk), HT_SIGN_ERROR_MISMATCH);
  g_free (w.cert);
}
END_TEST

/* ---- The register's key ---- */

static gboolean
has_certificate (HtStore *store)
{
  g_autofree char *cert = ht_store_get_key (store, HT_SIGN_KEY_CERTIFICATE);
  return cert != NULL;
}

START_TEST (test_register_key)
{
  g_autofree char *db = tmp_path ("reg.db");
  g_autofree char *sec = tmp_path ("m.secret");
  g_autofree char *pub = tmp_path ("m.pub");
  g_autofree char *rogue_sec = tmp_path ("r.secret");
  g_autofree char *rogue_pub = tmp_path ("r.pub");
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtSigner) signer = NULL;
  g_autofree char *pk1 = NULL, *pk2 = NULL;
  guint8 msk[HT_SIGN_SECRET_KEY_BYTES], rsk[HT_SIGN_SECRET_KEY_BYTES];
  GStatBuf st;

  ck_assert (ht_sign_write_key_pair (sec, pub, NULL));
  ck_assert (ht_sign_write_key_pair (rogue_sec, rogue_pub, NULL));
  ck_assert (ht_sign_read_secret_key (sec, msk, NULL));
  ck_assert (ht_sign_read_secret_key (rogue_sec, rsk, NULL));
  g_setenv (HT_SIGN_MINISTRY_KEY_ENV, pub, TRUE);

  store = ht_store_create (db, "00004", &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  /* Nothing to sign with yet. */
  signer = ht_sign_load_signer (store, &error);
  ck_assert_ptr_null (signer);
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_NO_KEY);
  g_clear_error (&error);

  /* The enrolment key is made once and kept. */
  ck_assert (ht_sign_prepare_enrolment (store, &pk1, &error));
  ck_assert (ht_sign_prepare_enrolment (store, &pk2, &error));
  ck_assert_str_eq (pk1, pk2);
  /* Only the owner can read the register that holds the secret. */
  ck_assert_int_eq (g_stat (db, &st), 0);
  ck_assert_int_eq (st.st_mode & 077, 0);
  /* Still no certificate. */
  ck_assert_ptr_null (ht_sign_load_signer (store, &error));
  g_clear_error (&error);

  /* A key that is not the ministry's cannot certify the register. */
  ck_assert (!ht_sign_certify_offline (store, rsk, 30, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_UNTRUSTED);
  g_clear_error (&error);
  ck_assert (!has_certificate (store));

  /* Certificates for another office, another key, garbage: refused. */
  {
    guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES], sk[HT_SIGN_SECRET_KEY_BYTES], mine[HT_SIGN_PUBLIC_KEY_BYTES];
    gsize n = 0;
    g_autofree guchar *raw = g_base64_decode (pk1, &n);
    GDate from, until;
    g_autofree char *other_office = NULL, *other_key = NULL, *expired = NULL;

    memcpy (mine, raw, sizeof mine);
    ht_sign_keygen (pk, sk);
    ht_date_today (&from);
    until = from;
    g_date_add_days (&until, 10);
    other_office = ht_sign_certificate_make (msk, mine, "0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11", "00008", &from, &until, NULL);
    other_key = ht_sign_certificate_make (msk, pk, "0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11", "00004", &from, &until, NULL);
    date (&from, "2020-01-01");
    date (&until, "2020-12-31");
    expired = ht_sign_certificate_make (msk, mine, "0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11", "00004", &from, &until, NULL);
    ck_assert (!ht_sign_store_certificate (store, other_office, &error));
    ck_assert_int_eq (error->code, HT_SIGN_ERROR_MISMATCH);
    g_clear_error (&error);
    ck_assert (!ht_sign_store_certificate (store, other_key, &error));
    ck_assert_int_eq (error->code, HT_SIGN_ERROR_MISMATCH);
    g_clear_error (&error);
    ck_assert (!ht_sign_store_certificate (store, expired, &error));
    ck_assert_int_eq (error->code, HT_SIGN_ERROR_EXPIRED);
    g_clear_error (&error);
    ck_assert (!ht_sign_store_certificate (store, "garbage", &error));
    ck_assert_int_eq (error->code, HT_SIGN_ERROR_MALFORMED);
    g_clear_error (&error);
    ck_assert (!has_certificate (store));
  }

  /* The ministry's key certifies it; the register can sign. */
  ck_assert_msg (ht_sign_certify_offline (store, msk, 365, &error), "%s", error ? error->message : "");
  signer = ht_sign_load_signer (store, &error);
  ck_assert_msg (signer != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (ht_signer_get_certificate (signer)->office, "00004");
  {
    g_autofree char *pk3 = NULL;
    ck_assert (ht_sign_prepare_enrolment (store, &pk3, NULL));
    ck_assert_str_eq (pk1, pk3);  /* certifying kept the key */
  }

  /* A damaged key setting is reported, not used. */
  ck_assert (ht_store_set_key (store, HT_SIGN_KEY_SECRET, "!!!", NULL));
  ck_assert_ptr_null (ht_sign_load_signer (store, &error));
  ck_assert_int_eq (error->code, HT_SIGN_ERROR_MALFORMED);
  g_unsetenv (HT_SIGN_MINISTRY_KEY_ENV);
}
END_TEST

static Suite *
sign_suite (void)
{
  Suite *s = suite_create ("sign");
  const struct { const char *name; const TTest *test; } cases[] = {
    { "key files", test_key_files },
    { "ministry key resolution", test_ministry_key_resolution },
    { "certificates", test_certificates },
    { "payload round trip", test_payload_round_trip },
    { "payload tampering", test_payload_tampering },
    { "payload untrusted and expired", test_payload_untrusted_and_expired },
    { "payload other office", test_payload_other_office },
    { "register key", test_register_key },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_checked_fixture (tc, setup, teardown);
      tcase_add_test (tc, cases[i].test);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  return ht_check_run (sign_suite (), CK_FORK);
}
