/* hs-db.c — PostgreSQL connections, statements and migrations for hotich-server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "hs-db.h"
#include "hs-db-private.h"
#include "hs-resources.h"

#define RESOURCE_SCHEMA "/vn/gov/hotich/server/schema/central"

/* An arbitrary constant shared by every hotich-server process: the key of
 * the advisory lock that serialises migrations. */
#define LOCK_MIGRATE    G_GINT64_CONSTANT (0x686f74696368) /* "hotich" */

G_DEFINE_QUARK (hs-db-error-quark, hs_db_error)

static void
ignore_notice (void       *arg,
               const char *message)
{
  /* NOTICEs ("relation already exists, skipping") are expected during
   * migrations and say nothing the operator needs. */
}

PGconn *
hs_db_connect (const char  *conninfo,
               GError     **error)
{
  PGconn *conn = PQconnectdb (conninfo != NULL ? conninfo : "");

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *reason = g_strdup (conn != NULL ? PQerrorMessage (conn) : "out of memory");
      g_strchomp (reason);
      g_set_error (error, HS_DB_ERROR, HS_DB_ERROR_UNAVAILABLE,
                   _("Cannot connect to PostgreSQL: %s"), reason);
      if (conn != NULL)
        PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);

  /* Our statements are short and many: compiling them (JIT) costs far more
   * than it saves, and PostgreSQL 15 does it whenever a plan's estimated
   * cost is high, which bulk statements over a batch often are. */
  {
    PGresult *result = PQexec (conn, "SET jit = off");
    if (PQresultStatus (result) != PGRES_COMMAND_OK)
      {
        g_autofree char *reason = g_strdup (PQerrorMessage (conn));
        g_strchomp (reason);
        g_set_error (error, HS_DB_ERROR, HS_DB_ERROR_FAILED, _("Cannot set up the PostgreSQL session: %s"), reason);
        PQclear (result);
        PQfinish (conn);
        return NULL;
      }
    PQclear (result);
  }
  return conn;
}

/* A pooled connection and the statements prepared on it. */
typedef struct
{
  PGconn     *conn;
  GHashTable *prepared; /* statement names */
} Pooled;

/* A thread waiting for a connection.  Waiters are served in the order
 * they came, and a connection given back goes straight to the first of
 * them: with hundreds of devices connected, a free-for-all lets some
 * requests wait for ever while others barge in. */
typedef struct
{
  GCond   ready;
  Pooled *pooled;
} Waiter;

struct _HsDbPool
{
  GMutex     lock;
  char      *conninfo;
  GPtrArray *idle;      /* Pooled*, ready to lend */
  GPtrArray *all;       /* Pooled*, lent or idle */
  GQueue     waiters;   /* Waiter*, first come first served */
  guint      size;
};

/* The connection the calling thread borrowed, for hs_db_exec_named(). */
static GPrivate current_pooled;

GHashTable *
hs_db_prepared_names (PGconn *conn)
{
  Pooled *p = g_private_get (&current_pooled);

  return p != NULL && p->conn == conn ? p->prepared : NULL;
}

static void
pooled_free (Pooled *p)
{
  if (p->conn != NULL)
    PQfinish (p->conn);
  g_hash_table_unref (p->prepared);
  g_free (p);
}

HsDbPool *
hs_db_pool_new (const char *conninfo,
                guint       size)
{
  HsDbPool *self = g_new0 (HsDbPool, 1);

  g_mutex_init (&self->lock);
  g_queue_init (&self->waiters);
  self->conninfo = g_strdup (conninfo);
  self->idle = g_ptr_array_new ();
  self->all = g_ptr_array_new_with_free_func ((GDestroyNotify) pooled_free);
  self->size = MAX (size, 1);
  return self;
}

void
hs_db_pool_free (HsDbPool *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->idle);
  g_ptr_array_unref (self->all);
  g_mutex_clear (&self->lock);
  g_free (self->conninfo);
  g_free (self);
}

/* Gives "p" to the first waiter, or makes it idle; called locked. */
static void
hand_over (HsDbPool *self,
           Pooled   *p)
{
  Waiter *first = g_queue_pop_head (&self->waiters);

  if (first != NULL)
    {
      first->pooled = p;
      g_cond_signal (&first->ready);
    }
  else
    g_ptr_array_add (self->idle, p);
}

