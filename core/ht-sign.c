/* ht-sign.c — device certificates and signed payloads (Ed25519, libsodium).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-sign"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sodium.h>

#include "ht-date.h"
#include "ht-sign.h"
#include "ht-sign-resources.h"

G_DEFINE_QUARK (ht-sign-error-quark, ht_sign_error)

#define PUBLIC_PREFIX "hotich-ed25519-public "
#define SECRET_PREFIX "hotich-ed25519-secret "
#define BUILTIN_KEY   "/vn/gov/hotich/sign/ministry-key.pub"

#define CERT_MAGIC    "HTDC"
#define CERT_VERSION  1
#define CERT_SIGNED   66  /* bytes covered by the ministry's signature */
#define CERT_BYTES    (CERT_SIGNED + HT_SIGN_SIGNATURE_BYTES)

#define PAYLOAD_MAGIC "HT1"

/* ---- Base64, strictly ---- */

static char *
b64_encode (const guint8 *data,
            gsize         len)
{
  gsize size = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *out = g_malloc (size);

  sodium_bin2base64 (out, size, data, len, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

/* Decodes exactly "len" bytes of standard base64 (padded); anything else,
 * stray characters included, is refused, unlike g_base64_decode(). */
static gboolean
b64_decode_exact (const char *text,
                  gsize       text_len,
                  guint8     *out,
                  gsize       len)
{
  g_autofree guint8 *buf = g_malloc (text_len + 1);
  size_t got = 0;
  const char *end = NULL;

  if (sodium_base642bin (buf, text_len + 1, text, text_len, NULL, &got, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text + text_len || got != len)
    return FALSE;
  memcpy (out, buf, len);
  sodium_memzero (buf, text_len + 1);
  return TRUE;
}

static void
sign_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&done, 1);
    }
}

/* ---- Keys ---- */

void
ht_sign_keygen (guint8 public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                guint8 secret_key[HT_SIGN_SECRET_KEY_BYTES])
{
  sign_init ();
  crypto_sign_keypair (public_key, secret_key);
}

static gboolean
write_new_file (const char  *path,
                const char  *text,
                int          mode,
                GError     **error)
{
  gsize len = strlen (text);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  gssize n;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = write (fd, text, len);
  if (n != (gssize) len || fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
ht_sign_write_key_pair (const char  *secret_path,
                        const char  *public_path,
                        GError     **error)
{
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES];
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];
  g_autofree char *seed = NULL;
  g_autofree char *secret_text = NULL;
  g_autofree char *public_text = NULL;
  gboolean ok;

  ht_sign_keygen (pk, sk);
  /* The first 32 bytes of libsodium's secret key are the seed. */
  seed = b64_encode (sk, crypto_sign_SEEDBYTES);
  secret_text = g_strconcat (SECRET_PREFIX, seed, "\n", NULL);
  public_text = ht_sign_format_public_key (pk);
  sodium_memzero (sk, sizeof sk);

  ok = write_new_file (secret_path, secret_text, 0600, error);
  sodium_memzero (secret_text, strlen (secret_text));
  sodium_memzero (seed, strlen (seed));
  if (!ok)
    return FALSE;
  {
    g_autofree char *line = g_strconcat (public_text, "\n", NULL);
    if (!write_new_file (public_path, line, 0644, error))
      {
        g_unlink (secret_path);
        return FALSE;
      }
  }
  return TRUE;
}

char *
ht_sign_format_public_key (const guint8 public_key[HT_SIGN_PUBLIC_KEY_BYTES])
{
  g_autofree char *b64 = b64_encode (public_key, HT_SIGN_PUBLIC_KEY_BYTES);

  return g_strconcat (PUBLIC_PREFIX, b64, NULL);
}

/* The base64 after "prefix" on the one line of "text", blanks trimmed. */
static char *
key_body (const char *text,
          const char *prefix)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (prefix != NULL)
    {
      if (!g_str_has_prefix (copy, prefix))
        return NULL;
      return g_strstrip (g_strdup (copy + strlen (prefix)));
    }
  return g_steal_pointer (&copy);
}

