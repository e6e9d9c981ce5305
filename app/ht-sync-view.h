/* ht-sync-view.h — the sync page: device, server, what waits, recent runs.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"

G_BEGIN_DECLS

#define HT_TYPE_SYNC_VIEW (ht_sync_view_get_type ())
G_DECLARE_FINAL_TYPE (HtSyncView, ht_sync_view, HT, SYNC_VIEW, AdwBin)

void ht_sync_view_set_session (HtSyncView *self,
                                 HtSession *session);
/* Reads again what the register (and sync) say. */
void ht_sync_view_reload      (HtSyncView *self);

/* For tests: types the server and code and presses "Enrol". */
void ht_sync_view_enrol (HtSyncView *self,
                         const char *server,
                         const char *code);

G_END_DECLS
