/* ht-record-keys-scan.c — reading a record's keys from its canonical JSON text.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys are those of ht_record_foreach_flagged() over the registry
 * (HT_F_PIN, HT_F_DOC_NUMBER, HT_F_SEARCH_NAME with the date_of_birth or
 * birth_year beside the name), the record's own PIN, and every reference
 * anywhere in "data": an object with an "id", or with a "kind", a
 * "book_year" and a "number".  The scanner follows the registry as it
 * reads the text, the way ht_record_foreach_flagged() walks a tree: each
 * member is looked up among the fields of the object that holds it, and an
 * object's or a list's members among that field's children.  It reads the
 * text in one pass without building a tree: the sync client reads every
 * queued change, and a cJSON tree cost it more than the keys themselves.
 */
#define G_LOG_DOMAIN "ht-core"

#include <limits.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ht-fold.h"
#include "ht-kinds-private.h"
#include "ht-record.h"
#include "ht-record-keys.h"

/* ---- Reading the text ---- */

#define MAX_DEPTH 64

/* The fields of a value that is a ref or a paper: a paper when its first
 * member is "title" (ht_shape_paper's first), as ht_record_foreach_flagged()
 * walks a ref-or-paper that has a title. */
static const HtField ref_or_paper[] = { { NULL } };

typedef enum {
  ROLE_CHANGE,  /* a push change: record_id, op, record */
  ROLE_RECORD,  /* the record's envelope */
  ROLE_NODE,    /* anything inside it */
} Role;

/* A string's raw text between its quotes, escapes and all. */
typedef struct
{
  const char *text;
  gsize       len;
} Slice;

#define INLINE_NAMES 4

/* The members of one object that keys are made of. */
typedef struct
{
  Slice    kind, office, id, dob, event, record_id;
  Slice    names[INLINE_NAMES];
  guint    n_names;
  GArray  *more_names;  /* Slice, beyond INLINE_NAMES */
  gboolean has_year, has_book_year, has_number;
  double   year, book_year, number;
} Frame;

/* A reference by place without an office, known once the record's is. */
typedef struct
{
  char   *kind;
  double  book_year;
  double  number;
} Place;

typedef struct
{
  const char   *p;
  const char   *end;      /* the text's NUL */
  HtKeyFunc     func;
  gpointer      user_data;
  GString      *value;    /* an unescaped string */
  GString      *key;      /* a key being put together */
  const HtKind *kind;     /* the record's, once read */
  gboolean      has_kind;
  char         *office;   /* the record's, once read */
  GArray       *places;   /* Place, NULL until one is deferred */
  gboolean      failed;
} Scan;

static void
skip_space (Scan *s)
{
  while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
    s->p++;
}

static gboolean
scan_string (Scan  *s,
             Slice *out)
{
  const char *start;

  if (*s->p != '"')
    return FALSE;
  start = ++s->p;
  for (;;)
    {
      /* Eight bytes with neither a quote nor a backslash are passed over at
       * once (most of a record's text is inside its strings), and in a word
       * with one, the first is found from the word's mask.  Words are read
       * only before the text's end; the last bytes go one by one, up to the
       * NUL.  Where the compiler may use SSE2 (every x86-64), sixteen bytes
       * are looked at by one comparison each: in bench-sync's push, 28%
       * fewer instructions in this function than a word at a time. */
#ifdef __SSE2__
      if (s->p + 16 <= s->end)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) s->p);
          unsigned mask = (unsigned) _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')),
                                                                      _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\'))));

          if (mask == 0)
            {
              s->p += 16;
              continue;
            }
          s->p += __builtin_ctz (mask);
        }
      else
#endif
      if (s->p + sizeof (guint64) <= s->end)
        {
          guint64 w, mask;

          memcpy (&w, s->p, sizeof w);
          mask = _ht_word_byte_mask (w, '"') | _ht_word_byte_mask (w, '\\');
          if (mask == 0)
            {
              s->p += sizeof w;
              continue;
            }
          s->p += _ht_word_first (mask);
        }
      if (*s->p == '"')
        break;
      if (*s->p == '\0')
        return FALSE;
      if (*s->p == '\\')
        {
          s->p++;
          if (*s->p == '\0')
            return FALSE;
        }
      s->p++;
    }
  out->text = start;
  out->len = (gsize) (s->p - start);
  s->p++;
  return TRUE;
}

