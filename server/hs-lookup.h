/* hs-lookup.h — what validation rules may ask of the register, answered by PostgreSQL.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules ask for referenced records, for a person's other records and for
 * the records that refer to one (HtLookup, core/ht-validate.h).  The server
 * answers from the records table and record_keys (hs-keys.h),
 * inside the push's transaction, plus the records accepted earlier in the
 * same batch, which are not written yet when later ones are validated.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "ht-validate.h"
#include "hs-db.h"

G_BEGIN_DECLS

typedef struct _HsLookup HsLookup;

HsLookup       *hs_lookup_new        (PGconn   *db);
void            hs_lookup_free       (HsLookup *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsLookup, hs_lookup_free)

const HtLookup *hs_lookup_get        (HsLookup *self);
/* The office of the record being validated: refs by number without an
 * office mean this one. */
void            hs_lookup_set_office (HsLookup   *self,
                                      const char *office);
/* The kind of the record about to be validated, NULL once validation is
 * over.  While it is "death", find_person answers deaths of the office
 * set above only: a death matching another office's is flagged for the
 * reviewer (hs-review.c), not refused; the duplicate finder, which runs
 * after validation, still sees every office. */
void            hs_lookup_set_validating (HsLookup   *self,
                                          const char *kind);
/* Fetches, in one query, every stored record that shares a key with any of
 * "key_sets" (GPtrArrays from hs_record_keys()), so that the rules'
 * look-ups for the people of a batch need no further query.  Once per
 * batch, before validating, in two halves, so that the caller sends the
 * query with its other reads in one round trip (hs-apply.c): adds it to
 * "steps" (FALSE when there is no key to look for, and nothing was added),
 * then reads its result. */
gboolean        hs_lookup_prefetch_add  (HsLookup   *self,
                                         GPtrArray  *key_sets,
                                         HsDbSteps  *steps);
void            hs_lookup_prefetch_read (HsLookup       *self,
                                         const PGresult *result);
/* Makes a record accepted in this batch visible to the records after it.
 * Borrows "record" and "keys", which must outlive the lookup. */
void            hs_lookup_add        (HsLookup    *self,
                                      const cJSON *record,
                                      GPtrArray   *keys);
/* FALSE when no record but "id" is known to hold "key": neither a stored
 * one fetched by hs_lookup_prefetch_add() nor one of this batch.  TRUE when
 * another does, or when the key was not fetched (the database must then be
 * asked).  Lets a caller skip find_person for the many people nobody else
 * shares a key with. */
gboolean        hs_lookup_key_shared (HsLookup   *self,
                                      const char *key,
                                      const char *id);
/* The first database error a callback met (callbacks cannot return one);
 * the caller must then fail the transaction. */
GError         *hs_lookup_take_error (HsLookup *self);

G_END_DECLS
