/* pg-harness.h — a throwaway PostgreSQL cluster and hotich-server processes for tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hs_pg_start() runs initdb and pg_ctl in a new temporary directory (as the
 * "postgres" system user when running as root, since PostgreSQL refuses to
 * run as root), listening on a unix socket in that directory only, with the
 * default durability settings ($HOTICH_TEST_PG_OPTIONS adds server
 * options, e.g. "-c shared_preload_libraries=pg_stat_statements" when
 * profiling).  Everything is stopped and removed when the process that
 * started it exits, also after a failed assertion.
 *
 * hs_test_server_start() runs "hotich-server migrate" and then
 * "hotich-server serve --listen 127.0.0.1:0", and reads the port it prints.
 * The binary is taken from $HOTICH_SERVER.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The exit status of a test program that cannot run here (meson: skipped). */
#define HS_TEST_SKIP 77

typedef struct _HsPg HsPg;

/* Starts a cluster with an empty database "hotich".  On failure the error
 * says why; tests then exit HS_TEST_SKIP.  If PostgreSQL is not installed
 * and the process is root, installs it with apt-get first. */
HsPg       *hs_pg_start     (GError **error);
/* "host=<dir> dbname=hotich user=postgres" */
const char *hs_pg_conninfo  (HsPg    *self);
/* The temporary directory (logs of the servers go there too). */
const char *hs_pg_dir       (HsPg    *self);
/* The process id of the cluster's postmaster (its backends are its
 * children), 0 if it is not running. */
GPid        hs_pg_postmaster_pid (HsPg   *self);
/* Stops the cluster and removes its directory (also done at exit). */
void        hs_pg_stop      (HsPg    *self);

/* Stops the cluster's server and starts it again (the directory stays):
 * for tests of a database that went away. */
gboolean    hs_pg_pause     (HsPg    *self,
                             GError **error);
gboolean    hs_pg_resume    (HsPg    *self,
                             GError **error);

/* Starts a cluster or exits the process with HS_TEST_SKIP and the reason. */
HsPg       *hs_pg_start_or_skip (void);

typedef struct _HsTestServer HsTestServer;

/* Runs "hotich-server --pg CONNINFO ARGS…" and waits for it; returns its
 * stdout, or NULL with "error" (its stderr in the message). */
char         *hs_test_run_cli       (const char         *conninfo,
                                     const char *const  *args,
                                     GError            **error);
/* A one-time enrolment code made with the CLI. */
char         *hs_test_enroll_code   (const char  *conninfo,
                                     const char  *role,
                                     const char  *office_or_scope);

/* Migrates, then starts "serve" on a free loopback port with "--threads 4"
 * and "extra_args" (NULL-terminated, may be NULL); its log goes to a file. */
HsTestServer *hs_test_server_start  (HsPg               *pg,
                                     const char *const  *extra_args,
                                     GError            **error);
/* "http://127.0.0.1:PORT" ("https" when started with --tls-cert) */
const char   *hs_test_server_url    (HsTestServer *self);
guint         hs_test_server_port   (HsTestServer *self);
/* The server's process id (for measuring it, as the benchmark does). */
GPid          hs_test_server_pid    (HsTestServer *self);
const char   *hs_test_server_log    (HsTestServer *self);
/* Sends a signal and waits for the process to end. */
void          hs_test_server_kill   (HsTestServer *self,
                                     int           signal);
/* Starts the same server again on the same port. */
gboolean      hs_test_server_restart (HsTestServer  *self,
                                      GError       **error);
void          hs_test_server_free   (HsTestServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsTestServer, hs_test_server_free)

/* Connects to the test database; fails the process on error. */
PGconn       *hs_pg_connect         (HsPg *self);
/* The first column of the first row of a query, as text (NULL for no
 * row); "params" are text and NULL-terminated.  Aborts on an SQL error. */
char         *hs_pg_query_value     (HsPg               *self,
                                     const char         *sql,
                                     const char *const  *params);
gint64        hs_pg_query_int       (HsPg               *self,
                                     const char         *sql,
                                     const char *const  *params);

G_END_DECLS
