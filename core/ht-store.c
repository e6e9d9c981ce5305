/* ht-store.c — HtStore: the register object, saving and importing records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save is one BEGIN IMMEDIATE transaction: canonicalise, give the record
 * its id, derive, validate (with lookups into this very transaction), number
 * it, then write the record, its history row, its outbox entry, the search
 * index, the lookup keys and an audit entry.  Any failure rolls everything
 * back.  An import does the same for many records in one transaction
 * (ht-store-import.c).
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-private.h"
#include "ht-units.h"

G_DEFINE_FINAL_TYPE (HtStore, ht_store, G_TYPE_OBJECT)

static void
ht_store_finalize (GObject *object)
{
  HtStore *self = HT_STORE (object);

  /* The checkpoint thread uses the file: it stops before the file closes. */
  _ht_store_stop_checkpointer (self);
  g_mutex_clear (&self->checkpoint_lock);
  g_cond_clear (&self->checkpoint_cond);
  /* Statements go first: sqlite3_close_v2 would otherwise only defer. */
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->terms, _ht_terms_free);
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
  g_mutex_init (&self->checkpoint_lock);
  g_cond_init (&self->checkpoint_cond);
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

void
_ht_record_set_member (cJSON      *record,
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
  /* A rejected entry is void: nothing about it changes any more. */
  if (g_strcmp0 ((const char *) sqlite3_column_text (stored, 3), "rejected") == 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
                   _("Record %s was rejected by the reviewing office: the entry is void and cannot be edited"),
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
  _ht_record_set_member (canon, "review", review != NULL ? review : cJSON_CreateNull ());
  _ht_record_set_member (canon, "pin", cJSON_Duplicate (cJSON_GetObjectItemCaseSensitive (old, "pin"), TRUE));

  if (ht_record_number (old) > 0)
    {
      _ht_record_set_member (canon, "book_year", cJSON_CreateNumber ((double) ht_record_book_year (old)));
      _ht_record_set_member (canon, "number", cJSON_CreateNumber ((double) ht_record_number (old)));
    }

  op->is_new = FALSE;
  op->rid = sqlite3_column_int64 (stored, 0);
  _ht_record_set_member (canon, "content_version", cJSON_CreateNumber ((double) stored_version + 1));
  return TRUE;
}

static gboolean
number_taken (HtStore     *self,
              const cJSON *canon,
              gint64       book_year,
              gint64       number,
              GError     **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  g_autofree char *place = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                            ht_record_office (canon), ht_record_kind_code (canon),
                                            book_year, number);
  int rc;

  if (!_ht_import_keys_may_have (self, "number", place))
    return FALSE;
  stmt = _ht_store_stmt (self,
                         "SELECT 1 FROM records WHERE office = ?1 AND kind = ?2 AND book_year = ?3"
                         " AND number = ?4 AND id <> ?5",
                         error);
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

/* The number after the highest of the book: the office's own sequence. */
static gboolean
next_number (HtStore      *self,
             const cJSON  *canon,
             gint64        book_year,
             gint64       *number,
             GError      **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  g_autofree char *book = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT, ht_record_office (canon),
                                           ht_record_kind_code (canon), book_year);
  gint64 max;
  int rc;

  /* An import keeps each book's highest number once it asked for it. */
  if (_ht_import_keys_book_max (self, book, &max))
    {
      *number = max + 1;
      return TRUE;
    }
  /* The book's index (0006) is (kind, book_year, number, office): with the
   * office last, MAX (number) would read the whole year, so the walk goes
   * down from the highest number and stops at the first of this office. */
  stmt = _ht_store_stmt (self,
                         "SELECT IFNULL ((SELECT number FROM records"
                         " WHERE kind = ?2 AND book_year = ?3 AND number IS NOT NULL AND office = ?1"
                         " ORDER BY number DESC LIMIT 1), 0) + 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, ht_record_office (canon));
  _ht_store_bind_text (stmt, 2, ht_record_kind_code (canon));
  sqlite3_bind_int64 (stmt, 3, book_year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, _("numbering the record"), error);
      return FALSE;
    }
  *number = sqlite3_column_int64 (stmt, 0);
  _ht_import_keys_note_number (self->import_keys, book, *number - 1, TRUE);
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

  if (number > 0)
    {
      if (book_year <= 0)
        book_year = g_date_get_year (&registered_on);
      if (number_taken (self, canon, book_year, number, error))
        return FALSE;
    }
  else
    {
      gboolean enrolled = FALSE;

      book_year = g_date_get_year (&registered_on);
      if (!_ht_store_enrolled (self, &enrolled, error))
        return FALSE;
      /* Two PCs of one office must never hand out one number: an enrolled
       * PC numbers only from the blocks the server reserved for it. */
      if (enrolled)
        {
          if (!_ht_store_take_block_number (self, ht_record_office (canon), ht_record_kind_code (canon),
                                            book_year, &number, error))
            {
              op->no_number = TRUE;
              return FALSE;
            }
        }
      else if (!next_number (self, canon, book_year, &number, error))
        return FALSE;
      op->assigned_number = TRUE;
    }

  _ht_record_set_member (canon, "book_year", cJSON_CreateNumber ((double) book_year));
  _ht_record_set_member (canon, "number", cJSON_CreateNumber ((double) number));
  return TRUE;
}

