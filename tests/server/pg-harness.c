/* pg-harness.c — a throwaway PostgreSQL cluster and hotich-server processes for tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pg-harness.h"

#define PG_ROOT "/usr/lib/postgresql"
/* How long a starting server may take to print its port. */
#define SERVER_START_TIMEOUT_US (30 * G_USEC_PER_SEC)

struct _HsPg
{
  char   *dir;
  char   *data;
  char   *bin;
  char   *conninfo;
  uid_t   uid;   /* who runs PostgreSQL: postgres when we are root */
  gid_t   gid;
  gboolean as_postgres;
  pid_t   owner; /* the process that started it, and only it, cleans up */
};

struct _HsTestServer
{
  HsPg      *pg;
  GStrv      args;      /* serve's arguments after --listen */
  char      *url;
  char      *log;
  guint      port;
  GPid       pid;
  pid_t      owner;     /* the process that spawned it kills it at exit */
};

/* What the exit handler must clean up. */
static HsPg *live_pg = NULL;
static GPtrArray *live_servers = NULL; /* HsTestServer*, borrowed */

/* ---- Running programs ---- */

typedef struct
{
  gboolean drop;
  uid_t    uid;
  gid_t    gid;
  int      stderr_fd;
} ChildSetup;

static void
child_setup (gpointer user_data)
{
  ChildSetup *setup = user_data;

  /* Runs in the child between fork and exec: only async-signal-safe calls. */
  if (setup->stderr_fd >= 0)
    dup2 (setup->stderr_fd, STDERR_FILENO);
  if (setup->drop)
    {
      if (setgroups (0, NULL) != 0 || setgid (setup->gid) != 0 || setuid (setup->uid) != 0)
        _exit (126);
    }
}

static gboolean
run (HsPg               *self,
     const char *const  *argv,
     gboolean            as_postgres,
     char              **out,
     GError            **error)
{
  ChildSetup setup = { as_postgres && self->as_postgres, self->uid, self->gid, -1 };
  g_autofree char *child_out = NULL;
  g_autofree char *child_err = NULL;
  int status = 0;

  if (!g_spawn_sync (self != NULL ? self->dir : NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                     child_setup, &setup, &child_out, &child_err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "%s failed: %s%s", argv[0],
                   child_err != NULL ? child_err : "", child_out != NULL ? child_out : "");
      return FALSE;
    }
  if (out != NULL)
    *out = g_steal_pointer (&child_out);
  return TRUE;
}

/* The newest PostgreSQL under /usr/lib/postgresql/<version>/bin, or NULL. */
static char *
find_bin (void)
{
  g_autoptr(GDir) dir = g_dir_open (PG_ROOT, 0, NULL);
  const char *name;
  char *best = NULL;
  int best_version = -1;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *initdb = g_build_filename (PG_ROOT, name, "bin", "initdb", NULL);
      int version = atoi (name);

      if (version > best_version && g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_free (best);
          best = g_build_filename (PG_ROOT, name, "bin", NULL);
          best_version = version;
        }
    }
  return best;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* ---- Clean-up at exit ---- */

static void
cleanup_at_exit (void)
{
  if (live_servers != NULL)
    for (guint i = 0; i < live_servers->len; i++)
      {
        HsTestServer *server = g_ptr_array_index (live_servers, i);
        if (server->pid > 0 && server->owner == getpid ())
          {
            kill (server->pid, SIGKILL);
            waitpid (server->pid, NULL, 0);
            server->pid = 0;
          }
      }
  if (live_pg != NULL && live_pg->owner == getpid ())
    hs_pg_stop (live_pg);
}

static void
cleanup_on_signal (int signum)
{
  cleanup_at_exit ();
  signal (signum, SIG_DFL);
  raise (signum);
}

/* ---- The cluster ---- */

static gboolean
install_postgresql (GError **error)
{
  const char *const update[] = { "apt-get", "update", "-qq", NULL };
  const char *const install[] = { "apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql", NULL };

  if (getuid () != 0)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT,
                   "PostgreSQL is not installed (no %s/*/bin/initdb) and installing it needs root", PG_ROOT);
      return FALSE;
    }
  g_printerr ("pg-harness: PostgreSQL is missing; running apt-get install -y postgresql\n");
  g_setenv ("DEBIAN_FRONTEND", "noninteractive", TRUE);
  /* A stale package list only makes the install fail, which reports. */
  run (NULL, update, FALSE, NULL, NULL);
  return run (NULL, install, FALSE, NULL, error);
}

