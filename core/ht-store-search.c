/* ht-store-search.c — the search index, exact lookup keys, and reading records back.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names go into an FTS5 table already folded by ht_fold() (đ → d, marks
 * dropped, lower case), so "nguyen van an" finds "Nguyễn Văn An".  Personal
 * ID numbers, ID document numbers and (name, date of birth) pairs go into
 * record_keys for exact lookups, refs into "refs".  Both are derived from the
 * canonical JSON alone, so ht_store_check() can recompute and compare them.
 * Each person name also gives name keys (ht-store-names.c), which answer
 * the common shapes of a name search before FTS5 is asked, and find a
 * person by name and birth for the validation rules.
 * Records are read back in ht-store-lookup.c.  A search first finds row
 * ids from the indexes alone (ht_store_search_ids), so that the app reads
 * only the records it shows.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-store-index-buf.h"
#include "ht-store-list.h"
#include "ht-store-private.h"

#define DEFAULT_SEARCH_LIMIT 100

HtIndexBuf *
_ht_index_buf_new (void)
{
  HtIndexBuf *buf = g_new0 (HtIndexBuf, 1);

  buf->names = g_string_sized_new (256);
  buf->scratch = g_string_sized_new (128);
  buf->keys = g_array_sized_new (FALSE, FALSE, sizeof (IndexKey), 16);
  buf->name_keys = g_ptr_array_sized_new (16);
  buf->chunk = g_string_chunk_new (1024);
  return buf;
}

void
_ht_index_buf_free (HtIndexBuf *buf)
{
  g_string_free (buf->names, TRUE);
  g_string_free (buf->scratch, TRUE);
  g_array_unref (buf->keys);
  g_ptr_array_unref (buf->name_keys);
  g_string_chunk_free (buf->chunk);
  g_clear_pointer (&buf->deferred, g_array_unref);
  g_clear_pointer (&buf->deferred_keys, g_string_chunk_free);
  g_clear_pointer (&buf->pending, g_free);
  g_clear_pointer (&buf->deferred_rows, g_array_unref);
  g_clear_pointer (&buf->deferred_values, g_string_chunk_free);
  g_clear_pointer (&buf->deferred_terms, g_hash_table_unref);
  g_free (buf);
}

/* ---- What a record puts into the index ---- */

/* ID document numbers are compared without spaces and in upper case, as
 * clerks type them either way. */
