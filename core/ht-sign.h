/* ht-sign.h — Ed25519 signatures for papers: device certificates issued
 * with the ministry key, and the signed payload of a paper's QR code.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trust has two steps, so that a verifier needs nothing but the ministry's
 * public key and no network:
 *
 *   ministry key ──signs──▶ device certificate (device public key, device
 *   id, office, validity) ──its key signs──▶ the payload of a paper.
 *
 * The payload carries the device certificate, so one QR code holds all a
 * verifier needs.  This file is pure crypto and text (libsodium); keeping
 * the device key in a register is ht-sign-store.h, and the server uses
 * ht_sign_certificate_make() to certify devices at enrolment.
 *
 * Formats (docs/certificates.md):
 *   key files   "hotich-ed25519-public BASE64" (32-byte key) and
 *               "hotich-ed25519-secret BASE64" (32-byte seed), one line
 *   certificate base64 of 130 bytes: "HTDC", version 1, device public key
 *               (32), device id (16, a UUID), office (5 ASCII digits), valid
 *               from and until (YYYYMMDD as big-endian 32-bit numbers), the
 *               ministry's signature (64) over everything before it
 *   payload     "HT1|key=value|…|c=CERTIFICATE|s=SIGNATURE": one line of
 *               UTF-8; values escape "%", "|" and control characters as
 *               %XX; the device key signs every byte before "|s=".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HT_SIGN_ERROR (ht_sign_error_quark ())
GQuark ht_sign_error_quark (void);

typedef enum {
  HT_SIGN_ERROR_MALFORMED,     /* not a payload, certificate or key of the expected shape */
  HT_SIGN_ERROR_BAD_SIGNATURE, /* the content was changed after signing */
  HT_SIGN_ERROR_UNTRUSTED,     /* the device certificate is not the ministry key's */
  HT_SIGN_ERROR_EXPIRED,       /* the certificate was not valid on the paper's date */
  HT_SIGN_ERROR_MISMATCH,      /* a certificate for another key or office */
  HT_SIGN_ERROR_NO_KEY,        /* no key, or no certificate, where one is needed */
  HT_SIGN_ERROR_INSECURE,      /* a secret key file others can read */
} HtSignError;

#define HT_SIGN_PUBLIC_KEY_BYTES 32
#define HT_SIGN_SECRET_KEY_BYTES 64  /* libsodium's: seed followed by the public key */
#define HT_SIGN_SIGNATURE_BYTES  64

/* How long a certificate made without an explicit validity lasts. */
#define HT_SIGN_CERT_DAYS_DEFAULT 1826

/* The environment variable naming the trusted ministry public key file. */
#define HT_SIGN_MINISTRY_KEY_ENV "HOTICH_MINISTRY_KEY"

/* ---- Keys ---- */

void     ht_sign_keygen (guint8 public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                         guint8 secret_key[HT_SIGN_SECRET_KEY_BYTES]);

/* Writes a new key pair: the secret file with mode 0600 (refusing to
 * replace an existing file), the public file readable by all. */
gboolean ht_sign_write_key_pair (const char  *secret_path,
                                 const char  *public_path,
                                 GError     **error);
/* Reads a secret key file; refuses one that the group or others may read
 * (HT_SIGN_ERROR_INSECURE).  The key is returned in "secret_key". */
gboolean ht_sign_read_secret_key (const char  *path,
                                  guint8       secret_key[HT_SIGN_SECRET_KEY_BYTES],
                                  GError     **error);
gboolean ht_sign_read_public_key (const char  *path,
                                  guint8       public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                                  GError     **error);
/* Parses the text of a public key file (or bare base64 of 32 bytes). */
gboolean ht_sign_parse_public_key (const char  *text,
                                   guint8       public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                                   GError     **error);
char    *ht_sign_format_public_key (const guint8 public_key[HT_SIGN_PUBLIC_KEY_BYTES]);

