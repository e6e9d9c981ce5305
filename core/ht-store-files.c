/* ht-store-files.c — the register file: opening, migrations, errors, backup and restore.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ht-core-resources.h"
#include "ht-date.h"
#include "ht-store-private.h"

#define MIGRATIONS_PATH "/vn/gov/hotich/core/schema/local"

/* Writers wait this long for another connection's write transaction. */
#define BUSY_TIMEOUT_MS 10000

/* Pages copied per step of an online backup; the lock is let go between
 * steps so the app keeps working during a long backup. */
#define BACKUP_PAGES_PER_STEP 1024

void
_ht_cached_stmt_release (HtCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
_ht_store_db_error (sqlite3     *db,
                    int          rc,
                    const char  *what,
                    GError     **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                   _("The register file is damaged (%s): %s"), what, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HT_ERROR, HT_ERROR_DATABASE,
                   _("The register is busy: another program kept it locked for too long (%s)"),
                   what);
      break;
    case SQLITE_FULL:
      g_set_error (error, HT_ERROR, HT_ERROR_IO,
                   _("The disk is full (%s)"), what);
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, HT_ERROR, HT_ERROR_IO,
                   _("Cannot read or write the register file (%s): %s"), what, detail);
      break;
    case SQLITE_INTERRUPT:
      /* As GIO reports it, so callers handle every cancellation alike. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("Cancelled (%s)"), what);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, HT_ERROR, HT_ERROR_CONFLICT,
                   _("The register refused the change (%s): %s"), what, detail);
      break;
    default:
      g_set_error (error, HT_ERROR, HT_ERROR_DATABASE,
                   _("Database error (%s): %s"), what, detail);
      break;
    }
}

HtCachedStmt *
_ht_store_stmt (HtStore     *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (self->db, rc, _("preparing a query"), error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_ht_store_exec (HtStore     *self,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (self->db, rc, sql, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ht_store_step_done (HtStore      *self,
                     sqlite3_stmt *stmt,
                     const char   *what,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ht_store_step_done_n (HtStore      *self,
                       sqlite3_stmt *stmt,
                       const char   *what,
                       GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  _ht_store_db_error (self->db, rc, _(what), error);
  return FALSE;
}

void
_ht_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* Runs a cached statement that returns no rows, as _ht_store_exec() runs
 * text: BEGIN and COMMIT come at every save, and parsing them each time
 * showed as 1 % of a save's instructions. */
