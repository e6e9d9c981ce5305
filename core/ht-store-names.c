/* ht-store-names.c — person names as b-tree keys, the fast path of name search.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FTS5 answers "nguyen van an" by intersecting the doclists of nguyen*,
 * van* and an*, newest first, and stops at the limit.  When the name is
 * rare it finds fewer hits than the limit and so walks the whole
 * intersection of common terms: tens of milliseconds at a million records.
 * The table name_keys holds, for each person name, the folded full name
 * (followed by "|" and the date or year of birth: the same row is the
 * person key of the validation rules' lookups) and "surname given", so a
 * query of one of these shapes, or the start of one being typed, is a
 * range scan whose length is the number of people it matches.  A single
 * word (a given name, a surname) is one FTS5 term, which FTS5 answers
 * without any intersection, so it has no key of its own.  Ranges that match too many people to
 * sort cheaply are left to FTS5, which then has enough hits to stop early.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-store-private.h"

/* Above this many key rows a range is a common prefix ("nguyen", "an"):
 * sorting it by rid would cost more than FTS5, which finds the limit among
 * so many hits after a short walk. */
#define NAME_RANGE_CAP 3000

char *
_ht_name_normalize (const char *folded)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (folded));
  gboolean in_word = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (!in_word && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
_ht_name_keys_collect (const char   *folded,
                       const char   *birth,
                       GStringChunk *chunk,
                       GPtrArray    *keys)
{
  g_autofree char *full = _ht_name_normalize (folded);
  g_autofree char *person = NULL;
  const char *first_space;
  const char *given;

  if (full == NULL)
    return;
  /* The full name carries the birth after a "|", which sorts after every
   * letter, digit and space: a search for the name or the start of it
   * still finds this key, and the validation rules find the person. */
  person = g_strconcat (full, "|", birth, NULL);
  g_ptr_array_add (keys, g_string_chunk_insert (chunk, person));

  /* The given name alone is not a key (schema/local/0006-lean.sql): a
   * one-word search goes to FTS5, which answers a single word at once,
   * and every key is one more random page for a save to write. */
  first_space = strchr (full, ' ');
  if (first_space == NULL)
    return;
  given = strrchr (full, ' ') + 1;
  if (given != first_space + 1)
    {
      g_autofree char *short_name =
        g_strdup_printf ("%.*s %s", (int) (first_space - full), full, given);
      g_ptr_array_add (keys, g_string_chunk_insert (chunk, short_name));
    }
}

gboolean
_ht_store_write_name_keys (HtStore    *self,
                           gint64      rid,
                           GPtrArray  *keys,
                           gboolean    insert,
                           GError    **error)
{
  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self,
                        insert ? "INSERT INTO name_keys (key, rid) VALUES (?1, ?2)"
                               : "DELETE FROM name_keys WHERE key = ?1 AND rid = ?2",
                        error);
      if (stmt == NULL)
        return FALSE;
      _ht_store_bind_text (stmt, 1, keys->pdata[i]);
      sqlite3_bind_int64 (stmt, 2, rid);
      if (!_ht_store_step_done (self, stmt, _("writing the name keys"), error))
        return FALSE;
    }
  return TRUE;
}

/* Rows of one multi-row insert of name keys. */
#define NAME_KEYS_BATCH 32
#define ROW1 "(?, ?)"
#define ROW4 ROW1 ", " ROW1 ", " ROW1 ", " ROW1
#define ROW16 ROW4 ", " ROW4 ", " ROW4 ", " ROW4

