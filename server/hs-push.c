/* hs-push.c — POST /api/v1/push: the request's shape, scope and answer.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request with a wrong shape is refused whole (400), before anything is
 * looked up, so a malformed batch stores nothing.  So is a request from a
 * device that may not write records at all, or whose every change is for
 * another office (403).  Otherwise each change gets its own result and a
 * bad change never stops the others (hs-apply.c).
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <microhttpd.h>
#include <string.h>

#include "ht-record.h"
#include "ht-record-take.h"
#include "hs-keys.h"
#include "hs-parallel.h"
#include "hs-push-private.h"
#include "hs-scope.h"
#include "hs-server.h"

static const char *const status_names[] = {
  [HS_CHANGE_PENDING] = "pending",
  [HS_CHANGE_APPLIED] = "applied",
  [HS_CHANGE_DUPLICATE] = "duplicate",
  [HS_CHANGE_REJECTED] = "rejected",
  [HS_CHANGE_CONFLICT] = "conflict",
};

static void
change_clear (HsChange *c)
{
  g_clear_pointer (&c->canonical, cJSON_Delete);
  g_clear_pointer (&c->text, g_free);
  g_clear_pointer (&c->parse_issues, g_ptr_array_unref);
  g_clear_pointer (&c->hash, g_free);
  g_clear_pointer (&c->keys, g_ptr_array_unref);
  g_clear_pointer (&c->message, g_free);
  g_clear_pointer (&c->issues, cJSON_Delete);
  g_clear_pointer (&c->review_comment, g_free);
  g_clear_pointer (&c->decision, cJSON_Delete);
  c->work = NULL;
}

static gboolean
whole (const cJSON *value,
       double       min)
{
  return cJSON_IsNumber (value) && value->valuedouble >= min && value->valuedouble < 9007199254740992.0 &&
         value->valuedouble == (double) (gint64) value->valuedouble;
}

/* A decision's shape: a known state and a comment that is text or null. */
static gboolean
review_shape (const cJSON *review)
{
  const cJSON *state = cJSON_GetObjectItemCaseSensitive (review, "state");
  const cJSON *comment = cJSON_GetObjectItemCaseSensitive (review, "comment");

  return cJSON_IsObject (review) && cJSON_IsString (state) &&
         (g_str_equal (state->valuestring, "approved") || g_str_equal (state->valuestring, "returned") ||
          g_str_equal (state->valuestring, "rejected")) &&
         (comment == NULL || cJSON_IsNull (comment) || cJSON_IsString (comment));
}

/* Fills "c" from changes[i]; FALSE (with the answer set) on a wrong shape. */
static gboolean
read_change (HsRequest   *req,
             guint        i,
             const cJSON *item,
             HsChange    *c)
{
  const cJSON *change_id = cJSON_GetObjectItemCaseSensitive (item, "change_id");
  const cJSON *record_id = cJSON_GetObjectItemCaseSensitive (item, "record_id");
  const cJSON *base = cJSON_GetObjectItemCaseSensitive (item, "base_version");
  const cJSON *op = cJSON_GetObjectItemCaseSensitive (item, "op");
  const cJSON *record = cJSON_GetObjectItemCaseSensitive (item, "record");
  const cJSON *review = cJSON_GetObjectItemCaseSensitive (item, "review");
  const char *what = NULL;

  if (!cJSON_IsObject (item))
    what = _("must be an object");
  else if (!cJSON_IsString (change_id) || !hs_is_uuid (change_id->valuestring))
    what = _("needs “change_id”, a UUID in lower case");
  else if (!cJSON_IsString (record_id) || !hs_is_uuid (record_id->valuestring))
    what = _("needs “record_id”, a UUID in lower case");
  else if (!whole (base, 0))
    what = _("needs “base_version”, a whole number from 0");
  else if (!cJSON_IsString (op) || (strcmp (op->valuestring, "record") != 0 && strcmp (op->valuestring, "review") != 0))
    what = _("needs “op”, “record” or “review”");
  else if (strcmp (op->valuestring, "record") == 0 && !cJSON_IsObject (record))
    what = _("needs “record”, the whole record as an object");
  else if (strcmp (op->valuestring, "review") == 0 && !review_shape (review))
    what = _("needs “review”, {\"state\": \"approved\", \"returned\" or \"rejected\", \"comment\": text or null}");
  if (what != NULL)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", "changes[%u] %s", i, what);
      return FALSE;
    }

  c->change_id = change_id->valuestring;
  c->record_id = record_id->valuestring;
  c->base_version = (gint64) base->valuedouble;
  c->op = op->valuestring;
  c->raw_record = strcmp (c->op, "record") == 0 ? (cJSON *) record : NULL;
  c->raw_review = strcmp (c->op, "review") == 0 ? review : NULL;
  return TRUE;
}

static const char *
raw_office (const HsChange *c)
{
  const cJSON *office = cJSON_GetObjectItemCaseSensitive (c->raw_record, "office");

  return cJSON_IsString (office) ? office->valuestring : NULL;
}

