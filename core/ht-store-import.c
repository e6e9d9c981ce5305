/* ht-store-import.c — bulk import: many records in one transaction, all or nothing.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is a pipeline.  Worker threads take a chunk of records at a
 * time, a few chunks ahead, and do all that does not depend on the records
 * before: canonical trees (parsing JSON Lines, or re-canonicalising the
 * caller's trees), ids, envelopes, derived fields, the validation that asks
 * nothing of the register (_ht_store_prepare_pure), the index keys and the
 * canonical text.  The calling thread takes the chunks in order and, for
 * each record, does the rest of a save — the rules that look the register
 * up, in the open transaction so that they see the records before it in
 * the file; the number, written into the text; the rows — and notes what
 * it wrote for the lookups of the records after (HtImportKeys).  Only the
 * chunks in flight are in memory, so a file of a million lines costs no
 * more memory than one of a thousand.
 *
 * Once a record has failed nothing more is written, but every later record
 * is still checked, so that one run reports every bad line; the
 * transaction is then rolled back.
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-private.h"

/* Records per chunk, and chunks parsed ahead of the writer. */
#define CHUNK_SIZE 256
#define CHUNKS_AHEAD 8
#define MAX_WORKERS 4

/* Progress is reported every this many records. */
#define PROGRESS_EVERY 1000

/* SQLite polls the cancellable every this many virtual-machine steps. */
#define CANCEL_POLL_STEPS 1000

/* The page cache grows every this many records (_ht_import_set_cache). */
#define IMPORT_CACHE_STEP 2048

/* ---- The pipeline ---- */

typedef struct
{
  /* Input: a line of text (offset into the chunk's text) or a tree. */
  gsize     offset;
  gsize     length;
  guint64   line;
  gboolean  too_long;
  cJSON    *source;

  /* Output of the worker. */
  cJSON        *canon;      /* owned for line input; == source for tree input */
  HtIssues     *issues;
  gboolean      prepared;   /* the first step of preparing went through */
  gboolean      assigned_id;
  gboolean      printed;    /* text and index hold the record's */
  HtValidation *validation; /* what the writer validates (the chunk's), or NULL */
} Item;

typedef struct
{
  Item      items[CHUNK_SIZE];
  guint     n;
  GString  *text;
  gboolean  done;     /* under Pipeline.lock */
  guint     first;    /* tree input: the index of the first record */
  /* Trees the writer is done with, freed by the worker that next fills
   * the chunk: freeing a record's tree is a few per cent of the work the
   * writer, the import's bottleneck, would otherwise do. */
  GPtrArray *spent;
  /* Per item, kept from one filling to the next: the record's canonical
   * text and its index keys, made by the worker for the writer. */
  GString    *texts[CHUNK_SIZE];
  HtIndexBuf *bufs[CHUNK_SIZE];
  GArray     *hashes[CHUNK_SIZE];   /* guint64: the keys, as HtImportKeys keeps them */
  HtValidation *validations[CHUNK_SIZE];
  /* The change id of each record's outbox entry. */
  char        change_ids[CHUNK_SIZE][37];
} Chunk;

typedef struct
{
  GMutex       lock;
  GCond        cond;
  GAsyncQueue *chunks_to_parse;        /* Chunk* to canonicalise; the pipeline itself ends a worker */
  GThread     *threads[MAX_WORKERS];
  guint        n_threads;
  gboolean     from_lines;
  gint         stop;         /* atomic: the writer gave up, skip the rest */
  /* What the first step of preparing needs: the office, and the import's
   * user, time and day (read only by the workers). */
  const char  *office;
  HtSaveOp     op;
} Pipeline;

/* Everything about a record that does not depend on the records before it
 * in the file: the envelope, derived fields, the checks that ask nothing
 * of the register, the index keys and the text.  This is most of a
 * record's work, and the workers do it beside the writer. */
