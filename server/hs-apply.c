/* hs-apply.c — deciding and storing the changes of one push, exactly once.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch is one transaction.  Everything that could refuse a single change
 * is checked before anything is written — replays (change ids in the log),
 * stale base versions (record_heads rows, locked), register numbers already
 * used, the core validation rules — so a refused change never aborts the
 * others, and the writes that follow are a handful of set-based statements
 * for the whole batch.  The reads go to PostgreSQL together in one round
 * trip with the BEGIN, the writes in another with the COMMIT (libpq's
 * pipeline mode, hs_db_steps_run()): a round trip costs the server and its
 * PostgreSQL backend a sleep and a wake-up each, which on a busy machine
 * is more than most of these statements cost to run.  Only a personal ID
 * number's draw, and the rules' rare look-ups outside the prefetched keys,
 * take round trips of their own.
 *
 * What the checks cannot see is a concurrent batch writing the same number
 * or record id at the same moment.  The constraints catch that; the batch is
 * then rolled back and decided again, seeing the other batch's rows.  If it
 * keeps colliding, the batch is applied change by change, each in its own
 * savepoint, so that the collision costs only the change that collides.
 * Register numbers already used are left to the constraint on a batch's
 * first attempt, and looked up on the next (hs_push_apply()).
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "hs-db.h"
#include "hs-keys.h"
#include "hs-lookup.h"
#include "hs-push-private.h"
#include "hs-scope.h"

/* Whole-batch attempts before falling back to one savepoint per change. */
#define BATCH_ATTEMPTS 3
/* Attempts per change in the savepoint fallback. */
#define CHANGE_ATTEMPTS 3
/* Validation findings quoted in a result's message (all are in "issues"). */
#define MESSAGE_ISSUES 3

static void
head_free (HsHead *head)
{
  g_free (head->office);
  g_free (head->pin);
  g_free (head->registered_on);
  cJSON_Delete (head->review);
  if (head->keys != NULL)
    g_ptr_array_unref (head->keys);
  g_free (head);
}

static void
block_clear (HsBlock *block)
{
  g_free (block->kind);
}

static void
change_reset (HsChange *c)
{
  c->status = HS_CHANGE_PENDING;
  c->code = NULL;
  c->server_version = -1;
  c->is_new = FALSE;
  g_clear_pointer (&c->message, g_free);
  g_clear_pointer (&c->issues, cJSON_Delete);
  g_clear_pointer (&c->decision, cJSON_Delete);
  c->work = NULL;
}

static void
decide (HsChange       *c,
        HsChangeStatus  status,
        const char     *code,
        char           *message)
{
  c->status = status;
  c->code = code;
  g_free (c->message);
  c->message = message;
}

static char *
number_key (const char *office,
            const char *kind,
            gint64      year,
            gint64      number)
{
  char year_buf[HT_INT64_TEXT_SIZE], number_buf[HT_INT64_TEXT_SIZE];

  /* What "%s/%s/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT printed, without
   * printf: a key per numbered record of every push. */
  return g_strconcat (office != NULL ? office : "(null)", "/", kind != NULL ? kind : "(null)", "/",
                      ht_int64_text (year_buf, year), "/", ht_int64_text (number_buf, number), NULL);
}

/* ---- Reading what the server holds ---- */

#define BLOCKS_SQL \
  "SELECT kind, book_year, first_number, last_number FROM number_blocks WHERE device_id = $1::uuid"

static void
read_blocks (HsPush         *push,
             const PGresult *result)
{
  push->blocks = g_array_new (FALSE, TRUE, sizeof (HsBlock));
  g_array_set_clear_func (push->blocks, (GDestroyNotify) block_clear);
  for (int row = 0; row < PQntuples (result); row++)
    {
      HsBlock block = { g_strdup (PQgetvalue (result, row, 0)), hs_db_int (result, row, 1),
                      hs_db_int (result, row, 2), hs_db_int (result, row, 3) };
      g_array_append_val (push->blocks, block);
    }
  push->blocks_loaded = TRUE;
}

