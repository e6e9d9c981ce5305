/* admin-maintenance.c — hotich-admin init, user add, check, backup and
 * restore: the technician's commands around the register file.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ht-error.h"
#include "ht-units.h"
#include "admin.h"

/* ---- init ---- */

int
admin_cmd_init (AdminGlobals *globals,
                int           argc,
                char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *office = NULL;
  g_autofree char *dir = NULL;
  const HtUnit *unit;
  const char *path;
  gboolean is_default;
  const GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The commune's code (5 digits, GSO)"), N_("CODE") },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("init --office CODE"),
                                      _("Creates a new, empty register for the commune with this code.  "
                                        "An existing file is never overwritten."),
                                      entries);
  if (!admin_option_parse (context, "init", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc > 1)
    return admin_usage_error ("init", _("unexpected argument “%s”"), argv[1]);
  if (office == NULL)
    return admin_usage_error ("init", _("--office CODE is required"));

  /* The default place may not exist on a fresh PC; an explicit --db is
   * taken as given so that a typo does not grow a directory tree. */
  is_default = globals->db_path == NULL;
  path = admin_db_path (globals);
  if (is_default)
    {
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          admin_error (_("cannot create the directory %s: %s"), dir, g_strerror (errno));
          return ADMIN_EXIT_FAILURE;
        }
    }

  store = ht_store_create (path, office, &error);
  if (store == NULL)
    {
      admin_report_error (path, error);
      return ADMIN_EXIT_FAILURE;
    }
  unit = ht_units_office (ht_store_get_office (store));
  /* TRANSLATORS: "created the register of Phường Phúc Xá (00004) in /path/registry.db". */
  printf (_("created the register of %s (%s) in %s\n"),
          unit ? unit->full_name : ht_store_get_office (store), ht_store_get_office (store), path);
  return ADMIN_EXIT_OK;
}

/* ---- user add ---- */

static const char *const roles[] = { "clerk", "signer", "reviewer", "technician", "admin", NULL };

#define PASSWORD_MAX 1024

static struct termios saved_termios;
static volatile sig_atomic_t echo_off;

/* A signal while echo is off would leave the terminal mute: put it back,
 * then die of the signal as usual. */
static void
restore_echo_on_signal (int sig)
{
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (sig, SIG_DFL);
  raise (sig);
}

/* Reads one line of at most PASSWORD_MAX bytes from standard input into
 * "buf" (NUL-terminated, end of line removed).  Returns FALSE with a
 * message when there is no line or it is too long. */
static gboolean
read_password_line (char *buf)
{
  gsize n = 0;
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    {
      if (n == PASSWORD_MAX)
        {
          admin_error (_("the password is longer than %d bytes"), PASSWORD_MAX);
          return FALSE;
        }
      buf[n++] = (char) c;
    }
  if (n == 0 && c == EOF)
    {
      admin_error ("%s", _("no password on standard input"));
      return FALSE;
    }
  if (n > 0 && buf[n - 1] == '\r')
    n--;
  buf[n] = '\0';
  return TRUE;
}

static gboolean
prompt_password (const char *prompt,
                 char       *buf)
{
  struct termios quiet;
  gboolean ok;

  fputs (prompt, stderr);
  fflush (stderr);
  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return read_password_line (buf);
  quiet = saved_termios;
  quiet.c_lflag &= ~(ECHO | ECHONL);
  quiet.c_lflag |= ICANON;
  signal (SIGINT, restore_echo_on_signal);
  signal (SIGTERM, restore_echo_on_signal);
  signal (SIGHUP, restore_echo_on_signal);
  echo_off = 1;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  ok = read_password_line (buf);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  echo_off = 0;
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
  fputc ('\n', stderr);
  return ok;
}

/* Gets the password: prompted twice without echo on a terminal, else
 * the first line of standard input (for scripts). */
