/* test-record-keys.c — one derivation of record keys for the server and the sync client.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The central server stores each record's keys (record_keys) and looks
 * records up by them while its rules run; the sync client holds back a
 * change whose rules could find a record of a batch in flight.  Both take
 * their keys from core/ht-record-keys.c.  These tests pin what the server
 * stores (the rows of existing registers hold those strings), and check,
 * for records of every kind, that every key the server's rules ask for and
 * every key a record is stored under are keys the client waits on.
 *
 * Usage: test-record-keys FIXTURES.jsonl (records of every kind).
 */
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "../ht-check-run.h"
#include "ht-fold.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-record-keys.h"

#define OFFICE "00004"
#define GENERATED 400

static const char *fixtures_path;

/* ---- The server's record_keys as they were before core derived them ----
 *
 * server/hs-keys.c's hs_record_keys() as of the first central schema, over
 * a cJSON tree: the values of existing record_keys rows.  Kept here as the
 * reference the derivation must keep giving. */

typedef struct
{
  const cJSON *record;
  GPtrArray   *keys;
} Walk;

static void
oracle_add (GPtrArray  *keys,
            const char *type,
            const char *value)
{
  char *key = g_strconcat (type, "\t", value, NULL);

  if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_free (key);
  else
    g_ptr_array_add (keys, key);
}

static const cJSON *
oracle_parent (const cJSON *record,
               const char  *path)
{
  const char *dot = strrchr (path, '.');
  g_autofree char *parent = NULL;

  if (dot == NULL)
    return record;
  parent = g_strndup (path, dot - path);
  return ht_record_get_path (record, parent);
}

static void
oracle_flagged (const HtField *field,
                const char    *path,
                const cJSON   *value,
                gpointer       user_data)
{
  Walk *walk = user_data;

  if (!cJSON_IsString (value) || value->valuestring[0] == '\0')
    return;
  if (field->flags & HT_F_PIN)
    oracle_add (walk->keys, "pin", value->valuestring);
  if (field->flags & HT_F_DOC_NUMBER)
    {
      GString *doc = g_string_new (NULL);
      for (const char *p = value->valuestring; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (doc, g_ascii_toupper (*p));
      if (doc->len > 0)
        oracle_add (walk->keys, "doc", doc->str);
      g_string_free (doc, TRUE);
    }
  if (field->flags & HT_F_SEARCH_NAME)
    {
      g_autofree char *folded = ht_fold (value->valuestring);
      g_autofree char *key = NULL;
      const cJSON *parent = oracle_parent (walk->record, path);
      const cJSON *dob = cJSON_GetObjectItemCaseSensitive (parent, "date_of_birth");
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (parent, "birth_year");

      if (folded == NULL || folded[0] == '\0')
        return;
      if (cJSON_IsString (dob))
        key = g_strconcat (folded, "|", dob->valuestring, NULL);
      else if (cJSON_IsNumber (year))
        key = g_strdup_printf ("%s|%d", folded, year->valueint);
      if (key != NULL)
        oracle_add (walk->keys, "person", key);
    }
}

static void
oracle_refs (Walk        *walk,
             const cJSON *node,
             const char  *office)
{
  const cJSON *child;

  if (cJSON_IsObject (node))
    {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive (node, "id");
      const cJSON *kind = cJSON_GetObjectItemCaseSensitive (node, "kind");
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (node, "book_year");
      const cJSON *number = cJSON_GetObjectItemCaseSensitive (node, "number");

      if (cJSON_IsString (id) && id->valuestring[0] != '\0')
        oracle_add (walk->keys, "ref", id->valuestring);
      else if (cJSON_IsString (kind) && cJSON_IsNumber (year) && cJSON_IsNumber (number))
        {
          const cJSON *ref_office = cJSON_GetObjectItemCaseSensitive (node, "office");
          g_autofree char *key = g_strdup_printf ("%s/%s/%.0f/%.0f", kind->valuestring,
                                                  cJSON_IsString (ref_office) ? ref_office->valuestring : office,
                                                  year->valuedouble, number->valuedouble);
          oracle_add (walk->keys, "ref", key);
        }
    }
  if (cJSON_IsObject (node) || cJSON_IsArray (node))
    cJSON_ArrayForEach (child, node)
      oracle_refs (walk, child, office);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
oracle_keys (const cJSON *record)
{
  Walk walk = { record, g_ptr_array_new_with_free_func (g_free) };
  const cJSON *pin = cJSON_GetObjectItemCaseSensitive (record, "pin");
  const char *office = ht_record_office (record);

  ht_record_foreach_flagged (record, HT_F_PIN | HT_F_DOC_NUMBER | HT_F_SEARCH_NAME, oracle_flagged, &walk);
  if (cJSON_IsString (pin) && pin->valuestring[0] != '\0')
    oracle_add (walk.keys, "pin", pin->valuestring);
  oracle_refs (&walk, ht_record_data (record), office != NULL ? office : "");
  g_ptr_array_sort (walk.keys, compare_strings);
  return walk.keys;
}

/* ---- Records of every kind ---- */

static const cJSON *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (ht_record_id (records->pdata[i]), id) == 0)
      return records->pdata[i];
  return NULL;
}

