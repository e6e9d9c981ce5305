/* bench-store.c — how fast the register stores and finds records, next to plain SQLite.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-store [--records N] [--dir DIR] [--searches M] [--singles K] [--seed S] [--office CODE] [--keep]
 *
 * Absolute times say more about the machine than about the code, so every
 * figure of the register is set beside the raw speed of the same work on
 * the same machine in the same run: one durable SQLite commit of one JSON
 * row, and a bulk load of the same JSON lines into a plain table.  The N
 * records are generated once (ht-gen) and reused by both sides.  The
 * figures are printed, never asserted (DESIGN.md "Testing and measuring").
 */
#define G_LOG_DOMAIN "bench-store"

#include <errno.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-store.h"
#include "ht-store-private.h"

static gint64 opt_records = 1000000;
static gint64 opt_searches = 2000;
static gint64 opt_singles = 300;
static gint64 opt_seed = 1;
static char *opt_dir;
static char *opt_office;
static gboolean opt_keep;

static const GOptionEntry entries[] = {
  { "records", 0, 0, G_OPTION_ARG_INT64, &opt_records, "Records in the register (default 1000000)", "N" },
  { "searches", 0, 0, G_OPTION_ARG_INT64, &opt_searches, "Name searches to time (default 2000)", "M" },
  { "singles", 0, 0, G_OPTION_ARG_INT64, &opt_singles, "Single durable saves to time (default 300)", "K" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generated records (default 1)", "S" },
  { "office", 0, 0, G_OPTION_ARG_STRING, &opt_office, "Commune code of the register (default 00004)", "CODE" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where to put the files (default a new directory in /var/tmp)", "DIR" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the files afterwards", NULL },
  { NULL }
};

/* ---- Small helpers ---- */

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds of this thread: unlike the wall clock, they do not count the
 * time another process held the CPU, so they tell the code's cost apart
 * from the machine's load. */
static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of the process, user and system (the kernel's share is the
 * file writes). */
static void
process_cpu_s (double *user,
               double *sys)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  *user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
  *sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* The 1-minute load average: other work on the machine makes every wall
 * time here longer, and the tail percentiles most of all. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

typedef struct
{
  double median;
  double p99;
  double mean;
  double max;
} Stats;

/* Median and 99th percentile (nearest rank) of "n" samples, sorted in place. */
static Stats
stats_of (double *v,
          guint   n)
{
  Stats s = { 0 };
  double sum = 0;

  if (n == 0)
    return s;
  qsort (v, n, sizeof *v, compare_double);
  for (guint i = 0; i < n; i++)
    sum += v[i];
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  s.p99 = v[MIN (n - 1, (guint) ceil (0.99 * n) - 1)];
  s.mean = sum / n;
  s.max = v[n - 1];
  return s;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* A database file with its write-ahead log, as it takes space on disk. */
static gint64
db_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  return file_size (path) + file_size (wal);
}

static char *
human_bytes (gint64 n)
{
  return g_format_size_full ((guint64) n, G_FORMAT_SIZE_IEC_UNITS);
}

static void
remove_db (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
}

static void
die_sqlite (sqlite3    *db,
            const char *what)
{
  g_printerr ("bench-store: %s: %s\n", what, sqlite3_errmsg (db));
  exit (1);
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_printerr ("bench-store: %s: %s\n", sql, msg ? msg : "?");
      exit (1);
    }
}

/* The machine, in words: CPU model and memory from /proc where there is one. */
static char *
cpu_model (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    return g_strdup ("unknown");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name"))
      {
        const char *colon = strchr (lines[i], ':');
        if (colon != NULL)
          return g_strstrip (g_strdup (colon + 1));
      }
  return g_strdup ("unknown");
}

static gint64
memory_bytes (void)
{
  g_autofree char *text = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/meminfo", &text, NULL, NULL) || (p = strstr (text, "MemTotal:")) == NULL)
    return 0;
  return g_ascii_strtoll (p + strlen ("MemTotal:"), NULL, 10) * 1024;
}

/* Peak resident memory of this process, for the reader who wonders what a
 * million parsed records cost. */
static gint64
peak_rss_bytes (void)
{
  g_autofree char *text = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL) || (p = strstr (text, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoll (p + strlen ("VmHWM:"), NULL, 10) * 1024;
}

/* Progress of a long phase on stderr, about once a second. */
typedef struct
{
  const char *what;
  double      started;
  double      last;
  guint64     last_done;
} Progress;

static void
progress_report (Progress *p,
                 guint64   done,
                 guint64   total)
{
  double t = now_s ();

  if ((t - p->last < 1.0 && (total == 0 || done < total)) || done == p->last_done)
    return;
  p->last = t;
  p->last_done = done;
  if (total == 0)
    g_printerr ("  %s: %" G_GUINT64_FORMAT " (%.1f s)\n", p->what, done, t - p->started);
  else
    g_printerr ("  %s: %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT " (%.0f%%, %.1f s)\n",
                p->what, done, total, 100.0 * done / total, t - p->started);
}

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  progress_report (user_data, done, total);
}