static void
prepare_item (Pipeline *p,
              Chunk    *chunk,
              Item     *item)
{
  guint i = item - chunk->items;
  HtSaveOp op = p->op;
  gboolean deferred = FALSE;

  chunk->change_ids[i][0] = '\0';
  if (chunk->validations[i] == NULL)
    chunk->validations[i] = ht_validation_new ();
  item->prepared = _ht_store_prepare_pure (p->office, &op, item->canon, item->issues,
                                           chunk->validations[i], &deferred);
  item->validation = deferred ? chunk->validations[i] : NULL;
  item->assigned_id = op.assigned_id;
  if (!item->prepared || ht_issues_n_errors (item->issues) > 0)
    return;

  if (chunk->texts[i] == NULL)
    {
      chunk->texts[i] = g_string_sized_new (4096);
      chunk->bufs[i] = _ht_index_buf_new ();
      chunk->hashes[i] = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 32);
    }
  /* A record without a number is printed with null ones, which the writer
   * replaces with those it gives (patch_number). */
  item->printed = ht_record_print_into (item->canon, chunk->texts[i]) != NULL;
  /* The outbox entry's id, random: made here, it costs the writer nothing. */
  {
    g_autofree char *change_id = g_uuid_string_random ();
    g_strlcpy (chunk->change_ids[i], change_id, sizeof chunk->change_ids[i]);
  }
  if (item->printed)
    {
      _ht_index_buf_collect (chunk->bufs[i], item->canon);
      g_array_set_size (chunk->hashes[i], 0);
      _ht_index_buf_key_hashes (chunk->bufs[i], chunk->hashes[i]);
    }
}

static void
canonicalise_item (Pipeline *p,
                   Chunk    *chunk,
                   Item     *item)
{
  item->issues = ht_issues_new ();
  if (!p->from_lines)
    {
      cJSON *canon = ht_record_canonicalize (item->source, item->issues);

      /* In place: the caller's tree becomes the canonical one, so an
       * import does not hold two copies of each record. */
      if (canon != NULL)
        {
          _ht_record_replace_contents (item->source, canon);
          item->canon = item->source;
        }
    }
  else if (item->too_long)
    ht_issues_add (item->issues, "", "too_large", HT_SEVERITY_ERROR,
                   _("the line is longer than %d bytes"), HT_RECORD_MAX_BYTES);
  else
    item->canon = ht_record_parse (chunk->text->str + item->offset, item->length, item->issues);
  if (item->canon != NULL)
    prepare_item (p, chunk, item);
}

static gpointer
pipeline_worker (gpointer data)
{
  Pipeline *p = data;
  Chunk *chunk;

  while ((chunk = g_async_queue_pop (p->chunks_to_parse)) != (Chunk *) p)
    {
      if (chunk->spent != NULL)
        g_ptr_array_set_size (chunk->spent, 0);
      for (guint i = 0; i < chunk->n && !g_atomic_int_get (&p->stop); i++)
        canonicalise_item (p, chunk, &chunk->items[i]);
      /* The text is not needed once parsed. */
      if (chunk->text != NULL)
        g_string_truncate (chunk->text, 0);

      g_mutex_lock (&p->lock);
      chunk->done = TRUE;
      g_cond_broadcast (&p->cond);
      g_mutex_unlock (&p->lock);
    }
  return NULL;
}

static void
pipeline_start (Pipeline       *p,
                gboolean        from_lines,
                HtStore        *self,
                const HtSaveOp *op)
{
  /* The writer keeps one core busy; the others parse.  On a single core
   * one worker still lets parsing overlap the writer's waits for I/O. */
  guint workers = CLAMP (g_get_num_processors () - 1, 1, MAX_WORKERS);

  memset (p, 0, sizeof *p);
  g_mutex_init (&p->lock);
  g_cond_init (&p->cond);
  p->chunks_to_parse = g_async_queue_new ();
  p->from_lines = from_lines;
  p->office = self->office;
  p->op = *op;
  for (guint i = 0; i < workers; i++)
    p->threads[p->n_threads++] = g_thread_new ("ht-import", pipeline_worker, p);
}

static void
pipeline_wait (Pipeline *p,
               Chunk    *chunk)
{
  g_mutex_lock (&p->lock);
  while (!chunk->done)
    g_cond_wait (&p->cond, &p->lock);
  g_mutex_unlock (&p->lock);
}

