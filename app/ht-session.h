/* ht-session.h — the open register and the signed-in user.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ht-store.h"

G_BEGIN_DECLS

#define HT_TYPE_SESSION (ht_session_get_type ())
G_DECLARE_FINAL_TYPE (HtSession, ht_session, HT, SESSION, GObject)

HtSession  *ht_session_new           (HtStore    *store,
                                      const char *user,
                                      const char *role) G_GNUC_WARN_UNUSED_RESULT;
HtStore    *ht_session_get_store     (HtSession  *self);
const char *ht_session_get_user      (HtSession  *self);
const char *ht_session_get_role      (HtSession  *self);
const char *ht_session_get_office    (HtSession  *self);
/* "Phường Ba Đình" for the register's office, or its code. */
const char *ht_session_get_office_name (HtSession *self);
gboolean    ht_session_can_register  (HtSession  *self);
gboolean    ht_session_can_browse    (HtSession  *self);

/* Whether the register is a supervising office's (a reviewer's device,
 * ht-store-review.h): its records come from the communes and their content
 * is never edited here, whatever the account's role. */
void        ht_session_set_reviewer_register (HtSession *self,
                                              gboolean   reviewer_register);
gboolean    ht_session_is_reviewer_register  (HtSession *self);
/* Whether the user may decide on records: a reviewer's register, and an
 * account of role reviewer or admin. */
gboolean    ht_session_can_review    (HtSession  *self);

/* The sync scheduler of this register, when the app has one (a
 * HtSyncScheduler; a plain GObject here so views need no sync headers). */
GObject    *ht_session_get_sync      (HtSession  *self);
void        ht_session_set_sync      (HtSession  *self,
                                      GObject    *sync);

/* Tells every view that a record was saved, so lists and counts refresh. */
void        ht_session_record_saved  (HtSession  *self,
                                      const char *id);

G_END_DECLS