/* The first object of "node" that refers to a record by id. */
static cJSON *
first_ref (cJSON *node)
{
  cJSON *child;

  if (cJSON_IsObject (node) && cJSON_IsString (cJSON_GetObjectItemCaseSensitive (node, "id")))
    return node;
  cJSON_ArrayForEach (child, node)
    {
      cJSON *found = first_ref (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
add_twins (GPtrArray   *records,
           const cJSON *record)
{
  for (int with_office = 0; with_office < 2; with_office++)
    {
      cJSON *twin = cJSON_Duplicate (record, TRUE);
      cJSON *ref = first_ref (ht_record_data (twin));
      const cJSON *target = ref != NULL ? find_record (records, cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "id"))) : NULL;
      g_autofree char *id = g_strdup_printf ("22222222-2222-4222-8222-%012u", records->len);

      if (target == NULL)
        {
          cJSON_Delete (twin);
          return;
        }
      cJSON_DeleteItemFromObjectCaseSensitive (ref, "id");
      cJSON_AddStringToObject (ref, "kind", ht_record_kind_code (target));
      if (with_office)
        cJSON_AddStringToObject (ref, "office", ht_record_office (target));
      cJSON_AddNumberToObject (ref, "book_year", (double) ht_record_book_year (target));
      cJSON_AddNumberToObject (ref, "number", (double) ht_record_number (target));
      cJSON_ReplaceItemInObjectCaseSensitive (twin, "id", cJSON_CreateString (id));
      cJSON_ReplaceItemInObjectCaseSensitive (twin, "number", cJSON_CreateNumber (200 + records->len));
      g_ptr_array_add (records, twin);
    }
}

/* The fixtures (every kind) and generated records (the common kinds, in
 * a commune's proportions, people recurring as in a real register). */
static GPtrArray *
load_records (void)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(HtGen) gen = NULL;
  GDate from, to;
  cJSON *record;
  guint n = 0;

  ck_assert_msg (g_file_get_contents (fixtures_path, &text, NULL, &error), "%s", error ? error->message : "");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(HtIssues) issues = ht_issues_new ();

      if (lines[i][0] == '\0')
        continue;
      record = ht_record_parse (lines[i], -1, issues);
      ck_assert_msg (record != NULL, "fixture line %u does not parse", i + 1);
      g_ptr_array_add (records, record);
    }

  /* Every fixture gets a place in its book, and each reference by id a
   * twin referring to the same record by place (in the record's office,
   * then naming it), so that places meet ids. */
  for (guint i = 0, n_fixtures = records->len; i < n_fixtures; i++)
    {
      record = records->pdata[i];
      if (ht_record_number (record) == 0)
        {
          cJSON_ReplaceItemInObjectCaseSensitive (record, "book_year", cJSON_CreateNumber (2025));
          cJSON_ReplaceItemInObjectCaseSensitive (record, "number", cJSON_CreateNumber (100 + i));
        }
    }
  for (guint i = 0, n_fixtures = records->len; i < n_fixtures; i++)
    add_twins (records, records->pdata[i]);

  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2024);
  g_date_set_dmy (&to, 31, G_DATE_OCTOBER, 2026);
  gen = ht_gen_new (OFFICE, 11, &from, &to, GENERATED, TRUE, &error);
  ck_assert_msg (gen != NULL, "%s", error ? error->message : "");
  while ((record = ht_gen_next (gen, &error)) != NULL)
    {
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", ++n);

      cJSON_ReplaceItemInObjectCaseSensitive (record, "id", cJSON_CreateString (id));
      g_ptr_array_add (records, record);
    }
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  return records;
}

