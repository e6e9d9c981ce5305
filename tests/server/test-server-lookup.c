/* test-server-lookup.c — the push's look-ups of the batch's own records, and the small helpers of its rows.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No PostgreSQL: the look-up is given an empty prefetch result (libpq
 * makes one without a connection), so that every question about the
 * prefetched keys is answered from memory, and a question that would need
 * the database shows up as the look-up's error.
 */
#include <check.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-fold.h"
#include "ht-record.h"
#include "hs-keys.h"
#include "hs-lookup.h"
#include "hs-push-private.h"
#include "hs-test-records.h"

#define ID_A "0b8f7c3e-5a61-4d2e-9f10-2c3b4a5d6e71"
#define ID_B "0b8f7c3e-5a61-4d2e-9f10-2c3b4a5d6e72"
#define ID_S "0b8f7c3e-5a61-4d2e-9f10-2c3b4a5d6e73"
#define ID_DRAFT "0b8f7c3e-5a61-4d2e-9f10-2c3b4a5d6e74"
#define ID_DEATH "0b8f7c3e-5a61-4d2e-9f10-2c3b4a5d6e75"
#define ID_VOID "0b8f7c3e-5a61-4d2e-9f10-2c3b4a5d6e76"

static cJSON *
registered_birth (guint       serial,
                  const char *id)
{
  g_autoptr(cJSON) raw = hs_test_birth ("00004", serial, 100 + serial, id);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  cJSON *canonical = ht_record_canonicalize (raw, issues);

  ck_assert_ptr_nonnull (canonical);
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
  ck_assert_str_eq (ht_record_status (canonical), "registered");
  return canonical;
}

/* The ids of the births find_person finds for the child of "record", in
 * the order found, joined by spaces ("" for none). */
static char *
births_of_child (HsLookup    *lookup,
                 const cJSON *record)
{
  const HtLookup *l = hs_lookup_get (lookup);
  const cJSON *child = ht_record_get_path (record, "data.child");
  g_autofree char *folded = ht_fold (cJSON_GetStringValue (ht_record_get_path (child, "full_name")));
  const char *dob = cJSON_GetStringValue (ht_record_get_path (child, "date_of_birth"));
  g_autoptr(cJSON) found = l->find_person (l->user_data, "birth", NULL, NULL, folded, dob);
  g_autoptr(GError) error = hs_lookup_take_error (lookup);
  GString *ids = g_string_new (NULL);
  const cJSON *item;

  /* An error would mean the database was asked: the keys were fetched. */
  ck_assert_ptr_null (error);
  cJSON_ArrayForEach (item, found)
    g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", ht_record_id (item));
  return g_string_free (ids, FALSE);
}

/* Fails unless the births found for the child of "record" are "expected". */
static void
expect_births (HsLookup    *lookup,
               const cJSON *record,
               const char  *expected)
{
  g_autofree char *ids = births_of_child (lookup, record);

  ck_assert_msg (g_str_equal (ids, expected), "found \"%s\", expected \"%s\"", ids, expected);
}

/* The batch's records are held by reference (their ids and keys too):
 * a second change of a record replaces the first in every answer, and an
 * answer never names a record by a key it no longer has. */
