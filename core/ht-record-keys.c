/* ht-record-keys.c — the keys a record is found by when rules check the register.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which keys a record is stored under is read from its text
 * (ht-record-keys-scan.c); this file says what each key is looked up by,
 * for the server's statements and for the sync client's hashes.
 */
#define G_LOG_DOMAIN "ht-core"

#include <string.h>

#include "ht-record.h"
#include "ht-record-keys.h"

const char *
ht_key_type_name (HtKeyType type)
{
  switch (type)
    {
    case HT_KEY_PIN:
      return "pin";
    case HT_KEY_DOC:
      return "doc";
    case HT_KEY_PERSON:
      return "person";
    case HT_KEY_REF_ID:
    case HT_KEY_REF_PLACE:
    case HT_KEY_OWN_ID:
    case HT_KEY_OWN_PLACE:
    default:
      return "ref";
    }
}

gboolean
ht_key_type_stored (HtKeyType type)
{
  return type != HT_KEY_OWN_ID && type != HT_KEY_OWN_PLACE;
}

char *
ht_record_key (HtKeyType   type,
               const char *value)
{
  return g_strconcat (ht_key_type_name (type), "\t", value, NULL);
}

gboolean
ht_record_key_parse (const char  *key,
                     HtKeyType   *type,
                     const char **value)
{
  static const struct { const char *prefix; HtKeyType type; } types[] = {
    { "pin\t", HT_KEY_PIN }, { "doc\t", HT_KEY_DOC }, { "person\t", HT_KEY_PERSON }, { "ref\t", HT_KEY_REF_ID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_prefix (key, types[i].prefix))
      {
        *type = types[i].type;
        *value = key + strlen (types[i].prefix);
        return TRUE;
      }
  return FALSE;
}

char *
ht_record_keys_normalize_doc (const char *number)
{
  GString *out = g_string_sized_new (strlen (number));

  for (const char *p = number; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

char *
ht_record_keys_place (const char *kind,
                      const char *office,
                      gint64      book_year,
                      gint64      number)
{
  return g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, kind, office != NULL ? office : "",
                          book_year, number);
}

/* ---- The server's record_keys ---- */

static void
collect_stored (HtKeyType   type,
                const char *value,
                gpointer    user_data)
{
  if (ht_key_type_stored (type))
    g_ptr_array_add (user_data, ht_record_key (type, value));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
stored_keys (const char *text,
             gboolean   *ok)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  guint kept = 0;

  *ok = ht_record_keys_scan (text, FALSE, collect_stored, keys);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      if (kept > 0 && strcmp (keys->pdata[i], keys->pdata[kept - 1]) == 0)
        g_free (keys->pdata[i]);
      else
        keys->pdata[kept++] = keys->pdata[i];
    }
  /* The duplicates were freed above. */
  g_ptr_array_set_free_func (keys, NULL);
  g_ptr_array_set_size (keys, kept);
  g_ptr_array_set_free_func (keys, g_free);
  return keys;
}

GPtrArray *
ht_record_keys_stored_text (const char *text)
{
  gboolean ok;

  /* A text that cannot be read gives the keys read before the fault;
   * the server passes text printed from a canonical tree. */
  return stored_keys (text, &ok);
}

GPtrArray *
ht_record_keys_stored (const cJSON *record)
{
  g_autofree char *text = ht_record_print (record);
  gboolean ok;
  GPtrArray *keys = stored_keys (text, &ok);

  /* A tree put together in code may have "data" before "kind": its
   * canonical form has them in order. */
  if (!ok)
    {
      g_autoptr(HtIssues) issues = ht_issues_new ();
      g_autoptr(cJSON) canonical = ht_record_canonicalize (record, issues);

      if (canonical != NULL)
        {
          g_autofree char *canonical_text = ht_record_print (canonical);

          g_ptr_array_unref (keys);
          keys = stored_keys (canonical_text, &ok);
        }
    }
  return keys;
}

void
ht_record_keys_foreach_lookup (HtKeyType   type,
                               const char *value,
                               HtKeyFunc   func,
                               gpointer    user_data)
{
  if (type == HT_KEY_PIN || type == HT_KEY_DOC)
    {
      func (HT_KEY_PIN, value, user_data);
      func (HT_KEY_DOC, value, user_data);
    }
  else if (type == HT_KEY_PERSON)
    {
      const char *bar = strrchr (value, '|');
      gsize len;
      char buf[256];
      g_autofree char *big = NULL;
      char *by_year;

      /* A name with the year alone is never asked for. */
      if (bar == NULL || strlen (bar + 1) <= 4)
        return;
      func (HT_KEY_PERSON, value, user_data);
      len = (gsize) (bar - value) + 1 + 4;
      by_year = len < sizeof buf ? buf : (big = g_malloc (len + 1));
      memcpy (by_year, value, len);
      by_year[len] = '\0';
      func (HT_KEY_PERSON, by_year, user_data);
    }
}

void
ht_record_keys_of_person (const char *pin,
                          const char *doc_number,
                          const char *folded_name,
                          const char *date_of_birth,
                          HtKeyFunc   func,
                          gpointer    user_data)
{
  /* A PIN is matched against both kinds of number; a rule may pass an
   * identity card's number as the PIN, written as the clerk typed it. */
  if (pin != NULL)
    {
      g_autofree char *number = ht_record_keys_normalize_doc (pin);
      if (number[0] != '\0')
        ht_record_keys_foreach_lookup (HT_KEY_PIN, number, func, user_data);
    }
  if (doc_number != NULL)
    {
      g_autofree char *doc = ht_record_keys_normalize_doc (doc_number);
      if (doc[0] != '\0')
        func (HT_KEY_DOC, doc, user_data);
    }
  /* A name alone is too weak to act on; a full date of birth also finds
   * the same name recorded with the year alone. */
  if (folded_name != NULL && folded_name[0] != '\0' && date_of_birth != NULL && strlen (date_of_birth) >= 4)
    {
      g_autofree char *by_date = g_strconcat (folded_name, "|", date_of_birth, NULL);
      g_autofree char *by_year = g_strdup_printf ("%s|%.4s", folded_name, date_of_birth);

      func (HT_KEY_PERSON, by_date, user_data);
      func (HT_KEY_PERSON, by_year, user_data);
    }
}

/* ---- Which changes depend on each other ---- */

static guint64
fnv (guint64     h,
     guchar      c)
{
  return (h ^ c) * G_GUINT64_CONSTANT (0x100000001b3);
}

guint64
ht_record_key_hash (HtKeyType   type,
                    const char *value)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gboolean ref = FALSE;

  switch (type)
    {
    case HT_KEY_PIN:
    case HT_KEY_DOC:
      h = fnv (h, 'n');
      break;
    case HT_KEY_PERSON:
      h = fnv (h, 'p');
      break;
    case HT_KEY_REF_ID:
    case HT_KEY_REF_PLACE:
    case HT_KEY_OWN_ID:
    case HT_KEY_OWN_PLACE:
    default:
      h = fnv (h, 'r');
      ref = TRUE;
      break;
    }
  h = fnv (h, '\t');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (ref && c >= 'A' && c <= 'Z')
        c = (guchar) (c - 'A' + 'a');
      h = fnv (h, c);
    }
  return h;
}

