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

  for (const char *p = text; *p != '\0';)
    {
      gunichar c;
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if ((guchar) *p < 0x80)
        {
          fold_put (&w, (gunichar) (guchar) *p++);
          continue;
        }

      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);

      /* This is NFD followed by dropping the marks, without building the NFD
       * string: full canonical decomposition of each character gives the
       * same characters as g_utf8_normalize (G_NORMALIZE_NFD), and the
       * canonical reordering NFD adds only moves characters of non-zero
       * combining class, all of which are dropped here.  It is about three
       * times faster than normalising first. */
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        if (!is_dropped_mark (decomposed[i]))
          fold_put (&w, decomposed[i]);
    }

  w.buf[w.len] = '\0';
  return w.buf;
}
