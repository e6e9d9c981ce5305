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
 *
 * ht_record_parse() (ht-record-text.c) owns the tree cJSON made of the
 * text, so it moves the
 * values that need no change (most of them) from that tree into the
 * canonical one instead of copying them: allocating and freeing a node and
 * a string per value was the largest cost of parsing.
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
  const HtKind *kind;
  HtIssues     *issues;
  /* The input tree is ours (ht_record_parse): values are moved out of it
   * into the canonical tree rather than copied, which leaves it unusable
   * for anything but cJSON_Delete(). */
  gboolean      take;
  /* Every string of the input is known to be valid UTF-8: cJSON made them
   * from a text that was checked whole, and it only ever writes valid
   * UTF-8 for the escapes it accepts (\u0000 and bad hex digits end the
   * string early, lone surrogates fail the parse). */
  gboolean      utf8_checked;
  /* The canonical object being built, where members moved out of the
   * input object now are. */
  const cJSON  *building;
} Canon;

static cJSON *canon_object (Canon *c, const HtField *fields, const cJSON *src, const char *path);

/* A value that needs no change, moved out of its parent in the input (only
 * when c->take).  Its member name is replaced when it is added to the
 * canonical tree. */
static cJSON *
take (const cJSON *parent,
      const cJSON *v)
{
  return cJSON_DetachItemViaPointer ((cJSON *) parent, (cJSON *) v);
}

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
 * normalisation.  This matters on bulk imports, where most text is names.
 * The text must be valid UTF-8, so the characters are told apart by their
 * first bytes: below U+0300 a two-byte sequence leads with 0xC2…0xCB, and
 * U+1E00…U+1EFF are 0xE1 0xB8…0xBB followed by one more byte. */
static gboolean
already_nfc (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; )
    {
      if (*p < 0x80)
        p++;
      else if (*p < 0xCC)
        p += 2;
      else if (*p == 0xE1 && p[1] >= 0xB8 && p[1] <= 0xBB)
        p += 3;
      else
        return FALSE;
    }
  return TRUE;
}

/* Whether "text" has a byte of 0x80 or more ("ascii" FALSE) and whether
 * it has a control character (below 0x20, or 0x7F), looked at eight bytes
 * at a time: every text of every record goes through here.  The tests on
 * a word are exact (Hacker's Delight, "has less than" and "has zero byte"):
 * a byte of 0x80 or more never passes for a small one. */
