/* test-sync-body.c — what a push request carries: the gzipped body, and the keys kept of the batches out.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The push body is gzipped with ISA-L's igzip (libdeflate should igzip
 * refuse it), by a compressor each HTTP client keeps from one request to
 * the next; the server decodes it with zlib.  So the body is decoded here with another implementation (GIO's
 * GZlibDecompressor, zlib) and must come back byte for byte, for empty,
 * small, large and incompressible bodies, and for the same client used
 * again.  The keys of the batches with the server are kept in flat sets of
 * hashes that grow as a batch fills; a set holding thousands of changes'
 * keys must answer exactly as the small sets it is the union of.
 */
#include <string.h>
#include <check.h>

#include "../ht-check-run.h"
#include "ht-sync-deps.h"
#include "ht-sync-http.h"
#include "ht-sync-wire.h"
#include "hs-test-records.h"

#define OFFICE "00004"

/* ---- gzip ---- */

static GBytes *
gunzip (GBytes *zipped)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (zipped);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
                          &error);
  ck_assert_msg (error == NULL, "gunzip: %s", error != NULL ? error->message : "");
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
check_round_trip (HtSyncHttp *http,
                  const char *data,
                  gsize       length)
{
  g_autoptr(GBytes) one_shot = ht_sync_gzip (data, length);
  g_autoptr(GBytes) kept = ht_sync_http_gzip (http, data, length);
  g_autoptr(GBytes) back_one_shot = gunzip (one_shot);
  g_autoptr(GBytes) back_kept = gunzip (kept);
  const guint8 *head = g_bytes_get_data (kept, NULL);
  gsize n = 0;
  const guint8 *bytes;

  ck_assert_uint_ge (g_bytes_get_size (kept), 18);
  /* A gzip member, with deflate as its method. */
  ck_assert_uint_eq (head[0], 0x1f);
  ck_assert_uint_eq (head[1], 0x8b);
  ck_assert_uint_eq (head[2], 8);
  bytes = g_bytes_get_data (back_kept, &n);
  ck_assert_uint_eq (n, length);
  ck_assert (length == 0 || memcmp (bytes, data, length) == 0);
  bytes = g_bytes_get_data (back_one_shot, &n);
  ck_assert_uint_eq (n, length);
  ck_assert (length == 0 || memcmp (bytes, data, length) == 0);
}

/* A push body as the engine sends it, of "n" births. */
static GString *
push_body (guint n)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_change_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(cJSON) record = hs_test_birth (OFFICE, i + 1, i + 1, NULL);
      g_autoptr(cJSON) change = hs_test_change (NULL, record, 0);
      HtSyncChange *c = g_new0 (HtSyncChange, 1);

      c->entry = g_new0 (HtOutboxEntry, 1);
      c->json = cJSON_PrintUnformatted (change);
      g_ptr_array_add (changes, c);
    }
  return ht_sync_wire_push_body (changes);
}

START_TEST (test_gzip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtSyncHttp) http = ht_sync_http_new ("http://127.0.0.1:9", NULL, &error);
  g_autoptr(GString) small = push_body (3);
  g_autoptr(GString) batch = push_body (1000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree guint32 *noise = g_new (guint32, 600000);

  ck_assert_msg (http != NULL, "%s", error != NULL ? error->message : "");
  for (gsize i = 0; i < 600000; i++)
    noise[i] = g_rand_int (rand);

  check_round_trip (http, "", 0);
  check_round_trip (http, "{", 1);
  check_round_trip (http, small->str, small->len);
  check_round_trip (http, batch->str, batch->len);
  /* Incompressible: the output is larger than the input, within the
   * bound the buffer was made for. */
  check_round_trip (http, (const char *) noise, 600000 * sizeof (guint32));
  /* The kept compressor starts afresh for every body. */
  check_round_trip (http, small->str, small->len);
  check_round_trip (http, batch->str, batch->len);

  /* JSON of records compresses: well under a fifth of its size. */
  {
    g_autoptr(GBytes) zipped = ht_sync_http_gzip (http, batch->str, batch->len);

    ck_assert_uint_lt (g_bytes_get_size (zipped) * 5, batch->len);
  }
}
END_TEST

/* The bodies are gzipped by igzip, and by libdeflate should igzip refuse
 * one: the fallback's bodies decode the same, and igzip's are not more
 * than a tenth larger than libdeflate's (4.7% measured on generated
 * batches: the bytes a commune's slow line carries). */
START_TEST (test_gzip_fallback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtSyncHttp) http = ht_sync_http_new ("http://127.0.0.1:9", NULL, &error);
  g_autoptr(HtSyncHttp) fallback = ht_sync_http_new ("http://127.0.0.1:9", NULL, &error);
  g_autoptr(GString) small = push_body (3);
  g_autoptr(GString) batch = push_body (1000);
  g_autoptr(GBytes) by_igzip = NULL;
  g_autoptr(GBytes) by_deflate = NULL;

  ck_assert_msg (http != NULL && fallback != NULL, "%s", error != NULL ? error->message : "");
  by_igzip = ht_sync_http_gzip (http, batch->str, batch->len);
  _ht_sync_http_force_deflate = TRUE;
  check_round_trip (fallback, "", 0);
  check_round_trip (fallback, small->str, small->len);
  check_round_trip (fallback, batch->str, batch->len);
  by_deflate = ht_sync_http_gzip (fallback, batch->str, batch->len);
  _ht_sync_http_force_deflate = FALSE;
  /* Two compressors, two different streams of the same text. */
  ck_assert (!g_bytes_equal (by_igzip, by_deflate));
  ck_assert_uint_lt (g_bytes_get_size (by_igzip) * 10, g_bytes_get_size (by_deflate) * 11);
  check_round_trip (http, batch->str, batch->len);
}
END_TEST