gboolean
ht_sign_parse_public_key (const char  *text,
                          guint8       public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                          GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  /* A key file names what it holds; bare base64 is accepted too. */
  g_autofree char *body = key_body (trimmed, g_str_has_prefix (trimmed, "hotich-") ? PUBLIC_PREFIX : NULL);

  if (body == NULL || !b64_decode_exact (body, strlen (body), public_key, HT_SIGN_PUBLIC_KEY_BYTES))
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED,
                   _("Not a public key: expected “%sBASE64” with 32 bytes of key"), PUBLIC_PREFIX);
      return FALSE;
    }
  return TRUE;
}

gboolean
ht_sign_read_public_key (const char  *path,
                         guint8       public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  if (!ht_sign_parse_public_key (text, public_key, &local))
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED, "%s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
ht_sign_read_secret_key (const char  *path,
                         guint8       secret_key[HT_SIGN_SECRET_KEY_BYTES],
                         GError     **error)
{
  GStatBuf st;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  guint8 seed[crypto_sign_SEEDBYTES];
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES];
  gsize len = 0;
  gboolean ok;

  sign_init ();
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  /* Like ssh, refuse a secret that others could have copied. */
  if ((st.st_mode & 077) != 0)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_INSECURE,
                   _("The secret key file “%s” can be read by others; make it readable by its owner only (chmod 600)"),
                   path);
      return FALSE;
    }
  if (!g_file_get_contents (path, &text, &len, error))
    return FALSE;
  body = key_body (text, SECRET_PREFIX);
  sodium_memzero (text, len);
  ok = body != NULL && b64_decode_exact (body, strlen (body), seed, sizeof seed);
  if (body != NULL)
    sodium_memzero (body, strlen (body));
  if (!ok)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED,
                   _("“%s” is not a secret key file: expected “%sBASE64” with a 32-byte seed"), path, SECRET_PREFIX);
      return FALSE;
    }
  crypto_sign_seed_keypair (pk, secret_key, seed);
  sodium_memzero (seed, sizeof seed);
  return TRUE;
}

gboolean
ht_sign_ministry_key (const char  *path,
                      guint8       public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                      char       **where,
                      GError     **error)
{
  const char *env = g_getenv (HT_SIGN_MINISTRY_KEY_ENV);
  g_autoptr(GBytes) builtin = NULL;
  g_autofree char *text = NULL;

  if (path == NULL && env != NULL && *env != '\0')
    path = env;
  if (path != NULL)
    {
      if (where != NULL)
        *where = g_strdup (path);
      return ht_sign_read_public_key (path, public_key, error);
    }
  builtin = g_resource_lookup_data (ht_sign_get_resource (), BUILTIN_KEY, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (builtin == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin));
  if (where != NULL)
    *where = g_strdup (_("the ministry key built into the program"));
  return ht_sign_parse_public_key (text, public_key, error);
}

/* ---- Device certificates ---- */

static gboolean
uuid_to_bytes (const char *uuid,
               guint8      out[16])
{
  guint n = 0;

  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    return FALSE;
  for (const char *p = uuid; *p != '\0' && n < 32; p++)
    {
      int v = g_ascii_xdigit_value (*p);
      if (v < 0)
        continue;
      if (n % 2 == 0)
        out[n / 2] = (guint8) (v << 4);
      else
        out[n / 2] |= (guint8) v;
      n++;
    }
  return n == 32;
}

static void
uuid_from_bytes (const guint8 in[16],
                 char         out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint o = 0;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[o++] = '-';
      out[o++] = hex[in[i] >> 4];
      out[o++] = hex[in[i] & 0xf];
    }
  out[o] = '\0';
}

