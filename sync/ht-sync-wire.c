/* ht-sync-wire.c — the JSON of sync protocol v1: reading the server's answers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server is trusted to say what it decided, not to be well-formed: a
 * proxy, a wrong URL or a bug can hand us anything.  So every member is
 * checked for its type and range before it is used, and an answer that does
 * not fit is refused whole with the member named.  cJSON is used through
 * cJSON_ParseWithLengthOpts(), which keeps its error position to itself
 * (cJSON_GetErrorPtr() is process-global, and this runs in worker threads).
 */
#define G_LOG_DOMAIN "ht-sync"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-kinds.h"
#include "ht-record.h"
#include "ht-sync-wire.h"

/* Tokens go into an HTTP header: only these characters, and not too many. */
#define TOKEN_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/="
#define TOKEN_MAX 512

static void
refuse (GError     **error,
        const char  *answer,
        const char  *member,
        const char  *problem)
{
  g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_PROTOCOL,
               _("The server's answer to %s cannot be used (%s: %s); is this a hotich server of the same version?"),
               answer, member, problem);
}

static cJSON *
parse (const char  *body,
       gsize        length,
       const char  *answer,
       GError     **error)
{
  cJSON *json = body != NULL ? cJSON_ParseWithLengthOpts (body, length, NULL, FALSE) : NULL;

  if (json == NULL || !cJSON_IsObject (json))
    {
      cJSON_Delete (json);
      refuse (error, answer, _("the answer"), _("it is not a JSON object"));
      return NULL;
    }
  return json;
}

