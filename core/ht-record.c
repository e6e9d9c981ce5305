/* ht-record.c — parsing and printing canonical records, driven by the registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsing builds a new tree from the input, member by member, in the order
 * the registry gives: that one walk rejects unknown members and wrong types,
 * normalises text to NFC, and yields the canonical order, so that printing
 * is plain cJSON and a round trip is exact.
 *
 * Member names of the trees built here point at the registry's own static
 * names (cJSON_AddItemToObjectCS) instead of copies: a record has a hundred
 * members, and a bulk import builds a million records.
 */
#define G_LOG_DOMAIN "ht-record"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ht-date.h"
#include "ht-kinds-private.h"
#include "ht-record.h"

typedef struct
{
  const cJSON  *source_record; /* the input, for "when" and event lookups */
  const HtKind *kind;
  HtIssues     *issues;
} Canon;

static cJSON *canon_object (Canon *c, const HtField *fields, const cJSON *src, const char *path);

static void
structural (Canon      *c,
            const char *path,
            const char *code,
            const char *message)
{
  ht_issues_add (c->issues, path, code, HT_SEVERITY_ERROR, "%s", message);
}

static gboolean
is_integral (const cJSON *v,
             double       min,
             double       max)
{
  return cJSON_IsNumber (v) && v->valuedouble == (double) (gint64) v->valuedouble &&
         v->valuedouble >= min && v->valuedouble <= max;
}

/* Member paths are only needed for messages; building them on the stack
 * keeps the bulk path (a million records) free of allocations. */
#define HT_PATH_BUF 512

static const char *
join_path (char       *buf,
           const char *path,
           const char *name,
           const char *suffix)
{
  gsize a = path ? strlen (path) : 0, b = strlen (name), s = suffix ? strlen (suffix) : 0;
  gsize at = 0;

  if (a + b + s + 2 > HT_PATH_BUF)
    return name;
  if (a > 0)
    {
      memcpy (buf, path, a);
      buf[a] = '.';
      at = a + 1;
    }
  memcpy (buf + at, name, b);
  memcpy (buf + at + b, suffix ? suffix : "", s);
  buf[at + b + s] = '\0';
  return buf;
}

/* A quick check that spares g_utf8_normalize() for almost every string:
 * characters below U+0300 (ASCII, Latin-1, Latin Extended-A/B, where Ơ and Ư
 * live) and the precomposed Vietnamese letters of Latin Extended Additional
 * (U+1E00–U+1EFF) are all stable under NFC, so text made only of them is
 * already NFC.  Combining marks (U+0300…) and everything else take the full
 * normalisation.  This matters on bulk imports, where most text is names. */
static gboolean
already_nfc (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; )
    {
      gunichar ch;

      if (*p < 0x80)
        {
          p++;
          continue;
        }
      ch = g_utf8_get_char ((const char *) p);
      if (ch >= 0x300 && (ch < 0x1E00 || ch > 0x1EFF))
        return FALSE;
      p = (const guchar *) g_utf8_next_char (p);
    }
  return TRUE;
}

static cJSON *
canon_text (Canon       *c,
            const cJSON *v,
            const char  *path)
{
  g_autofree char *nfc = NULL;

  if (!cJSON_IsString (v))
    {
      structural (c, path, "wrong_type", _("must be text"));
      return NULL;
    }
  if (!g_utf8_validate (v->valuestring, -1, NULL))
    {
      structural (c, path, "invalid_utf8", _("is not valid UTF-8 text"));
      return NULL;
    }
  for (const char *p = v->valuestring; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        structural (c, path, "control_character", _("contains a control character"));
        return NULL;
      }
  if (already_nfc (v->valuestring))
    return cJSON_CreateString (v->valuestring);
  nfc = g_utf8_normalize (v->valuestring, -1, G_NORMALIZE_NFC);
  return cJSON_CreateString (nfc);
}

