/* test-gen.c — the record generator makes valid, canonical, realistic records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmarks and demos are only as good as their data: a generated record
 * that the register would refuse would measure the refusal, not the work.
 * So every record is checked here the way an import checks it — parsed from
 * its line, printed again byte for byte, and validated with no error, also
 * against an in-memory register holding the records made before it, so the
 * rules that ask the register (already married, already dead) run too.
 */
#define G_LOG_DOMAIN "test-gen"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-test-lookup.h"
#include "ht-validate.h"

#define N_RECORDS 2000

static GDate
date (const char *text)
{
  GDate d;

  g_date_clear (&d, 1);
  ck_assert_msg (ht_date_parse (text, &d), "test date %s does not parse", text);
  return d;
}

static HtGen *
gen_new (const char *office,
         guint32     seed,
         guint64     count,
         gboolean    numbered)
{
  g_autoptr(GError) error = NULL;
  GDate from = date ("2024-01-01");
  GDate to = date ("2026-11-20");
  HtGen *gen = ht_gen_new (office, seed, &from, &to, count, numbered, &error);

  ck_assert_msg (gen != NULL, "ht_gen_new: %s", error ? error->message : "?");
  return gen;
}

static void
fail_with_issues (const char *line,
                  HtIssues   *issues,
                  const char *what)
{
  fprintf (stderr, "%s\n%s\n", what, line);
  ht_test_dump_issues (issues);
  ck_abort_msg ("%s", what);
}

/* Generates "count" records and checks each one as an import would.
 * With a lookup, every record joins the in-memory register after its
 * check, under a fresh id. */
static void
check_records (const char *office,
               guint32     seed,
               guint       count,
               gboolean    numbered,
               gboolean    with_register)
{
  g_autoptr(HtGen) gen = gen_new (office, seed, count, numbered);
  g_autoptr(HtTestLookup) reg = with_register ? ht_test_lookup_new () : NULL;
  g_autoptr(GError) error = NULL;
  guint made = 0, warned = 0;
  char *line;

  while ((line = ht_gen_next_line (gen, &error)) != NULL)
    {
      g_autoptr(HtIssues) parse_issues = ht_issues_new ();
      g_autoptr(cJSON) record = ht_record_parse (line, -1, parse_issues);
      g_autoptr(HtIssues) issues = NULL;
      g_autofree char *again = NULL;

      if (record == NULL)
        fail_with_issues (line, parse_issues, "a generated record does not parse");
      again = ht_record_print (record);
      ck_assert_msg (g_str_equal (again, line), "not canonical:\n%s\n%s", line, again);
      ck_assert_str_eq (ht_record_office (record), office);
      ck_assert (strchr (line, '\n') == NULL);

      issues = ht_test_validate (record, reg ? ht_test_lookup_get (reg) : NULL, numbered);
      if (ht_issues_n_errors (issues) > 0)
        fail_with_issues (line, issues, "a generated record does not validate");
      warned += issues->len > 0;

      if (reg != NULL)
        {
          g_autofree char *id = g_uuid_string_random ();
          cJSON_ReplaceItemInObjectCaseSensitive (record, "id", cJSON_CreateString (id));
          ht_test_lookup_add (reg, record);
        }
      made++;
      g_free (line);
    }
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (made, count);
  ck_assert_uint_eq (ht_gen_get_made (gen), count);
  /* Late registrations and fathers without a marriage paper warn: some
   * must be there, or the data would be too tidy to be real. */
  ck_assert_uint_gt (warned, 0);
}

START_TEST (test_valid_seeds)
{
  static const guint32 seeds[] = { 1, 2, 7, 42, 2026 };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    check_records ("00004", seeds[i], N_RECORDS, FALSE, FALSE);
}
END_TEST

START_TEST (test_valid_against_register)
{
  check_records ("00004", 99, N_RECORDS, FALSE, TRUE);
}
END_TEST

START_TEST (test_valid_numbered)
{
  check_records ("00004", 5, N_RECORDS, TRUE, TRUE);
}
END_TEST

/* A rural commune of the Mekong delta, a mountain commune of the north
 * west, and an island đặc khu created by the 2025 reform under a code that
 * did not exist before (its records start on 1 July 2025). */
START_TEST (test_valid_other_offices)
{
  check_records ("31843", 3, 500, FALSE, FALSE);
  check_records ("03688", 4, 500, TRUE, FALSE);
  check_records ("11948", 5, 300, FALSE, FALSE);
}
END_TEST

