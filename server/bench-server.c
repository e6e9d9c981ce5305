/* bench-server.c — many devices pushing to hotich-server at once, against raw PostgreSQL COPY.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts its own PostgreSQL cluster and server (tests/server/pg-harness.c),
 * enrols N commune PCs spread over M offices, and measures:
 *
 *   sustained  every device pushes its batches back to back, all at once:
 *              records per second, request latency (queueing included);
 *   paced      every device pushes the same amount again, spread so that
 *              the offered load is half the sustained rate, as devices
 *              syncing on their own schedules do: request latency;
 *   COPY       the canonical JSON of the sustained run's records copied
 *              into a plain (id uuid primary key, doc jsonb) table on one
 *              connection: the raw speed of the same work on this machine.
 *
 * It prints the figures and asserts none of them (DESIGN.md "Testing and
 * measuring"); it fails only if a request fails, which is a bug.  The
 * server, PostgreSQL and the devices' threads share this machine's cores
 * (COPY keeps one PostgreSQL backend busy), and other work on a shared
 * machine takes its part too: so for each phase it also prints the CPU time
 * the server and PostgreSQL spent per record, which noise changes far less
 * than rates, and the load average around it.  With
 * BENCH_LOG set the server logs every request (to a file in the cluster's
 * temporary directory); HOTICH_TEST_PG_OPTIONS passes settings to
 * PostgreSQL.  With --statements N it loads pg_stat_statements and prints
 * the N statements PostgreSQL spent the most time on in the sustained
 * phase, to see where the time goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ht-record.h"
#include "ht-units.h"
#include "hs-test-util.h"

static int opt_devices = 200;
static int opt_offices = 20;
static int opt_batches = 5;
static int opt_batch_size = 100;
static int opt_threads = 8;
static double opt_paced_share = 0.5;
static int opt_statements = 0;
static gboolean opt_no_paced = FALSE;

typedef struct
{
  const char   *office;
  HsTestDevice *device;
  GPtrArray    *bodies[2];   /* per phase: push bodies, frozen */
  GArray       *latencies;   /* seconds, of the running phase */
  guint         errors;
  char         *first_error;
  gint64        start_us;    /* paced phase: when the device starts */
  gint64        interval_us; /* paced phase: between its batches */
  int           phase;
} Device;

static const char *url;
static HsPg *pg;
static HsTestServer *server;

/* ---- CPU time ---- */

static double
self_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

typedef struct
{
  double server;
  double postgres;
  double client;
  char   load[32];
} CpuSample;

static void
cpu_sample (CpuSample *sample)
{
  g_autofree char *load = NULL;

  sample->server = hs_test_process_seconds (hs_test_server_pid (server), FALSE, NULL);
  sample->postgres = hs_test_postgres_seconds (pg);
  sample->client = self_seconds ();
  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    {
      /* The 1-minute average. */
      char *space = strchr (load, ' ');
      if (space != NULL)
        *space = '\0';
      g_strlcpy (sample->load, load, sizeof sample->load);
    }
  else
    g_strlcpy (sample->load, "?", sizeof sample->load);
}

static void
print_cpu (const CpuSample *before,
           const CpuSample *after,
           guint64          records,
           double           wall)
{
  double by_server = after->server - before->server;
  double by_postgres = after->postgres - before->postgres;
  double by_client = after->client - before->client;

  printf ("%-10s server %.1f s, PostgreSQL %.1f s, devices %.1f s of CPU = %.0f + %.0f + %.0f us per record; "
          "%.0f%% of %u cores; load average %s -> %s\n",
          "  cpu", by_server, by_postgres, by_client, by_server / records * 1e6, by_postgres / records * 1e6,
          by_client / records * 1e6, 100 * (by_server + by_postgres + by_client) / (wall * g_get_num_processors ()),
          g_get_num_processors (), before->load, after->load);
}

/* ---- WAL and buffers ----
 *
 * How much WAL a pushed record costs, how much of it is full-page images
 * (the first change of a page after a checkpoint logs the whole page, so
 * a push that touches many index pages at random pays dearly once a
 * checkpoint has passed), how many checkpoints the phase saw, and how many
 * pages the backends had to write out themselves to make room in
 * shared_buffers.  These depend on the throwaway cluster's settings
 * (HOTICH_TEST_PG_OPTIONS), which a ministry sets for its own server. */

typedef struct
{
  double wal_records, wal_fpi, wal_bytes;
  double checkpoints, buffers_backend, buffers_clean, buffers_checkpoint;
} WalSample;

