/* test-store-search.c — tests of name search, exact lookups and the lookups of validation rules.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture (a new register per test) and helpers are in ht-test-store.c.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

/* ---- Search ---- */



START_TEST (test_search)
{
  g_autoptr(cJSON) an = save_ok (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) hoa = save_ok (ht_test_birth ("Đặng Thị Hoa", "2026-02-21", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) binh = save_ok (ht_test_birth ("Trần Văn Bình", "2026-02-22", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) couple = save_ok (ht_test_marriage ("Hoàng Văn Sơn", "1990-01-01", "Lý Thị Hằng",
                                                       "1994-02-02", "2026-04-01"), NULL, 0);
  g_autofree char *pin = ht_pin_build ("001", "male", 1950, 123456);
  g_autoptr(cJSON) death = ht_test_death ("Bùi Văn Khang", "1950-05-05", "2026-10-01", "2026-10-03");
  const char *nfd = "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An"; /* "Nguyễn Văn An", decomposed */
  const char *card;

  cJSON_AddStringToObject (cJSON_GetObjectItem (ht_record_data (death), "deceased"), "pin", pin);
  {
    g_autoptr(HtIssues) issues = ht_issues_new ();
    cJSON *canon = ht_record_canonicalize (death, issues);
    cJSON_Delete (death);
    death = save_ok (canon, NULL, 0);
  }

  ck_assert (search_finds ("nguyen van an", ht_record_id (an)));
  ck_assert (!search_finds ("nguyen van an", ht_record_id (binh)));
  ck_assert (search_finds ("dang", ht_record_id (hoa)));
  ck_assert (search_finds ("Đặng", ht_record_id (hoa)));
  ck_assert (search_finds ("NGUYỄN VĂN AN", ht_record_id (an)));
  ck_assert (search_finds (nfd, ht_record_id (an)));
  ck_assert (search_finds ("ng v an", ht_record_id (an)));
  ck_assert (search_finds ("  tran   van  binh ", ht_record_id (binh)));
  ck_assert_uint_eq (search_count ("nguyen van binh", NULL), 0);
  ck_assert_uint_eq (search_count ("hoang son", NULL), 1);
  ck_assert_uint_eq (search_count ("hoang son", "birth"), 0);
  ck_assert_uint_eq (search_count ("hoang son", "marriage"), 1);
  ck_assert_uint_eq (search_count ("\"; DROP TABLE records; --", NULL), 0);

  /* The shapes the name keys answer: a name being typed, "surname given",
   * a given name alone; and words out of order, which FTS5 answers. */
  ck_assert (search_finds ("nguyen van a", ht_record_id (an)));
  ck_assert (search_finds ("nguyen an", ht_record_id (an)));
  ck_assert (search_finds ("Bình", ht_record_id (binh)));
  ck_assert (search_finds ("hang thi ly", ht_record_id (couple)));
  ck_assert (search_finds ("van son", ht_record_id (couple)));
  ck_assert_uint_eq (search_count ("hoang van s", NULL), 1);
  ck_assert_uint_eq (search_count ("hoang van s", "birth"), 0);
  ck_assert_uint_eq (search_count ("ly thi hang", "marriage"), 1);

  /* Exact lookups: personal ID number, ID card, place in the book. */
  ck_assert (search_finds (pin, ht_record_id (death)));
  ck_assert_uint_eq (search_count (pin, NULL), 1);
  card = cJSON_GetStringValue (ht_record_get_path (couple, "data.wife.id_document.number"));
  ck_assert (search_finds (card, ht_record_id (couple)));
  ck_assert_uint_eq (search_count ("001195012345", NULL), 3);
  ck_assert_uint_eq (search_count ("001195012345", "birth"), 3);
  ck_assert (search_finds ("birth/2026/2", ht_record_id (hoa)));
  ck_assert_uint_eq (search_count ("birth/2026/2", NULL), 1);
  ck_assert_uint_eq (search_count ("death/2026/1", NULL), 1);
  ck_assert_uint_eq (search_count ("birth/2026/9", NULL), 0);

  /* Newest first, and limited. */
  {
    g_autoptr(GPtrArray) results = ht_store_search (store, "tran thi bich", NULL, 2, NULL);
    ck_assert_uint_eq (results->len, 2);
    ck_assert_str_eq (ht_record_id (results->pdata[0]), ht_record_id (binh));
  }
}
END_TEST

START_TEST (test_lookup)
{
  g_autoptr(cJSON) an = save_ok (ht_test_birth ("Nguyễn Văn An", "2026-02-20", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) couple = save_ok (ht_test_marriage ("Hoàng Văn Sơn", "1990-01-01", "Lý Thị Hằng",
                                                       "1994-02-02", "2026-04-01"), NULL, 0);
  const HtLookup *lookup = ht_store_get_lookup (store);
  g_autofree char *folded = ht_fold ("Hoàng Văn Sơn");
  const char *card = cJSON_GetStringValue (ht_record_get_path (couple, "data.husband.id_document.number"));
  g_autoptr(cJSON) by_name = lookup->find_person (lookup->user_data, "marriage", NULL, NULL, folded, "1990-01-01");
  g_autoptr(cJSON) by_wrong_date = lookup->find_person (lookup->user_data, "marriage", NULL, NULL, folded, "1990-01-02");
  g_autoptr(cJSON) by_name_only = lookup->find_person (lookup->user_data, NULL, NULL, NULL, folded, NULL);
  g_autoptr(cJSON) by_card = lookup->find_person (lookup->user_data, "marriage", NULL, card, NULL, NULL);
  g_autoptr(cJSON) by_pin = lookup->find_person (lookup->user_data, "birth", "001195012345", NULL, NULL, NULL);
  g_autoptr(cJSON) wrong_kind = lookup->find_person (lookup->user_data, "death", NULL, card, NULL, NULL);
  g_autoptr(cJSON) ref = cJSON_CreateObject ();
  g_autoptr(cJSON) resolved = NULL;
  g_autoptr(cJSON) referencing = NULL;

  ck_assert_int_eq (cJSON_GetArraySize (by_name), 1);
  ck_assert_int_eq (cJSON_GetArraySize (by_wrong_date), 0);
  ck_assert_int_eq (cJSON_GetArraySize (by_name_only), 1);
  ck_assert_int_eq (cJSON_GetArraySize (by_card), 1);
  ck_assert_int_eq (cJSON_GetArraySize (by_pin), 1);
  ck_assert_int_eq (cJSON_GetArraySize (wrong_kind), 0);

  cJSON_AddStringToObject (ref, "kind", "birth");
  cJSON_AddStringToObject (ref, "office", HT_TEST_OFFICE);
  cJSON_AddNumberToObject (ref, "book_year", 2026);
  cJSON_AddNumberToObject (ref, "number", 1);
  resolved = lookup->resolve_ref (lookup->user_data, ref);
  ck_assert_str_eq (ht_record_id (resolved), ht_record_id (an));

  /* A later record pointing at the birth by id is found from the birth. */
  {
    g_autoptr(cJSON) child = ht_test_birth ("Nguyễn Thị Bé", "2026-06-01", "2026-06-05");
    cJSON *parents = cJSON_CreateObject ();
    g_autoptr(HtIssues) issues = ht_issues_new ();
    g_autoptr(cJSON) canon = NULL;

    cJSON_AddStringToObject (parents, "id", ht_record_id (couple));
    cJSON_AddItemToObject (ht_record_data (child), "parents_marriage", parents);
    canon = ht_record_canonicalize (child, issues);
    ck_assert_ptr_nonnull (canon);
    save_ok (canon, NULL, 0);
    referencing = lookup->find_referencing (lookup->user_data, ht_record_id (couple));
    ck_assert_int_eq (cJSON_GetArraySize (referencing), 1);
  }
}
END_TEST


/* ---- Runner ---- */

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-search");
  add_case (s, "search", test_search);
  add_case (s, "lookup", test_lookup);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
