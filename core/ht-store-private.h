/* ht-store-private.h — what the files of HtStore share, and nothing else sees.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HtStore is split by concern (opening and files, saving, search and reads,
 * audit, users, lookups); the instance struct and the internal helpers live
 * here, with a leading underscore as GNOME Text Editor does.
 */
#pragma once

#include <sqlite3.h>

#include "ht-error.h"
#include "ht-record.h"
#include "ht-store.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a hotich register: "HTCH". */
#define HT_STORE_APPLICATION_ID 0x48544348

/* The page cache of a register's connection, in pages (64 MiB of a
 * register with 4096-byte pages, 16 MiB with the 1024-byte pages of a new
 * one).  Name searches in a register of a million records read the same
 * index pages again and again, which a large cache keeps in memory.  But
 * SQLite's own cache walks its whole hash table at nearly every commit
 * (ht-store-pcache.c says why), so a cache of more pages made every save
 * dearer: with 65,536 pages of 1 KiB a warm cache cost a save 0.4 ms more
 * CPU than 16,384.  The store's page cache now spares the commits that
 * walk; a larger cache showed no gain one could tell from the noise in
 * bench-store (100,000 records, 65,536 pages), so the size stays. */
#define HT_STORE_CACHE_PAGES 16384

/* The page size of a new register.  A durable commit writes every page it
 * changed into the log and syncs it; a save changes 25 to 40 pages, and
 * with 4096-byte pages that was about 100 KiB to sync where a one-row
 * commit syncs 13 KiB.  With 1024-byte pages a save writes about 32 KiB,
 * which the disk of the development machine syncs about as fast as the
 * one-row commit (docs/local-store.md has the figures, and what the
 * smaller pages and cache cost the searches). */
#define HT_STORE_PAGE_SIZE 1024

/* The rowid of version "version" of record "rid" in the history table, as
 * SQL text around two SQL expressions (schema/local/0006-lean.sql): the
 * current version of a record is found by rowid, and all its versions are
 * one range of rowids, with no second index on the history. */
#define HT_HID_SCALE "1048576"
#define HT_HID(rid, version) "(" rid " * " HT_HID_SCALE " + " version ")"

/* Reserved rows of the keys table; ht_store_set_key() refuses "store.*". */
#define HT_STORE_KEY_OFFICE     "store.office"
#define HT_STORE_KEY_CREATED    "store.created_at"
#define HT_STORE_KEY_AUDIT_HEAD "store.audit_head"
/* Set by the sync engine at enrolment; from then on numbers come from the
 * blocks the server reserved (ht-store-outbox.c). */
#define HT_STORE_KEY_DEVICE_ID  "device_id"

struct _HtStore
{
  GObject       parent_instance;

  /* Guards everything below: one connection, used by one thread at a time. */
  GRecMutex     lock;
  sqlite3      *db;
  char         *path;
  char         *office;
  int           schema_version;

  /* Prepared statements kept for the life of the connection, keyed by the
   * address of their (static) SQL text. */
  GHashTable   *stmts;

  HtLookup      lookup;
  /* The first database error met by a lookup callback (which cannot
   * report one); a save fails with it after validation. */
  GError       *lookup_error;

  /* The cancellable of the running import, polled by the progress handler. */
  GCancellable *cancellable;

  /* What the running import wrote, or NULL (ht-store-lookup.c). */
  struct _HtImportKeys *import_keys;
  /* The running import's outbox and audit rows not yet written, or NULL
   * (ht-store-import-rows.c). */
  struct _HtImportRows *import_rows;

  /* Test-only failure injection: the write step that must fail. */
  char         *fail_at;

  /* WAL checkpoints off the saving thread (ht-store-files.c): a thread of
   * its own, started at the first checkpoint, with its own connection. */
  GMutex        checkpoint_lock;
  GCond         checkpoint_cond;
  GThread      *checkpointer;
  gboolean      checkpoint_wanted;
  gboolean      checkpoint_quit;
  gint64        checkpoint_last_commit;  /* monotonic µs of the last commit */
  guint         checkpoints;      /* done by the thread, for the tests */

  /* The words of the search index (ht-store-terms.c), or NULL until used. */
  struct _HtTerms *terms;
};

