/* ht-test-lookup.h — an in-memory register for rule tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules that ask the register (a marriage in force, a death record, a
 * referenced original) are tested against this lookup, which answers from
 * records added with ht_test_lookup_add().  It behaves as the store's lookup
 * does: find_person matches any person in the record by PIN, ID document
 * number, or folded name + date of birth.
 */
#pragma once

#include "ht-validate.h"

G_BEGIN_DECLS

typedef struct _HtTestLookup HtTestLookup;

HtTestLookup   *ht_test_lookup_new   (void);
void            ht_test_lookup_free  (HtTestLookup *self);
/* Takes a copy of a canonical record (it must carry id, kind, office,
 * book_year and number if refs by key should resolve). */
void            ht_test_lookup_add   (HtTestLookup *self, const cJSON *record);
const HtLookup *ht_test_lookup_get   (HtTestLookup *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtTestLookup, ht_test_lookup_free)

/* Parses canonical JSON text, failing the test on any structural issue. */
cJSON *ht_test_parse (const char *json);
/* Validates with today = HOTICH_TODAY, the given lookup (may be NULL), and
 * digitised as given; returns the issues. */
HtIssues *ht_test_validate (const cJSON *record, const HtLookup *lookup, gboolean digitised);
/* Prints issues to stderr (for failing-test diagnostics). */
void ht_test_dump_issues (HtIssues *issues);

G_END_DECLS
