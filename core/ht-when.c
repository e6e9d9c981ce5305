/* ht-when.c — the conditions of conditional fields ("when", see ht-kinds.h).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grammar is deliberately tiny: conjunctions or disjunctions of
 * comparisons of one value with a list of literals.  Anything a table needs
 * beyond that is a rule (ht-kind-*.c), not a bigger language.
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-kinds.h"
#include "ht-kinds-private.h"
#include "ht-record.h"

/* Resolves a "when" path against the record, the data or the container. */
static const cJSON *
when_value (const char  *path,
            const cJSON *record,
            const cJSON *container)
{
  if (path[0] == '$')
    return _ht_json_member (record, path + 1);
  if (path[0] == '/')
    return ht_record_get_path (_ht_json_member (record, "data"), path + 1);
  return ht_record_get_path (container, path);
}

/* Whether "actual" is one of the '|'-separated literals of "list". */
static gboolean
one_of (const char *actual,
        const char *list)
{
  gsize alen = strlen (actual);

  for (const char *p = list; ; )
    {
      const char *bar = strchr (p, '|');
      gsize len = bar ? (gsize) (bar - p) : strlen (p);
      if (len == alen && strncmp (p, actual, len) == 0)
        return TRUE;
      if (bar == NULL)
        return FALSE;
      p = bar + 1;
    }
}

/* The value as text for comparison, in "buf"; NULL for absent, null,
 * objects and arrays. */
static const char *
value_text (const cJSON *value,
            char        *buf,
            gsize        size)
{
  if (value == NULL || cJSON_IsNull (value))
    return NULL;
  if (cJSON_IsString (value))
    return value->valuestring;
  if (cJSON_IsBool (value))
    return cJSON_IsTrue (value) ? "true" : "false";
  if (cJSON_IsNumber (value))
    {
      g_snprintf (buf, size, "%" G_GINT64_FORMAT, (gint64) value->valuedouble);
      return buf;
    }
  return "";
}

/* Evaluates one term, given as [term, end) of the condition text. */
static gboolean
eval_term (const char  *term,
           gsize        len,
           const cJSON *record,
           const cJSON *container)
{
  char buf[256];
  char num[32];
  const char *op;
  gboolean negate = FALSE;

  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, term, len);
  buf[len] = '\0';

  if (buf[len - 1] == '?')
    {
      const char *path = buf;
      const cJSON *v;

      buf[len - 1] = '\0';
      if (path[0] == '!')
        {
          negate = TRUE;
          path++;
        }
      v = when_value (path, record, container);
      return negate ^ (v != NULL && !cJSON_IsNull (v));
    }

  op = strstr (buf, "!=");
  if (op != NULL)
    negate = TRUE;
  else
    op = strchr (buf, '=');
  g_return_val_if_fail (op != NULL, FALSE);
  {
    const char *values = op + (negate ? 2 : 1);
    const char *actual;

    buf[op - buf] = '\0';
    actual = value_text (when_value (buf, record, container), num, sizeof num);
    if (actual == NULL)
      return negate;
    return negate ^ one_of (actual, values);
  }
}

gboolean
ht_kinds_eval_when (const char  *when,
                    const cJSON *record,
                    const cJSON *container)
{
  gboolean any = strstr (when, " || ") != NULL;
  const char *sep = any ? " || " : " && ";

  g_return_val_if_fail (when != NULL, FALSE);

  for (const char *p = when; ; )
    {
      const char *next = strstr (p, sep);
      gsize len = next ? (gsize) (next - p) : strlen (p);
      gboolean holds = eval_term (p, len, record, container);

      if (any && holds)
        return TRUE;
      if (!any && !holds)
        return FALSE;
      if (next == NULL)
        return !any;
      p = next + 4;
    }
}