static char *
normalize_doc (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static void
add_key (HtIndexBuf *buf,
         const char *type,
         const char *value)
{
  IndexKey key = { type, g_string_chunk_insert (buf->chunk, value) };

  g_array_append_val (buf->keys, key);
}

/* The sibling member "name" of the field at "path" ("data.mother.full_name"
 * → "data.mother.date_of_birth"). */
static const cJSON *
sibling (HtIndexBuf *buf,
         const char *path,
         const char *name)
{
  const char *dot = strrchr (path, '.');

  g_string_truncate (buf->scratch, 0);
  if (dot != NULL)
    g_string_append_len (buf->scratch, path, dot - path + 1);
  g_string_append (buf->scratch, name);
  return ht_record_get_path (buf->record, buf->scratch->str);
}

/* One walk over the record collects both the folded names of the search
 * index and the exact keys; each name is folded once. */
static void
collect_cb (const HtField *field,
            const char    *path,
            const cJSON   *value,
            gpointer       user_data)
{
  HtIndexBuf *buf = user_data;

  if (!cJSON_IsString (value) || value->valuestring[0] == '\0')
    return;

  if (field->flags & HT_F_PIN)
    add_key (buf, "pin", value->valuestring);

  if (field->flags & HT_F_DOC_NUMBER)
    {
      g_autofree char *doc = normalize_doc (value->valuestring);
      if (doc[0] != '\0')
        add_key (buf, "doc", doc);
    }

  if (field->flags & HT_F_SEARCH_NAME)
    {
      g_autofree char *folded = ht_fold (value->valuestring);
      const cJSON *dob;
      const cJSON *year;

      if (folded == NULL || folded[0] == '\0')
        return;
      if (buf->names->len > 0)
        g_string_append (buf->names, ", ");
      g_string_append (buf->names, folded);

      /* The person is known by name and date or year of birth. */
      dob = sibling (buf, path, "date_of_birth");
      year = cJSON_IsString (dob) ? NULL : sibling (buf, path, "birth_year");
      g_string_truncate (buf->scratch, 0);
      if (cJSON_IsString (dob))
        g_string_append (buf->scratch, dob->valuestring);
      else if (cJSON_IsNumber (year))
        g_string_append_printf (buf->scratch, "%d", year->valueint);
      _ht_name_keys_collect (folded, buf->scratch->str, buf->chunk, buf->name_keys);
    }
}

/* Refs anywhere in "data": {"id": …} by id, {"kind","book_year","number"}
 * by place in a book (kept as "kind/office/book_year/number" so that it does
 * not depend on what the register held when the record was saved). */
static void
collect_refs (HtIndexBuf  *buf,
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
        add_key (buf, "ref", id->valuestring);
      else if (cJSON_IsString (kind) && cJSON_IsNumber (year) && cJSON_IsNumber (number))
        {
          const cJSON *ref_office = cJSON_GetObjectItemCaseSensitive (node, "office");
          g_autofree char *key =
            g_strdup_printf ("%s/%s/%.0f/%.0f", kind->valuestring,
                             cJSON_IsString (ref_office) ? ref_office->valuestring : office,
                             year->valuedouble, number->valuedouble);
          add_key (buf, "ref", key);
        }
    }
  if (cJSON_IsObject (node) || cJSON_IsArray (node))
    cJSON_ArrayForEach (child, node)
      collect_refs (buf, child, office);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const IndexKey *ka = a;
  const IndexKey *kb = b;
  int c = strcmp (ka->type, kb->type);

  return c != 0 ? c : strcmp (ka->value, kb->value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Fills buf->names and buf->keys (distinct, sorted) for "record". */
static void
collect_index (HtIndexBuf  *buf,
               const cJSON *record)
{
  const cJSON *pin = cJSON_GetObjectItemCaseSensitive (record, "pin");
  const char *office = ht_record_office (record);
  guint kept = 0;

  if (record != NULL && record == buf->collected)
    {
      buf->collected = NULL;
      return;
    }
  buf->collected = NULL;
  g_string_truncate (buf->names, 0);
  g_array_set_size (buf->keys, 0);
  g_ptr_array_set_size (buf->name_keys, 0);
  g_string_chunk_clear (buf->chunk);
  buf->record = record;

  ht_record_foreach_flagged (record, HT_F_PIN | HT_F_DOC_NUMBER | HT_F_SEARCH_NAME, collect_cb, buf);
  if (cJSON_IsString (pin) && pin->valuestring[0] != '\0')
    add_key (buf, "pin", pin->valuestring);
  collect_refs (buf, ht_record_data (record), office != NULL ? office : "");
  buf->record = NULL;

  g_array_sort (buf->keys, compare_keys);
  for (guint i = 0; i < buf->keys->len; i++)
    if (kept == 0 || compare_keys (&g_array_index (buf->keys, IndexKey, i),
                                   &g_array_index (buf->keys, IndexKey, kept - 1)) != 0)
      g_array_index (buf->keys, IndexKey, kept++) = g_array_index (buf->keys, IndexKey, i);
  g_array_set_size (buf->keys, kept);

  /* Two people of a record may share a name, or one's given name be
   * another's full name; the table keeps each (key, rid) once. */
  g_ptr_array_sort (buf->name_keys, compare_strings);
  kept = 0;
  for (guint i = 0; i < buf->name_keys->len; i++)
    if (kept == 0 || strcmp (buf->name_keys->pdata[i], buf->name_keys->pdata[kept - 1]) != 0)
      buf->name_keys->pdata[kept++] = buf->name_keys->pdata[i];
  g_ptr_array_set_size (buf->name_keys, kept);
}

void
_ht_index_buf_collect (HtIndexBuf  *buf,
                       const cJSON *record)
{
  collect_index (buf, record);
  buf->collected = record;
}

void
_ht_index_buf_adopt (HtIndexBuf  *writer,
                     HtIndexBuf  *worker,
                     const cJSON *record)
{
  const cJSON *collected = worker->collected;

  /* Swapped, not copied: each buffer keeps its memory for the next record. */
#define SWAP(field) G_STMT_START { gpointer t = writer->field; writer->field = worker->field; worker->field = t; } G_STMT_END
  SWAP (names);
  SWAP (keys);
  SWAP (name_keys);
  SWAP (chunk);
#undef SWAP
  writer->collected = record != NULL && collected == record ? record : NULL;
  worker->collected = NULL;
}

void
_ht_index_buf_key_hashes (HtIndexBuf *buf,
                          GArray     *hashes)
{
  char name[256];

  for (guint i = 0; i < buf->keys->len; i++)
    {
      IndexKey *key = &g_array_index (buf->keys, IndexKey, i);
      guint64 h = _ht_import_key_hash (key->type, key->value);

      g_array_append_val (hashes, h);
    }
  for (guint i = 0; i < buf->name_keys->len; i++)
    {
      const char *key = buf->name_keys->pdata[i];
      const char *bar = strchr (key, '|');
      guint64 h = _ht_import_key_hash ("name", key);

      g_array_append_val (hashes, h);
      /* A name with its birth also answers for the name with any birth. */
      if (bar != NULL && (gsize) (bar - key) < sizeof name)
        {
          memcpy (name, key, bar - key);
          name[bar - key] = '\0';
          h = _ht_import_key_hash ("name_prefix", name);
          g_array_append_val (hashes, h);
        }
      else if (bar != NULL)
        {
          g_autofree char *long_name = g_strndup (key, bar - key);
          h = _ht_import_key_hash ("name_prefix", long_name);
          g_array_append_val (hashes, h);
        }
    }
}

const char *
_ht_index_names (HtIndexBuf  *buf,
                 const cJSON *record)
{
  collect_index (buf, record);
  return buf->names->str;
}

GPtrArray *
_ht_index_name_keys (HtIndexBuf  *buf,
                     const cJSON *record)
{
  collect_index (buf, record);
  return buf->name_keys;
}

guint64
_ht_key_digest (const char *type,
                const char *value,
                gint64      rid)
{
  /* FNV-1a over type, value and rid; summed, so row order does not matter. */
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);
  const char *parts[2] = { type, value };

  for (guint i = 0; i < 2; i++)
    {
      for (const char *p = parts[i] != NULL ? parts[i] : ""; *p != '\0'; p++)
        h = (h ^ (guchar) *p) * G_GUINT64_CONSTANT (1099511628211);
      h = (h ^ 0xff) * G_GUINT64_CONSTANT (1099511628211);
    }
  for (guint i = 0; i < 8; i++)
    h = (h ^ (((guint64) rid >> (8 * i)) & 0xff)) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

void
_ht_index_keys_digest (HtIndexBuf  *buf,
                       gint64       rid,
                       const cJSON *record,
                       guint64     *sum,
                       guint64     *count)
{
  collect_index (buf, record);
  for (guint i = 0; i < buf->keys->len; i++)
    {
      IndexKey *key = &g_array_index (buf->keys, IndexKey, i);
      *sum += _ht_key_digest (key->type, key->value, rid);
      (*count)++;
    }
  for (guint i = 0; i < buf->name_keys->len; i++)
    {
      *sum += _ht_key_digest ("name", buf->name_keys->pdata[i], rid);
      (*count)++;
    }
}

/* Runs the insert or delete of each lookup key and ref in buf->keys. */
static gboolean
write_keys (HtStore     *self,
            HtIndexBuf  *buf,
            gint64       rid,
            gboolean     insert,
            GError     **error)
{
  for (guint i = 0; i < buf->keys->len; i++)
    {
      IndexKey *key = &g_array_index (buf->keys, IndexKey, i);
      gboolean is_ref = strcmp (key->type, "ref") == 0;
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self,
                        insert
                        ? (is_ref ? "INSERT INTO refs (target_id, rid) VALUES (?2, ?3)"
                                  : "INSERT INTO record_keys (type, value, rid) VALUES (?1, ?2, ?3)")
                        : (is_ref ? "DELETE FROM refs WHERE target_id = ?2 AND rid = ?3"
                                  : "DELETE FROM record_keys WHERE type = ?1 AND value = ?2 AND rid = ?3"),
                        error);
      if (stmt == NULL)
        return FALSE;
      if (!is_ref)
        _ht_store_bind_text (stmt, 1, key->type);
      _ht_store_bind_text (stmt, 2, key->value);
      sqlite3_bind_int64 (stmt, 3, rid);
      if (!_ht_store_step_done_n (self, stmt, N_("writing the lookup keys"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_ht_store_index_record (HtStore      *self,
                        HtIndexBuf   *buf,
                        gint64        rid,
                        const cJSON  *record,
                        const cJSON  *old,
                        GError      **error)
{
  if (!_ht_store_fail_point (self, "search", error))
    return FALSE;

  /* The rows of the version being replaced are found from its text, so
   * the key tables need no second index by record. */
  if (old != NULL)
    {
      /* Keys held back would come back after the delete. */
      if (!_ht_index_buf_flush (self, buf, error))
        return FALSE;
      collect_index (buf, old);
      if (!write_keys (self, buf, rid, FALSE, error)
          || !_ht_store_write_name_keys (self, rid, buf->name_keys, FALSE, error))
        return FALSE;
    }

  collect_index (buf, record);
  {
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (self,
                      old == NULL ? "INSERT INTO search (rowid, names, kind) VALUES (?1, ?2, ?3)"
                                  : "UPDATE search SET names = ?2, kind = ?3 WHERE rowid = ?1",
                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, rid);
    _ht_store_bind_text (stmt, 2, buf->names->str);
    _ht_store_bind_text (stmt, 3, ht_record_kind_code (record));
    if (!_ht_store_step_done_n (self, stmt, N_("updating the search index"), error))
      return FALSE;
  }
  /* The words prefix searches are expanded into (ht-store-terms.c). */
  if (!_ht_terms_add (self, buf->names->str, buf->deferred_terms, error))
    return FALSE;

  if (!_ht_store_fail_point (self, "keys", error))
    return FALSE;
  /* An import holds the keys back, to write them sorted and many at a
   * time (ht-store-held.c). */
  if (buf->deferred != NULL && old == NULL)
    return _ht_index_buf_hold (self, buf, rid, error);
  return write_keys (self, buf, rid, TRUE, error)
    && _ht_store_write_name_keys (self, rid, buf->name_keys, TRUE, error);
}

/* ---- Search ---- */

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* A single token with a digit in it: an ID document number ("C1234567",
 * "001195012345").  Names never carry digits. */
static gboolean
looks_like_document (const char *text)
{
  gboolean digit = FALSE;

  for (; *text != '\0'; text++)
    {
      if (g_ascii_isspace (*text))
        return FALSE;
      digit |= g_ascii_isdigit (*text);
    }
  return digit;
}

/* "nguyễn văn  An" → names : ("nguyen"* AND "van"* AND "an"*), each word a
 * prefix, as a clerk types.  Only letters and digits reach the query, so
 * user text cannot inject FTS5 syntax.  A word of three letters or more
 * is written as the OR of the index terms it starts (ht-store-terms.c):
 * the index keeps prefixes of one and two letters only, and an OR of
 * terms is read as lazily as a prefix index.  NULL, without an error,
 * when the query has no word. */
static char *
build_match (HtStore     *self,
             const char  *query,
             const char  *kind,
             GError     **error)
{
  g_autofree char *folded = ht_fold (query);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint words = 0;

  if (folded == NULL)
    return NULL;

  g_string_append (match, "names : (");
  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          if (words++ > 0)
            g_string_append (match, " AND ");
          if (!_ht_terms_append_prefix (self, word->str, match, error))
            return NULL;
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  if (words == 0)
    return NULL;
  g_string_append_c (match, ')');
  if (kind != NULL)
    g_string_append_printf (match, " AND kind : \"%s\"", kind);
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* Runs a statement whose first column is a row id, appending the ids. */
static GArray *
collect_rids (HtStore       *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GArray) rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rids, rid);
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, _("searching"), error);
      return NULL;
    }
  return g_steal_pointer (&rids);
}

/* The records of "rids", in that order. */
static GPtrArray *
records_of (HtStore  *self,
            GArray   *rids,
            GError  **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);

  for (guint i = 0; i < rids->len; i++)
    {
      g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, "SELECT h.json FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                                                       " WHERE r.rid = ?1", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_array_index (rids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          cJSON *record = _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 0),
                                                sqlite3_column_bytes (stmt, 0), error);
          if (record == NULL)
            return NULL;
          g_ptr_array_add (results, record);
        }
      else if (rc != SQLITE_DONE)
        {
          _ht_store_db_error (self->db, rc, _("searching"), error);
          return NULL;
        }
    }
  return g_steal_pointer (&results);
}