PGconn *
hs_db_pool_acquire (HsDbPool  *self,
                    GError   **error)
{
  Pooled *p = NULL;

  g_mutex_lock (&self->lock);
  if (self->idle->len > 0)
    p = g_ptr_array_steal_index (self->idle, self->idle->len - 1);
  else if (self->all->len < self->size)
    {
      /* Opened lazily, below, outside the lock; the slot is taken now. */
      p = g_new0 (Pooled, 1);
      p->prepared = g_hash_table_new (g_str_hash, g_str_equal);
      g_ptr_array_add (self->all, p);
    }
  else
    {
      Waiter waiter = { 0 };

      g_cond_init (&waiter.ready);
      g_queue_push_tail (&self->waiters, &waiter);
      while (waiter.pooled == NULL)
        g_cond_wait (&waiter.ready, &self->lock);
      g_cond_clear (&waiter.ready);
      p = waiter.pooled;
    }
  g_mutex_unlock (&self->lock);

  /* A lost or confused connection is replaced rather than repaired: a
   * fresh one is cheap and certainly clean.  Reading what is pending
   * notices a server that closed the connection while it was idle (a
   * restart), so the request does not fail on it. */
  if (p->conn != NULL &&
      (!PQconsumeInput (p->conn) || PQstatus (p->conn) != CONNECTION_OK ||
       PQtransactionStatus (p->conn) != PQTRANS_IDLE))
    {
      g_clear_pointer (&p->conn, PQfinish);
      g_hash_table_remove_all (p->prepared);
    }
  if (p->conn == NULL && (p->conn = hs_db_connect (self->conninfo, error)) != NULL)
    {
      /* Request handlers run prepared statements, whose generic plan is
       * made once from the table statistics of that moment and kept.  A
       * plan made while a table was nearly empty (a new database, or a
       * table that has grown since it was last analysed) scans it whole,
       * and then every push does, more slowly as the register grows: a
       * benchmark caught the heads' look-up reading all of record_heads
       * for every batch.  Every statement of these connections is written
       * for an index, so sequential scans are priced out; the statistics,
       * which read whole partitions, turn them back on for their own
       * transaction (hs-stats.c).
       *
       * Bitmap scans too: statements probe an index once per wanted key or
       * id, in nested loops, and a generic plan made from the statistics of
       * a table still small or analysed early (a key's hash estimated at
       * hundreds of rows) probed record_keys and the records' partitions
       * through a bitmap, which builds a bitmap and sizes the table (an
       * lseek) on every probe: about 40% more of the backend's CPU for the
       * batch's key look-up, whose probes find a row or none. */
      PGresult *result = PQexec (p->conn, "SET enable_seqscan = off; SET enable_bitmapscan = off");

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          hs_db_set_error (p->conn, result, error);
          g_clear_pointer (&p->conn, PQfinish);
        }
      PQclear (result);
    }
  if (p->conn == NULL)
    {
      g_mutex_lock (&self->lock);
      hand_over (self, p);
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  g_private_set (&current_pooled, p);
  return p->conn;
}

void
hs_db_pool_release (HsDbPool *self,
                    PGconn   *conn)
{
  Pooled *p = g_private_get (&current_pooled);

  g_return_if_fail (conn != NULL && p != NULL && p->conn == conn);

  g_private_set (&current_pooled, NULL);
  g_mutex_lock (&self->lock);
  hand_over (self, p);
  g_mutex_unlock (&self->lock);
}

static void
set_result_error (PGconn         *conn,
                  const PGresult *result,
                  GError        **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *constraint = result != NULL ? PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME) : NULL;
  HsDbError code = HS_DB_ERROR_FAILED;

  if (PQstatus (conn) != CONNECTION_OK || state == NULL)
    code = HS_DB_ERROR_UNAVAILABLE;
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
    code = HS_DB_ERROR_RETRY;
  else if (g_str_equal (state, "23505") || g_str_equal (state, "23P01"))
    code = HS_DB_ERROR_UNIQUE;
  else if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    code = HS_DB_ERROR_UNAVAILABLE;

  if (state == NULL)
    {
      g_autofree char *reason = g_strdup (PQerrorMessage (conn));
      g_strchomp (reason);
      g_set_error (error, HS_DB_ERROR, code, _("Database connection failed: %s"), reason);
    }
  else if (g_str_has_prefix (state, "22"))
    {
      /* Data exceptions quote the offending value, which may be personal
       * data; the state alone goes into messages and logs. */
      g_set_error (error, HS_DB_ERROR, code, _("Database error %s (invalid data)"), state);
    }
  else
    g_set_error (error, HS_DB_ERROR, code, _("Database error %s%s%s: %s"), state,
                 constraint != NULL ? " " : "", constraint != NULL ? constraint : "",
                 primary != NULL ? primary : "");
}

