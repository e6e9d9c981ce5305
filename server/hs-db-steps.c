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
#include <glib/gi18n.h>
#include <uuid/uuid.h>

#include "hs-db.h"
#include "hs-db-private.h"

typedef struct
{
  const char  *name;
  const char  *sql;
  int          n_params;
  char       **params;   /* n_params strings, NULL for SQL NULL */
  int         *lengths;  /* NULL, or the length of each binary parameter */
  int         *formats;  /* NULL (all text), or 1 for each binary parameter */
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
  g_free (step->lengths);
  g_free (step->formats);
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
  Step step = { name, sql, n_params, params, NULL, NULL, FALSE, NULL };

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
        sent = PQsendQueryPrepared (conn, step->name, step->n_params, (const char *const *) step->params,
                                    step->lengths, step->formats, 0);
      else
        sent = PQsendQueryParams (conn, step->sql, step->n_params, NULL, (const char *const *) step->params,
                                  step->lengths, step->formats, 0);
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

/* ---- Array parameters in binary format ----
 *
 * An array sent as text ("{…}") is parsed by PostgreSQL element by element
 * (array_in, then uuid_in, int4in or the text's unquoting for each), which
 * was a few percent of its time in a push: the records' heads, keys and
 * change-log rows are all sent as arrays.  In PostgreSQL's binary format
 * (array_recv) an element is its length and its bytes, a UUID its 16 bytes
 * and an integer 4 bytes, and the server keeps nothing to quote.  The
 * values stored are the same: text is sent byte for byte (PostgreSQL still
 * checks it is valid UTF-8), UUIDs and integers as the numbers they are. */

/* Element type OIDs (pg_type.dat); fixed since PostgreSQL 8.3. */
#define TEXT_OID 25
#define INT4_OID 23
#define UUID_OID 2950

struct _HsDbArray
{
  HsDbArrayType type;
  GByteArray   *elements;  /* each: length (big-endian int32, -1 for NULL) and bytes */
  guint         n;
  gboolean      has_null;
  const char   *invalid;   /* the first value that is not a UUID, for the error */
  /* The last UUID read and its text: a push adds a record's id once for
   * each of its keys, one after another, and uuid_parse() converts each
   * of the 16 bytes with strtoul(), several times the cost of comparing
   * the 36 characters. */
  char          last_text[UUID_STR_LEN];
  uuid_t        last_uuid;
};

HsDbArray *
hs_db_array_new (HsDbArrayType type)
{
  HsDbArray *self = g_new0 (HsDbArray, 1);

  self->type = type;
  self->elements = g_byte_array_new ();
  return self;
}

void
hs_db_array_free (HsDbArray *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->elements);
  g_free (self);
}

static void
append_int32 (GByteArray *bytes,
              gint32      value)
{
  guint32 be = GUINT32_TO_BE ((guint32) value);

  g_byte_array_append (bytes, (const guint8 *) &be, sizeof be);
}

void
hs_db_array_add (HsDbArray  *self,
                 const char *value)
{
  g_return_if_fail (self->type != HS_DB_ARRAY_INT4);
  self->n++;
  if (value == NULL)
    {
      append_int32 (self->elements, -1);
      self->has_null = TRUE;
      return;
    }
  switch (self->type)
    {
    case HS_DB_ARRAY_UUID:
      {
        uuid_t uuid;

        /* libuuid reads the usual 36-character form only, which is the
         * form record and change ids were checked to have when the push
         * was read. */
        if (self->last_text[0] != '\0' && strncmp (value, self->last_text, sizeof self->last_text) == 0)
          uuid_copy (uuid, self->last_uuid);
        else if (uuid_parse (value, uuid) == 0)
          {
            g_strlcpy (self->last_text, value, sizeof self->last_text);
            uuid_copy (self->last_uuid, uuid);
          }
        else
          {
            if (self->invalid == NULL)
              self->invalid = value;
            memset (uuid, 0, sizeof uuid);
          }
        append_int32 (self->elements, sizeof uuid);
        g_byte_array_append (self->elements, uuid, sizeof uuid);
      }
      break;
    case HS_DB_ARRAY_INT4:
      /* Numbers are added with hs_db_array_add_int(). */
      g_assert_not_reached ();
      break;
    case HS_DB_ARRAY_TEXT:
    default:
      {
        gsize len = strlen (value);

        append_int32 (self->elements, (gint32) len);
        g_byte_array_append (self->elements, (const guint8 *) value, len);
      }
      break;
    }
}

void
hs_db_array_add_int (HsDbArray *self,
                     gint32     value)
{
  g_return_if_fail (self->type == HS_DB_ARRAY_INT4);
  self->n++;
  append_int32 (self->elements, sizeof (gint32));
  append_int32 (self->elements, value);
}

guint
hs_db_array_len (HsDbArray *self)
{
  return self->n;
}

/* The array in array_recv's format: dimensions, flags, element type, then
 * the size and lower bound of the one dimension, then the elements. */
static char *
array_bytes (HsDbArray *self,
             int       *length)
{
  static const guint32 oids[] = { [HS_DB_ARRAY_TEXT] = TEXT_OID, [HS_DB_ARRAY_UUID] = UUID_OID,
                                  [HS_DB_ARRAY_INT4] = INT4_OID };
  GByteArray *bytes = g_byte_array_sized_new (20 + self->elements->len);

  append_int32 (bytes, self->n > 0 ? 1 : 0);
  append_int32 (bytes, self->has_null ? 1 : 0);
  append_int32 (bytes, (gint32) oids[self->type]);
  if (self->n > 0)
    {
      append_int32 (bytes, (gint32) self->n);
      append_int32 (bytes, 1);
      g_byte_array_append (bytes, self->elements->data, self->elements->len);
    }
  *length = (int) bytes->len;
  return (char *) g_byte_array_free (bytes, FALSE);
}

gboolean
hs_db_steps_add_arrays (HsDbSteps          *self,
                        const char         *name,
                        const char         *sql,
                        int                 n_text,
                        const char *const  *text,
                        int                 n_arrays,
                        HsDbArray         **arrays,
                        GError            **error)
{
  int n_params = n_text + n_arrays;
  char **params = g_new0 (char *, MAX (n_params, 1));
  int *lengths = g_new0 (int, MAX (n_params, 1));
  int *formats = g_new0 (int, MAX (n_params, 1));
  gboolean ok = TRUE;
  guint index;

  for (int i = 0; i < n_text; i++)
    params[i] = g_strdup (text[i]);
  for (int i = 0; i < n_arrays; i++)
    {
      /* A value that is not a UUID was refused by the text format too
       * (uuid_in), which left nothing of the statement's transaction. */
      if (ok && arrays[i]->invalid != NULL)
        {
          g_set_error (error, HS_DB_ERROR, HS_DB_ERROR_FAILED, _("Not a UUID: %s"), arrays[i]->invalid);
          ok = FALSE;
        }
      params[n_text + i] = array_bytes (arrays[i], &lengths[n_text + i]);
      formats[n_text + i] = 1;
      g_clear_pointer (&arrays[i], hs_db_array_free);
    }
  if (!ok)
    {
      for (int i = 0; i < n_params; i++)
        g_free (params[i]);
      g_free (params);
      g_free (lengths);
      g_free (formats);
      return FALSE;
    }
  index = hs_db_steps_add_owned (self, name, sql, n_params, params);
  g_array_index (self->steps, Step, index).lengths = lengths;
  g_array_index (self->steps, Step, index).formats = formats;
  return TRUE;
}
