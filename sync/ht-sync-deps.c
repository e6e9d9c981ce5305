/* ht-sync-deps.c — which queued changes may be with the server at the same time.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys follow server/hs-keys.c (hs_record_keys, hs_keys_for_lookup)
 * and server/hs-lookup.c (find_person), widened where that is cheaper than
 * being exact: a personal ID number and an ID document number are one kind
 * of key here, since the server matches each against both.  Wider keys can
 * only make a change wait for an answer it did not need.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <string.h>

#include "ht-fold.h"
#include "ht-record.h"
#include "ht-sync-deps.h"

struct _HtSyncKeys
{
  GArray   *stored;     /* guint64 */
  GArray   *looked_up;  /* guint64 */
  gboolean  unreadable;
};

struct _HtSyncKeySet
{
  GHashTable *stored;     /* hashes as pointers */
  GHashTable *looked_up;
  guint       unreadable;
};

/* FNV-1a over "type", a separator and "value": keys are hashed without
 * being put together in memory. */
static guint64
fnv (guint64     h,
     const char *text,
     gssize      len)
{
  for (gssize i = 0; len < 0 ? text[i] != '\0' : i < len; i++)
    {
      h ^= (guchar) text[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

static guint64
key_hash (char        type,
          const char *value,
          gssize      len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  char prefix[2] = { type, '\t' };

  h = fnv (h, prefix, 2);
  return fnv (h, value, len);
}

static void
add (GArray     *to,
     char        type,
     const char *value,
     gssize      len)
{
  guint64 h = key_hash (type, value, len);

  g_array_append_val (to, h);
}

static void
add_both (HtSyncKeys *keys,
          char        type,
          const char *value)
{
  add (keys->stored, type, value, -1);
  add (keys->looked_up, type, value, -1);
}

/* A personal ID number or an ID document number, without spaces and in
 * upper case as the server compares them. */
static void
add_number (HtSyncKeys *keys,
            const char *number)
{
  g_autoptr(GString) clean = g_string_sized_new (strlen (number));

  for (const char *p = number; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (clean, g_ascii_toupper (*p));
  if (clean->len > 0)
    add_both (keys, 'n', clean->str);
}

/* A person's name ("name", raw JSON text of "name_len" bytes), found by
 * its date of birth or the year alone. */
static void
add_person (HtSyncKeys *keys,
            const char *name,
            gsize       name_len,
            const char *dob,
            gsize       dob_len,
            gboolean    has_year,
            double      year)
{
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;

  if (!(dob != NULL && dob_len >= 4) && !has_year)
    return;
  text = g_strndup (name, name_len);
  folded = ht_fold (text);
  if (folded == NULL || folded[0] == '\0')
    return;
  if (dob != NULL && dob_len >= 4)
    {
      g_autofree char *by_date = g_strdup_printf ("%s|%.*s", folded, (int) dob_len, dob);
      g_autofree char *by_year = g_strdup_printf ("%s|%.4s", folded, dob);

      /* Found by its date; looks for the date and for the year alone. */
      add_both (keys, 'p', by_date);
      add (keys->looked_up, 'p', by_year, -1);
    }
  else
    {
      g_autofree char *by_year = g_strdup_printf ("%s|%.0f", folded, year);

      /* The rules never look for a name with the year alone, but a name
       * with a full date finds it. */
      add (keys->stored, 'p', by_year, -1);
    }
}

static void
add_place (HtSyncKeys *keys,
           const char *kind,
           const char *office,
           double      year,
           double      number)
{
  g_autofree char *place = g_strdup_printf ("%s/%s/%.0f/%.0f", kind, office, year, number);

  add_both (keys, 'r', place);
}

/* ---- Reading the change ----
 *
 * The keys are read from the change's JSON text in one pass, without
 * building a cJSON tree: a tree cost the client more than half of the
 * keys' time (about 9 of 17 µs per change in bench-sync).  The registry's
 * flagged fields (ht_record_foreach_flagged) are, in a canonical record,
 * exactly the members named "full_name" (names, with the "date_of_birth"
 * or "birth_year" beside them), "pin" (personal ID numbers) and the
 * "number" of an "id_document".  References are any object with an "id",
 * or with a "kind", a "book_year" and a "number".  Strings are taken as
 * written, escapes and all: keys are only ever compared with keys read
 * the same way. */

#define MAX_DEPTH 64

typedef enum {
  ROLE_CHANGE,  /* the change: record_id, op, record */
  ROLE_RECORD,  /* the record: its own id, place and pin */
  ROLE_NODE,    /* anything inside the record */
} Role;

/* The members of one object that keys are made of (raw texts). */
typedef struct
{
  const char *name, *dob, *id, *kind, *office, *text_number, *pin, *record_id;
  gsize       name_len, dob_len, id_len, kind_len, office_len, text_number_len, pin_len, record_id_len;
  gboolean    has_year, has_book_year, has_number;
  double      year, book_year, number;
} Frame;

/* A reference by place whose office may be the record's, known at its end. */
typedef struct
{
  char   *kind;
  char   *office;  /* NULL: the record's */
  double  book_year;
  double  number;
} Place;

static void
place_free (Place *place)
{
  g_free (place->kind);
  g_free (place->office);
  g_free (place);
}

typedef struct
{
  const char *p;
  HtSyncKeys *keys;
  GPtrArray  *places;
  char       *record_office;
  gboolean    has_record_id;
  gboolean    failed;
} Scan;

static void
skip_space (Scan *s)
{
  while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
    s->p++;
}

/* A string's raw text, between its quotes. */
static gboolean
scan_string (Scan        *s,
             const char **text,
             gsize       *len)
{
  const char *start;

  if (*s->p != '"')
    return FALSE;
  start = ++s->p;
  while (*s->p != '"')
    {
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
  *text = start;
  *len = (gsize) (s->p - start);
  s->p++;
  return TRUE;
}

static gboolean
is (const char *member,
    gsize       len,
    const char *name)
{
  return strlen (name) == len && memcmp (member, name, len) == 0;
}

static void scan_object (Scan *s, const char *member, gsize member_len, Role role, int depth);

/* One value, for member "member" of "frame" (NULL in a list). */
static void
scan_value (Scan       *s,
            Frame      *frame,
            const char *member,
            gsize       member_len,
            Role        child_role,
            int         depth)
{
  skip_space (s);
  if (*s->p == '{')
    scan_object (s, member, member_len, child_role, depth + 1);
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
      for (;;)
        {
          scan_value (s, NULL, member, member_len, ROLE_NODE, depth + 1);
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
      const char *text;
      gsize len;

      if (!scan_string (s, &text, &len))
        {
          s->failed = TRUE;
          return;
        }
      if (frame == NULL)
        return;
#define TAKE(field, name) \
      if (is (member, member_len, name)) { frame->field = text; frame->field##_len = len; }
      TAKE (name, "full_name")
      else TAKE (dob, "date_of_birth")
      else TAKE (id, "id")
      else TAKE (kind, "kind")
      else TAKE (office, "office")
      else TAKE (text_number, "number")
      else TAKE (pin, "pin")
      else TAKE (record_id, "record_id")
#undef TAKE
    }
  else if (g_ascii_isdigit (*s->p) || *s->p == '-')
    {
      char *end = NULL;
      double value = g_ascii_strtod (s->p, &end);

      if (end == NULL || end == s->p)
        {
          s->failed = TRUE;
          return;
        }
      s->p = end;
      if (frame == NULL)
        return;
      if (is (member, member_len, "birth_year"))
        frame->has_year = TRUE, frame->year = value;
      else if (is (member, member_len, "book_year"))
        frame->has_book_year = TRUE, frame->book_year = value;
      else if (is (member, member_len, "number"))
        frame->has_number = TRUE, frame->number = value;
    }
  else if (strncmp (s->p, "true", 4) == 0 || strncmp (s->p, "null", 4) == 0)
    s->p += 4;
  else if (strncmp (s->p, "false", 5) == 0)
    s->p += 5;
  else
    s->failed = TRUE;
}

static void
add_id (HtSyncKeys *keys,
        const char *id,
        gsize       len)
{
  g_autofree char *text = g_strndup (id, len);
  g_autofree char *lower = g_ascii_strdown (text, -1);

  add_both (keys, 'r', lower);
}

static void
add_number_text (HtSyncKeys *keys,
                 const char *number,
                 gsize       len)
{
  g_autofree char *text = g_strndup (number, len);

  add_number (keys, text);
}

/* The keys an object gives, once all its members were read. */
static void
frame_keys (Scan        *s,
            const Frame *f,
            const char  *member,
            gsize        member_len,
            Role         role)
{
  HtSyncKeys *keys = s->keys;

  if (role == ROLE_CHANGE)
    {
      /* Its own id: the records that refer to it, and those it is found by. */
      if (f->record_id != NULL)
        {
          s->has_record_id = TRUE;
          add_id (keys, f->record_id, f->record_id_len);
        }
      return;
    }
  if (f->pin != NULL && f->pin_len > 0)
    add_number_text (keys, f->pin, f->pin_len);
  if (role == ROLE_RECORD)
    {
      g_free (s->record_office);
      s->record_office = f->office != NULL ? g_strndup (f->office, f->office_len) : g_strdup ("");
      if (f->kind != NULL && f->has_book_year && f->has_number)
        {
          g_autofree char *kind = g_strndup (f->kind, f->kind_len);
          add_place (keys, kind, s->record_office, f->book_year, f->number);
        }
      return;
    }
  if (f->name != NULL && f->name_len > 0)
    add_person (keys, f->name, f->name_len, f->dob, f->dob_len, f->has_year, f->year);
  if (is (member, member_len, "id_document") && f->text_number != NULL && f->text_number_len > 0)
    add_number_text (keys, f->text_number, f->text_number_len);
  if (f->id != NULL && f->id_len > 0)
    add_id (keys, f->id, f->id_len);
  else if (f->kind != NULL && f->has_book_year && f->has_number)
    {
      Place *place = g_new0 (Place, 1);

      place->kind = g_strndup (f->kind, f->kind_len);
      place->office = f->office != NULL ? g_strndup (f->office, f->office_len) : NULL;
      place->book_year = f->book_year;
      place->number = f->number;
      g_ptr_array_add (s->places, place);
    }
}

static void
scan_object (Scan       *s,
             const char *member,
             gsize       member_len,
             Role        role,
             int         depth)
{
  Frame f = { 0 };

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
        const char *name;
        gsize len;
        Role child = ROLE_NODE;

        skip_space (s);
        if (!scan_string (s, &name, &len))
          {
            s->failed = TRUE;
            return;
          }
        skip_space (s);
        if (*s->p != ':')
          {
            s->failed = TRUE;
            return;
          }
        s->p++;
        if (role == ROLE_CHANGE && is (name, len, "record"))
          child = ROLE_RECORD;
        scan_value (s, &f, name, len, child, depth);
        if (s->failed)
          return;
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
            return;
          }
      }
  frame_keys (s, &f, member, member_len, role);
}

HtSyncKeys *
ht_sync_keys_of_change (const char *json,
                        HtStore    *store)
{
  g_autoptr(HtSyncKeys) keys = g_new0 (HtSyncKeys, 1);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  g_autofree char *record_office = NULL;
  Scan s = { json, keys, places, NULL, FALSE, FALSE };

  keys->stored = g_array_new (FALSE, FALSE, sizeof (guint64));
  keys->looked_up = g_array_new (FALSE, FALSE, sizeof (guint64));
  if (json != NULL)
    {
      skip_space (&s);
      if (*s.p == '{')
        scan_object (&s, "", 0, ROLE_CHANGE, 1);
      else
        s.failed = TRUE;
    }
  record_office = g_steal_pointer (&s.record_office);
  if (json == NULL || s.failed || !s.has_record_id)
    {
      keys->unreadable = TRUE;
      return g_steal_pointer (&keys);
    }

  /* References by place, in the record's office unless they name one; a
   * place in this register's own books is also resolved to the record's
   * id, so that it meets a reference to the same record by id. */
  for (guint i = 0; i < places->len; i++)
    {
      const Place *place = places->pdata[i];
      const char *office = place->office != NULL ? place->office : (record_office != NULL ? record_office : "");

      add_place (keys, place->kind, office, place->book_year, place->number);
      if (store != NULL && g_strcmp0 (office, ht_store_get_office (store)) == 0)
        {
          g_autoptr(cJSON) target = ht_store_get_by_number (store, place->kind, (gint64) place->book_year,
                                                            (gint64) place->number, NULL);
          const char *target_id = target != NULL ? ht_record_id (target) : NULL;

          if (target_id != NULL)
            add_id (keys, target_id, strlen (target_id));
        }
    }
  return g_steal_pointer (&keys);
}

void
ht_sync_keys_free (HtSyncKeys *keys)
{
  if (keys == NULL)
    return;
  g_array_unref (keys->stored);
  g_array_unref (keys->looked_up);
  g_free (keys);
}

HtSyncKeySet *
ht_sync_key_set_new (void)
{
  HtSyncKeySet *set = g_new0 (HtSyncKeySet, 1);

  set->stored = g_hash_table_new (g_direct_hash, g_direct_equal);
  set->looked_up = g_hash_table_new (g_direct_hash, g_direct_equal);
  return set;
}

void
ht_sync_key_set_free (HtSyncKeySet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->stored);
  g_hash_table_unref (set->looked_up);
  g_free (set);
}

static gpointer
as_key (guint64 h)
{
  /* On a 32-bit machine the hash is folded; a collision only makes a
   * change wait. */
  return GSIZE_TO_POINTER ((gsize) (h ^ (h >> 32 >> (sizeof (gsize) * 8 - 32))));
}

void
ht_sync_key_set_add (HtSyncKeySet     *set,
                     const HtSyncKeys *keys)
{
  if (keys->unreadable)
    set->unreadable++;
  for (guint i = 0; i < keys->stored->len; i++)
    g_hash_table_add (set->stored, as_key (g_array_index (keys->stored, guint64, i)));
  for (guint i = 0; i < keys->looked_up->len; i++)
    g_hash_table_add (set->looked_up, as_key (g_array_index (keys->looked_up, guint64, i)));
}

gboolean
ht_sync_key_set_meets (const HtSyncKeySet *set,
                       const HtSyncKeys   *keys)
{
  if (set->unreadable > 0 || keys->unreadable)
    return g_hash_table_size (set->stored) > 0 || set->unreadable > 0;
  for (guint i = 0; i < keys->looked_up->len; i++)
    if (g_hash_table_contains (set->stored, as_key (g_array_index (keys->looked_up, guint64, i))))
      return TRUE;
  for (guint i = 0; i < keys->stored->len; i++)
    if (g_hash_table_contains (set->looked_up, as_key (g_array_index (keys->stored, guint64, i))))
      return TRUE;
  return FALSE;
}