static void
pipeline_finish (Pipeline *p)
{
  g_atomic_int_set (&p->stop, TRUE);
  for (guint i = 0; i < p->n_threads; i++)
    g_async_queue_push (p->chunks_to_parse, p);
  for (guint i = 0; i < p->n_threads; i++)
    g_thread_join (p->threads[i]);
  g_async_queue_unref (p->chunks_to_parse);
  g_mutex_clear (&p->lock);
  g_cond_clear (&p->cond);
}

static Chunk *
ring_new (gboolean from_lines)
{
  Chunk *ring = g_new0 (Chunk, CHUNKS_AHEAD);

  for (guint i = 0; i < CHUNKS_AHEAD; i++)
    {
      if (from_lines)
        {
          ring[i].text = g_string_sized_new (CHUNK_SIZE * 2048);
          ring[i].spent = g_ptr_array_new_full (CHUNK_SIZE, (GDestroyNotify) cJSON_Delete);
        }
    }
  return ring;
}

static void
ring_free (Chunk *ring)
{
  for (guint i = 0; i < CHUNKS_AHEAD; i++)
    {
      if (ring[i].text != NULL)
        g_string_free (ring[i].text, TRUE);
      g_clear_pointer (&ring[i].spent, g_ptr_array_unref);
      for (guint j = 0; j < CHUNK_SIZE; j++)
        {
          if (ring[i].texts[j] != NULL)
            g_string_free (ring[i].texts[j], TRUE);
          g_clear_pointer (&ring[i].bufs[j], _ht_index_buf_free);
          g_clear_pointer (&ring[i].hashes[j], g_array_unref);
          g_clear_pointer (&ring[i].validations[j], ht_validation_free);
        }
    }
  g_free (ring);
}

/* ---- Writing ---- */

typedef struct
{
  HtStore        *self;
  HtSaveOp        op;
  HtAuditChain    chain;
  HtIndexBuf     *buf;
  HtImportKeys   *keys;
  HtImportRows   *rows;       /* outbox and audit rows not yet written */
  GString        *scratch;
  GArray         *hashes;     /* of a record the workers did not collect */
  GHashTable     *seen;       /* after a failure: ids and numbers met */
  gint64          register_records;  /* the highest rid before the import */
  gboolean        merges_off;  /* the search index's automerge is off */
  GPtrArray      *indexes;    /* definitions of the indexes built at the end, or NULL */
  guint64         done;
  guint64         failed;
  HtImportSummary summary;
  HtProgressFunc  progress;
  gpointer        progress_data;
  guint64         total;      /* 0 when unknown */
} Writer;

static int
progress_handler (void *user_data)
{
  HtStore *self = user_data;

  return self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);
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

/* The worker printed a record without a number with "book_year":null,
 * "number":null (the first such members of the text are the envelope's,
 * which come before "data"); the writer writes in the numbers it gave, as
 * cJSON prints them.  FALSE when the text has another shape. */
static gboolean
patch_number (GString *text,
              gint64   book_year,
              gint64   number)
{
  static const char nulls[] = "\"book_year\":null,\"number\":null";
  const char *at = strstr (text->str, nulls);
  char given[64];
  gsize pos;

  /* cJSON prints a number that is not an int with "%1.15g". */
  if (at == NULL || book_year > G_MAXINT || number > G_MAXINT)
    return FALSE;
  pos = at - text->str;
  g_snprintf (given, sizeof given, "\"book_year\":%d,\"number\":%d", (int) book_year, (int) number);
  g_string_erase (text, pos, sizeof nulls - 1);
  g_string_insert (text, pos, given);
  return TRUE;
}

