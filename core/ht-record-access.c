/* ht-record-access.c — reading canonical records: envelope members, paths, and walks over flagged fields.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-record"

#include <string.h>

#include "ht-date.h"
#include "ht-kinds-private.h"
#include "ht-record.h"

/* Member paths are built on the stack: the walk runs for every record of
 * a bulk import. */
#define HT_PATH_BUF 512

static const char *
join_path (char       *buf,
           const char *path,
           const char *name)
{
  gsize a = path ? strlen (path) : 0, b = strlen (name), at = 0;

  if (a + b + 2 > HT_PATH_BUF)
    return name;
  if (a > 0)
    {
      memcpy (buf, path, a);
      buf[a] = '.';
      at = a + 1;
    }
  memcpy (buf + at, name, b + 1);
  return buf;
}

/* ---- Accessors ---- */

static const char *
envelope_string (const cJSON *record,
                 const char  *name)
{
  const cJSON *v = _ht_json_member (record, name);
  return cJSON_IsString (v) ? v->valuestring : NULL;
}

static gint64
envelope_int (const cJSON *record,
              const char  *name)
{
  const cJSON *v = _ht_json_member (record, name);
  return cJSON_IsNumber (v) ? (gint64) v->valuedouble : 0;
}

const char *ht_record_id (const cJSON *r) { return envelope_string (r, "id"); }
const char *ht_record_kind_code (const cJSON *r) { return envelope_string (r, "kind"); }
const char *ht_record_office (const cJSON *r) { return envelope_string (r, "office"); }
const char *ht_record_status (const cJSON *r) { return envelope_string (r, "status"); }
const char *ht_record_registration_type (const cJSON *r) { return envelope_string (r, "registration_type"); }
gint64 ht_record_book_year (const cJSON *r) { return envelope_int (r, "book_year"); }
gint64 ht_record_number (const cJSON *r) { return envelope_int (r, "number"); }
gint64 ht_record_content_version (const cJSON *r) { return envelope_int (r, "content_version"); }

const HtKind *
ht_record_kind (const cJSON *record)
{
  return ht_kinds_lookup (ht_record_kind_code (record));
}

gboolean
ht_record_registered_on (const cJSON *record,
                         GDate       *out)
{
  const char *s = envelope_string (record, "registered_on");
  g_date_clear (out, 1);
  return s != NULL && ht_date_parse (s, out);
}

cJSON *
ht_record_data (const cJSON *record)
{
  return _ht_json_member (record, "data");
}

/* The member of "object" named by the "len" bytes at "name", as
 * _ht_json_member() finds it, without copying the name out of the path. */
static const cJSON *
member_n (const cJSON *object,
          const char  *name,
          gsize        len)
{
  for (const cJSON *m = object->child; m != NULL; m = m->next)
    {
      if (m->string == NULL)
        return NULL;
      if (m->string[0] == name[0] && strncmp (m->string, name, len) == 0 && m->string[len] == '\0')
        return m;
    }
  return NULL;
}

const cJSON *
ht_record_get_path (const cJSON *record,
                    const char  *path)
{
  const cJSON *node = record;
  const char *p = path;

  while (node != NULL && *p != '\0')
    {
      gsize len = 0;

      while (p[len] != '\0' && p[len] != '.' && p[len] != '[')
        len++;
      if (len > 0)
        {
          /* Names this long were never looked up (see the registry). */
          if (len >= 128)
            return NULL;
          node = cJSON_IsObject (node) ? member_n (node, p, len) : NULL;
          p += len;
        }
      if (*p == '[')
        {
          char *end = NULL;
          guint64 idx = g_ascii_strtoull (p + 1, &end, 10);
          if (end == NULL || *end != ']' || !cJSON_IsArray (node))
            return NULL;
          node = cJSON_GetArrayItem (node, (int) idx);
          p = end + 1;
        }
      if (*p == '.')
        p++;
    }
  return (node != NULL && cJSON_IsNull (node)) ? NULL : node;
}

/* ---- Walking the registry over a record ---- */

typedef struct
{
  guint             flags;
  HtRecordFieldFunc func;
  gpointer          user_data;
} Walk;

static void walk_object (Walk *w, const HtField *fields, const cJSON *obj, const char *path);

static void
walk_value (Walk          *w,
            const HtField *f,
            const cJSON   *v,
            const cJSON   *container,
            const char    *path)
{
  if (f->flags & w->flags)
    w->func (f, path, v, w->user_data);

  switch (f->type)
    {
    case HT_T_OBJECT:
      walk_object (w, f->children, v, path);
      break;
    case HT_T_LIST:
      {
        const cJSON *item;
        guint i = 0;
        cJSON_ArrayForEach (item, v)
          {
            char ipath[HT_PATH_BUF];

            g_snprintf (ipath, sizeof ipath, "%s[%u]", path, i++);
            walk_object (w, f->children, item, ipath);
          }
      }
      break;
    case HT_T_REF_OR_PAPER:
      if (cJSON_HasObjectItem (v, "title"))
        walk_object (w, ht_shape_paper, v, path);
      break;
    case HT_T_EVENT_DATA:
      {
        const cJSON *event = _ht_json_member (container, "event");
        const HtKind *ekind = cJSON_IsString (event) ? ht_foreign_event_kind (event->valuestring) : NULL;
        walk_object (w, ekind ? ekind->fields : ht_shape_event_subjects, v, path);
      }
      break;
    default:
      break;
    }
}

