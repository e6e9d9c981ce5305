/* ht-derive.c — derived fields: computed by core on save, checked on input.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind says what it derives (HtKind.derive); this file stores the
 * values.  A digitised book entry keeps the tick its book shows, and a
 * disagreement is only warned (KINDS.md §1.6), so nothing written in an old
 * book is silently changed.
 */
#define G_LOG_DOMAIN "ht-record"

#include <glib/gi18n-lib.h>

#include "ht-kinds-private.h"
#include "ht-record.h"

void
ht_record_derive (cJSON                   *record,
                  const HtValidateOptions *options,
                  HtIssues                *issues)
{
  const HtKind *kind = ht_record_kind (record);
  cJSON *data = ht_record_data (record);
  g_autoptr(cJSON) derived = NULL;
  cJSON *item;
  gboolean added = FALSE;

  if (kind == NULL || kind->derive == NULL || !cJSON_IsObject (data))
    return;
  derived = kind->derive (record);
  if (derived == NULL)
    return;

  cJSON_ArrayForEach (item, derived)
    {
      cJSON *given = _ht_json_member (data, item->string);

      if (cJSON_IsNull (item))
        {
          /* Nothing can be derived (a date is missing): leave what is there. */
          continue;
        }
      /* A given text or boolean that is already the computed one stays as
       * it is: replacing it with a copy changes nothing but costs (every
       * record passes here on every save). */
      if (given != NULL && !cJSON_IsNull (given) && (cJSON_IsBool (item) || cJSON_IsString (item)) &&
          cJSON_Compare (given, item, TRUE))
        continue;
      if (given != NULL && !cJSON_IsNull (given) && !cJSON_Compare (given, item, TRUE))
        {
          g_autofree char *path = g_strconcat ("data.", item->string, NULL);
          char *want = cJSON_PrintUnformatted (item);
          if (issues != NULL)
            ht_issues_add (issues, path, "derived_mismatch", HT_SEVERITY_WARNING,
                           _("the register computes %s here"), want);
          cJSON_free (want);
          if (options != NULL && options->digitised)
            continue;
        }
      if (given != NULL)
        cJSON_ReplaceItemInObjectCaseSensitive (data, item->string, cJSON_Duplicate (item, TRUE));
      else
        {
          cJSON_AddItemToObject (data, item->string, cJSON_Duplicate (item, TRUE));
          added = TRUE;
        }
    }

  /* A field added at the end moves to where the kind's table puts it, so the
   * record stays canonical. */
  if (added)
    {
      cJSON *ordered = cJSON_CreateObject ();
      for (const HtField *f = kind->fields; f->name != NULL; f++)
        {
          cJSON *v = cJSON_DetachItemFromObjectCaseSensitive (data, f->name);
          if (v != NULL)
            cJSON_AddItemToObject (ordered, f->name, v);
          if (f->flags & HT_F_PLACE)
            {
              g_autofree char *uname = g_strconcat (f->name, "_unit", NULL);
              v = cJSON_DetachItemFromObjectCaseSensitive (data, uname);
              if (v != NULL)
                cJSON_AddItemToObject (ordered, uname, v);
            }
        }
      cJSON_ReplaceItemInObjectCaseSensitive (record, "data", ordered);
    }
}