static gboolean
same_keys (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
joined (GPtrArray *keys)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) keys->pdata[i]);
  return g_string_free (out, FALSE);
}

static void
assert_stored_as_before (const cJSON *record)
{
  g_autoptr(GPtrArray) expected = oracle_keys (record);
  g_autoptr(GPtrArray) got = ht_record_keys_stored (record);

  if (!same_keys (expected, got))
    {
      g_autofree char *e = joined (expected);
      g_autofree char *g = joined (got);
      ck_abort_msg ("record %s: keys\n%s instead of\n%s", ht_record_id (record), g, e);
    }
}

START_TEST (test_stored_as_before)
{
  g_autoptr(GPtrArray) records = load_records ();
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < records->len; i++)
    {
      assert_stored_as_before (records->pdata[i]);
      g_hash_table_add (kinds, (gpointer) ht_record_kind_code (records->pdata[i]));
    }
  /* Every kind of the registry was seen. */
  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    ck_assert_msg (g_hash_table_contains (kinds, (*k)->code), "no record of kind %s", (*k)->code);
}
END_TEST

/* Text the printer escapes, refs by place with and without an office, a
 * PIN with spaces in a document number, a name without any birth. */
START_TEST (test_stored_escapes)
{
  g_autoptr(GPtrArray) records = load_records ();
  cJSON *birth = NULL;

  for (guint i = 0; i < records->len && birth == NULL; i++)
    if (g_strcmp0 (ht_record_kind_code (records->pdata[i]), "birth") == 0)
      birth = records->pdata[i];
  ck_assert_ptr_nonnull (birth);

  {
    g_autoptr(cJSON) r = cJSON_Duplicate (birth, TRUE);
    cJSON *data = ht_record_data (r);
    cJSON *child = cJSON_GetObjectItemCaseSensitive (data, "child");
    cJSON *mother = cJSON_GetObjectItemCaseSensitive (data, "mother");
    cJSON *doc = cJSON_CreateObject ();
    cJSON *ref = cJSON_CreateObject ();
    cJSON *other = cJSON_CreateObject ();
    g_autoptr(GPtrArray) keys = NULL;

    cJSON_ReplaceItemInObjectCaseSensitive (child, "full_name",
                                            cJSON_CreateString ("Lê \"Văn\" \\ An\t\x01 \xf0\x9f\x98\x80 Đặng"));
    cJSON_DeleteItemFromObjectCaseSensitive (mother, "birth_year");
    cJSON_AddStringToObject (doc, "type", "passport");
    cJSON_AddStringToObject (doc, "number", " b 12\t34 ");
    cJSON_DeleteItemFromObjectCaseSensitive (mother, "id_document");
    cJSON_AddItemToObject (mother, "id_document", doc);
    cJSON_AddStringToObject (ref, "kind", "marriage");
    cJSON_AddNumberToObject (ref, "book_year", 2024);
    cJSON_AddNumberToObject (ref, "number", 7);
    cJSON_AddItemToObject (data, "x_ref", ref);
    cJSON_AddStringToObject (other, "kind", "birth");
    cJSON_AddStringToObject (other, "office", "\u00e900001");
    cJSON_AddNumberToObject (other, "book_year", 2020);
    cJSON_AddNumberToObject (other, "number", 3);
    cJSON_AddItemToObject (data, "y_ref", other);
    assert_stored_as_before (r);

    keys = ht_record_keys_stored (r);
    ck_assert (g_ptr_array_find_with_equal_func (keys, "doc\tB1234", g_str_equal, NULL));
    ck_assert (g_ptr_array_find_with_equal_func (keys, "ref\tmarriage/" OFFICE "/2024/7", g_str_equal, NULL));
  }
}
END_TEST

