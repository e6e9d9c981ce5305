/* bench-app.c — the desktop application on a large register: start, memory, search.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints (never asserts — machines are noisy):
 *  - the time from the start of the process to the window's first frame,
 *    and from "Sign in" to the first frame of the filled register books;
 *  - the resident memory after browsing: scrolling through the whole list,
 *    opening records, searching;
 *  - the time from the last keystroke of a search to the first frame
 *    painted with the updated results (the search delay of the entry
 *    included), for names typed without accents and book numbers; with
 *    the CPU time the process used meanwhile, which other work on the
 *    machine does not stretch.
 * The register is --db PATH, made first when it does not exist with
 * --records N generated records (hotich-gen N | hotich-admin import; their
 * paths in $HOTICH_GEN and $HOTICH_ADMIN).  Runs under xvfb-run.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "app-test-util.h"
#include "ht-books-view.h"
#include "ht-record-list.h"
#include "ht-record-view.h"

static gint64 process_start;
static gint64 first_frame;

/* CPU time (user + system) the process used so far, in ms: on a machine
 * busy with other work it says what the wall time would be when idle. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static double
ms_since (gint64 from)
{
  return (double) (g_get_monotonic_time () - from) / 1000.0;
}

static guint64
rss_kib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, key)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (key), NULL, 10);
}

static double first_frame_cpu;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 *when = user_data;

  if (*when == 0)
    {
      *when = g_get_monotonic_time ();
      if (when == &first_frame)
        first_frame_cpu = cpu_ms ();
    }
}

/* Waits for the next frame painted after now. */
static gint64
next_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 when = 0;
  gulong handler;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (clock == NULL)
    return g_get_monotonic_time ();
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &when);
  gtk_widget_queue_draw (widget);
  while (when == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  return when != 0 ? when : g_get_monotonic_time ();
}

static void
window_realized_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (after_paint_cb), &first_frame);
}

static int
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s failed: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}

