/* test-store-import-deep.c — an import's duplicates found far into the file.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import into an empty register answers its lookups from what it keeps
 * in memory (ht-store-import-keys.c) and tunes the connection for a long
 * write (page cache, the search index's merges); one into a register that
 * holds records must still ask SQLite.  These tests put a repeated id and a
 * repeated register number thousands of lines into a file — past the
 * chunks the workers parse ahead and past a growth of the page cache — in
 * both cases, and check that nothing is stored, that the lines are named,
 * and that a register imported into passes ht_store_check.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-error.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

/* Lines of the files below: more than the import's cache step (2048) and
 * its chunks in flight (8 × 256). */
#define N_LINES 3000

typedef struct
{
  GPtrArray *lines;
  guint      first;
  guint      next;
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

  if (feed->first + feed->next >= feed->lines->len)
    return FALSE;
  *line = feed->lines->pdata[feed->first + feed->next];
  *line_no = ++feed->next;
  *length = strlen (*line);
  *too_long = FALSE;
  return TRUE;
}

/* N_LINES digitised records (with book_year and number) as JSON Lines. */
static GPtrArray *
numbered_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GDate from, to;
  char *line;

  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2025);
  g_date_set_dmy (&to, 30, G_DATE_JUNE, 2026);
  gen = ht_gen_new (HT_TEST_OFFICE, 11, &from, &to, N_LINES, TRUE, &error);
  ck_assert_msg (gen != NULL, "%s", error ? error->message : "");
  while ((line = ht_gen_next_line (gen, &error)) != NULL)
    g_ptr_array_add (lines, line);
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (lines->len, N_LINES);
  return lines;
}

static cJSON *
parse_line (GPtrArray *lines,
            guint      i)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  cJSON *record = ht_record_parse (lines->pdata[i], -1, issues);

  ck_assert_msg (record != NULL, "line %u does not parse", i + 1);
  return record;
}

static void
replace_line (GPtrArray *lines,
              guint      i,
              cJSON     *record)
{
  g_free (lines->pdata[i]);
  lines->pdata[i] = ht_record_print (record);
  ck_assert (lines->pdata[i] != NULL);
}

/* Gives sources[from] and targets[to] one id (generated records have
 * none: the import gives them theirs). */
static void
copy_id (GPtrArray *sources,
         guint      from,
         GPtrArray *targets,
         guint      to)
{
  g_autoptr(cJSON) source = parse_line (sources, from);
  g_autoptr(cJSON) target = parse_line (targets, to);
  g_autofree char *id = g_uuid_string_random ();

  cJSON_ReplaceItemInObject (source, "id", cJSON_CreateString (id));
  cJSON_ReplaceItemInObject (target, "id", cJSON_CreateString (id));
  replace_line (sources, from, source);
  replace_line (targets, to, target);
}

/* Gives the first of targets[start …] that has the kind and book of one
 * of sources[… sources_end - 1] the number of that one; returns its
 * index. */
static guint
copy_number (GPtrArray *sources,
             guint      sources_end,
             GPtrArray *targets,
             guint      start)
{
  for (guint i = start; i < targets->len; i++)
    {
      g_autoptr(cJSON) target = parse_line (targets, i);

      if (ht_record_number (target) <= 0)
        continue;
      for (guint j = 0; j < sources_end; j++)
        {
          g_autoptr(cJSON) source = parse_line (sources, j);

          if (strcmp (ht_record_kind_code (target), ht_record_kind_code (source)) == 0
              && ht_record_book_year (target) == ht_record_book_year (source)
              && ht_record_number (source) > 0)
            {
              cJSON_ReplaceItemInObject (target, "number", cJSON_CreateNumber ((double) ht_record_number (source)));
              replace_line (targets, i, target);
              return i;
            }
        }
    }
  ck_abort_msg ("no line after line %u shares a book with a line before line %u", start + 1, sources_end + 1);
  return 0;
}

