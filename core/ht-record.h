/* ht-record.h — canonical records: parsing and printing the JSON of DESIGN.md.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record is held as a cJSON tree in canonical form: envelope keys in the
 * order of DESIGN.md, data keys in the order of the kind's registry entry,
 * text in NFC.  Printing a canonical tree and parsing it again gives the same
 * bytes (round-trip exact).
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

#include "ht-kinds.h"
#include "ht-validate.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* Largest JSON text accepted for one record (a line of JSON Lines). */
#define HT_RECORD_MAX_BYTES (1024 * 1024)

/* Parses one record.  Structural problems — invalid UTF-8, malformed or
 * truncated JSON, too large, not an object, unknown kind, unknown fields,
 * wrong types, impossible dates — are added to "issues" (field-named) and
 * NULL is returned.  On success returns the canonical tree; missing envelope
 * members get their defaults (status "registered", registration_type the
 * kind's first, review pending, content_version 1, pin null).  The id is
 * kept if given, otherwise left null for the store to assign. */
cJSON *ht_record_parse (const char *text,
                        gssize      length,
                        HtIssues   *issues);

/* Re-canonicalises a tree that came from elsewhere (e.g. built in code). */
cJSON *ht_record_canonicalize (const cJSON *record,
                               HtIssues    *issues);

/* Canonical text: compact JSON, one line, no trailing newline. */
char *ht_record_print (const cJSON *record);
/* The same text written into "out" (replacing what it held), which can be
 * reused from record to record; returns out->str. */
const char *ht_record_print_into (const cJSON *record,
                                  GString     *out);

/* Envelope accessors. */
const char   *ht_record_id            (const cJSON *record);
const char   *ht_record_kind_code     (const cJSON *record);
const HtKind *ht_record_kind          (const cJSON *record);
const char   *ht_record_office        (const cJSON *record);
const char   *ht_record_status        (const cJSON *record);
const char   *ht_record_registration_type (const cJSON *record);
gint64        ht_record_book_year     (const cJSON *record); /* 0 if absent */
gint64        ht_record_number        (const cJSON *record); /* 0 if absent */
gint64        ht_record_content_version (const cJSON *record);
gboolean      ht_record_registered_on (const cJSON *record, GDate *out);
cJSON        *ht_record_data          (const cJSON *record);
/* The names of the record's main parties (HtKind.parties) joined by " – ",
 * or the first person named for kinds without fixed parties; "" when the
 * record names nobody.  Free with g_free(). */
char         *ht_record_subject       (const cJSON *record);

/* Walks the registry and calls "func" for every value of a field having any
 * of "flags" (e.g. HT_F_SEARCH_NAME): path is the full JSON path. */
typedef void (*HtRecordFieldFunc) (const HtField *field,
                                   const char    *path,
                                   const cJSON   *value,
                                   gpointer       user_data);
void ht_record_foreach_flagged (const cJSON       *record,
                                guint              flags,
                                HtRecordFieldFunc  func,
                                gpointer           user_data);

/* Value at a dotted path from the record root ("data.child.full_name",
 * "data.items[0].to"), or NULL. */
const cJSON *ht_record_get_path (const cJSON *record,
                                 const char  *path);

/* Computes derived fields (late, first_marriage, age_band, valid_until …)
 * in place.  Input values that disagree are reported as warnings
 * ("derived_mismatch"); a digitised entry keeps its book's value. */
void ht_record_derive (cJSON                   *record,
                       const HtValidateOptions *options,
                       HtIssues                *issues);

G_END_DECLS
