/* sync-cli.c — hotich-sync's commands: enroll, status, push, pull, run.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run works in a worker thread while the main thread keeps the terminal
 * up to date and listens for Ctrl-C (SIGINT) and SIGTERM, which cancel the
 * run cleanly: what was answered is recorded, the rest stays queued.
 */
#define G_LOG_DOMAIN "hotich-sync"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "ht-cli.h"
#include "ht-error.h"
#include "ht-store-sync.h"
#include "ht-sync-enroll.h"
#include "sync-cli.h"

/* Records listed by "status" and after a run; the rest are counted. */
#define ATTENTION_SHOWN 20

/* ---- Messages ---- */

void
sync_error (const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  ht_cli_error_valist ("hotich-sync", format, args);
  va_end (args);
}

int
sync_usage_error (const char *command,
                  const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  ht_cli_usage_error_valist ("hotich-sync", command, format, args);
  va_end (args);
  return SYNC_EXIT_USAGE;
}

/* The exit status a failed command ends with. */
static int
exit_for (const GError *error)
{
  if (error->domain == HT_SYNC_ERROR)
    switch ((HtSyncError) error->code)
      {
      case HT_SYNC_ERROR_AUTH:
        return SYNC_EXIT_AUTH;
      case HT_SYNC_ERROR_INVALID:
      case HT_SYNC_ERROR_NOT_ENROLLED:
        return SYNC_EXIT_USAGE;
      case HT_SYNC_ERROR_FAILED:
      case HT_SYNC_ERROR_UNREACHABLE:
      case HT_SYNC_ERROR_TLS:
      case HT_SYNC_ERROR_PROTOCOL:
      case HT_SYNC_ERROR_REFUSED:
      case HT_SYNC_ERROR_BUSY:
      default:
        return SYNC_EXIT_UNREACHABLE;
      }
  /* A register that cannot be used as it is (missing, not a register,
   * enrolled already) is a usage error; the register failing while a run
   * works (a full disk) is not, and nothing was lost either. */
  if (error->domain == HT_ERROR
      && (error->code == HT_ERROR_NOT_FOUND || error->code == HT_ERROR_CORRUPT || error->code == HT_ERROR_EXISTS))
    return SYNC_EXIT_USAGE;
  return SYNC_EXIT_UNREACHABLE;
}

/* ---- Options ---- */

static gboolean
db_option_cb (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  SyncGlobals *globals = data;

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs the path of a register file"), option_name);
      return FALSE;
    }
  g_free (globals->db_path);
  globals->db_path = g_strdup (value);
  return TRUE;
}

