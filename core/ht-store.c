/* ht-store.c — HtStore: the register object, saving and importing records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save is one BEGIN IMMEDIATE transaction: canonicalise, give the record
 * its id, derive, validate (with lookups into this very transaction), number
 * it, then write the record, its history row, its outbox entry, the search
 * index, the lookup keys and an audit entry.  Any failure rolls everything
 * back.  An import does the same for many records in one transaction.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-private.h"
#include "ht-units.h"

/* Import reports progress every this many records. */
#define PROGRESS_EVERY 1000

/* SQLite polls the cancellable every this many virtual-machine steps. */
#define CANCEL_POLL_STEPS 1000

G_DEFINE_FINAL_TYPE (HtStore, ht_store, G_TYPE_OBJECT)

static void
ht_store_finalize (GObject *object)
{
  HtStore *self = HT_STORE (object);

  /* Statements go first: sqlite3_close_v2 would otherwise only defer. */
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->office, g_free);
  g_clear_pointer (&self->fail_at, g_free);
  g_clear_error (&self->lookup_error);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ht_store_parent_class)->finalize (object);
}

static void
ht_store_class_init (HtStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ht_store_finalize;
}

static void
ht_store_init (HtStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) sqlite3_finalize);
  _ht_store_lookup_init (self);
}

char *
ht_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "hotich", "registry.db", NULL);
}

HtStore *
ht_store_create (const char  *path,
                 const char  *office,
                 GError     **error)
{
  g_autoptr(HtStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (office == NULL || ht_units_office (office) == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("unknown commune code “%s”: a register belongs to an existing commune"),
                   office != NULL ? office : "");
      return NULL;
    }
  self = g_object_new (HT_TYPE_STORE, NULL);
  if (!_ht_store_connect (self, path, office, TRUE, error))
    return NULL;
  return g_steal_pointer (&self);
}

HtStore *
ht_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(HtStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (HT_TYPE_STORE, NULL);
  if (!_ht_store_connect (self, path, NULL, FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
ht_store_get_path (HtStore *self)
{
  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  return self->path;
}

const char *
ht_store_get_office (HtStore *self)
{
  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  return self->office;
}

int
ht_store_schema_version (HtStore *self)
{
  g_return_val_if_fail (HT_IS_STORE (self), 0);
  return self->schema_version;
}

/* ---- Preparing a record for writing ---- */

static void
set_member (cJSON      *record,
            const char *key,
            cJSON      *value)
{
  /* The canonical tree holds every envelope member (null when unset), so a
   * replacement keeps the canonical order. */
  if (cJSON_GetObjectItemCaseSensitive (record, key) != NULL)
    cJSON_ReplaceItemInObjectCaseSensitive (record, key, value);
  else
    cJSON_AddItemToObject (record, key, value);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static const char *
review_state (const cJSON *record)
{
  const cJSON *review = cJSON_GetObjectItemCaseSensitive (record, "review");

  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "state"));
}

static cJSON *
pending_review (void)
{
  cJSON *review = cJSON_CreateObject ();

  cJSON_AddStringToObject (review, "state", "pending");
  cJSON_AddNullToObject (review, "comment");
  cJSON_AddNullToObject (review, "by");
  cJSON_AddNullToObject (review, "at");
  return review;
}

/* Applies what the register owns on an edit: the number, the review block
 * and the PIN come from the stored record, never from the caller. */
static gboolean
apply_stored (HtStore      *self,
              HtSaveOp     *op,
              cJSON        *canon,
              sqlite3_stmt *stored,
              GError      **error)
{
  const char *id = ht_record_id (canon);
  const char *stored_status = (const char *) sqlite3_column_text (stored, 1);
  gint64 stored_version = sqlite3_column_int64 (stored, 2);
  g_autoptr(cJSON) old = NULL;
  cJSON *review;

  if (op->importing)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_EXISTS,
                   _("A record with id %s is already in the register"), id);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stored, 3), "approved") == 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
                   _("Record %s is approved: its content can only change through a change record (thay đổi, cải chính)"),
                   id);
      return FALSE;
    }
  if (ht_record_content_version (canon) != stored_version)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CONFLICT,
                   _("Record %s was changed meanwhile (it is at version %lld, this edit started from version %lld); open it again"),
                   id, (long long) stored_version, (long long) ht_record_content_version (canon));
      return FALSE;
    }
  if (g_strcmp0 (stored_status, "draft") != 0)
    {
      if (is_blank (op->reason))
        {
          g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                       _("An edit of a registered record needs a reason (record %s)"), id);
          return FALSE;
        }
      if (op->flags & HT_SAVE_DRAFT)
        {
          g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
                       _("Record %s is in the book and cannot become a draft again"), id);
          return FALSE;
        }
      op->base_version = stored_version;
    }

  old = _ht_store_parse_json ((const char *) sqlite3_column_text (stored, 4),
                              sqlite3_column_bytes (stored, 4), error);
  if (old == NULL)
    return FALSE;

  review = cJSON_Duplicate (cJSON_GetObjectItemCaseSensitive (old, "review"), TRUE);
  /* DESIGN.md: an edit of a returned record moves it to "resubmitted". */
  if (g_strcmp0 (review_state (old), "returned") == 0)
    cJSON_ReplaceItemInObjectCaseSensitive (review, "state", cJSON_CreateString ("resubmitted"));
  set_member (canon, "review", review != NULL ? review : cJSON_CreateNull ());
  set_member (canon, "pin", cJSON_Duplicate (cJSON_GetObjectItemCaseSensitive (old, "pin"), TRUE));

  if (ht_record_number (old) > 0)
    {
      set_member (canon, "book_year", cJSON_CreateNumber ((double) ht_record_book_year (old)));
      set_member (canon, "number", cJSON_CreateNumber ((double) ht_record_number (old)));
    }

  op->is_new = FALSE;
  op->rid = sqlite3_column_int64 (stored, 0);
  set_member (canon, "content_version", cJSON_CreateNumber ((double) stored_version + 1));
  return TRUE;
}