static void
put_date (guint8      *p,
          const GDate *d)
{
  guint32 v = (guint32) g_date_get_year (d) * 10000 + g_date_get_month (d) * 100 + g_date_get_day (d);

  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

static gboolean
get_date (const guint8 *p,
          GDate        *d)
{
  guint32 v = ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
  guint y = v / 10000, m = (v / 100) % 100, day = v % 100;

  g_date_clear (d, 1);
  if (y < 1800 || y > 9999 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (d, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
office_valid (const char *office)
{
  if (office == NULL || strlen (office) != 5)
    return FALSE;
  for (const char *p = office; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

char *
ht_sign_certificate_make (const guint8  ministry_secret_key[HT_SIGN_SECRET_KEY_BYTES],
                          const guint8  device_public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                          const char   *device_id,
                          const char   *office,
                          const GDate  *valid_from,
                          const GDate  *valid_until,
                          GError      **error)
{
  guint8 cert[CERT_BYTES];

  sign_init ();
  if (!office_valid (office))
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED,
                   _("A certificate needs an office code of five digits, not “%s”"), office ? office : "");
      return NULL;
    }
  if (!g_date_valid (valid_from) || !g_date_valid (valid_until) || g_date_compare (valid_from, valid_until) > 0)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED,
                   _("A certificate needs a validity that ends on or after the day it begins"));
      return NULL;
    }
  memcpy (cert, CERT_MAGIC, 4);
  cert[4] = CERT_VERSION;
  memcpy (cert + 5, device_public_key, HT_SIGN_PUBLIC_KEY_BYTES);
  if (!uuid_to_bytes (device_id, cert + 37))
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED,
                   _("A certificate needs a device id that is a UUID, not “%s”"), device_id ? device_id : "");
      return NULL;
    }
  memcpy (cert + 53, office, 5);
  put_date (cert + 58, valid_from);
  put_date (cert + 62, valid_until);
  crypto_sign_detached (cert + CERT_SIGNED, NULL, cert, CERT_SIGNED, ministry_secret_key);
  return b64_encode (cert, sizeof cert);
}

/* Decodes and checks the shape; "raw" receives the bytes. */
static gboolean
cert_decode (const char    *certificate,
             guint8         raw[CERT_BYTES],
             HtDeviceCert  *out,
             GError       **error)
{
  HtDeviceCert cert;

  if (certificate == NULL || !b64_decode_exact (certificate, strlen (certificate), raw, CERT_BYTES) ||
      memcmp (raw, CERT_MAGIC, 4) != 0 || raw[4] != CERT_VERSION)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED, _("The device certificate is not well formed"));
      return FALSE;
    }
  memcpy (cert.public_key, raw + 5, HT_SIGN_PUBLIC_KEY_BYTES);
  uuid_from_bytes (raw + 37, cert.device_id);
  memcpy (cert.office, raw + 53, 5);
  cert.office[5] = '\0';
  if (!office_valid (cert.office) || !get_date (raw + 58, &cert.valid_from) || !get_date (raw + 62, &cert.valid_until))
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED, _("The device certificate is not well formed"));
      return FALSE;
    }
  if (out != NULL)
    *out = cert;
  return TRUE;
}

gboolean
ht_sign_certificate_parse (const char    *certificate,
                           HtDeviceCert  *out,
                           GError       **error)
{
  guint8 raw[CERT_BYTES];

  return cert_decode (certificate, raw, out, error);
}

gboolean
ht_sign_certificate_verify (const char    *certificate,
                            const guint8   ministry_public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                            const GDate   *on,
                            HtDeviceCert  *out,
                            GError       **error)
{
  guint8 raw[CERT_BYTES];
  HtDeviceCert cert;

  sign_init ();
  if (!cert_decode (certificate, raw, &cert, error))
    return FALSE;
  if (crypto_sign_verify_detached (raw + CERT_SIGNED, raw, CERT_SIGNED, ministry_public_key) != 0)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_UNTRUSTED,
                   _("The device certificate is not signed by the trusted ministry key"));
      return FALSE;
    }
  if (on != NULL && g_date_valid (on) &&
      (g_date_compare (on, &cert.valid_from) < 0 || g_date_compare (on, &cert.valid_until) > 0))
    {
      g_autofree char *day = ht_date_format (on);
      g_autofree char *from = ht_date_format (&cert.valid_from);
      g_autofree char *until = ht_date_format (&cert.valid_until);
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_EXPIRED,
                   _("The device certificate was not valid on %s (valid from %s to %s)"), day, from, until);
      return FALSE;
    }
  if (out != NULL)
    *out = cert;
  return TRUE;
}

/* ---- Signers ---- */

struct _HtSigner
{
  guint8       *secret_key;  /* sodium_malloc'd: guarded, never swapped out */
  char         *certificate;
  HtDeviceCert  cert;
};

