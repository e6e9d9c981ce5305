/* test-server-schema.c — the central schema's cheaper rows (schema/central/0003-push-cost.sql).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against a real throwaway PostgreSQL: migrating again applies nothing; the
 * checks that replaced regular expressions still refuse what those refused;
 * record keys are found through their hash and their text, so a key is
 * never taken for another; and a database at the previous migration, with
 * keys stored, migrates and finds them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "hs-keys.h"
#include "hs-test-main.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

#define RECORD_A "0a1b2c3d-0000-4000-8000-000000000001"
#define RECORD_B "0a1b2c3d-0000-4000-8000-000000000002"

/* Runs "sql" in a transaction that is rolled back; returns the SQLSTATE of
 * its error, or "" if it succeeded. */
static char *
try_statement (const char        *sql,
               const char *const *params,
               int                n_params)
{
  PGconn *conn = hs_pg_connect (pg);
  PGresult *result;
  char *state;

  PQclear (PQexec (conn, "BEGIN"));
  result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK)
    state = g_strdup ("");
  else
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQclear (PQexec (conn, "ROLLBACK"));
  PQfinish (conn);
  return state;
}

/* Runs a script of several statements (the simple query protocol). */
static void
run_script (const char *sql)
{
  PGconn *conn = hs_pg_connect (pg);
  PGresult *result = PQexec (conn, sql);

  ck_assert_msg (PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK, "%s",
                 PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static char *
try_hash (const char *hash)
{
  const char *params[] = { hash };

  return try_statement ("INSERT INTO change_log (op, province, office, change_id, content_hash)"
                        " VALUES ('record', '01', '00004', '" RECORD_A "', $1)",
                        params, 1);
}

static char *
try_pin (const char *pin)
{
  const char *params[] = { pin };

  return try_statement ("INSERT INTO pins (pin, record_id, connector) VALUES ($1, '" RECORD_A "', 'test')",
                        params, 1);
}

START_TEST (test_migrate_again)
{
  g_autoptr(GError) error = NULL;
  const char *const args[] = { "migrate", NULL };
  g_autofree char *out = hs_test_run_cli (hs_pg_conninfo (pg), args, &error);

  ck_assert_msg (out != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_msg (strstr (out, "0 migrations applied") != NULL, "%s", out);
}
END_TEST

START_TEST (test_checks)
{
  static const char *const bad_hashes[] = {
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",    /* 63 */
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",  /* 65 */
    "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",   /* upper case */
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",   /* not hex */
    "",
  };
  static const char *const bad_pins[] = { "00119000002", "0011900000201", "00119000002a", "a01190000020", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_hashes); i++)
    {
      g_autofree char *state = try_hash (bad_hashes[i]);
      ck_assert_msg (g_str_equal (state, "23514"), "hash %u: %s", i, state);
    }
  {
    g_autofree char *state = try_hash ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    ck_assert_str_eq (state, "");
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_pins); i++)
    {
      g_autofree char *state = try_pin (bad_pins[i]);
      ck_assert_msg (g_str_equal (state, "23514"), "pin %u: %s", i, state);
    }
  {
    g_autofree char *state = try_pin ("001190000020");
    ck_assert_str_eq (state, "");
  }
}
END_TEST

/* The ids of the records stored under "key", found as the server finds
 * them, sorted and joined with commas. */
static char *
found (const char *key)
{
  g_autofree char *literal = g_strdup_printf ("{\"%s\"}", key);
  const char *params[] = { literal, NULL };
  char *ids = hs_pg_query_value (pg,
                                 "SELECT string_agg (record_id::text, ',' ORDER BY record_id) FROM record_keys"
                                 " WHERE " HS_KEYS_MATCH ("$1"),
                                 params);

  return ids != NULL ? ids : g_strdup ("");
}

static void
store_keys (void)
{
  run_script ("DELETE FROM record_keys WHERE record_id IN ('" RECORD_A "', '" RECORD_B "');"
              " INSERT INTO record_keys (key, record_id) VALUES"
              " (E'person\\tnguyen van an|2020', '" RECORD_A "'),"
              " (E'person\\tnguyen van an|2020', '" RECORD_B "'),"
              " (E'person\\tnguyen van an|2021', '" RECORD_B "'),"
              " (E'doc\\t001190000020', '" RECORD_A "')");
}

static void
check_found (void)
{
  g_autofree char *both = found ("person\tnguyen van an|2020");
  g_autofree char *b = found ("person\tnguyen van an|2021");
  g_autofree char *a = found ("doc\t001190000020");
  g_autofree char *none = found ("doc\t001190000021");
  g_autofree char *other_type = found ("pin\t001190000020");
  const char *params[] = { NULL };

  ck_assert_str_eq (both, RECORD_A "," RECORD_B);
  ck_assert_str_eq (b, RECORD_B);
  ck_assert_str_eq (a, RECORD_A);
  ck_assert_str_eq (none, "");
  ck_assert_str_eq (other_type, "");
  /* Every row carries the hash the lookups compute. */
  ck_assert_int_eq (hs_pg_query_int (pg,
                                     "SELECT count(*) FROM record_keys"
                                     " WHERE key_hash IS DISTINCT FROM hashtextextended (key, 0)",
                                     params),
                    0);
}

START_TEST (test_keys_by_hash)
{
  store_keys ();
  check_found ();
}
END_TEST

/* A database at 0002, with keys stored and the old checks, migrates: the
 * keys get their hashes and are found, and the checks are the new ones. */
START_TEST (test_upgrade_from_0002)
{
  g_autoptr(GError) error = NULL;
  const char *const args[] = { "migrate", NULL };
  const char *params[] = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *check = NULL;

  run_script ("ALTER TABLE record_keys DROP COLUMN key_hash;"
              " CREATE INDEX record_keys_key ON record_keys (key, record_id);"
              " ALTER TABLE change_log DROP CONSTRAINT change_log_content_hash_check;"
              " ALTER TABLE change_log ADD CHECK (content_hash ~ '^[0-9a-f]{64}$');"
              " ALTER TABLE pins DROP CONSTRAINT pins_pin_check;"
              " ALTER TABLE pins ADD CHECK (pin ~ '^[0-9]{12}$');"
              " DELETE FROM schema_migrations WHERE name = '0003-push-cost.sql'");
  store_keys ();

  out = hs_test_run_cli (hs_pg_conninfo (pg), args, &error);
  ck_assert_msg (out != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_msg (strstr (out, "1 migration applied") != NULL, "%s", out);
  check_found ();
  check = hs_pg_query_value (pg,
                             "SELECT pg_get_constraintdef (oid) FROM pg_constraint"
                             " WHERE conname = 'pins_pin_check'",
                             params);
  ck_assert_msg (check != NULL && strstr (check, "ltrim") != NULL, "%s", check);
  {
    g_autofree char *state = try_pin ("00119000002x");
    ck_assert_str_eq (state, "23514");
  }
}
END_TEST

int
main (void)
{
  const HsTestCase cases[] = {
    { "migrate-again", test_migrate_again },
    { "checks", test_checks },
    { "keys-by-hash", test_keys_by_hash },
    { "upgrade-from-0002", test_upgrade_from_0002 },
  };

  return hs_test_main ("server-schema", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