static gboolean
number_taken (HtStore     *self,
              const cJSON *canon,
              gint64       book_year,
              gint64       number,
              GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "SELECT 1 FROM records WHERE office = ?1 AND kind = ?2 AND book_year = ?3"
                    " AND number = ?4 AND id <> ?5",
                    error);
  int rc;

  if (stmt == NULL)
    return TRUE;
  _ht_store_bind_text (stmt, 1, ht_record_office (canon));
  _ht_store_bind_text (stmt, 2, ht_record_kind_code (canon));
  sqlite3_bind_int64 (stmt, 3, book_year);
  sqlite3_bind_int64 (stmt, 4, number);
  _ht_store_bind_text (stmt, 5, ht_record_id (canon));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc == SQLITE_ROW)
    g_set_error (error, HT_ERROR, HT_ERROR_CONFLICT,
                 _("Number %lld of the %s book of %lld is already used by another record"),
                 (long long) number, ht_record_kind_code (canon), (long long) book_year);
  else
    _ht_store_db_error (self->db, rc, _("checking the register number"), error);
  return TRUE;
}

/* Gives a registered record its book year and, if it has none, the next
 * number of its book.  The write lock of BEGIN IMMEDIATE is held, so no
 * other connection can take the same number, and a rolled-back save leaves
 * no gap. */
static gboolean
assign_number (HtStore   *self,
               HtSaveOp  *op,
               cJSON     *canon,
               GError   **error)
{
  GDate registered_on;
  gint64 book_year = ht_record_book_year (canon);
  gint64 number = ht_record_number (canon);

  if (!ht_record_registered_on (canon, &registered_on))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("A record in the book needs its registration date (registered_on)"));
      return FALSE;
    }

  if (number <= 0)
    {
      g_autoptr(HtCachedStmt) stmt =
        _ht_store_stmt (self,
                        "SELECT IFNULL (MAX (number), 0) + 1 FROM records"
                        " WHERE office = ?1 AND kind = ?2 AND book_year = ?3 AND number IS NOT NULL",
                        error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      book_year = g_date_get_year (&registered_on);
      _ht_store_bind_text (stmt, 1, ht_record_office (canon));
      _ht_store_bind_text (stmt, 2, ht_record_kind_code (canon));
      sqlite3_bind_int64 (stmt, 3, book_year);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _ht_store_db_error (self->db, rc, _("numbering the record"), error);
          return FALSE;
        }
      number = sqlite3_column_int64 (stmt, 0);
      op->assigned_number = TRUE;
    }
  else
    {
      if (book_year <= 0)
        book_year = g_date_get_year (&registered_on);
      if (number_taken (self, canon, book_year, number, error))
        return FALSE;
    }

  set_member (canon, "book_year", cJSON_CreateNumber ((double) book_year));
  set_member (canon, "number", cJSON_CreateNumber ((double) number));
  return TRUE;
}