/* One-shot statements are finalized, cached ones only reset. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
typedef sqlite3_stmt HtCachedStmt;
void _ht_cached_stmt_release (HtCachedStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtCachedStmt, _ht_cached_stmt_release)

/* ---- ht-store-files.c: connection, errors, migrations, files ---- */

/* Turns an SQLite result code into a GError of the HT_ERROR domain; "what"
 * says what was being done. */
void          _ht_store_db_error   (sqlite3     *db,
                                    int          rc,
                                    const char  *what,
                                    GError     **error);
/* The cached statement for "sql" (a string literal), reset and unbound. */
HtCachedStmt *_ht_store_stmt       (HtStore     *self,
                                    const char  *sql,
                                    GError     **error);
gboolean      _ht_store_exec       (HtStore     *self,
                                    const char  *sql,
                                    GError     **error);
/* Steps a statement that returns no rows. */
gboolean      _ht_store_step_done  (HtStore      *self,
                                    sqlite3_stmt *stmt,
                                    const char   *what,
                                    GError      **error);
/* The same with "what" marked for translation but translated only when the step
 * failed, not at every row of an import, where gettext's lookup is
 * measurable on the writer thread in a translated locale. */
gboolean      _ht_store_step_done_n (HtStore      *self,
                                     sqlite3_stmt *stmt,
                                     const char   *what,
                                     GError      **error);
void          _ht_store_bind_text  (sqlite3_stmt *stmt,
                                    int           index,
                                    const char   *text);
gboolean      _ht_store_begin      (HtStore     *self,
                                    GError     **error);
gboolean      _ht_store_commit     (HtStore     *self,
                                    GError     **error);
void          _ht_store_rollback   (HtStore     *self);

/* Opens (and for "create" makes) the file, sets the connection up, applies
 * migrations.  Fills self->db, path, office and schema_version. */
gboolean      _ht_store_connect    (HtStore     *self,
                                    const char  *path,
                                    const char  *office,
                                    gboolean     create,
                                    GError     **error);
int           _ht_store_latest_schema (void);
/* Closes the connection and opens it again, set up as before: the page
 * cache then starts small (after a bulk import).  Cached statements are
 * finalized.  The store's lock must be held. */
gboolean      _ht_store_renew_connection (HtStore  *self,
                                          GError  **error);

/* ---- ht-store-vfs.c: writes to the log gathered into one call per commit ---- */

#define HT_STORE_VFS "hotich"
/* Registers the VFS once; its name, or NULL for SQLite's default. */
const char   *_ht_store_vfs        (void);
/* Write calls the store's VFS has made to database files (not logs), for the tests. */
guint         _ht_store_vfs_db_writes (void);

/* ---- ht-store-pcache.c: the page cache without a walk at every commit ---- */

/* Whether SQLite took the store's page cache (installed before main()). */
gboolean      _ht_store_pcache_installed (void);
/* For the tests: its methods (NULL when not installed), and how many
 * truncations it kept from SQLite's default cache. */
const sqlite3_pcache_methods2 *_ht_store_pcache_methods (void);
guint         _ht_store_pcache_skipped   (void);

/* ---- ht-store-checkpoint.c: WAL checkpoints off the saving thread ---- */

/* Installs the WAL hook that hands checkpoints to the store's thread. */
void          _ht_store_start_checkpoints (HtStore *self);
/* Stops the checkpoint thread, if it runs; finalize calls it. */
void          _ht_store_stop_checkpointer (HtStore *self);

/* Test-only: makes the write step "step" (record, history, outbox, search,
 * keys, audit, commit) fail inside the transaction; NULL clears it. */
void          _ht_store_set_fail_at (HtStore    *self,
                                     const char *step);
gboolean      _ht_store_fail_point  (HtStore    *self,
                                     const char *step,
                                     GError    **error);

/* One record being saved: what the caller asked and what preparing found. */
typedef struct
{
  /* What the caller asked. */
  const char *user;
  const char *reason;
  const char *now;
  HtSaveFlags flags;
  gboolean    importing;

  /* What preparing found out. */
  gboolean    is_new;
  gboolean    draft;
  gint64      rid;
  gint64      base_version;
  gboolean    assigned_id;
  gboolean    assigned_number;
  gboolean    no_number;       /* an enrolled PC ran out of numbers */

  /* The audit entry's action when it is not "create", "edit" or "import"
   * (a review decision: "review"); NULL for those. */
  const char *action;

  /* The day validation takes as today.  An import looks it up once for
   * all its records (the time zone lookup showed in its profile); left
   * cleared, each save looks it up. */
  GDate       today;

  /* The record's canonical text when it was printed already (an import's
   * workers print it), or NULL. */
  const char *text;
  gsize       text_len;

  /* The change id of the record's outbox entry when it was made already
   * (an import's workers make it: a random UUID costs the writer as much
   * as a b-tree insert), or NULL. */
  const char *change_id;
} HtSaveOp;

