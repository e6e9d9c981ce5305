/* ht-review-detail.h — what the Review page shows above a record.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <cjson/cJSON.h>

#include "ht-store.h"

G_BEGIN_DECLS

/* A record another one may duplicate, as the register knows it. */
typedef struct
{
  char *id;
  char *title;   /* NULL when this register does not hold it (outside the scope) */
  char *number;
  char *office;
} HtReviewDuplicate;

typedef struct
{
  char      *id;
  cJSON     *record;      /* its current version */
  GPtrArray *changes;     /* HtFieldChange*: since the last decision (resubmitted records), else empty */
  GPtrArray *duplicates;  /* HtReviewDuplicate*, in the order the server flagged them */
} HtReviewDetail;

void            ht_review_detail_free        (HtReviewDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtReviewDetail, ht_review_detail_free)

/* Reads the record "id", its changes and its "duplicates" in a worker. */
void            ht_review_detail_load_async  (HtStore             *store,
                                              const char          *id,
                                              const char *const   *duplicates,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
HtReviewDetail *ht_review_detail_load_finish (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Fills "panel" (emptied first) with the decision to make — the buttons
 * when "can_review" and the record is pending or resubmitted —, what
 * changed and the potential duplicates. */
void            ht_review_detail_fill        (GtkBox               *panel,
                                              const HtReviewDetail *detail,
                                              gboolean              can_review);
/* Empties "panel" and says there why the details could not be read. */
void            ht_review_detail_fill_error  (GtkBox               *panel,
                                              const char           *message);

/* "Phường Ba Đình" for a commune of today's units or of the units before
 * 1 July 2025, else the code itself. */
const char     *ht_review_commune_name       (const char           *code);

G_END_DECLS
