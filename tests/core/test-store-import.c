/* test-store-import.c — tests of bulk import: all or nothing.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture (a new register per test) and helpers are in ht-test-store.c.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-gen.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

/* ---- Import ---- */

static void
count_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  guint *calls = user_data;

  ck_assert_uint_le (done, total);
  (*calls)++;
}


START_TEST (test_import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = births (100);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *before = table_counts ();
  guint calls = 0;

  /* One record born after its registration spoils the whole file. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (records->pdata[57]), "child"),
                             "date_of_birth", cJSON_CreateString ("2026-09-01"));
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_uint_eq (issues->len, 100);
  ck_assert_uint_gt (ht_issues_n_errors (issues->pdata[57]), 0);
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[3]), 0);
  {
    g_autofree char *after = table_counts ();
    ck_assert_str_eq (before, after);
  }
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (records->pdata[3], "number")));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (records->pdata[57]), "child"),
                             "date_of_birth", cJSON_CreateString ("2026-08-01"));
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, count_progress, &calls, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_ge (calls, 1);
  ck_assert_uint_eq (ht_store_count (store, "birth"), 100);
  ck_assert_int_eq (ht_record_number (records->pdata[99]), 100);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), 100);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM audit WHERE action = 'import'"), 100);
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

START_TEST (test_import_chunks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = births (1100);
  g_autoptr(GPtrArray) issues = NULL;
  guint calls = 0;

  /* Records are canonicalised ahead of the writer in chunks, on other
   * threads: a malformed one far into the file still stops everything. */
  cJSON_AddStringToObject (records->pdata[700], "bogus", "x");
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert (ht_issues_has_code (issues->pdata[700], "bogus", "unknown_field"));
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[699]), 0);
  ck_assert_uint_eq (ht_store_count (store, NULL), 0);
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (records->pdata[10], "id")));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  cJSON_DeleteItemFromObject (records->pdata[700], "bogus");
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, count_progress, &calls, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_eq (calls, 2);
  ck_assert_uint_eq (ht_store_count (store, "birth"), 1100);
  ck_assert_int_eq (sql_int ("SELECT count(DISTINCT number) FROM records"), 1100);
  ck_assert_int_eq (sql_int ("SELECT max(number) FROM records"), 1100);
  for (guint i = 0; i < records->len; i++)
    ck_assert_int_eq (ht_record_number (records->pdata[i]), i + 1);
}
END_TEST

