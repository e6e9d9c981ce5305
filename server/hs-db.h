/* hs-db.h — PostgreSQL connections, statements and migrations for hotich-server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every statement goes through PQexecParams with parameters, text or (for
 * a push's arrays) PostgreSQL's binary format: values are never written
 * into SQL text.  libpq failures become GErrors of HS_DB_ERROR
 * here, at the boundary, with the SQLSTATE deciding the code.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

#define HS_DB_ERROR (hs_db_error_quark ())
GQuark hs_db_error_quark (void);

typedef enum {
  HS_DB_ERROR_FAILED,      /* the statement failed; a bug or bad data */
  HS_DB_ERROR_UNAVAILABLE, /* no connection to the database */
  HS_DB_ERROR_RETRY,       /* deadlock or serialization failure: run the transaction again */
  HS_DB_ERROR_UNIQUE,      /* a unique or exclusion constraint refused a row */
} HsDbError;

/* Opens a connection; "conninfo" as libpq takes it (NULL or "" = PG* variables). */
PGconn    *hs_db_connect      (const char  *conninfo,
                               GError     **error);

/* A fixed number of connections lent to request handlers: a handler waits
 * for a free one, so at most "size" requests work on the database at once,
 * however many devices are connected. */
typedef struct _HsDbPool HsDbPool;

HsDbPool  *hs_db_pool_new     (const char  *conninfo,
                               guint        size);
void       hs_db_pool_free    (HsDbPool    *self);
/* Waits for a connection; opens or replaces it if needed.  NULL (with
 * HS_DB_ERROR_UNAVAILABLE) when PostgreSQL cannot be reached. */
PGconn    *hs_db_pool_acquire (HsDbPool    *self,
                               GError     **error);
/* Gives the calling thread's connection back; it must be idle (no open
 * transaction) or it is replaced on its next loan. */
void       hs_db_pool_release (HsDbPool    *self,
                               PGconn      *conn);

/* Runs a statement with text parameters (NULL = SQL NULL).  Returns the
 * result on success (tuples or command OK), NULL with "error" set otherwise. */
PGresult  *hs_db_exec         (PGconn             *conn,
                               const char         *sql,
                               int                 n_params,
                               const char *const  *params,
                               GError            **error);
/* The same as a named prepared statement on a pooled connection
 * (hs_db_pool_acquire()), prepared on first use: "name" must be a static
 * string that always comes with the same "sql".  Statements on partitioned
 * tables cost more to plan than to run, so the hot paths use these. */
PGresult  *hs_db_exec_named   (PGconn             *conn,
                               const char         *name,
                               const char         *sql,
                               int                 n_params,
                               const char *const  *params,
                               GError            **error);
/* The same for statements whose result is not needed. */
gboolean   hs_db_run          (PGconn             *conn,
                               const char         *sql,
                               int                 n_params,
                               const char *const  *params,
                               GError            **error);

/* Runs a query and calls "func" on each row as it arrives (single-row
 * mode), so that a large result is never held whole.  "func" returns FALSE
 * to stop early (not an error). */
typedef gboolean (*HsDbRowFunc) (const PGresult *row,
                                 gpointer        user_data);
gboolean   hs_db_each_row     (PGconn             *conn,
                               const char         *sql,
                               int                 n_params,
                               const char *const  *params,
                               HsDbRowFunc         func,
                               gpointer            user_data,
                               GError            **error);

/* Bulk appends: rows in COPY's text format, built with hs_db_copy_row()
 * (NULL for SQL NULL; tabs, newlines and backslashes escaped), then sent
 * with "COPY table (columns) FROM STDIN".  COPY is the cheapest way to
 * append many rows; the values still never become SQL text. */
void       hs_db_copy_row     (GString           *rows,
                               guint              n_values,
                               const char *const *values);
gboolean   hs_db_copy         (PGconn      *conn,
                               const char  *sql,
                               GString     *rows,
                               GError     **error);

/* Statements sent together in one round trip (libpq pipeline mode) and
 * run in order: a push's reads, then its writes and commit.  Every round
 * trip costs both processes a sleep and a wake-up, which on a busy
 * machine is more than most of these statements cost to run.  Names and
 * SQL are static strings, as for hs_db_exec_named(); parameters are
 * copied.  If one statement fails, the ones after it are not run (the
 * transaction is then aborted) and hs_db_steps_run() reports the first
 * error. */
