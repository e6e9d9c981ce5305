/* ht-fold.c — folding Vietnamese text for search.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folded form is what the search index stores and what a query is
 * turned into, so it must not depend on the locale or on how the text was
 * typed (precomposed NFC from most keyboards, decomposed NFD from some
 * imports).  It runs once per name on every save and over whole registers
 * when the index is rebuilt, so it works in one pass without allocating per
 * character.
 */
#define G_LOG_DOMAIN "ht-fold"

#include "ht-fold.h"

#include <string.h>

typedef struct
{
  char    *buf;
  gsize    len;
  gsize    cap;
  gboolean pending_space;
} FoldWriter;

static inline gboolean
is_dropped_mark (gunichar c)
{
  return g_unichar_combining_class (c) != 0
         || g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK;
}

static inline gboolean
is_space (gunichar c)
{
  /* g_unichar_isspace() leaves out the vertical tab, which pasted text
   * does carry; every ASCII space is a separator here. */
  if (c < 0x80)
    return g_ascii_isspace ((char) c);
  return g_unichar_isspace (c);
}

/* Appends one character of the decomposed text: white space only marks that
 * a single space is due before the next letter, which both collapses runs and
 * trims both ends. */
static inline void
fold_put (FoldWriter *w,
          gunichar    c)
{
  if (is_space (c))
    {
      w->pending_space = w->len > 0;
      return;
    }

  /* A space, one character of at most 6 bytes and the final NUL. */
  if (w->len + 8 > w->cap)
    {
      w->cap = w->cap * 2 + 8;
      w->buf = g_realloc (w->buf, w->cap);
    }

  if (w->pending_space)
    {
      w->buf[w->len++] = ' ';
      w->pending_space = FALSE;
    }

  if (c < 0x80)
    {
      w->buf[w->len++] = g_ascii_tolower ((char) c);
      return;
    }

  switch (c)
    {
    /* Đ is a letter of its own, not D with a diacritic, so it has no
     * decomposition and is mapped by hand.  Ð and ð (Icelandic eth) look the
     * same and are what Windows-1258 text read as Latin-1 turns Đ and đ into,
     * which old digitised lists are full of. */
    case 0x0110: /* Đ */
    case 0x0111: /* đ */
    case 0x00D0: /* Ð */
    case 0x00F0: /* ð */
      w->buf[w->len++] = 'd';
      return;
    default:
      break;
    }

  /* Per-character lower-casing rather than g_utf8_strdown(): it allocates
   * nothing and does not follow the locale (Turkish dotless i), so the index
   * folds the same way on every PC. */
  w->len += (gsize) g_unichar_to_utf8 (g_unichar_tolower (c), w->buf + w->len);
}

/* Folding one character of the text: NFD, marks dropped, the rest put. */
static void
fold_char (FoldWriter *w,
           gunichar    c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  /* This is NFD followed by dropping the marks, without building the NFD
   * string: full canonical decomposition of each character gives the
   * same characters as g_utf8_normalize (G_NORMALIZE_NFD), and the
   * canonical reordering NFD adds only moves characters of non-zero
   * combining class, all of which are dropped here.  It is about three
   * times faster than normalising first. */
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    if (!is_dropped_mark (decomposed[i]))
      fold_put (w, decomposed[i]);
}

/* What the characters of Latin-1, Latin Extended-A/B and the Vietnamese
 * block of Latin Extended Additional fold to, worked out once by
 * fold_char(): Vietnamese names are made of them, and looking the answer
 * up is several times faster than decomposing each letter again.  An
 * entry holds at most 7 bytes; "slow" marks the characters (white space)
 * whose folding depends on what came before, which take fold_char(). */
typedef struct
{
  guint8 len;
  guint8 slow;
  char   bytes[7];
} FoldEntry;

#define TABLE_LOW_END 0x0250
#define TABLE_HIGH_START 0x1E00
#define TABLE_HIGH_END 0x1F00

static FoldEntry *fold_table;

static const FoldEntry *
table_entry (gunichar c)
{
  if (c >= 0x80 && c < TABLE_LOW_END)
    return &fold_table[c - 0x80];
  if (c >= TABLE_HIGH_START && c < TABLE_HIGH_END)
    return &fold_table[(TABLE_LOW_END - 0x80) + (c - TABLE_HIGH_START)];
  return NULL;
}

static void
fold_table_init (void)
{
  FoldEntry *table;
  gunichar c;

  if (!g_once_init_enter (&fold_table))
    return;
  table = g_new0 (FoldEntry, (TABLE_LOW_END - 0x80) + (TABLE_HIGH_END - TABLE_HIGH_START));
  for (c = 0x80; c < TABLE_HIGH_END; c = (c + 1 == TABLE_LOW_END) ? TABLE_HIGH_START : c + 1)
    {
      FoldEntry *e = &table[c < TABLE_LOW_END ? c - 0x80 : (TABLE_LOW_END - 0x80) + (c - TABLE_HIGH_START)];
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      FoldWriter w = { NULL, 0, 0, FALSE };

      for (gsize i = 0; i < n; i++)
        if (is_space (decomposed[i]))
          e->slow = TRUE;
      if (!e->slow)
        fold_char (&w, c);
      if (w.len > sizeof e->bytes)
        e->slow = TRUE;
      else if (!e->slow)
        {
          memcpy (e->bytes, w.buf, w.len);
          e->len = (guint8) w.len;
        }
      g_free (w.buf);
    }
  g_once_init_leave (&fold_table, table);
}

char *
ht_fold (const char *text)
{
  FoldWriter w;
  gsize len;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  /* Folding only shortens Vietnamese text, so the input's length is nearly
   * always enough; fold_put() grows the buffer for the rare scripts whose
   * lower case is longer. */
  len = strlen (text);
  w.cap = len + 8;
  w.buf = g_malloc (w.cap);
  w.len = 0;
  w.pending_space = FALSE;

  fold_table_init ();
  for (const char *p = text; *p != '\0';)
    {
      const FoldEntry *e;
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          fold_put (&w, (gunichar) (guchar) *p++);
          continue;
        }

      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);

      e = table_entry (c);
      if (e == NULL || e->slow)
        fold_char (&w, c);
      else if (e->len > 0)
        {
          /* As fold_put() of each character would: the space that is
           * due, then the bytes. */
          if (w.len + 1 + e->len + 1 > w.cap)
            {
              w.cap = w.cap * 2 + 16;
              w.buf = g_realloc (w.buf, w.cap);
            }
          if (w.pending_space)
            {
              w.buf[w.len++] = ' ';
              w.pending_space = FALSE;
            }
          memcpy (w.buf + w.len, e->bytes, e->len);
          w.len += e->len;
        }
    }

  w.buf[w.len] = '\0';
  return w.buf;
}