START_TEST (test_deterministic)
{
  g_autoptr(HtGen) a = gen_new ("00004", 17, 300, FALSE);
  g_autoptr(HtGen) b = gen_new ("00004", 17, 300, FALSE);
  g_autoptr(HtGen) c = gen_new ("00004", 18, 300, FALSE);
  guint same_as_other_seed = 0;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *la = ht_gen_next_line (a, NULL);
      g_autofree char *lb = ht_gen_next_line (b, NULL);
      g_autofree char *lc = ht_gen_next_line (c, NULL);

      ck_assert_str_eq (la, lb);
      same_as_other_seed += g_str_equal (la, lc);
    }
  ck_assert_uint_lt (same_as_other_seed, 10);
  ck_assert (ht_gen_next_line (a, NULL) == NULL);
}
END_TEST

/* Registration days lie in the period, never go backwards, fall on the
 * office's working days; numbered books count 1, 2, 3 … per kind and year. */
START_TEST (test_dates_and_numbers)
{
  g_autoptr(HtGen) gen = gen_new ("00004", 11, N_RECORDS, TRUE);
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate from = date ("2024-01-01"), to = date ("2026-11-20"), prev = from;
  cJSON *record;

  while ((record = ht_gen_next (gen, NULL)) != NULL)
    {
      GDate reg;
      g_autofree char *key = NULL;
      guint expected;

      ck_assert (ht_record_registered_on (record, &reg));
      ck_assert (g_date_compare (&reg, &from) >= 0);
      ck_assert (g_date_compare (&reg, &to) <= 0);
      ck_assert (g_date_compare (&reg, &prev) >= 0);
      ck_assert (g_date_get_weekday (&reg) != G_DATE_SUNDAY);
      prev = reg;

      ck_assert_int_eq (ht_record_book_year (record), g_date_get_year (&reg));
      key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, ht_record_kind_code (record), ht_record_book_year (record));
      expected = GPOINTER_TO_UINT (g_hash_table_lookup (last, key)) + 1;
      ck_assert_int_eq (ht_record_number (record), expected);
      g_hash_table_insert (last, g_steal_pointer (&key), GUINT_TO_POINTER (expected));
      cJSON_Delete (record);
    }
}
END_TEST

/* Without --numbered the store numbers records: none carries a number. */
START_TEST (test_unnumbered)
{
  g_autoptr(HtGen) gen = gen_new ("00004", 12, 200, FALSE);
  cJSON *record;

  while ((record = ht_gen_next (gen, NULL)) != NULL)
    {
      ck_assert (ht_record_id (record) == NULL);
      ck_assert_int_eq (ht_record_book_year (record), 0);
      ck_assert_int_eq (ht_record_number (record), 0);
      cJSON_Delete (record);
    }
}
END_TEST

/* Collects every personal ID and document number of a record. */
static void
collect_numbers (const cJSON *node,
                 GHashTable  *out)
{
  const cJSON *child;

  cJSON_ArrayForEach (child, node)
    {
      if (child->string != NULL && cJSON_IsString (child) && g_str_equal (child->string, "pin"))
        g_hash_table_add (out, child->valuestring);
      else if (child->string != NULL && g_str_equal (child->string, "id_document"))
        g_hash_table_add (out, cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (child, "number")));
      else if (cJSON_IsObject (child) || cJSON_IsArray (child))
        collect_numbers (child, out);
    }
}

/* Two records never name one person: a personal ID or identity card
 * number met in one record appears in no other, or the register's rules
 * would take two generated people for one (already dead, already married).
 * Within a record one person may appear twice (a mother who declares). */
START_TEST (test_unique_numbers)
{
  g_autoptr(HtGen) gen = gen_new ("00004", 77, 30000, FALSE);
  g_autoptr(GHashTable) owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cJSON *record;
  guint i = 0;

  while ((record = ht_gen_next (gen, NULL)) != NULL)
    {
      g_autoptr(GHashTable) mine = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer number;

      i++;
      collect_numbers (record, mine);
      g_hash_table_iter_init (&iter, mine);
      while (g_hash_table_iter_next (&iter, &number, NULL))
        {
          guint before = GPOINTER_TO_UINT (g_hash_table_lookup (owner, number));
          ck_assert_msg (before == 0, "%s is in records %u and %u", (const char *) number, before, i);
          g_hash_table_insert (owner, g_strdup (number), GUINT_TO_POINTER (i));
        }
      cJSON_Delete (record);
    }
  ck_assert_uint_gt (g_hash_table_size (owner), 30000);
}
END_TEST

typedef struct
{
  guint people;
  guint nguyen;
  guint kinh;
  guint with_ethnicity;
} Census;

static void
count_names (const HtField *field,
             const char    *path,
             const cJSON   *value,
             gpointer       user_data)
{
  Census *c = user_data;
  g_autofree char *folded = ht_fold (cJSON_GetStringValue (value));

  c->people++;
  c->nguyen += g_str_has_prefix (folded, "nguyen ");
}

