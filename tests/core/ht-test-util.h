/* ht-test-util.h — shared helpers for the core test suites.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small on purpose: a temporary directory per test, and valid canonical
 * records of the three most common kinds to start from.  Every record is
 * of the office HT_TEST_OFFICE, has no id and no number (the store gives
 * them), and passes validation with today = HOTICH_TODAY (2026-11-22).
 * Helpers fail the running check test on misuse.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

/* Phường Ba Đình, Hà Nội: a commune in every dataset since the reform. */
#define HT_TEST_OFFICE "00004"

/* A new empty directory under $TMPDIR; remove it with ht_test_rmtree(). */
char  *ht_test_tmpdir (void);
/* Removes a directory and everything in it (for test fixtures only). */
void   ht_test_rmtree (const char *path);

/* A birth: the child "child_name" born on "dob" (YYYY-MM-DD), registered on
 * "registered_on" (at least "dob"), with a mother and a declarant.  The
 * parents are fixed names; the mother's ID card is 001195012345. */
cJSON *ht_test_birth    (const char *child_name,
                         const char *dob,
                         const char *registered_on);
/* A first marriage of "husband" and "wife" (dates of birth given; he must
 * be 20 and she 18 on "registered_on").  ID card numbers are derived from
 * the names so that different couples do not share a card. */
cJSON *ht_test_marriage (const char *husband,
                         const char *husband_dob,
                         const char *wife,
                         const char *wife_dob,
                         const char *registered_on);
/* A death: "name" born on "dob", died on "died_on" (YYYY-MM-DD, noon),
 * registered on "registered_on". */
cJSON *ht_test_death    (const char *name,
                         const char *dob,
                         const char *died_on,
                         const char *registered_on);

/* Prints issues (an HtIssues) to stderr, for the message of a failing test. */
void   ht_test_print_issues (GPtrArray *issues);

G_END_DECLS
