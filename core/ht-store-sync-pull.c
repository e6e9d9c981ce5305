/* ht-store-sync-pull.c — applying what a pull brought: personal ID numbers, decisions, records, number blocks.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the server decides is written like any other version of a record —
 * history, search index, audit chain — through the store's own write path,
 * but without an outbox entry: the server already has it.  One page of a
 * pull and the cursor after it are one transaction, so a page is applied
 * once, entirely, or not at all; a page replayed after a crash finds its
 * changes applied (nothing is written twice).
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-sync-private.h"

void
ht_pull_change_free (HtPullChange *change)
{
  if (change == NULL)
    return;
  g_free (change->record_id);
  cJSON_Delete (change->record);
  g_free (change->pin);
  cJSON_Delete (change->review);
  g_strfreev (change->duplicates);
  ht_number_block_clear (&change->block);
  g_free (change);
}

typedef struct
{
  HtStore      *self;
  const char   *now;
  HtAuditChain  chain;
  HtIndexBuf   *buf;
  GString      *scratch;
  HtPullCounts *counts;
} Apply;

/* The rid and version of a record; *rid is 0 when the register lacks it. */
static gboolean
find_record (HtStore     *self,
             const char  *id,
             gint64      *rid,
             gint64      *version,
             GError     **error)
{
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (self, "SELECT rid, content_version FROM records WHERE id = ?1", error);
  int rc;

  *rid = *version = 0;
  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rid = sqlite3_column_int64 (stmt, 0);
      *version = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _ht_store_db_error (self->db, rc, _("reading a record"), error);
  return FALSE;
}

/* Writes "canon" (content_version set) as a version of the record by
 * "sync": record row, history, search index and audit entry. */
static gboolean
write_version_as (Apply        *a,
                  gint64        rid,
                  const cJSON  *canon,
                  gboolean      is_new,
                  const char   *reason,
                  const char   *action,
                  GError      **error)
{
  g_autoptr(HtIssues) none = ht_issues_new ();
  HtSaveOp op = {
    .user = HT_SYNC_USER,
    .reason = reason,
    .now = a->now,
    .flags = HT_SAVE_DEFAULT,
    /* Audited as "import": a record that comes from elsewhere. */
    .importing = is_new,
    .is_new = is_new,
    /* No outbox entry: what the server sent, it has. */
    .draft = TRUE,
    .rid = rid,
    .base_version = is_new ? 0 : ht_record_content_version (canon) - 1,
    .action = action,
  };

  return _ht_store_write_record (a->self, &op, canon, none, a->buf, &a->chain, a->scratch, error);
}

static gboolean
write_version (Apply        *a,
               gint64        rid,
               const cJSON  *canon,
               gboolean      is_new,
               const char   *reason,
               GError      **error)
{
  return write_version_as (a, rid, canon, is_new, reason, NULL, error);
}

static void
put_member (cJSON      *record,
            const char *key,
            cJSON      *value)
{
  if (cJSON_GetObjectItemCaseSensitive (record, key) != NULL)
    cJSON_ReplaceItemInObjectCaseSensitive (record, key, value);
  else
    cJSON_AddItemToObject (record, key, value);
}

/* Puts a member the server owns ("pin", "review") on the current version of
 * a record, as a new version; nothing when it holds that value already. */
static gboolean
apply_owned (Apply        *a,
             const char   *record_id,
             const char   *member,
             const cJSON  *value,
             const char   *reason,
             const char   *action,
             guint        *count,
             GError      **error)
{
  g_autoptr(cJSON) current = NULL;
  g_autoptr(cJSON) canon = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  gint64 rid, version;

  if (!find_record (a->self, record_id, &rid, &version, error))
    return FALSE;
  /* The office's other PCs' records: their PINs and decisions reach every
   * PC of the office, and only the one that holds the record uses them. */
  if (rid == 0)
    {
      a->counts->skipped++;
      return TRUE;
    }
  current = _ht_store_get_unlocked (a->self, record_id, error);
  if (current == NULL)
    return FALSE;
  if (cJSON_Compare (cJSON_GetObjectItemCaseSensitive (current, member), value, TRUE))
    {
      a->counts->skipped++;
      return TRUE;
    }

  put_member (current, member, cJSON_Duplicate (value, TRUE));
  put_member (current, "content_version", cJSON_CreateNumber ((double) (version + 1)));
  put_member (current, "updated_at", cJSON_CreateString (a->now));
  /* Canonicalising checks the server's value like any input. */
  canon = ht_record_canonicalize (current, issues);
  if (canon == NULL)
    {
      const HtIssue *first = issues->len > 0 ? issues->pdata[0] : NULL;

      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("The server sent a value for record %s that cannot be stored (%s: %s)"), record_id,
                   first != NULL ? first->field : member, first != NULL ? first->message : "?");
      return FALSE;
    }
  if (!write_version_as (a, rid, canon, FALSE, reason, action, error))
    return FALSE;
  (*count)++;
  return TRUE;
}

