/* hs-write.c — storing the accepted changes of a push, and their personal ID numbers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that could refuse a change was checked before (hs-apply.c), so
 * writing is a handful of bulk statements for the whole group: COPY for the
 * new records, then, added to the group's writes and sent with its commit
 * in one round trip, rows appended from arrays sent in binary format (the
 * records' heads and keys, and the change log, which is also the
 * exactly-once record of changes and carries the PINs issued), the audit
 * log's row, and UPDATE for records edited.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "hs-db.h"
#include "hs-keys.h"
#include "hs-push-private.h"

static void
add_text (cJSON      *row,
          const char *key,
          const char *value)
{
  if (value != NULL)
    cJSON_AddStringToObject (row, key, value);
  else
    cJSON_AddNullToObject (row, key);
}

/* ---- Personal ID numbers ---- */

static gboolean
is_vietnamese (const char *nationality)
{
  g_autofree char *folded = nationality != NULL ? ht_fold (nationality) : NULL;

  return folded == NULL || g_str_equal (folded, "viet nam") || g_str_equal (folded, "vietnam");
}

/* The rows a group appends: one array per column for record_heads,
 * record_keys and change_log, sent in binary format (hs_db_array_*()) and
 * unnested, and the new records as COPY rows. */
typedef struct
{
  HsDbArray *head_ids, *head_provinces, *head_offices, *head_versions;
  HsDbArray *key_keys, *key_ids;
  HsDbArray *log_provinces, *log_offices, *log_records, *log_versions, *log_changes, *log_hashes, *log_pins;
  GString   *records;    /* COPY rows (hs_db_copy_row()) */
  guint      n_records;
} Appends;

static void
appends_init (Appends *a,
              gsize    records_size)
{
  a->head_ids = hs_db_array_new (HS_DB_ARRAY_UUID);
  a->head_provinces = hs_db_array_new (HS_DB_ARRAY_TEXT);
  a->head_offices = hs_db_array_new (HS_DB_ARRAY_TEXT);
  a->head_versions = hs_db_array_new (HS_DB_ARRAY_INT4);
  a->key_keys = hs_db_array_new (HS_DB_ARRAY_TEXT);
  a->key_ids = hs_db_array_new (HS_DB_ARRAY_UUID);
  a->log_provinces = hs_db_array_new (HS_DB_ARRAY_TEXT);
  a->log_offices = hs_db_array_new (HS_DB_ARRAY_TEXT);
  a->log_records = hs_db_array_new (HS_DB_ARRAY_UUID);
  a->log_versions = hs_db_array_new (HS_DB_ARRAY_INT4);
  a->log_changes = hs_db_array_new (HS_DB_ARRAY_UUID);
  a->log_hashes = hs_db_array_new (HS_DB_ARRAY_TEXT);
  a->log_pins = hs_db_array_new (HS_DB_ARRAY_TEXT);
  /* Sized for the whole group at once: grown by doubling, the rows of a
   * large batch were copied over and over as they were appended. */
  a->records = g_string_sized_new (records_size);
  a->n_records = 0;
}

static void
appends_clear (Appends *a)
{
  HsDbArray **arrays[] = { &a->head_ids, &a->head_provinces, &a->head_offices, &a->head_versions, &a->key_keys,
                           &a->key_ids, &a->log_provinces, &a->log_offices, &a->log_records, &a->log_versions,
                           &a->log_changes, &a->log_hashes, &a->log_pins };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], hs_db_array_free);
  g_string_free (a->records, TRUE);
}

static void
append_audit (HsGroup     *g,
              const char  *action,
              const char  *device,
              const cJSON *detail)
{
  char **params = g_new0 (char *, 3);

  params[0] = g_strdup (action);
  params[1] = g_strdup (device);
  /* Core's printer, byte for byte what cJSON_PrintUnformatted() prints:
   * the batch's detail names every change, and cJSON's printer cost about
   * 8,000 instructions a record on it. */
  params[2] = ht_record_print (detail);
  hs_db_steps_add_owned (g->writes, "push_audit",
                         "INSERT INTO audit_log (action, device_id, detail) VALUES ($1, $2::uuid, $3::jsonb)",
                         3, params);
}

