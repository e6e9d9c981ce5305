/* ht-record-view.h — one record: every field, its states and its history.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"
#include <cjson/cJSON.h>

G_BEGIN_DECLS

#define HT_TYPE_RECORD_VIEW (ht_record_view_get_type ())
G_DECLARE_FINAL_TYPE (HtRecordView, ht_record_view, HT, RECORD_VIEW, AdwBin)

void        ht_record_view_set_session (HtRecordView *self,
                                        HtSession    *session);
/* Loads and shows the record "id" (in a worker thread). */
void        ht_record_view_show        (HtRecordView *self,
                                        const char   *id);
const char *ht_record_view_get_id      (HtRecordView *self);
/* The shown record, or NULL while it loads. */
const cJSON *ht_record_view_get_record (HtRecordView *self);
const char *ht_record_view_get_title   (HtRecordView *self);
/* Puts "extra" above the record's groups (the Review page's decision). */
void        ht_record_view_set_extra   (HtRecordView *self,
                                        GtkWidget    *extra);
/* The Edit button, for tests: shown and disabled, with a tooltip saying
 * why, for a record the reviewer approved or rejected. */
GtkWidget  *ht_record_view_get_edit_button (HtRecordView *self);
/* Why the shown record's paper cannot be printed now (still loading, a
 * draft, revoked, a role that issues no papers), or NULL when it can. */
const char *ht_record_view_get_print_blocker (HtRecordView *self);

G_END_DECLS