/* A number the device drew from one of its blocks was handed out by the
 * server; any other number was carried in from a book (a digitised entry),
 * and the rules that digitised entries relax apply to it. */
static gboolean
from_own_block (HsPush      *push,
                const cJSON *record)
{
  gint64 number = ht_record_number (record);

  for (guint i = 0; i < push->blocks->len; i++)
    {
      const HsBlock *b = &g_array_index (push->blocks, HsBlock, i);
      if (g_strcmp0 (b->kind, ht_record_kind_code (record)) == 0 && b->book_year == ht_record_book_year (record) &&
          number >= b->first && number <= b->last)
        return TRUE;
    }
  return FALSE;
}

/* Replays: the same change id already applied, earlier or in this group. */
static void
add_replays (HsGroup   *g,
             HsDbSteps *steps)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  char **params = g_new0 (char *, 1);

  for (guint i = 0; i < g->n; i++)
    g_ptr_array_add (ids, (gpointer) g->changes[i]->change_id);
  params[0] = hs_db_uuid_array (ids);
  hs_db_steps_add_owned (steps, "push_replays",
                         "SELECT change_id::text, content_hash, content_version FROM change_log"
                         " WHERE change_id = ANY ($1::uuid[])",
                         1, params);
}

static void
read_replays (HsGroup        *g,
              const PGresult *result)
{
  for (int row = 0; row < PQntuples (result); row++)
    {
      const char *id = PQgetvalue (result, row, 0);
      const char *hash = PQgetvalue (result, row, 1);

      for (guint i = 0; i < g->n; i++)
        {
          HsChange *c = g->changes[i];
          if (c->status != HS_CHANGE_PENDING || strcmp (c->change_id, id) != 0)
            continue;
          if (strcmp (c->hash, hash) != 0)
            {
              decide (c, HS_CHANGE_REJECTED, "id_reused",
                      g_strdup (_("This change id was already used for a different change")));
              continue;
            }
          /* The first result, told again: only applied changes are kept,
           * and an applied change has no code or message. */
          decide (c, HS_CHANGE_DUPLICATE, NULL, NULL);
          c->server_version = hs_db_value (result, row, 2) != NULL ? hs_db_int (result, row, 2) : -1;
        }
    }
}

/* The heads of every record of the group, locked.  Sent with the other
 * reads before replays are known, so a replayed change's record is locked
 * too, which changes nothing: it is one of the batch's records. */
static gboolean
add_heads (HsGroup   *g,
           HsDbSteps *steps)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  char **params;

  for (guint i = 0; i < g->n; i++)
    if (g->changes[i]->status == HS_CHANGE_PENDING)
      g_ptr_array_add (ids, (gpointer) g->changes[i]->record_id);
  if (ids->len == 0)
    return FALSE;
  /* Sorted, so that two batches touching the same records lock them in the
   * same order and cannot deadlock. */
  params = g_new0 (char *, 1);
  params[0] = hs_db_uuid_array (ids);
  hs_db_steps_add_owned (steps, "push_heads",
                         "SELECT h.id::text, h.content_version, h.office, r.pin, (r.doc -> 'review')::text,"
                         " r.doc::text, r.registered_on::text"
                         " FROM record_heads h JOIN records r ON r.province = h.province AND r.id = h.id"
                         " WHERE h.id = ANY ($1::uuid[]) ORDER BY h.id FOR UPDATE OF h",
                         1, params);
  return TRUE;
}