static gboolean
exec_cached (HtStore     *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (self->db, rc, sql, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ht_store_begin (HtStore  *self,
                 GError  **error)
{
  /* IMMEDIATE takes the write lock up front: after SQLITE_BUSY one can only
   * retry safely at the start of a transaction (EDS e-cache.c).  Search
   * words noted by a transaction that ended some other way are not
   * trusted to be stored. */
  _ht_terms_transaction_ended (self, FALSE);
  return exec_cached (self, "BEGIN IMMEDIATE", error);
}

gboolean
_ht_store_commit (HtStore  *self,
                  GError  **error)
{
  if (!_ht_store_fail_point (self, "commit", error)
      || !exec_cached (self, "COMMIT", error))
    return FALSE;
  _ht_terms_transaction_ended (self, TRUE);
  return TRUE;
}

void
_ht_store_rollback (HtStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  _ht_terms_transaction_ended (self, FALSE);
}

/* SQLite rolls a transaction back by itself after some errors: the words
 * it added to search_terms are then gone too. */
static void
rollback_hook (void *user_data)
{
  _ht_terms_transaction_ended (user_data, FALSE);
}

void
_ht_store_set_fail_at (HtStore    *self,
                       const char *step)
{
  g_rec_mutex_lock (&self->lock);
  g_free (self->fail_at);
  self->fail_at = g_strdup (step);
  g_rec_mutex_unlock (&self->lock);
}

gboolean
_ht_store_fail_point (HtStore     *self,
                      const char  *step,
                      GError     **error)
{
  if (G_LIKELY (self->fail_at == NULL) || strcmp (self->fail_at, step) != 0)
    return TRUE;
  g_set_error (error, HT_ERROR, HT_ERROR_FAILED,
               "Injected failure at step “%s”", step);
  return FALSE;
}

/* ---- Migrations ---- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The migration files, sorted; their number is the schema version they make. */
static char **
list_migrations (GError **error)
{
  char **names = g_resource_enumerate_children (ht_core_get_resource (),
                                                MIGRATIONS_PATH,
                                                G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                error);
  if (names != NULL)
    qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return names;
}

static int
migration_version (const char *name)
{
  if (strlen (name) < 5 || !g_ascii_isdigit (name[0]) || !g_ascii_isdigit (name[1])
      || !g_ascii_isdigit (name[2]) || !g_ascii_isdigit (name[3]) || name[4] != '-')
    return -1;
  return (int) g_ascii_strtoll (name, NULL, 10);
}

int
_ht_store_latest_schema (void)
{
  g_auto(GStrv) names = list_migrations (NULL);
  int latest = 0;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    latest = MAX (latest, migration_version (names[i]));
  return latest;
}

static gboolean
read_int_pragma (sqlite3     *db,
                 const char  *sql,
                 int         *out,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ht_store_db_error (db, rc, sql, error);
      return FALSE;
    }
  *out = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
apply_migrations (HtStore     *self,
                  gboolean     create,
                  GError     **error)
{
  g_auto(GStrv) names = list_migrations (error);

  if (names == NULL)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      int version = migration_version (names[i]);
      int current = 0;
      g_autofree char *path = NULL;
      g_autofree char *pragma = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *sql = NULL;

      if (version <= 0)
        continue;

      if (!_ht_store_begin (self, error))
        return FALSE;
      /* Another connection may have migrated while this one waited. */
      if (!read_int_pragma (self->db, "PRAGMA user_version", &current, error))
        {
          _ht_store_rollback (self);
          return FALSE;
        }
      if (current >= version)
        {
          _ht_store_rollback (self);
          self->schema_version = current;
          continue;
        }

      path = g_strconcat (MIGRATIONS_PATH "/", names[i], NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (bytes == NULL)
        {
          _ht_store_rollback (self);
          g_set_error (error, HT_ERROR, HT_ERROR_FAILED,
                       _("Cannot read the migration %s: %s"), names[i], local_error->message);
          return FALSE;
        }
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      /* PRAGMA takes no parameters; the version is an integer we computed. */
      pragma = g_strdup_printf ("PRAGMA user_version = %d", version);

      /* Migration 2 adds name_keys, whose keys are folded in C. */
      if (!_ht_store_exec (self, sql, &local_error)
          || (version == 2 && !_ht_store_backfill_name_keys (self, &local_error))
          || (create && version == 1
              && !_ht_store_exec (self, "PRAGMA application_id = 1213481800", &local_error))
          || !_ht_store_exec (self, pragma, &local_error)
          || !_ht_store_commit (self, &local_error))
        {
          _ht_store_rollback (self);
          g_set_error (error, HT_ERROR,
                       local_error->domain == HT_ERROR ? local_error->code : HT_ERROR_FAILED,
                       _("Cannot update the register “%s” to schema %d (%s): %s"),
                       self->path, version, names[i], local_error->message);
          return FALSE;
        }
      self->schema_version = version;
    }
  return TRUE;
}

G_STATIC_ASSERT (HT_STORE_APPLICATION_ID == 1213481800);

/* ---- Opening ---- */

/* A new register's page size, set before its first table exists: SQLite
 * keeps a file's page size for good once the file has a page (and in WAL
 * mode VACUUM cannot change it), so a register made by an earlier version
 * keeps its 4096-byte pages. */
static gboolean
set_page_size (HtStore  *self,
               GError  **error)
{
  return _ht_store_exec (self, "PRAGMA page_size = " G_STRINGIFY (HT_STORE_PAGE_SIZE), error);
}

/* FTS5 keeps each leaf of its index as one row of up to "pgsz" bytes, 4050
 * by default: right for 4096-byte pages, four overflow pages for smaller
 * ones.  A new register's leaves fit its pages (46 bytes less, as FTS5's
 * default leaves for a 4096-byte page).  Stored in the index's own
 * configuration, so it holds for every later connection. */
static gboolean
size_search_leaves (HtStore  *self,
                    GError  **error)
{
  int page_size = 0;
  g_autofree char *sql = NULL;

  if (!read_int_pragma (self->db, "PRAGMA page_size", &page_size, error))
    return FALSE;
  if (page_size >= 4096)
    return TRUE;
  /* An integer computed here: FTS5's commands take no parameters. */
  sql = g_strdup_printf ("INSERT INTO search (search, rank) VALUES ('pgsz', %d)", page_size - 46);
  return _ht_store_exec (self, sql, error);
}

static gboolean
setup_connection (HtStore  *self,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_rollback_hook (self->db, rollback_hook, self);
  _ht_terms_connection_changed (self);

  /* Commune PCs lose power: every commit reaches the disk (synchronous=FULL).
   * HT_STORE_CACHE_PAGES says how large the page cache is, and why; a bulk
   * import takes a larger one for its duration.  The WAL is cut back after
   * checkpoints so one import does not leave a gigabyte-sized -wal file
   * behind.  Debian builds SQLite with secure_delete on, which zeroes and
   * writes every page a b-tree frees (FTS5 frees some at each merge of its
   * segments): FAST still clears deleted content inside the pages a commit
   * writes anyway, without writing more pages.  What a freed page may still
   * hold (old index entries, sent changes) is text the append-only history
   * keeps in the same file anyway. */
  if (!_ht_store_exec (self,
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA secure_delete = FAST;"
                       "PRAGMA cache_size = " G_STRINGIFY (HT_STORE_CACHE_PAGES) ";"
                       "PRAGMA temp_store = MEMORY;"
                       "PRAGMA journal_size_limit = 67108864;",
                       error))
    return FALSE;
  _ht_store_start_checkpoints (self);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, _("switching to write-ahead logging"), error);
      return FALSE;
    }
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_IO,
                   _("The register “%s” cannot use write-ahead logging here (is it on a network drive?)"),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_file (const char  *path,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, HT_ERROR, HT_ERROR_IO,
                   _("Cannot create the folder “%s” for the register: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }

  /* O_EXCL makes "refuse an existing file" atomic, and the register is
   * readable by its owner only from the first byte. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        g_set_error (error, HT_ERROR, HT_ERROR_EXISTS,
                     _("“%s” already exists; a new register needs a new file"), path);
      else
        g_set_error (error, HT_ERROR, HT_ERROR_IO,
                     _("Cannot create the register “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
remove_with_sidecars (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

static gboolean
read_office (HtStore  *self,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM keys WHERE key = ?1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, HT_STORE_KEY_OFFICE, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    {
      self->office = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      return TRUE;
    }
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                 _("The register “%s” does not say which office it belongs to"), self->path);
  else
    _ht_store_db_error (self->db, rc, _("reading the office"), error);
  return FALSE;
}

static gboolean
write_identity (HtStore     *self,
                const char  *office,
                GError     **error)
{
  static const char *sql = "INSERT INTO keys (key, value) VALUES (?1, ?2)";
  g_autofree char *now = ht_timestamp_now ();
  g_autoptr(GError) local_error = NULL;

  if (!_ht_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(HtCachedStmt) stmt = _ht_store_stmt (self, sql, &local_error);

      if (stmt == NULL)
        break;
      _ht_store_bind_text (stmt, 1, i == 0 ? HT_STORE_KEY_OFFICE : HT_STORE_KEY_CREATED);
      _ht_store_bind_text (stmt, 2, i == 0 ? office : now);
      if (!_ht_store_step_done (self, stmt, _("writing the office"), &local_error))
        break;
    }
  if (local_error == NULL)
    _ht_store_commit (self, &local_error);
  if (local_error != NULL)
    {
      _ht_store_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->office = g_strdup (office);
  return TRUE;
}

gboolean
_ht_store_connect (HtStore     *self,
                   const char  *path,
                   const char  *office,
                   gboolean     create,
                   GError     **error)
{
  int rc;
  int app_id = 0;
  int version = 0;
  int latest = _ht_store_latest_schema ();
  g_autoptr(GError) local_error = NULL;

  self->path = g_strdup (path);

  if (create)
    {
      if (!make_file (path, error))
        return FALSE;
    }
  else if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND,
                   _("There is no register at “%s”"), path);
      return FALSE;
    }

  /* The GRecMutex of HtStore serialises every use of the connection, so
   * SQLite's own per-connection mutex is not needed. */
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        _ht_store_vfs ());
  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (self->db, rc, path, &local_error);
      goto fail;
    }
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (&local_error, HT_ERROR, HT_ERROR_IO,
                   _("The register “%s” cannot be written (check the file’s permissions)"), path);
      goto fail;
    }

  if (!read_int_pragma (self->db, "PRAGMA application_id", &app_id, &local_error)
      || !read_int_pragma (self->db, "PRAGMA user_version", &version, &local_error))
    {
      if (g_error_matches (local_error, HT_ERROR, HT_ERROR_CORRUPT))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, HT_ERROR, HT_ERROR_CORRUPT,
                       _("“%s” is not a hotich register: it is not an SQLite database, or it is damaged"),
                       path);
        }
      goto fail;
    }

  if (!create && app_id != HT_STORE_APPLICATION_ID)
    {
      g_set_error (&local_error, HT_ERROR, HT_ERROR_CORRUPT,
                   _("“%s” is an SQLite database but not a hotich register"), path);
      goto fail;
    }
  if (version > latest)
    {
      g_set_error (&local_error, HT_ERROR, HT_ERROR_FAILED,
                   _("The register “%s” was made by a newer version of hotich (schema %d; this version knows up to %d)"),
                   path, version, latest);
      goto fail;
    }
  self->schema_version = version;

  if (create && !set_page_size (self, &local_error))
    goto fail;
  if (!setup_connection (self, &local_error)
      || !apply_migrations (self, create, &local_error))
    goto fail;

  if (create)
    {
      if (!size_search_leaves (self, &local_error)
          || !write_identity (self, office, &local_error))
        goto fail;
    }
  else if (!read_office (self, &local_error))
    goto fail;

  return TRUE;

