/* test-server-hash.c — the server's SHA-256: the same hashes as before, without PostgreSQL.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changes are hashed with Nettle (hs-auth.c), stored tokens and replays
 * were hashed with libsodium: a different digest would turn every replay
 * of an earlier push into "id_reused" and lock every device out.  The
 * change's hash is also taken part by part instead of from one printed
 * text, which must give the same bytes.
 */
#include <check.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../ht-check-run.h"
#include "hs-server.h"

/* What the server computed before: libsodium's SHA-256, in lower-case hex. */
static char *
sodium_hex (const char *text,
            gsize       length)
{
  unsigned char digest[crypto_hash_sha256_BYTES];
  char hex[2 * crypto_hash_sha256_BYTES + 1];

  crypto_hash_sha256 (digest, (const unsigned char *) text, length);
  return g_strdup (sodium_bin2hex (hex, sizeof hex, digest, sizeof digest));
}

START_TEST (test_vectors)
{
  g_autofree char *empty = hs_auth_sha256_hex ("", -1);
  g_autofree char *abc = hs_auth_sha256_hex ("abc", -1);
  g_autofree char *part = hs_auth_sha256_hex ("abcdef", 3);

  /* FIPS 180-2's examples. */
  ck_assert_str_eq (empty, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  ck_assert_str_eq (abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  ck_assert_str_eq (part, abc);
}
END_TEST

START_TEST (test_same_as_sodium)
{
  GRand *rand = g_rand_new_with_seed (20261123);

  ck_assert_int_ge (sodium_init (), 0);
  /* Every length up to a few blocks, then record-sized texts. */
  for (guint length = 0; length < 4200; length += length < 300 ? 1 : 97)
    {
      g_autofree char *text = g_malloc (length + 1);
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;

      for (guint i = 0; i < length; i++)
        text[i] = (char) g_rand_int_range (rand, 1, 256);
      text[length] = '\0';
      ours = hs_auth_sha256_hex (text, length);
      theirs = sodium_hex (text, length);
      ck_assert_msg (strcmp (ours, theirs) == 0, "length %u: %s, not %s", length, ours, theirs);
    }
  g_rand_free (rand);
}
END_TEST

START_TEST (test_change_hash)
{
  static const char *const texts[] = { "null", "invalid", "{}", "{\"state\":\"approved\",\"comment\":null}",
                                       "{\"id\":\"x\",\"ten\":\"Nguyễn Văn A\"}", "" };
  static const gint64 versions[] = { 0, 1, 9, 10, 123456789, G_GINT64_CONSTANT (9007199254740991) };
  GString *big = g_string_new ("{\"data\":\"");

  for (guint i = 0; i < 300; i++)
    g_string_append (big, "Lê Thị Hồng Nhung, ");
  g_string_append (big, "\"}");

  for (guint t = 0; t <= G_N_ELEMENTS (texts); t++)
    for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
      for (guint o = 0; o < 2; o++)
        {
          const char *text = t < G_N_ELEMENTS (texts) ? texts[t] : big->str;
          const char *op = o == 0 ? "record" : "review";
          const char *id = "0190a8c4-1111-7aaa-8bbb-0123456789ab";
          g_autofree char *content = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%s\n%s", id, versions[v], op, text);
          g_autofree char *printed = hs_auth_sha256_hex (content, -1);
          g_autofree char *parts = hs_auth_change_hash (id, versions[v], op, text);

          ck_assert_str_eq (parts, printed);
        }
  g_string_free (big, TRUE);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("server-hash");
  TCase *tc = tcase_create ("hash");

  tcase_add_test (tc, test_vectors);
  tcase_add_test (tc, test_same_as_sodium);
  tcase_add_test (tc, test_change_hash);
  suite_add_tcase (s, tc);
  return ht_check_run (s, CK_FORK);
}
