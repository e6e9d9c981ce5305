/* hs-lookup.c — what validation rules may ask of the register, answered by PostgreSQL.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every query runs in the push's transaction.  A failed statement would
 * abort that transaction, so parameters are checked before they are sent
 * (ids must be UUIDs, numbers integers) and the first error is kept for the
 * caller, which then fails the batch.
 *
 * Rules mostly ask about the people of the record they check: is this
 * mother married, was this child registered already.  hs_lookup_prefetch_add()
 * fetches every stored record sharing a key with the batch's people in one
 * statement, and find_person() then answers from memory; only questions
 * outside those keys go to the database one by one.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <string.h>

#include "ht-record.h"
#include "hs-db.h"
#include "hs-keys.h"
#include "hs-lookup.h"
#include "hs-scope.h"
#include "hs-server.h"

/* At most this many records come back from one find_person call, as in
 * the local store: a common name must not load a province. */
#define FIND_PERSON_LIMIT 200

/* A person a rule asked about, and the keys it is found by. */
typedef struct
{
  char      *pin;
  char      *doc_number;
  char      *folded_name;
  char      *date_of_birth;
  GPtrArray *keys;
} Person;

/* People remembered per record validated: its rules ask about two or
 * three people, several times each. */
#define PERSONS_MAX 16

static void
person_clear (Person *p)
{
  g_free (p->pin);
  g_free (p->doc_number);
  g_free (p->folded_name);
  g_free (p->date_of_birth);
  g_ptr_array_unref (p->keys);
}

/* A record found by prefetching, parsed only if a rule wants it. */
typedef struct
{
  char  *id;
  char  *kind;
  char  *status;
  char  *text;
  cJSON *record;
} Fetched;

struct _HsLookup
{
  HtLookup    lookup;
  PGconn     *db;
  char       *office;
  char       *kind;         /* of the record being validated; NULL outside validation */
  GError     *error;
  /* The batch's records, their ids and their keys are borrowed (see
   * hs_lookup_add()), and so are the strings these tables hold of them. */
  GHashTable *pending;      /* id → cJSON record of this batch */
  GHashTable *pending_keys; /* key → GPtrArray of ids */
  GHashTable *keys_of;      /* id → GPtrArray of its keys */
  GHashTable *fetched;      /* key → GPtrArray of the Fetched records holding it: keys whose
                             * stored records are known (NULL: none holds it) */
  GHashTable *fetched_docs; /* id (the Fetched's own) → Fetched */
  GArray     *persons;      /* Person: the people asked about while validating one record */
};

static void
fetched_free (Fetched *f)
{
  g_free (f->id);
  g_free (f->kind);
  g_free (f->status);
  g_free (f->text);
  cJSON_Delete (f->record);
  g_free (f);
}

static void
ids_free (gpointer ids)
{
  if (ids != NULL)
    g_ptr_array_unref (ids);
}

static void
keep_error (HsLookup *self,
            GError   *error)
{
  if (error != NULL && self->error == NULL)
    self->error = g_error_copy (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* ---- The records of the batch ---- */

static void
forget_pending (HsLookup   *self,
                const char *id)
{
  GPtrArray *keys = g_hash_table_lookup (self->keys_of, id);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      GPtrArray *ids = g_hash_table_lookup (self->pending_keys, g_ptr_array_index (keys, i));
      guint index;

      if (ids != NULL && g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &index))
        g_ptr_array_remove_index_fast (ids, index);
    }
  g_hash_table_remove (self->keys_of, id);
  g_hash_table_remove (self->pending, id);
}

void
hs_lookup_add (HsLookup    *self,
               const cJSON *record,
               GPtrArray   *keys)
{
  const char *id = ht_record_id (record);

  if (id == NULL)
    return;
  /* A second change of the same record replaces the first. */
  forget_pending (self, id);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      GPtrArray *ids = g_hash_table_lookup (self->pending_keys, key);

      /* The key and the id are the record's own strings: the record and
       * its keys outlive the lookup (hs-lookup.h), and copying them was
       * most of the cost of adding each record of a batch. */
      if (ids == NULL)
        {
          ids = g_ptr_array_new ();
          g_hash_table_insert (self->pending_keys, (gpointer) key, ids);
        }
      g_ptr_array_add (ids, (gpointer) id);
    }
  g_hash_table_insert (self->keys_of, (gpointer) id, keys);
  g_hash_table_insert (self->pending, (gpointer) id, (gpointer) record);
}

