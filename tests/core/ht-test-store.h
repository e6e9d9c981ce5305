/* ht-test-store.h — what the store suites (test-store-*.c) share.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test gets a fresh temporary directory (a checked fixture, so it runs
 * in check's forked child) holding a new register of HT_TEST_OFFICE in the
 * globals below.  Tampering tests reach behind the store with their own
 * SQLite connection (sql_int, sql_exec).  Helpers fail the running test.
 */
#pragma once

#include <check.h>
#include <glib.h>
#include <cjson/cJSON.h>

#include "ht-store.h"

G_BEGIN_DECLS

extern char    *tmpdir;
extern char    *db_path;
extern HtStore *store;

void     store_setup    (void);
void     store_teardown (void);
/* Adds a test case with the fixture above. */
void     add_case       (Suite *suite, const char *name, const TTest *test);

/* The first column of the first row of "sql" on the register file; -1 if no row. */
gint64   sql_int        (const char *sql);
void     sql_exec       (const char *sql);
/* The number of rows of every table, to prove that nothing stayed behind. */
char    *table_counts   (void);

/* Saves a record that must be accepted; returns it (updated in place). */
cJSON   *save_ok        (cJSON *record, const char *reason, HtSaveFlags flags);
/* Saves a new record that must be accepted, and lets it go. */
void     save_new       (cJSON *record, HtSaveFlags flags);

gboolean has_problem    (GPtrArray *problems, const char *needle);
/* Whether an import reported issue "code" on "field" for line "line"
 * (an array of HtLineIssues, or NULL). */
gboolean line_has_code  (GArray *issues, guint64 line, const char *field, const char *code);
void     print_problems (GPtrArray *problems);
/* The problems ht_store_check finds; fails the test if it finds none. */
GPtrArray *check_fails  (void);
/* Three records (one edited) and a user, and a check that passes. */
void     fill_register  (void);

/* A child's name made of syllables, different for every i up to 2,450. */
char    *child_name     (guint i);
/* "n" births of different children, not saved. */
GPtrArray *births       (guint n);

guint    search_count   (const char *query, const char *kind);
gboolean search_finds   (const char *query, const char *id);

G_END_DECLS
