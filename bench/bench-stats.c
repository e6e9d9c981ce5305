/* bench-stats.c — the statistics of one year over a large register, next to plain SQL.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-stats [--records N] [--runs R] [--seed S] [--office CODE] [--dir DIR] [--db PATH] [--keep]
 *
 * Makes a register of N generated records (ht-gen: ten years of a
 * commune's books, ending today), or reuses the one at --db, and times the
 * figures of forms 13a/14a for the last complete year (ht_stats_compute),
 * beside the raw time of a plain SQL COUNT … GROUP BY over the same rows on
 * the same machine in the same run, and beside the naive way (every record
 * exported and fed to ht_stats_add).  Figures are printed, never asserted
 * (DESIGN.md "Testing and measuring").
 */
#define G_LOG_DOMAIN "bench-stats"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ht-date.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-stats-store.h"

static gint64 opt_records = 1000000;
static gint64 opt_runs = 5;
static gint64 opt_seed = 1;
static char *opt_office;
static char *opt_dir;
static char *opt_db;
static gboolean opt_keep;

static const GOptionEntry entries[] = {
  { "records", 0, 0, G_OPTION_ARG_INT64, &opt_records, "Records in the register (default 1000000)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT64, &opt_runs, "Timed runs of each measure (default 5)", "R" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generated records (default 1)", "S" },
  { "office", 0, 0, G_OPTION_ARG_STRING, &opt_office, "Commune code of the register (default 00004)", "CODE" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where to make the register (default a new directory in /var/tmp)",
    "DIR" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Use this register instead of making one (kept)", "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the register made", NULL },
  { NULL }
};

/* Records handed to one ht_store_import(): bounds the memory of a million. */
#define IMPORT_BATCH 20000

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds of this thread: unlike the wall clock, they do not count the
 * time another process held the CPU (the machine is shared). */
static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

/* ---- The files, removed at exit unless kept ---- */

static struct
{
  char    *dir;
  char    *db;
  gboolean made_dir;
} cleanup;

static void
remove_files (void)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (opt_keep || cleanup.db == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (cleanup.db, suffixes[i], NULL);
      g_remove (p);
    }
  if (cleanup.made_dir)
    g_rmdir (cleanup.dir);
}

/* ---- Making the register ---- */

static HtStore *
make_register (const char *path,
               const char *office,
               guint64     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_autoptr(HtStore) store = NULL;
  GDate from, to;
  guint64 done = 0;
  double t0 = now_s (), last = t0;

  ht_date_today (&to);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&to) - 10);
  gen = ht_gen_new (office, (guint32) opt_seed, &from, &to, n, FALSE, &error);
  store = gen != NULL ? ht_store_create (path, office, &error) : NULL;
  if (store == NULL)
    {
      g_printerr ("bench-stats: %s\n", error->message);
      exit (1);
    }

  g_printerr ("Making a register of %" G_GUINT64_FORMAT " generated records in %s …\n", n, path);
  while (done < n)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
      g_autoptr(GPtrArray) issues = NULL;
      cJSON *record;

      while (batch->len < IMPORT_BATCH && (record = ht_gen_next (gen, &error)) != NULL)
        g_ptr_array_add (batch, record);
      if (error != NULL)
        {
          g_printerr ("bench-stats: %s\n", error->message);
          exit (1);
        }
      if (batch->len == 0)
        break;
      if (!ht_store_import (store, batch, "bench", &issues, NULL, NULL, NULL, &error))
        {
          g_printerr ("bench-stats: import failed: %s\n", error->message);
          exit (1);
        }
      done += batch->len;
      if (now_s () - last >= 10 || done == n)
        {
          last = now_s ();
          g_printerr ("  imported %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT " (%.0f s)\n", done, n, last - t0);
        }
    }
  g_printerr ("  %.0f records/s\n", done / MAX (now_s () - t0, 1e-9));
  return g_steal_pointer (&store);
}

/* ---- The measures ---- */

static HtStats *
time_compute (HtStore     *store,
              const GDate *from,
              const GDate *to,
              double      *seconds,
              double      *cpu)
{
  g_autoptr(GError) error = NULL;
  double t0 = now_s (), c0 = thread_cpu_s ();
  HtStats *stats = ht_stats_compute (store, from, to, NULL, &error);

  *seconds = now_s () - t0;
  *cpu = thread_cpu_s () - c0;
  if (stats == NULL)
    {
      g_printerr ("bench-stats: %s\n", error->message);
      exit (1);
    }
  return stats;
}

/* The plain SQL: counting the same rows by kind and type, on a connection
 * of its own. */
