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
 * and the connection is usable again afterwards; arrays sent in binary
 * format arrive as PostgreSQL reads the same values from text.
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

/* Arrays in binary format carry any text, and NULL, unchanged; UUIDs and
 * integers arrive as the values PostgreSQL reads from their text; an empty
 * array is an empty array; a value that is not a UUID is refused before
 * anything is sent. */
static const char *const texts[] = { "plain", "with \"quotes\"", "back\\slash", "tab\there", "",
                                     "Nguyễn Văn An|2026-02-20", "NULL", "{braces},commas" };
/* With repeats, one after another and not: an array remembers the last
 * UUID it read (hs-db-steps.c). */
static const char *const uuids[] = { "0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d90", "0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d90",
                                     "FFFFFFFF-0000-4000-8000-00000000000A", "0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d90",
                                     "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000001" };
static const gint32 ints[] = { 0, 1, -1, G_MAXINT32, G_MININT32 };

/* The same values as text literals ($2, $3), then as binary arrays ($4
 * to $7), compared by PostgreSQL. */
#define ARRAYS_SQL \
  "SELECT $1 || x, $5::uuid[] = $2::uuid[], $6::int[] = $3::int[], cardinality ($7::uuid[])" \
  " FROM unnest ($4::text[]) WITH ORDINALITY AS u (x, n) ORDER BY n"

static void
check_binary_arrays (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
  const char *text[] = { "p", "{0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d90,0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d90,"
                              "ffffffff-0000-4000-8000-00000000000a,0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d90,"
                              "00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-000000000001}",
                         "{0,1,-1,2147483647,-2147483648}" };
  HsDbArray *arrays[4];
  PGresult *result;

  arrays[0] = hs_db_array_new (HS_DB_ARRAY_TEXT);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    hs_db_array_add (arrays[0], texts[i]);
  hs_db_array_add (arrays[0], NULL);
  ck_assert_uint_eq (hs_db_array_len (arrays[0]), G_N_ELEMENTS (texts) + 1);
  arrays[1] = hs_db_array_new (HS_DB_ARRAY_UUID);
  for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
    hs_db_array_add (arrays[1], uuids[i]);
  arrays[2] = hs_db_array_new (HS_DB_ARRAY_INT4);
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    hs_db_array_add_int (arrays[2], ints[i]);
  arrays[3] = hs_db_array_new (HS_DB_ARRAY_UUID);
  ck_assert (hs_db_steps_add_arrays (steps, "steps_arrays", ARRAYS_SQL, G_N_ELEMENTS (text), text,
                                     G_N_ELEMENTS (arrays), arrays, &error));
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    ck_assert_ptr_null (arrays[i]);
  ck_assert_msg (hs_db_steps_run (conn, steps, &error), "%s", error != NULL ? error->message : "");
  result = hs_db_steps_result (steps, 0);
  ck_assert_int_eq (PQntuples (result), G_N_ELEMENTS (texts) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *expected = g_strconcat ("p", texts[i], NULL);

      ck_assert_str_eq (hs_db_value (result, (int) i, 0), expected);
      ck_assert_str_eq (hs_db_value (result, (int) i, 1), "t");
      ck_assert_str_eq (hs_db_value (result, (int) i, 2), "t");
      ck_assert_str_eq (hs_db_value (result, (int) i, 3), "0");
    }
  ck_assert_ptr_null (hs_db_value (result, G_N_ELEMENTS (texts), 0));
}

START_TEST (test_binary_arrays)
{
  static const char *const not_uuids[] = { "0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d9", "0b6f6f3e-5d2a-4c1e-9a43-3e1f2b7c8d9x",
                                           "0b6f6f3e5-d2a-4c1e-9a43-3e1f2b7c8d90", "",
                                           "00000000000040008000000000000001" };
  g_autoptr(GError) error = NULL;
  HsDbPool *pool = hs_db_pool_new (hs_pg_conninfo (pg), 1);
  PGconn *conn = hs_db_pool_acquire (pool, &error);

  ck_assert_ptr_nonnull (conn);
  /* Prepared on first use, then run as the prepared statement. */
  check_binary_arrays (conn);
  check_binary_arrays (conn);

  for (guint i = 0; i < G_N_ELEMENTS (not_uuids); i++)
    {
      g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
      HsDbArray *array = hs_db_array_new (HS_DB_ARRAY_UUID);

      hs_db_array_add (array, uuids[0]);
      hs_db_array_add (array, not_uuids[i]);
      ck_assert (!hs_db_steps_add_arrays (steps, "steps_bad_uuid", "SELECT cardinality ($1::uuid[])", 0, NULL, 1,
                                          &array, &error));
      ck_assert_ptr_null (array);
      ck_assert (g_error_matches (error, HS_DB_ERROR, HS_DB_ERROR_FAILED));
      ck_assert_uint_eq (hs_db_steps_len (steps), 0);
      g_clear_error (&error);
    }

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
  tcase_add_test (tc, test_binary_arrays);
  suite_add_tcase (suite, tc);
  runner = srunner_create (suite);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  hs_pg_stop (pg);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
