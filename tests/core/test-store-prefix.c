/* test-store-prefix.c — name search by prefixes of every length, against answers computed here.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search index keeps only prefixes of one and two letters and asks
 * longer ones through the words it holds (schema/local/0007-search-terms.sql).  These
 * tests make a few thousand marriages of generated names, whose folded
 * forms come from the tables below (not from ht_fold), and compare what
 * many queries find with what a plain scan of those names says they must
 * find: one word of 1, 2, 3, 4 and more letters, several words, words out
 * of order, accented, upper-case and decomposed spellings.  Then the words
 * a failed save brought, a register migrated from schema 6, and the check.
 */
#define G_LOG_DOMAIN "test-store"

#include <check.h>
#include <sqlite3.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-record.h"
#include "ht-store-list.h"
#include "ht-store-private.h"
#include "ht-store.h"
#include "ht-test-store.h"
#include "ht-test-util.h"

/* Syllables as written and as folded by hand. */
typedef struct
{
  const char *written;
  const char *folded;
} Syllable;

static const Syllable surnames[] = {
  { "Nguyễn", "nguyen" }, { "Trần", "tran" }, { "Lê", "le" }, { "Phạm", "pham" }, { "Hoàng", "hoang" },
  { "Huỳnh", "huynh" }, { "Phan", "phan" }, { "Vũ", "vu" }, { "Võ", "vo" }, { "Đặng", "dang" },
  { "Bùi", "bui" }, { "Đỗ", "do" }, { "Hồ", "ho" }, { "Ngô", "ngo" }, { "Dương", "duong" },
  { "Lý", "ly" }, { "Đinh", "dinh" }, { "Trịnh", "trinh" }, { "Đoàn", "doan" }, { "Nghiêm", "nghiem" },
};

static const Syllable middles[] = {
  { "Văn", "van" }, { "Thị", "thi" }, { "Đức", "duc" }, { "Ngọc", "ngoc" }, { "Minh", "minh" },
  { "Thanh", "thanh" }, { "Hữu", "huu" }, { "Quang", "quang" }, { "Xuân", "xuan" }, { "Kim", "kim" },
};

static const Syllable givens[] = {
  { "An", "an" }, { "Anh", "anh" }, { "Bình", "binh" }, { "Cường", "cuong" }, { "Dũng", "dung" },
  { "Đạt", "dat" }, { "Giang", "giang" }, { "Hà", "ha" }, { "Hải", "hai" }, { "Hạnh", "hanh" },
  { "Hoa", "hoa" }, { "Hùng", "hung" }, { "Hương", "huong" }, { "Khang", "khang" }, { "Lan", "lan" },
  { "Linh", "linh" }, { "Loan", "loan" }, { "Mai", "mai" }, { "Nam", "nam" }, { "Nga", "nga" },
  { "Nghĩa", "nghia" }, { "Phương", "phuong" }, { "Quyết", "quyet" }, { "Sơn", "son" }, { "Tâm", "tam" },
  { "Thảo", "thao" }, { "Thắng", "thang" }, { "Thành", "thanh" }, { "Thủy", "thuy" }, { "Trang", "trang" },
  { "Trung", "trung" }, { "Tuấn", "tuan" }, { "Uyên", "uyen" }, { "Vy", "vy" }, { "Y", "y" },
  { "Xoan", "xoan" }, { "Khuất", "khuat" }, { "Nguyệt", "nguyet" },
};

#define N_RECORDS 2400
#define N_SAVED 40      /* of them, saved one by one after the import */
#define LIMIT 100000

/* One generated record: its two people's folded names. */
typedef struct
{
  char *names[2];
} Expected;

static Expected expected[N_RECORDS];
static gint64 rids[N_RECORDS];

static char *
make_name (GRand    *rand,
           GString  *written)
{
  const Syllable *s = &surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))];
  const Syllable *g = &givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))];
  GString *folded = g_string_new (s->folded);
  guint n_middles = g_rand_int_range (rand, 0, 3);

  g_string_assign (written, s->written);
  for (guint i = 0; i < n_middles; i++)
    {
      const Syllable *m = &middles[g_rand_int_range (rand, 0, G_N_ELEMENTS (middles))];
      g_string_append_printf (written, " %s", m->written);
      g_string_append_printf (folded, " %s", m->folded);
    }
  g_string_append_printf (written, " %s", g->written);
  g_string_append_printf (folded, " %s", g->folded);
  return g_string_free (folded, FALSE);
}

