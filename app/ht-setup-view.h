/* ht-setup-view.h — the first start: creating the register and its first account.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"
#include "ht-store.h"

G_BEGIN_DECLS

#define HT_TYPE_SETUP_VIEW (ht_setup_view_get_type ())
G_DECLARE_FINAL_TYPE (HtSetupView, ht_setup_view, HT, SETUP_VIEW, AdwBin)

/* Shows the first start for the register at "path": with "store" NULL it
 * creates the register (commune chosen from the administrative units) and
 * its first account; with a register that has no account yet, only the
 * account.  Emits "done" (HtStore *store, const char *user) when ready. */
void ht_setup_view_prepare (HtSetupView *self,
                            const char  *path,
                            HtStore     *store);

/* For tests: choose the commune by its code; fill the account and press
 * the button; the message shown, or NULL. */
gboolean    ht_setup_view_select_commune (HtSetupView *self,
                                          const char  *code);
void        ht_setup_view_submit         (HtSetupView *self,
                                          const char  *user,
                                          const char  *password,
                                          const char  *confirm);
const char *ht_setup_view_get_error      (HtSetupView *self);

G_END_DECLS
