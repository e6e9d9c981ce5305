/* ht-store-sync-private.h — what ht-store-sync.c and ht-store-sync-pull.c share.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ht-store-private.h"
#include "ht-store-sync.h"

G_BEGIN_DECLS

/* Rows of the keys table kept by sync; "device_id" (HT_STORE_KEY_DEVICE_ID)
 * is the store's own, since numbering depends on it. */
#define HT_SYNC_KEY_SERVER        "sync.server"
#define HT_SYNC_KEY_CA_FILE       "sync.ca_file"
#define HT_SYNC_KEY_DEVICE_NAME   "sync.device_name"
#define HT_SYNC_KEY_TOKEN         "sync.token"
#define HT_SYNC_KEY_ROLE          "sync.role"
#define HT_SYNC_KEY_OFFICE        "sync.office"
#define HT_SYNC_KEY_SCOPE         "sync.scope"
#define HT_SYNC_KEY_ENROLLED_AT   "sync.enrolled_at"
#define HT_SYNC_KEY_CURSOR        "sync.cursor"
#define HT_SYNC_KEY_LAST_SUCCESS  "sync.last_success"
#define HT_SYNC_KEY_LAST_ERROR    "sync.last_error"
#define HT_SYNC_KEY_LAST_ERROR_AT "sync.last_error_at"

/* The user named in the history and the audit log for what sync writes. */
#define HT_SYNC_USER "sync"

/* The lock is held by the caller of these. */
char     *_ht_sync_key_get            (HtStore     *self,
                                       const char  *key);
/* NULL deletes the row. */
gboolean  _ht_sync_key_put            (HtStore     *self,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
/* Sets the record's server version and forgets an earlier refusal. */
gboolean  _ht_sync_set_server_version (HtStore     *self,
                                       const char  *record_id,
                                       gint64       version,
                                       GError     **error);

/* The outbox's columns as both of its readers select them (0 seq, 1
 * change_id, 2 record id, 3 version, 4 base_version, 5 op, 6 payload, 7 the
 * queued version's text), and the tables they come from: ht_store_outbox_peek()
 * and the sync engine's batches (ht_store_sync_next_batch_after()), which
 * selects more columns after these. */
#define HT_OUTBOX_COLUMNS "o.seq, o.change_id, r.id, o.version, o.base_version, o.op, o.payload, h.json"
#define HT_OUTBOX_FROM \
  " FROM outbox o JOIN records r ON r.rid = o.rid" \
  " LEFT JOIN history h ON o.op = 'record' AND h.hid = " HT_HID ("o.rid", "o.version")

/* The entry of a row of HT_OUTBOX_COLUMNS, its "json" the change as the
 * protocol pushes it, and that text's length in "json_len"; NULL with
 * "error" set when its version is not in the history. */
HtOutboxEntry *_ht_outbox_entry_from_row (sqlite3_stmt  *stmt,
                                          gsize         *json_len,
                                          GError       **error);

/* Commits a sync batch's transaction (its answers, or a pulled page): the
 * WAL checkpoint that may follow is left to the store's checkpoint thread,
 * up to a higher limit than a clerk's save has (ht-store-checkpoint.c). */
gboolean  _ht_store_commit_bulk       (HtStore     *self,
                                       GError     **error);

G_END_DECLS
