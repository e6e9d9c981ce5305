/* ht-store-review.c — the reviewer's queue and decisions, and what changed since the last one.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A decision is written like any other version of a record — history,
 * search index, audit chain — through the store's own write path, with an
 * outbox entry of its own: op "review", whose frozen payload is the whole
 * change as pushed (docs/api.md), based on the server's version of the
 * record as the reviewer saw it.  The content is not touched: on a
 * reviewer's register it belongs to the commune and is read-only.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-kinds.h"
#include "ht-store-review.h"
#include "ht-store-sync-private.h"

void
ht_review_item_free (HtReviewItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->kind);
  g_free (item->office);
  g_free (item->registered_on);
  g_free (item->subject);
  g_free (item->review_state);
  g_free (item->review_comment);
  g_free (item->review_by);
  g_free (item->review_at);
  g_strfreev (item->duplicates);
  g_free (item);
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
review_member (const cJSON *record,
               const char  *member)
{
  const cJSON *review = cJSON_GetObjectItemCaseSensitive (record, "review");

  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, member));
}

/* The lock is held. */
static gboolean
is_reviewer_register (HtStore *self)
{
  g_autofree char *role = _ht_sync_key_get (self, HT_SYNC_KEY_ROLE);

  return g_strcmp0 (role, "reviewer") == 0;
}

gboolean
_ht_store_check_content_writable (HtStore  *self,
                                  GError  **error)
{
  if (!is_reviewer_register (self))
    return TRUE;
  g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
               _("Records of a reviewer's register are read-only: their content belongs to the commune that "
                 "registered them"));
  return FALSE;
}

/* ---- The queue ---- */

