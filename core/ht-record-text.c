/* ht-record-text.c — records from and to JSON text: parsing a line, printing the canonical form.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is checked whole (size, UTF-8, JSON) before its tree is
 * canonicalised (ht-record.c); each failure is told apart so that an import
 * can say what is wrong with a line.
 */
#define G_LOG_DOMAIN "ht-record"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ht-kinds-private.h"
#include "ht-record.h"

/* Why cJSON gave up, told apart by a quick scan: G_MAXUINT when the text
 * ends inside a string or an open object (truncated), otherwise the deepest
 * nesting seen (cJSON refuses more than CJSON_NESTING_LIMIT). */
static guint
json_depth_at_end (const char *text,
                   gsize       len)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char ch = text[i];
      if (in_string)
        {
          if (ch == '\\')
            i++;
          else if (ch == '"')
            in_string = FALSE;
        }
      else if (ch == '"')
        in_string = TRUE;
      else if (ch == '{' || ch == '[')
        deepest = MAX (deepest, ++depth);
      else if ((ch == '}' || ch == ']') && depth > 0)
        depth--;
    }
  if (in_string || depth > 0)
    return deepest > CJSON_NESTING_LIMIT ? deepest : G_MAXUINT;
  return deepest;
}

cJSON *
ht_record_parse (const char *text,
                 gssize      length,
                 HtIssues   *issues)
{
  g_autoptr(cJSON) root = NULL;
  const char *end = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (issues != NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  if (len > HT_RECORD_MAX_BYTES)
    {
      ht_issues_add (issues, "", "too_large", HT_SEVERITY_ERROR,
                     _("the record is %zu bytes, more than the %d allowed"),
                     len, HT_RECORD_MAX_BYTES);
      return NULL;
    }
  if (!g_utf8_validate_len (text, len, &end))
    {
      if (end < text + len && *end == '\0')
        ht_issues_add (issues, "", "invalid_utf8", HT_SEVERITY_ERROR,
                       _("a NUL byte at byte %zu"), (gsize) (end - text));
      else
        ht_issues_add (issues, "", "invalid_utf8", HT_SEVERITY_ERROR,
                       _("invalid UTF-8 at byte %zu"), (gsize) (end - text));
      return NULL;
    }
  end = NULL;
  root = cJSON_ParseWithLengthOpts (text, len, &end, FALSE);
  if (root == NULL)
    {
      gsize at = end ? (gsize) (end - text) : 0;
      guint depth = json_depth_at_end (text, len);

      if (at >= len || depth == G_MAXUINT)
        ht_issues_add (issues, "", "malformed_json", HT_SEVERITY_ERROR,
                       _("the JSON text ends too early (truncated?)"));
      else if (depth > CJSON_NESTING_LIMIT)
        ht_issues_add (issues, "", "malformed_json", HT_SEVERITY_ERROR,
                       _("the JSON text is nested more than %d levels deep"), CJSON_NESTING_LIMIT);
      else
        ht_issues_add (issues, "", "malformed_json", HT_SEVERITY_ERROR,
                       _("malformed JSON at byte %zu"), at);
      return NULL;
    }
  for (const char *p = end; p != NULL && p < text + len; p++)
    if (!g_ascii_isspace (*p))
      {
        ht_issues_add (issues, "", "malformed_json", HT_SEVERITY_ERROR,
                       _("unexpected text after the JSON object at byte %zu"),
                       (gsize) (p - text));
        return NULL;
      }
  /* The tree is ours: its values move into the canonical one. */
  return _ht_record_canonicalize_take (root, issues);
}

/* ---- Printing ----
 *
 * The canonical text is cJSON's compact printing.  cJSON formats every
 * number with sprintf() and scans every string twice, through a buffer it
 * checks before each write; printing a record that way was a quarter of
 * parsing, validating and printing it.  What records hold (objects, lists,
 * texts, booleans, null and whole numbers) is written here straight into
 * a GString, byte for byte as cJSON writes it; anything else (fractions,
 * raw JSON) leaves the whole tree to cJSON. */

/* g_string_append_len() without its call when the text fits, as GLib 2.76
 * and later inline it: a record's text is appended in a few hundred short
 * pieces, and the call and its checks were most of printing it. */
static inline void
append_len (GString    *out,
            const char *text,
            gsize       len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, (gssize) len);
}

