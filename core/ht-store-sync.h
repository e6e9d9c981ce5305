/* ht-store-sync.h — what the sync engine keeps in the register, and how it applies what the server sends.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register keeps, beside the records: the device's credentials (keys
 * "device_id" and "sync.*"; the register file is readable by its owner
 * only), the pull cursor, and per record what the server said about it
 * (table sync_state, keyed by the record's rid, migration 0008).
 *
 * Versions.  A record's content_version counts the versions of the record
 * in this register.  The server counts only versions of its content: a
 * personal ID number it issues, or a reviewer's decision, changes the
 * record without a new server version, while here it is a new version in
 * the history like any other change (so the history and the audit chain
 * show when it arrived).  The two counters therefore drift apart, and the
 * register remembers the server's version of each record as it last heard
 * it (sync_state.server_version, from push results and pulled records).
 * A change is pushed based on that version, not on the local one: that is
 * what the server compares with its own, and it is also right after a
 * change the server refused (the next change then builds on what the server
 * really has).  A change sent again after its answer was lost must carry
 * the same base, or the server would not recognise it ("id_reused"); it
 * does, because a record appears in a batch at most once, batches follow
 * the outbox order, and a record's server version only moves when an
 * answer about one of its changes is recorded — which did not happen for
 * the change being sent again.
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "ht-error.h"
#include "ht-record.h"
#include "ht-store.h"

G_BEGIN_DECLS

/* ---- Device credentials ---- */

typedef struct
{
  char *server;       /* base URL, https://HOST[:PORT] */
  char *ca_file;      /* absolute path of a private CA's certificate, or NULL */
  char *device_id;
  char *device_name;
  char *token;
  char *role;         /* "clerk" or "reviewer" */
  char *office;       /* a clerk's commune code, NULL for a reviewer */
  char *scope;        /* the office, or the reviewer's district or province */
  char *enrolled_at;  /* RFC 3339 */
} HtSyncDevice;

void          ht_sync_device_free (HtSyncDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncDevice, ht_sync_device_free)

typedef struct
{
  char   *kind;
  gint64  book_year;
  gint64  first;
  gint64  last;
} HtNumberBlock;

void          ht_number_block_clear (HtNumberBlock *block);

/* Creates the register of a supervising office (a reviewer's device),
 * whose "office" is its scope: a district (3 digits) or province (2 digits)
 * code, which ht_store_create() refuses since it is not a commune.  The
 * file must not exist; it is mode 0600. */
HtStore      *ht_store_sync_create_for_scope (const char  *path,
                                              const char  *scope,
                                              GError     **error);

/* Whether the register holds device credentials. */
gboolean      ht_store_sync_is_enrolled (HtStore *self);
/* The credentials; HT_ERROR_NOT_FOUND when the register was never enrolled. */
HtSyncDevice *ht_store_sync_get_device  (HtStore  *self,
                                         GError  **error);
/* Stores the credentials in one transaction, with an audit entry (the
 * token is not in it).  A register that is enrolled already is refused
 * (HT_ERROR_EXISTS).  The number blocks of the enrolment are added with
 * ht_store_add_number_block() afterwards; they come again at pull. */
gboolean      ht_store_sync_save_device (HtStore             *self,
                                         const HtSyncDevice  *device,
                                         GError             **error);

/* ---- Pushing ---- */

typedef struct
{
  HtOutboxEntry *entry;        /* owned */
  gint64         server_base;  /* the base_version the push carries */
  char          *json;         /* entry->json, with server_base as its base_version */
  gsize          json_len;     /* strlen (json); 0 in a change made elsewhere than by the store */
  gint64         rid;          /* the record's rowid in this register, 0 when not known */
} HtSyncChange;

void          ht_sync_change_free (HtSyncChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncChange, ht_sync_change_free)

/* Memory-mapped reads of the register for the length of a sync run (on),
 * and back to plain reads (off). */
gboolean      ht_store_sync_map_reads (HtStore   *self,
                                       gboolean   on,
                                       GError   **error);

/* The next batch (HtSyncChange*, freed with the array): outbox entries in
 * order, at most "max_count" and "max_bytes" of JSON (one at least), and
 * ending before a second change of a record already in the batch.  Empty
 * when the outbox is. */
GPtrArray    *ht_store_sync_next_batch (HtStore  *self,
                                        guint     max_count,
                                        gsize     max_bytes,
                                        GError  **error);
/* Whether changes of the record whose rid is "rid" (HtSyncChange.rid) must
 * wait (see below).  It is asked while the outbox is being read, with the
 * register locked: it must not call the store. */
typedef gboolean (*HtSyncBusyFunc) (gint64   rid,
                                    gpointer user_data);

/* The same, from the entries after "after_seq", and ending also before a
 * change of a record for which "busy" says TRUE (NULL: none is): the batch
 * the engine reads while the one before it is still with the server, whose
 * records' next changes must wait for its answer. */
GPtrArray    *ht_store_sync_next_batch_after (HtStore        *self,
                                              gint64          after_seq,
                                              HtSyncBusyFunc  busy,
                                              gpointer        busy_data,
                                              guint           max_count,
                                              gsize           max_bytes,
                                              GError        **error);

typedef enum {
  HT_PUSH_APPLIED,
  HT_PUSH_DUPLICATE,
  HT_PUSH_REJECTED,
  HT_PUSH_CONFLICT,
} HtPushStatus;