void
hs_db_set_error (PGconn         *conn,
                 const PGresult *result,
                 GError        **error)
{
  set_result_error (conn, result, error);
}

PGresult *
hs_db_exec (PGconn             *conn,
            const char         *sql,
            int                 n_params,
            const char *const  *params,
            GError            **error)
{
  PGresult *result;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL, NULL);

  result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  set_result_error (conn, result, error);
  if (result != NULL)
    PQclear (result);
  return NULL;
}

PGresult *
hs_db_exec_named (PGconn             *conn,
                  const char         *name,
                  const char         *sql,
                  int                 n_params,
                  const char *const  *params,
                  GError            **error)
{
  Pooled *tc = g_private_get (&current_pooled);
  PGresult *result;
  ExecStatusType status;

  /* Only a pooled long-lived connection keeps prepared statements; a
   * one-off connection (the command line) just runs the text. */
  if (tc == NULL || tc->conn != conn)
    return hs_db_exec (conn, sql, n_params, params, error);

  if (!g_hash_table_contains (tc->prepared, name))
    {
      result = PQprepare (conn, name, sql, n_params, NULL);
      if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_result_error (conn, result, error);
          PQclear (result);
          return NULL;
        }
      PQclear (result);
      g_hash_table_add (tc->prepared, (gpointer) name);
    }

  result = PQexecPrepared (conn, name, n_params, params, NULL, NULL, 0);
  status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  set_result_error (conn, result, error);
  if (result != NULL)
    PQclear (result);
  return NULL;
}

gboolean
hs_db_run (PGconn             *conn,
           const char         *sql,
           int                 n_params,
           const char *const  *params,
           GError            **error)
{
  g_autoptr(PGresult) result = hs_db_exec (conn, sql, n_params, params, error);

  return result != NULL;
}

gboolean
hs_db_each_row (PGconn             *conn,
                const char         *sql,
                int                 n_params,
                const char *const  *params,
                HsDbRowFunc         func,
                gpointer            user_data,
                GError            **error)
{
  gboolean wanted = TRUE;
  gboolean failed = FALSE;
  PGresult *result;

  if (!PQsendQueryParams (conn, sql, n_params, NULL, params, NULL, NULL, 0) || !PQsetSingleRowMode (conn))
    {
      set_result_error (conn, NULL, error);
      /* Drain whatever was sent, so the connection is usable again. */
      while ((result = PQgetResult (conn)) != NULL)
        PQclear (result);
      return FALSE;
    }
  /* Every result must be read, even after "func" stopped or a row failed,
   * before the connection takes the next statement. */
  while ((result = PQgetResult (conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (status == PGRES_SINGLE_TUPLE)
        {
          if (wanted && !failed)
            wanted = func (result, user_data);
        }
      else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && !failed)
        {
          set_result_error (conn, result, error);
          failed = TRUE;
        }
      PQclear (result);
    }
  return !failed;
}

void
hs_db_copy_row (GString           *rows,
                guint              n_values,
                const char *const *values)
{
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (rows, '\t');
      if (values[i] == NULL)
        {
          g_string_append (rows, "\\N");
          continue;
        }
      /* Runs without a character to escape are copied whole: a stored
       * document is kilobytes of them. */
      for (const char *p = values[i]; *p != '\0';)
        {
          gsize run = strcspn (p, "\\\n\r\t");

          g_string_append_len (rows, p, run);
          p += run;
          switch (*p)
            {
            case '\\': g_string_append (rows, "\\\\"); break;
            case '\n': g_string_append (rows, "\\n"); break;
            case '\r': g_string_append (rows, "\\r"); break;
            case '\t': g_string_append (rows, "\\t"); break;
            default: continue;  /* the end */
            }
          p++;
        }
    }
  g_string_append_c (rows, '\n');
}

