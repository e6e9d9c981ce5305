/* ht-gen.h — realistic records for benchmarks, demos and tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HtGen makes the records a real commune office would register over a
 * period: births, marriages, deaths and marital-status certificates in
 * roughly the proportions of a commune's books, with Vietnamese names of
 * realistic frequency, the office's own commune and province names (as they
 * were on each registration date, before and after the 2025 reform), real
 * personal ID numbers, and dates that follow the legal deadlines.  The same
 * seed always gives the same records.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

typedef struct _HtGen HtGen;

/* The kinds the generator can make; ht_gen_new() keeps only those whose
 * registry tables describe every field it writes. */
typedef enum {
  HT_GEN_BIRTH          = 1 << 0,
  HT_GEN_MARRIAGE       = 1 << 1,
  HT_GEN_DEATH          = 1 << 2,
  HT_GEN_MARITAL_STATUS = 1 << 3,
  HT_GEN_ALL            = 0xf,
} HtGenKinds;

/* A generator for "count" records of the commune "office" registered from
 * "from" to "to" (both included, in order: the i-th record is registered
 * about i/count of the way through the period).  With "numbered", records
 * carry book_year and consecutive numbers per kind and year, as digitised
 * book entries do; otherwise the store numbers them.  Fails on an unknown
 * office or an empty period. */
HtGen      *ht_gen_new        (const char  *office,
                               guint32      seed,
                               const GDate *from,
                               const GDate *to,
                               guint64      count,
                               gboolean     numbered,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
void        ht_gen_free       (HtGen       *self);

/* Restricts the mix to some kinds (HtGenKinds); the shares of the others
 * are spread over the rest.  Returns the kinds actually made. */
guint       ht_gen_set_kinds  (HtGen       *self,
                               guint        kinds);
guint       ht_gen_get_kinds  (HtGen       *self);

/* The next record as a canonical tree, or NULL once "count" records were
 * made (or if a record failed to canonicalise, with "error" set). */
cJSON      *ht_gen_next       (HtGen       *self,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same as one line of JSON Lines (canonical, compact, no newline). */
char       *ht_gen_next_line  (HtGen       *self,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* How many records were made so far. */
guint64     ht_gen_get_made   (HtGen       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtGen, ht_gen_free)

G_END_DECLS