static GStrv
parse_duplicates (const char *text)
{
  g_autoptr(cJSON) list = text != NULL ? cJSON_Parse (text) : NULL;
  g_autoptr(GPtrArray) ids = NULL;
  const cJSON *id;

  if (!cJSON_IsArray (list) || cJSON_GetArraySize (list) == 0)
    return NULL;
  ids = g_ptr_array_new ();
  cJSON_ArrayForEach (id, list)
    if (cJSON_IsString (id))
      g_ptr_array_add (ids, g_strdup (id->valuestring));
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
check_date_filter (const char  *name,
                   const char  *value,
                   GError     **error)
{
  GDate date;

  if (value == NULL || ht_date_parse (value, &date))
    return TRUE;
  g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"), name, value);
  return FALSE;
}

GPtrArray *
ht_store_review_list (HtStore               *self,
                      const HtReviewFilter  *filter,
                      GCancellable          *cancellable,
                      GError               **error)
{
  static const char *const states[] = { "pending", "resubmitted", "returned", "approved", "rejected", NULL };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_review_item_free);
  g_autoptr(HtCachedStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *state = filter != NULL ? filter->state : NULL;
  const char *first = "pending", *second = "resubmitted";
  gboolean flagged_only = FALSE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (state, "potential_duplicate") == 0)
    flagged_only = TRUE;
  else if (state != NULL)
    {
      if (!g_strv_contains (states, state))
        {
          g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                       _("“%s” is not a review state (pending, resubmitted, returned, approved, rejected, "
                         "potential_duplicate)"),
                       state);
          return NULL;
        }
      first = second = state;
    }
  if (filter != NULL && filter->kind != NULL && ht_kinds_lookup (filter->kind) == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("“%s” is not a kind of registration"), filter->kind);
      return NULL;
    }
  if (filter != NULL && !check_date_filter ("from", filter->from, error))
    return NULL;
  if (filter != NULL && !check_date_filter ("to", filter->to, error))
    return NULL;

  g_rec_mutex_lock (&self->lock);
  /* "review_state IN (…) ORDER BY registered_on" is answered from the index
   * records_review (0005); the other filters narrow what it finds. */
  stmt = _ht_store_stmt (self,
                         "SELECT r.rid, r.id, r.kind, r.office, r.book_year, r.number, r.registered_on,"
                         " r.review_state, r.content_version, h.json, f.duplicates"
                         " FROM records r"
                         " JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version")
                         " LEFT JOIN review_flags f ON f.record_id = r.id"
                         " WHERE r.review_state IN (?1, ?2) AND r.status <> 'draft'"
                         " AND (?3 IS NULL OR r.office = ?3) AND (?4 IS NULL OR r.kind = ?4)"
                         " AND (?5 IS NULL OR r.registered_on >= ?5) AND (?6 IS NULL OR r.registered_on <= ?6)"
                         " AND (?7 = 0 OR f.duplicates IS NOT NULL)"
                         " ORDER BY r.registered_on, r.rid LIMIT ?8",
                         &local_error);
  if (stmt != NULL)
    {
      _ht_store_bind_text (stmt, 1, first);
      _ht_store_bind_text (stmt, 2, second);
      _ht_store_bind_text (stmt, 3, filter != NULL ? filter->office : NULL);
      _ht_store_bind_text (stmt, 4, filter != NULL ? filter->kind : NULL);
      _ht_store_bind_text (stmt, 5, filter != NULL ? filter->from : NULL);
      _ht_store_bind_text (stmt, 6, filter != NULL ? filter->to : NULL);
      sqlite3_bind_int (stmt, 7, flagged_only);
      sqlite3_bind_int64 (stmt, 8, filter != NULL && filter->limit > 0 ? (sqlite3_int64) filter->limit : -1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(HtReviewItem) item = g_new0 (HtReviewItem, 1);
          g_autoptr(cJSON) record = _ht_store_parse_json ((const char *) sqlite3_column_text (stmt, 9),
                                                          sqlite3_column_bytes (stmt, 9), &local_error);

          if (record == NULL)
            break;
          if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
            break;
          item->rid = sqlite3_column_int64 (stmt, 0);
          item->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          item->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          item->office = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          item->book_year = sqlite3_column_int64 (stmt, 4);
          item->number = sqlite3_column_int64 (stmt, 5);
          item->registered_on = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          item->review_state = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
          item->content_version = sqlite3_column_int64 (stmt, 8);
          item->subject = ht_record_subject (record);
          item->review_comment = g_strdup (review_member (record, "comment"));
          item->review_by = g_strdup (review_member (record, "by"));
          item->review_at = g_strdup (review_member (record, "at"));
          item->duplicates = parse_duplicates ((const char *) sqlite3_column_text (stmt, 10));
          g_ptr_array_add (items, g_steal_pointer (&item));
        }
      if (local_error == NULL && rc != SQLITE_DONE)
        _ht_store_db_error (self->db, rc, _("reading the review queue"), &local_error);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* ---- Deciding ---- */

/* The rid, version and review state of a record, and the server's version
 * of it; *rid is 0 when the register lacks it.  The lock is held. */
static gboolean
find_decidable (HtStore     *self,
                const char  *id,
                gint64      *rid,
                gint64      *version,
                char       **state,
                gint64      *server_version,
                GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "SELECT r.rid, r.content_version, r.review_state, IFNULL (s.server_version, 0) FROM records r"
                    " LEFT JOIN sync_state s ON s.rid = r.rid WHERE r.id = ?1",
                    error);
  int rc;

  *rid = 0;
  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rid = sqlite3_column_int64 (stmt, 0);
      *version = sqlite3_column_int64 (stmt, 1);
      *state = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      *server_version = sqlite3_column_int64 (stmt, 3);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _ht_store_db_error (self->db, rc, _("reading a record"), error);
  return FALSE;
}

/* The change as pushed (docs/api.md, op "review"), frozen when queued. */
static char *
review_change (const char *change_id,
               const char *record_id,
               gint64      base_version,
               const char *state,
               const char *comment)
{
  g_autoptr(cJSON) change = cJSON_CreateObject ();
  cJSON *review;
  char *printed;
  char *text;

  cJSON_AddStringToObject (change, "change_id", change_id);
  cJSON_AddStringToObject (change, "record_id", record_id);
  cJSON_AddNumberToObject (change, "base_version", (double) base_version);
  cJSON_AddStringToObject (change, "op", "review");
  review = cJSON_AddObjectToObject (change, "review");
  cJSON_AddStringToObject (review, "state", state);
  if (comment != NULL)
    cJSON_AddStringToObject (review, "comment", comment);
  else
    cJSON_AddNullToObject (review, "comment");
  printed = cJSON_PrintUnformatted (change);
  text = g_strdup (printed);
  cJSON_free (printed);
  return text;
}

