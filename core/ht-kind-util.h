/* ht-kind-util.h — helpers shared by the rule functions of several kinds.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ht-kinds-private.h"
#include "ht-record.h"
#include "ht-validate.h"

G_BEGIN_DECLS

/* Folded equality ("Kinh" = "kinh", NFC = NFD); FALSE if either is NULL. */
gboolean ht_kind_same_text (const char *a, const char *b);

/* Full years of the person at data path "person" (date_of_birth, else
 * birth_year counted as 1 January) on "on"; -1 when unknown. */
int      ht_kind_age_on (HtRuleCtx *ctx, const char *person, const GDate *on);

/* The registration date of a ref at data path "ref": from a paper-form ref
 * directly, else from the resolved record.  FALSE when unknown. */
gboolean ht_kind_ref_registered_on (HtRuleCtx *ctx, const char *ref, GDate *out);

/* The resolved record of a ref at data path "ref", or NULL. */
cJSON   *ht_kind_resolve (HtRuleCtx *ctx, const char *ref);

/* Registered records of "kind" naming the person at data path "person" (by
 * pin, ID document number, or folded name + date of birth); a cJSON array,
 * never NULL.  The record under validation is left out. */
cJSON   *ht_kind_find_person (HtRuleCtx *ctx, const char *kind, const char *person);

/* Registered records that reference the record "target" (a cJSON array,
 * never NULL). */
cJSON   *ht_kind_find_referencing (HtRuleCtx *ctx, const cJSON *target);

/* TRUE when the dates at data paths "earlier" and "later" are both known and
 * "later" falls before "earlier" (or on the same day, when "strict"): the
 * shape of every "B is not before A" rule. */
gboolean ht_kind_dates_out_of_order (HtRuleCtx  *ctx,
                                     const char *earlier,
                                     const char *later,
                                     gboolean    strict);

/* Shared rules.  Re-registration only for events registered before
 * 2016-01-01 (NĐ123 24.1†): reads data "original". */
void     ht_kind_rule_re_registration_date (HtRuleCtx *ctx);
/* The person at the rule's field has no death record (LHT 34.2 lock). */
void     ht_kind_rule_subject_alive (HtRuleCtx *ctx);

/* ---- Marriages and deaths in the register (marriage, marital_status) ---- */

/* Whether two person objects are the same person: an equal personal ID or
 * identity-document number (either way round), else an equal folded name
 * and date of birth. */
gboolean ht_kind_same_person (const cJSON *a, const cJSON *b);

/* TRUE when "nationality" is given and is not Viet Nam (folded). */
gboolean ht_kind_is_foreign (const char *nationality);

/* The register's record of the death of "person" (a person object): a death
 * record, a court's declaration of death noted in GVS and not cancelled, or
 * a death noted from abroad (GC).  Sets "died_on" (invalid when unknown).
 * A new tree owned by the caller, or NULL. */
cJSON   *ht_kind_death_of (HtRuleCtx *ctx, const cJSON *person, GDate *died_on);

/* The marriages of the person at data path "person" according to the
 * register, as they stood on "on" (NULL: as they stand now): marriage
 * records and marriages noted from abroad naming the person as a spouse,
 * begun on or before "on".  A cJSON array, never NULL, of objects
 * {"record": the marriage entry, "state": "in_force" | "divorced" |
 * "annulled" | "widowed", "ended_on": "YYYY-MM-DD" or null}.  A marriage
 * ends with a divorce or annulment entered against it (decision_note or
 * foreign_note referencing it) or the other spouse's death (HNGĐ 57.1, 65). */
cJSON   *ht_kind_marriages_of (HtRuleCtx *ctx, const char *person, const GDate *on);

/* ---- Refs, guardianships and offices (death, guardianship, adoption) ---- */

/* Whether a ref object ({id} or {kind, office, book_year, number})
 * designates "record"; FALSE for a paper-form ref. */
gboolean ht_kind_ref_designates (const cJSON *ref, const cJSON *record);

