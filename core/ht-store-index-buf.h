/* ht-store-index-buf.h — the index buffer's fields, shared by the search index and an import's held-back keys.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HtIndexBuf holds what one record puts into the index (ht-store-search.c
 * collects it) and, for a bulk import, the keys of many records held back
 * to be written sorted and in batches (ht-store-held.c).  Private to those
 * two files.
 */
#pragma once

#include "ht-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *type;   /* "pin", "doc", "ref" */
  const char *value;  /* in buf->chunk */
} IndexKey;

/* A name key an import writes later (key in buf->deferred_keys). */
typedef struct
{
  const char *key;
  gint64      rid;
  guint       prev;   /* index + 1 of the one before with this key's hash, if pending */
} DeferredKey;

/* A lookup key or ref an import writes later (value in
 * buf->deferred_values). */
typedef struct
{
  const char *type;   /* "pin", "doc", "ref": IndexKey's */
  const char *value;
  gint64      rid;
} DeferredRow;

/* A slot of the pending "name|birth" keys' table: the key's hash and the
 * index + 1 of the last deferred key with that hash (0: a free slot). */
typedef struct
{
  guint64 hash;
  guint   last;
} PendingSlot;

/* Slots of an empty pending table (a power of two). */
#define PENDING_FIRST_SLOTS 1024

/* Deferred name keys are written once this many are waiting (24 bytes
 * each, plus their texts), so memory stays bounded. */
#define DEFERRED_KEYS_MAX (4u << 20)

struct _HtIndexBuf
{
  GString      *names;
  GString      *scratch;
  GArray       *keys;   /* IndexKey */
  GPtrArray    *name_keys;  /* const char *, in buf->chunk */
  GStringChunk *chunk;  /* the key values of the current record */
  const cJSON  *record;
  /* The record whose keys the above hold already (an import's worker
   * collected them), or NULL. */
  const cJSON  *collected;

  /* Name keys waiting to be written (import), or NULL. */
  GArray       *deferred;       /* DeferredKey */
  GStringChunk *deferred_keys;  /* their texts */
  /* The "name|birth" keys among them, by a 64-bit hash of the key → index
   * + 1 of the last one, so that the import's lookups find the records not
   * yet in name_keys.  An open-addressing table of its own: the strings
   * are neither hashed by GLib nor interned, which on the writer thread
   * cost two string hash tables' lookups (and their cache misses) per key. */
  PendingSlot  *pending;
  gsize         pending_mask;   /* slots - 1 */
  gsize         pending_used;
  /* Lookup keys and refs waiting to be written (import), or NULL: they
   * are written before any query of record_keys or refs that could find
   * one of them (_ht_import_keys_may_have), which in an import is about
   * one record in a hundred, so most are written sorted, many at a time. */
  GArray       *deferred_rows;    /* DeferredRow */
  GStringChunk *deferred_values;  /* their values */
  /* Words of the search index that search_terms lacks, to write at
   * _ht_index_buf_flush() (ht-store-terms.c). */
  GHashTable   *deferred_terms;
};

/* Holds back the name keys, lookup keys and refs of the new record "rid"
 * that "buf" collected (an import's buffer, see _ht_index_buf_defer). */
gboolean      _ht_index_buf_hold     (HtStore     *self,
                                      HtIndexBuf  *buf,
                                      gint64       rid,
                                      GError     **error);

G_END_DECLS
