/* bench-pages.c — how many pages a single durable save writes, b-tree by b-tree.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-pages [--records N] [--saves K] [--edits E] [--dir DIR] [--register FILE] [--seed S] [--warm]
 *
 * A durable commit in WAL mode writes one frame per page it changed, and on
 * a loaded machine the count of frames is a steadier measure of a save's
 * cost than its time.  This tool imports N generated records (or opens a
 * copy of --register), turns checkpoints off, saves K more records and
 * edits E of them, then reads the frames of each commit back from the WAL
 * and names the b-tree of each page with SQLite's dbstat table.  It prints
 * the pages per save and per edit, split by b-tree, the CPU and wall time
 * of each, and the same figures for a raw single-row commit (one JSON text
 * with a UUID key, as bench-store's) into a table of N rows, so that the
 * ratio holds for the same run.  Figures are printed, never asserted.
 * It reads the store's connection, so it includes ht-store-private.h.
 */
#define _GNU_SOURCE /* RUSAGE_THREAD */
#define G_LOG_DOMAIN "bench-pages"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ht-date.h"
#include "ht-gen.h"
#include "ht-store-private.h"

static gint64 opt_records = 20000;
static gint64 opt_saves = 300;
static gint64 opt_edits = 100;
static gint64 opt_seed = 7;
static char *opt_dir;
static char *opt_register;
static gboolean opt_warm;

static const GOptionEntry entries[] = {
  { "records", 0, 0, G_OPTION_ARG_INT64, &opt_records, "Records in the register (default 20000)", "N" },
  { "saves", 0, 0, G_OPTION_ARG_INT64, &opt_saves, "New records to save one by one (default 300)", "K" },
  { "edits", 0, 0, G_OPTION_ARG_INT64, &opt_edits, "Edits of saved records (default 100)", "E" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generated records (default 7)", "S" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where to put the files (default a new directory in /var/tmp)", "DIR" },
  { "register", 0, 0, G_OPTION_ARG_FILENAME, &opt_register,
    "Measure on a copy of this register of N generated records (made by an earlier run with --dir) instead of importing", "FILE" },
  { "warm", 0, 0, G_OPTION_ARG_NONE, &opt_warm, "Fill the page cache with the register's tables before saving", NULL },
  { NULL }
};

/* SQLite's WAL format: a 32-byte header, then frames of a 24-byte header
 * (page number, and the database size after a commit, else 0) and a page. */
#define WAL_HEADER 32
#define FRAME_HEADER 24

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The kernel's share of this thread's CPU time (writing and syncing the
 * log), summed over many saves: one save is below its resolution. */
static double
thread_sys_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (double *v,
            guint   n,
            double  p)
{
  if (n == 0)
    return 0;
  qsort (v, n, sizeof *v, compare_double);
  return v[MIN (n - 1, (guint) (n * p))];
}

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static G_NORETURN void
die (const char *what,
     const char *detail)
{
  g_printerr ("bench-pages: %s: %s\n", what, detail);
  exit (1);
}

typedef struct
{
  GPtrArray *lines;
  guint      n;
  guint      next;
} Feed;

static gboolean
feed_line (gpointer     user_data,
           const char **line,
           gsize       *length,
           guint64     *line_no,
           gboolean    *too_long,
           GError     **error)
{
  Feed *feed = user_data;

  if (feed->next >= feed->n)
    return FALSE;
  *line = feed->lines->pdata[feed->next];
  *length = strlen (*line);
  *line_no = ++feed->next;
  *too_long = FALSE;
  return TRUE;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!g_file_get_contents (from, &data, &len, &error) || !g_file_set_contents (to, data, len, &error))
    die ("copying the register", error->message);
}

/* Pages of each commit in the WAL, summed per b-tree for the first
 * "saves" commits and for the rest. */
typedef struct
{
  guint32     page_size;
  guint       commits;
  GArray     *per_commit;  /* double: frames of each commit */
  GHashTable *by_tree[2];  /* name → double* total frames, saves and edits */
} WalPages;

