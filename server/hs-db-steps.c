/* hs-db-steps.c — statements sent to PostgreSQL together, in one round trip.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpq's pipeline mode: every statement is sent, then one synchronisation
 * point, then the results are read in order.  A push sends its reads with
 * its BEGIN and its writes with its COMMIT this way (hs-apply.c), so that a
 * batch costs a handful of round trips rather than twenty; the array
 * literals its writes unnest are built here too.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <string.h>

#include "hs-db.h"
#include "hs-db-private.h"

typedef struct
{
  const char  *name;
  const char  *sql;
  int          n_params;
  char       **params;   /* n_params strings, NULL for SQL NULL */
  gboolean     prepare;  /* sent with its PQsendPrepare() first */
  PGresult    *result;
} Step;

struct _HsDbSteps
{
  GArray *steps;  /* Step */
};

static void
step_clear (Step *step)
{
  for (int i = 0; i < step->n_params; i++)
    g_free (step->params[i]);
  g_free (step->params);
  if (step->result != NULL)
    PQclear (step->result);
}

HsDbSteps *
hs_db_steps_new (void)
{
  HsDbSteps *self = g_new0 (HsDbSteps, 1);

  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->steps, (GDestroyNotify) step_clear);
  return self;
}

void
hs_db_steps_free (HsDbSteps *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->steps);
  g_free (self);
}

guint
hs_db_steps_add_owned (HsDbSteps   *self,
                       const char  *name,
                       const char  *sql,
                       int          n_params,
                       char       **params)
{
  Step step = { name, sql, n_params, params, FALSE, NULL };

  g_array_append_val (self->steps, step);
  return self->steps->len - 1;
}

guint
hs_db_steps_add (HsDbSteps         *self,
                 const char        *name,
                 const char        *sql,
                 int                n_params,
                 const char *const *params)
{
  char **copy = g_new0 (char *, MAX (n_params, 1));

  for (int i = 0; i < n_params; i++)
    copy[i] = g_strdup (params[i]);
  return hs_db_steps_add_owned (self, name, sql, n_params, copy);
}

guint
hs_db_steps_len (HsDbSteps *self)
{
  return self->steps->len;
}

PGresult *
hs_db_steps_result (HsDbSteps *self,
                    guint      index)
{
  g_return_val_if_fail (index < self->steps->len, NULL);
  return g_array_index (self->steps, Step, index).result;
}

/* Reads the results of one statement sent in the pipeline, up to the NULL
 * that ends them; keeps the last (there is one per statement). */
static PGresult *
read_one (PGconn *conn)
{
  PGresult *kept = NULL, *result;

  while ((result = PQgetResult (conn)) != NULL)
    {
      if (kept != NULL)
        PQclear (kept);
      kept = result;
    }
  return kept;
}

gboolean
hs_db_steps_run (PGconn     *conn,
                 HsDbSteps  *self,
                 GError    **error)
{
  GHashTable *prepared = hs_db_prepared_names (conn);
  gboolean pooled = prepared != NULL;
  g_autoptr(GHashTable) preparing = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean sent = TRUE, ok = TRUE;
  PGresult *result;

  if (self->steps->len == 0)
    return TRUE;
  if (!PQenterPipelineMode (conn))
    {
      hs_db_set_error (conn, NULL, error);
      return FALSE;
    }
  for (guint i = 0; i < self->steps->len && sent; i++)
    {
      Step *step = &g_array_index (self->steps, Step, i);

      g_clear_pointer (&step->result, PQclear);
      /* Only a pooled connection keeps prepared statements (as for
       * hs_db_exec_named()); the first use of a name prepares it in the
       * same round trip. */
      step->prepare = pooled && step->name != NULL && !g_hash_table_contains (prepared, step->name) &&
                      g_hash_table_add (preparing, (gpointer) step->name);
      if (step->prepare && !PQsendPrepare (conn, step->name, step->sql, step->n_params, NULL))
        sent = FALSE;
      else if (pooled && step->name != NULL)
        sent = PQsendQueryPrepared (conn, step->name, step->n_params, (const char *const *) step->params, NULL,
                                    NULL, 0);
      else
        sent = PQsendQueryParams (conn, step->sql, step->n_params, NULL, (const char *const *) step->params, NULL,
                                  NULL, 0);
    }
  if (!sent || !PQpipelineSync (conn))
    {
      hs_db_set_error (conn, NULL, error);
      /* The connection is in an unknown state: the pool replaces it. */
      PQexitPipelineMode (conn);
      return FALSE;
    }

  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = &g_array_index (self->steps, Step, i);
      ExecStatusType status;

      if (step->prepare)
        {
          result = read_one (conn);
          if (result != NULL && PQresultStatus (result) == PGRES_COMMAND_OK)
            g_hash_table_add (prepared, (gpointer) step->name);
          else if (ok && result != NULL && PQresultStatus (result) != PGRES_PIPELINE_ABORTED)
            {
              hs_db_set_error (conn, result, error);
              ok = FALSE;
            }
          if (result != NULL)
            PQclear (result);
        }
      step->result = read_one (conn);
      status = step->result != NULL ? PQresultStatus (step->result) : PGRES_FATAL_ERROR;
      if (ok && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          hs_db_set_error (conn, status == PGRES_PIPELINE_ABORTED ? NULL : step->result, error);
          ok = FALSE;
        }
    }
  /* The synchronisation point, then back to one statement at a time. */
  while ((result = PQgetResult (conn)) != NULL)
    {
      gboolean sync = PQresultStatus (result) == PGRES_PIPELINE_SYNC;

      PQclear (result);
      if (sync)
        break;
    }
  if (!PQexitPipelineMode (conn) && ok)
    {
      hs_db_set_error (conn, NULL, error);
      ok = FALSE;
    }
  return ok;
}

GString *
hs_db_array_new (void)
{
  return g_string_new ("{");
}

void
hs_db_array_add (GString    *array,
                 const char *value)
{
  if (array->len > 1)
    g_string_append_c (array, ',');
  if (value == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }
  g_string_append_c (array, '"');
  for (const char *p = value; *p != '\0';)
    {
      gsize run = strcspn (p, "\"\\");

      g_string_append_len (array, p, run);
      p += run;
      if (*p == '\0')
        break;
      g_string_append_c (array, '\\');
      g_string_append_c (array, *p++);
    }
  g_string_append_c (array, '"');
}

char *
hs_db_array_end (GString *array)
{
  g_string_append_c (array, '}');
  return g_string_free (array, FALSE);
}
