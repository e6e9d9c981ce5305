/* ht-store-import-keys.c — what a running import wrote, kept in memory for its lookups.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of a record look the register up (ht-store-lookup.c), and in
 * an import they must see the records before it in the file.  Those are
 * in the import's transaction, so SQLite finds them; but asking SQLite
 * about every person of every record was a large part of an import.  When
 * the register was empty before the import, a key can only be found if
 * the import wrote it: the import notes each key it writes here, and a
 * lookup asks SQLite only when this says "may have".
 */
#define G_LOG_DOMAIN "ht-store"

#include <string.h>

#include "ht-store-private.h"

/* The keys an import wrote go into Bloom filters: a few bits per key
 * instead of the key, so a million records cost megabytes.  A filter
 * holds BLOOM_BITS_PER_KEY bits per key with BLOOM_PROBES probes (about
 * one false "may have" in a hundred, which only costs the query it would
 * have cost anyway); a full one is followed by one twice its size.  The
 * probes of a key all fall in one block of 512 bits (a cache line), so
 * adding or testing a key misses the processor's cache once instead of
 * once per probe: the filters outgrow that cache early in an import, and
 * the writer thread adds and tests about a dozen keys per record each. */
#define BLOOM_FIRST_BITS   (G_GUINT64_CONSTANT (1) << 22)
#define BLOOM_BITS_PER_KEY 10
#define BLOOM_PROBES       4
#define BLOOM_BLOCK_BITS   512

typedef struct
{
  guint64 *words;
  guint64  mask;      /* bits - 1, a power of two */
  guint64  n;
  guint64  capacity;
} Bloom;

struct _HtImportKeys
{
  gboolean    register_empty;
  HtIndexBuf *buf;        /* the writer's, whose name keys wait */
  GPtrArray  *filters;    /* Bloom* */
  GHashTable *book_max;   /* "office/kind/year" → gint64* */
};

static void
bloom_free (gpointer data)
{
  Bloom *b = data;

  g_aligned_free (b->words);
  g_free (b);
}

static Bloom *
bloom_new (guint64 bits)
{
  Bloom *b = g_new0 (Bloom, 1);

  /* Each block one cache line. */
  b->words = g_aligned_alloc0 (bits / 64, sizeof (guint64), BLOOM_BLOCK_BITS / 8);
  b->mask = bits - 1;
  b->capacity = bits / BLOOM_BITS_PER_KEY;
  return b;
}

/* A 64-bit hash of "type" and "value" (FNV-1a, then mixed as MurmurHash3
 * finishes, so that every bit depends on every byte). */