START_TEST (test_unreadable)
{
  g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) looked_up = g_array_new (FALSE, FALSE, sizeof (guint64));
  static const char *const bad[] = {
    "", "null", "{", "{\"record_id\":", "{\"record_id\":\"a\"", "{\"record_id\":\"a\",}",
    "{\"record_id\":\"a\",\"record\":{\"data\":{},\"kind\":\"birth\"}}",
    "{\"record_id\":\"a\",\"record\":{\"kind\":\"birth\",\"data\":{\"child\":{\"full_name\":\"\\ud800\"}}}}",
    "{\"record_id\":\"a\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    "{\"op\":\"record\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (!ht_record_keys_of_change (bad[i], NULL, NULL, stored, looked_up), "read %s", bad[i]);
  ck_assert (!ht_record_keys_of_change (NULL, NULL, NULL, stored, looked_up));

  /* Every cut of a real change, and every byte of it turned into one of
   * JSON's structural characters: read or refused, never a crash (the
   * sanitizer builds run this too). */
  {
    g_autoptr(GPtrArray) records = load_records ();

    for (guint r = 0; r < records->len && r < 16; r++)
      {
        g_autofree char *text = ht_record_print (records->pdata[r]);
        g_autofree char *change = g_strdup_printf ("{\"record_id\":\"%s\",\"op\":\"record\",\"record\":%s}",
                                                   ht_record_id (records->pdata[r]), text);
        gsize len = strlen (change);
        static const char structural[] = "\"\\{}[],:-0ex ";

        for (gsize cut = 0; cut < len; cut++)
          {
            g_autofree char *prefix = g_strndup (change, cut);
            g_autoptr(GPtrArray) keys = ht_record_keys_stored_text (prefix);

            ck_assert_msg (!ht_record_keys_of_change (prefix, NULL, NULL, stored, looked_up),
                           "read a change cut at %" G_GSIZE_FORMAT, cut);
          }
        for (gsize at = 0; at < len; at += 3)
          for (guint c = 0; c < sizeof structural - 1; c++)
            {
              g_autofree char *mutated = g_strdup (change);
              g_autoptr(GPtrArray) keys = NULL;

              mutated[at] = structural[c];
              keys = ht_record_keys_stored_text (mutated);
              (void) ht_record_keys_of_change (mutated, NULL, NULL, stored, looked_up);
            }
        g_array_set_size (stored, 0);
        g_array_set_size (looked_up, 0);
      }
  }
  ck_assert (ht_record_keys_of_change ("{\"record_id\":\"a\",\"op\":\"review\",\"review\":{\"state\":\"approved\"}}",
                                       NULL, NULL, stored, looked_up));
}
END_TEST

/* ---- What the server's rules ask, against what the client waits on ---- */

typedef struct
{
  GArray  *stored;     /* guint64 */
  GArray  *looked_up;
} ClientKeys;

typedef struct
{
  GPtrArray  *records;     /* the register */
  GHashTable *stored_of;   /* record → GPtrArray of server keys (with own id and place) */
  GHashTable *client_of;   /* record → ClientKeys */
  const cJSON *validating;
  GHashTable *first_ids;   /* ids a first-order lookup may name */
  GPtrArray  *asked;       /* keys asked at first order */
  GPtrArray  *asked_person;/* of those, by find_person and by R's own refs */
  guint       second_order;
  guint       n_asked;
  guint       n_pairs;
} Register;

static void
client_keys_free (ClientKeys *c)
{
  g_array_unref (c->stored);
  g_array_unref (c->looked_up);
  g_free (c);
}

static gboolean
has_hash (GArray  *hashes,
          guint64  h)
{
  for (guint i = 0; i < hashes->len; i++)
    if (g_array_index (hashes, guint64, i) == h)
      return TRUE;
  return FALSE;
}

static guint64
hash_of_key (const char *key)
{
  HtKeyType type;
  const char *value;

  ck_assert_msg (ht_record_key_parse (key, &type, &value), "not a key: %s", key);
  return ht_record_key_hash (type, value);
}

static const cJSON *
by_id (Register   *reg,
       const char *id)
{
  for (guint i = 0; id != NULL && i < reg->records->len; i++)
    if (g_strcmp0 (ht_record_id (reg->records->pdata[i]), id) == 0)
      return reg->records->pdata[i];
  return NULL;
}

static const cJSON *
by_place (Register   *reg,
          const char *kind,
          const char *office,
          gint64      year,
          gint64      number)
{
  for (guint i = 0; i < reg->records->len; i++)
    {
      const cJSON *r = reg->records->pdata[i];

      if (g_strcmp0 (ht_record_kind_code (r), kind) == 0 && g_strcmp0 (ht_record_office (r), office) == 0 &&
          ht_record_book_year (r) == year && ht_record_number (r) == number && number > 0)
        return r;
    }
  return NULL;
}

/* The client's register knows its own office's books. */
static char *
resolve_place (const char *kind,
               const char *office,
               gint64      book_year,
               gint64      number,
               gpointer    user_data)
{
  const cJSON *r = g_strcmp0 (office, OFFICE) == 0 ? by_place (user_data, kind, office, book_year, number) : NULL;

  return r != NULL ? g_strdup (ht_record_id (r)) : NULL;
}

static void
collect_all (HtKeyType   type,
             const char *value,
             gpointer    user_data)
{
  g_ptr_array_add (user_data, ht_record_key (type, value));
}

static void
register_init (Register *reg)
{
  reg->records = load_records ();
  reg->stored_of = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  reg->client_of = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) client_keys_free);
  for (guint i = 0; i < reg->records->len; i++)
    {
      cJSON *r = reg->records->pdata[i];
      g_autofree char *text = ht_record_print (r);
      g_autofree char *change = g_strdup_printf ("{\"change_id\":\"c\",\"record_id\":\"%s\",\"base_version\":0,"
                                                 "\"op\":\"record\",\"record\":%s}", ht_record_id (r), text);
      GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
      ClientKeys *c = g_new0 (ClientKeys, 1);

      /* Everything the server finds the record by: record_keys, its id
       * and its place (resolve_ref). */
      ck_assert (ht_record_keys_scan (text, FALSE, collect_all, keys));
      g_hash_table_insert (reg->stored_of, r, keys);
      c->stored = g_array_new (FALSE, FALSE, sizeof (guint64));
      c->looked_up = g_array_new (FALSE, FALSE, sizeof (guint64));
      ck_assert (ht_record_keys_of_change (change, resolve_place, reg, c->stored, c->looked_up));
      g_hash_table_insert (reg->client_of, r, c);
    }
}