START_TEST (test_import_merges_search)
{
  g_autoptr(GError) error = NULL;
  /* Distinct names: child_name() repeats after 2,450. */
  g_autoptr(GPtrArray) records = births (2131);
  g_autoptr(GPtrArray) few = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *name = NULL;

  while (records->len > 2101)
    g_ptr_array_add (few, g_ptr_array_steal_index (records, records->len - 1));
  /* A save first, so that the search index already has a segment of its
   * own when the import comes. */
  save_new (g_ptr_array_steal_index (records, records->len - 1), HT_SAVE_DEFAULT);
  ck_assert_int_eq (sql_int ("SELECT count(DISTINCT segid) FROM search_idx"), 1);

  /* An import that brings most of the register leaves its index merged
   * into one segment: no large merges left for the clerk's next saves. */
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_int_eq (sql_int ("SELECT count(DISTINCT segid) FROM search_idx"), 1);
  name = ht_fold (cJSON_GetStringValue (ht_record_get_path (records->pdata[1234], "data.child.full_name")));
  ck_assert (search_finds (name, ht_record_id (records->pdata[1234])));
  ck_assert (ht_store_check (store, NULL, NULL));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* A small import into a larger register leaves FTS5 its own merging. */
  ck_assert_msg (ht_store_import (store, few, "lan.nt", &issues, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_int_gt (sql_int ("SELECT count(DISTINCT segid) FROM search_idx"), 1);
  ck_assert (search_finds (name, ht_record_id (records->pdata[1234])));
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

START_TEST (test_import_clashes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = births (5);
  g_autoptr(GPtrArray) issues = NULL;

  /* Two digitised entries with one number, and an id given twice. */
  for (guint i = 1; i <= 2; i++)
    {
      cJSON_ReplaceItemInObject (records->pdata[i], "book_year", cJSON_CreateNumber (2026));
      cJSON_ReplaceItemInObject (records->pdata[i], "number", cJSON_CreateNumber (7));
    }
  cJSON_ReplaceItemInObject (records->pdata[3], "id", cJSON_CreateString ("7d0f3c52-5f0b-4c52-9d1e-7f3a3b1c2d4e"));
  cJSON_ReplaceItemInObject (records->pdata[4], "id", cJSON_CreateString ("7d0f3c52-5f0b-4c52-9d1e-7f3a3b1c2d4e"));
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert (ht_issues_has_code (issues->pdata[2], "number", "number_taken"));
  ck_assert (ht_issues_has_code (issues->pdata[4], "id", "id_exists"));
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[0]), 0);
  ck_assert_uint_eq (ht_store_count (store, NULL), 0);
  g_clear_error (&error);

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GPtrArray) more = births (3);
    g_cancellable_cancel (cancellable);
    ck_assert (!ht_store_import (store, more, "lan.nt", NULL, NULL, NULL, cancellable, &error));
    ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    ck_assert_uint_eq (ht_store_count (store, NULL), 0);
  }
}
END_TEST


/* ---- Import of JSON Lines ---- */

typedef struct
{
  GPtrArray *lines;        /* char*; NULL is a line cut for being too long */
  guint      next;
  guint      fail_at;      /* 1-based line whose read fails, 0 for none */
  guint      reads;
  GCancellable *cancel_at_end;
} Feed;

static gboolean
feed_read (gpointer     user_data,
           const char **line,
           gsize       *length,
           guint64     *line_no,
           gboolean    *too_long,
           GError     **error)
{
  Feed *feed = user_data;

  if (feed->next >= feed->lines->len)
    {
      if (feed->cancel_at_end != NULL)
        g_cancellable_cancel (feed->cancel_at_end);
      return FALSE;
    }
  feed->reads++;
  *line_no = ++feed->next;
  if (feed->fail_at == feed->next)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the disk went away at line %u", feed->next);
      return FALSE;
    }
  *line = feed->lines->pdata[feed->next - 1];
  *too_long = *line == NULL;
  *length = *line != NULL ? strlen (*line) : 0;
  return TRUE;
}

/* JSON Lines of "n" new births. */
static GPtrArray *
birth_lines (guint n)
{
  g_autoptr(GPtrArray) records = births (n);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (lines, ht_record_print (records->pdata[i]));
  return lines;
}

static void
lines_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  guint64 *last = user_data;

  ck_assert_uint_eq (total, 0);
  ck_assert_uint_ge (done, *last);
  *last = done;
}

