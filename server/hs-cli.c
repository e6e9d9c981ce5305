/* hs-cli.c — the hotich-server command line: migrate, serve, enroll-code, stats.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "ht-date.h"
#include "ht-sign.h"
#include "hs-cli.h"
#include "hs-db.h"
#include "hs-scope.h"
#include "hs-server.h"

#define DEFAULT_THREADS    8
#define DEFAULT_BLOCK_SIZE 100
#define DEFAULT_RATE       50.0
#define CODE_DAYS          7
/* How long a stopping server lets requests in flight finish. */
#define STOP_GRACE_MS      30000

static char *opt_pg = NULL;

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _("Usage: hotich-server [--pg CONNINFO] COMMAND [OPTIONS]\n"
             "\n"
             "The central civil-status server: commune PCs sync with it.\n"
             "\n"
             "Commands:\n"
             "  migrate                                  create or update the database schema\n"
             "  serve --listen HOST:PORT [--threads N] [--block-size N] [--rate R]\n"
             "        [--tls-cert FILE --tls-key FILE] [--ministry-key FILE] [--quiet]\n"
             "                                           answer sync requests\n"
             "  enroll-code --role clerk --office CODE   make a one-time code to enrol a commune PC\n"
             "  enroll-code --role reviewer --scope CODE make one for a supervising office\n"
             "  enroll-code --role admin                 make one for a ministry tool\n"
             "  stats --scope CODE --from DATE --to DATE [--format json|csv]\n"
             "                                           print the statistics of a scope\n"
             "\n"
             "CONNINFO is a libpq connection string (default: $HOTICH_PG, else the PG* variables).\n"
             "Run “hotich-server COMMAND --help” for a command's options."));
}

/* Parses a command's options; argv[0] is the command. */
static gboolean
parse_command (const char    *command,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               GError       **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s", command);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, parameter);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

/* ---- migrate ---- */

static int
cmd_migrate (int    argc,
             char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) db = NULL;
  guint applied = 0;

  if (!parse_command ("migrate", entries, &argc, &argv, &error) ||
      (db = hs_db_connect (opt_pg, &error)) == NULL ||
      !hs_db_migrate (db, &applied, &error))
    {
      g_printerr ("hotich-server: %s\n", error->message);
      return 1;
    }
  g_print (ngettext ("%u migration applied; the schema is current\n",
                     "%u migrations applied; the schema is current\n", applied), applied);
  return 0;
}

/* ---- serve ---- */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
split_listen (const char  *listen,
              char       **host,
              guint       *port,
              GError     **error)
{
  const char *colon = listen != NULL ? strrchr (listen, ':') : NULL;
  guint64 value;

  if (colon == NULL || colon == listen || !hs_parse_uint (colon + 1, 65535, &value))
    {
      g_set_error (error, HS_ERROR, HS_ERROR_INVALID, _("--listen must be HOST:PORT, e.g. 127.0.0.1:8443"));
      return FALSE;
    }
  if (listen[0] == '[' && colon[-1] == ']')
    *host = g_strndup (listen + 1, colon - listen - 2);
  else
    *host = g_strndup (listen, colon - listen);
  *port = (guint) value;
  return TRUE;
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const char *message = NULL, *domain = NULL;
  const char *label = "INFO";

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
      else if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
    }
  if ((level & G_LOG_LEVEL_DEBUG) && g_log_writer_default_would_drop (level, domain))
    return G_LOG_WRITER_HANDLED;
  if (level & G_LOG_LEVEL_ERROR)
    label = "ERROR";
  else if (level & G_LOG_LEVEL_CRITICAL)
    label = "CRITICAL";
  else if (level & G_LOG_LEVEL_WARNING)
    label = "WARNING";
  else if (level & G_LOG_LEVEL_DEBUG)
    label = "DEBUG";
  fprintf (stderr, "%s %s %s: %s\n", stamp, label, domain != NULL ? domain : "hotich-server",
           message != NULL ? message : "");
  return G_LOG_WRITER_HANDLED;
}