static void
register_clear (Register *reg)
{
  g_hash_table_unref (reg->stored_of);
  g_hash_table_unref (reg->client_of);
  g_ptr_array_unref (reg->records);
}

static gboolean
record_has_key (Register    *reg,
                const cJSON *record,
                const char  *key)
{
  GPtrArray *keys = g_hash_table_lookup (reg->stored_of, record);

  return g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL);
}

static void
ask (Register   *reg,
     const char *key,
     gboolean    first_order,
     gboolean    own)
{
  reg->n_asked++;
  if (!first_order)
    {
      reg->second_order++;
      return;
    }
  g_ptr_array_add (reg->asked, g_strdup (key));
  if (own)
    g_ptr_array_add (reg->asked_person, g_strdup (key));
}

/* The registered records (of "kind") found by any of "keys", as the
 * server's find_person and find_referencing answer. */
static cJSON *
find_by_keys (Register   *reg,
              GPtrArray  *keys,
              const char *kind,
              gboolean    registered_only)
{
  cJSON *out = cJSON_CreateArray ();

  for (guint i = 0; i < reg->records->len; i++)
    {
      const cJSON *r = reg->records->pdata[i];
      const char *status = ht_record_status (r);
      gboolean found = FALSE;

      if ((registered_only && g_strcmp0 (status, "registered") != 0) || g_strcmp0 (status, "draft") == 0)
        continue;
      if (kind != NULL && g_strcmp0 (ht_record_kind_code (r), kind) != 0)
        continue;
      for (guint k = 0; k < keys->len && !found; k++)
        found = record_has_key (reg, r, keys->pdata[k]);
      if (found)
        cJSON_AddItemToArray (out, cJSON_Duplicate (r, TRUE));
    }
  return out;
}

static cJSON *
rec_find_person (gpointer    user_data,
                 const char *kind,
                 const char *pin,
                 const char *doc_number,
                 const char *folded_name,
                 const char *date_of_birth)
{
  Register *reg = user_data;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  ht_record_keys_of_person (pin, doc_number, folded_name, date_of_birth, collect_all, keys);
  /* The rules ask about the people of the record they check. */
  for (guint k = 0; k < keys->len; k++)
    ask (reg, keys->pdata[k], TRUE, TRUE);
  return find_by_keys (reg, keys, kind, TRUE);
}

