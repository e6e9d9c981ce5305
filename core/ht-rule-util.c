/* ht-rule-util.c — what rule functions use to read a record and report.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-validate"

#include <stdarg.h>
#include <string.h>

#include "ht-date.h"
#include "ht-record.h"
#include "ht-validate.h"

static void
report_v (HtRuleCtx  *ctx,
          HtSeverity  severity,
          const char *path,
          const char *format,
          va_list     args) G_GNUC_PRINTF (4, 0);

static void
report_v (HtRuleCtx  *ctx,
          HtSeverity  severity,
          const char *path,
          const char *format,
          va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autofree char *field = NULL;

  if (path == NULL)
    path = ctx->rule->field;
  if (path == NULL || *path == '\0')
    field = g_strdup ("");
  else if (path[0] == '$')
    field = g_strdup (path + 1);
  else
    field = g_strconcat ("data.", path, NULL);
  ht_issues_add (ctx->issues, field, ctx->rule->code, severity, "%s", message);
}

void
ht_rule_report (HtRuleCtx  *ctx,
                const char *path,
                const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  report_v (ctx, ctx->rule->severity, path, format, args);
  va_end (args);
}

void
ht_rule_report_severity (HtRuleCtx  *ctx,
                         HtSeverity  severity,
                         const char *path,
                         const char *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  report_v (ctx, severity, path, format, args);
  va_end (args);
}

const cJSON *
ht_rule_get (HtRuleCtx  *ctx,
             const char *path)
{
  if (path[0] == '$')
    return ht_record_get_path (ctx->record, path + 1);
  return ht_record_get_path (ctx->data, path);
}

const char *
ht_rule_string (HtRuleCtx  *ctx,
                const char *path)
{
  const cJSON *v = ht_rule_get (ctx, path);
  return cJSON_IsString (v) ? v->valuestring : NULL;
}

gboolean
ht_rule_date (HtRuleCtx  *ctx,
              const char *path,
              GDate      *out)
{
  const char *s = ht_rule_string (ctx, path);
  int minutes;

  g_date_clear (out, 1);
  /* Local date-times (died_at) count by their day. */
  return s != NULL && (ht_date_parse (s, out) || ht_local_datetime_parse (s, out, &minutes));
}

gboolean
ht_rule_int (HtRuleCtx  *ctx,
             const char *path,
             gint64     *out)
{
  const cJSON *v = ht_rule_get (ctx, path);
  if (!cJSON_IsNumber (v))
    return FALSE;
  *out = (gint64) v->valuedouble;
  return TRUE;
}

gboolean
ht_rule_bool (HtRuleCtx  *ctx,
              const char *path)
{
  return cJSON_IsTrue (ht_rule_get (ctx, path));
}

gboolean
ht_rule_is (HtRuleCtx  *ctx,
            const char *path,
            const char *value)
{
  return g_strcmp0 (ht_rule_string (ctx, path), value) == 0;
}

const char *
ht_rule_registration_type (HtRuleCtx *ctx)
{
  return ht_record_registration_type (ctx->record);
}