HtSigner *
ht_signer_new (const guint8  secret_key[HT_SIGN_SECRET_KEY_BYTES],
               const char   *certificate,
               GError      **error)
{
  HtSigner *self;
  HtDeviceCert cert;
  guint8 pk[HT_SIGN_PUBLIC_KEY_BYTES];

  sign_init ();
  if (!ht_sign_certificate_parse (certificate, &cert, error))
    return NULL;
  crypto_sign_ed25519_sk_to_pk (pk, secret_key);
  if (sodium_memcmp (pk, cert.public_key, sizeof pk) != 0)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MISMATCH,
                   _("The device certificate is for another key than this register's"));
      return NULL;
    }
  self = g_new0 (HtSigner, 1);
  self->secret_key = sodium_malloc (HT_SIGN_SECRET_KEY_BYTES);
  if (self->secret_key == NULL)
    g_error ("out of memory for a key");
  memcpy (self->secret_key, secret_key, HT_SIGN_SECRET_KEY_BYTES);
  self->certificate = g_strdup (certificate);
  self->cert = cert;
  return self;
}

void
ht_signer_free (HtSigner *self)
{
  if (self == NULL)
    return;
  sodium_free (self->secret_key);
  g_free (self->certificate);
  g_free (self);
}

const HtDeviceCert *
ht_signer_get_certificate (HtSigner *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->cert;
}

/* ---- Payloads ---- */

struct _HtPayloadBuilder
{
  GString *text;
};

HtPayloadBuilder *
ht_payload_builder_new (void)
{
  HtPayloadBuilder *self = g_new0 (HtPayloadBuilder, 1);

  self->text = g_string_new (PAYLOAD_MAGIC);
  return self;
}

void
ht_payload_builder_free (HtPayloadBuilder *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_free (self);
}

static gboolean
key_valid (const char *key,
           gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (key[i]) || g_ascii_isdigit (key[i]) || key[i] == '_'))
      return FALSE;
  return TRUE;
}

void
ht_payload_builder_add (HtPayloadBuilder *self,
                        const char       *key,
                        const char       *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && key_valid (key, strlen (key)));
  g_return_if_fail (!g_str_equal (key, "c") && !g_str_equal (key, "s"));

  g_string_append_printf (self->text, "|%s=", key);
  for (const guchar *p = (const guchar *) (value ? value : ""); *p != '\0'; p++)
    {
      /* "|" separates fields and "%" escapes; control characters would not
       * survive being typed or scanned. */
      if (*p == '|' || *p == '%' || *p < 0x20 || *p == 0x7f)
        g_string_append_printf (self->text, "%%%02X", *p);
      else
        g_string_append_c (self->text, (char) *p);
    }
}

char *
ht_payload_builder_text (HtPayloadBuilder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup (self->text->str);
}

char *
ht_payload_builder_sign (HtPayloadBuilder *self,
                         HtSigner         *signer)
{
  g_autoptr(GString) out = NULL;
  guint8 sig[HT_SIGN_SIGNATURE_BYTES];
  g_autofree char *sig64 = NULL;

  g_return_val_if_fail (self != NULL && signer != NULL, NULL);
  out = g_string_new (self->text->str);
  g_string_append_printf (out, "|c=%s", signer->certificate);
  crypto_sign_detached (sig, NULL, (const guchar *) out->str, out->len, signer->secret_key);
  sig64 = b64_encode (sig, sizeof sig);
  g_string_append_printf (out, "|s=%s", sig64);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
ht_payload_free (HtPayload *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_free (self);
}

const char *
ht_payload_get (const HtPayload *self,
                const char      *key)
{
  g_return_val_if_fail (self != NULL && key != NULL, NULL);
  for (guint i = 0; i < self->keys->len; i++)
    if (g_str_equal (self->keys->pdata[i], key))
      return self->values->pdata[i];
  return NULL;
}

/* Undoes the %XX escapes; NULL on a broken escape or invalid UTF-8. */
static char *
unescape (const char *text,
          gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '%')
        {
          int hi = i + 2 < len ? g_ascii_xdigit_value (text[i + 1]) : -1;
          int lo = i + 2 < len ? g_ascii_xdigit_value (text[i + 2]) : -1;

          if (hi < 0 || lo < 0)
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_c (out, (char) ((hi << 4) | lo));
          i += 2;
          continue;
        }
      g_string_append_c (out, text[i]);
    }
  if (!g_utf8_validate_len (out->str, out->len, NULL) || strlen (out->str) != out->len)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static HtPayload *
malformed (HtPayload   *partial,
           GError     **error,
           const char  *why)
{
  ht_payload_free (partial);
  g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MALFORMED, _("Not a hotich payload: %s"), why);
  return NULL;
}