START_TEST (test_import_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = birth_lines (3000);
  g_autoptr(GArray) issues = NULL;
  g_autofree char *before = table_counts ();
  HtImportSummary summary;
  guint64 progress = 0;
  Feed feed = { lines, 0, 0, 0, NULL };

  /* Bad lines anywhere, among them far into the file: nothing is stored,
   * and every bad line is reported with its number. */
  g_free (lines->pdata[9]);
  lines->pdata[9] = g_strdup ("{\"kind\":\"birth\",");
  g_free (lines->pdata[20]);
  lines->pdata[20] = g_strdup ("   ");
  g_free (lines->pdata[2500]);
  lines->pdata[2500] = NULL;
  {
    g_autoptr(cJSON) late = cJSON_Parse (lines->pdata[2899]);
    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (late), "child"), "date_of_birth",
                               cJSON_CreateString ("2026-09-01"));
    g_free (lines->pdata[2899]);
    lines->pdata[2899] = cJSON_PrintUnformatted (late);
  }
  ck_assert (!ht_store_import_lines (store, feed_read, &feed, "lan.nt", &issues, &summary, NULL, NULL, NULL, &error));
  ck_assert_int_eq (error->code, HT_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "nothing was imported"));
  ck_assert (line_has_code (issues, 10, "", "malformed_json"));
  ck_assert (line_has_code (issues, 2501, "", "too_large"));
  ck_assert (line_has_code (issues, 2900, "data.child.date_of_birth", "after_registration"));
  /* The lines come back in order, those with warnings too; three have
   * errors, and the blank one is skipped. */
  {
    guint with_errors = 0;
    for (guint i = 0; i < issues->len; i++)
      {
        const HtLineIssues *li = &g_array_index (issues, HtLineIssues, i);
        if (i > 0)
          ck_assert_uint_gt (li->line, g_array_index (issues, HtLineIssues, i - 1).line);
        ck_assert_uint_ne (li->line, 21);
        with_errors += ht_issues_n_errors (li->issues) > 0;
      }
    ck_assert_uint_eq (with_errors, 3);
  }
  ck_assert_uint_eq (summary.records, 2999);
  {
    g_autofree char *after = table_counts ();
    ck_assert_str_eq (before, after);
  }
  g_clear_error (&error);
  g_clear_pointer (&issues, g_array_unref);

  /* Mended, the same file goes in whole, numbered in order. */
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = birth_lines (3000);
  g_free (lines->pdata[20]);
  lines->pdata[20] = g_strdup ("");
  feed = (Feed) { lines, 0, 0, 0, NULL };
  ck_assert_msg (ht_store_import_lines (store, feed_read, &feed, "lan.nt", &issues, &summary,
                                        lines_progress, &progress, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_eq (summary.records, 2999);
  ck_assert_uint_eq (summary.numbered, 2999);
  ck_assert_uint_eq (summary.kept, 0);
  ck_assert_uint_eq (progress, 2999);
  ck_assert_uint_eq (ht_store_count (store, "birth"), 2999);
  ck_assert_int_eq (sql_int ("SELECT max(number) FROM records"), 2999);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM outbox"), 2999);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM audit WHERE action = 'import'"), 2999);
  /* The name keys were written sorted at the end, and searches find them. */
  ck_assert_uint_ge (search_count ("nguyen van an", NULL), 1);
  {
    g_autoptr(GPtrArray) problems = NULL;
    gboolean sound = ht_store_check (store, &problems, NULL);
    if (!sound)
      print_problems (problems);
    ck_assert (sound);
  }

  /* The same lines again: every id is taken now. */
  g_clear_pointer (&issues, g_array_unref);
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) exported = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(cJSON) first = ht_store_get_by_number (store, "birth", 2026, 1, NULL);

    g_ptr_array_add (again, ht_record_print (first));
    feed = (Feed) { again, 0, 0, 0, NULL };
    ck_assert (!ht_store_import_lines (store, feed_read, &feed, "lan.nt", &issues, NULL, NULL, NULL, NULL, &error));
    ck_assert (line_has_code (issues, 1, "id", "id_exists"));
  }
}
END_TEST

