/* hs-keys.h — the keys records are looked up by when rules check the register.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A key is "type\tvalue" (core/ht-record-keys.h, which derives them from
 * the kinds registry for the server and the sync client alike); the
 * server stores a record's keys in record_keys.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

#include "ht-record-keys.h"

G_BEGIN_DECLS

/* The rows of record_keys whose keys are in the text array parameter
 * "param" ("$1"), as a FROM item: each wanted key ("wanted.key") joined to
 * its rows ("k") through the index on the keys' hashes
 * (schema/central/0004-push-indexes.sql), then on the text itself, so that
 * two keys sharing a hash are never taken for each other.
 *
 * A join rather than "key_hash = ANY (…) AND key = ANY (…)": PostgreSQL
 * compares each row found with every element of an array parameter one
 * after another (arrays are hashed only when they are constants of the
 * plan), so with a batch's thousands of keys the text test cost about two
 * thirds of the statement, several times the index probes themselves.
 * Here each row is compared with its own key once. */
#define HS_KEYS_JOIN(param) \
  "unnest (" param "::text[]) AS wanted (key)" \
  " JOIN record_keys k ON k.key_hash = hashtextextended (wanted.key, 0) AND k.key = wanted.key"

/* The keys of a canonical record, distinct and sorted (GPtrArray of char*). */
GPtrArray *hs_record_keys          (const cJSON *record);
/* The same from the record's canonical text (cJSON_PrintUnformatted of
 * the canonical tree), without printing it again. */
GPtrArray *hs_record_keys_text     (const char  *text);
/* Adds "type\tvalue" to "keys" unless present. */
void       hs_keys_add             (GPtrArray  *keys,
                                    HtKeyType   type,
                                    const char *value);
/* "type\tvalue" */
char      *hs_key                  (HtKeyType   type,
                                    const char *value);
/* The keys rules may ask for when they look up the people of a record
 * whose keys are "keys" (added to the set "into"). */
void       hs_keys_for_lookup      (GPtrArray  *keys,
                                    GHashTable *into);

G_END_DECLS