static void
wal_sample (WalSample *sample)
{
  PGconn *conn = hs_pg_connect (pg);
  PGresult *result = PQexec (conn,
                             "SELECT w.wal_records, w.wal_fpi, w.wal_bytes,"
                             " b.checkpoints_timed + b.checkpoints_req, b.buffers_backend, b.buffers_clean,"
                             " b.buffers_checkpoint"
                             " FROM pg_stat_wal w, pg_stat_bgwriter b");

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    g_error ("pg_stat_wal: %s", PQerrorMessage (conn));
  sample->wal_records = g_ascii_strtod (PQgetvalue (result, 0, 0), NULL);
  sample->wal_fpi = g_ascii_strtod (PQgetvalue (result, 0, 1), NULL);
  sample->wal_bytes = g_ascii_strtod (PQgetvalue (result, 0, 2), NULL);
  sample->checkpoints = g_ascii_strtod (PQgetvalue (result, 0, 3), NULL);
  sample->buffers_backend = g_ascii_strtod (PQgetvalue (result, 0, 4), NULL);
  sample->buffers_clean = g_ascii_strtod (PQgetvalue (result, 0, 5), NULL);
  sample->buffers_checkpoint = g_ascii_strtod (PQgetvalue (result, 0, 6), NULL);
  PQclear (result);
  PQfinish (conn);
}

static void
print_wal (const WalSample *before,
           const WalSample *after,
           guint64          records)
{
  /* The statistics collector publishes backends' counts with a delay of up
   * to a second; the phase is long enough for that not to matter. */
  printf ("%-10s %.1f WAL records, %.2f full-page images, %.0f bytes of WAL per record; %.0f checkpoints; "
          "pages written by backends %.0f, bgwriter %.0f, checkpointer %.0f\n",
          "  wal", (after->wal_records - before->wal_records) / records,
          (after->wal_fpi - before->wal_fpi) / records, (after->wal_bytes - before->wal_bytes) / records,
          after->checkpoints - before->checkpoints, after->buffers_backend - before->buffers_backend,
          after->buffers_clean - before->buffers_clean, after->buffers_checkpoint - before->buffers_checkpoint);
}

/* ---- Set-up ---- */

static const char *
office_for (guint i)
{
  static GPtrArray *communes;

  if (communes == NULL)
    communes = ht_units_list (HT_UNITS_2026_04_30, HT_UNIT_COMMUNE, NULL);
  /* Spread over the country, so every province's partition takes rows. */
  return ((const HtUnit *) g_ptr_array_index (communes, (i * communes->len) / opt_offices))->code;
}

static gpointer
enroll_worker (gpointer data)
{
  GPtrArray *mine = data;

  for (guint i = 0; i < mine->len; i++)
    {
      Device *d = g_ptr_array_index (mine, i);
      d->device = hs_test_enroll (pg, url, "clerk", d->office);
    }
  return NULL;
}

/* Makes every device's batches for both phases; the canonical text of the
 * sustained phase's records goes to "copy_rows" for COPY. */