/* Writes a prepared record, with the text and index keys the worker made. */
static gboolean
write_prepared (Writer      *w,
                Item        *item,
                const char  *change_id,
                GString     *text,
                HtIndexBuf  *buf,
                GArray      *hashes,
                GError     **error)
{
  HtSaveOp *op = &w->op;
  gboolean ok;

  op->change_id = change_id;
  if (item->printed)
    {
      if (!op->assigned_number
          || patch_number (text, ht_record_book_year (item->canon), ht_record_number (item->canon))
          || ht_record_print_into (item->canon, text) != NULL)
        {
          op->text = text->str;
          op->text_len = text->len;
        }
      _ht_index_buf_adopt (w->buf, buf, item->canon);
    }
  ok = _ht_store_write_record (w->self, op, item->canon, item->issues, w->buf, &w->chain, w->scratch, error);
  /* The lookups of the records after this one may now find it. */
  if (ok && !item->printed)
    {
      g_array_set_size (w->hashes, 0);
      _ht_index_buf_key_hashes (w->buf, w->hashes);
      hashes = w->hashes;
    }
  if (ok)
    _ht_import_keys_add_record (w->keys, item->canon, hashes);
  if (item->printed)
    _ht_index_buf_adopt (w->buf, buf, NULL);
  op->text = NULL;
  op->change_id = NULL;
  return ok;
}

/* Prepares and, while nothing has failed, writes one record.  A problem of
 * the record itself becomes its issue and FALSE; a failure of the register
 * is an error. */