static int
cmd_serve (int    argc,
           char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *cert_file = NULL;
  g_autofree char *key_file = NULL;
  int threads = DEFAULT_THREADS, block_size = DEFAULT_BLOCK_SIZE;
  double rate = DEFAULT_RATE;
  gboolean quiet = FALSE;
  g_autofree char *ministry_key_file = NULL;
  guint8 *ministry_key = NULL;
  GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port to listen on (port 0: any free one)"), N_("HOST:PORT") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, N_("Requests worked on at once, each with a database connection (default 8)"), N_("N") },
    { "block-size", 0, 0, G_OPTION_ARG_INT, &block_size, N_("Register numbers per block (default 100)"), N_("N") },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, N_("Requests per second per device, bursts of twice that; 0: no limit (default 50)"), N_("R") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_file, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("TLS private key (PEM)"), N_("FILE") },
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &quiet, N_("Do not log each request"), NULL },
    { "ministry-key", 0, 0, G_OPTION_ARG_FILENAME, &ministry_key_file,
      N_("The ministry's secret key (mode 0600): enrolment then certifies the signing keys of clerks' PCs"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(PGconn) db = NULL;
  g_autofree char *host = NULL;
  HsConfig config = { 0 };
  HsServer *server;
  guint port = 0;

  if (!parse_command ("serve", entries, &argc, &argv, &error))
    goto fail;
  if (listen == NULL)
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID, _("serve needs --listen HOST:PORT"));
      goto fail;
    }
  if (!split_listen (listen, &host, &port, &error))
    goto fail;
  if (threads < 1 || threads > 256 || block_size < 1 || block_size > 1000000 || rate < 0)
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID,
                   _("--threads must be 1 to 256, --block-size 1 to 1000000, --rate 0 or more"));
      goto fail;
    }
  if ((cert_file == NULL) != (key_file == NULL))
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID, _("TLS needs both --tls-cert and --tls-key"));
      goto fail;
    }
  if (cert_file != NULL &&
      (!g_file_get_contents (cert_file, &config.tls_cert_pem, NULL, &error) ||
       !g_file_get_contents (key_file, &config.tls_key_pem, NULL, &error)))
    goto fail;

  if (ministry_key_file != NULL)
    {
      /* Guarded memory, never swapped out, wiped when the server stops. */
      ministry_key = sodium_malloc (HT_SIGN_SECRET_KEY_BYTES);
      if (ministry_key == NULL || !ht_sign_read_secret_key (ministry_key_file, ministry_key, &error))
        {
          if (error == NULL)
            g_set_error (&error, HS_ERROR, HS_ERROR_FAILED, _("Out of memory for the ministry key"));
          sodium_free (ministry_key);
          goto fail;
        }
      config.ministry_secret_key = ministry_key;
    }

#ifdef __GLIBC__
  /* Request bodies and the trees of a batch are large and short-lived:
   * keep them in the heap rather than mapping and unmapping each one, and
   * do not hand freed memory back to the system after every request. */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif

  /* Refuse to serve a database the schema of which is not this server's. */
  db = hs_db_connect (opt_pg, &error);
  if (db == NULL || !hs_db_schema_current (db, &error))
    {
      sodium_free (ministry_key);
      goto fail;
    }
  g_clear_pointer (&db, PQfinish);

  config.conninfo = opt_pg;
  config.listen_host = host;
  config.listen_port = port;
  config.threads = (guint) threads;
  config.block_size = (guint) block_size;
  config.rate = rate;
  config.burst = rate * 2;
  config.quiet = quiet;
  server = hs_server_new (&config, &error);
  if (config.tls_key_pem != NULL)
    sodium_memzero (config.tls_key_pem, strlen (config.tls_key_pem));
  g_free (config.tls_cert_pem);
  g_free (config.tls_key_pem);
  if (server == NULL || !hs_server_start (server, &port, &error))
    {
      hs_server_free (server);
      sodium_free (ministry_key);
      goto fail;
    }

  /* One line, flushed: scripts and the test harness wait for it. */
  g_print ("listening on %s%s%s:%u\n", strchr (host, ':') ? "[" : "", host, strchr (host, ':') ? "]" : "", port);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  g_info ("stopping: finishing the requests in progress");
  hs_server_stop (server, STOP_GRACE_MS);
  hs_server_free (server);
  sodium_free (ministry_key);
  g_info ("stopped");
  return 0;

fail:
  g_printerr ("hotich-server: %s\n", error->message);
  return 1;
}

/* ---- enroll-code ---- */

