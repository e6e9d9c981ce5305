/* ht-sync-wire.h — the JSON of sync protocol v1: reading the server's answers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer is checked member by member before anything is stored; an
 * answer that does not fit the protocol (docs/api.md) is an
 * HT_SYNC_ERROR_PROTOCOL error naming the member, and nothing of it is
 * used.  Records are canonicalised with the core parser, so a record from
 * the server is held to the same rules as one typed by a clerk.
 */
#pragma once

#include <gio/gio.h>

#include "ht-store-sync.h"
#include "ht-sync-error.h"

G_BEGIN_DECLS

/* The enrolment answer: fills device_id, token, role, office and scope of
 * "device", and "blocks" (HtNumberBlock, cleared with the array). */
gboolean   ht_sync_wire_enrolment   (const char     *body,
                                     gsize           length,
                                     HtSyncDevice   *device,
                                     GArray        **blocks,
                                     GError        **error);

/* One result of a push, owning its strings. */
typedef struct
{
  HtPushStatus  status;
  gint64        server_version;  /* -1 for null */
  char         *code;
  char         *message;
  char         *issues;          /* JSON array text, or NULL */
} HtSyncResult;

void       ht_sync_result_free      (HtSyncResult *result);

/* The push answer for "changes" (HtSyncChange*): one result per change, in
 * order, each naming its change's id; an applied or duplicate result must
 * give the record's server version.  Returns HtSyncResult* (owned). */
GPtrArray *ht_sync_wire_push_results (const char  *body,
                                      gsize        length,
                                      GPtrArray   *changes,
                                      GError     **error);

/* The two ways ht_sync_wire_push_results() reads an answer, for the
 * tests: the scanner of plain answers (NULL, without an error, for any
 * answer that is not of the plain shape or that the tree reader would
 * refuse), and the cJSON tree reader, which reads everything else. */
GPtrArray *_ht_sync_wire_push_results_plain (const char  *body,
                                             gsize        length,
                                             GPtrArray   *changes);
GPtrArray *_ht_sync_wire_push_results_tree  (const char  *body,
                                             gsize        length,
                                             GPtrArray   *changes,
                                             GError     **error);

/* A pull answer to a request made after "cursor": the changes
 * (HtPullChange*, owned) in increasing server_seq order, all after
 * "cursor", the next cursor (not before any of them) and "more". */
gboolean   ht_sync_wire_pull        (const char   *body,
                                     gsize         length,
                                     gint64        cursor,
                                     GPtrArray   **changes,
                                     gint64       *next_cursor,
                                     gboolean     *more,
                                     GError      **error);

/* A number-blocks answer: {"number_blocks":[…]} (HtNumberBlock). */
GArray    *ht_sync_wire_number_blocks (const char  *body,
                                       gsize        length,
                                       GError     **error);

/* {"batch_id":"…","changes":[…]} from the changes' JSON texts. */
GString   *ht_sync_wire_push_body   (GPtrArray   *changes);

G_END_DECLS
