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

/* Shared rules.  Re-registration only for events registered before
 * 2016-01-01 (NĐ123 24.1†): reads data "original". */
void     ht_kind_rule_re_registration_date (HtRuleCtx *ctx);
/* The person at the rule's field has no death record (LHT 34.2 lock). */
void     ht_kind_rule_subject_alive (HtRuleCtx *ctx);

G_END_DECLS