guint64
_ht_import_key_hash (const char *type,
                     const char *value)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (const char *p = type; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * G_GUINT64_CONSTANT (1099511628211);
  h = (h ^ 0xff) * G_GUINT64_CONSTANT (1099511628211);
  for (const char *p = value; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * G_GUINT64_CONSTANT (1099511628211);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* The block of "h": its low bits choose it; the probes inside it are
 * nine bits each of its high 36 bits (bloom_bit), which the block's
 * choice leaves independent while a filter has fewer than 2^28 blocks. */
static guint64 *
bloom_block (const Bloom *b,
             guint64      h)
{
  return b->words + (h & (b->mask / BLOOM_BLOCK_BITS)) * (BLOOM_BLOCK_BITS / 64);
}

static guint
bloom_bit (guint64 h,
           guint   probe)
{
  return (h >> (28 + 9 * probe)) & (BLOOM_BLOCK_BITS - 1);
}

static gboolean
bloom_has (const Bloom *b,
           guint64      h)
{
  const guint64 *block = bloom_block (b, h);

  for (guint i = 0; i < BLOOM_PROBES; i++)
    {
      guint bit = bloom_bit (h, i);

      if (!(block[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))))
        return FALSE;
    }
  return TRUE;
}

static void
bloom_add (Bloom   *b,
           guint64  h)
{
  guint64 *block = bloom_block (b, h);

  for (guint i = 0; i < BLOOM_PROBES; i++)
    {
      guint bit = bloom_bit (h, i);

      block[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
    }
  b->n++;
}

HtImportKeys *
_ht_import_keys_new (gboolean    register_empty,
                     HtIndexBuf *buf)
{
  HtImportKeys *keys = g_new0 (HtImportKeys, 1);

  keys->register_empty = register_empty;
  keys->buf = buf;
  keys->filters = g_ptr_array_new_with_free_func (bloom_free);
  g_ptr_array_add (keys->filters, bloom_new (BLOOM_FIRST_BITS));
  keys->book_max = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return keys;
}

void
_ht_import_keys_free (HtImportKeys *keys)
{
  if (keys == NULL)
    return;
  g_ptr_array_unref (keys->filters);
  g_hash_table_unref (keys->book_max);
  g_free (keys);
}

static void
add_hash (HtImportKeys *keys,
          guint64       h)
{
  Bloom *last = g_ptr_array_index (keys->filters, keys->filters->len - 1);

  if (last->n >= last->capacity)
    {
      last = bloom_new ((last->mask + 1) * 2);
      g_ptr_array_add (keys->filters, last);
    }
  bloom_add (last, h);
}

static void
add_key (HtImportKeys *keys,
         const char   *type,
         const char   *value)
{
  if (value != NULL)
    add_hash (keys, _ht_import_key_hash (type, value));
}

static gboolean
import_wrote (HtImportKeys *keys,
              const char   *type,
              const char   *value)
{
  guint64 h = _ht_import_key_hash (type, value);

  for (guint i = 0; i < keys->filters->len; i++)
    if (bloom_has (keys->filters->pdata[i], h))
      return TRUE;
  return FALSE;
}

static char *
book_of (const char *office,
         const char *kind,
         gint64      book_year)
{
  return g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT, office, kind, book_year);
}

void
_ht_import_keys_add_record (HtImportKeys *keys,
                            const cJSON  *record,
                            GArray       *hashes)
{
  add_key (keys, "id", ht_record_id (record));
  if (ht_record_number (record) > 0)
    {
      g_autofree char *book = book_of (ht_record_office (record), ht_record_kind_code (record),
                                       ht_record_book_year (record));
      g_autofree char *place = g_strdup_printf ("%s/%" G_GINT64_FORMAT, book, ht_record_number (record));

      add_key (keys, "number", place);
      _ht_import_keys_note_number (keys, book, ht_record_number (record), FALSE);
    }
  for (guint i = 0; i < hashes->len; i++)
    add_hash (keys, g_array_index (hashes, guint64, i));
}

gboolean
_ht_import_keys_may_have (HtStore    *self,
                          const char *type,
                          const char *value)
{
  HtImportKeys *keys = self->import_keys;
  gboolean wrote;

  if (keys == NULL || value == NULL)
    return TRUE;
  wrote = import_wrote (keys, type, value);
  /* The import writes its name keys in batches: the records before this
   * one must be findable by name too.  A full key is found among those
   * held back (collect_rids); a name with any birth is rarely asked, and
   * the keys held back are written first. */
  if (wrote && strcmp (type, "name_prefix") == 0 && keys->buf != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!_ht_index_buf_flush (self, keys->buf, &error) && self->lookup_error == NULL)
        self->lookup_error = g_steal_pointer (&error);
    }
  /* The lookup keys and refs are held back too (ht-store-search.c): those
   * of the records before this one are written before SQLite is asked
   * about one the import may have written.  A key the filters never saw
   * cannot be among them. */
  else if (wrote && keys->buf != NULL
           && (strcmp (type, "pin") == 0 || strcmp (type, "doc") == 0 || strcmp (type, "ref") == 0))
    {
      g_autoptr(GError) error = NULL;

      if (!_ht_index_buf_flush_lookup_keys (self, keys->buf, &error) && self->lookup_error == NULL)
        self->lookup_error = g_steal_pointer (&error);
    }
  return wrote || !keys->register_empty;
}

void
_ht_import_keys_pending_rids (HtStore    *self,
                              const char *key,
                              GArray     *rids)
{
  /* Only a key the import may have written is looked for: the search
   * keeps the key it is given. */
  if (self->import_keys != NULL && self->import_keys->buf != NULL
      && import_wrote (self->import_keys, "name", key))
    _ht_index_buf_pending_rids (self->import_keys->buf, key, rids);
}

gboolean
_ht_import_keys_book_max (HtStore    *self,
                          const char *book,
                          gint64     *max)
{
  gint64 *known;

  if (self->import_keys == NULL)
    return FALSE;
  known = g_hash_table_lookup (self->import_keys->book_max, book);
  if (known == NULL)
    return FALSE;
  *max = *known;
  return TRUE;
}

void
_ht_import_keys_note_number (HtImportKeys *keys,
                             const char   *book,
                             gint64        number,
                             gboolean      learn)
{
  gint64 *known;

  if (keys == NULL)
    return;
  known = g_hash_table_lookup (keys->book_max, book);
  /* A book not asked about yet is asked of SQLite when it is, which then
   * counts this number too. */
  if (known == NULL && learn)
    {
      known = g_new (gint64, 1);
      *known = number;
      g_hash_table_insert (keys->book_max, g_strdup (book), known);
    }
  else if (known != NULL && number > *known)
    *known = number;
}