/* A name, "surname given", or the start of one of these being typed: the
 * name keys answer it with a range scan (ht-store-names.c).  Returns no
 * rows when the query is of another shape (one word among them), or too
 * common a prefix, and FTS5 must answer it. */
static GArray *
search_name_keys (HtStore     *self,
                  const char  *query,
                  const char  *kind,
                  guint        limit,
                  GError     **error)
{
  g_autofree char *folded = ht_fold (query);
  g_autofree char *words = folded != NULL ? _ht_name_normalize (folded) : NULL;
  gboolean too_many = FALSE;

  /* One word has no name key of its own (ht-store-names.c): FTS5 answers
   * it, and a surname alone would find only the people it starts. */
  if (words == NULL || strchr (words, ' ') == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  return _ht_store_name_search (self, words, kind, limit, &too_many, error);
}

/* The row ids of what "query" finds, newest first.  Only indexes are read:
 * the records themselves are read by the caller, and only those it shows. */
static GArray *
search_rids_unlocked (HtStore     *self,
                      const char  *query,
                      const char  *kind,
                      guint        limit,
                      GError     **error)
{
  g_autofree char *book_kind = NULL;
  gint64 year, number;
  g_autoptr(HtCachedStmt) stmt = NULL;

  if (kind != NULL && ht_kinds_lookup (kind) == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("Unknown kind of record “%s”"), kind);
      return NULL;
    }

  if (_ht_parse_book_key (query, &book_kind, &year, &number))
    {
      stmt = _ht_store_stmt (self,
                             "SELECT r.rid FROM records r"
                             " WHERE r.kind = ?1 AND r.book_year = ?2 AND r.number = ?3"
                             " AND (?4 IS NULL OR r.kind = ?4) ORDER BY r.rid DESC LIMIT ?5",
                             error);
      if (stmt == NULL)
        return NULL;
      _ht_store_bind_text (stmt, 1, book_kind);
      sqlite3_bind_int64 (stmt, 2, year);
      sqlite3_bind_int64 (stmt, 3, number);
      _ht_store_bind_text (stmt, 4, kind);
      sqlite3_bind_int (stmt, 5, limit);
      return collect_rids (self, stmt, error);
    }

  if (looks_like_document (query))
    {
      g_autofree char *doc = normalize_doc (query);
      /* Twelve digits are a personal ID number, which is also the number
       * of the newer ID cards. */
      gboolean pin = strlen (doc) == 12 && all_digits (doc);

      stmt = _ht_store_stmt (self,
                             "SELECT r.rid FROM record_keys k JOIN records r ON r.rid = k.rid"
                             " WHERE (k.type = ?1 OR k.type = ?2) AND k.value = ?3 AND (?4 IS NULL OR r.kind = ?4)"
                             " GROUP BY r.rid ORDER BY r.rid DESC LIMIT ?5",
                             error);
      if (stmt == NULL)
        return NULL;
      _ht_store_bind_text (stmt, 1, "doc");
      _ht_store_bind_text (stmt, 2, pin ? "pin" : "doc");
      sqlite3_bind_text (stmt, 3, doc, -1, SQLITE_TRANSIENT);
      _ht_store_bind_text (stmt, 4, kind);
      sqlite3_bind_int (stmt, 5, limit);
      return collect_rids (self, stmt, error);
    }

  {
    g_autofree char *match = NULL;
    g_autoptr(GArray) found = NULL;
    g_autoptr(GError) match_error = NULL;

    /* People whose name starts with the query are what a clerk looks for;
     * the wider FTS5 match (words of different people, out of order) is
     * only asked when there are none, or too many to sort. */
    found = search_name_keys (self, query, kind, limit, error);
    if (found == NULL || found->len > 0)
      return g_steal_pointer (&found);

    match = build_match (self, query, kind, &match_error);
    if (match_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&match_error));
        return NULL;
      }
    if (match == NULL)
      return g_steal_pointer (&found);
    /* Newest first straight from the index: FTS5 walks rowids downwards
     * and stops at the limit, never ranking a huge result set. */
    stmt = _ht_store_stmt (self,
                           "SELECT s.rowid FROM search s JOIN records r ON r.rid = s.rowid"
                           " WHERE search MATCH ?1 ORDER BY s.rowid DESC LIMIT ?2",
                           error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int (stmt, 2, limit);
    return collect_rids (self, stmt, error);
  }
}