HtPayload *
ht_payload_verify (const char    *payload,
                   const guint8   ministry_public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                   GError       **error)
{
  g_autoptr(HtPayload) out = g_new0 (HtPayload, 1);
  g_auto(GStrv) parts = NULL;
  g_autofree char *text = NULL;
  const char *sig_at;
  const char *cert_text = NULL;
  guint8 sig[HT_SIGN_SIGNATURE_BYTES];
  const char *issued, *signed_on, *office;
  GDate on;
  gsize body_len;

  sign_init ();
  out->keys = g_ptr_array_new_with_free_func (g_free);
  out->values = g_ptr_array_new_with_free_func (g_free);

  if (payload == NULL || !g_utf8_validate (payload, -1, NULL))
    return malformed (g_steal_pointer (&out), error, _("the text is not UTF-8"));
  /* A scanner or a shell may add a final newline or blanks. */
  text = g_strstrip (g_strdup (payload));
  if (!g_str_has_prefix (text, PAYLOAD_MAGIC "|"))
    return malformed (g_steal_pointer (&out), error, _("it does not start with “HT1|”"));
  sig_at = g_strrstr (text, "|s=");
  if (sig_at == NULL)
    return malformed (g_steal_pointer (&out), error, _("the signature is missing"));
  if (!b64_decode_exact (sig_at + 3, strlen (sig_at + 3), sig, sizeof sig))
    return malformed (g_steal_pointer (&out), error, _("the signature is not 64 bytes of base64"));
  body_len = sig_at - text;

  {
    g_autofree char *body = g_strndup (text, body_len);
    parts = g_strsplit (body, "|", -1);
  }
  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *key = NULL;
      char *value;

      if (eq == NULL || !key_valid (parts[i], eq - parts[i]))
        return malformed (g_steal_pointer (&out), error, _("a field is not “key=value”"));
      key = g_strndup (parts[i], eq - parts[i]);
      if (g_str_equal (key, "c"))
        {
          if (cert_text != NULL)
            return malformed (g_steal_pointer (&out), error, _("two certificates"));
          cert_text = eq + 1;
          continue;
        }
      if (ht_payload_get (out, key) != NULL || g_str_equal (key, "s"))
        return malformed (g_steal_pointer (&out), error, _("a field appears twice"));
      value = unescape (eq + 1, strlen (eq + 1));
      if (value == NULL)
        return malformed (g_steal_pointer (&out), error, _("a value is badly escaped"));
      g_ptr_array_add (out->keys, g_steal_pointer (&key));
      g_ptr_array_add (out->values, value);
    }
  if (cert_text == NULL)
    return malformed (g_steal_pointer (&out), error, _("the device certificate is missing"));
  issued = ht_payload_get (out, "i");
  signed_on = ht_payload_get (out, "t");
  office = ht_payload_get (out, "o");
  if (issued == NULL || !ht_date_parse (issued, &on))
    return malformed (g_steal_pointer (&out), error, _("the issue date “i” is missing or not YYYY-MM-DD"));
  if (signed_on == NULL || !ht_date_parse (signed_on, &on))
    return malformed (g_steal_pointer (&out), error, _("the signing date “t” is missing or not YYYY-MM-DD"));
  if (office == NULL)
    return malformed (g_steal_pointer (&out), error, _("the office “o” is missing"));

  if (!ht_sign_certificate_verify (cert_text, ministry_public_key, NULL, &out->cert, error))
    return NULL;
  if (crypto_sign_verify_detached (sig, (const guchar *) text, body_len, out->cert.public_key) != 0)
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_BAD_SIGNATURE,
                   _("The signature does not match the content: the paper's data were changed after signing"));
      return NULL;
    }
  if (g_date_compare (&on, &out->cert.valid_from) < 0 || g_date_compare (&on, &out->cert.valid_until) > 0)
    {
      g_autofree char *from = ht_date_format (&out->cert.valid_from);
      g_autofree char *until = ht_date_format (&out->cert.valid_until);
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_EXPIRED,
                   _("The paper was signed on %s, outside the signing device's certificate (valid from %s to %s)"),
                   signed_on, from, until);
      return NULL;
    }
  if (!g_str_equal (office, out->cert.office))
    {
      g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MISMATCH,
                   _("The paper names office %s but was signed by a device of office %s"), office, out->cert.office);
      return NULL;
    }
  return g_steal_pointer (&out);
}