static void
read_heads (HsGroup        *g,
            const PGresult *result)
{
  for (int row = 0; row < PQntuples (result); row++)
    {
      HsHead *head = g_new0 (HsHead, 1);
      head->version = hs_db_int (result, row, 1);
      head->office = g_strdup (hs_db_value (result, row, 2));
      head->pin = g_strdup (hs_db_value (result, row, 3));
      head->review = hs_db_value (result, row, 4) != NULL ? cJSON_Parse (hs_db_value (result, row, 4)) : NULL;
      head->registered_on = g_strdup (hs_db_value (result, row, 6));
      /* The keys it is stored under, replaced if it changes (edits are few,
       * so computing them again beats storing them twice). */
      {
        g_autoptr(HtIssues) issues = ht_issues_new ();
        g_autoptr(cJSON) stored = ht_record_parse (PQgetvalue (result, row, 5), PQgetlength (result, row, 5), issues);
        head->keys = stored != NULL ? hs_record_keys (stored) : g_ptr_array_new_with_free_func (g_free);
        if (head->pin != NULL)
          hs_keys_add (head->keys, HT_KEY_PIN, head->pin);
      }
      g_hash_table_insert (g->heads, g_strdup (PQgetvalue (result, row, 0)), head);
    }
}

static gboolean
add_taken_numbers (HsGroup   *g,
                   HsDbSteps *steps)
{
  g_autoptr(cJSON) rows = cJSON_CreateArray ();
  char **params;

  for (guint i = 0; i < g->n; i++)
    {
      const HsChange *c = g->changes[i];
      cJSON *row;

      if (c->status != HS_CHANGE_PENDING || c->canonical == NULL || c->province == NULL ||
          ht_record_number (c->canonical) <= 0 || ht_record_book_year (c->canonical) <= 0)
        continue;
      row = cJSON_CreateObject ();
      cJSON_AddStringToObject (row, "province", c->province);
      cJSON_AddStringToObject (row, "office", ht_record_office (c->canonical));
      cJSON_AddStringToObject (row, "kind", ht_record_kind_code (c->canonical));
      cJSON_AddNumberToObject (row, "book_year", (double) ht_record_book_year (c->canonical));
      cJSON_AddNumberToObject (row, "number", (double) ht_record_number (c->canonical));
      cJSON_AddItemToArray (rows, row);
    }
  if (cJSON_GetArraySize (rows) == 0)
    return FALSE;

  params = g_new0 (char *, 1);
  params[0] = cJSON_PrintUnformatted (rows);
  hs_db_steps_add_owned (steps, "push_taken",
                         "SELECT t.id::text, x.office, x.kind, x.book_year, x.number"
                         " FROM jsonb_to_recordset ($1::jsonb)"
                         "  AS x (province text, office text, kind text, book_year int, number bigint)"
                         /* LATERAL … LIMIT: one index probe per number, whatever
                          * the planner guesses of the batch's size. */
                         " CROSS JOIN LATERAL (SELECT r.id FROM records r"
                         "  WHERE r.province = x.province AND r.office = x.office AND r.kind = x.kind"
                         "  AND r.book_year = x.book_year AND r.number = x.number LIMIT 1) t",
                         1, params);
  return TRUE;
}

static void
read_taken_numbers (HsGroup        *g,
                    const PGresult *result)
{
  for (int row = 0; row < PQntuples (result); row++)
    g_hash_table_insert (g->taken,
                         number_key (PQgetvalue (result, row, 1), PQgetvalue (result, row, 2),
                                     hs_db_int (result, row, 3), hs_db_int (result, row, 4)),
                         g_strdup (PQgetvalue (result, row, 0)));
}

/* Everything a group reads before deciding, in one round trip (and, for
 * a whole batch, the BEGIN of its transaction): the device's number
 * blocks, replays, the records' heads, the register numbers taken (with
 * "numbers") and the stored records sharing a key with the batch's
 * people. */
