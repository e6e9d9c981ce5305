/* test-server-plans.c — the plans the server's pooled connections make (server/hs-db.c).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Request handlers run prepared statements whose generic plan is made once,
 * from the statistics of that moment.  Statistics taken while record_keys
 * was small made a key's hash look shared by hundreds of rows, and the
 * batch's key look-up then probed the hash index through a bitmap, which
 * builds a bitmap and sizes the table on every one of its thousands of
 * probes.  The pool prices bitmap scans out (as it does sequential scans):
 * with such statistics, the look-up on a pooled connection still probes the
 * index directly, while a plain connection, with PostgreSQL's defaults,
 * takes the bitmap, which shows that the statistics set up here are ones
 * that would.
 */
#include <check.h>
#include <stdlib.h>

#include "hs-db.h"
#include "hs-keys.h"
#include "hs-test-main.h"
#include "pg-harness.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

/* The batch's key look-up as hs-lookup.c writes it, reduced to its join. */
#define LOOKUP_SQL "SELECT k.key, k.record_id FROM " HS_KEYS_JOIN ("$1")

/* Runs a script of several statements (the simple query protocol). */
static void
run_script (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  ck_assert_msg (PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK, "%s",
                 PQerrorMessage (conn));
  PQclear (result);
}

/* The generic plan of the look-up on "conn", one line per node. */
static char *
generic_plan (PGconn *conn)
{
  g_autoptr(GString) plan = g_string_new (NULL);
  PGresult *result;

  run_script (conn, "SET plan_cache_mode = force_generic_plan;"
                    " PREPARE plans_lookup (text[]) AS " LOOKUP_SQL);
  result = PQexec (conn, "EXPLAIN (COSTS OFF) EXECUTE plans_lookup ('{\"pin\t001190000020\"}')");
  ck_assert_msg (PQresultStatus (result) == PGRES_TUPLES_OK, "%s", PQerrorMessage (conn));
  for (int row = 0; row < PQntuples (result); row++)
    g_string_append_printf (plan, "%s\n", PQgetvalue (result, row, 0));
  PQclear (result);
  run_script (conn, "DEALLOCATE plans_lookup; RESET plan_cache_mode");
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

START_TEST (test_key_lookup_probes_the_index)
{
  g_autoptr(GError) error = NULL;
  PGconn *plain = hs_pg_connect (pg);
  HsDbPool *pool = hs_db_pool_new (hs_pg_conninfo (pg), 1);
  PGconn *pooled = hs_db_pool_acquire (pool, &error);
  g_autofree char *plain_plan = NULL;
  g_autofree char *pooled_plan = NULL;

  ck_assert_ptr_nonnull (pooled);
  /* Sequential scans priced out on both, as the pool does, so that the
   * plans differ only in what this is about. */
  run_script (plain, "SET enable_seqscan = off");
  /* Twenty thousand keys over twenty hashes' worth of distinct values, as
   * an early ANALYZE can estimate them: a thousand rows per key. */
  run_script (plain, "INSERT INTO record_keys (key, record_id)"
                     " SELECT 'person' || chr (9) || (g % 20), gen_random_uuid () FROM generate_series (1, 20000) g;"
                     " ANALYZE record_keys");

  plain_plan = generic_plan (plain);
  pooled_plan = generic_plan (pooled);
  ck_assert_msg (strstr (plain_plan, "Bitmap Index Scan on record_keys_hash") != NULL,
                 "these statistics no longer lead PostgreSQL to a bitmap; the test shows nothing:\n%s", plain_plan);
  ck_assert_msg (strstr (pooled_plan, "Bitmap") == NULL, "%s", pooled_plan);
  ck_assert_msg (strstr (pooled_plan, "Index Scan using record_keys_hash on record_keys") != NULL, "%s",
                 pooled_plan);

  run_script (plain, "DELETE FROM record_keys WHERE key LIKE 'person' || chr (9) || '%'; ANALYZE record_keys");
  hs_db_pool_release (pool, pooled);
  hs_db_pool_free (pool);
  PQfinish (plain);
}
END_TEST

int
main (void)
{
  const HsTestCase cases[] = {
    { "key-lookup-probes-the-index", test_key_lookup_probes_the_index },
  };

  return hs_test_main ("server-plans", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