/* TRUE when "pin" is the value of one of the record's own fields that are
 * personal ID numbers (a parent's, the deceased's): its lookup key then
 * stays whatever the record's top-level "pin" becomes. */
typedef struct
{
  const char *pin;
  gboolean    found;
} PinSearch;

static void
pin_field_cb (const HtField *field,
              const char    *path,
              const cJSON   *value,
              gpointer       user_data)
{
  PinSearch *search = user_data;

  if (strcmp (path, "pin") != 0 && cJSON_IsString (value) && strcmp (value->valuestring, search->pin) == 0)
    search->found = TRUE;
}

static gboolean
pin_elsewhere (const cJSON *record,
               const char  *pin)
{
  PinSearch search = { pin, FALSE };

  ht_record_foreach_flagged (record, HT_F_PIN, pin_field_cb, &search);
  return search.found;
}

/* Writes the new version "json" of the record "rid" that a personal ID
 * number made: the record row, a history version, the "pin" lookup key
 * (in place of "old_key", if any) and an audit entry over the new text. */
static gboolean
write_pin (Apply               *a,
           const HtPullChange  *change,
           gint64               rid,
           gint64               version,
           const char          *old_key,
           const char          *json,
           gsize                json_len,
           GError             **error)
{
  HtStore *self = a->self;
  const char *reason = _("personal ID number issued by the server");
  g_autoptr(HtCachedStmt) remove = NULL;
  g_autoptr(HtCachedStmt) row = NULL;
  g_autoptr(HtCachedStmt) history = NULL;
  g_autoptr(HtCachedStmt) key = NULL;

  row = _ht_store_stmt (self, "UPDATE records SET content_version = ?2, updated_at = ?3 WHERE rid = ?1", error);
  if (row == NULL)
    return FALSE;
  sqlite3_bind_int64 (row, 1, rid);
  sqlite3_bind_int64 (row, 2, version + 1);
  _ht_store_bind_text (row, 3, a->now);
  if (!_ht_store_step_done (self, row, _("writing the record"), error))
    return FALSE;

  history = _ht_store_stmt (self,
                            "INSERT INTO history (hid, rid, version, at, by, reason, json)"
                            " VALUES (" HT_HID ("?1", "?2") ", ?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (history == NULL)
    return FALSE;
  sqlite3_bind_int64 (history, 1, rid);
  sqlite3_bind_int64 (history, 2, version + 1);
  _ht_store_bind_text (history, 3, a->now);
  _ht_store_bind_text (history, 4, HT_SYNC_USER);
  _ht_store_bind_text (history, 5, reason);
  sqlite3_bind_text (history, 6, json, (int) json_len, SQLITE_STATIC);
  if (!_ht_store_step_done (self, history, _("writing the history"), error))
    return FALSE;

  if (old_key != NULL)
    {
      remove = _ht_store_stmt (self, "DELETE FROM record_keys WHERE type = 'pin' AND value = ?1 AND rid = ?2", error);
      if (remove == NULL)
        return FALSE;
      _ht_store_bind_text (remove, 1, old_key);
      sqlite3_bind_int64 (remove, 2, rid);
      if (!_ht_store_step_done (self, remove, _("writing the lookup keys"), error))
        return FALSE;
    }
  /* The key is there already when a parent's field holds the same number. */
  key = _ht_store_stmt (self, "INSERT OR IGNORE INTO record_keys (type, value, rid) VALUES ('pin', ?1, ?2)", error);
  if (key == NULL)
    return FALSE;
  _ht_store_bind_text (key, 1, change->pin);
  sqlite3_bind_int64 (key, 2, rid);
  if (!_ht_store_step_done (self, key, _("writing the lookup keys"), error))
    return FALSE;

  if (!_ht_audit_append (self, &a->chain, a->now, HT_SYNC_USER, "edit", change->record_id, version + 1, reason,
                         json, json_len, error))
    return FALSE;
  a->counts->pins++;
  return TRUE;
}

/* ---- A first personal ID number, written into the stored text ---- */

/* The end of the JSON string starting at "p" (its opening quote), or NULL. */
static const char *
skip_string (const char *p,
             const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return NULL;
}

/* The end of the JSON value starting at "p", or NULL. */
static const char *
skip_value (const char *p,
            const char *end)
{
  int depth = 0;

  if (p >= end)
    return NULL;
  if (*p == '"')
    return skip_string (p, end);
  if (*p != '{' && *p != '[')
    {
      while (p < end && *p != ',' && *p != '}' && *p != ']')
        p++;
      return p;
    }
  while (p < end)
    {
      if (*p == '"')
        {
          p = skip_string (p, end);
          if (p == NULL)
            return NULL;
          continue;
        }
      if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
      p++;
    }
  return NULL;
}

typedef struct
{
  const char *name;
  const char *start;  /* of the member's value in the text */
  const char *end;
} Member;

/* Finds the values of the top-level members "members" (each at most once)
 * in a record's canonical text, which has no white space; FALSE when the
 * text is not an object of that shape or a member is missing. */
static gboolean
find_members (const char *json,
              gsize       len,
              Member     *members,
              guint       n)
{
  const char *end = json + len;
  const char *p = json;
  guint found = 0;

  if (len < 2 || *p++ != '{')
    return FALSE;
  while (p < end && *p != '}')
    {
      const char *key = p + 1;
      const char *colon = *p == '"' ? skip_string (p, end) : NULL;
      const char *value_end;

      if (colon == NULL || colon >= end || *colon != ':')
        return FALSE;
      value_end = skip_value (colon + 1, end);
      if (value_end == NULL || value_end >= end)
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (members[i].start == NULL && strlen (members[i].name) == (gsize) (colon - 1 - key)
            && memcmp (members[i].name, key, colon - 1 - key) == 0)
          {
            members[i].start = colon + 1;
            members[i].end = value_end;
            found++;
          }
      p = value_end;
      if (*p == ',')
        p++;
    }
  return found == n;
}

/* The canonical text of the record "json" (its current version "version")
 * with a first personal ID number "pin", version + 1 and "now", written
 * into "out"; FALSE (nothing written) when the text is not of the usual
 * shape or the record has a number already, which the general path
 * handles.  The canonical printer (ht-record-text.c) writes these members
 * as plain JSON strings and a whole number, and none of the three values
 * needs escaping: a PIN is 12 digits, "now" an RFC 3339 time.  So only
 * their values change and every other byte stays as stored — which is what
 * parsing the text, setting the three members and printing it again gave,
 * at a fifth of the cost (test-sync-unit's pin_versions compares the two). */
static gboolean
splice_first_pin (const char  *json,
                  gsize        len,
                  gint64       version,
                  const char  *pin,
                  const char  *now,
                  GString     *out)
{
  Member members[] = { { "pin", NULL, NULL }, { "content_version", NULL, NULL }, { "updated_at", NULL, NULL } };
  const Member *order[G_N_ELEMENTS (members)];
  g_autofree char *version_text = NULL;
  const char *from = json;

  if (!find_members (json, len, members, G_N_ELEMENTS (members)))
    return FALSE;
  version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  if (members[0].end - members[0].start != 4 || memcmp (members[0].start, "null", 4) != 0
      || (gsize) (members[1].end - members[1].start) != strlen (version_text)
      || memcmp (members[1].start, version_text, strlen (version_text)) != 0
      || *members[2].start != '"')
    return FALSE;

  /* The three in the order of the text. */
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    order[i] = &members[i];
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    for (guint j = i; j > 0 && order[j - 1]->start > order[j]->start; j--)
      {
        const Member *t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }

  g_string_truncate (out, 0);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_string_append_len (out, from, order[i]->start - from);
      if (order[i] == &members[0])
        g_string_append_printf (out, "\"%s\"", pin);
      else if (order[i] == &members[1])
        g_string_append_printf (out, "%" G_GINT64_FORMAT, version + 1);
      else
        g_string_append_printf (out, "\"%s\"", now);
      from = order[i]->end;
    }
  g_string_append_len (out, from, json + len - from);
  return TRUE;
}

