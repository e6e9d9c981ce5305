/* ht-store-amend.c — a clerk's amendment of a record's content, field by field (hotich-admin amend).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An amendment is a list of "PATH=VALUE" applied to the current version
 * of a record, then saved with ht_store_save() — so it is held to exactly
 * the rules of an edit in the app (a reason, validation, a new version,
 * a returned record becoming resubmitted).  Only the kind's own fields
 * under "data" can be set: the envelope, the review block and the PIN
 * belong to the register, the reviewer and the server.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-error.h"
#include "ht-kinds.h"
#include "ht-record.h"
#include "ht-store-review.h"

static const char *
review_state (const cJSON *record)
{
  const cJSON *review = cJSON_GetObjectItemCaseSensitive (record, "review");

  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "state"));
}

static gboolean
is_text_type (HtFieldType type)
{
  return type == HT_T_TEXT || type == HT_T_DATE || type == HT_T_LOCAL_DATETIME || type == HT_T_ENUM
    || type == HT_T_CODE;
}

/* Splits "name[3]" into "name" and 3; *index is -1 without brackets. */
static gboolean
split_segment (const char  *segment,
               char       **name,
               gint64      *index)
{
  const char *open = strchr (segment, '[');
  guint64 value;

  *index = -1;
  if (open == NULL)
    {
      *name = g_strdup (segment);
      return *segment != '\0';
    }
  if (open == segment || !g_str_has_suffix (open, "]") || open[1] == ']')
    return FALSE;
  {
    g_autofree char *digits = g_strndup (open + 1, strlen (open) - 2);

    if (!g_ascii_string_to_unsigned (digits, 10, 0, 9999, &value, NULL))
      return FALSE;
  }
  *name = g_strndup (segment, open - segment);
  *index = (gint64) value;
  return TRUE;
}

/* Applies one "PATH=VALUE" to "record" (a kind's data only). */
static gboolean
apply_assignment (cJSON        *record,
                  const HtKind *kind,
                  const char   *assignment,
                  GError      **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *path = NULL;
  g_autofree char *field_path = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GString) plain = g_string_new (NULL);
  const HtField *field;
  const char *value;
  cJSON *node;
  cJSON *new_value = NULL;

  if (!g_utf8_validate (assignment, -1, NULL))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("An assignment is not valid UTF-8 text"));
      return FALSE;
    }
  if (eq == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("“%s” is not PATH=VALUE"), assignment);
      return FALSE;
    }
  path = g_strndup (assignment, eq - assignment);
  value = eq + 1;
  if (!g_str_has_prefix (path, "data.") || path[5] == '\0')
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("%s: only the content of a record (data.…) can be amended"), path);
      return FALSE;
    }

  /* The field's description, found by its path without list indexes. */
  segments = g_strsplit (path + 5, ".", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      gint64 index;

      if (!split_segment (segments[i], &name, &index))
        {
          g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("%s: “%s” is not a field name or NAME[INDEX]"),
                       path, segments[i]);
          return FALSE;
        }
      g_string_append_printf (plain, "%s%s", i > 0 ? "." : "", name);
    }
  field_path = g_strdup (plain->str);
  field = ht_kind_find_field (kind, field_path);
  if (field == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("%s: not a field of a record of kind %s"), path,
                   kind->code);
      return FALSE;
    }

  if (*value != '\0')
    {
      new_value = cJSON_ParseWithOpts (value, NULL, TRUE);
      /* "123" for a text field (a document number) means the text. */
      if (new_value == NULL || (is_text_type (field->type) && !cJSON_IsString (new_value)
                                && !cJSON_IsNull (new_value)))
        {
          cJSON_Delete (new_value);
          new_value = cJSON_CreateString (value);
        }
    }

  /* Walk down, making the objects on the way that are not there yet. */
  node = cJSON_GetObjectItemCaseSensitive (record, "data");
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      gboolean last = segments[i + 1] == NULL;
      cJSON *child;
      gint64 index;

      split_segment (segments[i], &name, &index);
      child = cJSON_GetObjectItemCaseSensitive (node, name);
      if (index >= 0)
        {
          if (!cJSON_IsArray (child) && child != NULL && !cJSON_IsNull (child))
            goto not_a_list;
          if (child == NULL || cJSON_IsNull (child))
            {
              if (child != NULL)
                cJSON_DeleteItemFromObjectCaseSensitive (node, name);
              child = cJSON_AddArrayToObject (node, name);
            }
          if (index > cJSON_GetArraySize (child))
            goto no_element;
          if (last)
            {
              if (new_value == NULL)
                {
                  if (index < cJSON_GetArraySize (child))
                    cJSON_DeleteItemFromArray (child, (int) index);
                }
              else if (index < cJSON_GetArraySize (child))
                cJSON_ReplaceItemInArray (child, (int) index, g_steal_pointer (&new_value));
              else
                cJSON_AddItemToArray (child, g_steal_pointer (&new_value));
              return TRUE;
            }
          if (index == cJSON_GetArraySize (child))
            cJSON_AddItemToArray (child, cJSON_CreateObject ());
          node = cJSON_GetArrayItem (child, (int) index);
          if (!cJSON_IsObject (node))
            goto not_a_list;
          continue;
        }
      if (last)
        {
          cJSON_DeleteItemFromObjectCaseSensitive (node, name);
          if (new_value != NULL)
            cJSON_AddItemToObject (node, name, g_steal_pointer (&new_value));
          return TRUE;
        }
      if (child == NULL || cJSON_IsNull (child))
        {
          if (child != NULL)
            cJSON_DeleteItemFromObjectCaseSensitive (node, name);
          child = cJSON_AddObjectToObject (node, name);
        }
      if (!cJSON_IsObject (child))
        {
          cJSON_Delete (new_value);
          g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("%s: “%s” holds a value, not an object"), path, name);
          return FALSE;
        }
      node = child;
    }
  cJSON_Delete (new_value);
  return TRUE;