static gboolean
read_group (HsGroup  *g,
            gboolean  begin,
            gboolean  numbers,
            GError  **error)
{
  HsPush *push = g->push;
  g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
  g_autoptr(GPtrArray) key_sets = g_ptr_array_new ();
  gint blocks = -1, replays, heads = -1, taken = -1, prefetch = -1;

  if (begin)
    hs_db_steps_add (steps, NULL, "BEGIN", 0, NULL);
  if (!push->blocks_loaded)
    {
      const char *params[] = { push->device->id };
      blocks = (gint) hs_db_steps_add (steps, "push_blocks", BLOCKS_SQL, 1, params);
    }
  add_replays (g, steps);
  replays = (gint) hs_db_steps_len (steps) - 1;
  if (add_heads (g, steps))
    heads = (gint) hs_db_steps_len (steps) - 1;
  if (numbers && add_taken_numbers (g, steps))
    taken = (gint) hs_db_steps_len (steps) - 1;
  for (guint i = 0; i < g->n; i++)
    if (g->changes[i]->keys != NULL)
      g_ptr_array_add (key_sets, g->changes[i]->keys);
  if (hs_lookup_prefetch_add (g->lookup, key_sets, steps))
    prefetch = (gint) hs_db_steps_len (steps) - 1;

  if (!hs_db_steps_run (push->db, steps, error))
    return FALSE;
  if (blocks >= 0)
    read_blocks (push, hs_db_steps_result (steps, blocks));
  read_replays (g, hs_db_steps_result (steps, replays));
  if (heads >= 0)
    read_heads (g, hs_db_steps_result (steps, heads));
  if (taken >= 0)
    read_taken_numbers (g, hs_db_steps_result (steps, taken));
  if (prefetch >= 0)
    hs_lookup_prefetch_read (g->lookup, hs_db_steps_result (steps, prefetch));
  return TRUE;
}

/* ---- Deciding one change ---- */

void
hs_push_set_member (cJSON      *record,
                    const char *key,
                    cJSON      *value)
{
  const cJSON *m;

  /* Looked for case-sensitively, as it is then replaced:
   * cJSON_HasObjectItem() compared every name of the record without case,
   * in a call per member, four times per record decided. */
  for (m = record->child; m != NULL && m->string != NULL; m = m->next)
    if (m->string[0] == key[0] && strcmp (m->string, key) == 0)
      break;
  if (m != NULL && m->string != NULL)
    cJSON_ReplaceItemInObjectCaseSensitive (record, key, value);
  else
    cJSON_AddItemToObject (record, key, value);
}

static cJSON *
default_review (void)
{
  cJSON *review = cJSON_CreateObject ();

  cJSON_AddStringToObject (review, "state", "pending");
  cJSON_AddNullToObject (review, "comment");
  cJSON_AddNullToObject (review, "by");
  cJSON_AddNullToObject (review, "at");
  return review;
}

static char *
issues_message (HtIssues *issues)
{
  GString *s = g_string_new (NULL);
  guint shown = 0, errors = ht_issues_n_errors (issues);

  for (guint i = 0; i < issues->len; i++)
    {
      const HtIssue *issue = g_ptr_array_index (issues, i);
      if (issue->severity != HT_SEVERITY_ERROR)
        continue;
      if (shown == MESSAGE_ISSUES)
        {
          g_string_append_printf (s, ngettext ("; and %u more", "; and %u more", errors - shown), errors - shown);
          break;
        }
      g_string_append_printf (s, "%s%s: %s", shown > 0 ? "; " : "", issue->field, issue->message);
      shown++;
    }
  return g_string_free (s, FALSE);
}

/* Takes the record as pushed, puts the server's own fields on it (DESIGN.md
 * "field ownership": the commune writes the content, the reviewer the
 * review, the server the PIN and timestamps), and validates it. */
