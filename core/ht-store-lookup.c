/* ht-store-lookup.c — reading records back, and what validation rules may ask of the register.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads take the lock only as long as SQLite needs it; the _async variants
 * of the app run ht_store_save() and ht_store_search() in a GTask thread.
 * The lookup callbacks run inside ht_store_save()'s transaction (the lock is
 * recursive), so rules see the register exactly as the save will change it.
 * They cannot return errors; the first database error is kept in the store
 * and the save fails with it.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-private.h"

/* Records handed to an export callback per turn of the lock. */
#define EXPORT_BATCH 256

/* ---- Reading records ---- */

cJSON *
_ht_store_parse_json (const char  *text,
                      int          length,
                      GError     **error)
{
  cJSON *record = NULL;

  /* cJSON_ParseWithLengthOpts keeps its error position to itself, unlike
   * cJSON_GetErrorPtr(), which is process-global and unsafe in threads. */
  if (text != NULL)
    record = cJSON_ParseWithLengthOpts (text, length, NULL, FALSE);
  if (record == NULL)
    g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                 _("A record stored in the register is not valid JSON"));
  return record;
}

/* Steps "stmt" and parses column 0 of its single row. */
static cJSON *
one_record (HtStore       *self,
            sqlite3_stmt  *stmt,
            const char    *what,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 0),
                                 sqlite3_column_bytes (stmt, 0), error);
  if (rc == SQLITE_DONE)
    g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, _("There is no record %s"), what);
  else
    _ht_store_db_error (self->db, rc, _("reading a record"), error);
  return NULL;
}

cJSON *
_ht_store_get_unlocked (HtStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, "SELECT h.json FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                                                   " WHERE r.id = ?1", error);
  g_autofree char *what = NULL;

  if (stmt == NULL)
    return NULL;
  _ht_store_bind_text (stmt, 1, id);
  what = g_strdup_printf ("“%s”", id);
  return one_record (self, stmt, what, error);
}

cJSON *
_ht_store_get_rid_unlocked (HtStore  *self,
                            gint64    rid,
                            GError  **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "SELECT h.json FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                    " WHERE r.rid = ?1",
                    error);
  g_autofree char *what = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rid);
  what = g_strdup_printf ("%" G_GINT64_FORMAT, rid);
  return one_record (self, stmt, what, error);
}

cJSON *
_ht_store_get_by_number_unlocked (HtStore     *self,
                                  const char  *office,
                                  const char  *kind,
                                  gint64       book_year,
                                  gint64       number,
                                  GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "SELECT h.json FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                    " WHERE r.office = ?1 AND r.kind = ?2 AND r.book_year = ?3 AND r.number = ?4",
                    error);
  g_autofree char *what = NULL;

  if (stmt == NULL)
    return NULL;
  _ht_store_bind_text (stmt, 1, office);
  _ht_store_bind_text (stmt, 2, kind);
  sqlite3_bind_int64 (stmt, 3, book_year);
  sqlite3_bind_int64 (stmt, 4, number);
  what = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, kind, book_year, number);
  return one_record (self, stmt, what, error);
}

cJSON *
ht_store_get (HtStore     *self,
              const char  *id,
              GError     **error)
{
  cJSON *record;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  record = _ht_store_get_unlocked (self, id, error);
  g_rec_mutex_unlock (&self->lock);
  return record;
}

cJSON *
ht_store_get_by_number (HtStore     *self,
                        const char  *kind,
                        gint64       book_year,
                        gint64       number,
                        GError     **error)
{
  cJSON *record;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  record = _ht_store_get_by_number_unlocked (self, self->office, kind, book_year, number, error);
  g_rec_mutex_unlock (&self->lock);
  return record;
}

/* Parses "kind/year/number"; FALSE if "text" has another shape. */
gboolean
_ht_parse_book_key (const char  *text,
                char       **kind,
                gint64      *year,
                gint64      *number)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);
  guint64 y, n;

  if (g_strv_length (parts) != 3 || ht_kinds_lookup (parts[0]) == NULL
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 9999, &y, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXINT64, &n, NULL))
    return FALSE;
  *kind = g_strdup (parts[0]);
  *year = (gint64) y;
  *number = (gint64) n;
  return TRUE;
}

cJSON *
ht_store_lookup (HtStore     *self,
                 const char  *key,
                 GError     **error)
{
  g_autofree char *kind = NULL;
  gint64 year, number;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (_ht_parse_book_key (key, &kind, &year, &number))
    return ht_store_get_by_number (self, kind, year, number, error);
  return ht_store_get (self, key, error);
}