static int
make_register (const char *path,
               guint       records)
{
  const char *gen = g_getenv ("HOTICH_GEN");
  const char *admin = g_getenv ("HOTICH_ADMIN");
  g_autofree char *count = g_strdup_printf ("%u", records);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *lines = g_build_filename (dir, "records.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (gen == NULL || admin == NULL)
    {
      g_printerr ("Set HOTICH_GEN and HOTICH_ADMIN (build/bench/hotich-gen, build/core/admin/hotich-admin)\n");
      return 1;
    }
  g_mkdir_with_parents (dir, 0700);
  {
    const char *init[] = { admin, "--db", path, "init", "--office", "00004", NULL };
    g_autofree char *cmd = g_strdup_printf ("'%s' --office 00004 --count %s --seed 7 --from 2016-01-01 "
                                            "--to 2026-11-20 > '%s'", gen, count, lines);
    const char *sh[] = { "/bin/sh", "-c", cmd, NULL };
    const char *import[] = { admin, "--db", path, "import", lines, NULL };

    if (run (init) != 0 || run (sh) != 0 || run (import) != 0)
      return 1;
  }
  g_unlink (lines);
  store = ht_store_open (path, &error);
  if (store == NULL || !ht_store_user_add (store, "bench", "clerk", "bench", &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("made the register: %u records in %.1f s\n", records, ms_since (start) / 1000.0);
  (void) status;
  return 0;
}

static gboolean
list_settled (HtRecordList *list)
{
  g_autoptr(HtRecordItem) first = NULL;

  if (ht_record_list_get_loading (list))
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    return TRUE;
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return ht_record_item_get_loaded (first);
}

typedef struct
{
  HtRecordList *list;
  const char   *query;
  gint64        done;
} SearchWait;

static void
ready_cb (HtRecordList *list,
          SearchWait   *wait)
{
  if (g_strcmp0 (ht_record_list_get_search (list), wait->query) == 0 && wait->done == 0)
    wait->done = g_get_monotonic_time ();
}

/* The books view's search entry, found in its widget tree. */
static GtkEditable *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_search_entry (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gint
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Types "query" one character at a time, 80 ms apart (a quick typist),
 * and returns the milliseconds from the last keystroke to the first frame
 * painted with the results in it (their first row filled in). */
static double
type_and_wait (GtkWidget    *window,
               HtBooksView  *books,
               HtRecordList *list,
               const char   *query,
               double       *cpu)
{
  SearchWait wait = { list, query, 0 };
  double cpu_last = 0;
  gulong handler = g_signal_connect (list, "ready", G_CALLBACK (ready_cb), &wait);
  gint64 last = 0;
  gint64 end;

  GtkEditable *entry = find_search_entry (GTK_WIDGET (books));

  /* Each keystroke adds one character at the end, as typing does (setting
   * the whole text would empty the entry first, which GtkSearchEntry
   * reports at once as a search for everything). */
  gtk_editable_set_text (entry, "");
  for (const char *p = query; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = -1;

      last = g_get_monotonic_time ();
      cpu_last = cpu_ms ();
      gtk_editable_insert_text (entry, p, g_utf8_next_char (p) - p, &position);
      if (*g_utf8_next_char (p) != '\0')
        app_test_spin (80);
    }
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (wait.done == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (list, handler);
  if (wait.done != 0)
    {
      while (!list_settled (list) && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      wait.done = list_settled (list) ? next_frame (window) : 0;
    }
  if (cpu != NULL)
    *cpu = cpu_ms () - cpu_last;
  return wait.done != 0 ? (double) (wait.done - last) / 1000.0 : -1.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  guint records = 1000000;
  gboolean keep = FALSE;
  gboolean start_only = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The register (made if missing)", "PATH" },
    { "records", 0, 0, G_OPTION_ARG_INT, &records, "Records of a register made here (default 1,000,000)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep a register made here", NULL },
    { "start-only", 0, 0, G_OPTION_ARG_NONE, &start_only, "Measure the start alone (to repeat it, or profile it)",
      NULL },
    { NULL },
  };

  g_autoptr(GOptionContext) context = g_option_context_new ("— the desktop app on a large register");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  HtWindow *window;
  HtBooksView *books;
  HtRecordList *list;
  GtkAdjustment *adjustment;
  gint64 signin_start, books_frame;
  double start_cpu;
  guint n;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  static const char *const queries[] = {
    "nguyen van an", "tran thi", "le van hung", "pham thi thu", "hoang", "dang van", "vu thi mai",
    "bui", "do van nam", "ngo thi lan",
  };

  /* Under Xvfb there is no GPU: GTK's GL renderer would run on Mesa's
   * software rasteriser, whose JIT then dominates every figure (and adds
   * ~90 MiB of LLVM).  Measure with the renderer the tests use, unless the
   * caller chose one. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  process_start = g_get_monotonic_time ();
  app_test_outside_check = TRUE;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (db == NULL)
    {
      tmp = g_dir_make_tmp ("bench-app-XXXXXX", &error);
      db = g_build_filename (tmp, "registry.db", NULL);
    }
  if (!g_file_test (db, G_FILE_TEST_EXISTS) && make_register (db, records) != 0)
    return 1;

  /* Start to first frame: GTK, the application, the window, the register. */
  process_start = g_get_monotonic_time ();
  start_cpu = cpu_ms ();
  app_test_init ();
  window = ht_window_new (app_test_app (), db);
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (first_frame != 0, "the first frame");
  g_print ("first frame after start: %.0f ms (CPU time of the process by then: %.0f ms)\n",
           (double) (first_frame - process_start) / 1000.0, first_frame_cpu - start_cpu);
  WAIT_FOR (g_strcmp0 (ht_window_get_mode (window), "signin") == 0, "the sign-in");
  g_print ("sign-in shown (register open) after start: %.0f ms\n", ms_since (process_start));
  if (start_only)
    {
      app_test_close (window);
      return 0;
    }

  signin_start = g_get_monotonic_time ();
  app_test_sign_in (window, "bench", "bench");
  books = HT_BOOKS_VIEW (ht_window_get_view (window, "books"));
  list = HT_RECORD_LIST (ht_books_view_get_model (books));
  WAIT_FOR (list_settled (list), "the register books");
  books_frame = next_frame (GTK_WIDGET (window));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_print ("register books shown (%u entries) after sign-in: %.0f ms (password check included)\n", n,
           (double) (books_frame - signin_start) / 1000.0);
  g_print ("  resident memory with the books shown: %" G_GUINT64_FORMAT " MiB\n", rss_kib ("VmRSS:") / 1024);

  /* Browsing: the whole list top to bottom in 20 jumps, records, searches. */
  adjustment = ht_books_view_get_vadjustment (books);
  {
    gint64 start = g_get_monotonic_time ();
    double worst = 0;

    for (guint i = 0; i <= 20; i++)
      {
        gint64 jump = g_get_monotonic_time ();
        double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
        gint64 frame;

        gtk_adjustment_set_value (adjustment, upper * i / 20.0);
        frame = next_frame (GTK_WIDGET (window));
        worst = MAX (worst, (double) (frame - jump) / 1000.0);
        app_test_spin (150);
      }
    g_print ("scrolling through the list: 21 jumps in %.0f ms, slowest frame after a jump %.1f ms\n",
             ms_since (start), worst);
    g_print ("  resident memory after scrolling: %" G_GUINT64_FORMAT " MiB\n", rss_kib ("VmRSS:") / 1024);
  }
  for (guint i = 0; i < 20 && n > 0; i++)
    {
      g_autoptr(HtRecordItem) item = g_list_model_get_item (G_LIST_MODEL (list), (guint) ((guint64) i * n / 20));
      HtRecordView *record_view = HT_RECORD_VIEW (ht_window_get_view (window, "record"));

      WAIT_FOR (ht_record_item_get_loaded (item), "a row");
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "s", ht_record_item_get_id (item));
      WAIT_FOR (ht_record_view_get_record (record_view) != NULL &&
                g_strcmp0 (ht_record_view_get_id (record_view), ht_record_item_get_id (item)) == 0,
                "a record");
    }
  g_print ("  resident memory after opening 20 records: %" G_GUINT64_FORMAT " MiB\n", rss_kib ("VmRSS:") / 1024);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        double cpu = 0;
        double ms = type_and_wait (GTK_WIDGET (window), books, list, queries[i], &cpu);
        if (ms >= 0 && round == 1)
          {
            g_array_append_val (latencies, ms);
            g_array_append_val (cpus, cpu);
          }
        if (round == 1)
          g_print ("  search “%s”: %u results %.1f ms after the last keystroke (CPU %.1f ms)\n", queries[i],
                   ht_record_list_get_count (list), ms, cpu);
        ht_books_view_set_search (books, "");
        WAIT_FOR (list_settled (list) && ht_record_list_get_search (list) == NULL, "the whole list");
      }
  /* A book number and a missing name. */
  {
    double cpu = 0;
    double ms = type_and_wait (GTK_WIDGET (window), books, list, "birth/2026/1", &cpu);
    g_print ("  search “birth/2026/1”: %u results %.1f ms after the last keystroke\n",
             ht_record_list_get_count (list), ms);
    if (ms >= 0)
      {
        g_array_append_val (latencies, ms);
        g_array_append_val (cpus, cpu);
      }
  }
  g_array_sort (latencies, compare_double);
  g_array_sort (cpus, compare_double);
  if (latencies->len > 0)
    g_print ("search, last keystroke to the frame with the results (the entry's pause included): median %.1f ms, "
             "p90 %.1f ms, max %.1f ms over %u searches\n",
             g_array_index (latencies, double, latencies->len / 2),
             g_array_index (latencies, double, latencies->len * 9 / 10),
             g_array_index (latencies, double, latencies->len - 1), latencies->len);
  if (cpus->len > 0)
    g_print ("search, CPU time of the process from the last keystroke to the results: median %.1f ms, "
             "max %.1f ms\n", g_array_index (cpus, double, cpus->len / 2),
             g_array_index (cpus, double, cpus->len - 1));

  g_print ("resident memory after browsing: %" G_GUINT64_FORMAT " MiB (peak %" G_GUINT64_FORMAT " MiB; "
           "the register's page cache is 8 MiB of it)\n",
           rss_kib ("VmRSS:") / 1024, rss_kib ("VmHWM:") / 1024);
  {
    double load[3] = { 0, 0, 0 };
    g_autofree char *loadavg = NULL;
    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      sscanf (loadavg, "%lf %lf %lf", &load[0], &load[1], &load[2]);
    g_print ("machine: %d processors, load average %.1f while this ran (wall times grow with it)\n",
             g_get_num_processors (), load[0]);
  }
  g_print ("targets: first frame ≤ 1000 ms, memory ≤ 200 MiB, results ≤ 100 ms after typing stops\n");

  app_test_close (window);
  if (tmp != NULL && !keep)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);
      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmp);
    }
  return 0;
}
