/* ht-labels.h — words for codes: enum values, states, roles, record titles.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

#include "ht-kinds.h"

G_BEGIN_DECLS

/* The translated label of an enum value of the field at data path "path"
 * ("mother.id_document.type", "registration_type" with the kind's code in
 * "kind").  Unknown values come back as they are. */
const char *ht_labels_value        (const char *kind,
                                    const char *path,
                                    const char *value);
const char *ht_labels_kind         (const char *kind);
const char *ht_labels_status       (const char *status);
const char *ht_labels_review_state (const char *state);
const char *ht_labels_sync_state   (const char *state);
const char *ht_labels_role         (const char *role);

/* Roles: what the signed-in user may do. */
gboolean    ht_role_can_register   (const char *role);
gboolean    ht_role_can_browse     (const char *role);

/* "KS 2026/17", or "Draft" for a record without a number. */
char       *ht_labels_book_number  (const char *kind,
                                    gint64      book_year,
                                    gint64      number);
/* The people a record is about, for titles: "Nguyễn Văn An", or "Trần Văn
 * Hùng – Lê Thị Mai" for a marriage.  Never NULL. */
char       *ht_labels_record_title (const cJSON *record);
/* "YYYY-MM-DD" as "dd/mm/yyyy"; other text comes back unchanged. */
char       *ht_labels_date         (const char *iso);
/* An RFC 3339 UTC timestamp in local time, "dd/mm/yyyy HH:MM". */
char       *ht_labels_timestamp    (const char *rfc3339);
/* The label of a full JSON path of a record of "kind", its parents
 * included: "data.mother.id_document.number" → "Mother › Identity
 * document › Document number"; list elements are numbered from 1. */
char       *ht_labels_path         (const char *kind,
                                    const char *path);
/* The registry's description of a full JSON path, or NULL. */
const HtField *ht_labels_field     (const char *kind,
                                    const char *path);
/* A value of a field as a clerk reads it (dates dd/mm/yyyy, enums as
 * words, booleans Yes/No).  NULL for absent or null values. */
char       *ht_labels_field_value  (const char    *kind,
                                    const char    *path,
                                    const HtField *field,
                                    const cJSON   *value);

G_END_DECLS