/* The query trimmed, or NULL with an error when it is not text. */
static char *
clean_query (const char  *query,
             GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (query));

  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The search text is not valid UTF-8"));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

static int
search_cancel_handler (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

GArray *
ht_store_search_ids (HtStore       *self,
                     const char    *query,
                     const char    *kind,
                     guint          limit,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GError) local_error = NULL;
  GArray *rids;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((trimmed = clean_query (query, error)) == NULL)
    return NULL;
  if (limit == 0)
    limit = DEFAULT_SEARCH_LIMIT;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_rec_mutex_lock (&self->lock);
  /* A search made stale by the next keystroke lets go of the register at
   * once instead of finishing a scan nobody will look at. */
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 1000, search_cancel_handler, cancellable);
  rids = search_rids_unlocked (self, trimmed, kind, limit, &local_error);
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  g_rec_mutex_unlock (&self->lock);

  if (rids == NULL)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return rids;
}

GPtrArray *
ht_store_search (HtStore     *self,
                 const char  *query,
                 const char  *kind,
                 guint        limit,
                 GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GArray) rids = NULL;
  GPtrArray *results = NULL;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((trimmed = clean_query (query, error)) == NULL)
    return NULL;
  if (limit == 0)
    limit = DEFAULT_SEARCH_LIMIT;

  g_rec_mutex_lock (&self->lock);
  rids = search_rids_unlocked (self, trimmed, kind, limit, error);
  if (rids != NULL)
    results = records_of (self, rids, error);
  g_rec_mutex_unlock (&self->lock);
  return results;
}
