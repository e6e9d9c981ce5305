/* ht-form.h — a registration form generated from the kinds registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <cjson/cJSON.h>

#include "ht-store.h"
#include "ht-validate.h"

G_BEGIN_DECLS

#define HT_TYPE_FORM (ht_form_get_type ())
G_DECLARE_FINAL_TYPE (HtForm, ht_form, HT, FORM, AdwBin)

/* A form for "record" (a canonical record, or a new one with at least
 * "kind"): every field its kind can hold, grouped, filled with its values.
 * Rules run in a worker thread against "store" as the clerk leaves each
 * field. */
GtkWidget   *ht_form_new              (HtStore     *store,
                                       const cJSON *record);

const char  *ht_form_get_kind         (HtForm      *self);
/* The record the form was made from, as last saved (id, version …). */
const cJSON *ht_form_get_record       (HtForm      *self);
/* After a save: the saved record becomes the form's base (its id and
 * version are then sent with the next save); the fields stay as typed. */
void         ht_form_set_saved        (HtForm      *self,
                                       const cJSON *record);
/* A new record tree from the fields, with "status" set.  Hidden fields
 * (their condition does not hold) are left out. */
cJSON       *ht_form_collect          (HtForm      *self,
                                       const char  *status) G_GNUC_WARN_UNUSED_RESULT;

/* "valid": the latest check of what is in the form found no error and no
 * text that is not a value; FALSE while a check runs. */
gboolean     ht_form_get_valid        (HtForm      *self);
gboolean     ht_form_get_validating   (HtForm      *self);
/* Errors found by the latest check (core's and the rows' own). */
guint        ht_form_get_n_errors     (HtForm      *self);
/* Whether anything was typed since the form was made or last saved. */
gboolean     ht_form_get_dirty        (HtForm      *self);

/* Checks the form now (a worker thread); "valid" follows. */
void         ht_form_validate         (HtForm      *self);
/* Shows every message, also under fields the clerk has not visited (after
 * a failed attempt to register). */
void         ht_form_show_all_issues  (HtForm      *self);
/* Scrolls the field at "path" into view. */
void         ht_form_scroll_to        (HtForm      *self,
                                       const char  *path);
/* Shows the issues a save came back with. */
void         ht_form_set_issues       (HtForm      *self,
                                       HtIssues    *issues);

/* ---- Driving the form by field path, for tests and screenshots ---- */

/* The editing row of a field ("data.child.full_name"), or NULL. */
GtkWidget   *ht_form_get_row          (HtForm      *self,
                                       const char  *path);
/* Types into an entry or picks the combo item of that value. */
gboolean     ht_form_set_text         (HtForm      *self,
                                       const char  *path,
                                       const char  *text);
/* As if the clerk left the field: it is checked and its message shown. */
void         ht_form_leave            (HtForm      *self,
                                       const char  *path);
/* The issues of the latest check (borrowed; may be NULL before one). */
HtIssues    *ht_form_get_issues       (HtForm      *self);
/* The message shown under a field, or NULL. */
const char  *ht_form_get_message      (HtForm      *self,
                                       const char  *path);

G_END_DECLS