/* Hashes as they are found, kept here and appended to the caller's array
 * in runs: a change gives some twenty, and GArray's append per hash cost
 * more than the hash. */
#define HASH_RUN 32

typedef struct
{
  GArray  *array;
  guint64  run[HASH_RUN];
  guint    n;
} HashList;

static void
hash_list_flush (HashList *list)
{
  if (list->n > 0)
    g_array_append_vals (list->array, list->run, list->n);
  list->n = 0;
}

static void
hash_list_add (HashList *list,
               guint64   h)
{
  /* A PIN is looked up as both kinds of number, one class here: the same
   * hash twice in a row is kept once. */
  if (list->n > 0 ? list->run[list->n - 1] == h
                  : list->array->len > 0 && g_array_index (list->array, guint64, list->array->len - 1) == h)
    return;
  if (list->n == HASH_RUN)
    hash_list_flush (list);
  list->run[list->n++] = h;
}

typedef struct
{
  HashList        stored;
  HashList        looked_up;
  HtKeyPlaceFunc  resolve;
  gpointer        user_data;
} Change;

/* ht_record_key_hash() of a name key "name|date", and in *by_year that of
 * the same name with the year alone ("name|yyyy", what
 * ht_record_keys_foreach_lookup() looks up beside it), in one pass: the
 * hash of a prefix is the state after its last byte.  *by_year is left as
 * it was when the date after the last '|' has four characters or fewer
 * (a name with a year alone is never asked for). */