static void
scan_text (const char *text,
           gboolean   *ascii,
           gboolean   *control)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize len = strlen (text), i = 0;
  guint64 all = 0;
  gboolean ctl = FALSE;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w, del;

      memcpy (&w, text + i, sizeof w);
      all |= w;
      del = w ^ (ones * 0x7f);
      if ((((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & highs)
        ctl = TRUE;
    }
  for (; i < len; i++)
    {
      guchar ch = (guchar) text[i];

      all |= ch;
      if (ch < 0x20 || ch == 0x7f)
        ctl = TRUE;
    }
  *ascii = (all & highs) == 0;
  *control = ctl;
}

static cJSON *
canon_text (Canon       *c,
            const cJSON *parent,
            const cJSON *v,
            const char  *path)
{
  g_autofree char *nfc = NULL;
  gboolean ascii = TRUE, control = FALSE;

  if (!cJSON_IsString (v))
    {
      structural (c, path, "wrong_type", _("must be text"));
      return NULL;
    }
  /* One pass finds control characters and whether anything is not ASCII;
   * plain ASCII is valid UTF-8 and NFC as it is.  Invalid UTF-8 is
   * reported before a control character, as the checks always were. */
  scan_text (v->valuestring, &ascii, &control);
  if (!ascii && !c->utf8_checked && !g_utf8_validate (v->valuestring, -1, NULL))
    {
      structural (c, path, "invalid_utf8", _("is not valid UTF-8 text"));
      return NULL;
    }
  if (control)
    {
      structural (c, path, "control_character", _("contains a control character"));
      return NULL;
    }
  if (ascii || already_nfc (v->valuestring))
    return c->take ? take (parent, v) : cJSON_CreateString (v->valuestring);
  nfc = g_utf8_normalize (v->valuestring, -1, G_NORMALIZE_NFC);
  return cJSON_CreateString (nfc);
}

/* The "event" beside an event_data: in the input, or, once moved out of
 * it (c->take), in the canonical object being built.  Either way it is
 * the first "event" member of the input, as a plain look-up finds. */
static const cJSON *
event_of (Canon       *c,
          const cJSON *container)
{
  const cJSON *event = NULL;

  if (c->take && c->building != NULL)
    event = cJSON_GetObjectItemCaseSensitive (c->building, "event");
  return event != NULL ? event : cJSON_GetObjectItemCaseSensitive (container, "event");
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
      return canon_text (c, container, v, path);

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
        return c->take ? take (container, v) : cJSON_CreateString (v->valuestring);
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
        return c->take ? take (container, v) : cJSON_CreateString (v->valuestring);
      }

    case HT_T_YEAR:
      if (!is_integral (v, 1800, 9999))
        {
          structural (c, path, cJSON_IsNumber (v) ? "invalid_year" : "wrong_type",
                      _("must be a year between 1800 and 9999"));
          return NULL;
        }
      return c->take ? take (container, v) : cJSON_CreateNumber (v->valuedouble);

    case HT_T_INT:
      if (!is_integral (v, 0, 9007199254740991.0))
        {
          structural (c, path, "wrong_type", _("must be a whole number, not negative"));
          return NULL;
        }
      return c->take ? take (container, v) : cJSON_CreateNumber (v->valuedouble);

    case HT_T_BOOL:
      if (!cJSON_IsBool (v))
        {
          structural (c, path, "wrong_type", _("must be true or false"));
          return NULL;
        }
      return c->take ? take (container, v) : cJSON_CreateBool (cJSON_IsTrue (v));

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
        return c->take ? take (container, v) : cJSON_CreateString (v->valuestring);
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
        return c->take ? take (container, v) : cJSON_CreateString (v->valuestring);
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
        const cJSON *item, *next;
        guint i = 0;
        gboolean ok = TRUE;

        if (!cJSON_IsArray (v))
          {
            structural (c, path, "wrong_type", _("must be a list"));
            return NULL;
          }
        out = cJSON_CreateArray ();
        /* The next item is read first: canon_text() may move this one out. */
        for (item = v->child; item != NULL; item = next)
          {
            g_autofree char *ipath = g_strdup_printf ("%s[%u]", path, i++);
            cJSON *cv;

            next = item->next;
            if (field->type == HT_T_TEXT_LIST)
              cv = canon_text (c, v, item, ipath);
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
        const cJSON *event = event_of (c, container);
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

/* Fills "values" as members_by_field() does, by one walk over the fields
 * and the members side by side, and returns TRUE only if every member was
 * matched that way: then no name is unknown, repeated or invalid, and
 * there is nothing to report.  Records come in canonical order (clients
 * print them so, and the register stores them so), where this is a
 * pointer or string comparison per field instead of hashing every name
 * and checking it is UTF-8. */
static gboolean
members_in_order (const HtFieldIndex *index,
                  const HtField    *fields,
                  const cJSON      *src,
                  gboolean          in_event,
                  const cJSON     **values)
{
  const cJSON *m = src->child;

  if (!index->walkable)
    return FALSE;
  memset (values, 0, 2 * index->n * sizeof *values);
  for (guint i = 0; i < index->n && m != NULL; i++)
    {
      const HtField *f = &fields[i];

      /* An excluded name is left unmatched, so it is reported. */
      if (in_event && ht_foreign_event_excludes (f->name) && fields != ht_shape_event_subjects)
        continue;
      if (m->string != NULL &&
          (m->string == f->name || (m->string[0] == f->name[0] && strcmp (m->string, f->name) == 0)))
        {
          values[i] = m;
          m = m->next;
        }
      if ((f->flags & HT_F_PLACE) && m != NULL && m->string != NULL && _ht_is_unit_of (m->string, f->name))
        {
          values[index->n + i] = m;
          m = m->next;
        }
    }
  return m == NULL;
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
  const HtFieldIndex *index = _ht_field_index (fields);
  char pbuf[HT_PATH_BUF];

  if (index->n > HT_MAX_INDEXED_FIELDS)
    return FALSE;
  if (members_in_order (index, fields, src, in_event, values))
    return TRUE;
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
  const cJSON *values[2 * HT_MAX_INDEXED_FIELDS];
  cJSON *out = cJSON_CreateObject ();
  const cJSON *item;
  const cJSON *outer = c->building;
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
  /* What was moved out of "src" is looked for in "out" (see event_of()). */
  c->building = out;
  for (const HtField *f = fields; f->name != NULL; f++)
    {
      const cJSON *v = indexed ? values[f - fields] : cJSON_GetObjectItemCaseSensitive (src, f->name);
      char fbuf[HT_PATH_BUF];

      if (in_event && ht_foreign_event_excludes (f->name) && fields != ht_shape_event_subjects)
        continue;
      /* Paths are only made for the members present: most fields of a
       * kind's table are absent from any one record. */
      if (v != NULL && !cJSON_IsNull (v))
        {
          cJSON *cv = canon_value (c, f, v, src, join_path (fbuf, path, f->name, NULL));
          if (cv == NULL)
            ok = FALSE;
          else
            cJSON_AddItemToObjectCS (out, f->name, cv);
        }
      if (f->flags & HT_F_PLACE)
        {
          char ubuf[HT_PATH_BUF];
          const char *upath = NULL, *uname = NULL;
          const cJSON *u;

          if (indexed)
            u = values[n + (f - fields)];
          else
            {
              upath = join_path (ubuf, path, f->name, "_unit");
              uname = strrchr (upath, '.') ? strrchr (upath, '.') + 1 : upath;
              u = cJSON_GetObjectItemCaseSensitive (src, uname);
            }

          if (u != NULL && !cJSON_IsNull (u))
            {
              cJSON *cu;

              if (upath == NULL)
                {
                  upath = join_path (ubuf, path, f->name, "_unit");
                  uname = strrchr (upath, '.') ? strrchr (upath, '.') + 1 : upath;
                }
              cu = cJSON_IsObject (u) ? canon_object (c, ht_shape_unit, u, upath) : NULL;
              if (!cJSON_IsObject (u))
                structural (c, upath, "wrong_type", _("must be an object"));
              if (cu == NULL)
                ok = FALSE;
              else
                cJSON_AddItemToObject (out, uname, cu);
            }
        }
    }
  c->building = outer;

  if (!ok)
    g_clear_pointer (&out, cJSON_Delete);
  return out;
}

static cJSON *
null_or (cJSON *v)
{
  return v ? v : cJSON_CreateNull ();
}

/* Canonicalises "record" (see ht_record_canonicalize()); with "take" it
 * moves values out of "record", which is then only fit for deleting. */
static cJSON *
canonicalize (const cJSON *record,
              HtIssues    *issues,
              gboolean     take)
{
  Canon c = { .issues = issues, .take = take, .utf8_checked = take };
  const cJSON *values[2 * HT_MAX_INDEXED_FIELDS];
  const cJSON *kind_v;
  cJSON *out;
  gboolean ok = TRUE;
  guint errors_before = ht_issues_n_errors (issues);

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

  /* The envelope's members are matched with its fields as any object's
   * are: unknown, repeated and non-UTF-8 names are reported in the order
   * of the members, with the name as the path. */
  if (!members_by_field (&c, ht_envelope_fields, record, "", FALSE, values, &ok))
    g_return_val_if_reached (NULL);

  out = cJSON_CreateObject ();
  c.building = out;
  for (const HtField *f = ht_envelope_fields; f->name != NULL; f++)
    {
      const cJSON *v = values[f - ht_envelope_fields];
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

cJSON *
ht_record_canonicalize (const cJSON *record,
                        HtIssues    *issues)
{
  g_return_val_if_fail (issues != NULL, NULL);

  return canonicalize (record, issues, FALSE);
}

cJSON *
_ht_record_canonicalize_take (cJSON    *record,
                              HtIssues *issues)
{
  return canonicalize (record, issues, TRUE);
}