/* The registered guardianship_end that ends "guardianship" (a record),
 * other than the record under validation: a new tree, or NULL when there is
 * none or the register cannot be asked. */
cJSON   *ht_kind_guardianship_ending (HtRuleCtx *ctx, const cJSON *guardianship);

typedef enum {
  HT_KIND_OFFICE_SAME,   /* the same office, or one of the codes unknown */
  HT_KIND_OFFICE_OTHER,  /* another commune that still exists */
  HT_KIND_OFFICE_MERGED, /* a code gone from the units in force: maybe our predecessor */
} HtKindOfficeRelation;

/* How "office" (another record's office code) stands to the office of the
 * record under validation, by the units in force on its registration date. */
HtKindOfficeRelation ht_kind_office_relation (HtRuleCtx *ctx, const char *office);

/* ---- Amending entries: change, decision_note, foreign_note ---- */

/* The description of the field at data path "path" of the entry "record"
 * ("child.full_name"; list elements as "subjects[0].full_name"; a
 * foreign_note's "event_data.…" in the kind of its event), or NULL. */
const HtField *ht_kind_record_field (const cJSON *record, const char *path);

/* A data value as text: strings as written, numbers in decimal, booleans
 * "true"/"false".  NULL when absent, null, blank or an object. */
char    *ht_kind_value_text (const cJSON *value);

/* Whether the text "text" is a valid value for "field" (a date is
 * YYYY-MM-DD, an enum one of its values, a year or code digits, …). */
gboolean ht_kind_value_valid (const HtField *field, const char *text);

/* Whether two texts are the same value of "field": folded text, dates also
 * written dd/mm/yyyy; two blanks (NULL) are the same. */
gboolean ht_kind_same_value (const HtField *field, const char *a, const char *b);

/* What an entry registers: its kind, or for a foreign_note the event it
 * notes ("marriage"), or for a decision_note its event ("adoption"). */
const char *ht_kind_entry_event (const cJSON *record);

/* The effective value (KINDS.md §1.6), as text, of the data field "path" of
 * the entry "original": its own value with the items of approved change,
 * decision_note and foreign change entries that amend it, and the parent of
 * an approved parentage entry for a birth, applied in book order up to the
 * record under validation.  NULL when blank. */
char    *ht_kind_effective_value (HtRuleCtx *ctx, const cJSON *original, const char *path);

/* The registered divorce or annulment (decision_note or foreign_note) that
 * names "marriage" as its original, other than the record under
 * validation: a new tree, or NULL. */
cJSON   *ht_kind_marriage_ending (HtRuleCtx *ctx, const cJSON *marriage);

/* Whether the person object is the husband or the wife of "marriage" (a
 * marriage entry or a marriage noted from abroad): the same person, or the
 * same folded name where a date of birth is missing on either side. */
gboolean ht_kind_is_spouse (const cJSON *marriage, const cJSON *person);

/* The checks shared by the entries that end a marriage (a decision_note or
 * a foreign_note of a divorce or annulment), given the marriage entry
 * "original" names: HNGĐ 57.1 and 12.1, a marriage already ended is not
 * ended again (reported at "original"); HNGĐ 57.2, every person of the list
 * at "subjects_path" is a spouse of it (checked only when "original" is a
 * marriage). */
void     ht_kind_check_marriage_open (HtRuleCtx *ctx, const cJSON *original);
void     ht_kind_check_spouses (HtRuleCtx *ctx, const cJSON *original, const char *subjects_path);

/* Shared rules over data "original" (a ref) and "items" (a list of
 * {field, from, to}), silent when the original is not in the register:
 * every items[].field is a value field of the original's kind; it is not
 * a derived field; every items[].to is a valid value for it; every given
 * items[].from is the effective value (reported with the rule's severity). */
void     ht_kind_rule_item_field_unknown (HtRuleCtx *ctx);
void     ht_kind_rule_item_field_derived (HtRuleCtx *ctx);
void     ht_kind_rule_item_value_invalid (HtRuleCtx *ctx);
void     ht_kind_rule_item_from (HtRuleCtx *ctx);

G_END_DECLS