static void
read_wal (sqlite3    *db,
          const char *wal_path,
          guint       saves,
          WalPages   *out)
{
  g_autofree guchar *wal = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize len;
  guint32 page_size;
  guint in_commit = 0;

  if (!g_file_get_contents (wal_path, (char **) &wal, &len, &error))
    die ("reading the WAL", error->message);
  if (len < WAL_HEADER)
    die ("reading the WAL", "it is empty");
  page_size = be32 (wal + 8);
  out->page_size = page_size;

  /* Which b-tree each page belongs to, as the file stands now. */
  if (sqlite3_prepare_v2 (db, "SELECT name, pageno FROM dbstat", -1, &stmt, NULL) != SQLITE_OK)
    die ("reading dbstat", sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (names, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  out->per_commit = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < 2; i++)
    out->by_tree[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (gsize off = WAL_HEADER; off + FRAME_HEADER + page_size <= len; off += FRAME_HEADER + page_size)
    {
      guint32 page = be32 (wal + off);
      gboolean commit = be32 (wal + off + 4) != 0;
      const char *name = g_hash_table_lookup (names, GINT_TO_POINTER (page));
      GHashTable *table = out->by_tree[out->commits < saves ? 0 : 1];
      double *total;

      /* Pages no b-tree holds now are free-list pages. */
      if (name == NULL)
        name = "(free list)";
      if ((total = g_hash_table_lookup (table, name)) == NULL)
        {
          total = g_new0 (double, 1);
          g_hash_table_insert (table, g_strdup (name), total);
        }
      *total += 1;
      in_commit++;
      if (commit)
        {
          double frames = in_commit;

          g_array_append_val (out->per_commit, frames);
          out->commits++;
          in_commit = 0;
        }
    }
}

static void
print_trees (const char *what,
             GHashTable *table,
             guint       commits)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) strcmp);

  if (commits == 0)
    return;
  printf ("  %s, pages per commit by b-tree:\n", what);
  for (GList *l = keys; l != NULL; l = l->next)
    printf ("    %-36s %6.2f\n", (const char *) l->data, *(double *) g_hash_table_lookup (table, l->data) / commits);
}

/* The raw single-row durable commit: the same lines into a plain table of
 * N rows.  Returns medians through the pointers. */