/* A personal ID number from the server, as a new version of the record.
 *
 * The general path (apply_owned) re-reads, re-canonicalises, re-validates
 * and re-indexes the whole record, which cost about 200 us per number in
 * bench-sync, most of a run that brings back the numbers of 50,000
 * births.  A number changes only three members of the stored canonical
 * text (pin, content_version, updated_at) and one lookup key, so this
 * writes exactly what the general path would — the record row, a history
 * version, the "pin" key and an audit entry over the new text — from the
 * current version read once.  Anything unusual (a member missing from the
 * stored text) goes the general way. */
static gboolean
apply_pin (Apply               *a,
           const HtPullChange  *change,
           GError             **error)
{
  HtStore *self = a->self;
  g_autoptr(HtCachedStmt) read = NULL;
  g_autoptr(cJSON) current = NULL;
  const char *reason = _("personal ID number issued by the server");
  cJSON *pin_item, *version_item, *updated_item;
  const char *old_pin, *json;
  gint64 rid, version;
  int rc;

  /* Canonicalising would refuse anything but 12 digits (ht_envelope_fields). */
  if (change->pin == NULL || strlen (change->pin) != 12 || strspn (change->pin, "0123456789") != 12)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("The server sent a value for record %s that cannot be stored (%s: %s)"), change->record_id,
                   "pin", _("a personal ID number has 12 digits"));
      return FALSE;
    }

  read = _ht_store_stmt (self,
                         "SELECT r.rid, r.content_version, h.json FROM records r"
                         " JOIN history h ON h.hid = " HT_HID ("r.rid", "r.content_version") " WHERE r.id = ?1",
                         error);
  if (read == NULL)
    return FALSE;
  _ht_store_bind_text (read, 1, change->record_id);
  rc = sqlite3_step (read);
  if (rc == SQLITE_DONE)
    {
      /* Another PC's record of the office (see apply_owned). */
      a->counts->skipped++;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      _ht_store_db_error (self->db, rc, _("reading a record"), error);
      return FALSE;
    }
  rid = sqlite3_column_int64 (read, 0);
  version = sqlite3_column_int64 (read, 1);
  /* Nearly always the record's first number: its text is written
   * directly, without parsing it. */
  if (splice_first_pin ((const char *) sqlite3_column_text (read, 2), (gsize) sqlite3_column_bytes (read, 2),
                        version, change->pin, a->now, a->scratch))
    {
      g_clear_pointer (&read, _ht_cached_stmt_release);
      return write_pin (a, change, rid, version, NULL, a->scratch->str, a->scratch->len, error);
    }
  current = cJSON_ParseWithLengthOpts ((const char *) sqlite3_column_text (read, 2),
                                       (gsize) sqlite3_column_bytes (read, 2), NULL, FALSE);
  g_clear_pointer (&read, _ht_cached_stmt_release);

  pin_item = cJSON_GetObjectItemCaseSensitive (current, "pin");
  version_item = cJSON_GetObjectItemCaseSensitive (current, "content_version");
  updated_item = cJSON_GetObjectItemCaseSensitive (current, "updated_at");
  if (pin_item == NULL || !cJSON_IsNumber (version_item) || version_item->valuedouble != (double) version
      || !cJSON_IsString (updated_item) || (!cJSON_IsNull (pin_item) && !cJSON_IsString (pin_item)))
    {
      g_autoptr(cJSON) pin = cJSON_CreateString (change->pin);

      return apply_owned (a, change->record_id, "pin", pin, reason, NULL, &a->counts->pins, error);
    }
  old_pin = cJSON_IsString (pin_item) ? pin_item->valuestring : NULL;
  if (g_strcmp0 (old_pin, change->pin) == 0)
    {
      a->counts->skipped++;
      return TRUE;
    }

  /* The stored text is canonical; the same members with new values print
   * as the canonical text of the new version. */
  {
    g_autofree char *old_key = old_pin != NULL && *old_pin != '\0' && !pin_elsewhere (current, old_pin)
                               ? g_strdup (old_pin) : NULL;

    cJSON_ReplaceItemInObjectCaseSensitive (current, "pin", cJSON_CreateString (change->pin));
    cJSON_SetNumberValue (version_item, (double) (version + 1));
    cJSON_ReplaceItemInObjectCaseSensitive (current, "updated_at", cJSON_CreateString (a->now));
    json = ht_record_print_into (current, a->scratch);
    if (json == NULL)
      {
        g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The record is too large to store"));
        return FALSE;
      }
    return write_pin (a, change, rid, version, old_key, json, a->scratch->len, error);
  }
}

