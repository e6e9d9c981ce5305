/* ht-store-audit.c — the audit hash chain and the self-check.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save writes the record row and three journals (ht-store-journals.c):
 * the append-only history, the outbox for sync and the audit log.  Every
 * audit entry's hash
 * covers the previous entry's hash, its own fields and the SHA-256 of the
 * record's canonical JSON.
 * ht_store_check() recomputes the chain from the first entry and ties it to
 * the history and the records, so an altered record, an altered entry or a
 * removed entry shows up.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <nettle/sha2.h>
#include <sodium.h>

#include "ht-int-text.h"
#include "ht-store-private.h"

/* Problems listed one by one before the rest is only counted. */
#define MAX_PROBLEMS 100

/* SHA-256 through Nettle, which uses the processor's SHA instructions where
 * it has them: about four times faster than libsodium's portable code,
 * itself several times faster than GChecksum.  The audit chain hashes the
 * text of every record a save or an import writes.  The digests are the
 * same bytes, so existing chains stay valid. */
void
_ht_sha256_hex (const char *data,
                gsize       len,
                char        out[65])
{
  struct sha256_ctx ctx;
  guchar digest[SHA256_DIGEST_SIZE];

  sha256_init (&ctx);
  sha256_update (&ctx, len, (const guchar *) data);
  sha256_digest (&ctx, sizeof digest, digest);
  sodium_bin2hex (out, 65, digest, sizeof digest);
}

/* Fields are length-prefixed so that no two different entries hash the same
 * bytes; NULL is "-", distinct from the empty string "0:". */
static void
hash_field (struct sha256_ctx *sum,
            const char        *value)
{
  char prefix[HT_INT64_TEXT_SIZE];
  const char *start;
  gsize len;

  if (value == NULL)
    {
      sha256_update (sum, 2, (const guchar *) "-\n");
      return;
    }
  len = strlen (value);
  /* The length in decimal without printf: an import hashes nine fields
   * per record, and printf was most of the work of the fields themselves. */
  start = ht_int64_text (prefix, (gint64) len);
  sha256_update (sum, strlen (start), (const guchar *) start);
  sha256_update (sum, 1, (const guchar *) ":");
  sha256_update (sum, len, (const guchar *) value);
  sha256_update (sum, 1, (const guchar *) "\n");
}

static void
entry_hash (const char *hash_prev,
            gint64      seq,
            const char *at,
            const char *user,
            const char *action,
            const char *record_id,
            gint64      version,
            const char *detail,
            const char *record_hash,
            char        out[65])
{
  struct sha256_ctx sum;
  guchar digest[SHA256_DIGEST_SIZE];
  char number[HT_INT64_TEXT_SIZE];

  sha256_init (&sum);
  hash_field (&sum, hash_prev);
  hash_field (&sum, ht_int64_text (number, seq));
  hash_field (&sum, at);
  hash_field (&sum, user);
  hash_field (&sum, action);
  hash_field (&sum, record_id);
  hash_field (&sum, version > 0 ? ht_int64_text (number, version) : NULL);
  hash_field (&sum, detail);
  hash_field (&sum, record_hash);
  sha256_digest (&sum, sizeof digest, digest);
  sodium_bin2hex (out, 65, digest, sizeof digest);
}

gboolean
_ht_audit_chain_load (HtStore       *self,
                      HtAuditChain  *chain,
                      GError       **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  int rc;

  memset (chain, 0, sizeof *chain);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      chain->seq = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (chain->hash, (const char *) sqlite3_column_text (stmt, 1), sizeof chain->hash);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _ht_store_db_error (self->db, rc, _("reading the audit log"), error);
  return FALSE;
}

