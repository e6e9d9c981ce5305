/* ht-store-review.h — review decisions in the register, on both sides.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervising office (district before 1 July 2025, provincial Department
 * of Justice after) reviews the records its communes synced.  Its device
 * pulls them into its own register, where their content is read-only, and
 * decides offline: a decision is a local change pushed like any other (op
 * "review", docs/api.md).  The state machine, enforced by the server and
 * mirrored here:
 *
 *   pending ──► approved | returned (comment required) | rejected (reason required)
 *   returned ──(the commune edits the record)──► resubmitted ──► approved | returned | rejected
 *
 * Approved and rejected are final: approved content changes only through a
 * "change" record (thay đổi, cải chính), a rejected entry is void.
 *
 * The server may flag a birth or death as a potential duplicate of records
 * registered anywhere else; the reviewer's register keeps the flag beside
 * the record (it is not part of the record's content).
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "ht-store.h"

G_BEGIN_DECLS

/* ---- The reviewer's queue ---- */

typedef struct
{
  /* "pending", "resubmitted", "returned", "approved", "rejected",
   * "potential_duplicate" (pending or resubmitted, with a duplicate flag),
   * or NULL for the open queue: pending and resubmitted. */
  const char *state;
  const char *office;  /* a commune code, or NULL for every commune of the scope */
  const char *kind;    /* a kind code, or NULL */
  const char *from;    /* registered_on at or after, YYYY-MM-DD, or NULL */
  const char *to;      /* registered_on at or before, or NULL */
  guint       limit;   /* at most this many, 0 for all */
} HtReviewFilter;

typedef struct
{
  gint64  rid;
  char   *id;
  char   *kind;
  char   *office;
  gint64  book_year;
  gint64  number;
  char   *registered_on;
  char   *subject;          /* the main person's name (child, deceased, husband – wife, …) */
  char   *review_state;
  char   *review_comment;   /* the last decision's comment or reason, or NULL */
  char   *review_by;
  char   *review_at;
  gint64  content_version;
  GStrv   duplicates;       /* ids of the records the server flagged it with, or NULL */
} HtReviewItem;

void       ht_review_item_free (HtReviewItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtReviewItem, ht_review_item_free)

/* The records that pass "filter" (HtReviewItem*), oldest registration
 * first (the queue is worked through in that order). */
GPtrArray *ht_store_review_list    (HtStore               *self,
                                    const HtReviewFilter  *filter,
                                    GCancellable          *cancellable,
                                    GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Deciding (a reviewer's register) ---- */

/* Records a decision on the current version of a record, in one
 * transaction: a new local version whose review block is {state, comment,
 * by: user, at: now} (content unchanged), an outbox entry with op
 * "review" based on the server version of the record, and an audit entry
 * with who, when and the comment.
 *   - a register that is not a reviewer's: HT_ERROR_PERMISSION;
 *   - "state" not one of approved, returned, rejected: HT_ERROR_INVALID;
 *   - returned or rejected without a comment (blank): HT_ERROR_INVALID,
 *     the message names the comment (or reason);
 *   - a record whose state is not pending or resubmitted: HT_ERROR_CONFLICT;
 *   - an unknown record: HT_ERROR_NOT_FOUND. */
gboolean   ht_store_review_decide  (HtStore      *self,
                                    const char   *record_id,
                                    const char   *state,
                                    const char   *comment,
                                    const char   *user,
                                    GError      **error);

/* ---- What changed since the last decision ---- */

typedef struct
{
  char *path;    /* e.g. "data.child.full_name" */
  char *before;  /* the value as text, or NULL when absent */
  char *after;
} HtFieldChange;

void       ht_field_change_free (HtFieldChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtFieldChange, ht_field_change_free)

/* The content differences (HtFieldChange*, sorted by path) between two
 * versions of a record: every leaf of "data" and the envelope members the
 * commune owns; the members the reviewer and the server own (review, pin,
 * content_version, updated_at) are left out. */
GPtrArray *ht_record_diff          (const cJSON  *before,
                                    const cJSON  *after);

/* For a resubmitted record: what changed between the version the last
 * decision (the return) was made on and the current one.  Empty when the
 * record has no earlier decision. */
GPtrArray *ht_store_review_changes (HtStore      *self,
                                    const char   *record_id,
                                    GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Amending (a clerk's register) ---- */

/* Edits a registered record's content: each assignment is "PATH=VALUE"
 * (PATH like "data.child.full_name"; VALUE is JSON when it parses as JSON,
 * otherwise text; an empty VALUE removes the member), then the record is
 * saved with ht_store_save() and "reason" — exactly the rules of an edit in
 * the app.  An approved record is refused (HT_ERROR_PERMISSION), as is a
 * path outside "data" or not a field of the kind (HT_ERROR_INVALID,
 * naming the path).  A returned record becomes resubmitted.  Validation
 * findings go to "issues". */
gboolean   ht_store_amend          (HtStore            *self,
                                    const char         *record_id,
                                    const char *const  *assignments,
                                    const char         *reason,
                                    const char         *user,
                                    HtIssues           *issues,
                                    GError            **error);

/* ---- Async variants for the app ---- */

void       ht_store_review_list_async    (HtStore               *self,
                                          const HtReviewFilter  *filter,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
GPtrArray *ht_store_review_list_finish   (HtStore               *self,
                                          GAsyncResult          *result,
                                          GError               **error) G_GNUC_WARN_UNUSED_RESULT;

void       ht_store_review_decide_async  (HtStore               *self,
                                          const char            *record_id,
                                          const char            *state,
                                          const char            *comment,
                                          const char            *user,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
gboolean   ht_store_review_decide_finish (HtStore               *self,
                                          GAsyncResult          *result,
                                          GError               **error);

G_END_DECLS