static gboolean
apply_review (Apply               *a,
              const HtPullChange  *change,
              GError             **error)
{
  const cJSON *review = change->review;
  const char *state = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "state"));
  const char *by = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "by"));
  const char *comment = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (review, "comment"));
  g_autofree char *reason = NULL;

  /* The audit entry (and the history's reason) says who decided what and
   * why: the clerk's side of issue 6's "every decision is audited". */
  if (comment != NULL && *comment != '\0')
    reason = g_strdup_printf (_("review decision from the server: %s by %s — %s"), state != NULL ? state : "?",
                              by != NULL ? by : "?", comment);
  else
    reason = g_strdup_printf (_("review decision from the server: %s by %s"), state != NULL ? state : "?",
                              by != NULL ? by : "?");
  return apply_owned (a, change->record_id, "review", review, reason, "review", &a->counts->reviews, error);
}

/* Replaces the potential-duplicate flag of a record of a reviewer's scope
 * with the one the server sent with it (none removes it). */
static gboolean
store_flags (Apply               *a,
             const HtPullChange  *change,
             GError             **error)
{
  gboolean flagged = change->duplicates != NULL && change->duplicates[0] != NULL;
  g_autoptr(HtCachedStmt) stmt =
    _ht_store_stmt (a->self,
                    flagged ? "INSERT OR REPLACE INTO review_flags (record_id, duplicates) VALUES (?1, ?2)"
                            : "DELETE FROM review_flags WHERE record_id = ?1",
                    error);

  if (stmt == NULL)
    return FALSE;
  _ht_store_bind_text (stmt, 1, change->record_id);
  if (flagged)
    {
      g_autoptr(cJSON) list = cJSON_CreateStringArray ((const char *const *) change->duplicates,
                                                       (int) g_strv_length (change->duplicates));
      g_autofree char *text = cJSON_PrintUnformatted (list);

      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
    }
  return _ht_store_step_done (a->self, stmt, _("writing the duplicate flag"), error);
}