cJSON *
ht_store_history (HtStore     *self,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(cJSON) versions = cJSON_CreateArray ();
  g_autoptr(HtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         "SELECT h.version, h.at, h.by, h.reason, h.json FROM records r"
                         " JOIN history h ON h.hid BETWEEN " HT_HID ("r.rid", "1") " AND " HT_HID ("r.rid", HT_HID_SCALE " - 1")
                         " WHERE r.id = ?1 ORDER BY h.hid",
                         error);
  if (stmt == NULL)
    goto out;
  _ht_store_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *entry = cJSON_CreateObject ();
      cJSON *record = _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 4),
                                            sqlite3_column_bytes (stmt, 4), error);
      if (record == NULL)
        {
          cJSON_Delete (entry);
          goto out;
        }
      cJSON_AddNumberToObject (entry, "version", (double) sqlite3_column_int64 (stmt, 0));
      cJSON_AddStringToObject (entry, "at", (const char *) sqlite3_column_text (stmt, 1));
      cJSON_AddStringToObject (entry, "by", (const char *) sqlite3_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        cJSON_AddNullToObject (entry, "reason");
      else
        cJSON_AddStringToObject (entry, "reason", (const char *) sqlite3_column_text (stmt, 3));
      cJSON_AddItemToObject (entry, "record", record);
      cJSON_AddItemToArray (versions, entry);
    }
  if (rc != SQLITE_DONE)
    _ht_store_db_error (self->db, rc, _("reading the history"), error);
  else if (cJSON_GetArraySize (versions) == 0)
    g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, _("There is no record “%s”"), id);
  else
    {
      g_clear_pointer (&stmt, _ht_cached_stmt_release);
      g_rec_mutex_unlock (&self->lock);
      return g_steal_pointer (&versions);
    }

out:
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return NULL;
}

guint64
ht_store_count (HtStore    *self,
                const char *kind)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  guint64 count = 0;

  g_return_val_if_fail (HT_IS_STORE (self), 0);

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         kind != NULL
                         ? "SELECT count(*) FROM records WHERE kind = ?1 AND status <> 'draft'"
                         : "SELECT count(*) FROM records WHERE status <> 'draft'",
                         NULL);
  if (stmt != NULL)
    {
      if (kind != NULL)
        _ht_store_bind_text (stmt, 1, kind);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = (guint64) sqlite3_column_int64 (stmt, 0);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

gboolean
ht_store_export (HtStore       *self,
                 const char    *kind,
                 const GDate   *from,
                 const GDate   *to,
                 HtRecordFunc   func,
                 gpointer       user_data,
                 GError       **error)
{
  g_autofree char *from_text = from != NULL && g_date_valid (from) ? ht_date_format (from) : NULL;
  g_autofree char *to_text = to != NULL && g_date_valid (to) ? ht_date_format (to) : NULL;
  g_autofree char *last_kind = g_strdup ("");
  gint64 last_year = G_MININT64, last_number = G_MININT64, last_rid = G_MININT64;
  gboolean more = TRUE;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Keyset pages of EXPORT_BATCH records: the lock is let go between pages
   * so that a long export does not stall the clerk's work. */
  while (more)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
      g_autoptr(GError) local_error = NULL;
      int rc;

      g_rec_mutex_lock (&self->lock);
      {
        g_autoptr(HtCachedStmt) stmt =
          _ht_store_stmt (self,
                          "SELECT r.rid, r.kind, r.book_year, r.number, h.json FROM records r"
                          " JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                          " WHERE r.status <> 'draft'"
                          " AND (r.kind, r.book_year, r.number, r.rid) > (?1, ?2, ?3, ?4)"
                          " AND (?5 IS NULL OR r.kind = ?5)"
                          " AND (?6 IS NULL OR r.registered_on >= ?6)"
                          " AND (?7 IS NULL OR r.registered_on <= ?7)"
                          " ORDER BY r.kind, r.book_year, r.number, r.rid LIMIT ?8",
                          &local_error);
        if (stmt != NULL)
          {
            sqlite3_bind_text (stmt, 1, last_kind, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64 (stmt, 2, last_year);
            sqlite3_bind_int64 (stmt, 3, last_number);
            sqlite3_bind_int64 (stmt, 4, last_rid);
            _ht_store_bind_text (stmt, 5, kind);
            _ht_store_bind_text (stmt, 6, from_text);
            _ht_store_bind_text (stmt, 7, to_text);
            sqlite3_bind_int (stmt, 8, EXPORT_BATCH);
            while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
              {
                cJSON *record = _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 4),
                                                      sqlite3_column_bytes (stmt, 4), &local_error);
                if (record == NULL)
                  break;
                g_ptr_array_add (page, record);
                last_rid = sqlite3_column_int64 (stmt, 0);
                g_free (last_kind);
                last_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
                last_year = sqlite3_column_int64 (stmt, 2);
                last_number = sqlite3_column_int64 (stmt, 3);
              }
            if (local_error == NULL && rc != SQLITE_DONE && rc != SQLITE_ROW)
              _ht_store_db_error (self->db, rc, _("exporting records"), &local_error);
          }
      }
      g_rec_mutex_unlock (&self->lock);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      more = page->len == EXPORT_BATCH;
      for (guint i = 0; i < page->len; i++)
        if (!func (page->pdata[i], user_data))
          return TRUE;
    }
  return TRUE;
}