void
_ht_issues_add_all (HtIssues *to,
                    HtIssues *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      HtIssue *issue = from->pdata[i];
      ht_issues_add (to, issue->field, issue->code, issue->severity, "%s", issue->message);
    }
}

void
_ht_issues_set_invalid (HtIssues  *found,
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

/* The id: a new one when the record has none.  FALSE (with an issue) when
 * the record's own is not a UUID. */
static gboolean
prepare_id (HtSaveOp  *op,
            cJSON     *canon,
            HtIssues  *found)
{
  const char *id = ht_record_id (canon);

  if (id == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      _ht_record_set_member (canon, "id", cJSON_CreateString (uuid));
      op->assigned_id = TRUE;
    }
  else if (!g_uuid_string_is_valid (id))
    {
      ht_issues_add (found, "id", "invalid_id", HT_SEVERITY_ERROR, _("“%s” is not a UUID"), id);
      return FALSE;
    }
  return TRUE;
}

/* Reads the stored version of the record, if there is one, and applies
 * what the register owns (apply_stored); a new record gets its first
 * version.  An import skips the read when it knows the id is new. */
static gboolean
prepare_stored (HtStore   *self,
                HtSaveOp  *op,
                cJSON     *canon,
                GError   **error)
{
  g_autoptr(HtCachedStmt) stored = NULL;
  int rc;

  if (_ht_import_keys_may_have (self, "id", ht_record_id (canon)))
    {
      stored = _ht_store_stmt (self,
                               "SELECT r.rid, r.status, r.content_version, r.review_state, h.json FROM records r"
                               " JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version") " WHERE r.id = ?1",
                               error);
      if (stored == NULL)
        return FALSE;
      _ht_store_bind_text (stored, 1, ht_record_id (canon));
      rc = sqlite3_step (stored);
      if (rc == SQLITE_ROW)
        return apply_stored (self, op, canon, stored, error);
      if (rc != SQLITE_DONE)
        {
          _ht_store_db_error (self->db, rc, _("reading the stored record"), error);
          return FALSE;
        }
    }
  if (!op->importing)
    {
      /* The reviewer owns "review" and the server owns "pin". */
      _ht_record_set_member (canon, "content_version", cJSON_CreateNumber (1));
      _ht_record_set_member (canon, "review", pending_review ());
      _ht_record_set_member (canon, "pin", cJSON_CreateNull ());
    }
  /* An import brings records as they were (another register's export,
   * digitised books): their review, PIN, version and time are kept. */
  else if (ht_record_content_version (canon) < 1)
    _ht_record_set_member (canon, "content_version", cJSON_CreateNumber (1));
  return TRUE;
}

static void
options_init (HtSaveOp          *op,
              const char        *office,
              HtValidateOptions *options)
{
  memset (options, 0, sizeof *options);
  /* Looking today up goes through the time zone: an import does it once. */
  if (g_date_valid (&op->today))
    options->today = op->today;
  else
    ht_date_today (&options->today);
  options->office = office;
}

/* What the register decides without reading anything: the status of a
 * draft, the office and the clerk; and the options validation runs with. */
static void
prepare_envelope (const char        *office,
                  HtSaveOp          *op,
                  cJSON             *canon,
                  HtValidateOptions *options)
{
  if (op->draft)
    {
      _ht_record_set_member (canon, "status", cJSON_CreateString ("draft"));
      _ht_record_set_member (canon, "book_year", cJSON_CreateNull ());
      _ht_record_set_member (canon, "number", cJSON_CreateNull ());
    }
  else if (g_strcmp0 (ht_record_status (canon), "draft") == 0)
    _ht_record_set_member (canon, "status", cJSON_CreateString ("registered"));
  if (ht_record_office (canon) == NULL)
    _ht_record_set_member (canon, "office", cJSON_CreateString (office));
  if (cJSON_IsNull (cJSON_GetObjectItemCaseSensitive (canon, "clerk")))
    _ht_record_set_member (canon, "clerk", cJSON_CreateString (op->user));

  options_init (op, office, options);
  /* A digitised book entry carries its own number on its first save. */
  options->digitised = op->is_new && !op->draft && ht_record_number (canon) > 0;
}

/* After validation: the number, unless the record is a draft or has
 * errors, and the time of the change. */
static gboolean
prepare_number (HtStore   *self,
                HtSaveOp  *op,
                cJSON     *canon,
                HtIssues  *found,
                GError   **error)
{
  /* A draft is work in progress: it is kept with its problems listed. */
  if (!op->draft && ht_issues_n_errors (found) > 0)
    {
      _ht_issues_set_invalid (found, error);
      return FALSE;
    }
  return op->draft || assign_number (self, op, canon, error);
}

