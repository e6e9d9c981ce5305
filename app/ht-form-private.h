/* ht-form-private.h — what ht-form.c and ht-form-rows.c share.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A form is a tree of bindings, one per field of the kinds registry that
 * the record can hold: each ties a full JSON path ("data.child.full_name",
 * "registered_on", "data.witnesses[1].full_name") to the row that edits it
 * and to the row that shows its message.
 */
#pragma once

#include <adwaita.h>
#include <cjson/cJSON.h>

#include "ht-form.h"
#include "ht-kinds.h"
#include "ht-store.h"
#include "ht-validate.h"

G_BEGIN_DECLS

typedef enum {
  B_SCALAR,
  B_OBJECT,   /* an object, or one element of a list of objects */
  B_LIST,     /* a list of objects or of texts */
  B_VARIANT,  /* a ref (or paper) in one of several shapes */
} BindingKind;

typedef enum {
  S_TEXT,
  S_DATE,
  S_DATETIME,
  S_YEAR,
  S_INT,
  S_CODE,
  S_BOOL,
  S_ENUM,
  S_ETHNICITY,
  S_NATIONALITY,
  S_PLACE,
  S_KIND,       /* a ref's kind code, chosen from the kinds */
} ScalarType;

typedef struct _Binding Binding;

struct _Binding
{
  HtForm        *form;
  BindingKind    kind;
  ScalarType     stype;
  char          *path;        /* full JSON path */
  char          *name;        /* JSON key in its parent object (NULL for list elements) */
  const HtField *field;
  Binding       *parent;
  GPtrArray     *children;    /* Binding* */

  GtkWidget     *row;         /* the editing row, or the group / expander of an object */
  GtkWidget     *sink;        /* where children's rows go (group or expander), objects only */
  GtkWidget     *error_row;
  GtkLabel      *error_label;
  GtkWidget     *enable;      /* optional objects: a GtkSwitch or the expander's enable switch */

  GPtrArray     *values;      /* S_ENUM, S_ETHNICITY, S_KIND: the value of each combo item (NULL = unset) */
  cJSON         *unit;        /* S_PLACE: the administrative unit picked */
  gboolean       was_false;   /* S_BOOL: the record held false (kept as false, not dropped) */
  char          *local_error; /* the text is not even a value (a bad date) */
  gboolean       evidence;    /* a conditional paper: optional where not required */
  gboolean       keep;        /* held a value its condition did not ask for: kept */

  /* B_VARIANT: the shapes it may take and the one chosen. */
  const HtField *const *shapes;
  guint          n_shapes;
  guint          shape;
};

struct _HtForm
{
  AdwBin              parent_instance;

  HtStore            *store;
  cJSON              *record;      /* the base: envelope and data as made or saved */
  const HtKind       *kind;
  gboolean            is_new;

  GtkScrolledWindow  *scroller;
  GtkWidget          *box;         /* the groups, rebuilt */
  AdwPreferencesGroup *general;    /* messages not tied to a visible field */
  GPtrArray          *general_rows;

  GPtrArray          *roots;       /* Binding*, envelope then data (not owning) */
  GPtrArray          *all;         /* every Binding, tree order (owning) */
  GHashTable         *by_path;     /* path → Binding* */
  GHashTable         *touched;     /* paths the clerk has left; survives rebuilds */
  GHashTable         *raw;         /* path → text that was not a value; survives rebuilds */
  GHashTable         *shapes;      /* path → chosen shape + 1 of references */

  HtIssues           *issues;
  GCancellable       *cancellable;
  guint               check_source;
  guint               rebuild_source;
  gboolean            valid;
  gboolean            validating;
  gboolean            show_all;
  gboolean            dirty;
  gboolean            building;
  guint               n_errors;
};

/* ---- ht-form-build.c: bindings and rows from the registry ---- */

void        _ht_form_binding_free  (Binding     *b);
/* (Re)builds every row from self->record; rows of the previous build go. */
void        _ht_form_build         (HtForm      *self);

/* ---- ht-form.c: state the building asks for ---- */

void        _ht_form_start_check   (HtForm      *self);
void        _ht_form_mark_dirty    (HtForm      *self);

/* ---- ht-form-rows.c: the rows of scalar fields ---- */

/* Makes b->row for a scalar binding (its type in b->stype), showing
 * "value" (may be NULL); wires its signals to the form. */
void        _ht_form_row_create    (Binding     *b,
                                    const char  *kind,
                                    const cJSON *value,
                                    gboolean     is_new);
/* The row's value as JSON (NULL when empty).  A text that is not a value
 * of the field's type sets b->local_error and gives NULL. */
cJSON      *_ht_form_row_value     (Binding     *b);
/* Types "text" into an entry row, or selects the combo item whose value
 * is "text"; FALSE when the row cannot take it. */
gboolean    _ht_form_row_set_text  (Binding     *b,
                                    const char  *text);
/* The raw text of an entry row (kept across a rebuild), or NULL. */
char       *_ht_form_row_raw_text  (Binding     *b);
GtkWidget  *_ht_form_error_row_new (GtkLabel   **label);
/* A translated field label ("Full name"), falling back to the key. */
const char *_ht_form_field_label   (const HtField *field);

/* ---- ht-form.c: what the rows call back ---- */

void        _ht_form_row_changed   (Binding     *b);
void        _ht_form_row_left      (Binding     *b);
void        _ht_form_row_committed (Binding     *b);

G_END_DECLS