static gboolean
within (const cJSON *tree,
        const cJSON *node)
{
  const cJSON *child;

  if (tree == node)
    return TRUE;
  cJSON_ArrayForEach (child, tree)
    if (within (child, node))
      return TRUE;
  return FALSE;
}

static cJSON *
rec_resolve_ref (gpointer     user_data,
                 const cJSON *ref)
{
  Register *reg = user_data;
  const char *id = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "id"));
  const char *kind = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "kind"));
  const char *office = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "office"));
  const cJSON *year = cJSON_GetObjectItemCaseSensitive (ref, "book_year");
  const cJSON *number = cJSON_GetObjectItemCaseSensitive (ref, "number");
  /* A ref of the record itself, or one of a record found through it. */
  gboolean first = within (reg->validating, ref);
  const cJSON *target = NULL;
  g_autofree char *key = NULL;

  if (id != NULL)
    {
      key = ht_record_key (HT_KEY_OWN_ID, id);
      target = by_id (reg, id);
    }
  else if (kind != NULL && cJSON_IsNumber (year) && cJSON_IsNumber (number))
    {
      g_autofree char *place = NULL;

      if (office == NULL)
        office = ht_record_office (reg->validating);
      place = ht_record_keys_place (kind, office, (gint64) year->valuedouble, (gint64) number->valuedouble);
      key = ht_record_key (HT_KEY_OWN_PLACE, place);
      target = by_place (reg, kind, office, (gint64) year->valuedouble, (gint64) number->valuedouble);
    }
  if (key == NULL)
    return NULL;
  ask (reg, key, first, first);
  if (target == NULL || g_strcmp0 (ht_record_status (target), "draft") == 0)
    return NULL;
  if (first)
    g_hash_table_add (reg->first_ids, g_strdup (ht_record_id (target)));
  return cJSON_Duplicate (target, TRUE);
}

static cJSON *
rec_find_referencing (gpointer    user_data,
                      const char *id)
{
  Register *reg = user_data;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const cJSON *target = by_id (reg, id);
  gboolean first = g_hash_table_contains (reg->first_ids, id);

  g_ptr_array_add (keys, ht_record_key (HT_KEY_REF_ID, id));
  ask (reg, keys->pdata[0], first, first);
  if (target != NULL && ht_record_number (target) > 0)
    {
      g_autofree char *place = ht_record_keys_place (ht_record_kind_code (target), ht_record_office (target),
                                                     ht_record_book_year (target), ht_record_number (target));
      g_ptr_array_add (keys, ht_record_key (HT_KEY_REF_PLACE, place));
      /* Found by the records referring to the target by place: those the
       * client resolves to the target's id. */
      ask (reg, keys->pdata[1], first, FALSE);
    }
  return find_by_keys (reg, keys, NULL, FALSE);
}

static gboolean
client_meets (const ClientKeys *a,
              const ClientKeys *b)
{
  for (guint i = 0; i < a->looked_up->len; i++)
    if (has_hash (b->stored, g_array_index (a->looked_up, guint64, i)))
      return TRUE;
  for (guint i = 0; i < a->stored->len; i++)
    if (has_hash (b->looked_up, g_array_index (a->stored, guint64, i)))
      return TRUE;
  return FALSE;
}

