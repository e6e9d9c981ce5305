/* ht-store-terms.c — the words of the search index, and prefixes asked through them.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search index has prefix indexes for one and two letters only
 * (schema/local/0007-search-terms.sql says why).  A word typed with more
 * letters is asked as an OR of the index terms it starts, which FTS5 reads
 * lazily, newest first, as it reads a prefix index: "tha" as "thach" OR
 * "thai" OR ….  The terms come from search_terms, which holds every word
 * of the "names" column.
 *
 * Words are cut out of text by FTS5's own tokenizer, configured as the
 * index's, so that search_terms holds exactly the terms FTS5 stores and a
 * query word is looked up in the form FTS5 gives it.  The table only
 * grows, so the store remembers which words it already holds and a save
 * writes only new ones; what a transaction added is remembered only once
 * it committed (a rolled-back word would otherwise never be written).
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-store-private.h"

/* An OR of more terms than this is not built: FTS5 then answers the
 * prefix itself (merging the doclists up front), which costs less than
 * opening that many terms. */
#define MAX_EXPANSION 64

struct _HtTerms
{
  fts5_tokenizer  api;
  Fts5Tokenizer  *tokenizer;
  /* The words search_terms holds (committed), or NULL until first needed. */
  GHashTable     *known;
  /* Words this transaction inserted. */
  GPtrArray      *pending;
};

void
_ht_terms_free (HtTerms *terms)
{
  if (terms == NULL)
    return;
  if (terms->tokenizer != NULL)
    terms->api.xDelete (terms->tokenizer);
  g_clear_pointer (&terms->known, g_hash_table_unref);
  g_clear_pointer (&terms->pending, g_ptr_array_unref);
  g_free (terms);
}

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api *api = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  return api;
}

/* The store's terms, with the index's tokenizer made on first use. */
static HtTerms *
get_terms (HtStore  *self,
           GError  **error)
{
  /* As schema/local/0001-initial.sql and 0007 configure the index. */
  static const char *const args[] = { "remove_diacritics", "0", "tokenchars", "_" };
  HtTerms *terms = self->terms;
  fts5_api *api;
  void *user_data = NULL;

  if (terms != NULL && terms->tokenizer != NULL)
    return terms;
  if (terms == NULL)
    {
      terms = self->terms = g_new0 (HtTerms, 1);
      terms->pending = g_ptr_array_new_with_free_func (g_free);
    }
  api = fts5_api_of (self->db);
  if (api == NULL || api->xFindTokenizer (api, "unicode61", &user_data, &terms->api) != SQLITE_OK
      || terms->api.xCreate (user_data, (const char **) args, G_N_ELEMENTS (args), &terms->tokenizer) != SQLITE_OK)
    {
      terms->tokenizer = NULL;
      g_set_error (error, HT_ERROR, HT_ERROR_DATABASE,
                   _("Database error (%s): %s"), _("updating the search index"),
                   _("SQLite has no FTS5 tokenizer “unicode61”"));
      return NULL;
    }
  return terms;
}

void
_ht_terms_connection_changed (HtStore *self)
{
  /* A new connection may be to a restored file, which need not hold the
   * same words. */
  if (self->terms != NULL)
    {
      g_clear_pointer (&self->terms->known, g_hash_table_unref);
      g_ptr_array_set_size (self->terms->pending, 0);
    }
}

void
_ht_terms_transaction_ended (HtStore  *self,
                             gboolean  committed)
{
  HtTerms *terms = self->terms;

  if (terms == NULL || terms->pending->len == 0)
    return;
  if (committed && terms->known != NULL)
    for (guint i = 0; i < terms->pending->len; i++)
      g_hash_table_add (terms->known, g_steal_pointer (&terms->pending->pdata[i]));
  g_ptr_array_set_size (terms->pending, 0);
}

typedef struct
{
  GPtrArray *words;  /* char *, owned */
} Tokens;

static int
token_cb (void       *user_data,
          int         flags,
          const char *token,
          int         n_token,
          int         start,
          int         end)
{
  Tokens *tokens = user_data;

  (void) flags;
  (void) start;
  (void) end;
  g_ptr_array_add (tokens->words, g_strndup (token, n_token));
  return SQLITE_OK;
}

/* The tokens of "text" as the index makes them (FTS5_TOKENIZE_DOCUMENT or
 * _QUERY), in order, repeated as they come. */
static GPtrArray *
tokenize (HtTerms    *terms,
          const char *text,
          int         reason)
{
  Tokens tokens = { g_ptr_array_new_with_free_func (g_free) };

  if (terms->api.xTokenize (terms->tokenizer, &tokens, reason, text, (int) strlen (text), token_cb) != SQLITE_OK)
    g_ptr_array_set_size (tokens.words, 0);
  return tokens.words;
}