static void
prepare_updated_at (HtSaveOp *op,
                    cJSON    *canon)
{
  if (!op->importing || !cJSON_IsString (cJSON_GetObjectItemCaseSensitive (canon, "updated_at")))
    _ht_record_set_member (canon, "updated_at", cJSON_CreateString (op->now));
}

static void
reset_op (HtSaveOp *op)
{
  op->is_new = TRUE;
  op->draft = (op->flags & HT_SAVE_DRAFT) != 0;
  op->rid = 0;
  op->base_version = 0;
  op->assigned_id = op->assigned_number = op->no_number = FALSE;
}

/* Fills in, on a canonical tree, everything the register decides (id,
 * version, number, owned blocks), then derives and validates it.  Issues go
 * to "found"; on FALSE the tree may be half-changed and must be dropped or
 * given back as it is. */
gboolean
_ht_store_prepare_record (HtStore   *self,
                          HtSaveOp  *op,
                          cJSON     *canon,
                          HtIssues  *found,
                          GError   **error)
{
  g_autoptr(HtIssues) validation = NULL;
  HtValidateOptions options;

  reset_op (op);
  if (!prepare_id (op, canon, found))
    {
      _ht_issues_set_invalid (found, error);
      return FALSE;
    }
  if (!prepare_stored (self, op, canon, error))
    return FALSE;
  prepare_envelope (self->office, op, canon, &options);
  options.lookup = &self->lookup;

  g_clear_error (&self->lookup_error);
  ht_record_derive (canon, &options, found);
  validation = ht_validate (canon, &options);
  _ht_issues_add_all (found, validation);
  if (self->lookup_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->lookup_error));
      return FALSE;
    }
  if (!prepare_number (self, op, canon, found, error))
    return FALSE;
  prepare_updated_at (op, canon);
  return TRUE;
}

gboolean
_ht_store_prepare_pure (const char     *office,
                        HtSaveOp       *op,
                        cJSON          *canon,
                        HtIssues       *found,
                        HtValidation   *validation,
                        gboolean       *deferred)
{
  HtValidateOptions options;

  g_return_val_if_fail (op->importing && !(op->flags & HT_SAVE_DRAFT), FALSE);

  *deferred = FALSE;
  reset_op (op);
  if (!prepare_id (op, canon, found))
    return FALSE;
  /* A record whose id is taken fails in the writer whatever is done here. */
  if (ht_record_content_version (canon) < 1)
    _ht_record_set_member (canon, "content_version", cJSON_CreateNumber (1));
  prepare_envelope (office, op, canon, &options);
  ht_record_derive (canon, &options, found);
  *deferred = ht_validate_begin (validation, canon, &options, found);
  prepare_updated_at (op, canon);
  return TRUE;
}

gboolean
_ht_store_prepare_finish (HtStore       *self,
                          HtSaveOp      *op,
                          cJSON         *canon,
                          HtValidation  *validation,
                          HtIssues      *found,
                          GError       **error)
{
  HtValidateOptions options;
  gboolean assigned_id = op->assigned_id;

  reset_op (op);
  op->assigned_id = assigned_id;
  if (!prepare_stored (self, op, canon, error))
    return FALSE;
  if (validation != NULL)
    {
      options_init (op, self->office, &options);
      options.digitised = ht_record_number (canon) > 0;
      options.lookup = &self->lookup;
      g_clear_error (&self->lookup_error);
      ht_validate_finish (validation, canon, &options, found);
      if (self->lookup_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&self->lookup_error));
          return FALSE;
        }
    }
  return prepare_number (self, op, canon, found, error);
}

/* Moves the members of "src" into "dest" (the caller's tree), so the
 * caller's pointer now holds the saved record; "src" is freed. */
void
_ht_record_replace_contents (cJSON *dest,
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
  g_autoptr(GString) scratch = g_string_sized_new (4096);
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
    _ht_issues_set_invalid (found, &local_error);
  else
    {
      g_rec_mutex_lock (&self->lock);
      if (_ht_store_begin (self, &local_error))
        {
          if (_ht_store_check_content_writable (self, &local_error)
              && _ht_store_prepare_record (self, &op, canon, found, &local_error)
              && _ht_audit_chain_load (self, &chain, &local_error)
              && _ht_store_write_record (self, &op, canon, found, buf, &chain, scratch, &local_error)
              && _ht_audit_chain_store (self, &chain, &local_error))
            _ht_store_commit (self, &local_error);
          if (local_error != NULL)
            _ht_store_rollback (self);
        }
      g_rec_mutex_unlock (&self->lock);
    }

  if (issues != NULL)
    _ht_issues_add_all (issues, found);
  if (local_error != NULL)
    {
      g_clear_pointer (&canon, cJSON_Delete);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _ht_record_replace_contents (record, canon);
  return TRUE;
}