HsPg *
hs_pg_start (GError **error)
{
  HsPg *self;
  g_autofree char *bin = find_bin ();
  g_autofree char *initdb = NULL;
  PGconn *conn;
  PGresult *result;

  if (bin == NULL)
    {
      if (!install_postgresql (error))
        return NULL;
      bin = find_bin ();
      if (bin == NULL)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT, "apt-get installed no %s/*/bin/initdb", PG_ROOT);
          return NULL;
        }
    }

  self = g_new0 (HsPg, 1);
  self->bin = g_steal_pointer (&bin);
  self->owner = getpid ();
  self->dir = g_dir_make_tmp ("hotich-pg-XXXXXX", error);
  if (self->dir == NULL)
    {
      g_free (self->bin);
      g_free (self);
      return NULL;
    }
  self->data = g_build_filename (self->dir, "data", NULL);
  self->uid = getuid ();
  self->gid = getgid ();
  if (getuid () == 0)
    {
      /* PostgreSQL will not run as root; the Debian package made a
       * "postgres" user for it. */
      struct passwd *pw = getpwnam ("postgres");
      if (pw == NULL)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                       "running as root, and there is no \"postgres\" user to run PostgreSQL as");
          remove_tree (self->dir);
          g_free (self->dir);
          g_free (self->data);
          g_free (self->bin);
          g_free (self);
          return NULL;
        }
      self->uid = pw->pw_uid;
      self->gid = pw->pw_gid;
      self->as_postgres = TRUE;
      if (chown (self->dir, self->uid, self->gid) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "chown %s: %s", self->dir, g_strerror (errno));
          hs_pg_stop (self);
          return NULL;
        }
    }
  g_chmod (self->dir, 0755);

  live_pg = self;
  atexit (cleanup_at_exit);
  signal (SIGTERM, cleanup_on_signal);
  signal (SIGINT, cleanup_on_signal);

  initdb = g_build_filename (self->bin, "initdb", NULL);
  {
    const char *const init_argv[] = { initdb, "-D", self->data, "-U", "postgres", "-A", "trust",
                                      "-E", "UTF8", "--no-locale", NULL };
    if (!run (self, init_argv, TRUE, NULL, error) || !hs_pg_resume (self, error))
      {
        hs_pg_stop (self);
        return NULL;
      }
  }

  {
    g_autofree char *admin = g_strdup_printf ("host=%s dbname=postgres user=postgres", self->dir);
    conn = PQconnectdb (admin);
    result = PQstatus (conn) == CONNECTION_OK ? PQexec (conn, "CREATE DATABASE hotich") : NULL;
    if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
      {
        g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "cannot create the test database: %s",
                     PQerrorMessage (conn));
        PQclear (result);
        PQfinish (conn);
        hs_pg_stop (self);
        return NULL;
      }
    PQclear (result);
    PQfinish (conn);
  }
  self->conninfo = g_strdup_printf ("host=%s dbname=hotich user=postgres", self->dir);
  return self;
}

HsPg *
hs_pg_start_or_skip (void)
{
  g_autoptr(GError) error = NULL;
  HsPg *pg = hs_pg_start (&error);

  if (pg == NULL)
    {
      g_printerr ("SKIP: cannot start a PostgreSQL cluster: %s\n", error->message);
      exit (HS_TEST_SKIP);
    }
  return pg;
}

gboolean
hs_pg_resume (HsPg    *self,
              GError **error)
{
  g_autofree char *pg_ctl = g_build_filename (self->bin, "pg_ctl", NULL);
  g_autofree char *logfile = g_build_filename (self->dir, "postgresql.log", NULL);
  /* Unix socket in our directory only: nothing else can reach it and two
   * suites never collide on a port. */
  g_autofree char *options = g_strdup_printf ("-c listen_addresses='' -k %s -c max_connections=300 %s", self->dir,
                                              g_getenv ("HOTICH_TEST_PG_OPTIONS") != NULL
                                                ? g_getenv ("HOTICH_TEST_PG_OPTIONS") : "");
  const char *const start_argv[] = { pg_ctl, "-D", self->data, "-o", options, "-l", logfile,
                                     "-w", "-t", "60", "start", NULL };

  return run (self, start_argv, TRUE, NULL, error);
}