START_TEST (test_pending_replaced)
{
  g_autoptr(cJSON) a = registered_birth (1, ID_A);
  g_autoptr(cJSON) a2 = registered_birth (2, ID_A); /* the same record, its child renamed */
  g_autoptr(cJSON) b = registered_birth (3, ID_B);
  g_autoptr(GPtrArray) keys_a = hs_record_keys (a);
  g_autoptr(GPtrArray) keys_a2 = hs_record_keys (a2);
  g_autoptr(GPtrArray) keys_b = hs_record_keys (b);
  g_autoptr(GPtrArray) key_sets = g_ptr_array_new ();
  g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
  HsLookup *lookup = hs_lookup_new (NULL);
  PGresult *empty = PQmakeEmptyPGresult (NULL, PGRES_TUPLES_OK);

  g_ptr_array_add (key_sets, keys_a);
  g_ptr_array_add (key_sets, keys_a2);
  g_ptr_array_add (key_sets, keys_b);
  ck_assert (hs_lookup_prefetch_add (lookup, key_sets, steps));
  hs_lookup_prefetch_read (lookup, empty);
  PQclear (empty);

  expect_births (lookup, a, "");

  hs_lookup_add (lookup, a, keys_a);
  expect_births (lookup, a, ID_A);
  expect_births (lookup, a2, "");

  hs_lookup_add (lookup, a2, keys_a2);
  expect_births (lookup, a, "");
  expect_births (lookup, a2, ID_A);

  hs_lookup_add (lookup, b, keys_b);
  expect_births (lookup, b, ID_B);
  expect_births (lookup, a2, ID_A);

  /* The same record a third time, as first pushed. */
  hs_lookup_add (lookup, a, keys_a);
  expect_births (lookup, a, ID_A);
  expect_births (lookup, a2, "");

  ck_assert (!hs_lookup_key_shared (lookup, g_ptr_array_index (keys_b, 0), ID_B));
  hs_lookup_free (lookup);
}
END_TEST

/* A prefetch result as PostgreSQL sends it (key, record_id, kind, status,
 * doc), made by libpq without a connection. */
static PGresult *
prefetch_result (void)
{
  static char key[] = "key", record_id[] = "record_id", kind[] = "kind", status[] = "status", doc[] = "doc";
  char *names[] = { key, record_id, kind, status, doc };
  PGresAttDesc attrs[G_N_ELEMENTS (names)];
  PGresult *result = PQmakeEmptyPGresult (NULL, PGRES_TUPLES_OK);

  memset (attrs, 0, sizeof attrs);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      attrs[i].name = names[i];
      attrs[i].typid = 25; /* text */
      attrs[i].typlen = -1;
      attrs[i].atttypmod = -1;
    }
  ck_assert (PQsetResultAttrs (result, G_N_ELEMENTS (names), attrs));
  return result;
}

static void
prefetch_row (PGresult   *result,
              const char *key,
              const char *id,
              const char *kind,
              const char *status,
              const char *doc)
{
  const char *values[] = { key, id, kind, status, doc };
  int row = PQntuples (result);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    ck_assert (PQsetvalue (result, row, (int) i, (char *) values[i], (int) strlen (values[i])));
}

/* Stored records found by prefetching: only those of the kind asked for
 * and registered, each once whatever the number of keys it shares, and
 * none that a record of the batch replaces. */