/* Puts a record the lookup holds (this batch's, or one prefetched) into a
 * rule's answer as a reference to it rather than a copy: copying each
 * found record, and deleting the copy again, was a good part of the
 * server's CPU time on a push, since several rules of every birth ask
 * about the same people.  The answer is still the caller's to delete
 * (HtLookup): deleting a reference leaves the record it points to alone.
 * The rules only read what they are given (no rule of core/ht-kind-*.c
 * changes a found record); the records outlive every rule's call, as they
 * live as long as the lookup (prefetched) or the batch (pending). */
static void
add_found (cJSON       *out,
           const cJSON *record)
{
  cJSON_AddItemReferenceToArray (out, (cJSON *) record);
}

/* Adds the batch's records that carry "key" and pass "want" (references,
 * see add_found()). */
static void
add_pending (HsLookup   *self,
             const char *key,
             const char *kind,
             gboolean    registered_only,
             cJSON      *out,
             GHashTable *seen)
{
  GPtrArray *ids = key != NULL ? g_hash_table_lookup (self->pending_keys, key) : NULL;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const cJSON *record = g_hash_table_lookup (self->pending, id);

      if (record == NULL || g_hash_table_contains (seen, id))
        continue;
      if (registered_only && g_strcmp0 (ht_record_status (record), "registered") != 0)
        continue;
      if (!registered_only && g_strcmp0 (ht_record_status (record), "draft") == 0)
        continue;
      if (kind != NULL && g_strcmp0 (ht_record_kind_code (record), kind) != 0)
        continue;
      g_hash_table_add (seen, (gpointer) id);
      add_found (out, record);
    }
}

static gboolean
others_in (GPtrArray  *ids,
           const char *id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), id) != 0)
      return TRUE;
  return FALSE;
}

gboolean
hs_lookup_key_shared (HsLookup   *self,
                      const char *key,
                      const char *id)
{
  gpointer value;
  GPtrArray *fetched;

  if (!g_hash_table_lookup_extended (self->fetched, key, NULL, &value))
    return TRUE;
  fetched = value;
  for (guint i = 0; fetched != NULL && i < fetched->len; i++)
    if (strcmp (((const Fetched *) g_ptr_array_index (fetched, i))->id, id) != 0)
      return TRUE;
  return others_in (g_hash_table_lookup (self->pending_keys, key), id);
}

/* ---- The database ---- */

/* Runs a query returning docs in its first column; adds the records that
 * no record of the batch replaces and that are not in "seen". */
static cJSON *
query_records (HsLookup          *self,
               const char        *name,
               const char        *sql,
               int                n_params,
               const char *const *params,
               GHashTable        *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  cJSON *out = cJSON_CreateArray ();

  if (self->error != NULL)
    return out;
  result = hs_db_exec_named (self->db, name, sql, n_params, params, &error);
  if (result == NULL)
    {
      keep_error (self, error);
      return out;
    }
  for (int row = 0; row < PQntuples (result); row++)
    {
      g_autoptr(HtIssues) issues = ht_issues_new ();
      cJSON *record = ht_record_parse (PQgetvalue (result, row, 0), PQgetlength (result, row, 0), issues);
      const char *id = record != NULL ? ht_record_id (record) : NULL;

      /* "seen" borrows the id from the record, which "out" keeps: checked
       * before adding, as adding an id already there would put this
       * record's string, deleted with it, in place of the first one. */
      if (id == NULL || g_hash_table_contains (self->pending, id) || g_hash_table_contains (seen, id))
        {
          cJSON_Delete (record);
          continue;
        }
      g_hash_table_add (seen, (gpointer) id);
      cJSON_AddItemToArray (out, record);
    }
  return out;
}

