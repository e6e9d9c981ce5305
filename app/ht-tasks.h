/* ht-tasks.h — the app's store calls, each a GTask run in a worker thread.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GTK main thread never waits on SQLite (or on Argon2id): every call
 * of the store that core has no _async variant for is wrapped here.
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "ht-store.h"
#include "ht-store-list.h"
#include "ht-validate.h"

G_BEGIN_DECLS

/* Opens the register at "path".  A missing file is G_IO_ERROR_NOT_FOUND
 * (the app then offers to create one).  "reviewer_register" tells whether
 * it is a supervising office's register (enrolled with the role reviewer,
 * or made for a district or province scope). */
void      ht_task_open_async      (const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
HtStore  *ht_task_open_finish     (GAsyncResult        *result,
                                   gboolean            *has_users,
                                   gboolean            *reviewer_register,
                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Creates the register of "office" at "path" (and its folder) with a first
 * account of role "admin" when "user" is given; when the account cannot be
 * made, the new file is removed again so that nothing half-made is left. */
void      ht_task_create_async    (const char          *path,
                                   const char          *office,
                                   const char          *user,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
HtStore  *ht_task_create_finish   (GAsyncResult        *result,
                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Adds the first account to a register that has none. */
void      ht_task_add_user_async  (HtStore             *store,
                                   const char          *user,
                                   const char          *role,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  ht_task_add_user_finish (GAsyncResult        *result,
                                   GError             **error);

/* Checks a name and password; returns the role. */
void      ht_task_verify_async    (HtStore             *store,
                                   const char          *user,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
char     *ht_task_verify_finish   (GAsyncResult        *result,
                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* A record with everything its page shows. */
typedef struct
{
  cJSON     *record;
  cJSON     *history;  /* [{"version","at","by","reason","record"}], oldest first */
  HtListRow *row;      /* envelope and sync state */
} HtRecordBundle;

void            ht_record_bundle_free        (HtRecordBundle *bundle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtRecordBundle, ht_record_bundle_free)

void            ht_task_load_record_async    (HtStore             *store,
                                              const char          *id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
HtRecordBundle *ht_task_load_record_finish   (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Validates a record as a save would (canonical form, derived fields, every
 * rule with the register's lookups) and stores nothing.  Returns the issues
 * (an empty list when there are none). */
void            ht_task_validate_async       (HtStore             *store,
                                              const cJSON         *record,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
HtIssues       *ht_task_validate_finish      (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Registered births that are probably the same as "record": the same
 * folded child name and date of birth, and the same mother.  A cJSON array
 * (empty for other kinds). */
void            ht_task_duplicates_async     (HtStore             *store,
                                              const cJSON         *record,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
cJSON          *ht_task_duplicates_finish    (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Book entries per kind, in ht_kinds_all() order (guint64). */
void            ht_task_counts_async         (HtStore             *store,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GArray         *ht_task_counts_finish        (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* ht_store_check(): an empty array when the register is sound, else its
 * problems (translated sentences). */
void            ht_task_check_async          (HtStore             *store,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray      *ht_task_check_finish         (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Rows of a list (HtListRow*) with the records' titles: the same order. */
typedef struct
{
  GPtrArray *rows;    /* HtListRow* */
  GPtrArray *titles;  /* char*, one per row */
} HtRowPage;

void            ht_row_page_free             (HtRowPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtRowPage, ht_row_page_free)

void            ht_task_row_page_async       (HtStore             *store,
                                              const gint64        *rids,
                                              guint                n,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
HtRowPage      *ht_task_row_page_finish      (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* A search (ht_store_search) as rows with titles, newest first. */
void            ht_task_search_async         (HtStore             *store,
                                              const char          *query,
                                              const char          *kind,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
HtRowPage      *ht_task_search_finish        (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* The book years of "kind" (NULL: any), newest first (gint64). */
void            ht_task_years_async          (HtStore             *store,
                                              const char          *kind,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GArray         *ht_task_years_finish         (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Whether the task of "result" was cancelled: its widget is gone or has
 * moved on, and the callback must not touch it. */
#define HT_TASK_CANCELLED(result) g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)))

/* A message a clerk can act on for a store error: what happened and what to
 * do (a full disk, a locked or damaged register …). */
char           *ht_task_error_advice         (const GError        *error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