static gboolean
queue_review (HtStore     *self,
              gint64       rid,
              const char  *record_id,
              gint64       version,
              gint64       base_version,
              const char  *state,
              const char  *comment,
              const char  *now,
              GError     **error)
{
  g_autofree char *change_id = g_uuid_string_random ();
  g_autofree char *payload = review_change (change_id, record_id, base_version, state, comment);
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self,
                    "INSERT INTO outbox (change_id, rid, version, base_version, op, payload, queued_at)"
                    " VALUES (?1, ?2, ?3, ?4, 'review', ?5, ?6)",
                    error);
  g_autoptr(HtCachedStmt) clear = NULL;

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, change_id);
  sqlite3_bind_int64 (stmt, 2, rid);
  sqlite3_bind_int64 (stmt, 3, version);
  sqlite3_bind_int64 (stmt, 4, base_version);
  _ht_store_bind_text (stmt, 5, payload);
  _ht_store_bind_text (stmt, 6, now);
  if (!_ht_store_step_done (self, stmt, _("queueing the decision for sync"), error))
    return FALSE;
  g_clear_pointer (&stmt, _ht_cached_stmt_release);

  /* What the server said about an earlier decision no longer applies. */
  clear = _ht_store_stmt (self, "UPDATE sync_state SET state = NULL, message = NULL WHERE rid = ?1", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, rid);
  return _ht_store_step_done (self, clear, _("queueing the decision for sync"), error);
}

/* Everything of a decision but the argument checks; the lock is held and
 * the transaction open. */
static gboolean
decide_unlocked (HtStore     *self,
                 const char  *record_id,
                 const char  *state,
                 const char  *comment,
                 const char  *user,
                 const char  *now,
                 GError     **error)
{
  g_autoptr(HtIssues) none = ht_issues_new ();
  g_autoptr(HtIndexBuf) buf = _ht_index_buf_new ();
  g_autoptr(GString) scratch = g_string_sized_new (4096);
  g_autoptr(cJSON) record = NULL;
  g_autofree char *current_state = NULL;
  g_autofree char *reason = NULL;
  gint64 rid = 0, version = 0, server_version = 0;
  HtAuditChain chain;
  cJSON *review;
  HtSaveOp op = { 0 };

  if (!is_reviewer_register (self))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
                   _("Review decisions are made on the register of a reviewing office (a device enrolled with the "
                     "role reviewer); this register is not one"));
      return FALSE;
    }
  if (!find_decidable (self, record_id, &rid, &version, &current_state, &server_version, error))
    return FALSE;
  if (rid == 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, _("There is no record “%s”"), record_id);
      return FALSE;
    }
  if (g_strcmp0 (current_state, "pending") != 0 && g_strcmp0 (current_state, "resubmitted") != 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CONFLICT,
                   _("Record %s is %s: only a pending or resubmitted record can be decided"), record_id,
                   current_state != NULL ? current_state : "?");
      return FALSE;
    }
  if (server_version <= 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_CONFLICT,
                   _("Record %s did not come from the server, so there is no version of it to decide on"),
                   record_id);
      return FALSE;
    }

  record = _ht_store_get_unlocked (self, record_id, error);
  if (record == NULL)
    return FALSE;
  review = cJSON_CreateObject ();
  cJSON_AddStringToObject (review, "state", state);
  if (comment != NULL)
    cJSON_AddStringToObject (review, "comment", comment);
  else
    cJSON_AddNullToObject (review, "comment");
  cJSON_AddStringToObject (review, "by", user);
  cJSON_AddStringToObject (review, "at", now);
  _ht_record_set_member (record, "review", review);
  _ht_record_set_member (record, "content_version", cJSON_CreateNumber ((double) (version + 1)));
  _ht_record_set_member (record, "updated_at", cJSON_CreateString (now));

  if (comment != NULL)
    reason = g_strdup_printf (_("review: %s — %s"), state, comment);
  else
    reason = g_strdup_printf (_("review: %s"), state);
  op.user = user;
  op.reason = reason;
  op.now = now;
  op.is_new = FALSE;
  /* The content did not change: no "record" change goes out, only the
   * decision queued below. */
  op.draft = TRUE;
  op.rid = rid;
  op.base_version = version;
  op.action = "review";

  return _ht_audit_chain_load (self, &chain, error)
    && _ht_store_write_record (self, &op, record, none, buf, &chain, scratch, error)
    && queue_review (self, rid, record_id, version + 1, server_version, state, comment, now, error)
    && _ht_audit_chain_store (self, &chain, error);
}