/* ---- Lookups for validation rules ---- */

/* A PIN also matches an ID card whose number it is (CCCD numbers are PINs);
 * a folded name matches with the same date of birth, or with any when no
 * date is given — as tests/core/ht-test-lookup.c does for rule tests. */

/* At most this many records come back from one find_person call: a common
 * name without a date of birth must not load half the register. */
#define FIND_PERSON_LIMIT 200

static void
keep_error (HtStore *self,
            GError  *error)
{
  if (error == NULL)
    return;
  if (self->lookup_error == NULL && !g_error_matches (error, HT_ERROR, HT_ERROR_NOT_FOUND))
    self->lookup_error = g_error_copy (error);
}

static cJSON *
records_array (HtStore      *self,
               sqlite3_stmt *stmt)
{
  cJSON *array = cJSON_CreateArray ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      cJSON *record = _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 0),
                                            sqlite3_column_bytes (stmt, 0), &error);
      if (record == NULL)
        {
          keep_error (self, error);
          break;
        }
      cJSON_AddItemToArray (array, record);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      _ht_store_db_error (self->db, rc, _("looking records up for validation"), &error);
      keep_error (self, error);
    }
  return array;
}

static gboolean
is_draft (const cJSON *record)
{
  return g_strcmp0 (ht_record_status (record), "draft") == 0;
}

static gboolean
is_registered (const cJSON *record)
{
  return g_strcmp0 (ht_record_status (record), "registered") == 0;
}

static cJSON *
resolve_ref (gpointer     user_data,
             const cJSON *ref)
{
  HtStore *self = user_data;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive (ref, "id");
  const cJSON *kind = cJSON_GetObjectItemCaseSensitive (ref, "kind");
  const cJSON *office = cJSON_GetObjectItemCaseSensitive (ref, "office");
  const cJSON *year = cJSON_GetObjectItemCaseSensitive (ref, "book_year");
  const cJSON *number = cJSON_GetObjectItemCaseSensitive (ref, "number");
  g_autoptr(GError) error = NULL;
  cJSON *record = NULL;

  g_rec_mutex_lock (&self->lock);
  if (cJSON_IsString (id))
    {
      if (_ht_import_keys_may_have (self, "id", id->valuestring))
        record = _ht_store_get_unlocked (self, id->valuestring, &error);
    }
  else if (cJSON_IsString (kind) && cJSON_IsNumber (year) && cJSON_IsNumber (number))
    {
      const char *in = cJSON_IsString (office) ? office->valuestring : self->office;
      g_autofree char *place = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, in,
                                                kind->valuestring, (gint64) year->valuedouble,
                                                (gint64) number->valuedouble);

      if (_ht_import_keys_may_have (self, "number", place))
        record = _ht_store_get_by_number_unlocked (self, in, kind->valuestring, (gint64) year->valuedouble,
                                                   (gint64) number->valuedouble, &error);
    }
  keep_error (self, error);
  g_rec_mutex_unlock (&self->lock);

  /* A draft is not in any book yet, so nothing can refer to it. */
  if (record != NULL && is_draft (record))
    g_clear_pointer (&record, cJSON_Delete);
  return record;
}

/* Adds to "rids" the registered records of "kind" (NULL: any) that have
 * a key of "type" between "from" and "to" (the same for an exact key); a
 * "person" is a name key "folded name|birth" (ht-store-names.c). */
