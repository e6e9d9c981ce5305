/* ht-sign-store.h — the device signing key a register keeps, and its
 * certificate.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key pair lives in the register's keys table (the file is mode 0600,
 * so only its owner can read the secret).  Two ways to get it certified by
 * the ministry key (docs/certificates.md):
 *
 *  - enrolment: the sync client calls ht_sign_prepare_enrolment(), sends
 *    the public key as "sign_public_key" with POST /api/v1/enroll, and
 *    hands the answer's "device_certificate" to ht_sign_store_certificate();
 *  - offline, for an office that never enrols (one PC):
 *    ht_sign_certify_offline() with the ministry secret key file
 *    (hotich-admin certify --ministry-key FILE).
 */
#pragma once

#include "ht-sign.h"
#include "ht-store.h"

G_BEGIN_DECLS

/* Rows of the keys table. */
#define HT_SIGN_KEY_SECRET      "sign.device_secret_key"   /* base64 seed */
#define HT_SIGN_KEY_PUBLIC      "sign.device_public_key"   /* base64 */
#define HT_SIGN_KEY_CERTIFICATE "sign.device_certificate"  /* base64, see ht-sign.h */

/* Makes the register's device key pair if it has none (a key that already
 * exists is kept, so a retried enrolment sends the same key) and returns
 * its public key as base64 in *public_key_b64. */
gboolean  ht_sign_prepare_enrolment (HtStore     *store,
                                     char       **public_key_b64,
                                     GError     **error);

/* Checks a certificate received for this register — signed by the trusted
 * ministry key (ht_sign_ministry_key (NULL, …)), for this register's public
 * key and office, valid today — and stores it.  Nothing is stored on error. */
gboolean  ht_sign_store_certificate (HtStore     *store,
                                     const char  *cert_b64,
                                     GError     **error);

/* Certifies the register's key (made if needed) with the ministry secret
 * key, offline, for "days" days from today under a new device id, and
 * stores the certificate after the same checks. */
gboolean  ht_sign_certify_offline   (HtStore      *store,
                                     const guint8  ministry_secret_key[HT_SIGN_SECRET_KEY_BYTES],
                                     guint         days,
                                     GError      **error);

/* The register's signer, for printing papers: HT_SIGN_ERROR_NO_KEY when it
 * has no key or no certificate. */
HtSigner *ht_sign_load_signer       (HtStore     *store,
                                     GError     **error);

G_END_DECLS
