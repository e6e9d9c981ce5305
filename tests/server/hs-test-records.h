/* hs-test-records.h — valid records and push bodies for server tests and the benchmark.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

/* A valid birth registered at "office" in 2026 (the shape of DESIGN.md's
 * example), with a child, a mother and dates that differ for every
 * "serial".  "number" 0 leaves the register number out; "id" NULL makes a
 * new UUID. */
cJSON *hs_test_birth        (const char *office,
                             guint       serial,
                             gint64      number,
                             const char *id);
/* The same registered in another year's book (born and registered in
 * "year", which must not be after 2026). */
cJSON *hs_test_birth_in     (const char *office,
                             guint       serial,
                             gint64      number,
                             const char *id,
                             int         year);
/* The child's name of hs_test_birth (serial), to look for in logs. */
char  *hs_test_child_name   (guint       serial);

/* {"change_id","record_id","base_version","op":"record","record"}; takes a
 * copy of "record".  "change_id" NULL makes a new UUID. */
cJSON *hs_test_change       (const char  *change_id,
                             const cJSON *record,
                             gint64       base_version);
/* {"batch_id", "changes": [...]}; takes "changes" (an array). */
cJSON *hs_test_batch        (cJSON *changes);

/* The n-th commune (0-based) of a current province, e.g. ("79", 0). */
const char *hs_test_office  (const char *province,
                             guint       n);

G_END_DECLS
