/* hs-review.c — review decisions (push op "review") and potential duplicates.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervising office's device decides on the records of its scope:
 * pending or resubmitted → approved, returned (with a comment) or rejected
 * (with the reason).  A decision is a change like a record: exactly once by
 * its change_id, decided in the batch's transaction against the record's
 * locked head, and refused as a conflict when it was made on another
 * version than the server's or on a record already decided.
 *
 * An accepted decision writes the record's review block, a change-log row
 * of op "review" (the record's office pulls it; so do the reviewers of the
 * scope, as the record at that row, see hs-pull.c) and an audit row.
 *
 * Births and deaths stored by a push are compared with every other
 * registered record of their kind, nationwide, through the keys the
 * validation rules already look people up by (record_keys, indexed, and
 * fetched for the whole batch in one query before validating): so flagging
 * costs a push neither an index write nor a query, unless it finds
 * something.  A match becomes a link kept beside the record, for reviewers
 * to decide.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <string.h>

#include "ht-fold.h"
#include "ht-record.h"
#include "hs-db.h"
#include "hs-keys.h"
#include "hs-push-private.h"
#include "hs-scope.h"

const char *
hs_head_review_state (const HsHead *head)
{
  const char *state = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (head->review, "state"));

  return state != NULL ? state : "pending";
}

static void
set_result (HsChange       *c,
            HsChangeStatus  status,
            const char     *code,
            char           *message)
{
  c->status = status;
  c->code = code;
  g_free (c->message);
  c->message = message;
}

/* ---- Before the transaction ---- */

void
hs_review_prepare (const HsDevice *device,
                   HsChange       *c)
{
  static const char *const states[] = { "approved", "returned", "rejected" };
  const char *state = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (c->raw_review, "state"));
  const char *comment = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (c->raw_review, "comment"));
  g_autoptr(cJSON) decision = cJSON_CreateObject ();
  g_autofree char *text = NULL;
  g_autofree char *content = NULL;

  /* The shape was checked (hs-push.c): the state is one of these. */
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (state, states[i]) == 0)
      c->review_state = states[i];
  if (comment != NULL)
    {
      c->review_comment = g_strstrip (g_strdup (comment));
      if (c->review_comment[0] == '\0')
        g_clear_pointer (&c->review_comment, g_free);
    }

  c->pre = HS_PRE_OK;
  if (device->role != HS_ROLE_REVIEWER)
    c->pre = HS_PRE_FORBIDDEN;
  else if (!g_str_equal (c->review_state, "approved") && c->review_comment == NULL)
    c->pre = HS_PRE_COMMENT_REQUIRED;

  /* The change's content, however the client spelled it: the same
   * decision with the comment trimmed is the same change. */
  cJSON_AddStringToObject (decision, "state", c->review_state);
  if (c->review_comment != NULL)
    cJSON_AddStringToObject (decision, "comment", c->review_comment);
  else
    cJSON_AddNullToObject (decision, "comment");
  text = cJSON_PrintUnformatted (decision);
  content = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%s\n%s", c->record_id, c->base_version, c->op, text);
  c->hash = hs_auth_sha256_hex (content, -1);
}