/* ---- ht-store.c: preparing a record ---- */

/* Sets a member of a canonical tree, in place when it is there (canonical
 * trees hold every envelope member), so the canonical order is kept. */
void          _ht_record_set_member       (cJSON     *record,
                                           const char *key,
                                           cJSON     *value);
/* Moves the members of "src" into "dest" and frees "src". */
void          _ht_record_replace_contents (cJSON     *dest,
                                           cJSON     *src);
void          _ht_issues_add_all          (HtIssues  *to,
                                           HtIssues  *from);
/* HT_ERROR_INVALID naming the first error of "found". */
void          _ht_issues_set_invalid      (HtIssues  *found,
                                           GError   **error);
/* Fills in, on a canonical tree, everything the register decides (id,
 * version, number, owned blocks), then derives and validates it.  The
 * caller holds the transaction. */
gboolean      _ht_store_prepare_record    (HtStore   *self,
                                           HtSaveOp  *op,
                                           cJSON     *canon,
                                           HtIssues  *found,
                                           GError   **error);

/* An import prepares a record in two steps.  The first needs no register
 * and runs on a worker thread: id, envelope, derived fields, and the
 * validation that asks nothing of the register ("validation" keeps the
 * rest, and "deferred" says whether there is any).  The second runs in
 * the import's transaction: the stored record, the rest of the validation
 * ("validation" NULL for none) and the number.  "op" is an import's. */
gboolean      _ht_store_prepare_pure      (const char     *office,
                                           HtSaveOp       *op,
                                           cJSON          *canon,
                                           HtIssues       *found,
                                           HtValidation   *validation,
                                           gboolean       *deferred);
gboolean      _ht_store_prepare_finish    (HtStore        *self,
                                           HtSaveOp       *op,
                                           cJSON          *canon,
                                           HtValidation   *validation,
                                           HtIssues       *found,
                                           GError        **error);

/* ---- ht-store-audit.c: the journals a save writes, and the audit chain ---- */

typedef struct _HtIndexBuf HtIndexBuf;
typedef struct _HtAuditChain HtAuditChain;

/* Writes the record row, its history row, its outbox entry (not for a
 * draft), the search index and keys, and its audit entry.  The caller holds
 * the transaction; "scratch" is a buffer for the record's text, reused from
 * one record to the next. */
gboolean      _ht_store_write_record (HtStore      *self,
                                      HtSaveOp     *op,
                                      const cJSON  *canon,
                                      HtIssues     *found,
                                      HtIndexBuf   *buf,
                                      HtAuditChain *chain,
                                      GString      *scratch,
                                      GError      **error);

/* ---- ht-store-outbox.c: queued changes and number blocks ---- */

/* Whether the register was enrolled with a server (holds a device id). */
gboolean      _ht_store_enrolled          (HtStore     *self,
                                           gboolean    *enrolled,
                                           GError     **error);
/* Takes the lowest free number of the blocks of (kind, book_year) and moves
 * the block past it; no number left is HT_ERROR_CONFLICT, telling the clerk
 * to save a draft and sync.  The caller holds the transaction. */
gboolean      _ht_store_take_block_number (HtStore     *self,
                                           const char  *office,
                                           const char  *kind,
                                           gint64       book_year,
                                           gint64      *number,
                                           GError     **error);

/* ---- ht-store-search.c: the search index, lookup keys and reads ---- */

/* Reusable buffers for indexing one record after another (import). */
HtIndexBuf   *_ht_index_buf_new     (void);
void          _ht_index_buf_free    (HtIndexBuf *buf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtIndexBuf, _ht_index_buf_free)

/* The folded names of a record as the search index holds them. */
const char   *_ht_index_names       (HtIndexBuf   *buf,
                                     const cJSON  *record);