gboolean
_ht_audit_append (HtStore       *self,
                  HtAuditChain  *chain,
                  const char    *at,
                  const char    *user,
                  const char    *action,
                  const char    *record_id,
                  gint64         version,
                  const char    *detail,
                  const char    *json,
                  gsize          json_len,
                  GError       **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  char record_hash[65];
  char hash[65];
  gint64 seq = chain->seq + 1;

  if (!_ht_store_fail_point (self, "audit", error))
    return FALSE;

  if (json != NULL)
    _ht_sha256_hex (json, json_len, record_hash);
  entry_hash (chain->hash, seq, at, user, action, record_id, version, detail,
              json != NULL ? record_hash : NULL, hash);

  /* An import writes its records' entries 32 at a time (the same rows:
   * the chain is computed here, entry by entry, either way). */
  if (self->import_rows != NULL && record_id != NULL)
    {
      if (!_ht_import_rows_add_audit (self, seq, at, user, action, record_id, version, detail,
                                      json != NULL ? record_hash : NULL, chain->hash, hash, error))
        return FALSE;
      chain->seq = seq;
      memcpy (chain->hash, hash, sizeof hash);
      return TRUE;
    }

  stmt = _ht_store_stmt (self,
                         "INSERT INTO audit (seq, at, user, action, record_id, version, detail,"
                         " record_hash, hash_prev, hash)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  _ht_store_bind_text (stmt, 2, at);
  _ht_store_bind_text (stmt, 3, user);
  _ht_store_bind_text (stmt, 4, action);
  _ht_store_bind_text (stmt, 5, record_id);
  if (version > 0)
    sqlite3_bind_int64 (stmt, 6, version);
  _ht_store_bind_text (stmt, 7, detail);
  _ht_store_bind_text (stmt, 8, json != NULL ? record_hash : NULL);
  _ht_store_bind_text (stmt, 9, chain->hash);
  _ht_store_bind_text (stmt, 10, hash);
  if (!_ht_store_step_done (self, stmt, _("writing the audit log"), error))
    return FALSE;

  chain->seq = seq;
  memcpy (chain->hash, hash, sizeof hash);
  /* An entry about a record is tied to a version of the history, which
   * ht_store_check counts: removing it shows without a stored head.  Only
   * the other entries (number blocks, users, reports) need the head, and
   * a record's save is spared writing one more page. */
  if (record_id == NULL)
    chain->dirty = TRUE;
  return TRUE;
}

gboolean
_ht_audit_chain_store (HtStore       *self,
                       HtAuditChain  *chain,
                       GError       **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  g_autofree char *head = NULL;

  if (!chain->dirty)
    return TRUE;
  stmt = _ht_store_stmt (self, "INSERT OR REPLACE INTO keys (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", chain->seq, chain->hash);
  _ht_store_bind_text (stmt, 1, HT_STORE_KEY_AUDIT_HEAD);
  _ht_store_bind_text (stmt, 2, head);
  if (!_ht_store_step_done (self, stmt, _("writing the audit log"), error))
    return FALSE;
  chain->dirty = FALSE;
  return TRUE;
}

/* ---- ht_store_check ---- */

typedef struct
{
  HtStore   *self;
  GPtrArray *problems;
  guint      more;
} Check;

static void
problem (Check      *check,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Check      *check,
         const char *format,
         ...)
{
  va_list args;

  if (check->problems->len >= MAX_PROBLEMS)
    {
      check->more++;
      return;
    }
  va_start (args, format);
  g_ptr_array_add (check->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Runs "sql" and hands every row to "row"; a damaged file becomes a problem
 * rather than an error, since finding damage is the point of the check. */
static gboolean
each_row (Check        *check,
          const char   *sql,
          void        (*row) (Check *check, sqlite3_stmt *stmt, gpointer data),
          gpointer      data,
          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (check->self->db, sql, -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      row (check, stmt, data);
      rc = SQLITE_OK;
    }
  if (rc == SQLITE_DONE || rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      problem (check, _("The database file is damaged: %s"), sqlite3_errmsg (check->self->db));
      return TRUE;
    }
  _ht_store_db_error (check->self->db, rc, _("checking the register"), error);
  return FALSE;
}

static void
integrity_row (Check        *check,
               sqlite3_stmt *stmt,
               gpointer      data)
{
  const char *line = column_text (stmt, 0);

  if (g_strcmp0 (line, "ok") != 0)
    problem (check, _("The database file is damaged: %s"), line);
}

static void
foreign_key_row (Check        *check,
                 sqlite3_stmt *stmt,
                 gpointer      data)
{
  problem (check, _("Row %lld of the table “%s” points to a missing row of “%s”"),
           (long long) sqlite3_column_int64 (stmt, 1), column_text (stmt, 0), column_text (stmt, 2));
}

static void
trigger_row (Check        *check,
             sqlite3_stmt *stmt,
             gpointer      data)
{
  g_hash_table_remove (data, column_text (stmt, 0));
}

static void
history_row (Check        *check,
             sqlite3_stmt *stmt,
             gpointer      data)
{
  const char *id = column_text (stmt, 0);
  gint64 version = sqlite3_column_int64 (stmt, 1);

  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    problem (check, _("Record %s has no history"), id);
  else
    problem (check, _("Record %s is at version %lld but its history ends at version %lld"),
             id, (long long) version, (long long) sqlite3_column_int64 (stmt, 2));
}

static void
duplicate_number_row (Check        *check,
                      sqlite3_stmt *stmt,
                      gpointer      data)
{
  problem (check, _("Number %lld of the %s book of %lld is used by %lld records"),
           (long long) sqlite3_column_int64 (stmt, 2), column_text (stmt, 0),
           (long long) sqlite3_column_int64 (stmt, 1), (long long) sqlite3_column_int64 (stmt, 3));
}

static void
outbox_row (Check        *check,
            sqlite3_stmt *stmt,
            gpointer      data)
{
  problem (check, _("The outgoing change %s points to a version that is not in the history"),
           column_text (stmt, 0));
}

static void
orphan_history_row (Check        *check,
                    sqlite3_stmt *stmt,
                    gpointer      data)
{
  problem (check, _("The history holds versions of a record (row %lld) that is not in the register"),
           (long long) sqlite3_column_int64 (stmt, 0));
}

static void
compare_column (Check       *check,
                const char  *id,
                const char  *what,
                const char  *stored,
                const char  *actual)
{
  if (g_strcmp0 (stored, actual) != 0)
    problem (check, _("Record %s: the stored %s (“%s”) differs from its text (“%s”)"),
             id, what, stored != NULL ? stored : "", actual != NULL ? actual : "");
}

typedef struct
{
  HtIndexBuf *buf;
  guint64     key_sum;
  guint64     key_count;
} RecordPass;

static void
record_row (Check        *check,
            sqlite3_stmt *stmt,
            gpointer      data)
{
  RecordPass *pass = data;
  gint64 rid = sqlite3_column_int64 (stmt, 0);
  const char *id = column_text (stmt, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = _ht_store_parse_json (column_text (stmt, 8), sqlite3_column_bytes (stmt, 8),
                                                  &error);
  char stored[32], actual[32];

  if (record == NULL)
    {
      problem (check, _("Record %s cannot be read: %s"), id, error->message);
      return;
    }

  compare_column (check, id, "id", id, ht_record_id (record));
  compare_column (check, id, "kind", column_text (stmt, 2), ht_record_kind_code (record));
  compare_column (check, id, "office", column_text (stmt, 3), ht_record_office (record));
  compare_column (check, id, "status", column_text (stmt, 6), ht_record_status (record));
  compare_column (check, id, "registration_type", column_text (stmt, 11), ht_record_registration_type (record));
  compare_column (check, id, "registered_on", column_text (stmt, 12),
                  cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (record, "registered_on")));
  compare_column (check, id, "review_state", column_text (stmt, 13), _ht_store_review_state (record));
  g_snprintf (stored, sizeof stored, "%lld/%lld", (long long) sqlite3_column_int64 (stmt, 4),
              (long long) sqlite3_column_int64 (stmt, 5));
  g_snprintf (actual, sizeof actual, "%lld/%lld", (long long) ht_record_book_year (record),
              (long long) ht_record_number (record));
  compare_column (check, id, "book_year/number", stored, actual);
  g_snprintf (stored, sizeof stored, "%lld", (long long) sqlite3_column_int64 (stmt, 7));
  g_snprintf (actual, sizeof actual, "%lld", (long long) ht_record_content_version (record));
  compare_column (check, id, "content_version", stored, actual);

  if (g_strcmp0 (column_text (stmt, 6), "draft") != 0
      && (sqlite3_column_type (stmt, 4) == SQLITE_NULL || sqlite3_column_type (stmt, 5) == SQLITE_NULL))
    problem (check, _("Record %s is in the book but has no book year or number"), id);

  if (sqlite3_column_type (stmt, 9) == SQLITE_NULL)
    problem (check, _("Record %s is missing from the search index"), id);
  else if (g_strcmp0 (column_text (stmt, 9), _ht_index_names (pass->buf, record)) != 0
           || g_strcmp0 (column_text (stmt, 10), column_text (stmt, 2)) != 0)
    problem (check, _("Record %s: the search index holds other names than the record"), id);

  _ht_index_keys_digest (pass->buf, rid, record, &pass->key_sum, &pass->key_count);
}

static void
key_row (Check        *check,
         sqlite3_stmt *stmt,
         gpointer      data)
{
  RecordPass *pass = data;

  pass->key_sum += _ht_key_digest (column_text (stmt, 0), column_text (stmt, 1),
                                   sqlite3_column_int64 (stmt, 2));
  pass->key_count++;
}

typedef struct
{
  sqlite3_stmt *history;
  gint64        expected_seq;
  char          prev[65];
  gint64        record_entries;
  gboolean      broken;
} AuditPass;

static void
audit_row (Check        *check,
           sqlite3_stmt *stmt,
           gpointer      data)
{
  AuditPass *pass = data;
  gint64 seq = sqlite3_column_int64 (stmt, 0);
  const char *record_id = column_text (stmt, 4);
  gint64 version = sqlite3_column_int64 (stmt, 5);
  const char *record_hash = column_text (stmt, 7);
  const char *hash_prev = column_text (stmt, 8);
  const char *hash = column_text (stmt, 9);
  char computed[65];

  if (seq != pass->expected_seq)
    {
      if (pass->expected_seq == 1)
        problem (check, _("The audit log does not start at entry 1 (it starts at %lld)"), (long long) seq);
      else
        problem (check, _("Audit entries %lld to %lld are missing"),
                 (long long) pass->expected_seq, (long long) seq - 1);
    }
  if (g_strcmp0 (hash_prev, pass->prev) != 0)
    problem (check, _("Audit entry %lld does not follow the entry before it (the chain is broken)"),
             (long long) seq);

  entry_hash (hash_prev, seq, column_text (stmt, 1), column_text (stmt, 2), column_text (stmt, 3),
              record_id, version, column_text (stmt, 6), record_hash, computed);
  if (g_strcmp0 (computed, hash) != 0)
    problem (check, _("Audit entry %lld was altered (its hash does not match its content)"), (long long) seq);

  if (record_id != NULL)
    {
      int rc;

      pass->record_entries++;
      sqlite3_bind_text (pass->history, 1, record_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (pass->history, 2, version);
      rc = sqlite3_step (pass->history);
      if (rc != SQLITE_ROW)
        problem (check, _("Audit entry %lld is about version %lld of record %s, which is not in the history"),
                 (long long) seq, (long long) version, record_id);
      else
        {
          char history_hash[65];

          _ht_sha256_hex ((const char *) sqlite3_column_text (pass->history, 0),
                          sqlite3_column_bytes (pass->history, 0), history_hash);
          if (g_strcmp0 (history_hash, record_hash) != 0)
            problem (check, _("Version %lld of record %s is not what audit entry %lld recorded"),
                     (long long) version, record_id, (long long) seq);
        }
      sqlite3_reset (pass->history);
    }

  g_strlcpy (pass->prev, hash != NULL ? hash : "", sizeof pass->prev);
  pass->expected_seq = seq + 1;
}

static gint64
count_rows (Check      *check,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (check->self->db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return -1;
}

static gboolean
check_audit (Check   *check,
             GError **error)
{
  AuditPass pass = { NULL, 1, "", 0, FALSE };
  g_autoptr(sqlite3_stmt) history = NULL;
  g_autofree char *head = NULL;
  gint64 versions;
  gboolean ok;

  if (sqlite3_prepare_v2 (check->self->db, "SELECT h.json FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "?2") " WHERE r.id = ?1",
                          -1, &history, NULL) != SQLITE_OK)
    {
      _ht_store_db_error (check->self->db, sqlite3_errcode (check->self->db), _("checking the audit log"), error);
      return FALSE;
    }
  pass.history = history;
  ok = each_row (check,
                 "SELECT seq, at, user, action, record_id, version, detail, record_hash, hash_prev, hash"
                 " FROM audit ORDER BY seq",
                 audit_row, &pass, error);
  if (!ok)
    return FALSE;

  versions = count_rows (check, "SELECT count(*) FROM history");
  if (versions != pass.record_entries)
    problem (check, _("The audit log has %lld entries about records but the history has %lld versions (audit entries were removed)"),
             (long long) pass.record_entries, (long long) versions);

  /* The head names the last entry that is not about a record (entries
   * about records are counted against the history above): it must still
   * be there, unchanged.  Registers of schema 5 and before wrote it for
   * every entry, so there it names the last one. */
  head = ht_store_get_key (check->self, HT_STORE_KEY_AUDIT_HEAD);
  if (head != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *colon = strchr (head, ':');
      gint64 seq = colon != NULL ? g_ascii_strtoll (head, NULL, 10) : 0;
      gboolean found = FALSE;

      if (colon != NULL
          && sqlite3_prepare_v2 (check->self->db, "SELECT hash FROM audit WHERE seq = ?1", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, seq);
          found = sqlite3_step (stmt) == SQLITE_ROW
            && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), colon + 1) == 0;
        }
      if (!found)
        problem (check, _("The audit log no longer holds entry %lld as the register recorded it (“%s”): entries were removed or altered"),
                 (long long) seq, head);
    }
  return TRUE;
}

static gboolean
check_records (Check   *check,
               GError **error)
{
  g_autoptr(HtIndexBuf) buf = _ht_index_buf_new ();
  RecordPass records = { buf, 0, 0 };
  RecordPass keys = { buf, 0, 0 };
  gint64 n_records, n_search;

  if (!each_row (check,
                 "SELECT r.rid, r.id, r.kind, r.office, r.book_year, r.number, r.status,"
                 " r.content_version, h.json, s.names, s.kind, r.registration_type, r.registered_on,"
                 " r.review_state"
                 " FROM records r JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                 " LEFT JOIN search s ON s.rowid = r.rid ORDER BY r.rid",
                 record_row, &records, error)
      || !each_row (check, "SELECT type, value, rid FROM record_keys", key_row, &keys, error)
      || !each_row (check, "SELECT 'ref', target_id, rid FROM refs", key_row, &keys, error)
      || !each_row (check, "SELECT 'name', key, rid FROM name_keys", key_row, &keys, error))
    return FALSE;

  if (records.key_sum != keys.key_sum || records.key_count != keys.key_count)
    problem (check, _("The lookup keys (personal ID numbers, document numbers, names, references) do not match the records"));

  n_records = count_rows (check, "SELECT count(*) FROM records");
  n_search = count_rows (check, "SELECT count(*) FROM search");
  if (n_records != n_search)
    problem (check, _("The search index has %lld rows for %lld records"),
             (long long) n_search, (long long) n_records);

  /* A prefix search asks for the words of search_terms that start with
   * it (ht-store-terms.c): a word of the index missing there would make
   * the records that hold it unfindable by its prefix.  fts5vocab lists
   * the index's words, reading the whole index once. */
  if (_ht_store_exec (check->self, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_vocabulary"
                      " USING fts5vocab (main, search, col)", NULL))
    {
      gint64 missing = count_rows (check, "SELECT count(*) FROM temp.check_vocabulary v WHERE v.col = 'names'"
                                   " AND NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.term = v.term)");

      if (missing != 0)
        problem (check, _("The search index holds %lld words that its word list lacks"), (long long) missing);
      _ht_store_exec (check->self, "DROP TABLE temp.check_vocabulary", NULL);
    }
  else
    problem (check, _("The search index's words cannot be listed: %s"), sqlite3_errmsg (check->self->db));
  return TRUE;
}

static gboolean
run_checks (Check   *check,
            GError **error)
{
  static const char *const triggers[] = {
    "history_no_update", "history_no_delete", "audit_no_update", "audit_no_delete", NULL
  };
  g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer name;
  int rc;

  if (!each_row (check, "PRAGMA integrity_check", integrity_row, NULL, error))
    return FALSE;
  if (check->problems->len > 0)
    return TRUE; /* Nothing below can be trusted on a damaged file. */

  /* FTS5 checks its index against its own content; the record pass below
   * checks that content against the records. */
  rc = sqlite3_exec (check->self->db, "INSERT INTO search (search) VALUES ('integrity-check')",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    problem (check, _("The search index is damaged: %s"), sqlite3_errmsg (check->self->db));

  for (guint i = 0; triggers[i] != NULL; i++)
    g_hash_table_add (missing, (gpointer) triggers[i]);

  if (!_ht_store_exec (check->self, "BEGIN", error))
    return FALSE;

  if (!each_row (check, "PRAGMA foreign_key_check", foreign_key_row, NULL, error)
      || !each_row (check, "SELECT name FROM sqlite_master WHERE type = 'trigger'", trigger_row, missing, error)
      || !each_row (check,
                    "SELECT r.id, r.content_version, (SELECT max(version) FROM history"
                    " WHERE hid BETWEEN " HT_HID ("r.rid", "1") " AND " HT_HID ("r.rid", HT_HID_SCALE " - 1") ") AS last"
                    " FROM records r WHERE last IS NOT r.content_version",
                    history_row, NULL, error)
      || !each_row (check,
                    "SELECT kind, book_year, number, count(*) FROM records WHERE number IS NOT NULL"
                    " GROUP BY office, kind, book_year, number HAVING count(*) > 1",
                    duplicate_number_row, NULL, error)
      || !each_row (check,
                    "SELECT o.change_id FROM outbox o LEFT JOIN history h ON h.hid = " HT_HID ("o.rid", "o.version")
                    " WHERE (o.op = 'record' AND h.rid IS NULL) OR o.base_version >= o.version"
                    " OR o.rid NOT IN (SELECT rid FROM records)",
                    outbox_row, NULL, error)
      || !each_row (check,
                    "SELECT DISTINCT rid FROM history WHERE rid NOT IN (SELECT rid FROM records)",
                    orphan_history_row, NULL, error)
      || !check_records (check, error)
      || !check_audit (check, error))
    {
      _ht_store_rollback (check->self);
      return FALSE;
    }
  _ht_store_rollback (check->self);

  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    problem (check, _("The protection of the history and audit log against changes was removed (trigger %s is missing)"),
             (const char *) name);
  return TRUE;
}

gboolean
ht_store_check (HtStore    *self,
                GPtrArray **problems,
                GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  Check check = { self, found, 0 };
  gboolean sound;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!run_checks (&check, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  g_rec_mutex_unlock (&self->lock);

  if (check.more > 0)
    g_ptr_array_add (found, g_strdup_printf (ngettext ("… and %u more problem",
                                                       "… and %u more problems", check.more),
                                             check.more));
  sound = found->len == 0;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return sound;
}