gboolean
ht_store_review_decide (HtStore      *self,
                        const char   *record_id,
                        const char   *state,
                        const char   *comment,
                        const char   *user,
                        GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = ht_timestamp_now ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (user != NULL && user[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (record_id == NULL || !g_uuid_string_is_valid (record_id))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_NOT_FOUND, _("There is no record “%s”"),
                   record_id != NULL ? record_id : "");
      return FALSE;
    }
  if (g_strcmp0 (state, "approved") != 0 && g_strcmp0 (state, "returned") != 0
      && g_strcmp0 (state, "rejected") != 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("“%s” is not a decision: a record is approved, returned or rejected"),
                   state != NULL ? state : "");
      return FALSE;
    }
  if (comment != NULL && !g_utf8_validate (comment, -1, NULL))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The comment is not valid UTF-8 text"));
      return FALSE;
    }
  if (is_blank (comment))
    {
      if (strcmp (state, "returned") == 0)
        {
          g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                       _("A returned record needs a comment telling the commune what to correct"));
          return FALSE;
        }
      if (strcmp (state, "rejected") == 0)
        {
          g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A rejected record needs the reason of the rejection"));
          return FALSE;
        }
    }
  else
    text = g_strstrip (g_strdup (comment));

  g_rec_mutex_lock (&self->lock);
  if (_ht_store_begin (self, &local_error))
    {
      if (decide_unlocked (self, record_id, state, text, user, now, &local_error))
        _ht_store_commit (self, &local_error);
      if (local_error != NULL)
        _ht_store_rollback (self);
    }
  g_rec_mutex_unlock (&self->lock);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- What changed since the last decision ---- */

static gboolean
is_decision (const char *state)
{
  return g_strcmp0 (state, "approved") == 0 || g_strcmp0 (state, "returned") == 0
    || g_strcmp0 (state, "rejected") == 0;
}

GPtrArray *
ht_store_review_changes (HtStore     *self,
                         const char  *record_id,
                         GError     **error)
{
  g_autoptr(cJSON) history = NULL;
  const cJSON *current, *decided = NULL;
  int n;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  history = ht_store_history (self, record_id, error);
  if (history == NULL)
    return NULL;
  n = cJSON_GetArraySize (history);
  current = cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (history, n - 1), "record");
  /* The newest version that carries a decision is the content it was made
   * on: a decision changes the review block, never the content. */
  for (int i = n - 1; i >= 0 && decided == NULL; i--)
    {
      const cJSON *record = cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (history, i), "record");

      if (is_decision (review_member (record, "state")))
        decided = record;
    }
  if (decided == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) ht_field_change_free);
  return ht_record_diff (decided, current);
}

/* ---- Async variants ---- */

typedef struct
{
  HtReviewFilter filter;
  char          *state;
  char          *office;
  char          *kind;
  char          *from;
  char          *to;
  char          *record_id;
  char          *comment;
  char          *user;
} ReviewData;

static void
review_data_free (ReviewData *data)
{
  g_free (data->state);
  g_free (data->office);
  g_free (data->kind);
  g_free (data->from);
  g_free (data->to);
  g_free (data->record_id);
  g_free (data->comment);
  g_free (data->user);
  g_free (data);
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReviewData *data = task_data;
  GError *error = NULL;
  GPtrArray *items = ht_store_review_list (source_object, &data->filter, cancellable, &error);

  if (items != NULL)
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
ht_store_review_list_async (HtStore               *self,
                            const HtReviewFilter  *filter,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ReviewData *data;

  g_return_if_fail (HT_IS_STORE (self));

  data = g_new0 (ReviewData, 1);
  if (filter != NULL)
    data->filter = *filter;
  data->filter.state = data->state = g_strdup (data->filter.state);
  data->filter.office = data->office = g_strdup (data->filter.office);
  data->filter.kind = data->kind = g_strdup (data->filter.kind);
  data->filter.from = data->from = g_strdup (data->filter.from);
  data->filter.to = data->to = g_strdup (data->filter.to);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_store_review_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify) review_data_free);
  g_task_run_in_thread (task, list_worker);
}

GPtrArray *
ht_store_review_list_finish (HtStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_store_review_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decide_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReviewData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (ht_store_review_decide (source_object, data->record_id, data->state, data->comment, data->user, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ht_store_review_decide_async (HtStore               *self,
                              const char            *record_id,
                              const char            *state,
                              const char            *comment,
                              const char            *user,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ReviewData *data;

  g_return_if_fail (HT_IS_STORE (self));
  g_return_if_fail (user != NULL && user[0] != '\0');

  data = g_new0 (ReviewData, 1);
  data->record_id = g_strdup (record_id);
  data->state = g_strdup (state);
  data->comment = g_strdup (comment);
  data->user = g_strdup (user);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_store_review_decide_async);
  g_task_set_task_data (task, data, (GDestroyNotify) review_data_free);
  g_task_run_in_thread (task, decide_worker);
}

gboolean
ht_store_review_decide_finish (HtStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_store_review_decide_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