/* What the server answered for one change. */
typedef struct
{
  gint64        seq;             /* the outbox entry */
  const char   *change_id;
  const char   *record_id;
  HtPushStatus  status;
  gint64        server_version;  /* applied, duplicate: the record's server version */
  const char   *code;            /* rejected, conflict: the server's code */
  const char   *message;         /* and its message (may be NULL) */
  const char   *issues;          /* JSON array of the findings, or NULL */
  gint64        rid;             /* the record's rid (HtSyncChange.rid), 0 when not known */
} HtPushOutcome;

/* Records the answers for a batch in one transaction: each answered entry
 * leaves the outbox; an applied (or duplicate) change sets the record's
 * server version and marks it sent unless more changes of it wait; a
 * rejected or conflicting one marks the record as needing attention with
 * the server's code and message.  An entry no longer in the outbox is
 * skipped (answered twice). */
gboolean      ht_store_sync_record_outcomes (HtStore              *self,
                                             const HtPushOutcome  *outcomes,
                                             guint                 n,
                                             GError              **error);

/* ---- Pulling ---- */

typedef enum {
  HT_PULL_RECORD,        /* a record of a reviewer's scope */
  HT_PULL_PIN,           /* a personal ID number for one of our births */
  HT_PULL_REVIEW,        /* a decision on one of our records */
  HT_PULL_NUMBER_BLOCK,  /* register numbers for this device */
} HtPullOp;

typedef struct
{
  gint64         server_seq;
  HtPullOp       op;
  char          *record_id;  /* record, pin, review */
  cJSON         *record;     /* record: canonical */
  char          *pin;        /* pin */
  cJSON         *review;     /* review: {"state","comment","by","at"} */
  HtNumberBlock  block;      /* number_block */
  GStrv          duplicates; /* record: the ids the server flagged it as a
                              * potential duplicate of ("potential_duplicate"),
                              * NULL when none */
} HtPullChange;

void          ht_pull_change_free (HtPullChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtPullChange, ht_pull_change_free)

typedef struct
{
  guint records;   /* records stored or updated */
  guint pins;
  guint reviews;
  guint blocks;
  guint skipped;   /* about records this register does not hold, or already applied */
} HtPullCounts;

/* The cursor of the last pull (0 before the first). */
gint64        ht_store_sync_get_cursor  (HtStore *self);

/* Applies one page of pulled changes (in server_seq order) and moves the
 * cursor to "cursor".  Number blocks go through ht_store_add_number_block()
 * first (adding a block again changes nothing); everything else and the
 * cursor are written in one transaction, so a page is applied entirely or
 * not at all.  A PIN or a decision makes a new version of the record (in
 * its history, by "sync"), without an outbox entry: the server has it.  A
 * record of a reviewer's scope is stored as the server sent it, without an
 * outbox entry, and its potential-duplicate flag (table review_flags)
 * replaced by the one it came with.  A decision pulled by the record's
 * office is audited as "review" with its state, reviewer and comment.
 * Changes about records this register does not hold are skipped. */
gboolean      ht_store_sync_apply_pull  (HtStore       *self,
                                         GPtrArray     *changes,
                                         gint64         cursor,
                                         HtPullCounts  *counts,
                                         GError       **error);

/* ---- What the app and hotich-sync show ---- */

typedef enum {
  HT_SYNC_STATE_NONE,             /* nothing to send: a draft, or a record pulled from the server */
  HT_SYNC_STATE_PENDING,          /* changes of it wait in the outbox */
  HT_SYNC_STATE_SENT,             /* the server has its latest version */
  HT_SYNC_STATE_NEEDS_ATTENTION,  /* the server refused its last change (see the message) */
} HtSyncState;

/* A record's sync state; "message" (may be NULL) gets the server's reason
 * for needs-attention. */
HtSyncState   ht_store_sync_record_state (HtStore     *self,
                                          const char  *record_id,
                                          char       **message,
                                          GError     **error);

typedef struct
{
  guint64  pending;        /* outbox entries */
  guint64  attention;      /* records needing attention */
  gint64   cursor;
  char    *last_success;   /* RFC 3339, or NULL */
  char    *last_error;     /* the message of the last failed run, NULL after a success */
  char    *last_error_at;
} HtSyncSummary;

void          ht_sync_summary_clear (HtSyncSummary *summary);
gboolean      ht_store_sync_summary (HtStore        *self,
                                     HtSyncSummary  *summary,
                                     GError        **error);

typedef struct
{
  char   *record_id;
  char   *kind;
  gint64  book_year;  /* 0 for a draft */
  gint64  number;
  char   *code;       /* the server's code, e.g. "invalid" */
  char   *message;
  char   *issues;     /* JSON array, or NULL */
} HtSyncAttention;

void          ht_sync_attention_free (HtSyncAttention *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncAttention, ht_sync_attention_free)
/* The records needing attention (HtSyncAttention*), in book order, at most
 * "limit". */
GPtrArray    *ht_store_sync_attention (HtStore  *self,
                                       guint     limit,
                                       GError  **error);

/* Remembers how a run ended: success clears the last error. */
gboolean      ht_store_sync_note_run (HtStore     *self,
                                      gboolean     success,
                                      const char  *error_message,
                                      GError     **error);

/* The server version of a record as this register last heard it (0 when
 * the server never acknowledged it). */
gint64        ht_store_sync_server_version (HtStore    *self,
                                            const char *record_id);

G_END_DECLS
