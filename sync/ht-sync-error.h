/* ht-sync-error.h — the sync library's GError domain.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every libcurl, HTTP and protocol failure is turned into one of these at
 * the boundary of sync/, so callers (the scheduler, hotich-sync) decide what
 * to do from the code alone: retry later, stop and ask for a new token, or
 * show the message.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HT_SYNC_ERROR (ht_sync_error_quark ())
GQuark ht_sync_error_quark (void);

typedef enum {
  HT_SYNC_ERROR_FAILED,        /* anything else */
  HT_SYNC_ERROR_UNREACHABLE,   /* no answer, 5xx or 429, also after retries: nothing was lost */
  HT_SYNC_ERROR_AUTH,          /* 401: the server does not know this device's token */
  HT_SYNC_ERROR_TLS,           /* the server's certificate could not be verified */
  HT_SYNC_ERROR_PROTOCOL,      /* the answer is not what the protocol says (wrong server?) */
  HT_SYNC_ERROR_REFUSED,       /* the server refused the request itself (4xx other than 401) */
  HT_SYNC_ERROR_NOT_ENROLLED,  /* the register has no device credentials */
  HT_SYNC_ERROR_BUSY,          /* another sync of this register is running */
  HT_SYNC_ERROR_INVALID,       /* a bad argument: URL, CA file, code */
} HtSyncError;

G_END_DECLS
