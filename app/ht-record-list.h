/* ht-record-list.h — a lazy GListModel of the register's records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ht-store.h"
#include "ht-store-list.h"

G_BEGIN_DECLS

/* One row of the list.  Until its page is read it is a placeholder
 * ("loaded" FALSE); its properties then change in place. */
#define HT_TYPE_RECORD_ITEM (ht_record_item_get_type ())
G_DECLARE_FINAL_TYPE (HtRecordItem, ht_record_item, HT, RECORD_ITEM, GObject)

gboolean    ht_record_item_get_loaded       (HtRecordItem *self);
const char *ht_record_item_get_id           (HtRecordItem *self);
const char *ht_record_item_get_kind         (HtRecordItem *self);
const char *ht_record_item_get_title        (HtRecordItem *self);
/* "KS 2026/17" or "Draft". */
const char *ht_record_item_get_number       (HtRecordItem *self);
const char *ht_record_item_get_registered_on (HtRecordItem *self);
const char *ht_record_item_get_status       (HtRecordItem *self);
const char *ht_record_item_get_review_state (HtRecordItem *self);
const char *ht_record_item_get_sync_state   (HtRecordItem *self);
const char *ht_record_item_get_sync_message (HtRecordItem *self);

#define HT_TYPE_RECORD_LIST (ht_record_list_get_type ())
G_DECLARE_FINAL_TYPE (HtRecordList, ht_record_list, HT, RECORD_LIST, GObject)

HtRecordList *ht_record_list_new        (HtStore            *store) G_GNUC_WARN_UNUSED_RESULT;
/* Lists what passes "filter" (copied), read in a worker thread; the list
 * is empty until then ("loading" TRUE). */
void          ht_record_list_set_filter (HtRecordList       *self,
                                         const HtListFilter *filter);
/* A search replaces the filtered list with the records found (the
 * filter's kind, year, review and sync state still apply); NULL or blank
 * goes back to the whole list. */
void          ht_record_list_set_search (HtRecordList       *self,
                                         const char         *query);
const char   *ht_record_list_get_search (HtRecordList       *self);
/* The search text is being changed: the running search is stale and stops
 * (call on every keystroke; the new text follows with set_search). */
void          ht_record_list_search_pending (HtRecordList   *self);
/* Reads the list again (after a save). */
void          ht_record_list_reload     (HtRecordList       *self);
gboolean      ht_record_list_get_loading (HtRecordList      *self);
/* A search found as many records as it shows at most: there may be more. */
gboolean      ht_record_list_get_truncated (HtRecordList *self);
/* How many records the list holds: a search's results are added to the
 * model in two steps (a screenful first), this counts them all. */
guint         ht_record_list_get_count  (HtRecordList       *self);
/* The error of the last read, or NULL. */
const GError *ht_record_list_get_error  (HtRecordList       *self);

G_END_DECLS