static gboolean
is (Slice       member,
    const char *name)
{
  if (member.len == 0)
    return name[0] == '\0';
  return name[0] == member.text[0] && strlen (name) == member.len && memcmp (member.text, name, member.len) == 0;
}

static gboolean
read_u16 (const char *p,
          const char *end,
          gunichar   *out)
{
  gunichar v = 0;

  if (end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return FALSE;
      v = v * 16 + (gunichar) d;
    }
  *out = v;
  return TRUE;
}

/* The value of a string as cJSON would hold it, in s->value. */
static const char *
unescape (Scan  *s,
          Slice  raw)
{
  const char *p = raw.text;
  const char *end = raw.text + raw.len;

  g_string_truncate (s->value, 0);
  if (memchr (p, '\\', raw.len) == NULL)
    {
      g_string_append_len (s->value, p, raw.len);
      return s->value->str;
    }
  while (p < end)
    {
      gunichar c, low;

      if (*p != '\\')
        {
          g_string_append_c (s->value, *p++);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b': g_string_append_c (s->value, '\b'); p++; break;
        case 'f': g_string_append_c (s->value, '\f'); p++; break;
        case 'n': g_string_append_c (s->value, '\n'); p++; break;
        case 'r': g_string_append_c (s->value, '\r'); p++; break;
        case 't': g_string_append_c (s->value, '\t'); p++; break;
        case 'u':
          if (!read_u16 (p + 1, end, &c))
            goto bad;
          p += 5;
          if (c >= 0xDC00 && c <= 0xDFFF)
            goto bad;
          if (c >= 0xD800 && c <= 0xDBFF)
            {
              if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !read_u16 (p + 2, end, &low) ||
                  low < 0xDC00 || low > 0xDFFF)
                goto bad;
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
              p += 6;
            }
          g_string_append_unichar (s->value, c);
          break;
        default:
          /* \" \\ \/ stand for themselves. */
          g_string_append_c (s->value, *p++);
          break;
        }
    }
  return s->value->str;

bad:
  s->failed = TRUE;
  g_string_truncate (s->value, 0);
  return s->value->str;
}

static void
emit (Scan       *s,
      HtKeyType   type,
      const char *value)
{
  s->func (type, value, s->user_data);
}

/* The field of "member" among "fields".  Canonical text has its members
 * in the order of their fields, many of them absent: the few fields after
 * the last one found ("*next") are tried first. */
static const HtField *
find_field (const HtField  *fields,
            const HtField **next,
            Slice           member)
{
  const HtField *f = *next;

  if (fields == NULL)
    return NULL;
  for (guint tries = 0; f != NULL && f->name != NULL && tries < 4; tries++, f++)
    if (is (member, f->name))
      {
        *next = f + 1;
        return f;
      }
  for (f = fields; f->name != NULL; f++)
    if (is (member, f->name))
      {
        *next = f + 1;
        return f;
      }
  return NULL;
}