START_TEST (test_import_lines_failures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = birth_lines (1200);
  g_autoptr(GArray) issues = NULL;
  g_autofree char *before = table_counts ();
  Feed feed = { lines, 0, 1100, 0, NULL };

  /* The input breaks off: its error, and nothing stored. */
  ck_assert (!ht_store_import_lines (store, feed_read, &feed, "lan.nt", &issues, NULL, NULL, NULL, NULL, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED));
  ck_assert_ptr_nonnull (strstr (error->message, "line 1100"));
  g_clear_error (&error);
  {
    g_autofree char *after = table_counts ();
    ck_assert_str_eq (before, after);
  }

  /* Cancelled: nothing stored either. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    feed = (Feed) { lines, 0, 0, 0, cancellable };
    ck_assert (!ht_store_import_lines (store, feed_read, &feed, "lan.nt", NULL, NULL, NULL, NULL, cancellable,
                                       &error));
    ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
  }
  {
    g_autofree char *after = table_counts ();
    ck_assert_str_eq (before, after);
  }

  /* A register failure mid-import (the disk, say) stops it, nothing kept. */
  _ht_store_set_fail_at (store, "history");
  feed = (Feed) { lines, 0, 0, 0, NULL };
  ck_assert (!ht_store_import_lines (store, feed_read, &feed, "lan.nt", NULL, NULL, NULL, NULL, NULL, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "history"));
  g_clear_error (&error);
  _ht_store_set_fail_at (store, NULL);
  {
    g_autofree char *after = table_counts ();
    ck_assert_str_eq (before, after);
  }
  ck_assert (ht_store_check (store, NULL, NULL));

  /* An empty input imports nothing, successfully. */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    HtImportSummary summary = { 1, 1, 1, 1 };
    feed = (Feed) { none, 0, 0, 0, NULL };
    ck_assert (ht_store_import_lines (store, feed_read, &feed, "lan.nt", NULL, &summary, NULL, NULL, NULL, &error));
    ck_assert_uint_eq (summary.records, 0);
  }
}
END_TEST

/* ---- What the rules of a line see ---- */

/* A rule that asks the register by name sees a record earlier in the same
 * file: the records before are in the import's transaction, but their
 * name keys are held back until the end (ht-store-import.c), and the
 * import's workers validate without the register. */
START_TEST (test_import_sees_earlier_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = births (700);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *name = child_name (3);
  guint duplicates = 0;

  /* Line 650, in another chunk than line 3, registers the same child
   * again (same name, date of birth and mother). */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (records->pdata[650]), "child"),
                             "full_name", cJSON_CreateString (name));
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert (ht_issues_has_code (issues->pdata[650], "data.child.full_name", "possible_duplicate"));
  for (guint i = 0; i < issues->len; i++)
    duplicates += ht_issues_has_code (issues->pdata[i], NULL, "possible_duplicate");
  ck_assert_uint_eq (duplicates, 1);
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

/* The same by an ID document alone: the man who marries on line 3 died on
 * line 1 (under another name, but his card is the same).  Into an
 * empty register, the import asks SQLite only about what it wrote. */
START_TEST (test_import_sees_earlier_by_document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) issues = NULL;
  cJSON *death = ht_test_death ("Nguyễn Văn Bảo", "1990-01-01", "2026-03-01", "2026-03-05");
  cJSON *marriage = ht_test_marriage ("Nguyễn Văn Bình", "1990-01-01", "Lê Thị Hằng", "1992-02-02", "2026-04-01");
  cJSON *card = cJSON_CreateObject ();

  cJSON_AddStringToObject (card, "type", "cmnd");
  cJSON_AddStringToObject (card, "number", "012987654");
  cJSON_AddItemToObject (cJSON_GetObjectItem (ht_record_data (death), "deceased"), "id_document", card);
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (marriage), "husband"), "id_document",
                             cJSON_Duplicate (card, TRUE));
  g_ptr_array_add (records, death);
  g_ptr_array_add (records, ht_test_birth ("Trần Văn Cường", "2026-08-01", "2026-08-05"));
  g_ptr_array_add (records, marriage);
  ck_assert (!ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error));
  ck_assert_uint_eq (ht_issues_n_errors (issues->pdata[0]), 0);
  ck_assert (ht_issues_has_code (issues->pdata[2], "data.husband", "person_deceased"));
  ck_assert_uint_eq (ht_store_count (store, NULL), 0);
}
END_TEST

