/* test-server-steps.c — statements sent together in one round trip (hs_db_steps_run()).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A push sends its reads with its BEGIN, and its writes with its COMMIT, in
 * libpq's pipeline mode.  These tests use a real throwaway PostgreSQL and a
 * pooled connection (named statements are prepared in the same round trip
 * on first use): the results come back in order, a name used twice on a
 * fresh connection is prepared once, a failing statement reports its error
 * and stops the ones after it so that nothing of the transaction is kept,
 * and the connection is usable again afterwards.
 */
#include <check.h>
#include <stdlib.h>

#include "hs-db.h"
#include "pg-harness.h"

static HsPg *pg;

#define INSERT_SQL "INSERT INTO t (a, b) SELECT * FROM unnest ($1::int[], $2::text[])"

static gint64
count_rows (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = hs_db_exec (conn, "SELECT count(*) FROM t", 0, NULL, &error);

  ck_assert_ptr_nonnull (result);
  return hs_db_int (result, 0, 0);
}

static PGconn *
fresh_table (HsDbPool *pool)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = hs_db_pool_acquire (pool, &error);

  ck_assert_ptr_nonnull (conn);
  ck_assert (hs_db_run (conn, "DROP TABLE IF EXISTS t", 0, NULL, &error));
  ck_assert (hs_db_run (conn, "CREATE TABLE t (a int PRIMARY KEY, b text)", 0, NULL, &error));
  return conn;
}

static void
add_insert (HsDbSteps         *steps,
            const char        *a,
            const char        *b)
{
  const char *params[] = { a, b };

  hs_db_steps_add (steps, "steps_insert", INSERT_SQL, 2, params);
}

START_TEST (test_in_order)
{
  g_autoptr(GError) error = NULL;
  HsDbPool *pool = hs_db_pool_new (hs_pg_conninfo (pg), 1);
  PGconn *conn = fresh_table (pool);
  g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
  guint count;

  /* The same name twice in the first pipeline of a connection. */
  hs_db_steps_add (steps, NULL, "BEGIN", 0, NULL);
  add_insert (steps, "{1,2}", "{\"one\",\"two\"}");
  add_insert (steps, "{3}", "{\"three\"}");
  count = hs_db_steps_add (steps, "steps_count", "SELECT count(*), max (a) FROM t", 0, NULL);
  hs_db_steps_add (steps, NULL, "COMMIT", 0, NULL);
  ck_assert_uint_eq (hs_db_steps_len (steps), 5);
  ck_assert_msg (hs_db_steps_run (conn, steps, &error), "%s", error != NULL ? error->message : "");
  ck_assert_int_eq (hs_db_int (hs_db_steps_result (steps, count), 0, 0), 3);
  ck_assert_int_eq (hs_db_int (hs_db_steps_result (steps, count), 0, 1), 3);
  ck_assert_int_eq (PQtransactionStatus (conn), PQTRANS_IDLE);

  /* Prepared now: a second pipeline uses the names as they are. */
  {
    g_autoptr(HsDbSteps) again = hs_db_steps_new ();
    add_insert (again, "{4}", "{NULL}");
    ck_assert (hs_db_steps_run (conn, again, &error));
  }
  ck_assert_int_eq (count_rows (conn), 4);

  hs_db_pool_release (pool, conn);
  hs_db_pool_free (pool);
}
END_TEST

