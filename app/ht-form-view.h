/* ht-form-view.h — the page around a generated form: saving, registering, editing.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <cjson/cJSON.h>

#include "ht-form.h"
#include "ht-session.h"

G_BEGIN_DECLS

#define HT_TYPE_FORM_VIEW (ht_form_view_get_type ())
G_DECLARE_FINAL_TYPE (HtFormView, ht_form_view, HT, FORM_VIEW, AdwBin)

void        ht_form_view_set_session    (HtFormView  *self,
                                         HtSession   *session);
/* A blank form for a new record of "kind". */
void        ht_form_view_new_record     (HtFormView  *self,
                                         const char  *kind);
/* A form filled with a stored record: a draft to finish, or a registered
 * record to correct (with a reason). */
void        ht_form_view_edit_record    (HtFormView  *self,
                                         const cJSON *record);
HtForm     *ht_form_view_get_form       (HtFormView  *self);
/* "Birth — new", "Birth KS 2026/17 — correction" … */
const char *ht_form_view_get_title      (HtFormView  *self);
gboolean    ht_form_view_get_dirty      (HtFormView  *self);
/* A save is running. */
gboolean    ht_form_view_get_busy       (HtFormView  *self);
gboolean    ht_form_view_get_can_save_draft (HtFormView *self);
gboolean    ht_form_view_get_can_register   (HtFormView *self);

/* Ctrl+S: keeps the form as a draft (no number, not sent). */
void        ht_form_view_save_draft     (HtFormView  *self);
/* Ctrl+Enter: checks, shows a probable duplicate, confirms, registers and
 * shows the book number; for a registered record, asks the reason and
 * saves the correction.  Emits "saved" (const char *id) when done. */
void        ht_form_view_submit         (HtFormView  *self);

/* Tests: the dialog the view is waiting on, or NULL; answering it as the
 * clerk would. */
AdwMessageDialog *ht_form_view_get_dialog (HtFormView *self);

G_END_DECLS