static gboolean
same_issues (HtIssues *a,
             HtIssues *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      HtIssue *x = a->pdata[i], *y = b->pdata[i];
      if (strcmp (x->field, y->field) != 0 || strcmp (x->code, y->code) != 0 || x->severity != y->severity
          || strcmp (x->message, y->message) != 0)
        return FALSE;
    }
  return TRUE;
}

/* A file imported at once finds, for each line, what the same lines
 * imported one by one find: each of those sees the lines before it
 * committed, through SQLite alone.  The records are realistic ones of
 * every kind (bench/ht-gen.c), whose rules look for the people of earlier
 * lines by personal ID, document and name; the register gives the
 * numbers, which the writer puts into the text the workers printed. */
START_TEST (test_import_same_as_one_by_one)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *other_path = g_build_filename (tmpdir, "one-by-one.db", NULL);
  g_autoptr(HtStore) other = ht_store_create (other_path, HT_TEST_OFFICE, &error);
  g_autoptr(HtGen) gen = NULL;
  GDate from, to;
  guint warned = 0;
  cJSON *record;

  ck_assert_msg (other != NULL, "%s", error ? error->message : "");
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2025);
  g_date_set_dmy (&to, 30, G_DATE_JUNE, 2026);
  gen = ht_gen_new (HT_TEST_OFFICE, 7, &from, &to, 600, FALSE, &error);
  ck_assert_msg (gen != NULL, "%s", error ? error->message : "");
  while ((record = ht_gen_next (gen, &error)) != NULL)
    {
      g_ptr_array_add (copies, cJSON_Duplicate (record, TRUE));
      g_ptr_array_add (records, record);
    }
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");

  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
  for (guint i = 0; i < copies->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
      g_autoptr(GPtrArray) one_issues = NULL;

      g_ptr_array_add (one, cJSON_Duplicate (copies->pdata[i], TRUE));
      ck_assert_msg (ht_store_import (other, one, "lan.nt", &one_issues, NULL, NULL, NULL, &error),
                     "line %u: %s", i + 1, error ? error->message : "");
      if (!same_issues (issues->pdata[i], one_issues->pdata[0]))
        {
          fprintf (stderr, "line %u, in one file:\n", i + 1);
          ht_test_print_issues (issues->pdata[i]);
          fprintf (stderr, "alone:\n");
          ht_test_print_issues (one_issues->pdata[0]);
          ck_abort_msg ("line %u: the import found other issues than the line alone", i + 1);
        }
      warned += ((HtIssues *) issues->pdata[i])->len > 0;
      ck_assert_int_eq (ht_record_number (records->pdata[i]), ht_record_number (one->pdata[0]));
    }
  /* The lookups had something to find. */
  ck_assert_uint_gt (warned, 0);

  /* The stored text is the record's canonical text, numbers included. */
  for (guint i = 0; i < records->len; i += 37)
    {
      g_autoptr(cJSON) stored = ht_store_get (store, ht_record_id (records->pdata[i]), &error);
      g_autofree char *expected = ht_record_print (records->pdata[i]);
      g_autofree char *text = NULL;

      ck_assert_msg (stored != NULL, "%s", error ? error->message : "");
      text = ht_record_print (stored);
      ck_assert_str_eq (text, expected);
    }
  ck_assert (ht_store_check (store, NULL, NULL));
}
END_TEST

/* ---- Runner ---- */

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-import");
  add_case (s, "import", test_import);
  add_case (s, "import-chunks", test_import_chunks);
  add_case (s, "import-merges-search", test_import_merges_search);
  add_case (s, "import-clashes", test_import_clashes);
  add_case (s, "import-lines", test_import_lines);
  add_case (s, "import-lines-failures", test_import_lines_failures);
  add_case (s, "import-sees-earlier-lines", test_import_sees_earlier_lines);
  add_case (s, "import-sees-earlier-by-document", test_import_sees_earlier_by_document);
  add_case (s, "import-same-as-one-by-one", test_import_same_as_one_by_one);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