static void
decide_change (HsGroup  *g,
               HsChange *c)
{
  HsPush *push = g->push;
  HsHead *head = g_hash_table_lookup (g->heads, c->record_id);
  gint64 current = head != NULL ? head->version : 0;
  const char *office = ht_record_office (c->canonical);
  const cJSON *child_pin = ht_record_get_path (c->canonical, "data.child.pin");
  g_autoptr(HtIssues) issues = NULL;
  g_autofree char *key = NULL;
  HtValidateOptions options;
  gint64 number;
  const char *holder;

  if (c->base_version != current)
    {
      g_autofree char *theirs = g_strdup_printf ("%" G_GINT64_FORMAT, current);
      g_autofree char *ours = g_strdup_printf ("%" G_GINT64_FORMAT, c->base_version);

      decide (c, HS_CHANGE_CONFLICT, "stale_version",
              g_strdup_printf (_("The record is at version %s on the server, not %s; pull it and edit it again"),
                               theirs, ours));
      c->server_version = current;
      return;
    }
  if (head != NULL && g_strcmp0 (head->office, office) != 0)
    {
      decide (c, HS_CHANGE_REJECTED, "out_of_scope",
              g_strdup_printf (_("The record belongs to office %s"), head->office));
      return;
    }
  /* Approved content changes only through a change record (DESIGN.md),
   * and a rejected entry is void: neither is edited in place. */
  if (head != NULL && (g_str_equal (hs_head_review_state (head), "approved") ||
                       g_str_equal (hs_head_review_state (head), "rejected")))
    {
      decide (c, HS_CHANGE_REJECTED, "frozen",
              g_strdup (g_str_equal (hs_head_review_state (head), "approved")
                          ? _("The record was approved by the supervising office: approved content changes only "
                              "through a change record")
                          : _("The record was rejected by the supervising office: a void entry is not edited")));
      return;
    }
  if (g_strcmp0 (ht_record_id (c->canonical), c->record_id) != 0)
    {
      decide (c, HS_CHANGE_REJECTED, "invalid", g_strdup (_("id: the record's id is not the change's record_id")));
      return;
    }

  /* The record is stored as pushed, with the server's fields put on it;
   * c->hash and c->keys were taken before, and a retry puts the same
   * fields on again. */
  c->work = c->canonical;
  if (head != NULL && head->pin != NULL)
    hs_push_set_member (c->work, "pin", cJSON_CreateString (head->pin));
  else if (cJSON_IsString (child_pin))
    hs_push_set_member (c->work, "pin", cJSON_CreateString (child_pin->valuestring));
  else
    hs_push_set_member (c->work, "pin", cJSON_CreateNull ());
  hs_push_set_member (c->work, "review", head != NULL && head->review != NULL ? cJSON_Duplicate (head->review, TRUE)
                                                                      : default_review ());
  /* A returned record edited by its commune goes back to the reviewer;
   * the comment, who and when of the return stay for the next decision. */
  if (head != NULL && g_str_equal (hs_head_review_state (head), "returned"))
    hs_push_set_member (cJSON_GetObjectItemCaseSensitive (c->work, "review"), "state",
                        cJSON_CreateString ("resubmitted"));
  hs_push_set_member (c->work, "content_version", cJSON_CreateNumber ((double) (c->base_version + 1)));
  hs_push_set_member (c->work, "updated_at", cJSON_CreateString (push->now));

  ht_validate_options_init (&options);
  options.lookup = hs_lookup_get (g->lookup);
  options.office = office;
  options.digitised = ht_record_number (c->work) > 0 && !from_own_block (push, c->work);
  hs_lookup_set_office (g->lookup, office);
  hs_lookup_set_validating (g->lookup, ht_record_kind_code (c->work));
  issues = ht_validate (c->work, &options);
  hs_lookup_set_validating (g->lookup, NULL);
  if (g_strcmp0 (ht_record_status (c->work), "draft") == 0)
    ht_issues_add (issues, "status", "draft", HT_SEVERITY_ERROR,
                   _("a draft is not in the book yet; it syncs once registered"));
  if (ht_issues_n_errors (issues) > 0)
    {
      decide (c, HS_CHANGE_REJECTED, "invalid", issues_message (issues));
      c->issues = ht_issues_to_json (issues);
      c->work = NULL;
      return;
    }

  number = ht_record_number (c->work);
  if (number > 0)
    {
      key = number_key (office, ht_record_kind_code (c->work), ht_record_book_year (c->work), number);
      holder = g_hash_table_lookup (g->taken, key);
      if (holder != NULL && strcmp (holder, c->record_id) != 0)
        {
          g_autofree char *number_text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
          g_autofree char *year_text = g_strdup_printf ("%" G_GINT64_FORMAT, ht_record_book_year (c->work));

          /* TRANSLATORS: "Number 17 of the birth book of 2026 is already used
           * by another record of office 00004". */
          decide (c, HS_CHANGE_CONFLICT, "number_taken",
                  g_strdup_printf (_("Number %s of the %s book of %s is already used by another record of office %s"),
                                   number_text, ht_record_kind_code (c->work), year_text, office));
          c->work = NULL;
          return;
        }
    }

  /* Accepted: later changes of the batch see it. */
  decide (c, HS_CHANGE_APPLIED, NULL, NULL);
  c->server_version = c->base_version + 1;
  c->is_new = head == NULL;
  if (head == NULL)
    {
      head = g_new0 (HsHead, 1);
      head->office = g_strdup (office);
      head->pin = g_strdup (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (c->work, "pin")));
      g_hash_table_insert (g->heads, g_strdup (c->record_id), head);
    }
  head->version = c->server_version;
  if (key != NULL)
    g_hash_table_replace (g->taken, g_steal_pointer (&key), g_strdup (c->record_id));
  g_hash_table_insert (g->applied, (gpointer) c->change_id, c);
  hs_lookup_add (g->lookup, c->work, c->keys);
}