START_TEST (test_prefetched)
{
  g_autoptr(cJSON) a = registered_birth (1, ID_A);
  g_autoptr(cJSON) stored = registered_birth (1, ID_S);   /* the same child, registered before */
  g_autoptr(cJSON) edited = registered_birth (1, ID_S);   /* that record, edited in this batch */
  g_autoptr(GPtrArray) keys_a = hs_record_keys (a);
  g_autoptr(GPtrArray) keys_stored = hs_record_keys (stored);
  g_autoptr(GPtrArray) key_sets = g_ptr_array_new ();
  g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
  g_autoptr(cJSON) other_draft = registered_birth (1, ID_DRAFT);
  g_autoptr(cJSON) other_death = registered_birth (1, ID_DEATH);
  g_autoptr(cJSON) other_void = registered_birth (1, ID_VOID);
  g_autofree char *text = ht_record_print (stored);
  g_autofree char *draft_text = ht_record_print (other_draft);
  g_autofree char *death_text = ht_record_print (other_death);
  g_autofree char *void_text = ht_record_print (other_void);
  HsLookup *lookup = hs_lookup_new (NULL);
  PGresult *result = prefetch_result ();

  g_ptr_array_add (key_sets, keys_a);
  ck_assert (hs_lookup_prefetch_add (lookup, key_sets, steps));
  /* Every key of the stored record, as the statement would find them
   * (the lookup keeps those it asked for), and under the same keys a
   * draft, a death and a birth that is not registered (their documents
   * are births of the same child, so that only the kind and status the
   * statement gives tell them apart). */
  for (guint k = 0; k < keys_stored->len; k++)
    {
      const char *key = g_ptr_array_index (keys_stored, k);

      prefetch_row (result, key, ID_S, "birth", "registered", text);
      prefetch_row (result, key, ID_DRAFT, "birth", "draft", draft_text);
      prefetch_row (result, key, ID_DEATH, "death", "registered", death_text);
      prefetch_row (result, key, ID_VOID, "birth", "revoked", void_text);
    }
  hs_lookup_prefetch_read (lookup, result);
  PQclear (result);

  expect_births (lookup, a, ID_S);

  hs_lookup_add (lookup, a, keys_a);
  expect_births (lookup, a, ID_S " " ID_A);

  /* The stored record edited in this batch: its new version, once. */
  hs_lookup_add (lookup, edited, keys_stored);
  expect_births (lookup, a, ID_A " " ID_S);
  {
    const HtLookup *l = hs_lookup_get (lookup);
    g_autoptr(cJSON) found = NULL;
    const cJSON *child = ht_record_get_path (a, "data.child");
    g_autofree char *folded = ht_fold (cJSON_GetStringValue (ht_record_get_path (child, "full_name")));
    const char *dob = cJSON_GetStringValue (ht_record_get_path (child, "date_of_birth"));

    found = l->find_person (l->user_data, "birth", NULL, NULL, folded, dob);
    ck_assert_int_eq (cJSON_GetArraySize (found), 2);
    ck_assert_ptr_eq (cJSON_GetArrayItem (found, 1)->child, edited->child);
  }

  /* A key held by stored records is shared with any other record. */
  ck_assert (hs_lookup_key_shared (lookup, g_ptr_array_index (keys_stored, 0), "no-such-id"));
  hs_lookup_free (lookup);
}
END_TEST

/* Numbers as text without printf: what "%" PRId64 prints, at the edges. */
START_TEST (test_int_text)
{
  const gint64 values[] = { 0, 1, -1, 9, 10, -10, 99, 100, 2026, 1000000, G_MAXINT32, G_MININT32,
                            (gint64) G_MAXINT32 + 1, G_MAXINT64, G_MININT64, G_MAXINT64 - 1, G_MININT64 + 1 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char buf[HT_INT64_TEXT_SIZE];
      g_autofree char *expected = g_strdup_printf ("%" PRId64, values[i]);

      ck_assert_str_eq (ht_int64_text (buf, values[i]), expected);
    }
  for (gint64 v = -100000; v <= 100000; v += 7)
    {
      char buf[HT_INT64_TEXT_SIZE], expected[32];

      g_snprintf (expected, sizeof expected, "%" PRId64, v);
      ck_assert_str_eq (ht_int64_text (buf, v), expected);
    }
}
END_TEST

/* A member is replaced where it is, or appended; its name is compared
 * case-sensitively, and the other members stay as and where they were. */
START_TEST (test_set_member)
{
  g_autoptr(cJSON) record = cJSON_Parse ("{\"id\":\"x\",\"Pin\":1,\"pin\":2,\"kind\":\"birth\"}");
  g_autofree char *text = NULL;

  hs_push_set_member (record, "pin", cJSON_CreateString ("012345678901"));
  hs_push_set_member (record, "review", cJSON_CreateNull ());
  hs_push_set_member (record, "updated_at", cJSON_CreateString ("t1"));
  hs_push_set_member (record, "updated_at", cJSON_CreateString ("t2"));
  hs_push_set_member (record, "id", cJSON_CreateString ("y"));
  text = cJSON_PrintUnformatted (record);
  ck_assert_str_eq (text, "{\"id\":\"y\",\"Pin\":1,\"pin\":\"012345678901\",\"kind\":\"birth\",\"review\":null,"
                          "\"updated_at\":\"t2\"}");
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("server-lookup");
  TCase *tc = tcase_create ("lookup");

  tcase_add_test (tc, test_pending_replaced);
  tcase_add_test (tc, test_prefetched);
  tcase_add_test (tc, test_int_text);
  tcase_add_test (tc, test_set_member);
  suite_add_tcase (suite, tc);
  return ht_check_run (suite, CK_FORK);
}