fail:
  g_propagate_error (error, g_steal_pointer (&local_error));
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (create)
    remove_with_sidecars (path);
  return FALSE;
}

gboolean
_ht_store_renew_connection (HtStore  *self,
                            GError  **error)
{
  /* SQLite's page cache grows its hash table with the cache and never
   * shrinks it, and the end of every write transaction walks the table
   * whole: SQLite 3.40 had, at each commit we looked at, the page of the
   * locking byte (1 GiB into the file, past its end) recorded as the
   * cache's highest page, so pcache1Truncate scans every slot.  After a
   * bulk import, whose cache is several hundred megabytes, that scan made
   * each later save of the same connection cost milliseconds of CPU.  A
   * new connection starts with a small table; the cached statements go
   * with the old one.  The new connection is opened and set up before the
   * old one is let go, so that a failure leaves the store as it was: slower
   * saves, not a store without a connection. */
  sqlite3 *old = self->db;
  sqlite3 *fresh = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &fresh,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        _ht_store_vfs ());
  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (fresh, rc, self->path, error);
      sqlite3_close_v2 (fresh);
      return FALSE;
    }
  self->db = fresh;
  if (!setup_connection (self, error))
    {
      self->db = old;
      sqlite3_close_v2 (fresh);
      return FALSE;
    }
  g_hash_table_remove_all (self->stmts);
  sqlite3_close_v2 (old);
  return TRUE;
}