/* ---- Key sets ---- */

#define N_CHANGES 3000
#define SMALL 8

/* The body joins the changes' texts by the lengths the store gives with
 * them (HtSyncChange.json_len) and measures those without one: the same
 * bytes either way, after the batch's own random id. */
START_TEST (test_body_lengths)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_change_free);
  g_autoptr(GString) measured = NULL;
  g_autoptr(GString) given = NULL;
  const char *a, *b;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(cJSON) record = hs_test_birth (OFFICE, i + 1, i + 1, NULL);
      g_autoptr(cJSON) change = hs_test_change (NULL, record, 0);
      HtSyncChange *c = g_new0 (HtSyncChange, 1);

      c->entry = g_new0 (HtOutboxEntry, 1);
      c->json = cJSON_PrintUnformatted (change);
      g_ptr_array_add (changes, c);
    }
  measured = ht_sync_wire_push_body (changes);
  for (guint i = 0; i < changes->len; i++)
    {
      HtSyncChange *c = changes->pdata[i];

      c->json_len = strlen (c->json);
    }
  given = ht_sync_wire_push_body (changes);
  a = strchr (measured->str, '[');
  b = strchr (given->str, '[');
  ck_assert_ptr_nonnull (a);
  ck_assert_ptr_nonnull (b);
  ck_assert_str_eq (a, b);
  ck_assert_uint_eq (measured->len, given->len);
  /* Each change's text, whole, in order. */
  a++;
  for (guint i = 0; i < changes->len; i++)
    {
      const HtSyncChange *c = changes->pdata[i];

      ck_assert (strncmp (a, c->json, c->json_len) == 0);
      a += c->json_len;
      ck_assert_int_eq (*a, i + 1 < changes->len ? ',' : ']');
      a++;
    }
}
END_TEST

START_TEST (test_key_sets)
{
  HtSyncKeys *keys[N_CHANGES];
  g_autoptr(HtSyncKeySet) large = ht_sync_key_set_new ();
  g_autoptr(GPtrArray) small = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_key_set_free);
  guint met = 0, missed = 0;

  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_CHANGES; i++)
    {
      /* Every other change of the second half is a new version of a
       * record of the first: those meet it by the record's id. */
      const char *id = i >= N_CHANGES / 2 && i % 2 == 0 ? ids->pdata[i - N_CHANGES / 2] : NULL;
      g_autoptr(cJSON) record = hs_test_birth (OFFICE, i + 1, i + 1, id);
      g_autoptr(cJSON) change = hs_test_change (NULL, record, 0);
      g_autofree char *json = cJSON_PrintUnformatted (change);

      g_ptr_array_add (ids, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (record, "id"))));
      keys[i] = ht_sync_keys_of_change (json, NULL);
    }
  /* The first half in one set that grows many times, and in sets of a
   * few changes each that never grow. */
  for (guint i = 0; i < N_CHANGES / 2; i++)
    {
      if (i % SMALL == 0)
        g_ptr_array_add (small, ht_sync_key_set_new ());
      ht_sync_key_set_add (large, keys[i]);
      ht_sync_key_set_add (small->pdata[small->len - 1], keys[i]);
    }
  for (guint i = 0; i < N_CHANGES; i++)
    {
      gboolean any = FALSE;

      for (guint s = 0; s < small->len && !any; s++)
        any = ht_sync_key_set_meets (small->pdata[s], keys[i]);
      ck_assert_msg (ht_sync_key_set_meets (large, keys[i]) == any, "change %u", i);
      /* A change meets itself: its own id is a key of both kinds. */
      if (i < N_CHANGES / 2)
        ck_assert (any);
      else if (any)
        met++;
      else
        missed++;
    }
  /* Both answers occur. */
  ck_assert_uint_gt (met, 0);
  ck_assert_uint_gt (missed, 0);
  /* A set made with the room of the large one (as the engine makes the
   * next batch's), filled with the same keys, answers as it does; so does
   * one made with the room of a small one, which grows. */
  {
    g_autoptr(HtSyncKeySet) roomy = ht_sync_key_set_new_like (large);
    g_autoptr(HtSyncKeySet) growing = ht_sync_key_set_new_like (small->pdata[0]);

    for (guint i = 0; i < N_CHANGES / 2; i++)
      {
        ht_sync_key_set_add (roomy, keys[i]);
        ht_sync_key_set_add (growing, keys[i]);
      }
    for (guint i = 0; i < N_CHANGES; i++)
      {
        ck_assert_msg (ht_sync_key_set_meets (roomy, keys[i]) == ht_sync_key_set_meets (large, keys[i]), "change %u",
                       i);
        ck_assert_msg (ht_sync_key_set_meets (growing, keys[i]) == ht_sync_key_set_meets (large, keys[i]),
                       "change %u", i);
      }
  }
  for (guint i = 0; i < N_CHANGES; i++)
    ht_sync_keys_free (keys[i]);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sync-body");
  TCase *tc = tcase_create ("body");

  tcase_add_test (tc, test_gzip);
  tcase_add_test (tc, test_gzip_fallback);
  tcase_add_test (tc, test_body_lengths);
  tcase_add_test (tc, test_key_sets);
  suite_add_tcase (suite, tc);
  return ht_check_run (suite, CK_FORK);
}