static guint64
person_hashes (const char *value,
               guint64    *by_year,
               gboolean   *has_by_year)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  const char *bar = strrchr (value, '|');
  const char *year_end = bar != NULL ? bar + 5 : NULL;

  *has_by_year = FALSE;
  h = fnv (h, 'p');
  h = fnv (h, '\t');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (p == year_end)
        {
          /* More than four characters after the bar: a full date. */
          *by_year = h;
          *has_by_year = TRUE;
        }
      h = fnv (h, (guchar) *p);
    }
  return h;
}

/* The id of the record at "place" ("kind/office/book_year/number"). */
static char *
resolve_place (Change     *c,
               const char *place)
{
  g_auto(GStrv) parts = g_strsplit (place, "/", 4);
  gint64 year, number;

  if (g_strv_length (parts) != 4 || !g_ascii_string_to_signed (parts[2], 10, G_MININT64, G_MAXINT64, &year, NULL) ||
      !g_ascii_string_to_signed (parts[3], 10, G_MININT64, G_MAXINT64, &number, NULL))
    return NULL;
  return c->resolve (parts[0], parts[1], year, number, c->user_data);
}

/* The hashes of one key: each is worked out once, though a key gives the
 * same hash as stored and as looked up (ht_record_keys_foreach_lookup()
 * looks a PIN up as itself and as a document number, one class here, and
 * a name with a full date as itself and with the year alone). */
static void
change_key (HtKeyType   type,
            const char *value,
            gpointer    user_data)
{
  Change *c = user_data;
  guint64 h;

  switch (type)
    {
    case HT_KEY_PIN:
    case HT_KEY_DOC:
      /* Found by it; its rules ask for what it gives. */
      h = ht_record_key_hash (type, value);
      hash_list_add (&c->stored, h);
      hash_list_add (&c->looked_up, h);
      break;
    case HT_KEY_PERSON:
      {
        guint64 by_year = 0;
        gboolean has_by_year;

        h = person_hashes (value, &by_year, &has_by_year);
        hash_list_add (&c->stored, h);
        if (has_by_year)
          {
            hash_list_add (&c->looked_up, h);
            hash_list_add (&c->looked_up, by_year);
          }
      }
      break;
    case HT_KEY_REF_PLACE:
      if (c->resolve != NULL)
        {
          g_autofree char *id = resolve_place (c, value);
          if (id != NULL)
            change_key (HT_KEY_REF_ID, id, c);
        }
      G_GNUC_FALLTHROUGH;
    case HT_KEY_REF_ID:
    case HT_KEY_OWN_ID:
    case HT_KEY_OWN_PLACE:
    default:
      /* A reference resolves to its target, whose own id and place are
       * these; the records referring to one record find each other
       * (find_referencing). */
      h = ht_record_key_hash (type, value);
      hash_list_add (&c->stored, h);
      hash_list_add (&c->looked_up, h);
      break;
    }
}

/* Whether a push change's JSON names its record (its record_id). */
static void
note_own_id (HtKeyType   type,
             const char *value,
             gpointer    user_data)
{
  if (type == HT_KEY_OWN_ID)
    *(gboolean *) user_data = TRUE;
}

typedef struct
{
  Change   change;
  gboolean has_id;
} ChangeScan;

static void
change_scan_key (HtKeyType   type,
                 const char *value,
                 gpointer    user_data)
{
  ChangeScan *cs = user_data;

  note_own_id (type, value, &cs->has_id);
  change_key (type, value, &cs->change);
}

gboolean
ht_record_keys_of_change (const char     *json,
                          HtKeyPlaceFunc  resolve,
                          gpointer        user_data,
                          GArray         *stored,
                          GArray         *looked_up)
{
  ChangeScan cs = { { { stored, { 0 }, 0 }, { looked_up, { 0 }, 0 }, resolve, user_data }, FALSE };
  gboolean ok;

  g_return_val_if_fail (stored != NULL && looked_up != NULL, FALSE);
  ok = ht_record_keys_scan (json, TRUE, change_scan_key, &cs);
  /* What was found before a fault is given too, as it always was. */
  hash_list_flush (&cs.change.stored);
  hash_list_flush (&cs.change.looked_up);
  return ok && cs.has_id;
}