static cJSON *
make_marriage (GRand    *rand,
               guint     i,
               Expected *e)
{
  g_autoptr(GString) husband = g_string_new (NULL);
  g_autoptr(GString) wife = g_string_new (NULL);
  /* Births of their own, so that no one marries twice in the register. */
  g_autofree char *husband_dob = g_strdup_printf ("%d-%02d-%02d", 1960 + i % 30, 1 + (i / 30) % 12, 1 + i / 360);
  g_autofree char *wife_dob = g_strdup_printf ("%d-%02d-%02d", 1970 + i % 30, 1 + (i / 30) % 12, 1 + i / 360);
  cJSON *record;

  e->names[0] = make_name (rand, husband);
  e->names[1] = make_name (rand, wife);
  record = ht_test_marriage (husband->str, husband_dob, wife->str, wife_dob, "2026-03-02");
  /* ID cards of their own too (the helper derives them from the name). */
  for (guint p = 0; p < 2; p++)
    {
      cJSON *doc = cJSON_GetObjectItem (cJSON_GetObjectItem (ht_record_data (record), p == 0 ? "husband" : "wife"),
                                        "id_document");
      g_autofree char *number = g_strdup_printf ("%09u", 2 * i + p + 1);

      if (doc != NULL)
        cJSON_ReplaceItemInObject (doc, "number", cJSON_CreateString (number));
    }
  return record;
}

static gboolean
word_starts (const char *names,
             const char *prefix)
{
  g_auto(GStrv) words = g_strsplit (names, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], prefix))
      return TRUE;
  return FALSE;
}

/* What FTS5 must find: every query word starts a word of the record. */
static gboolean
words_match (const Expected *e,
             char          **query_words)
{
  for (guint w = 0; query_words[w] != NULL; w++)
    if (!word_starts (e->names[0], query_words[w]) && !word_starts (e->names[1], query_words[w]))
      return FALSE;
  return TRUE;
}

/* The name keys a person has (ht-store-names.c): the full name, and for
 * three words or more "surname given". */
static guint
key_hits (const char *name,
          const char *query)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  guint n = g_strv_length (words);
  guint hits = g_str_has_prefix (name, query) ? 1 : 0;

  if (n >= 3)
    {
      g_autofree char *short_name = g_strdup_printf ("%s %s", words[0], words[n - 1]);
      hits += g_str_has_prefix (short_name, query) ? 1 : 0;
    }
  return hits;
}

/* The rids a folded query must find, newest first: the people whose name
 * starts with it when it has several words and such people exist (but not
 * more than 3,000 keys, see ht-store-names.c), else the records with a
 * word starting with each of its words. */
static GArray *
expected_rids (const char *query,
               guint       n_records)
{
  g_auto(GStrv) words = g_strsplit (query, " ", -1);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint keys = 0;

  if (strchr (query, ' ') != NULL)
    {
      for (guint i = n_records; i-- > 0;)
        {
          guint a = key_hits (expected[i].names[0], query);
          guint b = key_hits (expected[i].names[1], query);

          /* Two people of a record with the same key make one row. */
          if (a > 0 && b > 0 && g_str_equal (expected[i].names[0], expected[i].names[1]))
            b = 0;
          keys += a + b;
          if (a + b > 0)
            g_array_append_val (found, rids[i]);
        }
      if (found->len > 0 && keys <= 3000)
        return found;
      g_array_set_size (found, 0);
    }
  for (guint i = n_records; i-- > 0;)
    if (words_match (&expected[i], words))
      g_array_append_val (found, rids[i]);
  return found;
}

static void
assert_finds (const char *query,
              const char *folded,
              guint       n_records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) got = ht_store_search_ids (store, query, NULL, LIMIT, NULL, &error);
  g_autoptr(GArray) want = expected_rids (folded, n_records);

  ck_assert_msg (got != NULL, "“%s”: %s", query, error ? error->message : "");
  ck_assert_msg (got->len == want->len, "“%s” found %u records, expected %u", query, got->len, want->len);
  for (guint i = 0; i < got->len; i++)
    ck_assert_msg (g_array_index (got, gint64, i) == g_array_index (want, gint64, i),
                   "“%s”: result %u is rid %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                   query, i, g_array_index (got, gint64, i), g_array_index (want, gint64, i));
}

static void
read_rids (guint n)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint i = 0;

  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT rid FROM records ORDER BY rid", -1, &stmt, NULL), SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW && i < n)
    rids[i++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  ck_assert_uint_eq (i, n);
}

/* N_RECORDS marriages: most imported in one go, the rest saved one by one
 * (both ways of adding words to search_terms). */