/* The last applied change of each birth that needs a number asks for one;
 * every applied version of that record then carries it.  "last" maps each
 * record id to its last applied change; the numbers issued go into
 * "issued" (record id → PIN, owned by the table) and the audit row. */
static gboolean
issue_pins (HsGroup     *g,
            GHashTable  *last,
            GHashTable  *issued,
            GError     **error)
{
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (HsPinRequest));
  g_autoptr(cJSON) detail = NULL;
  cJSON *records;
  GHashTableIter iter;
  gpointer value;
  gboolean ok = TRUE;

  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HsChange *c = value;
      const cJSON *child = ht_record_get_path (c->work, "data.child");
      const char *sex = cJSON_GetStringValue (ht_record_get_path (child, "sex"));
      const char *born = cJSON_GetStringValue (ht_record_get_path (child, "date_of_birth"));
      const char *nationality = cJSON_GetStringValue (ht_record_get_path (child, "nationality"));
      GDate date;
      HsPinRequest request = { 0 };

      /* Not for a child of foreign nationality (Luật Hộ tịch Điều 36.2),
       * nor for one who has a number already. */
      if (g_strcmp0 (ht_record_kind_code (c->work), "birth") != 0 ||
          g_strcmp0 (ht_record_status (c->work), "registered") != 0 ||
          cJSON_IsString (cJSON_GetObjectItemCaseSensitive (c->work, "pin")) ||
          !is_vietnamese (nationality) || born == NULL || !ht_date_parse (born, &date) ||
          ht_pin_century_digit (sex, g_date_get_year (&date)) < 0)
        continue;
      request.record_id = c->record_id;
      request.province = c->province;
      request.sex = sex;
      request.birth_year = g_date_get_year (&date);
      g_array_append_val (requests, request);
    }
  if (requests->len == 0)
    return TRUE;

  if (!g->push->pin->issue (g->push->pin, g->push->db, (HsPinRequest *) requests->data, requests->len, error))
    ok = FALSE;

  detail = cJSON_CreateObject ();
  cJSON_AddStringToObject (detail, "connector", g->push->pin->name);
  records = cJSON_AddArrayToObject (detail, "records");
  for (guint r = 0; r < requests->len; r++)
    {
      HsPinRequest *request = &g_array_index (requests, HsPinRequest, r);

      if (ok)
        {
          HsChange *owner = g_hash_table_lookup (last, request->record_id);
          HsHead *head = g_hash_table_lookup (g->heads, request->record_id);
          cJSON *item = cJSON_CreateObject ();

          if (head != NULL)
            {
              g_free (head->pin);
              head->pin = g_strdup (request->pin);
            }
          cJSON_AddStringToObject (item, "record_id", request->record_id);
          cJSON_AddStringToObject (item, "office", ht_record_office (owner->work));
          cJSON_AddItemToArray (records, item);
          g_hash_table_insert (issued, (gpointer) request->record_id, g_steal_pointer (&request->pin));
        }
      g_free (request->pin);
    }
  if (!ok)
    return FALSE;

  /* Every applied version of those records carries the number. */
  for (guint i = 0; i < g->n; i++)
    {
      HsChange *c = g->changes[i];
      const char *pin;

      if (c->status == HS_CHANGE_APPLIED && (pin = g_hash_table_lookup (issued, c->record_id)) != NULL)
        hs_push_set_member (c->work, "pin", cJSON_CreateString (pin));
    }
  append_audit (g, "pins_issued", g->push->device->id, detail);
  return TRUE;
}

/* ---- Writing ---- */