/* A record of a reviewer's scope, stored as the server has it: its local
 * version follows the server's, unless an earlier version here is already
 * numbered higher (a decision applied meanwhile). */
static gboolean
apply_record (Apply               *a,
              const HtPullChange  *change,
              GError             **error)
{
  g_autoptr(cJSON) canon = cJSON_Duplicate (change->record, TRUE);
  gint64 server_version = ht_record_content_version (change->record);
  gint64 rid, version;

  if (!find_record (a->self, change->record_id, &rid, &version, error))
    return FALSE;

  if (rid == 0)
    {
      if (!write_version (a, 0, canon, TRUE, NULL, error))
        return FALSE;
      a->counts->records++;
    }
  else
    {
      g_autoptr(cJSON) current = _ht_store_get_unlocked (a->self, change->record_id, error);

      if (current == NULL)
        return FALSE;
      put_member (canon, "content_version", cJSON_CreateNumber ((double) version));
      if (cJSON_Compare (canon, current, TRUE))
        a->counts->skipped++;
      else
        {
          put_member (canon, "content_version", cJSON_CreateNumber ((double) MAX (version + 1, server_version)));
          if (!write_version (a, rid, canon, FALSE, _("new version from the server"), error))
            return FALSE;
          a->counts->records++;
        }
    }
  return _ht_sync_set_server_version (a->self, change->record_id, server_version, error)
    && store_flags (a, change, error);
}

gboolean
ht_store_sync_apply_pull (HtStore       *self,
                          GPtrArray     *changes,
                          gint64         cursor,
                          HtPullCounts  *counts,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = ht_timestamp_now ();
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  g_autoptr(HtIndexBuf) buf = _ht_index_buf_new ();
  g_autoptr(GString) scratch = g_string_sized_new (4096);
  HtPullCounts local_counts = { 0 };
  Apply a = { self, now, { 0 }, buf, scratch, counts != NULL ? counts : &local_counts };

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  /* Blocks first, each in its own transaction: adding a block again
   * changes nothing, so a page replayed after a crash between here and the
   * cursor's commit is harmless. */
  for (guint i = 0; i < changes->len; i++)
    {
      const HtPullChange *change = changes->pdata[i];

      if (change->op != HT_PULL_NUMBER_BLOCK)
        continue;
      if (!ht_store_add_number_block (self, change->block.kind, change->block.book_year, change->block.first,
                                      change->block.last, error))
        return FALSE;
      a.counts->blocks++;
    }

  g_rec_mutex_lock (&self->lock);
  if (_ht_store_begin (self, &local_error) && _ht_audit_chain_load (self, &a.chain, &local_error))
    {
      for (guint i = 0; i < changes->len && local_error == NULL; i++)
        {
          const HtPullChange *change = changes->pdata[i];

          switch (change->op)
            {
            case HT_PULL_PIN:
              apply_pin (&a, change, &local_error);
              break;
            case HT_PULL_REVIEW:
              apply_review (&a, change, &local_error);
              break;
            case HT_PULL_RECORD:
              apply_record (&a, change, &local_error);
              break;
            case HT_PULL_NUMBER_BLOCK:
            default:
              break;
            }
        }
      if (local_error == NULL
          && _ht_sync_key_put (self, HT_SYNC_KEY_CURSOR, cursor_text, &local_error)
          && _ht_audit_chain_store (self, &a.chain, &local_error))
        _ht_store_commit_bulk (self, &local_error);
    }
  if (local_error != NULL)
    _ht_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
