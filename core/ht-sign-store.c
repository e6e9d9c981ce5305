/* ht-sign-store.c — the register's device signing key and certificate.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-sign"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "ht-date.h"
#include "ht-sign-store.h"

/* Reads the stored key pair; FALSE (no error) when there is none. */
static gboolean
load_secret (HtStore  *store,
             guint8    secret_key[HT_SIGN_SECRET_KEY_BYTES],
             GError  **error)
{
  g_autofree char *seed64 = ht_store_get_key (store, HT_SIGN_KEY_SECRET);
  guint8 seed[crypto_sign_SEEDBYTES];
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES];
  gsize len = 0;
  guchar *raw;

  if (seed64 == NULL)
    return FALSE;
  raw = g_base64_decode (seed64, &len);
  sodium_memzero (seed64, strlen (seed64));
  if (raw == NULL || len != sizeof seed)
    {
      if (raw != NULL)
        sodium_memzero (raw, len);
      g_free (raw);
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED,
                   _("The register's signing key is damaged (setting %s)"), HT_SIGN_KEY_SECRET);
      return FALSE;
    }
  memcpy (seed, raw, sizeof seed);
  sodium_memzero (raw, len);
  g_free (raw);
  crypto_sign_seed_keypair (pk, secret_key, seed);
  sodium_memzero (seed, sizeof seed);
  return TRUE;
}

/* The key pair, made and stored first if the register has none. */
static gboolean
ensure_key (HtStore  *store,
            guint8    public_key[HT_SIGN_PUBLIC_KEY_BYTES],
            guint8    secret_key[HT_SIGN_SECRET_KEY_BYTES],
            GError  **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *seed64 = NULL;
  g_autofree char *pk64 = NULL;
  gboolean ok;

  if (load_secret (store, secret_key, &local))
    {
      crypto_sign_ed25519_sk_to_pk (public_key, secret_key);
      return TRUE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  ht_sign_keygen (public_key, secret_key);
  seed64 = g_base64_encode (secret_key, crypto_sign_SEEDBYTES);
  pk64 = g_base64_encode (public_key, HT_SIGN_PUBLIC_KEY_BYTES);
  /* The public key first: a secret without it is never left behind alone,
   * and load_secret() derives the public key from the seed anyway. */
  ok = ht_store_set_key (store, HT_SIGN_KEY_PUBLIC, pk64, error) &&
       ht_store_set_key (store, HT_SIGN_KEY_SECRET, seed64, error);
  sodium_memzero (seed64, strlen (seed64));
  return ok;
}

gboolean
ht_sign_prepare_enrolment (HtStore     *store,
                           char       **public_key_b64,
                           GError     **error)
{
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES];
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];
  gboolean ok;

  g_return_val_if_fail (HT_IS_STORE (store), FALSE);
  g_return_val_if_fail (public_key_b64 != NULL, FALSE);

  ok = ensure_key (store, pk, sk, error);
  sodium_memzero (sk, sizeof sk);
  if (ok)
    *public_key_b64 = g_base64_encode (pk, sizeof pk);
  return ok;
}

gboolean
ht_sign_store_certificate (HtStore     *store,
                           const char  *cert_b64,
                           GError     **error)
{
  guint8 ministry[HT_SIGN_PUBLIC_KEY_BYTES];
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES];
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];
  g_autoptr(GError) local = NULL;
  HtDeviceCert cert;
  GDate today;
  gboolean have;

  g_return_val_if_fail (HT_IS_STORE (store), FALSE);

  ht_date_today (&today);
  if (!ht_sign_ministry_key (NULL, ministry, NULL, error) ||
      !ht_sign_certificate_verify (cert_b64, ministry, &today, &cert, error))
    return FALSE;
  have = load_secret (store, sk, &local);
  if (!have)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_NO_KEY,
                     _("This register has no signing key: the certificate cannot be for it"));
      return FALSE;
    }
  crypto_sign_ed25519_sk_to_pk (pk, sk);
  sodium_memzero (sk, sizeof sk);
  if (sodium_memcmp (pk, cert.public_key, sizeof pk) != 0)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MISMATCH,
                   _("The device certificate is for another key than this register's"));
      return FALSE;
    }
  if (g_strcmp0 (cert.office, ht_store_get_office (store)) != 0)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MISMATCH,
                   _("The device certificate is for office %s, this register is office %s"),
                   cert.office, ht_store_get_office (store));
      return FALSE;
    }
  return ht_store_set_key (store, HT_SIGN_KEY_CERTIFICATE, cert_b64, error);
}

gboolean
ht_sign_certify_offline (HtStore      *store,
                         const guint8  ministry_secret_key[HT_SIGN_SECRET_KEY_BYTES],
                         guint         days,
                         GError      **error)
{
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES];
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];
  g_autofree char *device_id = g_uuid_string_random ();
  g_autofree char *cert = NULL;
  GDate from, until;
  gboolean ok;

  g_return_val_if_fail (HT_IS_STORE (store), FALSE);
  g_return_val_if_fail (days > 0, FALSE);

  ok = ensure_key (store, pk, sk, error);
  sodium_memzero (sk, sizeof sk);
  if (!ok)
    return FALSE;
  ht_date_today (&from);
  until = from;
  g_date_add_days (&until, days);
  cert = ht_sign_certificate_make (ministry_secret_key, pk, device_id, ht_store_get_office (store),
                                   &from, &until, error);
  /* The same checks as a certificate from the server: a secret key that
   * is not the trusted ministry key's gives a certificate nobody trusts. */
  return cert != NULL && ht_sign_store_certificate (store, cert, error);
}

HtSigner *
ht_sign_load_signer (HtStore  *store,
                     GError  **error)
{
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];
  g_autofree char *cert = NULL;
  g_autoptr(GError) local = NULL;
  HtSigner *signer;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);

  cert = ht_store_get_key (store, HT_SIGN_KEY_CERTIFICATE);
  if (!load_secret (store, sk, &local) || cert == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_NO_KEY,
                     _("This register has no certified signing key: enrol the PC with the server, or run "
                       "“hotich-admin certify --ministry-key FILE”"));
      sodium_memzero (sk, sizeof sk);
      return NULL;
    }
  signer = ht_signer_new (sk, cert, error);
  sodium_memzero (sk, sizeof sk);
  return signer;
}