/* What remove_files() deletes at exit. */
static struct
{
  char     *dir;
  gboolean  made_dir;
} cleanup;

static void
remove_files (void)
{
  static const char *const names[] = { "raw-single.db", "raw-bulk.db", "raw-paired.db", "registry.db" };

  if (cleanup.dir == NULL)
    return;
  if (opt_keep)
    {
      g_printerr ("Files kept in %s\n", cleanup.dir);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (cleanup.dir, names[i], NULL);
      remove_db (path);
    }
  if (cleanup.made_dir)
    g_rmdir (cleanup.dir);
  g_clear_pointer (&cleanup.dir, g_free);
}

/* ---- Raw SQLite ---- */

/* A fresh file set up as the register sets up its own: write-ahead log,
 * synchronous=FULL so that a commit survives a power cut. */
static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  remove_db (path);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    die_sqlite (db, "opening the raw database");
  exec_or_die (db, "PRAGMA journal_mode=WAL");
  exec_or_die (db, "PRAGMA synchronous=FULL");
  exec_or_die (db, "CREATE TABLE records (id TEXT PRIMARY KEY, json TEXT NOT NULL)");
  return db;
}

static void
raw_insert (sqlite3_stmt *stmt,
            const char   *id,
            const char   *json)
{
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    die_sqlite (sqlite3_db_handle (stmt), "inserting a raw row");
  sqlite3_reset (stmt);
}

/* K transactions of one row each; returns the time of each in ms. */
static double *
raw_singles (sqlite3    *db,
             GPtrArray  *ids,
             GPtrArray  *lines,
             guint       first,
             guint       k)
{
  double *ms = g_new0 (double, MAX (k, 1));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "INSERT INTO records (id, json) VALUES (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
    die_sqlite (db, "preparing the raw insert");
  for (guint i = 0; i < k; i++)
    {
      double t0 = now_s ();
      exec_or_die (db, "BEGIN IMMEDIATE");
      raw_insert (stmt, ids->pdata[first + i], lines->pdata[first + i]);
      exec_or_die (db, "COMMIT");
      ms[i] = (now_s () - t0) * 1e3;
    }
  sqlite3_finalize (stmt);
  return ms;
}

/* ---- Search queries ---- */

/* Every person's name in a record (the officials' excepted: nobody looks a
 * record up by who signed it). */
static void
collect_names (const cJSON *node,
               GPtrArray   *out)
{
  const cJSON *child;

  cJSON_ArrayForEach (child, node)
    {
      if (child->string != NULL && g_str_equal (child->string, "signer"))
        continue;
      if (child->string != NULL && g_str_equal (child->string, "full_name") && cJSON_IsString (child))
        g_ptr_array_add (out, child->valuestring);
      else if (cJSON_IsObject (child) || cJSON_IsArray (child))
        collect_names (child, out);
    }
}

typedef enum {
  QUERY_FULL,     /* "nguyen van an" */
  QUERY_SURNAME_GIVEN, /* "nguyen an" */
  QUERY_GIVEN,    /* "an" */
  QUERY_PREFIX,   /* "nguyen van a" */
  N_QUERY_TYPES
} QueryType;

static const char *const query_type_names[N_QUERY_TYPES] = {
  "full name", "surname + given", "given name alone", "prefix being typed",
};

static void
add_query (GPtrArray *queries,
           GArray    *types,
           char      *query,
           QueryType  type)
{
  g_ptr_array_add (queries, query);
  g_array_append_val (types, type);
}

/* What a clerk types into the search box, folded: a full name, "surname
 * given", a given name alone, or the start of a name still being typed.
 * "types" gets the QueryType of each. */
static GPtrArray *
make_queries (GPtrArray *lines,
              guint      n_records,
              guint      m,
              guint32    seed,
              GArray    *types)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5ea4c4u);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  while (queries->len < m)
    {
      g_autoptr(cJSON) record = cJSON_Parse (lines->pdata[g_rand_int_range (rand, 0, (gint32) n_records)]);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *folded = NULL;
      g_auto(GStrv) words = NULL;
      guint n_words;
      double x = g_rand_double (rand);

      collect_names (record, names);
      if (names->len == 0)
        continue;
      folded = ht_fold (names->pdata[g_rand_int_range (rand, 0, (gint32) names->len)]);
      words = g_strsplit (folded, " ", -1);
      n_words = g_strv_length (words);
      if (n_words < 2)
        continue;

      if (x < 0.35)
        add_query (queries, types, g_strdup (folded), QUERY_FULL);
      else if (x < 0.6)
        add_query (queries, types, g_strdup_printf ("%s %s", words[0], words[n_words - 1]), QUERY_SURNAME_GIVEN);
      else if (x < 0.8)
        add_query (queries, types, g_strdup (words[n_words - 1]), QUERY_GIVEN);
      else
        {
          /* Typed up to the first letters of the last word: "nguyen van h". */
          GString *q = g_string_new (NULL);
          gsize typed = (gsize) g_rand_int_range (rand, 1, 3);
          for (guint i = 0; i + 1 < n_words; i++)
            g_string_append_printf (q, "%s ", words[i]);
          g_string_append_len (q, words[n_words - 1], MIN (strlen (words[n_words - 1]), typed));
          add_query (queries, types, g_string_free (q, FALSE), QUERY_PREFIX);
        }
    }
  return queries;
}