/* ---- A group: the whole batch, or one change of it ---- */

/* Decides a group and writes it; with "whole", the group is the batch and
 * its transaction's BEGIN and COMMIT go with its reads and writes.
 * Without "numbers", the register numbers the group uses are not looked
 * up first (see hs_push_apply()). */
static gboolean
apply_group (HsPush    *push,
             HsChange **changes,
             guint      n,
             gboolean   whole,
             gboolean   numbers,
             GError   **error)
{
  HsGroup g = { push, changes, n };
  gboolean ok = FALSE;
  GError *lookup_error;

  g.heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) head_free);
  g.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g.applied = g_hash_table_new (g_str_hash, g_str_equal);
  g.lookup = hs_lookup_new (push->db);
  g.writes = hs_db_steps_new ();

  for (guint i = 0; i < n; i++)
    change_reset (changes[i]);

  if (!read_group (&g, whole, numbers, error))
    goto out;

  for (guint i = 0; i < n; i++)
    {
      HsChange *c = changes[i];
      if (c->status != HS_CHANGE_PENDING)
        continue;
      switch (c->pre)
        {
        case HS_PRE_FORBIDDEN:
          decide (c, HS_CHANGE_REJECTED, "forbidden",
                  g_strdup (_("Only a supervising office's device sends review decisions")));
          break;
        case HS_PRE_COMMENT_REQUIRED:
          decide (c, HS_CHANGE_REJECTED, "comment_required",
                  g_strdup (g_str_equal (c->review_state, "rejected")
                              ? _("review.comment: a rejection needs the reason")
                              : _("review.comment: a returned record needs a comment for the commune")));
          break;
        case HS_PRE_OUT_OF_SCOPE:
          if (strcmp (c->op, "review") == 0)
            decide (c, HS_CHANGE_REJECTED, "out_of_scope",
                    g_strdup_printf (_("The record is outside this device's scope %s"), push->device->scope));
          else
            decide (c, HS_CHANGE_REJECTED, "out_of_scope",
                    g_strdup_printf (_("This device writes records of office %s only"), push->device->office));
          break;
        case HS_PRE_INVALID:
          decide (c, HS_CHANGE_REJECTED, "invalid", issues_message (c->parse_issues));
          c->issues = ht_issues_to_json (c->parse_issues);
          break;
        case HS_PRE_OK:
        default:
          break;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      HsChange *c = changes[i];
      HsChange *earlier;

      if (c->status != HS_CHANGE_PENDING)
        continue;
      /* The same change twice in one batch: the second is a replay. */
      earlier = g_hash_table_lookup (g.applied, c->change_id);
      if (earlier != NULL)
        {
          if (strcmp (earlier->hash, c->hash) == 0)
            {
              decide (c, HS_CHANGE_DUPLICATE, NULL, NULL);
              c->server_version = earlier->server_version;
            }
          else
            decide (c, HS_CHANGE_REJECTED, "id_reused",
                    g_strdup (_("This change id was already used for a different change")));
          continue;
        }
      if (strcmp (c->op, "review") == 0)
        hs_review_decide (&g, c);
      else
        decide_change (&g, c);
    }

  lookup_error = hs_lookup_take_error (g.lookup);
  if (lookup_error != NULL)
    {
      g_propagate_error (error, lookup_error);
      goto out;
    }
  /* Records and decisions are written apart: hs-write.c knows records
   * only.  The duplicates are looked for once the records and their keys
   * are stored, so that the batch's own records are found too. */
  {
    g_autofree HsChange **records = g_new (HsChange *, MAX (n, 1));
    HsGroup written = g;

    written.changes = records;
    written.n = 0;
    for (guint i = 0; i < n; i++)
      if (strcmp (changes[i]->op, "record") == 0)
        records[written.n++] = changes[i];
    ok = hs_push_write (&written, error) && hs_review_write (&g, error) &&
         hs_review_flag_duplicates (&written, error);
  }
  /* Every write of the group, and the commit, in one round trip. */
  if (ok && whole)
    hs_db_steps_add (g.writes, NULL, "COMMIT", 0, NULL);
  ok = ok && hs_db_steps_run (push->db, g.writes, error);

out:
  g_hash_table_unref (g.heads);
  g_hash_table_unref (g.taken);
  g_hash_table_unref (g.applied);
  hs_lookup_free (g.lookup);
  hs_db_steps_free (g.writes);
  return ok;
}

