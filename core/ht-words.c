/* ht-words.c — numbers and dates written in Vietnamese words.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-words"

#include "ht-words.h"

static const char *const digits[] = {
  "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
};

/* Names of the groups of three digits, from the lowest.  Vietnamese counts
 * on in "tỷ" above a billion: a thousand billion is "nghìn tỷ". */
static const char *const groups[] = {
  "", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ",
};

static void
add_word (GString    *out,
          const char *word)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, word);
}

/* One group of three digits.  "inner" says a higher group was written, so
 * that empty hundreds and tens are read out ("không trăm", "linh"). */
static void
add_group (GString *out,
           guint    value,
           gboolean inner)
{
  guint h = value / 100, t = (value / 10) % 10, u = value % 10;

  if (h > 0 || inner)
    {
      add_word (out, digits[h]);
      add_word (out, "trăm");
    }
  if (t == 0)
    {
      if (u > 0 && (h > 0 || inner))
        add_word (out, "linh");
    }
  else if (t == 1)
    add_word (out, "mười");
  else
    {
      add_word (out, digits[t]);
      add_word (out, "mươi");
    }
  if (u == 0)
    return;
  if (u == 1 && t > 1)
    add_word (out, "mốt");
  else if (u == 4 && t > 1)
    add_word (out, "tư");
  else if (u == 5 && t > 0)
    add_word (out, "lăm");
  else
    add_word (out, digits[u]);
}

char *
ht_words_number (guint64 n)
{
  GString *out = g_string_new (NULL);
  guint parts[G_N_ELEMENTS (groups)];
  int top = -1;

  if (n == 0)
    {
      g_string_append (out, digits[0]);
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      parts[i] = (guint) (n % 1000);
      n /= 1000;
      if (parts[i] != 0)
        top = (int) i;
    }
  for (int i = top; i >= 0; i--)
    {
      if (parts[i] == 0)
        continue;
      add_group (out, parts[i], i < top);
      if (groups[i][0] != '\0')
        add_word (out, groups[i]);
    }
  return g_string_free (out, FALSE);
}

char *
ht_words_capitalize (const char *s)
{
  gunichar first;
  char buf[8];
  int len;

  if (s == NULL || *s == '\0')
    return g_strdup (s);
  first = g_utf8_get_char (s);
  len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  buf[len] = '\0';
  return g_strconcat (buf, g_utf8_next_char (s), NULL);
}

char *
ht_words_date (const GDate *date)
{
  g_autofree char *day = NULL;
  g_autofree char *month = NULL;
  g_autofree char *year = NULL;
  guint m;

  if (date == NULL || !g_date_valid (date))
    return NULL;
  day = ht_words_number (g_date_get_day (date));
  m = g_date_get_month (date);
  /* The fourth month is "tháng tư", never "tháng bốn". */
  month = m == 4 ? g_strdup ("tư") : ht_words_number (m);
  year = ht_words_number (g_date_get_year (date));
  return g_strdup_printf ("Ngày %s, tháng %s, năm %s", day, month, year);
}