/* The mix of kinds and people looks like a commune's books. */
START_TEST (test_realistic_mix)
{
  g_autoptr(HtGen) gen = gen_new ("00004", 23, 4000, FALSE);
  guint kinds = ht_gen_get_kinds (gen);
  guint per_kind[4] = { 0 };
  Census census = { 0 };
  guint late = 0, births = 0;
  cJSON *record;

  while ((record = ht_gen_next (gen, NULL)) != NULL)
    {
      const char *kind = ht_record_kind_code (record);
      const cJSON *eth;

      if (g_str_equal (kind, "birth"))
        {
          GDate reg, dob;
          per_kind[0]++;
          births++;
          ht_record_registered_on (record, &reg);
          ht_date_parse (cJSON_GetStringValue (ht_record_get_path (record, "data.child.date_of_birth")), &dob);
          late += g_date_days_between (&dob, &reg) > 60;
          eth = ht_record_get_path (record, "data.child.ethnicity");
          census.with_ethnicity++;
          census.kinh += g_str_equal (cJSON_GetStringValue (eth), "Kinh");
        }
      else if (g_str_equal (kind, "marriage"))
        per_kind[1]++;
      else if (g_str_equal (kind, "death"))
        per_kind[2]++;
      else if (g_str_equal (kind, "marital_status"))
        per_kind[3]++;
      else
        ck_abort_msg ("unexpected kind %s", kind);
      ht_record_foreach_flagged (record, HT_F_SEARCH_NAME, count_names, &census);
      cJSON_Delete (record);
    }

  ck_assert (kinds & HT_GEN_BIRTH);
  if (kinds == HT_GEN_ALL)
    {
      /* 55 / 20 / 15 / 10 per cent, give or take the sampling. */
      ck_assert_uint_ge (per_kind[0], 2000);
      ck_assert_uint_le (per_kind[0], 2400);
      ck_assert_uint_ge (per_kind[1], 650);
      ck_assert_uint_le (per_kind[1], 950);
      ck_assert_uint_ge (per_kind[2], 450);
      ck_assert_uint_le (per_kind[2], 750);
      ck_assert_uint_ge (per_kind[3], 280);
      ck_assert_uint_le (per_kind[3], 520);
    }
  /* About a tenth of births registered after the 60-day deadline. */
  ck_assert_uint_ge (late * 100, births * 5);
  ck_assert_uint_le (late * 100, births * 16);
  /* Nguyễn is about 38 % of Kinh names (less with the minorities). */
  ck_assert_uint_ge (census.nguyen * 100, census.people * 28);
  ck_assert_uint_le (census.nguyen * 100, census.people * 42);
  /* Mostly Kinh, not only Kinh. */
  ck_assert_uint_ge (census.kinh * 100, census.with_ethnicity * 75);
  ck_assert_uint_lt (census.kinh, census.with_ethnicity);
}
END_TEST

START_TEST (test_restrict_kinds)
{
  g_autoptr(HtGen) gen = gen_new ("00004", 31, 300, FALSE);
  cJSON *record;

  ck_assert_uint_eq (ht_gen_set_kinds (gen, HT_GEN_BIRTH), HT_GEN_BIRTH);
  while ((record = ht_gen_next (gen, NULL)) != NULL)
    {
      ck_assert_str_eq (ht_record_kind_code (record), "birth");
      cJSON_Delete (record);
    }
}
END_TEST

START_TEST (test_bad_office)
{
  g_autoptr(GError) error = NULL;
  GDate from = date ("2024-01-01"), to = date ("2024-12-31");
  GDate after = date ("2025-01-01");

  ck_assert (ht_gen_new ("99999", 1, &from, &to, 10, FALSE, &error) == NULL);
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_NOT_FOUND));
  g_clear_error (&error);
  /* The đặc khu did not exist in 2024: nothing to generate. */
  ck_assert (ht_gen_new ("11948", 1, &from, &to, 10, FALSE, &error) == NULL);
  ck_assert (error != NULL);
  g_clear_error (&error);
  ck_assert (ht_gen_new ("00004", 1, &after, &to, 10, FALSE, &error) == NULL);
  ck_assert (error != NULL);
}
END_TEST

static Suite *
gen_suite (void)
{
  Suite *s = suite_create ("gen");
  TCase *tc;

  tc = tcase_create ("valid");
  tcase_add_test (tc, test_valid_seeds);
  tcase_add_test (tc, test_valid_against_register);
  tcase_add_test (tc, test_valid_numbered);
  tcase_add_test (tc, test_valid_other_offices);
  suite_add_tcase (s, tc);

  tc = tcase_create ("behaviour");
  tcase_add_test (tc, test_deterministic);
  tcase_add_test (tc, test_dates_and_numbers);
  tcase_add_test (tc, test_unique_numbers);
  tcase_add_test (tc, test_unnumbered);
  tcase_add_test (tc, test_realistic_mix);
  tcase_add_test (tc, test_restrict_kinds);
  tcase_add_test (tc, test_bad_office);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (gen_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