/* ---- Backup and restore ---- */

static gboolean
copy_database (sqlite3     *src,
               GRecMutex   *src_lock,
               sqlite3     *dest,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    {
      _ht_store_db_error (dest, sqlite3_errcode (dest), _("starting the backup"), error);
      return FALSE;
    }
  do
    {
      if (src_lock != NULL)
        g_rec_mutex_lock (src_lock);
      rc = sqlite3_backup_step (backup, BACKUP_PAGES_PER_STEP);
      if (src_lock != NULL)
        g_rec_mutex_unlock (src_lock);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (10 * 1000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      _ht_store_db_error (dest, rc, _("copying the register"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  rc = fsync (fd);
  close (fd);
  if (rc != 0 && !directory)
    {
      int saved = errno;
      g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot write “%s” to disk: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Copies "src" (an open connection) into a new file "dest" of mode 0600. */
static gboolean
backup_into (sqlite3     *src,
             GRecMutex   *src_lock,
             const char  *dest,
             GError     **error)
{
  sqlite3 *db = NULL;
  int rc;
  gboolean ok;

  if (!make_file (dest, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _ht_store_db_error (db, rc, dest, error);
      sqlite3_close_v2 (db);
      remove_with_sidecars (dest);
      return FALSE;
    }
  ok = copy_database (src, src_lock, db, error);
  /* Closing the last connection checkpoints and removes the -wal file, so
   * the copy is one self-contained file. */
  rc = sqlite3_close_v2 (db);
  if (ok && rc != SQLITE_OK)
    {
      _ht_store_db_error (NULL, rc, dest, error);
      ok = FALSE;
    }
  if (ok)
    ok = fsync_path (dest, FALSE, error);
  if (!ok)
    remove_with_sidecars (dest);
  return ok;
}

gboolean
ht_store_backup (HtStore     *self,
                 const char  *dest,
                 GError     **error)
{
  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return backup_into (self->db, &self->lock, dest, error);
}

gboolean
ht_store_restore (const char  *path,
                  const char  *src,
                  GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  int app_id = 0;
  int rc;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (src != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (src, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND,
                   _("There is no backup file at “%s”"), src);
      return FALSE;
    }

  /* The source is only read: a damaged or foreign file is refused before
   * anything at "path" is touched. */
  rc = sqlite3_open_v2 (src, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK || !read_int_pragma (db, "PRAGMA application_id", &app_id, NULL)
      || app_id != HT_STORE_APPLICATION_ID)
    {
      sqlite3_close_v2 (db);
      g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                   _("“%s” is not a hotich register; nothing was restored"), src);
      return FALSE;
    }

  tmp = g_strconcat (path, ".tmp", NULL);
  remove_with_sidecars (tmp);
  ok = backup_into (db, NULL, tmp, &local_error);
  sqlite3_close_v2 (db);
  if (!ok)
    {
      g_set_error (error, HT_ERROR,
                   local_error->domain == HT_ERROR ? local_error->code : HT_ERROR_FAILED,
                   _("Cannot copy “%s”: %s"), src, local_error->message);
      return FALSE;
    }

  /* The copy is checked as a register of its own (integrity, invariants,
   * audit chain) before it replaces anything. */
  {
    g_autoptr(HtStore) copy = ht_store_open (tmp, &local_error);

    if (copy == NULL || !ht_store_check (copy, &problems, &local_error))
      {
        if (local_error != NULL)
          g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                       _("“%s” is not a sound register (%s); nothing was restored"),
                       src, local_error->message);
        else
          g_set_error (error, HT_ERROR, HT_ERROR_CORRUPT,
                       _("“%s” is not a sound register (%s); nothing was restored"),
                       src, problems->len > 0 ? (const char *) problems->pdata[0] : "?");
        g_clear_object (&copy);
        remove_with_sidecars (tmp);
        return FALSE;
      }
  }

  if (!fsync_path (tmp, FALSE, error))
    {
      remove_with_sidecars (tmp);
      return FALSE;
    }

  /* A -wal left next to the old file would be replayed into the new one. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, HT_ERROR, HT_ERROR_IO,
                   _("Cannot put the restored register in place at “%s”: %s"),
                   path, g_strerror (saved));
      remove_with_sidecars (tmp);
      return FALSE;
    }
  dir = g_path_get_dirname (path);
  fsync_path (dir, TRUE, NULL);
  return TRUE;
}