/* Writes the search row, the lookup keys, the refs and the name keys of
 * record "rid"; "old" is the version it replaces (its rows go), or NULL. */
gboolean      _ht_store_index_record (HtStore     *self,
                                      HtIndexBuf  *buf,
                                      gint64       rid,
                                      const cJSON *record,
                                      const cJSON *old,
                                      GError     **error);
/* From now on "buf" keeps the name keys, lookup keys and refs of new
 * records to write them sorted, in batches and at _ht_index_buf_flush()
 * (bulk import). */
void          _ht_index_buf_defer    (HtIndexBuf  *buf);
gboolean      _ht_index_buf_flush    (HtStore     *self,
                                      HtIndexBuf  *buf,
                                      GError     **error);
/* Adds to "sum" a digest of the lookup keys and refs a record must have;
 * ht_store_check compares the total with the stored rows. */
void          _ht_index_keys_digest  (HtIndexBuf  *buf,
                                      gint64       rid,
                                      const cJSON *record,
                                      guint64     *sum,
                                      guint64     *count);
guint64       _ht_key_digest         (const char  *type,
                                      const char  *value,
                                      gint64       rid);
/* The name keys of a record (full name, "surname given", given name of
 * each person; distinct), valid until "buf" is used again. */
GPtrArray    *_ht_index_name_keys    (HtIndexBuf  *buf,
                                      const cJSON *record);

/* ---- ht-store-terms.c: the words of the search index ---- */

typedef struct _HtTerms HtTerms;
void          _ht_terms_free         (HtTerms     *terms);
/* Forgets what the store knew of search_terms (a new connection). */
void          _ht_terms_connection_changed (HtStore *self);
/* The words written since the transaction began are known to be in
 * search_terms if it committed, and forgotten if not. */
void          _ht_terms_transaction_ended  (HtStore *self,
                                            gboolean committed);
/* Adds the words of "names" (the search row's text) that search_terms
 * lacks: at once, or into "deferred" (a set of owned strings) for
 * _ht_terms_flush() to write (bulk import). */
gboolean      _ht_terms_add          (HtStore     *self,
                                      const char  *names,
                                      GHashTable  *deferred,
                                      GError     **error);
gboolean      _ht_terms_flush        (HtStore     *self,
                                      GHashTable  *deferred,
                                      GError     **error);
/* Appends to "match" the FTS5 query of the prefix "word" (letters and
 * digits, folded): the prefix itself for one or two letters, which the
 * index holds, else an OR of the terms of search_terms (schema 0007). */
gboolean      _ht_terms_append_prefix (HtStore    *self,
                                       const char *word,
                                       GString    *match,
                                       GError    **error);

/* ---- ht-store-names.c: person names as b-tree keys ---- */

/* Folded text as words of letters and digits joined by one space; NULL if
 * it has none. */
char         *_ht_name_normalize     (const char   *folded);
/* Appends to "keys" the name keys of one folded person name born on
 * "birth" (a date, a year, or "" when unknown): "full name|birth" and,
 * for three words or more, "surname given". */
void          _ht_name_keys_collect  (const char   *folded,
                                      const char   *birth,
                                      GStringChunk *chunk,
                                      GPtrArray    *keys);
/* Inserts (or deletes) the name keys "keys" of record "rid". */
gboolean      _ht_store_write_name_keys (HtStore   *self,
                                         gint64     rid,
                                         GPtrArray *keys,
                                         gboolean   insert,
                                         GError   **error);
/* Inserts the name keys keys[k] of records rids[k] for k below "n",
 * where the k-th key and rid are "stride" bytes after the one before
 * (fields of an array of structures); in key order, they are written fast. */
gboolean      _ht_store_insert_name_keys (HtStore      *self,
                                          const char   *const *keys,
                                          const gint64 *rids,
                                          gsize         stride,
                                          guint         n,
                                          GError      **error);
/* Fills name_keys from the records (migration 2). */
gboolean      _ht_store_backfill_name_keys (HtStore  *self,
                                            GError  **error);
/* The rids, newest first and at most "limit", of the records with a name
 * key starting with "words" (normalized); sets "too_many" and returns none
 * when the range is too long to sort cheaply. */
GArray       *_ht_store_name_search  (HtStore     *self,
                                      const char  *words,
                                      const char  *kind,
                                      guint        limit,
                                      gboolean    *too_many,
                                      GError     **error);

