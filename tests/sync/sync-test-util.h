/* sync-test-util.h — registers, enrolment and comparisons with the server for the sync tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests run the real client (libhotich-sync, and hotich-sync as a
 * process) against the real server on a throwaway PostgreSQL
 * (tests/server/pg-harness.h).  What the server holds is read through its
 * own API with an admin device, so the tests say nothing about its tables.
 */
#pragma once

#include <check.h>

#include "ht-store-sync.h"
#include "ht-sync-engine.h"
#include "hs-test-util.h"

G_BEGIN_DECLS

/* Set by each program's main() (hs_test_main). */
extern HsPg         *st_pg;
extern HsTestServer *st_server;
extern const char   *st_url;

/* A new directory for this test's files (removed at exit). */
const char *st_dir          (void);
/* A path in it. */
char       *st_path         (const char *name);

/* A register of a commune made as "hotich-admin init" does. */
HtStore    *st_register_new (const char *name,
                             const char *office);
/* Imports "n" valid births (serials first..first+n-1) into a register
 * that is not enrolled (it numbers its books itself). */
void        st_add_births   (HtStore    *store,
                             guint       first,
                             guint       n);
/* Saves one new birth (serial) through ht_store_save(). */
char       *st_save_birth   (HtStore    *store,
                             guint       serial);

/* Makes a code with hotich-server and enrols the register at "path" with
 * the server at "url" through ht_sync_enroll(); aborts on failure. */
HtStore    *st_enroll       (const char *path,
                             const char *url,
                             const char *role,
                             const char *office_or_scope);

/* Options for quick tests: short pauses and timeouts. */
void        st_options      (HtSyncOptions *options);
/* One run of the engine with st_options() (or "options"). */
gboolean    st_run          (HtStore              *store,
                             const HtSyncOptions  *options,
                             HtSyncReport         *report,
                             GError              **error);

/* The records of "office" as the server holds them (id → canonical
 * cJSON), read with an admin device through GET /api/v1/records. */
GHashTable *st_server_records (const char *office);

/* Asserts that the register and the server agree record by record: every
 * record of the register (not drafts) is on the server with the same
 * content (all but content_version and updated_at, which are the server's
 * own), at the server version the register remembers, no record is on the
 * server that the register lacks, the outbox is empty and no record needs
 * attention but those listed in "refused" (ids, may be NULL). */
void        st_assert_synced (HtStore            *store,
                              const char *const  *refused);
/* The same for one of several PCs of an office: the server may hold
 * records the register does not. */
void        st_assert_synced_part (HtStore *store);
/* ht_store_check() passes. */
void        st_assert_sound  (HtStore *store);
/* The same through the hotich-admin binary ($HOTICH_ADMIN). */
void        st_assert_admin_check (const char *path);

/* Runs hotich-sync ($HOTICH_SYNC) with "args" (NULL-terminated) and
 * returns its exit status; "out" and "err" (may be NULL) get its output. */
int         st_cli (const char *const  *args,
                    char              **out,
                    char              **err);

/* The number of records in a register (all statuses). */
guint       st_count_records (HtStore *store);

G_END_DECLS