static int
cmd_enroll_code (int    argc,
                 char **argv)
{
  g_autofree char *role_name = NULL;
  g_autofree char *office = NULL;
  g_autofree char *scope = NULL;
  int days = CODE_DAYS;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("clerk, reviewer or admin"), N_("ROLE") },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The commune office a clerk's PC registers for"), N_("CODE") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_("A reviewer's province, pre-2025 district or commune"), N_("CODE") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Days the code stays valid (default 7)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) db = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *code = NULL;
  g_autofree char *when = NULL;
  HsRole role;

  if (!parse_command ("enroll-code", entries, &argc, &argv, &error))
    goto fail;
  if (role_name == NULL || !hs_role_parse (role_name, &role))
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID, _("--role must be clerk, reviewer or admin"));
      goto fail;
    }
  if ((role == HS_ROLE_CLERK && (office == NULL || scope != NULL)) ||
      (role == HS_ROLE_REVIEWER && (scope == NULL || office != NULL)) ||
      (role == HS_ROLE_ADMIN && (scope != NULL || office != NULL)))
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID,
                   _("A clerk code takes --office, a reviewer code --scope, an admin code neither"));
      goto fail;
    }
  if (days < 1 || days > 90)
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID, _("--days must be 1 to 90"));
      goto fail;
    }

  db = hs_db_connect (opt_pg, &error);
  if (db == NULL || !hs_db_schema_current (db, &error))
    goto fail;
  code = hs_enroll_create_code (db, role, role == HS_ROLE_CLERK ? office : scope, (guint) days, &expires, &error);
  if (code == NULL)
    goto fail;
  when = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
  g_print ("%s\n", code);
  g_printerr (_("One-time enrolment code for a %s device; valid until %s\n"), role_name, when);
  return 0;

fail:
  g_printerr ("hotich-server: %s\n", error->message);
  return 1;
}

/* ---- stats ---- */

static int
cmd_stats (int    argc,
           char **argv)
{
  g_autofree char *scope_code = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope_code, N_("Province, pre-2025 district or commune code"), N_("CODE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the period"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the period"), N_("YYYY-MM-DD") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json (default) or csv"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) db = NULL;
  g_autoptr(HsScope) scope = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autofree char *csv = NULL;
  GDate from, to;
  gboolean want_csv;

  if (!parse_command ("stats", entries, &argc, &argv, &error))
    goto fail;
  if (scope_code == NULL || from_text == NULL || to_text == NULL)
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID, _("stats needs --scope, --from and --to"));
      goto fail;
    }
  if (!ht_date_parse (from_text, &from) || !ht_date_parse (to_text, &to) || g_date_compare (&from, &to) > 0)
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID, _("--from and --to must be dates (YYYY-MM-DD), in order"));
      goto fail;
    }
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv"))
    {
      g_set_error (&error, HS_ERROR, HS_ERROR_INVALID, _("--format must be json or csv"));
      goto fail;
    }
  want_csv = format != NULL && g_str_equal (format, "csv");

  scope = hs_scope_new (scope_code, &error);
  if (scope == NULL)
    goto fail;
  db = hs_db_connect (opt_pg, &error);
  if (db == NULL || !hs_db_schema_current (db, &error))
    goto fail;
  json = hs_stats_compute (db, scope, &from, &to, want_csv ? &csv : NULL, &error);
  if (json == NULL)
    goto fail;
  if (want_csv)
    g_print ("%s", csv);
  else
    {
      g_autofree char *text = cJSON_Print (json);
      g_print ("%s\n", text);
    }
  return 0;

fail:
  g_printerr ("hotich-server: %s\n", error->message);
  return 1;
}

/* ---- main ---- */

int
hs_cli_main (int    argc,
             char **argv)
{
  static const struct
  {
    const char *name;
    int       (*run) (int argc, char **argv);
  } commands[] = {
    { "migrate", cmd_migrate },
    { "serve", cmd_serve },
    { "enroll-code", cmd_enroll_code },
    { "stats", cmd_stats },
  };
  g_autofree char *pg = NULL;
  int i = 1;

  if (sodium_init () < 0)
    {
      g_printerr ("hotich-server: %s\n", _("libsodium cannot be initialised"));
      return 1;
    }
  signal (SIGPIPE, SIG_IGN);
  g_log_set_writer_func (log_writer, NULL, NULL);

  /* Global options come before the command. */
  pg = g_strdup (g_getenv ("HOTICH_PG"));
  for (; i < argc && g_str_has_prefix (argv[i], "-"); i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return 0;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          g_print ("hotich-server %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_equal (argv[i], "--pg") && i + 1 < argc)
        {
          g_free (pg);
          pg = g_strdup (argv[++i]);
          continue;
        }
      if (g_str_has_prefix (argv[i], "--pg="))
        {
          g_free (pg);
          pg = g_strdup (argv[i] + strlen ("--pg="));
          continue;
        }
      g_printerr (_("hotich-server: unknown option “%s”\n"), argv[i]);
      print_usage (stderr);
      return 2;
    }
  if (i == argc)
    {
      print_usage (stderr);
      return 2;
    }
  opt_pg = pg;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return commands[c].run (argc - i, argv + i);

  g_printerr (_("hotich-server: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  return 2;
}