/* An index probe for every key of the batch (HS_KEYS_JOIN), at most 1000
 * records per key (a common key must not load a province), then, for the
 * few keys that are found, LATERAL … LIMIT: index probes in nested loops
 * whatever the planner guesses of the batch's size (plain joins let a
 * cached plan hash whole tables once they are large).  A LATERAL probe per
 * key instead costs a rescan per key, several times more for a batch of
 * new people, whose keys are mostly not found. */
#define PREFETCH_SQL \
  "SELECT k.key, k.record_id::text, r.kind, r.status, r.doc::text" \
  " FROM (SELECT k.key, k.record_id," \
  "  row_number () OVER (PARTITION BY k.key ORDER BY k.record_id) AS n" \
  "  FROM " HS_KEYS_JOIN ("$1") ") k" \
  " CROSS JOIN LATERAL (SELECT province FROM record_heads" \
  "  WHERE id = k.record_id LIMIT 1) h" \
  " CROSS JOIN LATERAL (SELECT kind, status, doc FROM records" \
  "  WHERE province = h.province AND id = k.record_id LIMIT 1) r" \
  " WHERE k.n <= 1000"

/* The sorted keys to fetch, as an array parameter in binary format; NULL
 * if there is none.  Marks them fetched (found or not, once the result is
 * read). */
static HsDbArray *
prefetch_keys (HsLookup  *self,
               GPtrArray *key_sets)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  HsDbArray *array;

  for (guint i = 0; i < key_sets->len; i++)
    hs_keys_for_lookup (g_ptr_array_index (key_sets, i), wanted);
  if (g_hash_table_size (wanted) == 0)
    return NULL;

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (list, key);
      /* The key moves to "fetched", which outlives "list"; most keys of a
       * batch of new people are found nowhere, and get no array. */
      if (!g_hash_table_contains (self->fetched, key))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_insert (self->fetched, key, NULL);
        }
    }
  /* In order, so that the index is walked forwards. */
  g_ptr_array_sort (list, compare_strings);
  array = hs_db_array_new (HS_DB_ARRAY_TEXT);
  for (guint i = 0; i < list->len; i++)
    hs_db_array_add (array, g_ptr_array_index (list, i));
  return array;
}

void
hs_lookup_prefetch_read (HsLookup       *self,
                         const PGresult *result)
{
  for (int row = 0; row < PQntuples (result); row++)
    {
      gpointer key = NULL, ids = NULL;
      const char *id = PQgetvalue (result, row, 1);
      Fetched *f = g_hash_table_lookup (self->fetched_docs, id);

      if (f == NULL)
        {
          f = g_new0 (Fetched, 1);
          f->id = g_strdup (id);
          f->kind = g_strdup (PQgetvalue (result, row, 2));
          f->status = g_strdup (PQgetvalue (result, row, 3));
          f->text = g_strdup (PQgetvalue (result, row, 4));
          g_hash_table_insert (self->fetched_docs, f->id, f);
        }
      /* The keys list the records themselves, one Fetched per id, so that
       * answering a rule needs no look-up of each id found. */
      if (g_hash_table_lookup_extended (self->fetched, PQgetvalue (result, row, 0), &key, &ids))
        {
          if (ids == NULL)
            {
              /* Replaced under its own key, which the table keeps. */
              ids = g_ptr_array_new ();
              g_hash_table_steal (self->fetched, key);
              g_hash_table_insert (self->fetched, key, ids);
            }
          if (!g_ptr_array_find (ids, f, NULL))
            g_ptr_array_add (ids, f);
        }
    }
}

gboolean
hs_lookup_prefetch_add (HsLookup  *self,
                        GPtrArray *key_sets,
                        HsDbSteps *steps)
{
  HsDbArray *keys = prefetch_keys (self, key_sets);

  if (keys == NULL)
    return FALSE;
  /* Text arrays are never refused. */
  return hs_db_steps_add_arrays (steps, "lookup_prefetch", PREFETCH_SQL, 0, NULL, 1, &keys, NULL);
}

/* Answers find_person from the prefetched keys when every key it needs was
 * fetched; NULL when the database must be asked. */