START_TEST (test_client_covers_server)
{
  Register reg = { 0 };
  HtLookup lookup = { 0 };
  HtValidateOptions options;

  register_init (&reg);
  lookup.user_data = &reg;
  lookup.find_person = rec_find_person;
  lookup.resolve_ref = rec_resolve_ref;
  lookup.find_referencing = rec_find_referencing;
  ht_validate_options_init (&options);
  options.lookup = &lookup;
  options.digitised = TRUE;

  for (guint i = 0; i < reg.records->len; i++)
    {
      const cJSON *r = reg.records->pdata[i];
      ClientKeys *client = g_hash_table_lookup (reg.client_of, r);
      GPtrArray *stored = g_hash_table_lookup (reg.stored_of, r);
      g_autoptr(HtIssues) issues = NULL;
      g_autoptr(GPtrArray) prefetch = g_ptr_array_new_with_free_func (g_free);

      /* Every key it is stored and found under is one the client stores. */
      for (guint k = 0; k < stored->len; k++)
        ck_assert_msg (has_hash (client->stored, hash_of_key (stored->pdata[k])),
                       "record %s: the client does not store %s", ht_record_id (r), (char *) stored->pdata[k]);

      /* What the server prefetches for its rules is what the client
       * looks up. */
      for (guint k = 0; k < stored->len; k++)
        {
          HtKeyType type;
          const char *value;

          ck_assert (ht_record_key_parse (stored->pdata[k], &type, &value));
          ht_record_keys_foreach_lookup (type, value, collect_all, prefetch);
        }
      for (guint k = 0; k < prefetch->len; k++)
        ck_assert_msg (has_hash (client->looked_up, hash_of_key (prefetch->pdata[k])),
                       "record %s: the server prefetches %s, which the client does not look up",
                       ht_record_id (r), (char *) prefetch->pdata[k]);

      reg.validating = r;
      reg.first_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (reg.first_ids, g_strdup (ht_record_id (r)));
      reg.asked = g_ptr_array_new_with_free_func (g_free);
      reg.asked_person = g_ptr_array_new_with_free_func (g_free);
      issues = ht_validate (r, &options);

      /* Every key its rules ask about the record's own people and refs is
       * one the client looks up. */
      for (guint k = 0; k < reg.asked_person->len; k++)
        ck_assert_msg (has_hash (client->looked_up, hash_of_key (reg.asked_person->pdata[k])),
                       "record %s (%s): the server asks %s, which the client does not look up",
                       ht_record_id (r), ht_record_kind_code (r), (char *) reg.asked_person->pdata[k]);

      /* Whatever any key asked finds, the client holds the record back for. */
      for (guint k = 0; k < reg.asked->len; k++)
        for (guint j = 0; j < reg.records->len; j++)
          {
            const cJSON *other = reg.records->pdata[j];

            if (other == r || !record_has_key (&reg, other, reg.asked->pdata[k]))
              continue;
            reg.n_pairs++;
            ck_assert_msg (client_meets (client, g_hash_table_lookup (reg.client_of, other)),
                           "record %s (%s) finds %s (%s) by %s, but the client would send them together",
                           ht_record_id (r), ht_record_kind_code (r), ht_record_id (other),
                           ht_record_kind_code (other), (char *) reg.asked->pdata[k]);
          }
      g_clear_pointer (&reg.asked, g_ptr_array_unref);
      g_clear_pointer (&reg.asked_person, g_ptr_array_unref);
      g_clear_pointer (&reg.first_ids, g_hash_table_unref);
    }
  /* The check ran on something. */
  ck_assert_uint_gt (reg.n_asked, 100);
  ck_assert_uint_gt (reg.n_pairs, 10);
  fprintf (stderr, "test-record-keys: %u keys asked, %u pairs found by them; %u asked about records found"
           " through others (not covered by the client's keys)\n", reg.n_asked, reg.n_pairs, reg.second_order);
  register_clear (&reg);
}
END_TEST

/* ---- The client's hashes, exactly ----
 *
 * ht_record_keys_of_change() works each hash out once and in one pass (a
 * name's with the year alone from the same pass as the full one).  Here
 * they are made the plain way — every key the scan gives hashed by
 * ht_record_key_hash(), stored, and looked up as
 * ht_record_keys_foreach_lookup() says — and the two must be the same
 * arrays, element for element. */

typedef struct
{
  GArray         *stored;
  GArray         *looked_up;
  HtKeyPlaceFunc  resolve;
  gpointer        user_data;
} Plain;

static void
plain_add (GArray     *to,
           HtKeyType   type,
           const char *value)
{
  guint64 h = ht_record_key_hash (type, value);

  if (to->len == 0 || g_array_index (to, guint64, to->len - 1) != h)
    g_array_append_val (to, h);
}

static void
plain_looked_up (HtKeyType   type,
                 const char *value,
                 gpointer    user_data)
{
  plain_add (((Plain *) user_data)->looked_up, type, value);
}