/* The members the server owns and writes itself (DESIGN.md "field
 * ownership"): whatever a client sends in them is replaced (hs-apply.c). */
const char *const hs_push_server_members[] = { "pin", "review", "content_version", "updated_at", NULL };

/* Deletes the members the server owns from a canonical record, each as
 * cJSON_DeleteItemFromObjectCaseSensitive() would (the first so named; none
 * past a member without a name), in one walk over the record rather than
 * one per member: a pushed record has none of them, so each walk went
 * through all its members. */
static void
delete_server_members (cJSON *record)
{
  guint deleted = 0;
  cJSON *m = record->child;

  while (m != NULL && m->string != NULL)
    {
      cJSON *next = m->next;

      for (guint i = 0; hs_push_server_members[i] != NULL; i++)
        if ((deleted & (1u << i)) == 0 && m->string[0] == hs_push_server_members[i][0] &&
            strcmp (m->string, hs_push_server_members[i]) == 0)
          {
            deleted |= 1u << i;
            cJSON_Delete (cJSON_DetachItemViaPointer (record, m));
            break;
          }
      m = next;
    }
}

/* Canonicalises the record and hashes the change: what makes a replay a
 * duplicate is the same record id, base version, op and canonical content,
 * however the client spelled the JSON.  The content is the record less the
 * members the server owns: they are replaced anyway, and leaving them out
 * lets the text printed for the hash be the stored document too, once the
 * server's members are appended (hs-write.c), rather than printing every
 * record twice.
 *
 * When the body is valid UTF-8 as a whole, the record's values are moved
 * out of the request's tree into the canonical one rather than copied
 * (ht_record_canonicalize_take()): copying them, and deleting both trees,
 * was a good part of the server's own work on a push.  The record pushed
 * is then gone, so a record that is not valid has its content hashed as
 * the marker "invalid" instead of its text: that hash is only ever
 * compared with those of applied changes, which are of canonical texts
 * (always an object), so either way it equals none of them.  A body that
 * is not valid UTF-8 goes the copying way, which tells which field holds
 * the bad text. */
static void
prepare_change (const HsPush *push,
                HsChange     *c)
{
  g_autofree char *raw_text = NULL;
  const char *text = NULL;
  gboolean taken = FALSE;

  c->pre = HS_PRE_OK;
  if (strcmp (c->op, "review") == 0)
    {
      hs_review_prepare (push->device, c);
      return;
    }
  if (g_strcmp0 (raw_office (c), push->device->office) != 0 && raw_office (c) != NULL)
    c->pre = HS_PRE_OUT_OF_SCOPE;
  else
    {
      c->parse_issues = ht_issues_new ();
      taken = push->body_utf8;
      c->canonical = taken ? ht_record_canonicalize_take (c->raw_record, c->parse_issues)
                           : ht_record_canonicalize (c->raw_record, c->parse_issues);
      if (c->canonical == NULL || ht_issues_n_errors (c->parse_issues) > 0)
        {
          g_clear_pointer (&c->canonical, cJSON_Delete);
          c->pre = HS_PRE_INVALID;
        }
      else
        {
          delete_server_members (c->canonical);
          c->province = hs_office_province (ht_record_office (c->canonical));
          /* Byte for byte what cJSON_PrintUnformatted() prints, which the
           * hashes of changes stored before were taken of. */
          c->text = ht_record_print (c->canonical);
          c->keys = hs_record_keys_text (c->text);
          text = c->text;
        }
    }

  if (text == NULL && c->raw_record != NULL)
    text = taken ? "invalid" : (raw_text = cJSON_PrintUnformatted (c->raw_record));
  c->hash = hs_auth_change_hash (c->record_id, c->base_version, c->op, text != NULL ? text : "null");
}

/* Changes prepared per task when a batch is spread over the cores: enough
 * that handing a chunk to another thread costs little beside it. */
#define PREPARE_CHUNK 64

static void
prepare_changes (guint    begin,
                 guint    end,
                 gpointer user_data)
{
  HsPush *push = user_data;

  for (guint i = begin; i < end; i++)
    prepare_change (push, &push->changes[i]);
}

cJSON *
hs_push_result_json (const HsChange *c)
{
  cJSON *json = cJSON_CreateObject ();

  cJSON_AddStringToObject (json, "change_id", c->change_id);
  cJSON_AddStringToObject (json, "status", status_names[c->status]);
  if (c->code != NULL)
    cJSON_AddStringToObject (json, "code", c->code);
  else
    cJSON_AddNullToObject (json, "code");
  if (c->message != NULL)
    cJSON_AddStringToObject (json, "message", c->message);
  else
    cJSON_AddNullToObject (json, "message");
  if (c->server_version >= 0)
    cJSON_AddNumberToObject (json, "server_version", (double) c->server_version);
  else
    cJSON_AddNullToObject (json, "server_version");
  if (c->issues != NULL)
    cJSON_AddItemToObject (json, "issues", cJSON_Duplicate (c->issues, TRUE));
  return json;
}

