/* ht-record-take.c — canonicalising a record tree its owner gives up.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser of records (ht-record-text.c) moves values out of the tree it
 * made instead of copying them; this lets a caller that made the tree
 * itself do the same.
 */
#define G_LOG_DOMAIN "ht-record"

#include "ht-kinds-private.h"
#include "ht-record-take.h"

cJSON *
ht_record_canonicalize_take (cJSON    *record,
                             HtIssues *issues)
{
  g_return_val_if_fail (issues != NULL, NULL);

  return _ht_record_canonicalize_take (record, issues);
}