gboolean
_ht_store_insert_name_keys (HtStore     *self,
                            const char  *const *keys,
                            const gint64 *rids,
                            gsize        stride,
                            guint        n,
                            GError     **error)
{
  guint i = 0;

#define ROW_AT(base, type, i) (*(const type *) ((const char *) (base) + (gsize) (i) * stride))
  /* One statement of NAME_KEYS_BATCH rows keeps its cursor on the table
   * from one row to the next: keys given in order then go to the end of
   * the b-tree without a search from its root, and the statement's own
   * cost is paid once for all of them (docs/local-store.md). */
  for (; i + NAME_KEYS_BATCH <= n; i += NAME_KEYS_BATCH)
    {
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self, "INSERT INTO name_keys (key, rid) VALUES " ROW16 ", " ROW16, error);

      G_STATIC_ASSERT (NAME_KEYS_BATCH == 32);
      if (stmt == NULL)
        return FALSE;
      for (guint j = 0; j < NAME_KEYS_BATCH; j++)
        {
          _ht_store_bind_text (stmt, 2 * j + 1, ROW_AT (keys, char *, i + j));
          sqlite3_bind_int64 (stmt, 2 * j + 2, ROW_AT (rids, gint64, i + j));
        }
      if (!_ht_store_step_done (self, stmt, _("writing the name keys"), error))
        return FALSE;
    }
  for (; i < n; i++)
    {
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self, "INSERT INTO name_keys (key, rid) VALUES (?1, ?2)", error);

      if (stmt == NULL)
        return FALSE;
      _ht_store_bind_text (stmt, 1, ROW_AT (keys, char *, i));
      sqlite3_bind_int64 (stmt, 2, ROW_AT (rids, gint64, i));
      if (!_ht_store_step_done (self, stmt, _("writing the name keys"), error))
        return FALSE;
    }
#undef ROW_AT
  return TRUE;
}

gboolean
_ht_store_backfill_name_keys (HtStore  *self,
                              GError  **error)
{
  g_autoptr(HtIndexBuf) buf = _ht_index_buf_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* A one-shot statement: the migration runs once per register. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT r.rid, h.json FROM records r"
                           " JOIN history h ON h.rid = r.rid AND h.version = r.content_version ORDER BY r.rid", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (self->db, rc, _("filling the name keys"), error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(cJSON) record =
        _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 1),
                              sqlite3_column_bytes (stmt, 1), error);

      if (record == NULL
          || !_ht_store_write_name_keys (self, sqlite3_column_int64 (stmt, 0),
                                         _ht_index_name_keys (buf, record), TRUE, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, _("filling the name keys"), error);
      return FALSE;
    }
  return TRUE;
}

static int
compare_rid_desc (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x < y) - (x > y);
}

GArray *
_ht_store_name_search (HtStore     *self,
                       const char  *words,
                       const char  *kind,
                       guint        limit,
                       gboolean    *too_many,
                       GError     **error)
{
  g_autoptr(GArray) rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(HtCachedStmt) stmt = NULL;
  g_autofree char *upper = g_strdup (words);
  gsize len = strlen (upper);
  guint kept = 0;
  int rc;

  *too_many = FALSE;

  /* Every key that starts with "words" sorts at or after it and before the
   * same text with its last byte one higher.  That byte is the end of a
   * letter or digit, never 0xff, and the keys compare bytewise. */
  g_return_val_if_fail (len > 0, NULL);
  upper[len - 1]++;

  /* The kind is not in the key, so with a kind each row is checked against
   * its record, and the cap counts the rows of that kind. */
  stmt = _ht_store_stmt (self,
                         kind == NULL
                         ? "SELECT rid FROM name_keys WHERE key >= ?1 AND key < ?2 LIMIT ?4"
                         : "SELECT k.rid FROM name_keys k JOIN records r ON r.rid = k.rid"
                           " WHERE k.key >= ?1 AND k.key < ?2 AND r.kind = ?3 LIMIT ?4",
                         error);
  if (stmt == NULL)
    return NULL;
  _ht_store_bind_text (stmt, 1, words);
  _ht_store_bind_text (stmt, 2, upper);
  if (kind != NULL)
    _ht_store_bind_text (stmt, 3, kind);
  sqlite3_bind_int (stmt, 4, NAME_RANGE_CAP + 1);

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
  if (rids->len > NAME_RANGE_CAP)
    {
      *too_many = TRUE;
      g_array_set_size (rids, 0);
      return g_steal_pointer (&rids);
    }

  /* Newest first, each record once (a record holds several people, and a
   * person several keys), at most "limit". */
  g_array_sort (rids, compare_rid_desc);
  for (guint i = 0; i < rids->len && kept < limit; i++)
    if (kept == 0 || g_array_index (rids, gint64, i) != g_array_index (rids, gint64, kept - 1))
      g_array_index (rids, gint64, kept++) = g_array_index (rids, gint64, i);
  g_array_set_size (rids, kept);
  return g_steal_pointer (&rids);
}