gboolean
hs_pg_pause (HsPg    *self,
             GError **error)
{
  g_autofree char *pg_ctl = g_build_filename (self->bin, "pg_ctl", NULL);
  const char *const stop_argv[] = { pg_ctl, "-D", self->data, "-m", "fast", "-w", "stop", NULL };

  return run (self, stop_argv, TRUE, NULL, error);
}

const char *
hs_pg_conninfo (HsPg *self)
{
  return self->conninfo;
}

const char *
hs_pg_dir (HsPg *self)
{
  return self->dir;
}

void
hs_pg_stop (HsPg *self)
{
  if (self == NULL || self->dir == NULL)
    return;
  if (self->data != NULL && g_file_test (self->data, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *pg_ctl = g_build_filename (self->bin, "pg_ctl", NULL);
      const char *const stop_argv[] = { pg_ctl, "-D", self->data, "-m", "fast", "-w", "stop", NULL };
      run (self, stop_argv, TRUE, NULL, NULL);
    }
  remove_tree (self->dir);
  g_clear_pointer (&self->dir, g_free);
  if (live_pg == self)
    live_pg = NULL;
}

PGconn *
hs_pg_connect (HsPg *self)
{
  PGconn *conn = PQconnectdb (self->conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test database: %s", PQerrorMessage (conn));
  return conn;
}

char *
hs_pg_query_value (HsPg               *self,
                   const char         *sql,
                   const char *const  *params)
{
  PGconn *conn = hs_pg_connect (self);
  int n = params != NULL ? (int) g_strv_length ((char **) params) : 0;
  PGresult *result = PQexecParams (conn, sql, n, NULL, params, NULL, NULL, 0);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

gint64
hs_pg_query_int (HsPg               *self,
                 const char         *sql,
                 const char *const  *params)
{
  g_autofree char *value = hs_pg_query_value (self, sql, params);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* ---- hotich-server ---- */

static const char *
server_binary (void)
{
  const char *path = g_getenv ("HOTICH_SERVER");

  if (path == NULL)
    g_error ("HOTICH_SERVER is not set (the path of the hotich-server binary)");
  return path;
}

char *
hs_test_run_cli (const char         *conninfo,
                 const char *const  *args,
                 GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) server_binary ());
  g_ptr_array_add (argv, (gpointer) "--pg");
  g_ptr_array_add (argv, (gpointer) conninfo);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "hotich-server %s failed: %s", args[0], err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

char *
hs_test_enroll_code (const char *conninfo,
                     const char *role,
                     const char *office_or_scope)
{
  g_autoptr(GError) error = NULL;
  const char *const args[] = { "enroll-code", "--role", role,
                               g_str_equal (role, "clerk") ? "--office" : "--scope", office_or_scope, NULL };
  const char *const admin_args[] = { "enroll-code", "--role", role, NULL };
  char *out = hs_test_run_cli (conninfo, office_or_scope != NULL ? args : admin_args, &error);

  if (out == NULL)
    g_error ("%s", error->message);
  return g_strstrip (out);
}

static gboolean
spawn_server (HsTestServer  *self,
              const char    *listen,
              GError       **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  ChildSetup setup = { FALSE, 0, 0, -1 };
  gint64 deadline = g_get_monotonic_time () + SERVER_START_TIMEOUT_US;
  GString *line = g_string_new (NULL);
  int out_fd = -1;
  gboolean ok = FALSE;

  g_ptr_array_add (argv, (gpointer) server_binary ());
  g_ptr_array_add (argv, (gpointer) "--pg");
  g_ptr_array_add (argv, (gpointer) hs_pg_conninfo (self->pg));
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) listen);
  for (guint i = 0; self->args[i] != NULL; i++)
    g_ptr_array_add (argv, self->args[i]);
  g_ptr_array_add (argv, NULL);

  setup.stderr_fd = open (self->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 child_setup, &setup, &self->pid, NULL, &out_fd, NULL, error))
    {
      close (setup.stderr_fd);
      g_string_free (line, TRUE);
      return FALSE;
    }
  close (setup.stderr_fd);
  self->owner = getpid ();
  if (live_servers == NULL)
    live_servers = g_ptr_array_new ();
  if (!g_ptr_array_find (live_servers, self, NULL))
    g_ptr_array_add (live_servers, self);

  /* Reads "listening on 127.0.0.1:PORT\n", byte by byte, with a deadline. */
  fcntl (out_fd, F_SETFL, O_NONBLOCK);
  while (g_get_monotonic_time () < deadline)
    {
      char c;
      ssize_t n = read (out_fd, &c, 1);

      if (n == 1 && c == '\n')
        {
          const char *colon = strrchr (line->str, ':');
          if (g_str_has_prefix (line->str, "listening on ") && colon != NULL)
            {
              self->port = (guint) atoi (colon + 1);
              ok = self->port > 0;
            }
          break;
        }
      if (n == 1)
        g_string_append_c (line, c);
      else if (n == 0)
        break;
      else
        g_usleep (5000);
    }
  close (out_fd);
  g_string_free (line, TRUE);

  if (!ok)
    {
      g_autofree char *log = NULL;
      g_file_get_contents (self->log, &log, NULL, NULL);
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "hotich-server did not start; its log:\n%s",
                   log != NULL ? log : "");
      kill (self->pid, SIGKILL);
      waitpid (self->pid, NULL, 0);
      self->pid = 0;
      return FALSE;
    }
  g_free (self->url);
  self->url = g_strdup_printf ("%s://127.0.0.1:%u",
                               g_strv_contains ((const char *const *) self->args, "--tls-cert") ? "https" : "http",
                               self->port);
  return TRUE;
}

