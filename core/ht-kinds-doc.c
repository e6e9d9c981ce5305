/* ht-kinds-doc.c — the record-format reference, generated from the registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/record-format.md is this function's output.  A test regenerates it
 * and compares, so the reference can never drift from what the code does.
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <string.h>

#include "ht-kinds-private.h"
#include "ht-kinds-doc.h"

static const char *
req_text (const HtField *f)
{
  if (f->flags & HT_F_DERIVED)
    return "derived";
  switch (f->req)
    {
    case HT_REQ_YES: return "yes";
    case HT_REQ_COND: return "cond";
    case HT_REQ_NO:
    default: return "no";
    }
}

static char *
type_text (const HtField *f)
{
  GString *s = g_string_new (ht_field_type_name (f->type));

  if (f->type == HT_T_ENUM && f->values != NULL)
    {
      g_autofree char *vals = g_strjoinv ("\\|", (char **) f->values);
      g_string_append_printf (s, "(%s)", vals);
    }
  else if (f->type == HT_T_CODE && f->code_len != 0)
    g_string_append_printf (s, "(%u)", f->code_len);
  else if ((f->type == HT_T_LIST) && f->min_items > 0)
    g_string_append_printf (s, " ≥ %u", f->min_items);
  if (f->children == ht_shape_id_document)
    g_string_assign (s, "id_document");
  else if (f->children == ht_shape_paper)
    g_string_assign (s, f->type == HT_T_LIST ? "list<paper>" : "paper");
  else if (f->children == ht_shape_agent)
    g_string_assign (s, f->type == HT_T_LIST ? "list<agent>" : "agent");
  if (f->type == HT_T_LIST && f->min_items > 0 &&
      (f->children == ht_shape_paper || f->children == ht_shape_agent))
    g_string_append_printf (s, " ≥ %u", f->min_items);
  return g_string_free (s, FALSE);
}

static char *
flags_text (const HtField *f)
{
  GString *s = g_string_new (NULL);

  if (f->flags & HT_F_SEARCH_NAME) g_string_append (s, "name-search ");
  if (f->flags & HT_F_PIN) g_string_append (s, "pin-lookup ");
  if (f->flags & HT_F_DOC_NUMBER) g_string_append (s, "document-lookup ");
  if (f->flags & HT_F_PLACE) g_string_append (s, "place (+`_unit`) ");
  if (f->flags & HT_F_EVIDENCE) g_string_append (s, "evidence ");
  if (f->flags & HT_F_NOT_FUTURE) g_string_append (s, "≤ registration ");
  if (f->flags & HT_F_ETHNICITY) g_string_append (s, "54 groups ");
  if (s->len > 0)
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static void
emit_fields (GString       *out,
             const HtField *fields,
             const char    *prefix,
             guint          depth)
{
  if (fields == NULL || depth > 4)
    return;
  for (const HtField *f = fields; f->name != NULL; f++)
    {
      g_autofree char *path = *prefix ? g_strconcat (prefix, ".", f->name, NULL) : g_strdup (f->name);
      g_autofree char *type = type_text (f);
      g_autofree char *flags = flags_text (f);
      g_autofree char *req = f->when ? g_strdup_printf ("cond: `%s`", f->when) : g_strdup (req_text (f));

      g_string_append_printf (out, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
                              path, type, req, f->label_vi ? f->label_vi : "",
                              f->label ? f->label : "", f->source ? f->source : "", flags);
      /* Shared shapes are listed once, in their own section. */
      if (f->children != NULL && f->children != ht_shape_id_document && f->children != ht_shape_paper &&
          f->children != ht_shape_agent && f->children != ht_shape_unit)
        {
          g_autofree char *sub = f->type == HT_T_LIST ? g_strconcat (path, "[]", NULL) : g_strdup (path);
          emit_fields (out, f->children, sub, depth + 1);
        }
    }
}

static void
emit_table (GString       *out,
            const HtField *fields)
{
  g_string_append (out, "| path | type | required | label (vi) | label | source | notes |\n");
  g_string_append (out, "|---|---|---|---|---|---|---|\n");
  emit_fields (out, fields, "", 0);
  g_string_append (out, "\n");
}

char *
ht_kinds_reference_markdown (void)
{
  GString *out = g_string_new (NULL);

  g_string_append (out,
    "# Record format (generated)\n\n"
    "This file is generated from the kinds registry (`core/ht-kind-*.c`) by `hotich-kinds-doc`;\n"
    "do not edit it by hand. A test fails when it is out of date: regenerate it with\n"
    "`build/core/hotich-kinds-doc > docs/record-format.md`.\n\n"
    "Every record is one JSON object (DESIGN.md \"Canonical record\"). Keys appear in the order\n"
    "below; absent optional `data` members are left out; text is NFC. `cond` conditions use the\n"
    "registry's small language (`core/ht-kinds.h`): a path relative to the enclosing object,\n"
    "`/path` from `data`, `$name` from the record.\n\n");

  g_string_append (out, "## Envelope\n\n");
  emit_table (out, ht_envelope_fields);

  g_string_append (out, "## Shared shapes\n\n### id_document\n\n");
  emit_table (out, ht_shape_id_document);
  g_string_append (out, "### paper\n\n");
  emit_table (out, ht_shape_paper);
  g_string_append (out, "### agent\n\n");
  emit_table (out, ht_shape_agent);
  g_string_append (out, "### `<place>_unit`\n\n");
  emit_table (out, ht_shape_unit);
  g_string_append (out, "### ref\n\nOne of three shapes: by id, by register key, or an entry outside the system.\n\n");
  emit_table (out, ht_shape_ref_id);
  emit_table (out, ht_shape_ref_key);
  emit_table (out, ht_shape_ref_paper);

  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    {
      const HtKind *kind = *k;
      g_autofree char *types = g_strjoinv ("`, `", (char **) kind->registration_types);

      g_string_append_printf (out, "## `%s` — %s (book %s)\n\n", kind->code,
                              kind->title_vi ? kind->title_vi : "", kind->book);
      if (kind->authority)
        g_string_append_printf (out, "Authority: %s.\n\n", kind->authority);
      g_string_append_printf (out, "Registration types: `%s` (the first is the default).\n\n", types);
      if (kind->late_after_days)
        g_string_append_printf (out, "Late after %u days.\n\n", kind->late_after_days);
      emit_table (out, kind->fields);

      if (kind->rules != NULL && kind->rules[0].code != NULL)
        {
          g_string_append (out, "Rules:\n\n| code | severity | field | source | checks |\n|---|---|---|---|---|\n");
          for (const HtRule *r = kind->rules; r->code != NULL; r++)
            g_string_append_printf (out, "| `%s` | %s | `%s` | %s | %s |\n", r->code,
                                    r->severity == HT_SEVERITY_ERROR ? "error" : "warning",
                                    r->field ? r->field : "", r->source ? r->source : "",
                                    r->summary ? r->summary : "");
          g_string_append (out, "\n");
        }
      if (kind->papers != NULL && kind->papers[0].code != NULL)
        {
          g_string_append (out, "Papers:\n\n| code | title | number | source |\n|---|---|---|---|\n");
          for (const HtPaper *p = kind->papers; p->code != NULL; p++)
            g_string_append_printf (out, "| %s | %s | `%s` | %s |\n", p->code, p->title_vi,
                                    p->number_fmt, p->source ? p->source : "");
          g_string_append (out, "\n");
        }
    }
  return g_string_free (out, FALSE);
}
