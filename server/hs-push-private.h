/* hs-push-private.h — one push request between hs-push.c and hs-apply.c.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hs-push.c checks the request's shape and scope and prepares every change
 * without touching the database; hs-apply.c decides and writes them in one
 * transaction and fills in each change's result.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "ht-int-text.h"
#include "ht-validate.h"
#include "hs-db.h"
#include "hs-lookup.h"
#include "hs-server.h"

G_BEGIN_DECLS

typedef enum {
  HS_CHANGE_PENDING,
  HS_CHANGE_APPLIED,
  HS_CHANGE_DUPLICATE,
  HS_CHANGE_REJECTED,
  HS_CHANGE_CONFLICT,
} HsChangeStatus;

/* What is known of a change before the database is asked. */
typedef enum {
  HS_PRE_OK,
  HS_PRE_OUT_OF_SCOPE,
  HS_PRE_INVALID,
  HS_PRE_FORBIDDEN,         /* op "review" from a device that does not review */
  HS_PRE_COMMENT_REQUIRED,  /* a return or rejection without a comment */
} HsPreCheck;

typedef struct
{
  /* From the request (borrowed from its JSON). */
  const char     *change_id;
  const char     *record_id;
  gint64          base_version;
  const char     *op;
  cJSON          *raw_record;    /* given up to the canonical record when the body is valid UTF-8 */
  const cJSON    *raw_review;    /* op "review" only */

  /* Prepared. */
  HsPreCheck      pre;
  cJSON          *canonical;     /* the record as pushed, canonical, less the server's members;
                                  * NULL unless pre == OK */
  char           *text;          /* "canonical" printed (ht_record_print(), g_free) */
  HtIssues       *parse_issues;  /* why canonicalisation failed */
  char           *hash;          /* SHA-256 of the change's content */
  GPtrArray      *keys;          /* lookup keys of the canonical record (hs-keys.h) */
  const char     *province;      /* current province of the record's office */
  const char     *review_state;  /* op "review": "approved", "returned" or "rejected" (static) */
  char           *review_comment; /* op "review": the comment, trimmed; NULL if blank */

  /* Decided (reset before every attempt). */
  HsChangeStatus  status;
  const char     *code;
  char           *message;
  cJSON          *issues;        /* validation findings for "invalid" */
  gint64          server_version; /* -1: null */
  cJSON          *work;          /* "canonical" once accepted, server-owned fields set (borrowed) */
  gboolean        is_new;
  cJSON          *decision;      /* op "review", once accepted: the record's new review block */
} HsChange;

typedef struct
{
  PGconn          *db;
  const HsDevice  *device;
  const HsConfig  *config;
  HsPinConnector  *pin;
  HsChange        *changes;
  guint            n_changes;
  gboolean         body_utf8;    /* the request's body is valid UTF-8 as a whole */
  GArray          *blocks;       /* the device's number blocks, loaded once */
  gboolean         blocks_loaded;
  char            *now;          /* updated_at of everything this request stores */
  HsScope         *scope;        /* a reviewer's scope, parsed once (hs-review.c) */
} HsPush;

/* The record's members the server owns, NULL-terminated (hs-push.c). */
extern const char *const hs_push_server_members[];

/* A number block of the pushing device. */
typedef struct
{
  char   *kind;
  gint64  book_year;
  gint64  first;
  gint64  last;
} HsBlock;

/* What the server holds of a record: its head row and the fields it owns. */
typedef struct
{
  gint64  version;
  char   *office;
  char   *pin;
  cJSON  *review;
  char   *registered_on;  /* for a reviewer's scope; NULL if none */
  GPtrArray *keys;  /* its rows in record_keys, as stored */
} HsHead;

/* The changes decided and written together: the whole batch, or one
 * change of it in the savepoint fallback. */
typedef struct
{
  HsPush      *push;
  HsChange   **changes;
  guint        n;
  GHashTable  *heads;    /* record id → HsHead, updated as changes are accepted */
  GHashTable  *taken;    /* "office/kind/year/number" → record id holding it */
  GHashTable  *applied;  /* change id → HsChange applied in this group */
  HsLookup    *lookup;
  HsDbSteps   *writes;   /* the group's writes, sent together at its end (hs-apply.c) */
} HsGroup;


/* Decides and stores every change: one transaction for the batch, retried
 * on a race with a concurrent batch, then change by change in savepoints.
 * On success every change has a status. */
gboolean hs_push_apply (HsPush  *push,
                        GError **error);

/* Issues the personal ID numbers of the accepted changes of a group and
 * adds their writes to g->writes (hs-write.c). */
gboolean hs_push_write       (HsGroup *g,
                              GError **error);
/* Puts a member on a record, in place if it is there (its name compared
 * case-sensitively). */
void     hs_push_set_member  (cJSON      *record,
                              const char *key,
                              cJSON      *value);

/* Review decisions and potential duplicates (hs-review.c). */

/* Reads the decision of an op "review" change, checks who sends it, and
 * hashes it (the change's exactly-once content). */
void     hs_review_prepare       (const HsDevice *device,
                                  HsChange       *c);
/* Marks the reviews of records outside a reviewer's scope; "n_outside"
 * counts them.  Reads the records outside the push's transaction, for the
 * request-wide 403; hs_review_decide() checks again under the lock. */
gboolean hs_review_check_scope   (HsPush   *push,
                                  guint    *n_outside,
                                  GError  **error);
/* Decides one op "review" change against the locked head. */
void     hs_review_decide        (HsGroup  *g,
                                  HsChange *c);
/* Adds the writes of the accepted decisions of a group to g->writes: the
 * records' review, the audit rows and the change-log rows. */
gboolean hs_review_write         (HsGroup  *g,
                                  GError  **error);
/* Looks for potential duplicates of the births and deaths the group
 * stores, among every other record, and adds the links kept beside them
 * to g->writes. */
gboolean hs_review_flag_duplicates (HsGroup  *g,
                                    GError  **error);
/* The review state of a head ("pending" when it has none). */
const char *hs_head_review_state (const HsHead *head);

/* {"change_id","status","code","message","server_version"[,"issues"]}. */
cJSON   *hs_push_result_json (const HsChange *c);

G_END_DECLS