static GOptionContext *
option_context_new (SyncGlobals        *globals,
                    const char         *parameters,
                    const char         *summary,
                    const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  GOptionGroup *main_group = g_option_group_new (NULL, NULL, NULL, globals, NULL);
  const GOptionEntry db_entries[] = {
    { "db", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) db_option_cb,
      N_("The register file (default: $XDG_DATA_HOME/hotich/registry.db)"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };

  g_option_group_set_translation_domain (main_group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, main_group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
                                    _("Exit status: 0 all synced; 1 some records need attention; 2 the server could "
                                      "not be reached or failed (nothing was lost); 3 the server refused this device "
                                      "or the code; 4 a bad command line, or a register that cannot be used so."));
  return context;
}

static gboolean
option_parse (GOptionContext *context,
              const char     *command,
              int            *argc,
              char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sync_usage_error (command, "%s", error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      sync_usage_error (command, _("unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

static const char *
db_path (SyncGlobals *globals)
{
  if (globals->db_path == NULL)
    globals->db_path = ht_store_default_path ();
  return globals->db_path;
}

static HtStore *
open_store (SyncGlobals *globals,
            int         *status)
{
  g_autoptr(GError) error = NULL;
  HtStore *store = ht_store_open (db_path (globals), &error);

  if (store == NULL)
    {
      sync_error ("%s", error->message);
      *status = SYNC_EXIT_USAGE;
    }
  return store;
}

/* ---- Showing records that need attention ---- */

static void
print_attention (HtStore *store,
                 guint64  count)
{
  g_autoptr(GPtrArray) items = NULL;

  if (count == 0)
    return;
  items = ht_store_sync_attention (store, ATTENTION_SHOWN, NULL);
  printf (g_dngettext (GETTEXT_PACKAGE, "%llu record needs attention (the server refused its last change):\n",
                       "%llu records need attention (the server refused their last change):\n", count),
          (unsigned long long) count);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const HtSyncAttention *item = items->pdata[i];

      if (item->number > 0)
        printf ("  %s/%lld/%lld (%s): %s: %s\n", item->kind, (long long) item->book_year, (long long) item->number,
                item->record_id, item->code != NULL ? item->code : "", item->message != NULL ? item->message : "");
      else
        printf ("  %s (%s): %s: %s\n", item->kind, item->record_id, item->code != NULL ? item->code : "",
                item->message != NULL ? item->message : "");
    }
  if (items != NULL && count > items->len)
    printf (_("  … and %llu more\n"), (unsigned long long) (count - items->len));
}

/* ---- enroll ---- */

static void
print_line_cb (const char *line,
               gpointer    user_data)
{
  fprintf (stderr, "%s\n", line);
}

int
sync_cmd_enroll (SyncGlobals  *globals,
                 int           argc,
                 char        **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *name = NULL;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server's address, https://HOST[:PORT]"), N_("URL") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The one-time enrolment code from the ministry"), N_("CODE") },
    { "ca", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the server's certificate through this private certificate authority (PEM)"), N_("FILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A name for this PC on the server (default: its host name)"),
      N_("NAME") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Show each request"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context =
    option_context_new (globals, NULL,
                        _("Enrols the register with the central server using a one-time code.  A clerk's code needs "
                          "the register made by “hotich-admin init” for the same office; a reviewer's code makes the "
                          "supervising office's register when there is no file at --db yet."),
                        entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtSyncDevice) device = NULL;

  if (!option_parse (context, "enroll", &argc, &argv))
    return SYNC_EXIT_USAGE;
  if (server == NULL)
    return sync_usage_error ("enroll", _("--server URL is required"));
  if (code == NULL)
    return sync_usage_error ("enroll", _("--code CODE is required"));

  store = ht_sync_enroll (db_path (globals), server, code, ca_file, name, verbose ? print_line_cb : NULL, NULL,
                          NULL, &error);
  if (store == NULL)
    {
      sync_error ("%s", error->message);
      return exit_for (error);
    }
  device = ht_store_sync_get_device (store, &error);
  if (device == NULL)
    {
      sync_error ("%s", error->message);
      return exit_for (error);
    }
  if (g_str_equal (device->role, "clerk"))
    printf (_("Enrolled: device %s, a commune PC of office %s, with %s.\n"), device->device_id, device->office,
            device->server);
  else
    printf (_("Enrolled: device %s, a reviewer of %s, with %s; register %s.\n"), device->device_id, device->scope,
            device->server, ht_store_get_path (store));
  return SYNC_EXIT_OK;
}

/* ---- status ---- */

static void
add_text (cJSON      *object,
          const char *key,
          const char *value)
{
  if (value != NULL)
    cJSON_AddStringToObject (object, key, value);
  else
    cJSON_AddNullToObject (object, key);
}

int
sync_cmd_status (SyncGlobals  *globals,
                 int           argc,
                 char        **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the status as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context =
    option_context_new (globals, NULL,
                        _("Shows the server, this device, the changes waiting, the records needing attention, the "
                          "last run and whether the server answers now."),
                        entries);
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtSyncDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) probe_error = NULL;
  HtSyncSummary summary;
  gboolean answers = FALSE;
  int status = SYNC_EXIT_OK;

  if (!option_parse (context, "status", &argc, &argv))
    return SYNC_EXIT_USAGE;
  store = open_store (globals, &status);
  if (store == NULL)
    return status;

  device = ht_store_sync_get_device (store, &error);
  ht_store_sync_summary (store, &summary, NULL);
  if (device != NULL)
    answers = ht_sync_probe_server (device->server, device->ca_file, 10000, NULL, &probe_error);

  if (device == NULL)
    status = g_error_matches (error, HT_ERROR, HT_ERROR_NOT_FOUND) ? SYNC_EXIT_USAGE : exit_for (error);
  else if (!answers)
    status = SYNC_EXIT_UNREACHABLE;
  else if (summary.attention > 0)
    status = SYNC_EXIT_ATTENTION;

  if (json)
    {
      g_autoptr(cJSON) out = cJSON_CreateObject ();
      g_autofree char *text = NULL;

      cJSON_AddStringToObject (out, "register", ht_store_get_path (store));
      cJSON_AddStringToObject (out, "office", ht_store_get_office (store));
      cJSON_AddBoolToObject (out, "enrolled", device != NULL);
      add_text (out, "server", device != NULL ? device->server : NULL);
      add_text (out, "device_id", device != NULL ? device->device_id : NULL);
      add_text (out, "device_name", device != NULL ? device->device_name : NULL);
      add_text (out, "role", device != NULL ? device->role : NULL);
      add_text (out, "scope", device != NULL ? device->scope : NULL);
      add_text (out, "ca_file", device != NULL ? device->ca_file : NULL);
      cJSON_AddNumberToObject (out, "pending", (double) summary.pending);
      cJSON_AddNumberToObject (out, "needs_attention", (double) summary.attention);
      cJSON_AddNumberToObject (out, "cursor", (double) summary.cursor);
      add_text (out, "last_success", summary.last_success);
      add_text (out, "last_error", summary.last_error);
      add_text (out, "last_error_at", summary.last_error_at);
      cJSON_AddBoolToObject (out, "server_answers", answers);
      add_text (out, "server_error", probe_error != NULL ? probe_error->message : NULL);
      text = cJSON_Print (out);
      printf ("%s\n", text);
    }
  else
    {
      const char *none = _("—");

      printf (_("Register:         %s (office %s)\n"), ht_store_get_path (store), ht_store_get_office (store));
      if (device != NULL)
        {
          printf (_("Server:           %s\n"), device->server);
          if (device->ca_file != NULL)
            printf (_("Private CA:       %s\n"), device->ca_file);
          printf (_("Device:           %s (%s), %s of %s, enrolled %s\n"), device->device_id,
                  device->device_name != NULL ? device->device_name : "", device->role, device->scope,
                  device->enrolled_at != NULL ? device->enrolled_at : none);
        }
      else
        printf (_("Server:           not enrolled (hotich-sync enroll --server URL --code CODE)\n"));
      printf (_("Pending changes:  %llu\n"), (unsigned long long) summary.pending);
      printf (_("Need attention:   %llu\n"), (unsigned long long) summary.attention);
      printf (_("Last success:     %s\n"), summary.last_success != NULL ? summary.last_success : none);
      if (summary.last_error != NULL)
        printf (_("Last error:       %s (%s)\n"), summary.last_error,
                summary.last_error_at != NULL ? summary.last_error_at : none);
      else
        printf (_("Last error:       %s\n"), none);
      if (device != NULL)
        {
          if (answers)
            printf (_("Server answers:   yes\n"));
          else
            printf (_("Server answers:   no (%s)\n"), probe_error->message);
        }
      print_attention (store, summary.attention);
    }
  ht_sync_summary_clear (&summary);
  return status;
}

/* ---- push, pull, run ---- */

typedef enum {
  DO_PUSH,
  DO_PULL,
  DO_RUN,
} What;

typedef struct
{
  HtSyncEngine  *engine;
  What           what;
  HtSyncReport   report;
  GCancellable  *cancellable;
  SyncProgress  *progress;
  GMainLoop     *loop;
  gboolean       ok;
  GError        *error;
} RunContext;

typedef struct
{
  RunContext  *run;
  HtSyncPhase  phase;
  guint64      done;
  guint64      total;
  char        *line;
} Update;

static gboolean
update_idle (gpointer data)
{
  Update *update = data;

  if (update->line != NULL)
    sync_progress_line (update->run->progress, update->line);
  else
    sync_progress_update (update->run->progress, update->phase, update->done, update->total);
  return G_SOURCE_REMOVE;
}

static void
update_free (Update *update)
{
  g_free (update->line);
  g_free (update);
}

static void
send_update (RunContext  *run,
             HtSyncPhase  phase,
             guint64      done,
             guint64      total,
             const char  *line)
{
  Update *update = g_new0 (Update, 1);

  *update = (Update) { run, phase, done, total, g_strdup (line) };
  /* An idle source, dispatched by the main thread: g_main_context_invoke()
   * would run it here in the worker whenever the main thread is not
   * iterating at that moment. */
  g_idle_add_full (G_PRIORITY_DEFAULT, update_idle, update, (GDestroyNotify) update_free);
}

static void
progress_cb (HtSyncPhase phase,
             guint64     done,
             guint64     total,
             gpointer    user_data)
{
  send_update (user_data, phase, done, total, NULL);
}

static void
log_cb (const char *line,
        gpointer    user_data)
{
  send_update (user_data, 0, 0, 0, line);
}

static gboolean
quit_idle (gpointer data)
{
  RunContext *run = data;

  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
run_thread (gpointer data)
{
  RunContext *run = data;

  switch (run->what)
    {
    case DO_PUSH:
      run->ok = ht_sync_engine_push (run->engine, &run->report, run->cancellable, &run->error);
      break;
    case DO_PULL:
      run->ok = ht_sync_engine_pull (run->engine, &run->report, run->cancellable, &run->error);
      break;
    case DO_RUN:
    default:
      run->ok = ht_sync_engine_run (run->engine, &run->report, run->cancellable, &run->error);
      break;
    }
  /* Quit from the loop's own thread, after the updates queued before: a
   * quit made before the loop started running would be lost. */
  g_idle_add (quit_idle, run);
  return NULL;
}

static gboolean
signal_cb (gpointer user_data)
{
  RunContext *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static int
run_command (SyncGlobals  *globals,
             const char   *command,
             What          what,
             const char   *summary_text,
             int           argc,
             char        **argv)
{
  int batch = 0;
  int retries = 0;
  int in_flight = 0;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch, N_("Changes per request, 1 to 1000 (default 1000)"), N_("N") },
    { "in-flight", 0, 0, G_OPTION_ARG_INT, &in_flight,
      N_("Push requests with the server at the same time, 1 to 4 (default 2)"), N_("N") },
    { "retries", 0, 0, G_OPTION_ARG_INT, &retries,
      N_("Tries of one request before giving up when the server does not answer (default 6)"), N_("N") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Show each request"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = option_context_new (globals, NULL, summary_text, entries);
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtSyncEngine) engine = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SyncProgress) progress = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  HtSyncOptions options;
  HtSyncSummary summary;
  RunContext run = { 0 };
  GThread *thread;
  guint sigint, sigterm;
  int status = SYNC_EXIT_OK;

  if (!option_parse (context, command, &argc, &argv))
    return SYNC_EXIT_USAGE;
  if (batch != 0 && (batch < 1 || batch > 1000))
    return sync_usage_error (command, _("--batch must be a number from 1 to 1000, not %d"), batch);
  if (retries != 0 && (retries < 1 || retries > 100))
    return sync_usage_error (command, _("--retries must be a number from 1 to 100, not %d"), retries);
  if (in_flight != 0 && (in_flight < 1 || in_flight > HT_SYNC_MAX_IN_FLIGHT))
    return sync_usage_error (command, _("--in-flight must be a number from 1 to %d, not %d"), HT_SYNC_MAX_IN_FLIGHT,
                             in_flight);

  store = open_store (globals, &status);
  if (store == NULL)
    return status;
  engine = ht_sync_engine_new (store, &error);
  if (engine == NULL)
    {
      sync_error ("%s", error->message);
      return exit_for (error);
    }
  ht_sync_options_init (&options);
  if (batch > 0)
    options.batch_size = options.pull_limit = (guint) batch;
  if (retries > 0)
    options.max_attempts = (guint) retries;
  if (in_flight > 0)
    options.in_flight = (guint) in_flight;
  ht_sync_engine_set_options (engine, &options);

  progress = sync_progress_new (verbose);
  run = (RunContext) { engine, what, { 0 }, cancellable, progress, loop, FALSE, NULL };
  ht_sync_engine_set_progress (engine, progress_cb, &run);
  if (verbose)
    ht_sync_engine_set_log (engine, log_cb, &run);

  sigint = g_unix_signal_add (SIGINT, signal_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, signal_cb, &run);
  thread = g_thread_new ("hotich-sync", run_thread, &run);
  g_main_loop_run (loop);
  g_thread_join (thread);
  /* What the worker queued before it ended is shown before the summary. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (sigint);
  g_source_remove (sigterm);
  sync_progress_clear (progress);

  if (what != DO_PULL)
    printf (_("Sent: %llu changes applied, %llu refused.\n"), (unsigned long long) run.report.pushed,
            (unsigned long long) run.report.refused);
  if (what != DO_PUSH)
    printf (_("Received: %llu changes.\n"), (unsigned long long) run.report.pulled);

  ht_store_sync_summary (store, &summary, NULL);
  if (!run.ok)
    {
      if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sync_error (_("Cancelled; nothing was lost, the remaining %llu changes wait for the next run"),
                    (unsigned long long) summary.pending);
      else
        sync_error ("%s", run.error->message);
      status = exit_for (run.error);
      g_clear_error (&run.error);
    }
  else
    {
      print_attention (store, summary.attention);
      if (summary.attention > 0)
        status = SYNC_EXIT_ATTENTION;
      else if (summary.pending > 0 && what != DO_PULL)
        /* Saved meanwhile: the next run takes them. */
        printf (_("%llu changes were saved during the run and wait for the next one.\n"),
                (unsigned long long) summary.pending);
    }
  ht_sync_summary_clear (&summary);
  return status;
}

int
sync_cmd_push (SyncGlobals  *globals,
               int           argc,
               char        **argv)
{
  return run_command (globals, "push", DO_PUSH,
                      _("Sends the changes waiting in the outbox to the server, in batches."), argc, argv);
}

int
sync_cmd_pull (SyncGlobals  *globals,
               int           argc,
               char        **argv)
{
  return run_command (globals, "pull", DO_PULL,
                      _("Asks for register numbers when a book runs low, then receives what the server decided "
                        "(personal ID numbers, reviews, number blocks; a reviewer's records) until nothing is left."),
                      argc, argv);
}

int
sync_cmd_run (SyncGlobals  *globals,
              int           argc,
              char        **argv)
{
  return run_command (globals, "run", DO_RUN, _("Push, then pull until nothing is left."), argc, argv);
}
