/* ht-sync-deps.h — which queued changes may be with the server at the same time.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server applies two push requests at once in no set order, and its
 * rules look at other records: a birth at the mother's marriage, a death at
 * earlier deaths of the person, a divorce at the marriage it ends.  Two
 * batches may therefore be with it together only if no change of one could
 * find a record of the other.  What a change's validation can find is known
 * from its keys, derived in core (ht_record_keys_of_change(),
 * core/ht-record-keys.h) from the same registry and by the same code as
 * the server's record_keys:
 *
 *  - "stored" keys, by which others find the record: its personal ID and
 *    ID document numbers, each person's folded name with the date or year
 *    of birth, the records it refers to, and its own id and place in its
 *    book;
 *  - "looked-up" keys, which its rules ask for: the numbers, a name with a
 *    full date of birth (also against the same name with the year alone),
 *    the records it refers to, and its own id and place (the records that
 *    refer to it).
 *
 * Two changes depend on each other when the looked-up keys of either meet
 * the stored keys of the other: then the later one waits until the earlier
 * one's answer came back.  Keys are kept as 64-bit hashes; two different
 * keys sharing a hash only make a change wait when it need not.  A change
 * that cannot be read depends on everything (it goes alone).
 */
#pragma once

#include <glib.h>

#include "ht-store.h"

G_BEGIN_DECLS

typedef struct _HtSyncKeys HtSyncKeys;

/* The keys of one queued change (its JSON as pushed).  "store" (may be
 * NULL) resolves references by place in a book to record ids, so that a
 * reference by id and one by place to the same record meet. */
HtSyncKeys *ht_sync_keys_of_change (const char *json,
                                    HtStore    *store);
void        ht_sync_keys_free      (HtSyncKeys *keys);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncKeys, ht_sync_keys_free)

/* The keys of the changes of one batch together. */
typedef struct _HtSyncKeySet HtSyncKeySet;

HtSyncKeySet *ht_sync_key_set_new      (void);
/* The same with room for about as many keys as "like" holds (NULL: none),
 * so that a batch's set, which takes thousands, does not grow from small
 * again and again as the one before it did.  The room changes no answer. */
HtSyncKeySet *ht_sync_key_set_new_like (const HtSyncKeySet *like);
void          ht_sync_key_set_free     (HtSyncKeySet     *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncKeySet, ht_sync_key_set_free)
void          ht_sync_key_set_add      (HtSyncKeySet     *set,
                                        const HtSyncKeys *keys);
/* Whether the change of "keys" depends on a change of "set". */
gboolean      ht_sync_key_set_meets    (const HtSyncKeySet *set,
                                        const HtSyncKeys   *keys);

G_END_DECLS