static void
make_batches (Device    *devices,
              GString   *copy_rows)
{
  guint serial = 0;

  for (int phase = 0; phase < 2; phase++)
    for (int d = 0; d < opt_devices; d++)
      {
        Device *dev = &devices[d];
        gint64 number = hs_test_block_first (dev->device, "birth") + (gint64) phase * opt_batches * opt_batch_size;

        if (dev->bodies[phase] == NULL)
          dev->bodies[phase] = g_ptr_array_new_with_free_func (g_free);
        for (int b = 0; b < opt_batches; b++)
          {
            cJSON *changes = cJSON_CreateArray ();
            g_autoptr(cJSON) batch = NULL;

            for (int i = 0; i < opt_batch_size; i++)
              {
                g_autoptr(cJSON) birth = hs_test_birth (dev->device->office, serial++, number++, NULL);

                cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
                if (phase == 0)
                  {
                    g_autoptr(HtIssues) issues = ht_issues_new ();
                    g_autoptr(cJSON) canonical = ht_record_canonicalize (birth, issues);
                    g_autofree char *text = ht_record_print (canonical);

                    g_string_append (copy_rows, cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id")));
                    g_string_append_c (copy_rows, '\t');
                    /* COPY text format: a backslash starts an escape. */
                    for (const char *p = text; *p != '\0'; p++)
                      {
                        if (*p == '\\')
                          g_string_append_c (copy_rows, '\\');
                        g_string_append_c (copy_rows, *p);
                      }
                    g_string_append_c (copy_rows, '\n');
                  }
              }
            batch = hs_test_batch (changes);
            g_ptr_array_add (dev->bodies[phase], cJSON_PrintUnformatted (batch));
          }
      }
}

/* ---- Pushing ---- */

static void
note_error (Device     *d,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
note_error (Device     *d,
            const char *format,
            ...)
{
  va_list args;

  d->errors++;
  if (d->first_error != NULL)
    return;
  va_start (args, format);
  d->first_error = g_strdup_vprintf (format, args);
  va_end (args);
}

static gpointer
push_worker (gpointer data)
{
  Device *d = data;
  g_autoptr(HsClient) client = hs_client_new (url, d->device->token);
  GPtrArray *bodies = d->bodies[d->phase];

  for (guint b = 0; b < bodies->len; b++)
    {
      g_autoptr(HsResponse) r = NULL;
      gint64 now = g_get_monotonic_time ();
      double seconds;

      if (d->phase == 1)
        {
          gint64 due = d->start_us + (gint64) b * d->interval_us;
          if (due > now)
            g_usleep (due - now);
        }
      now = g_get_monotonic_time ();
      r = hs_client_request (client, "POST", "/api/v1/push", g_ptr_array_index (bodies, b), -1, HS_HTTP_NONE);
      seconds = (double) (g_get_monotonic_time () - now) / G_USEC_PER_SEC;
      g_array_append_val (d->latencies, seconds);

      if (r->status != 200)
        note_error (d, "HTTP %ld %s", r->status, r->body != NULL ? r->body : r->error);
      else
        for (int i = 0; i < opt_batch_size; i++)
          if (!g_str_equal (hs_test_status (r, i), "applied"))
            note_error (d, "change %d: %s %s", i, hs_test_status (r, i), hs_test_code (r, i));
    }
  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index;

  if (sorted->len == 0)
    return 0;
  index = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

/* Runs one phase; returns the wall-clock seconds and prints its figures. */
static double
run_phase (Device     *devices,
           int         phase,
           const char *label,
           guint      *errors)
{
  g_autofree GThread **threads = g_new (GThread *, opt_devices);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 records = (guint64) opt_devices * opt_batches * opt_batch_size;
  CpuSample cpu_before, cpu_after;
  WalSample wal_before, wal_after;
  gint64 start;
  double wall;

  *errors = 0;
  wal_sample (&wal_before);
  cpu_sample (&cpu_before);
  start = g_get_monotonic_time ();
  for (int d = 0; d < opt_devices; d++)
    {
      devices[d].phase = phase;
      devices[d].latencies = g_array_new (FALSE, FALSE, sizeof (double));
      threads[d] = g_thread_new ("device", push_worker, &devices[d]);
    }
  for (int d = 0; d < opt_devices; d++)
    {
      g_thread_join (threads[d]);
      g_array_append_vals (all, devices[d].latencies->data, devices[d].latencies->len);
      g_array_unref (devices[d].latencies);
      *errors += devices[d].errors;
      if (devices[d].first_error != NULL)
        fprintf (stderr, "bench-server: device %d: %s\n", d, devices[d].first_error);
    }
  wall = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  cpu_sample (&cpu_after);
  wal_sample (&wal_after);
  g_array_sort (all, compare_doubles);

  printf ("%-10s %8" G_GUINT64_FORMAT " records in %6.2f s = %8.0f records/s; %u requests: p50 %6.1f ms, "
          "p99 %6.1f ms, max %6.1f ms; errors %u\n",
          label, records, wall, records / wall, all->len, percentile (all, 0.50) * 1000,
          percentile (all, 0.99) * 1000, percentile (all, 1.0) * 1000, *errors);
  print_cpu (&cpu_before, &cpu_after, records, wall);
  print_wal (&wal_before, &wal_after, records);
  if (phase == 0)
    /* Every device always has a batch waiting, so a request's latency is
     * mostly its place in the queue: by Little's law about devices over
     * requests per second, however fast each batch is applied. */
    printf ("%-10s closed loop of %d devices: a request waits for about %d others, %.0f ms at this rate "
            "(Little's law); the paced phase shows the latency of devices syncing on their own\n",
            "  note", opt_devices, opt_devices - 1, opt_devices / (all->len / wall) * 1000);
  fflush (stdout);
  return wall;
}

/* ---- Where PostgreSQL's time goes ---- */

static void
statements_reset (void)
{
  g_autofree char *done = NULL;

  if (opt_statements <= 0)
    return;
  done = hs_pg_query_value (pg, "SELECT pg_stat_statements_reset ()", NULL);
}

static void
statements_print (guint64 records)
{
  PGconn *conn;
  PGresult *result;
  g_autofree char *limit = NULL;
  const char *params[1];

  if (opt_statements <= 0)
    return;
  conn = hs_pg_connect (pg);
  limit = g_strdup_printf ("%d", opt_statements);
  params[0] = limit;
  result = PQexecParams (conn,
                         "SELECT calls, total_exec_time, 100 * total_exec_time / sum (total_exec_time) OVER (),"
                         " rows, regexp_replace (left (query, 110), '\\s+', ' ', 'g')"
                         " FROM pg_stat_statements"
                         " WHERE query NOT LIKE '%pg_stat_statements%'"
                         " ORDER BY total_exec_time DESC LIMIT $1::int",
                         1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("pg_stat_statements: %s", PQerrorMessage (conn));
  printf ("%-10s statements of the sustained phase by execution time (wall, all backends):\n", "  sql");
  for (int row = 0; row < PQntuples (result); row++)
    printf ("%-10s %5.1f%% %8.0f ms %6.1f us/record %7s calls %8s rows  %s\n", "", g_ascii_strtod (PQgetvalue (result, row, 2), NULL),
            g_ascii_strtod (PQgetvalue (result, row, 1), NULL),
            g_ascii_strtod (PQgetvalue (result, row, 1), NULL) * 1000 / records, PQgetvalue (result, row, 0),
            PQgetvalue (result, row, 3), PQgetvalue (result, row, 4));
  PQclear (result);
  PQfinish (conn);
  fflush (stdout);
}

/* ---- COPY ---- */

static double
copy_rate (GString *rows,
           guint64  n_rows)
{
  PGconn *conn = hs_pg_connect (pg);
  PGresult *result;
  gint64 start;
  double seconds, postgres_before, postgres_after;

  result = PQexec (conn, "CREATE TABLE bench_copy (id uuid PRIMARY KEY, doc jsonb NOT NULL)");
  PQclear (result);
  postgres_before = hs_test_postgres_seconds (pg);
  start = g_get_monotonic_time ();
  result = PQexec (conn, "COPY bench_copy (id, doc) FROM STDIN");
  if (PQresultStatus (result) != PGRES_COPY_IN)
    g_error ("COPY: %s", PQerrorMessage (conn));
  PQclear (result);
  /* In chunks, as a loader streams a file. */
  for (gsize off = 0; off < rows->len; off += 1 << 20)
    if (PQputCopyData (conn, rows->str + off, (int) MIN ((gsize) 1 << 20, rows->len - off)) != 1)
      g_error ("COPY: %s", PQerrorMessage (conn));
  if (PQputCopyEnd (conn, NULL) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  result = PQgetResult (conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("COPY: %s", PQerrorMessage (conn));
  PQclear (result);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  /* Before the backend exits, while its time is still its own. */
  postgres_after = hs_test_postgres_seconds (pg);
  PQfinish (conn);

  printf ("%-10s %8" G_GUINT64_FORMAT " records in %6.2f s = %8.0f records/s (same canonical JSON, "
          "one connection, into (id uuid primary key, doc jsonb))\n",
          "COPY", n_rows, seconds, n_rows / seconds);
  printf ("%-10s PostgreSQL %.1f s of CPU = %.0f us per record\n", "  cpu", postgres_after - postgres_before,
          (postgres_after - postgres_before) / n_rows * 1e6);
  return n_rows / seconds;
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "devices", 0, 0, G_OPTION_ARG_INT, &opt_devices, "Enrolled commune PCs pushing at once (200)", "N" },
    { "offices", 0, 0, G_OPTION_ARG_INT, &opt_offices, "Offices they belong to (20)", "M" },
    { "batches", 0, 0, G_OPTION_ARG_INT, &opt_batches, "Batches per device and phase (5)", "B" },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &opt_batch_size, "Records per batch (100)", "S" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &opt_threads, "Server --threads: requests worked on at once (8)", "T" },
    { "paced-share", 0, 0, G_OPTION_ARG_DOUBLE, &opt_paced_share,
      "Offered load of the paced phase, as a share of the sustained rate (0.5)", "F" },
    { "no-paced", 0, 0, G_OPTION_ARG_NONE, &opt_no_paced, "Skip the paced phase (quicker runs)", NULL },
    { "statements", 0, 0, G_OPTION_ARG_INT, &opt_statements,
      "Print the N statements PostgreSQL spent the most time on in the sustained phase (pg_stat_statements)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— push throughput and latency of hotich-server");
  g_autoptr(GError) error = NULL;
  g_autofree Device *devices = NULL;
  g_autofree char *threads_arg = NULL;
  g_autofree char *block_arg = NULL;
  GString *copy_rows = g_string_new (NULL);
  guint64 records;
  double wall, copy, sustained;
  guint errors_a, errors_b;
  gint64 t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-server: %s\n", error->message);
      return 2;
    }
  if (opt_devices < 1 || opt_offices < 1 || opt_batches < 1 || opt_batch_size < 1 || opt_batch_size > 1000 ||
      opt_threads < 1 || opt_paced_share <= 0)
    {
      fprintf (stderr, "bench-server: arguments out of range\n");
      return 2;
    }
  records = (guint64) opt_devices * opt_batches * opt_batch_size;

  hs_client_global_init ();
  if (opt_statements > 0)
    {
      g_autofree char *options = g_strdup_printf ("%s -c shared_preload_libraries=pg_stat_statements"
                                                  " -c pg_stat_statements.track=all",
                                                  g_getenv ("HOTICH_TEST_PG_OPTIONS") != NULL
                                                    ? g_getenv ("HOTICH_TEST_PG_OPTIONS") : "");
      g_setenv ("HOTICH_TEST_PG_OPTIONS", options, TRUE);
    }
  pg = hs_pg_start_or_skip ();
  if (opt_statements > 0)
    {
      g_autofree char *done = hs_pg_query_value (pg, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", NULL);
    }
  threads_arg = g_strdup_printf ("%d", opt_threads);
  block_arg = g_strdup_printf ("%d", 2 * opt_batches * opt_batch_size);
  {
    /* Every device numbers both phases from its first block. */
    const char *const args[] = { "--threads", threads_arg, "--block-size", block_arg, "--rate", "0",
                                 g_getenv ("BENCH_LOG") != NULL ? NULL : "--quiet", NULL };
    server = hs_test_server_start (pg, args, &error);
  }
  if (server == NULL)
    g_error ("%s", error->message);
  url = hs_test_server_url (server);

  printf ("bench-server: %d devices in %d offices, %d batches of %d records each per phase, "
          "server with %d threads, %u cores shared by the server, PostgreSQL and the devices' threads\n",
          opt_devices, opt_offices, opt_batches, opt_batch_size, opt_threads, g_get_num_processors ());

  /* Enrolment, a few at a time (each makes a code with the CLI). */
  t0 = g_get_monotonic_time ();
  devices = g_new0 (Device, opt_devices);
  {
    guint workers = MIN (8, opt_devices);
    GPtrArray *shares[8];
    GThread *threads[8];

    for (guint w = 0; w < workers; w++)
      shares[w] = g_ptr_array_new ();
    for (int d = 0; d < opt_devices; d++)
      {
        devices[d].office = office_for (d % opt_offices);
        g_ptr_array_add (shares[d % workers], &devices[d]);
      }
    for (guint w = 0; w < workers; w++)
      threads[w] = g_thread_new ("enrol", enroll_worker, shares[w]);
    for (guint w = 0; w < workers; w++)
      {
        g_thread_join (threads[w]);
        g_ptr_array_unref (shares[w]);
      }
  }
  printf ("enrolled   %d devices in %.2f s\n", opt_devices, (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);

  t0 = g_get_monotonic_time ();
  make_batches (devices, copy_rows);
  printf ("prepared   %" G_GUINT64_FORMAT " records per phase in %.2f s\n", records,
          (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);
  fflush (stdout);

  statements_reset ();
  wall = run_phase (devices, 0, "sustained", &errors_a);
  sustained = records / wall;
  statements_print (records);

  /* The paced phase offers opt_paced_share of the sustained rate: device d
   * starts at a random moment of one interval and then sends a batch every
   * interval. */
  {
    double total_seconds = records / (sustained * opt_paced_share);
    gint64 interval = (gint64) (total_seconds / opt_batches * G_USEC_PER_SEC);
    gint64 start = g_get_monotonic_time ();

    for (int d = 0; d < opt_devices; d++)
      {
        devices[d].interval_us = interval;
        devices[d].start_us = start + g_random_int_range (0, (gint32) MAX (interval, 1));
      }
  }
  errors_b = 0;
  if (!opt_no_paced)
    run_phase (devices, 1, "paced", &errors_b);

  copy = copy_rate (copy_rows, records);
  printf ("push/COPY  %.0f%% (sustained push rate over the raw COPY rate of the same records)\n",
          100.0 * sustained / copy);

  for (int d = 0; d < opt_devices; d++)
    {
      for (int p = 0; p < 2; p++)
        g_ptr_array_unref (devices[d].bodies[p]);
      g_free (devices[d].first_error);
      hs_test_device_free (devices[d].device);
    }
  g_string_free (copy_rows, TRUE);
  hs_test_server_free (g_steal_pointer (&server));
  hs_pg_stop (pg);
  return errors_a + errors_b == 0 ? 0 : 1;
}