static cJSON *
from_prefetched (HsLookup           *self,
                 const char         *kind,
                 const char *const  *keys,
                 guint               n_keys,
                 GHashTable         *seen)
{
  GPtrArray **found = g_newa (GPtrArray *, MAX (n_keys, 1));
  guint n_out = 0;
  cJSON *out;

  for (guint k = 0; k < n_keys; k++)
    {
      gpointer ids;

      if (!g_hash_table_lookup_extended (self->fetched, keys[k], NULL, &ids))
        return NULL;
      found[k] = ids;
    }

  out = cJSON_CreateArray ();
  for (guint k = 0; k < n_keys; k++)
    {
      GPtrArray *ids = found[k];

      for (guint i = 0; ids != NULL && i < ids->len && n_out < FIND_PERSON_LIMIT; i++)
        {
          Fetched *f = g_ptr_array_index (ids, i);

          /* A common name born in a common year is held by many records,
           * mostly of other kinds: those are passed over first, by the
           * strings at hand, before the ids are looked up.  That changes no
           * answer: a record passed over here is passed over under every
           * key, and a record of this batch never gets into "seen" from
           * here, so "seen" only ever holds what was taken. */
          if (!g_str_equal (f->status, "registered") || (kind != NULL && !g_str_equal (f->kind, kind)))
            continue;
          if (g_hash_table_contains (self->pending, f->id) || g_hash_table_contains (seen, f->id))
            continue;
          g_hash_table_add (seen, f->id);
          /* Parsing is the costly part: only records the rule can use. */
          if (f->record == NULL)
            {
              g_autoptr(HtIssues) issues = ht_issues_new ();
              f->record = ht_record_parse (f->text, -1, issues);
              if (f->record == NULL)
                continue;
            }
          add_found (out, f->record);
          n_out++;
        }
    }
  return out;
}

/* ---- HtLookup ---- */

static gboolean
whole_number (const cJSON *value)
{
  return cJSON_IsNumber (value) && value->valuedouble == (double) (gint64) value->valuedouble &&
         value->valuedouble >= 0 && value->valuedouble < 1e15;
}

static cJSON *
resolve_ref (gpointer     user_data,
             const cJSON *ref)
{
  HsLookup *self = user_data;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive (ref, "id");
  const cJSON *kind = cJSON_GetObjectItemCaseSensitive (ref, "kind");
  const cJSON *office = cJSON_GetObjectItemCaseSensitive (ref, "office");
  const cJSON *year = cJSON_GetObjectItemCaseSensitive (ref, "book_year");
  const cJSON *number = cJSON_GetObjectItemCaseSensitive (ref, "number");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal); /* ids borrowed */
  g_autoptr(cJSON) found = NULL;
  cJSON *record = NULL;

  if (cJSON_IsString (id))
    {
      const cJSON *pending = g_hash_table_lookup (self->pending, id->valuestring);
      const char *params[] = { id->valuestring };

      if (pending != NULL)
        record = cJSON_Duplicate (pending, TRUE);
      else if (hs_is_uuid (id->valuestring))
        found = query_records (self, "lookup_ref_id",
                               "SELECT r.doc::text FROM record_heads h"
                               " JOIN records r ON r.province = h.province AND r.id = h.id"
                               " WHERE h.id = $1::uuid",
                               1, params, seen);
    }
  else if (cJSON_IsString (kind) && whole_number (year) && whole_number (number))
    {
      const char *where = cJSON_IsString (office) ? office->valuestring : self->office;
      const char *province = hs_office_province (where);
      g_autofree char *place = ht_record_keys_place (kind->valuestring, where, (gint64) year->valuedouble,
                                                     (gint64) number->valuedouble);
      g_autofree char *year_text = g_strdup_printf ("%.0f", year->valuedouble);
      g_autofree char *number_text = g_strdup_printf ("%.0f", number->valuedouble);
      GHashTableIter iter;
      gpointer value;

      /* A record of this batch that holds the place wins over the table. */
      g_hash_table_iter_init (&iter, self->pending);
      while (record == NULL && g_hash_table_iter_next (&iter, NULL, &value))
        {
          const cJSON *p = value;
          g_autofree char *its = ht_record_keys_place (ht_record_kind_code (p), ht_record_office (p),
                                                       ht_record_book_year (p), ht_record_number (p));
          if (g_str_equal (its, place))
            record = cJSON_Duplicate (p, TRUE);
        }
      if (record == NULL && province != NULL)
        {
          const char *params[] = { province, where, kind->valuestring, year_text, number_text };
          found = query_records (self, "lookup_ref_number",
                                 "SELECT doc::text FROM records"
                                 " WHERE province = $1 AND office = $2 AND kind = $3"
                                 " AND book_year = $4::int AND number = $5::bigint",
                                 5, params, seen);
        }
    }

  if (record == NULL && found != NULL && cJSON_GetArraySize (found) > 0)
    record = cJSON_DetachItemFromArray (found, 0);
  /* A draft is in no book, so nothing can refer to it. */
  if (record != NULL && g_strcmp0 (ht_record_status (record), "draft") == 0)
    g_clear_pointer (&record, cJSON_Delete);
  return record;
}

