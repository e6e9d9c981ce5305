/* main.c — hotich-admin: the register's command-line tool for technicians
 * and scripts.  Parses the global options and hands over to a command.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "admin.h"

typedef struct
{
  const char      *name;
  AdminCommandFunc func;
  const char      *synopsis; /* N_() */
  const char      *summary;  /* N_() */
} Command;

static const Command commands[] = {
  { "init", admin_cmd_init, N_("init --office CODE"), N_("create a new register for a commune") },
  { "user", admin_cmd_user_add, N_("user add NAME --role ROLE"),
    N_("add a user; the password is read from standard input") },
  { "import", admin_cmd_import, N_("import [FILE|-]"), N_("import JSON Lines records, all or nothing") },
  { "export", admin_cmd_export, N_("export [--kind K] [--from DATE] [--to DATE] [--out FILE]"),
    N_("write the records as JSON Lines") },
  { "search", admin_cmd_search, N_("search QUERY [--kind K] [--limit N] [--json]"),
    N_("find records by name, ID number, document number or KIND/YEAR/NUMBER") },
  { "show", admin_cmd_show, N_("show ID|KIND/YEAR/NUMBER [--json]"), N_("show a record and its history") },
  { "review", admin_cmd_review, N_("review list [--state S] [--json]"),
    N_("a reviewer's queue; review approve ID, return ID --comment T, reject ID --reason T") },
  { "amend", admin_cmd_amend, N_("amend ID --set PATH=VALUE … --reason TEXT"),
    N_("edit a record's content (not once it is approved)") },
  { "stats", admin_cmd_stats, N_("stats [lock|show|list|periods] [--period P --year Y | --from D --to D]"),
    N_("the Ministry's statistics (forms 13a, 14a) of a period; locked reports") },
  { "print", admin_cmd_print, N_("print ID|KIND/YEAR/NUMBER --out FILE.pdf [--copy] [--preprinted]"),
    N_("the certificate, extract or copy of an entry, with its signed QR code") },
  { "book", admin_cmd_book, N_("book KIND YEAR --out FILE"),
    N_("the register book of a kind and year, with cover and closing page") },
  { "calibrate", admin_cmd_calibrate, N_("calibrate [--offset X,Y] [--out FILE.pdf]"),
    N_("the printer offset for pre-printed forms, and its calibration page") },
  { "verify", admin_cmd_verify, N_("verify PAYLOAD|FILE.pdf"), N_("check a paper's QR code offline") },
  { "certify", admin_cmd_certify, N_("certify --ministry-key FILE | --show"),
    N_("certify this register's signing key offline, or show it") },
  { "keygen", admin_cmd_keygen, N_("keygen --secret FILE --public FILE"), N_("make an Ed25519 key pair") },
  { "check", admin_cmd_check, N_("check"), N_("verify integrity, invariants and the audit chain") },
  { "backup", admin_cmd_backup, N_("backup DEST [--force]"), N_("copy the register while it is in use") },
  { "restore", admin_cmd_restore, N_("restore SRC"), N_("replace the register with a verified backup") },
};

#define SYNOPSIS_WIDTH 30

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: hotich-admin [--db PATH] COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (out, "%s\n\n", _("The civil-status register of a commune, for technicians and scripts."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *synopsis = _(commands[i].synopsis);
      glong width = g_utf8_strlen (synopsis, -1);

      /* A long synopsis gets a line of its own, the summary under it. */
      if (width < SYNOPSIS_WIDTH)
        fprintf (out, "  %s%*s%s\n", synopsis, (int) (SYNOPSIS_WIDTH - width), "", _(commands[i].summary));
      else
        fprintf (out, "  %s\n  %*s%s\n", synopsis, SYNOPSIS_WIDTH, "", _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %s\n", _("--db PATH     the register file, before or after the command"));
  fprintf (out, "  %s\n", _("              (default: $XDG_DATA_HOME/hotich/registry.db)"));
  fprintf (out, "  %s\n", _("-h, --help    this text; “hotich-admin COMMAND --help” for a command"));
  fprintf (out, "  %s\n", _("--version     the program's version"));
  fprintf (out, "\n%s\n", _("Exit status:"));
  fprintf (out, "  %s\n", _("0  success"));
  fprintf (out, "  %s\n", _("1  invalid data (nothing stored), a failed check, a record not found,"));
  fprintf (out, "  %s\n", _("   or an error of the register file"));
  fprintf (out, "  %s\n", _("2  a bad command line"));
  fprintf (out, "\n%s\n", _("See docs/hotich-admin.md for examples."));
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  AdminGlobals globals = { NULL };
  const Command *command;
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("hotich-admin");

  /* Options before the command apply to every command; only --db is one.
   * Each command accepts --db among its own options as well. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0 || strcmp (arg, "-?") == 0)
        {
          print_usage (stdout);
          return ADMIN_EXIT_OK;
        }
      if (strcmp (arg, "--version") == 0)
        {
          printf ("hotich-admin %s\n", PACKAGE_VERSION);
          return ADMIN_EXIT_OK;
        }
      if (strcmp (arg, "--db") == 0)
        {
          if (first + 1 >= argc || *argv[first + 1] == '\0')
            return admin_usage_error (NULL, _("--db needs the path of a register file"));
          g_free (globals.db_path);
          globals.db_path = g_strdup (argv[first + 1]);
          first += 2;
          continue;
        }
      if (g_str_has_prefix (arg, "--db="))
        {
          if (arg[5] == '\0')
            return admin_usage_error (NULL, _("--db needs the path of a register file"));
          g_free (globals.db_path);
          globals.db_path = g_strdup (arg + 5);
          first++;
          continue;
        }
      return admin_usage_error (NULL, _("unknown option “%s” before the command"), arg);
    }

  if (first >= argc)
    {
      print_usage (stderr);
      g_free (globals.db_path);
      return ADMIN_EXIT_USAGE;
    }

  command = find_command (argv[first]);
  if (command == NULL)
    {
      status = admin_usage_error (NULL, _("unknown command “%s”"), argv[first]);
      g_free (globals.db_path);
      return status;
    }
  /* "user" has one subcommand, "add"; the command sees "add" as its
   * argv[0] just as the others see their own name. */
  if (command->func == admin_cmd_user_add)
    {
      if (first + 1 >= argc || strcmp (argv[first + 1], "add") != 0)
        {
          status = admin_usage_error (NULL, _("“user” needs a subcommand: user add NAME --role ROLE"));
          g_free (globals.db_path);
          return status;
        }
      first++;
    }

  status = command->func (&globals, argc - first, argv + first);
  g_free (globals.db_path);
  return status;
}
