/* ht-screenshots.h — a test-only mode that saves pictures of the main views.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ht-window.h"

G_BEGIN_DECLS

/* Drives "window" through sign-in, the register books, a record, a new
 * birth (with a bad date), what needs attention, statistics and sync,
 * saving each as a PNG in "dir", then quits.  Used by
 * tools/screenshots.sh with HOTICH_SCREENSHOTS=DIR; the account comes from
 * HOTICH_SCREENSHOT_USER and HOTICH_SCREENSHOT_PASSWORD (default admin /
 * demo, the demo register's). */
void ht_screenshots_start (HtWindow   *window,
                           const char *dir);

/* Saves what "widget" shows as a PNG; FALSE with a warning on failure. */
gboolean ht_screenshots_save (GtkWidget  *widget,
                              const char *path);

G_END_DECLS