static void
add_person_key (HtKeyType   type,
                const char *value,
                gpointer    user_data)
{
  hs_keys_add (user_data, type, value);
}

/* The keys of the person with these particulars (core's ht-record-keys.c,
 * which the sync client follows too), made once per person while one
 * record is validated: its rules ask about the same people several times
 * (a marriage's husband for his birth, his recognitions, his adoptions,
 * his marriages, his death), and making the keys, which normalises
 * numbers and prints names with dates, was a good part of each question.
 * The keys depend on these four particulars only; they are compared as
 * they are, which costs less than the keys they spare when nobody is
 * asked about twice. */
static GPtrArray *
person_keys (HsLookup   *self,
             const char *pin,
             const char *doc_number,
             const char *folded_name,
             const char *date_of_birth)
{
  Person person;

  for (guint i = 0; i < self->persons->len; i++)
    {
      const Person *p = &g_array_index (self->persons, Person, i);

      if (g_strcmp0 (p->folded_name, folded_name) == 0 && g_strcmp0 (p->date_of_birth, date_of_birth) == 0 &&
          g_strcmp0 (p->pin, pin) == 0 && g_strcmp0 (p->doc_number, doc_number) == 0)
        return g_ptr_array_ref (p->keys);
    }
  person.keys = g_ptr_array_new_with_free_func (g_free);
  ht_record_keys_of_person (pin, doc_number, folded_name, date_of_birth, add_person_key, person.keys);
  if (self->persons->len >= PERSONS_MAX)
    return person.keys;
  person.pin = g_strdup (pin);
  person.doc_number = g_strdup (doc_number);
  person.folded_name = g_strdup (folded_name);
  person.date_of_birth = g_strdup (date_of_birth);
  g_array_append_val (self->persons, person);
  return g_ptr_array_ref (person.keys);
}

static cJSON *
find_person (gpointer    user_data,
             const char *kind,
             const char *pin,
             const char *doc_number,
             const char *folded_name,
             const char *date_of_birth)
{
  HsLookup *self = user_data;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal); /* ids borrowed */
  g_autoptr(GPtrArray) keys = person_keys (self, pin, doc_number, folded_name, date_of_birth);
  const char *limit = G_STRINGIFY (FIND_PERSON_LIMIT);
  cJSON *out;

  if (keys->len == 0)
    return cJSON_CreateArray ();

  out = from_prefetched (self, kind, (const char *const *) keys->pdata, keys->len, seen);
  if (out == NULL)
    {
      g_autofree char *literal = hs_db_text_array (keys);
      const char *params[] = { literal, kind, limit };

      out = query_records (self, "lookup_person",
                           "SELECT r.doc::text FROM record_heads h"
                           " JOIN records r ON r.province = h.province AND r.id = h.id"
                           " WHERE h.id IN (SELECT k.record_id FROM " HS_KEYS_JOIN ("$1") ")"
                           " AND r.status = 'registered' AND ($2::text IS NULL OR r.kind = $2)"
                           " LIMIT $3::int",
                           3, params, seen);
    }

  /* Records of this batch, by the same keys. */
  for (guint k = 0; k < keys->len; k++)
    add_pending (self, g_ptr_array_index (keys, k), kind, TRUE, out, seen);

  /* A death checked against deaths sees its own office's only: one
   * register holds one death per person (LHT 34.2), but a death of the same
   * person registered by another commune is for the reviewer to decide
   * (hs-review.c flags it as a potential duplicate), not a refusal.  Deaths
   * elsewhere still lock the person for the other kinds' rules. */
  if (g_strcmp0 (self->kind, "death") == 0 && g_strcmp0 (kind, "death") == 0 && self->office != NULL)
    for (int i = cJSON_GetArraySize (out) - 1; i >= 0; i--)
      if (g_strcmp0 (ht_record_office (cJSON_GetArrayItem (out, i)), self->office) != 0)
        cJSON_DeleteItemFromArray (out, i);
  return out;
}