HsTestServer *
hs_test_server_start (HsPg               *pg,
                      const char *const  *extra_args,
                      GError            **error)
{
  static guint counter;
  const char *const migrate[] = { "migrate", NULL };
  g_autofree char *out = NULL;
  HsTestServer *self;
  GStrvBuilder *args;

  out = hs_test_run_cli (hs_pg_conninfo (pg), migrate, error);
  if (out == NULL)
    return NULL;

  self = g_new0 (HsTestServer, 1);
  self->pg = pg;
  args = g_strv_builder_new ();
  g_strv_builder_add (args, "--threads");
  g_strv_builder_add (args, "4");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_strv_builder_add (args, extra_args[i]);
  self->args = g_strv_builder_end (args);
  g_strv_builder_unref (args);
  self->log = g_strdup_printf ("%s/server-%d-%u.log", hs_pg_dir (pg), (int) getpid (), ++counter);

  if (!spawn_server (self, "127.0.0.1:0", error))
    {
      hs_test_server_free (self);
      return NULL;
    }
  return self;
}

const char *
hs_test_server_url (HsTestServer *self)
{
  return self->url;
}

guint
hs_test_server_port (HsTestServer *self)
{
  return self->port;
}

GPid
hs_test_server_pid (HsTestServer *self)
{
  return self->pid;
}

GPid
hs_pg_postmaster_pid (HsPg *self)
{
  g_autofree char *path = g_build_filename (self->data, "postmaster.pid", NULL);
  g_autofree char *text = NULL;

  /* Its first line is the postmaster's process id. */
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  return (GPid) g_ascii_strtoll (text, NULL, 10);
}

const char *
hs_test_server_log (HsTestServer *self)
{
  return self->log;
}

void
hs_test_server_kill (HsTestServer *self,
                     int           signum)
{
  if (self->pid <= 0)
    return;
  kill (self->pid, signum);
  waitpid (self->pid, NULL, 0);
  self->pid = 0;
}

gboolean
hs_test_server_restart (HsTestServer  *self,
                        GError       **error)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", self->port);

  hs_test_server_kill (self, SIGTERM);
  /* The port was just released; a few tries cover a slow close. */
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      if (spawn_server (self, listen, &local))
        return TRUE;
      if (attempt == 20)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_usleep (100 * 1000);
    }
}

/* A server built with AddressSanitizer or UndefinedBehaviorSanitizer
 * reports to its log, which nobody else reads: a report fails the test. */
static void
check_sanitizers (HsTestServer *self)
{
  static const char *const markers[] = { "AddressSanitizer", "LeakSanitizer", "runtime error:" };
  g_autofree char *log = NULL;

  if (!g_file_get_contents (self->log, &log, NULL, NULL))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strstr (log, markers[i]) != NULL)
      g_error ("hotich-server reported a sanitizer error; its log:\n%s", log);
}

void
hs_test_server_free (HsTestServer *self)
{
  if (self == NULL)
    return;
  hs_test_server_kill (self, SIGTERM);
  check_sanitizers (self);
  if (live_servers != NULL)
    g_ptr_array_remove (live_servers, self);
  g_strfreev (self->args);
  g_free (self->url);
  g_free (self->log);
  g_free (self);
}
