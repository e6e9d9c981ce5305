/* bench-sync.c — a register's records to the server over loopback, end to end, against raw PostgreSQL COPY.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts its own PostgreSQL cluster and hotich-server (tests/server/
 * pg-harness.c), fills a commune's register with N realistic records
 * (bench/ht-gen.c) while it is not enrolled yet — an office with a backlog —
 * enrols it, and measures one sync run of the real engine:
 *
 *   push       the records from the register to the server, end to end:
 *              the outbox read and pushed in batches (gzip), validated and
 *              stored by the server, the answers recorded in the register;
 *   sync       the whole run: the push, register numbers asked for, and the
 *              personal ID numbers of the births pulled and applied as new
 *              versions of the records;
 *   COPY       the same records' canonical JSON copied into a plain
 *              (id uuid primary key, doc jsonb) table on one connection: the
 *              raw speed of storing them in PostgreSQL on this machine.
 *
 * The figures are printed, never asserted (DESIGN.md "Testing and
 * measuring"); it fails only if the run fails or a record is refused,
 * which is a bug.  The client, the server and PostgreSQL share the
 * machine's cores, as the output says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

/* Under valgrind --tool=callgrind --instr-atstart=no, only the sync run is
 * instrumented: filling the register at full instrumentation took longer
 * than everything measured.  Outside valgrind the requests do nothing. */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#include "ht-date.h"
#include "ht-gen.h"
#include "ht-store-sync.h"
#include "ht-sync-engine.h"
#include "ht-sync-enroll.h"
#include "hs-test-util.h"

static int opt_records = 100000;
static int opt_batch = 1000;
static int opt_seed = 7;
static gboolean opt_no_gzip = FALSE;
static int opt_in_flight = 0;
static char *opt_office = NULL;

static HsPg *pg;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds (user + system) this process used so far. */
static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

/* ---- Filling the register ---- */

typedef struct
{
  HtGen *gen;
  char  *line;
  guint64 n;
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

  g_clear_pointer (&feed->line, g_free);
  feed->line = ht_gen_next_line (feed->gen, error);
  if (feed->line == NULL)
    return FALSE;
  *line = feed->line;
  *length = strlen (feed->line);
  *line_no = ++feed->n;
  *too_long = FALSE;
  return TRUE;
}

/* ---- COPY ---- */

typedef struct
{
  GString *rows;
  guint64  n;
} CopyRows;

static gboolean
copy_row_cb (const cJSON *record,
             gpointer     user_data)
{
  CopyRows *c = user_data;
  g_autofree char *json = ht_record_print (record);

  g_string_append (c->rows, ht_record_id (record));
  g_string_append_c (c->rows, '\t');
  /* COPY's text format: a backslash starts an escape. */
  for (const char *p = json; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append_c (c->rows, '\\');
      g_string_append_c (c->rows, *p);
    }
  g_string_append_c (c->rows, '\n');
  c->n++;
  return TRUE;
}