static void
collect_rids (HtStore    *self,
              const char *type,
              const char *from,
              const char *to,
              const char *kind,
              GArray     *rids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtCachedStmt) stmt = NULL;
  gboolean person = strcmp (type, "person") == 0;
  int rc;

  if (from == NULL)
    return;
  if (!person && !_ht_import_keys_may_have (self, type, from))
    return;
  if (person && from == to)
    {
      if (!_ht_import_keys_may_have (self, "name", from))
        return;
      _ht_import_keys_pending_rids (self, from, rids);
    }
  if (person && from != to)
    {
      /* "name|" to "name}": the keys of a name with any birth. */
      g_autofree char *name = g_strndup (from, strlen (from) - 1);

      if (!_ht_import_keys_may_have (self, "name_prefix", name))
        return;
    }
  /* Simple indexed lookups, one per kind of key: a UNION or an IN list
   * builds temporary b-trees on every call, which a bulk import pays for
   * every record. */
  if (person)
    stmt = _ht_store_stmt (self,
                           from == to
                           ? "SELECT k.rid FROM name_keys k JOIN records r ON r.rid = k.rid"
                             " WHERE k.key = ?2 AND r.status = 'registered' AND (?4 IS NULL OR r.kind = ?4) LIMIT ?5"
                           : "SELECT k.rid FROM name_keys k JOIN records r ON r.rid = k.rid"
                             " WHERE k.key >= ?2 AND k.key < ?3"
                             " AND r.status = 'registered' AND (?4 IS NULL OR r.kind = ?4) LIMIT ?5",
                           &error);
  else
    stmt = _ht_store_stmt (self,
                           from == to
                           ? "SELECT k.rid FROM record_keys k JOIN records r ON r.rid = k.rid"
                             " WHERE k.type = ?1 AND k.value = ?2"
                             " AND r.status = 'registered' AND (?4 IS NULL OR r.kind = ?4) LIMIT ?5"
                           : "SELECT k.rid FROM record_keys k JOIN records r ON r.rid = k.rid"
                             " WHERE k.type = ?1 AND k.value >= ?2 AND k.value < ?3"
                             " AND r.status = 'registered' AND (?4 IS NULL OR r.kind = ?4) LIMIT ?5",
                           &error);
  if (stmt == NULL)
    {
      keep_error (self, error);
      return;
    }
  _ht_store_bind_text (stmt, 1, type);
  _ht_store_bind_text (stmt, 2, from);
  if (from != to)
    _ht_store_bind_text (stmt, 3, to);
  _ht_store_bind_text (stmt, 4, kind);
  sqlite3_bind_int (stmt, 5, FIND_PERSON_LIMIT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rids, rid);
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, _("looking records up for validation"), &error);
      keep_error (self, error);
    }
}