static cJSON *
canon_value (Canon         *c,
             const HtField *field,
             const cJSON   *v,
             const cJSON   *container,
             const char    *path)
{
  switch (field->type)
    {
    case HT_T_TEXT:
      return canon_text (c, v, path);

    case HT_T_DATE:
      {
        GDate d;
        if (!cJSON_IsString (v) || !ht_date_parse (v->valuestring, &d))
          {
            ht_issues_add (c->issues, path, "invalid_date", HT_SEVERITY_ERROR,
                           _("is not a valid date (YYYY-MM-DD): %s"),
                           cJSON_IsString (v) ? v->valuestring : _("not text"));
            return NULL;
          }
        return cJSON_CreateString (v->valuestring);
      }

    case HT_T_LOCAL_DATETIME:
      {
        GDate d;
        int minutes;
        if (!cJSON_IsString (v) || !ht_local_datetime_parse (v->valuestring, &d, &minutes))
          {
            ht_issues_add (c->issues, path, "invalid_date", HT_SEVERITY_ERROR,
                           _("is not a valid date and time (YYYY-MM-DD or YYYY-MM-DDTHH:MM): %s"),
                           cJSON_IsString (v) ? v->valuestring : _("not text"));
            return NULL;
          }
        return cJSON_CreateString (v->valuestring);
      }

    case HT_T_YEAR:
      if (!is_integral (v, 1800, 9999))
        {
          structural (c, path, cJSON_IsNumber (v) ? "invalid_year" : "wrong_type",
                      _("must be a year between 1800 and 9999"));
          return NULL;
        }
      return cJSON_CreateNumber (v->valuedouble);

    case HT_T_INT:
      if (!is_integral (v, 0, 9007199254740991.0))
        {
          structural (c, path, "wrong_type", _("must be a whole number, not negative"));
          return NULL;
        }
      return cJSON_CreateNumber (v->valuedouble);

    case HT_T_BOOL:
      if (!cJSON_IsBool (v))
        {
          structural (c, path, "wrong_type", _("must be true or false"));
          return NULL;
        }
      return cJSON_CreateBool (cJSON_IsTrue (v));

    case HT_T_ENUM:
      {
        const char *const *values = field->values;
        if (values == NULL && c->kind != NULL && strcmp (field->name, "registration_type") == 0)
          values = c->kind->registration_types;
        if (!cJSON_IsString (v) || values == NULL || !g_strv_contains (values, v->valuestring))
          {
            g_autofree char *allowed = values ? g_strjoinv (", ", (char **) values) : g_strdup ("");
            ht_issues_add (c->issues, path, "invalid_value", HT_SEVERITY_ERROR,
                           _("must be one of: %s"), allowed);
            return NULL;
          }
        return cJSON_CreateString (v->valuestring);
      }

    case HT_T_CODE:
      {
        gboolean ok = cJSON_IsString (v) && *v->valuestring != '\0';
        for (const char *p = ok ? v->valuestring : ""; *p && ok; p++)
          ok = g_ascii_isdigit (*p);
        if (ok && field->code_len != 0 && strlen (v->valuestring) != field->code_len)
          ok = FALSE;
        if (!ok)
          {
            if (field->code_len != 0)
              ht_issues_add (c->issues, path, "invalid_code", HT_SEVERITY_ERROR,
                             _("must be a text of exactly %u digits"), field->code_len);
            else
              structural (c, path, "invalid_code", _("must be a text of digits"));
            return NULL;
          }
        return cJSON_CreateString (v->valuestring);
      }

    case HT_T_OBJECT:
      if (!cJSON_IsObject (v))
        {
          structural (c, path, "wrong_type", _("must be an object"));
          return NULL;
        }
      return canon_object (c, field->children, v, path);

    case HT_T_REF:
      if (!cJSON_IsObject (v))
        {
          structural (c, path, "wrong_type", _("must be a reference object"));
          return NULL;
        }
      return canon_object (c, ht_ref_shape (v), v, path);

    case HT_T_REF_OR_PAPER:
      if (!cJSON_IsObject (v))
        {
          structural (c, path, "wrong_type", _("must be a reference or a paper"));
          return NULL;
        }
      return canon_object (c, cJSON_HasObjectItem (v, "title") ? ht_shape_paper : ht_ref_shape (v), v, path);

    case HT_T_LIST:
    case HT_T_TEXT_LIST:
      {
        cJSON *out;
        const cJSON *item;
        guint i = 0;
        gboolean ok = TRUE;

        if (!cJSON_IsArray (v))
          {
            structural (c, path, "wrong_type", _("must be a list"));
            return NULL;
          }
        out = cJSON_CreateArray ();
        cJSON_ArrayForEach (item, v)
          {
            g_autofree char *ipath = g_strdup_printf ("%s[%u]", path, i++);
            cJSON *cv;

            if (field->type == HT_T_TEXT_LIST)
              cv = canon_text (c, item, ipath);
            else if (!cJSON_IsObject (item))
              {
                structural (c, ipath, "wrong_type", _("must be an object"));
                cv = NULL;
              }
            else
              cv = canon_object (c, field->children, item, ipath);
            if (cv == NULL)
              ok = FALSE;
            else
              cJSON_AddItemToArray (out, cv);
          }
        if (!ok)
          g_clear_pointer (&out, cJSON_Delete);
        return out;
      }

    case HT_T_EVENT_DATA:
      {
        const cJSON *event = cJSON_GetObjectItemCaseSensitive (container, "event");
        const HtKind *ekind;

        if (!cJSON_IsObject (v))
          {
            structural (c, path, "wrong_type", _("must be an object"));
            return NULL;
          }
        if (!cJSON_IsString (event))
          {
            structural (c, path, "event_unknown", _("needs a valid \"event\" beside it"));
            return NULL;
          }
        ekind = ht_foreign_event_kind (event->valuestring);
        return canon_object (c, ekind ? ekind->fields : ht_shape_event_subjects, v, path);
      }

    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Whether a member of an event_data object is local procedure, which a
 * foreign act does not have. */
static gboolean
excluded_member (const HtField *fields,
                 const char    *name,
                 const char    *path)
{
  return g_str_has_suffix (path, "event_data") && ht_foreign_event_excludes (name) && fields != ht_shape_event_subjects;
}

static const HtField *
find_member (const HtField *fields,
             const char    *name,
             gboolean      *is_unit)
{
  gsize len = strlen (name);

  *is_unit = FALSE;
  for (const HtField *f = fields; f->name != NULL; f++)
    if (strcmp (f->name, name) == 0)
      return f;
  if (len > 5 && strcmp (name + len - 5, "_unit") == 0)
    for (const HtField *f = fields; f->name != NULL; f++)
      if ((f->flags & HT_F_PLACE) && strlen (f->name) == len - 5 && strncmp (f->name, name, len - 5) == 0)
        {
          *is_unit = TRUE;
          return f;
        }
  return NULL;
}

/* Objects whose field list is longer than this are canonicalised member
 * by member, the slow way (no list of the registry comes near it). */
#define MAX_FIELDS 128

/* A field list of the registry with a table from member name to slot + 1:
 * the fields' own names to 0 … n - 1, and "<place>_unit" to n + the
 * index of the place field.  Built on first use and kept. */
typedef struct
{
  GHashTable *slots;
  guint       n;
} FieldIndex;

static GHashTable *field_indexes;
G_LOCK_DEFINE_STATIC (field_indexes);

static const FieldIndex *
field_index (const HtField *fields)
{
  FieldIndex *index;

  G_LOCK (field_indexes);
  if (field_indexes == NULL)
    field_indexes = g_hash_table_new (g_direct_hash, g_direct_equal);
  index = g_hash_table_lookup (field_indexes, fields);
  if (index == NULL)
    {
      index = g_new0 (FieldIndex, 1);
      index->slots = g_hash_table_new (g_str_hash, g_str_equal);
      while (fields[index->n].name != NULL)
        index->n++;
      for (guint i = index->n; i-- > 0;)
        {
          /* The first of two same names wins, as with a scan. */
          g_hash_table_insert (index->slots, (gpointer) fields[i].name, GUINT_TO_POINTER (i + 1));
        }
      for (guint i = index->n; i-- > 0;)
        if (fields[i].flags & HT_F_PLACE)
          {
            char *unit = g_strconcat (fields[i].name, "_unit", NULL);
            if (!g_hash_table_contains (index->slots, unit))
              g_hash_table_insert (index->slots, unit, GUINT_TO_POINTER (index->n + i + 1));
            /* The name lives as long as the process, as the registry. */
          }
      g_hash_table_insert (field_indexes, (gpointer) fields, index);
    }
  G_UNLOCK (field_indexes);
  return index;
}

/* Fills "values" (a slot per field, then one per field's unit; NULL when
 * absent, the first when repeated) from one walk over the members of
 * "src", and reports unknown and repeated members as it goes.  Looking
 * each field up by name walked the member list once per field: those
 * string comparisons were the largest part of canonicalising. */
static gboolean
members_by_field (Canon          *c,
                  const HtField  *fields,
                  const cJSON    *src,
                  const char     *path,
                  gboolean        in_event,
                  const cJSON   **values,
                  gboolean       *ok)
{
  const FieldIndex *index = field_index (fields);
  char pbuf[HT_PATH_BUF];

  if (index->n > MAX_FIELDS)
    return FALSE;
  memset (values, 0, 2 * index->n * sizeof *values);
  for (const cJSON *item = src->child; item != NULL; item = item->next)
    {
      guint slot;
      gboolean known, repeated = FALSE;

      if (item->string == NULL || !g_utf8_validate (item->string, -1, NULL))
        {
          structural (c, path, "invalid_utf8", _("has a member name that is not valid UTF-8"));
          *ok = FALSE;
          continue;
        }
      slot = GPOINTER_TO_UINT (g_hash_table_lookup (index->slots, item->string));
      known = slot > 0 && !(in_event && ht_foreign_event_excludes (item->string) && fields != ht_shape_event_subjects);
      if (slot > 0 && values[slot - 1] != NULL)
        repeated = TRUE;
      else if (slot == 0)
        /* An unknown name: only a scan tells whether it came before. */
        for (const cJSON *before = src->child; before != item && !repeated; before = before->next)
          repeated = before->string != NULL && strcmp (before->string, item->string) == 0;
      else
        values[slot - 1] = item;
      if (repeated)
        {
          structural (c, join_path (pbuf, path, item->string, NULL), "duplicate_field",
                      _("appears more than once"));
          *ok = FALSE;
        }
      if (!known)
        {
          structural (c, join_path (pbuf, path, item->string, NULL), "unknown_field",
                      _("is not a field of this record"));
          *ok = FALSE;
        }
    }
  return TRUE;
}

static cJSON *
canon_object (Canon         *c,
              const HtField *fields,
              const cJSON   *src,
              const char    *path)
{
  char pbuf[HT_PATH_BUF];
  const cJSON *values[2 * MAX_FIELDS];
  cJSON *out = cJSON_CreateObject ();
  const cJSON *item;
  gboolean ok = TRUE;
  gboolean in_event = g_str_has_suffix (path, "event_data");
  gboolean indexed = members_by_field (c, fields, src, path, in_event, values, &ok);
  guint n = 0;

  /* Unknown and repeated members first: they name what the sender got wrong. */
  if (!indexed)
    cJSON_ArrayForEach (item, src)
      {
        gboolean is_unit;

        if (item->string == NULL || !g_utf8_validate (item->string, -1, NULL))
          {
            structural (c, path, "invalid_utf8", _("has a member name that is not valid UTF-8"));
            ok = FALSE;
            continue;
          }
        /* Objects have a handful of members: a scan beats a hash table. */
        for (const cJSON *before = src->child; before != item; before = before->next)
          if (before->string != NULL && strcmp (before->string, item->string) == 0)
            {
              structural (c, join_path (pbuf, path, item->string, NULL), "duplicate_field",
                          _("appears more than once"));
              ok = FALSE;
              break;
            }
        if (find_member (fields, item->string, &is_unit) == NULL || excluded_member (fields, item->string, path))
          {
            structural (c, join_path (pbuf, path, item->string, NULL), "unknown_field",
                        _("is not a field of this record"));
            ok = FALSE;
          }
      }

  while (fields[n].name != NULL)
    n++;
  for (const HtField *f = fields; f->name != NULL; f++)
    {
      const cJSON *v = indexed ? values[f - fields] : cJSON_GetObjectItemCaseSensitive (src, f->name);
      char fbuf[HT_PATH_BUF];
      const char *fpath = join_path (fbuf, path, f->name, NULL);

      if (in_event && ht_foreign_event_excludes (f->name) && fields != ht_shape_event_subjects)
        continue;
      if (v != NULL && !cJSON_IsNull (v))
        {
          cJSON *cv = canon_value (c, f, v, src, fpath);
          if (cv == NULL)
            ok = FALSE;
          else
            cJSON_AddItemToObjectCS (out, f->name, cv);
        }
      if (f->flags & HT_F_PLACE)
        {
          char ubuf[HT_PATH_BUF];
          const char *upath = join_path (ubuf, path, f->name, "_unit");
          const char *uname = strrchr (upath, '.') ? strrchr (upath, '.') + 1 : upath;
          const cJSON *u = indexed ? values[n + (f - fields)] : cJSON_GetObjectItemCaseSensitive (src, uname);

          if (u != NULL && !cJSON_IsNull (u))
            {
              cJSON *cu = cJSON_IsObject (u) ? canon_object (c, ht_shape_unit, u, upath) : NULL;
              if (!cJSON_IsObject (u))
                structural (c, upath, "wrong_type", _("must be an object"));
              if (cu == NULL)
                ok = FALSE;
              else
                cJSON_AddItemToObject (out, uname, cu);
            }
        }
    }

  if (!ok)
    g_clear_pointer (&out, cJSON_Delete);
  return out;
}

static cJSON *
null_or (cJSON *v)
{
  return v ? v : cJSON_CreateNull ();
}

cJSON *
ht_record_canonicalize (const cJSON *record,
                        HtIssues    *issues)
{
  Canon c = { .source_record = record, .issues = issues };
  const cJSON *kind_v;
  cJSON *out;
  gboolean ok = TRUE;
  guint errors_before = ht_issues_n_errors (issues);

  g_return_val_if_fail (issues != NULL, NULL);

  if (!cJSON_IsObject (record))
    {
      structural (&c, "", "not_object", _("a record must be a JSON object"));
      return NULL;
    }

  kind_v = cJSON_GetObjectItemCaseSensitive (record, "kind");
  if (kind_v == NULL || cJSON_IsNull (kind_v))
    {
      structural (&c, "kind", "required", _("is required"));
      return NULL;
    }
  if (!cJSON_IsString (kind_v))
    {
      structural (&c, "kind", "wrong_type", _("must be text"));
      return NULL;
    }
  c.kind = ht_kinds_lookup (kind_v->valuestring);
  if (c.kind == NULL)
    {
      ht_issues_add (issues, "kind", "unknown_kind", HT_SEVERITY_ERROR,
                     _("\"%s\" is not a known kind of registration"), kind_v->valuestring);
      return NULL;
    }

  out = cJSON_CreateObject ();
  {
    const cJSON *item;
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    cJSON_ArrayForEach (item, record)
      {
        gboolean known = FALSE;
        if (item->string == NULL || !g_utf8_validate (item->string, -1, NULL))
          {
            structural (&c, "", "invalid_utf8", _("has a member name that is not valid UTF-8"));
            ok = FALSE;
            continue;
          }
        for (const HtField *f = ht_envelope_fields; f->name; f++)
          known |= strcmp (f->name, item->string) == 0;
        if (!g_hash_table_add (seen, item->string))
          {
            structural (&c, item->string, "duplicate_field", _("appears more than once"));
            ok = FALSE;
          }
        if (!known)
          {
            structural (&c, item->string, "unknown_field", _("is not a field of this record"));
            ok = FALSE;
          }
      }
  }

  for (const HtField *f = ht_envelope_fields; f->name != NULL; f++)
    {
      const cJSON *v = cJSON_GetObjectItemCaseSensitive (record, f->name);
      cJSON *cv = NULL;

      if (strcmp (f->name, "data") == 0)
        {
          if (!cJSON_IsObject (v))
            {
              structural (&c, "data", v ? "wrong_type" : "required",
                          v ? _("must be an object") : _("is required"));
              ok = FALSE;
              continue;
            }
          cv = canon_object (&c, c.kind->fields, v, "data");
          if (cv == NULL)
            ok = FALSE;
          else
            cJSON_AddItemToObjectCS (out, "data", cv);
          continue;
        }

      if (v != NULL && !cJSON_IsNull (v))
        {
          cv = canon_value (&c, f, v, record, f->name);
          if (cv == NULL)
            {
              ok = FALSE;
              continue;
            }
        }
      else if (strcmp (f->name, "status") == 0)
        cv = cJSON_CreateString ("registered");
      else if (strcmp (f->name, "registration_type") == 0)
        cv = cJSON_CreateString (c.kind->registration_types[0]);
      else if (strcmp (f->name, "content_version") == 0)
        cv = cJSON_CreateNumber (1);
      else if (strcmp (f->name, "review") == 0)
        {
          cv = cJSON_CreateObject ();
          cJSON_AddStringToObject (cv, "state", "pending");
        }

      /* The review block always shows all of its members. */
      if (cv != NULL && strcmp (f->name, "review") == 0)
        {
          cJSON *full = cJSON_CreateObject ();
          for (const HtField *rf = f->children; rf->name; rf++)
            {
              cJSON *rv = cJSON_DetachItemFromObjectCaseSensitive (cv, rf->name);
              cJSON_AddItemToObjectCS (full, rf->name, null_or (rv));
            }
          cJSON_Delete (cv);
          cv = full;
        }
      cJSON_AddItemToObjectCS (out, f->name, null_or (cv));
    }

  if (!ok || ht_issues_n_errors (issues) > errors_before)
    g_clear_pointer (&out, cJSON_Delete);
  return out;
}

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
  return ht_record_canonicalize (root, issues);
}

const char *
ht_record_print_into (const cJSON *record,
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

char *
ht_record_print (const cJSON *record)
{
  char *s = cJSON_PrintUnformatted (record);
  char *out = g_strdup (s);
  cJSON_free (s);
  return out;
}