/* Fault injection for the tests of tests/server/: with
 * HOTICH_TEST_ANSWER_DELAY_MS set, a push waits that long between its
 * commit and its answer, so that a test can kill the server in the one
 * window where a batch is stored but not acknowledged. */
static guint
answer_delay_ms (void)
{
  static gsize value = 0;

  if (g_once_init_enter (&value))
    {
      const char *text = g_getenv ("HOTICH_TEST_ANSWER_DELAY_MS");
      guint64 ms = 0;

      if (text == NULL || !hs_parse_uint (text, 60000, &ms))
        ms = 0;
      g_once_init_leave (&value, ms + 1);
    }
  return (guint) (value - 1);
}

void
hs_handle_push (HsRequest *req)
{
  g_autoptr(cJSON) body = hs_request_parse_body (req);
  g_autoptr(GError) error = NULL;
  const cJSON *changes, *batch_id, *item;
  HsPush push = { 0 };
  guint n, out_of_scope = 0, records = 0, i = 0;
  cJSON *answer, *results;

  if (body == NULL)
    return;
  changes = cJSON_GetObjectItemCaseSensitive (body, "changes");
  batch_id = cJSON_GetObjectItemCaseSensitive (body, "batch_id");
  if (!cJSON_IsArray (changes) || (batch_id != NULL && !cJSON_IsString (batch_id)))
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request",
                        _("The body must be {\"batch_id\": string, \"changes\": [...]}"));
      return;
    }
  n = cJSON_GetArraySize (changes);
  if (n > HS_MAX_CHANGES)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "too_many_changes",
                        _("A batch holds at most %d changes; this one has %u"), HS_MAX_CHANGES, n);
      return;
    }

  push.db = req->db;
  push.device = req->device;
  push.config = req->config;
  push.pin = hs_server_get_pin_connector (req->server);
  push.changes = g_new0 (HsChange, MAX (n, 1));
  push.n_changes = n;
  /* Whether records may be canonicalised by moving their values
   * (prepare_change()): cJSON makes only valid UTF-8 of a valid text. */
  push.body_utf8 = g_utf8_validate_len (req->body, req->body_len, NULL);

  cJSON_ArrayForEach (item, changes)
    {
      if (!read_change (req, i, item, &push.changes[i]))
        goto out;
      if (strcmp (push.changes[i].op, "record") == 0)
        {
          records++;
          if (req->device->role == HS_ROLE_CLERK && g_strcmp0 (raw_office (&push.changes[i]), req->device->office) != 0)
            out_of_scope++;
        }
      i++;
    }

  /* Scope, for the whole request: records are written by commune offices
   * only, and a batch entirely for another office is not a mistake in one
   * record but a device writing where it must not. */
  if (records > 0 && req->device->role != HS_ROLE_CLERK)
    {
      hs_request_error (req, MHD_HTTP_FORBIDDEN, "forbidden",
                        _("Only a commune office's device writes records"));
      goto out;
    }
  if (n > 0 && out_of_scope == n)
    {
      hs_request_error (req, MHD_HTTP_FORBIDDEN, "forbidden",
                        _("This device writes records of office %s only"), req->device->office);
      goto out;
    }

  /* Independent from change to change, and most of the server's own work
   * on a large batch: spread over the cores (hs-parallel.c). */
  hs_parallel_for (n, PREPARE_CHUNK, prepare_changes, &push);

  /* A reviewer decides inside its scope only: a request whose every
   * decision is about records outside it is refused whole, like a clerk's
   * batch for another office. */
  if (req->device->role == HS_ROLE_REVIEWER && n > 0)
    {
      guint outside = 0;

      if (!hs_review_check_scope (&push, &outside, &error))
        {
          hs_request_fail (req, error);
          goto out;
        }
      if (outside == n)
        {
          hs_request_error (req, MHD_HTTP_FORBIDDEN, "forbidden",
                            _("Every record of this request is outside this device's scope %s"),
                            req->device->scope);
          goto out;
        }
    }

  if (!hs_push_apply (&push, &error))
    {
      hs_request_fail (req, error);
      goto out;
    }
  if (answer_delay_ms () > 0)
    g_usleep ((gulong) answer_delay_ms () * 1000);

  answer = cJSON_CreateObject ();
  results = cJSON_AddArrayToObject (answer, "results");
  for (i = 0; i < n; i++)
    cJSON_AddItemToArray (results, hs_push_result_json (&push.changes[i]));
  hs_request_json (req, MHD_HTTP_OK, answer);

out:
  for (i = 0; i < n; i++)
    change_clear (&push.changes[i]);
  g_free (push.changes);
  if (push.blocks != NULL)
    g_array_unref (push.blocks);
  g_free (push.now);
  g_clear_pointer (&push.scope, hs_scope_free);
}