static int
compare_rids_desc (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static cJSON *
find_person (gpointer    user_data,
             const char *kind,
             const char *pin,
             const char *doc_number,
             const char *folded_name,
             const char *date_of_birth)
{
  HtStore *self = user_data;
  g_autoptr(GArray) rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *doc = NULL;
  g_autofree char *name = NULL;
  g_autofree char *by_date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  cJSON *array = cJSON_CreateArray ();

  if (doc_number != NULL)
    {
      GString *s = g_string_new (NULL);
      for (const char *p = doc_number; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (s, g_ascii_toupper (*p));
      doc = g_string_free (s, FALSE);
    }
  if (folded_name != NULL && (name = _ht_name_normalize (folded_name)) != NULL)
    {
      if (date_of_birth != NULL)
        by_date = g_strconcat (name, "|", date_of_birth, NULL);
      else
        {
          /* Every "name|…" key: '}' is the character after '|'. */
          from = g_strconcat (name, "|", NULL);
          to = g_strconcat (name, "}", NULL);
        }
    }

  g_rec_mutex_lock (&self->lock);
  collect_rids (self, "pin", pin, pin, kind, rids);
  collect_rids (self, "doc", pin, pin, kind, rids);
  collect_rids (self, "doc", doc, doc, kind, rids);
  collect_rids (self, "person", by_date, by_date, kind, rids);
  collect_rids (self, "person", from, to, kind, rids);

  g_array_sort (rids, compare_rids_desc);
  for (guint i = 0; i < rids->len && i < FIND_PERSON_LIMIT; i++)
    {
      gint64 rid = g_array_index (rids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(HtCachedStmt) stmt = NULL;

      if (i > 0 && rid == g_array_index (rids, gint64, i - 1))
        continue;
      stmt = _ht_store_stmt (self, "SELECT h.json FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                                   " WHERE r.rid = ?1", &error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, rid);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              cJSON *record = _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 0),
                                                    sqlite3_column_bytes (stmt, 0), &error);
              /* The name keys an import holds back were not filtered
               * by kind and status as SQLite filters the others. */
              if (record != NULL && (!is_registered (record) || (kind != NULL
                                     && g_strcmp0 (ht_record_kind_code (record), kind) != 0)))
                g_clear_pointer (&record, cJSON_Delete);
              if (record != NULL)
                cJSON_AddItemToArray (array, record);
            }
        }
      keep_error (self, error);
    }
  g_rec_mutex_unlock (&self->lock);

  return array;
}

static cJSON *
find_referencing (gpointer    user_data,
                  const char *id)
{
  HtStore *self = user_data;
  g_autofree char *book_key = NULL;
  cJSON *array = NULL;

  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HtCachedStmt) place =
      _ht_store_stmt (self,
                      "SELECT kind || '/' || office || '/' || book_year || '/' || number"
                      " FROM records WHERE id = ?1 AND number IS NOT NULL",
                      &error);

    /* Refs name a record by id or by its place in a book; both count. */
    if (place != NULL && _ht_import_keys_may_have (self, "id", id))
      {
        _ht_store_bind_text (place, 1, id);
        if (sqlite3_step (place) == SQLITE_ROW)
          book_key = g_strdup ((const char *) sqlite3_column_text (place, 0));
      }
    keep_error (self, error);
  }
  if (!_ht_import_keys_may_have (self, "ref", id)
      && (book_key == NULL || !_ht_import_keys_may_have (self, "ref", book_key)))
    {
      g_rec_mutex_unlock (&self->lock);
      return cJSON_CreateArray ();
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (self,
                      "SELECT h.json FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                      " WHERE r.rid IN (SELECT rid FROM refs WHERE target_id = ?1 OR target_id = ?2)"
                      " AND r.status <> 'draft' ORDER BY r.rid",
                      &error);
    if (stmt != NULL)
      {
        _ht_store_bind_text (stmt, 1, id);
        _ht_store_bind_text (stmt, 2, book_key);
        array = records_array (self, stmt);
      }
    keep_error (self, error);
  }
  g_rec_mutex_unlock (&self->lock);

  return array != NULL ? array : cJSON_CreateArray ();
}

void
_ht_store_lookup_init (HtStore *self)
{
  self->lookup.user_data = self;
  self->lookup.resolve_ref = resolve_ref;
  self->lookup.find_person = find_person;
  self->lookup.find_referencing = find_referencing;
}

const HtLookup *
ht_store_get_lookup (HtStore *self)
{
  g_return_val_if_fail (HT_IS_STORE (self), NULL);

  return &self->lookup;
}

/* ---- Async variants for the app ---- */

typedef struct
{
  cJSON       *record;
  char        *user;
  char        *reason;
  HtSaveFlags  flags;
  HtIssues    *issues;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->record, cJSON_Delete);
  g_clear_pointer (&data->issues, g_ptr_array_unref);
  g_free (data->user);
  g_free (data->reason);
  g_free (data);
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (ht_store_save (source_object, data->record, data->user, data->reason, data->flags,
                     data->issues, &error))
    g_task_return_pointer (task, g_steal_pointer (&data->record), (GDestroyNotify) cJSON_Delete);
  else
    g_task_return_error (task, error);
}

void
ht_store_save_async (HtStore             *self,
                     cJSON               *record,
                     const char          *user,
                     const char          *reason,
                     HtSaveFlags          flags,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (HT_IS_STORE (self));
  g_return_if_fail (record != NULL);
  g_return_if_fail (user != NULL);

  /* The worker saves a copy: the caller's tree stays the caller's. */
  data = g_new0 (SaveData, 1);
  data->record = cJSON_Duplicate (record, TRUE);
  data->user = g_strdup (user);
  data->reason = g_strdup (reason);
  data->flags = flags;
  data->issues = ht_issues_new ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_store_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_worker);
}

cJSON *
ht_store_save_finish (HtStore       *self,
                      GAsyncResult  *result,
                      HtIssues     **issues,
                      GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_store_save_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (issues != NULL)
    *issues = g_steal_pointer (&data->issues);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char  *query;
  char  *kind;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data->kind);
  g_free (data);
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *results;

  if (g_task_return_error_if_cancelled (task))
    return;
  results = ht_store_search (source_object, data->query, data->kind, data->limit, &error);
  if (results != NULL)
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
ht_store_search_async (HtStore             *self,
                       const char          *query,
                       const char          *kind,
                       guint                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (HT_IS_STORE (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->kind = g_strdup (kind);
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_store_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_worker);
}

GPtrArray *
ht_store_search_finish (HtStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_store_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