/* ---- ht-store-lookup.c: reading records back ---- */

/* Parses "kind/year/number"; FALSE if "text" has another shape. */
gboolean      _ht_parse_book_key     (const char  *text,
                                      char       **kind,
                                      gint64      *year,
                                      gint64      *number);
/* Parses stored canonical JSON; a row that does not parse is corruption. */
cJSON        *_ht_store_parse_json   (const char  *text,
                                      int          length,
                                      GError     **error);
cJSON        *_ht_store_get_unlocked (HtStore     *self,
                                      const char  *id,
                                      GError     **error);
/* The current version of the record "rid". */
cJSON        *_ht_store_get_rid_unlocked (HtStore   *self,
                                          gint64     rid,
                                          GError   **error);
cJSON        *_ht_store_get_by_number_unlocked (HtStore    *self,
                                                const char *office,
                                                const char *kind,
                                                gint64      book_year,
                                                gint64      number,
                                                GError    **error);

/* ---- ht-store-audit.c: the hash chain ---- */

struct _HtAuditChain
{
  gint64   seq;       /* of the last entry, 0 before the first */
  char     hash[65];  /* its hash, hex; "" before the first */
  gboolean dirty;     /* entries not about a record were added since it was loaded */
};

gboolean      _ht_audit_chain_load  (HtStore      *self,
                                     HtAuditChain *chain,
                                     GError      **error);
/* Appends one entry; "json" is the record's canonical text (NULL for
 * entries that are not about a record). */
gboolean      _ht_audit_append      (HtStore      *self,
                                     HtAuditChain *chain,
                                     const char   *at,
                                     const char   *user,
                                     const char   *action,
                                     const char   *record_id,
                                     gint64        version,
                                     const char   *detail,
                                     const char   *json,
                                     gsize         json_len,
                                     GError      **error);
/* Stores the chain head in the keys table, once per transaction, when an
 * entry not about a record was added (a record's entry is anchored by its
 * history version instead). */
gboolean      _ht_audit_chain_store (HtStore      *self,
                                     HtAuditChain *chain,
                                     GError      **error);
void          _ht_sha256_hex        (const char   *data,
                                     gsize         len,
                                     char          out[65]);

/* ---- ht-store-lookup.c, ht-store-import-keys.c ---- */

void          _ht_store_lookup_init (HtStore *self);

/* ht-store-journals.c: the record's review state as the records table keeps it. */
const char   *_ht_store_review_state (const cJSON *record);

/* ht-store-import-rows.c: an import's outbox and audit rows, 32 per statement. */
typedef struct _HtImportRows HtImportRows;
/* NULL when the tests asked for a statement per row. */
HtImportRows *_ht_import_rows_new        (void);
void          _ht_import_rows_set_batched (gboolean batched);
void          _ht_import_rows_free       (HtImportRows *rows);
gboolean      _ht_import_rows_add_outbox (HtStore      *self,
                                          const char   *change_id,
                                          gint64        rid,
                                          gint64        version,
                                          gint64        base_version,
                                          const char   *queued_at,
                                          GError      **error);
gboolean      _ht_import_rows_add_audit  (HtStore      *self,
                                          gint64        seq,
                                          const char   *at,
                                          const char   *user,
                                          const char   *action,
                                          const char   *record_id,
                                          gint64        version,
                                          const char   *detail,
                                          const char   *record_hash,
                                          const char   *hash_prev,
                                          const char   *hash,
                                          GError      **error);
gboolean      _ht_import_rows_flush      (HtStore      *self,
                                          GError      **error);

/* What an import has written, kept in memory so that the import's lookups
 * ask SQLite only about keys a record of the register may have: when the
 * register was empty before the import, a key none of its records has
 * cannot be found.  A probabilistic set: "may have" can be wrong (then
 * SQLite answers), "has not" never is. */
typedef struct _HtImportKeys HtImportKeys;

HtImportKeys *_ht_import_keys_new    (gboolean      register_empty,
                                      HtIndexBuf   *buf);
void          _ht_import_keys_free   (HtImportKeys *keys);
/* The hash a key is kept by: a worker computes those of its record. */
guint64       _ht_import_key_hash    (const char   *type,
                                      const char   *value);
/* Notes the id and the place in the book of a record the import wrote,
 * and its index keys, hashed by a worker (_ht_index_buf_key_hashes). */