static gboolean
retryable (const GError *error)
{
  return error != NULL && error->domain == HS_DB_ERROR &&
         (error->code == HS_DB_ERROR_RETRY || error->code == HS_DB_ERROR_UNIQUE);
}

static gboolean
apply_one_by_one (HsPush  *push,
                  GError **error)
{
  if (!hs_db_begin (push->db, error))
    return FALSE;
  for (guint i = 0; i < push->n_changes; i++)
    {
      HsChange *c = &push->changes[i];

      for (guint attempt = 0;; attempt++)
        {
          g_autoptr(GError) local = NULL;

          if (!hs_db_run (push->db, "SAVEPOINT change", 0, NULL, error))
            goto fail;
          if (apply_group (push, &c, 1, FALSE, TRUE, &local))
            {
              if (!hs_db_run (push->db, "RELEASE SAVEPOINT change", 0, NULL, error))
                goto fail;
              break;
            }
          if (!retryable (local) || attempt + 1 == CHANGE_ATTEMPTS ||
              !hs_db_run (push->db, "ROLLBACK TO SAVEPOINT change", 0, NULL, NULL))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              goto fail;
            }
        }
    }
  if (hs_db_commit (push->db, error))
    return TRUE;

fail:
  hs_db_rollback (push->db);
  return FALSE;
}

gboolean
hs_push_apply (HsPush  *push,
               GError **error)
{
  g_autofree HsChange **all = g_new (HsChange *, MAX (push->n_changes, 1));

  for (guint i = 0; i < push->n_changes; i++)
    all[i] = &push->changes[i];
  if (push->now == NULL)
    push->now = hs_timestamp_now ();

  for (guint attempt = 0; attempt < BATCH_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local = NULL;

      /* The BEGIN goes with the batch's reads, the COMMIT with its writes.
       * The first attempt does not look up the register numbers the batch
       * uses: a device numbers its records from blocks the server reserved
       * for it alone, so a number already taken is rare (a digitised entry
       * given twice, a client's mistake), and the unique index on numbers
       * refuses it anyway.  That costs the batch a second attempt, which
       * does look them up and answers "number_taken"; the look-up spared
       * is a statement and an index probe per record of every push. */
      if (apply_group (push, all, push->n_changes, TRUE, attempt > 0, &local))
        return TRUE;
      hs_db_rollback (push->db);
      if (!retryable (local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_debug ("push: batch collided with another (%s), attempt %u", local->message, attempt + 1);
    }
  return apply_one_by_one (push, error);
}