static void
print_string (GString    *out,
              const char *text)
{
  static const char hex[] = "0123456789abcdef";
  gsize len, run = 0, i = 0;

  g_string_append_c (out, '"');
  if (text == NULL)
    {
      g_string_append_c (out, '"');
      return;
    }
  /* Almost no byte needs escaping: eight bytes without one (nothing below
   * 0x20, no quote, no backslash) are passed over at once, and in a word
   * that holds one, the first is found from the word's mask. */
  len = strlen (text);
  while (i < len)
    {
      guchar ch;

      if (i + sizeof (guint64) <= len)
        {
          guint64 w, mask;

          memcpy (&w, text + i, sizeof w);
          mask = _ht_word_less_mask (w, 0x20) | _ht_word_byte_mask (w, '"') | _ht_word_byte_mask (w, '\\');
          if (mask == 0)
            {
              i += sizeof w;
              continue;
            }
          i += _ht_word_first (mask);
        }
      ch = (guchar) text[i];
      if (ch >= 32 && ch != '"' && ch != '\\')
        {
          i++;
          continue;
        }
      append_len (out, text + run, i - run);
      {
        char escaped[7] = { '\\', 0 };
        gsize n = 2;

        switch (ch)
          {
          case '"': escaped[1] = '"'; break;
          case '\\': escaped[1] = '\\'; break;
          case '\b': escaped[1] = 'b'; break;
          case '\f': escaped[1] = 'f'; break;
          case '\n': escaped[1] = 'n'; break;
          case '\r': escaped[1] = 'r'; break;
          case '\t': escaped[1] = 't'; break;
          default:
            escaped[1] = 'u';
            escaped[2] = '0';
            escaped[3] = '0';
            escaped[4] = hex[ch >> 4];
            escaped[5] = hex[ch & 0xf];
            n = 6;
            break;
          }
        append_len (out, escaped, n);
      }
      run = ++i;
    }
  append_len (out, text + run, len - run);
  g_string_append_c (out, '"');
}

/* Appends "item" as cJSON_PrintUnformatted() prints it; FALSE, with "out"
 * half written, for what is left to cJSON. */
static gboolean
print_value (GString     *out,
             const cJSON *item)
{
  switch (item->type & 0xFF)
    {
    case cJSON_NULL:
      append_len (out, "null", 4);
      return TRUE;
    case cJSON_False:
      append_len (out, "false", 5);
      return TRUE;
    case cJSON_True:
      append_len (out, "true", 4);
      return TRUE;
    case cJSON_Number:
      {
        char digits[16];
        int at = sizeof digits;
        gint64 v = item->valueint;
        gboolean negative = v < 0;

        /* cJSON prints a number equal to its int part with "%d"; the
         * rest (fractions, beyond an int, NaN) with its own rules. */
        if (isnan (item->valuedouble) || isinf (item->valuedouble) || item->valuedouble != (double) item->valueint)
          return FALSE;
        if (negative)
          v = -v;
        do
          {
            digits[--at] = (char) ('0' + v % 10);
            v /= 10;
          }
        while (v > 0);
        if (negative)
          digits[--at] = '-';
        append_len (out, digits + at, sizeof digits - (gsize) at);
        return TRUE;
      }
    case cJSON_String:
      print_string (out, item->valuestring);
      return TRUE;
    case cJSON_Array:
      g_string_append_c (out, '[');
      for (const cJSON *child = item->child; child != NULL; child = child->next)
        {
          if (!print_value (out, child))
            return FALSE;
          if (child->next != NULL)
            g_string_append_c (out, ',');
        }
      g_string_append_c (out, ']');
      return TRUE;
    case cJSON_Object:
      g_string_append_c (out, '{');
      for (const cJSON *child = item->child; child != NULL; child = child->next)
        {
          print_string (out, child->string);
          g_string_append_c (out, ':');
          if (!print_value (out, child))
            return FALSE;
          if (child->next != NULL)
            g_string_append_c (out, ',');
        }
      g_string_append_c (out, '}');
      return TRUE;
    default:
      return FALSE;
    }
}

/* What cJSON prints, into "out" (replacing what it held); NULL when cJSON
 * cannot print it. */
static const char *
print_by_cjson (const cJSON *record,
                GString     *out)
{
  /* cJSON fills a buffer it is given without allocating; it may need a
   * few bytes more than the text, and says so by failing.  The buffer
   * only grows when that happens, so it settles at the largest record. */
  if (out->allocated_len < 4096)
    g_string_set_size (out, 4095);
  while (!cJSON_PrintPreallocated ((cJSON *) record, out->str, (int) MIN (out->allocated_len, G_MAXINT), FALSE))
    {
      if (out->allocated_len >= G_MAXINT)
        {
          g_string_truncate (out, 0);
          return NULL;
        }
      g_string_set_size (out, out->allocated_len * 2 - 1);
    }
  g_string_set_size (out, strlen (out->str));
  return out->str;
}

const char *
ht_record_print_into (const cJSON *record,
                      GString     *out)
{
  g_string_truncate (out, 0);
  if (record != NULL && print_value (out, record))
    return out->str;
  return print_by_cjson (record, out);
}

char *
ht_record_print (const cJSON *record)
{
  GString *out;
  char *s, *copy;

  if (record == NULL)
    return NULL;
  out = g_string_sized_new (2048);
  if (print_value (out, record))
    {
      gsize len = out->len;

      /* Texts are often kept (lines of an import, a generator's output):
       * what the buffer grew beyond the text is given back. */
      return g_realloc (g_string_free (out, FALSE), len + 1);
    }
  g_string_free (out, TRUE);
  s = cJSON_PrintUnformatted (record);
  copy = g_strdup (s);
  cJSON_free (s);
  return copy;
}