static void
add_issues (HtIssues *to,
            HtIssues *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      HtIssue *issue = from->pdata[i];
      ht_issues_add (to, issue->field, issue->code, issue->severity, "%s", issue->message);
    }
}

static void
set_invalid (HtIssues  *found,
             GError   **error)
{
  HtIssue *first = NULL;
  guint errors = ht_issues_n_errors (found);

  for (guint i = 0; i < found->len && first == NULL; i++)
    if (((HtIssue *) found->pdata[i])->severity == HT_SEVERITY_ERROR)
      first = found->pdata[i];
  g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
               ngettext ("The record has %u error, so nothing was saved (%s: %s)",
                         "The record has %u errors, so nothing was saved (first: %s: %s)", errors),
               errors, first != NULL && first->field[0] != '\0' ? first->field : _("record"),
               first != NULL ? first->message : "");
}

/* Fills in, on a canonical tree, everything the register decides (id,
 * version, number, owned blocks), then derives and validates it.  Issues go
 * to "found"; on FALSE the tree may be half-changed and must be dropped or
 * given back as it is. */
static gboolean
prepare_record (HtStore   *self,
                HtSaveOp  *op,
                cJSON     *canon,
                HtIssues  *found,
                GError   **error)
{
  g_autoptr(HtIssues) validation = NULL;
  HtValidateOptions options;
  const char *id;

  op->is_new = TRUE;
  op->draft = (op->flags & HT_SAVE_DRAFT) != 0;
  op->rid = 0;
  op->base_version = 0;
  op->assigned_id = op->assigned_number = FALSE;

  id = ht_record_id (canon);
  if (id == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      set_member (canon, "id", cJSON_CreateString (uuid));
      op->assigned_id = TRUE;
    }
  else if (!g_uuid_string_is_valid (id))
    {
      ht_issues_add (found, "id", "invalid_id", HT_SEVERITY_ERROR, _("“%s” is not a UUID"), id);
      set_invalid (found, error);
      return FALSE;
    }

  {
    g_autoptr(HtCachedStmt) stored =
      _ht_store_stmt (self,
                      "SELECT rid, status, content_version, review_state, json FROM records WHERE id = ?1",
                      error);
    int rc;

    if (stored == NULL)
      return FALSE;
    _ht_store_bind_text (stored, 1, ht_record_id (canon));
    rc = sqlite3_step (stored);
    if (rc == SQLITE_ROW)
      {
        if (!apply_stored (self, op, canon, stored, error))
          return FALSE;
      }
    else if (rc != SQLITE_DONE)
      {
        _ht_store_db_error (self->db, rc, _("reading the stored record"), error);
        return FALSE;
      }
    else if (!op->importing)
      {
        /* The reviewer owns "review" and the server owns "pin". */
        set_member (canon, "content_version", cJSON_CreateNumber (1));
        set_member (canon, "review", pending_review ());
        set_member (canon, "pin", cJSON_CreateNull ());
      }
    /* An import brings records as they were (another register's export,
     * digitised books): their review, PIN, version and time are kept. */
    else if (ht_record_content_version (canon) < 1)
      set_member (canon, "content_version", cJSON_CreateNumber (1));
  }

  if (op->draft)
    {
      set_member (canon, "status", cJSON_CreateString ("draft"));
      set_member (canon, "book_year", cJSON_CreateNull ());
      set_member (canon, "number", cJSON_CreateNull ());
    }
  else if (g_strcmp0 (ht_record_status (canon), "draft") == 0)
    set_member (canon, "status", cJSON_CreateString ("registered"));
  if (ht_record_office (canon) == NULL)
    set_member (canon, "office", cJSON_CreateString (self->office));
  if (cJSON_IsNull (cJSON_GetObjectItemCaseSensitive (canon, "clerk")))
    set_member (canon, "clerk", cJSON_CreateString (op->user));

  ht_validate_options_init (&options);
  ht_date_today (&options.today);
  options.lookup = &self->lookup;
  options.office = self->office;
  /* A digitised book entry carries its own number on its first save. */
  options.digitised = op->is_new && !op->draft && ht_record_number (canon) > 0;

  g_clear_error (&self->lookup_error);
  ht_record_derive (canon, &options, found);
  validation = ht_validate (canon, &options);
  add_issues (found, validation);
  if (self->lookup_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->lookup_error));
      return FALSE;
    }
  /* A draft is work in progress: it is kept with its problems listed. */
  if (!op->draft && ht_issues_n_errors (found) > 0)
    {
      set_invalid (found, error);
      return FALSE;
    }

  if (!op->draft && !assign_number (self, op, canon, error))
    return FALSE;

  if (!op->importing || !cJSON_IsString (cJSON_GetObjectItemCaseSensitive (canon, "updated_at")))
    set_member (canon, "updated_at", cJSON_CreateString (op->now));
  return TRUE;
}

