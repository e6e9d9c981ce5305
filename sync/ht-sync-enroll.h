/* ht-sync-enroll.h — enrolling a register with the server (POST /api/v1/enroll).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ht-store.h"
#include "ht-sync-error.h"
#include "ht-sync-http.h"

G_BEGIN_DECLS

/* Enrols the register at "path" with a one-time code and stores the
 * device's credentials in it (ht_store_sync_save_device()).
 *
 * A clerk's code needs the register made by "hotich-admin init" for the
 * same office.  A reviewer's code makes the supervising office's register
 * at "path" when nothing is there yet (its "office" is the scope).  An
 * admin's code is refused: it is for the ministry's tools.  A register
 * enrolled already is refused before the server is asked, so no code is
 * used up; the other refusals (wrong office, wrong role) come only from the
 * server's answer, and the code is then used up (the protocol cannot look
 * a code up without using it).  The request is not retried: a retry after
 * a lost answer would find the code used.
 *
 * "ca_file" (may be NULL) is kept as an absolute path; "device_name" NULL
 * makes one from the host name.  The register file is made readable by
 * its owner only (0600) if it was not, since it will hold the token. */
HtStore *ht_sync_enroll (const char     *path,
                         const char     *server,
                         const char     *code,
                         const char     *ca_file,
                         const char     *device_name,
                         HtSyncLogFunc   log,
                         gpointer        log_data,
                         GCancellable   *cancellable,
                         GError        **error);

G_END_DECLS