gboolean
hs_db_copy (PGconn      *conn,
            const char  *sql,
            GString     *rows,
            GError     **error)
{
  PGresult *result;
  gboolean ok = TRUE;

  if (rows->len == 0)
    return TRUE;
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      set_result_error (conn, result, error);
      PQclear (result);
      return FALSE;
    }
  PQclear (result);
  if (PQputCopyData (conn, rows->str, (int) rows->len) != 1 || PQputCopyEnd (conn, NULL) != 1)
    {
      set_result_error (conn, NULL, error);
      ok = FALSE;
    }
  /* Read every result, so the connection is ready for the next statement. */
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_result_error (conn, result, error);
          ok = FALSE;
        }
      PQclear (result);
    }
  return ok;
}

/* A PostgreSQL array literal of UUIDs; they were checked to be plain
 * hex-and-dash text, so no element needs quoting. */
char *
hs_db_uuid_array (GPtrArray *ids)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, g_ptr_array_index (ids, i));
    }
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* A PostgreSQL array literal of any text: every element quoted. */
char *
hs_db_text_array (GPtrArray *items)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, '"');
      for (const char *p = g_ptr_array_index (items, i); *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '"');
    }
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

gboolean
hs_db_begin (PGconn  *conn,
             GError **error)
{
  return hs_db_run (conn, "BEGIN", 0, NULL, error);
}

gboolean
hs_db_commit (PGconn  *conn,
              GError **error)
{
  return hs_db_run (conn, "COMMIT", 0, NULL, error);
}

void
hs_db_rollback (PGconn *conn)
{
  PGresult *result;

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    return;
  result = PQexec (conn, "ROLLBACK");
  PQclear (result);
}

const char *
hs_db_value (const PGresult *result,
             int             row,
             int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;
  return PQgetvalue (result, row, column);
}

gint64
hs_db_int (const PGresult *result,
           int             row,
           int             column)
{
  const char *value = hs_db_value (result, row, column);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* ---- The change log horizon ----
 *
 * Devices page through the change log by server_seq, but transactions
 * commit in another order than they draw numbers: a pull must not deliver
 * seq 11 while the transaction holding seq 10 is still in flight, or the
 * cursor would pass 10 for ever.  Serialising every writer until its commit
 * would make each push wait for the others' disk flushes, so instead:
 *
 *   a writer, before it draws its first number, reads the sequence's last
 *   value L and takes a transaction-level advisory lock keyed L (tagged),
 *   so that its numbers are all above its key while the lock is visible in
 *   pg_locks, and the lock goes away at commit or rollback.  The lock is
 *   shared: writers that read the same L must not wait for each other;
 *
 *   a reader reads the sequence's last value, then the smallest key of
 *   those locks; the horizon is the smaller of the two.  A number at or
 *   below it belongs to a finished transaction: either it is visible, or it
 *   never will be (rolled back).
 *
 * The keys carry a tag bit so that no other advisory lock is mistaken for
 * one; server_seq stays far below 2^62. */

#define HORIZON_TAG "4611686018427387904" /* 2^62 */

#define LOCK_CHANGE_LOG_SQL \
  "SELECT pg_advisory_xact_lock_shared (" \
  " (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_log_server_seq_seq)" \
  " + " HORIZON_TAG "::bigint)"

gboolean
hs_db_lock_change_log (PGconn  *conn,
                       GError **error)
{
  return hs_db_run (conn, LOCK_CHANGE_LOG_SQL, 0, NULL, error);
}

void
hs_db_steps_lock_change_log (HsDbSteps *steps)
{
  hs_db_steps_add (steps, "lock_change_log", LOCK_CHANGE_LOG_SQL, 0, NULL);
}

gboolean
hs_db_change_log_horizon (PGconn  *conn,
                          gint64  *horizon,
                          GError **error)
{
  g_autoptr(PGresult) last = NULL;
  g_autoptr(PGresult) held = NULL;
  gint64 value;

  /* The order matters: the last value first, then the locks. */
  last = hs_db_exec (conn,
                     "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_log_server_seq_seq",
                     0, NULL, error);
  if (last == NULL)
    return FALSE;
  value = hs_db_int (last, 0, 0);
  held = hs_db_exec (conn,
                     "SELECT min ((classid::bigint << 32 | objid::bigint) - " HORIZON_TAG "::bigint)"
                     " FROM pg_locks"
                     " WHERE locktype = 'advisory' AND objsubid = 1 AND granted"
                     " AND database = (SELECT oid FROM pg_database WHERE datname = current_database ())"
                     " AND classid::bigint >= (" HORIZON_TAG "::bigint >> 32)",
                     0, NULL, error);
  if (held == NULL)
    return FALSE;
  if (hs_db_value (held, 0, 0) != NULL)
    value = MIN (value, hs_db_int (held, 0, 0));
  *horizon = value;
  return TRUE;
}

/* ---- Migrations ---- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char **
migration_names (GError **error)
{
  g_auto(GStrv) names = g_resource_enumerate_children (hs_server_get_resource (), RESOURCE_SCHEMA,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

static gboolean
apply_one (PGconn      *conn,
           const char  *name,
           gboolean    *applied,
           GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_SCHEMA "/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PGresult) done = NULL;
  g_autofree char *sql = NULL;
  const char *params[] = { name };
  PGresult *result;
  gsize size;

  *applied = FALSE;
  if (!hs_db_begin (conn, error))
    return FALSE;
  done = hs_db_exec (conn, "SELECT 1 FROM schema_migrations WHERE name = $1", 1, params, error);
  if (done == NULL)
    goto fail;
  if (PQntuples (done) > 0)
    return hs_db_commit (conn, error);

  bytes = g_resource_lookup_data (hs_server_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    goto fail;
  {
    const char *data = g_bytes_get_data (bytes, &size);
    sql = g_strndup (data, size);
  }

  /* A migration is a script of several statements; only the simple query
   * protocol runs those, and the text is ours, embedded at build time. */
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_autoptr(GError) local = NULL;
      set_result_error (conn, result, &local);
      PQclear (result);
      g_set_error (error, HS_DB_ERROR, local->code, _("Migration %s failed: %s"), name, local->message);
      goto fail;
    }
  PQclear (result);

  if (!hs_db_run (conn, "INSERT INTO schema_migrations (name) VALUES ($1)", 1, params, error) ||
      !hs_db_commit (conn, error))
    goto fail;
  *applied = TRUE;
  return TRUE;

