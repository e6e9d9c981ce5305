/* ht-issues.c — the list of findings {field, code, severity, message}.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-validate"

#include <stdarg.h>
#include <string.h>

#include "ht-validate.h"

void
ht_issue_free (HtIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->field);
  g_free (issue->code);
  g_free (issue->message);
  g_free (issue);
}

HtIssues *
ht_issues_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ht_issue_free);
}

static void
issues_addv (HtIssues   *issues,
             const char *field,
             const char *code,
             HtSeverity  severity,
             const char *format,
             va_list     args) G_GNUC_PRINTF (5, 0);

static void
issues_addv (HtIssues   *issues,
             const char *field,
             const char *code,
             HtSeverity  severity,
             const char *format,
             va_list     args)
{
  HtIssue *issue = g_new0 (HtIssue, 1);

  issue->field = g_strdup (field ? field : "");
  issue->code = g_strdup (code);
  issue->severity = severity;
  issue->message = g_strdup_vprintf (format, args);
  g_ptr_array_add (issues, issue);
}

void
ht_issues_add (HtIssues   *issues,
               const char *field,
               const char *code,
               HtSeverity  severity,
               const char *format,
               ...)
{
  va_list args;

  g_return_if_fail (issues != NULL);
  va_start (args, format);
  issues_addv (issues, field, code, severity, format, args);
  va_end (args);
}

guint
ht_issues_n_errors (HtIssues *issues)
{
  guint n = 0;

  if (issues == NULL)
    return 0;
  for (guint i = 0; i < issues->len; i++)
    if (((HtIssue *) issues->pdata[i])->severity == HT_SEVERITY_ERROR)
      n++;
  return n;
}

gboolean
ht_issues_has_code (HtIssues   *issues,
                    const char *field,
                    const char *code)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      HtIssue *issue = issues->pdata[i];
      if (strcmp (issue->code, code) == 0 && (field == NULL || strcmp (issue->field, field) == 0))
        return TRUE;
    }
  return FALSE;
}

cJSON *
ht_issues_to_json (HtIssues *issues)
{
  cJSON *array = cJSON_CreateArray ();

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      HtIssue *issue = issues->pdata[i];
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "field", issue->field);
      cJSON_AddStringToObject (o, "code", issue->code);
      cJSON_AddStringToObject (o, "severity", issue->severity == HT_SEVERITY_ERROR ? "error" : "warning");
      cJSON_AddStringToObject (o, "message", issue->message);
      cJSON_AddItemToArray (array, o);
    }
  return array;
}
