/* ht-store-list.h — paged, filtered listing of the register for the app.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop app shows the register books as a list that must stay smooth
 * at a million records.  It asks for the ordered row ids of a filter once
 * (8 bytes a record), and then for the envelope of the few rows on screen.
 * Only the envelope columns of "records" and the table "sync_state" are
 * read here; a record's content comes from ht_store_get().
 */
#pragma once

#include <gio/gio.h>

#include "ht-store.h"

G_BEGIN_DECLS

/* Which records a list holds. */
typedef enum {
  HT_LIST_BOOK,   /* book entries: registered and revoked */
  HT_LIST_DRAFTS, /* drafts: unfinished work, not in a book yet */
} HtListStatus;

typedef struct
{
  HtListStatus status;
  const char  *kind;         /* a kind code, or NULL for every kind */
  gint64       book_year;    /* 0 for every year */
  const char  *sync_state;   /* "pending", "sent", "needs_attention", or NULL */
  const char  *review_state; /* one of the review states, or NULL */
} HtListFilter;

/* One list row: the record's envelope and what sync learnt about it.
 * "sync_state" is the sync_state table's state, or "pending" for a book
 * entry the server has not answered for yet, or NULL for a draft. */
typedef struct
{
  gint64  rid;
  char   *id;
  char   *kind;
  char   *office;
  gint64  book_year;   /* 0 for a draft */
  gint64  number;      /* 0 for a draft */
  char   *status;
  char   *registration_type;
  char   *registered_on;
  char   *review_state;
  gint64  content_version;
  char   *updated_at;
  char   *sync_state;
  char   *sync_message;
} HtListRow;

void ht_list_row_free (HtListRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtListRow, ht_list_row_free)

/* The row ids (gint64) of the records that pass "filter", in the order the
 * app shows them: a book in book order, newest number first (one kind), or
 * newest entry first (every kind).  Long scans stop with G_IO_ERROR_CANCELLED
 * when "cancellable" is cancelled. */
GArray    *ht_store_list_ids   (HtStore            *self,
                                const HtListFilter *filter,
                                GCancellable       *cancellable,
                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* The rows of "n" row ids, in the same order; ids that are no longer in the
 * register are left out. */
GPtrArray *ht_store_list_rows  (HtStore            *self,
                                const gint64       *rids,
                                guint               n,
                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* The row of one record by its id; NULL with HT_ERROR_NOT_FOUND. */
HtListRow *ht_store_list_row   (HtStore            *self,
                                const char         *id,
                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* The book years that hold entries of "kind" (NULL: any kind), newest
 * first, as gint64. */
GArray    *ht_store_list_years (HtStore            *self,
                                const char         *kind,
                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* How many records pass "filter" (counted without building the list). */
gboolean   ht_store_list_count (HtStore            *self,
                                const HtListFilter *filter,
                                guint64            *out_count,
                                GCancellable       *cancellable,
                                GError            **error);

/* Whether the register has at least one user account (a register made by
 * "hotich-admin init" has none until "user add"). */
gboolean   ht_store_has_users  (HtStore            *self,
                                gboolean           *out_has_users,
                                GError            **error);

/* The row ids of what ht_store_search() finds for "query", newest first,
 * at most "limit" (0: the default of 100), read from the indexes alone
 * (ht-store-search.c).  A cancelled "cancellable" stops it mid-scan with
 * G_IO_ERROR_CANCELLED. */
GArray    *ht_store_search_ids (HtStore            *self,
                                const char         *query,
                                const char         *kind,
                                guint               limit,
                                GCancellable       *cancellable,
                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Sets the page cache of this connection to "kib" KiB (1024 at least).
 * The app reads a few pages per screen or search and walks whole indexes
 * for a list, which the operating system's cache serves as well: a large
 * cache of its own would only hold memory (issue 5: 200 MB at a million
 * records). */
gboolean   ht_store_list_set_cache (HtStore            *self,
                                    guint               kib,
                                    GError            **error);

/* Async variants (GTask in a worker thread) for the app's main thread. */
void       ht_store_list_ids_async   (HtStore             *self,
                                      const HtListFilter  *filter,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GArray    *ht_store_list_ids_finish  (HtStore             *self,
                                      GAsyncResult        *result,
                                      GError             **error) G_GNUC_WARN_UNUSED_RESULT;

void       ht_store_list_rows_async  (HtStore             *self,
                                      const gint64        *rids,
                                      guint                n,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *ht_store_list_rows_finish (HtStore             *self,
                                      GAsyncResult        *result,
                                      GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* A search for the list: ht_store_search_ids() of "query" in the kind of
 * "filter", then only the records that also pass the rest of "filter"
 * (status, year, review and sync state), newest first.  "out_found" is how
 * many the search found before the filter (the limit reached means there
 * may be more). */
GArray    *ht_store_list_search        (HtStore             *self,
                                        const char          *query,
                                        const HtListFilter  *filter,
                                        guint                limit,
                                        guint               *out_found,
                                        GCancellable        *cancellable,
                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void       ht_store_list_search_async  (HtStore             *self,
                                        const char          *query,
                                        const HtListFilter  *filter,
                                        guint                limit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GArray    *ht_store_list_search_finish (HtStore             *self,
                                        GAsyncResult        *result,
                                        guint               *out_found,
                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
