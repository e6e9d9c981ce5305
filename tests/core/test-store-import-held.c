/* test-store-import-held.c — what an import holds back is found by its own lookups.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import writes the name keys, lookup keys (record_keys) and refs of its
 * records sorted and in batches (ht-store-search.c) rather than record by
 * record.  The rules of a later record in the same file must still find an
 * earlier one by its ID card, its name and birth, or the record it points
 * at.  These tests ask the register's lookups in the middle of an import
 * (from its progress callback, on the importing thread, after 1,000
 * records) about the first records of the file, in an empty register and
 * in one that holds a record, and check the register afterwards.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-fold.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

/* Generated records besides the two the lookups ask about: more than the
 * 1,000 records after which the import first reports its progress.  The
 * marriage comes first, the birth that points at it is the 1,000th record,
 * so that no lookup of a record after it has written its ref yet when the
 * import reports. */
#define N_FILLER 1200
#define PROGRESS_AT 1000

typedef struct
{
  const char *card;       /* the husband's ID card */
  const char *couple_id;
  const char *husband;    /* folded */
  guint       probes;
} Probe;

static void
probe_cb (guint64  done,
          guint64  total,
          gpointer user_data)
{
  Probe *p = user_data;
  const HtLookup *lookup = ht_store_get_lookup (store);
  g_autoptr(cJSON) by_card = NULL;
  g_autoptr(cJSON) by_name = NULL;
  g_autoptr(cJSON) referencing = NULL;

  /* The last call comes after the commit. */
  if (done >= total)
    return;
  /* The ref first: any other lookup that asks SQLite writes it too. */
  referencing = lookup->find_referencing (lookup->user_data, p->couple_id);
  ck_assert_int_eq (cJSON_GetArraySize (referencing), 1);
  by_card = lookup->find_person (lookup->user_data, "marriage", NULL, p->card, NULL, NULL);
  ck_assert_int_eq (cJSON_GetArraySize (by_card), 1);
  ck_assert_str_eq (ht_record_id (cJSON_GetArrayItem (by_card, 0)), p->couple_id);
  by_name = lookup->find_person (lookup->user_data, "marriage", NULL, NULL, p->husband, "1990-01-01");
  ck_assert_int_eq (cJSON_GetArraySize (by_name), 1);
  p->probes++;
}

static GPtrArray *
make_records (char **couple_id,
              char **card)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  cJSON *couple = ht_test_marriage ("Hoàng Văn Sơn", "1990-01-01", "Lý Thị Hằng", "1994-02-02", "2026-04-01");
  cJSON *child = ht_test_birth ("Hoàng Thị Bé", "2026-06-01", "2026-06-05");
  cJSON *parents = cJSON_CreateObject ();
  cJSON *canon;
  cJSON *record;
  GDate from, to;

  *couple_id = g_uuid_string_random ();
  cJSON_DeleteItemFromObject (couple, "id");
  cJSON_AddStringToObject (couple, "id", *couple_id);
  *card = g_strdup (cJSON_GetStringValue (ht_record_get_path (couple, "data.husband.id_document.number")));
  ck_assert_ptr_nonnull (*card);
  g_ptr_array_add (records, couple);

  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2025);
  g_date_set_dmy (&to, 31, G_DATE_MARCH, 2026);
  gen = ht_gen_new (HT_TEST_OFFICE, 7, &from, &to, N_FILLER, FALSE, &error);
  ck_assert_msg (gen != NULL, "%s", error ? error->message : "");
  while ((record = ht_gen_next (gen, &error)) != NULL)
    g_ptr_array_add (records, record);
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");

  /* The child's record points at the marriage by id: a ref. */
  cJSON_AddStringToObject (parents, "id", *couple_id);
  cJSON_AddItemToObject (ht_record_data (child), "parents_marriage", parents);
  canon = ht_record_canonicalize (child, issues);
  cJSON_Delete (child);
  ck_assert_ptr_nonnull (canon);
  g_ptr_array_insert (records, PROGRESS_AT - 1, canon);
  return records;
}

static void
import_and_probe (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *couple_id = NULL;
  g_autofree char *card = NULL;
  g_autofree char *husband = ht_fold ("Hoàng Văn Sơn");
  g_autoptr(GPtrArray) records = make_records (&couple_id, &card);
  Probe probe = { card, couple_id, husband, 0 };

  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, probe_cb, &probe, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_ge (probe.probes, 1);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM refs"), 1);
  ck_assert_int_ge (sql_int ("SELECT count(*) FROM record_keys"), N_FILLER);
  ck_assert (ht_store_check (store, NULL, NULL));
}

START_TEST (test_held_keys_found)
{
  import_and_probe ();
}
END_TEST

/* A register that holds a record takes none of the import's shortcuts for
 * an empty one, but its keys are held back all the same. */
START_TEST (test_held_keys_found_not_empty)
{
  save_new (ht_test_birth ("Trần Văn Cũ", "2026-01-02", "2026-01-05"), 0);
  import_and_probe ();
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-import-held");
  add_case (s, "held-keys-found", test_held_keys_found);
  add_case (s, "held-keys-found-not-empty", test_held_keys_found_not_empty);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