/* ---- The lines fed to the import ---- */

/* Hands the generated lines to ht_store_import_lines one by one, freeing
 * each (and its raw id) once read: a million lines are 1.5 GB. */
typedef struct
{
  GPtrArray *lines;
  GPtrArray *ids;
  guint      n;
  guint      next;
} LineFeed;

static gboolean
feed_line (gpointer     user_data,
           const char **line,
           gsize       *length,
           guint64     *line_no,
           gboolean    *too_long,
           GError     **error)
{
  LineFeed *feed = user_data;

  if (feed->next > 0)
    {
      g_clear_pointer (&feed->lines->pdata[feed->next - 1], g_free);
      g_clear_pointer (&feed->ids->pdata[feed->next - 1], g_free);
    }
  if (feed->next >= feed->n)
    return FALSE;
  *line = feed->lines->pdata[feed->next];
  *length = strlen (*line);
  *line_no = ++feed->next;
  *too_long = FALSE;
  return TRUE;
}

/* ---- Main ---- */

typedef struct
{
  double      ms;
  const char *query;
  guint       hits;
} Timed;

static int
compare_timed (gconstpointer a,
               gconstpointer b)
{
  const Timed *x = a, *y = b;
  return (x->ms < y->ms) - (x->ms > y->ms);
}

typedef struct
{
  Stats  raw_single;
  Stats  raw_paired;
  Stats  raw_single_at_n;
  double raw_first_at_n;
  Stats  our_single;
  double our_first_save;
  Stats  our_single_cpu;
  Stats  search;
  Stats  search_by_type[N_QUERY_TYPES];
  guint  search_n_by_type[N_QUERY_TYPES];
  Timed  slowest[5];
  double search_hits;
  Stats  search_cpu;
  double gen_rps;
  double raw_bulk_s;
  double raw_bulk_cpu[2];
  double parse_rps;
  double import_s;
  double import_cpu[2];
  double import_writer_cpu;
  double load_start;
  double load_end;
  gint64 jsonl_bytes;
  gint64 raw_bytes;
  gint64 our_bytes;
  gint64 peak_rss;
  gint64 wal_after_import;
} Figures;