static guint64
time_raw_count (sqlite3    *db,
                const char *from,
                const char *to,
                double     *seconds)
{
  sqlite3_stmt *stmt = NULL;
  guint64 rows = 0;
  double t0 = now_s ();

  if (sqlite3_prepare_v2 (db,
                          "SELECT kind, registration_type, count(*) FROM records"
                          " WHERE registered_on BETWEEN ?1 AND ?2 AND status = 'registered'"
                          " GROUP BY kind, registration_type",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-stats: %s\n", sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows += (guint64) sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);
  *seconds = now_s () - t0;
  return rows;
}

static gboolean
feed_cb (const cJSON *record,
         gpointer     user_data)
{
  ht_stats_add (user_data, record);
  return TRUE;
}

/* The naive way: every record of the register exported and counted. */
static HtStats *
time_naive (HtStore     *store,
            const GDate *from,
            const GDate *to,
            double      *seconds)
{
  g_autoptr(GError) error = NULL;
  HtStats *stats = ht_stats_new (ht_store_get_office (store), from, to);
  double t0 = now_s ();

  if (!ht_store_export (store, NULL, from, to, feed_cb, stats, &error))
    {
      g_printerr ("bench-stats: %s\n", error->message);
      exit (1);
    }
  *seconds = now_s () - t0;
  return stats;
}

static void
print_row (const char *what,
           const char *value,
           const char *note)
{
  printf ("  %-58s %14s%s%s\n", what, value, note ? "  " : "", note ? note : "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(HtStats) naive = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) naive_json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree double *compute_s = NULL;
  g_autofree double *raw_s = NULL;
  g_autofree double *compute_cpu = NULL;
  const char *office;
  sqlite3 *raw = NULL;
  guint64 in_year = 0, registered = 0;
  double first_compute, first_cpu, naive_s, load;
  guint runs;
  GDate today, from, to;
  char v[64];

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the statistics of one year against plain SQL");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-stats: %s\n", error->message);
      return 2;
    }
  if (opt_records < 1 || opt_runs < 1 || opt_runs > 1000)
    {
      g_printerr ("bench-stats: --records must be at least 1 and --runs between 1 and 1000\n");
      return 2;
    }
  runs = (guint) opt_runs;
  office = opt_office != NULL ? opt_office : "00004";

  if (opt_db != NULL)
    {
      path = g_strdup (opt_db);
      store = ht_store_open (path, &error);
      if (store == NULL)
        {
          g_printerr ("bench-stats: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      g_autofree char *dir = opt_dir != NULL ? g_strdup (opt_dir) : g_strdup ("/var/tmp/bench-stats.XXXXXX");

      if (opt_dir == NULL && g_mkdtemp (dir) == NULL)
        {
          g_printerr ("bench-stats: cannot create a directory in /var/tmp: %s\n", g_strerror (errno));
          return 1;
        }
      path = g_build_filename (dir, "registry.db", NULL);
      cleanup.dir = g_strdup (dir);
      cleanup.db = g_strdup (path);
      cleanup.made_dir = opt_dir == NULL;
      atexit (remove_files);
      store = make_register (path, office, (guint64) opt_records);
    }

  /* The last complete year of the register. */
  ht_date_today (&today);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&today) - 1);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, g_date_get_year (&today) - 1);
  from_text = ht_date_format (&from);
  to_text = ht_date_format (&to);

  if (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-stats: %s: %s\n", path, sqlite3_errmsg (raw));
      return 1;
    }

  g_printerr ("Timing the statistics of %s to %s …\n", from_text, to_text);
  load = load_average ();
  compute_s = g_new0 (double, runs);
  raw_s = g_new0 (double, runs);
  compute_cpu = g_new0 (double, runs);
  /* The first run reads the pages from disk into the cache; the others
   * show the work itself. */
  stats = time_compute (store, &from, &to, &first_compute, &first_cpu);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(HtStats) again = time_compute (store, &from, &to, &compute_s[i], &compute_cpu[i]);
      in_year = time_raw_count (raw, from_text, to_text, &raw_s[i]);
    }
  naive = time_naive (store, &from, &to, &naive_s);
  sqlite3_close (raw);

  json = ht_stats_to_json (stats);
  naive_json = ht_stats_to_json (naive);
  registered = ht_store_count (store, NULL);

  printf ("\nStatistics of one year (forms 13a/14a) — %s\n", path);
  g_snprintf (v, sizeof v, "%" G_GUINT64_FORMAT, registered);
  print_row ("book entries in the register", v, NULL);
  g_snprintf (v, sizeof v, "%" G_GUINT64_FORMAT, in_year);
  print_row ("registered entries counted in the year", v, from_text);
  g_snprintf (v, sizeof v, "%.3f s", first_compute);
  print_row ("ht_stats_compute, first run", v, "pages read into the cache");
  g_snprintf (v, sizeof v, "%.3f s", median (compute_s, runs));
  {
    g_autofree char *note = g_strdup_printf ("median of %u", runs);
    print_row ("ht_stats_compute", v, note);
  }
  g_snprintf (v, sizeof v, "%.3f s", median (compute_cpu, runs));
  print_row ("ht_stats_compute, CPU time of the thread", v, "what the work costs, whatever the load");
  g_snprintf (v, sizeof v, "%.4f s", median (raw_s, runs));
  print_row ("raw SQL COUNT … GROUP BY kind, type over the same rows", v, "plain SQLite, same index");
  g_snprintf (v, sizeof v, "%.0f×", median (compute_s, runs) / MAX (median (raw_s, runs), 1e-9));
  print_row ("ht_stats_compute / raw count", v, "the content of every new entry is read");
  g_snprintf (v, sizeof v, "%.0f records/s", in_year / MAX (median (compute_s, runs), 1e-9));
  print_row ("ht_stats_compute rate", v, NULL);
  g_snprintf (v, sizeof v, "%.3f s", naive_s);
  print_row ("export every record + ht_stats_add (no index)", v, NULL);
  g_snprintf (v, sizeof v, "%.2f", load);
  print_row ("load average at the start", v, "other work on the machine lengthens every time");
  {
    g_autofree char *a = cJSON_PrintUnformatted (json);
    g_autofree char *b = cJSON_PrintUnformatted (naive_json);
    print_row ("the two ways give the same figures", strcmp (a, b) == 0 ? "yes" : "NO", NULL);
    printf ("\n%s\n", a);
    return strcmp (a, b) == 0 ? 0 : 1;
  }
}
