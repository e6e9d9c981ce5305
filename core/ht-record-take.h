/* ht-record-take.h — canonicalising a record tree its owner gives up.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ht-record.h"

G_BEGIN_DECLS

/* ht_record_canonicalize() of a tree the caller gives up, for a caller that
 * parsed the record itself (the server parses a whole batch at once):
 * values are moved out of "record" into the result instead of copied, and
 * "record" is then only fit for cJSON_Delete() (with the tree it belongs
 * to), whatever the outcome.  Every string in "record" must be valid UTF-8,
 * as cJSON makes them of a text that is valid UTF-8 as a whole; they are
 * not checked again.  The result and the issues are those of
 * ht_record_canonicalize(). */
cJSON *ht_record_canonicalize_take (cJSON    *record,
                                    HtIssues *issues);

G_END_DECLS