void          _ht_import_keys_add_record (HtImportKeys *keys,
                                          const cJSON  *record,
                                          GArray       *hashes);
/* Whether the register may hold a key of "type" ("id", "number", "pin",
 * "doc", "ref", "name" or "name_prefix") equal to "value"; TRUE outside an
 * import.  Before a name key may be found, the import's deferred name keys
 * are written. */
gboolean      _ht_import_keys_may_have (HtStore    *self,
                                        const char *type,
                                        const char *value);
/* Appends the rids of the records the import wrote with the name key
 * "key" ("name|birth") that are not in name_keys yet. */
void          _ht_import_keys_pending_rids (HtStore    *self,
                                            const char *key,
                                            GArray     *rids);
/* The highest number of the book "office/kind/year" as the import knows
 * it (FALSE when it does not: SQLite is asked, and the answer noted with
 * "learn").  Every number the import writes is noted. */
gboolean      _ht_import_keys_book_max (HtStore      *self,
                                        const char   *book,
                                        gint64       *max);
void          _ht_import_keys_note_number (HtImportKeys *keys,
                                           const char   *book,
                                           gint64        number,
                                           gboolean      learn);

/* ---- ht-store-import-tune.c: the connection during an import ---- */

/* Whether the register holds no record, and its highest rid. */
gboolean      _ht_import_register_size (HtStore   *self,
                                        gboolean  *empty,
                                        gint64    *max_rid,
                                        GError   **error);
/* Sizes the page cache for a register of about "records" records. */
void          _ht_import_set_cache     (HtStore   *self,
                                        guint64    records);
/* Drops the indexes of the register an import into an empty one builds at
 * its end, and gives their definitions ("dropped", owned strings). */
gboolean      _ht_import_drop_indexes  (HtStore    *self,
                                        GPtrArray **dropped,
                                        GError    **error);
/* Builds the indexes _ht_import_drop_indexes() dropped. */
gboolean      _ht_import_build_indexes (HtStore    *self,
                                        GPtrArray  *dropped,
                                        GError    **error);
/* Turns the search index's merging as it is written off or back on. */
gboolean      _ht_import_set_search_merges (HtStore  *self,
                                            gboolean  on,
                                            GError  **error);
/* Merges the search index into one segment when the import brought a
 * good share of the register. */
gboolean      _ht_import_optimize_search (HtStore  *self,
                                          guint64   imported,
                                          GError  **error);

/* ---- ht-store-search.c: the collecting half, for an import's workers ---- */

/* Collects what "record" puts into the index (names, keys, name keys), so
 * that _ht_store_index_record() uses it as it is rather than collecting
 * again; "record" must not change meanwhile but in its envelope numbers. */
void          _ht_index_buf_collect  (HtIndexBuf   *buf,
                                      const cJSON  *record);
/* Swaps what two buffers hold (the writer's and a worker's), so that the
 * writer's holds what the worker collected for "record", and uses it for
 * "record" only; with "record" NULL, swaps back and uses nothing. */
void          _ht_index_buf_adopt    (HtIndexBuf   *writer,
                                      HtIndexBuf   *worker,
                                      const cJSON  *record);
/* Writes the lookup keys and refs "buf" holds back (an import's: see
 * _ht_index_buf_defer), so that a query of record_keys or refs sees them. */
gboolean      _ht_index_buf_flush_lookup_keys (HtStore    *self,
                                               HtIndexBuf *buf,
                                               GError    **error);
/* Appends the rids of the name key "key" ("name|birth") that "buf" holds
 * back from name_keys (an import's). */
void          _ht_index_buf_pending_rids (HtIndexBuf *buf,
                                          const char *key,
                                          GArray     *rids);
/* Appends the _ht_import_key_hash() of each key and name key collected
 * in "buf" (and of each name's "name_prefix") to "hashes" (guint64). */
void          _ht_index_buf_key_hashes (HtIndexBuf *buf,
                                        GArray     *hashes);

/* ---- ht-store-review.c ---- */

/* HT_ERROR_PERMISSION when the register is a reviewer's, whose records'
 * content is the communes' and read-only there.  The lock is held. */
gboolean      _ht_store_check_content_writable (HtStore  *self,
                                                GError  **error);

G_END_DECLS