static void
fill (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_RECORDS - N_SAVED; i++)
    g_ptr_array_add (records, make_marriage (rand, i, &expected[i]));
  ck_assert_msg (ht_store_import (store, records, "lan.nt", NULL, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
  for (guint i = N_RECORDS - N_SAVED; i < N_RECORDS; i++)
    save_new (make_marriage (rand, i, &expected[i]), 0);
  read_rids (N_RECORDS);
}

static void
free_expected (void)
{
  for (guint i = 0; i < N_RECORDS; i++)
    for (guint p = 0; p < 2; p++)
      g_clear_pointer (&expected[i].names[p], g_free);
}

/* Queries made from the records' own names, and some that find nothing. */
static void
assert_queries (guint n_records)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const char *const fixed[] = {
    "n", "t", "y", "x", "q", "ng", "th", "tr", "kh", "ngu", "ngh", "tha", "thu", "nguy", "nguye", "nguyen",
    "nguyet", "thanh", "khuat", "z", "zz", "nguyenx", "an", "anh", "a", "h", "v", "va", "van", "vy", "u", "uy",
    "nguyen van", "nguyen v", "n v", "t t", "h a", "tran thi", "thi tran", "v n", "dang th", "le a", "y le",
    "nguyen thi y", "ng th ng", "kh x", NULL,
  };

  for (guint i = 0; fixed[i] != NULL; i++)
    assert_finds (fixed[i], fixed[i], n_records);

  for (guint round = 0; round < 150; round++)
    {
      const Expected *e = &expected[g_rand_int_range (rand, 0, n_records)];
      const char *name = e->names[g_rand_int_range (rand, 0, 2)];
      g_auto(GStrv) words = g_strsplit (name, " ", -1);
      guint n = g_strv_length (words);
      const char *word = words[g_rand_int_range (rand, 0, n)];
      g_autofree char *prefix = NULL;
      g_autofree char *typed = NULL;
      g_autofree char *upper = NULL;
      g_autofree char *shuffled = NULL;
      gsize len = strlen (word);

      /* One word cut at 1, 2, 3, 4 letters and whole. */
      for (gsize cut = 1; cut <= len; cut = cut < 4 ? cut + 1 : len)
        {
          prefix = g_strndup (word, cut);
          assert_finds (prefix, prefix, n_records);
          g_clear_pointer (&prefix, g_free);
          if (cut == len)
            break;
        }
      /* The name being typed: all words but the last, which is cut. */
      {
        g_autoptr(GString) q = g_string_new (NULL);
        for (guint w = 0; w + 1 < n; w++)
          g_string_append_printf (q, "%s ", words[w]);
        g_string_append_len (q, words[n - 1], MIN (strlen (words[n - 1]), 1 + round % 4));
        typed = g_string_free (g_steal_pointer (&q), FALSE);
        assert_finds (typed, typed, n_records);
        upper = g_utf8_strup (typed, -1);
        assert_finds (upper, typed, n_records);
      }
      /* Words out of order, each cut at a few letters. */
      {
        g_autoptr(GString) q = g_string_new (NULL);
        for (guint w = n; w-- > 0;)
          g_string_append_printf (q, "%s%.*s", q->len > 0 ? " " : "", 1 + (int) ((round + w) % 3), words[w]);
        shuffled = g_string_free (g_steal_pointer (&q), FALSE);
        assert_finds (shuffled, shuffled, n_records);
      }
    }
}

START_TEST (test_prefixes)
{
  fill ();
  ck_assert_int_gt (sql_int ("SELECT count(*) FROM search_terms"), 50);
  assert_queries (N_RECORDS);

  /* Spellings that fold to what was indexed. */
  ck_assert_uint_eq (search_count ("Đặng", NULL), search_count ("dang", NULL));
  ck_assert_uint_eq (search_count ("NGUYỄN VĂN", NULL), search_count ("nguyen van", NULL));
  ck_assert_uint_eq (search_count ("Nguye\xcc\x82\xcc\x83n", NULL), search_count ("nguyen", NULL));
  ck_assert_uint_eq (search_count ("nguy", "birth"), 0);
  ck_assert_uint_eq (search_count ("nguy", "marriage"), search_count ("nguy", NULL));
  free_expected ();
}
END_TEST

/* A word is remembered as stored only once its save committed: after a
 * save that failed at its commit, the next save of the same word writes
 * it, and its prefix finds both records that carry it. */