typedef struct _HsDbSteps HsDbSteps;

HsDbSteps *hs_db_steps_new    (void);
void       hs_db_steps_free   (HsDbSteps *steps);
/* Adds a statement; returns its index for hs_db_steps_result(). */
guint      hs_db_steps_add    (HsDbSteps          *steps,
                               const char         *name,
                               const char         *sql,
                               int                 n_params,
                               const char *const  *params);
/* The same, taking the parameters (g_free()d with the steps). */
guint      hs_db_steps_add_owned (HsDbSteps   *steps,
                                  const char  *name,
                                  const char  *sql,
                                  int          n_params,
                                  char       **params);
guint      hs_db_steps_len    (HsDbSteps *steps);
/* Sends every statement added since the last run and reads their results. */
gboolean   hs_db_steps_run    (PGconn     *conn,
                               HsDbSteps  *steps,
                               GError    **error);
/* The result of statement "index" of the last run (owned by the steps). */
PGresult  *hs_db_steps_result (HsDbSteps *steps,
                               guint      index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsDbSteps, hs_db_steps_free)

/* Array literals for array parameters ("$1::uuid[]", "$1::text[]"): UUIDs
 * as they are (checked to be hex and dashes), any other text quoted. */
char      *hs_db_uuid_array   (GPtrArray *ids);
char      *hs_db_text_array   (GPtrArray *items);

/* Array parameters in PostgreSQL's binary format ("$1::uuid[]",
 * "$1::text[]", "$1::int[]"), built element by element: PostgreSQL reads
 * them without parsing a literal.  NULL adds SQL NULL; a UUID is given in
 * its usual text form; integers are added with hs_db_array_add_int(). */
typedef enum {
  HS_DB_ARRAY_TEXT,
  HS_DB_ARRAY_UUID,
  HS_DB_ARRAY_INT4,
} HsDbArrayType;
typedef struct _HsDbArray HsDbArray;

HsDbArray *hs_db_array_new    (HsDbArrayType  type);
void       hs_db_array_free   (HsDbArray     *array);
void       hs_db_array_add    (HsDbArray     *array,
                               const char    *value);
void       hs_db_array_add_int (HsDbArray    *array,
                                gint32        value);
guint      hs_db_array_len    (HsDbArray     *array);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsDbArray, hs_db_array_free)
/* Adds a statement whose parameters are "n_text" text values ($1…, copied)
 * followed by "n_arrays" arrays in binary format, which it takes (each
 * pointer is set to NULL).  FALSE, adding nothing, if an array holds a
 * value that is not a UUID where one was wanted. */
gboolean   hs_db_steps_add_arrays (HsDbSteps          *steps,
                                   const char         *name,
                                   const char         *sql,
                                   int                 n_text,
                                   const char *const  *text,
                                   int                 n_arrays,
                                   HsDbArray         **arrays,
                                   GError            **error);
/* Adds the statement of hs_db_lock_change_log() to "steps". */
void       hs_db_steps_lock_change_log (HsDbSteps *steps);

gboolean   hs_db_begin        (PGconn  *conn,
                               GError **error);
gboolean   hs_db_commit       (PGconn  *conn,
                               GError **error);
/* Rolls back, ignoring errors (the connection may be gone). */
void       hs_db_rollback     (PGconn  *conn);

/* Value helpers: NULL for SQL NULL. */
const char *hs_db_value       (const PGresult *result,
                               int             row,
                               int             column);
gint64      hs_db_int         (const PGresult *result,
                               int             row,
                               int             column);

/* Marks the transaction as a change-log writer until it ends; call it
 * before inserting into change_log (see "the change log horizon" in
 * hs-db.c). */
gboolean   hs_db_lock_change_log (PGconn  *conn,
                                  GError **error);
/* The highest server_seq a pull may deliver now: every number at or below
 * it is committed or will never be. */
gboolean   hs_db_change_log_horizon (PGconn  *conn,
                                     gint64  *horizon,
                                     GError **error);

/* Applies the migrations embedded from schema/central/ that are not yet
 * recorded, each in its own transaction.  Returns how many were applied. */
gboolean   hs_db_migrate      (PGconn  *conn,
                               guint   *n_applied,
                               GError **error);

/* TRUE if the schema is at the newest migration. */
gboolean   hs_db_schema_current (PGconn  *conn,
                                 GError **error);

G_END_DECLS