static gboolean
whole (const cJSON *value,
       gint64       min,
       gint64       max,
       gint64      *out)
{
  double v;

  if (!cJSON_IsNumber (value))
    return FALSE;
  v = value->valuedouble;
  if (v < (double) min || v > (double) max || v != (double) (gint64) v)
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

/* A string member, or NULL (absent or null) when "nullable". */
static gboolean
text_member (const cJSON  *object,
             const char   *name,
             gboolean      nullable,
             const char  **out)
{
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (object, name);

  *out = NULL;
  if (value == NULL || cJSON_IsNull (value))
    return nullable;
  if (!cJSON_IsString (value) || !g_utf8_validate (value->valuestring, -1, NULL))
    return FALSE;
  *out = value->valuestring;
  return TRUE;
}

static gboolean
is_digits (const char *text,
           gsize       len)
{
  if (text == NULL || strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
read_block (const cJSON    *item,
            HtNumberBlock  *block)
{
  const char *kind = NULL;

  memset (block, 0, sizeof *block);
  if (!cJSON_IsObject (item) || !text_member (item, "kind", FALSE, &kind) || ht_kinds_lookup (kind) == NULL
      || !whole (cJSON_GetObjectItemCaseSensitive (item, "book_year"), 1800, 9999, &block->book_year)
      || !whole (cJSON_GetObjectItemCaseSensitive (item, "first"), 1, G_MAXINT32, &block->first)
      || !whole (cJSON_GetObjectItemCaseSensitive (item, "last"), block->first, G_MAXINT32, &block->last))
    return FALSE;
  block->kind = g_strdup (kind);
  return TRUE;
}

static GArray *
new_block_array (void)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (HtNumberBlock));

  g_array_set_clear_func (blocks, (GDestroyNotify) ht_number_block_clear);
  return blocks;
}

static GArray *
read_blocks (const cJSON  *array,
             const char   *answer,
             GError      **error)
{
  g_autoptr(GArray) blocks = new_block_array ();
  const cJSON *item;
  guint i = 0;

  if (!cJSON_IsArray (array))
    {
      refuse (error, answer, "number_blocks", _("must be a list"));
      return NULL;
    }
  cJSON_ArrayForEach (item, array)
    {
      HtNumberBlock block;

      if (!read_block (item, &block))
        {
          g_autofree char *member = g_strdup_printf ("number_blocks[%u]", i);
          refuse (error, answer, member, _("must be {\"kind\", \"book_year\", \"first\", \"last\"} with first ≤ last"));
          return NULL;
        }
      g_array_append_val (blocks, block);
      i++;
    }
  return g_steal_pointer (&blocks);
}

gboolean
ht_sync_wire_enrolment (const char    *body,
                        gsize          length,
                        HtSyncDevice  *device,
                        GArray       **blocks,
                        GError       **error)
{
  const char *answer = _("the enrolment");
  g_autoptr(cJSON) json = parse (body, length, answer, error);
  const char *device_id, *token, *role, *office, *scope;
  const char *bad = NULL, *why = NULL;

  if (json == NULL)
    return FALSE;
  if (!text_member (json, "device_id", FALSE, &device_id) || !g_uuid_string_is_valid (device_id))
    bad = "device_id", why = _("must be a UUID");
  else if (!text_member (json, "token", FALSE, &token) || *token == '\0' || strlen (token) > TOKEN_MAX
           || strspn (token, TOKEN_CHARS) != strlen (token))
    bad = "token", why = _("must be a token of letters, digits and -_.~+/=");
  else if (!text_member (json, "role", FALSE, &role)
           || (strcmp (role, "clerk") != 0 && strcmp (role, "reviewer") != 0 && strcmp (role, "admin") != 0))
    bad = "role", why = _("must be “clerk”, “reviewer” or “admin”");
  else if (!text_member (json, "office", TRUE, &office)
           || (strcmp (role, "clerk") == 0 && !is_digits (office, 5)))
    bad = "office", why = _("must be a commune code of 5 digits for a clerk");
  else if (!text_member (json, "scope", FALSE, &scope) || (*scope != '\0' && !is_digits (scope, strlen (scope))))
    bad = "scope", why = _("must be a code of digits");
  if (bad != NULL)
    {
      refuse (error, answer, bad, why);
      return FALSE;
    }

  *blocks = read_blocks (cJSON_GetObjectItemCaseSensitive (json, "number_blocks"), answer, error);
  if (*blocks == NULL)
    return FALSE;

  g_free (device->device_id);
  device->device_id = g_strdup (device_id);
  g_free (device->token);
  device->token = g_strdup (token);
  g_free (device->role);
  device->role = g_strdup (role);
  g_free (device->office);
  device->office = g_strdup (office);
  g_free (device->scope);
  device->scope = g_strdup (scope);
  return TRUE;
}

GArray *
ht_sync_wire_number_blocks (const char  *body,
                            gsize        length,
                            GError     **error)
{
  const char *answer = _("the request for register numbers");
  g_autoptr(cJSON) json = parse (body, length, answer, error);

  if (json == NULL)
    return NULL;
  return read_blocks (cJSON_GetObjectItemCaseSensitive (json, "number_blocks"), answer, error);
}

/* ---- Push ---- */

void
ht_sync_result_free (HtSyncResult *result)
{
  if (result == NULL)
    return;
  g_free (result->code);
  g_free (result->message);
  g_free (result->issues);
  g_free (result);
}

static const char *
read_result (const cJSON   *item,
             const char    *change_id,
             HtSyncResult  *result)
{
  const char *id, *status, *code, *message;
  const cJSON *version = cJSON_GetObjectItemCaseSensitive (item, "server_version");
  const cJSON *issues = cJSON_GetObjectItemCaseSensitive (item, "issues");

  if (!cJSON_IsObject (item))
    return _("must be an object");
  if (!text_member (item, "change_id", FALSE, &id) || strcmp (id, change_id) != 0)
    return _("is not the answer for the change sent at this place");
  if (!text_member (item, "status", FALSE, &status))
    return _("needs “status”");
  if (strcmp (status, "applied") == 0)
    result->status = HT_PUSH_APPLIED;
  else if (strcmp (status, "duplicate") == 0)
    result->status = HT_PUSH_DUPLICATE;
  else if (strcmp (status, "rejected") == 0)
    result->status = HT_PUSH_REJECTED;
  else if (strcmp (status, "conflict") == 0)
    result->status = HT_PUSH_CONFLICT;
  else
    return _("has an unknown “status”");
  if (!text_member (item, "code", TRUE, &code) || !text_member (item, "message", TRUE, &message))
    return _("“code” and “message” must be text or null");

  result->server_version = -1;
  if (version != NULL && !cJSON_IsNull (version) && !whole (version, 1, G_MAXINT32, &result->server_version))
    return _("“server_version” must be a whole number from 1 or null");
  if ((result->status == HT_PUSH_APPLIED || result->status == HT_PUSH_DUPLICATE) && result->server_version < 1)
    return _("an applied change needs its “server_version”");
  if ((result->status == HT_PUSH_REJECTED || result->status == HT_PUSH_CONFLICT) && code == NULL)
    return _("a refused change needs its “code”");
  if (issues != NULL && !cJSON_IsNull (issues) && !cJSON_IsArray (issues))
    return _("“issues” must be a list");

  result->code = g_strdup (code);
  result->message = g_strdup (message);
  if (cJSON_IsArray (issues))
    result->issues = cJSON_PrintUnformatted (issues);
  return NULL;
}

/* ---- Push answers, the plain shape ----
 *
 * Nearly every push answer is a list of results of the one plain shape
 * hotich-server prints: {"change_id":"…","status":"applied","code":null,
 * "message":null,"server_version":7}.  Reading those through a cJSON tree
 * (a node and a string for every member, then a lookup by name) was a
 * twelfth of the client's instructions per pushed record, more than
 * reading the change from the outbox.  So the answer is first read by
 * the scanner below, which accepts only what it can read exactly as
 * read_result() would: members in any order, separated by JSON's plain
 * white space, strings of printable ASCII without escapes, null, and
 * whole numbers of one to ten digits.  Anything else — an escape, a byte
 * outside that range, an unknown or repeated member, "issues" other than
 * null, a result read_result() would refuse — makes it give up, and the
 * whole answer is read by cJSON as before, so that answers it reads and
 * the errors it names stay the same. */

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static void
scan_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_char (Scan *s,
           char  c)
{
  scan_space (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

/* A string of printable ASCII without escapes: its first byte and length. */
static gboolean
scan_string (Scan        *s,
             const char **text,
             gsize       *len)
{
  const char *start;

  if (!scan_char (s, '"'))
    return FALSE;
  start = s->p;
  while (s->p < s->end && *s->p != '"')
    {
      guchar c = (guchar) *s->p;

      if (c < 0x20 || c > 0x7e || c == '\\')
        return FALSE;
      s->p++;
    }
  if (s->p >= s->end)
    return FALSE;
  *text = start;
  *len = (gsize) (s->p - start);
  s->p++;
  return TRUE;
}

static gboolean
scan_null (Scan *s)
{
  scan_space (s);
  if ((gsize) (s->end - s->p) < 4 || memcmp (s->p, "null", 4) != 0)
    return FALSE;
  s->p += 4;
  return TRUE;
}

static gboolean
same_text (const char *text,
           gsize       len,
           const char *word)
{
  return strlen (word) == len && memcmp (text, word, len) == 0;
}

/* Members of a plain result, as bits. */
enum
{
  SEEN_CHANGE_ID = 1 << 0,
  SEEN_STATUS = 1 << 1,
  SEEN_CODE = 1 << 2,
  SEEN_MESSAGE = 1 << 3,
  SEEN_VERSION = 1 << 4,
  SEEN_ISSUES = 1 << 5,
};

/* A text member's value: a string, or null when "nullable". */
static gboolean
scan_text_value (Scan         *s,
                 gboolean      nullable,
                 const char  **text,
                 gsize        *len)
{
  scan_space (s);
  *text = NULL;
  *len = 0;
  if (s->p < s->end && *s->p == 'n')
    return nullable && scan_null (s);
  return scan_string (s, text, len);
}

/* The server version: null, or a whole number from 1 to G_MAXINT32
 * written plainly (no sign, fraction, exponent or leading zero). */
static gboolean
scan_version (Scan   *s,
              gint64 *version)
{
  gint64 v = 0;
  guint digits = 0;

  scan_space (s);
  *version = -1;
  if (s->p < s->end && *s->p == 'n')
    return scan_null (s);
  if (s->p >= s->end || *s->p < '1' || *s->p > '9')
    return FALSE;
  while (s->p < s->end && g_ascii_isdigit (*s->p) && digits < 10)
    {
      v = v * 10 + (*s->p - '0');
      s->p++;
      digits++;
    }
  /* What follows a number must end it. */
  if (s->p >= s->end || v > G_MAXINT32
      || !(*s->p == ',' || *s->p == '}' || *s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    return FALSE;
  *version = v;
  return TRUE;
}

/* One result of the plain shape for "change_id", into "result"; FALSE
 * when it is not of that shape or read_result() would refuse it. */
static gboolean
scan_result (Scan          *s,
             const char    *change_id,
             HtSyncResult  *result)
{
  const char *id = NULL, *status = NULL, *code = NULL, *message = NULL;
  gsize id_len = 0, status_len = 0, code_len = 0, message_len = 0;
  gint64 version = -1;
  guint seen = 0;

  if (!scan_char (s, '{'))
    return FALSE;
  for (;;)
    {
      const char *name;
      gsize name_len;
      guint bit;
      gboolean ok;

      if (!scan_string (s, &name, &name_len) || !scan_char (s, ':'))
        return FALSE;
      if (same_text (name, name_len, "change_id"))
        bit = SEEN_CHANGE_ID, ok = scan_text_value (s, FALSE, &id, &id_len);
      else if (same_text (name, name_len, "status"))
        bit = SEEN_STATUS, ok = scan_text_value (s, FALSE, &status, &status_len);
      else if (same_text (name, name_len, "code"))
        bit = SEEN_CODE, ok = scan_text_value (s, TRUE, &code, &code_len);
      else if (same_text (name, name_len, "message"))
        bit = SEEN_MESSAGE, ok = scan_text_value (s, TRUE, &message, &message_len);
      else if (same_text (name, name_len, "server_version"))
        bit = SEEN_VERSION, ok = scan_version (s, &version);
      else if (same_text (name, name_len, "issues"))
        bit = SEEN_ISSUES, ok = scan_null (s);
      else
        return FALSE;
      if (!ok || (seen & bit) != 0)
        return FALSE;
      seen |= bit;
      scan_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      if (!scan_char (s, '}'))
        return FALSE;
      break;
    }

  /* read_result()'s checks, in its order; any refusal is left to it. */
  if (id == NULL || !same_text (id, id_len, change_id) || status == NULL)
    return FALSE;
  if (same_text (status, status_len, "applied"))
    result->status = HT_PUSH_APPLIED;
  else if (same_text (status, status_len, "duplicate"))
    result->status = HT_PUSH_DUPLICATE;
  else if (same_text (status, status_len, "rejected"))
    result->status = HT_PUSH_REJECTED;
  else if (same_text (status, status_len, "conflict"))
    result->status = HT_PUSH_CONFLICT;
  else
    return FALSE;
  if ((result->status == HT_PUSH_APPLIED || result->status == HT_PUSH_DUPLICATE) && version < 1)
    return FALSE;
  if ((result->status == HT_PUSH_REJECTED || result->status == HT_PUSH_CONFLICT) && code == NULL)
    return FALSE;
  result->server_version = version;
  result->code = code != NULL ? g_strndup (code, code_len) : NULL;
  result->message = message != NULL ? g_strndup (message, message_len) : NULL;
  result->issues = NULL;
  return TRUE;
}

/* The answer {"results":[…]} of plain results, one per change, or NULL
 * when it is not of that shape (and read by cJSON instead). */
GPtrArray *
_ht_sync_wire_push_results_plain (const char *body,
                                  gsize       length,
                                  GPtrArray  *changes)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_full (changes->len, (GDestroyNotify) ht_sync_result_free);
  Scan s = { body, body + length };
  const char *name;
  gsize name_len;

  if (body == NULL || !scan_char (&s, '{') || !scan_string (&s, &name, &name_len)
      || !same_text (name, name_len, "results") || !scan_char (&s, ':') || !scan_char (&s, '['))
    return NULL;
  scan_space (&s);
  if (s.p < s.end && *s.p == ']')
    s.p++;
  else
    for (guint i = 0;; i++)
      {
        HtSyncResult *result;

        if (i >= changes->len)
          return NULL;
        result = g_new0 (HtSyncResult, 1);
        g_ptr_array_add (results, result);
        if (!scan_result (&s, ((const HtSyncChange *) changes->pdata[i])->entry->change_id, result))
          return NULL;
        scan_space (&s);
        if (s.p < s.end && *s.p == ',')
          {
            s.p++;
            continue;
          }
        if (!scan_char (&s, ']'))
          return NULL;
        break;
      }
  if (!scan_char (&s, '}'))
    return NULL;
  scan_space (&s);
  if (s.p != s.end || results->len != changes->len)
    return NULL;
  return g_steal_pointer (&results);
}

GPtrArray *
_ht_sync_wire_push_results_tree (const char  *body,
                                 gsize        length,
                                 GPtrArray   *changes,
                                 GError     **error)
{
  const char *answer = _("the push");
  g_autoptr(cJSON) json = parse (body, length, answer, error);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_result_free);
  const cJSON *array, *item;
  guint i = 0;

  if (json == NULL)
    return NULL;
  array = cJSON_GetObjectItemCaseSensitive (json, "results");
  if (!cJSON_IsArray (array) || (guint) cJSON_GetArraySize (array) != changes->len)
    {
      refuse (error, answer, "results", _("must be a list of one result per change sent"));
      return NULL;
    }
  cJSON_ArrayForEach (item, array)
    {
      const HtSyncChange *change = changes->pdata[i];
      HtSyncResult *result = g_new0 (HtSyncResult, 1);
      const char *problem;

      g_ptr_array_add (results, result);
      problem = read_result (item, change->entry->change_id, result);
      if (problem != NULL)
        {
          g_autofree char *member = g_strdup_printf ("results[%u]", i);
          refuse (error, answer, member, problem);
          return NULL;
        }
      i++;
    }
  return g_steal_pointer (&results);
}

GPtrArray *
ht_sync_wire_push_results (const char  *body,
                           gsize        length,
                           GPtrArray   *changes,
                           GError     **error)
{
  GPtrArray *results = _ht_sync_wire_push_results_plain (body, length, changes);

  if (results != NULL)
    return results;
  return _ht_sync_wire_push_results_tree (body, length, changes, error);
}

/* The store gives each change's length with it; a change made otherwise
 * (tests) may leave it 0. */
static gsize
change_length (const HtSyncChange *change)
{
  return change->json_len > 0 ? change->json_len : strlen (change->json);
}

GString *
ht_sync_wire_push_body (GPtrArray *changes)
{
  g_autofree char *batch_id = g_uuid_string_random ();
  gsize size = 64;
  GString *body;

  for (guint i = 0; i < changes->len; i++)
    size += change_length (changes->pdata[i]) + 1;
  body = g_string_sized_new (size);
  /* The changes are canonical JSON already: they are joined, not re-printed. */
  g_string_append_printf (body, "{\"batch_id\":\"%s\",\"changes\":[", batch_id);
  for (guint i = 0; i < changes->len; i++)
    {
      const HtSyncChange *change = changes->pdata[i];

      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append_len (body, change->json, (gssize) change_length (change));
    }
  g_string_append (body, "]}");
  return body;
}

/* ---- Pull ---- */

static const char *
read_review (const cJSON   *item,
             HtPullChange  *change)
{
  const cJSON *nested = cJSON_GetObjectItemCaseSensitive (item, "review");
  const cJSON *from = cJSON_IsObject (nested) ? nested : item;
  static const char *const members[] = { "state", "comment", "by", "at" };
  cJSON *review = cJSON_CreateObject ();

  /* The decision's members come in the change itself (docs/api.md); a
   * nested "review" object is read the same way.  The state's value is
   * checked when the record is canonicalised. */
  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      const char *value;

      if (!text_member (from, members[m], m > 0, &value))
        {
          cJSON_Delete (review);
          return m == 0 ? _("a decision needs its “state”") : _("“comment”, “by” and “at” must be text or null");
        }
      if (value != NULL)
        cJSON_AddStringToObject (review, members[m], value);
      else
        cJSON_AddNullToObject (review, members[m]);
    }
  change->review = review;
  return NULL;
}

/* The records the server flagged this one as a potential duplicate of
 * (reviewers only, docs/api.md): absent, null or [] for none. */
static const char *
read_duplicates (const cJSON   *item,
                 HtPullChange  *change)
{
  const cJSON *list = cJSON_GetObjectItemCaseSensitive (item, "potential_duplicate");
  g_autoptr(GPtrArray) ids = NULL;
  const cJSON *id;

  if (list == NULL || cJSON_IsNull (list))
    return NULL;
  if (!cJSON_IsArray (list))
    return _("“potential_duplicate” must be a list of record ids");
  if (cJSON_GetArraySize (list) == 0)
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  cJSON_ArrayForEach (id, list)
    {
      if (!cJSON_IsString (id) || !g_uuid_string_is_valid (id->valuestring))
        return _("“potential_duplicate” must be a list of record ids");
      g_ptr_array_add (ids, g_ascii_strdown (id->valuestring, -1));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_set_free_func (ids, NULL);
  change->duplicates = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  return NULL;
}

static const char *
read_record (const cJSON   *item,
             HtPullChange  *change,
             char         **detail)
{
  const cJSON *record = cJSON_GetObjectItemCaseSensitive (item, "record");
  g_autoptr(HtIssues) issues = ht_issues_new ();
  const char *status;

  if (!cJSON_IsObject (record))
    return _("a record change needs “record”, an object");
  change->record = ht_record_canonicalize (record, issues);
  if (change->record == NULL)
    {
      const HtIssue *first = issues->len > 0 ? issues->pdata[0] : NULL;

      *detail = g_strdup_printf (_("the record cannot be read: %s: %s"), first != NULL ? first->field : "",
                                 first != NULL ? first->message : "");
      return *detail;
    }
  if (g_strcmp0 (ht_record_id (change->record), change->record_id) != 0)
    return _("the record's “id” is not its “record_id”");
  status = ht_record_status (change->record);
  if (g_strcmp0 (status, "draft") == 0 || ht_record_number (change->record) <= 0
      || ht_record_book_year (change->record) <= 0 || ht_record_content_version (change->record) < 1)
    return _("a record from the server must be in its book (status, book_year, number, content_version)");
  return read_duplicates (item, change);
}

static const char *
read_change (const cJSON   *item,
             gint64         after,
             HtPullChange  *change,
             char         **detail)
{
  const char *op, *record_id = NULL;

  if (!cJSON_IsObject (item))
    return _("must be an object");
  if (!whole (cJSON_GetObjectItemCaseSensitive (item, "server_seq"), after + 1, G_MAXINT64 / 2, &change->server_seq))
    return _("“server_seq” must be a whole number after the cursor and after the change before it");
  if (!text_member (item, "op", FALSE, &op))
    return _("needs “op”");

  if (strcmp (op, "number_block") == 0)
    {
      change->op = HT_PULL_NUMBER_BLOCK;
      if (!read_block (cJSON_GetObjectItemCaseSensitive (item, "number_block"), &change->block))
        return _("“number_block” must be {\"kind\", \"book_year\", \"first\", \"last\"} with first ≤ last");
      return NULL;
    }

  if (strcmp (op, "pin") == 0)
    change->op = HT_PULL_PIN;
  else if (strcmp (op, "review") == 0)
    change->op = HT_PULL_REVIEW;
  else if (strcmp (op, "record") == 0)
    change->op = HT_PULL_RECORD;
  else
    {
      *detail = g_strdup_printf (_("“op” is “%s”, which this version of hotich does not know; update it"), op);
      return *detail;
    }
  if (!text_member (item, "record_id", FALSE, &record_id) || !g_uuid_string_is_valid (record_id))
    return _("“record_id” must be a UUID");
  change->record_id = g_ascii_strdown (record_id, -1);

  switch (change->op)
    {
    case HT_PULL_PIN:
      {
        const char *pin;

        if (!text_member (item, "pin", FALSE, &pin) || !is_digits (pin, 12))
          return _("“pin” must be a personal ID number of 12 digits");
        change->pin = g_strdup (pin);
        return NULL;
      }
    case HT_PULL_REVIEW:
      return read_review (item, change);
    case HT_PULL_RECORD:
      return read_record (item, change, detail);
    case HT_PULL_NUMBER_BLOCK:
    default:
      return NULL;
    }
}

gboolean
ht_sync_wire_pull (const char   *body,
                   gsize         length,
                   gint64        cursor,
                   GPtrArray   **changes,
                   gint64       *next_cursor,
                   gboolean     *more,
                   GError      **error)
{
  const char *answer = _("the pull");
  g_autoptr(cJSON) json = parse (body, length, answer, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_pull_change_free);
  const cJSON *array, *item, *more_item;
  gint64 last = cursor;
  guint i = 0;

  if (json == NULL)
    return FALSE;
  array = cJSON_GetObjectItemCaseSensitive (json, "changes");
  more_item = cJSON_GetObjectItemCaseSensitive (json, "more");
  if (!cJSON_IsArray (array))
    {
      refuse (error, answer, "changes", _("must be a list"));
      return FALSE;
    }
  if (!cJSON_IsBool (more_item))
    {
      refuse (error, answer, "more", _("must be true or false"));
      return FALSE;
    }

  cJSON_ArrayForEach (item, array)
    {
      HtPullChange *change = g_new0 (HtPullChange, 1);
      g_autofree char *detail = NULL;
      const char *problem;

      g_ptr_array_add (out, change);
      problem = read_change (item, last, change, &detail);
      if (problem != NULL)
        {
          g_autofree char *member = g_strdup_printf ("changes[%u]", i);
          refuse (error, answer, member, problem);
          return FALSE;
        }
      last = change->server_seq;
      i++;
    }

  if (!whole (cJSON_GetObjectItemCaseSensitive (json, "cursor"), last, G_MAXINT64 / 2, next_cursor))
    {
      refuse (error, answer, "cursor", _("must be a whole number, not before the changes it brings"));
      return FALSE;
    }
  /* "More" with nothing brought and the cursor not moving would loop for
   * ever. */
  if (cJSON_IsTrue (more_item) && out->len == 0 && *next_cursor == cursor)
    {
      refuse (error, answer, "more", _("is true, yet nothing came and the cursor did not move"));
      return FALSE;
    }
  *more = cJSON_IsTrue (more_item);
  *changes = g_steal_pointer (&out);
  return TRUE;
}
