/* hs-auth.c — device tokens, enrolment codes and the per-device rate limit.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens are 256 random bits and only their SHA-256 is stored (DESIGN.md
 * "Security"): a stolen database does not let anyone sync.  A plain hash
 * suffices, unlike for passwords, because the secret has full entropy.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <math.h>
#include <string.h>
#include <nettle/sha2.h>
#include <sodium.h>

#include "hs-db.h"
#include "hs-server.h"

#define TOKEN_BYTES 32

/* No 0/O, 1/I/L: a code is read aloud over the phone and typed by hand. */
static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
#define CODE_GROUPS 4
#define CODE_GROUP_LEN 4

char *
hs_auth_new_token (void)
{
  guchar bytes[TOKEN_BYTES];
  char text[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (text);
}

/* Lower-case hex of a finished SHA-256. */
static char *
sha256_finish_hex (struct sha256_ctx *ctx)
{
  unsigned char digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * sizeof digest + 1);

  sha256_digest (ctx, sizeof digest, digest);
  return sodium_bin2hex (hex, 2 * sizeof digest + 1, digest, sizeof digest);
}

/* Nettle's SHA-256 rather than libsodium's or GChecksum's: a push hashes
 * every change it receives (about 2 kB of text each), and Nettle uses the
 * processor's SHA instructions where it has them, about four times faster
 * than libsodium's portable code on the development machine (1.4 against
 * 5.6 µs for 2 kB).  Core's audit chain uses it for the same reason. */
char *
hs_auth_sha256_hex (const char *text,
                    gssize      length)
{
  struct sha256_ctx ctx;

  sha256_init (&ctx);
  sha256_update (&ctx, length < 0 ? strlen (text) : (gsize) length, (const uint8_t *) text);
  return sha256_finish_hex (&ctx);
}

char *
hs_auth_change_hash (const char *record_id,
                     gint64      base_version,
                     const char *op,
                     const char *content)
{
  char version[G_ASCII_DTOSTR_BUF_SIZE];
  const char *parts[] = { record_id, "\n", version, "\n", op, "\n", content };
  struct sha256_ctx ctx;

  /* The parts are hashed one after another rather than printed into one
   * string first: the same bytes, without copying the record's text. */
  g_snprintf (version, sizeof version, "%" G_GINT64_FORMAT, base_version);
  sha256_init (&ctx);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    sha256_update (&ctx, strlen (parts[i]), (const uint8_t *) parts[i]);
  return sha256_finish_hex (&ctx);
}

char *
hs_auth_new_code (void)
{
  GString *code = g_string_new (NULL);

  for (guint g = 0; g < CODE_GROUPS; g++)
    {
      if (g > 0)
        g_string_append_c (code, '-');
      for (guint i = 0; i < CODE_GROUP_LEN; i++)
        g_string_append_c (code, code_alphabet[randombytes_uniform (sizeof code_alphabet - 1)]);
    }
  return g_string_free (code, FALSE);
}

char *
hs_auth_normalize_code (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ')
        continue;
      if (strchr (code_alphabet, c) == NULL || c == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, c);
    }
  if (out->len != CODE_GROUPS * CODE_GROUP_LEN)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

HsDevice *
hs_auth_device (PGconn      *db,
                const char  *authorization,
                GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *token;
  const char *params[1];
  HsDevice *device;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  token = authorization + 7;
  while (*token == ' ')
    token++;
  if (strlen (token) < 16 || strlen (token) > 256)
    return NULL;

  hash = hs_auth_sha256_hex (token, -1);
  params[0] = hash;
  result = hs_db_exec_named (db, "auth_device",
                       "SELECT id, name, role, office, scope FROM devices"
                       " WHERE token_hash = $1 AND revoked_at IS NULL",
                       1, params, error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;

  device = g_new0 (HsDevice, 1);
  device->id = g_strdup (hs_db_value (result, 0, 0));
  device->name = g_strdup (hs_db_value (result, 0, 1));
  if (!hs_role_parse (hs_db_value (result, 0, 2), &device->role))
    device->role = HS_ROLE_CLERK;
  device->office = g_strdup (hs_db_value (result, 0, 3));
  device->scope = g_strdup (hs_db_value (result, 0, 4));
  return device;
}

/* ---- Rate limit: one token bucket per device ---- */

typedef struct
{
  double tokens;
  gint64 last_us;
} Bucket;

struct _HsRateLimiter
{
  GMutex      lock;
  GHashTable *buckets; /* device id → Bucket */
  double      rate;
  double      burst;
};

HsRateLimiter *
hs_rate_limiter_new (double rate,
                     double burst)
{
  HsRateLimiter *self = g_new0 (HsRateLimiter, 1);

  g_mutex_init (&self->lock);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rate = rate;
  self->burst = MAX (burst, 1.0);
  return self;
}

void
hs_rate_limiter_free (HsRateLimiter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gboolean
hs_rate_limiter_take (HsRateLimiter *self,
                      const char    *device_id,
                      guint         *retry_after)
{
  gint64 now = g_get_monotonic_time ();
  gboolean allowed;
  Bucket *bucket;

  if (self == NULL || self->rate <= 0)
    return TRUE;

  g_mutex_lock (&self->lock);
  bucket = g_hash_table_lookup (self->buckets, device_id);
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->last_us = now;
      g_hash_table_insert (self->buckets, g_strdup (device_id), bucket);
    }
  bucket->tokens = MIN (self->burst, bucket->tokens + self->rate * (double) (now - bucket->last_us) / G_USEC_PER_SEC);
  bucket->last_us = now;
  allowed = bucket->tokens >= 1.0;
  if (allowed)
    bucket->tokens -= 1.0;
  else if (retry_after != NULL)
    *retry_after = (guint) MAX (1.0, ceil ((1.0 - bucket->tokens) / self->rate));
  g_mutex_unlock (&self->lock);
  return allowed;
}
