/* ht-application.h — the hotich application: options, actions, settings.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HT_TYPE_APPLICATION (ht_application_get_type ())
G_DECLARE_FINAL_TYPE (HtApplication, ht_application, HT, APPLICATION, AdwApplication)

HtApplication *ht_application_new          (void) G_GNUC_WARN_UNUSED_RESULT;
/* The register the app opens: --db PATH, or the default path. */
const char    *ht_application_get_db_path  (HtApplication *self);
void           ht_application_set_db_path  (HtApplication *self,
                                            const char    *path);
/* The app's settings, or NULL when its schema is nowhere to be found. */
GSettings     *ht_application_get_settings (HtApplication *self);

/* Makes sure the app's GResource (templates, icon, CSS) is linked in and
 * registered: a static library drops objects nothing refers to. */
void           ht_app_resources_ensure     (void);

/* Where the translations are: $HOTICH_LOCALEDIR, the installed ones, or
 * those of the build tree when the app runs uninstalled. */
const char    *ht_application_locale_dir   (void);

G_END_DECLS
