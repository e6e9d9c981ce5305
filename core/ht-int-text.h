/* ht-int-text.h — a whole number as decimal text, without printf.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's rows and keys, the sync client's change texts and the audit
 * chain's hashed fields need a few numbers as text for every record, and
 * printf's parsing of its format made a visible part of their cost.  One
 * copy for all, checked against printf at the edges of 64 bits by
 * test-server-lookup.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HT_INT64_TEXT_SIZE 24

/* "value" in decimal, as "%" G_GINT64_FORMAT prints it, written at the end
 * of "buf" with its NUL; returns where the text starts. */
static inline const char *
ht_int64_text (char   buf[HT_INT64_TEXT_SIZE],
               gint64 value)
{
  guint64 v = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  char *p = buf + HT_INT64_TEXT_SIZE - 1;

  *p = '\0';
  do
    {
      *--p = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  if (value < 0)
    *--p = '-';
  return p;
}

G_END_DECLS