/* A flagged string value, as ht_record_foreach_flagged() hands it over. */
static void
flagged_string (Scan          *s,
                Frame         *frame,
                const HtField *field,
                Slice          raw)
{
  if (raw.len == 0)
    return;
  if (field->flags & HT_F_PIN)
    emit (s, HT_KEY_PIN, unescape (s, raw));
  if (field->flags & HT_F_DOC_NUMBER)
    {
      /* ht_record_keys_normalize_doc(), into the key being put together
       * rather than a new string. */
      const char *number = unescape (s, raw);

      g_string_truncate (s->key, 0);
      for (const char *p = number; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (s->key, g_ascii_toupper (*p));
      if (s->key->len > 0)
        emit (s, HT_KEY_DOC, s->key->str);
    }
  /* A name's key needs its date or year of birth, which may come later. */
  if (field->flags & HT_F_SEARCH_NAME)
    {
      if (frame->n_names < INLINE_NAMES)
        frame->names[frame->n_names++] = raw;
      else
        {
          if (frame->more_names == NULL)
            frame->more_names = g_array_new (FALSE, FALSE, sizeof (Slice));
          g_array_append_val (frame->more_names, raw);
        }
    }
}

static void scan_object (Scan *s, Role role, const HtField *fields, gboolean in_data, int depth);

/* One value of member "member" (described by "field", NULL if none) of
 * "frame" (NULL in a list); an object or a list in it is read with
 * "child_fields". */
static void
scan_value (Scan          *s,
            Frame         *frame,
            Role           role,
            Slice          member,
            const HtField *field,
            Role           child_role,
            const HtField *child_fields,
            gboolean       in_data,
            int            depth)
{
  skip_space (s);
  if (*s->p == '{')
    scan_object (s, child_role, child_fields, in_data, depth + 1);
  else if (*s->p == '[')
    {
      if (depth >= MAX_DEPTH)
        {
          s->failed = TRUE;
          return;
        }
      s->p++;
      skip_space (s);
      if (*s->p == ']')
        {
          s->p++;
          return;
        }
      /* A list's elements are its field's children; a list in a list is
       * nothing the registry describes. */
      for (;;)
        {
          scan_value (s, NULL, ROLE_NODE, member, NULL, ROLE_NODE,
                      field != NULL && field->type == HT_T_LIST ? field->children : NULL, in_data, depth + 1);
          if (s->failed)
            return;
          skip_space (s);
          if (*s->p == ',')
            s->p++;
          else if (*s->p == ']')
            {
              s->p++;
              return;
            }
          else
            {
              s->failed = TRUE;
              return;
            }
        }
    }
  else if (*s->p == '"')
    {
      Slice text;

      if (!scan_string (s, &text))
        {
          s->failed = TRUE;
          return;
        }
      if (frame == NULL)
        return;
      if (field != NULL && (field->flags & (HT_F_PIN | HT_F_DOC_NUMBER | HT_F_SEARCH_NAME)))
        flagged_string (s, frame, field, text);
      if (is (member, "date_of_birth"))
        frame->dob = text;
      else if (is (member, "id"))
        frame->id = text;
      else if (is (member, "kind"))
        frame->kind = text;
      else if (is (member, "office"))
        frame->office = text;
      else if (is (member, "event"))
        frame->event = text;
      else if (is (member, "record_id"))
        frame->record_id = text;
      else if (role == ROLE_RECORD && is (member, "pin") && text.len > 0 &&
               !(field != NULL && (field->flags & HT_F_PIN)))
        emit (s, HT_KEY_PIN, unescape (s, text));
      if (role == ROLE_RECORD && is (member, "kind"))
        {
          s->kind = ht_kinds_lookup (unescape (s, text));
          s->has_kind = TRUE;
        }
      else if (role == ROLE_RECORD && is (member, "office"))
        {
          g_free (s->office);
          s->office = g_strdup (unescape (s, text));
        }
    }
  else if (g_ascii_isdigit (*s->p) || *s->p == '-')
    {
      const char *start = s->p;
      double value = 0;

      s->p++;
      while (g_ascii_isdigit (*s->p) || *s->p == '.' || *s->p == 'e' || *s->p == 'E' || *s->p == '+' || *s->p == '-')
        s->p++;
      if (frame == NULL)
        return;
      if (is (member, "birth_year") || is (member, "book_year") || is (member, "number"))
        {
          gsize len = (gsize) (s->p - start);
          guint64 whole = 0;
          gsize i = 0;

          /* A whole number of a few digits, which is what these are, is
           * read here; g_ascii_strtod() gives the same double for it, and
           * reads anything else. */
          while (i < len && i < 15 && g_ascii_isdigit (start[i]))
            whole = whole * 10 + (guint64) (start[i++] - '0');
          if (i == len)
            value = (double) whole;
          else
            {
              char *end = NULL;

              value = g_ascii_strtod (start, &end);
              if (end != s->p)
                {
                  s->failed = TRUE;
                  return;
                }
            }
        }
      if (is (member, "birth_year"))
        frame->has_year = TRUE, frame->year = value;
      else if (is (member, "book_year"))
        frame->has_book_year = TRUE, frame->book_year = value;
      else if (is (member, "number"))
        frame->has_number = TRUE, frame->number = value;
    }
  else if (strncmp (s->p, "true", 4) == 0 || strncmp (s->p, "null", 4) == 0)
    s->p += 4;
  else if (strncmp (s->p, "false", 5) == 0)
    s->p += 5;
  else
    s->failed = TRUE;
}

/* Appends "value" as "%.0f" prints it; whole numbers, which are all a
 * canonical record holds, without printf (this runs for every queued
 * change). */
static void
append_number (GString *out,
               double   value)
{
  char digits[24];
  guint n = 0;
  guint64 v;

  if (!(value >= 0 && value < 1e15 && value == (double) (guint64) value))
    {
      g_string_append_printf (out, "%.0f", value);
      return;
    }
  v = (guint64) value;
  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* cJSON's valueint, which the keys of a year of birth were made from. */
static int
as_int (double value)
{
  if (value >= (double) INT_MAX)
    return INT_MAX;
  if (value <= (double) INT_MIN)
    return INT_MIN;
  return (int) value;
}

static void
person_key (Scan        *s,
            const Frame *f,
            Slice        name)
{
  g_autofree char *folded = ht_fold (unescape (s, name));

  /* A name alone is too weak to find anyone by (the rules never ask for
   * one), so only names with a date or a year of birth count. */
  if (folded == NULL || folded[0] == '\0')
    return;
  g_string_assign (s->key, folded);
  if (f->dob.text != NULL)
    {
      g_string_append_c (s->key, '|');
      g_string_append (s->key, unescape (s, f->dob));
    }
  else if (f->has_year)
    {
      int year = as_int (f->year);

      g_string_append_c (s->key, '|');
      if (year >= 0)
        append_number (s->key, year);
      else
        g_string_append_printf (s->key, "%d", year);
    }
  else
    return;
  emit (s, HT_KEY_PERSON, s->key->str);
}

static void
place_key (Scan       *s,
           HtKeyType   type,
           const char *kind,
           const char *office,
           double      book_year,
           double      number)
{
  g_string_assign (s->key, kind);
  g_string_append_c (s->key, '/');
  g_string_append (s->key, office);
  g_string_append_c (s->key, '/');
  append_number (s->key, book_year);
  g_string_append_c (s->key, '/');
  append_number (s->key, number);
  emit (s, type, s->key->str);
}

/* The keys an object gives, once all its members were read. */
static void
frame_keys (Scan        *s,
            const Frame *f,
            Role         role,
            gboolean     in_data)
{
  for (guint i = 0; i < f->n_names; i++)
    person_key (s, f, f->names[i]);
  for (guint i = 0; f->more_names != NULL && i < f->more_names->len; i++)
    person_key (s, f, g_array_index (f->more_names, Slice, i));

  if (role == ROLE_CHANGE && f->record_id.text != NULL && f->record_id.len > 0)
    emit (s, HT_KEY_OWN_ID, unescape (s, f->record_id));
  if (role == ROLE_RECORD)
    {
      if (f->id.text != NULL && f->id.len > 0)
        emit (s, HT_KEY_OWN_ID, unescape (s, f->id));
      /* The kind is unescaped into s->value, which place_key() leaves
       * alone. */
      if (f->kind.text != NULL && f->has_book_year && f->has_number)
        place_key (s, HT_KEY_OWN_PLACE, unescape (s, f->kind), s->office != NULL ? s->office : "", f->book_year,
                   f->number);
    }
  if (!in_data)
    return;

  /* A reference, by id or by place in a book; the place is kept with its
   * office, the record's unless it names one, so that it does not depend
   * on what the register held when the record was stored. */
  if (f->id.text != NULL && f->id.len > 0)
    emit (s, HT_KEY_REF_ID, unescape (s, f->id));
  else if (f->kind.text != NULL && f->has_book_year && f->has_number)
    {
      g_autofree char *kind = g_strdup (unescape (s, f->kind));

      if (f->office.text != NULL)
        {
          g_autofree char *office = g_strdup (unescape (s, f->office));
          place_key (s, HT_KEY_REF_PLACE, kind, office, f->book_year, f->number);
        }
      else if (s->office != NULL)
        place_key (s, HT_KEY_REF_PLACE, kind, s->office, f->book_year, f->number);
      else
        {
          Place place = { g_steal_pointer (&kind), f->book_year, f->number };

          if (s->places == NULL)
            s->places = g_array_new (FALSE, FALSE, sizeof (Place));
          g_array_append_val (s->places, place);
        }
    }
}

/* The fields describing the members of member "member" (described by
 * "field") of an object read as "role" in "frame". */
static const HtField *
child_fields_of (Scan          *s,
                 const Frame   *frame,
                 Role           role,
                 Slice          member,
                 const HtField *field)
{
  if (role == ROLE_CHANGE)
    return is (member, "record") ? ht_envelope_fields : NULL;
  if (role == ROLE_RECORD)
    {
      if (!is (member, "data"))
        return NULL;  /* the signer and the review are officials, not parties */
      if (!s->has_kind)
        s->failed = TRUE;  /* not canonical text */
      return s->kind != NULL ? s->kind->fields : NULL;
    }
  if (field == NULL)
    return NULL;
  switch (field->type)
    {
    case HT_T_OBJECT:
    case HT_T_LIST:
      return field->children;
    case HT_T_REF_OR_PAPER:
      return ref_or_paper;
    case HT_T_EVENT_DATA:
      {
        const HtKind *event_kind = NULL;

        if (frame->event.text != NULL)
          event_kind = ht_foreign_event_kind (unescape (s, frame->event));
        return event_kind != NULL ? event_kind->fields : ht_shape_event_subjects;
      }
    default:
      return NULL;
    }
}

static void
scan_object (Scan          *s,
             Role           role,
             const HtField *fields,
             gboolean       in_data,
             int            depth)
{
  Frame f = { 0 };
  gboolean first = TRUE;
  const HtField *next = fields;

  if (depth > MAX_DEPTH)
    {
      s->failed = TRUE;
      return;
    }
  s->p++;  /* '{' */
  skip_space (s);
  if (*s->p == '}')
    s->p++;
  else
    for (;;)
      {
        Slice name;
        const HtField *field;
        Role child_role = ROLE_NODE;
        gboolean child_in_data = in_data;

        skip_space (s);
        if (!scan_string (s, &name))
          {
            s->failed = TRUE;
            break;
          }
        skip_space (s);
        if (*s->p != ':')
          {
            s->failed = TRUE;
            break;
          }
        s->p++;
        if (first && fields == ref_or_paper)
          fields = next = is (name, "title") ? ht_shape_paper : NULL;
        first = FALSE;
        field = find_field (fields, &next, name);
        if (role == ROLE_CHANGE && is (name, "record"))
          child_role = ROLE_RECORD;
        if (role == ROLE_RECORD && is (name, "data"))
          child_in_data = TRUE;
        scan_value (s, &f, role, name, field, child_role, child_fields_of (s, &f, role, name, field),
                    child_in_data, depth);
        if (s->failed)
          break;
        skip_space (s);
        if (*s->p == ',')
          s->p++;
        else if (*s->p == '}')
          {
            s->p++;
            break;
          }
        else
          {
            s->failed = TRUE;
            break;
          }
      }
  if (!s->failed)
    frame_keys (s, &f, role, in_data);
  if (f.more_names != NULL)
    g_array_unref (f.more_names);
}

gboolean
ht_record_keys_scan (const char *text,
                     gboolean    change,
                     HtKeyFunc   func,
                     gpointer    user_data)
{
  Scan s = { text, text != NULL ? text + strlen (text) : NULL, func, user_data, g_string_sized_new (64),
             g_string_sized_new (128), NULL, FALSE, NULL, NULL, FALSE };
  gboolean ok;

  g_return_val_if_fail (func != NULL, FALSE);
  if (text == NULL)
    s.failed = TRUE;
  else
    {
      skip_space (&s);
      if (*s.p == '{')
        scan_object (&s, change ? ROLE_CHANGE : ROLE_RECORD, change ? NULL : ht_envelope_fields, FALSE, 1);
      else
        s.failed = TRUE;
    }
  for (guint i = 0; s.places != NULL && i < s.places->len; i++)
    {
      Place *place = &g_array_index (s.places, Place, i);

      if (!s.failed)
        place_key (&s, HT_KEY_REF_PLACE, place->kind, s.office != NULL ? s.office : "", place->book_year,
                   place->number);
      g_free (place->kind);
    }
  ok = !s.failed;
  if (s.places != NULL)
    g_array_unref (s.places);
  g_free (s.office);
  g_string_free (s.value, TRUE);
  g_string_free (s.key, TRUE);
  return ok;
}