static void
walk_object (Walk          *w,
             const HtField *fields,
             const cJSON   *obj,
             const char    *path)
{
  const cJSON *next;

  if (!cJSON_IsObject (obj) || fields == NULL)
    return;
  /* A canonical object has its members in the order of its fields (a
   * place's "_unit" after the place): the member after the last one found
   * is tried first, and the whole object only searched when that fails.
   * Paths are built on the stack.  The walk runs for every record of an
   * import. */
  next = obj->child;
  for (const HtField *f = fields; f->name != NULL; f++)
    {
      const cJSON *v = NULL;
      char fbuf[HT_PATH_BUF];

      for (guint tries = 0; next != NULL && tries < 2 && v == NULL; tries++, next = next->next)
        if (next->string != NULL && strcmp (next->string, f->name) == 0)
          v = next;
      if (v == NULL)
        {
          v = _ht_json_member (obj, f->name);
          next = v != NULL ? v->next : obj->child;
        }
      else
        next = v->next;
      if (v == NULL || cJSON_IsNull (v))
        continue;
      walk_value (w, f, v, obj, join_path (fbuf, path, f->name));
    }
}

void
ht_record_foreach_flagged (const cJSON       *record,
                           guint              flags,
                           HtRecordFieldFunc  func,
                           gpointer           user_data)
{
  Walk w = { flags, func, user_data };
  const HtKind *kind = ht_record_kind (record);

  g_return_if_fail (func != NULL);
  if (kind == NULL)
    return;
  for (const HtField *f = ht_envelope_fields; f->name != NULL; f++)
    {
      const cJSON *v = _ht_json_member (record, f->name);
      /* The signer and the reviewer are officials, not parties of the
       * record: their names are not what a search for a person means. */
      if (v == NULL || cJSON_IsNull (v) || f->type == HT_T_OBJECT)
        continue;
      walk_value (&w, f, v, record, f->name);
    }
  walk_object (&w, kind->fields, ht_record_data (record), "data");
}

static void
first_name_cb (const HtField *field,
               const char    *path,
               const cJSON   *value,
               gpointer       user_data)
{
  GString *names = user_data;

  if (names->len == 0 && cJSON_IsString (value))
    g_string_append (names, value->valuestring);
}

char *
ht_record_subject (const cJSON *record)
{
  const HtKind *kind = ht_record_kind (record);
  const cJSON *data = ht_record_data (record);
  GString *names = g_string_new (NULL);

  for (guint i = 0; kind != NULL && kind->parties != NULL && kind->parties[i] != NULL; i++)
    {
      const cJSON *party = _ht_json_member (data, kind->parties[i]);
      const cJSON *name = _ht_json_member (party, "full_name");

      if (cJSON_IsString (name))
        g_string_append_printf (names, "%s%s", names->len > 0 ? " – " : "", name->valuestring);
    }
  /* Notes name varying parties: the first person named stands for them. */
  if (names->len == 0)
    ht_record_foreach_flagged (record, HT_F_SEARCH_NAME, first_name_cb, names);
  return g_string_free (names, FALSE);
}

/* ---- The field index of canonicalisation and validation ---- */

static GHashTable *field_indexes;
G_LOCK_DEFINE_STATIC (field_indexes);

const HtFieldIndex *
_ht_field_index (const HtField *fields)
{
  HtFieldIndex *index;

  G_LOCK (field_indexes);
  if (field_indexes == NULL)
    field_indexes = g_hash_table_new (g_direct_hash, g_direct_equal);
  index = g_hash_table_lookup (field_indexes, fields);
  if (index == NULL)
    {
      index = g_new0 (HtFieldIndex, 1);
      index->slots = g_hash_table_new (g_str_hash, g_str_equal);
      index->walkable = TRUE;
      while (fields[index->n].name != NULL)
        index->n++;
      for (guint i = index->n; i-- > 0;)
        {
          /* The first of two same names wins, as with a scan. */
          if (g_hash_table_contains (index->slots, fields[i].name))
            index->walkable = FALSE;
          g_hash_table_insert (index->slots, (gpointer) fields[i].name, GUINT_TO_POINTER (i + 1));
        }
      for (guint i = index->n; i-- > 0;)
        if (fields[i].flags & HT_F_PLACE)
          {
            /* The name lives as long as the process, as the registry. */
            char *unit = g_strconcat (fields[i].name, "_unit", NULL);

            if (!g_hash_table_contains (index->slots, unit))
              g_hash_table_insert (index->slots, unit, GUINT_TO_POINTER (index->n + i + 1));
            else
              {
                index->walkable = FALSE;
                g_free (unit);
              }
          }
      g_hash_table_insert (field_indexes, (gpointer) fields, index);
    }
  G_UNLOCK (field_indexes);
  return index;
}