fail:
  hs_db_rollback (conn);
  return FALSE;
}

gboolean
hs_db_migrate (PGconn  *conn,
               guint   *n_applied,
               GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, LOCK_MIGRATE);
  const char *params[] = { key };
  g_auto(GStrv) names = NULL;
  gboolean ok = TRUE;
  guint count = 0;

  names = migration_names (error);
  if (names == NULL)
    return FALSE;

  /* Two servers started together must not both apply the same script. */
  if (!hs_db_run (conn, "SELECT pg_advisory_lock ($1::bigint)", 1, params, error))
    return FALSE;
  if (!hs_db_run (conn,
                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  " name text PRIMARY KEY,"
                  " applied_at timestamptz NOT NULL DEFAULT now())",
                  0, NULL, error))
    ok = FALSE;

  for (guint i = 0; ok && names[i] != NULL; i++)
    {
      gboolean applied = FALSE;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;
      ok = apply_one (conn, names[i], &applied, error);
      if (applied)
        {
          g_info ("applied migration %s", names[i]);
          count++;
        }
    }

  hs_db_run (conn, "SELECT pg_advisory_unlock ($1::bigint)", 1, params, NULL);
  if (n_applied != NULL)
    *n_applied = count;
  return ok;
}

gboolean
hs_db_schema_current (PGconn  *conn,
                      GError **error)
{
  g_auto(GStrv) names = migration_names (error);
  g_autoptr(PGresult) result = NULL;
  guint wanted = 0;

  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      wanted++;

  result = hs_db_exec (conn,
                       "SELECT count(*) FROM pg_catalog.pg_tables"
                       " WHERE tablename = 'schema_migrations' AND schemaname = current_schema ()",
                       0, NULL, error);
  if (result == NULL)
    return FALSE;
  if (hs_db_int (result, 0, 0) == 0)
    {
      g_set_error (error, HS_DB_ERROR, HS_DB_ERROR_FAILED,
                   _("The database has no hotich schema; run “hotich-server migrate” first"));
      return FALSE;
    }
  g_clear_pointer (&result, PQclear);
  result = hs_db_exec (conn, "SELECT count(*) FROM schema_migrations", 0, NULL, error);
  if (result == NULL)
    return FALSE;
  if ((guint) hs_db_int (result, 0, 0) < wanted)
    {
      g_set_error (error, HS_DB_ERROR, HS_DB_ERROR_FAILED,
                   _("The database schema is older than this server; run “hotich-server migrate” first"));
      return FALSE;
    }
  return TRUE;
}
