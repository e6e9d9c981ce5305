/* ht-cli.c — how the command-line tools (hotich-admin, hotich-sync) report errors.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tool prints "PROGRAM: message" on standard error, after flushing
 * what it already wrote on standard output so the two stay in order, and a
 * usage error adds where to find help.  One copy here keeps the tools'
 * messages alike.
 */
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "ht-cli.h"

void
ht_cli_error_valist (const char *program,
                     const char *format,
                     va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  fflush (stdout);
  fprintf (stderr, "%s: %s\n", program, message);
}

static void cli_error (const char *program, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
cli_error (const char *program,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  ht_cli_error_valist (program, format, args);
  va_end (args);
}

void
ht_cli_usage_error_valist (const char *program,
                           const char *command,
                           const char *format,
                           va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (command != NULL)
    {
      cli_error (program, "%s: %s", command, message);
      /* TRANSLATORS: the first %s is a program such as "hotich-admin", the
       * second one of its commands such as "import". */
      fprintf (stderr, _("Try “%s %s --help” for more information.\n"), program, command);
    }
  else
    {
      cli_error (program, "%s", message);
      /* TRANSLATORS: %s is a program such as "hotich-admin". */
      fprintf (stderr, _("Try “%s --help” for more information.\n"), program);
    }
}
