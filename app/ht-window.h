/* ht-window.h — the main window: opening, sign-in, sidebar and views.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-application.h"
#include "ht-session.h"

G_BEGIN_DECLS

#define HT_TYPE_WINDOW (ht_window_get_type ())
G_DECLARE_FINAL_TYPE (HtWindow, ht_window, HT, WINDOW, AdwApplicationWindow)

HtWindow   *ht_window_new          (HtApplication *application,
                                    const char    *db_path) G_GNUC_WARN_UNUSED_RESULT;

/* What the window shows: "loading", "failed", "setup", "signin" or "main";
 * in "main", the page: "welcome", "form", "books", "record", "attention",
 * "stats", "sync" or "review". */
const char *ht_window_get_mode     (HtWindow      *self);
const char *ht_window_get_page     (HtWindow      *self);
HtSession  *ht_window_get_session  (HtWindow      *self);

/* The views, for tests and screenshots. */
GtkWidget  *ht_window_get_view     (HtWindow      *self,
                                    const char    *name);

/* Whether the window action "name" ("win.register") is enabled now. */
gboolean    ht_window_get_action_enabled (HtWindow   *self,
                                          const char *name);

void        ht_window_toast        (HtWindow      *self,
                                    const char    *text);
/* A dialog naming what failed and what to do about it. */
void        ht_window_show_error   (GtkWidget     *widget,
                                    const char    *heading,
                                    const GError  *error);

G_END_DECLS