static gboolean
load_known (HtStore  *self,
            HtTerms  *terms,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (terms->known != NULL)
    return TRUE;
  /* A one-shot statement: read once per connection. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT term FROM search_terms", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (self->db, rc, _("updating the search index"), error);
      return FALSE;
    }
  terms->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (terms->known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&terms->known, g_hash_table_unref);
      _ht_store_db_error (self->db, rc, _("updating the search index"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_term (HtStore     *self,
             HtTerms     *terms,
             const char  *term,
             GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self, "INSERT OR IGNORE INTO search_terms (term) VALUES (?1)", error);

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, term);
  if (!_ht_store_step_done (self, stmt, _("updating the search index"), error))
    return FALSE;
  g_ptr_array_add (terms->pending, g_strdup (term));
  return TRUE;
}

/* What _ht_terms_add() hands the tokenizer: most words of a save are
 * known, and are looked up from a buffer on the stack without copying. */
typedef struct
{
  HtStore     *self;
  HtTerms     *terms;
  GHashTable  *deferred;
  GError     **error;
  gboolean     failed;
} AddWords;

static int
add_word_cb (void       *user_data,
             int         flags,
             const char *token,
             int         n_token,
             int         start,
             int         end)
{
  AddWords *add = user_data;
  char small[128];
  g_autofree char *large = NULL;
  char *word = small;

  (void) flags;
  (void) start;
  (void) end;
  if ((gsize) n_token < sizeof small)
    {
      memcpy (small, token, n_token);
      small[n_token] = '\0';
    }
  else
    word = large = g_strndup (token, n_token);

  if (g_hash_table_contains (add->terms->known, word))
    return SQLITE_OK;
  if (add->deferred != NULL)
    {
      if (!g_hash_table_contains (add->deferred, word))
        g_hash_table_add (add->deferred, g_strdup (word));
      return SQLITE_OK;
    }
  if (!insert_term (add->self, add->terms, word, add->error))
    {
      add->failed = TRUE;
      return SQLITE_ERROR;
    }
  return SQLITE_OK;
}

gboolean
_ht_terms_add (HtStore     *self,
               const char  *names,
               GHashTable  *deferred,
               GError     **error)
{
  HtTerms *terms = get_terms (self, error);
  AddWords add = { self, terms, deferred, error, FALSE };
  int rc;

  if (terms == NULL || !load_known (self, terms, error))
    return FALSE;
  rc = terms->api.xTokenize (terms->tokenizer, &add, FTS5_TOKENIZE_DOCUMENT, names, (int) strlen (names),
                             add_word_cb);
  if (add.failed)
    return FALSE;
  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (NULL, rc, _("updating the search index"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ht_terms_flush (HtStore     *self,
                 GHashTable  *deferred,
                 GError     **error)
{
  HtTerms *terms;
  GHashTableIter iter;
  gpointer word;

  if (g_hash_table_size (deferred) == 0)
    return TRUE;
  if ((terms = get_terms (self, error)) == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, deferred);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (!insert_term (self, terms, word, error))
      return FALSE;
  g_hash_table_remove_all (deferred);
  return TRUE;
}

/* ---- Prefixes ---- */

/* The text just past every text that starts with "prefix": its last byte
 * one higher (the end of a UTF-8 character is never 0xff). */
static char *
upper_bound (const char *prefix,
             gsize       len)
{
  char *upper = g_strndup (prefix, len);

  upper[len - 1]++;
  return upper;
}

/* Appends "term" quoted as an FTS5 string (terms hold no quote: they are
 * letters, digits and '_'; a quote is doubled anyway). */
static void
append_quoted (GString    *out,
               const char *term,
               gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (term[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, term[i]);
    }
  g_string_append_c (out, '"');
}

/* "word" of three letters or more: the terms that start with it. */
static gboolean
expand_terms (HtStore     *self,
              const char  *word,
              GString     *out,
              guint       *n_parts,
              GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self, "SELECT term FROM search_terms WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT ?3", error);
  g_autofree char *upper = upper_bound (word, strlen (word));
  int rc;

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, word);
  _ht_store_bind_text (stmt, 2, upper);
  sqlite3_bind_int (stmt, 3, MAX_EXPANSION + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++*n_parts > 1)
        g_string_append (out, " OR ");
      append_quoted (out, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, _("searching"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ht_terms_append_prefix (HtStore     *self,
                         const char  *word,
                         GString     *match,
                         GError     **error)
{
  HtTerms *terms = get_terms (self, error);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GString) expanded = NULL;
  const char *token;
  glong letters;
  guint n_parts = 0;

  if (terms == NULL)
    return FALSE;
  /* A word the tokenizer keeps whole is looked up in its form; anything
   * else (it would split the word) goes to FTS5 as it always did. */
  tokens = tokenize (terms, word, FTS5_TOKENIZE_QUERY);
  token = tokens->len == 1 ? tokens->pdata[0] : NULL;
  letters = token != NULL ? g_utf8_strlen (token, -1) : 0;
  if (token == NULL || letters <= 2)
    {
      append_quoted (match, word, strlen (word));
      g_string_append_c (match, '*');
      return TRUE;
    }

  expanded = g_string_new (NULL);
  if (!expand_terms (self, token, expanded, &n_parts, error))
    return FALSE;
  if (n_parts == 0 || n_parts > MAX_EXPANSION)
    {
      /* No term starts with it (nothing can match; FTS5 finds that at
       * once), or so many that the OR would cost more than the prefix. */
      append_quoted (match, token, strlen (token));
      g_string_append_c (match, '*');
    }
  else if (n_parts == 1)
    g_string_append_len (match, expanded->str, expanded->len);
  else
    g_string_append_printf (match, "(%s)", expanded->str);
  return TRUE;
}