not_a_list:
  cJSON_Delete (new_value);
  g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("%s: the record holds no list of objects there"), path);
  return FALSE;
no_element:
  cJSON_Delete (new_value);
  g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
               _("%s: the list has fewer elements (an index may be at most the list's length, to add one)"), path);
  return FALSE;
}

gboolean
ht_store_amend (HtStore            *self,
                const char         *record_id,
                const char *const  *assignments,
                const char         *reason,
                const char         *user,
                HtIssues           *issues,
                GError            **error)
{
  g_autoptr(cJSON) record = NULL;
  const HtKind *kind;
  const char *state;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (record_id != NULL, FALSE);
  g_return_val_if_fail (user != NULL && user[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  record = ht_store_get (self, record_id, error);
  if (record == NULL)
    return FALSE;
  state = review_state (record);
  if (g_strcmp0 (state, "approved") == 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
                   _("Record %s is approved: its content can only change through a change record (thay đổi, cải chính)"),
                   record_id);
      return FALSE;
    }
  if (g_strcmp0 (state, "rejected") == 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
                   _("Record %s was rejected by the reviewing office: the entry is void and cannot be edited"),
                   record_id);
      return FALSE;
    }
  if (assignments == NULL || assignments[0] == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Nothing to amend: give at least one PATH=VALUE"));
      return FALSE;
    }
  kind = ht_record_kind (record);
  if (kind == NULL || !cJSON_IsObject (cJSON_GetObjectItemCaseSensitive (record, "data")))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT, _("Record %s cannot be read"), record_id);
      return FALSE;
    }
  for (guint i = 0; assignments[i] != NULL; i++)
    if (!apply_assignment (record, kind, assignments[i], error))
      return FALSE;

  /* From here on exactly an edit in the app: a reason, validation, a new
   * version; a returned record becomes resubmitted (ht_store_save).  A
   * draft stays a draft: amending it must not put it in the book. */
  return ht_store_save (self, record, user, reason,
                        g_strcmp0 (ht_record_status (record), "draft") == 0 ? HT_SAVE_DRAFT : HT_SAVE_DEFAULT,
                        issues, error);
}
