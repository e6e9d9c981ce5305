/* ht-review-view.h — the reviewer's page: the queue, the record, the decision.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"
#include "ht-store-review.h"

G_BEGIN_DECLS

#define HT_TYPE_REVIEW_VIEW (ht_review_view_get_type ())
G_DECLARE_FINAL_TYPE (HtReviewView, ht_review_view, HT, REVIEW_VIEW, AdwBin)

void                ht_review_view_set_session    (HtReviewView *self,
                                                   HtSession    *session);
/* Reads the queue again with the filters as they are (in a worker). */
void                ht_review_view_reload         (HtReviewView *self);

/* ---- What a reviewer does, for the window and the tests ---- */

/* Chooses the state filter as the menu does: NULL (the open queue),
 * "pending", "resubmitted", "potential_duplicate", "returned", "approved"
 * or "rejected".  FALSE for a state the menu does not offer. */
gboolean            ht_review_view_set_state      (HtReviewView *self,
                                                   const char   *state);
/* Chooses the commune filter (NULL: every commune of the scope); FALSE for
 * a commune outside the scope. */
gboolean            ht_review_view_set_office     (HtReviewView *self,
                                                   const char   *office);
/* Types the date range as a reviewer would (dd/mm/yyyy, or empty). */
void                ht_review_view_set_dates      (HtReviewView *self,
                                                   const char   *from,
                                                   const char   *to);
/* The message under the filters (a date that is not one), or NULL. */
const char         *ht_review_view_get_filter_error (HtReviewView *self);

/* Whether the queue or the selected record is being read. */
gboolean            ht_review_view_get_loading    (HtReviewView *self);
guint               ht_review_view_get_n_items    (HtReviewView *self);
const HtReviewItem *ht_review_view_get_item       (HtReviewView *self,
                                                   guint         i);

/* Shows the record "id" beside the queue, with what changed since the last
 * decision and the records it may duplicate. */
void                ht_review_view_select         (HtReviewView *self,
                                                   const char   *id);
const char         *ht_review_view_get_selected   (HtReviewView *self);
/* The shown record (NULL while it loads), the changes shown for it
 * (HtFieldChange*) and the ids of its potential duplicates. */
const cJSON        *ht_review_view_get_record     (HtReviewView *self);
GPtrArray          *ht_review_view_get_changes    (HtReviewView *self);
const char *const  *ht_review_view_get_duplicates (HtReviewView *self);

G_END_DECLS