/* Imports lines[first …] and returns whether it went through. */
static gboolean
import (GPtrArray  *lines,
        guint       first,
        GArray    **issues,
        GError    **error)
{
  Feed feed = { lines, first, 0 };

  return ht_store_import_lines (store, feed_read, &feed, "lan.nt", issues, NULL, NULL, NULL, NULL, error);
}

static void
assert_check_passes (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sound = ht_store_check (store, &problems, &error);

  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  if (!sound)
    print_problems (problems);
  ck_assert (sound);
}

START_TEST (test_import_empty_deep_duplicates)
{
  g_autoptr(GPtrArray) lines = numbered_lines ();
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = table_counts ();
  g_autofree char *after = NULL;
  guint number_line;

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (clean, g_strdup (lines->pdata[i]));
  /* The generated records follow their registration dates: the number
   * repeated is one of a line of the same year's book, 200 to 800 lines
   * before. */
  copy_id (lines, 9, lines, 2599);
  number_line = copy_number (lines, 2600, lines, 2800);

  ck_assert (!import (lines, 0, &issues, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  ck_assert (line_has_code (issues, 2600, "id", "id_exists"));
  ck_assert_msg (line_has_code (issues, number_line + 1, "number", "number_taken"),
                 "line %u: no number_taken", number_line + 1);
  /* Nothing stayed behind: no record, no index row, no journal entry, and
   * the search index's settings as they were. */
  ck_assert_uint_eq (ht_store_count (store, NULL), 0);
  after = table_counts ();
  ck_assert_str_eq (after, before);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM search_config WHERE k = 'automerge'"), 0);
  assert_check_passes ();
  g_clear_error (&error);
  g_clear_pointer (&issues, g_array_unref);

  /* The same file without the two changes goes in whole. */
  ck_assert_msg (import (clean, 0, &issues, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (ht_store_count (store, NULL), N_LINES);
  /* The search index merges its segments again for the clerks' saves. */
  ck_assert_int_eq (sql_int ("SELECT v FROM search_config WHERE k = 'automerge'"), 4);
  assert_check_passes ();
}
END_TEST

START_TEST (test_import_nonempty_deep_duplicates)
{
  g_autoptr(GPtrArray) lines = numbered_lines ();
  g_autoptr(GPtrArray) head = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint number_line;

  /* Every other line is the register; the lines between, imported into
   * it, repeat the id of an old record and the number of another. */
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (i % 2 == 0 ? head : tail, g_strdup (lines->pdata[i]));
  for (guint i = 0; i < tail->len; i++)
    g_ptr_array_add (clean, g_strdup (tail->pdata[i]));
  copy_id (head, 4, tail, 1199);
  ck_assert_msg (import (head, 0, NULL, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (ht_store_count (store, NULL), head->len);

  number_line = copy_number (head, head->len, tail, 1300);
  before = table_counts ();
  ck_assert (!import (tail, 0, &issues, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  ck_assert (line_has_code (issues, 1200, "id", "id_exists"));
  ck_assert_msg (line_has_code (issues, number_line + 1, "number", "number_taken"),
                 "line %u: no number_taken", number_line + 1);
  ck_assert_uint_eq (ht_store_count (store, NULL), head->len);
  after = table_counts ();
  ck_assert_str_eq (after, before);
  assert_check_passes ();
  g_clear_error (&error);
  g_clear_pointer (&issues, g_array_unref);

  /* Without the changes, the other lines join the register. */
  ck_assert_msg (import (clean, 0, &issues, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (ht_store_count (store, NULL), N_LINES);
  assert_check_passes ();
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("store-import-deep");

  add_case (s, "import-empty-deep-duplicates", test_import_empty_deep_duplicates);
  add_case (s, "import-nonempty-deep-duplicates", test_import_nonempty_deep_duplicates);
  return s;
}

int
main (void)
{
  return ht_check_run (make_suite (), CK_FORK);
}