START_TEST (test_failed_save_words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) first = save_ok (ht_test_birth ("Xứng Văn Xyzcd", "2026-02-20", "2026-03-02"), NULL, 0);
  g_autoptr(cJSON) failed = ht_test_birth ("Xứng Văn Xyzab", "2026-02-21", "2026-03-02");
  g_autoptr(cJSON) second = NULL;

  _ht_store_set_fail_at (store, "commit");
  ck_assert (!ht_store_save (store, failed, "lan.nt", NULL, 0, NULL, &error));
  g_clear_error (&error);
  _ht_store_set_fail_at (store, NULL);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM search_terms WHERE term = 'xyzab'"), 0);

  second = save_ok (ht_test_birth ("Xứng Văn Xyzab", "2026-02-22", "2026-03-02"), NULL, 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM search_terms WHERE term = 'xyzab'"), 1);
  ck_assert_uint_eq (search_count ("xyz", NULL), 2);
  ck_assert (search_finds ("xyza", ht_record_id (second)));
  ck_assert (search_finds ("x", ht_record_id (first)));

  /* An edit that brings a new word. */
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (first), "child"), "full_name",
                             cJSON_CreateString ("Xứng Văn Xyzef"));
  save_ok (first, "sửa tên", 0);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM search_terms WHERE term = 'xyzef'"), 1);
  ck_assert (search_finds ("xyze", ht_record_id (first)));
  ck_assert (!search_finds ("xyzc", ht_record_id (first)));
  ck_assert_uint_eq (search_count ("xyz", NULL), 2);
}
END_TEST

START_TEST (test_migrates_from_schema_6)
{
  g_autoptr(GError) error = NULL;
  static const char *const queries[] = { "n", "ng", "ngu", "nguyen", "nguyen van", "t h", "khuat", "y", NULL };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  fill ();
  for (guint i = 0; queries[i] != NULL; i++)
    {
      GArray *rids_found = ht_store_search_ids (store, queries[i], NULL, LIMIT, NULL, &error);
      ck_assert_msg (rids_found != NULL, "%s", error ? error->message : "");
      ck_assert_uint_gt (rids_found->len, 0);
      g_ptr_array_add (found, rids_found);
    }

  /* Back to schema 6: the search index of 0001, without its word list. */
  g_clear_object (&store);
  sql_exec ("BEGIN;"
            "CREATE VIRTUAL TABLE search_old USING fts5 (names, kind,"
            " tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\","
            " prefix = '1 2 3 4 5 6 7 8', detail = column, columnsize = 0);"
            "INSERT INTO search_old (search_old, rank) VALUES ('pgsz', 978);"
            "INSERT INTO search_old (rowid, names, kind) SELECT rowid, names, kind FROM search;"
            "DROP TABLE search;"
            "ALTER TABLE search_old RENAME TO search;"
            "DROP TABLE search_terms;"
            "PRAGMA user_version = 6;"
            "COMMIT;");
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'search_terms'"), 0);

  store = ht_store_open (db_path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (ht_store_schema_version (store), _ht_store_latest_schema ());
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM sqlite_master WHERE name = 'search'"
                             " AND sql LIKE '%prefix = ''1 2''%'"), 1);
  ck_assert_int_eq (sql_int ("SELECT count(*) FROM search"), N_RECORDS);
  ck_assert_int_eq (sql_int ("SELECT v FROM search_config WHERE k = 'pgsz'"), 978);

  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autoptr(GArray) after = ht_store_search_ids (store, queries[i], NULL, LIMIT, NULL, &error);
      GArray *b = found->pdata[i];

      ck_assert_msg (after != NULL, "%s", error ? error->message : "");
      ck_assert_uint_eq (after->len, b->len);
      ck_assert (memcmp (after->data, b->data, b->len * sizeof (gint64)) == 0);
    }
  assert_queries (N_RECORDS);

  {
    g_autoptr(GPtrArray) problems = NULL;
    ck_assert_msg (ht_store_check (store, &problems, &error), "%s", error ? error->message : "");
    print_problems (problems);
    ck_assert_uint_eq (problems->len, 0);
  }
  free_expected ();
}
END_TEST

/* ht_store_check finds a word of the index missing from search_terms,
 * which would make prefix searches miss records. */
START_TEST (test_check_finds_missing_word)
{
  g_autoptr(GPtrArray) problems = NULL;

  fill_register ();
  sql_exec ("DELETE FROM search_terms WHERE term = 'hoa'");
  problems = check_fails ();
  ck_assert (has_problem (problems, "search"));
}
END_TEST

static Suite *
prefix_suite (void)
{
  Suite *s = suite_create ("store-prefix");

  add_case (s, "prefixes", test_prefixes);
  add_case (s, "failed-save-words", test_failed_save_words);
  add_case (s, "migrates-from-schema-6", test_migrates_from_schema_6);
  add_case (s, "check-finds-missing-word", test_check_finds_missing_word);
  return s;
}

int
main (void)
{
  return ht_check_run (prefix_suite (), CK_FORK);
}
