/* ht-validate.h — validation of records against the kinds registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

#include "ht-kinds.h"

G_BEGIN_DECLS

/* One finding: {field, code, severity, message}.  "field" is the full JSON
 * path ("data.child.date_of_birth", "data.items[1].to", "registered_on"). */
typedef struct
{
  char      *field;
  char      *code;
  HtSeverity severity;
  char      *message; /* translated */
} HtIssue;

void ht_issue_free (HtIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtIssue, ht_issue_free)

/* A list of HtIssue; owns them. */
typedef GPtrArray HtIssues;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtIssues, g_ptr_array_unref)
HtIssues *ht_issues_new        (void);
void      ht_issues_add        (HtIssues   *issues,
                                const char *field,
                                const char *code,
                                HtSeverity  severity,
                                const char *format,
                                ...) G_GNUC_PRINTF (5, 6);
guint     ht_issues_n_errors   (HtIssues   *issues);
gboolean  ht_issues_has_code   (HtIssues   *issues,
                                const char *field,
                                const char *code);
/* Serialises as [{"field","code","severity","message"}, …]. */
cJSON    *ht_issues_to_json    (HtIssues   *issues);

/* What rules may ask of the register.  The local store implements it over
 * SQLite, the server over PostgreSQL; NULL members mean "not known here" and
 * the rules that need them stay silent.  Returned records are new cJSON trees
 * (canonical records) owned by the caller. */
typedef struct
{
  gpointer user_data;

  /* Resolves a ref object ({id} or {kind,office,book_year,number}). */
  cJSON *(*resolve_ref) (gpointer user_data, const cJSON *ref);

  /* Registered (not revoked, not draft) records of "kind" in which a person
   * with this PIN, or ID document number, or folded name + date of birth
   * appears at "role_path" (e.g. "husband", "deceased").  Any key may be NULL.
   * Returns a cJSON array. */
  cJSON *(*find_person) (gpointer    user_data,
                         const char *kind,
                         const char *pin,
                         const char *doc_number,
                         const char *folded_name,
                         const char *date_of_birth);

  /* Records that "ref" the record with this id (changes, decision notes, …). */
  cJSON *(*find_referencing) (gpointer user_data, const char *id);
} HtLookup;

typedef struct
{
  GDate           today;        /* for "not in the future"; set by the caller */
  const HtLookup *lookup;       /* may be NULL */
  const char     *office;       /* the register's office code, NULL = not checked */
  gboolean        digitised;    /* the record carries its own book_year/number */
} HtValidateOptions;

void ht_validate_options_init (HtValidateOptions *options);

/* Validates a record (a canonical cJSON tree as made by ht_record_parse()).
 * Structural problems (unknown fields, wrong types) are found by the parser;
 * this runs required-ness, value checks and every rule of the kind. */
HtIssues *ht_validate (const cJSON              *record,
                       const HtValidateOptions *options);

/* ---- Validation in two passes (bulk import) ---- */

/* What a first pass left for a second one: the reference checks and the
 * rules that asked the register something. */
typedef struct _HtValidation HtValidation;

/* Holds what a first pass leaves; one can serve record after record. */
HtValidation *ht_validation_new   (void);
/* Runs every check of ht_validate() that does not ask the register (any
 * thread, without the store's lock), appending the findings to "issues".
 * A rule that asks the register through "lookup" is not run here but
 * remembered in "validation" (which forgets what it held), with the place
 * in "issues" its findings belong to.  The lookup of "options" is not
 * used.  Returns FALSE when nothing is left for the second pass. */
gboolean      ht_validate_begin   (HtValidation            *validation,
                                   const cJSON             *record,
                                   const HtValidateOptions *options,
                                   HtIssues                *issues);
/* Runs what ht_validate_begin() left, with the lookup of "options", and
 * inserts the findings where ht_validate() would have put them: "issues"
 * then holds what ht_validate() returns (after what it held before).  The
 * record must be the same tree, changed at most in its envelope. */
void          ht_validate_finish  (HtValidation            *validation,
                                   const cJSON             *record,
                                   const HtValidateOptions *options,
                                   HtIssues                *issues);
void          ht_validation_free  (HtValidation            *validation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtValidation, ht_validation_free)

/* ---- For rule functions (ht-kind-*.c) ---- */

struct _HtRuleCtx
{
  const cJSON             *record;
  const cJSON             *data;
  const HtKind            *kind;
  const HtRule            *rule;
  const HtValidateOptions *options;
  HtIssues                *issues;
  GDate                    registered_on; /* invalid if absent */
};

/* Reports a finding of the running rule on a data path (or on the
 * rule's own field when path is NULL), with the rule's code and severity. */
void ht_rule_report (HtRuleCtx  *ctx,
                     const char *path,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);
/* The same with another severity (e.g. digitised entries downgrade). */
void ht_rule_report_severity (HtRuleCtx  *ctx,
                              HtSeverity  severity,
                              const char *path,
                              const char *format,
                              ...) G_GNUC_PRINTF (4, 5);

/* Data-relative accessors: "child.date_of_birth"; "$registered_on" is record-level. */
const cJSON *ht_rule_get      (HtRuleCtx *ctx, const char *path);
const char  *ht_rule_string   (HtRuleCtx *ctx, const char *path);
gboolean     ht_rule_date     (HtRuleCtx *ctx, const char *path, GDate *out);
gboolean     ht_rule_int      (HtRuleCtx *ctx, const char *path, gint64 *out);
gboolean     ht_rule_bool     (HtRuleCtx *ctx, const char *path);
gboolean     ht_rule_is       (HtRuleCtx *ctx, const char *path, const char *value);
const char  *ht_rule_registration_type (HtRuleCtx *ctx);

G_END_DECLS