static void
print_row (const char *what,
           const char *value,
           const char *note)
{
  g_print ("  %-44s %18s   %s\n", what, value, note ? note : "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) query_types = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *raw_single_path = NULL;
  g_autofree char *raw_bulk_path = NULL;
  g_autofree char *raw_paired_path = NULL;
  g_autofree char *our_path = NULL;
  g_autofree char *cpu = cpu_model ();
  g_autofree double *ms = NULL;
  g_autofree double *single_cpu = NULL;
  g_autofree double *paired_ms = NULL;
  sqlite3 *paired_db = NULL;
  sqlite3_stmt *paired_insert = NULL;
  const char *office;
  gboolean made_dir = FALSE;
  Figures f = { 0 };
  guint n, k, m;
  GDate from, to;
  double t0, user0, sys0;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the register against plain SQLite");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 2;
    }
  if (opt_records < 1 || opt_records > G_MAXINT32 || opt_singles < 1 || opt_singles > 1000000 ||
      opt_searches < 1 || opt_searches > 10000000 || opt_seed < 0 || opt_seed > G_MAXUINT32)
    {
      g_printerr ("bench-store: --records, --singles and --searches must be positive\n");
      return 2;
    }
  n = (guint) opt_records;
  k = (guint) opt_singles;
  m = (guint) opt_searches;
  office = opt_office ? opt_office : "00004";

  if (opt_dir != NULL)
    {
      dir = g_strdup (opt_dir);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_printerr ("bench-store: cannot create %s: %s\n", dir, g_strerror (errno));
          return 1;
        }
    }
  else
    {
      dir = g_strdup ("/var/tmp/hotich-bench-XXXXXX");
      if (g_mkdtemp (dir) == NULL)
        {
          g_printerr ("bench-store: cannot create a directory in /var/tmp: %s\n", g_strerror (errno));
          return 1;
        }
      made_dir = TRUE;
    }
  /* The files go at exit, failed runs included (a smoke test that fails
   * must not leave gigabytes in /var/tmp), unless asked to keep them. */
  cleanup.dir = g_strdup (dir);
  cleanup.made_dir = made_dir;
  atexit (remove_files);
  raw_single_path = g_build_filename (dir, "raw-single.db", NULL);
  raw_bulk_path = g_build_filename (dir, "raw-bulk.db", NULL);
  raw_paired_path = g_build_filename (dir, "raw-paired.db", NULL);
  our_path = g_build_filename (dir, "registry.db", NULL);
  remove_db (our_path);

  /* ---- The records: N for the bulk loads, K more for the single saves ---- */

  /* Ten years of a commune's books, ending today, so that the dates are
   * all in the past whatever day the benchmark runs. */
  ht_date_today (&to);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&to) - 10);
  gen = ht_gen_new (office, (guint32) opt_seed, &from, &to, (guint64) n + k, FALSE, &error);
  if (gen == NULL)
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 1;
    }
  f.load_start = load_average ();
  g_printerr ("Generating %u + %u records for office %s …\n", n, k, office);
  {
    Progress p = { "generated", now_s (), now_s () };
    char *line;

    t0 = now_s ();
    while ((line = ht_gen_next_line (gen, &error)) != NULL)
      {
        g_ptr_array_add (lines, line);
        g_ptr_array_add (ids, g_uuid_string_random ());
        f.jsonl_bytes += (gint64) strlen (line) + 1;
        progress_report (&p, lines->len, (guint64) n + k);
      }
    if (error != NULL)
      {
        g_printerr ("bench-store: %s\n", error->message);
        return 1;
      }
    f.gen_rps = lines->len / MAX (now_s () - t0, 1e-9);
  }

  /* The searches are drawn now from the generated lines, which the import
   * phase frees as it parses them. */
  query_types = g_array_new (FALSE, FALSE, sizeof (QueryType));
  queries = make_queries (lines, n, m, (guint32) opt_seed, query_types);

  /* ---- Raw SQLite: single durable commits into a fresh file ---- */

  g_printerr ("Raw SQLite: %u single-row commits …\n", k);
  {
    sqlite3 *db = raw_open (raw_single_path);
    ms = raw_singles (db, ids, lines, n, k);
    f.raw_single = stats_of (ms, k);
    g_clear_pointer (&ms, g_free);
    sqlite3_close (db);
  }

  /* ---- Raw SQLite: the N lines in one transaction ---- */

  g_printerr ("Raw SQLite: bulk load of %u rows …\n", n);
  {
    sqlite3 *db = raw_open (raw_bulk_path);
    sqlite3_stmt *stmt = NULL;
    Progress p = { "raw rows", now_s (), now_s () };

    if (sqlite3_prepare_v2 (db, "INSERT INTO records (id, json) VALUES (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
      die_sqlite (db, "preparing the raw insert");
    process_cpu_s (&user0, &sys0);
    t0 = now_s ();
    exec_or_die (db, "BEGIN IMMEDIATE");
    for (guint i = 0; i < n; i++)
      {
        raw_insert (stmt, ids->pdata[i], lines->pdata[i]);
        if ((i & 0xffff) == 0)
          progress_report (&p, i, n);
      }
    exec_or_die (db, "COMMIT");
    f.raw_bulk_s = now_s () - t0;
    process_cpu_s (&f.raw_bulk_cpu[0], &f.raw_bulk_cpu[1]);
    f.raw_bulk_cpu[0] -= user0;
    f.raw_bulk_cpu[1] -= sys0;
    sqlite3_finalize (stmt);

    /* The same single commits into the full table: what one row costs when
     * the primary-key index is as big as the register's. */
    ms = raw_singles (db, ids, lines, n, k);
    f.raw_first_at_n = ms[0];
    f.raw_single_at_n = stats_of (ms, k);
    g_clear_pointer (&ms, g_free);
    sqlite3_close (db);
    f.raw_bytes = db_size (raw_bulk_path);
  }

  /* ---- Our bulk import: parse every line, then one ht_store_import ---- */

  g_printerr ("Register: import of %u records …\n", n);
  store = ht_store_create (our_path, office, &error);
  if (store == NULL)
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 1;
    }
  {
    g_autoptr(GArray) line_issues = NULL;
    HtImportSummary summary = { 0 };
    Progress p = { "imported", 0, 0 };
    LineFeed feed = { lines, ids, n, 0 };
    guint sample = MIN (n, 20000u);

    /* ht_record_parse on one thread, for the reader: how much of the
     * import is parsing (the import itself parses on other threads). */
    t0 = now_s ();
    for (guint i = 0; i < sample; i++)
      {
        g_autoptr(HtIssues) parse_issues = ht_issues_new ();
        g_autoptr(cJSON) record = ht_record_parse (lines->pdata[i], -1, parse_issues);

        if (record == NULL)
          {
            const HtIssue *first = parse_issues->pdata[0];
            g_printerr ("bench-store: line %u: %s: %s\n", i + 1, first->field, first->message);
            return 1;
          }
      }
    f.parse_rps = sample / MAX (now_s () - t0, 1e-9);

    /* The import reads the JSON Lines as hotich-admin import does: a
     * stream, parsed, validated and written in one transaction. */
    p.started = p.last = now_s ();
    process_cpu_s (&user0, &sys0);
    f.import_writer_cpu = thread_cpu_s ();
    t0 = now_s ();
    if (!ht_store_import_lines (store, feed_line, &feed, "bench", &line_issues, &summary,
                                import_progress_cb, &p, NULL, &error))
      {
        g_printerr ("bench-store: import failed: %s\n", error->message);
        for (guint i = 0, shown = 0; line_issues != NULL && i < line_issues->len && shown < 10; i++)
          {
            const HtLineIssues *li = &g_array_index (line_issues, HtLineIssues, i);
            for (guint j = 0; j < li->issues->len; j++)
              {
                const HtIssue *issue = li->issues->pdata[j];
                if (issue->severity != HT_SEVERITY_ERROR)
                  continue;
                g_printerr ("  line %" G_GUINT64_FORMAT ": %s: %s (%s)\n", li->line, issue->field, issue->message,
                            issue->code);
                shown++;
              }
          }
        return 1;
      }
    f.import_s = now_s () - t0;
    /* The calling thread is the import's writer: what it spends per record
     * bounds the import's rate however many cores parse. */
    f.import_writer_cpu = thread_cpu_s () - f.import_writer_cpu;
    process_cpu_s (&f.import_cpu[0], &f.import_cpu[1]);
    f.import_cpu[0] -= user0;
    f.import_cpu[1] -= sys0;
    f.peak_rss = peak_rss_bytes ();
    {
      g_autofree char *wal = g_strconcat (our_path, "-wal", NULL);
      f.wal_after_import = file_size (wal);
    }
  }

  /* Freeing N lines leaves glibc with millions of free chunks, which it
   * consolidates at the next sizeable allocation: do it now, not inside
   * the first timed save (it took 170 ms at 20,000 records). */
#ifdef __GLIBC__
  malloc_trim (0);
#endif

  /* ---- Our single registrations into the register at N ---- */

  /* Each save is preceded by one raw single-row commit into a fresh file
   * of its own: the disk of a shared machine is much slower at some
   * moments than at others, and a raw commit measured at the same moments
   * as the saves gives a ratio that such moments do not move. */
  g_printerr ("Register: %u single saves, each after a raw commit …\n", k);
  ms = g_new0 (double, k);
  single_cpu = g_new0 (double, k);
  paired_db = raw_open (raw_paired_path);
  if (sqlite3_prepare_v2 (paired_db, "INSERT INTO records (id, json) VALUES (?1, ?2)", -1, &paired_insert, NULL)
      != SQLITE_OK)
    die_sqlite (paired_db, "preparing the raw insert");
  paired_ms = g_new0 (double, k);
  for (guint i = 0; i < k; i++)
    {
      g_autoptr(HtIssues) parse_issues = ht_issues_new ();
      g_autoptr(HtIssues) issues = ht_issues_new ();
      g_autoptr(cJSON) record = ht_record_parse (lines->pdata[n + i], -1, parse_issues);
      double t, c;

      if (record == NULL)
        {
          g_printerr ("bench-store: single %u does not parse\n", i + 1);
          return 1;
        }
      t = now_s ();
      exec_or_die (paired_db, "BEGIN IMMEDIATE");
      raw_insert (paired_insert, ids->pdata[n + i], lines->pdata[n + i]);
      exec_or_die (paired_db, "COMMIT");
      paired_ms[i] = (now_s () - t) * 1e3;
      t = now_s ();
      c = thread_cpu_s ();
      if (!ht_store_save (store, record, "bench", NULL, HT_SAVE_DEFAULT, issues, &error))
        {
          g_printerr ("bench-store: saving single %u: %s\n", i + 1, error->message);
          for (guint j = 0; j < issues->len; j++)
            {
              const HtIssue *issue = issues->pdata[j];
              g_printerr ("  %s: %s (%s)\n", issue->field, issue->message, issue->code);
            }
          return 1;
        }
      ms[i] = (now_s () - t) * 1e3;
      single_cpu[i] = (thread_cpu_s () - c) * 1e3;
    }
  f.our_single_cpu = stats_of (single_cpu, k);
  f.raw_paired = stats_of (paired_ms, k);
  g_clear_pointer (&paired_ms, g_free);
  sqlite3_finalize (paired_insert);
  sqlite3_close (paired_db);
  g_clear_pointer (&single_cpu, g_free);
  f.our_first_save = ms[0];
  f.our_single = stats_of (ms, k);
  g_clear_pointer (&ms, g_free);

  /* ---- Name search at N ---- */

  g_printerr ("Register: %u name searches …\n", m);
  {
    guint64 hits = 0;
    guint n_by_type[N_QUERY_TYPES] = { 0 };
    g_autofree Timed *timed = g_new0 (Timed, m);
    g_autofree double *cpu_ms = g_new0 (double, m);

    /* A few queries first, not timed: the first search of a session reads
     * the index from disk, which is the page cache's story, not ours. */
    for (guint i = 0; i < MIN (m, 20u); i++)
      {
        g_autoptr(GPtrArray) found = ht_store_search (store, queries->pdata[(i * 7919u) % m], NULL, 20, NULL);
      }
    ms = g_new0 (double, m);
    for (guint i = 0; i < m; i++)
      {
        g_autoptr(GPtrArray) found = NULL;
        double t = now_s ();
        double c = thread_cpu_s ();

        found = ht_store_search (store, queries->pdata[i], NULL, 20, &error);
        ms[i] = (now_s () - t) * 1e3;
        cpu_ms[i] = (thread_cpu_s () - c) * 1e3;
        if (found == NULL)
          {
            g_printerr ("bench-store: searching \"%s\": %s\n", (const char *) queries->pdata[i], error->message);
            return 1;
          }
        hits += found->len;
        timed[i] = (Timed) { ms[i], queries->pdata[i], found->len };
      }
    for (guint t = 0; t < N_QUERY_TYPES; t++)
      {
        g_autofree double *by_type = g_new0 (double, m);

        for (guint i = 0; i < m; i++)
          if (g_array_index (query_types, QueryType, i) == t)
            by_type[n_by_type[t]++] = ms[i];
        f.search_by_type[t] = stats_of (by_type, n_by_type[t]);
        f.search_n_by_type[t] = n_by_type[t];
      }
    f.search = stats_of (ms, m);
    f.search_cpu = stats_of (cpu_ms, m);
    f.search_hits = (double) hits / m;
    g_clear_pointer (&ms, g_free);
    qsort (timed, m, sizeof *timed, compare_timed);
    for (guint i = 0; i < MIN (m, (guint) G_N_ELEMENTS (f.slowest)); i++)
      f.slowest[i] = timed[i];
  }
  f.load_end = load_average ();
  /* Sizes once the register is closed: the log is then checkpointed into
   * the file, as it is on the clerk's disk between sessions. */
  g_clear_object (&store);
  f.our_bytes = db_size (our_path);

  /* ---- Report ---- */
  {
    double raw_bulk_rps = n / MAX (f.raw_bulk_s, 1e-9);
    double import_rps = n / MAX (f.import_s, 1e-9);
    double single_ratio = f.our_single.median / MAX (f.raw_single.median, 1e-9);
    double paired_ratio = f.our_single.median / MAX (f.raw_paired.median, 1e-9);
    double bulk_ratio = import_rps / raw_bulk_rps;
    g_autofree char *s_jsonl = human_bytes (f.jsonl_bytes);
    g_autofree char *s_raw = human_bytes (f.raw_bytes);
    g_autofree char *s_ours = human_bytes (f.our_bytes);
    g_autofree char *s_mem = human_bytes (memory_bytes ());
    g_autofree char *s_rss = human_bytes (f.peak_rss);
    char v[64];
    g_autoptr(cJSON) json = cJSON_CreateObject ();
    cJSON *o;
    char *text;

    g_print ("\nhotich store benchmark — %u records, office %s, seed %" G_GINT64_FORMAT "\n", n, office, opt_seed);
    g_print ("  machine: %s, %u CPUs, %s RAM; SQLite %s; files in %s\n",
             cpu, g_get_num_processors (), s_mem, sqlite3_libversion (), dir);
    g_print ("  load average %.2f at the start, %.2f at the end (other work makes wall times longer)\n",
             f.load_start, f.load_end);
    /* HOTICH_SQLITE_DEFAULT_PCACHE=1 measures against SQLite's own cache. */
    g_print ("  SQLite page cache: %s\n\n", _ht_store_pcache_installed ()
             ? "the store's (core/ht-store-pcache.c)" : "SQLite's default (HOTICH_SQLITE_DEFAULT_PCACHE)");

    g_print ("  %-44s %18s   %s\n", "measure", "value", "note");
    g_snprintf (v, sizeof v, "%.0f rec/s", f.gen_rps);
    print_row ("generating records (ht-gen)", v, "not part of any figure below");
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.raw_single.median, f.raw_single.p99);
    print_row ("raw SQLite single commit, median / p99", v, "fresh file, WAL, synchronous=FULL");
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.raw_single_at_n.median, f.raw_single_at_n.p99);
    print_row ("raw SQLite single commit at N, median / p99", v, "same, into the table of N rows");
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.raw_first_at_n, f.raw_single_at_n.max);
    print_row ("  first commit after the bulk load / slowest", v, NULL);
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.our_single.median, f.our_single.p99);
    print_row ("ht_store_save at N, median / p99", v, "validate + record + history + outbox + index + audit");
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.our_first_save, f.our_single.max);
    print_row ("  first save after the import / slowest", v, NULL);
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.our_single_cpu.median, f.our_single_cpu.p99);
    print_row ("  CPU time per save, median / p99", v, "this thread only; the rest is waiting for the disk");
    g_snprintf (v, sizeof v, "%.2f×", single_ratio);
    print_row ("  ratio to raw single median", v, single_ratio <= 2.0 ? "target ≤ 2× — met" : "target ≤ 2× — MISSED");
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.raw_paired.median, f.raw_paired.p99);
    print_row ("  raw single commit before each save, median / p99", v, "fresh file, at the same moments as the saves");
    g_snprintf (v, sizeof v, "%.2f×", paired_ratio);
    print_row ("  ratio to it", v, paired_ratio <= 2.0 ? "target ≤ 2× — met" : "target ≤ 2× — MISSED");
    g_snprintf (v, sizeof v, "%.0f rec/s", raw_bulk_rps);
    print_row ("raw SQLite bulk load, one transaction", v, "(id TEXT PRIMARY KEY, json TEXT)");
    g_snprintf (v, sizeof v, "%.1f + %.1f s", f.raw_bulk_cpu[0], f.raw_bulk_cpu[1]);
    {
      g_autofree char *note = g_strdup_printf ("of %.1f s wall", f.raw_bulk_s);
      print_row ("  CPU user + system", v, note);
    }
    g_snprintf (v, sizeof v, "%.0f rec/s", f.parse_rps);
    print_row ("  ht_record_parse alone, one thread", v, "measured apart, on the first 20,000 lines");
    g_snprintf (v, sizeof v, "%.1f + %.1f s", f.import_cpu[0], f.import_cpu[1]);
    {
      g_autofree char *note = g_strdup_printf ("of %.1f s wall", f.import_s);
      print_row ("  import CPU user + system, all threads", v, note);
    }
    g_snprintf (v, sizeof v, "%.1f µs", f.import_writer_cpu * 1e6 / MAX (n, 1));
    print_row ("  import writer (calling) thread CPU per record", v, "the import's rate is bounded by it");
    g_snprintf (v, sizeof v, "%.0f rec/s", import_rps);
    print_row ("our bulk import (parse + import)", v, "ht_store_import_lines: parse, validate, write");
    g_snprintf (v, sizeof v, "%.2f×", bulk_ratio);
    print_row ("  ratio to raw bulk", v, bulk_ratio >= 0.3 ? "target ≥ 0.3× — met" : "target ≥ 0.3× — MISSED");
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.search.median, f.search.p99);
    print_row ("name search at N, median / p99", v, f.search.p99 <= 5.0 ? "limit 20; target p99 ≤ 5 ms — met"
                                                                         : "limit 20; target p99 ≤ 5 ms — MISSED");
    g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.search_cpu.median, f.search_cpu.p99);
    print_row ("  CPU time per search, median / p99", v, "this thread only: load-independent");
    for (guint t = 0; t < N_QUERY_TYPES; t++)
      {
        g_autofree char *what = g_strdup_printf ("  %s (%u), median / p99", query_type_names[t], f.search_n_by_type[t]);
        g_snprintf (v, sizeof v, "%.2f / %.2f ms", f.search_by_type[t].median, f.search_by_type[t].p99);
        print_row (what, v, NULL);
      }
    g_snprintf (v, sizeof v, "%.1f", f.search_hits);
    print_row ("  mean hits per search", v, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (f.slowest) && f.slowest[i].query != NULL; i++)
      {
        g_autofree char *what = g_strdup_printf ("  slow: \"%s\"", f.slowest[i].query);
        g_autofree char *note = g_strdup_printf ("%u hits", f.slowest[i].hits);
        g_snprintf (v, sizeof v, "%.2f ms", f.slowest[i].ms);
        print_row (what, v, note);
      }
    print_row ("JSON Lines of the N records", s_jsonl, NULL);
    print_row ("raw SQLite file", s_raw, "closed (log checkpointed)");
    print_row ("register file", s_ours, "closed (log checkpointed)");
    {
      g_autofree char *s_wal = human_bytes (f.wal_after_import);
      print_row ("register log (-wal) right after the import", s_wal, "what the next commit finds");
    }
    print_row ("peak memory of this process", s_rss, "the N generated lines are held in memory");
    g_print ("\n");

    o = cJSON_AddObjectToObject (json, "machine");
    cJSON_AddStringToObject (o, "cpu", cpu);
    cJSON_AddNumberToObject (o, "nproc", g_get_num_processors ());
    cJSON_AddNumberToObject (o, "memory_bytes", (double) memory_bytes ());
    cJSON_AddStringToObject (o, "sqlite", sqlite3_libversion ());
    cJSON_AddNumberToObject (o, "load_start", f.load_start);
    cJSON_AddNumberToObject (o, "load_end", f.load_end);
    cJSON_AddBoolToObject (o, "store_pcache", _ht_store_pcache_installed ());
    cJSON_AddNumberToObject (json, "records", n);
    cJSON_AddNumberToObject (json, "singles", k);
    cJSON_AddNumberToObject (json, "searches", m);
    cJSON_AddNumberToObject (json, "seed", (double) opt_seed);
    cJSON_AddNumberToObject (json, "gen_records_per_s", round (f.gen_rps));
    o = cJSON_AddObjectToObject (json, "raw_single_ms");
    cJSON_AddNumberToObject (o, "median", f.raw_single.median);
    cJSON_AddNumberToObject (o, "p99", f.raw_single.p99);
    o = cJSON_AddObjectToObject (json, "raw_paired_ms");
    cJSON_AddNumberToObject (o, "median", f.raw_paired.median);
    cJSON_AddNumberToObject (o, "p99", f.raw_paired.p99);
    o = cJSON_AddObjectToObject (json, "raw_single_at_n_ms");
    cJSON_AddNumberToObject (o, "median", f.raw_single_at_n.median);
    cJSON_AddNumberToObject (o, "p99", f.raw_single_at_n.p99);
    cJSON_AddNumberToObject (o, "first", f.raw_first_at_n);
    cJSON_AddNumberToObject (o, "max", f.raw_single_at_n.max);
    o = cJSON_AddObjectToObject (json, "our_single_ms");
    cJSON_AddNumberToObject (o, "median", f.our_single.median);
    cJSON_AddNumberToObject (o, "p99", f.our_single.p99);
    cJSON_AddNumberToObject (o, "first", f.our_first_save);
    cJSON_AddNumberToObject (o, "cpu_median", f.our_single_cpu.median);
    cJSON_AddNumberToObject (o, "cpu_p99", f.our_single_cpu.p99);
    cJSON_AddNumberToObject (o, "max", f.our_single.max);
    cJSON_AddNumberToObject (json, "single_ratio", single_ratio);
    cJSON_AddNumberToObject (json, "single_ratio_paired", paired_ratio);
    cJSON_AddNumberToObject (json, "raw_bulk_records_per_s", round (raw_bulk_rps));
    cJSON_AddNumberToObject (json, "raw_bulk_cpu_user_s", f.raw_bulk_cpu[0]);
    cJSON_AddNumberToObject (json, "raw_bulk_cpu_sys_s", f.raw_bulk_cpu[1]);
    cJSON_AddNumberToObject (json, "import_cpu_user_s", f.import_cpu[0]);
    cJSON_AddNumberToObject (json, "import_cpu_sys_s", f.import_cpu[1]);
    cJSON_AddNumberToObject (json, "import_writer_cpu_s", f.import_writer_cpu);
    cJSON_AddNumberToObject (json, "parse_records_per_s", round (f.parse_rps));
    cJSON_AddNumberToObject (json, "our_bulk_records_per_s", round (import_rps));
    cJSON_AddNumberToObject (json, "bulk_ratio", bulk_ratio);
    o = cJSON_AddObjectToObject (json, "search_ms");
    cJSON_AddNumberToObject (o, "median", f.search.median);
    cJSON_AddNumberToObject (o, "p99", f.search.p99);
    cJSON_AddNumberToObject (o, "max", f.search.max);
    cJSON_AddNumberToObject (o, "cpu_median", f.search_cpu.median);
    cJSON_AddNumberToObject (o, "cpu_p99", f.search_cpu.p99);
    cJSON_AddNumberToObject (o, "mean_hits", f.search_hits);
    for (guint t = 0; t < N_QUERY_TYPES; t++)
      {
        static const char *const keys[N_QUERY_TYPES] = { "full", "surname_given", "given", "prefix" };
        cJSON *bt = cJSON_AddObjectToObject (o, keys[t]);
        cJSON_AddNumberToObject (bt, "n", f.search_n_by_type[t]);
        cJSON_AddNumberToObject (bt, "median", f.search_by_type[t].median);
        cJSON_AddNumberToObject (bt, "p99", f.search_by_type[t].p99);
      }
    o = cJSON_AddObjectToObject (json, "bytes");
    cJSON_AddNumberToObject (o, "jsonl", (double) f.jsonl_bytes);
    cJSON_AddNumberToObject (o, "raw_db", (double) f.raw_bytes);
    cJSON_AddNumberToObject (o, "register_db", (double) f.our_bytes);
    cJSON_AddNumberToObject (o, "peak_rss", (double) f.peak_rss);
    cJSON_AddNumberToObject (o, "wal_after_import", (double) f.wal_after_import);
    text = cJSON_PrintUnformatted (json);
    g_print ("%s\n", text);
    cJSON_free (text);
  }

  return 0;
}
