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
#include "ht-record.h"

/* Resolves a "when" path against the record, the data or the container. */
static const cJSON *
when_value (const char  *path,
            const cJSON *record,
            const cJSON *container)
{
  if (path[0] == '$')
    return cJSON_GetObjectItemCaseSensitive (record, path + 1);
  if (path[0] == '/')
    {
      g_autofree char *full = g_strconcat ("data.", path + 1, NULL);
      return ht_record_get_path (record, full);
    }
  {
    const cJSON *node = container;
    g_auto(GStrv) parts = g_strsplit (path, ".", -1);
    for (guint i = 0; parts[i] != NULL && node != NULL; i++)
      node = cJSON_IsObject (node) ? cJSON_GetObjectItemCaseSensitive (node, parts[i]) : NULL;
    return node;
  }
}

/* The value as text for comparison; NULL for absent, null, objects, arrays. */
static char *
when_text (const cJSON *value)
{
  if (value == NULL || cJSON_IsNull (value))
    return NULL;
  if (cJSON_IsString (value))
    return g_strdup (value->valuestring);
  if (cJSON_IsBool (value))
    return g_strdup (cJSON_IsTrue (value) ? "true" : "false");
  if (cJSON_IsNumber (value))
    return g_strdup_printf ("%" PRId64, (gint64) value->valuedouble);
  return g_strdup ("");
}

static gboolean
eval_term (const char  *term,
           const cJSON *record,
           const cJSON *container)
{
  const char *op;
  gboolean negate = FALSE;
  gsize tlen = strlen (term);

  if (tlen > 0 && term[tlen - 1] == '?')
    {
      g_autofree char *path = NULL;
      const cJSON *v;

      if (term[0] == '!')
        {
          negate = TRUE;
          term++;
          tlen--;
        }
      path = g_strndup (term, tlen - 1);
      v = when_value (path, record, container);
      return negate ^ (v != NULL && !cJSON_IsNull (v));
    }

  op = strstr (term, "!=");
  if (op != NULL)
    negate = TRUE;
  else
    op = strchr (term, '=');
  g_return_val_if_fail (op != NULL, FALSE);

  {
    g_autofree char *path = g_strndup (term, op - term);
    g_autofree char *actual = when_text (when_value (path, record, container));
    g_auto(GStrv) values = g_strsplit (op + (negate ? 2 : 1), "|", -1);
    gboolean found = FALSE;

    for (guint i = 0; actual != NULL && values[i] != NULL; i++)
      if (strcmp (values[i], actual) == 0)
        found = TRUE;
    return negate ? !found : found;
  }
}

gboolean
ht_kinds_eval_when (const char  *when,
                    const cJSON *record,
                    const cJSON *container)
{
  g_return_val_if_fail (when != NULL, FALSE);

  if (strstr (when, " || ") != NULL)
    {
      g_auto(GStrv) terms = g_strsplit (when, " || ", -1);
      for (guint i = 0; terms[i] != NULL; i++)
        if (eval_term (terms[i], record, container))
          return TRUE;
      return FALSE;
    }
  else
    {
      g_auto(GStrv) terms = g_strsplit (when, " && ", -1);
      for (guint i = 0; terms[i] != NULL; i++)
        if (!eval_term (terms[i], record, container))
          return FALSE;
      return TRUE;
    }
}