/* The trusted ministry public key: the file "path" when given, else the
 * file named by $HOTICH_MINISTRY_KEY, else the key built into the program
 * (data/ministry-key.pub).  "where" (may be NULL) says which was used, for
 * messages. */
gboolean ht_sign_ministry_key (const char  *path,
                               guint8       public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                               char       **where,
                               GError     **error);

/* ---- Device certificates ---- */

typedef struct
{
  guint8 public_key[HT_SIGN_PUBLIC_KEY_BYTES];
  char   device_id[37];   /* UUID, lower case */
  char   office[6];       /* GSO commune code */
  GDate  valid_from;
  GDate  valid_until;
} HtDeviceCert;

/* Signs a certificate with the ministry secret key; returns its base64. */
char    *ht_sign_certificate_make (const guint8  ministry_secret_key[HT_SIGN_SECRET_KEY_BYTES],
                                   const guint8  device_public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                                   const char   *device_id,
                                   const char   *office,
                                   const GDate  *valid_from,
                                   const GDate  *valid_until,
                                   GError      **error);
/* Parses a certificate and checks the ministry's signature on it against
 * "ministry_public_key" (HT_SIGN_ERROR_UNTRUSTED when it does not hold);
 * "on" (may be NULL) must lie in its validity (HT_SIGN_ERROR_EXPIRED). */
gboolean ht_sign_certificate_verify (const char    *certificate,
                                     const guint8   ministry_public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                                     const GDate   *on,
                                     HtDeviceCert  *out,
                                     GError       **error);
/* Only the shape, no signature check (for showing what a certificate says). */
gboolean ht_sign_certificate_parse  (const char    *certificate,
                                     HtDeviceCert  *out,
                                     GError       **error);

/* ---- Signing papers ---- */

/* A device's secret key with its certificate. */
typedef struct _HtSigner HtSigner;

/* Checks that the certificate is for this key; copies both. */
HtSigner *ht_signer_new  (const guint8  secret_key[HT_SIGN_SECRET_KEY_BYTES],
                          const char   *certificate,
                          GError      **error);
void      ht_signer_free (HtSigner     *self);
const HtDeviceCert *ht_signer_get_certificate (HtSigner *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSigner, ht_signer_free)

/* Builds payloads: "HT1", then key=value fields in the order added. */
typedef struct _HtPayloadBuilder HtPayloadBuilder;

HtPayloadBuilder *ht_payload_builder_new  (void);
void              ht_payload_builder_free (HtPayloadBuilder *self);
/* Keys are short ASCII words ([a-z0-9_]); "c" and "s" are reserved. */
void              ht_payload_builder_add  (HtPayloadBuilder *self,
                                           const char       *key,
                                           const char       *value);
/* The signed payload: the fields, the certificate, the signature. */
char             *ht_payload_builder_sign (HtPayloadBuilder *self,
                                           HtSigner         *signer);
/* The fields without certificate and signature (for tests and previews). */
char             *ht_payload_builder_text (HtPayloadBuilder *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtPayloadBuilder, ht_payload_builder_free)

/* A verified payload. */
typedef struct
{
  GPtrArray    *keys;    /* char*, in payload order, without "c" and "s" */
  GPtrArray    *values;  /* char*, unescaped, same order */
  HtDeviceCert  cert;
} HtPayload;

void        ht_payload_free  (HtPayload *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtPayload, ht_payload_free)
/* The value of a field, or NULL. */
const char *ht_payload_get   (const HtPayload *self,
                              const char      *key);

/* Verifies a payload offline: its shape, the device certificate against
 * the ministry key, the device's signature over the content, the
 * certificate's validity on the day the paper was signed (field "t",
 * YYYY-MM-DD; the paper's own date "i" must be there too, and may be
 * earlier: an original is dated by its registration), and the office of the
 * certificate against the payload's ("o").  On failure the error's code and
 * message say why. */
HtPayload  *ht_payload_verify (const char    *payload,
                               const guint8   ministry_public_key[HT_SIGN_PUBLIC_KEY_BYTES],
                               GError       **error);

G_END_DECLS