/* Finds the members "names" of "record" in one walk over it, each as
 * cJSON_GetObjectItemCaseSensitive() finds it (the first member so named;
 * none past a member without a name).  A record's row needs a handful of
 * its members, and looking each up alone walked the record once per
 * name, comparing every member's name in a call of its own. */
static void
find_members (const cJSON       *record,
              const char *const *names,
              guint              n,
              const cJSON      **out)
{
  guint left = n;

  for (guint i = 0; i < n; i++)
    out[i] = NULL;
  for (const cJSON *m = record != NULL ? record->child : NULL; m != NULL && left > 0; m = m->next)
    {
      if (m->string == NULL)
        break;
      for (guint i = 0; i < n; i++)
        if (out[i] == NULL && m->string[0] == names[i][0] && strcmp (m->string, names[i]) == 0)
          {
            out[i] = m;
            left--;
            break;
          }
    }
}


/* The document stored: the content printed when the change came in
 * (hs-push.c), with the server's members appended as they are now.  jsonb
 * keeps members in its own order, so where they go in the text does not
 * matter, and the content is not printed a second time. */
static char *
stored_doc (HsChange *c,
            GString  *scratch)
{
  gsize len = strlen (c->text);
  GString *doc = g_string_sized_new (len + 256);
  const cJSON *values[8];
  guint n = 0;

  while (hs_push_server_members[n] != NULL)
    n++;
  g_assert (n <= G_N_ELEMENTS (values));
  find_members (c->work, hs_push_server_members, n, values);
  g_assert (len >= 2 && c->text[len - 1] == '}');
  g_string_append_len (doc, c->text, len - 1);
  for (guint m = 0; m < n; m++)
    {
      const cJSON *value = values[m];
      /* Printed into one buffer reused from member to member and record
       * to record (core's printer, byte for byte cJSON's). */
      const char *text = value != NULL ? ht_record_print_into (value, scratch) : NULL;

      if (len > 2 || m > 0)
        g_string_append_c (doc, ',');
      g_string_append_c (doc, '"');
      g_string_append (doc, hs_push_server_members[m]);
      g_string_append (doc, "\":");
      g_string_append (doc, text != NULL ? text : "null");
    }
  g_string_append_c (doc, '}');
  return g_string_free (doc, FALSE);
}

/* The records' keys as stored: as pushed, plus the server's PIN. */
static GPtrArray *
stored_keys (HsChange   *c,
             const char *pin)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < c->keys->len; i++)
    g_ptr_array_add (keys, g_strdup (g_ptr_array_index (c->keys, i)));
  if (pin != NULL)
    hs_keys_add (keys, HT_KEY_PIN, pin);
  return keys;
}