static gboolean
import_one (Writer    *w,
            Chunk     *chunk,
            Item      *item,
            GError   **error)
{
  g_autoptr(GError) record_error = NULL;
  HtSaveOp *op = &w->op;
  guint i = item - chunk->items;

  op->assigned_id = item->assigned_id;
  op->assigned_number = op->no_number = FALSE;
  if (item->canon == NULL || !item->prepared)
    _ht_issues_set_invalid (item->issues, &record_error);
  else if (_ht_store_prepare_finish (w->self, op, item->canon, item->validation, item->issues, &record_error))
    {
      if (w->seen != NULL && clashes_in_file (w->seen, item->canon, op, item->issues))
        return FALSE;
      if (w->failed > 0 || write_prepared (w, item, chunk->change_ids[i][0] != '\0' ? chunk->change_ids[i] : NULL,
                                                  chunk->texts[i], chunk->bufs[i], chunk->hashes[i], &record_error))
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
    ht_issues_add (item->issues, record_error->code == HT_ERROR_EXISTS ? "id" : "number",
                   record_error->code == HT_ERROR_EXISTS ? "id_exists"
                   : op->no_number ? "no_number_left" : "number_taken",
                   HT_SEVERITY_ERROR, "%s", record_error->message);
  return FALSE;
}

/* Takes one canonicalised record through import_one and counts it.  Kept
 * out of line, as writer_end is, so that a profiler can count the
 * writer's work by these two functions (docs/local-store.md). */
static G_GNUC_NO_INLINE gboolean
writer_take (Writer        *w,
             Chunk         *chunk,
             Item          *item,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  ok = import_one (w, chunk, item, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (!ok && w->failed++ == 0)
    w->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (ok)
    {
      if (w->op.assigned_number)
        w->summary.numbered++;
      else if (ht_record_number (item->canon) > 0)
        w->summary.kept++;
    }
  for (guint i = 0; i < item->issues->len; i++)
    if (((HtIssue *) item->issues->pdata[i])->severity == HT_SEVERITY_WARNING)
      w->summary.warnings++;
  w->summary.records++;
  if (w->summary.records % IMPORT_CACHE_STEP == 0)
    _ht_import_set_cache (w->self, (guint64) MAX (w->register_records, 0) + w->summary.records);
  if (w->progress != NULL && ++w->done % PROGRESS_EVERY == 0)
    w->progress (w->done, w->total, w->progress_data);
  return TRUE;
}

/* What an import's records are saved with. */
static HtSaveOp
import_op (const char *user,
           const char *now)
{
  HtSaveOp op = { user, NULL, now, HT_SAVE_DEFAULT, TRUE };

  ht_date_today (&op.today);
  return op;
}

/* Sets the connection up for a long write and opens the transaction. */
static gboolean
writer_begin (Writer          *w,
              HtStore         *self,
              const HtSaveOp  *op,
              HtProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  gboolean empty = FALSE;
  gint64 max_rid = 0;

  memset (w, 0, sizeof *w);
  w->self = self;
  w->op = *op;
  w->buf = _ht_index_buf_new ();
  _ht_index_buf_defer (w->buf);
  w->scratch = g_string_sized_new (4096);
  w->hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  w->progress = progress;
  w->progress_data = progress_data;

  g_rec_mutex_lock (&self->lock);
  self->cancellable = cancellable;
  sqlite3_progress_handler (self->db, CANCEL_POLL_STEPS, progress_handler, self);
  if (!_ht_store_begin (self, error) || !_ht_store_check_content_writable (self, error)
      || !_ht_audit_chain_load (self, &w->chain, error) || !_ht_import_register_size (self, &empty, &max_rid, error))
    return FALSE;
  w->register_records = max_rid;
  _ht_import_set_cache (self, (guint64) MAX (max_rid, 0));
  w->keys = _ht_import_keys_new (empty, w->buf);
  self->import_keys = w->keys;
  w->rows = _ht_import_rows_new ();
  self->import_rows = w->rows;
  if (empty)
    {
      if (!_ht_import_set_search_merges (self, FALSE, error)
          || !_ht_import_drop_indexes (self, &w->indexes, error))
        return FALSE;
      w->merges_off = TRUE;
    }
  return TRUE;
}

/* Commits (or, on "error", rolls back) and puts the connection back. */
static G_GNUC_NO_INLINE gboolean
writer_end (Writer  *w,
            GError **error)
{
  HtStore *self = w->self;
  gboolean ok = error == NULL || *error == NULL;

  if (ok && w->failed > 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   ngettext ("%" PRIu64 " of %" PRIu64 " records has errors, so nothing was imported",
                             "%" PRIu64 " of %" PRIu64 " records have errors, so nothing was imported",
                             w->failed),
                   (uint64_t) w->failed, (uint64_t) w->summary.records);
      ok = FALSE;
    }
  if (ok)
    ok = _ht_import_rows_flush (self, error)
      && _ht_index_buf_flush (self, w->buf, error)
      && (!w->merges_off || _ht_import_set_search_merges (self, TRUE, error))
      && _ht_import_optimize_search (self, w->summary.records, error)
      && _ht_import_build_indexes (self, w->indexes, error)
      && _ht_audit_chain_store (self, &w->chain, error)
      && _ht_store_commit (self, error);
  if (!ok)
    _ht_store_rollback (self);
  else
    {
      /* A large import leaves a log as big as what it wrote; shrinking it
       * here makes the import pay for it, not the clerk's next save.  A
       * reader holding the log only makes this a partial checkpoint. */
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
  /* A fresh connection, whose page cache is small again: the large one
   * would make every later save of this store walk its whole hash table
   * (ht-store-files.c).  Should reopening fail, the store reports it at
   * its next use. */
  _ht_store_renew_connection (self, NULL);
  if (self->db != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  self->cancellable = NULL;
  self->import_keys = NULL;
  self->import_rows = NULL;
  g_rec_mutex_unlock (&self->lock);

  g_clear_pointer (&w->keys, _ht_import_keys_free);
  g_clear_pointer (&w->rows, _ht_import_rows_free);
  g_clear_pointer (&w->buf, _ht_index_buf_free);
  g_string_free (w->scratch, TRUE);
  g_clear_pointer (&w->hashes, g_array_unref);
  g_clear_pointer (&w->seen, g_hash_table_unref);
  g_clear_pointer (&w->indexes, g_ptr_array_unref);
  if (ok && w->progress != NULL)
    w->progress (w->summary.records, w->total, w->progress_data);
  return ok;
}

/* ---- Import of trees ---- */

/* Undoes what a rolled-back import assigned in the caller's records. */
static void
undo_assigned (GPtrArray *records,
               guint8    *assigned)
{
  for (guint i = 0; i < records->len; i++)
    {
      cJSON *record = records->pdata[i];

      if (assigned[i] & 1)
        _ht_record_set_member (record, "id", cJSON_CreateNull ());
      if (assigned[i] & 2)
        {
          _ht_record_set_member (record, "book_year", cJSON_CreateNull ());
          _ht_record_set_member (record, "number", cJSON_CreateNull ());
        }
    }
}

static void
fill_trees (Chunk     *chunk,
            GPtrArray *records,
            guint     *next)
{
  chunk->n = 0;
  chunk->done = FALSE;
  chunk->first = *next;
  while (chunk->n < CHUNK_SIZE && *next < records->len)
    {
      Item *item = &chunk->items[chunk->n++];

      memset (item, 0, sizeof *item);
      item->source = records->pdata[(*next)++];
    }
}

/* Hands the issues of a chunk's records on, in their order, and notes the
 * ids the workers gave. */
static void
retire_trees (Chunk     *chunk,
              GPtrArray *all_issues,
              guint8    *assigned)
{
  for (guint i = 0; i < chunk->n; i++)
    {
      Item *item = &chunk->items[i];

      if (item->assigned_id)
        assigned[chunk->first + i] |= 1;
      g_ptr_array_add (all_issues, item->issues != NULL ? g_steal_pointer (&item->issues) : ht_issues_new ());
      item->validation = NULL;
    }
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
  g_autofree char *now = ht_timestamp_now ();
  g_autofree guint8 *assigned = NULL;
  g_autoptr(GError) local_error = NULL;
  Chunk *ring;
  guint next_record = 0;
  guint64 next_read = 0, next_write = 0;
  HtSaveOp op;
  Pipeline pipeline;
  Writer w;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (user != NULL && user[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  assigned = g_new0 (guint8, records->len + 1);
  all_issues = g_ptr_array_new_full (records->len, (GDestroyNotify) g_ptr_array_unref);
  ring = ring_new (FALSE);
  op = import_op (user, now);

  pipeline_start (&pipeline, FALSE, self, &op);
  if (writer_begin (&w, self, &op, progress, progress_data, cancellable, &local_error))
    {
      w.total = records->len;
      while (local_error == NULL)
        {
          Chunk *chunk;

          /* The workers run a few chunks ahead of the writer; only those
           * chunks' texts and keys are in memory. */
          while (next_record < records->len && next_read < next_write + CHUNKS_AHEAD)
            {
              chunk = &ring[next_read++ % CHUNKS_AHEAD];
              fill_trees (chunk, records, &next_record);
              g_async_queue_push (pipeline.chunks_to_parse, chunk);
            }
          if (next_write == next_read)
            break;

          chunk = &ring[next_write++ % CHUNKS_AHEAD];
          pipeline_wait (&pipeline, chunk);
          for (guint i = 0; i < chunk->n && local_error == NULL; i++)
            {
              writer_take (&w, chunk, &chunk->items[i], cancellable, &local_error);
              /* Taken back if the import does not commit, written or not. */
              if (w.op.assigned_number)
                assigned[chunk->first + i] |= 2;
            }
          retire_trees (chunk, all_issues, assigned);
        }
    }
  /* Chunks still queued when the writer gave up are skipped by the
   * workers; wait for them before their memory goes. */
  pipeline_finish (&pipeline);
  for (; next_write < next_read; next_write++)
    retire_trees (&ring[next_write % CHUNKS_AHEAD], all_issues, assigned);
  if (!writer_end (&w, &local_error))
    undo_assigned (records, assigned);
  ring_free (ring);

  /* One issue list per record, empty where the import stopped early. */
  while (all_issues->len < records->len)
    g_ptr_array_add (all_issues, ht_issues_new ());
  if (issues_per_record != NULL)
    *issues_per_record = g_steal_pointer (&all_issues);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- Import of JSON Lines ---- */

static void
line_issues_clear (gpointer data)
{
  HtLineIssues *li = data;

  g_clear_pointer (&li->issues, g_ptr_array_unref);
}

/* Fills "chunk" with up to CHUNK_SIZE non-blank lines; FALSE at the end of
 * the input or on a read error. */
static gboolean
read_chunk (Chunk           *chunk,
            HtLineReadFunc   read,
            gpointer         read_data,
            GError         **error)
{
  chunk->n = 0;
  chunk->done = FALSE;
  g_string_truncate (chunk->text, 0);
  while (chunk->n < CHUNK_SIZE)
    {
      const char *line = NULL;
      gsize length = 0, blank = 0;
      guint64 line_no = 0;
      gboolean too_long = FALSE;
      Item *item;

      if (!read (read_data, &line, &length, &line_no, &too_long, error))
        break;
      /* A blank line separates nothing in JSON Lines. */
      while (!too_long && blank < length && g_ascii_isspace (line[blank]))
        blank++;
      if (!too_long && blank == length)
        continue;
      item = &chunk->items[chunk->n++];
      memset (item, 0, sizeof *item);
      item->line = line_no;
      item->too_long = too_long;
      if (!too_long)
        {
          item->offset = chunk->text->len;
          item->length = length;
          g_string_append_len (chunk->text, line, length);
          /* ht_record_parse takes a length, but a NUL after each line
           * keeps stray readers of the text within it. */
          g_string_append_c (chunk->text, '\0');
        }
    }
  return chunk->n > 0;
}

/* Keeps the issues of an item that has any, and hands its tree to the
 * worker that next fills the chunk. */
static void
keep_issues (GArray *line_issues,
             Chunk  *chunk,
             Item   *item)
{
  if (item->issues != NULL && item->issues->len > 0)
    {
      HtLineIssues li = { item->line, g_steal_pointer (&item->issues) };
      g_array_append_val (line_issues, li);
    }
  g_clear_pointer (&item->issues, g_ptr_array_unref);
  item->validation = NULL;
  if (item->canon != NULL)
    g_ptr_array_add (chunk->spent, g_steal_pointer (&item->canon));
}

gboolean
ht_store_import_lines (HtStore          *self,
                       HtLineReadFunc    read,
                       gpointer          read_data,
                       const char       *user,
                       GArray          **line_issues,
                       HtImportSummary  *summary,
                       HtProgressFunc    progress,
                       gpointer          progress_data,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GArray) issues = g_array_new (FALSE, FALSE, sizeof (HtLineIssues));
  g_autofree char *now = ht_timestamp_now ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) read_error = NULL;
  Chunk *ring = NULL;
  guint64 next_read = 0, next_write = 0;
  gboolean more = TRUE;
  HtSaveOp op;
  Pipeline pipeline;
  Writer w;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (read != NULL, FALSE);
  g_return_val_if_fail (user != NULL && user[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_clear_func (issues, line_issues_clear);
  ring = ring_new (TRUE);
  op = import_op (user, now);

  pipeline_start (&pipeline, TRUE, self, &op);
  if (writer_begin (&w, self, &op, progress, progress_data, cancellable, &local_error))
    {
      for (;;)
        {
          Chunk *chunk;

          /* Keep the workers a few chunks ahead of the writer. */
          while (more && next_read < next_write + CHUNKS_AHEAD)
            {
              chunk = &ring[next_read % CHUNKS_AHEAD];
              more = read_chunk (chunk, read, read_data, &read_error);
              if (!more)
                break;
              g_async_queue_push (pipeline.chunks_to_parse, chunk);
              next_read++;
            }
          if (next_write == next_read)
            break;

          chunk = &ring[next_write % CHUNKS_AHEAD];
          pipeline_wait (&pipeline, chunk);
          for (guint i = 0; i < chunk->n; i++)
            {
              if (local_error == NULL && read_error == NULL)
                writer_take (&w, chunk, &chunk->items[i], cancellable, &local_error);
              keep_issues (issues, chunk, &chunk->items[i]);
            }
          next_write++;
          if (local_error != NULL || read_error != NULL)
            more = FALSE;
        }
    }
  /* Chunks still queued when the writer gave up are skipped by the
   * workers; wait for them before their memory goes. */
  pipeline_finish (&pipeline);
  for (; next_write < next_read; next_write++)
    {
      Chunk *chunk = &ring[next_write % CHUNKS_AHEAD];
      for (guint i = 0; i < chunk->n; i++)
        keep_issues (issues, chunk, &chunk->items[i]);
    }
  if (local_error == NULL && read_error != NULL)
    local_error = g_steal_pointer (&read_error);
  writer_end (&w, &local_error);
  ring_free (ring);

  if (summary != NULL)
    *summary = w.summary;
  if (line_issues != NULL)
    *line_issues = g_steal_pointer (&issues);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