static void
plain_key (HtKeyType   type,
           const char *value,
           gpointer    user_data)
{
  Plain *p = user_data;

  if (type == HT_KEY_PIN || type == HT_KEY_DOC || type == HT_KEY_PERSON)
    {
      plain_add (p->stored, type, value);
      ht_record_keys_foreach_lookup (type, value, plain_looked_up, p);
      return;
    }
  if (type == HT_KEY_REF_PLACE && p->resolve != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (value, "/", 4);
      g_autofree char *id = NULL;

      if (g_strv_length (parts) == 4)
        id = p->resolve (parts[0], parts[1], g_ascii_strtoll (parts[2], NULL, 10),
                         g_ascii_strtoll (parts[3], NULL, 10), p->user_data);
      if (id != NULL)
        plain_key (HT_KEY_REF_ID, id, p);
    }
  plain_add (p->stored, type, value);
  plain_add (p->looked_up, type, value);
}

static void
assert_same_hashes (GArray     *expected,
                    GArray     *got,
                    const char *what,
                    const char *id)
{
  ck_assert_msg (expected->len == got->len, "record %s: %u %s hashes instead of %u", id, got->len, what,
                 expected->len);
  for (guint i = 0; i < expected->len; i++)
    ck_assert_msg (g_array_index (expected, guint64, i) == g_array_index (got, guint64, i),
                   "record %s: %s hash %u differs", id, what, i);
}

START_TEST (test_client_hashes_exact)
{
  Register reg = { 0 };
  guint persons = 0;

  register_init (&reg);
  for (guint i = 0; i < reg.records->len; i++)
    {
      const cJSON *r = reg.records->pdata[i];
      ClientKeys *client = g_hash_table_lookup (reg.client_of, r);
      g_autofree char *text = ht_record_print (r);
      g_autofree char *change = g_strdup_printf ("{\"change_id\":\"c\",\"record_id\":\"%s\",\"base_version\":0,"
                                                 "\"op\":\"record\",\"record\":%s}", ht_record_id (r), text);
      g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr(GArray) looked_up = g_array_new (FALSE, FALSE, sizeof (guint64));
      Plain plain = { stored, looked_up, resolve_place, &reg };

      ck_assert (ht_record_keys_scan (change, TRUE, plain_key, &plain));
      assert_same_hashes (stored, client->stored, "stored", ht_record_id (r));
      assert_same_hashes (looked_up, client->looked_up, "looked-up", ht_record_id (r));
      persons += looked_up->len > stored->len;
    }
  /* Names with full dates, looked up twice, were among them. */
  ck_assert_uint_gt (persons, 0);

  /* More hashes than the client gathers before it appends them. */
  {
    GString *big = g_string_new ("{\"record_id\":\"x\",\"op\":\"record\",\"record\":{\"id\":\"x\",\"kind\":\"note\",\"data\":{\"refs\":[");
    g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (guint64));
    g_autoptr(GArray) looked_up = g_array_new (FALSE, FALSE, sizeof (guint64));
    g_autoptr(GArray) got_stored = g_array_new (FALSE, FALSE, sizeof (guint64));
    g_autoptr(GArray) got_looked_up = g_array_new (FALSE, FALSE, sizeof (guint64));
    Plain plain = { stored, looked_up, NULL, NULL };
    g_autofree char *text = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append_printf (big, "%s{\"id\":\"r%u\"}", i > 0 ? "," : "", i);
    g_string_append (big, "]}}}");
    text = g_string_free (big, FALSE);
    (void) ht_record_keys_scan (text, TRUE, plain_key, &plain);
    (void) ht_record_keys_of_change (text, NULL, NULL, got_stored, got_looked_up);
    ck_assert_uint_gt (stored->len, 64);
    assert_same_hashes (stored, got_stored, "stored", "of 100 refs");
    assert_same_hashes (looked_up, got_looked_up, "looked-up", "of 100 refs");
  }
  register_clear (&reg);
}
END_TEST

static Suite *
keys_suite (void)
{
  Suite *s = suite_create ("record-keys");
  TCase *tc = tcase_create ("keys");

  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_stored_as_before);
  tcase_add_test (tc, test_stored_escapes);
  tcase_add_test (tc, test_unreadable);
  tcase_add_test (tc, test_client_covers_server);
  tcase_add_test (tc, test_client_hashes_exact);
  suite_add_tcase (s, tc);
  return s;
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FIXTURES.jsonl\n", argv[0]);
      return 2;
    }
  fixtures_path = argv[1];
  return ht_check_run (keys_suite (), CK_FORK);
}
