/* main.c — hotich-sync: syncing a register with the central server, for
 * technicians and scripts.  Parses the global options and hands over to a
 * command (sync-cli.c).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-sync"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ht-sync-http.h"
#include "sync-cli.h"

typedef struct
{
  const char      *name;
  SyncCommandFunc  func;
  const char      *synopsis; /* N_() */
  const char      *summary;  /* N_() */
} Command;

static const Command commands[] = {
  { "enroll", sync_cmd_enroll, N_("enroll --server URL --code CODE [--ca FILE]"),
    N_("enrol this register with the central server") },
  { "status", sync_cmd_status, N_("status [--json]"),
    N_("server, device, pending changes, records needing attention, last run") },
  { "push", sync_cmd_push, N_("push [--batch N] [--verbose]"), N_("send the outbox") },
  { "pull", sync_cmd_pull, N_("pull [--batch N] [--verbose]"), N_("receive what the server decided") },
  { "run", sync_cmd_run, N_("run [--batch N] [--verbose]"), N_("push, then pull until nothing is left") },
};

#define SYNOPSIS_WIDTH 30

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: hotich-sync [--db PATH] COMMAND [OPTION…]"));
  fprintf (out, "%s\n\n", _("Syncs a commune's register with the central civil-status server."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *synopsis = _(commands[i].synopsis);
      glong width = g_utf8_strlen (synopsis, -1);

      if (width < SYNOPSIS_WIDTH)
        fprintf (out, "  %s%*s%s\n", synopsis, (int) (SYNOPSIS_WIDTH - width), "", _(commands[i].summary));
      else
        fprintf (out, "  %s\n  %*s%s\n", synopsis, SYNOPSIS_WIDTH, "", _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %s\n", _("--db PATH     the register file, before or after the command"));
  fprintf (out, "  %s\n", _("              (default: $XDG_DATA_HOME/hotich/registry.db)"));
  fprintf (out, "  %s\n", _("-h, --help    this text; “hotich-sync COMMAND --help” for a command"));
  fprintf (out, "  %s\n", _("--version     the program's version"));
  fprintf (out, "\n%s\n", _("Exit status:"));
  fprintf (out, "  %s\n", _("0  everything is synced"));
  fprintf (out, "  %s\n", _("1  some records need attention (the server refused their last change)"));
  fprintf (out, "  %s\n", _("2  the server could not be reached or failed; nothing was lost"));
  fprintf (out, "  %s\n", _("3  the server refused this device's token, or the enrolment code"));
  fprintf (out, "  %s\n", _("4  a bad command line, or a register that cannot be used so"));
  fprintf (out, "\n%s\n", _("See docs/hotich-sync.md for examples."));
}

int
main (int    argc,
      char **argv)
{
  SyncGlobals globals = { NULL };
  const Command *command = NULL;
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("hotich-sync");
  /* Before any thread starts (curl's advice). */
  ht_sync_global_init ();

  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0 || strcmp (arg, "-?") == 0)
        {
          print_usage (stdout);
          return SYNC_EXIT_OK;
        }
      if (strcmp (arg, "--version") == 0)
        {
          printf ("hotich-sync %s\n", PACKAGE_VERSION);
          return SYNC_EXIT_OK;
        }
      if (strcmp (arg, "--db") == 0 || g_str_has_prefix (arg, "--db="))
        {
          const char *value = arg[4] == '=' ? arg + 5 : (first + 1 < argc ? argv[first + 1] : NULL);

          if (value == NULL || *value == '\0')
            return sync_usage_error (NULL, _("--db needs the path of a register file"));
          g_free (globals.db_path);
          globals.db_path = g_strdup (value);
          first += arg[4] == '=' ? 1 : 2;
          continue;
        }
      return sync_usage_error (NULL, _("unknown option “%s” before the command"), arg);
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return SYNC_EXIT_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, argv[first]) == 0)
      command = &commands[i];
  if (command == NULL)
    {
      status = sync_usage_error (NULL, _("unknown command “%s”"), argv[first]);
      g_free (globals.db_path);
      return status;
    }

  status = command->func (&globals, argc - first, argv + first);
  g_free (globals.db_path);
  return status;
}