START_TEST (test_failure_stops_the_rest)
{
  g_autoptr(GError) error = NULL;
  HsDbPool *pool = hs_db_pool_new (hs_pg_conninfo (pg), 1);
  PGconn *conn = fresh_table (pool);
  g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
  guint after;

  add_insert (steps, "{1}", "{\"kept\"}");
  ck_assert (hs_db_steps_run (conn, steps, &error));

  /* A key already there: the statements after it do not run, the
   * transaction is rolled back whole, and the error says why. */
  g_clear_pointer (&steps, hs_db_steps_free);
  steps = hs_db_steps_new ();
  hs_db_steps_add (steps, NULL, "BEGIN", 0, NULL);
  add_insert (steps, "{2}", "{\"new\"}");
  add_insert (steps, "{1}", "{\"again\"}");
  after = hs_db_steps_add (steps, "steps_count", "SELECT count(*), max (a) FROM t", 0, NULL);
  hs_db_steps_add (steps, NULL, "COMMIT", 0, NULL);
  ck_assert (!hs_db_steps_run (conn, steps, &error));
  ck_assert (g_error_matches (error, HS_DB_ERROR, HS_DB_ERROR_UNIQUE));
  ck_assert_int_eq (PQresultStatus (hs_db_steps_result (steps, after)), PGRES_PIPELINE_ABORTED);
  hs_db_rollback (conn);
  g_clear_error (&error);
  ck_assert_int_eq (PQtransactionStatus (conn), PQTRANS_IDLE);
  ck_assert_int_eq (count_rows (conn), 1);

  /* A statement that cannot be prepared: an error, and its name is not
   * taken for prepared. */
  g_clear_pointer (&steps, hs_db_steps_free);
  steps = hs_db_steps_new ();
  hs_db_steps_add (steps, "steps_broken", "SELECT FROM WHERE", 0, NULL);
  ck_assert (!hs_db_steps_run (conn, steps, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&steps, hs_db_steps_free);
  steps = hs_db_steps_new ();
  hs_db_steps_add (steps, "steps_broken", "SELECT 7", 0, NULL);
  ck_assert_msg (hs_db_steps_run (conn, steps, &error), "%s", error != NULL ? error->message : "");
  ck_assert_int_eq (hs_db_int (hs_db_steps_result (steps, 0), 0, 0), 7);

  /* Nothing to send is no round trip and no error. */
  g_clear_pointer (&steps, hs_db_steps_free);
  steps = hs_db_steps_new ();
  ck_assert (hs_db_steps_run (conn, steps, &error));

  hs_db_pool_release (pool, conn);
  hs_db_pool_free (pool);
}
END_TEST

/* Array literals carry any text, and NULL, unchanged. */
START_TEST (test_array_literals)
{
  static const char *const values[] = { "plain", "with \"quotes\"", "back\\slash", "tab\there", "",
                                        "Nguyễn Văn An|2026-02-20", "NULL", "{braces},commas" };
  g_autoptr(GError) error = NULL;
  HsDbPool *pool = hs_db_pool_new (hs_pg_conninfo (pg), 1);
  PGconn *conn = hs_db_pool_acquire (pool, &error);
  GString *array = hs_db_array_new ();
  g_autofree char *literal = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *params[1];

  ck_assert_ptr_nonnull (conn);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    hs_db_array_add (array, values[i]);
  hs_db_array_add (array, NULL);
  literal = hs_db_array_end (array);
  params[0] = literal;
  result = hs_db_exec (conn, "SELECT x FROM unnest ($1::text[]) WITH ORDINALITY AS u (x, n) ORDER BY n", 1, params,
                       &error);
  ck_assert_msg (result != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_int_eq (PQntuples (result), G_N_ELEMENTS (values) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    ck_assert_str_eq (hs_db_value (result, (int) i, 0), values[i]);
  ck_assert_ptr_null (hs_db_value (result, G_N_ELEMENTS (values), 0));

  hs_db_pool_release (pool, conn);
  hs_db_pool_free (pool);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("server-steps");
  TCase *tc = tcase_create ("steps");
  SRunner *runner;
  int failed;

  pg = hs_pg_start_or_skip ();
  tcase_add_test (tc, test_in_order);
  tcase_add_test (tc, test_failure_stops_the_rest);
  tcase_add_test (tc, test_array_literals);
  suite_add_tcase (suite, tc);
  runner = srunner_create (suite);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  hs_pg_stop (pg);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