static double
copy_rate (GString *rows,
           guint64  n_rows,
           double  *postgres_cpu)
{
  PGconn *conn = hs_pg_connect (pg);
  PGresult *result;
  double start, seconds;

  result = PQexec (conn, "CREATE TABLE bench_sync_copy (id uuid PRIMARY KEY, doc jsonb NOT NULL)");
  PQclear (result);
  start = now_s ();
  *postgres_cpu = hs_test_postgres_seconds (pg);
  result = PQexec (conn, "COPY bench_sync_copy (id, doc) FROM STDIN");
  if (PQresultStatus (result) != PGRES_COPY_IN)
    g_error ("COPY: %s", PQerrorMessage (conn));
  PQclear (result);
  for (gsize off = 0; off < rows->len; off += 1 << 20)
    if (PQputCopyData (conn, rows->str + off, (int) MIN ((gsize) 1 << 20, rows->len - off)) != 1)
      g_error ("COPY: %s", PQerrorMessage (conn));
  if (PQputCopyEnd (conn, NULL) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  result = PQgetResult (conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("COPY: %s", PQerrorMessage (conn));
  PQclear (result);
  seconds = now_s () - start;
  *postgres_cpu = hs_test_postgres_seconds (pg) - *postgres_cpu;
  PQfinish (conn);
  return n_rows / seconds;
}

/* ---- The run ---- */

typedef struct
{
  double push_end;
  double push_end_cpu;
  double push_end_server;
  double push_end_postgres;
  double last_print;
  GPid   server_pid;
} Timing;

static void
progress_cb (HtSyncPhase phase,
             guint64     done,
             guint64     total,
             gpointer    user_data)
{
  Timing *t = user_data;
  double now = now_s ();

  if (phase != HT_SYNC_PHASE_PUSH && t->push_end == 0)
    {
      t->push_end = now;
      t->push_end_cpu = cpu_s ();
      t->push_end_server = hs_test_process_seconds (t->server_pid, FALSE, NULL);
      t->push_end_postgres = hs_test_postgres_seconds (pg);
    }
  if (now - t->last_print >= 2 || (phase == HT_SYNC_PHASE_PUSH && done == total && done > 0))
    {
      t->last_print = now;
      if (phase == HT_SYNC_PHASE_PUSH)
        g_printerr ("  push: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "\n", done, total);
      else if (phase == HT_SYNC_PHASE_PULL)
        g_printerr ("  pull: %" G_GUINT64_FORMAT "\n", done);
      else if (phase == HT_SYNC_PHASE_WAIT)
        g_printerr ("  waiting %.1f s before a retry\n", total / 1000.0);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *work_dir;

static void
remove_work_dir (void)
{
  if (work_dir != NULL)
    remove_tree (work_dir);
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "records", 0, 0, G_OPTION_ARG_INT, &opt_records, "Records in the register (100000)", "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &opt_batch, "Changes per push and pull request (1000)", "B" },
    { "office", 0, 0, G_OPTION_ARG_STRING, &opt_office, "The commune (00004, Phường Ba Đình)", "CODE" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the record generator (7)", "S" },
    { "no-gzip", 0, 0, G_OPTION_ARG_NONE, &opt_no_gzip, "Send the pushes as plain JSON", NULL },
    { "in-flight", 0, 0, G_OPTION_ARG_INT, &opt_in_flight, "Push requests with the server at once (engine default)",
      "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— end-to-end sync throughput against raw COPY");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestServer) server = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtSyncEngine) engine = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  const char *office;
  CopyRows copy_rows = { g_string_new (NULL), 0 };
  HtImportSummary summary = { 0 };
  HtSyncReport report = { 0 };
  HtSyncOptions options;
  Timing timing = { 0, 0, 0 };
  GDate from, to;
  double t0, cpu0, import_s, run_s, run_cpu, push_s, push_cpu, copy, load_start;
  double server0, postgres0, push_server, push_postgres, copy_postgres, run_server, run_postgres;
  const char *const server_args[] = { "--quiet", "--rate", "0", NULL };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_records < 1 || opt_batch < 1 || opt_batch > 1000
      || opt_in_flight < 0 || opt_in_flight > HT_SYNC_MAX_IN_FLIGHT)
    {
      g_printerr ("bench-sync: %s\n", error != NULL ? error->message : "bad arguments");
      return 2;
    }
  office = opt_office != NULL ? opt_office : "00004";
  ht_sync_global_init ();
  load_start = load_average ();

  pg = hs_pg_start_or_skip ();
  server = hs_test_server_start (pg, server_args, &error);
  if (server == NULL)
    g_error ("%s", error->message);

  work_dir = g_dir_make_tmp ("hotich-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_work_dir);
  path = g_build_filename (work_dir, "registry.db", NULL);

  /* Two years of the commune's books, ending today. */
  ht_date_today (&to);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&to) - 1);
  gen = ht_gen_new (office, (guint32) opt_seed, &from, &to, (guint64) opt_records, FALSE, &error);
  if (gen == NULL)
    g_error ("%s", error->message);

  g_printerr ("Register of office %s: importing %d generated records …\n", office, opt_records);
  store = ht_store_create (path, office, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  {
    Feed feed = { gen, NULL, 0 };
    g_autoptr(GArray) issues = NULL;

    t0 = now_s ();
    if (!ht_store_import_lines (store, feed_line, &feed, "bench", &issues, &summary, NULL, NULL, NULL, &error))
      g_error ("import: %s", error->message);
    import_s = now_s () - t0;
    g_free (feed.line);
  }
  if (!ht_store_export (store, NULL, NULL, NULL, copy_row_cb, &copy_rows, &error))
    g_error ("export: %s", error->message);
  g_clear_object (&store);

  code = hs_test_enroll_code (hs_pg_conninfo (pg), "clerk", office);
  store = ht_sync_enroll (path, hs_test_server_url (server), code, NULL, "bench-sync", NULL, NULL, NULL, &error);
  if (store == NULL)
    g_error ("enrol: %s", error->message);

  engine = ht_sync_engine_new (store, &error);
  ht_sync_options_init (&options);
  options.batch_size = options.pull_limit = (guint) opt_batch;
  options.gzip = !opt_no_gzip;
  if (opt_in_flight > 0)
    options.in_flight = (guint) opt_in_flight;
  ht_sync_engine_set_options (engine, &options);
  ht_sync_engine_set_progress (engine, progress_cb, &timing);

  g_printerr ("Sync: pushing %" G_GUINT64_FORMAT " changes …\n", ht_store_outbox_count (store));
  timing.server_pid = hs_test_server_pid (server);
  server0 = hs_test_process_seconds (timing.server_pid, FALSE, NULL);
  postgres0 = hs_test_postgres_seconds (pg);
  t0 = now_s ();
  cpu0 = cpu_s ();
  CALLGRIND_START_INSTRUMENTATION;
  if (!ht_sync_engine_run (engine, &report, NULL, &error))
    g_error ("sync: %s", error->message);
  CALLGRIND_STOP_INSTRUMENTATION;
  run_s = now_s () - t0;
  run_cpu = cpu_s () - cpu0;
  run_server = hs_test_process_seconds (timing.server_pid, FALSE, NULL) - server0;
  run_postgres = hs_test_postgres_seconds (pg) - postgres0;
  push_s = (timing.push_end > 0 ? timing.push_end : now_s ()) - t0;
  push_cpu = (timing.push_end > 0 ? timing.push_end_cpu : cpu_s ()) - cpu0;
  push_server = (timing.push_end > 0 ? timing.push_end_server
                                     : hs_test_process_seconds (timing.server_pid, FALSE, NULL)) - server0;
  push_postgres = (timing.push_end > 0 ? timing.push_end_postgres : hs_test_postgres_seconds (pg)) - postgres0;
  if (report.pushed != copy_rows.n || report.refused > 0 || ht_store_outbox_count (store) > 0)
    g_error ("sync: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " records applied, %" G_GUINT64_FORMAT
             " refused, %" G_GUINT64_FORMAT " still queued",
             report.pushed, copy_rows.n, report.refused, ht_store_outbox_count (store));

  g_printerr ("COPY of the same records …\n");
  copy = copy_rate (copy_rows.rows, copy_rows.n, &copy_postgres);

  printf ("bench-sync: %" G_GUINT64_FORMAT " records of office %s, batches of %d, %u push requests at once, %s; "
          "client, hotich-server (--threads 4) and PostgreSQL share %u cores; load average %.2f at start, %.2f at "
          "end\n",
          copy_rows.n, office, opt_batch, options.in_flight, opt_no_gzip ? "plain JSON" : "gzip",
          g_get_num_processors (), load_start, load_average ());
  printf ("%-10s %8" G_GUINT64_FORMAT " records in %7.2f s = %8.0f records/s (not measured against anything: "
          "how the register was filled)\n",
          "import", summary.records, import_s, summary.records / import_s);
  printf ("%-10s %8" G_GUINT64_FORMAT " records in %7.2f s = %8.0f records/s (outbox to server and back; "
          "the client's CPU: %.2f s)\n",
          "push", report.pushed, push_s, report.pushed / push_s, push_cpu);
  printf ("%-10s %8" G_GUINT64_FORMAT " records in %7.2f s = %8.0f records/s (push, register numbers, and the "
          "pull of %" G_GUINT64_FORMAT " changes: PINs applied as new versions; the client's CPU: %.2f s; "
          "%" G_GUINT64_FORMAT " requests, %.1f MiB of JSON before gzip)\n",
          "sync", report.pushed, run_s, report.pushed / run_s, report.pulled, run_cpu, report.requests,
          report.bytes_sent / (1024.0 * 1024.0));
  printf ("%-10s %8" G_GUINT64_FORMAT " records               = %8.0f records/s (the same canonical JSON, one "
          "connection, into (id uuid primary key, doc jsonb))\n",
          "COPY", copy_rows.n, copy);
  /* CPU time is what another helper's load on a shared machine changes
   * least: the push's, per record, beside the COPY's. */
  printf ("  cpu      push: client %.0f + server %.0f + PostgreSQL %.0f us per record; COPY: PostgreSQL %.0f us "
          "per record\n",
          1e6 * push_cpu / report.pushed, 1e6 * push_server / report.pushed, 1e6 * push_postgres / report.pushed,
          1e6 * copy_postgres / copy_rows.n);
  printf ("  cpu      after the push (numbers and pull, %.2f s): client %.0f + server %.0f + PostgreSQL %.0f us per "
          "change pulled\n",
          run_s - push_s, 1e6 * (run_cpu - push_cpu) / MAX (report.pulled, 1),
          1e6 * (run_server - push_server) / MAX (report.pulled, 1),
          1e6 * (run_postgres - push_postgres) / MAX (report.pulled, 1));
  printf ("  cpu      whole run: client %.0f + server %.0f + PostgreSQL %.0f us per record pushed\n",
          1e6 * run_cpu / report.pushed, 1e6 * run_server / report.pushed, 1e6 * run_postgres / report.pushed);
  printf ("push/COPY  %.0f%% (the records from the register to the server, end to end; target: at least 25%%)\n",
          100.0 * (report.pushed / push_s) / copy);
  printf ("sync/COPY  %.0f%% (the whole run, with the personal ID numbers coming back)\n",
          100.0 * (report.pushed / run_s) / copy);
  fflush (stdout);

  g_string_free (copy_rows.rows, TRUE);
  g_clear_object (&engine);
  g_clear_object (&store);
  hs_test_server_free (g_steal_pointer (&server));
  hs_pg_stop (pg);
  return 0;
}