gboolean
hs_review_check_scope (HsPush   *push,
                       guint    *n_outside,
                       GError  **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(PGresult) result = NULL;
  g_autofree char *array = NULL;
  const char *params[1];

  *n_outside = 0;
  if (push->scope == NULL && (push->scope = hs_scope_new (push->device->scope, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < push->n_changes; i++)
    if (strcmp (push->changes[i].op, "review") == 0)
      g_ptr_array_add (ids, (gpointer) push->changes[i].record_id);
  if (ids->len == 0)
    return TRUE;

  array = hs_db_uuid_array (ids);
  params[0] = array;
  result = hs_db_exec_named (push->db, "review_scope",
                             "SELECT h.id::text, h.office, r.registered_on::text"
                             " FROM record_heads h JOIN records r ON r.province = h.province AND r.id = h.id"
                             " WHERE h.id = ANY ($1::uuid[])",
                             1, params, error);
  if (result == NULL)
    return FALSE;

  for (guint i = 0; i < push->n_changes; i++)
    {
      HsChange *c = &push->changes[i];

      if (strcmp (c->op, "review") != 0)
        continue;
      /* A record the server does not have is not outside: it is unknown,
       * and decided so in the transaction. */
      for (int row = 0; row < PQntuples (result); row++)
        if (strcmp (PQgetvalue (result, row, 0), c->record_id) == 0 &&
            !hs_scope_has_record (push->scope, PQgetvalue (result, row, 1), hs_db_value (result, row, 2)))
          {
            if (c->pre == HS_PRE_OK)
              c->pre = HS_PRE_OUT_OF_SCOPE;
            (*n_outside)++;
            break;
          }
    }
  return TRUE;
}

/* ---- In the transaction ---- */

void
hs_review_decide (HsGroup  *g,
                  HsChange *c)
{
  HsPush *push = g->push;
  HsHead *head = g_hash_table_lookup (g->heads, c->record_id);
  const char *state;

  if (head == NULL)
    {
      set_result (c, HS_CHANGE_REJECTED, "unknown_record",
                  g_strdup_printf (_("The server has no record %s"), c->record_id));
      return;
    }
  if (push->scope == NULL || !hs_scope_has_record (push->scope, head->office, head->registered_on))
    {
      set_result (c, HS_CHANGE_REJECTED, "out_of_scope",
                  g_strdup_printf (_("The record is outside this device's scope %s"), push->device->scope));
      return;
    }
  if (c->base_version != head->version)
    {
      g_autofree char *theirs = g_strdup_printf ("%" G_GINT64_FORMAT, head->version);
      g_autofree char *ours = g_strdup_printf ("%" G_GINT64_FORMAT, c->base_version);

      set_result (c, HS_CHANGE_CONFLICT, "stale_version",
                  g_strdup_printf (_("The decision was made on version %s of the record, but the server has version "
                                     "%s; pull it and decide again"),
                                   ours, theirs));
      c->server_version = head->version;
      return;
    }
  state = hs_head_review_state (head);
  if (!g_str_equal (state, "pending") && !g_str_equal (state, "resubmitted"))
    {
      set_result (c, HS_CHANGE_CONFLICT, "invalid_transition",
                  g_strdup_printf (_("The record is already %s; only a pending or resubmitted record is decided"),
                                   state));
      c->server_version = head->version;
      return;
    }

  c->decision = cJSON_CreateObject ();
  cJSON_AddStringToObject (c->decision, "state", c->review_state);
  if (c->review_comment != NULL)
    cJSON_AddStringToObject (c->decision, "comment", c->review_comment);
  else
    cJSON_AddNullToObject (c->decision, "comment");
  cJSON_AddStringToObject (c->decision, "by", push->device->name);
  cJSON_AddStringToObject (c->decision, "at", push->now);
  c->province = hs_office_province (head->office);

  set_result (c, HS_CHANGE_APPLIED, NULL, NULL);
  c->server_version = head->version;
  /* A second decision on the record in this batch sees this one. */
  cJSON_Delete (head->review);
  head->review = cJSON_Duplicate (c->decision, TRUE);
  g_hash_table_insert (g->applied, (gpointer) c->change_id, c);
}

/* A statement's parameters, copied (NULL stays NULL). */
static char **
copy_row (const char *const *row,
          guint              n)
{
  char **copy = g_new0 (char *, n);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (row[i]);
  return copy;
}

/* Queues one audit_log row per entry of "audit" (each a row of five
 * owned parameters) with the group's other writes. */
static void
add_audit_rows (HsGroup   *g,
                GPtrArray *audit)
{
  for (guint i = 0; i < audit->len; i++)
    hs_db_steps_add_owned (g->writes, "review_audit",
                           "INSERT INTO audit_log (action, device_id, change_id, record_id, detail)"
                           " VALUES ($1, $2::uuid, $3::uuid, $4::uuid, $5::jsonb)",
                           5, g_ptr_array_index (audit, i));
}

gboolean
hs_review_write (HsGroup  *g,
                 GError  **error)
{
  const char *device = g->push->device->id;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(cJSON) rows = cJSON_CreateArray ();
  /* Parameters of the audit and change-log rows, added in this order. */
  g_autoptr(GPtrArray) audit = g_ptr_array_new ();
  g_autoptr(GPtrArray) log = g_ptr_array_new ();
  g_autofree char *rows_json = NULL;
  g_autofree char *id_array = NULL;
  const char *params[2];

  for (guint i = 0; i < g->n; i++)
    {
      HsChange *c = g->changes[i];
      HsHead *head;
      g_autofree char *payload = NULL;
      g_autofree char *version = NULL;
      g_autoptr(cJSON) detail = NULL;
      g_autofree char *detail_text = NULL;
      cJSON *row;

      if (c->status != HS_CHANGE_APPLIED || strcmp (c->op, "review") != 0)
        continue;
      head = g_hash_table_lookup (g->heads, c->record_id);
      payload = cJSON_PrintUnformatted (c->decision);
      version = g_strdup_printf ("%" G_GINT64_FORMAT, c->server_version);

      row = cJSON_CreateObject ();
      cJSON_AddStringToObject (row, "province", c->province);
      cJSON_AddStringToObject (row, "id", c->record_id);
      cJSON_AddStringToObject (row, "state", c->review_state);
      cJSON_AddItemToObject (row, "review", cJSON_Duplicate (c->decision, TRUE));
      cJSON_AddItemToArray (rows, row);
      g_ptr_array_add (ids, (gpointer) c->record_id);

      /* Who decided (the device's id in its column, its name here), when,
       * and what. */
      detail = cJSON_Duplicate (c->decision, TRUE);
      cJSON_AddStringToObject (detail, "office", head->office);
      cJSON_AddNumberToObject (detail, "content_version", (double) c->server_version);
      detail_text = cJSON_PrintUnformatted (detail);
      {
        const char *audit_row[] = { "review", device, c->change_id, c->record_id, detail_text };
        const char *log_row[] = { c->province, head->office, device, c->record_id, version, payload,
                                  c->change_id, c->hash };

        g_ptr_array_add (audit, copy_row (audit_row, G_N_ELEMENTS (audit_row)));
        g_ptr_array_add (log, copy_row (log_row, G_N_ELEMENTS (log_row)));
      }
    }
  if (ids->len == 0)
    return TRUE;

  rows_json = cJSON_PrintUnformatted (rows);
  id_array = hs_db_uuid_array (ids);
  params[0] = rows_json;
  params[1] = id_array;
  /* The review block of the stored document and its column; the content
   * and its version stay as they are.  Sent with the group's other writes
   * (hs-apply.c). */
  hs_db_steps_add (g->writes, "review_records",
                   "UPDATE records r SET review_state = x.state,"
                   "  doc = jsonb_set (r.doc, '{review}', x.review)"
                   " FROM jsonb_to_recordset ($1::jsonb) AS x (province text, id uuid, state text,"
                   "  review jsonb)"
                   " WHERE r.province = x.province AND r.id = x.id AND r.id = ANY ($2::uuid[])",
                   2, params);
  add_audit_rows (g, audit);
  /* The log last, as in hs-write.c: its place is held until the commit. */
  hs_db_steps_lock_change_log (g->writes);
  for (guint i = 0; i < log->len; i++)
    hs_db_steps_add_owned (g->writes, "review_log",
                           "INSERT INTO change_log (op, province, office, device_id, record_id, content_version,"
                           " payload, change_id, content_hash)"
                           " VALUES ('review', $1, $2, $3::uuid, $4::uuid, $5::int, $6::jsonb, $7::uuid, $8)",
                           8, g_ptr_array_index (log, i));
  return TRUE;
}

/* ---- Potential duplicates ---- */

/* What a birth or death is compared by (folded names). */
typedef struct
{
  const char *kind;
  char       *name;     /* child or deceased */
  const char *born;     /* its date of birth */
  char       *mother;   /* birth: the mother's name */
  const char *pin;      /* death: the deceased's personal ID number */
} Match;

static void
match_clear (Match *m)
{
  g_free (m->name);
  g_free (m->mother);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Match, match_clear)

static char *
fold_or_null (const char *text)
{
  char *folded = text != NULL ? ht_fold (text) : NULL;

  if (folded != NULL && folded[0] == '\0')
    g_clear_pointer (&folded, g_free);
  return folded;
}

/* FALSE for a record that is not compared: not a birth or death, not
 * registered, or without what a match needs. */
static gboolean
match_of_record (const cJSON *record,
                 Match       *m)
{
  const char *kind = ht_record_kind_code (record);
  gboolean birth = g_strcmp0 (kind, "birth") == 0;

  memset (m, 0, sizeof *m);
  if ((!birth && g_strcmp0 (kind, "death") != 0) || g_strcmp0 (ht_record_status (record), "registered") != 0)
    return FALSE;
  m->kind = kind;
  m->name = fold_or_null (cJSON_GetStringValue (ht_record_get_path (record, birth ? "data.child.full_name"
                                                                                   : "data.deceased.full_name")));
  m->born = cJSON_GetStringValue (ht_record_get_path (record, birth ? "data.child.date_of_birth"
                                                                     : "data.deceased.date_of_birth"));
  if (birth)
    {
      m->mother = fold_or_null (cJSON_GetStringValue (ht_record_get_path (record, "data.mother.full_name")));
      return m->name != NULL && m->born != NULL && m->mother != NULL;
    }
  m->pin = cJSON_GetStringValue (ht_record_get_path (record, "data.deceased.pin"));
  if (m->pin != NULL && m->pin[0] == '\0')
    m->pin = NULL;
  return m->pin != NULL || (m->name != NULL && m->born != NULL);
}

/* The contract's rule: a birth by the child's folded name and date of
 * birth and the mother's folded name; a death by the deceased's personal
 * ID number, or folded name and date of birth. */
static gboolean
matches (const Match *a,
         const Match *b)
{
  gboolean same_person = a->name != NULL && b->name != NULL && a->born != NULL && b->born != NULL &&
                         g_str_equal (a->name, b->name) && g_str_equal (a->born, b->born);

  if (g_strcmp0 (a->kind, b->kind) != 0)
    return FALSE;
  if (g_str_equal (a->kind, "birth"))
    return same_person && g_strcmp0 (a->mother, b->mother) == 0;
  return (a->pin != NULL && g_strcmp0 (a->pin, b->pin) == 0) || same_person;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Whether another record holds one of the keys a match needs: most people
 * are new to the register, and this spares them the look-up below (one
 * name folded instead of the comparison's records copied and folded). */
static gboolean
worth_looking (HsLookup    *lookup,
               const cJSON *record)
{
  gboolean birth = g_strcmp0 (ht_record_kind_code (record), "birth") == 0;
  const char *name = cJSON_GetStringValue (ht_record_get_path (record, birth ? "data.child.full_name"
                                                                             : "data.deceased.full_name"));
  const char *born = cJSON_GetStringValue (ht_record_get_path (record, birth ? "data.child.date_of_birth"
                                                                             : "data.deceased.date_of_birth"));
  const char *pin = birth ? NULL : cJSON_GetStringValue (ht_record_get_path (record, "data.deceased.pin"));
  const char *id = ht_record_id (record);

  if (pin != NULL && pin[0] != '\0')
    {
      g_autofree char *key = hs_key (HT_KEY_PIN, pin);
      if (hs_lookup_key_shared (lookup, key, id))
        return TRUE;
    }
  if (name != NULL && born != NULL)
    {
      g_autofree char *folded = ht_fold (name);
      g_autofree char *value = g_strconcat (folded, "|", born, NULL);
      g_autofree char *key = hs_key (HT_KEY_PERSON, value);
      if (hs_lookup_key_shared (lookup, key, id))
        return TRUE;
    }
  return FALSE;
}

/* The other registered records "record" may duplicate, sorted; NULL when
 * none.  The validation rules' look-up answers: every stored record
 * sharing a key with the batch's people was fetched for them in one query
 * before validating (hs_lookup_prefetch_add()), and the batch's own records
 * are there too, so this costs a push no statement of its own. */
static GPtrArray *
find_duplicates (HsLookup    *lookup,
                 const cJSON *record)
{
  const HtLookup *ht = hs_lookup_get (lookup);
  g_auto(Match) mine = { 0 };
  g_autoptr(cJSON) candidates = NULL;
  GPtrArray *links = NULL;
  const cJSON *candidate;

  if (!worth_looking (lookup, record))
    return NULL;
  if (!match_of_record (record, &mine))
    return NULL;
  candidates = ht->find_person (ht->user_data, mine.kind, mine.pin, NULL, mine.born != NULL ? mine.name : NULL,
                                mine.born);
  cJSON_ArrayForEach (candidate, candidates)
    {
      g_auto(Match) theirs = { 0 };
      const char *id = ht_record_id (candidate);

      if (id == NULL || g_strcmp0 (id, ht_record_id (record)) == 0 || !match_of_record (candidate, &theirs) ||
          !matches (&mine, &theirs))
        continue;
      if (links == NULL)
        links = g_ptr_array_new_with_free_func (g_free);
      if (!g_ptr_array_find_with_equal_func (links, id, g_str_equal, NULL))
        g_ptr_array_add (links, g_strdup (id));
    }
  if (links != NULL)
    g_ptr_array_sort (links, compare_ids);
  return links;
}

gboolean
hs_review_flag_duplicates (HsGroup  *g,
                           GError  **error)
{
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(cJSON) updates = cJSON_CreateArray ();
  g_autoptr(GPtrArray) update_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) audit = g_ptr_array_new ();
  GError *lookup_error;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < g->n; i++)
    if (g->changes[i]->status == HS_CHANGE_APPLIED && g->changes[i]->work != NULL)
      g_hash_table_insert (last, (gpointer) g->changes[i]->record_id, g->changes[i]);

  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HsChange *c = value;
      const char *kind = ht_record_kind_code (c->work);
      g_autoptr(GPtrArray) links = NULL;
      cJSON *row;

      if (g_strcmp0 (kind, "birth") != 0 && g_strcmp0 (kind, "death") != 0)
        continue;
      links = find_duplicates (g->lookup, c->work);
      /* A new record without links has nothing to write; an edited one
       * may lose links it had. */
      if (links == NULL && c->is_new)
        continue;
      row = cJSON_CreateObject ();
      cJSON_AddStringToObject (row, "province", c->province);
      cJSON_AddStringToObject (row, "id", c->record_id);
      if (links != NULL)
        {
          g_autoptr(cJSON) detail = cJSON_CreateObject ();
          cJSON *array = cJSON_AddArrayToObject (row, "duplicates");
          cJSON *flagged = cJSON_AddArrayToObject (detail, "potential_duplicate");
          g_autofree char *detail_text = NULL;

          for (guint i = 0; i < links->len; i++)
            {
              cJSON_AddItemToArray (array, cJSON_CreateString (g_ptr_array_index (links, i)));
              cJSON_AddItemToArray (flagged, cJSON_CreateString (g_ptr_array_index (links, i)));
            }
          cJSON_AddStringToObject (detail, "kind", kind);
          cJSON_AddStringToObject (detail, "office", ht_record_office (c->work));
          detail_text = cJSON_PrintUnformatted (detail);
          {
            const char *audit_row[] = { "duplicate_flagged", g->push->device->id, c->change_id, c->record_id,
                                        detail_text };
            g_ptr_array_add (audit, copy_row (audit_row, G_N_ELEMENTS (audit_row)));
          }
        }
      /* Left out, "duplicates" becomes NULL. */
      cJSON_AddItemToArray (updates, row);
      g_ptr_array_add (update_ids, (gpointer) c->record_id);
    }
  lookup_error = hs_lookup_take_error (g->lookup);
  if (lookup_error != NULL)
    {
      g_propagate_error (error, lookup_error);
      return FALSE;
    }

  /* Sent with the group's other writes (hs-apply.c), after the records
   * they update. */
  if (update_ids->len > 0)
    {
      g_autofree char *updates_json = cJSON_PrintUnformatted (updates);
      g_autofree char *ids = hs_db_uuid_array (update_ids);
      const char *params[] = { updates_json, ids };

      hs_db_steps_add (g->writes, "review_duplicates_set",
                       "UPDATE records r SET duplicates = x.duplicates"
                       " FROM jsonb_to_recordset ($1::jsonb) AS x (province text, id uuid, duplicates jsonb)"
                       " WHERE r.province = x.province AND r.id = x.id AND r.id = ANY ($2::uuid[])"
                       " AND r.duplicates IS DISTINCT FROM x.duplicates",
                       2, params);
    }
  add_audit_rows (g, audit);
  return TRUE;
}
