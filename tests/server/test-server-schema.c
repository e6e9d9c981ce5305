/* test-server-schema.c — the central schema's cheaper rows (schema/central/0003-push-cost.sql to 0005-pins-index.sql).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against a real throwaway PostgreSQL: migrating again applies nothing; the
 * checks that replaced regular expressions still refuse what those refused;
 * record keys are found through their hash and their text, so a key is
 * never taken for another, also through the hash index of 0004; and a
 * database at an earlier migration, with keys stored, migrates and finds
 * them; personal ID numbers stay unique without the second index 0005
 * drops, also in a database migrated from 0004.
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
                                 "SELECT string_agg (k.record_id::text, ',' ORDER BY k.record_id)"
                                 " FROM " HS_KEYS_JOIN ("$1"),
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

/* What 0004 leaves: the keys' index is a hash index, and the office
 * index of the change log holds only what a commune's device pulls. */
static void
check_indexes_0004 (void)
{
  const char *params[] = { NULL };
  g_autofree char *method = hs_pg_query_value (pg,
                                               "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam"
                                               " WHERE c.relname = 'record_keys_hash'",
                                               params);
  g_autofree char *office = hs_pg_query_value (pg, "SELECT pg_get_indexdef ('change_log_office'::regclass)", params);

  ck_assert_str_eq (method, "hash");
  ck_assert_msg (office != NULL && strstr (office, "WHERE") != NULL && strstr (office, "pin IS NOT NULL") != NULL,
                 "%s", office);
}

/* A commune's rows as its device pulls them, through the partial index:
 * a record that carries a PIN, a number block, not a plain record. */
START_TEST (test_office_index)
{
  const char *params[] = { NULL };

  check_indexes_0004 ();
  run_script ("INSERT INTO change_log (op, province, office, record_id, content_version, change_id, content_hash, pin)"
              " VALUES ('record', '01', '99901', '" RECORD_A "', 1, gen_random_uuid (), repeat ('a', 64), NULL),"
              " ('record', '01', '99901', '" RECORD_B "', 1, gen_random_uuid (), repeat ('b', 64), '001190000020');"
              " INSERT INTO change_log (op, province, office, payload)"
              " VALUES ('number_block', '01', '99901', '{}')");
  /* The index holds the two rows a device pulls, not the plain record. */
  ck_assert_int_eq (hs_pg_query_int (pg,
                                     "SELECT count(*) FROM change_log WHERE office = '99901'"
                                     " AND (op <> 'record' OR pin IS NOT NULL)",
                                     params),
                    2);
  /* The planner proves that the pull's condition (server/hs-pull.c) is
   * the index's, as the server's pooled connections plan it (no
   * sequential scans). */
  {
    PGconn *conn = hs_pg_connect (pg);
    PGresult *result;

    PQclear (PQexec (conn, "SET enable_seqscan = off"));
    result = PQexec (conn, "EXPLAIN (FORMAT JSON) SELECT server_seq FROM change_log"
                           " WHERE office = '99901' AND server_seq > 0 AND server_seq <= 1000000"
                           " AND (op <> 'record' OR pin IS NOT NULL)"
                           " AND (op IN ('pin', 'review') OR (op = 'record' AND pin IS NOT NULL)"
                           "  OR (op = 'number_block' AND device_id = '" RECORD_A "'))"
                           " ORDER BY server_seq LIMIT 100");
    ck_assert_int_eq (PQresultStatus (result), PGRES_TUPLES_OK);
    ck_assert_msg (strstr (PQgetvalue (result, 0, 0), "change_log_office") != NULL, "%s", PQgetvalue (result, 0, 0));
    PQclear (result);
    PQfinish (conn);
  }
  run_script ("DELETE FROM change_log WHERE office = '99901'");
}
END_TEST

/* A database at 0002, with keys stored and the old checks and indexes,
 * migrates: the keys get their hashes and are found through the hash
 * index, and the checks and indexes are the new ones. */
START_TEST (test_upgrade_from_0002)
{
  g_autoptr(GError) error = NULL;
  const char *const args[] = { "migrate", NULL };
  const char *params[] = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *check = NULL;

  run_script ("DROP INDEX record_keys_hash;"
              " ALTER TABLE record_keys DROP COLUMN key_hash;"
              " CREATE INDEX record_keys_key ON record_keys (key, record_id);"
              " DROP INDEX change_log_office;"
              " CREATE INDEX change_log_office ON change_log (office, server_seq);"
              " ALTER TABLE change_log DROP CONSTRAINT change_log_content_hash_check;"
              " ALTER TABLE change_log ADD CHECK (content_hash ~ '^[0-9a-f]{64}$');"
              " ALTER TABLE pins DROP CONSTRAINT pins_pin_check;"
              " ALTER TABLE pins ADD CHECK (pin ~ '^[0-9]{12}$');"
              " DELETE FROM schema_migrations WHERE name IN ('0003-push-cost.sql', '0004-push-indexes.sql')");
  store_keys ();

  out = hs_test_run_cli (hs_pg_conninfo (pg), args, &error);
  ck_assert_msg (out != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_msg (strstr (out, "2 migrations applied") != NULL, "%s", out);
  check_found ();
  check_indexes_0004 ();
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

/* What 0005 leaves: personal ID numbers unique, with no second index on
 * the record's id. */
static void
check_pins_0005 (void)
{
  const char *params[] = { NULL };

  ck_assert_int_eq (hs_pg_query_int (pg,
                                     "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                                     " WHERE c.relname = 'pins'",
                                     params),
                    1);
  ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM pg_constraint WHERE conname = 'pins_record_id_key'",
                                     params),
                    0);
  /* A number is still issued once: the second row with it is refused. */
  {
    g_autofree char *state = try_statement ("INSERT INTO pins (pin, record_id, connector) VALUES"
                                            " ('001190000020', '" RECORD_A "', 'test'),"
                                            " ('001190000020', '" RECORD_B "', 'test')",
                                            NULL, 0);
    ck_assert_str_eq (state, "23505");
  }
}

START_TEST (test_pins_index)
{
  check_pins_0005 ();
}
END_TEST

/* A database at 0004, with the index on the record's id and a number
 * stored, migrates: the index is gone, the number stays. */
START_TEST (test_upgrade_from_0004)
{
  g_autoptr(GError) error = NULL;
  const char *const args[] = { "migrate", NULL };
  const char *params[] = { NULL };
  g_autofree char *out = NULL;

  run_script ("ALTER TABLE pins ADD CONSTRAINT pins_record_id_key UNIQUE (record_id);"
              " INSERT INTO pins (pin, record_id, connector) VALUES ('001190000021', '" RECORD_B "', 'test');"
              " DELETE FROM schema_migrations WHERE name = '0005-pins-index.sql'");
  out = hs_test_run_cli (hs_pg_conninfo (pg), args, &error);
  ck_assert_msg (out != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_msg (strstr (out, "1 migration applied") != NULL, "%s", out);
  check_pins_0005 ();
  ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM pins WHERE pin = '001190000021'", params), 1);
  run_script ("DELETE FROM pins WHERE pin = '001190000021'");
}
END_TEST

int
main (void)
{
  const HsTestCase cases[] = {
    { "migrate-again", test_migrate_again },
    { "checks", test_checks },
    { "keys-by-hash", test_keys_by_hash },
    { "office-index", test_office_index },
    { "upgrade-from-0002", test_upgrade_from_0002 },
    { "pins-index", test_pins_index },
    { "upgrade-from-0004", test_upgrade_from_0004 },
  };

  return hs_test_main ("server-schema", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