static void
raw_commits (const char *path,
             GPtrArray  *lines,
             guint       n,
             guint       first,
             guint       k,
             double     *pages,
             double     *wall,
             double     *cpu,
             double     *sys)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree double *ms = g_new0 (double, k);
  g_autofree double *cpu_ms = g_new0 (double, k);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  GStatBuf st;

  g_unlink (path);
  g_unlink (wal);
  if (sqlite3_open (path, &db) != SQLITE_OK
      || sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                       "CREATE TABLE raw (id TEXT PRIMARY KEY, json TEXT); BEGIN", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO raw (id, json) VALUES (?1, ?2)", -1, &insert, NULL) != SQLITE_OK)
    die ("the raw table", sqlite3_errmsg (db));
  for (guint i = 0; i < n + k; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      double t, c;

      if (i == n
          && sqlite3_exec (db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0",
                           NULL, NULL, NULL) != SQLITE_OK)
        die ("the raw table", sqlite3_errmsg (db));
      /* The kernel time of the K commits, not of the load before them. */
      if (i == n)
        *sys = thread_sys_ms ();
      t = now_ms ();
      c = thread_cpu_ms ();
      if (i >= n)
        sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, lines->pdata[i < n ? i : first + (i - n)], -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        die ("the raw table", sqlite3_errmsg (db));
      sqlite3_reset (insert);
      if (i >= n)
        {
          if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            die ("the raw table", sqlite3_errmsg (db));
          ms[i - n] = now_ms () - t;
          cpu_ms[i - n] = thread_cpu_ms () - c;
        }
    }
  *sys = (thread_sys_ms () - *sys) / k;
  *pages = g_stat (wal, &st) == 0 ? (double) (st.st_size - WAL_HEADER) / (FRAME_HEADER + 4096) / k : 0;
  *wall = percentile (ms, k, 0.5);
  *cpu = percentile (cpu_ms, k, 0.5);
  sqlite3_finalize (insert);
  sqlite3_close (db);
  g_unlink (path);
  g_unlink (wal);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *raw_path = NULL;
  g_autofree double *ms = NULL;
  g_autofree double *cpu = NULL;
  HtStore *store = NULL;
  HtGen *gen = NULL;
  WalPages pages = { 0 };
  GDate from, to;
  guint n, k, e, first;
  double raw_pages, raw_wall, raw_cpu, raw_sys = 0, save_wall, save_pages, save_pages_median, save_sys;
  char *line;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— pages per durable save, b-tree by b-tree");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error->message);
  if (opt_records < 1 || opt_records > 10000000 || opt_saves < 1 || opt_saves > 100000
      || opt_edits < 0 || opt_edits > opt_saves)
    die ("options", "--records and --saves must be positive, --edits at most --saves");
  n = (guint) opt_records;
  k = (guint) opt_saves;
  e = (guint) opt_edits;

  if (opt_dir != NULL)
    dir = g_strdup (opt_dir);
  else if ((dir = g_dir_make_tmp ("hotich-pages-XXXXXX", &error)) == NULL)
    die ("a directory for the files", error->message);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    die ("creating the directory", g_strerror (errno));
  path = g_build_filename (dir, "pages.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  raw_path = g_build_filename (dir, "pages-raw.db", NULL);

  /* The same generator as for an earlier run with --register: N records
   * for the register, then the ones saved one by one. */
  ht_date_today (&to);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&to) - 10);
  if ((gen = ht_gen_new ("00004", (guint32) opt_seed, &from, &to, (guint64) n + 100000, FALSE, &error)) == NULL)
    die ("the generator", error->message);
  while (lines->len < n + k && (line = ht_gen_next_line (gen, &error)) != NULL)
    g_ptr_array_add (lines, line);
  ht_gen_free (gen);
  if (lines->len < n + k)
    die ("the generator", error != NULL ? error->message : "too few records");
  first = n;

  g_unlink (wal);
  if (opt_register != NULL)
    copy_file (opt_register, path);
  else
    {
      Feed feed = { lines, n, 0 };
      HtImportSummary summary = { 0 };
      double t = now_ms ();

      g_unlink (path);
      if ((store = ht_store_create (path, "00004", &error)) == NULL
          || !ht_store_import_lines (store, feed_line, &feed, "bench", NULL, &summary, NULL, NULL, NULL, &error))
        die ("importing", error->message);
      printf ("imported %u records in %.1f s into %s\n", n, (now_ms () - t) / 1e3, path);
      g_clear_object (&store);
      /* The saves below change pages.db: an untouched copy lets later runs
       * (--register) skip the import. */
      if (opt_dir != NULL)
        {
          g_autofree char *base = g_build_filename (dir, "pages-base.db", NULL);

          copy_file (path, base);
          printf ("kept a copy for --register in %s\n", base);
        }
    }
  if ((store = ht_store_open (path, &error)) == NULL)
    die ("opening", error->message);
  /* No checkpoint may reset the log before it is read. */
  if (sqlite3_exec (store->db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0",
                    NULL, NULL, NULL) != SQLITE_OK)
    die ("turning checkpoints off", sqlite3_errmsg (store->db));

  /* A clerk's session fills the page cache with searches before it saves:
   * each commit pays for every page the cache holds (ht-store-private.h). */
  if (opt_warm
      && sqlite3_exec (store->db, "SELECT sum (length (json)) FROM history; SELECT count (*) FROM name_keys;"
                       " SELECT count (*) FROM records; SELECT count (*) FROM search_data",
                       NULL, NULL, NULL) != SQLITE_OK)
    die ("filling the page cache", sqlite3_errmsg (store->db));
  ms = g_new0 (double, k + e);
  cpu = g_new0 (double, k + e);
  save_sys = thread_sys_ms ();
  for (guint i = 0; i < k + e; i++)
    {
      g_autoptr(HtIssues) issues = ht_issues_new ();
      cJSON *record;
      double t, c;

      /* An edit saves a record again as it was saved, with a reason: a new
       * version, as a clerk's correction makes; the tree then holds that
       * version, so a second edit of it is no conflict. */
      if (i < k)
        record = ht_record_parse (lines->pdata[first + i], -1, issues);
      else
        record = saved->pdata[((i - k) * 7) % saved->len];
      if (record == NULL)
        die ("a generated record", "it does not parse");
      t = now_ms ();
      c = thread_cpu_ms ();
      if (!ht_store_save (store, record, "bench", i < k ? NULL : "sửa lỗi đánh máy", HT_SAVE_DEFAULT, issues, &error))
        die ("saving", error->message);
      ms[i] = now_ms () - t;
      cpu[i] = thread_cpu_ms () - c;
      if (i < k)
        g_ptr_array_add (saved, record);
      if (i == k - 1)
        save_sys = (thread_sys_ms () - save_sys) / k;
    }
  read_wal (store->db, wal, k, &pages);
  g_clear_object (&store);
  raw_commits (raw_path, lines, n, first, k, &raw_pages, &raw_wall, &raw_cpu, &raw_sys);

  save_pages = 0;
  for (guint i = 0; i < MIN (k, pages.commits); i++)
    save_pages += g_array_index (pages.per_commit, double, i);
  save_pages /= MAX (1, MIN (k, pages.commits));
  /* The mean carries FTS5's merges, which a few saves do for all: the
   * median is what a typical save writes. */
  save_pages_median = percentile ((double *) pages.per_commit->data, MIN (k, pages.commits), 0.5);
  save_wall = percentile (ms, k, 0.5);

  printf ("\nhotich pages per durable save — register of %u records, %u saves, %u edits; SQLite %s\n\n",
          n, k, e, sqlite3_libversion ());
  /* Bytes as the log holds them: a frame is its header and a page. */
  printf ("  page size of the register: %u bytes (the raw table's: 4096)\n", pages.page_size);
  printf ("  ht_store_save, new record: %.2f pages (%.1f KiB) per commit; CPU median %.3f ms, p99 %.3f ms; wall median %.3f ms, p99 %.3f ms\n",
          save_pages, save_pages * (FRAME_HEADER + pages.page_size) / 1024,
          percentile (cpu, k, 0.5), percentile (cpu, k, 0.99), save_wall, percentile (ms, k, 0.99));
  printf ("                             median %.0f pages (%.1f KiB) per commit\n",
          save_pages_median, save_pages_median * (FRAME_HEADER + pages.page_size) / 1024);
  printf ("                             kernel CPU (writing and syncing the log), mean %.3f ms per save, %.3f ms per raw commit\n",
          save_sys, raw_sys);
  if (e > 0)
    {
      double edit_pages = 0;

      for (guint i = k; i < pages.commits; i++)
        edit_pages += g_array_index (pages.per_commit, double, i);
      edit_pages /= MAX (1, pages.commits - k);
      printf ("  ht_store_save, edit:       %.2f pages (%.1f KiB) per commit; CPU median %.3f ms; wall median %.3f ms\n",
              edit_pages, edit_pages * (FRAME_HEADER + pages.page_size) / 1024,
              percentile (cpu + k, e, 0.5), percentile (ms + k, e, 0.5));
    }
  printf ("  raw single-row commit:     %.2f pages (%.1f KiB) per commit; CPU median %.3f ms; wall median %.3f ms\n",
          raw_pages, raw_pages * (FRAME_HEADER + 4096) / 1024, raw_cpu, raw_wall);
  printf ("  ratio of medians, save to raw: wall %.2f×, CPU %.2f× (target of issue 2: wall ≤ 2×)\n\n",
          save_wall / MAX (raw_wall, 1e-9), percentile (cpu, k, 0.5) / MAX (raw_cpu, 1e-9));
  print_trees ("new record", pages.by_tree[0], MIN (k, pages.commits));
  print_trees ("edit", pages.by_tree[1], pages.commits > k ? pages.commits - k : 0);

  g_array_unref (pages.per_commit);
  g_hash_table_unref (pages.by_tree[0]);
  g_hash_table_unref (pages.by_tree[1]);
  if (opt_dir == NULL && opt_register == NULL)
    {
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      g_rmdir (dir);
    }
  return 0;
}