static cJSON *
find_referencing (gpointer    user_data,
                  const char *id)
{
  HsLookup *self = user_data;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal); /* ids borrowed */
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *literal = NULL;
  cJSON *target, *by_id, *out;
  const char *params[1];

  if (id == NULL || !hs_is_uuid (id))
    return cJSON_CreateArray ();

  /* Refs name a record by id or by its place in a book; both count. */
  by_id = cJSON_CreateObject ();
  cJSON_AddStringToObject (by_id, "id", id);
  target = resolve_ref (self, by_id);
  cJSON_Delete (by_id);
  hs_keys_add (keys, HT_KEY_REF_ID, id);
  if (target != NULL && ht_record_number (target) > 0)
    {
      g_autofree char *place = ht_record_keys_place (ht_record_kind_code (target), ht_record_office (target),
                                                     ht_record_book_year (target), ht_record_number (target));
      hs_keys_add (keys, HT_KEY_REF_PLACE, place);
    }
  cJSON_Delete (target);

  literal = hs_db_text_array (keys);
  params[0] = literal;
  out = query_records (self, "lookup_referencing",
                       "SELECT r.doc::text FROM record_heads h"
                       " JOIN records r ON r.province = h.province AND r.id = h.id"
                       " WHERE h.id IN (SELECT k.record_id FROM " HS_KEYS_JOIN ("$1") ")"
                       " AND r.status <> 'draft'",
                       1, params, seen);
  for (guint k = 0; k < keys->len; k++)
    add_pending (self, g_ptr_array_index (keys, k), NULL, FALSE, out, seen);
  return out;
}

/* ---- Life cycle ---- */

HsLookup *
hs_lookup_new (PGconn *db)
{
  HsLookup *self = g_new0 (HsLookup, 1);

  self->db = db;
  self->pending = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending_keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->keys_of = g_hash_table_new (g_str_hash, g_str_equal);
  self->fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ids_free);
  self->persons = g_array_new (FALSE, FALSE, sizeof (Person));
  g_array_set_clear_func (self->persons, (GDestroyNotify) person_clear);
  self->fetched_docs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) fetched_free);
  self->lookup.user_data = self;
  self->lookup.resolve_ref = resolve_ref;
  self->lookup.find_person = find_person;
  self->lookup.find_referencing = find_referencing;
  return self;
}

void
hs_lookup_free (HsLookup *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->pending_keys);
  g_hash_table_unref (self->keys_of);
  g_hash_table_unref (self->fetched);
  g_hash_table_unref (self->fetched_docs);
  g_array_unref (self->persons);
  g_clear_error (&self->error);
  g_free (self->office);
  g_free (self->kind);
  g_free (self);
}

const HtLookup *
hs_lookup_get (HsLookup *self)
{
  return &self->lookup;
}

void
hs_lookup_set_office (HsLookup   *self,
                      const char *office)
{
  g_free (self->office);
  self->office = g_strdup (office);
}

void
hs_lookup_set_validating (HsLookup   *self,
                          const char *kind)
{
  g_free (self->kind);
  self->kind = g_strdup (kind);
  /* Another record: other people. */
  g_array_set_size (self->persons, 0);
}

GError *
hs_lookup_take_error (HsLookup *self)
{
  return g_steal_pointer (&self->error);
}
