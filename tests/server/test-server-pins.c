/* test-server-pins.c — personal ID numbers drawn again when the number drawn is taken.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local connector (server/hs-pin.c) inserts a round's numbers with a
 * plain INSERT inside a savepoint, and only when the primary key refuses
 * one goes back to the savepoint and inserts them again with ON CONFLICT,
 * to tell the numbers issued from those taken.  Here half the serials of
 * the births' province, sex and year are taken beforehand, so that nearly
 * every round of a batch meets a taken number: every birth must still get
 * a number of its own, none of those taken, and nothing else may change.
 */
#include <string.h>
#include <check.h>

#include "hs-test-main.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

/* Male births (an even serial makes a boy, hs_test_birth()), all born in
 * 2026: their numbers share the first six digits. */
#define BIRTHS 24

START_TEST (test_taken_numbers_drawn_again)
{
  const char *office = hs_test_office ("01", 3);
  g_autoptr(HsTestDevice) dev = hs_test_enroll (pg, url, "clerk", office);
  gint64 first = hs_test_block_first (dev, "birth");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *prefix = NULL;
  g_autofree char *taken_before = NULL;
  cJSON *changes;

  /* One birth first, to learn the six digits its numbers start with. */
  {
    g_autoptr(cJSON) birth = hs_test_birth (office, 0, first, NULL);
    const char *id = cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id"));
    const char *params[] = { id, NULL };
    g_autoptr(HsResponse) r = NULL;
    g_autofree char *pin = NULL;

    changes = cJSON_CreateArray ();
    cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    r = hs_test_push (url, dev->token, changes);
    ck_assert_int_eq (r->status, 200);
    ck_assert_str_eq (hs_test_status (r, 0), "applied");
    pin = hs_pg_query_value (pg, "SELECT pin FROM pins WHERE record_id = $1::uuid", params);
    ck_assert_ptr_nonnull (pin);
    ck_assert_uint_eq (strlen (pin), 12);
    prefix = g_strndup (pin, 6);
  }

  /* Every even serial of those six digits taken (by another connector). */
  {
    const char *params[] = { prefix, NULL };
    g_autofree char *inserted = NULL;

    inserted = hs_pg_query_value (pg,
                                  "WITH x AS (INSERT INTO pins (pin, record_id, connector)"
                                  " SELECT $1 || lpad (s::text, 6, '0'), gen_random_uuid (), 'taken'"
                                  " FROM generate_series (0, 999998, 2) AS s ON CONFLICT (pin) DO NOTHING"
                                  " RETURNING 1)"
                                  " SELECT count(*) FROM x",
                                  params);
    /* Half the serials, less the one issued above if it was even. */
    ck_assert (g_str_equal (inserted, "500000") || g_str_equal (inserted, "499999"));
    taken_before = hs_pg_query_value (pg, "SELECT count(*) FROM pins WHERE connector = 'taken'", NULL);
  }

  /* One batch: with half the serials taken, the plain INSERT of its first
   * round is refused unless all 24 draws were free (one chance in 2^24). */
  changes = cJSON_CreateArray ();
  for (guint i = 1; i <= BIRTHS; i++)
    {
      g_autoptr(cJSON) birth = hs_test_birth (office, 2 * i, first + i, NULL);

      g_ptr_array_add (ids, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id"))));
      cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    }
  {
    g_autoptr(HsResponse) r = hs_test_push (url, dev->token, changes);

    ck_assert_int_eq (r->status, 200);
    for (guint i = 0; i < BIRTHS; i++)
      ck_assert_str_eq (hs_test_status (r, i), "applied");
  }

  /* Each birth has one number, issued by the local connector, with an odd
   * serial (every even one was taken), carried by its record and its log
   * row; no two the same. */
  for (guint i = 0; i < ids->len; i++)
    {
      const char *params[] = { g_ptr_array_index (ids, i), NULL };
      g_autofree char *pin = hs_pg_query_value (pg,
                                                "SELECT pin FROM pins WHERE record_id = $1::uuid"
                                                " AND connector = 'local'",
                                                params);
      g_autofree char *stored = hs_pg_query_value (pg, "SELECT pin FROM records WHERE id = $1::uuid", params);
      g_autofree char *logged = hs_pg_query_value (pg,
                                                   "SELECT pin FROM change_log WHERE record_id = $1::uuid"
                                                   " AND op = 'record'",
                                                   params);

      ck_assert_ptr_nonnull (pin);
      ck_assert (g_str_has_prefix (pin, prefix));
      ck_assert_int_eq ((pin[11] - '0') % 2, 1);
      ck_assert_str_eq (stored, pin);
      ck_assert_str_eq (logged, pin);
      ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM pins WHERE record_id = $1::uuid", params), 1);
      ck_assert (g_hash_table_add (seen, g_steal_pointer (&pin)));
    }
  /* Nothing taken before was touched, and no number went unaccounted for. */
  {
    g_autofree char *taken_after = hs_pg_query_value (pg, "SELECT count(*) FROM pins WHERE connector = 'taken'",
                                                      NULL);

    ck_assert_str_eq (taken_after, taken_before);
    ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM pins WHERE connector = 'local'", NULL), BIRTHS + 1);
  }
  /* The push's audit row names every number issued. */
  ck_assert_int_eq (hs_pg_query_int (pg,
                                     "SELECT count(*) FROM audit_log, jsonb_array_elements (detail -> 'records')"
                                     " WHERE action = 'pins_issued'",
                                     NULL),
                    BIRTHS + 1);
}
END_TEST

int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "taken-numbers-drawn-again", test_taken_numbers_drawn_again },
  };

  return hs_test_main ("server-pins", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
