/* ht-signin-view.h — signing in with a local account.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"
#include "ht-store.h"

G_BEGIN_DECLS

#define HT_TYPE_SIGNIN_VIEW (ht_signin_view_get_type ())
G_DECLARE_FINAL_TYPE (HtSigninView, ht_signin_view, HT, SIGNIN_VIEW, AdwBin)

/* Asks for a name and password of "store"'s accounts; emits "signed-in"
 * (const char *user, const char *role) once Argon2id agrees. */
void ht_signin_view_prepare (HtSigninView *self,
                             HtStore      *store,
                             const char   *user_hint);

/* For tests: types a name and password and presses "Sign in"; the message
 * shown, or NULL. */
void        ht_signin_view_submit    (HtSigninView *self,
                                      const char   *user,
                                      const char   *password);
const char *ht_signin_view_get_error (HtSigninView *self);

G_END_DECLS