static gboolean
get_password (const char *name,
              char       *password)
{
  if (isatty (STDIN_FILENO))
    {
      char again[PASSWORD_MAX + 1];
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), name);
      gboolean same;

      if (!prompt_password (prompt, password) || !prompt_password (_("Repeat the password: "), again))
        return FALSE;
      same = strcmp (password, again) == 0;
      explicit_bzero (again, sizeof again);
      if (!same)
        {
          admin_error ("%s", _("the two passwords differ; nothing was changed"));
          return FALSE;
        }
    }
  else if (!read_password_line (password))
    return FALSE;

  if (*password == '\0')
    {
      admin_error ("%s", _("the password is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (password, -1, NULL))
    {
      admin_error ("%s", _("the password is not valid UTF-8 text"));
      return FALSE;
    }
  return TRUE;
}

int
admin_cmd_user_add (AdminGlobals *globals,
                    int           argc,
                    char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *role_list = g_strjoinv ("|", (char **) roles);
  char password[PASSWORD_MAX + 1];
  gboolean ok;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("clerk, signer, reviewer, technician or admin"),
      N_("ROLE") },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("user add NAME --role ROLE"),
                                      _("Adds a user of the register.  The password is read from standard "
                                        "input (one line), or asked twice when that is a terminal; it is "
                                        "stored hashed with Argon2id."),
                                      entries);
  if (!admin_option_parse (context, "user add", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error ("user add", _("give one user name"));
  if (!g_utf8_validate (argv[1], -1, NULL) || *argv[1] == '\0')
    return admin_usage_error ("user add", _("the user name must be non-empty UTF-8 text"));
  if (role == NULL)
    return admin_usage_error ("user add", _("--role is required (%s)"), role_list);
  if (!g_strv_contains (roles, role))
    return admin_usage_error ("user add", _("--role: “%s” is not a role; the roles are %s"), role, role_list);

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  if (!get_password (argv[1], password))
    {
      explicit_bzero (password, sizeof password);
      return ADMIN_EXIT_FAILURE;
    }
  ok = ht_store_user_add (store, argv[1], role, password, &error);
  explicit_bzero (password, sizeof password);
  if (!ok)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  /* TRANSLATORS: "added user lan.nt (clerk)". */
  printf (_("added user %s (%s)\n"), argv[1], role);
  return ADMIN_EXIT_OK;
}

/* ---- check ---- */

int
admin_cmd_check (AdminGlobals *globals,
                 int           argc,
                 char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  context = admin_option_context_new (globals, _("check"),
                                      _("Checks the register: SQLite's integrity check, the store's own "
                                        "invariants and the audit chain.  Exits 0 only when all are sound."),
                                      NULL);
  if (!admin_option_parse (context, "check", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc > 1)
    return admin_usage_error ("check", _("unexpected argument “%s”"), argv[1]);

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  if (!ht_store_check (store, &problems, &error))
    {
      guint n = problems ? problems->len : 0;

      for (guint i = 0; i < n; i++)
        printf ("%s\n", (const char *) problems->pdata[i]);
      if (error != NULL)
        admin_report_error (ht_store_get_path (store), error);
      admin_error (ngettext ("%s is not sound: %u problem found",
                             "%s is not sound: %u problems found", n),
                   ht_store_get_path (store), n);
      return ADMIN_EXIT_FAILURE;
    }
  printf (_("%s is sound (%llu records)\n"), ht_store_get_path (store),
          (unsigned long long) ht_store_count (store, NULL));
  return ADMIN_EXIT_OK;
}

/* ---- backup and restore ---- */

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
admin_cmd_backup (AdminGlobals *globals,
                  int           argc,
                  char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  const char *dest;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace DEST if it exists"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("backup DEST"),
                                      _("Copies the register to DEST while it stays in use (SQLite's online "
                                        "backup).  DEST is a register file that “restore” accepts."),
                                      entries);
  if (!admin_option_parse (context, "backup", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error ("backup", _("give one destination file"));
  dest = argv[1];

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  if (same_file (dest, ht_store_get_path (store)))
    {
      admin_error (_("%s is the register itself; back up to another file"), dest);
      return ADMIN_EXIT_FAILURE;
    }
  if (g_file_test (dest, G_FILE_TEST_IS_DIR))
    {
      admin_error (_("%s is a directory; give the backup's file name"), dest);
      return ADMIN_EXIT_FAILURE;
    }
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      if (!force)
        {
          admin_error (_("%s exists; use --force to replace it"), dest);
          return ADMIN_EXIT_FAILURE;
        }
      if (g_unlink (dest) != 0)
        {
          admin_error (_("cannot replace %s: %s"), dest, g_strerror (errno));
          return ADMIN_EXIT_FAILURE;
        }
    }
  if (!ht_store_backup (store, dest, &error))
    {
      admin_report_error (dest, error);
      return ADMIN_EXIT_FAILURE;
    }
  printf (_("backed up %s to %s\n"), ht_store_get_path (store), dest);
  return ADMIN_EXIT_OK;
}

int
admin_cmd_restore (AdminGlobals *globals,
                   int           argc,
                   char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  const char *src;

  context = admin_option_context_new (globals, _("restore SRC"),
                                      _("Replaces the register with the backup SRC, after checking that SRC "
                                        "is a sound register (integrity, invariants, audit chain).  A file "
                                        "that fails the check is refused and the register is left as it was."),
                                      NULL);
  if (!admin_option_parse (context, "restore", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error ("restore", _("give one backup file"));
  src = argv[1];
  path = admin_db_path (globals);

  if (!g_file_test (src, G_FILE_TEST_IS_REGULAR))
    {
      admin_error (g_file_test (src, G_FILE_TEST_EXISTS) ? _("%s is not a regular file")
                                                         : _("%s does not exist"), src);
      return ADMIN_EXIT_FAILURE;
    }
  if (same_file (src, path))
    {
      admin_error (_("%s is the register itself; restore from a backup file"), src);
      return ADMIN_EXIT_FAILURE;
    }
  if (!ht_store_restore (path, src, &error))
    {
      admin_report_error (src, error);
      admin_error (_("%s was left unchanged"), path);
      return ADMIN_EXIT_FAILURE;
    }
  printf (_("restored %s from %s\n"), path, src);
  return ADMIN_EXIT_OK;
}