gboolean
hs_push_write (HsGroup  *g,
               GError  **error)
{
  const char *device = g->push->device->id;
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(cJSON) old_records = cJSON_CreateArray ();
  g_autoptr(cJSON) old_heads = cJSON_CreateArray ();
  g_autoptr(GPtrArray) replaced = g_ptr_array_new ();
  g_autoptr(GPtrArray) old_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) old_key_ids = g_ptr_array_new ();
  g_autoptr(GHashTable) issued = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(cJSON) applied = cJSON_CreateObject ();
  cJSON *applied_changes = cJSON_AddArrayToObject (applied, "changes");
  g_autoptr(GString) scratch = g_string_new (NULL);
  Appends a;
  gboolean ok = FALSE;
  guint n_changes = 0, n_heads = 0, n_keys = 0;
  gsize records_size = 0;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < g->n; i++)
    if (g->changes[i]->status == HS_CHANGE_APPLIED)
      /* The document, the server's members and the other columns. */
      records_size += strlen (g->changes[i]->text) + 512;
  appends_init (&a, records_size);
  for (guint i = 0; i < g->n; i++)
    if (g->changes[i]->status == HS_CHANGE_APPLIED)
      {
        HsChange *c = g->changes[i];
        HsChange *first = g_hash_table_lookup (last, c->record_id);

        /* A record new to the server is new from its first change. */
        if (first != NULL)
          c->is_new = first->is_new;
        g_hash_table_insert (last, (gpointer) c->record_id, c);
        n_changes++;
      }
  if (n_changes == 0)
    {
      ok = TRUE;
      goto out;
    }

  if (!issue_pins (g, last, issued, error))
    goto out;

  /* A log row per applied change, which is also its exactly-once record;
   * the last change of a record carries the PIN issued for it. */
  for (guint i = 0; i < g->n; i++)
    if (g->changes[i]->status == HS_CHANGE_APPLIED)
      {
        HsChange *c = g->changes[i];
        const char *office = ht_record_office (c->work);
        const char *pin = g_hash_table_lookup (last, c->record_id) == c ? g_hash_table_lookup (issued, c->record_id)
                                                                       : NULL;
        cJSON *item = cJSON_CreateObject ();

        hs_db_array_add (a.log_provinces, c->province);
        hs_db_array_add (a.log_offices, office);
        hs_db_array_add (a.log_records, c->record_id);
        hs_db_array_add_int (a.log_versions, (gint32) c->server_version);
        hs_db_array_add (a.log_changes, c->change_id);
        hs_db_array_add (a.log_hashes, c->hash);
        hs_db_array_add (a.log_pins, pin);
        cJSON_AddStringToObject (item, "change_id", c->change_id);
        cJSON_AddStringToObject (item, "record_id", c->record_id);
        cJSON_AddStringToObject (item, "kind", ht_record_kind_code (c->work));
        cJSON_AddStringToObject (item, "office", office);
        cJSON_AddNumberToObject (item, "content_version", (double) c->server_version);
        cJSON_AddItemToArray (applied_changes, item);
      }
  /* One audit row for the batch, naming every change and record. */
  append_audit (g, "changes_applied", device, applied);

  /* One row per record: the last version of it in the batch. */
  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HsChange *c = value;
      static const char *const names[] = { "pin", "registered_on", "review" };
      const cJSON *members[G_N_ELEMENTS (names)];
      g_autofree char *doc = stored_doc (c, scratch);
      char version_buf[HT_INT64_TEXT_SIZE], year_buf[HT_INT64_TEXT_SIZE], number_buf[HT_INT64_TEXT_SIZE];
      const char *version = ht_int64_text (version_buf, c->server_version);
      const char *book_year = ht_record_book_year (c->work) > 0 ? ht_int64_text (year_buf, ht_record_book_year (c->work))
                                                                 : NULL;
      const char *number = ht_record_number (c->work) > 0 ? ht_int64_text (number_buf, ht_record_number (c->work)) : NULL;
      const cJSON *review_state;
      const char *pin, *registered_on, *state;
      g_autoptr(GPtrArray) keys = NULL;

      find_members (c->work, names, G_N_ELEMENTS (names), members);
      pin = cJSON_GetStringValue (members[0]);
      registered_on = cJSON_GetStringValue (members[1]);
      review_state = ht_record_get_path (members[2], "state");
      state = cJSON_IsString (review_state) ? review_state->valuestring : "pending";
      keys = stored_keys (c, pin);

      if (c->is_new)
        {
          hs_db_array_add (a.head_ids, c->record_id);
          hs_db_array_add (a.head_provinces, c->province);
          hs_db_array_add (a.head_offices, ht_record_office (c->work));
          hs_db_array_add_int (a.head_versions, (gint32) c->server_version);
          n_heads++;
          {
            const char *record[] = { c->province, c->record_id, ht_record_office (c->work),
                                     ht_record_kind_code (c->work), book_year, number, ht_record_status (c->work),
                                     registered_on, state, pin, version, device, g->push->now, doc };

            hs_db_copy_row (a.records, G_N_ELEMENTS (record), record);
            a.n_records++;
          }
        }
      else
        {
          HsHead *head = g_hash_table_lookup (g->heads, c->record_id);
          cJSON *row = cJSON_CreateObject ();

          cJSON_AddStringToObject (row, "id", c->record_id);
          cJSON_AddNumberToObject (row, "content_version", (double) c->server_version);
          cJSON_AddItemToArray (old_heads, row);

          row = cJSON_CreateObject ();
          cJSON_AddStringToObject (row, "province", c->province);
          cJSON_AddStringToObject (row, "id", c->record_id);
          cJSON_AddStringToObject (row, "kind", ht_record_kind_code (c->work));
          if (ht_record_book_year (c->work) > 0)
            cJSON_AddNumberToObject (row, "book_year", (double) ht_record_book_year (c->work));
          if (ht_record_number (c->work) > 0)
            cJSON_AddNumberToObject (row, "number", (double) ht_record_number (c->work));
          cJSON_AddStringToObject (row, "status", ht_record_status (c->work));
          add_text (row, "registered_on", registered_on);
          cJSON_AddStringToObject (row, "review_state", state);
          add_text (row, "pin", pin);
          cJSON_AddNumberToObject (row, "content_version", (double) c->server_version);
          cJSON_AddRawToObject (row, "doc", doc);
          cJSON_AddItemToArray (old_records, row);

          g_ptr_array_add (replaced, (gpointer) c->record_id);
          for (guint k = 0; head != NULL && k < head->keys->len; k++)
            {
              g_ptr_array_add (old_keys, g_ptr_array_index (head->keys, k));
              g_ptr_array_add (old_key_ids, (gpointer) c->record_id);
            }
        }
      for (guint k = 0; k < keys->len; k++)
        {
          hs_db_array_add (a.key_keys, g_ptr_array_index (keys, k));
          hs_db_array_add (a.key_ids, c->record_id);
          n_keys++;
        }
    }

  /* New records: copied now rather than with the group's pipelined
   * writes (COPY cannot be pipelined).  For documents this size COPY costs
   * PostgreSQL about a quarter less than inserting the same rows from a
   * JSON array or from arrays, which is worth its two round trips.
   * Nothing among the pipelined writes must come before them. */
  if (a.n_records > 0 &&
      !hs_db_copy (g->push->db,
                   "COPY records (province, id, office, kind, book_year, number, status, registered_on,"
                   " review_state, pin, content_version, device_id, updated_at, doc) FROM STDIN",
                   a.records, error))
    goto out;

  /* New records: appended.  A record created by a concurrent batch since
   * we looked, or a number taken by one, breaks a unique constraint when
   * the writes run (hs-apply.c), and the batch is decided again
   * (hs_push_apply()), seeing it.  Heads, keys and log rows are unnested
   * from arrays rather than copied, so that they and the commit go to
   * PostgreSQL in one round trip; for these small rows that costs
   * PostgreSQL about what COPY does. */
  if (n_heads > 0)
    {
      HsDbArray *arrays[] = { a.head_ids, a.head_provinces, a.head_offices, a.head_versions };

      a.head_ids = a.head_provinces = a.head_offices = a.head_versions = NULL;
      if (!hs_db_steps_add_arrays (g->writes, "push_heads_new",
                                   "INSERT INTO record_heads (id, province, office, content_version)"
                                   " SELECT * FROM unnest ($1::uuid[], $2::text[], $3::text[], $4::int[])",
                                   0, NULL, G_N_ELEMENTS (arrays), arrays, error))
        goto out;
    }

  /* Edited records: updated, and their old keys replaced.  The stored keys
   * of a replaced record are its old keys, so the delete, which takes each
   * (key, record) pair, removes exactly their rows. */
  if (replaced->len > 0)
    {
      g_autofree char *ids = hs_db_uuid_array (replaced);
      g_autofree char *heads_json = cJSON_PrintUnformatted (old_heads);
      g_autofree char *records_json = cJSON_PrintUnformatted (old_records);
      g_autofree char *keys = hs_db_text_array (old_keys);
      g_autofree char *key_ids = hs_db_uuid_array (old_key_ids);
      const char *head_params[] = { heads_json, ids };
      const char *key_params[] = { keys, key_ids };
      const char *record_params[] = { records_json, ids, device, g->push->now };

      /* The id lists let the planner probe the primary keys rather than
       * join whole tables. */
      hs_db_steps_add (g->writes, "push_heads_old",
                       "UPDATE record_heads h SET content_version = x.content_version"
                       " FROM jsonb_to_recordset ($1::jsonb) AS x (id uuid, content_version int)"
                       " WHERE h.id = x.id AND h.id = ANY ($2::uuid[])",
                       2, head_params);
      hs_db_steps_add (g->writes, "push_keys_delete",
                       "DELETE FROM record_keys k USING unnest ($1::text[], $2::uuid[]) AS old (key, record_id)"
                       " WHERE k.key_hash = hashtextextended (old.key, 0) AND k.key = old.key"
                       " AND k.record_id = old.record_id",
                       2, key_params);
      hs_db_steps_add (g->writes, "push_records_old",
                       "UPDATE records r SET kind = x.kind, book_year = x.book_year, number = x.number,"
                       "  status = x.status, registered_on = x.registered_on,"
                       "  review_state = x.review_state, pin = x.pin,"
                       "  content_version = x.content_version, device_id = $3::uuid,"
                       "  updated_at = $4::timestamptz, doc = x.doc"
                       " FROM jsonb_to_recordset ($1::jsonb) AS x (province text, id uuid, kind text,"
                       "  book_year int, number bigint, status text, registered_on date,"
                       "  review_state text, pin text, content_version int, doc jsonb)"
                       " WHERE r.province = x.province AND r.id = x.id AND r.id = ANY ($2::uuid[])",
                       4, record_params);
    }

  if (n_keys > 0)
    {
      HsDbArray *arrays[] = { a.key_keys, a.key_ids };

      a.key_keys = a.key_ids = NULL;
      if (!hs_db_steps_add_arrays (g->writes, "push_keys_new",
                                   "INSERT INTO record_keys (key, record_id) SELECT * FROM unnest ($1::text[], $2::uuid[])",
                                   0, NULL, G_N_ELEMENTS (arrays), arrays, error))
        goto out;
    }
  /* Last, so that the transaction holds its place in the log for as short
   * a time as possible (see hs_db_lock_change_log()).  The same change
   * applied by a concurrent request (a client that gave up waiting and
   * sent the batch again) breaks the unique change_id here: decided again,
   * it is a replay.  In the order of the batch. */
  hs_db_steps_lock_change_log (g->writes);
  {
    HsDbArray *arrays[] = { a.log_provinces, a.log_offices, a.log_records, a.log_versions, a.log_changes,
                            a.log_hashes, a.log_pins };

    a.log_provinces = a.log_offices = a.log_records = a.log_versions = a.log_changes = a.log_hashes = NULL;
    a.log_pins = NULL;
    if (!hs_db_steps_add_arrays (g->writes, "push_log",
                                 "INSERT INTO change_log (op, province, office, device_id, record_id,"
                                 " content_version, change_id, content_hash, pin)"
                                 " SELECT 'record', x.province, x.office, $1::uuid, x.record_id, x.version,"
                                 "  x.change_id, x.hash, x.pin"
                                 " FROM unnest ($2::text[], $3::text[], $4::uuid[], $5::int[], $6::uuid[],"
                                 "  $7::text[], $8::text[]) WITH ORDINALITY AS x (province, office, record_id,"
                                 "  version, change_id, hash, pin, n)"
                                 " ORDER BY x.n",
                                 1, &device, G_N_ELEMENTS (arrays), arrays, error))
      goto out;
  }
  ok = TRUE;

out:
  appends_clear (&a);
  return ok;
}
