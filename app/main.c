/* main.c — hotich, the commune clerk's desktop application.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything lives in the ht-app library, which the tests link too; this
 * file only sets up the locale and runs the application.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <locale.h>

#include "ht-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HtApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ht_application_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ht_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