/* Moves the members of "src" into "dest" (the caller's tree), so the
 * caller's pointer now holds the saved record; "src" is freed. */
static void
replace_contents (cJSON *dest,
                  cJSON *src)
{
  cJSON *children = dest->child;

  dest->child = src->child;
  src->child = children;
  cJSON_Delete (src);
}

gboolean
ht_store_save (HtStore      *self,
               cJSON        *record,
               const char   *user,
               const char   *reason,
               HtSaveFlags   flags,
               HtIssues     *issues,
               GError      **error)
{
  g_autoptr(HtIssues) found = ht_issues_new ();
  g_autoptr(HtIndexBuf) buf = _ht_index_buf_new ();
  g_autoptr(GString) payload = g_string_sized_new (2048);
  g_autofree char *now = ht_timestamp_now ();
  g_autoptr(GError) local_error = NULL;
  HtSaveOp op = { user, reason, now, flags, FALSE };
  HtAuditChain chain;
  cJSON *canon = NULL;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (user != NULL && user[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Canonicalising is pure work: it happens before the lock is taken. */
  canon = ht_record_canonicalize (record, found);
  if (canon == NULL)
    set_invalid (found, &local_error);
  else
    {
      g_rec_mutex_lock (&self->lock);
      if (_ht_store_begin (self, &local_error))
        {
          if (prepare_record (self, &op, canon, found, &local_error)
              && _ht_audit_chain_load (self, &chain, &local_error)
              && _ht_store_write_record (self, &op, canon, found, buf, &chain, payload, &local_error)
              && _ht_audit_chain_store (self, &chain, &local_error))
            _ht_store_commit (self, &local_error);
          if (local_error != NULL)
            _ht_store_rollback (self);
        }
      g_rec_mutex_unlock (&self->lock);
    }

  if (issues != NULL)
    add_issues (issues, found);
  if (local_error != NULL)
    {
      g_clear_pointer (&canon, cJSON_Delete);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  replace_contents (record, canon);
  return TRUE;
}

/* ---- Import ---- */

static int
progress_handler (void *user_data)
{
  HtStore *self = user_data;

  return self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);
}

/* Undoes what a rolled-back import assigned in the caller's records. */
static void
undo_assigned (GPtrArray *records,
               guint8    *assigned)
{
  for (guint i = 0; i < records->len; i++)
    {
      cJSON *record = records->pdata[i];

      if (assigned[i] & 1)
        set_member (record, "id", cJSON_CreateNull ());
      if (assigned[i] & 2)
        {
          set_member (record, "book_year", cJSON_CreateNull ());
          set_member (record, "number", cJSON_CreateNull ());
        }
    }
}

/* Once a record failed nothing more is written, so clashes among the rest
 * of the file are found in memory. */
static gboolean
clashes_in_file (GHashTable  *seen,
                 const cJSON *canon,
                 HtSaveOp    *op,
                 HtIssues    *issues)
{
  g_autofree char *place = NULL;

  if (!g_hash_table_add (seen, g_strdup (ht_record_id (canon))))
    {
      ht_issues_add (issues, "id", "id_exists", HT_SEVERITY_ERROR,
                     _("the id %s appears twice in the file"), ht_record_id (canon));
      return TRUE;
    }
  if (op->assigned_number || ht_record_number (canon) <= 0)
    return FALSE;
  place = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, ht_record_office (canon),
                           ht_record_kind_code (canon), ht_record_book_year (canon), ht_record_number (canon));
  if (!g_hash_table_add (seen, g_steal_pointer (&place)))
    {
      ht_issues_add (issues, "number", "number_taken", HT_SEVERITY_ERROR,
                     _("number %lld of the %s book of %lld appears twice in the file"),
                     (long long) ht_record_number (canon), ht_record_kind_code (canon),
                     (long long) ht_record_book_year (canon));
      return TRUE;
    }
  return FALSE;
}

/* Canonicalising is pure, so during an import it runs on the other cores,
 * one chunk ahead of the writer, which works through the chunk before. */
#define CANON_CHUNK 512
#define CANON_MAX_WORKERS 4

enum {
  CANON_PENDING,
  CANON_OK,
  CANON_FAILED,
};

typedef struct
{
  GPtrArray *records;
  GPtrArray *issues;
  guint8    *state;
  guint      from;
  guint      to;
} CanonJob;

typedef struct
{
  GThread  *threads[CANON_MAX_WORKERS];
  CanonJob  jobs[CANON_MAX_WORKERS];
  guint     n_threads;
} CanonBatch;

static gpointer
canon_worker (gpointer data)
{
  CanonJob *job = data;

  for (guint i = job->from; i < job->to; i++)
    {
      cJSON *canon = ht_record_canonicalize (job->records->pdata[i], job->issues->pdata[i]);

      /* In place: the caller's tree becomes the canonical one, so an
       * import of a million records does not hold two copies of each. */
      if (canon != NULL)
        replace_contents (job->records->pdata[i], canon);
      job->state[i] = canon != NULL ? CANON_OK : CANON_FAILED;
    }
  return NULL;
}

static void
canon_batch_start (CanonBatch *batch,
                   GPtrArray  *records,
                   GPtrArray  *issues,
                   guint8     *state,
                   guint       from,
                   guint       to)
{
  guint workers = CLAMP (g_get_num_processors () - 1, 1, CANON_MAX_WORKERS);
  guint step = (to - from + workers - 1) / workers;

  batch->n_threads = 0;
  for (guint start = from; start < to; start += step)
    {
      CanonJob *job = &batch->jobs[batch->n_threads];

      *job = (CanonJob) { records, issues, state, start, MIN (start + step, to) };
      batch->threads[batch->n_threads++] = g_thread_new ("ht-canon", canon_worker, job);
    }
}

static void
canon_batch_join (CanonBatch *batch)
{
  for (guint i = 0; i < batch->n_threads; i++)
    g_thread_join (batch->threads[i]);
  batch->n_threads = 0;
}

/* Prepares and writes record i of an import; a problem of the record itself
 * becomes its issue and FALSE, a failure of the register an error. */
static gboolean
import_one (HtStore       *self,
            HtSaveOp      *op,
            cJSON         *record,
            HtIssues      *issues,
            gboolean       canonical,
            gboolean       writing,
            GHashTable    *seen,
            HtIndexBuf    *buf,
            HtAuditChain  *chain,
            GString       *payload,
            GError       **error)
{
  g_autoptr(GError) record_error = NULL;

  if (!canonical)
    set_invalid (issues, &record_error);
  else if (prepare_record (self, op, record, issues, &record_error))
    {
      if (seen != NULL && clashes_in_file (seen, record, op, issues))
        return FALSE;
      if (!writing || _ht_store_write_record (self, op, record, issues, buf, chain, payload, &record_error))
        return TRUE;
    }

  if (record_error->domain != HT_ERROR
      || (record_error->code != HT_ERROR_INVALID && record_error->code != HT_ERROR_EXISTS
          && record_error->code != HT_ERROR_CONFLICT && record_error->code != HT_ERROR_PERMISSION))
    {
      /* The register itself failed: there is no point going on. */
      g_propagate_error (error, g_steal_pointer (&record_error));
      return FALSE;
    }
  if (record_error->code != HT_ERROR_INVALID)
    ht_issues_add (issues, record_error->code == HT_ERROR_EXISTS ? "id" : "number",
                   record_error->code == HT_ERROR_EXISTS ? "id_exists" : "number_taken",
                   HT_SEVERITY_ERROR, "%s", record_error->message);
  return FALSE;
}

gboolean
ht_store_import (HtStore         *self,
                 GPtrArray       *records,
                 const char      *user,
                 GPtrArray      **issues_per_record,
                 HtProgressFunc   progress,
                 gpointer         progress_data,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GPtrArray) all_issues = NULL;
  g_autoptr(HtIndexBuf) buf = _ht_index_buf_new ();
  g_autoptr(GString) payload = g_string_sized_new (2048);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *now = ht_timestamp_now ();
  g_autofree guint8 *assigned = NULL;
  g_autofree guint8 *state = NULL;
  g_autoptr(GError) local_error = NULL;
  HtSaveOp op = { user, NULL, now, HT_SAVE_DEFAULT, TRUE };
  CanonBatch batch = { { NULL } };
  HtAuditChain chain;
  guint n = records->len;
  guint failed = 0;
  gboolean began;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (user != NULL && user[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  all_issues = g_ptr_array_new_full (n, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all_issues, ht_issues_new ());
  assigned = g_new0 (guint8, n + 1);
  state = g_new0 (guint8, n + 1);

  canon_batch_start (&batch, records, all_issues, state, 0, MIN (n, CANON_CHUNK));

  g_rec_mutex_lock (&self->lock);
  self->cancellable = cancellable;
  sqlite3_progress_handler (self->db, CANCEL_POLL_STEPS, progress_handler, self);

  /* A bulk import touches indexes keyed by random UUIDs: a larger page
   * cache for its duration keeps them in memory (restored afterwards). */
  if (n > 10000)
    sqlite3_exec (self->db, "PRAGMA cache_size = -524288", NULL, NULL, NULL);
  began = _ht_store_begin (self, &local_error) && _ht_audit_chain_load (self, &chain, &local_error);
  for (guint chunk = 0; began && chunk < n && local_error == NULL; chunk += CANON_CHUNK)
    {
      guint end = MIN (n, chunk + CANON_CHUNK);

      canon_batch_join (&batch);
      if (end < n)
        canon_batch_start (&batch, records, all_issues, state, end, MIN (n, end + CANON_CHUNK));

      for (guint i = chunk; i < end; i++)
        {
          gboolean ok;

          if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
            break;
          op.assigned_id = op.assigned_number = FALSE;
          ok = import_one (self, &op, records->pdata[i], all_issues->pdata[i], state[i] == CANON_OK,
                           failed == 0, seen, buf, &chain, payload, &local_error);
          /* Taken back if the import does not commit, written or not. */
          assigned[i] = (op.assigned_id ? 1 : 0) | (op.assigned_number ? 2 : 0);
          if (local_error != NULL)
            break;
          if (!ok && failed++ == 0)
            seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          if (progress != NULL && (i + 1) % PROGRESS_EVERY == 0)
            progress (i + 1, n, progress_data);
        }
    }
  canon_batch_join (&batch);

  if (local_error == NULL && failed > 0)
    g_set_error (&local_error, HT_ERROR, HT_ERROR_INVALID,
                 ngettext ("%u of %u records has errors, so nothing was imported",
                           "%u of %u records have errors, so nothing was imported", failed),
                 failed, n);
  if (local_error == NULL && _ht_audit_chain_store (self, &chain, &local_error))
    _ht_store_commit (self, &local_error);
  if (local_error != NULL)
    {
      _ht_store_rollback (self);
      undo_assigned (records, assigned);
    }
  else
    {
      /* A large import leaves a log as big as what it wrote; shrinking it
       * here makes the import pay for it, not the clerk's next save.  A
       * reader holding the log only makes this a partial checkpoint. */
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
  sqlite3_exec (self->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);

  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  self->cancellable = NULL;
  g_rec_mutex_unlock (&self->lock);

  if (local_error == NULL && progress != NULL)
    progress (n, n, progress_data);
  if (issues_per_record != NULL)
    *issues_per_record = g_steal_pointer (&all_issues);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
